"""The internal network view: people and their ties, linking pins and
articulation points highlighted, coloured by department.

Large organisations start aggregated (departments or teams, sized by their
people, tie counts as edge widths); clicking a department shows its teams,
clicking a team shows its people. The layout is deterministic: departments on
a grid (siblings together), teams on a ring inside their department, people on
a sunflower spiral inside their team.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from ..analysis.org import Org
from ..errors import KgraphError
from ..privacy import MERGED, merge_plan, merged_note
from . import html
from .plots import merged_teams_label

__all__ = ["network", "network_data", "AUTO_PERSONS", "AUTO_TEAMS"]

#: up to this many people the map starts with people; up to AUTO_TEAMS with teams; else departments
AUTO_PERSONS = 400
AUTO_TEAMS = 4000

_NONE_TEAM = "(no team)"
_NONE_DEPT = "(no department)"
_GOLDEN = math.pi * (3 - math.sqrt(5))
#: the node departments with fewer than the minimum group size are merged into; teams: one per department group
_MERGED_DEPT = f"dept:{MERGED}"
_MERGED_TEAM = f"team:{MERGED}:"
WITHHELD = "withheld"


def merged_departments_label(n: int) -> str:
    """The node that departments with fewer than ``n`` people are merged into."""
    return f"(departments smaller than {n}, merged)"


def _plural(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _withheld_note(n: int) -> str:
    return f"fewer than {n} people in all: figures withheld"


def _group_plan(depts: list[str], dept_teams: dict[str, list[str]], members: dict[str, list[str]],
                n: int) -> tuple[list[tuple[str, list[str]]], dict[str, list[tuple[str, list[str]]]], bool]:
    """The aggregated nodes: none describes 1 to ``n - 1`` people.

    Departments with fewer than ``n`` people (home-team members) are merged into
    one node, topped up with the smallest others (:func:`kgraph.privacy.merge_plan`);
    then, within each department node, teams with fewer than ``n`` people are
    merged the same way, so every team node lies inside one department node and
    the drill-down never shows a part of a merged node. Only when the whole
    organisation has fewer than ``n`` people is a group smaller: then its
    figures are withheld (``suppressed``).

    Returns ``(departments, teams, suppressed)``: ``[(node id, [department])]``
    and ``{department node id: [(node id, [team])]}``, in drawing order, merged
    nodes last.
    """
    sizes = {d: sum(len(members[t]) for t in dept_teams[d]) for d in depts}
    kept, merged, suppressed = merge_plan(sizes, n)
    keep = set(kept)
    dgroups = [(f"dept:{d}", [d]) for d in depts if d in keep]
    if merged:
        dgroups.append((_MERGED_DEPT, [d for d in depts if d not in keep]))
    tgroups: dict[str, list[tuple[str, list[str]]]] = {}
    for gid, ds_ in dgroups:
        teams = [t for d in ds_ for t in dept_teams[d]]
        kept_t, merged_t, _ = merge_plan({t: len(members[t]) for t in teams}, n)
        keep_t = set(kept_t)
        tgroups[gid] = [(f"team:{t}", [t]) for t in teams if t in keep_t]
        if merged_t:
            tgroups[gid].append((_MERGED_TEAM + gid[len("dept:"):], [t for t in teams if t not in keep_t]))
    return dgroups, tgroups, suppressed


def _pins(kg, org: Org) -> tuple[dict[str, str], set[str], dict[str, float], str]:
    """formal pin kind, articulation points, betweenness per person; and the source used.

    The same call as ``kgraph linking-pins`` makes (betweenness exact, or sampled
    above 20,000 persons), so the map highlights the people that command lists.
    """
    from ..analysis.linking import formal_pins, linking_pins

    df = linking_pins(kg, by="team", seed=0)
    if len(df):
        formal = dict(zip(df["person_id"], df["formal_pin"]))
        ap = {p for p, a in zip(df["person_id"], df["articulation_point"]) if bool(a)}
        bt = {p: float(b) for p, b in zip(df["person_id"], df["betweenness"])}
        return formal, ap, bt, "linking_pins"
    fp = formal_pins(org)
    return dict(zip(fp["person_id"], fp["formal_pin"])), set(), {}, "formal_pins"


def _colour_units(org: Org, depts: list[str], n_colours: int) -> dict[str, str]:
    """The unit that gives a department its colour: itself, or (with more
    departments than colours) its division, the department right under the top."""
    if len(depts) <= n_colours:
        return {d: d for d in depts}
    out = {}
    for d in depts:
        chain = org.department_ancestors(d) if d != _NONE_DEPT else [d]
        out[d] = chain[-2] if len(chain) >= 2 else chain[-1]
    return out


def _place_departments(depts: list[str], radius: dict[str, float], ties: dict[tuple[str, str], float]) -> dict[str, tuple[float, float]]:
    """Department centres: a seeded spring layout of the department tie graph,
    scaled to the department sizes, then pushed apart until no two overlap."""
    import networkx as nx
    import numpy as np

    if len(depts) == 1:
        return {depts[0]: (0.0, 0.0)}
    G = nx.Graph()
    G.add_nodes_from(depts)
    for (a, c), w in ties.items():
        G.add_edge(a, c, weight=math.log1p(w))
    pos = nx.spring_layout(G, seed=1, weight="weight", iterations=200)
    xy = np.array([pos[d] for d in depts], dtype=float)
    r = np.array([radius[d] for d in depts], dtype=float)
    # scale: the mean distance to the nearest neighbour is about two mean radii
    diff = xy[:, None, :] - xy[None, :, :]
    dist = np.sqrt((diff ** 2).sum(-1)) + np.eye(len(depts)) * 1e9
    xy *= 2.2 * r.mean() / max(dist.min(axis=1).mean(), 1e-9)
    need = r[:, None] + r[None, :] + 30
    for _ in range(300):
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((diff ** 2).sum(-1)) + np.eye(len(depts)) * 1e9
        over = np.clip(need - dist, 0, None)
        np.fill_diagonal(over, 0)
        if over.max() < 0.5:
            break
        push = (diff / np.maximum(dist, 1e-6)[..., None]) * (over / 2)[..., None]
        xy += push.sum(axis=1)
    xy -= xy.mean(axis=0)
    return {d: (float(x), float(y)) for d, (x, y) in zip(depts, xy)}


def _phyllotaxis(k: int, spacing: float) -> tuple[float, float]:
    r = spacing * math.sqrt(k + 0.5)
    return r * math.cos(k * _GOLDEN), r * math.sin(k * _GOLDEN)


def network_data(kg, *, aggregate: str | None = None, view_id: str = "network") -> dict[str, Any]:
    """The data of the network view (persons, groups, links) as plain dicts."""
    org = Org.of(kg)
    persons = sorted(org.persons)
    if not persons:
        raise KgraphError("the store holds no persons", hint="import your data first: kgraph import my-org/")
    if aggregate is None:
        aggregate = "person" if len(persons) <= AUTO_PERSONS else "team" if len(persons) <= AUTO_TEAMS else "department"
    if aggregate not in ("person", "team", "department"):
        raise KgraphError(f"aggregate must be person, team or department, not '{aggregate}'")
    col = html.colours()
    pal = col["department"]["palette"]
    role = col["role"]
    formal, ap, bt, source = _pins(kg, org)

    team_of = {p: org.home_team(p) or _NONE_TEAM for p in persons}
    dept_of_team = {t: org.team_department.get(t, _NONE_DEPT) if t != _NONE_TEAM else _NONE_DEPT for t in set(team_of.values())}
    members: dict[str, list[str]] = {}
    for p in persons:
        members.setdefault(team_of[p], []).append(p)
    dept_teams: dict[str, list[str]] = {}
    for t in sorted(members, key=lambda t: (org.name(t).lower(), t)):
        dept_teams.setdefault(dept_of_team[t], []).append(t)

    def dept_key(d: str) -> tuple[str, str, str]:
        parent = org.department_parent.get(d, "")
        return (org.name(parent).lower() if parent else "", org.name(d).lower(), d)

    depts = sorted(dept_teams, key=dept_key)
    colour_of = _colour_units(org, depts, len(pal))
    keys = list(dict.fromkeys(colour_of[d] for d in depts))
    key_colour = {k: pal[i % len(pal)] for i, k in enumerate(keys)}
    dept_colour = {d: key_colour[colour_of[d]] for d in depts}

    # -- layout (pixels)
    spacing = 22.0
    team_r = {t: spacing * math.sqrt(len(members[t]) + 0.5) + 18 for t in members}
    team_pos: dict[str, tuple[float, float]] = {}
    dept_r: dict[str, float] = {}
    for d in depts:
        ts = dept_teams[d]
        if len(ts) == 1:
            rel = [(0.0, 0.0)]
            dept_r[d] = team_r[ts[0]] + 20
        else:
            ring = max(sum(2 * team_r[t] + 24 for t in ts) / (2 * math.pi), max(team_r[t] for t in ts) + 10)
            rel = [(ring * math.cos(-math.pi / 2 + 2 * math.pi * k / len(ts)), ring * math.sin(-math.pi / 2 + 2 * math.pi * k / len(ts))) for k in range(len(ts))]
            dept_r[d] = ring + max(team_r[t] for t in ts) + 20
        for t, xy in zip(ts, rel):
            team_pos[t] = xy
    dept_ties: dict[tuple[str, str], float] = {}
    for s_, t_, _, _ in org.edges("WORKS_WITH"):
        if s_ in team_of and t_ in team_of:
            a, c = dept_of_team[team_of[s_]], dept_of_team[team_of[t_]]
            if a != c:
                key = (a, c) if a < c else (c, a)
                dept_ties[key] = dept_ties.get(key, 0.0) + 1.0
    dept_pos = _place_departments(depts, dept_r, dept_ties)
    for t in team_pos:
        dx, dy = dept_pos[dept_of_team[t]]
        team_pos[t] = (team_pos[t][0] + dx, team_pos[t][1] + dy)
    person_pos = {}
    for t, ps in members.items():
        ordered = sorted(ps, key=lambda p: (-(formal.get(p, "none") != "none") - (p in ap), org.name(p).lower(), p))
        for k, p in enumerate(ordered):
            x, y = _phyllotaxis(k, spacing)
            person_pos[p] = (team_pos[t][0] + x, team_pos[t][1] + y)

    # -- small groups: departments, then teams within each department group (see _group_plan)
    n_min = kg.min_group_size
    dgroups, tgroups, suppressed = _group_plan(depts, dept_teams, members, n_min)
    dept_gid = {d: gid for gid, ds_ in dgroups for d in ds_}
    team_gid = {t: gid for tg in tgroups.values() for gid, ts in tg for t in ts}

    # -- persons, groups, links (pyvis holds the node/edge model)
    b = html.Builder()
    details: dict[str, dict[str, Any]] = {}
    index = {p: k for k, p in enumerate(persons)}
    for p in persons:
        t, d = team_of[p], dept_of_team[team_of[p]]
        pin = formal.get(p, "none")
        is_ap = p in ap
        props = org.persons.get(p, {})
        node: dict[str, Any] = dict(
            shape="star" if is_ap else "dot", size=14 if is_ap else 10 if pin != "none" else 7,
            x=round(person_pos[p][0], 1), y=round(person_pos[p][1], 1),
            color={"background": dept_colour[d], "border": role["articulation"] if is_ap else role["pin"] if pin != "none" else "#4d4d4d"},
            borderWidth=3 if is_ap or pin != "none" else 1,
            font={"size": 11, "color": role["text"]},
            kg_level="person", kg_team=team_gid[t], kg_dept=dept_gid[d],
            kg_tip=f"{org.name(p)}\n{props.get('function') or ''}\n{org.name(t) if t != _NONE_TEAM else t}"
                   + (f"\nlinking pin ({pin})" if pin != "none" else "") + ("\narticulation point" if is_ap else ""),
        )
        b.add_node(p, org.name(p), **node)
        flags = ([f"formal linking pin: {pin}"] if pin != "none" else []) + (["articulation point"] if is_ap else [])
        details[p] = {
            "title": org.name(p), "subtitle": f"Person {p}", "flags": flags,
            "fields": [["Function", props.get("function")], ["Team", ", ".join(org.name(x) for x in org.teams_of(p)) or None],
                       ["Department", org.name(d) if d != _NONE_DEPT else None],
                       ["Betweenness", f"{bt[p]:.3f}" if p in bt else None]],
        }
    weights: dict[tuple[str, str], float] = {}
    for s, t, _, props in org.edges("WORKS_WITH"):
        if s == t or s not in index or t not in index:
            continue
        key = (s, t) if s < t else (t, s)
        weights[key] = weights.get(key, 0.0) + float(props.get("weight", 1) or 1)
    links = [[index[a], index[c], round(w, 3)] for (a, c), w in sorted(weights.items())]

    groups = []
    mid_dept_r = sorted(dept_r.values())[len(dept_r) // 2]
    mid_team_r = sorted(team_r.values())[len(team_r) // 2]
    merged_colour = "#bdbdbd"

    def unit_name(u: str) -> str:
        return u if u in (_NONE_TEAM, _NONE_DEPT) else org.name(u)

    def centre(pos: dict[str, tuple[float, float]], units: list[str], weight: dict[str, int]) -> tuple[float, float]:
        w = sum(weight[u] for u in units) or 1
        return (sum(pos[u][0] * weight[u] for u in units) / w, sum(pos[u][1] * weight[u] for u in units) / w)

    def figures(ps: list[str]) -> tuple[str, str, str]:
        """people, linking pins, articulation points of a group, or withheld"""
        if suppressed:
            return (WITHHELD,) * 3
        return (str(len(ps)), str(sum(formal.get(p, "none") != "none" for p in ps)), str(sum(p in ap for p in ps)))

    def counted(label: str, ps: list[str]) -> str:
        return label if suppressed else f"{label} ({len(ps)})"

    team_size = {t: len(ms) for t, ms in members.items()}
    dept_size = {d: sum(team_size[t] for t in dept_teams[d]) for d in depts}
    for dg, dparts in dgroups:
        merged_d = dg == _MERGED_DEPT
        ps = [p for d in dparts for t in dept_teams[d] for p in members[t]]
        people, n_pins, n_ap = figures(ps)
        if merged_d:
            x, y = centre(dept_pos, dparts, dept_size)
            radius = math.sqrt(sum(dept_r[d] ** 2 for d in dparts))
            label, colour = merged_departments_label(n_min), merged_colour
        else:
            (x, y), radius = dept_pos[dparts[0]], dept_r[dparts[0]]
            label, colour = unit_name(dparts[0]), dept_colour[dparts[0]]
        n_teams = sum(len(dept_teams[d]) for d in dparts)
        groups.append({"id": dg, "label": counted(label, ps), "level": "department", "parent": None,
                       "x": round(x, 1), "y": round(y, 1), "size": round(max(14 + 4 * math.sqrt(len(ps)), 0.4 * radius), 1),
                       "font": round(max(16.0, 0.2 * mid_dept_r), 1),
                       "color": {"background": colour, "border": "#333333"},
                       "tip": f"{label}\n{n_teams} teams\n{_withheld_note(n_min)}" if suppressed else
                              f"{label}\n{people} people in {n_teams} teams\n{n_pins} linking pins, {n_ap} articulation points"})
        team_lines = [counted(merged_teams_label(n_min) if tg.startswith(_MERGED_TEAM) else unit_name(ts[0]),
                              [p for t in ts for p in members[t]]) for tg, ts in tgroups[dg]]
        details[dg] = {"title": label,
                       "subtitle": (f"Departments with fewer than {n_min} people, merged" if merged_d else "Department")
                                   + " (click again to collapse)",
                       "flags": [merged_note(sorted((unit_name(d) for d in dparts), key=str.lower), n_min, suppressed)] if merged_d else [],
                       "fields": [["People", people], ["Teams", str(n_teams)], ["Linking pins", n_pins], ["Articulation points", n_ap]],
                       "sections": ([["Merged departments", sorted((unit_name(d) for d in dparts), key=str.lower)]] if merged_d else [])
                                   + [["Teams", team_lines]]}
        for tg, tparts in tgroups[dg]:
            merged_t = tg.startswith(_MERGED_TEAM)
            ms = [p for t in tparts for p in members[t]]
            people, n_pins, n_ap = figures(ms)
            if merged_t:
                x, y = centre(team_pos, tparts, team_size)
                radius = spacing * math.sqrt(len(ms) + 0.5) + 18
                tl = merged_teams_label(n_min)
            else:
                (x, y), radius, tl = team_pos[tparts[0]], team_r[tparts[0]], unit_name(tparts[0])
            groups.append({"id": tg, "label": counted(tl, ms), "level": "team", "parent": dg,
                           "x": round(x, 1), "y": round(y, 1), "size": round(max(9 + 3 * math.sqrt(len(ms)), 0.55 * radius), 1),
                           "font": round(max(13.0, 0.3 * mid_team_r), 1),
                           "color": {"background": colour, "border": "#555555"},
                           "tip": f"{tl}\n{_withheld_note(n_min)}" if suppressed else
                                  f"{tl}\n{people} people\n{n_pins} linking pins, {n_ap} articulation points"})
            details[tg] = {"title": tl,
                           "subtitle": (f"Teams with fewer than {n_min} people, merged" if merged_t else "Team")
                                       + f" in {label} (click again to collapse)",
                           "flags": [merged_note(sorted((unit_name(t) for t in tparts), key=str.lower), n_min, suppressed)] if merged_t else [],
                           "fields": [["People", people], ["Linking pins", n_pins], ["Articulation points", n_ap]],
                           "sections": ([["Merged teams", sorted((unit_name(t) for t in tparts), key=str.lower)]] if merged_t else [])
                                       + [["Linking pins and articulation points",
                                           [org.name(p) + (" (articulation point)" if p in ap else "") for p in ms if formal.get(p, "none") != "none" or p in ap]]]}

    merged_depts = [d for dg, ds_ in dgroups if dg == _MERGED_DEPT for d in ds_]
    merged_teams = sorted(t for tg in tgroups.values() for gid, ts in tg if gid.startswith(_MERGED_TEAM) for t in ts)
    privacy_note = ""
    if merged_depts or merged_teams:
        what = " and ".join(x for x in (_plural(len(merged_depts), "department") if merged_depts else "",
                                         _plural(len(merged_teams), "team") if merged_teams else "") if x)
        privacy_note = (f"Minimum group size {n_min}: departments and teams with fewer than {n_min} people are merged "
                        f"into one node (teams within their department), topped up with the smallest others until it "
                        f"has {n_min}; {what} merged. "
                        + (f"The organisation has fewer than {n_min} people: group figures are withheld. " if suppressed
                           else "Click a merged node to see which. "))
    leg = html.legends()["network"]
    legend = {
        "title": "Legend",
        "groups": [
            {"heading": "Departments" if len(keys) == len(depts) else "Divisions (departments under the top)",
             "items": [{"swatch": "", "colour": key_colour[k], "label": org.name(k) if k != _NONE_DEPT else k} for k in keys[:12]]},
            {"heading": "People", "items": [
                {"swatch": "", "colour": "#ffffff", "label": leg["shapes"][0]["label"]},
                {"swatch": "pin", "colour": "#ffffff", "label": leg["shapes"][1]["label"]},
                {"swatch": "star", "label": leg["shapes"][2]["label"]},
                {"swatch": "", "colour": "#dddddd", "border": "#333333", "label": "department or team (size = people; click to open)"},
            ] + ([{"swatch": "", "colour": merged_colour, "border": "#333333", "label": merged_departments_label(n_min)}]
                 if merged_depts else [])},
        ],
        "note": privacy_note + (f"{len(keys) - 12} more not listed; colours repeat. " if len(keys) > 12 else "") + leg["aggregated"],
    }
    return {
        "id": view_id,
        "kind": "network",
        "start": aggregate,
        "persons": b.nodes,
        "groups": groups,
        "links": links,
        "details": details,
        "legend": legend,
        "options": {
            "physics": {"enabled": False},
            "layout": {"improvedLayout": False},
            "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": len(links) > 5000, "keyboard": False},
            "edges": {"smooth": False, "color": {"color": "#9aa5b1", "opacity": 0.55, "highlight": "#111111"}},
            "nodes": {"borderWidthSelected": 3},
        },
        "counts": {"persons": len(persons), "teams": len(members), "departments": len(depts), "ties": len(links),
                   "linking_pins": sum(v != "none" for v in formal.values()), "articulation_points": len(ap)},
        "pins_source": source,
        "privacy": {"min_group_size": n_min, "merged_departments": merged_depts, "merged_teams": merged_teams,
                    "suppressed": suppressed, "note": privacy_note.strip()},
    }


def network(kg, out: str | os.PathLike, *, aggregate: str | None = None) -> dict[str, Any]:
    """Write the internal network view, a self-contained HTML page, to ``out``.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph handle.
    out : path
        The HTML file to write.
    aggregate : {"person", "team", "department"}, optional
        The level the map opens at; default by size: people up to
        :data:`AUTO_PERSONS`, teams up to :data:`AUTO_TEAMS`, else departments.

    The team and department levels are aggregates: departments with fewer
    than ``kg.min_group_size`` people are merged into one node, and so are the
    teams with fewer within each department node (see ``_group_plan``); the
    legend and the merged node's details say so. The person level is
    person-level output and is not affected.

    Returns
    -------
    dict
        ``path``, ``level``, ``nodes`` (drawn when the page opens), ``edges``
        (person ties), ``bytes``, the counts of persons, teams, departments,
        linking pins and articulation points; ``min_group_size``,
        ``merged_departments`` and ``merged_teams`` (ids of the units merged),
        ``suppressed`` (the organisation is smaller than the minimum: counts withheld).

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.analysis._example import example_graph
    >>> kg = example_graph()
    >>> out = os.path.join(tempfile.mkdtemp(), "net.html")
    >>> r = kgraph.network(kg, out)
    >>> r["level"], r["nodes"]
    ('person', 5)
    >>> r = kgraph.network(kg, out, aggregate="department")  # 3 and 2 people: merged into one node
    >>> r["nodes"], r["merged_departments"]
    (1, ['D-RUIMTE', 'D-SOC'])
    """
    data = network_data(kg, aggregate=aggregate)
    c = data["counts"]
    leg = html.legends()["network"]
    meta = f"{c['persons']:,} people · {c['teams']:,} teams · {c['departments']:,} departments\n{Path(str(kg.location)).name}"
    body = html.header(leg["title"], leg["intro"], meta) + html.view_section("network", leg["title"])
    text = html.page(title=leg["title"], body=body, views=[data], scripts=("network.js",))
    path = html.write(out, text)
    priv = data["privacy"]
    return {"path": str(path), "level": data["start"], "nodes": initial_nodes(data), "edges": len(data["links"]),
            "bytes": path.stat().st_size, **c, "min_group_size": priv["min_group_size"],
            "merged_departments": priv["merged_departments"], "merged_teams": priv["merged_teams"],
            "suppressed": priv["suppressed"]}


def initial_nodes(data: dict[str, Any]) -> int:
    """How many nodes the map draws when it opens (its starting level)."""
    if data["start"] == "person":
        return len(data["persons"])
    return sum(g["level"] == data["start"] for g in data["groups"])
