"""Burt's constraint and effective size: reproduce constraint.csv / effective_size.csv."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.measures import constraint, effective_size
from tests.measures.strategies import graphs

RTOL = 1e-9


def _rows(table: pd.DataFrame, relation: str, index: pd.Index) -> pd.DataFrame:
    return table[table["relation"] == relation].set_index("id").loc[index]


# ----------------------------------------------------------------- brute force (Burt 1992)
def _strength(G, weight):
    def a(i, j):
        if not G.has_edge(i, j):
            return 0.0
        if G.is_multigraph():
            return float(sum(d.get(weight, 1) if weight else 1 for d in G[i][j].values()))
        return float(G[i][j].get(weight, 1)) if weight else 1.0

    def w(i, j):
        return a(i, j) + a(j, i) if G.is_directed() else a(i, j)

    def nbrs(i):
        return set(nx.all_neighbors(G, i)) - {i}

    return w, nbrs


def burt_constraint(G, weight=None):
    w, nbrs = _strength(G, weight)
    out = {}
    for i in G:
        N = nbrs(i)
        if not N:
            out[i] = float("nan")
            continue
        tot = sum(w(i, k) for k in N)
        p = lambda x, y: w(x, y) / sum(w(x, k) for k in nbrs(x))  # noqa: E731
        out[i] = sum(
            (p(i, j) + sum(p(i, q) * p(q, j) for q in N if q != j)) ** 2 for j in N
        ) if tot else float("nan")
    return out


def burt_effective_size(G, weight=None):
    w, nbrs = _strength(G, weight)
    out = {}
    for i in G:
        N = nbrs(i)
        if not N:
            out[i] = float("nan")
            continue
        tot = sum(w(i, k) for k in N)
        es = 0.0
        for j in N:
            mx = max(w(j, k) for k in nbrs(j))
            es += 1 - sum(w(i, q) / tot * w(j, q) / mx for q in N if q != j)
        out[i] = es
    return out


def _values(out: pd.DataFrame, col: str, ref: dict) -> tuple[np.ndarray, np.ndarray]:
    return out[col].to_numpy(float), np.array([ref[v] for v in out["id"]], dtype=float)


# ----------------------------------------------------------------- reference files
def test_constraint_csv(net_relation, ref_graph, ref_table, index_by_id):
    """Reproduces constraint.csv (igraph::constraint and own Burt), NaN for isolates."""
    net, relation = net_relation
    ours = index_by_id(constraint(ref_graph(net, relation)))
    ref = _rows(ref_table(net, "constraint"), relation, ours.index)
    for col in ("igraph_unweighted", "own_burt_unweighted"):
        np.testing.assert_allclose(
            ours["constraint"], ref[col], rtol=RTOL, atol=0, equal_nan=True, err_msg=col
        )
    np.testing.assert_array_equal(ours["constraint"].isna(), ref["own_burt_unweighted"].isna())


def test_effective_size_csv(net_relation, ref_graph, ref_table, index_by_id):
    """Reproduces effective_size.csv (own implementation of Burt's formula)."""
    net, relation = net_relation
    ours = index_by_id(effective_size(ref_graph(net, relation)))
    ref = _rows(ref_table(net, "effective_size"), relation, ours.index)
    np.testing.assert_allclose(
        ours["effective_size"], ref["own_burt_unweighted"], rtol=RTOL, atol=0, equal_nan=True
    )
    np.testing.assert_array_equal(ours["effective_size"].isna(), ref["own_burt_unweighted"].isna())


def test_lazega_friendship_isolates_are_nan(ref_graph):
    """effective_size.csv / constraint.csv: Lazega friendship isolates 44 and 47 are NA."""
    G = ref_graph("lazega_lawfirm", "friendship")
    for df, col in ((constraint(G), "constraint"), (effective_size(G), "effective_size")):
        nan_ids = set(df.loc[df[col].isna(), "id"])
        assert nan_ids == {44, 47}


def test_structural_hole_files_cover_every_relation(ref_table, relations):
    for net, rels in relations.items():
        for name in ("constraint", "effective_size"):
            assert set(ref_table(net, name)["relation"]) == set(rels)


# ----------------------------------------------------------------- small fixtures
def test_star_constraint_and_effective_size():
    """README fixture: star with three leaves -> centre 1/3 and 3; leaves 1 and 1."""
    S = nx.star_graph(3)
    c = constraint(S)["constraint"].to_numpy()
    e = effective_size(S)["effective_size"].to_numpy()
    np.testing.assert_allclose(c, [1 / 3, 1, 1, 1])
    np.testing.assert_allclose(e, [3, 1, 1, 1])


def test_triangle_with_pendant():
    """README fixture: constraint (1.0069, 1.0069, 0.6111, 1); ES of node 2 = 2.333."""
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    c = constraint(G)["constraint"].to_numpy()
    np.testing.assert_allclose(c, [1.0069444444444444, 1.0069444444444444, 0.6111111111111112, 1.0])
    np.testing.assert_allclose(c, [nx.constraint(G)[v] for v in range(4)])
    e = effective_size(G)["effective_size"].to_numpy()
    np.testing.assert_allclose(e[2], 7 / 3)


def test_reciprocated_tie_counts_twice():
    """Directed: w_ij = a_ij + a_ji, so a reciprocated tie has twice the strength."""
    D = nx.DiGraph([(0, 1), (1, 0), (0, 2)])
    c = constraint(D).set_index("id")["constraint"]
    # p_01 = 2/3, p_02 = 1/3, no indirect paths
    assert c[0] == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2)


def test_in_ties_only_node_has_values():
    """Unlike networkx 3.6 (NaN), a node with in-ties only has an effective size."""
    D = nx.DiGraph([(1, 0), (2, 0), (1, 2)])
    e = effective_size(D).set_index("id")["effective_size"]
    assert e[0] == pytest.approx(burt_effective_size(D)[0])
    assert not np.isnan(e[0])


# ----------------------------------------------------------------- networkx and brute force
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_constraint_equals_networkx(directed, weighted):
    G = nx.gnm_random_graph(60, 240, seed=4, directed=directed)
    if weighted:
        for i, (u, v) in enumerate(G.edges()):
            G[u][v]["w"] = 1 + i % 4
    weight = "w" if weighted else None
    out = constraint(G, weight=weight)
    a, b = _values(out, "constraint", nx.constraint(G, weight=weight))
    np.testing.assert_allclose(a, b, rtol=RTOL)


def test_effective_size_equals_networkx_where_networkx_is_right():
    """Undirected: nx.effective_size with explicit ``nodes`` applies Burt's formula."""
    G = nx.gnm_random_graph(60, 240, seed=6)
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["w"] = 1 + i % 3
    for weight in (None, "w"):
        out = effective_size(G, weight=weight)
        a, b = _values(out, "effective_size", nx.effective_size(G, nodes=list(G), weight=weight))
        np.testing.assert_allclose(a, b, rtol=RTOL)


def test_multigraph_sums_parallel_weights():
    M = nx.MultiDiGraph()
    M.add_weighted_edges_from([(0, 1, 1), (0, 1, 2), (1, 2, 1), (2, 0, 4), (2, 3, 1), (3, 3, 9)])
    D = nx.DiGraph()
    D.add_weighted_edges_from([(0, 1, 3), (1, 2, 1), (2, 0, 4), (2, 3, 1)])
    for f in (constraint, effective_size):
        pd.testing.assert_frame_equal(f(M, weight="weight"), f(D, weight="weight"))




@settings(max_examples=100, deadline=None)
@given(graphs(min_nodes=1, max_nodes=10, max_edges=30, weight="w"), st.booleans())
def test_property_matches_burt_brute_force(G, use_weight):
    """Property: both measures equal a direct loop over Burt's formulas."""
    weight = "w" if use_weight else None
    a, b = _values(constraint(G, weight=weight), "constraint", burt_constraint(G, weight))
    np.testing.assert_allclose(a, b, rtol=RTOL, equal_nan=True)
    a, b = _values(effective_size(G, weight=weight), "effective_size", burt_effective_size(G, weight))
    np.testing.assert_allclose(a, b, rtol=RTOL, equal_nan=True)


@settings(max_examples=60, deadline=None)
@given(graphs(min_nodes=1, max_nodes=10, max_edges=30, weight="w"), st.randoms(use_true_random=False))
def test_property_invariant_under_relabelling(G, rnd):
    """Property: relabelling nodes permutes the values and changes nothing else."""
    names = list(G)
    shuffled = names[:]
    rnd.shuffle(shuffled)
    mapping = {v: f"x{w}" for v, w in zip(names, shuffled)}
    H = nx.relabel_nodes(G, mapping)
    for f, col in ((constraint, "constraint"), (effective_size, "effective_size")):
        before = dict(zip(f(G, weight="w")["id"], f(G, weight="w")[col]))
        after = f(H, weight="w").set_index("id")[col]
        np.testing.assert_allclose(
            [after[mapping[v]] for v in names], [before[v] for v in names], rtol=1e-12, equal_nan=True
        )
