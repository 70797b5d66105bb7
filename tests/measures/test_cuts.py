"""Articulation points and bridges: reproduce articulation_points.csv, agree with networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given, settings

from kgraph.measures import articulation_points, bridges
from tests.measures.strategies import graphs


def _components_if_removed(G: nx.Graph) -> dict:
    U = G.to_undirected() if G.is_directed() else nx.Graph(G)
    out = {}
    for v in U:
        H = U.copy()
        H.remove_node(v)
        out[v] = nx.number_connected_components(H)
    return out


def test_articulation_points_csv(net_relation, ref_graph, ref_table, index_by_id):
    """Reproduces articulation_points.csv (symmetrised graph) for every relation."""
    net, relation = net_relation
    G = ref_graph(net, relation)
    ours = index_by_id(articulation_points(G))
    table = ref_table(net, "articulation_points")
    ref = table[table["relation"] == relation].set_index("id").loc[ours.index]
    assert len(ref) == G.number_of_nodes()
    np.testing.assert_array_equal(ours["articulation_point"], ref["is_articulation_point"])
    assert ours["articulation_point"].dtype == bool
    # n_components in the file counts the components of the whole graph: removing a
    # non-articulation, non-isolated node leaves that many; an articulation point more.
    ordinary = ~ref["is_articulation_point"] & (ref["degree_undirected"] > 0)
    np.testing.assert_array_equal(
        ours.loc[ordinary, "components_if_removed"], ref.loc[ordinary, "n_components"]
    )
    aps = ref["is_articulation_point"]
    assert (ours.loc[aps, "components_if_removed"] > ref.loc[aps, "n_components"]).all()
    brute = _components_if_removed(G)
    assert ours["components_if_removed"].tolist() == [brute[v] for v in ours["id"]]


def test_articulation_points_csv_known_points(ref_graph):
    """articulation_points.csv: reports_to cut vertices are 2, 7, 14, 18, 21; Lazega friendship 15."""
    ap = articulation_points(ref_graph("krackhardt_hightech", "reports_to"))
    assert set(ap.loc[ap["articulation_point"], "id"]) == {2, 7, 14, 18, 21}
    ap = articulation_points(ref_graph("lazega_lawfirm", "friendship"))
    assert set(ap.loc[ap["articulation_point"], "id"]) == {15}


def test_bridges_on_reference_networks_equal_networkx(net_relation, ref_graph):
    """Bridges of the symmetrised articulation_points.csv graphs equal nx.bridges."""
    G = ref_graph(*net_relation)
    ours = bridges(G)
    ref = {tuple(sorted(e, key=str)) for e in nx.bridges(G.to_undirected())}
    assert set(map(tuple, ours.to_numpy().tolist())) == ref


def test_triangle_with_pendant():
    """README fixture: node 2 is the only cut vertex; (2, 3) the only bridge."""
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    ap = articulation_points(G)
    assert ap["articulation_point"].tolist() == [False, False, True, False]
    assert ap["components_if_removed"].tolist() == [1, 1, 2, 1]
    assert bridges(G).to_numpy().tolist() == [[2, 3]]


def test_isolates_and_empty_graph():
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    ap = articulation_points(G)
    assert ap["components_if_removed"].tolist() == [2, 2, 1]
    assert not ap["articulation_point"].any()
    assert articulation_points(nx.Graph()).empty
    assert bridges(nx.Graph()).empty
    assert list(bridges(nx.Graph()).columns) == ["source", "target"]


def test_bridges_sorted_by_string_id():
    G = nx.path_graph([10, 2, 1])
    assert bridges(G).to_numpy().tolist() == [[1, 2], [10, 2]]


def test_multidigraph_is_symmetrised():
    M = nx.MultiDiGraph([(0, 1), (1, 0), (1, 2), (1, 2), (2, 2)])
    ap = articulation_points(M)
    assert ap["articulation_point"].tolist() == [False, True, False]
    assert bridges(M).to_numpy().tolist() == [[0, 1], [1, 2]]




@settings(max_examples=120, deadline=None)
@given(graphs(max_nodes=12, max_edges=20))
def test_property_equals_brute_force(G):
    """Property: flags, component counts and bridges equal networkx/brute force."""
    U = G.to_undirected() if G.is_directed() else G
    ap = articulation_points(G)
    assert set(ap.loc[ap["articulation_point"], "id"]) == set(nx.articulation_points(U))
    brute = _components_if_removed(G)
    assert ap["components_if_removed"].tolist() == [brute[v] for v in ap["id"]]
    ours = bridges(G)
    assert set(map(tuple, ours.to_numpy().tolist())) == {
        tuple(sorted(e, key=str)) for e in nx.bridges(U)
    }
    assert ours.equals(ours.sort_values(["source", "target"], key=lambda s: s.astype(str)).reset_index(drop=True))


@settings(max_examples=150, deadline=None)
@given(graphs(max_nodes=40, max_edges=60))
def test_property_block_counts_equal_networkx(G):
    """Property: the blocks per node and the components the depth-first search finds are
    networkx's (biconnected components, connected components) on sparse graphs with
    trees, cycles and isolates."""
    U = nx.Graph(G.to_undirected() if G.is_directed() else G)
    blocks = {v: 0 for v in U}
    for block in nx.biconnected_components(U):
        for v in block:
            blocks[v] += 1
    ap = articulation_points(G)
    comps = nx.number_connected_components(U) if len(U) else 0
    assert ap["components_if_removed"].tolist() == [comps - 1 + blocks[v] for v in ap["id"]]
    assert ap["articulation_point"].tolist() == [blocks[v] >= 2 for v in ap["id"]]


def test_equals_igraph_on_a_large_sparse_graph():
    """Tens of thousands of nodes (no recursion limit) and the same blocks and bridges as
    igraph's biconnected components, which this module used before."""
    import igraph as ig

    rng = np.random.default_rng(3)
    n = 20_000
    edges = {(int(min(a, b)), int(max(a, b))) for a, b in rng.integers(0, n, size=(16_000, 2)) if a != b}
    edges |= {(i, i + 1) for i in range(0, n - 1, 3)}  # long paths: deep searches, many bridges
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    g = ig.Graph(n=n, edges=sorted(edges))
    nodes = sorted(range(n), key=str)
    pos = {v: i for i, v in enumerate(nodes)}
    counts = np.bincount([v for block in g.biconnected_components() for v in block], minlength=n)
    ap = articulation_points(G)
    expect = len(g.connected_components()) - 1 + counts[np.array(nodes)]
    assert ap["components_if_removed"].tolist() == expect.tolist()
    ours = {(pos[a], pos[b]) for a, b in bridges(G).to_numpy().tolist()}
    theirs = {tuple(sorted((pos[u], pos[v]))) for u, v in (g.es[e].tuple for e in g.bridges())}
    assert ours == theirs and len(ours) > 100
