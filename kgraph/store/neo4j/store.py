"""The Neo4j store: the same answers as the embedded store, from a shared graph database.

Graph model (``schema/neo4j.cypher``): every kgraph node is a ``:KgNode {id,
kgKind, kgProps, ...}``, every edge a ``:KG_EDGE {rel, key, kgProps, ...}``
relationship, settings are ``:KgSetting {key, value}`` nodes and keyed records
(accounts, survey answers) ``:KgRecord {rid, kind, key, value}`` nodes. ``kgProps`` holds
the canonical JSON of the properties, so reading them back gives exactly the
values written (ints stay ints, ``"007"`` stays a string); the other properties
are copies of the scalar values (and lists of scalars) for Cypher queries and
Neo4j Browser. One relationship type with a ``rel`` property keeps every query
a fixed, parameterised text: Cypher cannot take a relationship type as a
parameter, and kgraph never builds Cypher from text.

Dated versions (``statements/schema_history.cypher``): every version of every node and
edge is a row node (``:KgNodeRow``, ``:KgEdgeRow``) with its source and validity interval,
as in the embedded store (:mod:`kgraph.store.history`); the graph above holds the data in
force in each source's latest version, so the named queries and Neo4j Browser see the
organisation as it is now. Reads for a date at or after every source's latest version use
the graph; earlier dates read the rows.

All Cypher comes from files (:mod:`kgraph.store.neo4j.cypher`): the store's own
statements in ``statements/``, the user-facing named queries in ``queries/``. A write
(:mod:`.write`) is one explicit transaction that first takes the write lock (a
``:KgLock`` node), then reads the state it compares against, and writes in batches of
``UNWIND $rows ...``: a failure anywhere rolls everything back, and two writers
serialise (an optimistic server fails the later commit; the driver retries it within
``KGRAPH_BUSY_TIMEOUT``). Every server call has a deadline (``KGRAPH_NEO4J_QUERY_TIMEOUT``,
default 120 s): a server that stops answering is cut off, and the transaction is rolled
back. Credentials come from ``KGRAPH_NEO4J_USER`` and ``KGRAPH_NEO4J_PASSWORD`` only, and
never appear in a message.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import threading
from collections.abc import Iterable
from typing import Any

from ...errors import QueryError, StoreError, StoreUnavailable
from ...i18n import _
from ...model import Dataset
from .. import history as hist
from ..base import ImportReport, Progress, Store
from .cypher import named_query, schema_statements, statement
from .records import Records
from .rows import RowReads
from .values import _chunks, _json_checked, safe_url

__all__ = ["Neo4jStore", "safe_url"]

DEFAULT_TIMEOUT = 5.0  # seconds to connect (env KGRAPH_NEO4J_TIMEOUT)
DEFAULT_QUERY_TIMEOUT = 120.0  # seconds for one server call (env KGRAPH_NEO4J_QUERY_TIMEOUT)

class _Aborted(Exception):
    """A server call outlived its deadline; the connection was cut."""


class Neo4jStore(RowReads, Records, Store):
    """A kgraph store in a Neo4j 5 database (or a Bolt server speaking its Cypher).

    Parameters
    ----------
    url : str
        ``bolt://HOST:PORT`` or ``neo4j://HOST:PORT`` (``+s``/``+ssc`` for TLS), without
        credentials: user and password come from ``KGRAPH_NEO4J_USER`` (default ``neo4j``)
        and ``KGRAPH_NEO4J_PASSWORD``.
    database : str, optional
        Database name; default the server's default database.
    timeout : float, optional
        Seconds to wait for a connection (default ``$KGRAPH_NEO4J_TIMEOUT`` or 5).
    query_timeout : float, optional
        Seconds one server call may take before the connection is cut and the
        transaction rolled back (default ``$KGRAPH_NEO4J_QUERY_TIMEOUT`` or 120).
    batch_size : int
        Rows per ``UNWIND`` batch when importing.

    Raises
    ------
    StoreUnavailable
        The server cannot be reached or refuses the credentials.
    StoreError
        The URL carries credentials, the database does not exist, or it holds a store
        of a newer schema version.
    """

    backend = "neo4j"

    def __init__(self, url: str, *, database: str | None = None, timeout: float | None = None,
                 query_timeout: float | None = None, batch_size: int = 2000):
        import neo4j
        from neo4j import exceptions as nx

        from ..sqlite_file import busy_timeout

        self.location = safe_url(url)
        self.database = database or None
        self.batch_size = max(1, int(batch_size))
        self.notices: list[str] = []
        if timeout is None:
            timeout = float(os.environ.get("KGRAPH_NEO4J_TIMEOUT") or DEFAULT_TIMEOUT)
        if query_timeout is None:
            query_timeout = float(os.environ.get("KGRAPH_NEO4J_QUERY_TIMEOUT") or DEFAULT_QUERY_TIMEOUT)
        self.query_timeout = query_timeout
        self._aborted = False
        user = os.environ.get("KGRAPH_NEO4J_USER") or "neo4j"
        password = os.environ.get("KGRAPH_NEO4J_PASSWORD")
        auth = (user, password) if password is not None else None
        self._schema_applied = False
        try:
            self.driver = neo4j.GraphDatabase.driver(
                url, auth=auth, connection_timeout=timeout, connection_acquisition_timeout=2 * timeout,
                max_transaction_retry_time=max(busy_timeout(), 1.0), notifications_min_severity="OFF",
                user_agent="kgraph",
            )
        except (nx.ConfigurationError, ValueError) as exc:
            raise StoreError(_("{url}: not a usable Neo4j URL ({reason})").format(url=self.location, reason=exc)) from None
        try:
            self.driver.verify_connectivity()
            self.server_agent = str(self.driver.get_server_info().agent)
            with self._deadline(), self._session() as s:  # the database exists
                s.execute_read(lambda tx: tx.run(statement("ping")).consume())
        except nx.AuthError:
            self.driver.close()
            raise StoreUnavailable(
                _("{url}: the server refused the credentials of user {user!r}").format(url=self.location, user=user),
                hint=(_("check KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD") if password is not None else
                      _("check KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD (KGRAPH_NEO4J_PASSWORD is not set)")),
            ) from None
        except (nx.ServiceUnavailable, nx.SessionExpired, OSError, _Aborted) as exc:
            self.driver.close()
            reason = " ".join(str(exc).split())[:300] or type(exc).__name__
            raise StoreUnavailable(
                _("{url}: cannot reach the Neo4j server ({reason})").format(url=self.location, reason=reason),
                hint=_("check the URL and that the server is running; KGRAPH_NEO4J_TIMEOUT sets the wait in seconds"),
            ) from None
        except nx.Neo4jError as exc:
            self.driver.close()
            if "DatabaseNotFound" in (exc.code or ""):
                raise StoreError(_("{url}: no database named {name!r}").format(url=self.location, name=self.database),
                                 hint=_("check --database / KGRAPH_NEO4J_DATABASE")) from None
            raise StoreError(f"{self.location}: {exc.message}") from None  # i18n: exempt (the server's words)
        try:
            self._check_schema()
        except BaseException:
            self.driver.close()
            raise

    @property
    def is_arcadedb(self) -> bool:
        """True when the server is ArcadeDB (its agent reads ``Neo4j/5.x compatible (ArcadeDB ...)``)."""
        return "arcadedb" in self.server_agent.lower()

    def close(self) -> None:
        self.driver.close()

    def __repr__(self) -> str:
        return f"<Neo4jStore {self.location} database={self.database!r}>"

    # -- plumbing -----------------------------------------------------------------
    def _session(self):
        return self.driver.session(database=self.database)

    @contextlib.contextmanager
    def _deadline(self):
        """Cut the connection if the server call inside takes longer than ``query_timeout``:
        a frozen server must not hang kgraph (the Bolt driver has no read timeout of its own)."""
        if self._aborted:
            raise _Aborted()

        def cut():
            self._aborted = True
            with contextlib.suppress(Exception):
                self.driver.close()  # shuts the sockets down: the blocked read returns

        timer = threading.Timer(self.query_timeout, cut)
        timer.daemon = True
        timer.start()
        try:
            yield
        except BaseException:
            if self._aborted:  # not a failure the driver may retry: the connection was cut on purpose
                raise _Aborted() from None
            raise
        finally:
            timer.cancel()
        if self._aborted:
            raise _Aborted()

    def _failed(self, exc: BaseException, *, writing: bool) -> StoreError:
        """The error to raise for a failed server call."""
        from neo4j import exceptions as nx

        done = ("; " + _("the transaction was rolled back, nothing was written")) if writing else ""
        if self._aborted or isinstance(exc, _Aborted):
            return StoreUnavailable(
                _("{url}: the server did not answer within {n} s").format(url=self.location, n=f"{self.query_timeout:.0f}")
                + done,
                hint=_("check that the server is running and not overloaded; KGRAPH_NEO4J_QUERY_TIMEOUT sets the wait"))
        if isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
            if writing:
                return StoreUnavailable(_("{url}: lost the connection to the server during the write").format(
                    url=self.location) + done)
            return StoreUnavailable(_("{url}: lost the connection to the server ({reason})").format(
                url=self.location, reason=exc))
        if isinstance(exc, nx.TransientError):
            return StoreError(_("{url}: the store is busy: another process kept writing it").format(url=self.location)
                              + done,
                              hint=_("try again when the other kgraph command has finished; KGRAPH_BUSY_TIMEOUT sets "
                                     "the wait"))
        if isinstance(exc, nx.Neo4jError):
            if writing:
                return StoreError(_("{url}: the write failed and was rolled back; nothing was written ({reason})").format(
                    url=self.location, reason=exc.message))
            return StoreError(_("{url}: the server refused a read ({reason})").format(url=self.location, reason=exc.message))
        raise exc

    def _read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run the read query ``query`` and return its rows as dicts."""
        from neo4j import exceptions as nx

        text = statement(query)
        try:
            with self._deadline(), self._session() as s:
                return s.execute_read(lambda tx: [r.data() for r in tx.run(text, params)])
        except (nx.Neo4jError, nx.DriverError, OSError, _Aborted) as exc:
            raise self._failed(exc, writing=False) from None

    def _write(self, work):
        """Run ``work(tx)`` (see :class:`.write.Tx`) in one write transaction, retried on a
        conflict with another writer within the busy timeout."""
        from neo4j import exceptions as nx

        if not self._schema_applied:
            self.apply_schema()
        try:
            with self._session() as s:
                return s.execute_write(lambda tx: work(_Tx(self, tx)))
        except StoreError:
            raise
        except (nx.Neo4jError, nx.DriverError, OSError, _Aborted) as exc:
            raise self._failed(exc, writing=True) from None

    def _write_batch(self, tx, name: str, rows: list[dict[str, Any]], *, key: str = "rows") -> int:
        """Run one batch of the write query ``name``; the count it reports."""
        with self._deadline():
            rec = tx.run(statement(name), {key: rows}).single()
        return 0 if rec is None else int(rec[0])

    def run_query(self, name: str, params: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
        """Run one user-facing named query from ``queries/`` (read-only): its columns and rows.

        Raises :class:`~kgraph.errors.QueryError` for an unknown query, wrong
        parameters, or when the server rejects it.
        """
        from neo4j import exceptions as nx

        from .named import check_params

        info = check_params(name, params)
        text = named_query(name)
        try:
            with self._deadline(), self._session() as s:
                def work(tx):
                    result = tx.run(text, params)
                    return list(result.keys()), [r.data() for r in result]

                cols, rows = s.execute_read(work)
        except _Aborted as exc:
            raise self._failed(exc, writing=False) from None
        except nx.Neo4jError as exc:
            raise QueryError(_("query {name!r} failed: {reason}").format(name=name, reason=exc.message)) from None
        return info["columns"] or cols, rows

    def apply_schema(self) -> list[str]:
        """Create the constraints and indexes of ``statements/schema*.cypher`` (idempotent).

        Each statement runs in its own auto-commit transaction (Neo4j does not mix
        schema and data changes in one transaction). ArcadeDB, recognised by its agent
        string, accepts the same statements; nothing is rewritten for it.
        """
        from neo4j import exceptions as nx

        done = []
        try:
            with self._session() as s:
                for stmt in schema_statements():
                    with self._deadline():
                        s.run(stmt).consume()
                    done.append(stmt)
        except (nx.Neo4jError, nx.DriverError, OSError, _Aborted) as exc:
            raise self._failed(exc, writing=True) from None
        self._schema_applied = True
        return done

    def _check_schema(self) -> None:
        """Refuse a newer store; migrate one written before dated versions (the graph only)."""
        from .write import SCHEMA, migrate_graph

        meta = self._read("meta")
        if meta:
            version = int(meta[0]["schema"] or 0)
            if version > SCHEMA:
                raise StoreError(
                    _("{path}: store format {version} was written by a newer kgraph; this kgraph reads formats 1 to "
                      "{ours}").format(path=self.location, version=version, ours=SCHEMA),
                    hint=_("upgrade kgraph (pip install -U kgraph)"))
            return
        if self._read("any_node"):
            day = _dt.date.today().isoformat()
            if self._write(lambda tx: migrate_graph(tx, day)):
                self.notices.append(f"{self.location}: store format 1 migrated to format {SCHEMA}: its data is now "
                                    f"the version of {day}")

    # -- writing ------------------------------------------------------------------
    def replace(self, dataset: Dataset, *, as_of=None, source: str = hist.DEFAULT_SOURCE,
                progress: Progress | None = None, input_key: str | None = None) -> ImportReport:
        from .write import import_version

        day = hist.day_text(as_of)
        source = hist.check_source(source)
        return self._write(lambda tx: import_version(tx, dataset, source=source, day=day, progress=progress))

    def forget(self, node_id: str, *, mentions=None, whole=("Signal",)) -> dict[str, int]:
        from .write import forget_rows

        if self.is_empty():
            return {}
        return self._write(lambda tx: forget_rows(tx, node_id, mentions, whole))

    # -- reading ------------------------------------------------------------------
    def _versions(self) -> list[tuple[str, str]]:
        return [(r["source"], r["as_of"]) for r in self._read("versions")]

    def _dates(self, as_of) -> tuple[list[tuple[str, str]], bool]:
        """The (source, date) pairs in force on ``as_of``, and whether they are every source's
        latest (then the graph holds the answer)."""
        versions = self._versions()
        dates = hist.effective_dates(versions, hist.day_text(as_of))
        latest: dict[str, str] = {}
        for s, d in versions:
            latest[s] = max(d, latest.get(s, d))
        return dates, all(latest[s] == d for s, d in dates) and len(dates) == len(latest)

    @_json_checked
    def read_dataset(self, *, as_of=None, source: str | None = None) -> Dataset:
        loads = json.loads
        ds = Dataset()
        dates, latest = self._dates(as_of)
        if source is not None:
            dates, latest = hist.source_dates(self._versions(), hist.day_text(as_of), source), False
        if not dates:
            return ds
        if latest:
            ds.nodes = {r["id"]: (r["kind"], loads(r["props"])) for r in sorted(self._read("all_nodes"), key=lambda r: r["id"])}
            rows = sorted(self._read("all_edges"), key=lambda r: (r["rel"], r["source"], r["target"], r["key"]))
            ds.edges = {(r["rel"], r["source"], r["target"], r["key"]): loads(r["props"]) for r in rows}
            return ds
        p = self._params(dates)
        rank = self._rank(dates)
        nodes = hist.merge(((r["id"], r["source"], (r["kind"], r["props"])) for r in self._read("node_rows_at", dates=p, kind=None)), rank)
        ds.nodes = {i: (k, loads(v)) for i, (k, v) in sorted(nodes.items())}
        edges = hist.merge((((r["rel"], r["source"], r["target"], r["key"]), r["src"], r["props"])
                            for r in self._read("edge_rows_at", dates=p, rel=None)), rank)
        ds.edges = {k: loads(v) for k, v in sorted(edges.items())
                    if source is not None or (k[1] in ds.nodes and k[2] in ds.nodes)}
        return ds

    @_json_checked
    def counts(self, *, as_of=None) -> dict[str, int]:
        dates, latest = self._dates(as_of)
        if not dates:
            return {}
        if not latest:
            return dict(sorted(self.read_dataset(as_of=as_of).counts().items(), key=lambda kv: (kv[0].isupper(), kv[0])))
        rows = self._read("counts")
        out = {r["kind"]: int(r["count"]) for r in sorted(rows, key=lambda r: r["kind"]) if r["category"] == "node"}
        out.update((r["kind"], int(r["count"])) for r in sorted(rows, key=lambda r: r["kind"]) if r["category"] == "relation")
        return out

    @_json_checked
    def node(self, node_id: str, *, as_of=None) -> tuple[str, dict[str, Any]] | None:
        dates, latest = self._dates(as_of)
        if not dates:
            return None
        if latest:
            rows = self._read("node_by_id", id=node_id)
            return None if not rows else (rows[0]["kind"], json.loads(rows[0]["props"]))
        got = self._row_nodes(dates, ids=[node_id]).get(node_id)
        return None if got is None else (got[0], json.loads(got[1]))

    @_json_checked
    def nodes(self, kind: str, ids: Iterable[str] | None = None, *, as_of=None) -> dict[str, dict[str, Any]]:
        dates, latest = self._dates(as_of)
        if not dates:
            return {}
        if not latest:
            got = self._row_nodes(dates, kind=kind, ids=None if ids is None else list(ids))
            return {i: json.loads(p) for i, (_k, p) in sorted(got.items())}
        if ids is None:
            rows = self._read("nodes_of_kind", kind=kind)
        else:
            rows = []
            for chunk in _chunks(sorted(set(ids)), 1000):
                rows.extend(self._read("nodes_by_ids", kind=kind, ids=chunk))
        return {r["id"]: json.loads(r["props"]) for r in sorted(rows, key=lambda r: r["id"])}

    @_json_checked
    def edges(self, relation, *, sources=None, targets=None, as_of=None):
        dates, latest = self._dates(as_of)
        if not dates:
            return []
        if not latest:
            got = self._row_edges(dates, relation, sources=sources, targets=targets)
            return sorted((s, t, k, json.loads(p)) for (_r, s, t, k), p in got.items())
        if sources is None and targets is None:
            rows = self._read("edges_of_relation", rel=relation)
        else:
            name, param, vals = ("edges_from", "sources", sources) if sources is not None else ("edges_to", "targets", targets)
            rows = []
            for chunk in _chunks(sorted(set(vals)), 1000):
                rows.extend(self._read(name, rel=relation, **{param: chunk}))
            if sources is not None and targets is not None:
                keep = set(targets)
                rows = [r for r in rows if r["target"] in keep]
        return sorted((r["source"], r["target"], r["key"], json.loads(r["props"])) for r in rows)

    @_json_checked
    def names(self, kind: str, *, as_of=None) -> dict[str, str | None]:
        dates, latest = self._dates(as_of)
        if not dates:
            return {}
        if not latest:
            return {i: json.loads(p).get("name") for i, (_k, p) in sorted(self._row_nodes(dates, kind=kind).items())}
        return {r["id"]: r["name"] for r in sorted(self._read("names_of_kind", kind=kind), key=lambda r: r["id"])}

    @_json_checked
    def history(self) -> list[dict[str, Any]]:
        rows = sorted(self._read("versions"), key=lambda r: (r["as_of"], r["source"]))
        return [hist.version_record(r["source"], r["as_of"], r["recorded_at"], r["counts"]) for r in rows]

    @_json_checked
    def node_history(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        keep = None if ids is None else set(ids)
        out: dict[str, list[dict[str, Any]]] = {}
        rows = sorted(self._read("all_node_rows", kind=kind), key=lambda r: (r["id"], r["valid_from"], r["source"]))
        for r in rows:
            if keep is None or r["id"] in keep:
                out.setdefault(r["id"], []).append({
                    "source": r["source"], "valid_from": r["valid_from"],
                    "valid_to": None if r["valid_to"] == hist.OPEN else r["valid_to"], "props": json.loads(r["props"])})
        return out

    @_json_checked
    def get_setting(self, key: str, default: Any = None) -> Any:
        rows = self._read("get_setting", key=key)
        return default if not rows else json.loads(rows[0]["value"])

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value)
        self._write(lambda tx: tx.rows("set_setting", key=key, value=text))


class _Tx:
    """A write transaction as :mod:`.write` uses it: named statements, batches, deadlines."""

    def __init__(self, store: Neo4jStore, tx):
        self.store, self.tx, self.location = store, tx, store.location

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        with self.store._deadline():
            return [r.data() for r in self.tx.run(statement(name), params)]

    def batches(self, name: str, rows: list, key: str = "rows", *, progress=None, check: bool = False) -> None:
        from .write import check_written

        done = 0
        for chunk in _chunks(rows, self.store.batch_size):
            n = self.store._write_batch(self.tx, name, chunk, key=key)
            if check:
                check_written(self.location, name, len(chunk), n)
            done += len(chunk)
            if progress:
                progress(done, len(rows), "writing")
