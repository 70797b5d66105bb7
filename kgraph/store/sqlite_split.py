"""A new store's first large import in two processes: a forked helper writes the edge rows
of some relations into a SQLite file of its own, which the import copies in with one
``INSERT ... SELECT`` (no Python per row), while it writes the rest itself.

Only for the first version of a source whose rows go into an empty ``edge_rows`` table
(a new store), with at least :data:`SPLIT_ROWS` edges, where processes can be forked, the
machine has more than one core and the process runs a single thread (a server does not
fork). The helper (:func:`start`, forked once the dataset is validated, so it inherits it)
takes the relations at the end of the primary key's order (a suffix of the relation types
with at most :data:`HELPER_SHARE` of the edges), sorts their keys, encodes their properties
and inserts them, as the import would (:meth:`kgraph.store.sqlite_write.Import.append`); it
also computes the dataset's digest (:func:`kgraph.store.base.dataset_digest`). Meanwhile the
import writes the nodes, the edges of the other relations and the who-knows terms. The rows
copied are the same rows in the same order, so the store is the same row for row whichever
process wrote them (``tests/store/test_sqlite_split.py``).

The helper writes nothing but its own temporary file (beside the store's): the import's
transaction, its lock and its all-or-nothing stay in the importing process. A helper that
fails (it exits with another status than 0, or its file is not complete) is not trusted:
the import then writes those rows itself, as without a helper. The file is removed in every
case, and a helper still running when the import fails is stopped. A process killed
outright leaves it, as it leaves the temporary store file of
:func:`kgraph.store.sqlite_file.create_file`: the next import of that store removes both
(:mod:`kgraph.store.sqlite_temp`).

A first import whose largest table a forked process validated (:mod:`kgraph.ingest.aside`)
has a writer and a helper of its own, built on this module's: :mod:`kgraph.store.sqlite_aside`.
"""

from __future__ import annotations

import bisect
import heapq
import os
import sqlite3
from collections import Counter
from itertools import chain, repeat
from operator import add, itemgetter, mul

from .._fork import can_fork
from ..model import Dataset
from . import sqlite_temp
from .base import dataset_digest, encode_many, encode_props

__all__ = ["EdgeHelper", "start", "detach", "insert_many", "edge_rows", "column_rows", "with_columns", "SPLIT_ROWS", "HELPER_SHARE"]

#: edges below which an import writes everything itself (a helper costs a fork and a copy)
SPLIT_ROWS = 100_000
#: at most this share of the edges goes to the helper: the importing process also writes the
#: nodes and the who-knows terms (at 50,000 persons the two sides then take about as long;
#: bench/notes/fast-import.md, eighth round)
HELPER_SHARE = 0.6
#: rows per INSERT statement (:func:`insert_many`)
PER_STATEMENT = 50
#: the name a helper's file is attached under while its rows are copied
ATTACHED = "kgraph_helper"


def insert_many(db: sqlite3.Connection, q: str, rows: list) -> None:
    """``db.executemany(q, rows)`` for an ``INSERT ... VALUES (...)`` of one row, run as one
    statement per :data:`PER_STATEMENT` rows (a step per row costs the sqlite3 module more
    than the binding: a third less time): the same rows, inserted in the same order.

    >>> db = sqlite3.connect(":memory:")
    >>> _c = db.execute("CREATE TABLE t(a, b)")
    >>> insert_many(db, "INSERT INTO t(a, b) VALUES (?, 'x')", [(i,) for i in range(120)])
    >>> db.execute("SELECT count(*), sum(a), min(b) FROM t").fetchone()
    (120, 7140, 'x')
    """
    head, sep, one = q.rpartition(" VALUES ")
    full = len(rows) - len(rows) % PER_STATEMENT if sep else 0
    if full:
        multi = f"{head} VALUES {','.join([one] * PER_STATEMENT)}"
        width = len(rows[0]) * PER_STATEMENT
        for i in range(0, full, 20_000):
            flat = list(chain.from_iterable(rows[i:min(i + 20_000, full)]))
            for j in range(0, len(flat), width):
                db.execute(multi, flat[j:j + width])
    if full < len(rows):
        db.executemany(q, rows[full:])


_rel = itemgetter(0)  # a row's relation

#: a row's cells joined by NUL (:func:`edge_rows`'s sort key: a C function, no Python frame per row)
_row_text = "\0".join


def edge_rows(edges: dict, rels: frozenset, among: bool = True, shared: bool = False) -> list[tuple]:
    """The rows to insert of the edges of ``rels`` (``among=False``: of the other
    relations): ``(*key, props JSON)`` (as :func:`~kgraph.store.base.encode_many`, which
    ``shared`` tells that edges may share a map object), in primary-key order.

    The properties are encoded in the dataset's order and the rows sorted afterwards, each
    as one text (its cells joined by NUL): the maps are read where they lie in memory, and
    a text compares faster than a tuple (at 50,000 persons 0.5 s instead of 1.0 s per
    process; bench/notes/fast-import.md, ninth round). Two keys differ before their
    properties are reached, so the order is the key's (only cells holding a NUL could
    order otherwise, and the order only makes the inserts quicker: the rows are the same).

    >>> edge_rows({("KNOWS", "P2", "K1", ""): {"level": 3}, ("KNOWS", "P1", "K1", ""): {}}, frozenset(), False)
    [('KNOWS', 'P1', 'K1', '', '{}'), ('KNOWS', 'P2', 'K1', '', '{"level":3}')]
    """
    if among:
        part = {k: v for k, v in edges.items() if k[0] in rels}
    else:
        part = {k: v for k, v in edges.items() if k[0] not in rels} if rels else edges
    return _in_key_order([(*k, p) for k, p in zip(part, encode_many(part.values(), shared))])


def _in_key_order(rows: list[tuple]) -> list[tuple]:
    """``rows`` sorted in place, each as one text (see :func:`edge_rows`), and returned."""
    try:
        rows.sort(key=_row_text)
    except TypeError:  # pragma: no cover - a key that is not text
        rows.sort()
    return rows


def column_rows(columns) -> list[tuple]:
    """The rows of the edges of an :class:`~kgraph.ingest.columns.EdgeColumns`, as
    :func:`edge_rows` makes them of its :meth:`~kgraph.ingest.columns.EdgeColumns.items`
    (in key order), without a key tuple and a map per edge, the rows zipped from the columns.
    Their properties as :func:`~kgraph.store.base.encode_props` writes them: where the
    columns make few distinct rows of cells (:attr:`~kgraph.ingest.columns.EdgeColumns.repeating`:
    ties' kinds and weights), each such row encoded once (every property column holds one
    type: equal cells, equal values); else each cell's ``"name":value`` encoded once, and each
    row's joined in the names' order, as the encoder's sorted keys (skills' dates).

    >>> from kgraph.ingest.columns import EdgeColumns
    >>> cols = EdgeColumns("KNOWS", ["P2", "P1"], ["K1", "K1"], ["", ""], ["level", "by"], [[3, None], ["x", "y"]])
    >>> column_rows(cols) == edge_rows(dict(cols.items()), frozenset(), False)
    True
    >>> column_rows(cols) == _rows_of(cols, _joined(cols)) == _rows_of(cols, _per_row(cols))
    True
    """
    return _rows_of(columns, _per_row(columns) if columns.repeating else _joined(columns))


def _per_row(columns):
    """The properties of each edge as JSON, each distinct row of cells encoded once. A row's
    cells are numbered as one integer (each column's distinct values numbered, the numbers
    mixed in the radix of their counts), at C speed and without a tuple per row."""
    if not columns.names:
        return repeat("{}")
    codes: list[int] = []
    values = []
    for col in columns.props:
        distinct = list(set(col))  # (one type per column: equal cells, equal values)
        mine = map(dict(zip(distinct, range(len(distinct)))).__getitem__, col)
        codes = list(map(add, map(mul, codes, repeat(len(distinct))), mine)) if values else list(mine)
        values.append(distinct)
    encoded = {}
    for code in set(codes):
        cells, rest = [], code
        for distinct in reversed(values):
            rest, at = divmod(rest, len(distinct))
            cells.append(distinct[at])
        encoded[code] = encode_props({k: v for k, v in zip(columns.names, reversed(cells)) if v is not None})
    return map(encoded.__getitem__, codes)


def _joined(columns):
    """The properties of each edge as JSON: each distinct cell of a column encoded once as
    ``"name":value``, each edge's joined in the order of the names (the encoder sorts them)."""
    parts = []
    for name, col in sorted(zip(columns.names, columns.props), key=_rel):
        done = {v: None if v is None else encode_props({name: v})[1:-1] for v in set(col)}
        parts.append(map(done.__getitem__, col))
    return map("{%s}".__mod__, map(",".join, map(filter, repeat(None), zip(*parts))))


def _rows_of(columns, props) -> list[tuple]:
    return _in_key_order(list(zip(repeat(columns.rel), columns.sources, columns.targets, columns.keys, props)))


def with_columns(rows: list[tuple], columns) -> list[tuple]:
    """``rows`` (of :func:`edge_rows`) with the rows of ``columns``
    (:class:`~kgraph.ingest.columns.EdgeColumns`, :func:`column_rows`), all in key order:
    each table's rows go in one piece where its relation comes, as no other table makes it
    (merged row by row where one did).

    >>> from kgraph.ingest.columns import EdgeColumns
    >>> rows = edge_rows({("A", "x", "y", ""): {}, ("Z", "x", "y", ""): {}}, frozenset(), False)
    >>> [r[0] for r in with_columns(rows, [EdgeColumns("M", ["b", "a"], ["y", "y"], ["", ""], [], [])])]
    ['A', 'M', 'M', 'Z']
    """
    for part in map(column_rows, columns):
        if not part:
            continue
        rel = part[0][0]
        at = bisect.bisect_left(rows, rel, key=_rel)
        if bisect.bisect_right(rows, rel, key=_rel) != at:  # rows of that relation already
            rows = list(heapq.merge(rows, part, key=_row_text))
        else:
            rows[at:at] = part
    return rows


def _share(edges: dict) -> tuple[frozenset, int]:
    """The relation types at the end of the key order whose edges are at most
    :data:`HELPER_SHARE` of all (the longest such suffix; empty when none fits), and how
    many edges they have."""
    per = Counter(map(itemgetter(0), edges))
    limit, n, out = HELPER_SHARE * len(edges), 0, []
    for rel in sorted(per, reverse=True):
        if n + per[rel] > limit:
            break
        n += per[rel]
        out.append(rel)
    return frozenset(out), n


class EdgeHelper:
    """A forked helper writing the edges of :attr:`rels` into :attr:`path`."""

    def __init__(self, pid: int, path: str, rels: frozenset, count: int, insert: str, fd: int | None = None):
        self.pid, self.path, self.rels, self.count, self.insert = pid, path, rels, count, insert
        self._fd = fd  # holds the file's lock (sqlite_temp) until close
        self.usage = None
        self._status: int | None = None

    def _wait(self) -> bool:
        """Whether the helper's file is whole (here: the helper ended well)."""
        return self._reap()

    def _reap(self) -> bool:
        if self._status is None:
            _pid, self._status, self.usage = os.wait4(self.pid, 0)  # usage: the helper's CPU (bench/notes)
        return self._status == 0

    def copy_into(self, db: sqlite3.Connection, dataset: Dataset) -> str | None:
        """Wait for the helper and copy its rows into ``db``'s ``edge_rows`` (inside the
        import's transaction); were it not successful, insert those rows here instead.
        Returns the dataset's digest (computed by the helper, or here)."""
        if self._wait() and ATTACHED not in _attached(db):
            # attached until the transaction ends (SQLite detaches no file a transaction read):
            # :func:`detach` after it
            db.execute(f"ATTACH DATABASE ? AS {ATTACHED}", (self.path,))
            try:
                done = db.execute(f"SELECT count(*), max(digest) FROM {ATTACHED}.done").fetchone()
                (n,) = db.execute(f"SELECT count(*) FROM {ATTACHED}.edge_rows").fetchone()
                if done[0] == 1 and n == self.count:
                    db.execute(f"INSERT INTO main.edge_rows SELECT * FROM {ATTACHED}.edge_rows")
                    return done[1]
            except sqlite3.DatabaseError:
                pass  # an incomplete file: written here instead
        insert_many(db, self.insert, edge_rows(dataset.complete().edges, self.rels))  # pending edges: validated here
        return dataset_digest(dataset)

    def close(self) -> None:
        """Stop the helper if it still runs (the import failed) and remove its file."""
        if self._status is None:
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:  # pragma: no cover - gone already
                pass
            self._reap()
        fd, self._fd = self._fd, None
        sqlite_temp.release(fd, self.path)


def _attached(db: sqlite3.Connection) -> set[str]:
    return {name for _seq, name, _f in db.execute("PRAGMA database_list")}


def detach(db: sqlite3.Connection | None) -> None:
    """Detach a helper's file from ``db`` (outside a transaction; nothing when none is attached)."""
    if db is not None and not db.in_transaction and ATTACHED in _attached(db):
        db.execute(f"DETACH DATABASE {ATTACHED}")


def start(db: sqlite3.Connection, dataset: Dataset, insert: str) -> EdgeHelper | None:
    """Fork a helper writing a share of ``dataset``'s edges (see the module's doc), or None
    where it would not help or cannot run. ``insert`` is the import's INSERT statement of an
    edge row (five values bound: the key and the properties)."""
    edges = dataset.edges
    if len(edges) < SPLIT_ROWS or not can_fork():
        return None
    main = [f for _seq, name, f in db.execute("PRAGMA database_list") if name == "main"]
    if not main or not main[0] or db.execute("SELECT 1 FROM edge_rows LIMIT 1").fetchone() is not None:
        return None
    rels, count = _share(edges)
    if not rels:
        return None
    (ddl,) = db.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name='edge_rows'").fetchone()
    folder, name = os.path.split(main[0])
    sqlite_temp.sweep(folder or ".", name)  # what a killed import left (see sqlite_temp)
    fd, path = sqlite_temp.create(folder or ".", name, ".edges")
    try:
        pid = os.fork()
    except OSError:  # pragma: no cover - no process to spare: one process does it all
        sqlite_temp.release(fd, path)
        return None
    if pid == 0:  # the helper: its own file only; it never returns into the caller
        code = 1
        try:
            _write(path, ddl, insert, dataset.edges, rels, None, dataset)
            code = 0
        except BaseException:  # noqa: BLE001 - any failure: the import writes these rows itself
            pass
        finally:
            os._exit(code)
    return EdgeHelper(pid, path, rels, count, insert, fd)


def _columns(ddl: str) -> list:
    """The columns of the table ``ddl`` (of ``edge_rows``) makes, as SQLite reads them
    (``PRAGMA table_info`` of a temporary table in memory)."""
    mem = sqlite3.connect(":memory:")
    try:
        mem.execute(ddl.replace("edge_rows", "t", 1))
        return mem.execute("PRAGMA table_info(t)").fetchall()
    finally:
        mem.close()


def _unkeyed(ddl: str) -> str:
    """The table ``edge_rows`` with the columns of ``ddl``'s, their names and types, and no key:
    a helper's file, whose rows come in key order and are written once, into a table whose
    rows SQLite appends (a quarter fewer instructions than keeping the key's B-tree, and the
    copy reads them as quickly; bench/notes/fast-import.md, twelfth round). The store's own
    table checks the key when they are copied in.

    >>> _unkeyed("CREATE TABLE edge_rows (a TEXT NOT NULL, b INTEGER, PRIMARY KEY (a)) WITHOUT ROWID")
    'CREATE TABLE edge_rows ("a" TEXT, "b" INTEGER)'
    """
    cols = ", ".join(f'"{name}" {kind}'.rstrip() for _cid, name, kind, *_rest in _columns(ddl))
    return f"CREATE TABLE edge_rows ({cols})"


def _write(path: str, ddl: str, insert: str, edges: dict, rels: frozenset | None, digest: str | None,
           dataset: Dataset | None = None, more=None, shared: bool = False, columns=()) -> None:
    """Write the rows of ``edges`` of ``rels`` (None: all) and of ``columns`` (of
    :class:`~kgraph.ingest.columns.EdgeColumns`) into a new file ``path``, in key
    order (``shared``: as :func:`edge_rows`), into a table of ``ddl``'s columns without its
    key (:func:`_unkeyed`), then ``more(connection)`` if given, and, in its
    ``done`` table, ``digest`` (or ``dataset``'s digest, computed after the rows)."""
    import gc

    gc.disable()  # the helper ends soon; its rows are no garbage
    rows = edge_rows(edges, rels, shared=shared) if rels is not None else edge_rows(edges, frozenset(), False, shared)
    rows = with_columns(rows, columns)
    out = sqlite3.connect(path, isolation_level=None)
    try:
        out.execute("PRAGMA journal_mode=OFF")
        out.execute("PRAGMA synchronous=OFF")
        out.execute("PRAGMA cache_size=-262144")
        out.execute(_unkeyed(ddl))
        out.execute("BEGIN")
        insert_many(out, insert, rows)
        del rows
        if more is not None:
            more(out)
        out.execute("CREATE TABLE done(digest TEXT)")
        out.execute("INSERT INTO done VALUES (?)", (digest if dataset is None else dataset_digest(dataset),))
        out.execute("COMMIT")
    finally:
        out.close()
