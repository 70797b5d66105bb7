"""Who knows what: find knowledge items by name, synonym and taxonomy, rank their holders.

``kgraph who-knows`` calls :func:`who_knows`. It uses only the store's indexed
lookups (``store.nodes``, ``store.edges(..., sources=/targets=)``,
``store.find_nodes``), never the whole dataset, so it answers at once on a large
organisation. The introduction path (``from_person``) is a bidirectional
breadth-first search over work ties (either direction) and shared team membership.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._knowledge import is_present
from .org import parse_as_of

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Store

__all__ = ["who_knows", "normalize", "damerau_levenshtein", "match_items", "introduction_path", "COLUMNS"]

COLUMNS = [
    "person_id", "name", "knowledge_id", "knowledge", "match", "level", "confirmed",
    "team", "department", "email", "location",
]

#: match quality, best first
MATCH_ORDER = {"exact": 0, "synonym": 1, "partial": 2, "fuzzy": 3, "narrower": 4}


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Case-folded text without diacritics, punctuation as spaces, spaces collapsed.

    >>> normalize("  Hanna Çelik-Öztürk ")
    'hanna celik ozturk'
    >>> normalize("Wmo")
    'wmo'
    """
    text = str(text)
    if text.isascii():  # the common case, without the Unicode round trip
        return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def damerau_levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment).

    Insertions, deletions, substitutions and swaps of two neighbouring characters
    cost 1 each. With ``limit``, returns ``limit + 1`` as soon as the distance is
    known to exceed it.

    >>> damerau_levenshtein("omgevnigswet", "omgevingswet")
    1
    >>> damerau_levenshtein("kitten", "sitting")
    3
    >>> damerau_levenshtein("abc", "xyz123", limit=2)
    3
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _max_typos(term: str) -> int:
    """Typos tolerated in a query term: 1 up to 5 characters, else 2."""
    return 1 if len(term) <= 5 else 2


def match_items(items: dict[str, dict[str, Any]], query: str) -> dict[str, tuple[str, int]]:
    """The items a query names, each with how it matched: ``{id: (match, distance)}``.

    In order, the first step that finds anything wins: (1) the normalised query
    equals an item's id or name (``exact``) or a synonym (``synonym``); (2) it is
    part of a name or synonym, at least 3 characters (``partial``), or within
    Damerau–Levenshtein distance 2 (1 for terms up to 5 characters) of a whole name,
    synonym or one of their words (``fuzzy``).

    >>> items = {"K1": {"name": "Omgevingswet", "synonyms": ["Ow"]},
    ...          "K2": {"name": "Wet maatschappelijke ondersteuning", "synonyms": ["Wmo"]}}
    >>> match_items(items, "OMGEVINGSWET"), match_items(items, "wmo")
    ({'K1': ('exact', 0)}, {'K2': ('synonym', 0)})
    >>> match_items(items, "omgevnigswet"), match_items(items, "maatschapelijke")
    ({'K1': ('fuzzy', 1)}, {'K2': ('fuzzy', 1)})
    >>> match_items(items, "wet")
    {'K1': ('partial', 0), 'K2': ('partial', 0)}
    """
    q = normalize(query)
    if not q:
        return {}
    terms: dict[str, list[tuple[str, str]]] = {}
    exact: dict[str, tuple[str, int]] = {}
    for item, props in items.items():
        name = normalize(props.get("name", ""))
        syns = props.get("synonyms") or []
        if isinstance(syns, str):
            syns = syns.split(";")
        tt = [("name", normalize(item)), ("name", name)] + [("synonym", normalize(s)) for s in syns]
        tt = [(k, t) for k, t in tt if t]
        terms[item] = tt
        for kind, t in tt:
            if t == q:
                best = "exact" if kind == "name" else "synonym"
                if item not in exact or MATCH_ORDER[best] < MATCH_ORDER[exact[item][0]]:
                    exact[item] = (best, 0)
    if exact:
        return dict(sorted(exact.items()))
    out: dict[str, tuple[str, int]] = {}
    limit = _max_typos(q)
    distance: dict[str, int] = {}  # each distinct term or word is compared once

    def within(c: str) -> int:
        if c not in distance:
            allowed = min(limit, _max_typos(c))
            d = damerau_levenshtein(q, c, allowed)
            distance[c] = d if d <= allowed else limit + 1
        return distance[c]

    for item, tt in terms.items():
        if len(q) >= 3 and any(q in t for _, t in tt):
            out[item] = ("partial", 0)
            continue
        candidates = {t for _, t in tt} | {w for _, t in tt for w in t.split()}
        best = min((within(c) for c in candidates), default=limit + 1)
        if best <= limit:
            out[item] = ("fuzzy", best)
    return dict(sorted(out.items()))


# -- the store lookups ------------------------------------------------------------






class _Network:
    """Neighbours of persons, looked up in the store level by level and cached."""

    def __init__(self, store: Store, day: _dt.date):
        self.store = store
        self.day = day
        self.adj: dict[str, dict[str, str]] = {}  # person -> {neighbour: how}
        self.team_names: dict[str, str] = {}

    def expand(self, persons: Iterable[str]) -> None:
        todo = sorted(p for p in set(persons) if p not in self.adj)
        if not todo:
            return
        found: dict[str, dict[str, str]] = {p: {} for p in todo}
        ties: dict[tuple[str, str], set[str]] = {}
        for s, t, key, props in self.store.edges("WORKS_WITH", sources=todo):
            ties.setdefault((s, t), set()).add(key or props.get("kind", "work"))
        for s, t, key, props in self.store.edges("WORKS_WITH", targets=todo):
            ties.setdefault((t, s), set()).add(key or props.get("kind", "work"))
        for (a, b), kinds in sorted(ties.items()):
            if a in found and a != b:
                found[a].setdefault(b, f"{'/'.join(sorted(kinds))} tie")
        memberships = self.store.edges("MEMBER_OF", sources=todo)
        teams = sorted({t for _, t, _, _ in memberships})
        if teams:
            missing = [t for t in teams if t not in self.team_names]
            for tid, props in self.store.nodes("Team", missing).items():
                self.team_names[tid] = props.get("name", tid)
            members: dict[str, list[str]] = {}
            for p, t, _, _ in self.store.edges("MEMBER_OF", targets=teams):
                members.setdefault(t, []).append(p)
            for p, t, _, _ in memberships:
                for other in members.get(t, []):
                    if other != p:
                        found[p].setdefault(other, f"both in team {self.team_names.get(t, t)}")
        # persons who have left cannot introduce anyone
        others = {o for nb in found.values() for o in nb}
        present = {pid for pid, props in self.store.nodes("Person", others).items() if is_present(props, self.day)}
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


def who_knows(kg, query: str, *, from_person: str | None = None, limit: int | None = None,
              as_of: str | _dt.date | None = None) -> pd.DataFrame:
    """Who holds the knowledge a query names, best first.

    The query is matched against item ids, names and synonyms (see
    :func:`match_items`: case and diacritics do not matter, small typos are
    forgiven); items narrower than a matched item (``BROADER`` taxonomy) are
    included with ``match`` = ``narrower``.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph handle from :func:`kgraph.open`.
    query : str
        What to look for, e.g. ``"omgevingswet"`` or ``"Wmo"``.
    from_person : str, optional
        Id or exact name of the person asking: adds the shortest introduction
        path to every holder over work ties (either direction) and shared teams.
    limit : int, optional
        At most this many rows.
    as_of : date or str, optional
        Persons who left on or before this date (default today) are left out.

    Returns
    -------
    pandas.DataFrame
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
    >>> from kgraph.analysis._example import example_graph
    >>> kg = example_graph()
    >>> df = who_knows(kg, "omgevnigswet", as_of="2026-06-01")
    >>> df[["person_id", "knowledge_id", "match", "level", "team"]].values.tolist()
    [['P2', 'K-OMGW', 'fuzzy', 5, 'Vergunningen'], ['P1', 'K-OMGW', 'fuzzy', 4, 'Vergunningen'], ['P2', 'K-DSO', 'fuzzy', 4, 'Vergunningen'], ['P3', 'K-OMGW', 'fuzzy', 2, 'Vergunningen']]
    >>> df = who_knows(kg, "wmo", from_person="P3", as_of="2026-06-01")
    >>> df.loc[0, "path"], df.loc[0, "path_description"]
    (['P3', 'P1', 'P4'], 'Cor Jansen → (both in team Vergunningen) Ann Dekker → (information tie) Dina Çelik')
    """
    import pandas as pd

    store = kg.store
    day = parse_as_of(as_of)
    source = store.resolve(from_person) if from_person is not None else None
    items = store.nodes("KnowledgeItem")
    matched = match_items(items, query)
    hits: dict[str, tuple[str, int]] = dict(matched)
    if matched:
        children: dict[str, list[str]] = {}
        for s, t, _, _ in store.edges("BROADER"):
            children.setdefault(t, []).append(s)
        stack = sorted(matched)
        while stack:
            for c in sorted(children.get(stack.pop(), [])):
                if c not in hits:
                    hits[c] = ("narrower", 0)
                    stack.append(c)

    knows = store.edges("KNOWS", targets=sorted(hits)) if hits else []
    persons = store.nodes("Person", {p for p, _, _, _ in knows}) if knows else {}
    persons = {p: props for p, props in persons.items() if is_present(props, day)}
    # rank first (level, recency, match, distance, ids), so that only the rows
    # returned need their teams and departments looked up
    knows = sorted((e for e in knows if e[0] in persons), key=lambda e: (
        -int(e[3].get("level") or 0), _neg_date(e[3].get("confirmed")), MATCH_ORDER[hits[e[1]][0]], hits[e[1]][1], e[0], e[1]))
    if limit is not None:
        knows = knows[: max(limit, 0)]
    kept = sorted({p for p, _, _, _ in knows})
    members = store.edges("MEMBER_OF", sources=kept) if kept else []
    teams_of: dict[str, list[tuple[str, str]]] = {}
    for p, t, _, props in members:
        teams_of.setdefault(p, []).append((t, props.get("role", "member")))
    team_ids = sorted({t for _, t, _, _ in members})
    teams = store.nodes("Team", team_ids) if team_ids else {}
    team_dept = {s: t for s, t, _, _ in store.edges("PART_OF", sources=team_ids)} if team_ids else {}
    depts = store.nodes("Department", set(team_dept.values())) if team_dept else {}

    rows: list[dict[str, Any]] = []
    for p, k, _, props in knows:
        ms = sorted(teams_of.get(p, []))
        led = [t for t, r in ms if r == "lead"]
        home = (led or [t for t, _ in ms] or [None])[0]
        dept = team_dept.get(home) if home else None
        person = persons[p]
        rows.append({
            "person_id": p, "name": person.get("name", p), "knowledge_id": k,
            "knowledge": items.get(k, {}).get("name", k), "match": hits[k][0],
            "level": int(props.get("level") or 0), "confirmed": props.get("confirmed") or None,
            "team": teams.get(home, {}).get("name", home) if home else None,
            "department": depts.get(dept, {}).get("name", dept) if dept else None,
            "email": person.get("email") or None, "location": person.get("location") or None,
        })
    cols = list(COLUMNS)
    if source is not None:
        cols += ["hops", "path", "path_description"]
        net = _Network(store, day)
        cache: dict[str, list[tuple[str, str]] | None] = {}
        for r in rows:
            target = r["person_id"]
            if target not in cache:
                cache[target] = introduction_path(net, source, target)
            path = cache[target]
        names_needed = {p for path in cache.values() if path for p, _ in path}
        names = {p: props.get("name", p) for p, props in store.nodes("Person", names_needed).items()}
        for r in rows:
            path = cache[r["person_id"]]
            r["hops"] = len(path) - 1 if path else None
            r["path"] = [p for p, _ in path] if path else []
            r["path_description"] = _describe(path, names) if path else "no connection found"
    df = pd.DataFrame(rows, columns=cols)
    if source is not None and not df.empty:
        df["hops"] = df["hops"].astype("Int64")
    return df


def _neg_date(value: str | None) -> tuple[int, str]:
    """Sort key putting recent ISO dates first and missing dates last."""
    if not value:
        return (1, "")
    return (0, "".join(chr(0x10FFFF - ord(c)) for c in str(value)))
