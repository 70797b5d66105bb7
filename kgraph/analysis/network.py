"""The person network of an organisation as arrays, for the network measures.

:meth:`kgraph.org.Org.person_graph` builds a networkx graph; the linking-pin analysis
only needs what every measure turns such a graph into first: the present persons in
sorted order and the ties as position arrays. :func:`person_net` builds that
:class:`~kgraph.measures.net.Net` straight from the Org's ties, once per Org and option
set, so that betweenness, constraint, effective size, brokerage and articulation points
share one conversion and networkx is not needed at all. It has the nodes and edges of
``org.person_graph(directed=..., comembership=...)`` (without its weights), so every
measure gives the same values on both (``tests/analysis/test_network.py``).
"""

from __future__ import annotations

import weakref
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING

from ..org import Org

if TYPE_CHECKING:  # pragma: no cover
    from ..measures.net import Net

__all__ = ["person_net"]

#: per Org: ``{(directed, comembership): Net}`` (dropped with the Org)
_NETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def person_net(org: Org, *, directed: bool = False, comembership: bool = False) -> Net:
    """The present persons and their ``WORKS_WITH`` ties on the Org's date, as a :class:`Net`.

    The nodes and edges of :meth:`Org.person_graph` with the same options (every present
    person a node, also without ties; a tie reported either way is one undirected edge
    unless ``directed``; ``comembership`` adds a tie between every two members of a
    team), unweighted; built once per Org and option set.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> org = example_org()
    >>> net = person_net(org)
    >>> net.number_of_nodes() == len(org.present), net.number_of_edges() == org.person_graph().number_of_edges()
    (True, True)
    """
    key = (bool(directed), bool(comembership))
    kept = _NETS.setdefault(org, {})
    if key not in kept:
        kept[key] = _build(org, *key)
    return kept[key]


def _build(org: Org, directed: bool, comembership: bool) -> Net:
    import numpy as np

    from ..measures.net import Net

    nodes = sorted(org.present)  # the measures' node order (ids are text: sorted by str)
    index = {p: i for i, p in enumerate(nodes)}
    ties = org.edges("WORKS_WITH")
    # positions of both ends (-1: not present), looked up in C (map) rather than in a Python loop
    a = np.fromiter(map(index.get, map(itemgetter(0), ties), repeat(-1)), dtype=np.int64, count=len(ties))
    b = np.fromiter(map(index.get, map(itemgetter(1), ties), repeat(-1)), dtype=np.int64, count=len(ties))
    if comembership:
        pairs = [(index[x], index[y]) for members in org.team_members.values()
                 for i, x in enumerate(members) for y in members[i + 1:] if x in index and y in index]
        if pairs:
            extra = np.array(pairs, dtype=np.int64)
            if directed:  # both ways, as person_graph adds them
                extra = np.concatenate([extra, extra[:, ::-1]])
            a, b = np.concatenate([a, extra[:, 0]]), np.concatenate([b, extra[:, 1]])
    return Net.from_positions(nodes, a, b, directed=directed)
