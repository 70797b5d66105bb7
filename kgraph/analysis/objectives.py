"""Objectives per target group in knowledge, attitude and behaviour: where each one stands.

"Measure, evaluate the goals and adjust": per objective the baseline, the latest
measurement, the value expected by now on the straight line from the baseline to the
target, and a status a communication manager can act on.

Pure and deterministic: a function of the organisation on one date and the options.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import TYPE_CHECKING, Any

from ..model import model
from ..org import Org
from ..vocabulary import value_words

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["objectives", "expected_value", "margin_of_error", "status_of", "status_words", "STATUSES", "COLUMNS"]

#: the statuses, in the order they are decided (the first that applies)
STATUSES = ("no_data", "too_few_respondents", "achieved", "overdue", "behind", "on_track")
#: z for a two-sided 95 % interval
Z95 = 1.96
#: the columns of :func:`objectives`, in order
COLUMNS = ["objective_id", "indicator", "target_group_id", "target_group", "target_group_kind", "internal", "group_size",
           "issue_id", "dimension", "unit", "baseline", "baseline_date", "target", "deadline", "expected", "latest",
           "latest_date", "respondents", "margin", "progress", "status", "measurements", "history", "owner_id", "owner"]


def _day(v: Any) -> _dt.date:
    return v if isinstance(v, _dt.date) else _dt.date.fromisoformat(str(v))


def expected_value(baseline: float, baseline_date: Any, target: float, deadline: Any, day: Any) -> float:
    """The value expected on ``day`` on the straight line from ``baseline`` (at
    ``baseline_date``) to ``target`` (at ``deadline``); the baseline before it starts,
    the target after the deadline.

    >>> expected_value(30, "2025-01-01", 60, "2027-01-01", "2026-01-01")
    45.0
    >>> expected_value(30, "2025-01-01", 60, "2027-01-01", "2028-06-01"), expected_value(30, "2025-01-01", 60, "2025-01-01", "2025-01-01")
    (60.0, 60.0)
    """
    start, end, now = _day(baseline_date), _day(deadline), _day(day)
    span = (end - start).days
    share = 1.0 if span <= 0 else min(1.0, max(0.0, (now - start).days / span))
    return float(baseline) + (float(target) - float(baseline)) * share


def margin_of_error(value: float | None, respondents: int | None, unit: str) -> float:
    """The 95 % margin in points of a percentage measured among ``respondents``:
    1.96·sqrt(p(1−p)/n)·100 with p = value/100; zero for other units or without n.

    >>> round(margin_of_error(50, 400, "percent"), 2), margin_of_error(7.1, 80, "score")
    (4.9, 0.0)
    """
    if unit != "percent" or value is None or not respondents:
        return 0.0
    p = min(1.0, max(0.0, float(value) / 100))
    return Z95 * math.sqrt(p * (1 - p) / int(respondents)) * 100


def status_of(*, baseline: float, target: float, expected: float, latest: float | None, margin: float,
              respondents: int | None, overdue: bool, min_group_size: int) -> str:
    """The status of an objective (see :func:`objectives`); ``latest`` None: no measurement after the baseline.

    >>> kw = dict(baseline=30, target=60, expected=45, margin=3, respondents=200, overdue=False, min_group_size=5)
    >>> status_of(latest=None, **kw), status_of(latest=61, **kw), status_of(latest=40, **kw), status_of(latest=43, **kw)
    ('no_data', 'achieved', 'behind', 'on_track')
    >>> status_of(latest=10, **{**kw, "baseline": 20, "target": 10, "expected": 15})   # lower is better
    'achieved'
    >>> status_of(latest=61, **{**kw, "respondents": 4}), status_of(latest=50, **{**kw, "overdue": True})
    ('too_few_respondents', 'overdue')
    """
    if latest is None:
        return "no_data"
    if respondents is not None and respondents < min_group_size:
        return "too_few_respondents"
    up = target >= baseline
    if (latest >= target) if up else (latest <= target):
        return "achieved"
    if overdue:
        return "overdue"
    shortfall = (expected - latest) if up else (latest - expected)
    return "behind" if shortfall > margin else "on_track"


def _num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def objectives(org: Org, *, target_group: str | None = None, min_group_size: int = 5) -> pd.DataFrame:
    """Where every objective stands on the Org's date.

    Measurements dated after the date are ignored. The latest measurement is the most
    recent one after the baseline date.

    Parameters
    ----------
    org : Org
        The organisation on one date.
    target_group : str, optional
        Only the objectives of this target group (an id or a name).
    min_group_size : int
        The smallest number of respondents whose result is shown (the store's minimum
        group size, as for every figure about a group): a measurement among fewer
        gives the status ``too_few_respondents`` and its value is not shown.

    Returns
    -------
    pandas.DataFrame
        One row per objective, sorted by target group, dimension (knowledge, attitude,
        behaviour) and id. Columns:

        - ``objective_id, indicator``; ``target_group_id, target_group,
          target_group_kind``; ``internal``: a staff target group (internal support,
          draagvlak); ``group_size``: the group's ``size``, else (a staff group) the
          people present in its units
        - ``issue_id, dimension, unit, baseline, baseline_date, target, deadline``
        - ``expected``: the value expected on the date on the straight line from the
          baseline (at ``baseline_date``) to the target (at ``deadline``)
        - ``latest, latest_date, respondents``: the latest measurement (``latest``
          empty when its respondents are too few)
        - ``margin``: for a percentage with respondents n, the 95 % margin
          1.96·sqrt(p(1−p)/n) in points (p the latest value as a share); else 0
        - ``progress``: (latest − baseline) / (target − baseline): 0 at the baseline,
          1 at the target
        - ``status``: the first that applies of ``no_data`` (no measurement after the
          baseline), ``too_few_respondents`` (its value is not shown, nor may the
          status reveal it), ``achieved`` (the latest value reaches the target; when
          the target is below the baseline, at or below it), ``overdue`` (the
          deadline has passed), ``behind`` (the latest value falls short of the
          expected value by more than its margin), ``on_track``
        - ``measurements``: how many measurements on or before the date;
          ``history``: ``[date, value, respondents]`` of each, oldest first (value
          empty where the respondents are too few)
        - ``owner_id, owner``

    Notes
    -----
    The margin is the half-width of the normal-approximation (Wald) 95 % interval of
    a proportion; it is a rough guide for samples of a few hundred and too narrow for
    values near 0 or 100 % (Agresti & Coull 1998). A shortfall within the margin is
    ``on_track``: the measurement cannot tell it from the expected value.

    References
    ----------
    Agresti, A., & Coull, B. A. (1998). Approximate is better than "exact" for
    interval estimation of binomial proportions. *The American Statistician*, 52(2),
    119–126.

    Examples
    --------
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(
    ...     nodes={"G1": ("TargetGroup", {"name": "Inwoners", "kind": "residents"}),
    ...            "O1": ("Objective", {"dimension": "knowledge", "indicator": "kent de afvalregels", "unit": "percent",
    ...                                 "baseline": 30, "baseline_date": "2025-01-01", "target": 60, "deadline": "2027-01-01"}),
    ...            "M1": ("Measurement", {"date": "2025-12-15", "value": 38, "respondents": 400}),
    ...            "M2": ("Measurement", {"date": "2026-06-01", "value": 52, "respondents": 380})},
    ...     edges={("AIMS_AT", "O1", "G1", ""): {}, ("MEASURES", "M1", "O1", ""): {}, ("MEASURES", "M2", "O1", ""): {}})
    >>> r = objectives(Org.from_dataset(ds, as_of="2026-01-01")).iloc[0]
    >>> float(r.expected), float(r.latest), round(float(r.margin), 2), r.status
    (45.0, 38.0, 4.76, 'behind')
    >>> objectives(Org.from_dataset(ds, as_of="2026-07-01")).iloc[0].status
    'on_track'
    """
    import pandas as pd

    group_id = org.resolve(target_group, ("TargetGroup",)) if target_group else None
    dims = {d: k for k, d in enumerate(model().tables["objectives"].column("dimension").values)}
    unit_default = model().tables["objectives"].column("unit").default
    day = org.as_of
    rows = []
    for oid, props in org.objectives.items():
        gid = props.get("target_group_id")
        if group_id and gid != group_id:
            continue
        group = org.target_groups.get(gid, {}) if gid else {}
        unit = props.get("unit") or unit_default
        baseline, target = _num(props.get("baseline")), _num(props.get("target"))
        start, deadline = props.get("baseline_date"), props.get("deadline")
        if None in (baseline, target, start, deadline):
            continue  # an objective without a line (only built in memory: the validator requires them)
        history = org.measurements.get(oid, [])
        after = [m for m in history if m["date"] > str(start)]
        last = after[-1] if after else None
        n = int(last["respondents"]) if last and last.get("respondents") not in (None, "") else None
        hidden = n is not None and n < min_group_size
        latest = None if last is None or hidden else _num(last["value"])
        expected = expected_value(baseline, start, target, deadline, day)
        margin = None if hidden or last is None else margin_of_error(latest, n, unit)
        status = status_of(baseline=baseline, target=target, expected=expected,
                           latest=None if last is None else _num(last["value"]), margin=margin or 0.0,
                           respondents=n, overdue=day > _day(deadline), min_group_size=min_group_size)
        kind = group.get("kind")
        size = _num(group.get("size"))
        if size is None and group.get("unit_ids"):
            size = len(org.group_members(gid))
        rows.append({
            "objective_id": oid, "indicator": props.get("indicator"), "target_group_id": gid,
            "target_group": org.name(gid) if gid else None, "target_group_kind": kind,
            "internal": kind == "staff" or bool(group.get("unit_ids")), "group_size": size,
            "issue_id": props.get("issue_id"), "dimension": props.get("dimension"), "unit": unit,
            "baseline": baseline, "baseline_date": str(start), "target": target, "deadline": str(deadline),
            "expected": round(expected, 2), "latest": latest, "latest_date": last["date"] if last else None,
            "respondents": n, "margin": None if margin is None else round(margin, 2),
            "progress": None if latest is None or target == baseline else round((latest - baseline) / (target - baseline), 3),
            "status": status, "measurements": len(history),
            "history": [[m["date"], None if _few(m, min_group_size) else _num(m["value"]), m.get("respondents")]
                        for m in history],
            "owner_id": props.get("owner_id"), "owner": org.name(props["owner_id"]) if props.get("owner_id") else None,
        })
    rows.sort(key=lambda r: (r["target_group_id"] or "", dims.get(r["dimension"], len(dims)), r["objective_id"]))
    df = pd.DataFrame(rows, columns=COLUMNS)
    df.attrs.update({"as_of": day.isoformat(), "min_group_size": min_group_size})
    return df


def _few(m: dict[str, Any], min_group_size: int) -> bool:
    n = m.get("respondents")
    return n not in (None, "") and int(n) < min_group_size


def status_words() -> dict[str, str]:
    """The words for each status, translated.

    >>> status_words()["too_few_respondents"]
    'too few respondents'
    """
    words = value_words("status")
    return {s: words[s] for s in STATUSES}
