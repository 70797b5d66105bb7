"""Linking pins (Likert 1961) and structural brokers.

Formal pins come from team membership; structural brokers from the person
network (Gould & Fernandez brokerage, betweenness, Burt's constraint,
articulation points); boundary spanners from contacts with external actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["formal_pins", "linking_pins", "group_pairs"]


def formal_pins(org: Org, *, without: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Likert's formal linking pins: people who sit in two groups.

    *vertical*: leads a team and is a member of another team (the group above,
    e.g. the department's management team); *lateral*: a plain member of two or
    more teams, or the lead of two or more teams; *both*: both.

    Parameters
    ----------
    org : Org
        The organisation.
    without : set of str
        Persons to leave out (what-if).

    Returns
    -------
    pandas.DataFrame
        One row per person in at least one team, sorted by id: ``person_id,
        n_teams, teams_led, teams_member, formal_pin`` (none / vertical /
        lateral / both).

    References
    ----------
    Likert, R. (1961). *New Patterns of Management*. McGraw-Hill, ch. 8.
    """
    import pandas as pd

    rows = []
    for person in sorted(org.memberships):
        if person in without:
            continue
        ms = org.memberships[person]
        led = [t for t, r in ms if r == "lead"]
        plain = [t for t, r in ms if r != "lead"]
        vertical = bool(led) and bool(plain)
        lateral = len(plain) >= 2 or len(led) >= 2
        kind = "both" if vertical and lateral else "vertical" if vertical else "lateral" if lateral else "none"
        rows.append({"person_id": person, "n_teams": len(ms), "teams_led": led, "teams_member": plain, "formal_pin": kind})
    return pd.DataFrame(rows, columns=["person_id", "n_teams", "teams_led", "teams_member", "formal_pin"])


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
    :func:`kgraph.measures.brokerage`).
    """
    directed = G.is_directed()
    out: dict[str, dict[tuple[str, str], int]] = {}
    for v in brokers:
        preds = list(G.predecessors(v)) if directed else list(G.neighbors(v))
        succs = list(G.successors(v)) if directed else preds
        counts: dict[tuple[str, str], int] = {}
        for a in preds:
            ga = group.get(a)
            if ga is None:
                continue
            adj_a = G.succ[a] if directed else G.adj[a]
            for c in succs:
                gc = group.get(c)
                if c == a or gc is None or gc == ga or c in adj_a:
                    continue
                key = (ga, gc) if ga < gc else (gc, ga)
                counts[key] = counts.get(key, 0) + 1
        out[v] = counts
    return out


def linking_pins(
    kg,
    *,
    by: str = "team",
    comembership: bool = False,
    directed: bool = False,
    top: int | None = None,
    between: tuple[str, str] | None = None,
    betweenness_samples: int | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Linking pins and knowledge brokers, ranked, with the reasons.

    Combines Likert's formal pins (team membership), Gould–Fernandez brokerage
    between groups (``by`` team or department), betweenness, Burt's constraint
    and effective size, articulation points of the person network, and boundary
    spanning (contacts with external actors).

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph handle (``kgraph.open``).
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
    betweenness_samples : int, optional
        Estimate betweenness from this many sampled sources (for very large
        organisations; see :func:`kgraph.measures.betweenness`); default exact.
    seed : int
        Seed for sampled betweenness.

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
    >>> import kgraph, tempfile, os
    >>> from kgraph.analysis.linking import linking_pins
    >>> kg = kgraph.open(os.path.join(tempfile.mkdtemp(), "kg.db"))
    >>> len(linking_pins(kg))
    0
    """
    import pandas as pd

    from ..errors import KgraphError
    from ..measures import articulation_points, betweenness, brokerage, constraint, effective_size

    if by not in ("team", "department"):
        raise KgraphError(f"--by must be team or department, not '{by}'")
    org = Org.of(kg)
    if between is not None:
        return _between(org, between, comembership=comembership, directed=directed)
    columns = ["rank", "person_id", "name", "team", "department", "formal_pin", "teams", "connects",
               "groups_connected", "w_I", "w_O", "b_IO", "b_OI", "b_O", "brokerage_total", "betweenness",
               "constraint", "effective_size", "articulation_point", "components_if_removed", "actors",
               "only_contact_for", "score"]
    persons = sorted(org.persons)
    if not persons:
        return pd.DataFrame(columns=columns)
    G = org.person_graph(directed=directed, comembership=comembership)
    group = {p: org.unit_of_person(p, by) for p in persons}
    # persons outside any team form their own group, so they can still broker
    groups = {p: (g if g is not None else f"(no {by}) {p}") for p, g in group.items()}
    df = brokerage(G, group=groups).drop(columns=["group"]).rename(columns={"id": "person_id", "t": "brokerage_total"})
    df = df.set_index("person_id")
    bt = betweenness(G, normalized=True, k=betweenness_samples, seed=seed).set_index("id")
    df["betweenness"] = bt["betweenness"]
    df["constraint"] = constraint(G).set_index("id")["constraint"]
    df["effective_size"] = effective_size(G).set_index("id")["effective_size"]
    ap = articulation_points(G).set_index("id")
    df["articulation_point"] = ap["articulation_point"].astype(bool)
    df["components_if_removed"] = ap["components_if_removed"]
    pins = formal_pins(org).set_index("person_id")["formal_pin"]
    df["formal_pin"] = pins.reindex(df.index).fillna("none")
    contacts: dict[str, list[str]] = {}
    for p, a, _, _ in org.edges("CONTACT"):
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
    pairs = group_pairs(G, group, df["person_id"].tolist())

    def connects(p: str) -> str:
        items = sorted(pairs[p].items(), key=lambda kv: (-kv[1], kv[0]))
        return "; ".join(f"{org.name(a)} ↔ {org.name(b)} ({n})" for (a, b), n in items)

    df["connects"] = df["person_id"].map(connects)
    df["groups_connected"] = df["person_id"].map(lambda p: len({g for pair in pairs[p] for g in pair}))
    df["name"] = df["person_id"].map(org.name)
    df["team"] = df["person_id"].map(lambda p: org.name(t) if (t := org.home_team(p)) else None)
    df["department"] = df["person_id"].map(lambda p: org.name(d) if (d := org.unit_of_person(p, "department")) else None)
    df["teams"] = df["person_id"].map(lambda p: [org.name(t) for t in org.teams_of(p)])
    df["rank"] = range(1, len(df) + 1)
    return df[columns].reset_index(drop=True)


def _between(org: Org, pair: tuple[str, str], *, comembership: bool, directed: bool) -> pd.DataFrame:
    """Who links two units: members of both, brokers of pairs across, people with ties into both."""
    import pandas as pd

    a, b = (org.resolve(x, ("Team", "Department")) for x in pair)
    ma, mb = org.unit_members.get(a, set()), org.unit_members.get(b, set())
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
        hows = []
        if both:
            hows.append(f"member of both")
        elif p in ma and to_b:
            hows.append(f"in {org.name(a)}, ties into {org.name(b)}")
        elif p in mb and to_a:
            hows.append(f"in {org.name(b)}, ties into {org.name(a)}")
        elif to_a and to_b:
            hows.append("ties into both")
        if not hows:
            continue
        rows.append({"person_id": p, "name": org.name(p),
                     "team": org.name(t) if (t := org.home_team(p)) else None,
                     "department": org.name(d) if (d := org.unit_of_person(p, "department")) else None,
                     "how": hows[0], "brokered_pairs": brokered, "ties_to_a": to_a, "ties_to_b": to_b})
    df = pd.DataFrame(rows, columns=["person_id", "name", "team", "department", "how", "brokered_pairs", "ties_to_a", "ties_to_b"])
    order = {"member of both": 0}
    df["_o"] = df["how"].map(lambda h: order.get(h, 1))
    df = df.sort_values(["_o", "brokered_pairs", "person_id"], ascending=[True, False, True], kind="mergesort")
    return df.drop(columns="_o").reset_index(drop=True)
