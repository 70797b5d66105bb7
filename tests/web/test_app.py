"""The intranet over HTTP against a real server: roles, CSRF, survey links, markup, sizes,
throttling, privacy between staff members, the API's keys, and the OpenAPI description."""

from __future__ import annotations

import json
import re
import secrets

import pytest
from click.testing import CliRunner

from .conftest import ACCOUNTS, AS_OF, WAVE, Client, raw_post

pytestmark = pytest.mark.slow

SAMPLE = {"person_id": "P0151", "knowledge_id": "K-OMGW", "code": "nl"}


def _routes():
    from kgraph.web import app as webapp
    from kgraph.web.server import build  # noqa: F401  (imports every route module)
    import kgraph.web.admin, kgraph.web.analyst, kgraph.web.api, kgraph.web.openapi, kgraph.web.pages, kgraph.web.survey_pages  # noqa: E401,F401

    return webapp.ROUTES


def _path(spec, token: str = "x" * 22) -> str:
    path = spec.path
    for name, value in {**SAMPLE, "token": token}.items():
        path = path.replace("{" + name + "}", value)
    return path


def _call(client: Client, spec, method: str, path: str, **kw):
    if method == "GET":
        return client.get(path, **kw)
    if spec.kind in ("api", "survey-api"):
        return client.post_json(path, {}, **kw)
    return client.post_form(path, {"csrf": "forged"}, **kw)


def test_every_route_without_login_is_401(demo_server):
    anon = Client(demo_server.url)
    checked = 0
    for spec in _routes():
        if spec.role is None:
            continue
        for method in spec.methods:
            r = _call(anon, spec, method, _path(spec))
            assert r.status == 401, (method, spec.path, r.status)
            checked += 1
    assert checked > 30


@pytest.mark.parametrize("name", ["eline", "ana"])
def test_every_route_above_the_role_is_403(demo_server, logged, name):
    from kgraph.app.accounts import role_allows

    role = ACCOUNTS[name][0]
    client = logged[name]
    basic = (name, ACCOUNTS[name][2])
    refused = 0
    for spec in _routes():
        if spec.role is None or role_allows(role, spec.role):
            continue
        for method in spec.methods:
            r = _call(client, spec, method, _path(spec))
            assert r.status == 403, (name, method, spec.path, r.status)
            if spec.kind == "api":
                assert _call(Client(demo_server.url), spec, method, _path(spec), basic=basic).status == 403
            refused += 1
    assert refused > 5


def test_every_form_with_a_forged_csrf_token_is_403(demo_server, logged):
    admin = logged["adm"]
    posts = [s for s in _routes() if "POST" in s.methods and s.kind == "page" and s.path != "/login"]
    assert len(posts) >= 8
    for spec in posts:
        for token in ("forged", ""):
            r = admin.post_form(_path(spec), {"csrf": token, "text": "x", "name": "x", "wave": WAVE})
            assert r.status == 403, (spec.path, r.status)
    # the login form too: a page elsewhere cannot log a browser in
    assert Client(demo_server.url).post_form("/login", {"csrf": "forged", "name": "adm",
                                                        "password": ACCOUNTS["adm"][2]}).status == 403
    # the API with a session cookie needs the X-CSRF-Token header; with HTTP Basic it does not
    payload = {"channel": "idea", "text": "Meer fietsenstallingen", "issue_id": None}
    assert admin.post_json("/api/signals", payload).status == 403
    assert admin.post_json("/api/signals", payload, headers={"X-CSRF-Token": "forged"}).status == 403
    assert admin.post_json("/api/signals", payload, headers={"X-CSRF-Token": admin.csrf()}).status == 201
    assert Client(demo_server.url).post_json("/api/signals", payload, basic=("adm", ACCOUNTS["adm"][2])).status == 201


def test_survey_links_unknown_reissued_and_closed(demo_server):
    import kgraph

    anon = Client(demo_server.url)
    guessed = secrets.token_urlsafe(16)
    assert anon.get(f"/s/{guessed}").status == 404
    assert anon.get("/s/short").status == 404
    assert anon.post_json(f"/api/survey/{guessed}", {"ties": []}).status == 404
    assert anon.get(f"/api/survey/{guessed}").status == 404
    # a link sent again: the old one stops working
    with kgraph.open(demo_server.path) as kg:
        old = kgraph.survey_create(kg, "2026-01-15", persons=["P0300"]).url[0].rsplit("/", 1)[1]
        new = kgraph.survey_create(kg, "2026-01-15", persons=["P0300"]).url[0].rsplit("/", 1)[1]
    assert anon.get(f"/s/{old}").status == 404 and anon.get(f"/s/{new}").status == 200
    with kgraph.open(demo_server.path) as kg:
        kgraph.survey_close(kg, "2026-01-15")
    assert anon.get(f"/s/{new}").status == 410
    assert anon.post_json(f"/api/survey/{new}", {"ties": []}).status == 410
    page = anon.get(f"/s/{new}")
    assert "closed" in page.text and page.headers.get("cache-control") == "no-store"


def test_survey_json_second_submission_replaces_the_first(demo_server):
    token = demo_server.links["P0160"]
    anon = Client(demo_server.url)
    form = anon.get(f"/api/survey/{token}?q=ramdin").json()
    assert form["respondent"]["person_id"] == "P0160" and form["questions"] == ["ties", "skills", "needs"]
    colleague = next(p["person_id"] for p in form["people"] if p["found"])
    first = {"ties": [{"target_id": colleague, "kind": "advice"}], "skills": [{"knowledge_id": "K-OMGW", "level": 2}]}
    r1 = anon.post_json(f"/api/survey/{token}", first)
    assert r1.status == 200 and r1.json()["revision"] == 1
    second = {"ties": [{"target_id": colleague, "kind": "information"}], "needs": [{"knowledge_id": "K-DSO"}]}
    r2 = anon.post_json(f"/api/survey/{token}", second)
    assert r2.status == 200 and r2.json()["revision"] == 2
    form = anon.get(f"/api/survey/{token}").json()
    ticked = {p["person_id"]: p["ticked"] for p in form["people"] if p["ticked"]}
    assert ticked == {colleague: ["information"]}
    bad = anon.post_json(f"/api/survey/{token}", {"ties": [{"target_id": "P0160", "kind": "gossip"}], "x": 1})
    assert bad.status == 422 and len(bad.json()["problems"]) == 3
    assert anon.request("POST", f"/api/survey/{token}", data=b"ties=1",
                        headers={"Content-Type": "application/x-www-form-urlencoded"}).status == 415
    assert anon.request("POST", f"/api/survey/{token}", data=b"{not json",
                        headers={"Content-Type": "application/json"}).status == 400


def test_oversized_bodies_are_refused(demo_server, logged):
    staff = logged["eline"]
    cookie = "; ".join(f"{c.name}={c.value}" for c in staff.jar)
    big = json.dumps({"channel": "idea", "text": "x" * 300_000}).encode()
    for path, ctype, extra in (("/api/signals", "application/json", {"X-CSRF-Token": staff.csrf()}),
                               ("/signals/new", "application/x-www-form-urlencoded", {}),
                               (f"/api/survey/{demo_server.links['P0161']}", "application/json", {}),
                               (f"/s/{demo_server.links['P0161']}", "application/x-www-form-urlencoded", {})):
        headers = {"Content-Type": ctype, "Cookie": cookie, **extra}
        assert raw_post(demo_server.url, path, {**headers, "Content-Length": str(len(big))}, big) == 413, path
        # a body without a length, streamed beyond the limit
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(big[i:i + 65536]), big[i:i + 65536]) for i in range(0, len(big), 65536))
        assert raw_post(demo_server.url, path, {**headers, "Transfer-Encoding": "chunked"}, chunked + b"0\r\n\r\n") == 413
    # a text within the body limit but beyond the field's limit is a clear 400
    r = staff.post_json("/api/signals", {"channel": "idea", "text": "z" * 5000}, headers={"X-CSRF-Token": staff.csrf()})
    assert r.status == 400 and "4000" in r.json()["error"]


def test_markup_in_every_field_is_shown_as_text(xss_server):
    client = Client(xss_server.url).login("bram", "bram-password-1")
    evil = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">'
    pages = [client.get("/who-knows?q=omgevingswet&as_of=2025-12-31"), client.get("/people/P02?as_of=2025-12-31"), client.get("/me"),
             client.get("/who-knows?q=" + evil.replace("<", "%3C").replace(">", "%3E").replace(" ", "+")),
             client.get("/analyst/stakeholders?as_of=2025-12-31"), client.get("/analyst/linking-pins?as_of=2025-12-31"),
             client.get("/analyst/giraffe?as_of=2025-12-31"), client.get(f"/s/{xss_server.links['P01']}")]
    csrf = client.csrf()
    assert client.post_form("/signals/new", {"csrf": csrf, "channel": "idea", "text": evil, "sentiment": "1"}).status == 201
    assert client.post_form("/me/correction", {"csrf": csrf, "text": evil}).status == 303
    assert client.post_form("/admin/users", {"csrf": csrf, "name": evil, "role": "staff", "person": evil}).status == 400
    pages += [client.get("/admin/queue"), client.get("/me"), client.get("/admin/users")]
    pages.append(Client(xss_server.url).post_form("/login", {"csrf": Client(xss_server.url).get("/login").csrf(),
                                                             "name": evil, "password": "x"}))
    form = Client(xss_server.url).post_form(f"/s/{xss_server.links['P01']}", {
        "csrf": re.search(r'name="csrf" value="([^"]+)"', pages[7].text).group(1), "q": evil, "kq": evil,
        "action": "search", "tie.advice": evil, "level." + evil: "3", "need": evil, "item": evil})
    pages.append(form)
    for r in pages:
        assert r.status in (200, 201, 401, 403), r.status
        html = r.text
        assert "<script>window.__pwned" not in html and "<img src=x" not in html
        assert "<b onmouseover" not in html and '<svg onload' not in html and "<iframe" not in html
    assert '&lt;b onmouseover=&#34;window.__pwned=5&#34;&gt;Bram&lt;/b&gt;' in pages[0].text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in pages[8].text  # the queue shows the idea as text


def test_staff_read_nobody_elses_answers_or_measures(demo_server, logged):
    token = demo_server.links["P0150"]
    answers = {"ties": [{"target_id": "P0151", "kind": "advice"}, {"target_id": "P0152", "kind": "information"}],
               "skills": [{"knowledge_id": "K-WMO", "level": 4}]}
    assert Client(demo_server.url).post_json(f"/api/survey/{token}", answers).status == 200
    ruud = logged["ruud"]
    basic = ("ruud", ACCOUNTS["ruud"][2])
    assert ruud.get("/api/who-knows?q=wmo&from=P0150").status == 403
    assert ruud.get("/api/who-knows?q=wmo&from=P0150", basic=basic).status == 403
    seen = 0
    from kgraph.app.accounts import role_allows

    for spec in _routes():
        if "GET" not in spec.methods or spec.role is None or not role_allows("staff", spec.role):
            continue
        path = _path(spec).replace("P0151", "P0150")
        r = ruud.get(path + ("?q=wmo" if "who-knows" in path else ""))
        assert r.status in (200, 400, 404), (spec.path, r.status)
        for marker in ("target_id", "betweenness", "constraint", "brokerage", "articulation", "submitted\""):
            assert marker not in r.text, (spec.path, marker)
        seen += 1
    assert seen >= 8
    me = ruud.get("/api/me").json()
    assert me["report"]["person_id"] == "P0200" and me["survey"] == []
    # eline sees her own answers (counts) on her page
    eline = logged["eline"].get("/api/me").json()
    assert eline["survey"][0]["ties"] == 2 and eline["survey"][0]["wave"] == WAVE


def test_api_keys_equal_the_cli_json(demo_server):
    from kgraph.cli import cli

    def cli_json(*args):
        r = CliRunner().invoke(cli, [*args, "--store", str(demo_server.path), "--format", "json", "--as-of", AS_OF])
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)

    staff = Client(demo_server.url)
    api = staff.get(f"/api/who-knows?q=omgevingswet&limit=5&as_of={AS_OF}", basic=("eline", ACCOUNTS["eline"][2])).json()
    assert api == cli_json("who-knows", "omgevingswet", "--from", "P0150", "--limit", "5")
    ana = ("ana", ACCOUNTS["ana"][2])
    assert staff.get(f"/api/linking-pins?top=5&as_of={AS_OF}", basic=ana).json() == cli_json("linking-pins", "--top", "5")
    assert staff.get(f"/api/gaps?as_of={AS_OF}", basic=ana).json() == cli_json("gaps")
    assert staff.get(f"/api/stakeholders?issue=I-WIND&as_of={AS_OF}", basic=ana).json() == cli_json(
        "stakeholders", "--issue", "I-WIND")


def test_signals_api_anonymous_unless_named(demo_server, logged):
    eline = Client(demo_server.url)
    basic = ("eline", ACCOUNTS["eline"][2])
    r = eline.post_json("/api/signals", {"channel": "complaint", "issue_id": "I-WIND", "text": "Slagschaduw", "sentiment": -2},
                        basic=basic)
    assert r.status == 201 and r.json()["status"] == "new"
    eline.post_json("/api/signals", {"channel": "idea", "text": "Mijn naam mag erbij", "named": True}, basic=basic)
    assert eline.post_json("/api/signals", {"channel": "rumour", "text": "x"}, basic=basic).status == 400
    assert eline.post_json("/api/signals", {"channel": "idea", "text": "x", "issue_id": "I-NONE"}, basic=basic).status == 404
    queue = logged["adm"].get("/admin/queue").text
    assert "Slagschaduw" in queue and "Mijn naam mag erbij" in queue
    import kgraph
    from kgraph.survey.intake import KIND

    with kgraph.open(demo_server.path) as kg:
        items = {r["text"]: r for r in kg.store.records(KIND).values()}
    assert items["Slagschaduw"]["person_id"] is None and items["Mijn naam mag erbij"]["person_id"] == "P0150"


def test_openapi_describes_every_api_route(demo_server):
    spec = Client(demo_server.url).get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    described = {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops}
    routes = {(s.path, m) for s in _routes() if s.path.startswith("/api/") for m in s.methods}
    assert routes == described
    assert "201" in spec["paths"]["/api/signals"]["post"]["responses"]
    assert spec["paths"]["/api/who-knows"]["get"]["parameters"][0]["name"] == "q"


def test_headers_language_and_static_files(demo_server):
    anon = Client(demo_server.url)
    r = anon.get("/login")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie  # plain http here
    assert anon.get("/static/vis-network.min.js").status == 200 and anon.get("/static/../kgraph.db").status == 404
    assert anon.get("/static/secrets.txt").status == 404
    nl = anon.get("/login", headers={"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"})
    assert '<html lang="nl">' in nl.text
    switched = anon.get("/lang/en?next=/login")
    assert switched.status == 303 and "kgraph_lang=en" in switched.headers["set-cookie"]
    assert anon.get("/lang/en?next=//evil.example").headers["location"] == "/"


def test_a_login_failing_ten_times_in_a_minute_is_slowed_down(demo_server):
    """Last in this module: afterwards this address cannot log in for a minute."""
    client = Client(demo_server.url)
    csrf = client.get("/login").csrf()
    for _i in range(10):
        assert client.post_form("/login", {"csrf": csrf, "name": "ruud", "password": "wrong-password"}).status == 401
    r = client.post_form("/login", {"csrf": csrf, "name": "ruud", "password": ACCOUNTS["ruud"][2]})
    assert r.status == 429 and 0 < int(r.headers["retry-after"]) <= 60
    assert "Too many failed attempts" in r.text
    assert Client(demo_server.url).get("/api/me", basic=("nobody", "wrong-password")).status == 429


def test_pseudonymised_analysts_see_no_person(demo_template, tmp_path, monkeypatch):
    """``kgraph serve --pseudonymize``: no analyst page or API route shows a real name, e-mail or id."""
    import shutil

    import kgraph
    from kgraph.web.server import Server

    monkeypatch.setenv("KGRAPH_PSEUDONYM_KEY", "a-test-key-of-enough-length")
    path = tmp_path / "kg.db"
    shutil.copyfile(demo_template, path)
    with kgraph.open(path) as kg:
        persons = kg.store.nodes("Person")
    needles = [p["name"] for p in persons.values()] + [p["email"] for p in persons.values() if p.get("email")]
    with Server(str(path), pseudonymize=True) as srv:
        ana = Client(srv.url)
        basic = ("ana", ACCOUNTS["ana"][2])
        for route in (f"/analyst/linking-pins?as_of={AS_OF}", f"/analyst/gaps?as_of={AS_OF}",
                      f"/analyst/stakeholders?as_of={AS_OF}", f"/analyst/giraffe?as_of={AS_OF}",
                      f"/analyst/network?as_of={AS_OF}&aggregate=person", f"/api/linking-pins?as_of={AS_OF}",
                      f"/api/gaps?as_of={AS_OF}", f"/api/stakeholders?as_of={AS_OF}", f"/api/recommend?as_of={AS_OF}",
                      f"/api/who-knows?q=omgevingswet&from=P-{'0' * 10}&as_of={AS_OF}"):
            r = ana.get(route, basic=basic) if route.startswith("/api/") else ana.login("ana").get(route) \
                if not ana.jar else ana.get(route)
            assert r.status in (200, 404), (route, r.status)
            found = [n for n in needles if n in r.text] + re.findall(r"\bP0\d{3}\b", r.text)
            assert not found, (route, found[:3])


def test_single_sign_on_header(demo_template, tmp_path):
    """``--trust-header``: the proxy's header names the account; an unknown one is refused."""
    import shutil

    from kgraph.web.server import Server

    path = tmp_path / "kg.db"
    shutil.copyfile(demo_template, path)
    with Server(str(path), trust_header="X-Remote-User") as srv:
        c = Client(srv.url)
        assert c.get("/me", headers={"X-Remote-User": "ruud"}).status == 200
        assert c.get("/api/me", headers={"X-Remote-User": "RUUD"}).json()["report"]["person_id"] == "P0200"
        assert c.get("/api/gaps", headers={"X-Remote-User": "ruud"}).status == 403
        assert Client(srv.url).get("/me", headers={"X-Remote-User": "mallory"}).status == 403
        assert Client(srv.url).get("/me").status == 401
        # a form still needs the session's CSRF token
        page = c.get("/signals/new", headers={"X-Remote-User": "ruud"})
        assert c.post_form("/signals/new", {"csrf": "forged", "text": "x", "channel": "idea"},
                           headers={"X-Remote-User": "ruud"}).status == 403
        assert c.post_form("/signals/new", {"csrf": page.csrf(), "text": "via sso", "channel": "idea"},
                           headers={"X-Remote-User": "ruud"}).status == 201


def test_aggregate_only_mode_refuses_person_level_pages(demo_template, tmp_path):
    import shutil

    import kgraph
    from kgraph.web.server import Server

    path = tmp_path / "kg.db"
    shutil.copyfile(demo_template, path)
    with kgraph.open(path) as kg:
        kgraph.privacy_settings(kg, aggregate_only=True)
    with Server(str(path)) as srv:
        c = Client(srv.url)
        staff, ana = ("eline", ACCOUNTS["eline"][2]), ("ana", ACCOUNTS["ana"][2])
        r = c.get("/api/who-knows?q=wmo", basic=staff)
        assert r.status == 403 and "aggregate-only" in r.json()["error"]
        assert c.get(f"/api/linking-pins?as_of={AS_OF}", basic=ana).status == 403
        rows = c.get(f"/api/aggregates?as_of={AS_OF}", basic=ana).json()
        assert rows and all(r["persons"] is None or r["persons"] >= 5 for r in rows)
        assert c.get("/api/me", basic=staff).json()["report"]["person_id"] == "P0150"  # the right of access stays
