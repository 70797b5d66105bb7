"""Hypothesis strategies shared by the measure tests: small random graphs."""

from __future__ import annotations

import networkx as nx
from hypothesis import strategies as st


@st.composite
def graphs(draw, *, min_nodes: int = 0, max_nodes: int = 12, max_edges: int = 20, weight: str | None = None):
    """A random Graph or DiGraph on nodes 0..n-1 without self-loops; with ``weight``,
    every edge carries an integer weight 1–5 under that attribute."""
    n = draw(st.integers(min_value=min_nodes, max_value=max_nodes))
    G = nx.DiGraph() if draw(st.booleans()) else nx.Graph()
    G.add_nodes_from(range(n))
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    for u, v in draw(st.lists(st.sampled_from(pairs), max_size=max_edges)) if pairs else []:
        if weight is None:
            G.add_edge(u, v)
        else:
            G.add_edge(u, v, **{weight: draw(st.integers(min_value=1, max_value=5))})
    return G


@st.composite
def grouped_graphs(draw, *, max_nodes: int = 12, max_edges: int = 40, max_groups: int = 4):
    """A random graph and a group (0..k-1) for every node."""
    G = draw(graphs(max_nodes=max_nodes, max_edges=max_edges))
    k = draw(st.integers(min_value=1, max_value=max_groups))
    return G, {v: draw(st.integers(min_value=0, max_value=k - 1)) for v in G}
