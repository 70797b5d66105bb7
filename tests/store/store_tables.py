"""Every table of an embedded store, to compare two stores row for row (the tests of the
first import in two processes: tests/store/test_sqlite_split.py, tests/ingest/test_aside.py)."""

from __future__ import annotations

import sqlite3


def store_tables(path) -> dict:
    """Every table of the store (the versions without the time they were recorded), and its
    schema; the digests with the input report read back; what SQLite's check of every
    index against its table says."""
    db = sqlite3.connect(path)
    try:
        out = {"schema": db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(),
               "versions": db.execute("SELECT origin, as_of, counts FROM versions ORDER BY 1, 2").fetchall(),
               "digests": db.execute("SELECT origin, as_of, digest, counts, input, input_report "
                                     "FROM version_digests").fetchall(),
               "integrity": db.execute("PRAGMA integrity_check").fetchall()}
        for table in ("node_rows", "edge_rows", "settings", "records", "item_terms", "item_words"):
            out[table] = sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
        return out
    finally:
        db.close()
