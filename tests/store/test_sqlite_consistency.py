"""The embedded store under threads: reading the file change counter keeps every lock of the
process (https://www.sqlite.org/howtocorrupt.html, 2.2), and a whole snapshot is read in one
read transaction, so answers committed meanwhile (the intranet's survey) do not make it fail."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from kgraph.app.handle import _read_whole
from kgraph.ingest import load_dataset
from kgraph.store.sqlite import EmbeddedStore

TINY = Path(__file__).parents[1] / "data" / "tiny"

_TRY_TO_WRITE = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    db.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError as exc:
    print("locked" if "locked" in str(exc) else exc)
else:
    print("got the write lock")
"""


def _other_process_can_write(path: Path) -> bool:
    out = subprocess.run([sys.executable, "-c", _TRY_TO_WRITE, str(path)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() in ("locked", "got the write lock"), out
    return out.stdout.strip() == "got the write lock"


def test_reading_the_stamp_keeps_another_connections_write_lock(tmp_path):
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        s.replace(load_dataset(TINY), as_of="2026-01-01")
    writer = EmbeddedStore(path)
    reader = EmbeddedStore(path)
    try:
        writer.db.execute("BEGIN IMMEDIATE")  # a write transaction of one thread (RESERVED lock)
        assert not _other_process_can_write(path)
        first = reader.stamp()  # another thread's snapshot asks whether the store changed
        assert reader.stamp() == first and len(first) == 4
        assert not _other_process_can_write(path)  # the write lock still holds
        writer.db.execute("ROLLBACK")
    finally:
        writer.close()
        reader.close()
    assert _other_process_can_write(path)


def test_closing_another_store_of_the_file_keeps_a_connections_write_lock(tmp_path):
    """The stamp's descriptor is one per file and process, closed with the last store of
    that file: a store closing (a thread of the server ends, a request's store is done)
    while another thread writes does not drop that thread's locks."""
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        s.replace(load_dataset(TINY), as_of="2026-01-01")
    writer = EmbeddedStore(path)
    try:
        writer.stamp()
        writer.db.execute("BEGIN IMMEDIATE")
        for _i in range(3):  # other threads' stores come and go
            other = EmbeddedStore(path)
            assert other.stamp() == writer.stamp()
            other.close()
            assert not _other_process_can_write(path)  # the write lock still holds
        other = EmbeddedStore(path)
        other.stamp()
        del other  # collected without a close: its finalizer
        import gc
        gc.collect()
        assert not _other_process_can_write(path)
        writer.db.execute("ROLLBACK")
    finally:
        writer.close()
    assert _other_process_can_write(path)


def test_a_whole_snapshot_is_read_while_answers_are_committed(tmp_path):
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        s.replace(load_dataset(TINY), as_of="2026-01-01")
    stop = threading.Event()
    written = []

    def answers():  # another thread of the server keeps committing survey answers
        with EmbeddedStore(path) as w:
            while not stop.is_set():
                w.put_record("bench.answer", str(len(written) % 50), {"n": len(written)})
                written.append(1)
                stop.wait(0.002)

    thread = threading.Thread(target=answers)
    thread.start()
    try:
        with EmbeddedStore(path) as s:
            for _i in range(20):
                tables = _read_whole(s, dt.date(2026, 1, 1), tries=1)  # one try: no commit may come between tables
                assert tables.dataset() == load_dataset(TINY)
    finally:
        stop.set()
        thread.join(60)
    assert len(written) >= 10  # answers were committed meanwhile


def test_a_store_never_closed_leaves_no_descriptor_open(tmp_path):
    import gc
    import os

    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        s.replace(load_dataset(TINY), as_of="2026-01-01")
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    for _i in range(50):
        assert EmbeddedStore(path).stamp() is not None  # never closed
    gc.collect()
    if fds is not None:
        assert len(os.listdir("/proc/self/fd")) <= fds


def test_a_whole_read_the_store_keeps_busy_is_a_store_error(tmp_path, monkeypatch):
    import pytest

    from kgraph.errors import StoreError
    from kgraph.store import sqlite_file

    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        s.replace(load_dataset(TINY), as_of="2026-01-01")
    monkeypatch.setenv(sqlite_file.BUSY_ENV, "0")
    reader = EmbeddedStore(path)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN EXCLUSIVE")  # another process's commit under way: no read lock to be had
        with pytest.raises(StoreError, match="busy"):
            _read_whole(reader, dt.date(2026, 1, 1), tries=1)
        assert not reader.db.in_transaction
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        reader.close()


def test_a_stamp_collected_while_another_is_shared_does_not_deadlock(tmp_path, monkeypatch):
    """A store never closed gives up its share of the descriptor when the collector frees it
    (its finalizer), which may happen while this thread is sharing another file's: the
    registry's lock is reentrant."""
    import gc
    import os

    from kgraph.store import sqlite_file as sf

    paths = [tmp_path / "a.db", tmp_path / "b.db"]
    for p in paths:
        with EmbeddedStore(p) as s:
            s.replace(load_dataset(TINY), as_of="2026-01-01")
    gc.disable()
    try:
        lost = sf.Stamp(paths[0])
        assert lost.read() is not None
        lost.cycle = [lost]  # garbage only the collector frees
        del lost
        real_open = os.open

        def open_and_collect(*args, **kwargs):  # the collector runs inside the registry's lock
            gc.collect()
            return real_open(*args, **kwargs)

        monkeypatch.setattr(sf.os, "open", open_and_collect)
        done = []
        thread = threading.Thread(target=lambda: done.append(sf.Stamp(paths[1]).read()), daemon=True)
        thread.start()
        thread.join(20)
        assert done and done[0] is not None
    finally:
        gc.enable()
