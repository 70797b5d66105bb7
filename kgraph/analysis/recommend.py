"""Concrete actions: knowledge transfers and introductions.

``kgraph recommend`` calls :func:`recommend`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..i18n import _, ngettext
from ..org import Org
from ._text import SEVERITY_ORDER

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["recommend", "COLUMNS", "successors"]

COLUMNS = ["action", "priority", "from_id", "from_name", "to_id", "to_name", "subject_id", "subject", "unit_id", "why"]


def _tied(org: Org) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for s, t, _k, _p in org.edges("WORKS_WITH"):
        out[s].add(t)
        out[t].add(s)
    return out


def successors(org: Org, holder: str, item: str, candidates, *, below: int, n: int,
               ties: dict[str, set[str]]) -> list[tuple[str, int, str]]:
    """The ``n`` best successors for ``holder``'s knowledge of ``item``:
    ``[(person, score, reasons)]``.

    Score: +3 shares a team with the holder, else +2 same department; +2 a work tie
    with the holder; + the existing level on the item (only levels below ``below``
    qualify); +1 knows a broader or narrower item. Ties broken by id.
    """
    h_teams = set(org.teams_of(holder))
    h_depts = set(org.departments_of(holder))
    related = set(org.narrower.get(item, ())) | ({org.broader[item]} if item in org.broader else set())
    scored = []
    for c in sorted(candidates):
        if c == holder:
            continue
        level = org.level(c, item)
        if level >= below:
            continue
        score, why = 0, []
        shared = sorted(h_teams & set(org.teams_of(c)))
        if shared:
            score += 3
            why.append(_("same team ({team})").format(team=org.name(shared[0])))
        elif h_depts & set(org.departments_of(c)):
            score += 2
            why.append(_("same department"))
        if c in ties.get(holder, ()):
            score += 2
            why.append(_("works with them"))
        if level:
            score += level
            why.append(_("already level {level}").format(level=level))
        near = sorted(k for k in related if org.level(c, k))
        if near:
            score += 1
            why.append(_("knows {item}").format(item=org.name(near[0])))
        scored.append((c, score, ", ".join(why) or _("available")))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored[:n]


def recommend(org: Org, *, horizon: str | int = "12m", limit: int | None = None, min_level: int = 3) -> pd.DataFrame:
    """Knowledge transfers and introductions, each with the reason.

    ``transfer``
        for every item with a single holder, every need or item at risk from
        departures within ``horizon`` (see :func:`kgraph.gaps`): from the holder
        (the departing one first, then the highest level) to one or two successors,
        chosen by :func:`successors` among present persons who do not leave within
        the horizon (for a need: members of the unit).
    ``introduce``
        two units that need the same knowledge item or work on the same issue
        (responsible for it, in contact with an actor holding a position on it, or
        needing knowledge linked to it), share no member and have no work tie
        between their members; from and to are the best-placed person of each unit
        (the highest level or the one involved, else the lead, else the first by id).

    Parameters
    ----------
    org : Org
        The organisation on one date.
    horizon : str or int
        Departures within this many months (``"12m"``) count.
    limit : int, optional
        At most this many rows.
    min_level : int
        The level from which a person counts as knowing an item org-wide (single
        holders, items at risk; as :func:`kgraph.gaps`); successors are people below it.

    Returns
    -------
    pandas.DataFrame
        Columns ``action, priority, from_id, from_name, to_id, to_name, subject_id,
        subject, unit_id, why``; transfers first, by priority (high, medium, low),
        then introductions by the number of shared subjects; ties broken by ids.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> df = recommend(example_org())
    >>> df[["action", "priority", "from_id", "to_id", "subject_id", "unit_id"]].values.tolist()
    [['transfer', 'high', 'P2', 'P3', 'K-OMGW', 'T-VERG'], ['transfer', 'medium', 'P2', 'P1', 'K-DSO', None], ['transfer', 'medium', 'P2', 'P3', 'K-DSO', None]]
    >>> df.loc[0, "why"]
    'Ben Smit leaves 2027-03-31; Vergunningen then has 1 of 2 at level ≥ 3. Cor Jansen: same team (Vergunningen), works with them, already level 2'
    """
    import pandas as pd

    leaving = org.leaving_within(horizon)
    staying = org.present - set(leaving)
    ties = _tied(org)
    rows: list[dict[str, Any]] = []
    done: set[tuple[str, str, str]] = set()

    def transfer(priority: str, holder: str, item: str, candidates, below: int, n: int, reason: str,
                 unit: str | None = None) -> None:
        for c, _score, why in successors(org, holder, item, candidates, below=below, n=n, ties=ties):
            if (holder, c, item) in done:
                continue
            done.add((holder, c, item))
            rows.append({"action": "transfer", "priority": priority, "from_id": holder, "from_name": org.name(holder),
                         "to_id": c, "to_name": org.name(c), "subject_id": item, "subject": org.name(item),
                         "unit_id": unit, "why": _("{reason}. {name}: {why}").format(reason=reason, name=org.name(c), why=why)})

    def best(holders: list[str], item: str) -> str:
        return min(holders, key=lambda p: (p not in leaving, -org.level(p, item), p))

    # needs at risk from departures
    for need in org.needs:
        holders = org.need_holders(need)
        after = [p for p in holders if p in staying]
        if len(after) >= need.min_holders or len(after) == len(holders):
            continue
        src = best(holders, need.item)
        reason = (_("{name} leaves {date}").format(name=org.name(src), date=leaving[src].isoformat()) + "; "
                  if src in leaving else "")
        reason += _("{unit} then has {n} of {required} at level ≥ {level}").format(
            unit=org.name(need.unit), n=len(after), required=need.min_holders, level=need.min_level)
        pri = {3: "high", 2: "medium"}.get(need.criticality, "low")
        members = org.members(need.unit, subunits=True) & staying
        transfer(pri, src, need.item, members, need.min_level, min(2, need.min_holders - len(after)), reason, need.unit)

    # items with one holder, or at risk org-wide
    for item in sorted(org.items):
        holders = [p for p in org.holders(item, min_level=min_level, narrower=True) if org.level(p, item)]
        after = [p for p in holders if p in staying]
        if not holders or (len(holders) >= 2 and len(after) >= 2):
            continue
        needed = org.needed_by.get(item, [])
        src = best(holders, item)
        if src in leaving:
            reason = ngettext("{name} leaves {date}; {n} other will know {item}",
                              "{name} leaves {date}; {n} others will know {item}", len(after)).format(
                name=org.name(src), date=leaving[src].isoformat(), n=len(after), item=org.name(item))
        else:
            reason = _("only {name} knows {item}").format(name=org.name(src), item=org.name(item))
        pri = "high" if any(n.criticality == 3 for n in needed) else "medium" if needed or src in leaving else "low"
        transfer(pri, src, item, staying, min_level, max(1, min(2, 2 - len(after))), reason)

    n_transfers = len(rows)

    # introductions between units that share a need or an issue
    subjects: dict[str, set[str]] = defaultdict(set)  # unit -> subjects
    involved: dict[tuple[str, str], set[str]] = defaultdict(set)  # (unit, subject) -> persons
    for need in org.needs:
        subjects[need.unit].add(need.item)
        for p in org.need_holders(need):
            involved[(need.unit, need.item)].add(p)
    issues = set(org.of_kind("Issue"))
    about = defaultdict(set)
    for k, i, _k, _p in org.edges("ABOUT"):
        if i in issues and k in org.items:
            about[k].add(i)
    for need in org.needs:
        subjects[need.unit] |= about.get(need.item, set())
    on_issue = defaultdict(set)
    for a, i, _k, _p in org.edges("POSITION"):
        on_issue[a].add(i)
    person_issues: list[tuple[str, str]] = [(p, s) for p, s, _k, _p in org.edges("RESPONSIBLE_FOR") if s in issues]
    person_issues += [(p, i) for p, a, _k, _p in org.edges("CONTACT") for i in on_issue.get(a, ())]
    for p, i in person_issues:
        if p in staying:
            for t in org.teams_of(p):
                subjects[t].add(i)
                involved[(t, i)].add(p)
    by_subject: dict[str, list[str]] = defaultdict(list)
    for unit, subs in subjects.items():
        for s in subs:
            by_subject[s].append(unit)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s, units in sorted(by_subject.items()):
        units = sorted(set(units))
        for i, u in enumerate(units):
            for v in units[i + 1:]:
                shared[(u, v)].append(s)

    def inside(u: str, v: str) -> bool:
        du = org.unit_department(u)
        return v in org.departments and du is not None and v in org.department_ancestors(du)

    def rep(unit: str, subs: list[str]) -> str | None:
        members = org.members(unit, subunits=True) & staying
        if not members:
            return None
        for s in subs:
            inv = sorted(involved.get((unit, s), set()) & members, key=lambda p: (-org.level(p, s), p))
            if inv:
                return inv[0]
        roles = {t: [p for p in org.team_members.get(t, ()) if org.role_in(p, t) == "lead"]
                 for t in ([unit] if unit in org.teams else [])}
        leads = sorted(p for ps in roles.values() for p in ps if p in members)
        return leads[0] if leads else min(members)

    intros = []
    for (u, v), subs in shared.items():
        if inside(u, v) or inside(v, u):
            continue
        mu, mv = org.members(u, subunits=True), org.members(v, subunits=True)
        if not mu or not mv or mu & mv or any(ties.get(p, set()) & mv for p in mu):
            continue
        a, b = rep(u, subs), rep(v, subs)
        if a is None or b is None:
            continue
        needs_shared = [s for s in subs if s in org.items]
        issues_shared = [s for s in subs if s in issues]
        parts = []
        if needs_shared:
            parts.append(_("both need {items}").format(items=", ".join(org.name(s) for s in needs_shared)))
        if issues_shared:
            parts.append(_("both work on {issues}").format(issues=", ".join(org.name(s) for s in issues_shared)))
        intros.append({"action": "introduce", "priority": "medium" if len(subs) > 1 else "low",
                       "from_id": a, "from_name": org.name(a), "to_id": b, "to_name": org.name(b),
                       "subject_id": subs[0], "subject": "; ".join(org.name(s) for s in subs), "unit_id": u,
                       "why": _("{a} and {b}: {what}, but they share no member and no work tie").format(
                           a=org.name(u), b=org.name(v), what="; ".join(parts)),
                       "_n": len(subs), "_v": v})
    intros.sort(key=lambda r: (-r["_n"], r["unit_id"], r["_v"]))
    for r in intros:
        del r["_n"], r["_v"]

    transfers = sorted(rows[:n_transfers], key=lambda r: (SEVERITY_ORDER[r["priority"]], r["subject_id"], r["unit_id"] or "", r["from_id"], r["to_id"]))
    out = transfers + intros
    if limit is not None:
        out = out[: max(limit, 0)]
    df = pd.DataFrame(out, columns=COLUMNS)
    df["unit_id"] = df["unit_id"].astype(object).where(df["unit_id"].notna(), None)
    return df
