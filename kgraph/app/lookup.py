"""The store's indexes as the who-knows ranking reads them (:class:`~kgraph.analysis.whoknows.Lookup`).

``kgraph who-knows`` must answer at once on a large organisation, without loading it:
:class:`StoreLookup` asks the store only for the items a query names, their holders,
and the teams of the holders shown, and hands raw rows to the same pure ranking an
:class:`~kgraph.org.Org` feeds. The date is applied by the ranking (present persons,
active memberships), with the definitions of :mod:`kgraph.org`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from ..store import Store

__all__ = ["StoreLookup"]


class StoreLookup:
    """A :class:`~kgraph.analysis.whoknows.Lookup` over a store's indexed reads, for ``as_of``."""

    def __init__(self, store: Store, as_of: _dt.date):
        self.store = store
        self.as_of = as_of

    def items(self) -> dict[str, dict[str, Any]]:
        return self.store.nodes("KnowledgeItem", as_of=self.as_of)

    def broader(self) -> list[tuple[str, str]]:
        return [(s, t) for s, t, _k, _p in self.store.edges("BROADER", as_of=self.as_of)]

    def knows(self, items: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
        return [(p, k, props) for p, k, _key, props in self.store.edges("KNOWS", targets=items, as_of=self.as_of)]

    def persons(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = sorted(set(ids))
        return self.store.nodes("Person", ids, as_of=self.as_of) if ids else {}

    def memberships(self, persons: Iterable[str]) -> list[tuple[str, str, dict[str, Any]]]:
        persons = sorted(set(persons))
        return [(p, t, props) for p, t, _k, props in self.store.edges("MEMBER_OF", sources=persons, as_of=self.as_of)] if persons else []

    def members(self, teams: Iterable[str]) -> list[tuple[str, str, dict[str, Any]]]:
        teams = sorted(set(teams))
        return [(p, t, props) for p, t, _k, props in self.store.edges("MEMBER_OF", targets=teams, as_of=self.as_of)] if teams else []

    def ties(self, persons: Iterable[str]) -> list[tuple[str, str, str, dict[str, Any]]]:
        persons = sorted(set(persons))
        if not persons:
            return []
        out = self.store.edges("WORKS_WITH", sources=persons, as_of=self.as_of)
        want = set(persons)
        out += [e for e in self.store.edges("WORKS_WITH", targets=persons, as_of=self.as_of) if e[0] not in want]
        return out

    def units(self, teams: Iterable[str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        teams = sorted(set(teams))
        if not teams:
            return {}, {}, {}
        names = {t: props.get("name", t) for t, props in self.store.nodes("Team", teams, as_of=self.as_of).items()}
        team_dept = {s: t for s, t, _k, _p in self.store.edges("PART_OF", sources=teams, as_of=self.as_of)}
        depts = sorted(set(team_dept.values()))
        dept_names = {d: props.get("name", d) for d, props in self.store.nodes("Department", depts, as_of=self.as_of).items()} if depts else {}
        return names, team_dept, dept_names

    def resolve_person(self, ref: str) -> str:
        return self.store.resolve(ref, "Person", as_of=self.as_of)
