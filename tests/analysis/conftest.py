"""Stores for the knowledge analyses: the tiny dataset, and variants built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kgraph

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
DEMO = Path(kgraph.__file__).resolve().parent / "data" / "demo"
AS_OF = "2026-06-01"


def build(tmp: Path, extra: dict[str, str] | None = None, src: Path = TINY):
    """Copy ``src`` to ``tmp``, append CSV rows from ``extra`` and import it."""
    data = tmp / "data"
    shutil.copytree(src, data)
    for table, rows in (extra or {}).items():
        with (data / f"{table}.csv").open("a", encoding="utf-8") as fh:
            fh.write(rows)
    kg = kgraph.open(tmp / "kg.db")
    kgraph.import_data(kg, data)
    return kg


@pytest.fixture()
def build_store(tmp_path):
    """``build_store(extra)``: the tiny dataset with rows appended, imported."""
    return lambda extra=None: build(tmp_path, extra)


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    kg = build(tmp_path_factory.mktemp("tiny"))
    yield kg
    kg.close()


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    kg = build(tmp_path_factory.mktemp("demo"), src=DEMO)
    yield kg
    kg.close()
