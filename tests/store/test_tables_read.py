"""Reading a date table by table (``Store.node_kinds``, ``Store.relations``, whole-kind ``nodes``
and whole-relation ``edges``) gives what ``read_dataset`` gives, on every backend."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from kgraph.ingest import load_dataset
from kgraph.model import Dataset
from kgraph.tables import StoreTables

TINY = Path(__file__).parents[1] / "data" / "tiny"


def _versions(store) -> Dataset:
    """Two sources and two dates: a person leaves the import, a survey adds a tie and a
    node with an id the import gives another kind, an edge loses an end."""
    tiny = load_dataset(TINY)
    store.replace(tiny, as_of="2025-01-01")
    later = copy.deepcopy(tiny)
    gone = sorted(i for i, (k, _p) in later.nodes.items() if k == "Person")[0]
    del later.nodes[gone]  # its edges in the import now miss an end
    later.edges = {k: v for k, v in later.edges.items() if k[1] != gone or k[0] != "MEMBER_OF"}
    store.replace(later, as_of="2026-01-01")
    persons = sorted(i for i, (k, _p) in later.nodes.items() if k == "Person")
    survey = Dataset(nodes={persons[0]: ("Person", {"name": "Renamed"}), "X1": ("Team", {"name": "Extra"})},
                     edges={("WORKS_WITH", persons[0], persons[1], "advice"): {"kind": "advice", "weight": 1}})
    store.replace(survey, as_of="2025-06-01", source="survey")
    return tiny


@pytest.mark.parametrize("day", ["2024-01-01", "2025-03-01", "2025-07-01", "2026-06-01"])
def test_tables_equal_the_dataset(store, day):
    _versions(store)
    whole = store.read_dataset(as_of=day)
    kinds = store.node_kinds(as_of=day)
    assert kinds == {i: k for i, (k, _p) in whole.nodes.items()}
    assert list(kinds) == sorted(kinds)
    rels = store.relations(as_of=day)
    assert rels == sorted(rels) and {r for r, *_k in whole.edges} <= set(rels)
    for kind in set(kinds.values()):
        assert store.nodes(kind, as_of=day) == {i: p for i, (k, p) in whole.nodes.items() if k == kind}
    for rel in rels:
        assert store.edges(rel, as_of=day) == [(s, t, k, p) for (r, s, t, k), p in whole.edges.items() if r == rel]
    tables = StoreTables(store, dt.date.fromisoformat(day))
    ds = tables.dataset()
    assert ds == whole and list(ds.nodes) == list(whole.nodes) and list(ds.edges) == list(whole.edges)


def test_an_empty_store_has_no_tables(store):
    assert store.node_kinds() == {}
    assert store.relations() == []
    assert StoreTables(store, dt.date(2026, 1, 1)).dataset() == Dataset()
