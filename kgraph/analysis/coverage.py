"""Knowledge coverage per unit: who in each team (or needing department) holds which item.

The matrix behind the coverage figure (``kgraph plot coverage``), computed on the
same definitions as :func:`kgraph.gaps`: a unit's members are its present persons
on the date (a department's through its sub-units), and a need is met by the
members holding the item at the need's own ``min_level``. So every short cell of
the figure is an ``unmet_need`` row of ``kgraph gaps`` for the same date and unit,
and every unmet need of a unit shown is a short cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..options import check_count, check_group_size
from ..org import Org
from .suppress import merge_distinct, merged_note, merged_teams_label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["coverage", "coverage_matrix", "COLUMNS"]

COLUMNS = ["unit_id", "unit", "unit_kind", "item_id", "item", "holders", "required", "level", "short"]


def coverage(org: Org, *, min_level: int = 3, max_units: int = 40, max_items: int = 40,
             min_group_size: int = 5) -> pd.DataFrame:
    """Holders per unit and knowledge item, with the needs and whether they are met.

    Rows of the figure (units) are the teams with present members and every team or
    department that declares a need; columns (items) the items needed or held. When
    there are more than ``max_units`` / ``max_items``, the units and items with an
    unmet need come first, then those with a need, then the most held.

    A cell of a need counts the unit's members (a department: with its sub-units)
    holding the item at the need's ``min_level`` (``level``), with ``required`` its
    ``min_holders`` and ``short`` when fewer hold it. Other cells count members at
    ``min_level`` or above (``required`` 0).

    Units with 1 to ``min_group_size`` − 1 members are merged into one row,
    ``(teams smaller than N, merged)`` (``unit_kind`` ``merged``), topped up with the
    smallest others until it holds that many different persons
    (:func:`~kgraph.analysis.suppress.merge_distinct`); it counts each person once and
    shows no needs (they are in ``kgraph gaps``); with fewer than N persons in the whole
    organisation its figures are withheld (``holders`` missing).

    Returns
    -------
    pandas.DataFrame
        One row per cell, units in drawing order (by department, then name; the merged
        row last), items by name: ``unit_id, unit, unit_kind, item_id, item, holders,
        required, level, short``. ``attrs``: ``min_group_size``, ``merged`` (unit ids),
        ``suppressed``, ``privacy_note``, ``merged_needs`` (needs of merged units, not
        shown), ``units`` / ``items`` (shown and in all), ``hidden_gaps`` (unmet needs of
        units or items left out for space).

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> df = coverage(example_org(), min_group_size=1)
    >>> df[df["required"] > 0][["unit_id", "item_id", "holders", "required", "short"]].values.tolist()
    [['T-VERG', 'K-OMGW', 2, 2, False], ['D-SOC', 'K-WMO', 2, 2, False]]
    """
    import pandas as pd

    n_min = check_group_size(min_group_size)
    max_units, max_items = check_count(max_units, "max_units"), check_count(max_items, "max_items")
    need_of = {(n.unit, n.item): n for n in org.needs}
    units = sorted(set(org.team_members) | {u for u, _ in need_of})
    members = {u: set(org.members(u, subunits=True)) for u in units}
    sizes = {u: len(m) for u, m in members.items()}
    kept, merged, suppressed = merge_distinct(sizes, members, n_min)
    label = merged_teams_label(n_min)
    held: dict[str, set[str]] = {}  # item -> present persons at min_level or above
    for item, by_person in org.skills.items():
        held[item] = {p for p, props in by_person.items() if int(props.get("level") or 0) >= min_level}

    def count(unit_persons: set[str], item: str) -> int:
        return len(unit_persons & held.get(item, set()))

    cells: dict[tuple[str, str], tuple[int, int, int, bool]] = {}  # (unit, item) -> holders, required, level, short
    for u in kept:
        for item in held:
            c = count(members[u], item)
            if c:
                cells[(u, item)] = (c, 0, min_level, False)
    for (u, item), need in need_of.items():
        if u in kept:
            have = len(org.need_holders(need))
            cells[(u, item)] = (have, need.min_holders, need.min_level, have < need.min_holders)
    merged_people = set().union(*(members[u] for u in merged)) if merged else set()
    if merged:
        for item in held:
            c = count(merged_people, item)
            if c:
                cells[(label, item)] = (c, 0, min_level, False)

    # -- which units and items fit: unmet needs first, then needs, then the most held
    def rank(keys: set[str], pos: int) -> list[str]:
        score: dict[str, tuple[int, int, int]] = {k: (0, 0, 0) for k in keys}
        for key, (h, req, _lvl, short) in cells.items():
            k = key[pos]
            if k in score:
                s = score[k]
                score[k] = (s[0] + short, s[1] + (req > 0), s[2] + h)
        return sorted(keys, key=lambda k: (-score[k][0], -score[k][1], -score[k][2], k))

    shown_units = [u for u in rank(set(kept), 0) if sizes[u] or any(k[0] == u for k in cells)]
    shown_units = shown_units[: max_units - bool(merged)]
    item_keys = {k[1] for k in cells if k[0] in set(shown_units) | ({label} if merged else set())}
    shown_items = rank(item_keys, 1)[:max_items]
    hidden_gaps = sum(1 for (u, i), (_h, _r, _l, short) in cells.items()
                      if short and (u not in shown_units or i not in shown_items))

    def unit_order(u: str) -> tuple[str, str]:
        return (org.name(org.unit_department(u) or "").lower(), org.name(u).lower())

    shown_units.sort(key=unit_order)
    shown_items.sort(key=lambda k: (org.name(k).lower(), k))
    rows = []
    for u in shown_units + ([label] if merged else []):
        kind = "merged" if u == label else "team" if u in org.teams else "department"
        for item in shown_items:
            h, req, lvl, short = cells.get((u, item), (0, 0, min_level, False))
            rows.append({"unit_id": u, "unit": label if u == label else org.name(u), "unit_kind": kind,
                         "item_id": item, "item": org.name(item), "holders": None if (u == label and suppressed) else h,
                         "required": req, "level": lvl, "short": short})
    df = pd.DataFrame(rows, columns=COLUMNS)
    df.attrs.update(
        min_group_size=n_min, merged=list(merged), suppressed=suppressed,
        privacy_note=merged_note([org.name(u) for u in merged], n_min, suppressed) if merged else "",
        merged_needs=sum(1 for u, _ in need_of if u in set(merged)),
        units=(len(shown_units) + bool(merged), len(units)), items=(len(shown_items), len(held.keys() | {i for _, i in need_of})),
        hidden_gaps=hidden_gaps, min_level=min_level,
    )
    return df


def coverage_matrix(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The result of :func:`coverage` as two unit × item tables: holders and required.

    Rows are labelled by unit name, columns by item name (two units may share a name),
    in the drawing order; ``attrs`` are carried over to the holders table.

    >>> from kgraph.examples import example_org
    >>> h, req = coverage_matrix(coverage(example_org(), min_group_size=1))
    >>> h.loc["Vergunningen", "Omgevingswet"], req.loc["Vergunningen", "Omgevingswet"]
    (np.int64(2), np.int64(2))
    """
    import pandas as pd

    units = list(dict.fromkeys(df["unit_id"]))
    items = list(dict.fromkeys(df["item_id"]))
    unit_name = dict(zip(df["unit_id"], df["unit"]))
    item_name = dict(zip(df["item_id"], df["item"]))
    # pivot on ids (two units may share a name), then label with names
    holders = df.pivot(index="unit_id", columns="item_id", values="holders").reindex(index=units, columns=items)
    required = df.pivot(index="unit_id", columns="item_id", values="required").reindex(index=units, columns=items)
    holders = holders.astype(float) if holders.isna().any().any() else holders.astype("int64")
    required = required.fillna(0).astype("int64")
    for t in (holders, required):
        t.index = [unit_name[u] for u in units]
        t.columns = [item_name[i] for i in items]
    holders.attrs.update(df.attrs)
    if holders.empty:
        holders = pd.DataFrame()
        holders.attrs.update(df.attrs)
    return holders, required
