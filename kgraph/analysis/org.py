"""The organisation as analyses see it: units, memberships, the person network.

Built once from a :class:`~kgraph.model.Dataset` (``Org.of(kg)`` caches it on
the handle) and shared by every analysis.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import KgraphError, NotFound
from ..model import Dataset

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["Org", "parse_as_of", "parse_horizon"]


def parse_as_of(as_of: str | _dt.date | None) -> _dt.date:
    """The reference date: a date, an ISO string, or None for today."""
    if as_of is None:
        return _dt.date.today()
    if isinstance(as_of, _dt.datetime):
        return as_of.date()
    if isinstance(as_of, _dt.date):
        return as_of
    try:
        return _dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise KgraphError(f"'{as_of}' is not a date; write YYYY-MM-DD") from None


def parse_horizon(text: str | int) -> int:
    """A horizon in months: ``12``, ``"12m"``, ``"2y"``.

    >>> parse_horizon("18m"), parse_horizon("2y"), parse_horizon(6)
    (18, 24, 6)
    """
    s = str(text).strip().lower()
    try:
        if s.endswith("y"):
            return int(s[:-1]) * 12
        return int(s[:-1] if s.endswith("m") else s)
    except ValueError:
        raise KgraphError(f"'{text}' is not a horizon; write e.g. 12m or 2y") from None


def add_months(day: _dt.date, months: int) -> _dt.date:
    """``day`` plus ``months`` calendar months (clamped to the month's end)."""
    import calendar

    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class Org:
    """Indexes over one dataset (read-only)."""

    ds: Dataset
    kinds: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    #: memberships count when active on this date (``since`` ≤ as_of ≤ ``until``)
    as_of: _dt.date = field(default_factory=_dt.date.today)

    @classmethod
    def of(cls, kg, as_of: str | _dt.date | None = None) -> Org:
        """The Org of a graph handle on ``as_of`` (default today), built once per
        loaded dataset and date."""
        ds = kg.dataset()
        day = parse_as_of(as_of)
        cache = getattr(kg, "_orgs", None)
        if cache is None or cache[0] is not ds:
            cache = kg._orgs = (ds, {})
        if day not in cache[1]:
            cache[1][day] = cls.from_dataset(ds, as_of=day)
        return cache[1][day]

    @classmethod
    def from_dataset(cls, ds: Dataset, *, as_of: str | _dt.date | None = None) -> Org:
        kinds: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for node_id, (kind, props) in ds.nodes.items():
            kinds[kind][node_id] = props
        return cls(ds, dict(kinds), parse_as_of(as_of))

    def _active(self, props: dict[str, Any]) -> bool:
        day = self.as_of.isoformat()
        since, until = props.get("since"), props.get("until")
        return (since is None or since <= day) and (until is None or day <= until)

    # -- nodes ----------------------------------------------------------------
    def of_kind(self, kind: str) -> dict[str, dict[str, Any]]:
        return self.kinds.get(kind, {})

    @property
    def persons(self) -> dict[str, dict[str, Any]]:
        return self.of_kind("Person")

    @property
    def teams(self) -> dict[str, dict[str, Any]]:
        return self.of_kind("Team")

    @property
    def departments(self) -> dict[str, dict[str, Any]]:
        return self.of_kind("Department")

    def name(self, node_id: str) -> str:
        node = self.ds.nodes.get(node_id)
        return node[1].get("name", node_id) if node else node_id

    def kind(self, node_id: str) -> str | None:
        node = self.ds.nodes.get(node_id)
        return node[0] if node else None

    def edges(self, relation: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        return self._edges_by_rel.get(relation, [])

    @cached_property
    def _edges_by_rel(self) -> dict[str, list[tuple[str, str, str, dict[str, Any]]]]:
        out: dict[str, list] = defaultdict(list)
        for (rel, s, t, k), props in self.ds.edges.items():
            out[rel].append((s, t, k, props))
        return dict(out)

    def resolve(self, ref: str, kinds: tuple[str, ...]) -> str:
        """Id of the node of one of ``kinds`` named or identified by ``ref``."""
        node = self.ds.nodes.get(ref)
        if node and node[0] in kinds:
            return ref
        low = ref.strip().lower()
        hits = sorted(i for k in kinds for i, p in self.of_kind(k).items() if str(p.get("name", "")).lower() == low)
        if len(hits) == 1:
            return hits[0]
        what = " or ".join(k.lower() for k in kinds)
        if hits:
            raise KgraphError(f"'{ref}' names several: {', '.join(hits)}", hint="use the id")
        raise NotFound(f"no {what} '{ref}'", hint="use an id or the exact name (see `kgraph info`)")

    # -- units ----------------------------------------------------------------
    @cached_property
    def team_department(self) -> dict[str, str]:
        """team id -> department id."""
        return {s: t for s, t, _, _ in self.edges("PART_OF") if s in self.teams}

    @cached_property
    def department_parent(self) -> dict[str, str]:
        return {s: t for s, t, _, _ in self.edges("PART_OF") if s in self.departments}

    @cached_property
    def memberships(self) -> dict[str, list[tuple[str, str]]]:
        """person id -> sorted [(team id, role)], memberships active on ``as_of``."""
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for p, t, _, props in self.edges("MEMBER_OF"):
            if self._active(props):
                out[p].append((t, props.get("role", "member")))
        return {p: sorted(v) for p, v in out.items()}

    @cached_property
    def team_members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for p, ms in self.memberships.items():
            for t, _ in ms:
                out[t].append(p)
        return {t: sorted(v) for t, v in out.items()}

    def teams_of(self, person: str) -> list[str]:
        return [t for t, _ in self.memberships.get(person, [])]

    def departments_of(self, person: str) -> list[str]:
        return sorted({self.team_department[t] for t in self.teams_of(person) if t in self.team_department})

    def home_team(self, person: str) -> str | None:
        """The team a person belongs to first: a team they are a plain member of
        (a lead of a team sitting in a management team belongs to the team they lead)."""
        ms = self.memberships.get(person, [])
        if not ms:
            return None
        led = [t for t, r in ms if r == "lead"]
        return (led or [t for t, _ in ms])[0]

    def department_ancestors(self, dept: str) -> list[str]:
        """``dept`` and every department above it, nearest first."""
        out, seen = [], set()
        while dept and dept not in seen:
            out.append(dept)
            seen.add(dept)
            dept = self.department_parent.get(dept)
        return out

    @cached_property
    def unit_members(self) -> dict[str, set[str]]:
        """unit (team or department) id -> persons in it or in any of its sub-units."""
        out: dict[str, set[str]] = defaultdict(set)
        for team, members in self.team_members.items():
            out[team].update(members)
            dept = self.team_department.get(team)
            for d in self.department_ancestors(dept) if dept else []:
                out[d].update(members)
        return dict(out)

    def unit_of_person(self, person: str, by: str) -> str | None:
        """The person's team (home team) or department (of the home team)."""
        team = self.home_team(person)
        if by == "team" or team is None:
            return team
        return self.team_department.get(team)

    # -- the person network ---------------------------------------------------
    def person_graph(self, *, directed: bool = False, comembership: bool = False, weight: bool = False) -> nx.Graph:
        """Persons and their WORKS_WITH ties (parallel kinds merged, weights summed).

        ``comembership`` adds a tie between every two members of a team. All
        persons are nodes, also those without ties.
        """
        import networkx as nx

        G = nx.DiGraph() if directed else nx.Graph()
        G.add_nodes_from(sorted(self.persons))
        for s, t, _, props in self.edges("WORKS_WITH"):
            w = float(props.get("weight", 1)) if weight else 1.0
            if G.has_edge(s, t):
                if weight:
                    G[s][t]["weight"] += w
            else:
                G.add_edge(s, t, weight=w)
        if comembership:
            for members in self.team_members.values():
                for i, a in enumerate(members):
                    for b in members[i + 1 :]:
                        for u, v in ((a, b), (b, a)) if directed else ((a, b),):
                            if not G.has_edge(u, v):
                                G.add_edge(u, v, weight=1.0)
        return G
