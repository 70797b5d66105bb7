"""Pages for analysts: the analyses as tables, the giraffe and network maps, the report, the
survey's response rates. Each calls one facade function on the analysts' handle (with
the store's minimum group size, aggregate-only mode and, with ``--pseudonymize``,
pseudonyms) and prints the date it describes in its header."""

from __future__ import annotations

import hashlib
import base64
import re
import tempfile
from pathlib import Path

from ..app import api as facade
from ..app import render as views
from ..app import survey as appsurvey
from ..dates import parse_as_of
from ..i18n import _
from .app import Ctx, page
from .render import table

LINKING_COLUMNS = ["rank", "person_id", "name", "team", "formal_pin", "connects", "brokerage_total", "betweenness",
                   "constraint", "articulation_point", "only_contact_for"]
STAKEHOLDER_COLUMNS = ["actor", "issue", "stance", "influence", "interest", "date", "quadrant", "salience", "owner",
                       "n_contacts", "blind_spot", "single_contact", "stale_contact"]
GAP_COLUMNS = ["kind", "severity", "subject", "unit", "holders", "required", "why"]


def _day(ctx: Ctx):
    return parse_as_of(ctx.arg("as_of"))


def _table_page(ctx: Ctx, title: str, intro: str, df, columns, *, filters=(), note: str | None = None):
    return ctx.render("table.html", title=title, intro=intro, t=table(df, columns), as_of=_day(ctx).isoformat(),
                      filters=list(filters), note=note, json_path="/api" + ctx.request.url.path[len("/analyst"):])


@page("/analyst", role="analyst")
def index(ctx: Ctx):
    return ctx.render("analyst.html", as_of=_day(ctx).isoformat(), kg=ctx.site.analyst_kg,
                      pseudonymised=ctx.site.analyst_kg.pseudonymised)


@page("/analyst/linking-pins", role="analyst")
def linking_pins(ctx: Ctx):
    by = ctx.arg("by", "team")
    with ctx.site.analysis_lock:
        df = facade.linking_pins(ctx.site.analyst_kg, by=by, top=ctx.int_arg("top", 25), as_of=_day(ctx))
    return _table_page(ctx, _("Linking pins and knowledge brokers"),
                       _("Likert's formal linking pins and the brokers network analysis finds, ranked, with reasons."),
                       df, LINKING_COLUMNS, filters=[("by", _("per"), [("team", _("team")), ("department", _("department"))], by),
                                                     ("top", _("top"), None, ctx.arg("top", "25"))])


@page("/analyst/gaps", role="analyst")
def gaps(ctx: Ctx):
    with ctx.site.analysis_lock:
        df = facade.gaps(ctx.site.analyst_kg, as_of=_day(ctx), horizon=ctx.arg("horizon", "12m"))
    return _table_page(ctx, _("Knowledge gaps"),
                       _("Unmet needs, single holders, orphans, knowledge at risk, stale skills, silos."),
                       df, GAP_COLUMNS, filters=[("horizon", _("horizon"), None, ctx.arg("horizon", "12m"))])


@page("/analyst/stakeholders", role="analyst")
def stakeholders(ctx: Ctx):
    with ctx.site.analysis_lock:
        df = facade.stakeholders(ctx.site.analyst_kg, issue=ctx.arg("issue"), as_of=_day(ctx))
    return _table_page(ctx, _("Stakeholders"),
                       _("Per actor and issue: stance, influence, interest, Mendelow quadrant, salience and the "
                         "internal contacts; blind spots flagged."),
                       df, STAKEHOLDER_COLUMNS, filters=[("issue", _("issue"), None, ctx.arg("issue", ""))])


@page("/analyst/aggregates", role="analyst")
def aggregates(ctx: Ctx):
    by = ctx.arg("by", "department")
    with ctx.site.analysis_lock:
        df = facade.aggregates(ctx.site.analyst_kg, by=by, as_of=_day(ctx))
    return _table_page(ctx, _("Figures per unit"), _("Figures per team or department; small groups merged."), df, None,
                       filters=[("by", _("per"), [("department", _("department")), ("team", _("team"))], by)],
                       note=_("Groups smaller than {n} persons are merged.").format(n=ctx.site.analyst_kg.min_group_size))


@page("/analyst/giraffe", role="analyst")
def giraffe(ctx: Ctx):
    with ctx.site.analysis_lock:
        data = views.giraffe_data(ctx.site.analyst_kg, issue=ctx.arg("issue"), as_of=_day(ctx))
    return ctx.render("map.html", title=_("Giraffe view: stakeholders and issues"), view_id="giraffe", data=data,
                      script="giraffe.js", as_of=_day(ctx).isoformat(),
                      filters=[("issue", _("issue"), None, ctx.arg("issue", ""))],
                      counts=_("{actors} actors · {issues} issues").format(**data["counts"]))


@page("/analyst/network", role="analyst")
def network(ctx: Ctx):
    level = ctx.arg("aggregate")
    with ctx.site.analysis_lock:
        data = views.network_data(ctx.site.analyst_kg, aggregate=level, as_of=_day(ctx))
    levels = [("", _("automatic")), ("person", _("people")), ("team", _("teams")), ("department", _("departments"))]
    return ctx.render("map.html", title=_("Internal network: linking pins and articulation points"), view_id="network",
                      data=data, script="network.js", as_of=_day(ctx).isoformat(),
                      filters=[("aggregate", _("level"), levels, level or "")],
                      counts=_("{persons:,} people · {teams:,} teams · {departments:,} departments").format(**data["counts"]))


_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


@page("/analyst/report", role="analyst")
def report(ctx: Ctx):
    """The report, the same page ``kgraph report`` writes; its inline scripts allowed by their hashes only."""
    from starlette.responses import HTMLResponse

    day = _day(ctx)
    with tempfile.TemporaryDirectory() as tmp, ctx.site.analysis_lock:
        out = Path(tmp) / "report.html"
        views.report(ctx.site.analyst_kg, out, as_of=day)
        html = out.read_text(encoding="utf-8")
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode()}'"
                      for m in _SCRIPT.finditer(html))
    csp = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
           "connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
    headers = {"Content-Security-Policy": csp}
    if ctx.arg("download"):
        headers["Content-Disposition"] = f'attachment; filename="kgraph-report-{day.isoformat()}.html"'
    return HTMLResponse(html, headers=headers)


@page("/analyst/survey", role="analyst")
def survey(ctx: Ctx):
    by = ctx.arg("by", "team")
    waves = appsurvey.survey_waves(ctx.site.kg)
    if waves.empty:
        return ctx.render("survey_status.html", waves=table(waves), t=None, wave=None, by=by)
    df = appsurvey.survey_status(ctx.site.kg, wave=ctx.arg("wave"), by=by)
    return ctx.render("survey_status.html", waves=table(waves, ["wave", "questions", "status", "invited", "responded"]),
                      t=table(df, ["unit", "invited", "responded", "response_rate", "privacy_note"]),
                      wave=df.attrs["wave"], by=by, min_group_size=df.attrs["min_group_size"])
