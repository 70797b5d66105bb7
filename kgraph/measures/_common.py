"""Shared helpers for :mod:`kgraph.measures` (private).

Every measure works on a fixed node order: nodes sorted by ``str(id)`` with ties
broken by ``repr(id)``, so that outputs are deterministic whatever the insertion order
of the graph.  Graphs are turned into integer arc arrays / ``scipy.sparse`` matrices in
that order. A :class:`~kgraph.measures.net.Net` is a graph held in that form already.

The node order, the arcs without weights and the triangles depend only on a graph's
structure, and several measures of one analysis need them; for a *frozen* graph
(:func:`networkx.freeze`, as :meth:`kgraph.org.Org.person_graph` hands out) they are
computed once and kept while the graph lives (:func:`memo`), read-only. Weights and
node attributes can change on a frozen graph, so nothing derived from them is kept.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from kgraph.measures.net import Net

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "memo",
    "node_order",
    "sort_key",
    "arcs",
    "edges_once",
    "csr_from_arcs",
    "sorted_keys",
    "lookup",
    "positions",
    "triangles",
    "skeleton_triangles",
    "unique",
]

#: per frozen graph: what :func:`memo` keeps (dropped with the graph)
_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _keeps(G: nx.Graph) -> bool:
    """Whether :func:`memo` keeps values for ``G``: frozen (``networkx.is_frozen``, read
    without importing networkx), and not a view."""
    return bool(getattr(G, "frozen", False)) and not hasattr(G, "_graph")


def memo(G: nx.Graph, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept per frozen graph under ``key`` (computed each time otherwise).

    Only for values that depend on the graph's structure (nodes and edges), which a
    frozen graph cannot change; graph views are never kept (their base may change).
    Arrays kept are made read-only. A :class:`Net` keeps them itself.
    """
    if isinstance(G, Net):
        kept = G.kept
    elif not _keeps(G):
        return compute()
    else:
        try:
            kept = _KEPT.setdefault(G, {})
        except TypeError:  # not weak-referenceable
            return compute()
    if key not in kept:
        value = compute()
        for a in value if isinstance(value, tuple) else (value,):
            if isinstance(a, np.ndarray):
                a.flags.writeable = False
        kept[key] = value
    return kept[key]


def sort_key(node: Hashable) -> tuple[str, str]:
    """Sort key for node ids: ``str`` first, ``repr`` to break ties."""
    return (str(node), repr(node))


def node_order(G: nx.Graph) -> list[Hashable]:
    """Nodes of ``G`` sorted deterministically (by ``str(id)``, ties by ``repr``)."""
    if isinstance(G, Net):
        return list(G.nodes)
    return list(memo(G, "nodes", lambda: tuple(sorted(G.nodes(), key=sort_key))))


def arcs(
    G: nx.Graph,
    nodes: list[Hashable],
    weight: str | None = None,
    *,
    combine: str = "sum",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All arcs of ``G`` as position arrays ``(src, dst, w)`` (positions in ``nodes``).

    Directed graphs give each arc ``u -> v`` once; undirected graphs give each edge as
    two arcs.  Self-loops are dropped.  Parallel edges of multigraphs collapse into
    one arc whose weight is the sum (``combine="sum"``) or the minimum
    (``combine="min"``) of theirs.  Missing weights count 1; ``weight=None`` gives
    all-ones weights.  Without weights, in :func:`node_order`, the arrays of a frozen
    graph are computed once (read-only). A :class:`Net` has no weights (all ones).
    """
    if isinstance(G, Net):
        if list(nodes) == list(G.nodes):
            return memo(G, "arcs", lambda: (G.src, G.dst, np.ones(G.src.size, dtype=np.float64)))
        index = {v: i for i, v in enumerate(nodes)}  # another order of the same nodes
        to = np.fromiter(map(index.__getitem__, G.nodes), dtype=np.int64, count=len(G.nodes))
        return to[G.src], to[G.dst], np.ones(G.src.size, dtype=np.float64)
    if weight is None and _keeps(G) and list(nodes) == node_order(G):
        return memo(G, "arcs", lambda: _arcs(G, nodes, None, combine))
    return _arcs(G, nodes, weight, combine)


def _arcs(G: nx.Graph, nodes: list[Hashable], weight: str | None, combine: str):
    index = {v: i for i, v in enumerate(nodes)}
    adj = G.succ if G.is_directed() else G.adj
    keys = list(adj)
    lens = np.fromiter(map(len, adj.values()), dtype=np.int64, count=len(keys))
    total = int(lens.sum())
    src = np.repeat(np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys)), lens)
    dst = np.fromiter(
        map(index.__getitem__, chain.from_iterable(adj.values())), dtype=np.int64, count=total
    )
    if weight is None:
        w = np.ones(total, dtype=np.float64)
    elif G.is_multigraph():
        agg = sum if combine == "sum" else min
        w = np.fromiter(
            (
                agg(d.get(weight, 1) for d in kd.values())
                for nbrs in adj.values()
                for kd in nbrs.values()
            ),
            dtype=np.float64,
            count=total,
        )
    else:
        w = np.fromiter(
            (d.get(weight, 1) for nbrs in adj.values() for d in nbrs.values()),
            dtype=np.float64,
            count=total,
        )
    keep = src != dst
    if not keep.all():
        src, dst, w = src[keep], dst[keep], w[keep]
    return src, dst, w


def edges_once(src: np.ndarray, dst: np.ndarray, w: np.ndarray, directed: bool):
    """For undirected arc arrays (each edge twice) keep one arc per edge (src < dst)."""
    if directed:
        return src, dst, w
    keep = src < dst
    return src[keep], dst[keep], w[keep]


def unique(x: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array, as ``np.unique(x)``: by sorting,
    which numpy 2.4's ``np.unique`` (a hash table, then a sort) is 30 times slower than
    on the arc keys of a large network."""
    x = np.sort(np.ravel(x))
    if x.size < 2:
        return x
    keep = np.empty(x.size, dtype=bool)
    keep[0] = True
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    return x[keep]


def csr_from_arcs(
    n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray | None = None
) -> sp.csr_matrix:
    """CSR matrix with sorted indices; duplicate arcs are summed, zeros kept as entries."""
    if w is None:
        w = np.ones(src.size, dtype=np.float64)
    keys, inv = np.unique(src * n + dst, return_inverse=True)
    data = np.bincount(inv.ravel(), weights=w, minlength=keys.size)
    rows = keys // n
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return sp.csr_matrix((data, keys % n, indptr), shape=(n, n))


def sorted_keys(M: sp.csr_matrix) -> np.ndarray:
    """Sorted ``row * n + col`` keys of a CSR matrix with sorted indices."""
    n = M.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(M.indptr))
    return rows * n + M.indices.astype(np.int64)


def lookup(keys: np.ndarray, n: int, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of arcs ``x -> y`` in the sorted ``keys`` and whether they exist."""
    q = x * n + y
    if keys.size == 0:
        return np.zeros(q.size, dtype=np.int64), np.zeros(q.size, dtype=bool)
    pos = np.searchsorted(keys, q)
    pos[pos == keys.size] = 0
    return pos, keys[pos] == q


def positions(M: sp.csr_matrix, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Positions in ``M.data`` of the entries ``(x, y)`` of a CSR matrix without
    duplicates, ``-1`` where there is none.

    scipy looks each one up in its row (a few entries in a sparse network), which is
    several times faster than a binary search of all entries (:func:`lookup`).
    """
    P = sp.csr_array((np.arange(1, M.nnz + 1, dtype=np.int64), M.indices, M.indptr), shape=M.shape)
    if np.size(x) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(P[x, y]).ravel() - 1


def triangles(S: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every triangle ``{x, y, z}`` of the symmetric, loop-free pattern ``S`` once.

    Edges are oriented from lower to higher (degree, position) rank, so that the
    sparse product ``L @ L`` stays small (the classic degree-ordering trick), and
    the wedges closing a triangle are listed explicitly.
    """
    n = S.shape[0]
    empty = np.zeros(0, dtype=np.int64)
    C = S.tocoo()
    lo, hi = C.row.astype(np.int64), C.col.astype(np.int64)
    deg = np.diff(S.indptr)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    up = rank[lo] < rank[hi]
    L = sp.csr_matrix(
        (np.ones(int(up.sum()), dtype=np.int64), (lo[up], hi[up])), shape=(n, n)
    )
    L.sort_indices()
    T = L.multiply(L @ L).tocoo()  # (u, w) -> #{v : u -> v -> w in L}
    if T.nnz == 0:
        return empty, empty, empty
    tu, tw = T.row.astype(np.int64), T.col.astype(np.int64)
    starts = L.indptr[tu].astype(np.int64)
    cnt = L.indptr[tu + 1].astype(np.int64) - starts
    rep = np.repeat(np.arange(tu.size), cnt)
    offs = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    cand = L.indices[np.repeat(starts, cnt) + offs].astype(np.int64)
    ok = positions(L, cand, tw[rep]) >= 0
    return tu[rep][ok], cand[ok], tw[rep][ok]


def skeleton_triangles(G: nx.Graph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`triangles` of the undirected skeleton of ``G`` (loops dropped, arcs
    symmetrised, parallel edges collapsed), as positions in :func:`node_order`;
    computed once for a frozen graph."""

    def compute():
        nodes = node_order(G)
        n = len(nodes)
        src, dst, _w = arcs(G, nodes, None)
        if G.is_directed():
            src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
        return triangles(csr_from_arcs(n, src, dst))

    return memo(G, "triangles", compute)
