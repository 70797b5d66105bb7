"""The JSON API: the CLI's analyses with the same keys as ``--format json``, and the staff's
routes. Log in with a session (then send the ``X-CSRF-Token`` header on a POST) or HTTP
Basic. No login answers 401, a role that may not 403. Described at ``/api/openapi.json``."""

from __future__ import annotations

from ..app import api as facade
from ..app import intranet, rights
from ..app import survey as appsurvey
from ..i18n import _
from ..jsonrows import records
from .app import Ctx, HTTPError, api

_AS_OF = ("as_of", "string", False, "the date to look at, YYYY-MM-DD (default today)")


def _rows(df) -> list:
    return records(df)[1]


@api("/api/who-knows", role="staff", summary="Who knows a topic, ranked as `kgraph who-knows` ranks them; the "
     "introduction path starts at the logged-in person (analysts may give `from`).",
     params=[("q", "string", True, "what to look for (typos, synonyms and narrower items found)"),
             ("from", "string", False, "analysts only: the person the introduction path starts at"),
             ("limit", "integer", False, "at most this many rows (default 25)"), _AS_OF],
     responses={200: "rows as `kgraph who-knows --format json`"})
def who_knows(ctx: Ctx):
    q = ctx.arg("q")
    if q is None or len(q) > 200:
        raise HTTPError(400, _("give q, at most 200 characters"))
    start = ctx.user.person_id
    if ctx.arg("from") is not None:
        if not ctx.user.allows("analyst"):  # a staff member sees paths from themselves only
            raise HTTPError(403, _("only analysts may give another starting person"))
        start = ctx.arg("from")
    df = facade.who_knows(ctx.site.kg if start == ctx.user.person_id else ctx.site.analyst_kg, q, from_person=start,
                          limit=ctx.int_arg("limit", 25, hi=1000), as_of=ctx.arg("as_of"))
    return ctx.json(_rows(df))


@api("/api/linking-pins", role="analyst", summary="Linking pins and knowledge brokers, as `kgraph linking-pins`.",
     params=[("by", "string", False, "team (default) or department"), ("top", "integer", False, "at most this many"),
             _AS_OF], responses={200: "rows as `kgraph linking-pins --format json`"})
def linking_pins(ctx: Ctx):
    with ctx.site.analysis_lock:
        df = facade.linking_pins(ctx.site.analyst_kg, by=ctx.arg("by", "team"), top=ctx.int_arg("top"),
                                 as_of=ctx.arg("as_of"))
    return ctx.json(_rows(df))


@api("/api/gaps", role="analyst", summary="Knowledge gaps, as `kgraph gaps`.",
     params=[("horizon", "string", False, "departures within this horizon count (12m)"),
             ("stale_after", "string", False, "skills older than this are stale (24m)"), _AS_OF],
     responses={200: "rows as `kgraph gaps --format json`"})
def gaps(ctx: Ctx):
    with ctx.site.analysis_lock:
        df = facade.gaps(ctx.site.analyst_kg, as_of=ctx.arg("as_of"), horizon=ctx.arg("horizon", "12m"),
                         stale_after=ctx.arg("stale_after", "24m"))
    return ctx.json(_rows(df))


@api("/api/stakeholders", role="analyst", summary="The stakeholder map, as `kgraph stakeholders`.",
     params=[("issue", "string", False, "only this issue (id or name)"), ("actor", "string", False, "only this actor"),
             _AS_OF], responses={200: "rows as `kgraph stakeholders --format json` (with `issue`, the factors around it follow)"})
def stakeholders(ctx: Ctx):
    issue = ctx.arg("issue")
    with ctx.site.analysis_lock:
        df = facade.stakeholders(ctx.site.analyst_kg, issue=issue, actor=ctx.arg("actor"), as_of=ctx.arg("as_of"))
        factors = facade.factors(ctx.site.analyst_kg, issue=issue, as_of=ctx.arg("as_of")) if issue else None
    return ctx.json(_rows(df) + ([] if factors is None else _rows(factors)))


@api("/api/recommend", role="analyst", summary="Knowledge transfers and introductions, as `kgraph recommend`.",
     params=[("limit", "integer", False, "at most this many"), _AS_OF],
     responses={200: "rows as `kgraph recommend --format json`"})
def recommend(ctx: Ctx):
    with ctx.site.analysis_lock:
        df = facade.recommend(ctx.site.analyst_kg, as_of=ctx.arg("as_of"), limit=ctx.int_arg("limit"))
    return ctx.json(_rows(df))


@api("/api/aggregates", role="analyst", summary="Figures per team or department, small groups merged, as `kgraph aggregates`.",
     params=[("by", "string", False, "department (default) or team"), _AS_OF],
     responses={200: "rows as `kgraph aggregates --format json`"})
def aggregates(ctx: Ctx):
    with ctx.site.analysis_lock:
        df = facade.aggregates(ctx.site.analyst_kg, by=ctx.arg("by", "department"), as_of=ctx.arg("as_of"))
    return ctx.json(_rows(df))


@api("/api/survey-status", role="analyst", summary="Response rate of a survey wave per team or department "
     "(small groups merged), as `kgraph survey status`.",
     params=[("wave", "string", False, "the wave's date (default the latest)"),
             ("by", "string", False, "team (default) or department")],
     responses={200: "rows as `kgraph survey status --format json`"})
def survey_status(ctx: Ctx):
    return ctx.json(_rows(appsurvey.survey_status(ctx.site.kg, wave=ctx.arg("wave"), by=ctx.arg("by", "team"))))


@api("/api/persons/{person_id}", role="staff", summary="A colleague as the intranet shows them: function, "
     "contact, teams, knowledge, responsibilities (no ties, measures or survey answers).",
     params=[("person_id", "string", True, "the person's id (path)"), _AS_OF],
     responses={200: "the person", 404: "no such colleague on that date"})
def person(ctx: Ctx):
    return ctx.json(intranet.person_page(ctx.site.kg, ctx.request.path_params["person_id"], as_of=ctx.arg("as_of")))


@api("/api/knowledge/{knowledge_id}", role="staff", summary="A knowledge item: taxonomy, the units that need it, "
     "its holders (as who-knows ranks them).",
     params=[("knowledge_id", "string", True, "the item's id (path)"), _AS_OF],
     responses={200: "the item", 404: "no such item"})
def knowledge(ctx: Ctx):
    data = intranet.knowledge_page(ctx.site.kg, ctx.request.path_params["knowledge_id"], as_of=ctx.arg("as_of"))
    return ctx.json({**data, "holders": _rows(data["holders"])})


@api("/api/me", role="staff", summary="What kgraph holds about the logged-in person (as `kgraph person-report`), "
     "their survey answers (counts) and their correction requests.",
     responses={200: "the report", 404: "the account belongs to no person"})
def me(ctx: Ctx):
    if not ctx.user.person_id:
        raise HTTPError(404, _("your account belongs to no person"))
    data = intranet.about_me(ctx.site.kg, ctx.user.person_id)
    return ctx.json(data)


@api("/api/signals", role="staff", method="POST", summary="Send an idea, complaint or information need (kept as "
     "a signal of source `intranet`; anonymous unless `named` is true).",
     body={"type": "object", "required": ["channel", "text"], "properties": {
         "channel": {"type": "string", "enum": ["idea", "complaint", "information_need"]},
         "issue_id": {"type": ["string", "null"]}, "text": {"type": "string", "maxLength": 4000},
         "sentiment": {"type": ["integer", "null"], "minimum": -2, "maximum": 2}, "named": {"type": "boolean"}}},
     responses={201: "kept", 400: "a field is wrong", 404: "no such issue", 413: "the body is too large",
                415: "not JSON"})
def signals(ctx: Ctx):
    data = ctx.json_body()
    if not isinstance(data, dict):
        raise HTTPError(400, _("send an object with channel, issue_id, text and sentiment"))
    named = data.get("named") is True
    rec = intranet.submit_signal(ctx.site.kg, channel=str(data.get("channel") or ""), text=str(data.get("text") or ""),
                                 issue_id=data.get("issue_id") or None, sentiment=data.get("sentiment"),
                                 person_id=ctx.user.person_id if named else None)
    return ctx.json({k: rec[k] for k in ("id", "channel", "issue_id", "text", "sentiment", "date", "status")},
                    status=201)


@api("/api/me/report", role="staff", summary="What kgraph holds about the logged-in person, exactly as "
     "`kgraph person-report` writes it (right of access).",
     responses={200: "the report", 404: "the account belongs to no person"})
def me_report(ctx: Ctx):
    if not ctx.user.person_id:
        raise HTTPError(404, _("your account belongs to no person"))
    return ctx.json(rights.person_report(ctx.site.kg, ctx.user.person_id))
