"""Shortest-path betweenness centrality, computed with igraph (Brandes' algorithm in C).

The graph is converted once into integer edge arrays; the sources of the Brandes
sweep are split into fixed chunks that run in worker processes (igraph holds the GIL),
and the per-chunk results are summed in a fixed order so that the result does not
depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Hashable, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kgraph.errors import OptionError
from kgraph.i18n import _
from kgraph.measures._common import arcs, edges_once, node_order

if TYPE_CHECKING:  # pragma: no cover
    import igraph as ig
    import networkx as nx

__all__ = ["betweenness"]

#: Graphs with ``n * m`` above this run in two source chunks (possibly two processes).
_PARALLEL_WORK = 20_000_000
#: Number of source batches used to estimate the standard error of a sampled estimate.
_SE_BATCHES = 30


def _igraph(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> ig.Graph:
    import igraph as ig  # here, not at the top: importing igraph costs 0.3-2.6 s (its drawing module loads matplotlib)

    return ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=directed)


def _sweep(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    w: np.ndarray | None,
    directed: bool,
    batches: list[np.ndarray],
) -> np.ndarray:
    """Betweenness contributions of each batch of sources, shape ``(len(batches), n)``."""
    g = _igraph(n, src, dst, directed)
    weights = None if w is None else w.tolist()
    out = np.zeros((len(batches), n))
    for i, sources in enumerate(batches):
        if sources.size == n:
            vals = g.betweenness(directed=directed, weights=weights)
        else:
            vals = g.betweenness(directed=directed, weights=weights, sources=sources.tolist())
        out[i] = vals
    return out


def _run(n, src, dst, w, directed, batches, n_jobs) -> np.ndarray:
    """Run :func:`_sweep` over ``batches``, in ``n_jobs`` processes when > 1."""
    n_jobs = max(1, min(n_jobs, len(batches)))
    if n_jobs == 1:
        return _sweep(n, src, dst, w, directed, batches)
    parts = [batches[i::n_jobs] for i in range(n_jobs)]
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=n_jobs, mp_context=mp.get_context(method)) as ex:
        futures = [ex.submit(_sweep, n, src, dst, w, directed, p) for p in parts]
        results = [f.result() for f in futures]
    out = np.zeros((len(batches), n))
    for j, res in enumerate(results):
        out[j::n_jobs] = res
    return out


def _systematic(nodes: list, strata: Mapping, k: int, nb: int, rng: np.random.Generator) -> list[np.ndarray]:
    """A systematic sample of ``k`` nodes ordered by stratum (random order inside a
    stratum), split into ``nb`` interleaved batches; positions in ``nodes``."""
    n = len(nodes)
    keys = [str(strata.get(v, "")) for v in nodes]
    order = np.lexsort((rng.permutation(n), np.unique(keys, return_inverse=True)[1].ravel()))
    step = n / k
    picks = np.minimum(np.floor(rng.random() * step + np.arange(k) * step).astype(np.int64), n - 1)
    sample = order[picks]
    return [np.sort(sample[j::nb]) for j in range(nb)]


def betweenness(
    G: nx.Graph,
    *,
    normalized: bool = True,
    weight: str | None = None,
    k: int | None = None,
    seed: int | None = None,
    strata: Mapping[Hashable, Hashable] | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Shortest-path betweenness of every node, equal to ``nx.betweenness_centrality``.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Directed graphs use directed paths. Self-loops are ignored; parallel edges
        collapse (with ``weight``, the shortest parallel edge counts, as in networkx).
    normalized : bool, default True
        Divide by the number of ordered pairs not containing the node,
        ``(n - 1)(n - 2)`` for directed and ``(n - 1)(n - 2) / 2`` for undirected
        graphs (networkx's ``normalized=True``). Otherwise raw counts, undirected
        graphs counting each unordered pair once (networkx's ``normalized=False``).
    weight : str, optional
        Edge attribute holding a positive *length* (distance); ``None`` counts hops.
    k : int, optional
        Estimate from ``k`` sources sampled without replacement, scaled by ``n / k``
        (like networkx's ``k``). Adds a column ``betweenness_se``.
    seed : int, optional
        Seed of the source sample (numpy ``default_rng``); only used with ``k``.
    strata : mapping, optional
        Node -> stratum (e.g. the team). With ``k``, spread the sampled sources evenly
        over the strata (systematic sampling in stratum order, see Notes) instead of
        drawing them uniformly; still unbiased, usually with a smaller error.
    n_jobs : int, optional
        Worker processes for large graphs (default: up to 2, the cores available).
        The result does not depend on it.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, betweenness`` (and ``betweenness_se`` with ``k``), one row per
        node sorted by ``str(id)``.

    Notes
    -----
    ``b(v) = sum_{s != v != t} sigma_st(v) / sigma_st`` over ordered pairs, halved
    for undirected graphs, where ``sigma_st`` counts shortest ``s``-``t`` paths and
    ``sigma_st(v)`` those through ``v`` (Freeman 1977), accumulated per source with
    Brandes' (2001) dependencies ``delta_s(v)`` in O(nm) (unweighted) by igraph.
    igraph returns the raw counts (unordered pairs when undirected); normalisation is
    applied here.

    With ``k`` sources ``S``, ``b_hat(v) = (n / k) sum_{s in S} delta_s(v)`` is
    unbiased. ``betweenness_se`` estimates its standard error from the spread of
    ``B = 30`` (or ``k``) random batches of sources, with the finite-population
    correction ``sqrt(1 - k / n)``. A guaranteed bound: each ``delta_s(v)`` lies in
    ``[0, n - 2]`` (halved when undirected), so by Hoeffding's inequality (valid for
    sampling without replacement) the *normalized* estimate is within
    ``n / (n - 1) * sqrt(ln(2 / alpha) / (2 k))`` of the exact value with probability
    at least ``1 - alpha`` for each node (e.g. ``k = 1000``, ``alpha = 0.05``: 0.043).

    With ``strata``, the nodes are ordered by stratum (random order inside each) and
    the ``k`` sources are one systematic sample of that order (every ``n / k``-th node
    from a random start). Every node is a source with probability ``k / n``, so
    ``b_hat`` stays unbiased, while every stratum gets its share of sources (implicit
    proportional stratification), so e.g. a team lead's large dependency on the
    sources of its own team no longer varies with how many of them were drawn.
    ``betweenness_se`` then treats the ``B`` interleaved batches as random ones (the
    usual variance estimate of a systematic sample, conservative when the
    stratification helps). The Hoeffding bound above assumes a uniform sample; it
    does not carry over to the systematic one.

    The sample is drawn with numpy, so it differs from networkx's sample for the same
    seed.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35–41.

    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163–177.

    Hoeffding, W. (1963). Probability inequalities for sums of bounded random
    variables. *JASA* 58(301), 13–30.

    Examples
    --------
    >>> import networkx as nx
    >>> P = nx.path_graph(["a", "b", "c"])
    >>> betweenness(P, normalized=False).values.tolist()
    [['a', 0.0], ['b', 1.0], ['c', 0.0]]
    >>> betweenness(nx.DiGraph(P)).values.tolist()
    [['a', 0.0], ['b', 1.0], ['c', 0.0]]
    """
    nodes = node_order(G)
    n = len(nodes)
    directed = G.is_directed()
    src, dst, w = edges_once(*arcs(G, nodes, weight, combine="min"), directed)
    if weight is None:
        w = None
    if n_jobs is None:
        n_jobs = min(2, os.cpu_count() or 1)

    if k is None:
        if n * max(src.size, 1) > _PARALLEL_WORK:
            batches = np.array_split(np.arange(n), 2)
        else:
            batches = [np.arange(n)]
        raw = _run(n, src, dst, w, directed, batches, n_jobs).sum(axis=0) if n else np.zeros(0)
        se = None
    else:
        k = int(k)
        if not 1 <= k <= n:
            raise OptionError(_("k must be between 1 and the number of nodes ({n}), got {k}").format(n=n, k=k))
        rng = np.random.default_rng(seed)
        nb = min(_SE_BATCHES, k)
        stratified = strata is not None and k < n
        if stratified:
            batches = _systematic(nodes, strata, k, nb, rng)
        else:
            sample = rng.choice(n, size=k, replace=False)
            batches = [np.sort(b) for b in np.array_split(sample, nb)]
        parts = _run(n, src, dst, w, directed, batches, n_jobs if k * src.size > _PARALLEL_WORK else 1)
        sizes = np.array([b.size for b in batches], dtype=np.float64)
        raw = parts.sum(axis=0) * (n / k)
        if nb > 1:
            means = parts / sizes[:, None]  # per-batch mean dependency
            var_mean = means.var(axis=0, ddof=1) / nb
            se = n * np.sqrt(var_mean * (1.0 - k / n))
        else:
            se = np.full(n, np.nan)

    if normalized and n > 2:
        scale = 1.0 / ((n - 1) * (n - 2))
        if not directed:
            scale *= 2.0
        raw = raw * scale
        if se is not None:
            se = se * scale
    df = pd.DataFrame({"id": pd.Series(nodes, dtype=object), "betweenness": raw})
    if se is not None:
        df["betweenness_se"] = se
    return df
