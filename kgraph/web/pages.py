"""Pages for everyone with an account (staff): logging in, who knows what, colleagues and
knowledge items, ideas and complaints, one's own data. Each calls one facade function."""

from __future__ import annotations

from ..app import api as facade
from ..app import intranet, rights
from ..dates import parse_as_of
from ..errors import KgraphError
from ..i18n import LANGUAGES, _
from . import security
from .app import LANG_COOKIE, Ctx, HTTPError, page, safe_next, status_of
from .render import table

WHO_KNOWS_COLUMNS = ["name", "knowledge", "level", "confirmed", "team", "department", "email", "hops", "path_description"]


# -- logging in and out, the language ------------------------------------------------------
@page("/login", role=None)
def login_form(ctx: Ctx):
    if ctx.user is not None:
        return ctx.redirect(safe_next(ctx.arg("next"), _home(ctx)))
    return ctx.render("login.html", error=None, next=safe_next(ctx.arg("next"), "/"))


@page("/login", role=None, methods=("POST",))
def login(ctx: Ctx):
    name, password = ctx.posted("name").strip(), ctx.posted("password")
    address = ctx.request.client.host if ctx.request.client else "-"
    user, wait = security.check_login(ctx.site, name, password, address)
    nxt = safe_next(ctx.posted("next"), "/")
    if wait:
        return ctx.render("login.html", status=429, headers={"Retry-After": str(wait)}, next=nxt,
                          error=_("Too many failed attempts. Wait a minute and try again."))
    if user is None:
        return ctx.render("login.html", status=401, next=nxt, error=_("Wrong account name or password."))
    ctx.session = security.Sessions.login(user)
    ctx.user = user
    return ctx.redirect(nxt if nxt != "/" else _home(ctx))


@page("/logout", role=None, methods=("POST",))
def logout(ctx: Ctx):
    ctx.session = ctx.site.sessions.read(None)  # a new, anonymous session (a new CSRF token)
    return ctx.redirect("/login")


@page("/lang/{code}", role=None)
def language(ctx: Ctx):
    code = ctx.request.path_params["code"]
    if code not in LANGUAGES:
        raise HTTPError(404, _("unknown language"))
    ctx.cookies[LANG_COOKIE] = code
    return ctx.redirect(safe_next(ctx.arg("next"), "/"))


@page("/healthz", role=None)
def health(ctx: Ctx):
    return ctx.json({"status": "ok"})


def _home(ctx: Ctx) -> str:
    return "/"


# -- staff -------------------------------------------------------------------------------
@page("/")
def home(ctx: Ctx):
    return ctx.render("home.html", form=intranet.signal_form(ctx.site.kg))


@page("/who-knows")
def who_knows(ctx: Ctx):
    q = ctx.arg("q")
    day = parse_as_of(ctx.arg("as_of")).isoformat()
    if q is None:
        return ctx.render("who_knows.html", q="", result=None, day=day)
    if len(q) > 200:
        raise HTTPError(400, _("the search is too long"))
    df = facade.who_knows(ctx.site.kg, q, from_person=ctx.user.person_id, limit=ctx.int_arg("limit", 25, hi=500),
                          as_of=day)
    return ctx.render("who_knows.html", q=q, result=table(df, WHO_KNOWS_COLUMNS), day=day)


@page("/people/{person_id}")
def person(ctx: Ctx):
    data = intranet.person_page(ctx.site.kg, ctx.request.path_params["person_id"], as_of=ctx.arg("as_of"))
    return ctx.render("person.html", p=data)


@page("/knowledge/{knowledge_id}")
def knowledge(ctx: Ctx):
    data = intranet.knowledge_page(ctx.site.kg, ctx.request.path_params["knowledge_id"], as_of=ctx.arg("as_of"))
    return ctx.render("knowledge.html", k=data, holders=table(data["holders"], WHO_KNOWS_COLUMNS[:-2]))


@page("/signals/new")
def signal_new(ctx: Ctx):
    return ctx.render("signal.html", form=intranet.signal_form(ctx.site.kg), sent=None, values={}, error=None)


@page("/signals/new", methods=("POST",))
def signal_send(ctx: Ctx):
    values = {k: ctx.posted(k) for k in ("channel", "issue_id", "text", "sentiment", "named")}
    try:
        rec = intranet.submit_signal(ctx.site.kg, channel=values["channel"], text=values["text"],
                                     issue_id=values["issue_id"] or None, sentiment=values["sentiment"] or None,
                                     person_id=ctx.user.person_id if values["named"] == "yes" else None)
    except KgraphError as err:
        return ctx.render("signal.html", status=status_of(err), form=intranet.signal_form(ctx.site.kg), sent=None,
                          values=values, error=err.message)
    return ctx.render("signal.html", status=201, form=intranet.signal_form(ctx.site.kg), sent=rec, values={}, error=None)


@page("/me")
def me(ctx: Ctx):
    if not ctx.user.person_id:
        return ctx.render("me.html", data=None, sent=None)
    return ctx.render("me.html", data=intranet.about_me(ctx.site.kg, ctx.user.person_id), sent=ctx.arg("sent"))


@page("/me/correction", methods=("POST",))
def correction(ctx: Ctx):
    if not ctx.user.person_id:
        raise HTTPError(400, _("your account belongs to no person"))
    intranet.request_correction(ctx.site.kg, person_id=ctx.user.person_id, account=ctx.user.name,
                                text=ctx.posted("text"))
    return ctx.redirect("/me?sent=1")


@page("/me/report.json")
def my_report(ctx: Ctx):
    if not ctx.user.person_id:
        raise HTTPError(404, _("your account belongs to no person"))
    return ctx.json(rights.person_report(ctx.site.kg, ctx.user.person_id),
                    headers={"Content-Disposition": 'attachment; filename="kgraph-my-data.json"'})
