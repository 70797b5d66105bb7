"""The embedded store's reads for ``kgraph who-knows``: items, their terms, ranked holders.

Who-knows compares a query with every item's id, name and synonyms, normalised
(:func:`kgraph.terms.raw_terms`, :func:`~kgraph.terms.normalize`).
Reading and normalising 12,500 items for every query is most of its time at 50,000
persons, so a store keeps them normalised in two tables, an additive extension of the
schema (a store without them, e.g. one written by an older kgraph, is read as before):

- ``item_terms(term, id, origin, valid_from, synonym)``: one row per non-empty normalised
  term of each ``KnowledgeItem`` row of ``node_rows`` (its key: ``id, origin,
  valid_from``); a query joins ``node_rows`` on that key for the rows in force on its
  date, so a version that ends needs no change here.
- ``item_words(len, word)``: every distinct term and word of a term, by length: the
  candidates of the fuzzy step, and the terms at least as long as a query word, which
  alone can contain it (words of rows no longer in force do no harm: which items
  have them is asked of ``item_terms``).
- ``edge_rows_knows``: an index of the ``KNOWS`` edges by item with their properties, so
  that ranking the holders of a broad query reads no table row (:func:`ranked_rows`).
- the row ``(-1, '', 0)`` of ``item_words`` (no table of its own: a store stays a few pages
  smaller) is there while the two tables match ``node_rows``. Triggers on
  ``node_rows`` (pure SQL, so they run whichever kgraph writes) delete it when a
  knowledge item row is added or changed; the next write of this kgraph rebuilds the
  tables in its transaction (:func:`refresh`), and until then reads take the general route.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..terms import normalize_all, raw_terms
from . import sqlite_file as sf
from .sqlite_write import chunks

__all__ = ["DDL", "create", "refresh", "rebuild", "ready", "SqliteTermIndex", "item_rows", "holder_rows", "ranked_rows"]

DDL = [
    """CREATE TABLE IF NOT EXISTS item_terms (
        term       TEXT NOT NULL,
        id         TEXT NOT NULL,
        origin     TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        synonym    INTEGER NOT NULL,
        PRIMARY KEY (term, id, origin, valid_from, synonym)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS item_words (
        len  INTEGER NOT NULL,
        word TEXT NOT NULL,
        mask INTEGER NOT NULL,
        PRIMARY KEY (len, word)
    ) WITHOUT ROWID""",
    # the KNOWS edges with their properties in item order: who-knows ranks the holders of
    # thousands of edges without a lookup of each edge's row (half of the time it took)
    sf.KNOWS_INDEX,
    """CREATE TRIGGER IF NOT EXISTS item_terms_added AFTER INSERT ON node_rows
        WHEN NEW.kind = 'KnowledgeItem' BEGIN DELETE FROM item_words WHERE len = -1; END""",
    """CREATE TRIGGER IF NOT EXISTS item_terms_changed AFTER UPDATE OF id, origin, valid_from, kind, name, props
        ON node_rows WHEN OLD.kind = 'KnowledgeItem' OR NEW.kind = 'KnowledgeItem'
        BEGIN DELETE FROM item_words WHERE len = -1; END""",
]

_SYNONYMS = "json_extract(props, '$.synonyms'), json_type(props, '$.synonyms')"


def item_props(name, syns, kind) -> dict:
    """An item's ``name`` (the column) and ``synonyms`` (from its JSON) as the store's
    ``item_terms`` reads them."""
    props = {} if name is None else {"name": name}
    if kind is not None:
        props["synonyms"] = json.loads(syns) if kind in ("array", "object") else syns
    return props


_BITS = {c: 1 << n for n, c in enumerate("abcdefghijklmnopqrstuvwxyz0123456789")}


def letter_mask(word: str) -> int:
    """The distinct characters of ``word`` as bits (a-z, 0-9, one bit for all others): the
    fuzzy step's bound on distinct characters, asked of SQLite (:meth:`SqliteTermIndex.candidates`).

    >>> letter_mask("aba"), letter_mask("é") == letter_mask("ø") == 1 << 36
    (3, True)
    """
    mask = 0
    for c in set(word):
        mask |= _BITS.get(c, 1 << 36)
    return mask


def _at_most(x: str, n: int) -> str:
    """SQL: the integer expression ``x`` has at most ``n`` bits set (each ``x & (x - 1)``
    clears the lowest one)."""
    for _i in range(n):
        x = f"(({x}) & (({x}) - 1))"
    return f"({x}) = 0"


def rebuild(db: sqlite3.Connection) -> None:
    """Fill the tables from every ``KnowledgeItem`` row (inside a write transaction)."""
    db.execute("DELETE FROM item_terms")
    db.execute("DELETE FROM item_words")
    keys, raw = [], []
    for i, origin, since, name, syns, kind in db.execute(
            f"SELECT id, origin, valid_from, name, {_SYNONYMS} FROM node_rows WHERE kind='KnowledgeItem'"):
        for syn, text in raw_terms(i, item_props(name, syns, kind)):
            keys.append((i, origin, since, int(syn)))
            raw.append(text)
    terms = normalize_all(raw)
    db.executemany("INSERT OR IGNORE INTO item_terms(term, id, origin, valid_from, synonym) VALUES (?,?,?,?,?)",
                   [(t, *k) for k, t in zip(keys, terms) if t])
    texts = {t for t in terms if t}
    words = texts | set(" ".join(texts).split())
    db.executemany("INSERT INTO item_words(len, word, mask) VALUES (?,?,?)",
                   [(len(w), w, letter_mask(w)) for w in sorted(words)])
    db.execute("INSERT INTO item_words(len, word, mask) VALUES (-1, '', 0)")  # built: see the module's doc


def create(db: sqlite3.Connection, triggers: bool = True, index: bool = True) -> None:
    """Create the tables, their triggers (unless not ``triggers``: then :func:`refresh`
    creates them) and the index of the ``KNOWS`` edges (unless not ``index``) where missing."""
    for stmt in DDL:
        if (triggers or not stmt.startswith("CREATE TRIGGER")) and (index or not stmt.startswith("CREATE INDEX")):
            db.execute(stmt)


def refresh(db: sqlite3.Connection) -> None:
    """Inside a write transaction, before it commits: create the tables if the store has
    none yet, and rebuild them when a knowledge item changed since they were built."""
    create(db)
    if not ready(db):
        rebuild(db)


def ready(db: sqlite3.Connection) -> bool:
    """Whether the store has the tables and they match its items."""
    try:
        return db.execute("SELECT 1 FROM item_words WHERE len = -1").fetchone() is not None
    except sqlite3.OperationalError:  # no such table: a store written by an older kgraph
        return False


class SqliteTermIndex:
    """A :class:`~kgraph.analysis.itemmatch.TermIndex` over the tables, for the rows in force
    as ``when`` (an SQL condition on ``node_rows`` aliased ``n``, with its parameters) says."""

    def __init__(self, db: sqlite3.Connection, when: str, params: list):
        self.db, self.when = db, when
        join = "JOIN node_rows n ON n.id = t.id AND n.origin = t.origin AND n.valid_from = t.valid_from"
        self._from = f"FROM item_terms t {join} WHERE {when}"
        # the terms of at least ``len`` characters (?): a range of item_words, which holds every
        # term, then each one's rows by the primary key (a query word is found inside a term
        # only as long as it: most terms of a long query are never compared)
        self._long = f"FROM item_words w CROSS JOIN item_terms t ON t.term = w.word {join} WHERE {when} AND w.len >= ?"
        self.params = params

    def equal(self, q: str) -> list[tuple[str, bool]]:
        return [(i, bool(s)) for i, s in self.db.execute(
            f"SELECT t.id, t.synonym {self._from} AND t.term = ?", [*self.params, q])]

    def containing(self, q: str) -> list[str]:
        return [i for (i,) in self.db.execute(
            f"SELECT DISTINCT t.id {self._long} AND instr(w.word, ?) > 0", [*self.params, len(q), q])]

    def names(self, ids: Iterable[str]) -> dict[str, str]:
        """``{id: name}`` of the given items (those with a name)."""
        ids, out = sorted(set(ids)), {}
        for chunk in chunks(ids, 500):
            out.update(self.db.execute(
                f"SELECT n.id, n.name FROM node_rows n WHERE +n.kind = 'KnowledgeItem' AND {self.when} "
                f"AND n.id IN ({','.join('?' * len(chunk))}) AND n.name IS NOT NULL", [*self.params, *chunk]))
        return out

    def candidates(self, shortest: int, longest: int, q: str = "", typos: int = 64) -> list[str]:
        """The words of that length; with the query ``q``, only those with at most ``typos``
        distinct characters that ``q`` lacks, and ``q`` at most ``typos`` that they lack
        (as bits, :func:`letter_mask`: a bound, never stricter than the fuzzy step's)."""
        where, params = "len BETWEEN ? AND ?", [max(shortest, 0), longest]
        if q and typos < 37:
            m = letter_mask(q)
            where += f" AND {_at_most(f'mask & ~{m}', typos)} AND {_at_most(f'{m} & ~mask', typos)}"
        return [w for (w,) in self.db.execute(f"SELECT word FROM item_words WHERE {where}", params)]

    def having(self, words: Iterable[str]) -> list[tuple[str, str]]:
        whole = sorted(set(words))
        if not whole:
            return []
        single = [w for w in whole if " " not in w]
        cond = [f"w.word IN ({','.join('?' * len(whole))})"] + ["instr(w.word, ?) > 0"] * len(single)
        rows = self.db.execute(f"SELECT DISTINCT t.id, t.term {self._long} AND ({' OR '.join(cond)})",
                               [*self.params, min(map(len, whole)), *whole, *single])
        want = set(whole)
        return [(i, t) for i, t in rows if t in want or not want.isdisjoint(t.split())]


def item_rows(db: sqlite3.Connection, when: str, params: list) -> dict[str, dict[str, Any]]:
    """``{id: {"name": ..., "synonyms": ...}}`` of the items in force (``when``)."""
    rows = db.execute(f"SELECT id, name, {_SYNONYMS} FROM node_rows WHERE kind='KnowledgeItem' AND {when}", params)
    return {i: item_props(name, syns, kind) for i, name, syns, kind in rows}


def holder_rows(db: sqlite3.Connection, when: str, params: list, items: list[str]) -> list[tuple]:
    """``KNOWS`` edges into ``items`` in force (``when``): ``(person, item, key, {level, confirmed})``."""
    rows: list = []
    index, knows = sf.by_target(db, "KNOWS")
    for chunk in chunks(items, 500):
        rows += db.execute(
            "SELECT source, target, key, json_extract(props, '$.level'), json_extract(props, '$.confirmed') "
            f"FROM edge_rows {index} WHERE {knows} AND {when} "
            f"AND target IN ({','.join('?' * len(chunk))})", [*params, *chunk]).fetchall()
    return sorted((s, t, k, {"level": lv, "confirmed": c}) for s, t, k, lv, c in rows)


#: a property value the SQL order below may rank otherwise than who-knows' Python order:
#: a level that is not a whole number (JSON true and false read as 1 and 0, as in Python),
#: a date that is not text or holds the highest code point (the order's end mark)
_ODD = ("coalesce(typeof(lv) NOT IN ('integer', 'null') OR typeof(c) NOT IN ('text', 'null') "
        "OR instr(c, char(1114111)) > 0, 0)")


def ranked_rows(db: sqlite3.Connection, when: str, params: list, ranks: dict[str, int],
                limit: int | None = None) -> list[tuple] | None:
    """``KNOWS`` edges into the items of ``ranks`` in force (``when``, on ``edge_rows`` aliased
    ``e``) in who-knows' order: level (high first), date confirmed (recent first, none
    last), the item's rank, person, item, key; the first ``limit`` (see
    :meth:`kgraph.store.base.Store.ranked_holders`).
    None when a value could sort otherwise than in Python (such rows sort first here), or
    without SQLite's JSON functions or materialised views (3.35)."""
    index, knows = sf.by_target(db, "KNOWS", "e")
    try:
        rows = db.execute(
            "WITH x AS MATERIALIZED (SELECT e.source AS s, e.target AS t, e.key AS k, h.value AS r, "
            "json_extract(e.props, '$.level') AS lv, json_extract(e.props, '$.confirmed') AS c "
            f"FROM json_each(?) h CROSS JOIN edge_rows e {index} "
            f"ON {knows} AND e.target = h.key WHERE {when}) "
            f"SELECT {_ODD} AS odd, s, t, k, lv, c FROM x ORDER BY odd DESC, coalesce(lv, 0) DESC, "
            "(c IS NULL OR c = '') ASC, c || char(1114111) DESC, r, s, t, k LIMIT ?",
            [json.dumps(ranks), *params, -1 if limit is None else limit]).fetchall()
    except sqlite3.OperationalError:
        return None
    if rows and rows[0][0]:
        return None
    return [r[1:] for r in rows]


def narrower_items(store, items: Iterable[str], *, as_of=None) -> list[str] | None:
    """``items`` and every item below them (see :meth:`kgraph.store.base.Store.narrower_items`),
    in one recursive query through the ``(rel, target)`` index: the ``BROADER`` edges in
    force whose two ends are (as :meth:`~kgraph.store.base.Store.edges` keeps them). None
    (read :meth:`edges`) for several sources."""
    dates = store._dates(as_of)
    items = sorted(set(items))
    if not items or not dates:  # nothing in force: no edge below them
        return items
    if len(dates) != 1:
        return None
    when_e, pe = store._when(dates, "e")
    when_n, pn = store._when(dates, "n")
    present = f"EXISTS (SELECT 1 FROM node_rows n WHERE n.id = e.{{end}} AND {when_n})"
    index, cond = sf.by_target(store.db, "BROADER", "e")
    try:
        rows = store.db.execute(
            "WITH RECURSIVE below(id) AS (SELECT value FROM json_each(?) UNION "
            f"SELECT e.source FROM below b CROSS JOIN edge_rows e {index} "
            f"ON e.rel = 'BROADER' AND {cond} AND e.target = b.id WHERE {when_e} AND {present.format(end='source')} "
            f"AND {present.format(end='target')}) SELECT id FROM below",
            [json.dumps(items), *pe, *pn, *pn]).fetchall()
    except sqlite3.OperationalError:  # an SQLite built without its JSON functions
        return None
    return sorted(i for (i,) in rows)
