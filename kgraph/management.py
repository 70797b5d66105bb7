"""A department's management group: the one definition, for the analyses and the validator.

Likert's *vertical* linking pin leads a team and sits in the group above it, the
department's management team (MT). kgraph recognises a management team by who is in it,
not by its name: a team of the department, or of a department above it, with the lead of
one of the department's teams among its (non-lead) members.

A department with two or more teams of its own and no such team has no management team
in the data. Many organisations still have one (the team leads meet as an MT), and a
user who never made an "MT" team should not lose every vertical pin: kgraph then takes
the leads of the department's teams as its management group, *inferred*, and says so
(:func:`kgraph.analysis.linking.formal_pins`); ``kgraph validate`` warns, so that the
data can say who the group is.

Plain data in, plain data out: :class:`kgraph.org.Org` applies it to the memberships on
its date, the validator to the rows as read (every membership, whatever its dates).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from .i18n import _

__all__ = ["without_management", "warning"]


def _ancestors(dept: str, parent: Mapping[str, str]) -> list[str]:
    out, seen = [], set()
    while dept and dept not in seen:
        out.append(dept)
        seen.add(dept)
        dept = parent.get(dept)
    return out


def without_management(team_dept: Mapping[str, str], dept_parent: Mapping[str, str],
                       memberships: Iterable[tuple[str, str, str]]) -> dict[str, list[str]]:
    """Departments with two or more teams of their own and no management team, each with the
    leads of its teams (sorted, distinct; possibly none).

    Parameters
    ----------
    team_dept : mapping
        team id -> its department id.
    dept_parent : mapping
        department id -> its parent department id.
    memberships : iterable of (person, team, role)
        ``role`` ``"lead"`` or anything else (a member).

    Examples
    --------
    Two teams and nobody above them: the leads are the inferred management group.

    >>> teams = {"T-A": "D", "T-B": "D"}
    >>> ms = [("P1", "T-A", "lead"), ("P2", "T-B", "lead"), ("P3", "T-A", "member")]
    >>> without_management(teams, {}, ms)
    {'D': ['P1', 'P2']}

    An MT whose members include a lead of the department's teams is a management team,
    also when it sits in the department above:

    >>> without_management({**teams, "T-MT": "D"}, {}, ms + [("P1", "T-MT", "member")])
    {}
    >>> without_management({**teams, "T-MT": "TOP"}, {"D": "TOP"}, ms + [("P2", "T-MT", "member")])
    {}
    """
    teams_of: dict[str, list[str]] = defaultdict(list)
    for team, dept in team_dept.items():
        teams_of[dept].append(team)
    led: dict[str, set[str]] = defaultdict(set)  # team -> its leads
    sits: dict[str, set[str]] = defaultdict(set)  # person -> teams they are a (non-lead) member of
    for person, team, role in memberships:
        if role == "lead":
            led[team].add(person)
        else:
            sits[person].add(team)
    out = {}
    for dept, teams in sorted(teams_of.items()):
        if len(teams) < 2:
            continue
        above = set(_ancestors(dept, dept_parent))
        leads = sorted({p for t in teams for p in led.get(t, ())})
        has_mt = False
        for p in leads:
            own = {t for t in teams if p in led.get(t, ())}
            has_mt = has_mt or any(t not in own and team_dept.get(t) in above for t in sits.get(p, ()))
        if not has_mt:
            out[dept] = leads
    return out


def warning(name: str, teams: int, leads: int) -> str:
    """What ``kgraph validate`` says about a department without a management team.

    >>> warning("Ruimte", 2, 2)[:62]
    "department 'Ruimte' has 2 teams but no management team: kgraph"
    """
    if leads >= 2:
        text = _("department '{name}' has {n} teams but no management team: kgraph takes the {k} leads of its teams "
                 "as its management group (vertical linking pins); to say who it is, add a team of the department "
                 "(e.g. 'MT {name}') with its members")
    else:
        text = _("department '{name}' has {n} teams but no management team and fewer than two team leads: they are "
                 "no vertical linking pins; add a team of the department (e.g. 'MT {name}') with the leads of its "
                 "teams as members, and mark the leads (role lead)")
    return text.format(name=name, n=teams, k=leads)
