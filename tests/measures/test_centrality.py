"""Betweenness: reproduces igraph/sna betweenness.csv and equals networkx."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from kgraph.errors import OptionError
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.measures import betweenness
from kgraph.measures import centrality as centrality_module
from tests.measures.strategies import graphs

RTOL = 1e-9


def _nx_values(G, out, **kw):
    ref = nx.betweenness_centrality(G, **kw)
    return np.array([ref[v] for v in out["id"]])


# ----------------------------------------------------------------- reference files
@pytest.mark.parametrize("mode", ["directed", "undirected"])
@pytest.mark.parametrize("normalized", [False, True], ids=["raw", "normalized"])
def test_betweenness_csv(net_relation, mode, normalized, ref_graph, ref_table, index_by_id):
    """Reproduces betweenness.csv: igraph_raw / igraph_normalized, both modes."""
    net, relation = net_relation
    G = ref_graph(net, relation)
    if mode == "undirected":
        G = G.to_undirected()  # weak symmetrisation; reciprocated ties become one edge
    ours = index_by_id(betweenness(G, normalized=normalized))
    table = ref_table(net, "betweenness")
    ref = table[(table["relation"] == relation) & (table["mode"] == mode)].set_index("id")
    col = "igraph_normalized" if normalized else "igraph_raw"
    assert len(ref) == len(ours) == G.number_of_nodes()
    np.testing.assert_allclose(
        ours["betweenness"].to_numpy(), ref.loc[ours.index, col].to_numpy(), rtol=RTOL, atol=1e-12
    )


def test_betweenness_csv_covers_every_relation(ref_table, relations):
    for net, rels in relations.items():
        table = ref_table(net, "betweenness")
        assert set(table["relation"]) == set(rels)
        assert set(table["mode"]) == {"directed", "undirected"}


# ----------------------------------------------------------------- networkx agreement
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("normalized", [False, True])
def test_equals_networkx_on_random_graphs(directed, normalized):
    for seed in range(3):
        G = nx.gnm_random_graph(120, 400, seed=seed, directed=directed)
        out = betweenness(G, normalized=normalized)
        np.testing.assert_allclose(
            out["betweenness"], _nx_values(G, out, normalized=normalized), rtol=RTOL, atol=1e-12
        )


@pytest.mark.parametrize("directed", [False, True])
def test_weighted_equals_networkx(directed):
    G = nx.gnm_random_graph(80, 300, seed=5, directed=directed)
    rng = np.random.default_rng(5)
    for u, v in G.edges():
        G[u][v]["length"] = int(rng.integers(1, 5))
    out = betweenness(G, weight="length")
    np.testing.assert_allclose(
        out["betweenness"], _nx_values(G, out, weight="length"), rtol=RTOL, atol=1e-12
    )


def test_multigraph_uses_shortest_parallel_edge_like_networkx():
    M = nx.MultiGraph()
    M.add_weighted_edges_from([(0, 1, 5), (0, 1, 1), (1, 2, 1), (0, 3, 1), (3, 2, 1), (2, 2, 1)])
    out = betweenness(M, weight="weight", normalized=False)
    np.testing.assert_allclose(out["betweenness"], _nx_values(M, out, weight="weight", normalized=False))
    out = betweenness(M, normalized=False)
    np.testing.assert_allclose(out["betweenness"], _nx_values(nx.Graph(M), out, normalized=False))


def test_string_ids_sorted_and_path_values():
    """Middle of a path: 1 pair (raw, undirected), 1.0 normalized; sorted by str(id)."""
    P = nx.path_graph(["b", "a", "c"])
    out = betweenness(P, normalized=False)
    assert out["id"].tolist() == ["a", "b", "c"]
    assert out["betweenness"].tolist() == [1.0, 0.0, 0.0]


def test_tiny_graphs():
    assert betweenness(nx.Graph()).empty
    assert betweenness(nx.path_graph(2))["betweenness"].tolist() == [0.0, 0.0]
    assert betweenness(nx.empty_graph(4))["betweenness"].tolist() == [0.0] * 4


def test_two_process_chunks_equal_networkx(monkeypatch):
    """Large-graph path (two source chunks in two processes) gives the same values."""
    G = nx.gnm_random_graph(150, 500, seed=11)
    monkeypatch.setattr(centrality_module, "_PARALLEL_WORK", 0)
    two = betweenness(G, n_jobs=2)
    one = betweenness(G, n_jobs=1)
    np.testing.assert_array_equal(two["betweenness"], one["betweenness"])
    np.testing.assert_allclose(two["betweenness"], _nx_values(G, two), rtol=RTOL, atol=1e-12)


# ----------------------------------------------------------------- sampling
def test_sample_of_all_sources_is_exact():
    G = nx.gnm_random_graph(60, 200, seed=2, directed=True)
    exact = betweenness(G)
    est = betweenness(G, k=60, seed=0)
    np.testing.assert_allclose(est["betweenness"], exact["betweenness"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(est["betweenness_se"], 0.0, atol=1e-12)


def test_sample_is_seeded_and_within_hoeffding_bound():
    G = nx.gnm_random_graph(400, 1600, seed=3)
    n, k, alpha = 400, 100, 1e-6
    exact = betweenness(G)["betweenness"].to_numpy()
    a = betweenness(G, k=k, seed=42)
    b = betweenness(G, k=k, seed=42)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(betweenness(G, k=k, seed=43))
    bound = n / (n - 1) * math.sqrt(math.log(2 / alpha) / (2 * k))
    assert np.abs(a["betweenness"].to_numpy() - exact).max() <= bound
    # the plug-in standard error is of the right order of magnitude
    err = np.abs(a["betweenness"].to_numpy() - exact)
    se = a["betweenness_se"].to_numpy()
    assert np.median(err) < 3 * np.median(se)
    assert set(a.columns) == {"id", "betweenness", "betweenness_se"}


def test_sample_size_is_checked():
    G = nx.path_graph(5)
    with pytest.raises(OptionError):
        betweenness(G, k=0)
    with pytest.raises(OptionError):
        betweenness(G, k=6)


# ----------------------------------------------------------------- properties


@settings(max_examples=120, deadline=None)
@given(graphs(max_nodes=14, max_edges=45), st.booleans())
def test_property_equals_networkx(G, normalized):
    """Property: equals nx.betweenness_centrality on random small graphs."""
    out = betweenness(G, normalized=normalized)
    np.testing.assert_allclose(
        out["betweenness"], _nx_values(G, out, normalized=normalized), rtol=RTOL, atol=1e-12
    )
