"""Linking pins (Likert 1961) and structural brokers.

Formal pins come from team membership; structural brokers from the person
network (Gould & Fernandez brokerage, betweenness, Burt's constraint,
articulation points); boundary spanners from contacts with external actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import OptionError
from ..i18n import _
from ..org import Org
from ._pairs import _connects, group_pairs
from .network import person_net
from .formal import INFERRED, formal_pins, group_name, inferred_note, pin_groups

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["formal_pins", "linking_pins", "network_measures", "group_pairs", "pin_groups", "group_name",
           "inferred_note", "AUTO_EXACT_MAX", "TOP_K", "CONFIDENCE", "sources_budget", "INFERRED"]

#: ``betweenness_samples="auto"``: exact betweenness up to this many persons (about 2 s of
#: igraph on 2 cores), above it the certified top-k estimate (see bench/README.md, issue 15)
AUTO_EXACT_MAX = 3_000
#: the estimate certifies who is in the top ``TOP_K`` by betweenness ...
TOP_K = 50
#: ... with every bound holding at once with this confidence
CONFIDENCE = 0.9
#: columns the betweenness adds to the ranking: its method and its guarantee
GUARANTEE_COLUMNS = ["betweenness_method", "betweenness_low", "betweenness_high", "betweenness_confidence",
                     "betweenness_rank", "betweenness_top"]



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


def sources_budget(n: int) -> int:
    """The sources the estimate samples at most for ``n`` persons by default: 2,048 up to
    20,000 persons, 1,024 above (measured in bench/README.md, "Top-k betweenness")."""
    return 2048 if n <= 20_000 else 1024


def network_measures(org: Org, *, directed: bool = False, comembership: bool = False,
                     betweenness_samples: int | str | None = "auto", seed: int = 0) -> pd.DataFrame:
    """The measures of the person network that do not depend on a grouping.

    Betweenness (exact, or the certified top-k estimate: see ``betweenness_samples`` in
    :func:`linking_pins`), Burt's constraint and effective size, and articulation points,
    per present person on the Org's date. :func:`linking_pins` takes the result as
    ``measures=`` so that rankings by team and by department share one computation.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``person_id``: ``betweenness``, its guarantee
        (``betweenness_method`` "exact" or "estimated", ``betweenness_low`` and
        ``betweenness_high``, the bound, equal to the value when exact,
        ``betweenness_confidence``, 1 when exact, ``betweenness_rank``, 1 = largest, and
        ``betweenness_top``: "in", "undecided" or "out" of the top :data:`TOP_K` by
        betweenness), ``constraint``,
        ``effective_size``, ``articulation_point``, ``components_if_removed``;
        ``attrs``: ``betweenness`` ("exact" or "estimated"), ``betweenness_summary``
        (one sentence: what is certain), ``guarantee`` (the estimate's figures) and the
        options.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> m = network_measures(example_org())
    >>> round(float(m.loc["P1", "betweenness"]), 4), bool(m.loc["P1", "articulation_point"])
    (0.6667, True)
    >>> m.attrs["betweenness"], m.loc["P1", "betweenness_method"]
    ('exact', 'exact')
    """
    import numpy as np
    import pandas as pd

    from ..measures import articulation_points, betweenness, betweenness_top, constraint, effective_size
    from ..measures.topk import top_k_status

    persons = sorted(org.present)
    cols = ["betweenness", *GUARANTEE_COLUMNS, "constraint", "effective_size", "articulation_point",
            "components_if_removed"]
    budget = _samples(betweenness_samples, len(persons))
    guarantee: dict = {}
    if not persons:
        out = pd.DataFrame(columns=cols, index=pd.Index([], name="person_id"))
        mode, text = "exact", _("no persons")
    else:
        G = person_net(org, directed=directed, comembership=comembership)  # the arrays every measure shares
        if budget is None:
            bt = betweenness(G, normalized=True).set_index("id")
            value = bt["betweenness"]
            low = high = value
            confidence = 1.0
            top = top_k_status(value.to_numpy(), value.to_numpy(), TOP_K)
            rank = np.empty(len(value), dtype=np.int64)  # 1 = largest, ties in id order (as the estimate ranks)
            rank[np.lexsort((np.arange(len(value)), -value.to_numpy()))] = np.arange(1, len(value) + 1)
            mode = "exact"
            text = _("exact")
        else:
            bt = betweenness_top(G, k=TOP_K, delta=1 - CONFIDENCE, max_sources=budget, seed=seed).set_index("id")
            value, low, high, top = bt["betweenness"], bt["betweenness_low"], bt["betweenness_high"], bt["top_k"]
            rank = bt["rank"].to_numpy()
            mode = bt.attrs["betweenness"]
            confidence = 1.0 if mode == "exact" else bt.attrs["confidence"]
            text = bt.attrs["summary"]
            guarantee = {key: bt.attrs[key] for key in ("k", "confidence", "sources", "nodes", "stopped", "certified",
                                                         "unseparated", "error_at_k")}
        ap = articulation_points(G).set_index("id")
        out = pd.DataFrame({
            "betweenness": value,
            "betweenness_method": mode,
            "betweenness_low": low,
            "betweenness_high": high,
            "betweenness_confidence": confidence,
            "betweenness_rank": rank,
            "betweenness_top": np.asarray(top, dtype=object),
            "constraint": constraint(G).set_index("id")["constraint"],
            "effective_size": effective_size(G).set_index("id")["effective_size"],
            "articulation_point": ap["articulation_point"].astype(bool),
            "components_if_removed": ap["components_if_removed"],
        })
        out.index.name = "person_id"
    out.attrs.update(betweenness=mode, betweenness_summary=text, guarantee=guarantee, directed=directed,
                     comembership=comembership, samples=budget, seed=seed)
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
    betweenness_samples : "auto", "exact", int or None
        ``"exact"`` or ``None``: exact betweenness (Brandes, in igraph). An int ``N``:
        the certified top-k estimate (:func:`kgraph.measures.betweenness_top`, adaptive
        source sampling with error bounds) from at most ``N`` sampled sources; exact
        when ``N`` covers every person. ``"auto"`` (default): exact up to
        :data:`AUTO_EXACT_MAX` (3,000) persons, else the estimate from at most
        :func:`sources_budget` sources (2,048 up to 20,000 persons, 1,024 above). The
        estimate certifies who is in the top :data:`TOP_K` (50) by betweenness with
        confidence :data:`CONFIDENCE` (90 %, all bounds at once) and says which ranks it
        cannot separate (``df.attrs["betweenness_summary"]``).
    seed : int
        Seed of the sampled sources.
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
        only_contact_for, score`` and the guarantee of ``betweenness``:
        ``betweenness_method`` ("exact" or "estimated"), ``betweenness_low`` and
        ``betweenness_high`` (the bound; the value itself when exact),
        ``betweenness_confidence`` (1 when exact), ``betweenness_rank`` (1 = largest)
        and ``betweenness_top`` ("in", "undecided" or "out" of the top :data:`TOP_K` by
        betweenness). ``attrs``:
        ``betweenness`` ("exact" or "estimated"), ``betweenness_summary`` (one
        sentence) and ``guarantee``. With ``between``: ``person_id, name, team,
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
        out = pd.DataFrame(columns=columns + GUARANTEE_COLUMNS)
        _attrs(out, measures)
        return out
    G = person_net(org, directed=directed, comembership=comembership)
    group = {p: org.unit_of_person(p, by) for p in persons}
    # persons outside any team form their own group, so they can still broker
    alone = _("(no team)") if by == "team" else _("(no department)")
    groups = {p: (g if g is not None else f"{alone} {p}") for p, g in group.items()}
    df = brokerage(G, group=groups).drop(columns=["group"]).rename(columns={"id": "person_id", "t": "brokerage_total"})
    df = df.set_index("person_id")
    for col in ("betweenness", "constraint", "effective_size", "articulation_point", "components_if_removed",
                *GUARANTEE_COLUMNS):
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
    ids = df["person_id"].tolist()
    unit_names: dict[str, str] = {}  # a few hundred units for thousands of persons: each name looked up once

    def called(unit: str | None) -> str | None:
        if not unit:
            return None
        text = unit_names.get(unit)
        if text is None:
            text = unit_names[unit] = org.name(unit)
        return text

    df["name"] = [org.name(p) for p in ids]
    homes = [org.home_team(p) for p in ids]
    department_of = org.team_department  # as org.unit_of_person(p, "department") reads it
    df["team"] = [called(t) for t in homes]
    df["department"] = [called(department_of.get(t)) if t is not None else None for t in homes]
    df["teams"] = [[called(t) for t in org.teams_of(p)] for p in ids]
    df["rank"] = range(1, len(df) + 1)
    out = df[columns + GUARANTEE_COLUMNS].reset_index(drop=True)
    _attrs(out, measures)
    out.attrs["inferred_management"] = formal.attrs["inferred_management"]
    out.attrs["note"] = formal.attrs["note"]
    return out


def _attrs(out: pd.DataFrame, measures: pd.DataFrame) -> None:
    """The betweenness mode and guarantee of ``measures`` on the ranking."""
    for key, default in (("betweenness", "exact"), ("betweenness_summary", ""), ("guarantee", {})):
        out.attrs[key] = measures.attrs.get(key, default)


def _samples(samples: int | str | None, n: int) -> int | None:
    """The budget of sampled sources for ``betweenness_samples`` (None: exact); a bad value is an
    OptionError (exit 2, :func:`kgraph.options.check_samples`)."""
    from ..options import check_samples

    samples = check_samples(samples)
    if samples is None or samples == "exact":
        return None
    if samples == "auto":
        return None if n <= AUTO_EXACT_MAX else sources_budget(n)
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
