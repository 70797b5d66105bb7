"""What changed between two dates: ties, linking pins, cut points, gaps, stances, objectives.

A comparison of the findings of two dates, one row per change. The findings of each
date are the ones every other command shows for it (:class:`Results`: the facade hands
over its bundle's results, so nothing is computed twice); given none, they are
computed here.

Pure and deterministic: a function of the two organisations and the options.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import KgraphError
from ..i18n import _, ngettext
from ..org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["compare", "Results", "KINDS", "COLUMNS", "QUIET_GAPS"]

#: the kinds of change, in the order they are listed
KINDS = ("tie_added", "tie_removed", "pin_gained", "pin_lost", "cut_point_gained", "cut_point_lost", "gap_opened",
         "gap_closed", "stance_changed", "objective_status_changed")
#: the columns of :func:`compare`, in order
COLUMNS = ["kind", "subject_id", "subject", "context_id", "context", "before", "after"]
#: gap kinds left out by default: a skill turns stale just because time passes (``kgraph gaps`` lists them)
QUIET_GAPS = ("stale",)


@dataclass(frozen=True)
class Results:
    """The findings of one date that :func:`compare` compares.

    ``pins``: :func:`~kgraph.analysis.linking.linking_pins` (``person_id, name,
    formal_pin, articulation_point, components_if_removed``); ``gaps``:
    :func:`~kgraph.analysis.gaps.gaps`; ``stakeholders``:
    :func:`~kgraph.analysis.stakeholders.stakeholders` (None without positions);
    ``objectives``: :func:`~kgraph.analysis.objectives.objectives`.
    """

    pins: Any
    gaps: Any
    stakeholders: Any
    objectives: Any

    @classmethod
    def of(cls, org: Org, *, min_group_size: int = 5) -> Results:
        """Compute the results of ``org`` with every analysis's defaults."""
        from . import gaps, linking, objectives, stakeholders

        try:
            sh = stakeholders.stakeholders(org)
        except KgraphError:
            sh = None
        return cls(linking.linking_pins(org, by="team"), gaps.gaps(org), sh,
                   objectives.objectives(org, min_group_size=min_group_size))


def compare(before: Org, after: Org, *, results_before: Results | None = None, results_after: Results | None = None,
            min_group_size: int = 5, quiet_gaps: tuple[str, ...] = QUIET_GAPS) -> pd.DataFrame:
    """What changed from the organisation on one date to the organisation on another.

    Parameters
    ----------
    before, after : Org
        The organisation on the earlier and on the later date (either order works:
        the rows always describe ``before`` → ``after``).
    results_before, results_after : Results, optional
        The findings of each date (computed when not given).
    min_group_size : int
        For the objectives, when the results are computed here.
    quiet_gaps : tuple of str
        Gap kinds left out (default: ``stale``, which opens as time passes).

    Returns
    -------
    pandas.DataFrame
        One row per change, by kind (in the order below), then subject and context.
        Columns ``kind, subject_id, subject, context_id, context, before, after``
        (``before`` and ``after``: short text, empty where the thing did not exist):

        - ``tie_added`` / ``tie_removed``: a work tie between two present persons as
          reported (subject the reporting person, context the other; the values:
          its kind);
        - ``pin_gained`` / ``pin_lost``: a person became or stopped being a formal
          linking pin (Likert; the values: none, vertical, lateral, both);
        - ``cut_point_gained`` / ``cut_point_lost``: a person became or stopped
          being an articulation point of the work network (the values: into how many
          parts their leaving splits it);
        - ``gap_opened`` / ``gap_closed``: a knowledge gap (subject the knowledge
          item, context the unit; the values: the gap kind and its holders);
        - ``stance_changed``: an actor's current stance on an issue (subject the
          actor, context the issue), also when the actor took a first position;
        - ``objective_status_changed``: an objective's status (subject the
          objective, context its target group).

    Examples
    --------
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(nodes={"T1": ("Team", {"name": "Wmo"}), "P1": ("Person", {"name": "Ann"}),
    ...                     "P2": ("Person", {"name": "Bo", "start_date": "2026-03-01"})},
    ...              edges={("MEMBER_OF", "P1", "T1", ""): {"role": "lead"}, ("MEMBER_OF", "P2", "T1", ""): {},
    ...                     ("WORKS_WITH", "P1", "P2", "advice"): {"kind": "advice"}})
    >>> df = compare(Org.from_dataset(ds, as_of="2026-01-01"), Org.from_dataset(ds, as_of="2026-06-01"))
    >>> df[["kind", "subject_id", "context_id", "after"]].values.tolist()
    [['tie_added', 'P1', 'P2', 'advice']]
    """
    import pandas as pd

    if before.as_of > after.as_of:
        before, after = after, before
        results_before, results_after = results_after, results_before
    rb = results_before or Results.of(before, min_group_size=min_group_size)
    ra = results_after or Results.of(after, min_group_size=min_group_size)
    rows: list[dict[str, Any]] = []
    _ties(before, after, rows)
    _people(before, after, rb.pins, ra.pins, rows)
    _gaps(rb.gaps, ra.gaps, quiet_gaps, rows)
    _stances(rb.stakeholders, ra.stakeholders, rows)
    _objectives(rb.objectives, ra.objectives, rows)
    order = {k: n for n, k in enumerate(KINDS)}
    rows.sort(key=lambda r: (order[r["kind"]], r["subject_id"] or "", r["context_id"] or ""))
    df = pd.DataFrame(rows, columns=COLUMNS).astype(object)
    df = df.where(df.notna(), None)
    df.attrs.update({"from": before.as_of.isoformat(), "to": after.as_of.isoformat()})
    return df


def _row(kind: str, subject_id: str, subject: str, before: Any, after: Any, context_id: str | None = None,
         context: str | None = None) -> dict[str, Any]:
    return {"kind": kind, "subject_id": subject_id, "subject": subject, "context_id": context_id, "context": context,
            "before": None if before is None else str(before), "after": None if after is None else str(after)}


def _name(a: Org, b: Org, node: str) -> str:
    return b.name(node) if b.kind(node) else a.name(node)


def _ties(before: Org, after: Org, rows: list) -> None:
    def ties(org: Org) -> dict[tuple[str, str], set[str]]:
        out: dict[tuple[str, str], set[str]] = {}
        for s, t, key, props in org.edges("WORKS_WITH"):
            if s in org.present and t in org.present:
                out.setdefault((s, t), set()).add(str(props.get("kind") or key))
        return out

    tb, ta = ties(before), ties(after)
    for pair in sorted(set(tb) | set(ta)):
        s, t = pair
        for kind in sorted(ta.get(pair, set()) - tb.get(pair, set())):
            rows.append(_row("tie_added", s, _name(before, after, s), None, kind, t, _name(before, after, t)))
        for kind in sorted(tb.get(pair, set()) - ta.get(pair, set())):
            rows.append(_row("tie_removed", s, _name(before, after, s), kind, None, t, _name(before, after, t)))


def _people(before: Org, after: Org, pb, pa, rows: list) -> None:
    def index(df) -> dict[str, dict[str, Any]]:
        return {} if df is None or not len(df) else {r["person_id"]: r for r in df.to_dict("records")}

    ib, ia = index(pb), index(pa)
    for p in sorted(set(ib) | set(ia)):
        b, a = ib.get(p, {}), ia.get(p, {})
        name = _name(before, after, p)
        fb, fa = b.get("formal_pin", "none"), a.get("formal_pin", "none")
        if (fb == "none") != (fa == "none"):
            rows.append(_row("pin_gained" if fa != "none" else "pin_lost", p, name, fb if b else None, fa if a else None))
        cb, ca = bool(b.get("articulation_point")), bool(a.get("articulation_point"))
        if cb != ca:
            rows.append(_row("cut_point_gained" if ca else "cut_point_lost", p, name,
                             _parts(b) if cb else None, _parts(a) if ca else None))


def _parts(r: dict[str, Any]) -> str:
    n = r.get("components_if_removed")
    return _("articulation point") if n is None or n != n else _("splits into {n}").format(n=int(n))


def _gaps(gb, ga, quiet: tuple[str, ...], rows: list) -> None:
    def index(df) -> dict[tuple, dict[str, Any]]:
        out = {}
        for r in ([] if df is None else df.to_dict("records")):
            if r["kind"] not in quiet:
                out[(r["kind"], r["subject_id"], _s(r.get("unit_id")), _s(r.get("person_id")))] = r
        return out

    ib, ia = index(gb), index(ga)
    for key in sorted(set(ib) ^ set(ia), key=lambda k: tuple(x or "" for x in k)):
        r = ia.get(key) or ib[key]
        text = f"{r['kind']}: {_holders(r)}"
        opened = key in ia
        rows.append(_row("gap_opened" if opened else "gap_closed", r["subject_id"], r["subject"],
                         None if opened else text, text if opened else None, _s(r.get("unit_id")), _s(r.get("unit"))))


def _holders(r: dict[str, Any]) -> str:
    h, req = r.get("holders"), r.get("required")
    if h is None or h != h:
        return r["kind"]
    if req is not None and req == req:
        return _("{holders} of {required} holders").format(holders=int(h), required=int(req))
    return ngettext("{n} holder", "{n} holders", int(h)).format(n=int(h))


def _s(v: Any) -> str | None:
    return None if v is None or (isinstance(v, float) and v != v) or v == "" else str(v)


def _stances(sb, sa, rows: list) -> None:
    def index(df) -> dict[tuple[str, str], dict[str, Any]]:
        return {} if df is None else {(r["actor_id"], r["issue_id"]): r for r in df.to_dict("records")}

    ib, ia = index(sb), index(sa)
    for key in sorted(ia):
        a, b = ia[key], ib.get(key)
        if b is not None and _s(b["stance"]) == _s(a["stance"]):
            continue
        rows.append(_row("stance_changed", key[0], a["actor"], _stance(b), _stance(a), key[1], a["issue"]))


def _stance(r: dict[str, Any] | None) -> str | None:
    if r is None or r["stance"] is None or r["stance"] != r["stance"]:
        return None
    s = int(r["stance"])
    return f"{s:+d} {r['stance_label']}" if s else f"0 {r['stance_label']}"


def _objectives(ob, oa, rows: list) -> None:
    def index(df) -> dict[str, dict[str, Any]]:
        return {} if df is None else {r["objective_id"]: r for r in df.to_dict("records")}

    ib, ia = index(ob), index(oa)
    for o in sorted(ia):
        a, b = ia[o], ib.get(o)
        if b is not None and b["status"] == a["status"]:
            continue
        rows.append(_row("objective_status_changed", o, a["indicator"] or o, b["status"] if b else None, a["status"],
                         a["target_group_id"], a["target_group"]))
