"""The views as the library and the command line call them: ``kgraph.report(kg, out, as_of=...)``.

Each function takes the findings of one date from the handle, hands the results to a
view of :mod:`kgraph.views`, writes what the view renders and says what it wrote.
The report draws the same maps and figures, from the same findings, as the separate
commands do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import KgraphError
from ..i18n import _, format_day
from .api import Date, Source, findings_of, select_stakeholders
from .figures import FIGURE_DPI, _png, _shared, draw_ahead, shared_views, start_drawing

__all__ = ["giraffe", "network", "report", "power_interest_grid", "coverage_heatmap", "giraffe_data", "network_data",
           "objectives_chart", "signals_chart", "previous_import", "shared_views", "draw_ahead", "start_drawing", "FIGURE_DPI"]


def _label(source: Source) -> str:
    return getattr(source, "label", "")


def _organisation(org) -> str:
    """The organisation's name: its top department(s) (those without a parent), by name."""
    tops = sorted((org.name(d) for d in org.departments if d not in org.department_parent), key=str.lower)
    return " · ".join(tops[:3]) + (" …" if len(tops) > 3 else "")


def giraffe_data(source: Source, *, issue: str | None = None, as_of: Date = None, midpoint: float = 3,
                 stale_after: str | int = "12m", view_id: str = "giraffe") -> dict[str, Any]:
    """The giraffe map's data (nodes, edges, details, legend) for ``as_of``, as plain dicts."""
    from ..options import check_midpoint

    return _giraffe_data(source, findings_of(source, as_of), issue=issue, midpoint=check_midpoint(midpoint),
                         stale_after=stale_after, view_id=view_id)


def _giraffe_data(source: Source, f, *, issue: str | None = None, midpoint: float = 3, stale_after: str | int = "12m",
                  view_id: str = "giraffe") -> dict[str, Any]:
    from ..views import giraffe as view

    def compute() -> dict[str, Any]:
        df = select_stakeholders(f.org, f.stakeholders(midpoint=midpoint, stale_after=stale_after), issue=issue)
        return view.giraffe_data(f.org, df, factors=f.factors(issue=issue), view_id=view_id,
                                 **_engagement(source, f, midpoint))

    return _shared(f, ("giraffe_data", issue, midpoint, stale_after, view_id), compute)


def _engagement(source: Source, f, midpoint: float) -> dict[str, Any]:
    """The engagement plan and the interaction log of the findings' date, for the views."""
    from .engagement import engage_rule

    return {"engage": f.engage(midpoint=midpoint, rule=engage_rule(source)), "log": f.interactions()}


def network_data(source: Source, *, aggregate: str | None = None, as_of: Date = None,
                 view_id: str = "network") -> dict[str, Any]:
    """The network map's data (persons, groups, links, legend) for ``as_of``, as plain dicts."""
    return _network_data(findings_of(source, as_of), aggregate=aggregate, view_id=view_id)


def giraffe(source: Source, out: str | os.PathLike, *, issue: str | None = None, as_of: Date = None,
            midpoint: float = 3, stale_after: str | int = "12m") -> dict[str, Any]:
    """Write the giraffe view, a self-contained HTML page, to ``out``.

    Parameters
    ----------
    source : KnowledgeGraph or Org
        The graph handle (or an organisation on one date).
    out : path
        The HTML file to write.
    issue : str, optional
        Only this issue (id or name); the page still has the filters.
    as_of, midpoint, stale_after
        As for :func:`kgraph.stakeholders`.

    Returns
    -------
    dict
        ``path``, ``nodes``, ``edges``, ``bytes``, ``as_of``, and the counts of
        ``issues``, ``actors``, ``persons``, ``departments`` drawn.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.examples import one_position
    >>> org = kgraph.Org.from_dataset(one_position("<b>Buurt</b>"), as_of="2025-06-01")
    >>> info = kgraph.giraffe(org, os.path.join(tempfile.mkdtemp(), "giraffe.html"))
    >>> info["nodes"], info["edges"], info["as_of"]
    (2, 1, '2025-06-01')
    >>> "<b>Buurt" in open(info["path"], encoding="utf-8").read()
    False
    """
    from ..views import giraffe as view
    from ..views import html

    f = findings_of(source, as_of)
    data = giraffe_data(source, issue=issue, as_of=f.as_of, midpoint=midpoint, stale_after=stale_after)
    path = html.write(out, view.giraffe_page(data, as_of=f.as_of, label=_label(source)))
    return {"path": str(path), "nodes": len(data["nodes"]), "edges": len(data["edges"]), "bytes": path.stat().st_size,
            "as_of": f.as_of.isoformat(), **data["counts"]}


def _network_data(f, *, aggregate: str | None = None, view_id: str = "network",
                  compact_above: int | None = None) -> dict[str, Any]:
    from ..analysis.suppress import home_groups
    from ..views import network as view

    if not f.org.present:
        raise KgraphError(_("no persons on {date}").format(date=format_day(f.as_of)),
                          hint=_("import your data first: kgraph import my-org/"))

    def compute() -> dict[str, Any]:
        units = home_groups(f.org, min_group_size=f.min_group_size)
        return view.network_data(f.org, f.linking_pins(by="team"), units, aggregate=aggregate, view_id=view_id,
                                 compact_above=compact_above)

    return _shared(f, ("network_data", aggregate, view_id, compact_above), compute)


def network(source: Source, out: str | os.PathLike, *, aggregate: str | None = None, as_of: Date = None,
            compact_above: int | None = None) -> dict[str, Any]:
    """Write the internal network view, a self-contained HTML page, to ``out``.

    Parameters
    ----------
    source : KnowledgeGraph or Org
        The graph handle (or an organisation on one date).
    out : path
        The HTML file to write.
    aggregate : {"person", "team", "department"}, optional
        The level the map opens at; default by size: people up to
        :data:`~kgraph.views.network.AUTO_PERSONS`, teams up to
        :data:`~kgraph.views.network.AUTO_TEAMS`, else departments.
    as_of : date or str, optional
        The date (default today): present persons, memberships that hold.
    compact_above : int, optional
        A map of more people than this that opens at department level is packed: the
        page holds the departments and the strongest ties between them, and decodes a
        department's teams, people and ties only when it is opened or searched
        (default :data:`~kgraph.views.network_pack.COMPACT_PERSONS`, 4,000).

    The team and department levels are aggregates: departments with fewer than the
    store's minimum group size of people are merged into one node, and so are the
    teams with fewer within each department node
    (:func:`kgraph.analysis.suppress.home_groups`); the legend and the merged node's
    details say so. The person level is person-level output and is not affected.

    Returns
    -------
    dict
        ``path``, ``level``, ``nodes`` (drawn when the page opens), ``edges``
        (person ties), ``bytes``, ``as_of``, the counts of persons, teams, departments,
        linking pins and articulation points; ``min_group_size``,
        ``merged_departments`` and ``merged_teams`` (ids of the units merged),
        ``suppressed`` (the organisation is smaller than the minimum: counts withheld).

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> out = os.path.join(tempfile.mkdtemp(), "net.html")
    >>> r = kgraph.network(kg, out, as_of="2026-06-01")
    >>> r["level"], r["nodes"]
    ('person', 5)
    >>> r = kgraph.network(kg, out, aggregate="department", as_of="2026-06-01")  # 3 and 2 people: one node
    >>> r["nodes"], r["merged_departments"]
    (1, ['D-RUIMTE', 'D-SOC'])
    """
    from ..views import html
    from ..views import network as view

    f = findings_of(source, as_of)
    data = _network_data(f, aggregate=aggregate, compact_above=compact_above)
    path = html.write(out, view.network_page(data, as_of=f.as_of, label=_label(source)))
    priv = data["privacy"]
    return {"path": str(path), "level": data["start"], "nodes": view.initial_nodes(data), "edges": data["counts"]["ties"],
            "bytes": path.stat().st_size, "as_of": f.as_of.isoformat(), **data["counts"],
            "min_group_size": priv["min_group_size"], "merged_departments": priv["merged_departments"],
            "merged_teams": priv["merged_teams"], "suppressed": priv["suppressed"]}


def power_interest_grid(source: Source, out: str | os.PathLike, *, issue: str | None = None, as_of: Date = None,
                        midpoint: float = 3, dpi: int = FIGURE_DPI) -> dict[str, Any]:
    """Mendelow's power–interest grid of ``as_of`` as a PNG, one panel per issue.

    Returns
    -------
    dict
        ``path``, ``panels`` (issues drawn), ``points`` (actor positions), ``bytes``.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.examples import one_position
    >>> org = kgraph.Org.from_dataset(one_position("Buurt $x$"), as_of="2025-06-01")
    >>> r = kgraph.power_interest_grid(org, os.path.join(tempfile.mkdtemp(), "grid.png"))
    >>> r["panels"], r["points"]
    (1, 1)
    """
    from ..options import check_midpoint

    return _power_interest(findings_of(source, as_of), out, issue=issue, midpoint=check_midpoint(midpoint), dpi=dpi)


def _power_interest(f, out, *, issue: str | None = None, midpoint: float = 3, dpi: int = FIGURE_DPI) -> dict[str, Any]:
    df = select_stakeholders(f.org, f.stakeholders(midpoint=midpoint), issue=issue)
    return _png(f, (issue, midpoint, dpi), "power_interest", df, out, as_of=f.as_of, midpoint=midpoint, dpi=dpi)


def coverage_heatmap(source: Source, out: str | os.PathLike, *, as_of: Date = None, min_level: int = 3,
                     max_teams: int = 40, max_items: int = 40, dpi: int = FIGURE_DPI) -> dict[str, Any]:
    """The coverage of units × knowledge items on ``as_of`` as a PNG (see :func:`kgraph.coverage`).

    Every red (short) cell is an unmet need that ``kgraph gaps`` lists for the same
    date and unit. Units with fewer people than the minimum group size are merged
    into one row and the caption says so.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> r = kgraph.coverage_heatmap(kg, os.path.join(tempfile.mkdtemp(), "cov.png"), as_of="2026-06-01")
    >>> r["teams"], r["merged"], r["suppressed"]
    (1, ['D-SOC', 'T-VERG', 'T-WMO'], False)
    """
    return _coverage(findings_of(source, as_of), out, min_level=min_level, max_teams=max_teams, max_items=max_items,
                     dpi=dpi)


def _coverage(f, out, *, min_level: int = 3, max_teams: int = 40, max_items: int = 40,
              dpi: int = FIGURE_DPI) -> dict[str, Any]:
    df = f.coverage(min_level=min_level, max_units=max_teams, max_items=max_items)
    return _png(f, (min_level, max_teams, max_items, dpi), "coverage", df, out, as_of=f.as_of, dpi=dpi)


def report(source: Source, out: str | os.PathLike, *, as_of: Date = None, midpoint: float = 3, top: int = 15,
           organisation: str | None = None) -> dict[str, Any]:
    """Write the report, one self-contained HTML page, to ``out``.

    Every section, map and figure shows the findings of one date (``as_of``, default
    today), computed once: the same as ``kgraph linking-pins``, ``kgraph gaps``,
    ``kgraph stakeholders``, ``kgraph giraffe``, ``kgraph network`` and ``kgraph plot``
    give for that date.

    Parameters
    ----------
    source : KnowledgeGraph or Org
        The graph handle.
    out : path
        The HTML file to write.
    as_of : str or date, optional
        The date of every finding (default today).
    midpoint : number
        Midpoint of the 1–5 scales (see :func:`kgraph.stakeholders`).
    top : int
        Rows per findings table; a table cut short says how many rows there are and
        which command lists them all.
    organisation : str, optional
        The organisation's name for the title (default: the name of its top department).

    Returns
    -------
    dict
        ``path``, ``bytes``, ``as_of``, ``sections`` (titles written) and
        ``unavailable`` (titles of sections that could not be computed). The page is titled
        with the organisation's name: the store's setting ``name`` (``kgraph settings
        --name``), else the name of the top department.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> r = kgraph.report(kg, os.path.join(tempfile.mkdtemp(), "report.html"), as_of="2026-06-01")
    >>> "Linking pins" in r["sections"], "Stakeholder quadrants" in r["unavailable"]
    (True, True)
    >>> r["title"]
    'Gemeente: kgraph report'

    """
    from ..options import check_midpoint
    from ..views import html, plots
    from ..views.report import ReportInput, report_page

    from .settings import NAME, organisation_name

    f = findings_of(source, as_of)
    org = f.org
    midpoint = check_midpoint(midpoint)
    counts = org.ds.counts()
    stored = source.store.get_setting(NAME) if hasattr(source, "store") else None
    r = ReportInput(as_of=f.as_of, label=_label(source), counts=counts, min_group_size=f.min_group_size,
                    midpoint=midpoint, pins=f.linking_pins(by="team"), gaps=f.gaps(), top=top,
                    organisation=organisation or organisation_name(org, stored) or _organisation(org))
    try:
        r.stakeholders = f.stakeholders(midpoint=midpoint)
    except KgraphError as err:
        r.stakeholders_error = str(err)
    if r.stakeholders is not None:
        plan = _engagement(source, f, midpoint)
        r.engage, r.interactions = plan["engage"], plan["log"]
        r.giraffe = _giraffe_data(source, f, midpoint=midpoint, view_id="giraffe")
    r.monitor, r.objectives = f.monitor(), f.objectives()
    previous = previous_import(source, f.as_of)
    if previous is not None:
        r.changes, r.changes_since = f.compare(findings_of(source, previous)), previous.isoformat()
    if org.present:
        r.network = _network_data(f, view_id="network")
        counts["colleague_pairs"] = r.network["counts"]["ties"]  # the pairs the network map draws
    # the figures as `kgraph plot` draws them (the same PNG bytes: in shared_views() drawn once for both)
    drawings = [(_("Power–interest grid"), None if r.stakeholders is None else lambda p: _power_interest(
                    f, p, midpoint=midpoint)),
                (_("Knowledge coverage"), lambda p: _coverage(f, p))]
    for title, draw in drawings:  # drawn into memory: nothing is written but the report
        if draw is None:
            r.figures.append((title, None, r.stakeholders_error))
            continue
        png = plots.InMemory()
        try:
            res = draw(png)
        except KgraphError as err:
            r.figures.append((title, None, str(err)))
            continue
        r.figures.append((title, png.getvalue(), res.get("caption", "")))
    text, info = report_page(r)
    path = html.write(out, text)
    info["title"] = _("{organisation}: kgraph report").format(organisation=r.organisation) if r.organisation else ""
    return {"path": str(path), "bytes": path.stat().st_size, "as_of": f.as_of.isoformat(), **info}


def previous_import(source: Source, as_of: Date = None):
    """The date of the import before the one in force on ``as_of`` (None: there is none).

    The import in force is the latest version of ``kgraph import`` (source ``import``;
    of any source when there is none) dated on or before ``as_of``; the report says what
    changed from the previous one to ``as_of`` (:func:`kgraph.compare`). An organisation
    built in memory has no imports.
    """
    import datetime as _dt

    from ..dates import parse_as_of

    history = getattr(getattr(source, "store", None), "history", None)
    if history is None:
        return None
    versions = history()
    if hasattr(versions, "to_dict"):
        versions = versions.to_dict("records")
    imports = [v for v in versions if v.get("source") == "import"] or list(versions)
    dates = {d if isinstance(d, _dt.date) else _dt.date.fromisoformat(str(d)[:10])
             for d in (v.get("as_of") for v in imports) if d}
    day = parse_as_of(as_of)
    in_force = max((d for d in dates if d <= day), default=None)
    return None if in_force is None else max((d for d in dates if d < in_force), default=None)


def objectives_chart(source: Source, out: str | os.PathLike, *, as_of: Date = None, target_group: str | None = None,
                     dpi: int = FIGURE_DPI) -> dict[str, Any]:
    """The objectives of ``as_of`` as progress bars in a PNG (see :func:`kgraph.objectives`).

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(nodes={"G1": ("TargetGroup", {"name": "Inwoners"}),
    ...                     "O1": ("Objective", {"dimension": "knowledge", "indicator": "kent de regels", "unit": "percent",
    ...                                          "baseline": 30, "baseline_date": "2025-01-01", "target": 60, "deadline": "2027-01-01"})},
    ...              edges={("AIMS_AT", "O1", "G1", ""): {}})
    >>> r = kgraph.objectives_chart(kgraph.Org.from_dataset(ds, as_of="2026-01-01"), os.path.join(tempfile.mkdtemp(), "o.png"))
    >>> r["objectives"], r["groups"]
    (1, 1)
    """
    f = findings_of(source, as_of)
    return _png(f, (target_group, dpi), "objectives", f.objectives(target_group=target_group), out, as_of=f.as_of,
                dpi=dpi)


def signals_chart(source: Source, out: str | os.PathLike, *, as_of: Date = None, period: str = "month",
                  issue: str | None = None, target_group: str | None = None, dpi: int = FIGURE_DPI) -> dict[str, Any]:
    """Signals per period and issue of ``as_of`` in a PNG, spikes marked (see :func:`kgraph.monitor`)."""
    f = findings_of(source, as_of)
    df = f.monitor(period=period, issue=issue, target_group=target_group)
    return _png(f, (period, issue, target_group, dpi), "signals", df, out, as_of=f.as_of, dpi=dpi)
