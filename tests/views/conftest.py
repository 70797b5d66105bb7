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
