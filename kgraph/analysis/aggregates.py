"""Figures per team or department, with no group small enough to single anyone out.

The one analysis an aggregate-only store still answers (the facade reads the data
below the store's guard for it): every unit with fewer than the minimum group size
is merged (:func:`kgraph.analysis.suppress.merge_plan`) before anything is computed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..dates import add_months
from ..errors import OptionError
from ..i18n import _
from ..org import Org
from .linking import group_pairs
from ..options import check_group_size
from .suppress import MERGED, merge_plan, merged_label, merged_note

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["aggregates", "COLUMNS"]

NO_UNIT = "(no team)"
COLUMNS = ["unit_id", "unit", "persons", "knowledge_items", "needs", "unmet_needs", "planned_departures",
           "external_contacts", "interactions", "brokered_pairs", "privacy_note"]
#: months before the date whose interactions with external actors a unit's row counts
INTERACTIONS_MONTHS = 12
_FIGURES = COLUMNS[2:-1]


def aggregates(org: Org, *, by: str = "department", horizon: str | int = "12m", min_group_size: int = 5) -> pd.DataFrame:
    """Per team or department: persons, knowledge, needs, departures, contacts, brokerage.

    Each present person counts in one unit: their home team (among the memberships
    that hold on the Org's date), or its department.
    Units with fewer than ``min_group_size`` persons are merged into one row
    (topped up with the smallest other units until it reaches the minimum); the
    ``privacy_note`` column says which. Works in aggregate-only mode.

    Parameters
    ----------
    org : Org
        The organisation on one date: who is present, who leaves after it.
    by : {"department", "team"}
    horizon : str or int
        Departures within this many months (``"12m"``, ``"2y"``).
    min_group_size : int
        The smallest group a row may describe (the store's setting, see
        :func:`kgraph.store.policy.min_group_size`).

    Returns
    -------
    pandas.DataFrame
        ``unit_id, unit, persons`` (present persons), ``knowledge_items`` (distinct
        items someone holds at level 3 or above), ``needs`` / ``unmet_needs`` (the
        unit's NEEDS, for a department also its teams'; unmet when fewer than
        ``min_holders`` present persons of the declaring unit and its sub-units
        hold the item at ``min_level``), ``planned_departures`` (leave date within
        the horizon), ``external_contacts`` (distinct actors), ``interactions``
        (interactions with external actors the members held in the 12 months up to
        the date, from the log), ``brokered_pairs``
        (Gould & Fernandez pairs in two different units brokered by a member),
        ``privacy_note``. Kept units sorted by id, the merged row last.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> org = example_org()
    >>> cols = ["unit_id", "persons", "knowledge_items", "planned_departures", "privacy_note"]
    >>> aggregates(org, by="team", min_group_size=2)[cols]
      unit_id  persons  knowledge_items  planned_departures privacy_note
    0  T-VERG        3                2                   1
    1   T-WMO        2                1                   0
    >>> aggregates(org, by="team")[cols].to_dict("records")
    [{'unit_id': '(merged)', 'persons': 5, 'knowledge_items': 3, 'planned_departures': 1,
      'privacy_note': 'merged 2 groups to reach at least 5 persons: T-VERG, T-WMO'}]
    """
    import pandas as pd

    if by not in ("department", "team"):
        raise OptionError(_("by must be 'team' or 'department', not {by!r}").format(by=by))
    n = check_group_size(min_group_size)

    units = org.teams if by == "team" else org.departments
    unit_of = {}
    for p in sorted(org.present):
        team = org.home_team(p)
        unit = team if by == "team" or team is None else org.team_department.get(team)
        unit_of[p] = unit or NO_UNIT
    members: dict[str, set[str]] = {u: set() for u in units}
    for p, u in unit_of.items():
        members.setdefault(u, set()).add(p)

    kept, merged, suppressed = merge_plan({u: len(m) for u, m in members.items()}, n)
    groups = [(u, [u]) for u in kept] + ([(MERGED, merged)] if merged else [])

    held: dict[str, set[str]] = defaultdict(set)  # person -> items at level 3+
    for item, holders in org.skills.items():
        for p, props in holders.items():
            if int(props.get("level") or 0) >= 3:
                held[p].add(item)
    needs: dict[str, list[bool]] = defaultdict(list)  # row unit -> [unmet?] per need
    for need in org.needs:
        unit = need.unit if by == "team" or need.unit in org.departments else org.team_department.get(need.unit)
        needs[unit].append(len(org.need_holders(need)) < need.min_holders)
    leaving = org.leaving_within(horizon)
    contacts: dict[str, set[str]] = defaultdict(set)
    for p, actor, _x, _x in org.edges("CONTACT"):
        contacts[p].add(actor)
    since = add_months(org.as_of, -INTERACTIONS_MONTHS).isoformat()
    logged: dict[str, int] = defaultdict(int)  # person -> interactions in the last 12 months
    for r in org.interactions:
        if r["person_id"] and str(r["date"]) >= since:
            logged[r["person_id"]] += 1
    G = org.person_graph()
    brokered = {v: sum(c.values()) for v, c in group_pairs(G, unit_of, sorted(org.present)).items()}

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
            "interactions": sum(logged.get(p, 0) for p in persons),
            "brokered_pairs": sum(brokered.get(p, 0) for p in persons),
            "privacy_note": merged_note(parts, n, suppressed) if gid == MERGED else "",
        }
        if gid == MERGED and suppressed:
            row.update({c: None for c in _FIGURES})
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)
