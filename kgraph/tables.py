"""The data of one date, table by table: what an :class:`~kgraph.org.Org` reads.

An ``Org`` asks for the nodes of one kind (:meth:`Tables.nodes`) or the edges of one
relation (:meth:`Tables.edges`) when an analysis first needs them, and keeps them. A
:class:`DatasetTables` serves them from a :class:`~kgraph.model.Dataset` in memory (the
analyses' tests, exports); a :class:`StoreTables` reads each table from a store on first
use, at most once, all for one date: ``kgraph gaps`` never reads the hundreds of
thousands of ties that only the linking-pin analysis needs.

>>> from kgraph.model import Dataset
>>> t = DatasetTables(Dataset(nodes={"T1": ("Team", {"name": "Wmo"}), "P1": ("Person", {"name": "Ann"})},
...                           edges={("MEMBER_OF", "P1", "T1", ""): {"role": "lead"}}))
>>> t.kinds(), t.nodes("Team"), t.edges("MEMBER_OF")
({'T1': 'Team', 'P1': 'Person'}, {'T1': {'name': 'Wmo'}}, [('P1', 'T1', '', {'role': 'lead'})])
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from typing import Any

from .errors import StoreError
from .model import Dataset

__all__ = ["Tables", "DatasetTables", "StoreTables", "StoreChanged"]

Edge = tuple[str, str, str, dict[str, Any]]


class StoreChanged(StoreError):
    """Another writer committed to the store after a snapshot began reading it."""


class Tables:
    """Nodes per kind and edges per relation of one dataset (see the module docstring)."""

    def kinds(self) -> dict[str, str]:
        """``{id: kind}`` of every node."""
        raise NotImplementedError

    def nodes(self, kind: str) -> dict[str, dict[str, Any]]:
        """``{id: properties}`` of the nodes of ``kind``, in the dataset's order (by id)."""
        raise NotImplementedError

    def edges(self, relation: str) -> list[Edge]:
        """``(source, target, key, properties)`` of every edge of ``relation``, sorted."""
        raise NotImplementedError

    def dataset(self) -> Dataset:
        """Every node and edge as one :class:`~kgraph.model.Dataset`."""
        raise NotImplementedError

    def by_target(self, relation: str) -> dict[str, dict[str, dict[str, Any]]] | None:
        """``{target: {source: properties}}`` of :meth:`edges`, where the store can read it so
        (:meth:`~kgraph.store.Store.edges_by_target`); None: group :meth:`edges` instead."""
        return None

    def current(self) -> bool:
        """Whether the data is still what the store holds (tables in memory: always)."""
        return True


class DatasetTables(Tables):
    """The tables of a dataset in memory (grouped in one pass on first use)."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self._kinds: dict[str, str] | None = None
        self._nodes: dict[str, dict[str, dict[str, Any]]] | None = None
        self._edges: dict[str, list[Edge]] | None = None

    def kinds(self) -> dict[str, str]:
        if self._kinds is None:
            self._kinds = {i: k for i, (k, _p) in self.ds.nodes.items()}
        return self._kinds

    def nodes(self, kind: str) -> dict[str, dict[str, Any]]:
        if self._nodes is None:
            out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
            for node_id, (k, props) in self.ds.nodes.items():
                out[k][node_id] = props
            self._nodes = dict(out)
        return self._nodes.get(kind, {})

    def edges(self, relation: str) -> list[Edge]:
        if self._edges is None:
            out: dict[str, list] = defaultdict(list)
            for (rel, s, t, k), props in self.ds.edges.items():
                out[rel].append((s, t, k, props))
            # (source, target, key) is unique within a relation, so the tuples sort without
            # comparing their properties; a store's edges come sorted (linear time then)
            self._edges = {rel: sorted(v) for rel, v in out.items()}
        return self._edges.get(relation, [])

    def dataset(self) -> Dataset:
        return self.ds


class StoreTables(Tables):
    """The tables a store holds on ``day``, each read on first use and kept.

    ``store`` is any :class:`~kgraph.store.Store` (with its privacy wrappers): the kinds of
    the nodes are read at once (:meth:`~kgraph.store.Store.node_kinds`, no properties, and
    the point where a store that refuses the whole graph says so), the nodes of a kind
    (:meth:`~kgraph.store.Store.nodes`) and the edges of a relation
    (:meth:`~kgraph.store.Store.edges`) when first asked for. ``extra`` (:meth:`add`) lays
    rows over the store's as ``Dataset.nodes.update`` / ``edges.update`` would.
    """

    def __init__(self, store: Any, day: _dt.date):
        self.store = store
        self.day = day
        self._stamp = self._stamp_now()  # what the store was when the snapshot began (see current)
        self._stored_kinds: dict[str, str] = store.node_kinds(as_of=day)
        self._kinds = self._stored_kinds
        self._kind_set = frozenset(self._stored_kinds.values())
        self._extra = Dataset()
        self._nodes: dict[str, dict[str, dict[str, Any]]] = {}
        self._edges: dict[str, list[Edge]] = {}
        self._grouped: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}  # see by_target
        self._ds: Dataset | None = None

    def add(self, extra: Dataset) -> None:
        """Lay ``extra``'s nodes and edges over the store's (same id or key: ``extra`` wins)."""
        if not (extra.nodes or extra.edges):
            return
        self._extra.nodes.update(extra.nodes)
        self._extra.edges.update(extra.edges)
        self._kinds = {**self._stored_kinds, **{i: k for i, (k, _p) in self._extra.nodes.items()}}
        for cache in (self._nodes, self._edges):
            for name in [n for n in cache if not n.startswith("\0")]:
                del cache[name]
        self._ds = None

    def kinds(self) -> dict[str, str]:
        return self._kinds

    def current(self) -> bool:
        """Whether no writer has committed to the store since this snapshot began (always
        True for a store that cannot tell, :meth:`~kgraph.store.Store.stamp`)."""
        return self._stamp is None or self._stamp_now() == self._stamp

    def _stamp_now(self) -> Any:
        from .store import policy

        # the privacy wrappers hold the store that has the file; a test's store may have only the reads
        stamp = getattr(policy.unwrap(self.store, keep_pseudonyms=False), "stamp", None)
        return None if stamp is None else stamp()

    def _checked(self, rows):
        """``rows`` read from the store, provided the store is still what the snapshot began
        with: a table read after another process's import would mix two states of the data."""
        if not self.current():
            from .i18n import _

            raise StoreChanged(_("{location} changed while this command was reading it (another import?)").format(
                location=getattr(self.store, "location", "the store")), hint=_("run the command again"))
        return rows

    def _stored_nodes(self, kind: str) -> dict[str, dict[str, Any]]:
        key = "\0" + kind  # the store's own rows, before ``extra``
        got = self._nodes.get(key)
        if got is None:
            got = self._nodes[key] = self._checked(self.store.nodes(kind, as_of=self.day)) if kind in self._kind_set else {}
        return got

    def nodes(self, kind: str) -> dict[str, dict[str, Any]]:
        got = self._nodes.get(kind)
        if got is not None:
            return got
        stored = self._stored_nodes(kind)
        extra = self._extra.nodes
        if not extra:
            got = stored
        else:
            # as ``ds.nodes.update(extra)`` orders them: a replaced id keeps its place (the
            # store's order is by id), a new one comes after the store's nodes
            moved = {i for i, (k, _p) in extra.items() if k == kind and i in self._stored_kinds}
            kept = {i: p for i, p in stored.items() if i not in extra}
            for i in moved:
                kept[i] = extra[i][1]
            got = dict(sorted(kept.items())) if moved else kept
            got.update((i, p) for i, (k, p) in extra.items() if k == kind and i not in self._stored_kinds)
        self._nodes[kind] = got
        return got

    def by_target(self, relation: str) -> dict[str, dict[str, dict[str, Any]]] | None:
        read = getattr(self.store, "edges_by_target", None)  # a test's store may have only the reads
        if (read is None or relation in self._edges or "\0" + relation in self._edges
                or any(rel == relation for rel, *_k in self._extra.edges)):
            return None  # read already, or with rows laid over: the rows then
        got = self._grouped.get(relation)
        if got is None:
            got = self._checked(read(relation, as_of=self.day))
            if got is not None:  # also the table's edges (their keys empty), should they be asked for
                self._grouped[relation] = got
        return got

    def _stored_edges(self, relation: str) -> list[Edge]:
        key = "\0" + relation  # the store's own rows, before ``extra``
        got = self._edges.get(key)
        if got is None:
            grouped = self._grouped.get(relation)
            if grouped is not None:  # read by target already: the same edges, sorted (no two share a pair)
                got = sorted((s, t, "", p) for t, holders in grouped.items() for s, p in holders.items())
            else:
                got = self._checked(self.store.edges(relation, as_of=self.day))
            self._edges[key] = got
        return got

    def edges(self, relation: str) -> list[Edge]:
        got = self._edges.get(relation)
        if got is None:
            got = self._stored_edges(relation)
            mine = {(s, t, k): p for (rel, s, t, k), p in self._extra.edges.items() if rel == relation}
            if mine:
                merged = {(s, t, k): p for s, t, k, p in got}
                merged.update(mine)
                got = sorted((s, t, k, p) for (s, t, k), p in merged.items())
            self._edges[relation] = got
        return got

    def dataset(self) -> Dataset:
        """Every table, each read once; ordered as the store's :meth:`~kgraph.store.Store.read_dataset`
        with ``extra`` laid over it by ``update``."""
        if self._ds is None:
            nodes: dict[str, tuple[str, dict[str, Any]]] = {}
            by_kind = {k: self._stored_nodes(k) for k in sorted(self._kind_set)}
            for node_id, kind in self._stored_kinds.items():
                props = by_kind[kind].get(node_id)
                if props is not None:
                    nodes[node_id] = (kind, props)
            nodes.update(self._extra.nodes)
            edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}
            for rel in self._checked(self.store.relations(as_of=self.day)):
                for s, t, k, p in self._stored_edges(rel):
                    edges[(rel, s, t, k)] = p
            edges.update(self._extra.edges)
            self._ds = Dataset(nodes=nodes, edges=edges)
        return self._ds
