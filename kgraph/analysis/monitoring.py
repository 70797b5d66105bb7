"""Monitoring of opinions: signals per issue, channel and period, with spikes.

The seed asks a municipality to monitor continuously (idea box, complaint form,
evaluation form), broadly (customer-satisfaction and information-need surveys) and in
depth (interviews, focus groups, mirror conversations, observations). The channels and
their families are in ``schema/model.toml`` (``signals.channel``).

Pure and deterministic: a function of the organisation on one date and the options.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..errors import OptionError
from ..i18n import _
from ..model import model
from ..org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["monitor", "period_of", "period_start", "next_period", "is_spike", "channel_families", "PERIODS", "COLUMNS"]

#: the lengths of a period
PERIODS = ("month", "quarter")
#: the columns of :func:`monitor`, in order
COLUMNS = ["issue_id", "issue", "channel", "family", "period", "start", "count", "mean_sentiment", "previous_mean", "spike"]
#: a spike: at least this many times the mean of the periods before it ...
SPIKE_RATIO = 2
#: ... over this many periods ...
SPIKE_WINDOW = 3
#: ... and at least this many signals
SPIKE_MIN = 3


def channel_families() -> dict[str, str]:
    """channel -> family, from the schema, in its order.

    >>> channel_families()["mirror_conversation"], channel_families()["media"]
    ('depth', 'media')
    """
    return {ch: fam for fam, chs in model().families("signals", "channel").items() for ch in chs}


def period_of(day: str | _dt.date, period: str) -> str:
    """The label of the month (``2026-03``) or quarter (``2026-Q1``) that holds ``day``.

    >>> period_of("2026-03-31", "month"), period_of("2026-03-31", "quarter"), period_of("2026-04-01", "quarter")
    ('2026-03', '2026-Q1', '2026-Q2')
    """
    d = day if isinstance(day, _dt.date) else _dt.date.fromisoformat(str(day))
    return f"{d.year}-{d.month:02d}" if period == "month" else f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def period_start(label: str) -> _dt.date:
    """The first day of a period label.

    >>> period_start("2026-03"), period_start("2026-Q2")
    (datetime.date(2026, 3, 1), datetime.date(2026, 4, 1))
    """
    year, rest = label.split("-")
    month = (int(rest[1]) - 1) * 3 + 1 if rest.startswith("Q") else int(rest)
    return _dt.date(int(year), month, 1)


def next_period(label: str) -> str:
    """The period after ``label``.

    >>> next_period("2025-12"), next_period("2025-Q4"), next_period("2026-Q1")
    ('2026-01', '2026-Q1', '2026-Q2')
    """
    year, rest = label.split("-")
    if rest.startswith("Q"):
        q = int(rest[1])
        return f"{int(year) + q // 4}-Q{q % 4 + 1}"
    m = int(rest)
    return f"{int(year) + m // 12}-{m % 12 + 1:02d}"


def is_spike(count: int, previous: list[int] | None) -> bool:
    """Whether ``count`` is a spike after the counts of the :data:`SPIKE_WINDOW` periods before it.

    A spike is at least :data:`SPIKE_MIN` signals and at least :data:`SPIKE_RATIO` times
    the mean of the previous periods; ``previous`` is None when those periods lie
    (partly) before monitoring began.

    >>> is_spike(6, [1, 2, 0]), is_spike(2, [0, 0, 0]), is_spike(5, [3, 3, 3]), is_spike(9, None)
    (True, False, False, False)
    """
    if previous is None or count < SPIKE_MIN:
        return False
    return count >= SPIKE_RATIO * sum(previous) / len(previous)


def monitor(org: Org, *, period: str = "month", issue: str | None = None,
            target_group: str | None = None) -> pd.DataFrame:
    """Signals per issue × channel × period: count, mean sentiment, spikes.

    Every signal known on the Org's date is counted, whether or not it names an actor;
    signals dated after it are left out, and undated ones (which no period holds).

    Parameters
    ----------
    org : Org
        The organisation on one date.
    period : {"month", "quarter"}
        The length of a period.
    issue : str, optional
        Only this issue (an id or a name).
    target_group : str, optional
        Only the signals of this target group (an id or a name): those naming it, and
        those without a target group from an actor that speaks for it
        (:attr:`kgraph.org.Org.signals`).

    Returns
    -------
    pandas.DataFrame
        One row per issue, channel and period with at least one signal, sorted by
        issue, family and channel (the schema's order), period. Columns:

        - ``issue_id, issue``; ``channel`` and its ``family`` (``continuous``,
          ``broad``, ``depth``, ``media``: ``schema/model.toml``)
        - ``period`` (``2026-03`` or ``2026-Q1``) and its first day ``start``
        - ``count``; ``mean_sentiment`` (−2 … +2, two decimals; empty (NaN) when no
          signal of the period has a sentiment)
        - ``previous_mean``: the mean count of the three periods before (empty ones
          count as 0); empty when they lie before monitoring began (the period of the
          first signal in the organisation, whatever the filters)
        - ``spike``: ``count`` is at least 3 and at least twice ``previous_mean``

        ``attrs``: ``period``, ``first_period`` (where monitoring began),
        ``periods`` (every period from it to the one holding the date, for charts)
        and ``as_of``.

    Raises
    ------
    OptionError
        For a period other than month or quarter.
    NotFound
        When ``issue`` or ``target_group`` does not exist.

    Notes
    -----
    The spike rule compares a period with the mean of the periods just before it, as
    the early-aberration methods of public-health surveillance compare a day's count
    with a moving baseline (Hutwagner et al. 2003); kgraph's rule is the simplest of
    these (a ratio to the mean, with a minimum count), so that it can be explained in
    one sentence and checked by hand.

    References
    ----------
    Hutwagner, L., Thompson, W., Seeman, G. M., & Treadwell, T. (2003). The
    bioterrorism preparedness and response Early Aberration Reporting System (EARS).
    *Journal of Urban Health*, 80(2 Suppl 1), i89–i96.

    Examples
    --------
    >>> from kgraph.model import Dataset
    >>> nodes = {"I1": ("Issue", {"name": "Afval"})}
    >>> edges = {}
    >>> days = ["2026-01-05", "2026-02-03", "2026-04-01", "2026-04-09", "2026-04-20", "2026-04-28", "2026-06-01"]
    >>> for k, d in enumerate(days):
    ...     nodes[f"S{k}"] = ("Signal", {"date": d, "channel": "complaint", "sentiment": -1})
    ...     edges[("ABOUT", f"S{k}", "I1", "")] = {}
    >>> df = monitor(Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of="2026-05-31"))
    >>> df[["period", "count", "previous_mean", "spike"]].values.tolist()
    [['2026-01', 1, nan, False], ['2026-02', 1, nan, False], ['2026-04', 4, 0.67, True]]
    """
    import pandas as pd

    if period not in PERIODS:
        raise OptionError(_("period must be month or quarter, not '{value}'").format(value=period))
    issue_id = org.resolve(issue, ("Issue",)) if issue else None
    group_id = org.resolve(target_group, ("TargetGroup",)) if target_group else None
    families = channel_families()
    order = {ch: k for k, ch in enumerate(families)}
    dated = [s for s in org.signals if s["date"] and s["issue_id"]]
    first = period_of(dated[0]["date"], period) if dated else None
    cells: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s in dated:
        if (issue_id and s["issue_id"] != issue_id) or (group_id and group_id not in s["target_group_ids"]):
            continue
        cells[(s["issue_id"], s["channel"])][period_of(s["date"], period)].append(s["sentiment"])
    rows: list[dict[str, Any]] = []
    for (i, ch), by_period in cells.items():
        counts = {p: len(v) for p, v in by_period.items()}
        for p in sorted(by_period):
            before = _before(p, first)
            previous = None if before is None else [counts.get(b, 0) for b in before]
            sents = [int(x) for x in by_period[p] if x is not None and x != ""]
            rows.append({
                "issue_id": i, "issue": org.name(i), "channel": ch, "family": families.get(ch, ch), "period": p,
                "start": period_start(p).isoformat(), "count": counts[p],
                "mean_sentiment": round(sum(sents) / len(sents), 2) if sents else None,
                "previous_mean": None if previous is None else round(sum(previous) / len(previous), 2),
                "spike": is_spike(counts[p], previous),
            })
    rows.sort(key=lambda r: (r["issue_id"], order.get(r["channel"], len(order)), r["channel"], r["period"]))
    df = pd.DataFrame(rows, columns=COLUMNS)
    periods = [] if first is None else [first]
    while periods and periods[-1] < period_of(org.as_of, period):
        periods.append(next_period(periods[-1]))
    df.attrs.update({"period": period, "first_period": first, "periods": periods, "as_of": org.as_of.isoformat()})
    return df


def _before(label: str, first: str | None) -> list[str] | None:
    """The :data:`SPIKE_WINDOW` periods before ``label``, or None when one lies before ``first``."""
    if first is None:
        return None
    out, p = [], first
    while p != label:
        out.append(p)
        p = next_period(p)
    return out[-SPIKE_WINDOW:] if len(out) >= SPIKE_WINDOW else None
