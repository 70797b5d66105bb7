"""The web application: routes registered by role, one request's handling, the headers.

Every route is a plain function of a :class:`Ctx` that calls one facade function and
renders its result, a page (:meth:`Ctx.render`) or JSON (:meth:`Ctx.json`). Routes
are registered with :func:`page` or :func:`api` (the API routes carry what the
OpenAPI description says of them, :mod:`kgraph.web.openapi`). :func:`create_app`
builds the Starlette application from them.

Each request: the body is read (with a size limit: 413 beyond it), then, in a worker
thread, the language is chosen, the user found (session cookie, HTTP Basic on the API,
or the trusted single-sign-on header), the role checked (401 without a login, 403 for
a role that may not), the CSRF token checked on every state-changing request, and the
route runs. A :class:`~kgraph.errors.KgraphError` becomes a status: 400 for a bad
option, 404 not found, 403 refused by the privacy settings, 410 a closed survey, 422
invalid answers or input, 503 the store unavailable. No traceback reaches a user.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from ..app import accounts
from ..errors import KgraphError, NotFound, OptionError, PrivacyError, StoreError, ValidationError
from ..i18n import LANGUAGES, _, normalize_language, use_language
from ..jsonrows import jsonable
from . import security
from .render import render_page

__all__ = ["Ctx", "RouteSpec", "ROUTES", "page", "api", "create_app", "FORM_LIMIT", "UPLOAD_LIMIT", "CSP"]

log = logging.getLogger("kgraph.web")

FORM_LIMIT = 256 * 1024
UPLOAD_LIMIT = 64 * 1024 * 1024
LANG_COOKIE = "kgraph_lang"
#: the Content-Security-Policy of every page: nothing from outside the server
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


@dataclass
class RouteSpec:
    """One route: where, how, who may, and (for the API) what OpenAPI says of it."""

    path: str
    methods: tuple[str, ...]
    fn: Callable[[Ctx], Any]
    role: str | None
    kind: str  # "page", "api" or "survey"
    limit: int = FORM_LIMIT
    summary: str = ""
    params: tuple[tuple[str, str, bool, str], ...] = ()  # (name, type, required, description)
    body: dict[str, Any] | None = None
    responses: dict[int, str] = field(default_factory=dict)
    csrf: bool = True


ROUTES: list[RouteSpec] = []


def page(path: str, *, role: str | None = "staff", methods: tuple[str, ...] = ("GET",), limit: int = FORM_LIMIT,
         kind: str = "page", csrf: bool = True):
    """Register a page route (HTML)."""
    def deco(fn):
        ROUTES.append(RouteSpec(path, methods, fn, role, kind, limit, csrf=csrf))
        return fn
    return deco


def api(path: str, *, role: str | None, method: str = "GET", summary: str, params=(), body=None,
        responses: dict[int, str] | None = None, kind: str = "api"):
    """Register a JSON API route, with its OpenAPI description."""
    def deco(fn):
        ROUTES.append(RouteSpec(path, (method,), fn, role, kind, FORM_LIMIT, summary, tuple(params), body,
                                dict(responses or {})))
        return fn
    return deco


class HTTPError(Exception):
    """A response that ends a request early: status, message, optional headers."""

    def __init__(self, status: int, message: str, *, hint: str | None = None, headers: dict[str, str] | None = None,
                 problems: list[str] | None = None):
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint
        self.headers = headers or {}
        self.problems = problems or []


@dataclass
class Ctx:
    """One request as a route sees it."""

    request: Any
    site: Any
    spec: RouteSpec
    session: security.Session
    user: accounts.User | None = None
    lang: str = "en"
    form: list[tuple[str, str]] = field(default_factory=list)
    upload: tuple[str, bytes] | None = None
    body: bytes = b""
    cookies: dict[str, str | None] = field(default_factory=dict)
    via_basic: bool = False

    # -- input -------------------------------------------------------------------------
    def arg(self, name: str, default: str | None = None) -> str | None:
        """A query parameter, stripped (None or ``default`` when empty)."""
        v = self.request.query_params.get(name)
        return v.strip() if v and v.strip() else default

    def int_arg(self, name: str, default: int | None = None, *, lo: int = 1, hi: int = 10_000) -> int | None:
        v = self.arg(name)
        if v is None:
            return default
        if not v.isdigit() or not lo <= int(v) <= hi:
            raise OptionError(_("{name} must be a whole number from {lo} to {hi}").format(name=name, lo=lo, hi=hi))
        return int(v)

    def posted(self, name: str, default: str = "") -> str:
        """A posted form field (the first of that name)."""
        return next((v for k, v in self.form if k == name), default)

    def fields(self, name: str) -> list[str]:
        return [v for k, v in self.form if k == name]

    def json_body(self) -> Any:
        ctype = self.request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise HTTPError(415, _("send JSON (Content-Type: application/json)"))
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise HTTPError(400, _("the request body is not valid JSON")) from None

    @property
    def csrf(self) -> str:
        return self.session.csrf

    # -- output ------------------------------------------------------------------------
    def render(self, template: str, *, status: int = 200, headers: dict[str, str] | None = None, **context: Any):
        from starlette.responses import HTMLResponse

        url = self.request.url
        here = url.path + (f"?{url.query}" if url.query else "")
        html = render_page(template, ctx=self, user=self.user, csrf=self.session.csrf, lang=self.lang,
                           languages=LANGUAGES, path=url.path, here=here, **context)
        return HTMLResponse(html, status_code=status, headers=headers)

    def json(self, data: Any, *, status: int = 200, headers: dict[str, str] | None = None):
        from starlette.responses import Response

        text = json.dumps(jsonable(data), ensure_ascii=False, indent=1, allow_nan=False)
        return Response(text + "\n", status_code=status, media_type="application/json", headers=headers)

    def redirect(self, to: str, status: int = 303):
        from starlette.responses import RedirectResponse

        return RedirectResponse(safe_next(to), status_code=status)


def safe_next(to: str | None, default: str = "/") -> str:
    """A local path to go to after a login or a form (never another site).

    >>> safe_next("/who-knows?q=wmo"), safe_next("//evil.example/"), safe_next("https://evil.example")
    ('/who-knows?q=wmo', '/', '/')
    """
    if not to or not to.startswith("/") or to.startswith("//") or "\\" in to or any(ord(c) < 32 for c in to):
        return default
    return to


# -- choosing the language --------------------------------------------------------------
def choose_language(request, site) -> str:
    """The language switch's cookie, else the browser's Accept-Language, else the server's setting."""
    lang = normalize_language(request.cookies.get(LANG_COOKIE))
    if lang:
        return lang
    header = request.headers.get("accept-language", "")
    ranked = []
    for i, part in enumerate(header.split(",")[:20]):
        code, _sep, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, i, code))
    for _q, _i, code in sorted(ranked):
        lang = normalize_language(code)
        if lang:
            return lang
    return normalize_language(site.language) or "en"


# -- one request ------------------------------------------------------------------------
_STATUS = [(ValidationError, 422), (NotFound, 404), (PrivacyError, 403), (OptionError, 400), (StoreError, 503)]


def status_of(err: KgraphError) -> int:
    """The HTTP status of an error kgraph raised on purpose."""
    from ..survey.answers import AnswerError
    from ..survey.waves import WaveClosed

    if isinstance(err, WaveClosed):
        return 410
    if isinstance(err, AnswerError):
        return 422
    return next((code for cls, code in _STATUS if isinstance(err, cls)), 400)


def _error_response(ctx: Ctx, status: int, message: str, hint: str | None = None, problems: list[str] | None = None,
                    headers: dict[str, str] | None = None):
    if ctx.spec.kind in ("api", "survey-api"):
        body: dict[str, Any] = {"error": message}
        if hint:
            body["hint"] = hint
        if problems:
            body["problems"] = problems
        return ctx.json(body, status=status, headers=headers)
    if status == 401:
        return ctx.render("login.html", status=401, headers=headers, error=None,
                          next=safe_next(str(ctx.request.url.path) + (f"?{ctx.request.url.query}" if ctx.request.url.query else "")))
    return ctx.render("error.html", status=status, headers=headers, status_code=status, message=message, hint=hint,
                      problems=problems or [])


def _authenticate(ctx: Ctx) -> None:
    site, request = ctx.site, ctx.request
    if site.trust_header:
        name = request.headers.get(site.trust_header)
        if name:
            user = accounts.get_user(site.kg, name.strip())
            if user is None:
                raise HTTPError(403, _("your single sign-on account has no kgraph account"),
                                hint=_("ask an administrator to add it: kgraph user add NAME --role staff --no-password"))
            ctx.user = user
            if ctx.session.user != user.name.lower():
                ctx.session = security.Sessions.login(user)
            return
    creds = security.basic_credentials(request.headers.get("authorization")) if ctx.spec.kind == "api" else None
    if creds is not None:
        user = site.basic.get(*creds)
        if user is None:
            address = request.client.host if request.client else "-"
            user, wait = security.check_login(site, creds[0], creds[1], address)
            if wait:
                raise HTTPError(429, _("too many failed logins: wait a minute"), headers={"Retry-After": str(wait)})
            if user is None:
                raise HTTPError(401, _("wrong account name or password"),
                                headers={"WWW-Authenticate": 'Basic realm="kgraph", charset="UTF-8"'})
            site.basic.put(*creds, user)
        current = accounts.get_user(site.kg, user.name)
        if current is None or current.generation != user.generation:
            raise HTTPError(401, _("wrong account name or password"))
        ctx.user, ctx.via_basic = current, True
        return
    if ctx.session.user:
        user = accounts.get_user(site.kg, ctx.session.user)
        if user is not None and user.generation == ctx.session.generation:
            ctx.user = user
        else:  # the account changed or is gone: the session ends
            ctx.session = security.Session(None, 0, ctx.session.csrf, new=True)


def _check_csrf(ctx: Ctx) -> None:
    if ctx.request.method in ("GET", "HEAD", "OPTIONS") or not ctx.spec.csrf or ctx.via_basic:
        return
    if ctx.spec.kind == "survey":  # the survey form: a token bound to the link (see survey_pages)
        return
    if ctx.spec.kind == "survey-api":  # the link's token is the credential; no cookie is used
        return
    given = ctx.request.headers.get("x-csrf-token") if ctx.spec.kind == "api" else ctx.posted("csrf")
    if not security.same_token(given, ctx.session.csrf):
        raise HTTPError(403, _("the form expired or did not come from this site: reload the page and try again"))


def handle(spec: RouteSpec, request, site, form, upload, body) -> Any:
    """Run one route in a worker thread (see the module docstring)."""
    session = site.sessions.read(request.cookies.get(security.SESSION_COOKIE))
    ctx = Ctx(request=request, site=site, spec=spec, session=session, form=form, upload=upload, body=body)
    ctx.lang = choose_language(request, site)
    with use_language(ctx.lang):
        try:
            _authenticate(ctx)
            if spec.role is not None:
                if ctx.user is None:
                    raise HTTPError(401, _("log in first"),
                                    headers={"WWW-Authenticate": 'Basic realm="kgraph", charset="UTF-8"'}
                                    if spec.kind == "api" else None)
                if not ctx.user.allows(spec.role):
                    raise HTTPError(403, _("your account may not open this"))
            _check_csrf(ctx)
            response = spec.fn(ctx)
        except HTTPError as err:
            response = _error_response(ctx, err.status, err.message, err.hint, err.problems, err.headers)
        except KgraphError as err:
            problems = [str(p) for p in getattr(err, "problems", [])]
            response = _error_response(ctx, status_of(err), err.message, err.hint, problems)
        except Exception:  # noqa: BLE001 - a bug: logged (without request data), never shown
            log.exception("error in %s %s", request.method, spec.path)
            response = _error_response(ctx, 500, _("something went wrong on the server; it has been logged"))
    # the JSON routes set no session (a client with HTTP Basic or a survey link has none to keep)
    keep = ctx.session.new and (spec.kind not in ("api", "survey-api") or ctx.session.user is not None)
    if keep or ctx.cookies:
        secure = request.url.scheme == "https"
        if keep:
            response.set_cookie(security.SESSION_COOKIE, site.sessions.dump(ctx.session), httponly=True,
                                samesite="lax", secure=secure, path="/", max_age=security.SESSION_HOURS * 3600)
        for name, value in ctx.cookies.items():
            if value is None:
                response.delete_cookie(name, path="/")
            else:
                response.set_cookie(name, value, httponly=True, samesite="lax", secure=secure, path="/",
                                    max_age=365 * 86400)
    return response


async def _read_body(request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise HTTPError(413, _("the request is too large"))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPError(413, _("the request is too large"))
        chunks.append(chunk)
    return b"".join(chunks)


#: worker threads a kind of request may hold at once: survey answers wait for the one writer and
#: analyses for the analysis lock, so they get a few threads of their own and never take all of
#: them (who-knows and the pages keep answering under a wave of submissions)
LANES = {"write": 8, "analysis": 4}


def _lane(spec: RouteSpec) -> str | None:
    if spec.role in ("analyst", "admin"):
        return "analysis"
    if spec.kind in ("survey", "survey-api") and "POST" in spec.methods:
        return "write"
    return None


def _endpoint(spec: RouteSpec, site):
    import functools

    import anyio
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse

    async def endpoint(request):
        form: list[tuple[str, str]] = []
        upload = None
        body = b""
        try:
            if request.method in ("POST", "PUT", "PATCH", "DELETE"):
                body = await _read_body(request, spec.limit)
                ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype == "application/x-www-form-urlencoded":
                    try:
                        form = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=5000)
                    except (UnicodeDecodeError, ValueError):
                        raise HTTPError(400, _("the form could not be read")) from None
                elif ctype == "multipart/form-data":
                    async def replay():
                        return {"type": "http.request", "body": body, "more_body": False}

                    try:
                        parsed = await Request(request.scope, replay).form(max_files=1, max_fields=50)
                    except Exception:  # noqa: BLE001 - a malformed upload
                        raise HTTPError(400, _("the form could not be read")) from None
                    for k, v in parsed.multi_items():
                        if isinstance(v, str):
                            form.append((k, v))
                        else:
                            upload = (v.filename or "upload", await v.read())
        except HTTPError as err:
            if spec.kind in ("api", "survey-api"):
                return JSONResponse({"error": err.message}, status_code=err.status)
            return PlainTextResponse(err.message, status_code=err.status)
        lane = _lane(spec)
        limiter = site.lanes[lane] if lane else None
        return await anyio.to_thread.run_sync(functools.partial(handle, spec, request, site, form, upload, body),
                                              limiter=limiter)

    return endpoint


# -- the application ---------------------------------------------------------------------
class SecurityHeaders:
    """Pure ASGI middleware: the headers every response carries (CSP, no sniffing, no referrer, ...)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _v in headers}
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"x-frame-options": b"DENY",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"cross-origin-resource-policy": b"same-origin",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=(), interest-cohort=()",
                    b"cache-control": b"public, max-age=3600" if static else b"no-store",
                }
                headers += [(k, v) for k, v in extra.items() if k not in have]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(site):
    """The Starlette application serving ``site`` (a :class:`~kgraph.web.state.Site`)."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    from . import admin, analyst, api as _api, openapi, pages, static, survey_pages  # noqa: F401  (they register routes)

    site.sessions = security.Sessions(site.session_key)
    site.throttle = security.Throttle()
    site.basic = security.BasicCache()
    import anyio

    site.lanes = {name: anyio.CapacityLimiter(n) for name, n in LANES.items()}
    routes = [Route(spec.path, _endpoint(spec, site), methods=list(spec.methods)) for spec in ROUTES]
    routes += static.routes()
    app = Starlette(routes=routes)
    app.state.site = site
    return SecurityHeaders(app)
