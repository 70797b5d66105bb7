"""View commands: ``giraffe``, ``network``, ``report`` (HTML) and ``plot`` (PNG)."""

from __future__ import annotations

import click

from ..app import render
from ..i18n import N_, _, format_count, format_number, ngettext
from ._common import as_of_option, command, counted, open_graph, store_option, summary
from .stakeholders import midpoint_check

_OUT_HTML = click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), metavar="FILE.html",
                         help=N_("HTML file to write."))
_MIDPOINT = click.option("--midpoint", type=float, default=3, show_default=True, metavar="1-5", callback=midpoint_check,
                         help=N_("Where a 1-5 score becomes high."))


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return _("{n} KB").format(n=format_count(round(n / 1024)))
    return _("{n} MB").format(n=format_number(round(n / 1024 / 1024, 1)))


def _wrote(out: str, what: str, size: int) -> str:
    return _("wrote {file}: {what}, {size}").format(file=out, what=what, size=_size(size))


@command()
@_OUT_HTML
@click.option("--issue", default=None, metavar="ID|NAME", help=N_("Only this issue (id, name or part of it)."))
@_MIDPOINT
@as_of_option
@store_option
def giraffe(out, issue, midpoint, as_of, store, database):
    """Write the giraffe view: actors around issues, stance as colour, influence
    as size, internal contact persons and their departments at the edge.
    One self-contained HTML file; it makes no network request.
    Calls kgraph.giraffe.

    \b
    Examples:
      kgraph giraffe -o giraffe.html
      kgraph giraffe -o windpark.html --issue I-WIND
    """
    with open_graph(store, database) as kg:
        r = render.giraffe(kg, out, issue=issue, midpoint=midpoint, as_of=as_of)
    summary(_wrote(out, _("{nodes}, {edges}").format(
        nodes=counted(ngettext("{n} node", "{n} nodes", r["nodes"]), r["nodes"]),
        edges=counted(ngettext("{n} edge", "{n} edges", r["edges"]), r["edges"])), r["bytes"]))


@command()
@_OUT_HTML
@click.option("--aggregate", type=click.Choice(["person", "team", "department"]), default=None,
              help=N_("Level the map opens at (default by size: people, teams or departments)."))
@as_of_option
@store_option
def network(out, aggregate, as_of, store, database):
    """Write the internal network: people and ties coloured by department,
    linking pins and articulation points highlighted; large organisations
    open aggregated by team or department, with drill-down on click.
    Calls kgraph.network.

    \b
    Examples:
      kgraph network -o network.html
      kgraph network -o network.html --aggregate department
    """
    with open_graph(store, database) as kg:
        r = render.network(kg, out, aggregate=aggregate, as_of=as_of)
    merged = len(r.get("merged_departments") or []) + len(r.get("merged_teams") or [])
    at_level = {"person": _("{nodes} at person level"), "team": _("{nodes} at team level"),
                "department": _("{nodes} at department level")}[r["level"]]
    what = _("{nodes}, {ties}").format(
        nodes=at_level.format(nodes=counted(ngettext("{n} node", "{n} nodes", r["nodes"]), r["nodes"])),
        ties=counted(ngettext("{n} pair of colleagues with a work tie", "{n} pairs of colleagues with a work tie",
                              r["edges"]), r["edges"]))
    if merged:
        what += " " + ngettext("({n} unit smaller than {size} merged)", "({n} units smaller than {size} merged)",
                               merged).format(n=format_count(merged), size=r["min_group_size"])
    summary(_wrote(out, what, r["bytes"]))


@command()
@_OUT_HTML
@as_of_option
@_MIDPOINT
@click.option("--organisation", default=None, metavar="NAME",
              help=N_("The organisation's name for the title (default: kgraph settings --name, else the name of the top "
                      "department)."))
@store_option
def report(out, as_of, midpoint, organisation, store, database):
    """Write the report: one self-contained HTML page with linking pins, gaps,
    knowledge at risk, stakeholder quadrants, blind spots, the maps and the
    figures, titled with the organisation's name (--organisation, else kgraph
    settings --name). It prints (or saves as PDF from the browser) with the maps
    drawn, a section per page. Calls kgraph.report.

    \b
    Examples:
      kgraph report -o report.html --as-of 2026-06-01
      kgraph report -o report.html --organisation "Gemeente Lindenhoven"
    """
    with open_graph(store, database) as kg:
        r = render.report(kg, out, as_of=as_of, midpoint=midpoint, organisation=organisation)
    what = counted(ngettext("{n} section", "{n} sections", len(r["sections"])), len(r["sections"]))
    if r["unavailable"]:
        what += " " + _("({n} not available: {titles})").format(n=len(r["unavailable"]), titles=", ".join(r["unavailable"]))
    summary(_wrote(out, what, r["bytes"]))


@command()
@click.argument("kind", type=click.Choice(["power-interest", "coverage", "objectives", "signals"]))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), metavar="FILE.png",
              help=N_("PNG file to write."))
@click.option("--issue", default=None, metavar="ID|NAME",
              help=N_("power-interest, signals: only this issue (id, name or part of it)."))
@click.option("--midpoint", type=float, default=3, show_default=True, metavar="1-5", callback=midpoint_check,
              help=N_("power-interest: where a score becomes high."))
@as_of_option
@click.option("--min-level", type=click.IntRange(1, 5), default=3, show_default=True, metavar="1-5",
              help=N_("coverage: level that counts."))
@click.option("--period", type=click.Choice(["month", "quarter"]), default="month", show_default=True,
              help=N_("signals: the length of a period."))
@click.option("--target-group", "target_group", default=None, metavar="ID|NAME",
              help=N_("objectives, signals: only this target group (id, name or part of it)."))
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True, metavar="N", help=N_("Resolution."))
@store_option
def plot(kind, out, issue, midpoint, as_of, min_level, period, target_group, dpi, store, database):
    """Write a static PNG for reports and slides: the power-interest grid
    (kgraph.power_interest_grid), the team x knowledge coverage heatmap
    (kgraph.coverage_heatmap), the objectives as progress bars
    (kgraph.objectives_chart) or the signals per period and issue with their
    spikes (kgraph.signals_chart).

    \b
    Examples:
      kgraph plot power-interest -o grid.png
      kgraph plot coverage -o coverage.png --min-level 4
      kgraph plot objectives -o objectives.png
      kgraph plot signals -o signals.png --period quarter
    """
    with open_graph(store, database) as kg:
        if kind == "power-interest":
            r = render.power_interest_grid(kg, out, issue=issue, midpoint=midpoint, as_of=as_of, dpi=dpi)
            what = _("{issues}, {positions}").format(
                issues=counted(ngettext("{n} issue", "{n} issues", r["panels"]), r["panels"]),
                positions=counted(ngettext("{n} position", "{n} positions", r["points"]), r["points"]))
        elif kind == "objectives":
            r = render.objectives_chart(kg, out, as_of=as_of, target_group=target_group, dpi=dpi)
            what = counted(ngettext("{n} objective", "{n} objectives", r["objectives"]), r["objectives"])
        elif kind == "signals":
            r = render.signals_chart(kg, out, as_of=as_of, period=period, issue=issue, target_group=target_group, dpi=dpi)
            what = _("{issues}, {spikes}").format(
                issues=counted(ngettext("{n} issue", "{n} issues", r["panels"]), r["panels"]),
                spikes=counted(ngettext("{n} spike", "{n} spikes", r["spikes"]), r["spikes"]))
        else:
            r = render.coverage_heatmap(kg, out, min_level=min_level, dpi=dpi, as_of=as_of)
            what = _("{units} x {items}, {short} short").format(
                units=counted(ngettext("{n} unit", "{n} units", r["teams"]), r["teams"]),
                items=counted(ngettext("{n} item", "{n} items", r["items"]), r["items"]), short=format_count(r["short"]))
            if r.get("merged"):
                n = len(r["merged"])
                what += " " + ngettext("({n} unit smaller than {size} merged)", "({n} units smaller than {size} merged)",
                                       n).format(n=format_count(n), size=r["min_group_size"])
    summary(_wrote(out, what, r["bytes"]))
