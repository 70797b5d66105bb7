"""The top-k nodes by betweenness, estimated with error bounds by adaptive sampling.

Sources are drawn without replacement in rounds of doubling size (stratified by
connected component); each sampled source runs one Brandes sweep whose dependencies
are *bisection-scaled* (see :mod:`kgraph.measures._brandes`), which cuts the
variance per source about tenfold on organisation networks. After every round each
node gets an estimate and a simultaneous error bound, and the run stops as soon as
the top ``k`` is separated, the nodes it cannot separate are known to within ``eps``,
the budget of sources is spent, or every source has been used (then the values are
exact).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kgraph.errors import OptionError
from kgraph.i18n import _, format_count, format_number
from kgraph.measures._brandes import adjacency, contributions
from kgraph.measures._common import arcs, node_order

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["betweenness_top", "top_k_status", "DEFAULT_SOURCES"]

#: Sources of the first round (per component, or all of a smaller one); rounds double.
_FIRST = 64
#: Sources per kernel call (columns of the dense level arrays).
_BATCH = 32
#: Default budget of sampled sources (``max_sources=None``).
DEFAULT_SOURCES = 2048
#: ``n * m`` above which the sweeps run in worker processes.
_PARALLEL_WORK = 20_000_000
#: Relative rounding allowed for in runs on float32 (path counts and sums).
_F32 = 1e-5
#: The ``_FAVOURED * k`` nodes of highest degree get half of ``delta``.
_FAVOURED = 4
#: Labels of the ``top_k`` column.
IN, UNDECIDED, OUT = "in", "undecided", "out"

_STATE: dict = {}


def _init(A, AT, directed: bool) -> None:
    _STATE.update(A=A, AT=AT, directed=directed)


def _sums(sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-node sum and sum of squares of the contributions of ``sources``."""
    A = _STATE["A"]
    y = contributions(A, _STATE["AT"], sources, _STATE["directed"], A.dtype.type)
    return y.sum(axis=1, dtype=np.float64), np.einsum("ij,ij->i", y, y, dtype=np.float64)


def _schedule(sizes: np.ndarray, cap: int) -> list[np.ndarray]:
    """Sources to use per component after each round: ``_FIRST`` (or all of a small
    component) in round one, then doubling, in proportion to component size, up to
    ``cap`` sources in all (every component keeps at least its first round)."""
    n = int(sizes.sum())
    first = np.minimum(sizes, _FIRST)
    rounds = [first]
    total = max(cap, int(first.sum()))
    target = max(int(first.sum()), _FIRST)
    while rounds[-1].sum() < min(total, n):
        target = min(2 * target, total)
        share = np.ceil(sizes * (target / n)).astype(np.int64)
        rounds.append(np.minimum(sizes, np.maximum(rounds[-1], share)))
        if target >= total:
            break
    return rounds


def top_k_status(low: np.ndarray, high: np.ndarray, k: int) -> np.ndarray:
    """Membership of the top ``k`` from bounds: ``"in"`` where at most ``k - 1`` other
    nodes may be as large, ``"out"`` where ``k`` nodes are surely larger, else
    ``"undecided"`` (exact values: ``low = high``; ties at the cut stay undecided).

    >>> top_k_status(np.array([3.0, 2.0, 2.0, 1.0]), np.array([3.0, 2.0, 2.0, 1.0]), 2).tolist()
    ['in', 'undecided', 'undecided', 'out']
    """
    n = low.size
    if k >= n:
        return np.full(n, IN, dtype=object)
    hs, ls = np.sort(high), np.sort(low)
    rivals = n - np.searchsorted(hs, low, side="left") - 1  # others with high >= my low
    above = n - np.searchsorted(ls, high, side="right")  # nodes with low > my high
    return np.where(rivals <= k - 1, IN, np.where(above >= k, OUT, UNDECIDED)).astype(object)


def betweenness_top(
    G: nx.Graph,
    *,
    k: int = 50,
    eps: float | None = None,
    delta: float = 0.1,
    max_sources: int | None = None,
    seed: int = 0,
    normalized: bool = True,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Estimated betweenness of every node with error bounds, and which nodes are
    certainly in the top ``k``.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Unweighted (hops); directed graphs use directed paths. Self-loops are ignored
        and parallel edges collapse, as in :func:`kgraph.measures.betweenness`.
    k : int, default 50
        Size of the top set (``k >= n`` puts every node in it).
    eps : float, optional
        Resolution: stop once every node that is not yet separated from the cut has an
        error bound of at most ``eps`` (same scale as the values). Default: 5 % of the
        ``k``-th largest estimate.
    delta : float, default 0.1
        The bounds hold for all nodes at once with confidence ``1 - delta``.
    max_sources : int, optional
        Budget of sampled sources (default :data:`DEFAULT_SOURCES`); when it covers
        every node the result is exact.
    seed : int, default 0
        Seed of the source order (numpy ``default_rng``); same seed, same result.
    normalized : bool, default True
        Divide by the number of pairs not containing the node, as
        :func:`kgraph.measures.betweenness` and networkx do.
    n_jobs : int, optional
        Worker processes for large graphs (default up to 2). The result does not
        depend on it.

    Returns
    -------
    pandas.DataFrame
        One row per node sorted by ``str(id)``: ``id``, ``betweenness`` (the
        estimate), ``betweenness_error`` (half-width of the bound, 0 when exact),
        ``betweenness_low`` and ``betweenness_high``, ``rank`` (1 = largest estimate,
        ties by id order) and ``top_k``: ``"in"`` (certainly in the top ``k``:
        fewer than ``k`` other nodes can reach its lower bound), ``"out"`` (``k``
        nodes are certainly larger) or ``"undecided"``. ``df.attrs`` holds
        ``betweenness`` (``"exact"`` or ``"estimated"``), ``confidence``, ``k``,
        ``eps``, ``sources`` (used) and ``nodes``, ``rounds``, ``stopped``
        (``"separated"``, ``"resolution"``, ``"budget"`` or ``"exact"``),
        ``certified`` (nodes ``"in"``), ``unseparated`` (first and last rank of the
        undecided nodes, or ``None``) and ``summary`` (one sentence).

    Notes
    -----
    Betweenness ``b(v) = sum_{s != v != t} sigma_st(v) / sigma_st`` (Freeman 1977;
    unordered pairs when undirected). A uniform sample ``S`` of ``k_C`` of the
    ``n_C`` nodes of each (weakly) connected component ``C`` gives
    ``b_hat(v) = (n_C / k_C) sum_{s in S} y_s(v)``, where ``y_s(v)`` is the
    bisection-scaled dependency of Geisberger, Sanders & Schultes (2008): each
    shortest ``s``-``t`` path through ``v`` counts for ``s`` only when ``v`` lies
    in its half nearer ``t`` (half when in the middle), so summed over all sources
    it is ``b(v)`` and ``b_hat`` is unbiased. Its standard error is
    ``SE = n_C sqrt((1 - k_C / n_C) s_v^2 / k_C)`` with ``s_v^2`` the sample
    variance of ``y_s(v)`` (sampling without replacement); ``r = SE / b_hat`` is
    raised to the 90th percentile of ``r`` among the nodes of similar rank (ranks
    1, 2-3, 4-7, 8-15, ...), for nodes whose sample missed the few sources that
    matter most to them. The bound is ``b_hat exp(-t r) <= b(v) <= b_hat exp(t r)``
    (the log scale allows for the right skew of the contributions) with ``t`` the
    Student quantile (``k_C - 1`` degrees of freedom) at ``delta / (4 M R)`` for the
    ``M = 4 k`` nodes of highest degree and ``delta / (4 (n - M) R)`` for the others:
    a union (Bonferroni) bound over the nodes and the ``R`` rounds planned, fixed
    before sampling, so it holds at the data-dependent stopping round too (the top
    brokers of organisations are among the high-degree nodes and get the narrower
    bounds). A node with no contribution
    in the sample is exactly 0 when every two of its neighbours are adjacent (it is
    then on no shortest path); otherwise its upper bound is the largest upper bound
    among the 1 % smallest positive estimates. Components (or graphs) with every node sampled are
    exact. Runs that cannot end exact use single precision, with a relative
    ``1e-5`` added to the bounds for rounding.

    Each ``b_hat`` is a mean of independent draws, so the normal approximation
    behind ``t`` is asymptotic, not a worst-case guarantee: a worst-case (Hoeffding
    or empirical-Bernstein) bound must allow one unseen source to contribute
    ``n - 2`` and is wider than the values themselves at any affordable sample (see
    ``bench/README.md``, "Top-k betweenness"). The bisection scaling keeps the
    contributions close to normal (their largest about 12-15 times their mean for
    the top nodes of generated organisations, against 140 for plain dependencies);
    the coverage is checked against exact values in the tests and the benchmark.

    Sampling stops when no node is undecided, when every undecided node's bound
    is at most ``eps``, when ``max_sources`` are used or when all are (exact).

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35–41.

    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163–177.

    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
    *International Journal of Bifurcation and Chaos* 17(7), 2303–2318.

    Geisberger, R., Sanders, P., & Schultes, D. (2008). Better approximation of
    betweenness centrality. *ALENEX 2008*, 90–100.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> top = betweenness_top(G, k=2)
    >>> top[["id", "betweenness", "top_k"]].values.tolist()
    [['a', 0.0, 'out'], ['b', 0.6666666666666666, 'in'], ['c', 0.6666666666666666, 'in'], ['d', 0.0, 'out']]
    >>> top.attrs["betweenness"], top.attrs["certified"]
    ('exact', 2)
    """
    k = int(k)
    if k < 1:
        raise OptionError(_("k must be at least 1, not {k}").format(k=k))
    if not 0 < delta < 1:
        raise OptionError(_("delta must lie between 0 and 1, not {d}").format(d=delta))
    if eps is not None and not eps > 0:
        raise OptionError(_("eps must be positive, not {e}").format(e=eps))
    budget = DEFAULT_SOURCES if max_sources is None else int(max_sources)
    if budget < 1:
        raise OptionError(_("max_sources must be at least 1, not {m}").format(m=budget))
    nodes = node_order(G)
    n = len(nodes)
    directed = G.is_directed()
    src, dst, _w = arcs(G, nodes, None)
    A, AT = adjacency(n, src, dst, np.float32)
    if n_jobs is None:
        n_jobs = min(2, os.cpu_count() or 1)

    from scipy.sparse import csgraph  # here: it imports scipy.linalg (0.2 s), which exact betweenness never needs

    ncomp, label = csgraph.connected_components(A, directed=True, connection="weak") if n else (0, np.zeros(0, int))
    sizes = np.bincount(label, minlength=ncomp).astype(np.int64)
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n)
    members = [perm[label[perm] == c] for c in range(ncomp)]  # random order within each component
    rounds = _schedule(sizes, budget) if n else [np.zeros(0, np.int64)]
    n_rounds = len(rounds)
    if (rounds[-1] == sizes).all():  # the run may end exact: double precision
        A, AT = A.astype(np.float64), AT.astype(np.float64)
    alpha = _alpha(A, AT, k, delta, n_rounds)

    s1, s2 = np.zeros(n), np.zeros(n)
    used = np.zeros(ncomp, dtype=np.int64)
    pool = None
    if n_jobs > 1 and n * max(src.size, 1) > _PARALLEL_WORK:
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        pool = ProcessPoolExecutor(max_workers=n_jobs, mp_context=mp.get_context(method),
                                   initializer=_init, initargs=(A, AT, directed))
    else:
        _init(A, AT, directed)
    try:
        for r, plan in enumerate(rounds, start=1):
            new = [members[c][used[c]:plan[c]] for c in range(ncomp) if plan[c] > used[c]]
            chosen = np.concatenate(new) if new else np.zeros(0, np.int64)
            batches = [chosen[i:i + _BATCH] for i in range(0, chosen.size, _BATCH)]
            results = pool.map(_sums, batches) if pool is not None else map(_sums, batches)
            for a, b in results:  # fixed order: the sums do not depend on n_jobs
                s1 += a
                s2 += b
            used = plan
            est, low, high = (_scale(x, n, directed, normalized) for x in
                              _bounds(s1, s2, label, sizes, used, alpha))
            _unseen(est, low, high, used[label] < sizes[label], A, AT, directed)
            if A.dtype == np.float32:  # room for the rounding of single precision
                low, high = low * (1 - _F32), high * (1 + _F32)
            err = np.maximum(high - est, est - low)
            status = top_k_status(low, high, k)
            exact = bool((used == sizes).all())
            undecided = status == UNDECIDED
            kth = np.sort(est)[::-1][min(k, n) - 1] if n else 0.0
            resolution = eps if eps is not None else 0.05 * kth
            if exact or not undecided.any() or (err[undecided] <= resolution).all() or r == n_rounds:
                stopped = ("exact" if exact else "separated" if not undecided.any()
                           else "resolution" if (err[undecided] <= resolution).all() else "budget")
                break
    finally:
        if pool is not None:
            pool.shutdown()

    order = np.lexsort((np.arange(n), -est))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    df = pd.DataFrame({
        "id": pd.Series(nodes, dtype=object), "betweenness": est, "betweenness_error": err,
        "betweenness_low": low, "betweenness_high": high, "rank": rank,
        "top_k": pd.Series(status, dtype=object),
    })
    unsep = (int(rank[undecided].min()), int(rank[undecided].max())) if undecided.any() else None
    df.attrs.update({
        "betweenness": "exact" if exact else "estimated", "confidence": 1 - delta, "k": k,
        "eps": float(resolution), "sources": int(used.sum()), "nodes": n, "rounds": r,
        "stopped": stopped, "certified": int((status == IN).sum()), "unseparated": unsep,
    })
    at_cut = float(err[order[min(k, n) - 1]]) if n else 0.0
    df.attrs["error_at_k"] = at_cut
    df.attrs["summary"] = _summary(df.attrs, at_cut)
    return df


def _alpha(A, AT, k: int, delta: float, rounds: int) -> np.ndarray:
    """Two-sided error level per node: half of ``delta`` for the ``4 k`` nodes of highest
    degree (where the top brokers are; chosen before sampling, so the union bound
    holds), half for the rest, each split evenly over its nodes and the rounds."""
    n = A.shape[0]
    favoured = min(n, _FAVOURED * k)
    if favoured >= n:
        return np.full(n, delta / (2 * max(n, 1) * rounds))
    degree = np.diff(A.indptr) + np.diff(AT.indptr)
    alpha = np.full(n, delta / 2 / (2 * (n - favoured) * rounds))
    alpha[np.argsort(-degree, kind="stable")[:favoured]] = delta / 2 / (2 * favoured * rounds)
    return alpha


def _bounds(s1, s2, label, sizes, used, alpha):
    """Estimate, lower and upper bound per node (raw betweenness), see Notes."""
    n_c = sizes[label].astype(float)
    k_c = used[label].astype(float)
    mean = s1 / np.maximum(k_c, 1)
    est = n_c * mean
    var = np.maximum(s2 - k_c * mean * mean, 0.0) / np.maximum(k_c - 1, 1)
    fpc = np.maximum(1.0 - k_c / np.maximum(n_c, 1), 0.0)
    se = n_c * np.sqrt(fpc * var / np.maximum(k_c, 1))
    rel = np.divide(se, est, out=np.zeros_like(est), where=est > 0)
    rel = np.maximum(rel, _pooled(est, rel))
    from scipy import special  # here: importing it costs 0.1 s, which exact betweenness never needs

    # the upper alpha-quantile of Student's t (scipy.stats.t.isf, without importing scipy.stats)
    q = np.minimum(-special.stdtrit(np.maximum(k_c - 1, 1), alpha) * rel, 600.0)
    sampled = k_c < n_c
    low = np.where(sampled, est * np.exp(-q), est)
    high = np.where(sampled, est * np.exp(q), est)
    return est, low, high


def _unseen(est, low, high, sampled, A, AT, directed) -> None:
    """Upper bounds, in place, for sampled nodes without any contribution in the sample.

    A node lies on no shortest path at all when every pair of its neighbours is
    adjacent (directed: an arc from each in- to each out-neighbour); its 0 is exact.
    Any other node with estimate 0 merely had no source in the sample that counts
    for it: it gets the largest upper bound of the smallest positive estimates
    (the lowest 1 %, at least 8 nodes), the nodes it cannot be told apart from.
    """
    zero = np.flatnonzero(sampled & (est == 0))
    if zero.size == 0:
        return
    positive = np.flatnonzero(sampled & (est > 0))
    if positive.size:
        low_end = positive[np.argsort(est[positive], kind="stable")[:max(8, positive.size // 100)]]
        ceiling = float(high[low_end].max())
    else:
        ceiling = np.inf
    for v in zero:
        if not _on_no_path(A, AT, int(v), directed):
            high[v] = ceiling


def _on_no_path(A, AT, v: int, directed: bool) -> bool:
    """Whether ``v`` lies on no shortest path: no two neighbours ``a -> v -> b`` lack
    the shortcut ``a -> b`` (then ``a, v, b`` would be a shortest path)."""
    outs = A.indices[A.indptr[v]:A.indptr[v + 1]]
    ins = AT.indices[AT.indptr[v]:AT.indptr[v + 1]] if directed else outs
    if ins.size == 0 or outs.size == 0:
        return True
    arcs_between = A[ins][:, outs].nnz  # A has no loops, so a -> a never counts
    return arcs_between >= ins.size * outs.size - np.intersect1d(ins, outs).size


def _pooled(est: np.ndarray, rel: np.ndarray) -> np.ndarray:
    """90th percentile of the relative standard errors of the nodes with similar
    estimates (ranks 1, 2-3, 4-7, 8-15, ... by estimate): a floor for nodes whose
    sample missed the few sources that matter most to them."""
    n = est.size
    order = np.argsort(-est, kind="stable")
    floor = np.zeros(n)
    lo, width = 0, 1
    while lo < n:
        idx = order[lo:lo + width]
        pos = rel[idx][est[idx] > 0]
        if pos.size:
            floor[idx] = np.quantile(pos, 0.9)
        lo, width = lo + width, 2 * width
    return floor


def _scale(x: np.ndarray, n: int, directed: bool, normalized: bool) -> np.ndarray:
    """Raw counts to the normalised scale of :func:`kgraph.measures.betweenness`."""
    if not normalized or n <= 2:
        return x
    return x * ((1.0 if directed else 2.0) / ((n - 1) * (n - 2)))


def _summary(attrs: dict, width: float) -> str:
    """One sentence on what the result certifies."""
    if attrs["betweenness"] == "exact" and attrs["unseparated"] is None:
        return _("exact betweenness; the top {k} is separated").format(k=attrs["k"])
    conf = int(round(100 * attrs["confidence"]))
    head = _("{c} of the top {k} certified ({p} % confidence, {s} of {n} sources)").format(
        c=attrs["certified"], k=attrs["k"], p=conf, s=format_count(attrs["sources"]), n=format_count(attrs["nodes"]))
    if attrs["unseparated"] is None:
        return head
    first, last = attrs["unseparated"]
    if attrs["betweenness"] == "exact":
        return head + "; " + _("ranks {a}–{b} are tied at the cut").format(a=first, b=last)
    error = f"{width:.1e}".replace(".", format_number(0.5)[1])  # the language's decimal sign
    return head + "; " + _("ranks {a}–{b} cannot be separated (error ±{e} at rank {k})").format(
        a=first, b=last, e=error, k=min(attrs["k"], attrs["nodes"]))

