"""The report: one self-contained HTML page with the key findings and the views.

Sections: overview counts, linking pins, knowledge gaps, knowledge at risk,
stakeholder quadrants, blind spots, the giraffe and network maps, and the two
PNG figures (inlined as data: URIs). A section whose analysis or data is
missing says so instead of failing the whole report. Figures per team or
department (the network's aggregated levels, the coverage figure) merge groups
smaller than ``kg.min_group_size`` and say so (see ``docs/privacy.md``).
"""

from __future__ import annotations

import base64
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import KgraphError
from . import html

__all__ = ["report"]


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], *, numeric: tuple[str, ...] = ()) -> str:
    if not rows:
        return '<p class="kg-note">None found.</p>'
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in columns)
    body = []
    for r in rows:
        cells = []
        for key, _ in columns:
            v = r.get(key)
            if isinstance(v, float):
                v = "" if v != v else f"{v:.3g}"
            elif isinstance(v, (list, tuple)):
                v = ", ".join(map(str, v))
            elif isinstance(v, bool):
                v = "yes" if v else "no"
            cls = ' class="num"' if key in numeric else ""
            cells.append(f"<td{cls}>{html.escape(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="kg-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _card(title: str, inner: str, note: str = "", anchor: str = "") -> str:
    a = f' id="{html.escape(anchor)}"' if anchor else ""
    n = f'<p class="kg-note">{html.escape(note)}</p>' if note else ""
    return f'<section class="kg-card"{a}><h2>{html.escape(title)}</h2>{n}{inner}</section>'


def _unavailable(why: str) -> str:
    return f'<p class="kg-note">Not available: {html.escape(why)}</p>'


def _records(df) -> list[dict[str, Any]]:
    return [] if df is None else df.to_dict("records")


def report(kg, out: str | os.PathLike, *, as_of: str | None = None, midpoint: float = 3, top: int = 15) -> dict[str, Any]:
    """Write the report, one self-contained HTML page, to ``out``.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph handle.
    out : path
        The HTML file to write.
    as_of : str or date, optional
        Reference date for gaps, risks and stakeholder positions (default today).
    midpoint : number
        Midpoint of the 1–5 scales (see :func:`kgraph.stakeholders`).
    top : int
        Rows per findings table.

    Returns
    -------
    dict
        ``path``, ``bytes``, ``sections`` (titles written) and ``unavailable``
        (titles of sections that could not be computed).

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.analysis._example import example_graph
    >>> kg = example_graph()
    >>> r = kgraph.report(kg, os.path.join(tempfile.mkdtemp(), "report.html"), as_of="2026-06-01")
    >>> "Linking pins" in r["sections"], "Stakeholder quadrants" in r["unavailable"]
    (True, True)
    """
    import kgraph

    from ..analysis.org import Org, parse_as_of

    org = Org.of(kg)
    day = parse_as_of(as_of).isoformat()
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
    info = kgraph.info(kg)
    counts = {r["kind"]: int(r["count"]) for r in info.to_dict("records")}
    kpis = [("Persons", "Person"), ("Teams", "Team"), ("Departments", "Department"), ("Knowledge items", "KnowledgeItem"),
            ("External actors", "ExternalActor"), ("Issues", "Issue"), ("Work ties", "WORKS_WITH"), ("Signals", "Signal")]
    kpi_html = "".join(f'<div class="kg-kpi"><b>{counts.get(k, 0):,}</b><span>{html.escape(label)}</span></div>' for label, k in kpis)
    n_min = kg.min_group_size
    add("Overview", f'<div class="kg-kpis">{kpi_html}</div>',
        f"Reference date {day}. Minimum group size {n_min}: figures per team or department (the network's team and "
        f"department levels, the coverage figure) describe at least {n_min} people; smaller groups are merged, "
        "and each place where that happens says so.")

    # linking pins (the same call as `kgraph linking-pins`)
    from ..analysis.linking import linking_pins

    df = linking_pins(kg, by="team", top=min(top, 10))
    pins = _records(df)
    for r in pins:
        pairs = str(r.get("connects") or "").split("; ")
        r["connects"] = "; ".join(pairs[:3]) + (f"; … {len(pairs) - 3} more" if len(pairs) > 3 else "")
    add("Linking pins", _table(pins, [("rank", "#"), ("name", "Name"), ("team", "Team"), ("department", "Department"),
                                               ("formal_pin", "Formal pin"), ("articulation_point", "Articulation point"),
                                               ("betweenness", "Betweenness"), ("brokerage_total", "Brokerage"), ("connects", "Connects")],
                                numeric=("rank", "betweenness", "brokerage_total")),
        "People who hold the organisation together: formal pins (Likert), brokers between teams, articulation points.")

    # gaps and risks
    from ..analysis.gaps import gaps

    g = _records(gaps(kg, as_of=day))
    cols = [("severity", "Severity"), ("kind", "Kind"), ("subject", "Knowledge"), ("unit", "Unit"), ("holders", "Holders"),
            ("required", "Required"), ("why", "Why")]
    add("Knowledge gaps", _table([r for r in g if r["kind"] != "at_risk"][:top], cols, numeric=("holders", "required")),
        "Unmet needs, single holders, orphans, stale skills and silos.")
    add("Knowledge at risk", _table([r for r in g if r["kind"] == "at_risk"][:top], cols, numeric=("holders", "required")),
        "Needs that fall short once the people with a planned leave date have left.")

    # stakeholders
    try:
        sh = kgraph.stakeholders(kg, as_of=day, midpoint=midpoint)
    except KgraphError as err:
        add("Stakeholder quadrants", _unavailable(str(err)), ok=False)
        add("Blind spots", _unavailable(str(err)), ok=False)
        sh = None
    if sh is not None:
        rows = _records(sh)
        from ..analysis.stakeholders import QUADRANTS

        quads = []
        for q in QUADRANTS:
            rq = [r for r in rows if r["quadrant"] == q]
            quads.append({"quadrant": q, "n": len(rq), "actors": ", ".join(f"{r['actor']} ({r['issue']})" for r in rq[:12]) + (" …" if len(rq) > 12 else "")})
        add("Stakeholder quadrants", _table(quads, [("quadrant", "Quadrant"), ("n", "Positions"), ("actors", "Actors (issue)")], numeric=("n",)),
            f"Mendelow: influence and interest of the current positions; a score of {midpoint:g} or more counts as high.")
        flagged = [r for r in rows if r["blind_spot"] or r["single_contact"] or r["stale_contact"]]
        flagged.sort(key=lambda r: (not r["blind_spot"], -(r["influence"] or 0), r["actor_id"], r["issue_id"]))
        for r in flagged:
            r["flags"] = ", ".join(f for f, on in (("blind spot", r["blind_spot"]), ("single contact", r["single_contact"]),
                                                   ("stale relationship", r["stale_contact"])) if on)
            r["owner_text"] = r["owner"] if isinstance(r["owner"], str) else ""
        add("Blind spots", _table(flagged[:top], [("actor", "Actor"), ("issue", "Issue"), ("stance_label", "Stance"), ("influence", "Influence"),
                                                  ("quadrant", "Quadrant"), ("flags", "Flags"), ("owner_text", "Owner")], numeric=("influence",)),
            "Influential actors without an internal contact, actors hanging on one contact, relationships not touched for a long time.")
        from .giraffe import giraffe_data

        views.append(giraffe_data(kg, as_of=day, midpoint=midpoint, view_id="giraffe"))
        parts.append(_card("Giraffe view", html.view_section("giraffe", "Giraffe view"), "Click a node for details; filter by issue or actor kind."))
        sections.append("Giraffe view")

    # network
    if org.persons:
        from .network import network_data

        nd = network_data(kg, view_id="network")
        views.append(nd)
        note = html.legends()["network"]["intro"]
        if nd["privacy"]["note"]:
            note += " " + nd["privacy"]["note"]
        parts.append(_card("Internal network", html.view_section("network", "Internal network"), note))
        sections.append("Internal network")

    # figures
    from . import plots

    figs = []
    with tempfile.TemporaryDirectory() as tmp:
        for title, fn in (("Power–interest grid", plots.power_interest_grid), ("Knowledge coverage", plots.coverage_heatmap)):
            try:
                kw = {"as_of": day, "midpoint": midpoint} if fn is plots.power_interest_grid else {}
                r = fn(kg, Path(tmp) / "fig.png", dpi=110, **kw)
            except KgraphError as err:
                figs.append(f"<div><h3>{html.escape(title)}</h3>{_unavailable(str(err))}</div>")
                unavailable.append(title)
                continue
            data = base64.b64encode(Path(r["path"]).read_bytes()).decode("ascii")
            caption = f'<p class="kg-note">{html.escape(r["caption"])}</p>' if r.get("caption") else ""
            figs.append(f'<div><h3>{html.escape(title)}</h3><img alt="{html.escape(title)}" src="data:image/png;base64,{data}">{caption}</div>')
    parts.append(_card("Figures", f'<div class="kg-grid2">{"".join(figs)}</div>'))
    sections.append("Figures")

    title = html.legends()["report"]["title"]
    body = html.header(title, f"Findings as of {day}", f"{Path(str(kg.location)).name}") + f"<main>{''.join(parts)}</main>"
    scripts = tuple(s for s, k in (("giraffe.js", "giraffe"), ("network.js", "network")) if any(v["kind"] == k for v in views))
    text = html.page(title=title, body=body, views=views, scripts=scripts, body_class="kg-report")
    path = html.write(out, text)
    return {"path": str(path), "bytes": path.stat().st_size, "sections": sections, "unavailable": unavailable,
            "views": [v["id"] for v in views]}
