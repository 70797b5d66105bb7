"""``kgraph serve``: the intranet on uvicorn, in the foreground or (for tests and benchmarks) in a thread.

The stack, and why: Starlette (a small, well-kept ASGI toolkit; routing, requests,
multipart uploads) on uvicorn (its reference server), Jinja2 templates (autoescaping),
argon2-cffi for passwords and itsdangerous for signed session cookies. FastAPI would
add request models and a generated OpenAPI, but kgraph's routes each take a few query
parameters and call one facade function; the OpenAPI document is generated from the
routes' own descriptions (:mod:`kgraph.web.openapi`). See ``docs/web.md``.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable

__all__ = ["serve", "Server", "build"]


def build(store: str | None = None, **options):
    """``(asgi app, site)`` for ``store`` (see :class:`kgraph.web.state.Site` for the options)."""
    from .app import create_app
    from .state import Site

    site = Site(store, **options)
    return create_app(site), site


def _config(app, host: str, port: int, proxies: list[str] | None):
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, lifespan="off",
                          proxy_headers=bool(proxies), forwarded_allow_ips=",".join(proxies) if proxies else None,
                          server_header=False, date_header=True, timeout_keep_alive=5, limit_concurrency=500)


def serve(store: str | None = None, *, database: str | None = None, host: str = "127.0.0.1", port: int = 8765,
          trust_header: str | None = None, pseudonymize: bool = False, url: str | None = None,
          proxies: list[str] | None = None, on_start: Callable[[str], None] | None = None,
          language: str | None = None) -> None:
    """Serve the intranet for ``store`` until interrupted (Ctrl-C).

    Parameters
    ----------
    store : str, optional
        The store (default ``$KGRAPH_STORE``, else ``./kgraph.db``); it must exist.
    host, port : str, int
        Where to listen (default 127.0.0.1:8765: this machine only).
    trust_header : str, optional
        A header set by a single-sign-on reverse proxy naming the user (docs/web.md).
    pseudonymize : bool
        Analysts see pseudonyms (key from ``KGRAPH_PSEUDONYM_KEY``).
    url : str, optional
        The address staff open (survey links made on the admin page).
    proxies : list of str, optional
        Addresses of reverse proxies whose ``X-Forwarded-For`` / ``-Proto`` are believed.
    language : str, optional
        The pages' default language (``nl`` or ``en``), before the one set on ``/admin``.
    """
    import uvicorn

    app, site = build(store, database=database, trust_header=trust_header, pseudonymize=pseudonymize, url=url,
                      language=language)
    server = uvicorn.Server(_config(app, host, port, proxies))
    logging.getLogger("kgraph.web").addHandler(logging.StreamHandler())
    if on_start is not None:
        shown = f"[{host}]" if ":" in host else host
        on_start(f"http://{shown}:{port}/")
    try:
        server.run()
    finally:
        site.close()


def free_port(host: str = "127.0.0.1") -> int:
    """A port on ``host`` nobody listens on now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class Server:
    """The intranet in a background thread on a free port of 127.0.0.1 (tests, benchmarks).

    >>> # with Server("kgraph.db") as srv: urllib.request.urlopen(srv.url + "healthz")
    """

    def __init__(self, store: str, *, host: str = "127.0.0.1", port: int | None = None, **options):
        import uvicorn

        self.host, self.port = host, port or free_port(host)
        self.app, self.site = build(store, **options)
        self.server = uvicorn.Server(_config(self.app, self.host, self.port, None))
        self.server.install_signal_handlers = lambda: None  # not the main thread
        self.thread = threading.Thread(target=self.server.run, name="kgraph-web", daemon=True)
        self.url = f"http://{self.host}:{self.port}/"

    def start(self, timeout: float = 20.0) -> Server:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")  # i18n: exempt (tests and benchmarks only)
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.site.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
