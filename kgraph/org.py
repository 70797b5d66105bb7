"""The organisation on one date: the one model every analysis reads.

The facade (:mod:`kgraph.app`) loads a store's dataset once for a date and builds an
:class:`Org` from it; analyses are functions of an ``Org`` and their options. An
``Org`` can as well be built in memory from a few rows (:meth:`Org.from_dataset`),
which is how the analyses are tested.

Each concept is defined here once:

- **present** (:meth:`Org.is_present`): a person has started (``start_date`` empty
  or on/before the date) and not left (``leave_date`` empty or after the date);
- **memberships** (:attr:`Org.memberships`): a membership counts while ``since`` is
  empty or on/before the date and ``until`` is empty or on/after it, and only for
  present persons;
- **home team** (:meth:`Org.home_team`): the team a person leads, else their first
  team by id (a lead who also sits in a management team belongs to the team they lead);
- **a department without a management team** (:attr:`Org.without_management`, by
  :mod:`kgraph.management`);
- **members of a unit** (:meth:`Org.members`): a team's members, or a department's
  through the department tree, with or without its sub-units (``subunits=``);
- **holders of an item** (:meth:`Org.holders`): present persons knowing it at a
  minimum level, optionally also through narrower items and within a unit
  (:meth:`Org.holder_set`: the same persons unsorted, for counting);
- **resolving** a reference typed by a user (:meth:`Org.resolve`, see :mod:`kgraph.names`);
- **interactions** (:attr:`Org.interactions`): the logged contacts with external actors
  dated on or before the date;
- **contacts** (:attr:`Org.contacts`): who holds a relationship with an actor, with
  ``last_contact`` the later of the date in the contacts table and the latest
  interaction of that person with that actor in the log;
- **signals known on the date** (:attr:`Org.signals`, with the target groups a signal
  speaks for), **measurements of an objective** (:attr:`Org.measurements`, dated on or
  before the date), **target groups**, **objectives** and **factors** with the ids their
  edges give (:attr:`Org.target_groups`, :attr:`Org.objectives`, :attr:`Org.factors`).

>>> from kgraph.model import Dataset
>>> ds = Dataset(nodes={"T1": ("Team", {"name": "Wmo"}), "P1": ("Person", {"name": "Ann", "leave_date": "2026-06-30"}),
...                     "P2": ("Person", {"name": "Bo"})},
...              edges={("MEMBER_OF", "P1", "T1", ""): {"role": "lead"}, ("MEMBER_OF", "P2", "T1", ""): {"role": "member"}})
>>> sorted(Org.from_dataset(ds, as_of="2026-06-01").members("T1", subunits=False))
['P1', 'P2']
>>> sorted(Org.from_dataset(ds, as_of="2026-07-01").members("T1", subunits=False))
['P2']
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import management as _management
from . import names as _names
from ._gc import paused
from .dates import add_months, parse_as_of, parse_horizon, to_date
from .model import Dataset
from .org_knowledge import Knowledge, Need, schema_default
from .org_time import OverTime
from .tables import DatasetTables, Tables

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["Org", "Need", "is_present", "is_active", "home_team_of", "schema_default"]


def is_present(person: dict[str, Any], day: _dt.date) -> bool:
    """Whether a person (their properties) has started and not yet left on ``day``.

    >>> is_present({"start_date": "2020-01-01", "leave_date": "2026-06-30"}, _dt.date(2026, 6, 30))
    False
    """
    start, leave = to_date(person.get("start_date")), to_date(person.get("leave_date"))
    return (start is None or start <= day) and (leave is None or leave > day)


def is_active(membership: dict[str, Any], day: _dt.date) -> bool:
    """Whether a membership (its properties) holds on ``day`` (``since`` ≤ day ≤ ``until``).

    >>> is_active({"since": "2019-03-01", "until": "2025-06-30"}, _dt.date(2026, 1, 1))
    False
    """
    since, until = to_date(membership.get("since")), to_date(membership.get("until"))
    return (since is None or since <= day) and (until is None or day <= until)


def home_team_of(memberships: Iterable[tuple[str, str]]) -> str | None:
    """The home team among ``(team, role)`` pairs: the first team led, else the first team (by id).

    >>> home_team_of([("T-MT", "member"), ("T-VERG", "lead")]), home_team_of([])
    ('T-VERG', None)
    """
    ms = sorted(memberships)
    led = [t for t, r in ms if r == "lead"]
    return (led or [t for t, _ in ms] or [None])[0]


class Org(Knowledge, OverTime):
    """Indexes over one dataset on one date (read-only; built once, shared by every analysis).

    Parameters
    ----------
    ds : Dataset
        The nodes and edges (as a store holds them for that date).
    as_of : date or str, optional
        The date the organisation is looked at (default today).
    """

    def __init__(self, ds: Dataset | Tables, as_of: str | _dt.date | None = None):
        self.tables = ds if isinstance(ds, Tables) else DatasetTables(ds)
        self.as_of = parse_as_of(as_of)
        self._kinds: dict[str, dict[str, dict[str, Any]]] = {}
        self._graphs: dict[tuple, Any] = {}
        self._held: dict[tuple[str, int, bool], frozenset[str]] = {}

    @classmethod
    def from_dataset(cls, ds: Dataset, *, as_of: str | _dt.date | None = None) -> Org:
        """The organisation of ``ds`` on ``as_of`` (default today)."""
        return cls(ds, as_of)

    def __repr__(self) -> str:
        return f"<Org {len(self.persons)} persons as of {self.as_of.isoformat()}>"

    @cached_property
    def ds(self) -> Dataset:
        """Every node and edge of the date (a store's tables are all read on first use: for
        exports and counts; analyses read :meth:`of_kind` and :meth:`edges`)."""
        return self.tables.dataset()

    # -- nodes ----------------------------------------------------------------
    def of_kind(self, kind: str) -> dict[str, dict[str, Any]]:
        """``{id: properties}`` of every node of ``kind``."""
        got = self._kinds.get(kind)
        if got is None:
            got = self._kinds[kind] = self.tables.nodes(kind)
        return got

    @property
    def persons(self) -> dict[str, dict[str, Any]]:
        """Every person in the data, present or not (see :attr:`present`)."""
        return self.of_kind("Person")

    @property
    def teams(self) -> dict[str, dict[str, Any]]:
        return self.of_kind("Team")

    @property
    def departments(self) -> dict[str, dict[str, Any]]:
        return self.of_kind("Department")

    @property
    def items(self) -> dict[str, dict[str, Any]]:
        """The knowledge items."""
        return self.of_kind("KnowledgeItem")

    def name(self, node_id: str) -> str:
        kind = self._kind_of.get(node_id)
        if kind is None:
            return node_id
        nodes = self._kinds.get(kind)
        return (self.of_kind(kind) if nodes is None else nodes)[node_id].get("name", node_id)

    def kind(self, node_id: str) -> str | None:
        return self._kind_of.get(node_id)

    @cached_property
    def _kind_of(self) -> dict[str, str]:
        return self.tables.kinds()

    def edges(self, relation: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        """``(source, target, key, properties)`` of every edge of ``relation``, sorted."""
        return self.tables.edges(relation)

    def resolve(self, ref: str, kinds: tuple[str, ...] | list[str] | str, *, partial: bool = True) -> str:
        """The id of the ``kinds`` node ``ref`` names (id, name, or unless ``partial=False`` part of one): :func:`kgraph.names.resolve`."""
        kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        names = lambda k: {i: p.get("name") for i, p in self.of_kind(k).items()}  # noqa: E731 - {id: name} of a kind
        return _names.resolve(ref, kinds, kind_of=self.kind, matches=lambda k: _names.matching(ref, names(k)),
                              candidates=names if partial else None)

    # -- persons on the date ----------------------------------------------------
    @cached_property
    def present(self) -> frozenset[str]:
        """The persons present on :attr:`as_of`."""
        return frozenset(p for p, props in self.persons.items() if is_present(props, self.as_of))

    def leaving_within(self, horizon: str | int) -> dict[str, _dt.date]:
        """Present persons whose ``leave_date`` falls in (as_of, as_of + horizon], by id."""
        end = add_months(self.as_of, parse_horizon(horizon))
        out = {}
        for pid in sorted(self.present):
            leave = to_date(self.persons[pid].get("leave_date"))
            if leave is not None and self.as_of < leave <= end:
                out[pid] = leave
        return out

    # -- units ------------------------------------------------------------------
    @cached_property
    def team_department(self) -> dict[str, str]:
        """team id -> department id."""
        return {s: t for s, t, _, _ in self.edges("PART_OF") if s in self.teams}

    @cached_property
    def department_parent(self) -> dict[str, str]:
        return {s: t for s, t, _, _ in self.edges("PART_OF") if s in self.departments}

    def department_ancestors(self, dept: str) -> list[str]:
        """``dept`` and every department above it, nearest first."""
        out, seen = [], set()
        while dept and dept not in seen:
            out.append(dept)
            seen.add(dept)
            dept = self.department_parent.get(dept)
        return out

    def department_subtree(self, dept: str) -> set[str]:
        """``dept`` and every department below it."""
        found = self._subtrees.get(dept)
        if found is None:  # the departments whose ancestors include ``dept``: walked down from it
            out = {dept} if dept in self.departments else set()
            stack = [dept]
            while stack:
                for child in self._child_departments.get(stack.pop(), ()):
                    if child not in out:
                        out.add(child)
                        stack.append(child)
            found = self._subtrees[dept] = frozenset(out)
        return set(found)

    @cached_property
    def _child_departments(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for d, parent in self.department_parent.items():
            out[parent].append(d)
        return out

    @cached_property
    def _subtrees(self) -> dict[str, frozenset[str]]:
        return {}

    def unit_department(self, unit: str) -> str | None:
        """A department itself, or a team's department."""
        return unit if unit in self.departments else self.team_department.get(unit)

    @cached_property
    def memberships(self) -> dict[str, list[tuple[str, str]]]:
        """person id -> sorted ``[(team id, role)]``: present persons' memberships active on the date."""
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        present, role = self.present, schema_default("memberships", "role")
        active: dict[int, bool] = {}  # by property set: a store's edges share equal ones
        for p, t, _, props in self.edges("MEMBER_OF"):
            if p in present:
                on = active.get(id(props))
                if on is None:
                    on = active[id(props)] = is_active(props, self.as_of)
                if on:
                    out[p].append((t, props.get("role") or role))
        return {p: sorted(v) for p, v in sorted(out.items())}

    @cached_property
    def team_members(self) -> dict[str, list[str]]:
        """team id -> sorted ids of its members on the date (teams without members left out)."""
        out: dict[str, list[str]] = defaultdict(list)
        for p, ms in self.memberships.items():
            for t, _ in ms:
                out[t].append(p)
        return {t: sorted(v) for t, v in sorted(out.items())}

    def teams_of(self, person: str) -> list[str]:
        return [t for t, _ in self.memberships.get(person, [])]

    def role_in(self, person: str, team: str) -> str | None:
        return dict(self.memberships.get(person, [])).get(team)

    @cached_property
    def _home(self) -> dict[str, str | None]:
        return {p: home_team_of(ms) for p, ms in self.memberships.items()}

    def home_team(self, person: str) -> str | None:
        """See the module docstring (:func:`home_team_of`)."""
        return self._home.get(person)

    def unit_of_person(self, person: str, by: str) -> str | None:
        """The person's home team (``by="team"``) or its department (``by="department"``)."""
        team = self.home_team(person)
        if by == "team" or team is None:
            return team
        return self.team_department.get(team)

    @cached_property
    def _departments(self) -> dict[str, tuple[str, ...]]:
        td = self.team_department
        return {p: tuple(sorted({td[t] for t, _r in ms if t in td})) for p, ms in self.memberships.items()}

    @cached_property
    def without_management(self) -> dict[str, list[str]]:
        """Departments with two or more teams and no management team on the date, each with the
        leads of its teams (see :mod:`kgraph.management`, the one definition)."""
        ms = [(p, t, r) for p, teams in self.memberships.items() for t, r in teams]
        return _management.without_management(self.team_department, self.department_parent, ms)

    def departments_of(self, person: str) -> list[str]:
        """The departments of all of a person's current teams (each team's own department)."""
        return list(self._departments.get(person, ()))

    @cached_property
    def _within(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for team, members in self.team_members.items():
            out[team].update(members)
            dept = self.team_department.get(team)
            for d in self.department_ancestors(dept) if dept else []:
                out[d].update(members)
        return {u: frozenset(m) for u, m in out.items()}

    @cached_property
    def _own(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for team, members in self.team_members.items():
            out[team].update(members)
            dept = self.team_department.get(team)
            if dept:
                out[dept].update(members)
        return {u: frozenset(m) for u, m in out.items()}

    def members(self, unit: str, *, subunits: bool) -> frozenset[str]:
        """Present members of a team, or of a department's teams (``subunits=True``: also the
        teams of every department below it)."""
        return (self._within if subunits else self._own).get(unit, frozenset())

    # -- external actors: the log of interactions, the contacts ----------------
    @cached_property
    def interactions(self) -> list[dict[str, Any]]:
        """Every interaction dated on or before :attr:`as_of`, oldest first (then by id).

        Each is its properties with ``interaction_id``, ``person_id`` (None once the person
        was erased), ``actor_id`` and ``issue_id`` (None: about the actor as a whole).
        """
        log = self.of_kind("Interaction")
        ends: dict[str, dict[str, str]] = {"HELD_BY": {}, "HELD_WITH": {}, "ABOUT": {}}
        for rel, found in ends.items():
            found.update((s, t) for s, t, _k, _p in self.edges(rel) if s in log)
        day = self.as_of.isoformat()
        out = [{**props, "interaction_id": i, "person_id": ends["HELD_BY"].get(i), "actor_id": ends["HELD_WITH"].get(i),
                "issue_id": ends["ABOUT"].get(i)}
               for i, props in log.items() if props.get("date") and str(props["date"]) <= day]
        return sorted(out, key=lambda r: (str(r["date"]), r["interaction_id"]))

    @cached_property
    def contacts(self) -> list[tuple[str, str, dict[str, Any]]]:
        """``(person, actor, properties)`` of the contacts of present persons, sorted.

        ``last_contact`` is the later of the table's date and the person's latest
        interaction with the actor in the log (:attr:`interactions`), so a relationship
        kept up in the log does not look stale; ``logged`` is that latest interaction's
        date (None when the log has none).
        """
        logged: dict[tuple[str, str], str] = {}
        for r in self.interactions:  # oldest first: the latest wins
            if r["person_id"] and r["actor_id"]:
                logged[(r["person_id"], r["actor_id"])] = str(r["date"])
        out = []
        for p, a, _k, props in self.edges("CONTACT"):
            if p not in self.present:
                continue
            last, log = props.get("last_contact") or None, logged.get((p, a))
            out.append((p, a, {**props, "last_contact": max(filter(None, (last, log)), default=None), "logged": log}))
        return out

    # -- the person network ---------------------------------------------------
    def person_graph(self, *, directed: bool = False, comembership: bool = False, weight: bool = False) -> nx.Graph:
        """Present persons and their ``WORKS_WITH`` ties (parallel kinds merged, weights summed).

        ``comembership`` adds a tie between every two members of a team. Every present
        person is a node, also without ties. Built once per option set and kept by this
        ``Org``, frozen (:func:`networkx.freeze`): copy it (``G.copy()``) to change it.
        """
        import networkx as nx

        key = (directed, comembership, weight)
        G = self._graphs.get(key)
        if G is None:
            with paused():
                G = self._graphs[key] = nx.freeze(self._build_graph(directed, comembership, weight))
        return G

    def _build_graph(self, directed: bool, comembership: bool, weight: bool):
        """The graph :meth:`person_graph` describes, its adjacency written directly.

        networkx keeps a graph as dicts of dicts (``G._adj``, for a DiGraph also
        ``G._pred``; an undirected edge is one attribute dict under both ends); filling
        them in one pass is twice as fast as ``add_edge`` per tie at 50,000 persons and
        gives the same graph, with the neighbours in the same order.
        """
        import networkx as nx

        G = nx.DiGraph() if directed else nx.Graph()
        present = self.present
        G.add_nodes_from(sorted(present))
        succ = G._adj
        pred = G._pred if directed else succ

        def add(s: str, t: str, w: float, accumulate: bool) -> None:
            out, into = succ.get(s), pred.get(t)
            if out is None or into is None:  # not present on the date
                return
            d = out.get(t)
            if d is not None:
                if accumulate:
                    d["weight"] += w
                return
            out[t] = into[s] = {"weight": w}

        for s, t, _, props in self.edges("WORKS_WITH"):
            add(s, t, float(props.get("weight", 1)) if weight else 1.0, weight)
        if comembership:
            for members in self.team_members.values():
                for i, a in enumerate(members):
                    for b in members[i + 1:]:
                        for u, v in ((a, b), (b, a)) if directed else ((a, b),):
                            add(u, v, 1.0, False)
        return G
