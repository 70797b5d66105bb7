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
