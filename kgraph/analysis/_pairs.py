"""Brokered pairs between groups, per broker: what ``connects`` in :func:`kgraph.analysis.linking.linking_pins` says.

A broker ``v`` brokers the ordered pair ``(a, c)`` when ``a -> v -> c``, ``a != c`` and
there is no tie ``a -> c`` (Gould & Fernandez 1989); here the pairs are counted per
pair of the groups of ``a`` and ``c`` when these differ.
"""

from __future__ import annotations

__all__ = ["group_pairs"]


def group_pairs(G, group: dict[str, str | None], brokers: list[str]) -> dict[str, dict[tuple[str, str], int]]:
    """For each broker, the number of brokered pairs per unordered pair of groups.

    A pair ``(a, c)`` is brokered by ``v`` when ``a → v → c``, ``a ≠ c`` and there
    is no tie ``a → c``; it counts for the groups ``{g(a), g(c)}`` when they
    differ. On an undirected graph every ordered pair counts (as in
    :func:`kgraph.measures.brokerage`). The 2-paths are enumerated with numpy in
    chunks of brokers (about O(sum of in-degree × out-degree)).

    >>> import networkx as nx
    >>> group_pairs(nx.path_graph(["a", "v", "c"]), {"a": "A", "v": "A", "c": "B"}, ["v", "a"])
    {'v': {('A', 'B'): 2}, 'a': {}}
    """
    out: dict[str, dict[tuple[str, str], int]] = {v: {} for v in brokers}
    rep, lo, hi, cnt, names = _pair_counts(G, group, brokers)
    for r, a, b, c in zip(rep.tolist(), lo.tolist(), hi.tolist(), cnt.tolist()):
        out[brokers[r]][(names[a], names[b])] = c
    return out


def _pair_counts(G, group: dict[str, str | None], brokers: list[str]):
    """Brokered pairs per (broker, group pair) as arrays ``rep, lo, hi, count`` sorted by
    broker position, most pairs first, then group ids; ``lo < hi`` are codes into the
    returned sorted group ids.

    Counted without listing the 2-paths: per broker, the in-neighbours of group ``g``
    times the out-neighbours of group ``h`` (``g != h``), minus the pairs closed by a
    tie ``a -> c``, which are triangles of the undirected skeleton (as
    :func:`kgraph.measures.brokerage` counts its roles).
    """
    import numpy as np
    import scipy.sparse as sp

    from ..measures._common import arcs, node_order, skeleton_triangles
    from ..measures.brokerage import _closed_triples, _csr

    empty = np.zeros(0, dtype=np.int64)
    names = sorted({g for g in group.values() if g is not None})
    nodes = node_order(G)
    n, nb, k = len(nodes), len(brokers), len(names)
    if n == 0 or not brokers or not names:
        return empty, empty, empty, empty, names
    index = {v: i for i, v in enumerate(nodes)}
    code_of = {g: i for i, g in enumerate(names)}
    code = np.array([code_of.get(group.get(v), -1) for v in nodes], dtype=np.int64)
    pos = np.full(n, -1, dtype=np.int64)  # node position -> broker position
    pos[np.array([index[v] for v in brokers], dtype=np.int64)] = np.arange(nb)
    src, dst, _x = arcs(G, nodes, None)

    def per_group(broker: np.ndarray, other: np.ndarray) -> sp.csr_matrix:
        """Neighbours per group of every broker (rows: brokers, columns: group codes)."""
        keep = (pos[broker] >= 0) & (code[other] >= 0)
        M = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.int64), (pos[broker[keep]], code[other[keep]])),
                          shape=(nb, k))
        M.sum_duplicates()
        M.sort_indices()
        return M

    symmetric = not G.is_directed()
    ins = per_group(dst, src)  # a -> v
    outs = ins if symmetric else per_group(src, dst)  # v -> c
    din, dout = np.diff(ins.indptr), np.diff(outs.indptr)
    w = din * dout
    total = int(w.sum())
    rep = np.repeat(np.arange(nb), w)
    offs = np.arange(total) - np.repeat(np.cumsum(w) - w, w)
    q = dout[rep]
    i_at = ins.indptr[rep] + offs // q
    o_at = outs.indptr[rep] + offs % q
    ga, gc = ins.indices[i_at].astype(np.int64), outs.indices[o_at].astype(np.int64)
    # undirected: each unordered group pair once (both orders counted: twice the product)
    keep = ga < gc if symmetric else ga != gc
    rep, ga, gc = rep[keep], ga[keep], gc[keep]
    counts = ins.data[i_at[keep]].astype(np.int64) * outs.data[o_at[keep]] * (2 if symmetric else 1)
    keys = (rep * k + np.minimum(ga, gc)) * k + np.maximum(ga, gc)
    if symmetric:  # rows and columns come sorted: the keys are unique and ascending
        uniq, cnt = keys, counts
    else:
        uniq, inv = np.unique(keys, return_inverse=True)
        cnt = np.bincount(inv.ravel(), weights=counts, minlength=uniq.size).astype(np.int64)
    # minus the closed pairs a -> v -> c with a tie a -> c (each is one of the pairs above)
    a, v, c = _closed_triples(_csr(n, src, dst), symmetric, skeleton_triangles(G))
    closed = (pos[v] >= 0) & (code[a] >= 0) & (code[c] >= 0) & (code[a] != code[c])
    ca, cc = code[a[closed]], code[c[closed]]
    at = np.searchsorted(uniq, (pos[v[closed]] * k + np.minimum(ca, cc)) * k + np.maximum(ca, cc))
    cnt = cnt - np.bincount(at, minlength=uniq.size)
    uniq, cnt = uniq[cnt > 0], cnt[cnt > 0]
    rep, rest = np.divmod(uniq, k * k)
    lo, hi = np.divmod(rest, k)
    # by broker, most pairs first, then group ids: uniq is sorted by (broker, lo, hi), so
    # one stable sort by (broker, -count) keeps that order among equal counts
    top = int(cnt.max()) + 1 if cnt.size else 1
    order = np.argsort(rep * top + (top - 1 - cnt), kind="stable")
    return rep[order], lo[order], hi[order], cnt[order], names


def _connects(G, group: dict[str, str | None], brokers: list[str], unit_name: dict[str, str]):
    """``connects`` text and ``groups_connected`` of each broker (lists in broker order)."""
    import numpy as np

    from ..measures._common import unique

    rep, lo, hi, cnt, names = _pair_counts(G, group, brokers)
    labels = [unit_name.get(g, g) for g in names]
    bounds = np.searchsorted(rep, np.arange(len(brokers) + 1)).tolist()
    left, right = [f"{x} ↔ " for x in labels], [f"{x} (" for x in labels]
    nums = [f"{z})" for z in range(int(cnt.max()) + 1 if cnt.size else 0)]
    parts = [left[x] + right[y] + nums[z] for x, y, z in zip(lo.tolist(), hi.tolist(), cnt.tolist())]
    connects = ["; ".join(parts[bounds[i]:bounds[i + 1]]) for i in range(len(brokers))]
    k = max(len(names), 1)
    ends = unique(np.concatenate([rep * k + lo, rep * k + hi])) // k
    groups = np.bincount(ends, minlength=len(brokers)).tolist() if len(brokers) else []
    return connects, groups
