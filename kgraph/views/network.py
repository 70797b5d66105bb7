"""The internal network view: people and their ties, linking pins and
articulation points highlighted, coloured by department.

Large organisations start aggregated (departments or teams, sized by their
people, tie counts as edge widths); clicking a department shows its teams,
clicking a team shows its people. Above
:data:`~kgraph.views.network_pack.COMPACT_PERSONS` people a map that opens with departments
is packed (:mod:`kgraph.views.network_pack`): the page decodes a department's people and
ties only when it is opened or searched. The layout is deterministic: departments on
a grid (siblings together), teams on a ring inside their department, people on
a sunflower spiral inside their team.

A view renders results: the organisation on one date, the linking-pin ranking
computed for it (formal pins, articulation points, betweenness: the same as
``kgraph linking-pins``) and the home groups with small ones merged
(:func:`kgraph.analysis.suppress.home_groups`); ``kgraph.network`` (the facade)
computes them and writes the page.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..analysis.suppress import (
    MERGED,
    NO_DEPARTMENT,
    NO_TEAM,
    merged_departments_label,
    merged_note,
    merged_teams_label,
    withheld_note,
)
from ..errors import OptionError
from ..i18n import N_, _, format_count, format_number, ngettext
from ..vocabulary import value_label
from . import html, svg
from .network_pack import COMPACT_PERSONS, pack, start_edges

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..org import Org

__all__ = ["network_data", "network_page", "network_static", "network_intro", "initial_nodes", "AUTO_PERSONS", "AUTO_TEAMS",
           "LABEL_ALL_MAX"]

#: up to this many people the map starts with people; up to AUTO_TEAMS with teams; else departments
AUTO_PERSONS = 400
AUTO_TEAMS = 4000
#: the static drawing labels everyone up to this many people, else the linking pins and articulation points
LABEL_ALL_MAX = 60

_NONE_TEAM = NO_TEAM
_NONE_DEPT = NO_DEPARTMENT
_GOLDEN = math.pi * (3 - math.sqrt(5))
_MERGED_DEPT = f"dept:{MERGED}"
_MERGED_TEAM = f"team:{MERGED}:"
#: what a figure of a group smaller than the minimum shows (translated where shown)
WITHHELD = N_("withheld")


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
    for _x in range(300):
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


def network_data(org: Org, pins: pd.DataFrame, units: dict[str, Any], *, aggregate: str | None = None,
                 view_id: str = "network", compact_above: int | None = None) -> dict[str, Any]:
    """The data of the network view (persons, groups, links) as plain dicts.

    Parameters
    ----------
    org : Org
        The organisation on one date (it must hold present persons).
    pins : pandas.DataFrame
        The linking-pin ranking of ``org`` (:func:`kgraph.linking_pins`, by team).
    units : dict
        The home groups of ``org`` with small groups merged (:func:`kgraph.analysis.suppress.home_groups`).
    aggregate : {"person", "team", "department"}, optional
        The level the map opens at (default by size).
    compact_above : int, optional
        A map of more people than this that opens at department level is packed: each
        department's people and ties are a compressed block the page decodes when it is
        opened (:mod:`kgraph.views.network_pack`; default
        :data:`~kgraph.views.network_pack.COMPACT_PERSONS`).
    """
    persons = sorted(org.present)
    if aggregate is None:
        aggregate = "person" if len(persons) <= AUTO_PERSONS else "team" if len(persons) <= AUTO_TEAMS else "department"
    if aggregate not in ("person", "team", "department"):
        raise OptionError(_("aggregate must be person, team or department, not '{level}'").format(level=aggregate))
    col = html.colours()
    size = html.sizes()["network"]
    pal = col["department"]["palette"]
    role, grey = col["role"], col["map"]
    formal = dict(zip(pins["person_id"], pins["formal_pin"]))
    ap = {p for p, a in zip(pins["person_id"], pins["articulation_point"]) if bool(a)}
    bt = {p: float(b) for p, b in zip(pins["person_id"], pins["betweenness"])}
    team_of, dept_of_team, members = units["team_of"], units["dept_of_team"], units["members"]
    dept_teams, depts = units["dept_teams"], units["depts"]
    colour_of = _colour_units(org, depts, len(pal))
    keys = list(dict.fromkeys(colour_of[d] for d in depts))
    key_colour = {k: pal[i % len(pal)] for i, k in enumerate(keys)}
    dept_colour = {d: key_colour[colour_of[d]] for d in depts}

    # -- layout (pixels)
    spacing = float(size["spacing"])
    team_r = {t: spacing * math.sqrt(len(members[t]) + 0.5) + size["team_padding"] for t in members}
    team_pos: dict[str, tuple[float, float]] = {}
    dept_r: dict[str, float] = {}
    for d in depts:
        ts = dept_teams[d]
        if len(ts) == 1:
            rel = [(0.0, 0.0)]
            dept_r[d] = team_r[ts[0]] + size["department_padding"]
        else:
            ring = max(sum(2 * team_r[t] + 24 for t in ts) / (2 * math.pi), max(team_r[t] for t in ts) + 10)
            rel = [(ring * math.cos(-math.pi / 2 + 2 * math.pi * k / len(ts)), ring * math.sin(-math.pi / 2 + 2 * math.pi * k / len(ts))) for k in range(len(ts))]
            dept_r[d] = ring + max(team_r[t] for t in ts) + size["department_padding"]
        for t, xy in zip(ts, rel):
            team_pos[t] = xy
    dept_ties: dict[tuple[str, str], float] = {}
    for s_, t_, _x, _x in org.edges("WORKS_WITH"):
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
    sunflower: dict[str, list[str]] = {}
    for t, ps in members.items():
        ordered = sorted(ps, key=lambda p: (-(formal.get(p, "none") != "none") - (p in ap), org.name(p).lower(), p))
        sunflower[t] = ordered
        for k, p in enumerate(ordered):
            x, y = _phyllotaxis(k, spacing)
            person_pos[p] = (team_pos[t][0] + x, team_pos[t][1] + y)

    # -- small groups: departments, then teams within each department group (see home_groups)
    n_min = units["min_group_size"]
    dgroups, tgroups, suppressed = units["groups"], units["teams"], units["suppressed"]
    dept_gid = {d: gid for gid, ds_ in dgroups for d in ds_}
    team_gid = {t: gid for tg in tgroups.values() for gid, ts in tg for t in ts}

    # -- persons, groups, links (pyvis holds the node/edge model)
    b = html.Builder()
    details: dict[str, dict[str, Any]] = {}
    index = {p: k for k, p in enumerate(persons)}
    person_rows: dict[str, dict[str, Any]] = {}
    pin_kinds: dict[str, int] = {"none": 0}
    for p in persons:
        t, d = team_of[p], dept_of_team[team_of[p]]
        pin = formal.get(p, "none")
        is_ap = p in ap
        props = org.persons.get(p, {})
        node: dict[str, Any] = dict(
            shape="star" if is_ap else "dot",
            size=size["person_cut"] if is_ap else size["person_pin"] if pin != "none" else size["person"],
            x=round(person_pos[p][0], 1), y=round(person_pos[p][1], 1),
            color={"background": dept_colour[d],
                   "border": role["articulation"] if is_ap else role["pin"] if pin != "none" else grey["department_border"]},
            borderWidth=size["pin_border"] if is_ap or pin != "none" else 1,
            font={"size": size["person_font"], "color": role["text"]},
            kg_level="person", kg_team=team_gid[t], kg_dept=dept_gid[d],
            kg_tip=f"{org.name(p)}\n{props.get('function') or ''}\n{org.name(t) if t != _NONE_TEAM else t}"
                   + ("\n" + _("linking pin ({kind})").format(kind=value_label("formal_pin", pin)) if pin != "none" else "")
                   + ("\n" + _("articulation point") if is_ap else ""),
        )
        b.add_node(p, org.name(p), **node)
        person_rows[p] = {"name": org.name(p), "function": props.get("function") or "",
                     "team": org.name(t) if t != _NONE_TEAM else t,
                     "teams": ", ".join(org.name(x) for x in org.teams_of(p)),
                     "department": org.name(d) if d != _NONE_DEPT else "",
                     "betweenness": format_number(round(bt[p], 3)) if p in bt else "",
                     "pin": pin_kinds.setdefault(pin, len(pin_kinds)) if pin != "none" else 0, "ap": is_ap,
                     "cx": team_pos[t][0], "cy": team_pos[t][1], "colour": dept_colour[d]}
        flags = (([_("formal linking pin: {kind}").format(kind=value_label("formal_pin", pin))] if pin != "none" else [])
                 + ([_("articulation point")] if is_ap else []))
        details[p] = {
            "title": org.name(p), "subtitle": _("Person {id}").format(id=p), "flags": flags,
            "fields": [[_("Function"), props.get("function")],
                       [_("Team"), ", ".join(org.name(x) for x in org.teams_of(p)) or None],
                       [_("Department"), org.name(d) if d != _NONE_DEPT else None],
                       [_("Betweenness"), format_number(round(bt[p], 3)) if p in bt else None]],
        }
    weights: dict[tuple[str, str], float] = {}
    for s, t, _x, props in org.edges("WORKS_WITH"):
        if s == t or s not in index or t not in index:
            continue
        key = (s, t) if s < t else (t, s)
        weights[key] = weights.get(key, 0.0) + float(props.get("weight", 1) or 1)
    links = [[index[a], index[c], round(w, 3)] for (a, c), w in sorted(weights.items())]

    groups = []
    mid_dept_r = sorted(dept_r.values())[len(dept_r) // 2]
    mid_team_r = sorted(team_r.values())[len(team_r) // 2]
    merged_colour = grey["merged"]

    def unit_name(u: str) -> str:
        return u if u in (_NONE_TEAM, _NONE_DEPT) else org.name(u)

    def centre(pos: dict[str, tuple[float, float]], parts: list[str], weight: dict[str, int]) -> tuple[float, float]:
        w = sum(weight[u] for u in parts) or 1
        return (sum(pos[u][0] * weight[u] for u in parts) / w, sum(pos[u][1] * weight[u] for u in parts) / w)

    def figures(ps: list[str]) -> tuple[str, str, str]:
        """people, linking pins, articulation points of a group, or withheld"""
        if suppressed:
            return (_(WITHHELD),) * 3
        return (format_count(len(ps)), format_count(sum(formal.get(p, "none") != "none" for p in ps)),
                format_count(sum(p in ap for p in ps)))

    def counted(label: str, ps: list[str]) -> str:
        return label if suppressed else f"{label} ({format_count(len(ps))})"

    def group_tip(label: str, people: str, n_teams: int | None, n_pins: str, n_ap: str) -> str:
        if suppressed:
            teams = "" if n_teams is None else "\n" + ngettext("{n} team", "{n} teams", n_teams).format(n=n_teams)
            return f"{label}{teams}\n{withheld_note(n_min)}"
        head = (_("{people} people") if n_teams is None else
                ngettext("{people} people in {n} team", "{people} people in {n} teams", n_teams)).format(
            people=people, n=n_teams)
        return f"{label}\n{head}\n" + _("{pins} linking pins, {cuts} articulation points").format(pins=n_pins, cuts=n_ap)

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
                       "x": round(x, 1), "y": round(y, 1),
                       "size": round(max(size["department_base"] + size["department_per_person"] * math.sqrt(len(ps)), 0.4 * radius), 1),
                       "font": round(max(float(size["department_font"]), 0.2 * mid_dept_r), 1),
                       "color": {"background": colour, "border": grey["group_border"]},
                       "tip": group_tip(label, people, n_teams, n_pins, n_ap)})
        team_lines = [counted(merged_teams_label(n_min) if tg.startswith(_MERGED_TEAM) else unit_name(ts[0]),
                              [p for t in ts for p in members[t]]) for tg, ts in tgroups[dg]]
        details[dg] = {"title": label,
                       "subtitle": (_("Departments with fewer than {n} people, merged").format(n=n_min) if merged_d
                                    else _("Department")) + " " + _("(click again to collapse)"),
                       "flags": [merged_note(sorted((unit_name(d) for d in dparts), key=str.lower), n_min, suppressed)] if merged_d else [],
                       "fields": [[_("People"), people], [_("Teams"), format_count(n_teams)], [_("Linking pins"), n_pins],
                                  [_("Articulation points"), n_ap]],
                       "sections": ([[_("Merged departments"), sorted((unit_name(d) for d in dparts), key=str.lower)]] if merged_d else [])
                                   + [[_("Teams"), team_lines]]}
        for tg, tparts in tgroups[dg]:
            merged_t = tg.startswith(_MERGED_TEAM)
            ms = [p for t in tparts for p in members[t]]
            people, n_pins, n_ap = figures(ms)
            if merged_t:
                x, y = centre(team_pos, tparts, team_size)
                radius = spacing * math.sqrt(len(ms) + 0.5) + size["team_padding"]
                tl = merged_teams_label(n_min)
            else:
                (x, y), radius, tl = team_pos[tparts[0]], team_r[tparts[0]], unit_name(tparts[0])
            groups.append({"id": tg, "label": counted(tl, ms), "level": "team", "parent": dg,
                           "x": round(x, 1), "y": round(y, 1),
                           "size": round(max(size["team_base"] + size["team_per_person"] * math.sqrt(len(ms)), 0.55 * radius), 1),
                           "font": round(max(float(size["team_font"]), 0.3 * mid_team_r), 1),
                           "color": {"background": colour, "border": grey["team_border"]},
                           "tip": group_tip(tl, people, None, n_pins, n_ap)})
            details[tg] = {"title": tl,
                           "subtitle": (_("Teams with fewer than {n} people, merged, in {department}") if merged_t
                                        else _("Team in {department}")).format(n=n_min, department=label)
                                       + " " + _("(click again to collapse)"),
                           "flags": [merged_note(sorted((unit_name(t) for t in tparts), key=str.lower), n_min, suppressed)] if merged_t else [],
                           "fields": [[_("People"), people], [_("Linking pins"), n_pins], [_("Articulation points"), n_ap]],
                           "sections": ([[_("Merged teams"), sorted((unit_name(t) for t in tparts), key=str.lower)]] if merged_t else [])
                                       + [[_("Linking pins and articulation points"),
                                           [org.name(p) + (" " + _("(articulation point)") if p in ap else "")
                                            for p in ms if formal.get(p, "none") != "none" or p in ap]]]}

    merged_depts = [d for dg, ds_ in dgroups if dg == _MERGED_DEPT for d in ds_]
    merged_teams = sorted(t for tg in tgroups.values() for gid, ts in tg if gid.startswith(_MERGED_TEAM) for t in ts)
    privacy_note = ""
    if merged_depts or merged_teams:
        parts = ([ngettext("{n} department", "{n} departments", len(merged_depts)).format(n=len(merged_depts))]
                 if merged_depts else []) + \
                ([ngettext("{n} team", "{n} teams", len(merged_teams)).format(n=len(merged_teams))] if merged_teams else [])
        what = _("{a} and {b}").format(a=parts[0], b=parts[1]) if len(parts) == 2 else parts[0]
        privacy_note = (_("Minimum group size {n}: departments and teams with fewer than {n} people are merged into one "
                          "node (teams within their department), topped up with the smallest others until it has {n}; "
                          "{what} merged.").format(n=n_min, what=what) + " "
                        + (_("The organisation has fewer than {n} people: group figures are withheld.").format(n=n_min)
                           if suppressed else _("Click a merged node to see which.")) + " ")
    leg = html.legends()["network"]
    divisions = any(colour_of[d] != d for d in depts)  # more departments than colours: a division colours its departments
    legend = {
        "title": leg["legend"],
        "groups": [
            {"heading": leg["divisions_heading"] if divisions else leg["departments_heading"],
             "items": [{"swatch": "", "colour": key_colour[k], "label": org.name(k) if k != _NONE_DEPT else k} for k in keys[:12]]},
            {"heading": _("People"), "items": [
                {"swatch": "", "colour": role["person"], "label": leg["person_division"] if divisions else leg["person_department"]},
                {"swatch": "pin", "colour": role["person"], "label": leg["shapes"][1]["label"]},
                {"swatch": "star", "label": leg["shapes"][2]["label"]},
                {"swatch": "", "colour": grey["aggregate"], "border": grey["group_border"], "label": leg["group"]},
            ] + ([{"swatch": "", "colour": merged_colour, "border": grey["group_border"], "label": merged_departments_label(n_min)}]
                 if merged_depts else [])},
        ],
        "note": privacy_note + (_("{n} more not listed; colours repeat.").format(n=len(keys) - 12) + " "
                                if len(keys) > 12 else "") + leg["aggregated"] + " " + leg["labels"],
    }
    # labels that stay at any zoom: articulation points, then formal pins, by betweenness
    labelled = sorted((p for p in persons if p in ap or formal.get(p, "none") != "none"),
                      key=lambda p: (p not in ap, -bt.get(p, 0.0), p))
    # the search: teams and departments by name (a team merged for privacy finds its merged node); persons come from the map
    search = [[dept_gid[d], unit_name(d)] for d in depts] + [[team_gid[t], unit_name(t)] for t in members]
    search += [[g["id"], g["label"]] for g in groups if g["id"].startswith((_MERGED_DEPT, _MERGED_TEAM))]
    search = sorted({(i, n) for i, n in search}, key=lambda x: (x[1].lower(), x[0]))
    data = {
        "id": view_id,
        "kind": "network",
        "start": aggregate,
        "persons": b.nodes,
        "groups": groups,
        "links": links,
        "details": details,
        "legend": legend,
        "colour_by": "division" if divisions else "department",
        "labels": labelled,
        "search": [list(x) for x in search],
        "label_size": size["overlay_label"],
        "legend_text": {k: leg[k] for k in ("search", "search_placeholder", "search_none")},
        "options": {
            "physics": {"enabled": False},
            "layout": {"improvedLayout": False},
            "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": len(links) > 5000, "keyboard": False},
            "edges": {"smooth": False, "color": {"color": grey["tie"], "opacity": 0.55, "highlight": grey["department_text"]}},
            "nodes": {"borderWidthSelected": 3},
        },
        "counts": {"persons": len(persons), "teams": len(members), "departments": len(depts), "ties": len(links),
                   "linking_pins": sum(v != "none" for v in formal.values()), "articulation_points": len(ap)},
        "pins_source": "linking_pins",
        "privacy": {"min_group_size": n_min, "merged_departments": merged_depts, "merged_teams": merged_teams,
                    "suppressed": suppressed, "note": privacy_note.strip()},
    }
    if compact_above is None:
        compact_above = COMPACT_PERSONS
    if aggregate != "department" or len(persons) <= compact_above:
        return data
    order = [(dg, [(tg, [(t, sunflower[t]) for t in tparts]) for tg, tparts in tgroups[dg]]) for dg, _x in dgroups]
    style = {"spacing": spacing, "person": size["person"], "person_pin": size["person_pin"], "person_cut": size["person_cut"],
             "pin_border": size["pin_border"], "person_font": size["person_font"], "text": role["text"],
             "border": grey["department_border"], "border_pin": role["pin"], "border_cut": role["articulation"]}
    kinds = sorted(pin_kinds, key=pin_kinds.get)
    texts = {"person": _("Person {id}"), "function": _("Function"), "team": _("Team"), "department": _("Department"),
             "betweenness": _("Betweenness"), "ap": _("articulation point"),
             "pin_tip": [""] + [_("linking pin ({kind})").format(kind=value_label("formal_pin", k)) for k in kinds[1:]],
             "pin_flag": [""] + [_("formal linking pin: {kind}").format(kind=value_label("formal_pin", k)) for k in kinds[1:]],
             "thinned": ""}
    packed = pack(data, people=person_rows, order=order, weights=weights, style=style, texts=texts)
    info = packed["packed"]
    if info["group_ties_total"] > len(info["group_ties"]):
        note = _("Between closed departments only the {n} strongest connections are drawn (at least {k} pairs "
                 "with a work tie each, of {total}); open a department to see all its ties.").format(
            n=format_count(len(info["group_ties"])), k=format_count(info["group_ties_floor"]),
            total=format_count(info["group_ties_total"]))
        info["texts"]["thinned"] = note
        packed["legend"] = dict(packed["legend"], note=note + " " + packed["legend"]["note"])
    return packed


def network_intro(data: dict[str, Any]) -> str:
    """The sentence under the title: what the colour shows (departments, or divisions), pins and stars."""
    leg = html.legends()["network"]
    return (leg["colour_divisions"] if data["colour_by"] == "division" else leg["colour_departments"]) + " " + leg["intro"]


def _start_level(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges the map draws when it opens (as the page's script draws them)."""
    persons, start = data["persons"], data["start"]
    tie = data["options"]["edges"]["color"]
    if "packed" in data:  # department level, the strongest lines between departments
        nodes = [{"id": g["id"], "label": g["label"], "x": g["x"], "y": g["y"], "size": g["size"], "color": g["color"],
                  "borderWidth": 2} for g in data["groups"]]
        edges = [{"from": a, "to": b, "width": min(12.0, 1 + 1.6 * math.log(1 + n)),
                  "color": {"color": tie["color"], "opacity": tie["opacity"]}} for a, b, n in start_edges(data)]
        return nodes, edges
    if start == "person":
        edges = [{"from": persons[a]["id"], "to": persons[b]["id"], "width": min(6.0, 0.6 + 0.5 * w),
                  "color": {"color": tie["color"], "opacity": tie["opacity"]}} for a, b, w in data["links"]]
        return persons, edges
    key = "kg_team" if start == "team" else "kg_dept"
    rep = [p[key] for p in persons]
    counts: dict[tuple[str, str], int] = {}
    for a, b, _w in data["links"]:
        x, y = rep[a], rep[b]
        if x != y:
            pair = (x, y) if x < y else (y, x)
            counts[pair] = counts.get(pair, 0) + 1
    groups = {g["id"]: g for g in data["groups"]}
    nodes = [{"id": g, "label": groups[g]["label"], "x": groups[g]["x"], "y": groups[g]["y"], "size": groups[g]["size"],
              "color": groups[g]["color"], "borderWidth": 2} for g in dict.fromkeys(rep)]
    edges = [{"from": a, "to": b, "width": min(12.0, 1 + 1.6 * math.log(1 + n)),
              "color": {"color": tie["color"], "opacity": tie["opacity"]}} for (a, b), n in sorted(counts.items())]
    return nodes, edges


def network_static(data: dict[str, Any]) -> str:
    """The static drawing of the network map as it opens (printed, and shown without JavaScript), and its legend."""
    nodes, edges = _start_level(data)
    if data["start"] != "person" or len(nodes) <= LABEL_ALL_MAX:
        labels = [n["id"] for n in sorted(nodes, key=lambda n: -float(n.get("size") or 0))]
    else:
        labels = data["labels"]
    title = html.legends()["network"]["title"]
    return html.static_block([("", svg.map_svg(nodes, edges, title=title, labels=labels))], data["legend"])


def network_page(data: dict[str, Any], *, as_of, label: str = "") -> str:
    """The network view as a self-contained HTML page (its date in the header)."""
    c = data["counts"]
    leg = html.legends()["network"]
    counts = " · ".join((
        ngettext("{n} person", "{n} people", c["persons"]).format(n=format_count(c["persons"])),
        ngettext("{n} team", "{n} teams", c["teams"]).format(n=format_count(c["teams"])),
        ngettext("{n} department", "{n} departments", c["departments"]).format(n=format_count(c["departments"])),
        ngettext("{n} pair of colleagues with a work tie", "{n} pairs of colleagues with a work tie",
                 c["ties"]).format(n=format_count(c["ties"]))))
    meta = "\n".join(x for x in (html.date_line(as_of), counts, label) if x)
    body = html.header(leg["title"], network_intro(data), meta) + html.view_section("network", leg["title"],
                                                                                       static=network_static(data))
    return html.page(title=leg["title"], body=body, views=[data], scripts=("network.js",))


def initial_nodes(data: dict[str, Any]) -> int:
    """How many nodes the map draws when it opens (its starting level)."""
    if data["start"] == "person":
        return len(data["persons"])
    return sum(g["level"] == data["start"] for g in data["groups"])
