"""Burt's structural-hole measures: constraint and effective size, vectorised.

Both work on the symmetric tie-strength matrix ``W = A + A^T`` (for undirected graphs
``A`` itself, which gives the same proportions), so a reciprocated directed tie counts
twice, as in Burt (1992), networkx and igraph.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kgraph.measures._common import arcs, csr_from_arcs, memo, node_order, positions, skeleton_triangles

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["constraint", "effective_size"]


def _strengths(G: nx.Graph, weight: str | None) -> tuple[list[Hashable], sp.csr_matrix]:
    """Node order and the symmetric tie-strength matrix ``W`` (sorted CSR).

    The pattern of ``W`` is the set of ties (zero-weight ties stay as entries), so
    neighbourhoods are structural whatever the weights.
    """
    nodes = node_order(G)
    src, dst, w = arcs(G, nodes, weight)
    if G.is_directed():
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])
    return nodes, csr_from_arcs(len(nodes), src, dst, w)


def _triples(G: nx.Graph, W: sp.csr_matrix):
    """Ordered triangle triples ``(i, j, q)`` with the CSR positions of ``ij, iq, qj, jq``.

    ``sum_q p_iq x_qj`` over ``q != i, j`` is non-zero for a tie ``ij`` only when
    ``i, j, q`` close a triangle, so both Burt measures need just the triangles. The
    pattern of ``W`` is the skeleton of ``G`` whatever the weights, so the positions
    are computed once for a frozen graph and shared by both measures.
    """

    def compute():
        x, y, z = skeleton_triangles(G)
        i = np.concatenate([x, x, y, y, z, z])
        j = np.concatenate([y, z, x, z, x, y])
        q = np.concatenate([z, y, z, x, y, x])
        return positions(W, i, j), positions(W, i, q), positions(W, q, j), positions(W, j, q)

    return memo(G, "burt_triples", compute)


def _row_of_entries(W: sp.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(W.shape[0]), np.diff(W.indptr))


def _proportions(W: sp.csr_matrix, norm: str = "sum") -> np.ndarray:
    """Per entry of ``W``: ``w_ij / sum_k w_ik`` (or ``/ max_k w_ik``); 0 where undefined."""
    rows = _row_of_entries(W)
    if norm == "sum":
        tot = np.bincount(rows, weights=W.data, minlength=W.shape[0])
    else:
        tot = np.full(W.shape[0], -np.inf)
        np.maximum.at(tot, rows, W.data)
    den = tot[rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, W.data / den, 0.0)


def constraint(G: nx.Graph, *, weight: str | None = None) -> pd.DataFrame:
    """Burt's constraint of every node, for directed, undirected and weighted graphs.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        The network. Parallel edges are summed; self-loops are ignored.
    weight : str, optional
        Edge attribute with tie strengths (missing values count 1); ``None`` gives
        every tie strength 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, constraint``, sorted by ``str(id)``; NaN for isolates.

    Notes
    -----
    With tie strength ``w_ij = a_ij + a_ji`` (a reciprocated directed tie counts
    twice) and proportions ``p_ij = w_ij / sum_k w_ik``,

    ``c_i = sum_{j in N(i)} (p_ij + sum_{q != i, j} p_iq p_qj)^2``,

    where ``N(i)`` are the in- and out-neighbours of ``i``. The indirect term is the
    matrix product ``(P^2)_ij`` (the diagonal of ``P`` is 0), evaluated on the ties
    only. Equals ``igraph::constraint`` and ``nx.constraint``.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
    Harvard University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> star = nx.star_graph(3)  # centre 0 with leaves 1, 2, 3
    >>> constraint(star).round(4).values.tolist()
    [[0, 0.3333], [1, 1.0], [2, 1.0], [3, 1.0]]
    """
    nodes, W = _strengths(G, weight)
    n = W.shape[0]
    p = _proportions(W)
    ij, iq, qj, _ = _triples(G, W)
    indirect = np.bincount(ij, weights=p[iq] * p[qj], minlength=p.size)
    c = np.bincount(_row_of_entries(W), weights=(p + indirect) ** 2, minlength=n)
    c = np.where(np.diff(W.indptr) > 0, c, np.nan)
    return pd.DataFrame({"id": pd.Series(nodes, dtype=object), "constraint": c})


def effective_size(G: nx.Graph, *, weight: str | None = None) -> pd.DataFrame:
    """Burt's effective size of every node, for directed, undirected and weighted graphs.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        The network. Parallel edges are summed; self-loops are ignored.
    weight : str, optional
        Edge attribute with tie strengths (missing values count 1); ``None`` gives
        every tie strength 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, effective_size``, sorted by ``str(id)``; NaN for isolates.

    Notes
    -----
    With ``w_ij = a_ij + a_ji``, ``p_iq = w_iq / sum_k w_ik`` and the marginal strength
    ``m_jq = w_jq / max_k w_jk``,

    ``ES_i = sum_{j in N(i)} (1 - sum_{q != i, j} p_iq m_jq)``,

    i.e. ``|N(i)|`` minus the redundancy ``(P M^T)_ij`` summed over the ties (non-zero
    only on triangles ``i, j, q``). For
    unweighted undirected graphs this is Borgatti's (1997) ``n - 2t/n`` (``t`` ties
    among the ``n`` alters).

    networkx 3.6's ``effective_size`` is wrong on directed and weighted graphs when
    called without ``nodes`` (it normalises ``m`` by column instead of row maxima) and
    returns NaN for directed nodes with in-ties only; this function follows Burt.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
    Harvard University Press.

    Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
    *Connections* 20(1), 35–38.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])  # triangle plus pendant 3
    >>> effective_size(G).round(4).values.tolist()
    [[0, 1.0], [1, 1.0], [2, 2.3333], [3, 1.0]]
    """
    nodes, W = _strengths(G, weight)
    n = W.shape[0]
    p = _proportions(W, "sum")
    m = _proportions(W, "max")
    ij, iq, _, jq = _triples(G, W)
    redundancy = np.bincount(_row_of_entries(W)[ij], weights=p[iq] * m[jq], minlength=n)
    deg = np.diff(W.indptr).astype(np.float64)
    es = np.where(deg > 0, deg - redundancy, np.nan)
    return pd.DataFrame({"id": pd.Series(nodes, dtype=object), "effective_size": es})
