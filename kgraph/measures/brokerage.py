"""Gould–Fernandez brokerage roles, as computed by R ``sna::brokerage``.

A node ``v`` *brokers* the ordered pair ``(a, c)`` when ``a -> v -> c``, ``a != c`` and
there is no ``a -> c`` tie (a ``c -> a`` tie does not matter; weights are ignored). The
five roles are told apart by the groups of ``a``, ``v`` and ``c``.

The counts are computed with sparse matrix algebra: for each broker the number of
(in-neighbour, out-neighbour) pairs per group class, minus the pairs ``a = c`` and the
pairs closed by a direct ``a -> c`` tie. A closed pair is a triangle of the undirected
skeleton, so the closed pairs are listed explicitly from the (few) triangles, found with
one sparse product of the degree-ordered adjacency matrix.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kgraph.errors import InputError
from kgraph.i18n import _, ngettext
from kgraph.measures._common import arcs, node_order, positions, skeleton_triangles
from kgraph.measures.net import Net

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["brokerage", "brokerage_global", "ROLES"]

#: Role columns in sna's order: coordinator, itinerant, representative, gatekeeper,
#: liaison, total.
ROLES: tuple[str, ...] = ("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")


# --------------------------------------------------------------------------- helpers
def _groups(G: nx.Graph, nodes: list[Hashable], group: str | Mapping) -> list:
    """Group value of every node in ``nodes`` (attribute name or mapping)."""
    if isinstance(group, Mapping):
        missing = [v for v in nodes if v not in group]
        values = [group.get(v) for v in nodes]
    elif isinstance(G, Net):  # no node attributes: every node lacks the group
        missing, values = list(nodes), [None] * len(nodes)
    else:
        attrs = G.nodes
        missing = [v for v in nodes if group not in attrs[v]]
        values = [attrs[v].get(group) for v in nodes]
    if missing:
        shown = ", ".join(repr(v) for v in missing[:5])
        raise InputError(
            ngettext("{n} node has no group {group!r}: {shown}", "{n} nodes have no group {group!r}: {shown}",
                     len(missing)).format(n=len(missing), group=group, shown=shown),
            hint=_("give every node a group (attribute name or dict node -> group)"),
        )
    return values


def _codes(values: list) -> np.ndarray:
    """Integer class codes in order of first appearance (like R's ``unique``)."""
    seen: dict = {}
    return np.fromiter((seen.setdefault(x, len(seen)) for x in values), dtype=np.int64, count=len(values))


def _arcs(G: nx.Graph, nodes: list[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct non-loop arcs; undirected edges become two arcs."""
    src, dst, _w = arcs(G, nodes, None)
    return src, dst


def _csr(n: int, rows: np.ndarray, cols: np.ndarray) -> sp.csr_matrix:
    """Binary CSR matrix with sorted column indices (duplicates must not occur)."""
    M = sp.csr_matrix((np.ones(rows.size, dtype=np.int64), (rows, cols)), shape=(n, n))
    M.sort_indices()
    return M


def _closed_triples(A: sp.csr_matrix, symmetric: bool, tri: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """All ``(a, v, c)`` with arcs ``a -> v``, ``v -> c`` and ``a -> c`` (distinct nodes).

    Each triangle ``tri`` of the undirected skeleton is listed once, then each of its
    six orderings is checked against the arcs of ``A``.
    """
    x, y, z = tri
    if symmetric:  # every ordering of a triangle is a closed triple
        return (
            np.concatenate([x, x, y, y, z, z]),
            np.concatenate([y, z, x, z, x, y]),
            np.concatenate([z, y, z, x, y, x]),
        )
    out_a, out_v, out_c = [], [], []
    for a, v, c in ((x, y, z), (x, z, y), (y, x, z), (y, z, x), (z, x, y), (z, y, x)):
        keep = (positions(A, a, v) >= 0) & (positions(A, v, c) >= 0) & (positions(A, a, c) >= 0)
        out_a.append(a[keep])
        out_v.append(v[keep])
        out_c.append(c[keep])
    return np.concatenate(out_a), np.concatenate(out_v), np.concatenate(out_c)


def _role(ga: np.ndarray, gv: np.ndarray, gc: np.ndarray) -> np.ndarray:
    """Role index (0 w_I, 1 w_O, 2 b_IO, 3 b_OI, 4 b_O) of 2-paths by group codes."""
    return np.where(
        ga == gv,
        np.where(gv == gc, 0, 2),
        np.where(gv == gc, 3, np.where(ga == gc, 1, 4)),
    )


def _counts(
    n: int, src: np.ndarray, dst: np.ndarray, code: np.ndarray, symmetric: bool, tri: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Raw brokerage counts, shape ``(n, 6)`` (int64), columns as :data:`ROLES`.

    ``src, dst`` are distinct non-loop arcs; ``symmetric`` says every arc is reciprocated
    (undirected input), which skips the reciprocity and orientation checks; ``tri`` the
    triangles of the undirected skeleton (:func:`~kgraph.measures._common.skeleton_triangles`).
    """
    out = np.zeros((n, 6), dtype=np.int64)
    if n == 0 or src.size == 0:
        return out
    k = int(code.max()) + 1
    same = code[src] == code[dst]
    # in-/out-neighbours of each broker in its own group (s) and in other groups (d)
    I_s = np.bincount(dst[same], minlength=n)
    I_d = np.bincount(dst[~same], minlength=n)
    O_s = np.bincount(src[same], minlength=n)
    O_d = np.bincount(src[~same], minlength=n)
    # sum over groups h of (#in-neighbours in h) * (#out-neighbours in h)
    ones = np.ones(src.size, dtype=np.int64)
    Min = sp.csr_matrix((ones, (dst, code[src])), shape=(n, k))
    Mout = sp.csr_matrix((ones, (src, code[dst])), shape=(n, k))
    same_class_pairs = np.asarray(Min.multiply(Mout).sum(axis=1)).ravel().astype(np.int64)
    sh = same_class_pairs - I_s * O_s  # a, c in one group other than v's (a = c included)
    # a = c: reciprocated arcs v <-> a
    A = _csr(n, src, dst)
    if symmetric:
        rs, rd = src[same], src[~same]
    else:
        R = A.multiply(A.T).tocoo()
        rsame = code[R.row] == code[R.col]
        rs, rd = R.row[rsame], R.row[~rsame]
    r_s = np.bincount(rs, minlength=n)
    r_d = np.bincount(rd, minlength=n)
    # closed pairs (a -> c present), by role
    a, v, c = _closed_triples(A, symmetric, tri)
    closed = np.bincount(v * 5 + _role(code[a], code[v], code[c]), minlength=5 * n).reshape(n, 5)

    out[:, 0] = I_s * O_s - r_s - closed[:, 0]  # w_I   A -> A -> A
    out[:, 1] = sh - r_d - closed[:, 1]  # w_O   A -> B -> A
    out[:, 2] = I_s * O_d - closed[:, 2]  # b_IO  A -> A -> B
    out[:, 3] = I_d * O_s - closed[:, 3]  # b_OI  A -> B -> B
    out[:, 4] = I_d * O_d - sh - closed[:, 4]  # b_O   A -> B -> C
    out[:, 5] = out[:, :5].sum(axis=1)
    return out


def _moments(code: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """sna's expectations and variances under a random graph of equal density.

    Returns ``(e_node, v_node, e_glob, v_glob)``: per-class arrays of shape ``(k, 6)``
    and global arrays of shape ``(6,)``.  Integer parts are computed exactly.
    """
    N = int(code.size)
    k = int(code.max()) + 1 if N else 0
    n_int = np.bincount(code, minlength=k).astype(np.int64)
    n = n_int.astype(np.float64)
    Nf = float(N)
    d = m / (Nf * (Nf - 1.0)) if N > 1 else float("nan")
    q = d * d * (1.0 - d)
    a3 = d**3 * (1.0 - d) ** 3
    a4 = d**4 * (1.0 - d) ** 2
    a5 = d**5 * (1.0 - d)

    def c2(x: np.ndarray) -> np.ndarray:
        return x * (x - 1) // 2

    ni = n_int
    P = [int((ni.astype(object) ** s).sum()) if k else 0 for s in range(4)]  # exact power sums
    e = np.zeros((k, 6))
    v = np.zeros((k, 6))
    # coordinator w_I
    t1 = (ni - 1) * (ni - 2)
    e[:, 0] = q * t1
    v[:, 0] = e[:, 0] * (1 - q) + 2 * (t1 * (ni - 3)) * a3
    # itinerant w_O: sums over the other classes
    s2 = ni * (ni - 1)
    s3 = s2 * (ni - 2)
    e[:, 1] = q * (int(s2.sum()) - s2)
    v[:, 1] = e[:, 1] * (1 - q) + 2 * (int(s3.sum()) - s3) * a3
    # representative b_IO and gatekeeper b_OI
    e[:, 2] = q * ((N - ni) * (ni - 1))
    v[:, 2] = e[:, 2] * (1 - q) + 2 * ((ni - 1) * c2(N - ni) + (N - ni) * c2(ni - 1)) * a3
    e[:, 3], v[:, 3] = e[:, 2], v[:, 2]
    # liaison b_O: sum_{j != i} n_j * choose(N - n_j - n_i, 2), expanded in power sums
    big = N > 1_000_000  # int64 exactness needs N^3 < 9.2e18
    nn = ni.astype(object) if big else ni
    u = N - nn
    Q1, Q2, Q3 = P[1] - nn, P[2] - nn**2, P[3] - nn**3
    liaison_pairs = (P[1] - nn) ** 2 - Q2
    choose_sum = ((u * u - u) * Q1 + (1 - 2 * u) * Q2 + Q3) // 2
    e[:, 4] = q * np.asarray(liaison_pairs, dtype=np.float64)
    v[:, 4] = e[:, 4] * (1 - q) + 4 * np.asarray(choose_sum, dtype=np.float64) * a3
    # total t
    e[:, 5] = q * ((N - 1) * (N - 2))
    v[:, 5] = e[:, 5] * (1 - q) + 2 * ((N - 1) * (N - 2) * (N - 3)) * a3

    eg = np.zeros(6)
    vg = np.zeros(6)
    eg[0] = q * int(s3.sum())
    vg[0] = eg[0] * (1 - q) + float(np.sum(s3 * ((4 * n - 10) * a3 - 4 * (n - 3) * a4 + (n - 3) * a5)))
    x = n * (Nf - n) * (n - 1)
    eg[1] = q * float(np.sum(x))
    # sna: sum(outer(n, n, f)) - sum(diag); summed here over i != j without cancellation
    xx = n * (n - 1)
    others1 = (P[1] - ni).astype(np.float64)  # sum_{j != i} n_j, exact
    others2 = (P[2] - ni * ni).astype(np.float64)  # sum_{j != i} n_j^2, exact
    off = xx * (((2 * n - 6) * a3 + (Nf - n - 1) * a5) * others1 + 2 * a3 * others2)
    vg[1] = eg[1] * (1 - q) + float(np.sum(off))
    eg[2] = eg[1]
    vg[2] = eg[2] * (1 - q) + float(np.sum(x * ((Nf - 3) * a3 + (n - 2) * a5)))
    eg[3], vg[3] = eg[2], vg[2]
    eg[4] = q * (N * P[1] ** 2 - 2 * P[1] * P[2] - N * P[2] + 2 * P[3])

    def distinct(p: int, r: int, s: int) -> int:  # sum over distinct ordered triples
        S = lambda j: int((ni.astype(object) ** j).sum()) if k else 0  # noqa: E731
        return S(p) * S(r) * S(s) - S(p + r) * S(s) - S(p + s) * S(r) - S(r + s) * S(p) + 2 * S(p + r + s)

    c0 = (4 * Nf - 2) * a3 - (4 * Nf - 2) * a4 + (Nf - 1) * a5
    c1 = -8 * a3 + 8 * a4 - 2 * a5
    vg[4] = eg[4] * (1 - q) + c0 * distinct(1, 1, 1) + c1 * distinct(2, 1, 1)
    tot = N * (N - 1) * (N - 2)
    eg[5] = q * tot
    vg[5] = eg[5] * (1 - q) + tot * ((4 * Nf - 10) * a3 - 4 * (Nf - 3) * a4 + (Nf - 3) * a5)
    return e, v, eg, vg


def _zscore(raw: np.ndarray, exp: np.ndarray, var: np.ndarray) -> np.ndarray:
    sd = np.sqrt(np.maximum(var, 0.0))  # rounding can leave -1e-15 where sna has 0
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (raw - exp) / sd
    return np.where(sd == 0, np.nan, z)


def _prepare(G: nx.Graph, group: str | Mapping):
    nodes = node_order(G)
    values = _groups(G, nodes, group)
    code = _codes(values)
    src, dst = _arcs(G, nodes)
    return nodes, values, code, src, dst


# --------------------------------------------------------------------------- public
def brokerage(G: nx.Graph, *, group: str | Mapping, z: bool = False) -> pd.DataFrame:
    """Gould–Fernandez brokerage roles of every node, exactly as R ``sna::brokerage``.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        The network. Undirected edges count as two arcs; parallel edges collapse;
        self-loops and weights are ignored.
    group : str or mapping
        Node attribute holding each node's group, or a mapping node -> group. Every
        node needs a group (else :class:`kgraph.errors.InputError`).
    z : bool, default False
        Return sna's z-scores (``z.nli``) instead of the raw counts (``raw.nli``).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, group, w_I, w_O, b_IO, b_OI, b_O, t``, one row per node sorted by
        ``str(id)``. Raw counts are ``int64``; z-scores are floats, NaN where sna's
        standard deviation is 0.

    Notes
    -----
    Node ``v`` brokers the ordered pair ``(a, c)`` when ``a -> v -> c``, ``a != c``
    and there is no arc ``a -> c`` (an arc ``c -> a`` does not matter). With groups
    ``g``: coordinator ``w_I`` (A -> A -> A), itinerant ``w_O`` (A -> B -> A),
    representative ``b_IO`` (A -> A -> B), gatekeeper ``b_OI`` (A -> B -> B), liaison
    ``b_O`` (A -> B -> C); ``t`` is their sum.

    Counting is vectorised: for broker ``v`` with in-/out-neighbour counts per class
    the open pairs are ``|in| * |out|`` per class combination, minus the reciprocal
    pairs (``a = c``) and minus the closed pairs; a closed pair ``a -> v -> c`` with
    ``a -> c`` is a triangle of the undirected skeleton, so the closed pairs are
    enumerated from the triangles (degree-ordered sparse product ``L @ L``) and
    classified by role. Cost about O(m + sum_v d+(v) d-(v)) for the oriented degrees.

    The z-scores are ``(raw - E) / sd`` with sna's moments under a Bernoulli graph of
    density ``d = m / (N (N - 1))`` (``m`` arcs): for a broker in a class of size
    ``n_i``, e.g. ``E[w_I] = d^2 (1 - d) (n_i - 1)(n_i - 2)`` and
    ``Var[w_I] = E (1 - d^2 (1 - d)) + 2 (n_i - 1)(n_i - 2)(n_i - 3) d^3 (1 - d)^3``;
    the other roles follow sna 2.7's ``brokerage`` source term by term.

    References
    ----------
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach
    to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

    Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
    Software* 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "v"), ("v", "c")])
    >>> nx.set_node_attributes(G, {"a": 1, "v": 1, "c": 2}, "dept")
    >>> brokerage(G, group="dept").loc[1].to_dict()
    {'id': 'c', 'group': 2, 'w_I': 0, 'w_O': 0, 'b_IO': 0, 'b_OI': 0, 'b_O': 0, 't': 0}
    >>> int(brokerage(G, group="dept").set_index("id").loc["v", "b_IO"])
    1
    """
    nodes, values, code, src, dst = _prepare(G, group)
    raw = _counts(len(nodes), src, dst, code, not G.is_directed(), skeleton_triangles(G))
    if z:
        if len(nodes):
            e, v, _x, _y = _moments(code, int(src.size))
            data = _zscore(raw.astype(np.float64), e[code], v[code])
        else:
            data = raw.astype(np.float64)
    else:
        data = raw
    df = pd.DataFrame(data, columns=list(ROLES))
    df.insert(0, "group", pd.Series(values, dtype=object))
    df.insert(0, "id", pd.Series(nodes, dtype=object))
    return df


def brokerage_global(G: nx.Graph, *, group: str | Mapping) -> pd.DataFrame:
    """Network-level Gould–Fernandez brokerage with sna's expectations and z-scores.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        The network (as for :func:`brokerage`).
    group : str or mapping
        Node attribute name or mapping node -> group.

    Returns
    -------
    pandas.DataFrame
        One row per role ``w_I, w_O, b_IO, b_OI, b_O, t`` with columns ``role, raw``
        (total count over all brokers, int), ``expected``, ``sd`` and ``z``
        (NaN where ``sd`` is 0), as ``raw.gli, exp.gli, sd.gli, z.gli`` of
        ``sna::brokerage``.

    Notes
    -----
    With class sizes ``n_i``, ``N`` nodes, density ``d`` and ``q = d^2 (1 - d)``:
    ``E[w_I] = q sum_i n_i (n_i - 1)(n_i - 2)``,
    ``E[w_O] = E[b_IO] = E[b_OI] = q sum_i n_i (N - n_i)(n_i - 1)``,
    ``E[b_O] = q (sum_{i,j} n_i n_j (N - n_i - n_j) - sum_i n_i^2 (N - 2 n_i))`` and
    ``E[t] = q N (N - 1)(N - 2)``; the variances are sna's (Gould & Fernandez 1989,
    appendix), evaluated with power sums instead of sna's loops over classes.

    References
    ----------
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach
    to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "v"), ("v", "c")])
    >>> tab = brokerage_global(G, group={"a": 1, "v": 1, "c": 2})
    >>> tab[["role", "raw"]].values.tolist()
    [['w_I', 0], ['w_O', 0], ['b_IO', 1], ['b_OI', 0], ['b_O', 0], ['t', 1]]
    >>> round(float(tab.loc[5, "expected"]), 4)  # d = 1/3: d^2 (1 - d) * 3 * 2 * 1 = 4/9
    0.4444
    """
    nodes, _groups, code, src, dst = _prepare(G, group)
    raw = _counts(len(nodes), src, dst, code, not G.is_directed(), skeleton_triangles(G)).sum(axis=0)
    if len(nodes):
        _x, _y, eg, vg = _moments(code, int(src.size))
    else:
        eg = np.full(6, np.nan)
        vg = np.full(6, np.nan)
    return pd.DataFrame(
        {
            "role": list(ROLES),
            "raw": raw.astype(np.int64),
            "expected": eg,
            "sd": np.sqrt(np.maximum(vg, 0.0)),
            "z": _zscore(raw.astype(np.float64), eg, vg),
        }
    )


def _brokerage_loop(G: nx.Graph, *, group: str | Mapping) -> pd.DataFrame:
    """Pure-Python reference implementation of :func:`brokerage` raw counts.

    Walks every 2-path ``a -> v -> c`` as sna's C code does; used by the tests and
    benchmarks to check the vectorised counts. Returns the same frame.
    """
    nodes = node_order(G)
    values = _groups(G, nodes, group)
    g = dict(zip(nodes, values))
    if G.is_directed():
        succ = {v: set(G.successors(v)) - {v} for v in nodes}
    else:
        succ = {v: set(G.neighbors(v)) - {v} for v in nodes}
    counts = {v: [0, 0, 0, 0, 0] for v in nodes}
    for a in nodes:
        out_a = succ[a]
        for v in out_a:
            for c in succ[v]:
                if c == a or c in out_a:
                    continue
                ga, gv, gc = g[a], g[v], g[c]
                if ga == gv:
                    role = 0 if gv == gc else 2
                elif gv == gc:
                    role = 3
                elif ga == gc:
                    role = 1
                else:
                    role = 4
                counts[v][role] += 1
    raw = np.array([[*counts[v], sum(counts[v])] for v in nodes], dtype=np.int64).reshape(-1, 6)
    df = pd.DataFrame(raw, columns=list(ROLES))
    df.insert(0, "group", pd.Series(values, dtype=object))
    df.insert(0, "id", pd.Series(nodes, dtype=object))
    return df
