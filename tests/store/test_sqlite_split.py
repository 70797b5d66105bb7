"""A new store's first large import in two processes (:mod:`kgraph.store.sqlite_split`):
the same store, row for row, as one process writes; a helper that fails is replaced by the
import itself; a failing import leaves nothing behind (issue 15)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kgraph import _fork
from kgraph.ingest import load_dataset
from kgraph.store import sqlite_split
from kgraph.store.sqlite import EmbeddedStore
from tests.store.store_tables import store_tables as _tables

TINY = Path(__file__).parents[1] / "data" / "tiny"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: one process writes everything")


@pytest.fixture()
def tiny():
    return load_dataset(TINY)


def _split(monkeypatch, share=0.9):
    monkeypatch.setattr(sqlite_split, "SPLIT_ROWS", 1)
    monkeypatch.setattr(sqlite_split, "HELPER_SHARE", share)
    monkeypatch.setattr(_fork, "cores", lambda: 2)
    started = []
    start = sqlite_split.start

    def counted(*args):
        helper = start(*args)
        started.append(helper)
        return helper

    monkeypatch.setattr(sqlite_split, "start", counted)
    return started


def test_the_share_is_a_suffix_of_the_relations():
    edges = {("A", "1", "2", ""): {}, ("B", "1", "2", ""): {}, ("C", "1", "2", ""): {}, ("C", "2", "1", ""): {}}
    assert sqlite_split._share(edges) == (frozenset({"C"}), 2)  # 2 of 4 (at most 66 %)
    assert sqlite_split._share({("A", "1", "2", ""): {}}) == (frozenset(), 0)  # the only relation: none


@pytest.mark.parametrize("share", [0.5, 0.9])
def test_two_processes_write_the_store_one_writes(tmp_path, tiny, monkeypatch, share):
    with EmbeddedStore(tmp_path / "one.db") as s:
        one = s.replace(tiny, as_of="2026-01-01", input_key="k")
    started = _split(monkeypatch, share)
    with EmbeddedStore(tmp_path / "two.db") as s:
        two = s.replace(tiny, as_of="2026-01-01", input_key="k")
        assert [name for _s, name, _f in s.db.execute("PRAGMA database_list")] == ["main"]  # detached
    assert len(started) == 1 and started[0] is not None and started[0].rels and started[0]._status == 0
    assert one == two
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.db", "two.db"]  # the helper's file is gone
    with EmbeddedStore(tmp_path / "two.db") as s:  # and it reads as written
        assert s.read_dataset(as_of="2026-01-01") == tiny
        assert s.replace(load_dataset(TINY), as_of="2026-02-01").unchanged  # the digest is the dataset's


def test_an_empty_store_file_is_written_in_two_processes_too(tmp_path, tiny, monkeypatch):
    with EmbeddedStore(tmp_path / "one.db") as s:
        s.replace(tiny, as_of="2026-01-01")
    (tmp_path / "two.db").touch()  # an empty file: the store is written into it, on its own connection
    started = _split(monkeypatch)
    with EmbeddedStore(tmp_path / "two.db") as s:
        s.replace(tiny, as_of="2026-01-01")
        assert [name for _s, name, _f in s.db.execute("PRAGMA database_list")] == ["main"]
    assert started[0] is not None
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")


def test_a_helper_that_fails_is_replaced_by_the_import(tmp_path, tiny, monkeypatch):
    with EmbeddedStore(tmp_path / "one.db") as s:
        s.replace(tiny, as_of="2026-01-01")
    started = _split(monkeypatch)

    def broken(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(sqlite_split, "_write", broken)  # the helper exits with status 1
    with EmbeddedStore(tmp_path / "two.db") as s:
        s.replace(tiny, as_of="2026-01-01")
    assert started[0] is not None and started[0]._status != 0
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.db", "two.db"]


def test_a_failing_import_stops_the_helper_and_leaves_nothing(tmp_path, tiny, monkeypatch):
    started = _split(monkeypatch)
    from kgraph.store import sqlite_terms

    def broken(_db):
        raise RuntimeError("killed")

    monkeypatch.setattr(sqlite_terms, "refresh", broken)
    with EmbeddedStore(tmp_path / "kg.db") as s:
        with pytest.raises(RuntimeError):
            s.replace(tiny, as_of="2026-01-01")
    assert started[0] is not None and started[0]._status is not None  # reaped
    assert list(tmp_path.iterdir()) == []  # no store, no helper's file


def test_no_helper_where_it_cannot_help(tmp_path, tiny, monkeypatch):
    started = _split(monkeypatch)
    with EmbeddedStore(":memory:") as s:  # no file to write beside
        s.replace(tiny, as_of="2026-01-01")
    with EmbeddedStore(tmp_path / "kg.db") as s:
        s.replace(tiny, as_of="2026-01-01")
        s.replace(tiny, as_of="2026-02-01", source="survey")  # rows there already: one process
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with EmbeddedStore(tmp_path / "threads.db") as s:  # another thread runs: no fork
            s.replace(tiny, as_of="2026-01-01")
    finally:
        stop.set()
        other.join()
    monkeypatch.delattr(os, "fork")
    with EmbeddedStore(tmp_path / "nofork.db") as s:
        s.replace(tiny, as_of="2026-01-01")
    assert started[0] is None and started[1] is not None and started[2:] == [None, None, None]


def _writer(path, day):
    with EmbeddedStore(path) as s:
        s.replace(load_dataset(TINY), as_of=day)


def test_two_writers_creating_a_store_at_once_each_with_a_helper(tmp_path, tiny, monkeypatch):
    import multiprocessing

    _split(monkeypatch)  # the writers are forked: they inherit it
    ctx = multiprocessing.get_context("fork")
    path = tmp_path / "kg.db"
    writers = [ctx.Process(target=_writer, args=(path, day)) for day in ("2026-01-01", "2026-02-01")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
    assert [w.exitcode for w in writers] == [0, 0]
    with EmbeddedStore(path) as s:  # each applied its whole state, one after the other
        assert s.read_dataset(as_of="2026-01-01") == tiny and s.read_dataset(as_of="2026-02-01") == tiny
        assert [v[0] for v in s.db.execute("SELECT as_of FROM versions ORDER BY 1")] in (
            ["2026-01-01"], ["2026-01-01", "2026-02-01"], ["2026-02-01"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.db"]  # no helper's or temporary file left


def test_the_helper_file_a_killed_import_left_is_removed(tmp_path, tiny, monkeypatch):
    from kgraph.store import sqlite_temp

    if sqlite_temp.fcntl is None:
        pytest.skip("no flock here: nothing is swept")
    path = tmp_path / "kg.db"
    db = sqlite3.connect(path)  # an empty SQLite file: the import writes into it (no new file made)
    db.execute("CREATE TABLE t(x)")
    db.execute("DROP TABLE t")
    db.close()
    fd, stale = sqlite_temp.create(tmp_path, "kg.db", ".edges")
    os.close(fd)  # as a killed import's helper leaves it: no process holds it any more
    past = os.path.getmtime(stale) - sqlite_temp.GRACE - 60
    os.utime(stale, (past, past))
    started = _split(monkeypatch)
    with EmbeddedStore(path) as s:
        s.replace(tiny, as_of="2026-01-01")
    assert started[0] is not None and started[0]._status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.db"]
