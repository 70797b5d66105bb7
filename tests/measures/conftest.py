"""Fixtures for the measures tests: the reference networks and their R values.

Everything is read from ``tests/data/reference`` (copies of the project's shared
reference set, see ``SOURCE.md``); the tests never read outside the repository.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"

#: Every relation of every reference network (checked against edges.csv by a test).
RELATIONS = {
    "krackhardt_hightech": ("advice", "friendship", "reports_to"),
    "lazega_lawfirm": ("advice", "coworker", "friendship"),
}
#: Every group attribute used in the brokerage reference files (checked by a test).
GROUP_ATTRS = {
    "krackhardt_hightech": ("dept", "level"),
    "lazega_lawfirm": ("office", "practice", "status"),
}

NET_RELATION = [(net, rel) for net, rels in RELATIONS.items() for rel in rels]
NET_RELATION_GROUP = [
    (net, rel, attr) for net, rel in NET_RELATION for attr in GROUP_ATTRS[net]
]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``net_relation`` / ``net_relation_group`` over every reference case."""
    if "net_relation_group" in metafunc.fixturenames:
        metafunc.parametrize(
            "net_relation_group", NET_RELATION_GROUP, ids=["-".join(c) for c in NET_RELATION_GROUP]
        )
    if "net_relation" in metafunc.fixturenames:
        metafunc.parametrize("net_relation", NET_RELATION, ids=["-".join(c) for c in NET_RELATION])


@lru_cache(maxsize=None)
def _table(net: str, name: str) -> pd.DataFrame:
    dtype = {"id": str, "group": str} if name not in ("nodes", "edges") else None
    return pd.read_csv(REFERENCE / net / f"{name}.csv", dtype=dtype)


@lru_cache(maxsize=None)
def _graph(net: str, relation: str) -> nx.DiGraph:
    nodes = _table(net, "nodes")
    edges = _table(net, "edges")
    G = nx.DiGraph()
    for row in nodes.to_dict("records"):  # ALL nodes, isolates included
        G.add_node(row["id"], **row)
    rel = edges[edges["relation"] == relation]
    G.add_edges_from(zip(rel["source"], rel["target"]))
    return G


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """Folder with the copied reference networks."""
    return REFERENCE


@pytest.fixture(scope="session")
def ref_table():
    """``ref_table(net, name)``: a reference CSV (ids and groups as strings)."""
    return lambda net, name: _table(net, name).copy()


@pytest.fixture(scope="session")
def ref_graph():
    """``ref_graph(net, relation)``: directed graph of one relation with all nodes.

    Node ids are ints (as in nodes.csv) and carry every node attribute. A fresh copy
    is returned, so tests may modify it.
    """
    return lambda net, relation: _graph(net, relation).copy()


@pytest.fixture(scope="session")
def relations() -> dict[str, tuple[str, ...]]:
    return dict(RELATIONS)


@pytest.fixture(scope="session")
def group_attrs() -> dict[str, tuple[str, ...]]:
    return dict(GROUP_ATTRS)


def by_id(df: pd.DataFrame) -> pd.DataFrame:
    """Index a measure's output by ``str(id)`` (reference files store ids as text)."""
    out = df.copy()
    out.index = out["id"].astype(str)
    return out


@pytest.fixture(scope="session")
def index_by_id():
    """``index_by_id(df)``: the frame indexed by ``str(id)``."""
    return by_id
