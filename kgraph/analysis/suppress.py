"""Small groups: no figure describes fewer persons than the minimum group size.

Every aggregate kgraph shows per team or department (``kgraph aggregates``, the
network's team and department levels, the coverage figure, the report) goes through
this module: units with fewer than ``n`` persons are merged into one row or node,
topped up with the smallest others until the merged group holds ``n``; when even the
whole organisation is smaller, the figures are withheld. The minimum group size
itself is a store setting (:func:`kgraph.store.policy.min_group_size`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import KgraphError
from ..i18n import _, ngettext

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["MERGED", "NO_TEAM", "NO_DEPARTMENT", "merge_plan", "merge_distinct", "nested_plan", "home_groups", "merged_label", "merged_teams_label",
           "merged_departments_label", "merged_note", "withheld_note", "suppress_small_groups"]

#: the unit id of the row small groups are merged into
MERGED = "(merged)"


def merge_plan(sizes: dict[str, int], n: int) -> tuple[list[str], list[str], bool]:
    """Which units keep their own row and which are merged into one.

    Every unit with 1 to ``n - 1`` persons is merged; while the merged group is
    still smaller than ``n``, the smallest remaining unit joins it. When even the
    whole organisation is smaller than ``n``, the merged row is suppressed. Units
    without persons keep their row: they describe nobody.

    Returns ``(kept, merged, suppressed)``.

    >>> merge_plan({"A": 10, "B": 2, "C": 3, "D": 7, "E": 0}, 5)
    (['A', 'D', 'E'], ['B', 'C'], False)
    >>> merge_plan({"A": 10, "B": 2, "D": 7}, 5)
    (['A'], ['B', 'D'], False)
    >>> merge_plan({"A": 3}, 5)
    ([], ['A'], True)
    """
    merged = sorted(u for u, s in sizes.items() if 0 < s < n)
    kept = sorted(u for u, s in sizes.items() if s >= n or s <= 0)
    total = sum(sizes[u] for u in merged)
    if merged:
        while total < n and any(sizes[u] > 0 for u in kept):
            smallest = min((u for u in kept if sizes[u] > 0), key=lambda u: (sizes[u], u))
            kept.remove(smallest)
            merged.append(smallest)
            total += sizes[smallest]
        merged.sort()
    return kept, merged, bool(merged) and total < n


def merged_label(n: int) -> str:
    """The row that groups with fewer than ``n`` persons are merged into."""
    return _("(groups smaller than {n}, merged)").format(n=n)


def merged_teams_label(n: int) -> str:
    """The row (or node) that teams with fewer than ``n`` members are merged into."""
    return _("(teams smaller than {n}, merged)").format(n=n)


def merged_departments_label(n: int) -> str:
    """The node that departments with fewer than ``n`` people are merged into."""
    return _("(departments smaller than {n}, merged)").format(n=n)


def merged_note(merged: list[str], n: int, suppressed: bool) -> str:
    """What a merged row says about itself."""
    if suppressed:
        return _("suppressed: fewer than {n} persons in all; values withheld").format(n=n)
    return ngettext("merged {k} group to reach at least {n} persons: {names}",
                    "merged {k} groups to reach at least {n} persons: {names}", len(merged)).format(
        k=len(merged), n=n, names=", ".join(merged))


def withheld_note(n: int) -> str:
    """What a group says when the whole organisation is smaller than ``n``."""
    return _("fewer than {n} people in all: figures withheld").format(n=n)


def merge_distinct(sizes: dict[str, int], members: dict[str, set[str]], n: int) -> tuple[list[str], list[str], bool]:
    """:func:`merge_plan` counting distinct persons: a person in two merged units
    counts once, so the merged group is topped up until it holds ``n`` different
    persons (else it is suppressed).

    >>> merge_distinct({"A": 3, "B": 3, "C": 9}, {"A": {"p", "q", "r"}, "B": {"p", "q", "r"}, "C": set("abcdefghi")}, 5)
    ([], ['A', 'B', 'C'], False)
    """
    kept, merged, _suppressed = merge_plan(sizes, n)
    persons = set().union(*(members.get(t, set()) for t in merged)) if merged else set()
    if merged:
        while len(persons) < n and any(sizes[u] > 0 for u in kept):
            smallest = min((u for u in kept if sizes[u] > 0), key=lambda u: (sizes[u], u))
            kept.remove(smallest)
            merged.append(smallest)
            persons |= members.get(smallest, set())
        merged.sort()
    return kept, merged, bool(merged) and len(persons) < n


def nested_plan(depts: list[str], dept_teams: dict[str, list[str]], members: dict[str, list[str]],
                n: int) -> tuple[list[tuple[str, list[str]]], dict[str, list[tuple[str, list[str]]]], bool]:
    """Departments and the teams inside them, so that no node describes 1 to ``n - 1`` people.

    Departments with fewer than ``n`` people are merged into one node (:func:`merge_plan`);
    then, within each department node, teams with fewer than ``n`` people are merged the
    same way, so every team node lies inside one department node and a drill-down never
    shows a part of a merged node. Only when the whole organisation has fewer than ``n``
    people is a group smaller: then its figures are withheld (``suppressed``).

    Returns ``(departments, teams, suppressed)``: ``[(node id, [department])]`` and
    ``{department node id: [(node id, [team])]}``, in the order given, merged nodes last.
    Node ids are ``dept:<id>``, ``team:<id>``, ``dept:(merged)`` and ``team:(merged):<department node>``.

    >>> people = {"T1": list("abcdef"), "T2": list("gh"), "T3": list("ijk"), "T4": list("lmno")}
    >>> depts, teams, suppressed = nested_plan(["D1", "D2", "D3"], {"D1": ["T1", "T2"], "D2": ["T3"], "D3": ["T4"]}, people, 5)
    >>> depts, suppressed
    ([('dept:D1', ['D1']), ('dept:(merged)', ['D2', 'D3'])], False)
    >>> teams["dept:D1"]
    [('team:(merged):D1', ['T1', 'T2'])]
    """
    sizes = {d: sum(len(members[t]) for t in dept_teams[d]) for d in depts}
    kept, merged, suppressed = merge_plan(sizes, n)
    keep = set(kept)
    dgroups = [(f"dept:{d}", [d]) for d in depts if d in keep]
    if merged:
        dgroups.append((f"dept:{MERGED}", [d for d in depts if d not in keep]))
    tgroups: dict[str, list[tuple[str, list[str]]]] = {}
    for gid, ds_ in dgroups:
        teams = [t for d in ds_ for t in dept_teams[d]]
        kept_t, merged_t, _s = merge_plan({t: len(members[t]) for t in teams}, n)
        keep_t = set(kept_t)
        tgroups[gid] = [(f"team:{t}", [t]) for t in teams if t in keep_t]
        if merged_t:
            tgroups[gid].append((f"team:{MERGED}:{gid[len('dept:'):]}", [t for t in teams if t not in keep_t]))
    return dgroups, tgroups, suppressed


def suppress_small_groups(df: pd.DataFrame, *, unit_col: str, size_col: str, n: int, how: str = "merge",
                          sum_cols: list[str] | None = None, mean_cols: list[str] = ()) -> pd.DataFrame:
    """Rows for groups of fewer than ``n`` persons merged (or suppressed), saying so.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per group.
    unit_col, size_col : str
        The column naming the group and the one holding its number of persons.
    n : int
        The minimum group size (:func:`min_group_size`).
    how : {"merge", "suppress"}
        ``merge`` (default): small groups (topped up with the smallest others until
        the merged group has ``n`` persons, see :func:`merge_plan`) become one row;
        ``sum_cols`` are summed, ``mean_cols`` averaged weighted by size, other
        columns left empty. ``suppress``: small groups keep their row, with every
        figure withheld.
    sum_cols : list of str, optional
        Default: every numeric column except ``size_col`` and ``mean_cols``.
    mean_cols : list of str
        Averages (weighted by ``size_col`` when merged).

    Returns
    -------
    pandas.DataFrame
        The kept rows in their order, then the merged row; a ``privacy_note``
        column says what was merged or suppressed (empty for kept rows).

    Notes
    -----
    A figure that is not a sum or an average over persons (a count of distinct
    items, say) cannot be merged from rows: compute it on the merged group
    instead, as :func:`kgraph.aggregates` does, using :func:`merge_plan`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"team": ["A", "B", "C"], "persons": [9, 2, 4], "leavers": [1, 1, 0]})
    >>> suppress_small_groups(df, unit_col="team", size_col="persons", n=5)[["team", "persons", "leavers"]]
                               team  persons  leavers
    0                             A        9        1
    1  (groups smaller than 5, merged)        6        1
    """
    import pandas as pd

    if how not in ("merge", "suppress"):
        raise KgraphError(_("how must be 'merge' or 'suppress', not {how!r}").format(how=how))
    out = df.copy()
    sizes = {str(u): int(s) if pd.notna(s) else 0 for u, s in zip(out[unit_col], out[size_col])}
    figures = [c for c in out.columns if c not in (unit_col, size_col)]
    if sum_cols is None:
        sum_cols = [c for c in figures if c not in mean_cols and pd.api.types.is_numeric_dtype(out[c])
                    and not pd.api.types.is_bool_dtype(out[c])]
    if how == "suppress":
        small = out[size_col].fillna(0) < n
        out = out.astype({c: object for c in (size_col, *figures)})
        out.loc[small, [size_col, *figures]] = None
        out["privacy_note"] = [_("suppressed: fewer than {n} persons").format(n=n) if s else "" for s in small]
        return out.reset_index(drop=True)
    kept, merged, suppressed = merge_plan(sizes, n)
    keep_mask = out[unit_col].astype(str).isin(kept)
    rows = out[keep_mask].copy()
    rows["privacy_note"] = ""
    if merged:
        part = out[~keep_mask]
        total = int(part[size_col].fillna(0).sum())
        row: dict[str, Any] = {c: None for c in out.columns}
        row[unit_col] = merged_label(n)
        if not suppressed:
            row[size_col] = total
            for c in sum_cols:
                row[c] = part[c].sum()
            for c in mean_cols:
                w = part[size_col].fillna(0)
                row[c] = float((part[c] * w).sum() / w.sum()) if w.sum() else None
        row["privacy_note"] = merged_note(merged, n, suppressed)
        rows = pd.concat([rows.astype(object), pd.DataFrame([row]).astype(object)], ignore_index=True)
    return rows.reset_index(drop=True)


#: the unit a person without a team, or a team without a department, is drawn in
NO_TEAM = "(no team)"
NO_DEPARTMENT = "(no department)"


def home_groups(org, *, min_group_size: int) -> dict[str, Any]:
    """Every present person in one team (their home team) and that team's department,
    with the departments and teams that may be shown as groups (:func:`nested_plan`).

    The network map's team and department levels draw these groups. Returns a dict:
    ``team_of`` (person -> team, or :data:`NO_TEAM`), ``dept_of_team``, ``members``
    (team -> persons), ``dept_teams`` (department -> teams by name), ``depts`` (by parent
    name, then name), ``groups`` and ``teams`` (the plan's department and team nodes),
    ``suppressed``, ``min_group_size``.

    >>> from kgraph.examples import example_org
    >>> g = home_groups(example_org(), min_group_size=2)
    >>> g["depts"], [gid for gid, _ in g["groups"]]
    (['D-RUIMTE', 'D-SOC'], ['dept:D-RUIMTE', 'dept:D-SOC'])
    """
    persons = sorted(org.present)
    team_of = {p: org.home_team(p) or NO_TEAM for p in persons}
    dept_of_team = {t: org.team_department.get(t, NO_DEPARTMENT) if t != NO_TEAM else NO_DEPARTMENT
                    for t in set(team_of.values())}
    members: dict[str, list[str]] = {}
    for p in persons:
        members.setdefault(team_of[p], []).append(p)
    dept_teams: dict[str, list[str]] = {}
    for t in sorted(members, key=lambda t: (org.name(t).lower(), t)):
        dept_teams.setdefault(dept_of_team[t], []).append(t)

    def dept_key(d: str) -> tuple[str, str, str]:
        parent = org.department_parent.get(d, "")
        return (org.name(parent).lower() if parent else "", org.name(d).lower(), d)

    depts = sorted(dept_teams, key=dept_key)
    groups, teams, suppressed = nested_plan(depts, dept_teams, members, min_group_size)
    return {"team_of": team_of, "dept_of_team": dept_of_team, "members": members, "dept_teams": dept_teams,
            "depts": depts, "groups": groups, "teams": teams, "suppressed": suppressed,
            "min_group_size": min_group_size}
