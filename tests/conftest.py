"""Fixtures shared by the whole suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"


@pytest.fixture
def tiny_dir() -> Path:
    """The tiny hand-checkable organisation (read-only: copy before changing)."""
    return TINY


@pytest.fixture
def tiny_copy(tmp_path) -> Path:
    """A writable copy of the tiny organisation."""
    dst = tmp_path / "tiny"
    shutil.copytree(TINY, dst)
    return dst


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "kgraph.db"


@pytest.fixture
def tiny_kg(store_path):
    """A handle on an embedded store holding the tiny organisation."""
    import kgraph

    kg = kgraph.open(store_path)
    kgraph.import_data(kg, TINY)
    yield kg
    kg.close()


@pytest.fixture
def run_bench():
    """Run ``bench/SCRIPT ARGS`` with this Python from the project's root; check it exits 0
    (its stderr's end is the message if not) and return the finished process."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]

    def run(script: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, str(root / "bench" / script), *map(str, args)],
                              capture_output=True, text=True, timeout=timeout, cwd=root)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc

    return run
