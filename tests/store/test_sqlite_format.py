"""The embedded store's formats 2 and 3 (:mod:`kgraph.store.sqlite_file`): format 3 leaves the
``KNOWS`` edges out of the ``(rel, target)`` index (``edge_rows_knows`` holds them); a store
of format 2 is read and written as it is, and every read by target gives the same answer
through either index, or through none."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kgraph.ingest import load_dataset
from kgraph.store import sqlite_file as sf
from kgraph.store.sqlite import EmbeddedStore

TINY = Path(__file__).parents[1] / "data" / "tiny"
FULL_INDEX = "CREATE INDEX edge_rows_rel_target ON edge_rows(rel, target, source)"


@pytest.fixture(scope="module")
def tiny():
    return load_dataset(TINY)


def _index_sql(path: Path, name: str) -> str | None:
    row = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return None if row is None else row[0]


def _as_format_2(path: Path) -> None:
    """The store as kgraph wrote format 2: the ``(rel, target)`` index over every edge."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP INDEX edge_rows_rel_target")
    db.execute(FULL_INDEX)
    db.execute("PRAGMA user_version=2")
    db.close()


def _by_target(store: EmbeddedStore, ds) -> dict:
    """Every relation's edges read by target, for each target alone and for all at once, the
    holders of every item, and the items below every item."""
    rels = sorted({k[0] for k in ds.edges})
    targets = sorted({k[2] for k in ds.edges})
    items = sorted(i for i, (kind, _p) in ds.nodes.items() if kind == "KnowledgeItem")
    return {
        "each": {(r, t): store.edges(r, targets=[t]) for r in rels for t in targets},
        "all": {r: store.edges(r, targets=targets) for r in rels},
        "holders": store.holders(items),
        "below": {i: store.narrower_items([i]) for i in items},
    }


def _expected(ds) -> dict:
    """What ``_by_target`` must give, from the dataset itself."""
    rels = sorted({k[0] for k in ds.edges})
    targets = sorted({k[2] for k in ds.edges})
    rows = lambda r, ts: sorted((s, t, k, p) for (rr, s, t, k), p in ds.edges.items() if rr == r and t in ts)  # noqa: E731
    return {"each": {(r, t): rows(r, {t}) for r in rels for t in targets}, "all": {r: rows(r, set(targets)) for r in rels}}


def test_a_new_store_indexes_the_knows_edges_once(tmp_path, tiny):
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(tiny)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (sf.SCHEMA_VERSION,) == (3,)
    assert _index_sql(path, "edge_rows_rel_target").endswith("WHERE rel <> 'KNOWS'")
    assert _index_sql(path, "edge_rows_knows") is not None
    knows = sum(1 for k in tiny.edges if k[0] == "KNOWS")
    assert knows and db.execute("SELECT count(*) FROM edge_rows INDEXED BY edge_rows_rel_target "
                                "WHERE rel <> 'KNOWS'").fetchone() == (len(tiny.edges) - knows,)
    got = _by_target(EmbeddedStore(path), tiny)
    want = _expected(tiny)
    assert got["each"] == want["each"] and got["all"] == want["all"]
    assert got["holders"] == [(s, t, k, {"level": p.get("level"), "confirmed": p.get("confirmed")})
                              for s, t, k, p in want["all"]["KNOWS"]]


def test_reads_by_target_use_the_indexes(tmp_path, tiny):
    """The queries name each index with its condition: SQLite takes them (a partial index
    named without its condition would be no query solution at all)."""
    path = tmp_path / "kg.db"
    s = EmbeddedStore(path)
    s.replace(tiny)
    plans: list[str] = []
    s.db.set_trace_callback(lambda q: plans.extend(
        str(r) for r in sqlite3.connect(path).execute(f"EXPLAIN QUERY PLAN {q}").fetchall())
        if q.lstrip().startswith("SELECT source, target") and "target IN" in q else None)
    s.edges("WORKS_WITH", targets=["P01"])
    s.edges("KNOWS", targets=["K-WMO"])
    s.db.set_trace_callback(None)
    assert any("edge_rows_rel_target" in p for p in plans) and any("edge_rows_knows" in p for p in plans), plans


def test_a_format_2_store_is_read_and_written_as_it_is(tmp_path, tiny):
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    EmbeddedStore(new).replace(tiny, as_of="2025-01-01")
    EmbeddedStore(old).replace(tiny, as_of="2025-01-01")
    _as_format_2(old)
    s = EmbeddedStore(old)
    assert s.notices == []  # nothing to migrate
    assert _by_target(s, tiny) == _by_target(EmbeddedStore(new), tiny)
    changed = load_dataset(TINY)
    changed.edges = {k: v for k, v in changed.edges.items() if k[2] != "K-WMO"}
    s.replace(changed, as_of="2026-01-01")
    s.close()
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone() == (2,)
    assert _index_sql(old, "edge_rows_rel_target") == FULL_INDEX
    assert EmbeddedStore(old).edges("KNOWS", targets=["K-WMO"]) == []
    assert EmbeddedStore(old).edges("KNOWS", targets=["K-WMO"], as_of="2025-06-01") == \
        _expected(tiny)["each"][("KNOWS", "K-WMO")]


@pytest.mark.parametrize("index", ["edge_rows_knows", "both"])
def test_knows_by_target_without_its_index(tmp_path, tiny, index):
    """A store whose ``KNOWS`` index is gone (format 3: then no index holds those edges) is read
    through the table; one of format 2 through its ``(rel, target)`` index."""
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(tiny)
    want = _by_target(EmbeddedStore(path), tiny)
    if index == "both":
        _as_format_2(path)
    sqlite3.connect(path).execute("DROP INDEX edge_rows_knows").connection.commit()
    s = EmbeddedStore(path)
    assert sf.by_target(s.db, "KNOWS")[0] == ("" if index == "edge_rows_knows" else "INDEXED BY edge_rows_rel_target")
    assert _by_target(s, tiny) == want


def test_a_store_before_its_first_write_reads_by_target(tmp_path):
    s = EmbeddedStore(tmp_path / "none.db")  # no file yet: format 3 in memory, no KNOWS index
    assert s.edges("KNOWS", targets=["K1"]) == [] and s.edges("WORKS_WITH", targets=["P1"]) == []
    assert s.holders(["K1"]) == []
    assert not (tmp_path / "none.db").exists()
