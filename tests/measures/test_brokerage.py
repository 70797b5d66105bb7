"""Gould–Fernandez brokerage: reproduces R ``sna::brokerage`` on the reference networks."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.errors import InputError
from kgraph.measures import brokerage, brokerage_global
from kgraph.measures.brokerage import ROLES, _brokerage_loop
from tests.measures.strategies import grouped_graphs

RTOL = 1e-9


def _ref_rows(table: pd.DataFrame, relation: str, attr: str) -> pd.DataFrame:
    rows = table[(table["relation"] == relation) & (table["group_attr"] == attr)]
    return rows.set_index("id")


# ----------------------------------------------------------------- reference files
def test_reference_files_cover_every_relation_and_group(ref_table, relations, group_attrs):
    """The parametrised cases cover every relation and group attribute in the files."""
    for net in relations:
        assert set(ref_table(net, "edges")["relation"]) == set(relations[net])
        for name in ("brokerage_sna", "brokerage_sna_z", "brokerage_sna_global"):
            t = ref_table(net, name)
            assert set(t["relation"]) == set(relations[net]), name
            assert set(t["group_attr"]) == set(group_attrs[net]), name


def test_brokerage_sna_csv_raw_counts(net_relation_group, ref_graph, ref_table, index_by_id):
    """Reproduces brokerage_sna.csv (sna::brokerage raw.nli) exactly."""
    net, relation, attr = net_relation_group
    G = ref_graph(net, relation)
    ours = index_by_id(brokerage(G, group=attr))
    ref = _ref_rows(ref_table(net, "brokerage_sna"), relation, attr).loc[ours.index]
    assert len(ours) == G.number_of_nodes() == len(ref)
    assert (ours["group"].astype(str) == ref["group"]).all()
    for role in ROLES:
        assert ours[role].dtype == np.int64
        np.testing.assert_array_equal(ours[role].to_numpy(), ref[role].to_numpy(), err_msg=role)


def test_brokerage_sna_z_csv(net_relation_group, ref_graph, ref_table, index_by_id):
    """Reproduces brokerage_sna_z.csv (sna::brokerage z.nli), NA <-> NaN."""
    net, relation, attr = net_relation_group
    ours = index_by_id(brokerage(ref_graph(net, relation), group=attr, z=True))
    ref = _ref_rows(ref_table(net, "brokerage_sna_z"), relation, attr).loc[ours.index]
    for role in ROLES:
        a, b = ours[role].to_numpy(float), ref[role].to_numpy(float)
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b), err_msg=role)
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=0, equal_nan=True, err_msg=role)


def test_brokerage_sna_global_csv(net_relation_group, ref_graph, ref_table):
    """Reproduces brokerage_sna_global.csv (raw/exp/sd/z .gli)."""
    net, relation, attr = net_relation_group
    ours = brokerage_global(ref_graph(net, relation), group=attr).set_index("role")
    glob = ref_table(net, "brokerage_sna_global")
    ref = glob[(glob["relation"] == relation) & (glob["group_attr"] == attr)]
    ref = ref.set_index("role").loc[list(ROLES)]
    assert list(ours.index) == list(ROLES)
    np.testing.assert_array_equal(ours["raw"].to_numpy(), ref["raw"].to_numpy())
    for col in ("expected", "sd", "z"):
        a, b = ours[col].to_numpy(float), ref[col].to_numpy(float)
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b), err_msg=col)
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=0, equal_nan=True, err_msg=col)


def test_brokerage_sna_csv_loop_agrees(net_relation_group, ref_graph):
    """The pure-Python loop gives the same counts as brokerage_sna.csv's vectorised run."""
    net, relation, attr = net_relation_group
    G = ref_graph(net, relation)
    pd.testing.assert_frame_equal(brokerage(G, group=attr), _brokerage_loop(G, group=attr))


# ----------------------------------------------------------------- small fixtures
def test_directed_path_representative():
    """README fixture: a -> v -> c with groups (1, 1, 2): v is a representative."""
    G = nx.DiGraph([("a", "v"), ("v", "c")])
    out = brokerage(G, group={"a": 1, "v": 1, "c": 2}).set_index("id")
    assert out.loc["v", list(ROLES)].tolist() == [0, 0, 1, 0, 0, 1]
    assert out.loc[["a", "c"], "t"].tolist() == [0, 0]


def test_undirected_path_counts_both_orders():
    """README fixture: the same path undirected gives b_IO = b_OI = 1, total 2."""
    G = nx.Graph([("a", "v"), ("v", "c")])
    out = brokerage(G, group={"a": 1, "v": 1, "c": 2}).set_index("id")
    assert out.loc["v", list(ROLES)].tolist() == [0, 0, 1, 1, 0, 2]


def test_undirected_star_with_groups():
    """README fixture: centre in A, leaves in A, B, C -> (0, 0, 2, 2, 2, 6)."""
    G = nx.star_graph(3)
    groups = {0: "A", 1: "A", 2: "B", 3: "C"}
    out = brokerage(G, group=groups).set_index("id")
    assert out.loc[0, list(ROLES)].tolist() == [0, 0, 2, 2, 2, 6]
    assert out.loc[[1, 2, 3], "t"].tolist() == [0, 0, 0]


def test_reverse_tie_does_not_close_the_pair():
    """A c -> a tie does not matter, an a -> c tie does."""
    g = {"a": 1, "v": 1, "c": 1}
    open_ = nx.DiGraph([("a", "v"), ("v", "c"), ("c", "a")])
    closed = nx.DiGraph([("a", "v"), ("v", "c"), ("a", "c")])
    assert brokerage(open_, group=g).set_index("id").loc["v", "w_I"] == 1
    assert brokerage(closed, group=g).set_index("id").loc["v", "w_I"] == 0


def test_all_five_roles():
    """One broker v in group B with a path of each type."""
    G = nx.DiGraph()
    groups = {"v": "B", "a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": "C"}
    G.add_nodes_from(groups)
    G.add_edges_from([("a1", "v"), ("v", "a2")])  # itinerant A -> B -> A
    G.add_edges_from([("b1", "v"), ("v", "b2")])  # coordinator B -> B -> B
    G.add_edge("v", "c1")
    out = brokerage(G, group=groups).set_index("id").loc["v"]
    # in: a1 (A), b1 (B); out: a2 (A), b2 (B), c1 (C)
    assert out[list(ROLES)].tolist() == [1, 1, 2, 1, 1, 6]


def test_group_as_attribute_or_mapping_and_missing_group():
    G = nx.DiGraph([(1, 2), (2, 3)])
    nx.set_node_attributes(G, {1: "x", 2: "x", 3: "y"}, "team")
    pd.testing.assert_frame_equal(
        brokerage(G, group="team"), brokerage(G, group={1: "x", 2: "x", 3: "y"})
    )
    with pytest.raises(InputError):
        brokerage(G, group={1: "x"})
    with pytest.raises(InputError):
        brokerage(G, group="dept")


def test_multigraph_collapses_parallel_edges_and_ignores_loops():
    D = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 1)])
    M = nx.MultiDiGraph(D)
    M.add_edges_from([(0, 1), (1, 2), (1, 1)])
    g = {0: 0, 1: 1, 2: 0, 3: 2}
    pd.testing.assert_frame_equal(brokerage(M, group=g), brokerage(D, group=g))
    pd.testing.assert_frame_equal(brokerage(M, group=g, z=True), brokerage(D, group=g, z=True))
    U = nx.MultiGraph([(0, 1), (0, 1), (1, 2)])
    pd.testing.assert_frame_equal(
        brokerage(U, group={0: 0, 1: 0, 2: 1}), brokerage(nx.Graph(U), group={0: 0, 1: 0, 2: 1})
    )


def test_undirected_equals_symmetric_digraph():
    """Undirected edges are two arcs, for counts and for sna's density (z-scores)."""
    G = nx.gnm_random_graph(40, 120, seed=7)
    groups = {v: v % 3 for v in G}
    D = G.to_directed()
    for z in (False, True):
        pd.testing.assert_frame_equal(brokerage(G, group=groups, z=z), brokerage(D, group=groups, z=z))
    pd.testing.assert_frame_equal(brokerage_global(G, group=groups), brokerage_global(D, group=groups))


def test_rows_sorted_by_string_id_and_independent_of_insertion_order():
    edges = [(10, 2), (2, 1), (1, 10), (2, 30)]
    a = nx.DiGraph(edges)
    b = nx.DiGraph(list(reversed(edges)))
    g = {1: "p", 2: "q", 10: "p", 30: "q"}
    out = brokerage(a, group=g)
    assert out["id"].tolist() == [1, 10, 2, 30]
    pd.testing.assert_frame_equal(out, brokerage(b, group=g))


def test_z_is_nan_where_sd_is_zero():
    """A class of one or two nodes has no coordinator opportunities: sd 0 -> NaN."""
    G = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0)])
    out = brokerage(G, group={0: "a", 1: "b", 2: "b", 3: "c"}, z=True)
    assert out["w_I"].isna().all()
    assert out["t"].notna().all()


def test_empty_and_edgeless_graphs():
    assert brokerage(nx.DiGraph(), group={}).empty
    out = brokerage(nx.empty_graph(3), group={0: 0, 1: 0, 2: 1})
    assert out[list(ROLES)].to_numpy().sum() == 0


# ----------------------------------------------------------------- properties


def _brokered_pairs(G: nx.Graph) -> int:
    """Number of ordered pairs (a, c) with a 2-path a -> v -> c and no a -> c tie, per v."""
    D = G if G.is_directed() else G.to_directed()
    return sum(
        1
        for v in D
        for a in D.predecessors(v)
        for c in D.successors(v)
        if a != c and not D.has_edge(a, c)
    )


@settings(max_examples=150, deadline=None)
@given(grouped_graphs(max_nodes=12, max_edges=40))
def test_vectorised_counts_equal_loop(case):
    """Property: the sparse counts equal the pure-Python loop; t = brokered pairs."""
    G, groups = case
    fast = brokerage(G, group=groups)
    pd.testing.assert_frame_equal(fast, _brokerage_loop(G, group=groups))
    assert int(fast["t"].sum()) == _brokered_pairs(G)
    glob = brokerage_global(G, group=groups)
    assert glob["raw"].tolist() == fast[list(ROLES)].sum().tolist()


@settings(max_examples=50, deadline=None)
@given(grouped_graphs(max_nodes=12, max_edges=40), st.randoms(use_true_random=False))
def test_relabelling_permutes_rows(case, rnd):
    """Property: renaming nodes (and their groups) only renames the rows."""
    G, groups = case
    names = list(G)
    new = names[:]
    rnd.shuffle(new)
    mapping = {v: f"n{w}" for v, w in zip(names, new)}
    H = nx.relabel_nodes(G, mapping)
    a = brokerage(G, group=groups, z=True)
    b = brokerage(H, group={mapping[v]: g for v, g in groups.items()}, z=True)
    order = [names.index(v) for v in sorted(names, key=lambda v: mapping[v])]
    a_rows = a[list(ROLES)].to_numpy(float)[[list(a["id"]).index(names[i]) for i in order]]
    assert b["id"].tolist() == [mapping[names[i]] for i in order]
    np.testing.assert_allclose(a_rows, b[list(ROLES)].to_numpy(float), rtol=1e-12, equal_nan=True)
