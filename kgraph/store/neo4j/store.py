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

All Cypher comes from files (:mod:`kgraph.store.neo4j.cypher`): the store's own
statements in ``statements/``, the user-facing named queries in ``queries/``.
An import computes the difference with the stored data and writes it in batches
of ``UNWIND $rows ... MERGE`` inside one explicit transaction: a failure anywhere
rolls everything back. Credentials come from ``KGRAPH_NEO4J_USER`` and
``KGRAPH_NEO4J_PASSWORD`` only, and never appear in a message.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ...errors import QueryError, StoreError, StoreUnavailable
from ...i18n import _, ngettext
from ...model import Dataset
from ..base import ImportReport, Progress, Store, check_record_key, diff_datasets, encode_props
from .cypher import named_query, schema_statements, statement

__all__ = ["Neo4jStore", "safe_url"]

DEFAULT_TIMEOUT = 5.0  # seconds to connect (env KGRAPH_NEO4J_TIMEOUT)
_NODE_RESERVED = frozenset({"id", "kgKind", "kgProps"})
_EDGE_RESERVED = frozenset({"rel", "key", "kgProps"})
_INT_RANGE = (-(2**63), 2**63 - 1)


# -- values --------------------------------------------------------------------
def _scalar(v: Any) -> bool:
    if isinstance(v, bool) or isinstance(v, str):
        return True
    if isinstance(v, int):
        return _INT_RANGE[0] <= v <= _INT_RANGE[1]
    return isinstance(v, float) and math.isfinite(v)


def _copyable(v: Any) -> bool:
    """Can Neo4j hold ``v`` as a property (a scalar, or a non-empty list of one scalar type)?"""
    if _scalar(v):
        return True
    if isinstance(v, list) and v and all(_scalar(x) for x in v):
        return len({type(x) for x in v}) == 1
    return False


def _graph_props(props: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in reserved and _copyable(v)}


def _node_row(node_id: str, kind: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"id": node_id, "props": {**_graph_props(props, _NODE_RESERVED), "id": node_id, "kgKind": kind, "kgProps": encode_props(props)}}


def _edge_row(rel: str, source: str, target: str, key: str, props: dict[str, Any]) -> dict[str, Any]:
    gp = {**_graph_props(props, _EDGE_RESERVED), "rel": rel, "key": key, "kgProps": encode_props(props)}
    return {"rel": rel, "source": source, "target": target, "key": key, "props": gp}


def _chunks(seq: list, size: int):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def safe_url(url: str) -> str:
    """``url`` checked: a bolt/neo4j URL without user or password in it.

    >>> safe_url("bolt://localhost:7687")
    'bolt://localhost:7687'
    >>> safe_url("bolt://neo4j:secret@localhost:7687")
    Traceback (most recent call last):
    ...
    kgraph.errors.StoreError: bolt://localhost:7687: credentials in the store URL are refused
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise StoreError(_("the store URL is not a valid bolt:// or neo4j:// URL")) from None
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[1]
        clean = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        raise StoreError(
            _("{url}: credentials in the store URL are refused").format(url=clean),
            hint=_("remove them from the URL and set KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD instead"),
        )
    if not host:
        raise StoreError(_("{url}: the store URL names no host").format(url=url), hint=_("e.g. {url}").format(url="bolt://localhost:7687"))
    return url


class Neo4jStore(Store):
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
    batch_size : int
        Rows per ``UNWIND`` batch when importing.

    Raises
    ------
    StoreUnavailable
        The server cannot be reached or refuses the credentials.
    StoreError
        The URL carries credentials, or the database does not exist.
    """

    backend = "neo4j"

    def __init__(self, url: str, *, database: str | None = None, timeout: float | None = None, batch_size: int = 2000):
        import neo4j
        from neo4j import exceptions as nx

        self.location = safe_url(url)
        self.database = database or None
        self.batch_size = max(1, int(batch_size))
        if timeout is None:
            timeout = float(os.environ.get("KGRAPH_NEO4J_TIMEOUT") or DEFAULT_TIMEOUT)
        user = os.environ.get("KGRAPH_NEO4J_USER") or "neo4j"
        password = os.environ.get("KGRAPH_NEO4J_PASSWORD")
        auth = (user, password) if password is not None else None
        self._schema_applied = False
        try:
            self.driver = neo4j.GraphDatabase.driver(
                url, auth=auth, connection_timeout=timeout, connection_acquisition_timeout=2 * timeout,
                max_transaction_retry_time=2 * timeout, notifications_min_severity="OFF", user_agent="kgraph",
            )
        except (nx.ConfigurationError, ValueError) as exc:
            raise StoreError(_("{url}: not a usable Neo4j URL ({reason})").format(url=self.location, reason=exc)) from None
        try:
            self.driver.verify_connectivity()
            self.server_agent = str(self.driver.get_server_info().agent)
            self._read("ping")
        except nx.AuthError:
            self.driver.close()
            raise StoreUnavailable(
                _("{url}: the server refused the credentials of user {user!r}").format(url=self.location, user=user),
                hint=(_("check KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD") if password is not None else
                      _("check KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD (KGRAPH_NEO4J_PASSWORD is not set)")),
            ) from None
        except (nx.ServiceUnavailable, nx.SessionExpired, OSError) as exc:
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

    def _read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run the read query ``query`` and return its rows as dicts."""
        from neo4j import exceptions as nx

        text = statement(query)
        try:
            with self._session() as s:
                return s.execute_read(lambda tx: [r.data() for r in tx.run(text, params)])
        except (nx.ServiceUnavailable, nx.SessionExpired) as exc:
            raise StoreUnavailable(_("{url}: lost the connection to the server ({reason})").format(
                url=self.location, reason=exc)) from None

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
            with self._session() as s:
                def work(tx):
                    result = tx.run(text, params)
                    return list(result.keys()), [r.data() for r in result]

                cols, rows = s.execute_read(work)
        except nx.Neo4jError as exc:
            raise QueryError(_("query {name!r} failed: {reason}").format(name=name, reason=exc.message)) from None
        return info["columns"] or cols, rows

    def apply_schema(self) -> list[str]:
        """Create the constraints and indexes of ``schema/neo4j.cypher`` (idempotent).

        Each statement runs in its own auto-commit transaction (Neo4j does not mix
        schema and data changes in one transaction). ArcadeDB, recognised by its agent
        string, accepts the same statements; nothing is rewritten for it.
        """
        done = []
        with self._session() as s:
            for stmt in schema_statements():
                s.run(stmt).consume()
                done.append(stmt)
        self._schema_applied = True
        return done

    def _write_batch(self, tx, name: str, rows: list[dict[str, Any]], *, key: str = "rows") -> int:
        """Run one batch of the write query ``name``; the count it reports."""
        rec = tx.run(statement(name), {key: rows}).single()
        return 0 if rec is None else int(rec[0])

    # -- writing ------------------------------------------------------------------
    def _stored(self):
        nodes = {r["id"]: (r["kind"], r["props"]) for r in self._read("all_nodes")}
        edges = {(r["rel"], r["source"], r["target"], r["key"]): r["props"] for r in self._read("all_edges")}
        return nodes, edges

    def replace(self, dataset: Dataset, *, progress: Progress | None = None) -> ImportReport:
        if not self._schema_applied:
            self.apply_schema()
        old_nodes, old_edges = self._stored()
        diff = diff_datasets(old_nodes, old_edges, dataset)
        if diff.report.unchanged:
            return diff.report
        del_edges = [{"rel": r, "source": s, "target": t, "key": k} for r, s, t, k in diff.delete_edges]
        # new rows are CREATEd (no MERGE lookup: much faster on high-degree nodes), changed ones MERGEd
        new_nodes, up_nodes, new_edges, up_edges = [], [], [], []
        for i, kind, _name, _enc in diff.upsert_nodes:
            (up_nodes if i in old_nodes else new_nodes).append(_node_row(i, kind, dataset.nodes[i][1]))
        for r, s, t, k, _enc in diff.upsert_edges:
            (up_edges if (r, s, t, k) in old_edges else new_edges).append(_edge_row(r, s, t, k, dataset.edges[(r, s, t, k)]))
        steps = [("delete_edges", del_edges, "rows"), ("delete_nodes", list(diff.delete_nodes), "ids"),
                 ("upsert_nodes", up_nodes, "rows"), ("create_nodes", new_nodes, "rows"),
                 ("upsert_edges", up_edges, "rows"), ("create_edges", new_edges, "rows")]
        total = sum(len(rows) for _x, rows, _x in steps)
        done = 0
        from neo4j import exceptions as nx

        try:
            with self._session() as s, s.begin_transaction() as tx:
                for name, rows, key in steps:
                    for chunk in _chunks(rows, self.batch_size):
                        n = self._write_batch(tx, name, chunk, key=key)
                        if name in ("upsert_edges", "create_edges") and n != len(chunk):
                            raise StoreError(
                                ngettext("{url}: {n} relation refers to nodes that do not exist; nothing was written",
                                         "{url}: {n} relations refer to nodes that do not exist; nothing was written",
                                         len(chunk) - n).format(url=self.location, n=len(chunk) - n)
                            )
                        done += len(chunk)
                        if progress:
                            progress(done, total, "writing")
                tx.commit()
        except (nx.ServiceUnavailable, nx.SessionExpired) as exc:
            raise StoreUnavailable(_("{url}: lost the connection during the import; nothing was written ({reason})").format(
                url=self.location, reason=exc)) from None
        except nx.Neo4jError as exc:
            raise StoreError(_("{url}: the import failed and was rolled back; nothing was written ({reason})").format(
                url=self.location, reason=exc.message)) from None
        return diff.report

    def forget(self, node_id: str) -> dict[str, int]:
        removed: dict[str, int] = {}
        with self._session() as s, s.begin_transaction() as tx:
            for r in tx.run(statement("node_edge_counts"), {"id": node_id}):
                removed[r["rel"]] = int(r["count"])
            rec = tx.run(statement("node_by_id"), {"id": node_id}).single()
            if rec is not None:
                removed[rec["kind"]] = 1
                self._write_batch(tx, "delete_nodes", [node_id], key="ids")
            tx.commit()
        return removed

    # -- reading ------------------------------------------------------------------
    def read_dataset(self, *, as_of=None) -> Dataset:
        loads = json.loads
        ds = Dataset()
        ds.nodes = {r["id"]: (r["kind"], loads(r["props"])) for r in sorted(self._read("all_nodes"), key=lambda r: r["id"])}
        rows = sorted(self._read("all_edges"), key=lambda r: (r["rel"], r["source"], r["target"], r["key"]))
        ds.edges = {(r["rel"], r["source"], r["target"], r["key"]): loads(r["props"]) for r in rows}
        return ds

    def counts(self) -> dict[str, int]:
        rows = self._read("counts")
        out = {r["kind"]: int(r["count"]) for r in sorted(rows, key=lambda r: r["kind"]) if r["category"] == "node"}
        out.update((r["kind"], int(r["count"])) for r in sorted(rows, key=lambda r: r["kind"]) if r["category"] == "relation")
        return out

    def node(self, node_id: str) -> tuple[str, dict[str, Any]] | None:
        rows = self._read("node_by_id", id=node_id)
        return None if not rows else (rows[0]["kind"], json.loads(rows[0]["props"]))

    def nodes(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        if ids is None:
            rows = self._read("nodes_of_kind", kind=kind)
        else:
            rows = []
            for chunk in _chunks(sorted(set(ids)), 1000):
                rows.extend(self._read("nodes_by_ids", kind=kind, ids=chunk))
        return {r["id"]: json.loads(r["props"]) for r in sorted(rows, key=lambda r: r["id"])}

    def edges(self, relation, *, sources=None, targets=None):
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

    def names(self, kind: str) -> dict[str, str | None]:
        return {r["id"]: r["name"] for r in sorted(self._read("names_of_kind", kind=kind), key=lambda r: r["id"])}

    def get_setting(self, key: str, default: Any = None) -> Any:
        rows = self._read("get_setting", key=key)
        return default if not rows else json.loads(rows[0]["value"])

    def set_setting(self, key: str, value: Any) -> None:
        with self._session() as s, s.begin_transaction() as tx:
            tx.run(statement("set_setting"), {"key": key, "value": json.dumps(value)}).consume()
            tx.commit()

    # -- keyed records (``:KgRecord {rid, kind, key, value}``) ---------------------
    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        rows = []
        for key, value in items.items():
            check_record_key(kind, key)
            rows.append({"rid": _rid(kind, key), "kind": kind, "key": key,
                         "value": json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)})
        if not rows:
            return
        if not self._schema_applied:
            self.apply_schema()  # the uniqueness of rid: concurrent writers cannot make two
        from neo4j import exceptions as nx

        try:
            with self._session() as s, s.begin_transaction() as tx:
                for chunk in _chunks(rows, self.batch_size):
                    self._write_batch(tx, "put_records", chunk)
                tx.commit()
        except (nx.ServiceUnavailable, nx.SessionExpired) as exc:
            raise StoreUnavailable(_("{store}: lost the connection; no record was written ({error})").format(
                store=self.location, error=exc)) from None

    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        rows = self._read("get_record", rid=_rid(kind, key))
        return default if not rows else json.loads(rows[0]["value"])

    def records(self, kind: str) -> dict[str, Any]:
        rows = sorted(self._read("records_of_kind", kind=kind), key=lambda r: r["key"])
        return {r["key"]: json.loads(r["value"]) for r in rows}

    def delete_record(self, kind: str, key: str) -> bool:
        with self._session() as s, s.begin_transaction() as tx:
            n = self._write_batch(tx, "delete_record", _rid(kind, key), key="rid")
            tx.commit()
        return n > 0


def _rid(kind: str, key: str) -> str:
    """The one property a record is found by: kind and key joined by U+001F (unit separator)."""
    return f"{kind}\x1f{key}"
