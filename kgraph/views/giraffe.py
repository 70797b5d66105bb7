"""The giraffe view: external actors around the issues they hold positions on.

Stance is colour (ColorBrewer RdBu, colour-blind safe), influence is size,
issues are hubs; the factors around an issue (political, economic, ... developments)
sit beside its actors as hexagons coloured by their kind, each line labelled with its
effect (−2 … +2); internal contact persons and their departments sit on the
outer rings. The layout is computed here, seeded, so the same data always
draws the same map (physics off). A view renders results: the organisation on
one date and the stakeholder rows computed for it (:func:`kgraph.stakeholders`);
``kgraph.giraffe`` (the facade) computes them and writes the page.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..i18n import _, format_count, format_number, ngettext
from ..vocabulary import VALUES, stance_word, value_label, value_words
from ..model import model
from . import engagement, html
from ._layout import circular_mean, spread_blocks

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..org import Org

__all__ = ["giraffe_data", "giraffe_page"]

_SEED = 7


def _stance_colour(stance: float | None, palette: dict[str, str]) -> str:
    if stance is None:
        return palette["unknown"]
    return palette[str(max(-2, min(2, int(round(stance)))))]


def _fmt_stance(s: float | None) -> str:
    return "?" if s is None else f"{int(s):+d}" if s else "0"


def giraffe_data(org: Org, df: pd.DataFrame, *, factors: pd.DataFrame | None = None, view_id: str = "giraffe",
                 engage: pd.DataFrame | None = None, log: pd.DataFrame | None = None) -> dict[str, Any]:
    """The data of the giraffe view (nodes, edges, details, legend) as plain dicts.

    Parameters
    ----------
    org : Org
        The organisation on the date of ``df``.
    df : pandas.DataFrame
        Stakeholder rows (:func:`kgraph.stakeholders`), all issues or a selection.
    factors : pandas.DataFrame, optional
        Factor rows (:func:`kgraph.factors`) of the same issues; an issue with factors
        and no positions is drawn too.
    view_id : str
        The id of the view on its page (the giraffe page, or the report that draws the same map).
    engage, log : pandas.DataFrame, optional
        The engagement plan (:func:`kgraph.engage`) and the interaction log
        (:func:`kgraph.interactions`) of the same date: actors overdue for contact get a
        ring, their details the modes, recent interactions and open follow-ups.
    """
    import networkx as nx

    col = html.colours()
    size = html.sizes()["giraffe"]
    stance_pal, role, grey = col["stance"], col["role"], col["map"]
    dept_pal = col["department"]["palette"]
    leg = html.legends()
    kind_labels = {k: value_label("actor_kind", k) for k in VALUES["actor_kind"]}
    rows = df.to_dict("records")
    frows = [] if factors is None else factors.to_dict("records")

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
    dept_colour = {d: dept_pal[i % len(dept_pal)] for i, d in enumerate(depts)}

    # -- layout: issues on an inner ring, actors by a seeded spring layout with the
    #    issues fixed, persons and departments on outer rings near their actors.
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
        layout = nx.spring_layout(G, pos=init, fixed=issues, k=k_opt, iterations=150, seed=_SEED, weight="weight")
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
    d_members = {d: sorted((p for p in p_list if person_dept[p] == d), key=lambda p: (p_want[p], p)) for d in depts}
    blocks = depts + [p for p in p_list if not person_dept[p]]
    block_members = [d_members[x] if x in d_members else [x] for x in blocks]
    step = float(size["person_step"]) / r_person
    starts = spread_blocks([circular_mean([p_want[p] for p in ms]) for ms in block_members],
                           [step * len(ms) + (step * 0.8 if len(ms) > 1 else 0.0) for ms in block_members])
    squeeze = min(1.0, 2 * math.pi / max(1e-9, sum(step * len(ms) + step * 0.8 for ms in block_members)))
    for start, x, ms in zip(starts, blocks, block_members):
        for k, p in enumerate(ms):
            a = start + squeeze * step * (k + 0.5)
            pos[p] = (r_person * math.cos(a), r_person * math.sin(a))
        if x in d_members:
            mid = start + squeeze * step * len(ms) / 2
            pos[x] = (r_dept * math.cos(mid), r_dept * math.sin(mid))
    # wide screens: stretch horizontally
    pos = {n: (x * size["stretch_x"], y) for n, (x, y) in pos.items()}

    # -- nodes and edges
    b = html.Builder()
    details: dict[str, dict[str, Any]] = {}
    signal_texts = _signals_by_actor_issue(org)
    marks = engagement.actor_marks(engage)
    for i in issues:
        props = org.of_kind("Issue").get(i, {})
        irows = [r for r in rows if r["issue_id"] == i]
        x, y = pos[i]
        b.add_node(i, org.name(i), shape="diamond", size=size["issue"], x=round(x, 1), y=round(y, 1),
                   color={"background": role["issue"], "border": role["issue"]},
                   font={"size": size["issue_font"], "bold": True, "color": role["text"], "strokeWidth": 4, "strokeColor": grey["halo"]},
                   kg_kind="issue", kg_tip=org.name(i) + "\n" + ngettext("issue · {n} actor", "issue · {n} actors", len(irows)).format(
                       n=format_count(len(irows))))
        quads: dict[str, int] = {}
        for r in irows:
            q = value_label("quadrant", r["quadrant"]) if r["quadrant"] else _("unknown")
            quads[q] = quads.get(q, 0) + 1
        details[i] = {
            "title": org.name(i), "subtitle": _("Issue {id}").format(id=i),
            "fields": [[_("Status"), props.get("status")], [_("Description"), props.get("description")],
                       [_("Actors"), format_count(len(irows))],
                       [_("Responsible"), ", ".join(org.name(p) for p in (irows[0]["responsible"] if irows else []))]],
            "sections": [
                [_("Quadrants"), [f"{q}: {n}" for q, n in sorted(quads.items())]],
                [_("Positions (current)"), [_("{actor}: {stance} ({value}), influence {influence}, interest {interest}").format(
                    actor=r["actor"], stance=r["stance_label"] or "?", value=_fmt_stance(r["stance"]),
                    influence=_s(r["influence"]) or "?", interest=_s(r["interest"]) or "?") for r in irows]],
            ],
        }
    for a in actors:
        arows = by_actor[a]
        props = org.of_kind("ExternalActor").get(a, {})
        stances = [r["stance"] for r in arows if r["stance"] is not None]
        mean_stance = sum(stances) / len(stances) if stances else None
        influence = max([r["influence"] for r in arows if r["influence"] is not None] or [props.get("power") or 1])
        blind = any(r["blind_spot"] for r in arows)
        x, y = pos[a]
        node: dict[str, Any] = dict(
            shape="dot", size=round(size["actor_base"] + size["actor_per_influence"] * float(influence), 1),
            x=round(x, 1), y=round(y, 1),
            color={"background": _stance_colour(mean_stance, stance_pal), "border": stance_pal["border"],
                   "highlight": {"background": _stance_colour(mean_stance, stance_pal), "border": grey["highlight"]}},
            borderWidth=size["blind_spot_border"] if blind else size["actor_border"],
            font={"size": size["actor_font"], "color": role["text"], "strokeWidth": 3, "strokeColor": grey["halo"]},
            kg_kind="actor", actor_kind=props.get("kind", "other"), issues=sorted(r["issue_id"] for r in arows),
            kg_tip=f"{org.name(a)}\n{kind_labels.get(props.get('kind', 'other'), props.get('kind'))}"
                   + "".join(f"\n{r['issue']}: {r['stance_label'] or '?'}" for r in arows),  # i18n: exempt (no words)
        )
        if blind:
            node["shapeProperties"] = {"borderDashes": list(size["blind_spot_dashes"])}
            node["color"]["border"] = role["conflict"]
        if marks.get(a, {}).get("overdue"):
            node["kg_overdue"] = True
        b.add_node(a, org.name(a), **node)
        details[a] = _actor_details(org, a, props, arows, signal_texts, kind_labels)
        engagement.add_actor_details(details[a], a, marks, log)
    factor_col, kind_words = col["factor"], value_words("factor_kind")
    for f in fids:
        frs = by_factor[f]
        kind = frs[0]["factor_kind"] or "other"
        x, y = pos[f]
        b.add_node(f, org.name(f), shape="hexagon", size=size["factor"], x=round(x, 1), y=round(y, 1),
                   color={"background": factor_col.get(kind, factor_col["other"]), "border": stance_pal["border"],
                          "highlight": {"background": factor_col.get(kind, factor_col["other"]), "border": grey["highlight"]}},
                   borderWidth=size["factor_border"],
                   font={"size": size["factor_font"], "color": role["text"], "strokeWidth": 3, "strokeColor": grey["halo"],
                         "italic": True},
                   kg_kind="factor", factor_kind=kind, issues=sorted(x["issue_id"] for x in frs),
                   kg_tip=f"{org.name(f)}\n{_('factor')} · {kind_words.get(kind, kind)}"
                          + "".join(f"\n{x['issue']}: {x['effect_label'] or '?'} ({_fmt_stance(x['effect'])})" for x in frs))
        details[f] = {
            "title": org.name(f), "subtitle": f"{_('Factor')} · {kind_words.get(kind, kind)} · {f}",
            "fields": [[_("Kind"), kind_words.get(kind, kind)], [_("Date"), frs[0]["date"]],
                       [_("Description"), frs[0]["description"]]],
            "sections": [[_("Effect on the issues"), [f"{x['issue']}: {x['effect_label'] or '?'} ({_fmt_stance(x['effect'])})"
                                                      for x in frs]]],
        }
    for d in depts:
        x, y = pos[d]
        b.add_node(d, org.name(d), shape="box", x=round(x, 1), y=round(y, 1),
                   color={"background": dept_colour[d], "border": grey["department_border"]},
                   font={"size": size["department_font"], "color": grey["department_text"]}, margin=size["department_margin"],
                   kg_kind="department", persons=d_members[d],
                   kg_tip=org.name(d) + "\n" + ngettext("department · {n} contact person", "department · {n} contact persons",
                                                         len(d_members[d])).format(n=format_count(len(d_members[d]))))
        details[d] = {"title": org.name(d), "subtitle": _("Department {id}").format(id=d),
                      "sections": [[_("Contact persons"), [f"{org.name(p)} ({', '.join(org.name(x) for x in sorted(persons[p]))})" for p in d_members[d]]]]}
    for p in p_list:
        x, y = pos[p]
        d = person_dept[p]
        pprops = org.persons.get(p, {})
        b.add_node(p, org.name(p), shape="square", size=size["person"], x=round(x, 1), y=round(y, 1),
                   color={"background": dept_colour.get(d, role["person"]), "border": grey["department_border"]},
                   font={"size": size["person_font"], "color": role["muted"]},
                   kg_kind="person", actors=sorted(persons[p]),
                   kg_tip=f"{org.name(p)}\n{pprops.get('function') or ''}\n{org.name(d) if d else ''}".strip())
        lines = []
        for a in sorted(persons[p]):
            c = contact_of[(p, a)]
            lines.append(_("{actor}: strength {strength}, last contact {date}").format(
                actor=org.name(a), strength=c["strength"] if c["strength"] is not None else "?",
                date=c["last_contact"] or _("unknown"))
                + (" " + _("(owner)") if c["owner"] else "") + (" " + _("(stale)") if c["stale"] else ""))
        details[p] = {"title": org.name(p), "subtitle": _("Contact person {id}").format(id=p),
                      "fields": [[_("Function"), pprops.get("function")], [_("Department"), org.name(d) if d else None],
                                 [_("Team"), ", ".join(org.name(t) for t in org.teams_of(p))]],
                      "sections": [[_("Relationships"), lines]]}

    for r in rows:
        colour = _stance_colour(r["stance"], stance_pal)
        b.add_edge(r["actor_id"], r["issue_id"], key="position", width=size["position_width"],
                   color={"color": colour, "highlight": grey["highlight"]},
                   kg_issue=r["issue_id"], kg_kind="position",
                   kg_tip=_("{actor} on {issue}: {stance} ({date})").format(
                       actor=r["actor"], issue=r["issue"], stance=r["stance_label"] or "?", date=r["date"] or _("undated")))
    for x in frows:
        b.add_edge(x["factor_id"], x["issue_id"], key="effect",
                   width=size["effect_base"] + size["effect_per_point"] * abs(x["effect"] or 0),
                   dashes=list(size["effect_dashes"]), label=_fmt_stance(x["effect"]),
                   font={"size": size["effect_font"], "color": role["text"], "strokeWidth": 3, "strokeColor": grey["halo"],
                         "align": "middle"},
                   color={"color": _stance_colour(x["effect"], stance_pal), "highlight": grey["highlight"]},
                   kg_issue=x["issue_id"], kg_kind="effect",
                   kg_tip=_("{factor} → {issue}: {effect} ({score})").format(
                       factor=org.name(x["factor_id"]), issue=x["issue"], effect=x["effect_label"] or "?",
                       score=_fmt_stance(x["effect"])))
    for (p, a), c in sorted(contact_of.items()):
        strength = c["strength"] or 1
        b.add_edge(p, a, key="contact", width=size["contact_base"] + size["contact_per_strength"] * float(strength),
                   dashes=list(size["contact_dashes"]) if not c["owner"] else False,
                   color={"color": role["contact"], "opacity": 0.8}, kg_kind="contact",
                   kg_tip=_("{person} – {actor}: strength {strength}, last contact {date}").format(
                       person=org.name(p), actor=org.name(a), strength=c["strength"] if c["strength"] is not None else "?",
                       date=c["last_contact"] or _("unknown")))
    for p in p_list:
        if person_dept[p]:
            b.add_edge(p, person_dept[p], key="dept", width=size["member_width"], color={"color": grey["member_line"]}, kg_kind="member")
    seen_ties: set[tuple[str, str, str]] = set()
    for s, t, _x, props in org.edges("ACTOR_TIE"):
        kind = props.get("kind", "other")
        if s in b and t in b and kind in ("alliance", "conflict") and (s, t, kind) not in seen_ties:
            seen_ties.add((s, t, kind))
            b.add_edge(s, t, key=f"tie-{kind}", width=size["tie_width"], dashes=list(size["tie_dashes"]),
                       color={"color": role["alliance"] if kind == "alliance" else role["conflict"]},
                       smooth={"enabled": True, "type": "curvedCW", "roundness": 0.25}, kg_kind="tie",
                       kg_tip=f"{org.name(s)} – {org.name(t)}: {_('alliance') if kind == 'alliance' else _('conflict')}")

    g = leg["giraffe"]
    legend = {
        "title": g["legend"],
        "groups": [
            {"heading": g["stance_heading"], "items": [{"swatch": "", "colour": _stance_colour(v, stance_pal), "label": f"{stance_word(v)} ({_fmt_stance(v)})"}
                                                       for v in sorted(model().scales["stance"])]},
            {"heading": g["nodes_heading"], "items": [
                {"swatch": "diamond", "label": g["shapes"][0]["label"]},
                {"swatch": "", "colour": role["person"], "label": g["shapes"][1]["label"]},
                {"swatch": "", "colour": role["person"], "border": role["conflict"], "label": g["blind_spot"]},
                *([engagement.legend_item()] if marks else []),
                {"swatch": "square", "colour": dept_pal[0], "label": g["shapes"][2]["label"]},
                {"swatch": "box", "colour": dept_pal[1], "label": g["shapes"][3]["label"]},
            ]},
            {"heading": g["lines_heading"], "items": [
                {"line": "solid", "colour": stance_pal["-2"], "label": g["edges"][0]["label"]},
                {"line": "dashed", "colour": role["contact"], "label": g["edges"][1]["label"] + "; " + g["owner"]},
                {"line": "dotted", "colour": role["alliance"], "label": g["edges"][2]["label"]},
                {"line": "dotted", "colour": role["conflict"], "label": g["edges"][3]["label"]},
            ]},
        ],
    }
    factor_kinds = [k for k in model().tables["factors"].column("kind").values if any(
        (by_factor[f][0]["factor_kind"] or "other") == k for f in fids)]
    if fids:
        legend["groups"].append({"heading": g["factors_heading"], "items": [
            *({"swatch": "hexagon", "colour": factor_col.get(k, factor_col["other"]), "label": kind_words.get(k, k)}
              for k in factor_kinds),
            {"line": "dashed", "colour": stance_pal["2"], "label": g["effect"]},
        ]})
    kinds_present = sorted({org.of_kind("ExternalActor").get(a, {}).get("kind", "other") for a in actors})
    find = ([[i, _("{name} (issue)").format(name=org.name(i))] for i in issues] + [[a, org.name(a)] for a in actors]
            + [[p, _("{name} (contact person)").format(name=org.name(p))] for p in p_list])
    find += [[f, _("{name} (factor)").format(name=org.name(f))] for f in fids]
    find.sort(key=lambda x: x[1].lower())
    return {
        "id": view_id,
        "kind": "giraffe",
        "nodes": b.nodes,
        "edges": b.edges,
        "details": details,
        "legend": legend,
        "controls": {
            "issue": "",
            "issues": [[i, org.name(i)] for i in issues],
            "kinds": [[k, kind_labels.get(k, k)] for k in kinds_present],
            "factor_kinds": [[k, kind_words.get(k, k)] for k in factor_kinds],
            "find": find,
        },
        "options": _options(),
        "marks": {"overdue": engagement.ring()},
        "counts": {"issues": len(issues), "actors": len(actors), "persons": len(p_list), "departments": len(depts),
                   "factors": len(fids)},
    }


def _options() -> dict[str, Any]:
    return {
        "physics": {"enabled": False},
        "layout": {"randomSeed": _SEED, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False, "multiselect": False},
        "edges": {"smooth": False, "selectionWidth": 1.5},
        "nodes": {"borderWidthSelected": 3},
    }


def _signals_by_actor_issue(org: Org) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for sig in org.signals:  # those known on the date
        if sig["actor_id"] and sig["issue_id"]:
            out.setdefault((sig["actor_id"], sig["issue_id"]), []).append(sig)
    for v in out.values():
        v.sort(key=lambda p: str(p.get("date") or ""), reverse=True)
    return out


def _actor_details(org: Org, a: str, props: dict[str, Any], arows: list[dict[str, Any]], signal_texts, kind_labels) -> dict[str, Any]:
    first = arows[0]
    flags = []
    if any(r["blind_spot"] for r in arows):
        flags.append(_("blind spot: no internal contact"))
    if first["single_contact"]:
        flags.append(_("single contact"))
    if first["stale_contact"]:
        flags.append(_("relationship not touched recently"))
    sections = []
    for r in arows:
        trend = " → ".join(f"{d or _('undated')}: {_fmt_stance(s)}" for d, s in r["trend"])
        lines = [
            _("stance: {stance} ({value}) since {date}").format(
                stance=r["stance_label"] or "?", value=_fmt_stance(r["stance"]), date=r["date"] or _("undated")),
            _("influence {influence}, interest {interest} → {quadrant}").format(
                influence=_s(r["influence"]) or "?", interest=_s(r["interest"]) or "?",
                quadrant=value_label("quadrant", r["quadrant"]) if r["quadrant"] else _("unknown quadrant")),
            _("trend: {trend}").format(trend=trend),
        ]
        if r["signals"]:
            lines.append(_("signals: {n}, mean sentiment {sentiment}").format(
                n=r["signals"], sentiment=format_number(r["sentiment"])))
        for sig in signal_texts.get((a, r["issue_id"]), [])[:5]:
            lines.append(f"{sig.get('date')} {value_label('channel', sig.get('channel'))} ({sig.get('sentiment')}): {sig.get('text') or ''}")
        if r["coalition"]:
            lines.append(_("same side: {actors}").format(actors=", ".join(org.name(x) for x in r["coalition"])))
        sections.append([_("On {issue}").format(issue=r["issue"]), lines])
    contacts = []
    for c in first["contacts"]:
        who = f"{c['name']} ({c['department']})" if c["department"] else c["name"]
        line = _("{person}: strength {strength}, last contact {date}").format(
            person=who, strength=c["strength"] if c["strength"] is not None else "?", date=c["last_contact"] or _("unknown"))
        contacts.append(line + (" · " + _("owner") if c["owner"] else "") + (" · " + _("stale") if c["stale"] else ""))
    sections.append([_("Internal contacts"), contacts or [_("none")]])
    ties = ([_("alliance: {actor}").format(actor=org.name(x)) for x in first["allies"]]
            + [_("conflict: {actor}").format(actor=org.name(x)) for x in first["conflicts"]])
    sections.append([_("Actor ties"), ties])
    return {
        "title": org.name(a),
        "subtitle": f"{kind_labels.get(props.get('kind', 'other'), props.get('kind'))} · {a}",
        "flags": flags,
        "fields": [
            [_("Description"), props.get("description")],
            [_("Salience"), value_label("salience", first["salience"])],
            [_("Power"), _s(first["power"])], [_("Legitimacy"), _s(first["legitimacy"])], [_("Urgency"), _s(first["urgency"])],
            [_("Owner"), first["owner"] if isinstance(first["owner"], str) else None],
        ],
        "sections": sections,
    }


def _s(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return str(v)


def giraffe_page(data: dict[str, Any], *, as_of, label: str = "") -> str:
    """The giraffe view as a self-contained HTML page (its date in the header)."""
    leg = html.legends()["giraffe"]
    counts = data["counts"]
    parts = [ngettext("{n} actor", "{n} actors", counts["actors"]).format(n=format_count(counts["actors"])),
             ngettext("{n} issue", "{n} issues", counts["issues"]).format(n=format_count(counts["issues"]))]
    if counts.get("factors"):
        parts.append(ngettext("{n} factor", "{n} factors", counts["factors"]).format(n=format_count(counts["factors"])))
    meta = "\n".join(x for x in (html.date_line(as_of), " · ".join(parts), label) if x)
    body = html.header(leg["title"], leg["intro"], meta) + html.view_section("giraffe", leg["title"])
    return html.page(title=leg["title"], body=body, views=[data], scripts=("giraffe.js",))
