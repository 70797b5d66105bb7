"""What if these people were gone: coverage, linking pins, cut points and contacts, before and after.

``kgraph what-if`` calls :func:`what_if`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..org import Org
from ..i18n import _, ngettext
from ._text import names
from .linking import formal_pins, group_name, pin_groups

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["what_if", "KINDS", "COLUMNS"]

COLUMNS = ["kind", "subject_id", "subject", "unit_id", "before", "after", "why"]

#: finding kinds in the order rows are sorted
KINDS = (
    "lost_coverage", "single_holder_new", "need_unmet", "need_worse", "pin_lost",
    "articulation_point_lost", "articulation_point_new", "bridge_lost", "bridge_new",
    "component_split", "actor_orphaned", "owner_lost",
)


def _network(org: Org, gone: frozenset[str]) -> nx.Graph:
    """Present persons minus ``gone``: work ties (either direction) plus team co-membership."""
    base = org.person_graph(comembership=True)
    return base.subgraph([p for p in base if p not in gone]) if gone else base


def _cut_points(G: nx.Graph) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """Extra components each articulation point's removal would make; the bridges
    between two persons who both have other ties."""
    from kgraph.measures import articulation_points, bridges

    if G.number_of_nodes() == 0:
        return {}, set()
    import networkx as nx

    n_comp = nx.number_connected_components(G)
    ap = articulation_points(G)
    extra = {r.id: int(r.components_if_removed) - n_comp for r in ap.itertuples() if r.articulation_point}
    # a tie to someone with no other tie (a pendant, a pair on its own) is not reported
    br = {(str(a), str(b)) for a, b in bridges(G).itertuples(index=False) if G.degree(a) > 1 and G.degree(b) > 1}
    return extra, br


def _team_pairs(pins) -> dict[frozenset[str], set[str]]:
    """Pair of teams -> the pins sitting in both."""
    out: dict[frozenset[str], set[str]] = {}
    for r in pins.itertuples(index=False):
        if r.formal_pin == "none":
            continue
        teams = pin_groups(r)
        for i, a in enumerate(teams):
            for b in teams[i + 1:]:
                out.setdefault(frozenset((a, b)), set()).add(r.person_id)
    return out


def what_if(org: Org, *, without: Iterable[str] = (), leaving_within: str | int | None = None,
            min_level: int = 3) -> pd.DataFrame:
    """Recompute knowledge coverage and the network with some people gone.

    Parameters
    ----------
    org : Org
        The organisation on one date; persons who already left are not counted before.
    without : iterable of str
        Ids or exact names of persons to take away.
    leaving_within : str or int, optional
        Also take away everyone whose ``leave_date`` lies within this horizon
        after the Org's date (``"12m"``, ``"2y"``).
    min_level : int
        The level from which a person counts as knowing an item (``lost_coverage``,
        ``single_holder_new``), as in :func:`kgraph.gaps`; default 3.

    Returns
    -------
    pandas.DataFrame
        One row per change, columns ``kind, subject_id, subject, unit_id, before,
        after, why``; ``before`` and ``after`` are counts (holders, pins, extra
        components, persons, contacts). Kinds: ``lost_coverage`` (nobody left who
        knows an item or a narrower one at ``min_level``), ``single_holder_new`` (one holder left),
        ``need_unmet`` (a met need falls short), ``need_worse`` (an unmet need loses
        holders), ``pin_lost`` (a formal linking pin leaves; ``after`` is the number
        of other pins still linking the same teams), ``articulation_point_lost`` /
        ``articulation_point_new``, ``bridge_lost`` / ``bridge_new`` (cut points and
        cut ties of the person network: work ties plus shared teams; a bridge to
        someone with no other tie is not reported),
        ``component_split`` (a connected group falls apart) and ``actor_orphaned``
        (an external actor loses all contacts), ``owner_lost`` (the owner of the
        relationship with an actor leaves while other contacts stay: a handover to
        arrange). ``df.attrs["without"]`` lists the
        persons taken away. Sorted by kind (in that order) and ids.

    Raises
    ------
    NotFound
        A person in ``without`` does not exist.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> org = example_org()
    >>> df = what_if(org, leaving_within="12m")
    >>> df.attrs["without"]
    ['P2']
    >>> df[["kind", "subject_id", "unit_id", "before", "after"]].values.tolist()
    [['lost_coverage', 'K-DSO', None, 1, 0], ['single_holder_new', 'K-OMGW', None, 2, 1], ['need_unmet', 'K-OMGW', 'T-VERG', 2, 1], ['actor_orphaned', 'A-PROV', None, 1, 0]]
    >>> what_if(org).empty
    True
    """
    import pandas as pd

    gone_set = {org.resolve(str(ref), ("Person",)) for ref in without}
    if leaving_within is not None:
        gone_set |= set(org.leaving_within(leaving_within))
    gone = frozenset(gone_set & org.present)
    rows: list[dict[str, Any]] = []

    def add(kind: str, subject_id: str, before: int, after: int | None, why: str, *, subject: str | None = None,
            unit: str | None = None) -> None:
        rows.append({"kind": kind, "subject_id": subject_id, "subject": subject or org.name(subject_id),
                     "unit_id": unit, "before": before, "after": after, "why": why})

    if gone:
        # -- knowledge ------------------------------------------------------
        for item in sorted(org.items):
            before = org.holders(item, min_level=min_level, narrower=True)
            after = org.holders(item, min_level=min_level, narrower=True, without=gone)
            if before and not after:
                add("lost_coverage", item, len(before), 0,
                    _("only {names} knew it at level ≥ {level}").format(names=names(org, before), level=min_level))
            elif len(before) >= 2 and len(after) == 1:
                add("single_holder_new", item, len(before), 1,
                    _("only {name} will know it at level ≥ {level}").format(name=org.name(after[0]), level=min_level))
        for need in org.needs:
            before = org.need_holders(need)
            after = org.need_holders(need, gone)
            lost = [p for p in before if p in gone]
            if not lost:
                continue
            what = _("{unit} needs {n} at level ≥ {level}; loses {names}").format(
                unit=org.name(need.unit), n=need.min_holders, level=need.min_level, names=names(org, lost))
            if len(before) >= need.min_holders > len(after):
                add("need_unmet", need.item, len(before), len(after), what, unit=need.unit)
            elif len(before) < need.min_holders:
                add("need_worse", need.item, len(before), len(after), what, unit=need.unit)

        # -- formal linking pins -----------------------------------------------
        pins_before = formal_pins(org)
        pairs_after = _team_pairs(formal_pins(org, without=gone))
        for r in pins_before.itertuples(index=False):
            if r.person_id not in gone or r.formal_pin == "none":
                continue
            teams = pin_groups(r)
            pairs = [frozenset((a, b)) for i, a in enumerate(teams) for b in teams[i + 1:]]
            orphaned = [p for p in pairs if not pairs_after.get(p)]
            teams_text = ", ".join(group_name(org, t) for t in teams)
            why = (_("vertical pin between {teams}") if r.formal_pin == "vertical" else
                   _("lateral pin between {teams}") if r.formal_pin == "lateral" else
                   _("vertical and lateral pin between {teams}")).format(teams=teams_text)
            if orphaned:
                why += "; " + _("no other pin links {pairs}").format(pairs="; ".join(
                    _("{a} and {b}").format(a=group_name(org, x), b=group_name(org, y))
                    for x, y in (sorted(p) for p in orphaned)))
            add("pin_lost", r.person_id, len(pairs), len(pairs) - len(orphaned), why)

        # -- the person network ------------------------------------------------
        import networkx as nx

        G0, G1 = _network(org, frozenset()), _network(org, gone)
        ap0, br0 = _cut_points(G0)
        ap1, br1 = _cut_points(G1)
        for p in sorted(set(ap0) | set(ap1)):
            if p in ap0 and p not in ap1:
                why = (ngettext("{name} leaves; was the only link to {n} part of the network",
                                "{name} leaves; was the only link to {n} parts of the network", ap0[p]) if p in gone else
                       ngettext("{name} is no longer the only link; was the only link to {n} part of the network",
                                "{name} is no longer the only link; was the only link to {n} parts of the network", ap0[p]))
                add("articulation_point_lost", p, ap0[p], None if p in gone else 0, why.format(name=org.name(p), n=ap0[p]))
            elif p in ap1 and p not in ap0:
                add("articulation_point_new", p, 0, ap1[p],
                    ngettext("{name} becomes the only link to {n} part of the network",
                             "{name} becomes the only link to {n} parts of the network", ap1[p]).format(name=org.name(p), n=ap1[p]))
        for a, b in sorted(br0 - br1):
            leavers = [x for x in (a, b) if x in gone]
            add("bridge_lost", f"{a}–{b}", 1, 0,
                ngettext("the only tie between two parts; {names} leaves", "the only tie between two parts; {names} leave",
                         len(leavers)).format(names=names(org, leavers)),
                subject=f"{org.name(a)} – {org.name(b)}")
        for a, b in sorted(br1 - br0):
            add("bridge_new", f"{a}–{b}", 0, 1, _("becomes the only tie between two parts of the network"),
                subject=f"{org.name(a)} – {org.name(b)}")
        for comp in sorted((sorted(c) for c in nx.connected_components(G0)), key=lambda c: c[0]):
            rest = [p for p in comp if p not in gone]
            if len(rest) < 2:
                continue
            pieces = sorted((sorted(c) for c in nx.connected_components(G1.subgraph(rest))), key=lambda c: (-len(c), c[0]))
            if len(pieces) < 2:
                continue
            cut = [p for piece in pieces[1:] for p in piece]
            add("component_split", pieces[0][0], 1, len(pieces),
                _("{n} connected persons fall into {groups} groups of {sizes}; cut off: {names}").format(
                    n=len(rest), groups=len(pieces), sizes=", ".join(str(len(x)) for x in pieces), names=names(org, cut)),
                subject=_("group of {name}").format(name=org.name(pieces[0][0])))

        # -- external actors ---------------------------------------------------
        contacts: dict[str, list[str]] = {}
        owners: dict[str, list[str]] = {}
        for p, a, _k, props in org.edges("CONTACT"):
            if p in org.present:
                contacts.setdefault(a, []).append(p)
                if props.get("owner"):
                    owners.setdefault(a, []).append(p)
        for actor, ps in sorted(contacts.items()):
            if all(p in gone for p in ps):
                add("actor_orphaned", actor, len(ps), 0, ngettext("the only contact: {names}", "the only contacts: {names}",
                                                                  len(ps)).format(names=names(org, sorted(ps))))
            elif any(p in gone for p in owners.get(actor, [])):
                left = [p for p in owners[actor] if p in gone]
                stay = sorted(p for p in ps if p not in gone)
                add("owner_lost", actor, len(ps), len(stay),
                    _("relationship owner {owner} leaves: hand the relationship over to {others}").format(
                        owner=names(org, left), others=names(org, stay)))

    df = pd.DataFrame(rows, columns=COLUMNS)
    if not df.empty:
        order = {k: i for i, k in enumerate(KINDS)}
        df["_k"] = df["kind"].map(order)
        df = df.sort_values(["_k", "subject_id", "unit_id"], na_position="first", kind="stable").drop(columns="_k")
        df = df.reset_index(drop=True)
        df["unit_id"] = df["unit_id"].astype(object).where(df["unit_id"].notna(), None)
        df["after"] = df["after"].astype("Int64")
    df.attrs["without"] = sorted(gone)
    return df
