"""Shared helpers for :mod:`kgraph.measures` (private).

Every measure works on a fixed node order: nodes sorted by ``str(id)`` with ties
broken by ``repr(id)``, so that outputs are deterministic whatever the insertion order
of the graph.  Graphs are turned into integer arc arrays / ``scipy.sparse`` matrices in
that order.
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import chain

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = [
    "node_order",
    "sort_key",
    "arcs",
    "edges_once",
    "csr_from_arcs",
    "sorted_keys",
    "lookup",
    "triangles",
]


def sort_key(node: Hashable) -> tuple[str, str]:
    """Sort key for node ids: ``str`` first, ``repr`` to break ties."""
    return (str(node), repr(node))


def node_order(G: nx.Graph) -> list[Hashable]:
    """Nodes of ``G`` sorted deterministically (by ``str(id)``, ties by ``repr``)."""
    return sorted(G.nodes(), key=sort_key)


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
    all-ones weights.
    """
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
    _, ok = lookup(sorted_keys(L), n, cand, tw[rep])
    return tu[rep][ok], cand[ok], tw[rep][ok]
