"""The store's indexes as the who-knows ranking reads them (:class:`~kgraph.analysis.whoknows.Lookup`).

``kgraph who-knows`` must answer at once on a large organisation, without loading it:
:class:`StoreLookup` asks the store only for the items a query names, their holders,
and the teams of the holders shown, and hands raw rows to the same pure ranking an
:class:`~kgraph.org.Org` feeds. The date is applied by the ranking (present persons,
active memberships), with the definitions of :mod:`kgraph.org`.

:func:`who_knows` is the facade's ``kgraph.who_knows``; it lives here, not in
:mod:`kgraph.app.api`, so that ``kgraph who-knows`` imports no analysis but its own
(and, with ``as_frame=False``, no pandas).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..dates import parse_as_of
from ..org import Org
from ..store import Store

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..jsonrows import Rows
    from .handle import KnowledgeGraph

__all__ = ["StoreLookup", "who_knows"]


def who_knows(source: KnowledgeGraph | Org, query: str, *, from_person: str | None = None, limit: int | None = None,
              as_of: str | _dt.date | None = None, as_frame: bool = True) -> pd.DataFrame | Rows:
    """Who knows ``query`` on ``as_of`` (see :func:`kgraph.analysis.whoknows.who_knows`).

    On a handle it reads only the store's indexes (:class:`StoreLookup`), never the
    whole organisation, so it answers at once on a large one. ``as_frame=False`` returns
    the same rows and columns as a :class:`~kgraph.jsonrows.Rows` (a list of dicts, what
    the command line renders) without importing pandas.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kgraph.who_knows(example_graph(), "wmo", as_of="2026-06-01")["person_id"].tolist()
    ['P4', 'P5']
    >>> rows = kgraph.who_knows(example_graph(), "wmo", as_of="2026-06-01", as_frame=False)
    >>> [r["person_id"] for r in rows], rows.columns[:3]
    (['P4', 'P5'], ['person_id', 'name', 'knowledge_id'])
    """
    from ..analysis.whoknows import who_knows as run

    if isinstance(source, Org):
        from .api import findings_of

        findings_of(source, as_of)  # checks the date
        return run(source, query, from_person=from_person, limit=limit, as_frame=as_frame)
    source.require_data()
    return run(StoreLookup(source.store, parse_as_of(as_of)), query, from_person=from_person, limit=limit,
               as_frame=as_frame)


class StoreLookup:
    """A :class:`~kgraph.analysis.whoknows.Lookup` over a store's indexed reads, for ``as_of``."""

    def __init__(self, store: Store, as_of: _dt.date):
        self.store = store
        self.as_of = as_of

    def items(self) -> dict[str, dict[str, Any]]:
        return self.store.item_terms(as_of=self.as_of)  # name and synonyms: all the ranking reads of an item

    def term_index(self):
        return self.store.term_index(as_of=self.as_of)  # None: match items() (a store without the index)

    def ranked_knows(self, ranks: dict[str, int], limit: int | None = None) -> list[tuple[str, str, dict[str, Any]]] | None:
        rows = self.store.ranked_holders(ranks, as_of=self.as_of, limit=limit)
        return None if rows is None else [(p, k, {"level": lv, "confirmed": c}) for p, k, _key, lv, c in rows]

    def broader(self) -> list[tuple[str, str]]:
        return [(s, t) for s, t, _k, _p in self.store.edges("BROADER", as_of=self.as_of)]

    def narrower(self, items: Iterable[str]) -> list[tuple[str, str]]:
        items = sorted(set(items))
        return [(s, t) for s, t, _k, _p in self.store.edges("BROADER", targets=items, as_of=self.as_of)] if items else []

    def below(self, items: Iterable[str]) -> list[str] | None:
        return self.store.narrower_items(items, as_of=self.as_of)  # None: narrower() level by level

    def knows(self, items: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
        return [(p, k, props) for p, k, _key, props in self.store.holders(items, as_of=self.as_of)]

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
