"""Cut vertices (articulation points) and cut edges (bridges) of the symmetrised graph.

Both come from one linear-time depth-first search (Hopcroft–Tarjan lowpoints) over the
graph's sorted adjacency arrays, written here without recursion, so that no graph
library is needed (importing igraph costs more than the search itself on 50,000
persons, and networkx's recursive generators are ten times slower). Directed graphs are
symmetrised first (weak connectivity).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kgraph.measures._common import arcs, memo, node_order, unique

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["articulation_points", "bridges"]


def _undirected(G: nx.Graph) -> tuple[list[Hashable], np.ndarray, np.ndarray]:
    """Node order and the simple undirected graph of ``G`` as CSR arrays ``(indptr, indices)``
    (loops and parallels dropped, neighbours sorted)."""
    nodes = node_order(G)
    n = len(nodes)
    src, dst, _ = arcs(G, nodes, None)
    if G.is_directed():
        keys = unique(np.concatenate([src * n + dst, dst * n + src]))
    else:  # each edge is already two arcs, loops dropped, parallels collapsed
        keys = np.sort(src * n + dst)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys // max(n, 1), minlength=n), out=indptr[1:])
    return nodes, indptr, keys % max(n, 1)


def _search(G: nx.Graph) -> tuple[list[Hashable], np.ndarray, int, list[tuple[int, int]]]:
    """Node order, blocks per node, connected components and bridges (position pairs),
    from one iterative depth-first search; kept for a frozen graph."""
    return memo(G, "cuts", lambda: _dfs(*_undirected(G)))


def _dfs(nodes: list[Hashable], indptr: np.ndarray, indices: np.ndarray):
    """Hopcroft–Tarjan on CSR arrays: ``low[v]`` is the smallest discovery time reachable
    from ``v``'s subtree by one back edge. A child ``c`` of ``p`` with ``low[c] >= disc[p]``
    closes a block containing ``p``; with ``low[c] > disc[p]`` the edge ``p - c`` is a bridge.
    Every node but a search root also lies in the block of the edge to its parent."""
    n = len(nodes)
    start = indptr.tolist()
    nbr = indices.tolist()
    nxt = start[:-1]  # per node: the next neighbour to look at
    disc = [-1] * n
    low = [0] * n
    parent = [-1] * n
    blocks = [0] * n
    cut_edges: list[tuple[int, int]] = []
    clock = components = 0
    for root in range(n):
        if disc[root] >= 0:
            continue
        components += 1
        disc[root] = low[root] = clock
        clock += 1
        stack = [root]
        while stack:
            v = stack[-1]
            i = nxt[v]
            if i < start[v + 1]:
                nxt[v] = i + 1
                w = nbr[i]
                if disc[w] < 0:
                    parent[w] = v
                    disc[w] = low[w] = clock
                    clock += 1
                    stack.append(w)
                elif w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
                continue
            stack.pop()
            p = parent[v]
            if p < 0:
                continue
            blocks[v] += 1  # the block of the edge p - v
            if low[v] < low[p]:
                low[p] = low[v]
            elif low[v] >= disc[p]:
                blocks[p] += 1
                if low[v] > disc[p]:
                    cut_edges.append((p, v) if p < v else (v, p))
    counts = np.asarray(blocks, dtype=np.int64)
    counts.flags.writeable = False
    return nodes, counts, components, sorted(cut_edges)


def articulation_points(G: nx.Graph) -> pd.DataFrame:
    """Articulation points of the symmetrised graph, with the effect of removing each node.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Directed graphs are symmetrised (weak connectivity); loops and parallel edges
        are ignored.

    Returns
    -------
    pandas.DataFrame
        One row per node, sorted by ``str(id)``: ``id``, ``articulation_point`` (bool)
        and ``components_if_removed`` (int): the number of connected components of
        the symmetrised graph after removing that node.

    Notes
    -----
    A node is an articulation point when removing it increases the number of
    connected components. If the graph has ``C`` components and ``v`` belongs to
    ``b(v)`` biconnected components (blocks), removing ``v`` leaves
    ``C - 1 + b(v)`` components (its component falls apart into one piece per block;
    an isolate, in no block, just disappears). ``v`` is an articulation point iff
    ``b(v) >= 2``. Blocks are counted in O(n + m) by one depth-first search
    (Hopcroft & Tarjan 1973).

    References
    ----------
    Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])  # triangle plus pendant 3
    >>> articulation_points(G).values.tolist()
    [[0, False, 1], [1, False, 1], [2, True, 2], [3, False, 1]]
    """
    nodes, nblocks, n_comp, _cut = _search(G)
    return pd.DataFrame(
        {
            "id": pd.Series(nodes, dtype=object),
            "articulation_point": nblocks >= 2,
            "components_if_removed": (n_comp - 1 + nblocks).astype(np.int64),
        }
    )


def bridges(G: nx.Graph) -> pd.DataFrame:
    """Bridges (cut edges) of the symmetrised graph.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Directed graphs are symmetrised (weak connectivity); loops are ignored and
        parallel edges collapse (so a doubled edge can still be a bridge, as for the
        symmetrised simple graph).

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target``, one row per bridge; within a row ``source`` sorts
        before ``target`` (by ``str(id)``) and rows are sorted by ``source, target``.

    Notes
    -----
    An edge is a bridge when removing it increases the number of connected
    components, i.e. when it is a biconnected component on its own (found in
    O(n + m), Tarjan 1974).

    References
    ----------
    Tarjan, R. E. (1974). A note on finding the bridges of a graph. *Information
    Processing Letters* 2(6), 160–161.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "c")])
    >>> bridges(G).values.tolist()
    [['c', 'd']]
    """
    nodes, _blocks, _n, pairs = _search(G)  # position pairs (a < b), sorted
    return pd.DataFrame(
        {
            "source": pd.Series([nodes[a] for a, _ in pairs], dtype=object),
            "target": pd.Series([nodes[b] for _, b in pairs], dtype=object),
        }
    )
