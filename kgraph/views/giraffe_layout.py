"""The giraffe map's layout: issues as hubs, actors and factors around them, contact persons
and their departments on outer rings. Computed in Python, seeded, so the same data always draws the
same map; the page gets one layout for all issues and one per issue (its filter re-lays
the map out), and the static drawings use the same ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._layout import circular_mean, spread_blocks

if TYPE_CHECKING:  # pragma: no cover
    from ..org import Org

__all__ = ["Cast", "cast", "positions", "SEED"]

SEED = 7


@dataclass
class Cast:
    """Who is on a giraffe map of some stakeholder rows."""

    issues: list[str]
    actors: list[str]
    by_actor: dict[str, list[dict[str, Any]]]
    fids: list[str]  # factors
    by_factor: dict[str, list[dict[str, Any]]]
    persons: dict[str, set[str]]  # contact person -> the actors they hold a relationship with
    contact_of: dict[tuple[str, str], dict[str, Any]]
    person_dept: dict[str, str | None]
    depts: list[str]
    dept_members: dict[str, list[str]] = field(default_factory=dict)


def cast(org: Org, rows: list[dict[str, Any]], frows: list[dict[str, Any]] = ()) -> Cast:
    """The issues, actors, factors, contact persons and departments of stakeholder ``rows`` and
    factor rows ``frows`` (:func:`kgraph.factors`; an issue with factors and no positions is drawn too)."""
    issues = sorted({r["issue_id"] for r in rows} | {f["issue_id"] for f in frows})
    fids = sorted({f["factor_id"] for f in frows})
    by_factor: dict[str, list[dict[str, Any]]] = {f: [] for f in fids}
    for f in frows:
        by_factor[f["factor_id"]].append(f)
    actors = sorted({r["actor_id"] for r in rows})
    by_actor: dict[str, list[dict[str, Any]]] = {a: [] for a in actors}
    for r in rows:
        by_actor[r["actor_id"]].append(r)
    persons: dict[str, set[str]] = {}
    contact_of: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        for c in r["contacts"]:
            persons.setdefault(c["person_id"], set()).add(r["actor_id"])
            contact_of[(c["person_id"], r["actor_id"])] = c
    person_dept = {p: org.unit_of_person(p, "department") for p in persons}
    depts = sorted({d for d in person_dept.values() if d})
    return Cast(issues, actors, by_actor, fids, by_factor, persons, contact_of, person_dept, depts)


def positions(org: Org, rows: list[dict[str, Any]], size: dict[str, Any],
              frows: list[dict[str, Any]] = ()) -> tuple[Cast, dict[str, tuple[float, float]]]:
    """The cast of ``rows`` (and factor rows ``frows``) and the position of each of its nodes
    (vis-network pixels).

    Issues on an inner ring (one issue: the centre), actors and factors by a seeded spring
    layout with the issues fixed, persons and departments on outer rings near their actors;
    the map is stretched horizontally by ``size["stretch_x"]``.
    """
    import networkx as nx

    c = cast(org, rows, frows)
    issues, actors, by_actor, persons = c.issues, c.actors, c.by_actor, c.persons
    fids, by_factor = c.fids, c.by_factor
    pos: dict[str, tuple[float, float]] = {}
    ring = 0.0 if len(issues) == 1 else 1.0
    for k, i in enumerate(issues):
        a = math.pi + 2 * math.pi * k / max(1, len(issues))
        pos[i] = (ring * math.cos(a), ring * math.sin(a))
    around = {**{a: [r["issue_id"] for r in by_actor[a]] for a in actors},
              **{f: [x["issue_id"] for x in by_factor[f]] for f in fids}}  # actors and factors around the issues
    movable = actors + fids
    if movable:
        G = nx.Graph()
        G.add_nodes_from(issues)
        G.add_nodes_from(movable)
        for r in rows:
            G.add_edge(r["actor_id"], r["issue_id"], weight=1.0 + (r["interest"] or 0) / 5)
        for f in frows:
            G.add_edge(f["factor_id"], f["issue_id"], weight=1.0 + abs(f["effect"] or 0) / 5)
        init = dict(pos)
        n_a = len(movable)
        for k, a in enumerate(movable):
            cx = sum(pos[i][0] for i in around[a]) / len(around[a])
            cy = sum(pos[i][1] for i in around[a]) / len(around[a])
            ang = 2 * math.pi * k / n_a
            init[a] = (cx + 0.35 * math.cos(ang), cy + 0.35 * math.sin(ang))
        k_opt = 0.55 if len(issues) == 1 else 0.9 / math.sqrt(max(1.0, len(issues)))
        layout = nx.spring_layout(G, pos=init, fixed=issues, k=k_opt, iterations=150, seed=SEED, weight="weight")
        pos.update({a: (float(layout[a][0]), float(layout[a][1])) for a in movable})
    scale = 150.0 + 45.0 * math.sqrt(max(1, len(movable)))
    pos = {n: (x * scale, y * scale) for n, (x, y) in pos.items()}
    r_actor = max([math.hypot(*pos[a]) for a in movable] or [scale])
    r_person = r_actor + size["ring_person"]
    r_dept = r_person + size["ring_department"]

    def angle_of(ids: list[str]) -> float:
        return circular_mean([math.atan2(pos[i][1], pos[i][0]) for i in ids if i in pos])

    p_list = sorted(persons)
    p_want = {p: angle_of(sorted(persons[p])) for p in p_list}
    c.dept_members = {d: sorted((p for p in p_list if c.person_dept[p] == d), key=lambda p: (p_want[p], p)) for d in c.depts}
    blocks = c.depts + [p for p in p_list if not c.person_dept[p]]
    block_members = [c.dept_members[x] if x in c.dept_members else [x] for x in blocks]
    step = float(size["person_step"]) / r_person
    starts = spread_blocks([circular_mean([p_want[p] for p in ms]) for ms in block_members],
                           [step * len(ms) + (step * 0.8 if len(ms) > 1 else 0.0) for ms in block_members])
    squeeze = min(1.0, 2 * math.pi / max(1e-9, sum(step * len(ms) + step * 0.8 for ms in block_members)))
    for start, x, ms in zip(starts, blocks, block_members):
        for k, p in enumerate(ms):
            a = start + squeeze * step * (k + 0.5)
            pos[p] = (r_person * math.cos(a), r_person * math.sin(a))
        if x in c.dept_members:
            mid = start + squeeze * step * len(ms) / 2
            pos[x] = (r_dept * math.cos(mid), r_dept * math.sin(mid))
    # wide screens: stretch horizontally
    return c, {n: (x * size["stretch_x"], y) for n, (x, y) in pos.items()}
