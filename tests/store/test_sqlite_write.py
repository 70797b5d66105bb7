"""The embedded store's write path: the digest that lets an unchanged import skip the
comparison, the bulk settings of a large write, and the property encoders (issue 15)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph import _fork

from kgraph.ingest import load_dataset
from kgraph.model import Dataset
from kgraph.store import sqlite_bulk, sqlite_write
from kgraph.store.base import dataset_digest, encode_many, encode_props
from kgraph.store.sqlite import EmbeddedStore

TINY = Path(__file__).parents[1] / "data" / "tiny"


@pytest.fixture()
def tiny():
    return load_dataset(TINY)


def _rows(path):
    db = sqlite3.connect(path)
    try:
        return (db.execute("SELECT * FROM node_rows ORDER BY 1, 2, 3").fetchall(),
                db.execute("SELECT * FROM edge_rows ORDER BY 1, 2, 3, 4, 5, 6").fetchall(),
                db.execute("SELECT origin, as_of, counts FROM versions ORDER BY 1, 2").fetchall())
    finally:
        db.close()


def _renamed(ds: Dataset, node_id: str, name: str) -> Dataset:
    kind, props = ds.nodes[node_id]
    return Dataset(nodes={**ds.nodes, node_id: (kind, {**props, "name": name})}, edges=dict(ds.edges))


def test_unchanged_import_skips_the_comparison(tmp_path, tiny, monkeypatch):
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        first = s.replace(tiny, as_of="2026-01-01")
    assert not first.unchanged
    before = path.read_bytes()
    compared = []
    monkeypatch.setattr(sqlite_write.Import, "run", lambda self: compared.append(1))
    with EmbeddedStore(path) as s:
        again = s.replace(load_dataset(TINY), as_of="2026-01-01")  # the same day
        later = s.replace(load_dataset(TINY), as_of="2026-06-01")  # a later day: no new version
    assert compared == []
    assert again.unchanged and later.unchanged
    assert again.totals == later.totals == first.totals == tiny.counts()
    assert path.read_bytes() == before  # nothing written


def test_the_digest_gives_the_report_of_the_full_comparison(tmp_path, tiny):
    with EmbeddedStore(tmp_path / "a.db") as a, EmbeddedStore(tmp_path / "b.db") as b:
        a.replace(tiny, as_of="2026-01-01")
        b.replace(tiny, as_of="2026-01-01")
        b.db.execute("DELETE FROM version_digests")  # b compares row by row
        for day in ("2026-01-01", "2026-03-01"):
            assert a.replace(tiny, as_of=day) == b.replace(tiny, as_of=day)
    assert _rows(tmp_path / "a.db") == _rows(tmp_path / "b.db")


def test_a_changed_import_still_compares_and_stores_its_digest(tmp_path, tiny):
    person = next(i for i, (k, _p) in tiny.nodes.items() if k == "Person")
    changed = _renamed(tiny, person, "Someone Else")
    with EmbeddedStore(tmp_path / "kg.db") as s:
        s.replace(tiny, as_of="2026-01-01")
        report = s.replace(changed, as_of="2026-01-01")
        assert report.changed == {"Person": 1}
        assert s.replace(tiny, as_of="2026-01-01").changed == {"Person": 1}  # back again: not taken for unchanged
        (digest,) = s.db.execute("SELECT digest FROM version_digests WHERE origin='import'").fetchone()
        assert digest == dataset_digest(tiny)


def test_a_digest_of_another_format_is_replaced_after_one_comparison(tmp_path, tiny, monkeypatch):
    """A store whose digest an earlier kgraph wrote (another ``_DIGEST_FORMAT``): the same data
    is compared row by row, found unchanged, and (by ``kgraph import``, which stores the digest
    of its input files with it) the digest of this format stored."""
    from kgraph.store import digest as digests

    with EmbeddedStore(tmp_path / "kg.db") as s:
        monkeypatch.setattr(digests, "_DIGEST_FORMAT", "kgraph-dataset-digest-2")
        s.replace(tiny, as_of="2026-01-01")
        monkeypatch.undo()
        (old,) = s.db.execute("SELECT digest FROM version_digests").fetchone()
        assert old != dataset_digest(tiny)
        compared = []
        real = sqlite_write.Import.run
        monkeypatch.setattr(sqlite_write.Import, "run", lambda self: compared.append(1) or real(self))
        assert s.replace(tiny, as_of="2026-02-01").unchanged and compared == [1]  # (nothing written)
        assert s.db.execute("SELECT digest FROM version_digests").fetchone() == (old,)
        assert s.replace(tiny, as_of="2026-02-01", input_key="files").unchanged and compared == [1, 1]
        assert s.db.execute("SELECT digest FROM version_digests").fetchone() == (dataset_digest(tiny),)
        assert s.replace(tiny, as_of="2026-03-01").unchanged and compared == [1, 1]  # the digest holds now


@pytest.mark.parametrize("how", ["forget", "amend", "earlier version", "another writer"])
def test_a_digest_is_not_trusted_once_the_rows_changed_otherwise(tmp_path, tiny, how):
    person = next(i for i, (k, _p) in tiny.nodes.items() if k == "Person")
    with EmbeddedStore(tmp_path / "kg.db") as s:
        s.replace(tiny, as_of="2026-01-01")
        if how == "forget":
            s.forget(person)
        elif how == "amend":
            s.amend(Dataset(nodes={"P-NEW": ("Person", {"name": "Nieuw"})}), as_of="2026-01-01")
        elif how == "earlier version":
            s.replace(_renamed(tiny, person, "Earlier"), as_of="2025-01-01")
        else:  # a kgraph without digests rewrote the version: its recorded_at and counts change
            s.db.execute("UPDATE node_rows SET props='{}' WHERE id=?", (person,))
            s.db.execute("UPDATE versions SET recorded_at='2026-01-02T00:00:00+00:00', counts=? ",
                         (json.dumps({"added": {}, "changed": {"Person": 1}, "removed": {}}),))
        report = s.replace(tiny, as_of="2026-01-01")
        assert s.read_dataset(as_of="2026-01-01") == tiny
    if how != "earlier version":
        assert not report.unchanged


def test_bulk_write_builds_the_same_file(tmp_path, tiny, monkeypatch):
    with EmbeddedStore(tmp_path / "small.db") as s:
        s.replace(tiny, as_of="2026-01-01")
    monkeypatch.setattr(sqlite_bulk, "BULK_ROWS", 1)
    with EmbeddedStore(tmp_path / "bulk.db") as s:
        s.replace(tiny, as_of="2026-01-01")
        indexes = s.db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                               "ORDER BY name").fetchall()
    small = sqlite3.connect(tmp_path / "small.db")
    assert indexes == small.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                                    "ORDER BY name").fetchall()
    small.close()
    a, b = _rows(tmp_path / "small.db"), _rows(tmp_path / "bulk.db")
    assert a[:2] == b[:2] and [v[:2] for v in a[2]] == [v[:2] for v in b[2]]


def test_bulk_write_restores_the_cache_and_indexes_when_it_fails(tmp_path, tiny, monkeypatch):
    monkeypatch.setattr(sqlite_bulk, "BULK_ROWS", 1)
    db = sqlite3.connect(":memory:", isolation_level=None)
    from kgraph.store import sqlite_file

    sqlite_file.init_schema(db)
    names = db.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL").fetchall()
    cache = db.execute("PRAGMA cache_size").fetchone()
    db.execute("BEGIN IMMEDIATE")
    with pytest.raises(RuntimeError):
        with sqlite_bulk.bulk(db, 10):
            raise RuntimeError("disk full")
    db.execute("ROLLBACK")
    assert db.execute("PRAGMA cache_size").fetchone() == cache
    assert db.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL").fetchall() == names


def test_bulk_write_sorts_its_indexes_on_the_other_cores_then_restores_the_settings(monkeypatch):
    monkeypatch.setattr(sqlite_bulk, "BULK_ROWS", 1)
    monkeypatch.setattr(_fork, "cores", lambda: 2)
    db = sqlite3.connect(":memory:", isolation_level=None)
    from kgraph.store import sqlite_file

    sqlite_file.init_schema(db)
    cache = db.execute("PRAGMA cache_size").fetchone()
    seen = []
    db.execute("BEGIN IMMEDIATE")
    with sqlite_bulk.bulk(db, 10):
        seen.append(db.execute("PRAGMA cache_size").fetchone()[0])
        db.set_trace_callback(lambda sql: sql.startswith("CREATE INDEX") and seen.append(
            (sql.split()[2], db.execute("PRAGMA threads").fetchone()[0],
             db.execute("PRAGMA cache_size").fetchone()[0])))
    db.set_trace_callback(None)
    db.execute("COMMIT")
    assert seen[0] == -sqlite_bulk.BULK_CACHE_KIB
    assert seen[1:] == [(name, 1, -sqlite_bulk.SORT_CACHE_KIB)
                        for name in ("edge_rows_rel_target", "node_rows_kind_name")]
    assert db.execute("PRAGMA cache_size").fetchone() == cache and db.execute("PRAGMA threads").fetchone() == (0,)


VALUES = [{}, {"a": 1}, {"a": 1.0}, {"a": True}, {"a": None}, {"b": [1, "x"], "a": {"z": 1, "y": []}},
          {"t": 'Zoë "q" \\ \n'}, {"n": float("nan"), "i": float("inf")}, {"big": 10**30}, {"a": 1},
          {"w": 0.0}, {"w": -0.0}, {"w": -0.0}, {"w": 0}]


def test_encoders_write_what_json_dumps_writes():
    expected = [json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for v in VALUES]
    assert [encode_props(v) for v in VALUES] == expected
    assert encode_many(VALUES) == expected  # 1, 1.0 and True are equal keys, but not the same JSON
    assert encode_many(VALUES, shared=True) == expected
    with pytest.raises(TypeError, match="not JSON serializable"):
        encode_props({"a": object()})


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-2, 2, width=16), st.sampled_from(["a", "1", ""]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), _SCALARS, max_size=3), max_size=30),
       st.lists(st.integers(0, 29), max_size=30))
def test_encode_many_is_json_dumps_of_each_map_shared_or_not(maps, again):
    """Equal keys that are not the same JSON (1, 1.0, True; 0.0 and -0.0), and the same map
    object coming again (an import's rows share one, kgraph.ingest.cells.prop_dicts)."""
    seq = maps + [maps[i] for i in again if i < len(maps)]
    expected = [json.dumps(m, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for m in seq]
    assert encode_many(seq) == expected
    assert encode_many(seq, shared=True) == expected
    assert encode_many(iter(seq), shared=True) == expected  # any iterable (a dict's values)


def test_digest_tells_types_and_order_apart():
    one = Dataset(nodes={"P1": ("Person", {"a": 1})})
    assert dataset_digest(one) == dataset_digest(Dataset(nodes={"P1": ("Person", {"a": 1})}))
    assert dataset_digest(one) != dataset_digest(Dataset(nodes={"P1": ("Person", {"a": True})}))
    assert dataset_digest(one) != dataset_digest(Dataset(nodes={"P1": ("Team", {"a": 1})}))
    assert dataset_digest(Dataset(nodes={"P1": ("Person", {"a": lambda: 0})})) is None  # not plain data


def test_a_first_version_writes_what_the_plan_gives(tmp_path, tiny):
    """The source's first version skips the comparison: the same counts and rows as
    :func:`kgraph.store.history.plan_append` against nothing."""
    from kgraph.store import history as hist

    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        report = s.replace(tiny, as_of="2026-01-01")
    new_n, new_e = sqlite_write.encoded(tiny)
    _close, ins_n, cn = hist.plan_append(new_n, {}, lambda _k, c: c[0])
    _close, ins_e, ce = hist.plan_append(new_e, {}, lambda k, _c: k[0])
    assert report.added == {**cn[0], **ce[0]} and not report.changed and not report.removed
    assert report.totals == tiny.counts()
    nodes, edges, versions = _rows(path)
    assert nodes == sorted((i, "import", "2026-01-01", hist.OPEN, *c) for i, c in ins_n)
    assert edges == sorted((*k, "import", "2026-01-01", hist.OPEN, c) for k, c in ins_e)
    assert json.loads(versions[0][2]) == {"added": report.added, "changed": {}, "removed": {}}


def test_edge_keys_are_ordered_as_tuples():
    from kgraph.store.sqlite_split import edge_rows

    keys = [("R", "ab", "c", ""), ("R", "a", "bc", ""), ("R", "a", "b", "c"), ("Q", "z", "z", "z"), ("R", "a", "b", ""),
            ("R", "ä", "b", ""), ("R", "a\t", "b", "")]
    rows = edge_rows({k: {"w": i % 2} for i, k in enumerate(keys)}, frozenset(), False)
    assert [row[:4] for row in rows] == sorted(keys)  # the properties (last) never change the order


def test_sql_literals_are_quoted():
    db = sqlite3.connect(":memory:")
    for text in ("import", "it's", "''", "2026-01-01"):
        assert db.execute(f"SELECT {sqlite_write._literal(text)}").fetchone()[0] == text
