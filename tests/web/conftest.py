"""Fixtures for the intranet's tests: real servers (uvicorn in a thread, on a free port of
127.0.0.1) on copies of the demo store and of the markup-laden store, accounts of each
role, a survey wave, and a small HTTP client (urllib, a cookie jar, nothing else)."""

from __future__ import annotations

import base64
import http.cookiejar
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

XSS = Path(__file__).resolve().parents[1] / "data" / "xss"
WAVE = "2026-12-01"
AS_OF = "2026-12-01"
#: account -> (role, person, password)
ACCOUNTS = {
    "eline": ("staff", "P0150", "eline-password-1"),
    "ruud": ("staff", "P0200", "ruud-password-1"),
    "ana": ("analyst", None, "analyst-password-1"),
    "adm": ("admin", None, "admin-password-1"),
}


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def csrf(self) -> str:
        return re.search(r'name="csrf" value="([^"]+)"', self.text).group(1)


class Client:
    """A browser without a browser: cookies, forms, JSON, HTTP Basic."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, method: str, path: str, *, data: bytes | None = None, headers: dict | None = None,
                basic: tuple[str, str] | None = None) -> Reply:
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=dict(headers or {}))
        if basic:
            req.add_header("Authorization", "Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode())
        try:
            with self.opener.open(req, timeout=60) as r:
                return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
        except urllib.error.HTTPError as e:
            return Reply(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())

    def get(self, path: str, **kw) -> Reply:
        return self.request("GET", path, **kw)

    def post_form(self, path: str, fields, *, headers: dict | None = None, **kw) -> Reply:
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        return self.request("POST", path, data=data,
                            headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}, **kw)

    def post_json(self, path: str, payload, *, headers: dict | None = None, **kw) -> Reply:
        return self.request("POST", path, data=json.dumps(payload).encode(),
                            headers={"Content-Type": "application/json", **(headers or {})}, **kw)

    def login(self, name: str, password: str | None = None) -> Client:
        password = password or ACCOUNTS[name][2]
        page = self.get("/login")
        r = self.post_form("/login", {"csrf": page.csrf(), "name": name, "password": password, "next": "/"})
        assert r.status == 303, (r.status, r.text[:300])
        return self

    def csrf(self) -> str:
        return self.get("/signals/new").csrf()


def raw_post(base: str, path: str, headers: dict, body: bytes) -> int:
    """POST over a plain socket and return the status: a server may answer (413) and close
    before the whole body is sent, which urllib reports as a broken pipe."""
    import socket

    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    head = f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    with socket.create_connection((host, port), timeout=30) as s:
        try:
            s.sendall(head.encode() + body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except ConnectionResetError:
            pass
    return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # keep 303s visible to the tests
        return None


@pytest.fixture(scope="session", autouse=True)
def quick_hashes():
    """argon2id with small parameters in these tests: the server checks dozens of logins, and the
    real parameters (64 MiB, three passes) are tested in tests/app/test_accounts.py."""
    from argon2 import PasswordHasher

    from kgraph.app import accounts

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo municipality imported once, with the test accounts; copied for each server."""
    import kgraph
    from kgraph.app import accounts
    from kgraph.app.demo import demo_data_path

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    kg = kgraph.open(path)
    kgraph.import_data(kg, demo_data_path())
    for name, (role, person, password) in ACCOUNTS.items():
        accounts.user_add(kg, name, role=role, person=person, password=password)
    kg.close()
    return path


def _copy(src: Path, tmp_path_factory, name: str) -> Path:
    dst = tmp_path_factory.mktemp(name) / "kg.db"
    shutil.copyfile(src, dst)
    return dst


@pytest.fixture(scope="module")
def demo_server(demo_template, tmp_path_factory):
    """A running intranet on a copy of the demo store, with a survey wave open (``srv.links``)."""
    import kgraph
    from kgraph.web.server import Server

    path = _copy(demo_template, tmp_path_factory, "srv")
    with kgraph.open(path) as kg:
        links = kgraph.survey_create(kg, WAVE, url="http://survey.invalid")
    srv = Server(str(path)).start()
    srv.links = {r.person_id: r.url.rsplit("/", 1)[1] for r in links.itertuples()}
    srv.path = path
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def logged(demo_server):
    """A client logged in as each test account (logging in once: argon2 is slow on purpose)."""
    return {name: Client(demo_server.url).login(name) for name in ACCOUNTS}


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory):
    """A running intranet on the tiny organisation with markup in every name and text."""
    import kgraph
    from kgraph.app import accounts
    from kgraph.web.server import Server

    path = tmp_path_factory.mktemp("xss") / "kg.db"
    kg = kgraph.open(path)
    kgraph.import_data(kg, XSS)
    accounts.user_add(kg, "bram", role="admin", person="P02", password="bram-password-1")
    links = kgraph.survey_create(kg, "2025-12-31", url="http://survey.invalid")
    kg.close()
    srv = Server(str(path)).start()
    srv.links = {r.person_id: r.url.rsplit("/", 1)[1] for r in links.itertuples()}
    yield srv
    srv.stop()
