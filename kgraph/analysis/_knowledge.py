"""Who holds which knowledge, on a given date: shared by gaps, what-if and recommend.

A *present* person has started (``start_date`` empty or on/before the date) and not
left (``leave_date`` empty or after the date). A membership counts while ``since``
is empty or on/before the date and ``until`` is empty or on/after it.

Two notions of holding, both documented in ``docs/knowledge.md``:

* a **need** of a unit is covered by the present persons in the unit or any of its
  sub-units who hold exactly that item at ``min_level`` or above;
* an **item**, org-wide, is held by every present person who knows it, or any item
  narrower than it, at any level (a holder of *omgevingsplan* holds part of
  *Omgevingswet*, just as ``who-knows`` finds them).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from .org import Org, add_months, parse_horizon

__all__ = ["Need", "Coverage", "to_date", "is_present"]


def to_date(value) -> _dt.date | None:
    """A stored date (ISO text) as a date; None when empty or unreadable.

    >>> to_date("2026-06-01"), to_date(""), to_date(None)
    (datetime.date(2026, 6, 1), None, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def is_present(person: dict, day: _dt.date) -> bool:
    """Whether a person (their properties) has started and not yet left on ``day``.

    >>> is_present({"start_date": "2020-01-01", "leave_date": "2026-06-30"}, _dt.date(2026, 6, 30))
    False
    """
    start, leave = to_date(person.get("start_date")), to_date(person.get("leave_date"))
    return (start is None or start <= day) and (leave is None or leave > day)


@dataclass(frozen=True)
class Need:
    """One NEEDS edge with its defaults filled in."""

    unit: str
    item: str
    min_level: int
    min_holders: int
    criticality: int


@dataclass
class Coverage:
    """Indexes over one organisation on its date (``org.as_of``)."""

    org: Org

    @property
    def as_of(self) -> _dt.date:
        return self.org.as_of

    # -- persons --------------------------------------------------------------
    @cached_property
    def present(self) -> frozenset[str]:
        return frozenset(pid for pid, p in self.org.persons.items() if is_present(p, self.as_of))

    def leaving_within(self, horizon: str | int) -> dict[str, _dt.date]:
        """Present persons whose ``leave_date`` falls in (as_of, as_of + horizon]."""
        end = add_months(self.as_of, parse_horizon(horizon))
        out = {}
        for pid in self.present:
            leave = to_date(self.org.persons[pid].get("leave_date"))
            if leave is not None and self.as_of < leave <= end:
                out[pid] = leave
        return dict(sorted(out.items()))

    # -- units ----------------------------------------------------------------
    @cached_property
    def team_members(self) -> dict[str, set[str]]:
        """team -> present persons with a membership active on the date (see :class:`Org`)."""
        teams = {t: {p for p in ms if p in self.present} for t, ms in self.org.team_members.items()}
        return {t: ms for t, ms in teams.items() if ms}

    @cached_property
    def unit_members(self) -> dict[str, set[str]]:
        """unit (team or department) -> present persons in it or in its sub-units."""
        out: dict[str, set[str]] = defaultdict(set)
        for team, members in self.team_members.items():
            out[team] |= members
            dept = self.org.team_department.get(team)
            for d in self.org.department_ancestors(dept) if dept else []:
                out[d] |= members
        return dict(out)

    @cached_property
    def person_teams(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for team, members in sorted(self.team_members.items()):
            for p in members:
                out[p].append(team)
        return dict(out)

    def person_departments(self, person: str) -> list[str]:
        """The departments of a person's current teams (the team's own department)."""
        tdep = self.org.team_department
        return sorted({tdep[t] for t in self.person_teams.get(person, []) if t in tdep})

    def home_team(self, person: str) -> str | None:
        """The team a person leads, else their first team (by id)."""
        teams = self.person_teams.get(person, [])
        if not teams:
            return None
        roles = dict(self.org.memberships.get(person, []))
        led = [t for t in teams if roles.get(t) == "lead"]
        return (led or teams)[0]

    def unit_department(self, unit: str) -> str | None:
        """A department itself, or a team's department."""
        return unit if unit in self.org.departments else self.org.team_department.get(unit)

    def department_subtree(self, dept: str) -> set[str]:
        """``dept`` and every department below it."""
        return {d for d in self.org.departments if dept in self.org.department_ancestors(d)}

    # -- knowledge ------------------------------------------------------------
    @cached_property
    def items(self) -> dict[str, dict]:
        return self.org.of_kind("KnowledgeItem")

    @cached_property
    def skills(self) -> dict[str, dict[str, dict]]:
        """item -> {person: KNOWS properties} (present persons only)."""
        out: dict[str, dict[str, dict]] = defaultdict(dict)
        for p, k, _, props in self.org.edges("KNOWS"):
            if p in self.present:
                out[k][p] = props
        return dict(out)

    def level(self, person: str, item: str) -> int:
        return int(self.skills.get(item, {}).get(person, {}).get("level", 0) or 0)

    @cached_property
    def narrower(self) -> dict[str, set[str]]:
        """item -> every item below it in the taxonomy (not itself)."""
        children: dict[str, list[str]] = defaultdict(list)
        for s, t, _, _ in self.org.edges("BROADER"):
            children[t].append(s)
        out: dict[str, set[str]] = {}
        for item in self.items:
            seen: set[str] = set()
            stack = list(children.get(item, []))
            while stack:
                c = stack.pop()
                if c not in seen and c != item:
                    seen.add(c)
                    stack.extend(children.get(c, []))
            out[item] = seen
        return out

    def item_holders(self, item: str, without: frozenset[str] | set[str] = frozenset()) -> list[str]:
        """Present persons knowing ``item`` or a narrower item, at any level."""
        holders: set[str] = set()
        for k in (item, *self.narrower.get(item, ())):
            holders.update(self.skills.get(k, {}))
        return sorted(holders - set(without))

    @cached_property
    def needs(self) -> list[Need]:
        out = []
        for unit, item, _, props in self.org.edges("NEEDS"):
            out.append(Need(
                unit, item,
                int(props.get("min_level") or 3),
                int(props.get("min_holders") or 2),
                int(props.get("criticality") or 2),
            ))
        return sorted(out, key=lambda n: (n.unit, n.item))

    def need_holders(self, need: Need, without: frozenset[str] | set[str] = frozenset()) -> list[str]:
        """Present persons in the unit (and sub-units) at ``min_level`` or above."""
        members = self.unit_members.get(need.unit, set())
        return sorted(
            p for p, props in self.skills.get(need.item, {}).items()
            if p in members and p not in without and int(props.get("level") or 0) >= need.min_level
        )

    @cached_property
    def needed_by(self) -> dict[str, list[Need]]:
        out: dict[str, list[Need]] = defaultdict(list)
        for n in self.needs:
            out[n.item].append(n)
        return dict(out)


def names(org: Org, ids, limit: int = 5) -> str:
    """Names of ``ids`` joined by commas; ``and N more`` beyond ``limit``.

    >>> from kgraph.model import Dataset
    >>> names(Org.from_dataset(Dataset()), ["P1", "P2"])
    'P1, P2'
    """
    ids = list(ids)
    shown = ", ".join(org.name(i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
