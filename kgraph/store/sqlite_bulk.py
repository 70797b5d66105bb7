"""Settings for writing many rows at once into the embedded store (inside a write transaction)."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

__all__ = ["bulk", "Bulk", "chunks", "BULK_ROWS", "BULK_CACHE_KIB", "SORT_CACHE_KIB"]

_BATCH = 20_000


def chunks(seq: list, size: int = _BATCH):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


#: rows written at once above which a write gets a larger page cache, and an empty store
#: builds its indexes after the rows instead of row by row
BULK_ROWS = 50_000
#: the page cache of a bulk write (KiB; SQLite's default is 2,000)
BULK_CACHE_KIB = 256 * 1024
#: the page cache while the indexes of a bulk write are built (KiB): small enough that SQLite's
#: sorter splits the keys into runs its worker threads sort at once (with the bulk cache, the
#: keys of 900,000 rows fit in one run, which one thread sorts)
SORT_CACHE_KIB = 16 * 1024


class Bulk:
    """What :func:`bulk` yields: the secondary indexes it dropped, built again on leaving the
    block, or earlier, per table, with :meth:`build` (once that table's rows are in: the
    index is then built while other work still goes on)."""

    def __init__(self, db: sqlite3.Connection, indexes: list[tuple[str, str, str]]):
        self.db, self.pending = db, indexes  # (table, name, sql)

    def build(self, table: str) -> None:
        """Build the dropped indexes of ``table`` now."""
        for _tbl, _name, sql in [i for i in self.pending if i[0] == table]:
            self.db.execute(sql)
        self.pending = [i for i in self.pending if i[0] != table]


@contextmanager
def bulk(db: sqlite3.Connection, rows: int):
    """Inside a write transaction: settings for writing ``rows`` rows at once. A large write
    gets a page cache that holds the tables it changes; into empty tables the secondary
    indexes are dropped and built again after the rows (one sort instead of a random
    insert per row), sorted by SQLite's worker threads on the other cores
    (:data:`SORT_CACHE_KIB`). Both are undone before the transaction commits (the index DDL is
    part of the transaction: a failure rolls it back with the rows). Yields a :class:`Bulk`."""
    if rows < BULK_ROWS:
        yield Bulk(db, [])
        return
    (cache,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    indexes = []
    if db.execute("SELECT 1 FROM node_rows").fetchone() is None and db.execute("SELECT 1 FROM edge_rows").fetchone() is None:
        indexes = db.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                             "AND tbl_name IN ('node_rows', 'edge_rows') ORDER BY name").fetchall()
        for _table, name, _sql in indexes:
            db.execute(f'DROP INDEX "{name}"')
    out = Bulk(db, indexes)
    try:
        yield out
        if out.pending:  # the other cores sort too: during an import's last steps they have nothing else to do
            from .._fork import cores

            db.execute(f"PRAGMA threads={min(cores() - 1, 3)}")
            db.execute(f"PRAGMA cache_size=-{SORT_CACHE_KIB}")
        for _table, _name, sql in out.pending:
            db.execute(sql)
    finally:
        db.execute(f"PRAGMA cache_size={int(cache)}")
        db.execute("PRAGMA threads=0")
