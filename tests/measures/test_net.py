"""A Net (the graph as sorted arc arrays) gives every measure exactly the networkx result."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.errors import InputError
from kgraph.measures import (Net, articulation_points, betweenness, betweenness_top, bridges, brokerage,
                             brokerage_global, constraint, effective_size)
from tests.measures.strategies import graphs


def _same(G, net, fn, **kw):
    a, b = fn(G, **kw), fn(net, **kw)
    assert a.equals(b), (fn.__name__, a, b)
    assert a.attrs == b.attrs


def _all_measures(G: nx.Graph) -> None:
    net = Net.from_networkx(G)
    for fn in (articulation_points, bridges, constraint, effective_size):
        _same(G, net, fn)
    _same(G, net, betweenness)
    if len(G) > 2:
        _same(G, net, betweenness, k=2, seed=1)
    _same(G, net, betweenness_top, k=3, max_sources=max(1, len(G) // 2), seed=2)
    groups = {v: hash(str(v)) % 3 for v in G}
    _same(G, net, brokerage, group=groups)
    _same(G, net, brokerage, group=groups, z=True)
    _same(G, net, brokerage_global, group=groups)


@settings(max_examples=80, deadline=None)
@given(graphs(max_nodes=14, max_edges=40), st.booleans())
def test_property_every_measure_equals_networkx(G, frozen):
    """Property: on the same nodes and edges, a Net and a networkx graph (frozen or not,
    directed or not) give identical frames, bit for bit."""
    if frozen:
        G = nx.freeze(G)
    _all_measures(G)


def test_an_organisation_like_graph_with_string_ids():
    rng = np.random.default_rng(5)
    ids = [f"P{i:04d}" for i in rng.permutation(400)]
    G = nx.Graph()
    G.add_nodes_from(ids)
    for t in range(40):  # teams of ten, dense inside, a few ties across
        team = ids[10 * t:10 * t + 10]
        G.add_edges_from((a, b) for i, a in enumerate(team) for b in team[i + 1:] if rng.random() < 0.6)
    G.add_edges_from((ids[a], ids[b]) for a, b in rng.integers(0, 400, size=(300, 2)) if a != b)
    _all_measures(G)
    _all_measures(G.to_directed())


def test_from_edges_drops_loops_repeats_and_strangers():
    net = Net.from_edges(["b", "a", "c"], [("a", "b"), ("b", "a"), ("a", "a"), ("a", "x"), ("c", "b")])
    assert net.nodes == ("a", "b", "c")
    assert list(zip(net.src.tolist(), net.dst.tolist())) == [(0, 1), (1, 0), (1, 2), (2, 1)]
    assert net.number_of_edges() == 2 and not net.is_directed()
    d = Net.from_edges(["a", "b"], [("a", "b"), ("a", "b")], directed=True)
    assert list(zip(d.src.tolist(), d.dst.tolist())) == [(0, 1)] and d.number_of_edges() == 1
    assert nx.utils.graphs_equal(Net.from_networkx(d.to_networkx()).to_networkx(), d.to_networkx())
    empty = Net.from_edges([], [])
    assert len(empty) == 0 and articulation_points(empty).empty and bridges(empty).empty


def test_arrays_are_read_only_and_groups_must_be_a_mapping():
    net = Net.from_edges(["a", "b"], [("a", "b")])
    with pytest.raises(ValueError):
        net.src[0] = 1
    with pytest.raises(InputError):
        brokerage(net, group="dept")


def test_arcs_in_another_node_order():
    from kgraph.measures._common import arcs

    G = nx.Graph([("a", "b"), ("b", "c")])
    net = Net.from_networkx(G)
    order = ["c", "b", "a"]
    ours = sorted(zip(*[x.tolist() for x in arcs(net, order)[:2]]))
    theirs = sorted(zip(*[x.tolist() for x in arcs(G, order)[:2]]))
    assert ours == theirs == [(0, 1), (1, 0), (1, 2), (2, 1)]
