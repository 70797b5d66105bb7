"""The survey form at ``/s/<token>`` and its JSON route ``/api/survey/<token>``.

No account is needed: the personal link is the credential. An unknown link answers
404, the link of a closed wave 410. The form works without JavaScript and with the
keyboard alone: the roster and the knowledge list are searched on the server, and a
search posts the answers given so far back into the form. Its CSRF token is bound to
the link (an HMAC of the token's hash under the server's key), so a page elsewhere
cannot post answers in a respondent's name.
"""

from __future__ import annotations

import hashlib
import hmac

from ..app import survey as appsurvey
from ..i18n import _
from ..survey.answers import AnswerError
from ..survey.form import answers_from_fields
from ..survey.waves import token_hash
from .app import Ctx, HTTPError, api, page


def _csrf(ctx: Ctx, token: str) -> str:
    return hmac.new(ctx.site.session_key, b"survey:" + token_hash(token).encode(), hashlib.sha256).hexdigest()


def _token(ctx: Ctx) -> str:
    return ctx.request.path_params["token"]


@page("/s/{token}", role=None, kind="survey")
def form(ctx: Ctx):
    token = _token(ctx)
    data = appsurvey.survey_form(ctx.site.kg, token)
    return ctx.render("survey_form.html", f=data, token_csrf=_csrf(ctx, token), problems=[], people_query="",
                      item_query="", saved=None)


@page("/s/{token}", role=None, kind="survey", methods=("POST",))
def submit(ctx: Ctx):
    token = _token(ctx)
    if not hmac.compare_digest(ctx.posted("csrf").encode(), _csrf(ctx, token).encode()):
        raise HTTPError(403, _("the form expired or did not come from this site: reload the page and try again"))
    answers = answers_from_fields(ctx.form)
    action = ctx.posted("action", "save")
    people_query, item_query = ctx.posted("q").strip()[:100], ctx.posted("kq").strip()[:100]
    listed = ctx.fields("item")[:500]
    problems: list[str] = []
    saved = None
    status = 200
    if action == "save":
        try:
            saved = appsurvey.survey_submit(ctx.site.kg, token, answers)
        except AnswerError as err:
            problems, status = err.problems, 422
        people_query = item_query = ""
    # the form again: after a search, after problems, or saved (with the answers as stored)
    shown = {**answers, "skills": [s for s in answers["skills"] if str(s["level"]) in {"0", "1", "2", "3", "4", "5"}]}
    data = appsurvey.survey_form(ctx.site.kg, token, answers=None if saved else shown, people_query=people_query,
                                 item_query=item_query, listed_items=listed)
    return ctx.render("survey_form.html", status=status, f=data, token_csrf=_csrf(ctx, token), problems=problems,
                      people_query=people_query, item_query=item_query, saved=saved)


@api("/api/survey/{token}", role=None, kind="survey-api",
     summary="The survey form's data for a personal link: the respondent, the questions, colleagues and "
             "knowledge items (search with q and kq), and the answers given so far.",
     params=[("token", "string", True, "the personal link's token (path)"),
             ("q", "string", False, "search the roster (names and teams)"),
             ("kq", "string", False, "search the knowledge items")],
     responses={200: "the form's data", 404: "unknown link", 410: "the wave is closed"})
def form_json(ctx: Ctx):
    return ctx.json(appsurvey.survey_form(ctx.site.kg, _token(ctx), people_query=ctx.arg("q", "")[:100],
                                          item_query=ctx.arg("kq", "")[:100]))


@api("/api/survey/{token}", role=None, method="POST", kind="survey-api",
     summary="Give (or replace) the answers of a personal link.",
     params=[("token", "string", True, "the personal link's token (path)")],
     body={"type": "object", "properties": {
         "ties": {"type": "array", "items": {"type": "object", "required": ["target_id", "kind"], "properties": {
             "target_id": {"type": "string"}, "kind": {"type": "string", "enum": ["advice", "collaboration", "information"]}}}},
         "skills": {"type": "array", "items": {"type": "object", "required": ["knowledge_id", "level"], "properties": {
             "knowledge_id": {"type": "string"}, "level": {"type": "integer", "minimum": 0, "maximum": 5}}}},
         "needs": {"type": "array", "items": {"type": "object", "required": ["knowledge_id"], "properties": {
             "knowledge_id": {"type": "string"}, "criticality": {"type": "integer", "minimum": 1, "maximum": 3}}}}}},
     responses={200: "kept (a second submission replaces the first)", 404: "unknown link", 410: "the wave is closed",
                413: "the body is too large", 415: "not JSON", 422: "the answers break the rules (problems lists them)"})
def submit_json(ctx: Ctx):
    return ctx.json(appsurvey.survey_submit(ctx.site.kg, _token(ctx), ctx.json_body()))
