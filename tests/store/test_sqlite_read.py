"""The embedded store's whole-table reads (:mod:`kgraph.store.sqlite_read`): a kind's nodes and
a relation's edges read column-wise give what reading and decoding the rows one by one gives
(the definition, written out below), with damaged property texts and edges whose ends are
not in force among the rows; :func:`~kgraph.store.sqlite_read.decode` is ``json.loads``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from kgraph.errors import StoreError
from kgraph.model import Dataset
from kgraph.store import sqlite_read as sr
from kgraph.store.sqlite import EmbeddedStore

# texts json.loads takes, takes with white space around, or rejects (two rows may even join into JSON)
TEXTS = ['{"level":3}', '{"level":3,"confirmed":"2024-01-05"}', ' {"level":2}', '{"level":1}\n', '\ufeff{}',
         '{"a":["', '"]}', '{},{}', '{"a":NaN}', '{"a":"\x01"}', '[1]', '7', '"x"', '', '{"a":1', '{"name":"Ann"}']
IDS = ["P1", "P2", "P3", "T1", "T2", "K1", "K2", "é1", "P10"]


def _loads(text):
    """json.loads' value, or its error (type and message)."""
    try:
        return ("ok", json.loads(text))
    except ValueError as e:
        return ("error", type(e), str(e))


@pytest.mark.parametrize("text", TEXTS + ["  ", "{\"a\": 1} x", "[" * 5 + "]" * 5, "1e400", "-0", "\"\\ud800\""])
def test_decode_is_json_loads(text):
    assert _loads(text) == (_loads_decode(text))


def _loads_decode(text):
    try:
        return ("ok", sr.decode([text])[0])
    except ValueError as e:
        return ("error", type(e), str(e))


def _store(tmp_path: Path, nodes, edges, gone) -> EmbeddedStore:
    """A store with ``nodes`` and ``edges`` whose property texts are then overwritten with
    ``TEXTS`` (damaged, as a hand-edited file may be) and the nodes ``gone`` removed."""
    path = tmp_path / "s.db"
    path.unlink(missing_ok=True)
    store = EmbeddedStore(path)
    ds = Dataset(nodes={i: (k, {"name": i}) for i, k in nodes.items()},
                 edges={(r, s, t, ""): {"level": 1} for r, s, t, _x in edges if s in nodes and t in nodes})
    store.replace(ds, as_of="2025-01-01")
    db = sqlite3.connect(path)
    for r, s, t, x in edges:
        db.execute("UPDATE edge_rows SET props=? WHERE rel=? AND source=? AND target=?", (TEXTS[x], r, s, t))
    for i, x in gone.items():
        if x is None:
            db.execute("DELETE FROM node_rows WHERE id=?", (i,))
        else:
            db.execute("UPDATE node_rows SET props=? WHERE id=?", (TEXTS[x], i))
    db.commit()
    db.close()
    return EmbeddedStore(path)


def _by_rows(path: Path, what: str, name: str):
    """The definition: the rows one by one, each text decoded by json.loads, edges kept whose
    ends are in force."""
    db = sqlite3.connect(path)
    try:
        if what == "nodes":
            rows = db.execute("SELECT id, props FROM node_rows WHERE kind=? ORDER BY id", (name,)).fetchall()
            return ("ok", {i: json.loads(p) for i, p in rows})
        ids = {i for (i,) in db.execute("SELECT id FROM node_rows")}
        rows = db.execute("SELECT source, target, key, props FROM edge_rows WHERE rel=? ORDER BY source, target, key",
                          (name,)).fetchall()
        return ("ok", [(s, t, k, json.loads(p)) for s, t, k, p in rows if s in ids and t in ids])
    except ValueError:
        return ("damaged",)
    finally:
        db.close()


def _read(store, what, name):
    try:
        return ("ok", store.nodes(name) if what == "nodes" else store.edges(name))
    except StoreError as e:  # the store says a row is damaged where json.loads rejects it
        assert "damaged" in str(e)
        return ("damaged",)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kinds=hs.lists(hs.sampled_from(["Person", "Team", "KnowledgeItem"]), min_size=len(IDS), max_size=len(IDS)),
       edges=hs.lists(hs.tuples(hs.sampled_from(["KNOWS", "MEMBER_OF"]), hs.sampled_from(IDS), hs.sampled_from(IDS),
                                hs.integers(0, len(TEXTS) - 1)), max_size=12, unique_by=lambda e: e[:3]),
       gone=hs.dictionaries(hs.sampled_from(IDS), hs.none() | hs.integers(0, len(TEXTS) - 1), max_size=3))
def test_column_reads_equal_the_rows_one_by_one(tmp_path, kinds, edges, gone):
    store = _store(tmp_path, dict(zip(IDS, kinds)), edges, gone)
    try:
        for kind in ("Person", "Team", "KnowledgeItem"):
            assert _read(store, "nodes", kind) == _by_rows(store.path, "nodes", kind)
        for rel in ("KNOWS", "MEMBER_OF"):
            assert _read(store, "edges", rel) == _by_rows(store.path, "edges", rel)
        assert _by_item(store) == _grouped(_by_rows(store.path, "edges", "KNOWS"))
        assert store.edges_by_target("MEMBER_OF") is None
    finally:
        store.close()


def _by_item(store):
    try:
        got = store.edges_by_target("KNOWS")
    except StoreError:
        return ("damaged",)
    assert got is not None
    return ("ok", got, [list(h) for h in got.values()], list(got))  # the orders too


def _grouped(rows):
    """The edges grouped by target (sorted), their sources in the edges' order."""
    if rows[0] != "ok":
        return rows
    out: dict = {}
    for s, t, _k, p in rows[1]:
        out.setdefault(t, {})[s] = p
    out = dict(sorted(out.items()))
    return ("ok", out, [list(h) for h in out.values()], list(out))


def test_by_item_is_none_where_the_rows_are_the_definition(tmp_path):
    store = _store(tmp_path, {"P1": "Person", "K1": "KnowledgeItem", "K2": "KnowledgeItem"},
                   [("KNOWS", "P1", "K1", 0), ("KNOWS", "P1", "K2", 1)], {})
    assert store.edges_by_target("KNOWS") == {"K1": {"P1": {"level": 3}},
                                              "K2": {"P1": {"level": 3, "confirmed": "2024-01-05"}}}
    db = sqlite3.connect(store.path)
    db.execute("INSERT INTO edge_rows SELECT rel, source, target, 'x', origin, valid_from, valid_to, props "
               "FROM edge_rows WHERE target = 'K1'")  # a second key of one person on one item
    db.commit()
    assert store.edges_by_target("KNOWS") is None
    db.execute("DELETE FROM edge_rows WHERE key = 'x'")
    db.execute("UPDATE edge_rows SET source = ? WHERE target = 'K2'", ("P\x1f1",))  # the separator inside an id
    db.commit()
    assert store.edges_by_target("KNOWS") is None
    db.execute("DROP INDEX edge_rows_knows")  # a store written before the index
    db.commit()
    db.close()
    assert store.edges_by_target("KNOWS") is None
    store.close()
