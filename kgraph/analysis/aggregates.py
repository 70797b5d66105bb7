"""Figures per team or department, with no group small enough to single anyone out.

The one analysis an aggregate-only store still answers: it reads the store below
the guard on purpose and merges every unit with fewer than the minimum group
size (:func:`kgraph.privacy.merge_plan`) before computing anything.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..errors import KgraphError
from ..privacy import MERGED, _unguard, merge_plan, merged_label, merged_note, min_group_size as _min_group_size
from ..store.guard import AggregateOnlyStore
from ._knowledge import Coverage
from .linking import group_pairs
from .org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["aggregates", "COLUMNS"]

NO_UNIT = "(no team)"
COLUMNS = ["unit_id", "unit", "persons", "knowledge_items", "needs", "unmet_needs", "planned_departures",
           "external_contacts", "brokered_pairs", "privacy_note"]
_FIGURES = COLUMNS[2:-1]


def aggregates(kg, *, by: str = "department", as_of=None, horizon: str | int = "12m",
               min_group_size: int | None = None) -> pd.DataFrame:
    """Per team or department: persons, knowledge, needs, departures, contacts, brokerage.

    Each present person counts in one unit: their home team (among the memberships
    that hold on ``as_of``), or its department.
    Units with fewer than ``min_group_size`` persons are merged into one row
    (topped up with the smallest other units until it reaches the minimum); the
    ``privacy_note`` column says which. Works in aggregate-only mode.

    Parameters
    ----------
    kg : KnowledgeGraph
    by : {"department", "team"}
    as_of : date or str, optional
        Reference date (default today): who is present, who leaves after it.
    horizon : str or int
        Departures within this many months (``"12m"``, ``"2y"``).
    min_group_size : int, optional
        Default: :attr:`KnowledgeGraph.min_group_size`.

    Returns
    -------
    pandas.DataFrame
        ``unit_id, unit, persons`` (present persons), ``knowledge_items`` (distinct
        items someone holds at level 3 or above), ``needs`` / ``unmet_needs`` (the
        unit's NEEDS, for a department also its teams'; unmet when fewer than
        ``min_holders`` present persons of the declaring unit and its sub-units
        hold the item at ``min_level``), ``planned_departures`` (leave date within
        the horizon), ``external_contacts`` (distinct actors), ``brokered_pairs``
        (Gould & Fernandez pairs in two different units brokered by a member),
        ``privacy_note``. Kept units sorted by id, the merged row last.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.analysis._example import example_graph
    >>> kg = example_graph()
    >>> cols = ["unit_id", "persons", "knowledge_items", "planned_departures", "privacy_note"]
    >>> kgraph.aggregates(kg, by="team", as_of="2026-06-01", min_group_size=2)[cols]
      unit_id  persons  knowledge_items  planned_departures privacy_note
    0  T-VERG        3                2                   1
    1   T-WMO        2                1                   0
    >>> kgraph.aggregates(kg, by="team", as_of="2026-06-01")[cols].to_dict("records")
    [{'unit_id': '(merged)', 'persons': 5, 'knowledge_items': 3, 'planned_departures': 1,
      'privacy_note': 'merged 2 groups to reach at least 5 persons: T-VERG, T-WMO'}]
    >>> kg.close()
    >>> kg.close()
    """
    import pandas as pd

    if by not in ("department", "team"):
        raise KgraphError(f"by must be 'team' or 'department', not {by!r}")
    n = _min_group_size(kg, min_group_size)
    store = kg.store
    ds = _unguard(store).read_dataset() if isinstance(store, AggregateOnlyStore) else kg.dataset()
    org = Org.from_dataset(ds, as_of=as_of)
    cov = Coverage(org)

    units = org.teams if by == "team" else org.departments
    unit_of = {}
    for p in cov.present:
        team = cov.home_team(p)
        unit = team if by == "team" or team is None else org.team_department.get(team)
        unit_of[p] = unit or NO_UNIT
    members: dict[str, set[str]] = {u: set() for u in units}
    for p, u in unit_of.items():
        members.setdefault(u, set()).add(p)

    kept, merged, suppressed = merge_plan({u: len(m) for u, m in members.items()}, n)
    groups = [(u, [u]) for u in kept] + ([(MERGED, merged)] if merged else [])

    held: dict[str, set[str]] = defaultdict(set)  # person -> items at level 3+
    for item, holders in cov.skills.items():
        for p, props in holders.items():
            if int(props.get("level") or 0) >= 3:
                held[p].add(item)
    needs: dict[str, list[bool]] = defaultdict(list)  # row unit -> [unmet?] per need
    for need in cov.needs:
        unit = need.unit if by == "team" or need.unit in org.departments else org.team_department.get(need.unit)
        needs[unit].append(len(cov.need_holders(need)) < need.min_holders)
    leaving = cov.leaving_within(horizon)
    contacts: dict[str, set[str]] = defaultdict(set)
    for p, actor, _, _ in org.edges("CONTACT"):
        contacts[p].add(actor)
    G = org.person_graph().subgraph(cov.present)
    brokered = {v: sum(c.values()) for v, c in group_pairs(G, unit_of, sorted(cov.present)).items()}

    rows = []
    for gid, parts in groups:
        persons = set().union(*(members[u] for u in parts))
        unit_needs = [unmet for u in parts for unmet in needs.get(u, [])]
        row = {
            "unit_id": gid,
            "unit": merged_label(n) if gid == MERGED else units.get(gid, {}).get("name", gid),
            "persons": len(persons),
            "knowledge_items": len(set().union(*(held[p] for p in persons))) if persons else 0,
            "needs": len(unit_needs),
            "unmet_needs": sum(unit_needs),
            "planned_departures": sum(1 for p in persons if p in leaving),
            "external_contacts": len(set().union(*(contacts[p] for p in persons))) if persons else 0,
            "brokered_pairs": sum(brokered.get(p, 0) for p in persons),
            "privacy_note": merged_note(parts, n, suppressed) if gid == MERGED else "",
        }
        if gid == MERGED and suppressed:
            row.update({c: None for c in _FIGURES})
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)
