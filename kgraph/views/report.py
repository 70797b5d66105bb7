"""The report: one self-contained HTML page with the key findings and the views.

Sections: overview counts, what changed since the previous import, linking pins,
knowledge gaps, knowledge at risk, stakeholder quadrants, blind spots, monitoring
(spikes, a chart per issue), objectives (a progress bar each), the giraffe and
network maps, and the PNG figures (inlined as data: URIs). A section whose analysis or data is
missing says so instead of failing the whole report. Figures per team or
department (the network's aggregated levels, the coverage figure) merge groups
smaller than the minimum group size and say so (see ``docs/privacy.md``).

The page renders a :class:`ReportInput`: the results of one date, computed once by
the facade (``kgraph.report``), the same ones its maps and figures show.
"""

from __future__ import annotations

import base64
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _, format_count, format_day, format_number
from . import engagement, html
from . import report_time

__all__ = ["ReportInput", "report_page"]


@dataclass
class ReportInput:
    """Everything the report shows, for one date.

    ``stakeholders`` is None when it could not be computed (``stakeholders_error``
    says why); ``figures`` holds ``(title, png bytes or None, caption or error)``.
    """

    as_of: _dt.date
    label: str
    counts: dict[str, int]
    min_group_size: int
    midpoint: float
    pins: Any
    gaps: Any
    stakeholders: Any = None
    stakeholders_error: str = ""
    giraffe: dict[str, Any] | None = None
    #: the engagement plan and the interaction log (None with the stakeholders)
    engage: Any = None
    interactions: Any = None
    network: dict[str, Any] | None = None
    figures: list[tuple[str, bytes | None, str]] = field(default_factory=list)
    top: int = 15
    #: what changed since the previous import (:func:`kgraph.compare`), and that import's date
    changes: Any = None
    changes_since: str | None = None
    monitor: Any = None
    objectives: Any = None
    #: the organisation's name (--organisation, the store's setting, else the top department's name): the title
    organisation: str = ""


def _card(title: str, inner: str, note: str = "", anchor: str = "") -> str:
    a = f' id="{html.escape(anchor)}"' if anchor else ""
    n = f'<p class="kg-note">{html.escape(note)}</p>' if note else ""
    return f'<section class="kg-card"{a}><h2>{html.escape(title)}</h2>{n}{inner}</section>'


def _unavailable(why: str) -> str:
    return f'<p class="kg-note">{html.escape(_("Not available: {why}").format(why=why))}</p>'


def _records(df) -> list[dict[str, Any]]:
    return [] if df is None else df.to_dict("records")


def report_page(r: ReportInput) -> tuple[str, dict[str, Any]]:
    """The report page for ``r``: ``(html, info)`` with info ``sections`` (titles written),
    ``unavailable`` (titles of sections that could not be computed) and ``views``.
    """
    from ..analysis.stakeholders import QUADRANTS

    day = format_day(r.as_of)
    top = r.top
    when = f"--as-of {r.as_of.isoformat()}"  # a command to type: the ISO date
    sections: list[str] = []
    unavailable: list[str] = []
    parts: list[str] = []
    views: list[dict[str, Any]] = []

    def add(title: str, inner: str, note: str = "", ok: bool = True, anchor: str = "") -> None:
        sections.append(title)
        if not ok:
            unavailable.append(title)
        parts.append(_card(title, inner, note, anchor))

    # overview
    counts = r.counts
    kpis = [(_("Persons"), "Person"), (_("Teams"), "Team"), (_("Departments"), "Department"),
            (_("Knowledge items"), "KnowledgeItem"), (_("External actors"), "ExternalActor"), (_("Issues"), "Issue"),
            (_("Pairs of colleagues with a work tie"), "colleague_pairs"), (_("Signals"), "Signal"),
            (_("Objectives"), "Objective"), (_("Factors"), "Factor")]
    kpi_html = "".join(f'<div class="kg-kpi"><b>{format_count(counts.get(k, 0))}</b><span>{html.escape(label)}</span></div>'
                       for label, k in kpis)
    n_min = r.min_group_size
    add(_("Overview"), f'<div class="kg-kpis">{kpi_html}</div>',
        _("Reference date {day}. Minimum group size {n}: figures per team or department (the network's team and "
          "department levels, the coverage figure) describe at least {n} people; smaller groups are merged, and each "
          "place where that happens says so.").format(day=day, n=n_min))

    # since the previous import (the same rows as `kgraph compare --from <that date> --to <this one>`)
    since = r.changes_since
    add(_("Since the previous import"), report_time.changes_html(r.changes, since=since, top=top),
        _("What changed from the previous import ({since}) to {date}: ties, linking pins, articulation points, gaps, "
          "stances and objectives.").format(since=format_day(since), date=day) if since else "", anchor="changes")

    # linking pins (the same ranking as `kgraph linking-pins`)
    n_pins = 0 if r.pins is None else len(r.pins)
    pins = _records(r.pins.head(min(top, 10)) if r.pins is not None else None)
    for row in pins:
        pairs = str(row.get("connects") or "").split("; ")
        row["connects"] = "; ".join(pairs[:3]) + ("; " + _("… {n} more").format(n=len(pairs) - 3) if len(pairs) > 3 else "")
    add(_("Linking pins"), html.table(pins, [("rank", "#"), ("name", _("Name")), ("team", _("Team")), ("department", _("Department")),
                                         ("formal_pin", _("Formal pin")), ("articulation_point", _("Articulation point")),
                                         ("betweenness", _("Betweenness")), ("brokerage_total", _("Brokerage")),
                                         ("connects", _("Connects"))],
                                  numeric=("rank", "betweenness", "brokerage_total"))
        + engagement.more_note(len(pins), n_pins, f"kgraph linking-pins {when}"),
        _("People who hold the organisation together: formal pins (Likert), brokers between teams, articulation points.")
        + (" " + r.pins.attrs["note"] if r.pins is not None and r.pins.attrs.get("note") else ""))

    # gaps and risks
    g = _records(r.gaps)
    cols = [("severity", _("Severity")), ("kind", _("Kind")), ("subject", _("Knowledge")), ("unit", _("Unit")),
            ("holders", _("Holders")), ("required", _("Required")), ("why", _("Why"))]
    gaps_now = [x for x in g if x["kind"] != "at_risk"]
    at_risk = [x for x in g if x["kind"] == "at_risk"]
    level = r.gaps.attrs.get("min_level", 3) if r.gaps is not None else 3
    add(_("Knowledge gaps"), html.table(gaps_now[:top], cols, numeric=("holders", "required"))
        + engagement.more_note(min(top, len(gaps_now)), len(gaps_now), f"kgraph gaps {when}"),
        _("Unmet needs, single holders, orphans, stale skills (summarised per knowledge family) and silos; a person "
          "counts as knowing an item from level {level}.").format(level=level))
    add(_("Knowledge at risk"), html.table(at_risk[:top], cols, numeric=("holders", "required"))
        + engagement.more_note(min(top, len(at_risk)), len(at_risk), f"kgraph gaps --kind at_risk {when}"),
        _("Needs that fall short once the people with a planned leave date have left."))

    # stakeholders
    if r.stakeholders is None:
        add(_("Stakeholder quadrants"), _unavailable(r.stakeholders_error), ok=False)
        add(_("Blind spots"), _unavailable(r.stakeholders_error), ok=False)
    else:
        rows = _records(r.stakeholders)
        quads = []
        for q in QUADRANTS:
            rq = [x for x in rows if x["quadrant"] == q]
            more = " " + _("and {n} more (kgraph stakeholders)").format(n=len(rq) - 12) if len(rq) > 12 else ""
            quads.append({"quadrant": q, "n": len(rq),
                          "actors": ", ".join(f"{x['actor']} ({x['issue']})" for x in rq[:12]) + more})
        add(_("Stakeholder quadrants"), html.table(quads, [("quadrant", _("Quadrant")), ("n", _("Positions")),
                                                      ("actors", _("Actors (issue)"))], numeric=("n",)),
            _("Mendelow: influence and interest of the current positions; a score of {midpoint} or more counts as high.").format(
                midpoint=format_number(r.midpoint)))
        flagged = [x for x in rows if x["blind_spot"] or x["single_contact"] or x["stale_contact"] or x.get("handover")]
        flagged.sort(key=lambda x: (not x["blind_spot"], not x.get("handover"), -(x["influence"] or 0), x["actor_id"], x["issue_id"]))
        for x in flagged:
            x["flags"] = ", ".join(f for f, on in ((_("blind spot"), x["blind_spot"]), (_("handover"), x.get("handover")),
                                                   (_("single contact"), x["single_contact"]),
                                                   (_("stale relationship"), x["stale_contact"])) if on)
            x["owner_text"] = x["owner"] if isinstance(x["owner"], str) else ""
            x["leaves"] = (_("{name}, {date}").format(name=x["handover_person"], date=x["handover_date"])
                           if x.get("handover") else "")
        add(_("Blind spots"), html.table(flagged[:top], [("actor", _("Actor")), ("issue", _("Issue")), ("stance_label", _("Stance")),
                                                     ("influence", _("Influence")), ("quadrant", _("Quadrant")),
                                                     ("flags", _("Flags")), ("owner_text", _("Owner")), ("leaves", _("Leaves"))],
                                     numeric=("influence",))
            + engagement.more_note(min(top, len(flagged)), len(flagged), f"kgraph stakeholders {when}"),
            _("Influential actors without an internal contact, actors hanging on one contact, relationships not touched "
              "for a long time, and relationships whose owner or only contact leaves within a year: a handover to "
              "arrange."))
        if r.engage is not None:
            add(_("Engagement"), engagement.report_section(r.engage, r.interactions, top=top, as_of=r.as_of),
                _("Overdue follow-ups first, then the actors overdue for contact, then the positions engaged in another "
                  "mode than the one recommended for their quadrant and stance (kgraph engage)."))
        if r.giraffe is not None:
            views.append(r.giraffe)
            from .giraffe import giraffe_static

            title = _("Giraffe view")
            parts.append(_card(title, html.view_section(r.giraffe["id"], title, static=giraffe_static(r.giraffe)),
                               _("Click a node for details; filter by issue or actor kind.")))
            sections.append(title)

    # monitoring and objectives (the same rows as `kgraph monitor` and `kgraph objectives`)
    add(_("Monitoring"), report_time.monitoring_html(r.monitor, top=top),
        _("Signals per issue and month, every channel, with or without an actor. A spike: at least 3 signals and at "
          "least twice the mean of the three months before."), anchor="monitoring")
    add(_("Objectives"), report_time.objectives_html(r.objectives),
        _("Per target group and dimension: the bar runs from the baseline (left) to the target (right); the black tick "
          "is the value expected now on the straight line between them, the dot the latest measurement with its 95 % "
          "margin. Measurements among fewer than {n} respondents are not shown.").format(n=n_min), anchor="objectives")

    # network
    if r.network is not None:
        from .network import network_intro, network_static

        views.append(r.network)
        note = network_intro(r.network)
        if r.network["privacy"]["note"]:
            note += " " + r.network["privacy"]["note"]
        title = _("Internal network")
        parts.append(_card(title, html.view_section(r.network["id"], title, static=network_static(r.network)), note))
        sections.append(title)

    # figures
    figs = []
    for title, png, caption in r.figures:
        if png is None:
            figs.append(f"<div><h3>{html.escape(title)}</h3>{_unavailable(caption)}</div>")
            unavailable.append(title)
            continue
        data = base64.b64encode(png).decode("ascii")
        cap = f'<p class="kg-note">{html.escape(caption)}</p>' if caption else ""
        figs.append(f'<div><h3>{html.escape(title)}</h3><img alt="{html.escape(title)}" src="data:image/png;base64,{data}">{cap}</div>')
    parts.append(_card(_("Figures"), f'<div class="kg-grid2">{"".join(figs)}</div>'))
    sections.append(_("Figures"))

    title = (_("{organisation}: kgraph report").format(organisation=r.organisation) if r.organisation
             else html.legends()["report"]["title"])
    body = html.header(title, _("Findings as of {date}").format(date=day), "\n".join(x for x in (html.date_line(r.as_of), r.label) if x))
    body += f"<main>{''.join(parts)}</main>"
    scripts = tuple(s for s, k in (("giraffe.js", "giraffe"), ("network.js", "network")) if any(v["kind"] == k for v in views))
    text = html.page(title=f"{title} · {day}", body=body, views=views, scripts=scripts, body_class="kg-report")
    return text, {"sections": sections, "unavailable": unavailable, "views": [v["id"] for v in views]}
