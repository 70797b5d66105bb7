"""Batched, level-synchronous Brandes sweeps with bisection scaling (private).

One call handles a batch of ``b`` sources at once: breadth-first search and the
dependency accumulation run level by level as sparse-matrix products on dense
``(n, b)`` arrays (one column per source), so the work happens in scipy's C loops.
Used by :func:`kgraph.measures.betweenness_top`; unweighted graphs only.

For a source ``s`` and a node ``v`` at distance ``l = d(s, v)`` the *bisection*
contribution (Geisberger, Sanders & Schultes 2008) is

    y_s(v) = sum_t w(l, d(s, t)) * sigma_st(v) / sigma_st,

with ``w = 1`` when ``d(s, t) < 2 l`` (``v`` lies in the half of the path nearer
``t``), ``1/2`` when ``d(s, t) = 2 l`` and ``0`` otherwise. Every pair's share is thus
attributed to the endpoint farther from ``v``, so that summed over all sources
``sum_s y_s(v)`` is the betweenness of ``v`` (unordered pairs; see
:func:`contributions` for directed graphs), while no single source contributes much:
a node's own neighbours, which dominate the plain per-source dependency, now
contribute at most half their degree.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["adjacency", "contributions"]


def adjacency(n: int, src: np.ndarray, dst: np.ndarray, dtype=np.float64) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """0/1 CSR matrix ``A`` with ``A[u, v] = 1`` for every arc ``u -> v``, and ``A.T``."""
    A = sp.csr_matrix((np.ones(src.size, dtype=dtype), (src, dst)), shape=(n, n))
    A.sum_duplicates()
    A.data[:] = 1.0
    return A, A.T.tocsr()


#: Below this share of rows holding a nonzero, a product touches only those rows.
_SPARSE_ROWS = 0.3


def _times(M: sp.csr_matrix, MT: sp.csr_matrix, x: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``M @ x`` where only the ``rows`` of ``x`` are nonzero: ``MT[rows].T @ x[rows]``
    when they are few (the first and last levels of a sweep)."""
    idx = np.flatnonzero(rows)
    if idx.size >= _SPARSE_ROWS * rows.size:
        return M @ x
    return MT[idx].T @ x[idx]


def _bisection(A: sp.csr_matrix, AT: sp.csr_matrix, sources: np.ndarray, dtype) -> np.ndarray:
    """Bisection contributions ``y[v, j]`` of ``sources[j]`` along the arcs of ``A``."""
    n = A.shape[0]
    b = sources.size
    front = np.zeros((n, b), dtype=dtype)
    front[sources, np.arange(b)] = 1.0
    visited = front > 0
    sig = [front]  # sig[l]: path counts sigma of the nodes at distance l, zero elsewhere
    rows = [visited.any(axis=1)]  # rows[l]: nodes at distance l from some source of the batch
    while not visited.all():  # BFS: sigma_w = sum of sigma_u over arcs u -> w, level above
        nxt = _times(AT, A, sig[-1], rows[-1])
        new = nxt > 0
        new &= ~visited
        if not new.any():
            break
        visited |= new
        nxt *= new
        sig.append(nxt)
        rows.append(new.any(axis=1))
    depth = len(sig) - 1
    inv = [np.divide(1.0, s, out=np.zeros_like(s), where=s > 0) for s in sig]
    y = np.zeros((n, b), dtype=dtype)
    # Targets at distance d, accumulated upwards (Brandes' recursion) only as far as
    # they count: up to the level ceil(d / 2), the middle of their paths.
    for d in range(2, depth + 1):
        dep = inv[d]  # (1 + dependency) / sigma of the targets themselves
        stop = (d + 1) // 2
        for lvl in range(d - 1, stop - 1, -1):
            acc = _times(A, AT, dep, rows[lvl + 1])
            acc *= sig[lvl]  # sigma_v times the sum over v's successors, on level lvl only
            if 2 * lvl == d:
                acc *= 0.5
            y += acc
            if lvl > stop:
                dep = acc * inv[lvl]  # the half weight only falls on the last level, lvl == stop
    return y


def contributions(
    A: sp.csr_matrix, AT: sp.csr_matrix, sources: np.ndarray, directed: bool, dtype=np.float64
) -> np.ndarray:
    """Bisection contributions ``y[v, j]`` of ``sources[j]`` to every node ``v``.

    Undirected (``A`` symmetric): ``sum`` over all sources is the betweenness over
    unordered pairs. Directed: a sampled node contributes both as a source (its
    out-paths, the halves nearer their targets) and as a target (its in-paths, the
    halves nearer their sources), so that the sum over all nodes is the betweenness
    over ordered pairs. ``A`` and ``AT`` must have the ``dtype`` of the result
    (``float32`` halves the time of the matrix products on large graphs).
    """
    sources = np.asarray(sources, dtype=np.int64)
    y = _bisection(A, AT, sources, dtype)
    if directed:
        y += _bisection(AT, A, sources, dtype)
    return y
