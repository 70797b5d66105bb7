"""The embedded store's file: creation on the first write, migration, busy and damaged files.

What only SQLite has (the behaviour both stores share is in the contract tests). Each
defect of issue 16 is reproduced here first: a reader during a write, ``forget`` beside
an open reader, a store of an older or newer schema, a race to create the file.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli
from kgraph.errors import StoreError
from kgraph.ingest import load_dataset
from kgraph.store import sqlite_file as sf
from kgraph.store.sqlite import EmbeddedStore

from ._writer import write

TINY = Path(__file__).parents[1] / "data" / "tiny"
V1_DDL = """
CREATE TABLE nodes (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT, props TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE edges (rel TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, key TEXT NOT NULL DEFAULT '',
                    props TEXT NOT NULL, PRIMARY KEY (rel, source, target, key)) WITHOUT ROWID;
"""


@pytest.fixture(scope="module")
def tiny():
    return load_dataset(TINY)


@pytest.fixture
def busy_env(monkeypatch):
    monkeypatch.setenv("KGRAPH_BUSY_TIMEOUT", "0.5")


def v1_store(path: Path, ds, *, settings: bool = True) -> Path:
    """A store as kgraph wrote it before dated versions (schema 1)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(V1_DDL + ("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
                               if settings else ""))
    enc = lambda p: json.dumps(p, sort_keys=True, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    db.executemany("INSERT INTO nodes VALUES (?,?,?,?)", [(i, k, p.get("name"), enc(p)) for i, (k, p) in ds.nodes.items()])
    db.executemany("INSERT INTO edges VALUES (?,?,?,?,?)", [(*k, enc(p)) for k, p in ds.edges.items()])
    if settings:
        db.execute("INSERT INTO settings VALUES ('privacy.min_group_size', '7')")
    db.execute("PRAGMA user_version=1")
    db.close()
    os.utime(path, (dt.datetime(2025, 3, 1, 12).timestamp(),) * 2)
    return path


# -- creation -------------------------------------------------------------------
def test_no_file_until_the_first_write(tmp_path, tiny):
    path = tmp_path / "kg.db"
    s = EmbeddedStore(path)
    assert s.counts() == {} and s.history() == [] and not path.exists()
    with pytest.raises(Exception):
        s.replace(tiny, source="Bad Name")
    assert not path.exists()
    s.replace(tiny)
    assert path.exists() and not list(tmp_path.glob(".kg.db.*"))
    assert s.read_dataset() == tiny
    s.close()
    assert EmbeddedStore(path, create=False).read_dataset() == tiny


def test_a_failing_first_write_leaves_nothing(tmp_path, tiny):
    path = tmp_path / "kg.db"
    s = EmbeddedStore(path)

    def boom(done, total, label):
        raise RuntimeError("killed halfway")

    with pytest.raises(RuntimeError):
        s.replace(tiny, progress=boom)
    assert list(tmp_path.iterdir()) == []


def test_a_zero_byte_file_is_an_empty_store(tmp_path, tiny):
    path = tmp_path / "kg.db"
    path.write_bytes(b"")
    s = EmbeddedStore(path, create=False)
    assert s.is_empty() and path.stat().st_size == 0
    s.replace(tiny)
    assert EmbeddedStore(path).read_dataset() == tiny


def test_two_processes_creating_the_store(tmp_path, tiny):
    """Both find no file; one creates it, the other then writes into that one."""
    import copy

    ctx = mp.get_context("spawn")
    path = tmp_path / "kg.db"
    a, b = copy.deepcopy(tiny), copy.deepcopy(tiny)
    a.nodes["PA"] = ("Person", {"name": "A"})
    b.nodes["PB"] = ("Person", {"name": "B"})
    barrier = ctx.Barrier(2)
    qs = [ctx.Queue(), ctx.Queue()]
    procs = [ctx.Process(target=write, args=(str(path), None, "import", ds, q), kwargs={"barrier": barrier})
             for ds, q in zip((a, b), qs)]
    for p in procs:
        p.start()
    results = [q.get(timeout=120) for q in qs]
    for p in procs:
        p.join(30)
    assert all(s == "ok" for s, _r in results), results
    assert EmbeddedStore(path).read_dataset() in (a, b)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["kg.db"]


# -- migration ----------------------------------------------------------------------
def test_a_version_1_store_is_migrated_once(tmp_path, tiny):
    path = v1_store(tmp_path / "old.db", tiny)
    s = EmbeddedStore(path)
    assert s.notices and "migrated" in s.notices[0] and "2025-03-01" in s.notices[0]
    assert [(v["source"], v["as_of"].isoformat(), v["added"]) for v in s.history()] == [
        ("import", "2025-03-01", len(tiny.nodes) + len(tiny.edges))]
    assert s.read_dataset() == tiny and s.get_setting("privacy.min_group_size") == 7
    s.close()
    assert EmbeddedStore(path).notices == []
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (sf.SCHEMA_VERSION,)


def test_migration_notice_on_stderr_once(tmp_path, tiny):
    path = v1_store(tmp_path / "old.db", tiny, settings=False)  # written before settings existed
    r = CliRunner().invoke(cli, ["info", "--store", str(path)])
    assert r.exit_code == 0, r.output
    assert r.stderr.count(f"migrated to format {sf.SCHEMA_VERSION}") == 1
    r = CliRunner().invoke(cli, ["info", "--store", str(path)])
    assert "migrated" not in r.stderr


def test_a_newer_store_is_refused(tmp_path, tiny):
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(tiny)
    sqlite3.connect(path).execute(f"PRAGMA user_version={sf.SCHEMA_VERSION + 1}").connection.commit()
    with pytest.raises(StoreError, match=f"store format {sf.SCHEMA_VERSION + 1} was written by a newer kgraph") as exc:
        EmbeddedStore(path)
    assert "upgrade kgraph" in exc.value.hint


# -- busy -----------------------------------------------------------------------------
def test_a_reader_waits_for_a_write_then_says_busy(tmp_path, tiny, busy_env):
    """Issue 16.6: "database is locked" for a reader during an import."""
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(tiny)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # an import committing
    try:
        r = CliRunner().invoke(cli, ["gaps", "--store", str(path)])
        assert r.exit_code == 4
        assert "the store is busy: another process is writing or reading it" in r.stderr
        assert "KGRAPH_BUSY_TIMEOUT" in r.stderr and "not a kgraph store" not in r.stderr
        assert "Traceback" not in r.output
    finally:
        writer.execute("ROLLBACK")
    assert CliRunner().invoke(cli, ["gaps", "--store", str(path)]).exit_code == 0


def test_forget_beside_an_open_reader(tmp_path, tiny, busy_env):
    """Issue 16.6: forget beside a reader that keeps a read transaction open."""
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(tiny)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM node_rows").fetchone()  # holds a shared lock
    try:
        r = CliRunner().invoke(cli, ["forget", "P03", "--store", str(path), "--yes"])
        assert r.exit_code == 4, r.output
        assert "the store is busy" in r.stderr and "nothing was written" in r.stderr
    finally:
        reader.execute("ROLLBACK")
    assert "P03" in EmbeddedStore(path).read_dataset().nodes
    assert CliRunner().invoke(cli, ["forget", "P03", "--store", str(path), "--yes"]).exit_code == 0


def test_an_import_waits_for_another(tmp_path, tiny, monkeypatch):
    """The busy timeout makes a second writer wait rather than fail at once."""
    import threading
    import time

    monkeypatch.setenv("KGRAPH_BUSY_TIMEOUT", "20")
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(tiny)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: other.execute("ROLLBACK")).start()
    t0 = time.monotonic()
    s = EmbeddedStore(path)
    assert s.replace(tiny, as_of="2027-01-01").unchanged
    assert time.monotonic() - t0 >= 0.9


def test_the_embedded_store_through_kgraph_open(tmp_path):
    kg = kgraph.open(tmp_path / "kg.db")
    assert kg.store.is_empty() and not (tmp_path / "kg.db").exists()
    kg.close()


def test_an_empty_sqlite_file_becomes_the_store(tmp_path, tiny):
    path = tmp_path / "kg.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE t (x)")
    db.execute("DROP TABLE t")  # an SQLite file with no tables in it
    db.close()
    assert path.stat().st_size > 0
    s = EmbeddedStore(path)
    assert s.is_empty()
    s.replace(tiny)
    assert EmbeddedStore(path).read_dataset() == tiny


def test_a_store_in_a_missing_folder(tmp_path, tiny):
    s = EmbeddedStore(tmp_path / "no" / "such" / "kg.db")
    with pytest.raises(StoreError, match="the folder .* does not exist"):
        s.replace(tiny)


def test_a_new_store_s_name_is_synced(tmp_path, tiny, monkeypatch):
    """The file is synced before it gets its name, the folder after: a crash once the
    import has said it is done cannot lose the store's name (the real ``fsync`` runs)."""
    import stat

    path, synced, real = tmp_path / "kg.db", [], os.fsync

    def fsync(fd):
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        synced.append((kind, path.exists(), sorted(p.name for p in tmp_path.iterdir())))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    EmbeddedStore(path).replace(tiny)
    files = [s for s in synced if s[0] == "file"]
    assert files and not files[-1][1]  # the file's data before its name
    assert synced[-1] == ("folder", True, ["kg.db"])  # then the name, the temporary one gone
