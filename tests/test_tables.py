"""kgraph.tables: an Org's tables read one by one, on first use, laid over with extra rows."""

from __future__ import annotations

import datetime as dt

import kgraph
from kgraph.model import Dataset
from kgraph.org import Org
from kgraph.store.sqlite import EmbeddedStore
from kgraph.tables import DatasetTables, StoreTables

DAY = dt.date(2026, 6, 1)


def _data() -> Dataset:
    return Dataset(
        nodes={"I1": ("Issue", {"name": "Wind"}), "K1": ("KnowledgeItem", {"name": "Wmo"}),
               "P1": ("Person", {"name": "Ann"}), "P2": ("Person", {"name": "Bo"}), "T1": ("Team", {"name": "Wmo"})},
        edges={("KNOWS", "P1", "K1", ""): {"level": 4}, ("MEMBER_OF", "P1", "T1", ""): {"role": "lead"},
               ("WORKS_WITH", "P1", "P2", "advice"): {"kind": "advice", "weight": 1}})


class Counting(EmbeddedStore):
    """Records which tables a snapshot reads."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.read: list[str] = []

    def nodes(self, kind, ids=None, *, as_of=None):
        self.read.append(kind)
        return super().nodes(kind, ids, as_of=as_of)

    def edges(self, relation, *, sources=None, targets=None, as_of=None):
        self.read.append(relation)
        return super().edges(relation, sources=sources, targets=targets, as_of=as_of)

    def edges_by_target(self, relation, *, as_of=None):
        got = super().edges_by_target(relation, as_of=as_of)
        if got is not None:  # a relation read by target instead of by edges()
            self.read.append(relation)
        return got


def test_each_table_is_read_once_and_only_when_needed(tmp_path):
    store = Counting(tmp_path / "kg.db")
    store.replace(_data(), as_of="2026-01-01")
    org = Org(StoreTables(store, DAY), as_of=DAY)
    assert store.read == []
    assert org.holders("K1") == ["P1"] and org.holders("K1", min_level=5) == []
    assert org.name("T1") == "Wmo" and org.name("nobody") == "nobody"
    assert sorted(store.read) == ["KNOWS", "Person", "Team"]  # no ties, no items read
    assert org.ds == _data() and sorted(store.read) == sorted(
        ["KNOWS", "Person", "Team", "Issue", "KnowledgeItem", "MEMBER_OF", "WORKS_WITH"])


def test_gaps_reads_no_ties(tmp_path):
    store = Counting(tmp_path / "kg.db")
    store.replace(_data(), as_of="2026-01-01")
    kg = kgraph.open(store)
    kgraph.gaps(kg, as_of=DAY)
    assert "WORKS_WITH" not in store.read
    assert len(store.read) == len(set(store.read))


def test_extra_rows_are_laid_over_as_update_would():
    base, extra = _data(), Dataset(nodes={"S1": ("Signal", {"text": "x"}), "P2": ("Team", {"name": "now a team"})},
                                   edges={("ABOUT", "S1", "I1", ""): {}, ("KNOWS", "P1", "K1", ""): {"level": 2}})
    want = Dataset(nodes={**base.nodes}, edges={**base.edges})
    want.nodes.update(extra.nodes)
    want.edges.update(extra.edges)

    class Memory:  # the store interface StoreTables reads, over a dataset
        def node_kinds(self, *, as_of):
            return {i: k for i, (k, _p) in base.nodes.items()}

        def relations(self, *, as_of):
            return sorted({r for r, *_k in base.edges})

        def nodes(self, kind, *, as_of):
            return DatasetTables(base).nodes(kind)

        def edges(self, relation, *, as_of):
            return DatasetTables(base).edges(relation)

    tables = StoreTables(Memory(), DAY)
    tables.add(extra)
    plain = DatasetTables(want)
    for kind in ("Person", "Team", "Signal", "Issue"):
        assert list(tables.nodes(kind).items()) == list(plain.nodes(kind).items())
    for rel in ("ABOUT", "KNOWS", "MEMBER_OF"):
        assert tables.edges(rel) == plain.edges(rel)
    assert tables.kinds() == plain.kinds()
    got = tables.dataset()
    assert list(got.nodes.items()) == list(want.nodes.items()) and list(got.edges.items()) == list(want.edges.items())


def _renamed() -> Dataset:
    data = _data()
    data.nodes["T1"] = ("Team", {"name": "Jeugd"})
    return data


def test_a_table_read_after_another_writer_committed_is_refused(tmp_path):
    """Another process's import between two table reads would mix two states of the data."""
    import pytest

    from kgraph.errors import StoreError

    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(_data(), as_of="2026-01-01")
    reader = EmbeddedStore(path)
    tables = StoreTables(reader, DAY)
    assert tables.nodes("Person") and tables.current()
    writer = EmbeddedStore(path)
    before = reader.stamp()
    writer.replace(_renamed(), as_of="2026-01-01")  # the same date, other data
    assert reader.stamp() != before and not tables.current()
    with pytest.raises(StoreError, match="changed while this command was reading it"):
        tables.nodes("Team")
    assert EmbeddedStore(tmp_path / "none.db").stamp() is None  # created by its first write


def test_a_kept_snapshot_is_read_again_after_another_writer_committed(tmp_path):
    """kgraph serve keeps snapshots; an import from the command line meanwhile is seen."""
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(_data(), as_of="2026-01-01")
    kg = kgraph.open(path)
    first = kg.snapshot(DAY)
    assert first.name("T1") == "Wmo" and kg.snapshot(DAY) is first  # kept while nothing changes
    EmbeddedStore(path).replace(_renamed(), as_of="2026-01-01")
    again = kg.snapshot(DAY)
    assert again is not first and again.name("T1") == "Jeugd"


def test_the_privacy_wrappers_see_the_change_too(tmp_path, monkeypatch):
    monkeypatch.setenv("KGRAPH_PSEUDONYM_KEY", "k" * 32)
    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(_data(), as_of="2026-01-01")
    kg = kgraph.open(path, pseudonymize=True)
    first = kg.snapshot(DAY)
    EmbeddedStore(path).replace(_renamed(), as_of="2026-01-01")
    assert not first.tables.current() and kg.snapshot(DAY) is not first


def test_the_server_reads_a_date_whole_and_again_when_a_write_came_in_between(tmp_path, monkeypatch):
    """kgraph serve (lazy_tables False) never keeps a snapshot with tables left to read."""
    from kgraph.app import handle

    path = tmp_path / "kg.db"
    EmbeddedStore(path).replace(_data(), as_of="2026-01-01")
    reads = []
    real = StoreTables.dataset

    def dataset(self):
        reads.append(1)
        if len(reads) == 1:  # another writer commits while the first whole read is under way
            EmbeddedStore(path).replace(_renamed(), as_of="2026-01-01")
        return real(self)

    monkeypatch.setattr(StoreTables, "dataset", dataset)
    # a store without a read transaction (the embedded store reads a date whole in one, so that no
    # commit can come in between: tests/store/test_sqlite_consistency.py): the read is retried
    monkeypatch.delattr(EmbeddedStore, "reading")
    kg = kgraph.open(path)
    kg.lazy_tables = False
    org = kg.snapshot(DAY)
    assert len(reads) == 2 and org.tables.current() and org.name("T1") == "Jeugd"
    assert handle.KnowledgeGraph.lazy_tables is True  # commands read table by table
