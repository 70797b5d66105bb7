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
from typing import TYPE_CHECKING, Any

from ..model import Dataset
from . import history as hist

if TYPE_CHECKING:  # pragma: no cover
    from .sqlite import EmbeddedStore

__all__ = ["read_dataset", "relation", "node_kinds", "ids_in_force", "shared_loads", "RELATIONS"]

#: every relation type in ``edge_rows``: one index seek per type instead of a scan
RELATIONS = ("WITH RECURSIVE r(rel) AS (SELECT min(rel) FROM edge_rows UNION ALL "
             "SELECT (SELECT min(rel) FROM edge_rows WHERE rel > r.rel) FROM r WHERE r.rel IS NOT NULL) "
             "SELECT rel FROM r WHERE rel IS NOT NULL")


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


def relation(store: EmbeddedStore, dates, rel: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every edge of ``rel`` in force on ``dates`` whose ends are, sorted (see the module docstring)."""
    when, wp = store._when(dates)
    present = ids_in_force(store, dates)
    if len(dates) == 1:
        rows = store.db.execute(f"SELECT source, target, key, props FROM edge_rows WHERE rel=? AND {when} "
                                "ORDER BY source, target, key", [rel, *wp])
        out: list[tuple[str, str, str, dict[str, Any]]] = []
        append, seen, loads = out.append, {}, json.loads
        for s, t, k, p in rows:  # shared_loads inlined: hundreds of thousands of rows
            if s in present and t in present:
                d = seen.get(p)
                if d is None:
                    d = seen[p] = loads(p)
                append((s, t, k, d))
        return out
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
