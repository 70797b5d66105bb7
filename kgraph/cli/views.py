"""View commands: ``giraffe``, ``network``, ``report`` (HTML) and ``plot`` (PNG)."""

from __future__ import annotations

import click

from ..app import render
from ..i18n import ngettext
from ._common import as_of_option, open_graph, plural, store_option, summary


def _size(n: int) -> str:
    return f"{round(n / 1024):,} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


@click.command()
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--issue", default=None, metavar="ID|NAME", help="Only this issue.")
@click.option("--midpoint", type=float, default=3, show_default=True, help="Where a 1-5 score becomes high.")
@as_of_option
@store_option
def giraffe(out, issue, midpoint, as_of, store, database):
    """Write the giraffe view: actors around issues, stance as colour, influence
    as size, internal contact persons and their departments at the edge.
    One self-contained HTML file; it makes no network request.
    Calls ``kgraph.giraffe``.

    \b
    Example:
      kgraph giraffe -o giraffe.html
      kgraph giraffe -o windpark.html --issue I-WIND
    """
    with open_graph(store, database) as kg:
        r = render.giraffe(kg, out, issue=issue, midpoint=midpoint, as_of=as_of)
    summary(f"wrote {out}: {plural(r['nodes'], 'node')}, {plural(r['edges'], 'edge')}, {_size(r['bytes'])}")


@click.command()
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--aggregate", type=click.Choice(["person", "team", "department"]), default=None,
              help="Level the map opens at (default by size: people, teams or departments).")
@as_of_option
@store_option
def network(out, aggregate, as_of, store, database):
    """Write the internal network: people and ties coloured by department,
    linking pins and articulation points highlighted; large organisations
    open aggregated by team or department, with drill-down on click.
    Calls ``kgraph.network``.

    \b
    Example:
      kgraph network -o network.html
      kgraph network -o network.html --aggregate department
    """
    with open_graph(store, database) as kg:
        r = render.network(kg, out, aggregate=aggregate, as_of=as_of)
    merged = len(r.get("merged_departments") or []) + len(r.get("merged_teams") or [])
    note = f" ({plural(merged, 'unit')} smaller than {r['min_group_size']} merged)" if merged else ""
    summary(f"wrote {out}: {plural(r['nodes'], 'node')} at {r['level']} level{note}, {plural(r['edges'], 'tie')}, {_size(r['bytes'])}")


@click.command()
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@as_of_option
@click.option("--midpoint", type=float, default=3, show_default=True, help="Where a 1-5 score becomes high.")
@click.option("--organisation", default=None, metavar="NAME",
              help="The organisation's name for the title (default: the name of the top department).")
@store_option
def report(out, as_of, midpoint, organisation, store, database):
    """Write the report: one self-contained HTML page with linking pins, gaps,
    knowledge at risk, stakeholder quadrants, blind spots, the maps and the
    figures. It prints (or saves as PDF from the browser) with the maps drawn,
    a section per page. Calls ``kgraph.report``.

    \b
    Example:
      kgraph report -o report.html --as-of 2026-06-01
      kgraph report -o report.html --organisation "Gemeente Lindenhoven"
    """
    with open_graph(store, database) as kg:
        r = render.report(kg, out, as_of=as_of, midpoint=midpoint, organisation=organisation)
    missing = f" ({len(r['unavailable'])} not available: {', '.join(r['unavailable'])})" if r["unavailable"] else ""
    summary(f"wrote {out}: {plural(len(r['sections']), 'section')}{missing}, {_size(r['bytes'])}")


@click.command()
@click.argument("kind", type=click.Choice(["power-interest", "coverage", "objectives", "signals"]))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="PNG file to write.")
@click.option("--issue", default=None, metavar="ID|NAME", help="power-interest, signals: only this issue.")
@click.option("--midpoint", type=float, default=3, show_default=True, help="power-interest: where a score becomes high.")
@as_of_option
@click.option("--min-level", type=click.IntRange(1, 5), default=3, show_default=True, help="coverage: level that counts.")
@click.option("--period", type=click.Choice(["month", "quarter"]), default="month", show_default=True,
              help="signals: the length of a period.")
@click.option("--target-group", "target_group", default=None, metavar="ID|NAME",
              help="objectives, signals: only this target group.")
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True, help="Resolution.")
@store_option
def plot(kind, out, issue, midpoint, as_of, min_level, period, target_group, dpi, store, database):
    """Write a static PNG for reports and slides: the power-interest grid
    (``kgraph.power_interest_grid``), the team x knowledge coverage heatmap
    (``kgraph.coverage_heatmap``), the objectives as progress bars
    (``kgraph.objectives_chart``) or the signals per period and issue with their
    spikes (``kgraph.signals_chart``).

    \b
    Example:
      kgraph plot power-interest -o grid.png
      kgraph plot coverage -o coverage.png --min-level 4
      kgraph plot objectives -o objectives.png
      kgraph plot signals -o signals.png --period quarter
    """
    with open_graph(store, database) as kg:
        if kind == "power-interest":
            r = render.power_interest_grid(kg, out, issue=issue, midpoint=midpoint, as_of=as_of, dpi=dpi)
            what = f"{plural(r['panels'], 'issue')}, {plural(r['points'], 'position')}"
        elif kind == "objectives":
            r = render.objectives_chart(kg, out, as_of=as_of, target_group=target_group, dpi=dpi)
            what = ngettext("{n} objective", "{n} objectives", r["objectives"]).format(n=r["objectives"])
        elif kind == "signals":
            r = render.signals_chart(kg, out, as_of=as_of, period=period, issue=issue, target_group=target_group, dpi=dpi)
            what = (ngettext("{n} issue", "{n} issues", r["panels"]).format(n=r["panels"]) + ", "
                    + ngettext("{n} spike", "{n} spikes", r["spikes"]).format(n=r["spikes"]))
        else:
            r = render.coverage_heatmap(kg, out, min_level=min_level, dpi=dpi, as_of=as_of)
            what = f"{plural(r['teams'], 'team')} x {plural(r['items'], 'item')}, {r['short']} short"
            if r.get("merged"):
                what += f" ({plural(len(r['merged']), 'team')} smaller than {r['min_group_size']} merged)"
    summary(f"wrote {out}: {what}, {_size(r['bytes'])}")
