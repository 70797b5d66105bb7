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
from . import engagement, giraffe_layout, html, svg

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..org import Org

__all__ = ["giraffe_data", "giraffe_page", "giraffe_static", "issue_view", "blind_spot_mark", "blind_spot_legend_item"]

_SEED = giraffe_layout.SEED


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
    col = html.colours()
    size = html.sizes()["giraffe"]
    stance_pal, role, grey = col["stance"], col["role"], col["map"]
    dept_pal = col["department"]["palette"]
    leg = html.legends()
    kind_labels = {k: value_label("actor_kind", k) for k in VALUES["actor_kind"]}
    rows = df.to_dict("records")
    frows = [] if factors is None else factors.to_dict("records")

    # -- layout: one for all issues, one per issue (the issue filter re-lays the map out)
    c, pos = giraffe_layout.positions(org, rows, size, frows)
    issues, actors, by_actor, persons, contact_of = c.issues, c.actors, c.by_actor, c.persons, c.contact_of
    fids, by_factor = c.fids, c.by_factor
    person_dept, depts, d_members = c.person_dept, c.depts, c.dept_members
    dept_colour = {d: dept_pal[i % len(dept_pal)] for i, d in enumerate(depts)}
    p_list = sorted(persons)
    layouts = {}
    if len(issues) > 1:
        for i in issues:
            _cast, p_i = giraffe_layout.positions(org, [r for r in rows if r["issue_id"] == i], size,
                                                  [f for f in frows if f["issue_id"] == i])
            layouts[i] = {n: [round(x, 1), round(y, 1)] for n, (x, y) in sorted(p_i.items())}

    # -- nodes and edges
    b = html.Builder()
    details: dict[str, dict[str, Any]] = {}
    signal_texts = _signals_by_actor_issue(org)
    marks = engagement.actor_marks(engage)
    logged = engagement.interactions_by_actor(log)  # once, not once per actor
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
            borderWidth=size["actor_border"],
            font={"size": size["actor_font"], "color": role["text"], "strokeWidth": 3, "strokeColor": grey["halo"]},
            kg_kind="actor", actor_kind=props.get("kind", "other"), issues=sorted(r["issue_id"] for r in arows),
            kg_influence=float(influence),
            kg_tip=f"{org.name(a)}\n{kind_labels.get(props.get('kind', 'other'), props.get('kind'))}"
                   + "".join(f"\n{r['issue']}: {r['stance_label'] or '?'}" for r in arows),  # i18n: exempt (no words)
        )
        if blind:  # a badge outside the dot, drawn by the page (the fill stays the stance colour)
            node["kg_blind_spot"] = True
        if marks.get(a, {}).get("overdue"):
            node["kg_overdue"] = True
        b.add_node(a, org.name(a), **node)
        details[a] = _actor_details(org, a, props, arows, signal_texts, kind_labels)
        engagement.add_actor_details(details[a], a, marks, logged)
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
                + (" " + _("(owner)") if c["owner"] else "") + (" " + _("(stale)") if c["stale"] else "")
                + (" " + _("(leaves {date})").format(date=c["leaves"]) if c.get("leaves") else ""))
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
                blind_spot_legend_item(),
                engagement.legend_item(),
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
    opening, note = _opening(org, rows, issues, actors, size)
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
            "issue": opening,
            "issues": [[i, org.name(i)] for i in issues],
            "kinds": [[k, kind_labels.get(k, k)] for k in kinds_present],
            "factor_kinds": [[k, kind_words.get(k, k)] for k in factor_kinds],
            "find": find,
            "note": note,
        },
        "layouts": layouts,
        "labels": _label_order(b.nodes),
        "label_overlay": {"px": size["overlay_label"], "min_influence": size["overlay_min_influence"]},
        "options": _options(),
        "marks": {"overdue": engagement.ring(), "blind_spot": blind_spot_mark()},
        "counts": {"issues": len(issues), "actors": len(actors), "persons": len(p_list), "departments": len(depts),
                   "factors": len(fids)},
    }


def _options() -> dict[str, Any]:
    return {
        "physics": {"enabled": False},
        "layout": {"randomSeed": _SEED, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False, "multiselect": False},
        "edges": {"smooth": False, "selectionWidth": 1.5},
        # labels smaller than this many pixels on screen are not drawn (zoom in to read them); the
        # page writes the labels of the issues and the largest actors at a readable size instead
        "nodes": {"borderWidthSelected": 3, "scaling": {"label": {"drawThreshold": html.sizes()["giraffe"]["label_threshold"]}}},
    }


def blind_spot_mark() -> dict[str, Any]:
    """How the maps draw a blind spot: a badge with an exclamation mark on the actor's upper right,
    outside the dot and apart from the overdue ring (``visuals/colours.toml`` [blind_spot])."""
    col, size = html.colours()["blind_spot"], html.sizes()["giraffe"]
    ring = engagement.ring()
    return {"fill": col["fill"], "outline": col["outline"], "glyph": col["glyph"], "radius": size["blind_spot_badge"],
            "outline_width": size["blind_spot_badge_outline"], "angle": math.pi / 4,
            "gap": ring["gap"] + ring["width"] + size["blind_spot_badge_gap"]}


def blind_spot_legend_item() -> dict[str, Any]:
    """The legend entry of the blind-spot badge."""
    col = html.colours()["blind_spot"]
    return {"swatch": "badge", "colour": col["fill"], "border": col["outline"], "text": "!",
            "label": html.legends()["giraffe"]["blind_spot"]}


def _opening(org: Org, rows: list[dict[str, Any]], issues: list[str], actors: list[str], size) -> tuple[str, str]:
    """The issue the map opens on: all issues, unless more actors than fit one readable map hold
    positions on several; then the most salient issue (the most key players, then the most actors)."""
    if len(issues) < 2 or len(actors) <= size["open_all_max_actors"]:
        return "", ""
    count = {i: (sum(r["quadrant"] == "key player" for r in rows if r["issue_id"] == i),
                 sum(r["issue_id"] == i for r in rows)) for i in issues}
    best = min(issues, key=lambda i: (-count[i][0], -count[i][1], i))
    return best, _("Opened on {issue}, the issue with the most key players ({n}): {actors} actors on {issues} issues do "
                   "not fit one readable map. Choose “All issues” to see them together.").format(
        issue=org.name(best), n=count[best][0], actors=len(actors), issues=len(issues))


def _label_order(nodes: list[dict[str, Any]]) -> list[str]:
    """Node ids by labelling priority: issues, then actors by influence, factors, departments and persons."""
    rank = {"issue": 0, "actor": 1, "factor": 2, "department": 3, "person": 4}
    return [n["id"] for n in sorted(nodes, key=lambda n: (rank.get(n.get("kg_kind"), 4), -float(n.get("size") or 0), n["id"]))]


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
    if first.get("handover"):
        flags.append(_("handover: {name} leaves {date}").format(name=first["handover_person"], date=first["handover_date"]))
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
        contacts.append(line + (" · " + _("owner") if c["owner"] else "") + (" · " + _("stale") if c["stale"] else "")
                        + (" · " + _("leaves {date}").format(date=c["leaves"]) if c.get("leaves") else ""))
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


def issue_view(data: dict[str, Any], issue: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges the map shows filtered on ``issue`` (every actor kind), placed by
    that issue's layout: what the page's issue filter shows."""
    where = data["layouts"].get(issue, {})
    shown = {n["id"] for n in data["nodes"] if (n["kg_kind"] in ("actor", "factor") and issue in n["issues"]) or n["id"] == issue}
    shown |= {n["id"] for n in data["nodes"] if n["kg_kind"] == "person" and any(a in shown for a in n["actors"])}
    shown |= {n["id"] for n in data["nodes"] if n["kg_kind"] == "department" and any(p in shown for p in n["persons"])}
    nodes = [{**n, "x": where[n["id"]][0], "y": where[n["id"]][1]} if n["id"] in where else dict(n)
             for n in data["nodes"] if n["id"] in shown]
    edges = [e for e in data["edges"] if e["from"] in shown and e["to"] in shown and e.get("kg_issue") in (None, issue)]
    return nodes, edges


def giraffe_static(data: dict[str, Any]) -> str:
    """The static drawing of a giraffe map (printed, and shown without JavaScript): one panel per
    issue with its own layout when the map has several, else the map; and the legend."""
    title = html.legends()["giraffe"]["title"]
    panels = []
    if data["layouts"]:
        for issue, name in data["controls"]["issues"]:
            nodes, edges = issue_view(data, issue)
            panels.append((name, svg.map_svg(nodes, edges, title=f"{title}: {name}", labels=data["labels"], marks=data["marks"])))
    else:
        panels.append(("", svg.map_svg(data["nodes"], data["edges"], title=title, labels=data["labels"], marks=data["marks"])))
    return html.static_block(panels, data["legend"])


def giraffe_page(data: dict[str, Any], *, as_of, label: str = "") -> str:
    """The giraffe view as a self-contained HTML page (its date in the header)."""
    leg = html.legends()["giraffe"]
    counts = data["counts"]
    parts = [ngettext("{n} actor", "{n} actors", counts["actors"]).format(n=format_count(counts["actors"])),
             ngettext("{n} issue", "{n} issues", counts["issues"]).format(n=format_count(counts["issues"]))]
    if counts.get("factors"):
        parts.append(ngettext("{n} factor", "{n} factors", counts["factors"]).format(n=format_count(counts["factors"])))
    meta = "\n".join(x for x in (html.date_line(as_of), " · ".join(parts), label) if x)
    body = html.header(leg["title"], leg["intro"], meta) + html.view_section("giraffe", leg["title"], static=giraffe_static(data))
    return html.page(title=leg["title"], body=body, views=[data], scripts=("giraffe.js",))
