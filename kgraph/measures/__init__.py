"""Graph-first network measures with published definitions.

Every function takes a networkx graph first and keyword-only options, is pure and
deterministic, and returns a pandas DataFrame with one row per node (column ``id``,
node ids as given), sorted by ``str(id)``:

* :func:`brokerage`, :func:`brokerage_global` -- Gould & Fernandez (1989) roles,
  identical to R ``sna::brokerage`` (raw counts and z-scores);
* :func:`betweenness` -- Freeman/Brandes betweenness, equal to networkx, via igraph;
* :func:`betweenness_top` -- estimated betweenness with error bounds and the nodes
  certainly in the top k (adaptive source sampling);
* :func:`constraint`, :func:`effective_size` -- Burt's (1992) structural holes;
* :func:`articulation_points`, :func:`bridges` -- cut vertices and cut edges.

In place of a networkx graph every measure also takes a :class:`Net`, the same simple
unweighted graph held as sorted arc arrays (built once, e.g. from an organisation's
ties, and then shared by all measures without conversion).
"""

from kgraph.measures.brokerage import brokerage, brokerage_global
from kgraph.measures.centrality import betweenness
from kgraph.measures.cuts import articulation_points, bridges
from kgraph.measures.net import Net
from kgraph.measures.structural_holes import constraint, effective_size
from kgraph.measures.topk import betweenness_top

__all__ = [
    "Net",
    "articulation_points",
    "betweenness",
    "betweenness_top",
    "bridges",
    "brokerage",
    "brokerage_global",
    "constraint",
    "effective_size",
]
