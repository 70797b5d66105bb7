"""What the web server keeps while it runs: the store, the graph handles, the secrets.

Requests run in a pool of threads. An embedded store's SQLite connection belongs to
the thread that opened it, so :class:`PerThreadStore` opens one connection per thread
(a Neo4j driver is shared: it is thread-safe). Above it, one :class:`SharedGraph`
keeps the organisation of each date and its findings for every request, with a lock
around loading them; analyses run one at a time (:attr:`Site.analysis_lock`: they are
CPU-bound, a second thread would not make them faster), while who-knows, the survey
and every page that reads a few rows run beside them.

Two handles: :attr:`Site.kg` shows real names (staff pages, the survey, the
admin) and :attr:`Site.analyst_kg` pseudonymises every person when the server runs
with ``--pseudonymize``. Both honour the store's aggregate-only mode and minimum
group size; :meth:`Site.reopen` rebuilds them after a privacy setting changed.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from typing import Any

from ..app.handle import KnowledgeGraph
from ..errors import OptionError
from ..i18n import _
from ..store import Store, open_store, policy

__all__ = ["PerThreadStore", "SharedGraph", "Site", "SESSION_KEY_ENV"]

SESSION_KEY_ENV = "KGRAPH_SESSION_KEY"


#: methods that write: one thread at a time (SQLite has one writer; waiting here is cheaper than its lock)
WRITES = frozenset({"replace", "forget", "put_record", "put_records", "delete_record", "set_setting", "compact"})
#: how long a connection waits for SQLite's lock held by another process (ms)
BUSY_TIMEOUT_MS = 60_000


class PerThreadStore(Store):
    """The store at ``location``, opened once per thread that uses it (see the module docstring).

    Writes go one at a time (:data:`WRITES`), and each embedded connection waits up to
    :data:`BUSY_TIMEOUT_MS` for a lock held by another process (``kgraph import`` from the
    command line while the server runs) instead of failing at once.
    """

    def __init__(self, location: str, *, database: str | None = None):
        self._location, self._database = location, database
        self._local = threading.local()
        self._opened: list[Store] = []
        self._guard = threading.Lock()
        self._write = threading.RLock()
        first = self._open()
        self._shared = first if first.backend != "embedded" else None
        self._local.store = first
        self._opened.append(first)
        self.backend = first.backend
        self.location = first.location

    def _inner(self) -> Store:
        if self._shared is not None:
            return self._shared
        s = getattr(self._local, "store", None)
        if s is None:
            s = self._local.store = self._open()
            with self._guard:
                self._opened.append(s)
        return s

    def _open(self) -> Store:
        s = open_store(self._location, create=False, database=self._database)
        db = getattr(s, "db", None)
        if db is not None:
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return s

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._inner(), name)

    def close(self) -> None:
        with self._guard:
            for s in self._opened:
                try:
                    s.close()
                except Exception:  # noqa: BLE001 - a connection of a finished thread may be gone
                    pass
            self._opened.clear()

    def __repr__(self) -> str:
        return f"<PerThreadStore {self.backend} {self.location}>"


def _delegate(name: str):
    if name in WRITES:
        def method(self, *args, **kwargs):
            with self._write:
                return getattr(self._inner(), name)(*args, **kwargs)
    else:
        def method(self, *args, **kwargs):
            return getattr(self._inner(), name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name, _value in list(vars(Store).items()):
    if callable(_value) and not _name.startswith("_") and _name != "close":
        setattr(PerThreadStore, _name, _delegate(_name))
PerThreadStore.__abstractmethods__ = frozenset()


class SharedGraph(KnowledgeGraph):
    """A :class:`KnowledgeGraph` shared by the request threads: loading a date's organisation
    and its findings bundle happens under a lock; the bundle is computed once for all. A
    date's tables are all read when its snapshot is made (``lazy_tables = False``): the
    server's own writes (survey answers, the log) come between requests that still use an
    older snapshot, which must not read a table of the newer data."""

    lazy_tables = False

    def __init__(self, store: Store, *, min_group_size: int | None = None):
        super().__init__(store, min_group_size=min_group_size)
        self._lock = threading.RLock()

    def snapshot(self, as_of=None):
        with self._lock:
            return super().snapshot(as_of)

    def findings(self, as_of=None):
        with self._lock:
            return super().findings(as_of)

    def changed(self) -> None:
        with self._lock:
            super().changed()


def _session_key() -> bytes:
    raw = os.environ.get(SESSION_KEY_ENV, "")
    if not raw:
        return secrets.token_bytes(32)  # sessions end when the server stops
    if len(raw) < 32:
        raise OptionError(_("{variable} is too short: use at least 32 characters").format(variable=SESSION_KEY_ENV),
                          hint=_("e.g. {command}").format(  # i18n: exempt (a command)
                              command=f"export {SESSION_KEY_ENV}=$(python -c 'import secrets; print(secrets.token_hex(32))')"))
    return raw.encode("utf-8")


class Site:
    """The running intranet: handles on the store, settings, secrets, throttles.

    Parameters
    ----------
    store : str
        The store location (a file path or a bolt:// URL).
    database : str, optional
        Neo4j database name.
    trust_header : str, optional
        The request header a single-sign-on proxy puts the user name in.
    pseudonymize : bool
        Analysts see pseudonyms (key from ``KGRAPH_PSEUDONYM_KEY``).
    url : str, optional
        The address staff open (survey links made on the admin page).
    """

    def __init__(self, store: str | None = None, *, database: str | None = None, trust_header: str | None = None,
                 pseudonymize: bool = False, url: str | None = None, language: str | None = None):
        from ..store import resolve_location

        self.location = resolve_location(store)
        self.database = database
        self.trust_header = trust_header.strip().lower() if trust_header else None
        self.pseudonymize = pseudonymize
        self.url = url
        self._language = language
        self.session_key = _session_key()
        self.analysis_lock = threading.Lock()
        self.started = time.time()
        self._reopen_lock = threading.Lock()
        self.base = PerThreadStore(self.location, database=database)
        self._open()

    def _open(self) -> None:
        if self.pseudonymize:
            from ..store.pseudonym import load_key

            load_key()  # refuse to start without a key
        from ..app.intranet import site_language
        from ..i18n import language_from_environment

        self.kg = SharedGraph(policy.protect(self.base))
        self.language = (self._language or site_language(self.kg) or self.base.get_setting("lang")  # kgraph settings
                         or language_from_environment())
        self.analyst_kg = (SharedGraph(policy.protect(self.base, pseudonymize=True)) if self.pseudonymize else self.kg)

    def reopen(self) -> None:
        """Rebuild the handles (after an import or a change of the privacy settings)."""
        with self._reopen_lock:
            self._open()

    def close(self) -> None:
        self.base.close()
