"""person_net: the person network as arrays has the nodes and edges of Org.person_graph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.analysis.linking import linking_pins, network_measures
from kgraph.analysis.network import person_net
from kgraph.examples import example_org
from kgraph.measures import Net
from kgraph.model import Dataset
from kgraph.org import Org


def _same_structure(org: Org) -> None:
    for directed in (False, True):
        for comembership in (False, True):
            net = person_net(org, directed=directed, comembership=comembership)
            G = org.person_graph(directed=directed, comembership=comembership)
            ref = Net.from_networkx(G)  # loops are dropped, as every measure drops them
            assert net.nodes == ref.nodes == tuple(sorted(org.present))
            assert net.src.tolist() == ref.src.tolist() and net.dst.tolist() == ref.dst.tolist()
            assert net.is_directed() == directed
            assert person_net(org, directed=directed, comembership=comembership) is net  # built once


@st.composite
def organisations(draw):
    """Persons (some gone by the date), two teams, ties with loops, repeats both ways,
    several kinds and ties to persons who left."""
    n = draw(st.integers(min_value=0, max_value=9))
    ids = [f"P{i}" for i in range(n)]
    nodes = {"T1": ("Team", {"name": "A"}), "T2": ("Team", {"name": "B"})}
    for p in ids:
        gone = draw(st.booleans()) and draw(st.booleans())
        nodes[p] = ("Person", {"name": p, **({"leave_date": "2026-01-01"} if gone else {})})
    edges = {}
    for p in ids:
        for t in draw(st.lists(st.sampled_from(["T1", "T2"]), max_size=2, unique=True)):
            edges[("MEMBER_OF", p, t, "")] = {"role": "member"}
    if ids:
        for s, t, kind in draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids),
                                                  st.sampled_from(["collaboration", "advice"])), max_size=25)):
            edges[("WORKS_WITH", s, t, kind)] = {"kind": kind}
    return Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of="2026-06-01")


@settings(max_examples=60, deadline=None)
@given(organisations())
def test_property_same_nodes_and_edges_as_person_graph(org):
    _same_structure(org)


def test_example_organisation():
    org = example_org()
    _same_structure(org)
    m = network_measures(org, betweenness_samples="exact")
    assert m.attrs["betweenness"] == "exact"
    assert linking_pins(org, measures=m)["person_id"].tolist()[:2] == ["P1", "P4"]
