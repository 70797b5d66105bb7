"""Linking pins (Likert 1961) and structural brokers.

Formal pins come from team membership; structural brokers from the person
network (Gould & Fernandez brokerage, betweenness, Burt's constraint,
articulation points); boundary spanners from contacts with external actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import OptionError
from ..i18n import _, format_count
from ..org import Org
from .formal import INFERRED, formal_pins, group_name, inferred_note, pin_groups

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["formal_pins", "linking_pins", "network_measures", "group_pairs", "pin_groups", "group_name",
           "inferred_note", "AUTO_EXACT_MAX", "AUTO_SAMPLES", "INFERRED"]

#: ``betweenness_samples="auto"``: exact betweenness up to this many persons ...
AUTO_EXACT_MAX = 20_000
#: ... and above it an estimate from this many sources, spread over the teams
#: (measured at 10,000 persons: 44-47 of the exact top 50 over three seeds; see bench/README.md).
AUTO_SAMPLES = 6144



def _score(df: pd.DataFrame) -> pd.Series:
    """Rank score in [0, ~1.45]: mean percentile of the structural measures plus
    bonuses for being a cut vertex, a formal pin and an actor's only contact."""
    between = df["b_IO"] + df["b_OI"] + df["b_O"] + df["w_O"]
    parts = [
        df["betweenness"].rank(pct=True, method="average"),
        between.rank(pct=True, method="average"),
        df["effective_size"].fillna(0).rank(pct=True, method="average"),
        (1 - df["constraint"].fillna(1)).rank(pct=True, method="average"),
    ]
    base = sum(parts) / len(parts)
    return (
        base
        + 0.25 * df["articulation_point"].astype(float)
        + 0.10 * (df["formal_pin"] != "none").astype(float)
        + 0.10 * (df["only_contact_for"].map(len) > 0).astype(float)
    )


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
    returned sorted group ids."""
    import numpy as np
    import scipy.sparse as sp

    from ..measures._common import arcs, lookup, sorted_keys

    empty = np.zeros(0, dtype=np.int64)
    names = sorted({g for g in group.values() if g is not None})
    nodes = list(G)
    n = len(nodes)
    if n == 0 or not brokers or not names:
        return empty, empty, empty, empty, names
    index = {v: i for i, v in enumerate(nodes)}
    code_of = {g: i for i, g in enumerate(names)}
    code = np.array([code_of.get(group.get(v), -1) for v in nodes], dtype=np.int64)
    src, dst, _x = arcs(G, nodes, None)
    A = sp.csr_matrix((np.ones(src.size, dtype=np.int8), (src, dst)), shape=(n, n))  # out-arcs
    A.sum_duplicates()
    A.sort_indices()
    AT = A if not G.is_directed() else A.T.tocsr()
    AT.sort_indices()
    keys = sorted_keys(A)
    b_idx = np.array([index[v] for v in brokers], dtype=np.int64)
    din = np.diff(AT.indptr)[b_idx].astype(np.int64)
    dout = np.diff(A.indptr)[b_idx].astype(np.int64)
    work = din * dout
    k = len(names)
    limit = 1_000_000  # 2-paths per chunk: bounds the memory (about 80 MB)
    found, lo = [], 0
    while lo < b_idx.size:
        hi, acc = lo, 0
        while hi < b_idx.size and (hi == lo or acc + work[hi] <= limit):
            acc += int(work[hi])
            hi += 1
        w = work[lo:hi]
        total = int(w.sum())
        if total:
            rep = np.repeat(np.arange(lo, hi), w)
            offs = np.arange(total) - np.repeat(np.cumsum(w) - w, w)
            q = dout[rep]
            a = AT.indices[AT.indptr[b_idx[rep]] + offs // q].astype(np.int64)
            c = A.indices[A.indptr[b_idx[rep]] + offs % q].astype(np.int64)
            ga, gc = code[a], code[c]
            keep = (a != c) & (ga >= 0) & (gc >= 0) & (ga != gc)
            rep, a, c, ga, gc = rep[keep], a[keep], c[keep], ga[keep], gc[keep]
            keep = ~lookup(keys, n, a, c)[1]
            rep, ga, gc = rep[keep], ga[keep], gc[keep]
            uniq, counts = np.unique((rep * k + np.minimum(ga, gc)) * k + np.maximum(ga, gc), return_counts=True)
            found.append((uniq, counts))
        lo = hi
    if not found:
        return empty, empty, empty, empty, names
    flat = np.concatenate([f for f, _x in found])
    cnt = np.concatenate([c for _x, c in found])
    rep, rest = np.divmod(flat, k * k)
    a, b = np.divmod(rest, k)
    order = np.lexsort((b, a, -cnt, rep))
    return rep[order], a[order], b[order], cnt[order], names


def _connects(G, group: dict[str, str | None], brokers: list[str], unit_name: dict[str, str]):
    """``connects`` text and ``groups_connected`` of each broker (lists in broker order)."""
    import numpy as np

    rep, lo, hi, cnt, names = _pair_counts(G, group, brokers)
    labels = [unit_name.get(g, g) for g in names]
    bounds = np.searchsorted(rep, np.arange(len(brokers) + 1)).tolist()
    connects = []
    for i in range(len(brokers)):  # one broker at a time: no list of every pair's text
        a, b, c = (x[bounds[i]:bounds[i + 1]].tolist() for x in (lo, hi, cnt))
        connects.append("; ".join([f"{labels[x]} ↔ {labels[y]} ({z})" for x, y, z in zip(a, b, c)]))
    k = max(len(names), 1)
    ends = np.unique(np.concatenate([rep * k + lo, rep * k + hi])) // k
    groups = np.bincount(ends, minlength=len(brokers)).tolist() if len(brokers) else []
    return connects, groups


def network_measures(org: Org, *, directed: bool = False, comembership: bool = False,
                     betweenness_samples: int | str | None = "auto", seed: int = 0) -> pd.DataFrame:
    """The measures of the person network that do not depend on a grouping.

    Betweenness (exact or estimated, see ``betweenness_samples`` in :func:`linking_pins`),
    Burt's constraint and effective size, and articulation points, per present person
    on the Org's date. :func:`linking_pins` takes the result as ``measures=`` so that
    rankings by team and by department share one computation.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``person_id``: ``betweenness`` (and ``betweenness_se`` when sampled),
        ``constraint``, ``effective_size``, ``articulation_point``,
        ``components_if_removed``; ``attrs``: ``betweenness`` (which mode ran) and the
        options.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> m = network_measures(example_org())
    >>> round(float(m.loc["P1", "betweenness"]), 4), bool(m.loc["P1", "articulation_point"])
    (0.6667, True)
    """
    import pandas as pd

    from ..measures import articulation_points, betweenness, constraint, effective_size

    persons = sorted(org.present)
    cols = ["betweenness", "constraint", "effective_size", "articulation_point", "components_if_removed"]
    k = _samples(betweenness_samples, len(persons))
    mode = "exact" if k is None else _("sampled from {k} of {n} sources (seed {seed})").format(
        k=format_count(k), n=format_count(len(persons)), seed=seed)
    if not persons:
        out = pd.DataFrame(columns=cols, index=pd.Index([], name="person_id"))
    else:
        G = org.person_graph(directed=directed, comembership=comembership)
        strata = {p: (org.unit_of_person(p, "department"), org.home_team(p)) for p in persons}
        bt = betweenness(G, normalized=True, k=k, seed=seed, strata=strata).set_index("id")
        ap = articulation_points(G).set_index("id")
        out = pd.DataFrame({
            "betweenness": bt["betweenness"],
            "constraint": constraint(G).set_index("id")["constraint"],
            "effective_size": effective_size(G).set_index("id")["effective_size"],
            "articulation_point": ap["articulation_point"].astype(bool),
            "components_if_removed": ap["components_if_removed"],
        })
        if "betweenness_se" in bt:
            out["betweenness_se"] = bt["betweenness_se"]
        out.index.name = "person_id"
    out.attrs.update(betweenness=mode, directed=directed, comembership=comembership, samples=k, seed=seed)
    return out


def linking_pins(
    org: Org,
    *,
    by: str = "team",
    comembership: bool = False,
    directed: bool = False,
    top: int | None = None,
    between: tuple[str, str] | None = None,
    betweenness_samples: int | str | None = "auto",
    seed: int = 0,
    measures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Linking pins and knowledge brokers, ranked, with the reasons.

    Combines Likert's formal pins (team membership), Gould–Fernandez brokerage
    between groups (``by`` team or department), betweenness, Burt's constraint
    and effective size, articulation points of the person network, and boundary
    spanning (contacts with external actors), for the present persons on the
    Org's date.

    Parameters
    ----------
    org : Org
        The organisation on one date.
    by : {"team", "department"}
        Groups for brokerage: a person's home team, or its department.
    comembership : bool
        Add a tie between every two members of a team to the reported ties.
    directed : bool
        Use ties as reported (directed); default symmetrised (a tie reported by
        either person counts for both).
    top : int, optional
        Return only the ``top`` highest-ranked people.
    between : (str, str), optional
        Two teams or departments (ids or names): return who links them instead.
    betweenness_samples : "auto", int or None
        ``None``: exact betweenness. An int ``k``: estimate it from ``k`` sources
        sampled systematically across departments and teams (unbiased; see
        :func:`kgraph.measures.betweenness` with ``strata``). ``"auto"`` (default):
        exact up to :data:`AUTO_EXACT_MAX` (20,000) persons, else ``k =``
        :data:`AUTO_SAMPLES` (6,144). ``df.attrs["betweenness"]`` says which was used;
        a sampled run adds the column ``betweenness_se`` (standard error of each
        estimate; see bench/README.md for how well it is calibrated).
    seed : int
        Seed for sampled betweenness.
    measures : pandas.DataFrame, optional
        The result of :func:`network_measures` for the same ``directed``,
        ``comembership``, ``betweenness_samples`` and ``seed`` (computed here when not given).

    Returns
    -------
    pandas.DataFrame
        One row per person, best first: ``rank, person_id, name, team,
        department, formal_pin, teams, connects, groups_connected, w_I, w_O,
        b_IO, b_OI, b_O, brokerage_total, betweenness, constraint,
        effective_size, articulation_point, components_if_removed, actors,
        only_contact_for, score``. With ``between``: ``person_id, name, team,
        department, how, brokered_pairs, ties_to_a, ties_to_b``.

    Notes
    -----
    ``connects`` names the group pairs the person brokers, with the number of
    brokered pairs between each (most first). ``score`` is the mean percentile
    rank of betweenness, between-group brokerage (w_O + b_IO + b_OI + b_O),
    effective size and 1 − constraint, plus 0.25 for an articulation point,
    0.10 for a formal pin and 0.10 for being an actor's only contact.

    References
    ----------
    Likert, R. (1961). *New Patterns of Management*. McGraw-Hill.
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation.
    *Sociological Methodology* 19, 89–126.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40, 35–41.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> df = linking_pins(example_org())
    >>> df[["rank", "person_id", "formal_pin", "articulation_point"]].head(2).values.tolist()
    [[1, 'P1', 'none', True], [2, 'P4', 'none', True]]
    """
    import pandas as pd

    from ..measures import brokerage

    if by not in ("team", "department"):
        raise OptionError(_("--by must be team or department, not '{by}'").format(by=by))
    if between is not None:
        return _between(org, between, comembership=comembership, directed=directed)
    columns = ["rank", "person_id", "name", "team", "department", "formal_pin", "teams", "connects",
               "groups_connected", "w_I", "w_O", "b_IO", "b_OI", "b_O", "brokerage_total", "betweenness",
               "constraint", "effective_size", "articulation_point", "components_if_removed", "actors",
               "only_contact_for", "score"]
    persons = sorted(org.present)
    if measures is None:
        measures = network_measures(org, directed=directed, comembership=comembership,
                                    betweenness_samples=betweenness_samples, seed=seed)
    if not persons:
        out = pd.DataFrame(columns=columns)
        out.attrs["betweenness"] = measures.attrs.get("betweenness", "exact")
        return out
    G = org.person_graph(directed=directed, comembership=comembership)
    group = {p: org.unit_of_person(p, by) for p in persons}
    # persons outside any team form their own group, so they can still broker
    alone = _("(no team)") if by == "team" else _("(no department)")
    groups = {p: (g if g is not None else f"{alone} {p}") for p, g in group.items()}
    df = brokerage(G, group=groups).drop(columns=["group"]).rename(columns={"id": "person_id", "t": "brokerage_total"})
    df = df.set_index("person_id")
    for col in ("betweenness", "constraint", "effective_size", "articulation_point", "components_if_removed"):
        df[col] = measures[col]
    df["articulation_point"] = df["articulation_point"].astype(bool)
    formal = formal_pins(org)
    pins = formal.set_index("person_id")["formal_pin"]
    df["formal_pin"] = pins.reindex(df.index).fillna("none")
    contacts: dict[str, list[str]] = {}
    for p, a, _k, _p in org.edges("CONTACT"):
        if p in org.present:
            contacts.setdefault(a, []).append(p)
    actors = {p: 0 for p in persons}
    only: dict[str, list[str]] = {p: [] for p in persons}
    for a, ps in contacts.items():
        for p in ps:
            actors[p] = actors.get(p, 0) + 1
        if len(ps) == 1:
            only[ps[0]].append(a)
    df["actors"] = pd.Series(actors)
    df["only_contact_for"] = pd.Series({p: sorted(v) for p, v in only.items()})
    df = df.reset_index()
    df["score"] = _score(df)
    df = df.sort_values(["score", "person_id"], ascending=[False, True], kind="mergesort")
    if top is not None:
        df = df.head(top)
    unit_name = {g: org.name(g) for g in set(group.values()) if g is not None}
    df["connects"], df["groups_connected"] = _connects(G, group, df["person_id"].tolist(), unit_name)
    df["name"] = df["person_id"].map(org.name)
    df["team"] = df["person_id"].map(lambda p: org.name(t) if (t := org.home_team(p)) else None)
    df["department"] = df["person_id"].map(lambda p: org.name(d) if (d := org.unit_of_person(p, "department")) else None)
    df["teams"] = df["person_id"].map(lambda p: [org.name(t) for t in org.teams_of(p)])
    df["rank"] = range(1, len(df) + 1)
    out = df[columns].reset_index(drop=True)
    if "betweenness_se" in measures:
        out["betweenness_se"] = out["person_id"].map(measures["betweenness_se"])
    out.attrs["betweenness"] = measures.attrs.get("betweenness", "exact")
    out.attrs["inferred_management"] = formal.attrs["inferred_management"]
    out.attrs["note"] = formal.attrs["note"]
    return out


def _samples(samples: int | str | None, n: int) -> int | None:
    """The number of sampled sources for ``betweenness_samples`` (None: exact)."""
    from ..options import check_samples

    samples = check_samples(samples)
    if samples is None or samples == "exact":
        return None
    if samples == "auto":
        return None if n <= AUTO_EXACT_MAX else min(AUTO_SAMPLES, n)
    return None if samples >= n else samples


def _between(org: Org, pair: tuple[str, str], *, comembership: bool, directed: bool) -> pd.DataFrame:
    """Who links two units: members of both, brokers of pairs across, people with ties into both."""
    import pandas as pd

    a, b = (org.resolve(x, ("Team", "Department")) for x in pair)
    ma, mb = org.members(a, subunits=True), org.members(b, subunits=True)
    G = org.person_graph(directed=directed, comembership=comembership)
    und = G.to_undirected(as_view=True) if directed else G
    rows = []
    for p in sorted(G):
        nbrs = set(und.adj[p])
        to_a, to_b = len(nbrs & ma), len(nbrs & mb)
        both = p in ma and p in mb
        brokered = 0
        if not both and to_a and to_b:
            for x in nbrs & (ma - mb):
                adj = und.adj[x]
                brokered += sum(1 for y in nbrs & (mb - ma) if y != x and y not in adj)
            brokered *= 2  # both directions, as brokerage counts ordered pairs
        if both:
            how, rank = _("member of both"), 0
        elif p in ma and to_b:
            how, rank = _("in {a}, ties into {b}").format(a=org.name(a), b=org.name(b)), 1
        elif p in mb and to_a:
            how, rank = _("in {a}, ties into {b}").format(a=org.name(b), b=org.name(a)), 1
        elif to_a and to_b:
            how, rank = _("ties into both"), 1
        else:
            continue
        rows.append({"person_id": p, "name": org.name(p),
                     "team": org.name(t) if (t := org.home_team(p)) else None,
                     "department": org.name(d) if (d := org.unit_of_person(p, "department")) else None,
                     "how": how, "brokered_pairs": brokered, "ties_to_a": to_a, "ties_to_b": to_b, "_o": rank})
    df = pd.DataFrame(rows, columns=["person_id", "name", "team", "department", "how", "brokered_pairs", "ties_to_a",
                                     "ties_to_b", "_o"])
    df = df.sort_values(["_o", "brokered_pairs", "person_id"], ascending=[True, False, True], kind="mergesort")
    out = df.drop(columns="_o").reset_index(drop=True)
    out.attrs["between"] = (org.name(a), org.name(b))
    return out
