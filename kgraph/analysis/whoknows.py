"""Who knows what: find knowledge items by name, synonym and taxonomy, rank their holders.

Pure: :func:`who_knows` reads what it needs through a small lookup interface
(:class:`Lookup`), asking only for the items a query names, their holders, and the
teams of the holders it returns. An :class:`~kgraph.org.Org` answers it from
memory (:class:`OrgLookup`); the facade answers it from the store's indexes
(:class:`kgraph.app.lookup.StoreLookup`), so ``kgraph who-knows`` answers at once on a
large organisation without loading it. Both feed the same ranking, on the same
definitions of present, active membership and home team (:mod:`kgraph.org`).
The introduction path (``from_person``) is a bidirectional breadth-first search
over work ties (either direction) and shared team membership.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from ..i18n import _
from ..jsonrows import Rows
from ..org import Org, home_team_of, is_active, is_present, schema_default
from ..vocabulary import value_label
from .itemmatch import MATCH_ORDER, damerau_levenshtein, match_indexed, match_items, normalize, normalize_all  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["who_knows", "normalize", "damerau_levenshtein", "match_items", "introduction_path", "COLUMNS",
           "Lookup", "OrgLookup"]

COLUMNS = [
    "person_id", "name", "knowledge_id", "knowledge", "match", "level", "confirmed",
    "team", "department", "email", "location",
]

# -- what the ranking reads ------------------------------------------------------


class Lookup(Protocol):
    """What :func:`who_knows` reads, for one date (``as_of``). Rows are raw: every
    membership and person, whatever their dates; the ranking applies the date."""

    as_of: _dt.date

    def items(self) -> dict[str, dict[str, Any]]:
        """Every knowledge item ``{id: properties}`` (at least ``name`` and ``synonyms``)."""

    def broader(self) -> list[tuple[str, str]]:
        """``(narrower item, broader item)`` for every taxonomy edge."""

    def narrower(self, items: Iterable[str]) -> list[tuple[str, str]]:
        """``(narrower item, broader item)`` for the taxonomy edges into the given items."""

    def below(self, items: Iterable[str]) -> list[str] | None:
        """Optional: the given items and every item below them (what :meth:`narrower` gives,
        level by level), or None: then who-knows asks :meth:`narrower` level by level."""

    def knows(self, items: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """``(person, item, KNOWS properties)`` for the given items."""

    def persons(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Properties of the given persons."""

    def memberships(self, persons: Iterable[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """``(person, team, MEMBER_OF properties)`` of the given persons."""

    def members(self, teams: Iterable[str]) -> list[tuple[str, str, dict[str, Any]]]:
        """``(person, team, MEMBER_OF properties)`` into the given teams."""

    def ties(self, persons: Iterable[str]) -> list[tuple[str, str, str, dict[str, Any]]]:
        """``WORKS_WITH`` edges from or to the given persons."""

    def units(self, teams: Iterable[str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """``(team names, team -> department, department names)`` of the given teams."""

    def resolve_person(self, ref: str) -> str:
        """The id of the person ``ref`` (an id or a name) names (see :mod:`kgraph.names`)."""


class OrgLookup:
    """:class:`Lookup` answered from an :class:`~kgraph.org.Org` in memory."""

    def __init__(self, org: Org):
        self.org = org
        self.as_of = org.as_of
        self._by_source: dict[str, dict[str, list]] = {}
        self._by_target: dict[str, dict[str, list]] = {}

    def _index(self, rel: str, by: str) -> dict[str, list]:
        cache = self._by_source if by == "source" else self._by_target
        if rel not in cache:
            idx: dict[str, list] = {}
            for e in self.org.edges(rel):
                idx.setdefault(e[0] if by == "source" else e[1], []).append(e)
            cache[rel] = idx
        return cache[rel]

    def items(self):
        return self.org.items

    def broader(self):
        return sorted(self.org.broader.items())

    def narrower(self, items):
        want = set(items)
        return sorted((s, t) for s, t in self.org.broader.items() if t in want)

    def knows(self, items):
        idx = self._index("KNOWS", "target")
        return [(p, k, props) for i in items for p, k, _k, props in idx.get(i, [])]

    def persons(self, ids):
        return {i: self.org.persons[i] for i in sorted(set(ids)) if i in self.org.persons}

    def memberships(self, persons):
        idx = self._index("MEMBER_OF", "source")
        return [(p, t, props) for x in sorted(set(persons)) for p, t, _k, props in idx.get(x, [])]

    def members(self, teams):
        idx = self._index("MEMBER_OF", "target")
        return [(p, t, props) for x in sorted(set(teams)) for p, t, _k, props in idx.get(x, [])]

    def ties(self, persons):
        want = set(persons)
        out = [e for x in sorted(want) for e in self._index("WORKS_WITH", "source").get(x, [])]
        out += [e for x in sorted(want) for e in self._index("WORKS_WITH", "target").get(x, []) if e[0] not in want]
        return out

    def units(self, teams):
        org = self.org
        teams = sorted(set(teams))
        team_dept = {t: org.team_department[t] for t in teams if t in org.team_department}
        return ({t: org.name(t) for t in teams}, team_dept, {d: org.name(d) for d in set(team_dept.values())})

    def resolve_person(self, ref):
        return self.org.resolve(ref, ("Person",))


# -- the introduction path ---------------------------------------------------------


class _Network:
    """Neighbours of persons on the lookup's date, read level by level and kept."""

    def __init__(self, lookup: Lookup):
        self.lookup = lookup
        self.day = lookup.as_of
        self.adj: dict[str, dict[str, str]] = {}  # person -> {neighbour: how}
        self.names: dict[str, str] = {}

    def expand(self, persons: Iterable[str]) -> None:
        todo = sorted(p for p in set(persons) if p not in self.adj)
        if not todo:
            return
        look, day = self.lookup, self.day
        found: dict[str, dict[str, str]] = {p: {} for p in todo}
        ties: dict[tuple[str, str], set[str]] = {}
        for s, t, key, props in look.ties(todo):
            ties.setdefault((s, t), set()).add(key or props.get("kind", "work"))
            ties.setdefault((t, s), set()).add(key or props.get("kind", "work"))
        for (a, b), kinds in sorted(ties.items()):
            if a in found and a != b:
                found[a].setdefault(b, _("{kinds} tie").format(kinds="/".join(value_label("kind", k) for k in sorted(kinds))))
        own = [(p, t) for p, t, props in look.memberships(todo) if is_active(props, day)]
        teams = sorted({t for _p, t in own})
        if teams:
            team_names, _d, _n = look.units([t for t in teams if t not in self.names])
            self.names.update(team_names)
            members: dict[str, list[str]] = {}
            for p, t, props in look.members(teams):
                if is_active(props, day):
                    members.setdefault(t, []).append(p)
            for p, t in own:
                for other in members.get(t, []):
                    if other != p:
                        found[p].setdefault(other, _("both in team {team}").format(team=self.names.get(t, t)))
        # persons who have left cannot introduce anyone
        others = {o for nb in found.values() for o in nb}
        present = {pid for pid, props in look.persons(others).items() if is_present(props, day)}
        for p, nb in found.items():
            self.adj[p] = {o: how for o, how in sorted(nb.items()) if o in present}


def _bfs_step(net: _Network, frontier: list[str], seen: dict[str, tuple[str | None, str]]) -> list[str]:
    net.expand(frontier)
    nxt: list[str] = []
    for p in frontier:
        for o, how in net.adj[p].items():
            if o not in seen:
                seen[o] = (p, how)
                nxt.append(o)
    return sorted(nxt)


def introduction_path(net: _Network, source: str, target: str, *, max_hops: int = 8) -> list[tuple[str, str]] | None:
    """Shortest chain from ``source`` to ``target`` as ``[(person, how reached), ...]``.

    Bidirectional breadth-first search: the smaller frontier grows one whole level
    at a time; when the two searches meet, the meeting person with the smallest total
    distance (then the smallest id) joins the halves. None when not connected within
    ``max_hops``.
    """
    if source == target:
        return [(source, "")]
    fwd: dict[str, tuple[str | None, str]] = {source: (None, "")}
    bwd: dict[str, tuple[str | None, str]] = {target: (None, "")}
    dist_f, dist_b = {source: 0}, {target: 0}
    front_f, front_b = [source], [target]
    depth_f = depth_b = 0
    while front_f and front_b and depth_f + depth_b < max_hops:
        if len(front_f) <= len(front_b):
            front_f = _bfs_step(net, front_f, fwd)
            depth_f += 1
            for p in front_f:
                dist_f[p] = depth_f
        else:
            front_b = _bfs_step(net, front_b, bwd)
            depth_b += 1
            for p in front_b:
                dist_b[p] = depth_b
        meet = [p for p in dist_f if p in dist_b]
        if meet:
            mid = min(meet, key=lambda p: (dist_f[p] + dist_b[p], p))
            left: list[tuple[str, str]] = []
            p: str | None = mid
            while p is not None:
                parent, how = fwd[p]
                left.append((p, how))
                p = parent
            left.reverse()
            path = left
            p, how_next = bwd[mid]
            while p is not None:
                parent, how = bwd[p]
                path.append((p, how_next))
                how_next = how
                p = parent
            return path
    return None


def _describe(path: list[tuple[str, str]], names: dict[str, str]) -> str:
    out = names.get(path[0][0], path[0][0])
    for p, how in path[1:]:
        out += f" → ({how}) {names.get(p, p)}"
    return out


def who_knows(source: Org | Lookup, query: str, *, from_person: str | None = None,
              limit: int | None = None, as_frame: bool = True) -> pd.DataFrame | Rows:
    """Who holds the knowledge a query names, best first, on the source's date.

    The query is matched against item ids, names and synonyms (see
    :func:`match_items`: case and diacritics do not matter, small typos are
    forgiven); items narrower than a matched item (``BROADER`` taxonomy) are
    included with ``match`` = ``narrower``. Persons who have left are left out;
    teams are the memberships that hold on the date.

    Parameters
    ----------
    source : Org or Lookup
        The organisation on one date, or a :class:`Lookup` (the facade's reads
        from a store's indexes).
    query : str
        What to look for, e.g. ``"omgevingswet"`` or ``"Wmo"``.
    from_person : str, optional
        Id or exact name of the person asking: adds the shortest introduction
        path to every holder over work ties (either direction) and shared teams.
    limit : int, optional
        At most this many rows.
    as_frame : bool, default True
        False: the same rows as a :class:`~kgraph.jsonrows.Rows` (dicts, with the
        columns), without importing pandas (what ``kgraph who-knows`` renders).

    Returns
    -------
    pandas.DataFrame or Rows
        One row per holder and item, sorted by level (high first), most recent
        ``confirmed`` date, match quality, then ids: ``person_id, name,
        knowledge_id, knowledge, match, level, confirmed, team, department, email,
        location``; with ``from_person`` also ``hops``, ``path`` (list of person
        ids, from the asker to the holder; empty when not connected) and
        ``path_description``.

    Raises
    ------
    NotFound
        ``from_person`` names nobody.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> org = example_org()
    >>> df = who_knows(org, "omgevnigswet")
    >>> df[["person_id", "knowledge_id", "match", "level", "team"]].values.tolist()
    [['P2', 'K-OMGW', 'fuzzy', 5, 'Vergunningen'], ['P1', 'K-OMGW', 'fuzzy', 4, 'Vergunningen'], ['P2', 'K-DSO', 'fuzzy', 4, 'Vergunningen'], ['P3', 'K-OMGW', 'fuzzy', 2, 'Vergunningen']]
    >>> df = who_knows(org, "wmo", from_person="P3")
    >>> df.loc[0, "path"], df.loc[0, "path_description"]
    (['P3', 'P1', 'P4'], 'Cor Jansen → (both in team Vergunningen) Ann Dekker → (information tie) Dina Çelik')
    >>> who_knows(org, "wmo", as_frame=False)[0]["person_id"]
    'P4'
    """
    look: Lookup = OrgLookup(source) if isinstance(source, Org) else source
    day = look.as_of
    asker = look.resolve_person(from_person) if from_person is not None else None
    index = look.term_index() if hasattr(look, "term_index") else None
    if index is None:
        items = look.items()
        matched = match_items(items, query)

        def item_names(ids):
            return {k: items[k]["name"] for k in ids if "name" in items.get(k, {})}
    else:  # the store's index of the items' terms: the same matches, without reading every item
        matched = match_indexed(index, query)
        item_names = index.names
    hits: dict[str, tuple[str, int]] = dict(matched)
    all_below = getattr(look, "below", None)  # the matched items and all below them, at once (or None)
    closure = all_below(matched) if matched and all_below is not None else None
    if closure is not None:
        hits.update((c, ("narrower", 0)) for c in closure if c not in hits)
    narrower = getattr(look, "narrower", None)
    if matched and closure is None and narrower is None:  # a Lookup without narrower(): from the whole taxonomy
        taxonomy = look.broader()

        def narrower(items):
            want = set(items)
            return [(s, t) for s, t in taxonomy if t in want]
    frontier = sorted(matched) if closure is None else []
    while frontier:  # the items below the matched ones, level by level
        below = sorted({s for s, _t in narrower(frontier) if s not in hits})
        hits.update((c, ("narrower", 0)) for c in below)
        frontier = below

    # rank first (level, recency, match, distance, ids), then look up the persons in that
    # order until ``limit`` present ones are found: a table of the first 25 holders of a
    # broad query reads 25-odd persons, not every holder
    want = None if limit is None else max(limit, 0)
    step = None if want is None else max(2 * want, 64)
    ranked_knows, ranks = getattr(look, "ranked_knows", None), None
    knows = None
    if hits and ranked_knows is not None:  # the store ranks: only the first ``step`` rows come back
        quality = sorted({(MATCH_ORDER[m], d) for m, d in hits.values()})
        ranks = {k: quality.index((MATCH_ORDER[m], d)) for k, (m, d) in hits.items()}
        knows = ranked_knows(ranks, step)
    fetched = step if knows is not None else None  # None: knows holds every holder
    if knows is None:
        knows = look.knows(sorted(hits)) if hits else []
        knows.sort(key=lambda e: (-int(e[2].get("level") or 0), _neg_date(e[2].get("confirmed")),
                                  MATCH_ORDER[hits[e[1]][0]], hits[e[1]][1], e[0], e[1]))
    want = len(knows) if want is None else want
    persons: dict[str, dict[str, Any]] = {}
    asked: set[str] = set()
    ranked: list[tuple[str, str, dict[str, Any]]] = []
    start, step = 0, step or max(len(knows), 1)
    while len(ranked) < want:
        if start >= len(knows):
            if fetched is None or len(knows) < fetched:
                break  # every holder seen
            fetched *= 4  # the same order, more rows (many of the first holders have left)
            knows = ranked_knows(ranks, fetched)
            continue
        batch = knows[start:start + step]
        new = {p for p, _k, _p in batch} - asked
        asked |= new
        if new:
            persons.update((p, props) for p, props in look.persons(new).items() if is_present(props, day))
        ranked += [e for e in batch if e[0] in persons]
        start += step
    knows = ranked[:want]
    kept = sorted({p for p, _k, _p in knows})
    teams_of: dict[str, list[tuple[str, str]]] = {}
    for p, t, props in look.memberships(kept) if kept else []:
        if is_active(props, day):
            teams_of.setdefault(p, []).append((t, props.get("role") or schema_default("memberships", "role")))
    home = {p: home_team_of(teams_of.get(p, [])) for p in kept}
    team_names, team_dept, dept_names = look.units({t for t in home.values() if t}) if any(home.values()) else ({}, {}, {})

    names = item_names({k for _p, k, _x in knows})
    rows: list[dict[str, Any]] = []
    for p, k, props in knows:
        team = home[p]
        dept = team_dept.get(team) if team else None
        person = persons[p]
        rows.append({
            "person_id": p, "name": person.get("name", p), "knowledge_id": k,
            "knowledge": names.get(k, k), "match": hits[k][0],
            "level": int(props.get("level") or 0), "confirmed": props.get("confirmed") or None,
            "team": team_names.get(team, team) if team else None,
            "department": dept_names.get(dept, dept) if dept else None,
            "email": person.get("email") or None, "location": person.get("location") or None,
        })
    cols = list(COLUMNS)
    if asker is not None:
        cols += ["hops", "path", "path_description"]
        net = _Network(look)
        paths: dict[str, list[tuple[str, str]] | None] = {}
        for r in rows:
            if r["person_id"] not in paths:
                paths[r["person_id"]] = introduction_path(net, asker, r["person_id"])
        on_path = {p for path in paths.values() if path for p, _h in path}
        names = {p: props.get("name", p) for p, props in look.persons(on_path).items()}
        for r in rows:
            path = paths[r["person_id"]]
            r["hops"] = len(path) - 1 if path else None
            r["path"] = [p for p, _h in path] if path else []
            r["path_description"] = _describe(path, names) if path else _("no connection found")
    result = Rows(rows, cols)
    if not as_frame:
        return result
    df = result.to_frame()
    if asker is not None and not df.empty:
        df["hops"] = df["hops"].astype("Int64")
    return df


@functools.lru_cache(maxsize=65536)
def _neg_date(value: str | None) -> tuple[int, str]:
    """Sort key putting recent ISO dates first and missing dates last (a few thousand
    distinct dates among tens of thousands of holders: each is computed once)."""
    if not value:
        return (1, "")
    return (0, "".join(chr(0x10FFFF - ord(c)) for c in str(value)))
