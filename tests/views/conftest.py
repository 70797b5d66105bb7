"""Fixtures for the view tests: stores holding the tiny and the markup-laden organisation."""

from __future__ import annotations

from pathlib import Path

import pytest

XSS = Path(__file__).resolve().parent.parent / "data" / "xss"


@pytest.fixture(scope="module")
def xss_kg(tmp_path_factory):
    """The tiny organisation with markup in names and texts (``tests/data/xss``)."""
    import kgraph

    kg = kgraph.open(tmp_path_factory.mktemp("xss") / "kg.db")
    kgraph.import_data(kg, XSS)
    yield kg
    kg.close()


@pytest.fixture(scope="session")
def demo_kg(tmp_path_factory):
    """The demo municipality (364 staff, 50 actors, 9 issues) in an embedded store."""
    import kgraph
    from kgraph.app.demo import demo_data_path

    kg = kgraph.open(tmp_path_factory.mktemp("demo") / "kg.db")
    kgraph.import_data(kg, demo_data_path())
    yield kg
    kg.close()
