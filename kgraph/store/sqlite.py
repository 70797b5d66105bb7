"""The embedded store: one SQLite file, transactional, indexed for lookups.

Tables: ``nodes(id, kind, name, props)``, ``edges(rel, source, target, key,
props)``, ``settings(key, value)`` and ``records(kind, key, value)`` (accounts,
survey waves and answers: see :meth:`~kgraph.store.Store.put_record`); properties
are canonical JSON. An import
is one transaction: a process killed halfway leaves the file as it was (SQLite's
rollback journal), and re-importing equal data writes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..i18n import _
from ..errors import StoreError
from ..model import Dataset
from .base import ImportReport, Progress, Store, check_record_key, diff_datasets

__all__ = ["EmbeddedStore"]

SCHEMA_VERSION = 1

_DDL = """
CREATE TABLE IF NOT EXISTS nodes (
    id    TEXT PRIMARY KEY,
    kind  TEXT NOT NULL,
    name  TEXT,
    props TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nodes_kind_name ON nodes(kind, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS edges (
    rel    TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    key    TEXT NOT NULL DEFAULT '',
    props  TEXT NOT NULL,
    PRIMARY KEY (rel, source, target, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_rel_target ON edges(rel, target, source);
CREATE INDEX IF NOT EXISTS edges_source ON edges(source);
CREATE INDEX IF NOT EXISTS edges_target ON edges(target);
CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

#: keyed records (accounts, survey waves and answers, ...): JSON values, created on open
_RECORDS_DDL = """
CREATE TABLE IF NOT EXISTS records (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
"""

_BATCH = 20_000


def _chunks(seq: list, size: int = _BATCH):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


class EmbeddedStore(Store):
    """A kgraph store in one SQLite file (created when missing).

    >>> import tempfile, os
    >>> with EmbeddedStore(os.path.join(tempfile.mkdtemp(), "kg.db")) as s:
    ...     s.counts()
    {}
    """

    backend = "embedded"

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        self.location = str(self.path)
        if not create and not self.path.exists():
            raise StoreError(_("{path}: no kgraph store here").format(path=self.path),
                             hint=_("run kgraph import PATH or kgraph demo first"))
        if self.path.exists() and self.path.is_dir():
            raise StoreError(_("{path}: is a folder, expected a store file").format(path=self.path))
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=DELETE")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=OFF")
            self.db.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
            self._init_schema()
            self.db.executescript(_RECORDS_DDL)
        except sqlite3.DatabaseError as exc:
            raise StoreError(_("{path}: not a kgraph store ({reason})").format(path=self.path, reason=exc)) from exc

    def _init_schema(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            has_tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if has_tables:
                raise StoreError(_("{path}: an SQLite file that is not a kgraph store").format(path=self.path))
            self.db.executescript(f"BEGIN IMMEDIATE;{_DDL}PRAGMA user_version={SCHEMA_VERSION};COMMIT;")
        elif version != SCHEMA_VERSION:
            raise StoreError(_("{path}: store format {version}, this kgraph reads {expected}").format(
                path=self.path, version=version, expected=SCHEMA_VERSION))

    def close(self) -> None:
        self.db.close()

    # -- writing ----------------------------------------------------------
    def _stored(self):
        nodes = {i: (k, p) for i, k, p in self.db.execute("SELECT id, kind, props FROM nodes")}
        edges = {(r, s, t, k): p for r, s, t, k, p in self.db.execute("SELECT rel, source, target, key, props FROM edges")}
        return nodes, edges

    def replace(self, dataset: Dataset, *, progress: Progress | None = None) -> ImportReport:
        old_nodes, old_edges = self._stored()
        diff = diff_datasets(old_nodes, old_edges, dataset)
        if diff.report.unchanged:
            return diff.report
        total = len(diff.upsert_nodes) + len(diff.delete_nodes) + len(diff.upsert_edges) + len(diff.delete_edges)
        done = 0
        cur = self.db.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            for chunk in _chunks(diff.delete_edges):
                cur.executemany("DELETE FROM edges WHERE rel=? AND source=? AND target=? AND key=?", chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, "writing")
            for chunk in _chunks([(i,) for i in diff.delete_nodes]):
                cur.executemany("DELETE FROM nodes WHERE id=?", chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, "writing")
            for chunk in _chunks(diff.upsert_nodes):
                cur.executemany("INSERT OR REPLACE INTO nodes(id, kind, name, props) VALUES (?,?,?,?)", chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, "writing")
            for chunk in _chunks(diff.upsert_edges):
                cur.executemany("INSERT OR REPLACE INTO edges(rel, source, target, key, props) VALUES (?,?,?,?,?)", chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, "writing")
            cur.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                cur.execute("ROLLBACK")
            raise
        return diff.report

    def forget(self, node_id: str) -> dict[str, int]:
        removed: dict[str, int] = {}
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for rel, n in cur.execute(
                "SELECT rel, count(*) FROM edges WHERE source=? OR target=? GROUP BY rel", (node_id, node_id)
            ).fetchall():
                removed[rel] = n
            cur.execute("DELETE FROM edges WHERE source=? OR target=?", (node_id, node_id))
            row = cur.execute("SELECT kind FROM nodes WHERE id=?", (node_id,)).fetchone()
            if row:
                removed[row[0]] = 1
                cur.execute("DELETE FROM nodes WHERE id=?", (node_id,))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return removed

    # -- reading ----------------------------------------------------------
    def read_dataset(self, *, as_of=None) -> Dataset:
        """The whole store. Edges with equal properties share one (read-only) dict:
        a large organisation has hundreds of thousands of ties with a handful of
        distinct property sets, so this halves the memory and the JSON decoding."""
        ds = Dataset()
        loads = json.loads
        ds.nodes = {i: (k, loads(p)) for i, k, p in self.db.execute("SELECT id, kind, props FROM nodes ORDER BY id")}
        seen: dict[str, dict[str, Any]] = {}

        def shared(p: str) -> dict[str, Any]:
            d = seen.get(p)
            if d is None:
                d = seen[p] = loads(p)
            return d

        ds.edges = {
            (r, s, t, k): shared(p)
            for r, s, t, k, p in self.db.execute("SELECT rel, source, target, key, props FROM edges ORDER BY rel, source, target, key")
        }
        return ds

    def counts(self) -> dict[str, int]:
        out = dict(self.db.execute("SELECT kind, count(*) FROM nodes GROUP BY kind ORDER BY kind"))
        out.update(self.db.execute("SELECT rel, count(*) FROM edges GROUP BY rel ORDER BY rel"))
        return out

    def node(self, node_id: str) -> tuple[str, dict[str, Any]] | None:
        row = self.db.execute("SELECT kind, props FROM nodes WHERE id=?", (node_id,)).fetchone()
        return None if row is None else (row[0], json.loads(row[1]))

    def nodes(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        if ids is None:
            rows = self.db.execute("SELECT id, props FROM nodes WHERE kind=? ORDER BY id", (kind,))
            return {i: json.loads(p) for i, p in rows}
        out = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            # ``+kind``: look the ids up by primary key; without it SQLite walks the
            # (kind, name) index over every node of the kind (60x slower at 50,000 persons)
            q = f"SELECT id, props FROM nodes WHERE +kind=? AND id IN ({','.join('?' * len(chunk))})"
            out.update((i, json.loads(p)) for i, p in self.db.execute(q, (kind, *chunk)))
        return dict(sorted(out.items()))

    def edges(self, relation, *, sources=None, targets=None):
        rows: list = []
        base = "SELECT source, target, key, props FROM edges WHERE rel=?"
        if sources is None and targets is None:
            rows = self.db.execute(base, (relation,)).fetchall()
        else:
            col, vals = ("source", sources) if sources is not None else ("target", targets)
            # by target: name the (rel, target) index, which SQLite's planner passes over
            # for a scan of the relation's primary-key range
            table = "edges" if col == "source" else "edges INDEXED BY edges_rel_target"
            sel = base.replace("FROM edges", f"FROM {table}")
            for chunk in _chunks(sorted(set(vals)), 500):
                q = f"{sel} AND {col} IN ({','.join('?' * len(chunk))})"
                rows.extend(self.db.execute(q, (relation, *chunk)))
            if sources is not None and targets is not None:
                keep = set(targets)
                rows = [r for r in rows if r[1] in keep]
        return sorted((s, t, k, json.loads(p)) for s, t, k, p in rows)

    def names(self, kind: str) -> dict[str, str | None]:
        return dict(self.db.execute("SELECT id, name FROM nodes WHERE kind=? ORDER BY id", (kind,)))

    def compact(self) -> None:
        """Rebuild the file (``VACUUM``): no page of deleted data survives."""
        self.db.execute("VACUUM")

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, json.dumps(value)))

    # -- keyed records --------------------------------------------------------
    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        rows = []
        for key, value in items.items():
            check_record_key(kind, key)
            rows.append((kind, key, json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)))
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            cur.executemany("INSERT OR REPLACE INTO records(kind, key, value) VALUES (?,?,?)", rows)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM records WHERE kind=? AND key=?", (kind, key)).fetchone()
        return default if row is None else json.loads(row[0])

    def records(self, kind: str) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM records WHERE kind=? ORDER BY key", (kind,))}

    def delete_record(self, kind: str, key: str) -> bool:
        with self.db:
            return self.db.execute("DELETE FROM records WHERE kind=? AND key=?", (kind, key)).rowcount > 0
