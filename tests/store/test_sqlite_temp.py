"""The temporary files beside an embedded store (:mod:`kgraph.store.sqlite_temp`): a write
removes its own; the next write removes those a killed process left, never one a live
write holds, nor another store's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.ingest import load_dataset
from kgraph.store import sqlite_temp
from kgraph.store.sqlite import EmbeddedStore

TINY = Path(__file__).parents[1] / "data" / "tiny"

pytestmark = pytest.mark.skipif(sqlite_temp.fcntl is None, reason="no flock here: nothing is locked or swept")


def _old(path: str | Path) -> None:
    """Make ``path`` look as old as a file a write killed a minute ago left."""
    past = time.time() - sqlite_temp.GRACE - 60
    os.utime(path, (past, past))


def _killed_writer(folder: Path, name: str) -> list[str]:
    """The files a write leaves when it is killed outright: a process makes a store's
    temporary files as the two writes do, then kills itself (SIGKILL)."""
    code = ("import os, signal, sys; from kgraph.store import sqlite_temp\n"
            "folder, name = sys.argv[1:]\n"
            "fd, new = sqlite_temp.create(folder, name, '.new')  # a new store being built\n"
            "print(new, flush=True)\n"
            "for of in (name, os.path.basename(new)):  # a helper beside an empty store, beside the new store\n"
            "    fd, path = sqlite_temp.create(folder, of, '.edges')\n"
            "    os.write(fd, b'x' * 4096)\n"
            "    print(path, flush=True)\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(folder), name], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    paths = proc.stdout.split()
    assert len(paths) == 3 and all(os.path.exists(p) for p in paths)
    assert os.path.basename(paths[2]).startswith(f"..{name}.")  # named after the new store's temporary file
    return paths


def test_a_file_made_and_released_leaves_nothing(tmp_path):
    fd, path = sqlite_temp.create(tmp_path, "kg.db", ".edges")
    Path(f"{path}-journal").write_text("j")
    sqlite_temp.release(fd, path)
    assert list(tmp_path.iterdir()) == []


def test_sweep_removes_only_what_no_process_holds(tmp_path):
    held_fd, held = sqlite_temp.create(tmp_path, "kg.db", ".new")  # a live write's file (its lock held here)
    try:
        left = _killed_writer(tmp_path, "kg.db")
        young = _killed_writer(tmp_path, "kg.db")  # killed just now: within the grace time, kept
        other = _killed_writer(tmp_path, "other.db")  # another store's
        unrelated = tmp_path / ".kg.db.notes.txt"
        unrelated.write_text("mine")
        for p in (held, *left, *other, unrelated):
            _old(p)
        Path(f"{left[0]}-journal").write_text("j")
        gone = sqlite_temp.sweep(tmp_path, "kg.db")
        assert sorted(gone) == sorted(os.path.basename(p) for p in left)
        remaining = {p.name for p in tmp_path.iterdir()}
        assert remaining == {os.path.basename(p) for p in (held, *young, *other, unrelated)}
        assert sqlite_temp.sweep(tmp_path / "missing", "kg.db") == []  # no folder: nothing to do
    finally:
        sqlite_temp.release(held_fd, held)


@pytest.mark.parametrize("existing", [False, True])
def test_the_next_import_removes_what_a_killed_one_left(tmp_path, existing):
    store = tmp_path / "kg.db"
    if existing:  # an empty store file (0 bytes): the import writes into it
        store.write_bytes(b"")
    for p in _killed_writer(tmp_path, "kg.db"):
        _old(p)
    with EmbeddedStore(store) as s:
        s.replace(load_dataset(TINY), as_of="2026-01-01")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.db"]


def test_a_read_only_folder_is_left_as_it_is(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may remove files from a read-only folder")
    paths = _killed_writer(tmp_path, "kg.db")
    for p in paths:
        _old(p)
    tmp_path.chmod(0o500)
    try:
        assert sqlite_temp.sweep(tmp_path, "kg.db") == []
    finally:
        tmp_path.chmod(0o700)
    assert all(os.path.exists(p) for p in paths)
