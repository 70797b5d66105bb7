"""A simple unweighted graph held as arrays: what the measures read of a networkx graph.

Every measure in :mod:`kgraph.measures` turns its graph into integer arc arrays in a
fixed node order first (:mod:`kgraph.measures._common`). A :class:`Net` *is* those
arrays: built once from a list of ties (``Net.from_edges``, e.g. by the person network
of an organisation, :func:`kgraph.analysis.network.person_net`), it is handed to every
measure in place of a networkx graph, which then neither has to be built nor converted
again, and networkx need not even be imported. Each measure gives the same result, bit
for bit, as on the networkx graph with these nodes and edges (tested in
``tests/measures/test_net.py``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np

__all__ = ["Net"]


class Net:
    """An unweighted graph without loops or parallel edges, on node positions.

    Parameters
    ----------
    nodes : sequence
        The node ids in the measures' order (sorted by ``str(id)``, ties by ``repr``:
        :func:`kgraph.measures._common.sort_key`; :meth:`from_edges` sorts them).
    src, dst : numpy.ndarray
        The arcs ``src[i] -> dst[i]`` as positions in ``nodes``, sorted by ``(src, dst)``,
        without loops or duplicates; an undirected edge is two arcs, one each way.
    directed : bool
        Whether the arcs are directed.

    Examples
    --------
    >>> from kgraph.measures import Net, articulation_points
    >>> net = Net.from_edges(["c", "a", "b", "d"], [("a", "b"), ("b", "c"), ("b", "a")])
    >>> net.nodes, net.number_of_edges()
    (('a', 'b', 'c', 'd'), 2)
    >>> articulation_points(net)["articulation_point"].tolist()
    [False, True, False, False]
    """

    def __init__(self, nodes: Iterable[Hashable], src: np.ndarray, dst: np.ndarray, *, directed: bool = False):
        self.nodes = tuple(nodes)
        self.src = np.asarray(src, dtype=np.int64)
        self.dst = np.asarray(dst, dtype=np.int64)
        self.src.flags.writeable = False
        self.dst.flags.writeable = False
        self.directed = bool(directed)
        self.kept: dict[str, Any] = {}  # what the measures derive from the structure (see _common.memo)

    @classmethod
    def from_edges(cls, nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]], *,
                   directed: bool = False) -> Net:
        """The graph on ``nodes`` with the ``edges`` between two of them (others, loops and
        repeats are left out; undirected: ``(a, b)`` and ``(b, a)`` are one edge)."""
        from kgraph.measures._common import sort_key

        order = sorted(set(nodes), key=sort_key)
        index = {v: i for i, v in enumerate(order)}
        pairs = [(index.get(a, -1), index.get(b, -1)) for a, b in edges]
        ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        return cls.from_positions(order, ends[:, 0], ends[:, 1], directed=directed)

    @classmethod
    def from_positions(cls, nodes: Iterable[Hashable], a: np.ndarray, b: np.ndarray, *, directed: bool = False) -> Net:
        """Like :meth:`from_edges`, with the edges as position arrays (``-1``: not a node)."""
        from kgraph.measures._common import unique

        nodes = tuple(nodes)
        n = len(nodes)
        a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        keep = (a >= 0) & (b >= 0) & (a != b)
        a, b = a[keep], b[keep]
        if not directed:
            a, b = np.concatenate([a, b]), np.concatenate([b, a])
        keys = unique(a * n + b)
        return cls(nodes, keys // max(n, 1), keys % max(n, 1), directed=directed)

    @classmethod
    def from_networkx(cls, G) -> Net:
        """The structure of a networkx graph (weights and attributes dropped, loops and
        parallel edges too)."""
        return cls.from_edges(G.nodes, G.edges(), directed=G.is_directed())

    def is_directed(self) -> bool:
        return self.directed

    def is_multigraph(self) -> bool:
        return False

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return int(self.src.size if self.directed else self.src.size // 2)

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self):
        return iter(self.nodes)

    def __repr__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        return f"<Net {kind}, {len(self.nodes)} nodes, {self.number_of_edges()} edges>"

    def to_networkx(self):
        """The same graph in networkx (for what only networkx does)."""
        import networkx as nx

        G = nx.DiGraph() if self.directed else nx.Graph()
        G.add_nodes_from(self.nodes)
        nodes = self.nodes
        G.add_edges_from((nodes[a], nodes[b]) for a, b in zip(self.src.tolist(), self.dst.tolist()))
        return G
