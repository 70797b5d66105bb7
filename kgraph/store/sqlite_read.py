"""Whole tables of the embedded store on one date, as a snapshot reads them (:mod:`kgraph.tables`).

:meth:`EmbeddedStore.node_kinds <kgraph.store.sqlite.EmbeddedStore.node_kinds>` reads the
id and kind of every node in force (no properties) and keeps the ids;
:meth:`~kgraph.store.sqlite.EmbeddedStore.edges` without a filter reads one relation as
one range of the primary key, keeps the edges whose ends are among those ids, and decodes
each distinct property set once (a large organisation has hundreds of thousands of ties
and skills with a few thousand distinct property sets).
"""

from __future__ import annotations

import json
import json.scanner
from collections.abc import Iterable
from itertools import islice
from operator import le
from typing import TYPE_CHECKING, Any

from ..model import Dataset
from . import history as hist
from . import sqlite_file as sf

if TYPE_CHECKING:  # pragma: no cover
    from .sqlite import EmbeddedStore

__all__ = ["read_dataset", "relation", "nodes", "decode", "by_target", "node_kinds", "ids_in_force", "shared_loads", "RELATIONS"]

#: every relation type in ``edge_rows``: one index seek per type instead of a scan
RELATIONS = ("WITH RECURSIVE r(rel) AS (SELECT min(rel) FROM edge_rows UNION ALL "
             "SELECT (SELECT min(rel) FROM edge_rows WHERE rel > r.rel) FROM r WHERE r.rel IS NOT NULL) "
             "SELECT rel FROM r WHERE rel IS NOT NULL")


#: the JSON scanner ``json.loads`` uses (its C version where Python has it), with json.loads' defaults
_SCAN = json.scanner.make_scanner(json.JSONDecoder())


def shared_loads():
    """``json.loads`` that returns one shared (read-only) dict per distinct text.

    >>> loads = shared_loads()
    >>> loads('{"level":3}') is loads('{"level":3}')
    True
    """
    seen: dict[str, dict[str, Any]] = {}
    loads = json.loads

    def shared(p: str) -> dict[str, Any]:
        d = seen.get(p)
        if d is None:
            d = seen[p] = loads(p)
        return d

    return shared


def _stamp(store: EmbeddedStore, dates) -> tuple:
    # another connection's commit moves data_version, this connection's writes total_changes
    return tuple(dates), store.db.execute("PRAGMA data_version").fetchone()[0], store.db.total_changes


def ids_in_force(store: EmbeddedStore, dates) -> frozenset[str]:
    """The ids of the nodes in force on ``dates`` (any kind), kept until the store changes."""
    stamp = _stamp(store, dates)
    kept = getattr(store, "_ids_kept", None)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    when, wp = store._when(dates)
    ids = frozenset(i for (i,) in store.db.execute(f"SELECT id FROM node_rows WHERE {when}", wp))
    store._ids_kept = (stamp, ids)
    return ids


def node_kinds(store: EmbeddedStore, dates) -> dict[str, str]:
    """``{id: kind}`` of the nodes in force on ``dates``, by id; keeps their ids (:func:`ids_in_force`)."""
    when, wp = store._when(dates)
    if len(dates) == 1:
        out = dict(store.db.execute(f"SELECT id, kind FROM node_rows WHERE {when} ORDER BY id", wp))
    else:
        rank = {s: r for r, (s, _d) in enumerate(dates)}
        rows = store.db.execute(f"SELECT id, origin, kind FROM node_rows WHERE {when}", wp)
        out = dict(sorted(hist.merge(rows, rank).items()))
    store._ids_kept = (_stamp(store, dates), frozenset(out))
    return out


def decode(texts: Iterable[str]) -> list[Any]:
    """``[json.loads(t) for t in texts]``, the same values and the same errors, without
    ``json.loads``' three Python calls and two white-space matches per text: the JSON
    scanner reads each text from its first character, and a text it does not take whole
    (leading or trailing white space, a byte-order mark, anything it rejects) goes to
    ``json.loads`` itself.

    >>> decode(['{"level":3}', ' [1] ', '2'])
    [{'level': 3}, [1], 2]
    """
    out: list[Any] = []
    append, scan, loads = out.append, _SCAN, json.loads
    for t in texts:
        try:
            obj, end = scan(t, 0)
        except Exception:  # noqa: BLE001 - json.loads raises its own error, or skips white space
            append(loads(t))
            continue
        append(obj if end == len(t) else loads(t))
    return out


def nodes(store: EmbeddedStore, dates, kind: str) -> dict[str, dict[str, Any]]:
    """``{id: properties}`` of the nodes of ``kind`` in force on ``dates``, by id: with one
    source one scan of the table (``+kind``: no walk of the (kind, name) index), decoded at once."""
    if len(dates) == 1:
        when, wp = store._when(dates)
        rows = store.db.execute(f"SELECT id, props FROM node_rows WHERE +kind=? AND {when} ORDER BY id",
                                [kind, *wp]).fetchall()
        texts = dict(rows)
        if len(texts) == len(rows):  # else an id in force twice (never written so): merged below
            return dict(zip(texts, decode(texts.values())))
    got = store._node_rows(dates, "+kind=?", [kind])
    return {i: json.loads(p) for i, (k, p) in sorted(got.items()) if k == kind}


def relation(store: EmbeddedStore, dates, rel: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every edge of ``rel`` in force on ``dates`` whose ends are, sorted (see the module docstring).

    With one source the rows are read as columns: when every end is in force (the usual
    case: checked for the whole column at once) nothing is looked at row by row; each
    distinct property text is decoded once, in the order of its first row."""
    when, wp = store._when(dates)
    present = ids_in_force(store, dates)
    if len(dates) == 1:
        rows = store.db.execute(f"SELECT source, target, key, props FROM edge_rows WHERE rel=? AND {when} "
                                "ORDER BY source, target, key", [rel, *wp]).fetchall()
        if not rows:
            return []
        sources, targets, keys, texts = zip(*rows)
        if not (present.issuperset(sources) and present.issuperset(targets)):
            rows = [r for r in rows if r[0] in present and r[1] in present]  # an end not in force on the date
            if not rows:
                return []
            sources, targets, keys, texts = zip(*rows)
        distinct = dict.fromkeys(texts)
        shared = dict(zip(distinct, decode(distinct)))
        return list(zip(sources, targets, keys, map(shared.__getitem__, texts)))
    shared = shared_loads()
    rows = store.db.execute(f"SELECT source, target, key, origin, props FROM edge_rows WHERE rel=? AND {when}",
                            [rel, *wp])
    rank = {s: r for r, (s, _d) in enumerate(dates)}
    got = hist.merge((((s, t, k), o, p) for s, t, k, o, p in rows), rank)
    return [(s, t, k, shared(p)) for (s, t, k), p in sorted(got.items()) if s in present and t in present]


def read_dataset(store: EmbeddedStore, dates, source: str | None) -> Dataset:
    """Every node and edge in force on ``dates`` (:meth:`EmbeddedStore.read_dataset
    <kgraph.store.sqlite.EmbeddedStore.read_dataset>`); with ``source``, edges with a missing end kept."""
    ds = Dataset()
    where, params = store._when(dates)
    loads, shared = json.loads, shared_loads()
    if len(dates) == 1:  # one source: the primary keys give the order
        ds.nodes = {i: (k, loads(p)) for i, k, p in store.db.execute(
            f"SELECT id, kind, props FROM node_rows WHERE {where} ORDER BY id", params)}
        nodes = ds.nodes
        ds.edges = {(r, s, t, k): shared(p) for r, s, t, k, p in store.db.execute(
            f"SELECT rel, source, target, key, props FROM edge_rows WHERE {where} ORDER BY rel, source, target, key",
            params) if source is not None or (s in nodes and t in nodes)}
        return ds
    rank = {s: r for r, (s, _d) in enumerate(dates)}
    rows = store.db.execute(f"SELECT id, origin, kind, props FROM node_rows WHERE {where}", params)
    nodes = hist.merge(((i, o, (k, p)) for i, o, k, p in rows), rank)
    ds.nodes = {i: (k, loads(p)) for i, (k, p) in sorted(nodes.items())}
    rows = store.db.execute(f"SELECT rel, source, target, key, origin, props FROM edge_rows WHERE {where}", params)
    edges = hist.merge((((r, s, t, k), o, p) for r, s, t, k, o, p in rows), rank)
    ds.edges = {key: shared(p) for key, p in sorted(edges.items()) if key[1] in ds.nodes and key[2] in ds.nodes}
    return ds


def by_target(store: EmbeddedStore, relation: str, *, as_of=None) -> dict[str, dict[str, dict[str, Any]]] | None:
    """``{item: {person: properties}}`` of the ``KNOWS`` edges in force on ``as_of`` whose ends
    are (:meth:`Store.edges_by_target <kgraph.store.base.Store.edges_by_target>`), read by item
    through the index ``edge_rows_knows``: one row per item with its persons and property
    texts, each distinct text decoded once. None (read :meth:`edges`) for another relation,
    several sources, a store without that index, an edge with a key (so the pairs are the
    edges, their keys empty), or a separator among the values (the row path is the definition)."""
    dates = store._dates(as_of)
    if not dates:
        return {}
    if relation != "KNOWS" or len(dates) != 1 or "edge_rows_knows" not in sf.edge_indexes(store.db):
        return None
    when, wp = store._when(dates)
    present = ids_in_force(store, dates)
    rows = store.db.execute(
        "SELECT target, count(*) + max(key <> ''), group_concat(source, char(31)), group_concat(props, char(31)) "
        f"FROM edge_rows INDEXED BY edge_rows_knows WHERE rel = 'KNOWS' AND {when} GROUP BY target ORDER BY target",
        wp).fetchall()
    grouped: list[tuple[str, dict[str, str]]] = []
    persons: set[str] = set()
    ordered = True
    for item, n, sources, texts in rows:
        if item not in present:
            continue
        sources, texts = sources.split("\x1f"), texts.split("\x1f")
        holders = dict(zip(sources, texts))
        if len(sources) != n or len(texts) != n or len(holders) != n:
            return None  # a separator inside a value, a key (all are empty: the edges are the pairs), two keys
        # by person, as the row path (``edges``, by source) fills each item: SQLite's order
        # of the concatenation is checked, not relied on
        ordered = ordered and all(map(le, sources, islice(sources, 1, None)))
        grouped.append((item, holders))
        persons.update(holders)
    every = present.issuperset(persons)
    distinct: set[str] = set()
    for i, (item, holders) in enumerate(grouped):
        if not ordered:
            holders = dict(sorted(holders.items()))
        if not every:
            holders = {p: t for p, t in holders.items() if p in present}
        grouped[i] = (item, holders)
        distinct.update(holders.values())  # only the texts of edges kept are decoded, as by edges()
    shared = dict(zip(distinct, decode(distinct)))
    return {item: dict(zip(holders, map(shared.__getitem__, holders.values()))) for item, holders in grouped if holders}
