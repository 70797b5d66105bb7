"""The embedded store: one SQLite file, transactional, dated, indexed for lookups.

Tables (:mod:`~kgraph.store.sqlite_file`): ``node_rows(id, origin, valid_from, valid_to,
kind, name, props)`` and ``edge_rows(rel, source, target, key, origin, valid_from,
valid_to, props)`` hold every version of every node and edge as rows with a validity
interval (see :mod:`kgraph.store.history`; ``origin`` is the writer's *source*),
``versions(origin, as_of, recorded_at, counts)`` the versions, ``settings(key, value)``
the settings and ``records(kind, key, value)`` keyed records (accounts, survey waves and
answers: see :meth:`~kgraph.store.Store.put_record` and :mod:`~kgraph.store.sqlite_records`);
properties are canonical JSON.
``version_digests(origin, as_of, digest, ..., input)``: digests of each source's latest dataset
and files, so importing it again is recognised without comparing rows or parsing files
(:mod:`~kgraph.store.sqlite_write`; a new store's large import: :mod:`~kgraph.store.sqlite_split`).

A write is one transaction that takes the write lock (``BEGIN IMMEDIATE``) *before* it
reads the state it compares against, so two writers serialise: the second waits (busy
timeout, ``KGRAPH_BUSY_TIMEOUT``), then applies its own full state, or fails with a clear
message. A process killed halfway leaves the file as it was; equal data writes nothing.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .._fork import can_fork
from ..errors import KgraphError, StoreError
from ..i18n import _
from ..model import Dataset
from . import history as hist
from . import sqlite_file as sf
from . import sqlite_aside as aside, sqlite_read as sr, sqlite_split as split
from . import sqlite_terms as st
from .base import ImportReport, Progress, Store, amended, dataset_digest
from .sqlite_forget import forget_rows
from .sqlite_records import Records
from .sqlite_write import (Import, chunks as _chunks, edge_insert, encoded, forget_digests, import_version, known_input,
                           node_insert, store_key)

__all__ = ["EmbeddedStore", "SCHEMA_VERSION"]

SCHEMA_VERSION = sf.SCHEMA_VERSION


_sql_errors = sf.sql_errors


class EmbeddedStore(Records, Store):
    """A kgraph store in one SQLite file (created by its first write).

    >>> import tempfile, os
    >>> with EmbeddedStore(os.path.join(tempfile.mkdtemp(), "kg.db")) as s:
    ...     s.counts(), s.history()
    ({}, [])
    """

    backend = "embedded"

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        self.location = str(self.path)
        #: what opening the store did that a user should hear of (a migration); the CLI prints them
        self.notices: list[str] = []
        self.read_only = False
        self.db: sqlite3.Connection | None = None
        self._stamp = sf.Stamp(self.path)
        if str(path) == ":memory:":  # a store in memory (tests, examples): never a file
            self._in_memory()
            self._file = True
            return
        if self.path.is_dir():
            raise StoreError(_("{path}: is a folder, expected a store file").format(path=self.path))
        if not self.path.exists() and not create:
            raise StoreError(_("{path}: no kgraph store here").format(path=self.path),
                             hint=_("run `kgraph import PATH` or `kgraph demo` first"))
        if not self.path.exists() or self.path.stat().st_size == 0:
            self._in_memory()
            return
        try:
            self.db = sf.connect(self.path)
            self._check_schema()
        except sqlite3.Error as exc:
            err = sf.store_error(self.path, exc, self.db)
            if self.db is not None:
                self.db.close()
            raise err from None
        except BaseException:
            if self.db is not None:
                self.db.close()
            raise

    def _in_memory(self, *, adopt: bool = False) -> None:
        """No store yet: read as empty until the first write creates the file (or, with
        ``adopt``, writes the tables into the existing empty SQLite file)."""
        self.db = sqlite3.connect(":memory:", isolation_level=None)
        sf.init_schema(self.db)
        self._file = False
        self._adopt = adopt

    def _check_schema(self) -> None:
        self._file = True
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            if self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError(_("{path}: an SQLite file that is not a kgraph store").format(path=self.path),
                                 hint=_("check --store; kgraph creates its own store file on the first import"))
            self.db.close()  # an empty SQLite file: no store yet
            self._in_memory(adopt=True)
        elif version > SCHEMA_VERSION:
            raise StoreError(
                _("{path}: store format {version} was written by a newer kgraph; this kgraph reads formats 1 to "
                  "{ours}").format(path=self.path, version=version, ours=SCHEMA_VERSION),
                hint=_("upgrade kgraph (pip install -U kgraph), or import your data again into a new store"))
        elif version < SCHEMA_VERSION and version not in sf.READ_AS_IS:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        try:
            notice = sf.migrate(self.db, self.path, version)
        except sqlite3.OperationalError as exc:
            if not getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
                raise
            mem = sqlite3.connect(":memory:", isolation_level=None)  # read-only here: migrate a copy
            self.db.backup(mem)
            self.db.close()
            self.db, self.read_only = mem, True
            notice = sf.migrate(self.db, self.path, version)
            notice += _(" (in memory only: the file is read-only here)")
        if notice:
            self.notices.append(notice)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
        self._stamp.close()

    # -- writing ----------------------------------------------------------
    def _write(self, work):
        """Run ``work(db)`` in one write transaction that holds the lock from its first read."""
        if self.read_only:
            raise StoreError(_("{path}: the store is read-only here; nothing was written").format(path=self.path),
                             hint=_("reading works; to write, use a copy in a writable folder"))
        for _attempt in range(5):
            if self._file:
                return self._transaction(self.db, work)
            if self._adopt:
                self.db.close()
                self.db = sf.connect(self.path)
                if self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
                    sf.init_schema(self.db)
                self._file = True
                continue
            result: list = []
            try:
                sf.create_file(self.path, lambda db: result.append(self._transaction(db, work)))
            except FileExistsError:  # another process created it meanwhile: write into theirs
                self._reopen()
                continue
            self._reopen()
            return result[0]
        raise StoreError(_("{path}: the store file keeps changing under kgraph; nothing was written").format(
            path=self.path))  # pragma: no cover - five creations racing

    def _reopen(self) -> None:
        self.db.close()
        self.db = sf.connect(self.path)
        self._check_schema()

    @staticmethod
    def _transaction(db: sqlite3.Connection, work):
        db.execute("BEGIN IMMEDIATE")  # the write lock, before reading what the change is based on
        try:
            out = work(db)
            st.refresh(db)  # the who-knows terms of the items, when an item changed
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:  # a helper's file (sqlite_split) is attached until the transaction ends
            split.detach(db)
        return out

    @_sql_errors
    def replace(self, dataset: Dataset, *, as_of=None, source: str = hist.DEFAULT_SOURCE,
                progress: Progress | None = None, input_key: str | None = None) -> ImportReport:
        day, source, digest = hist.day_text(as_of), hist.check_source(source), functools.partial(dataset_digest, dataset)
        key = None if input_key is None else store_key(input_key)
        return self._write(lambda db: import_version(db, source, day, dataset, progress, digest, encoded, key))

    @_sql_errors
    def edge_writer(self, *, source: str = hist.DEFAULT_SOURCE, as_of=None) -> aside.EdgeWriter | None:
        """See :meth:`Store.edge_writer`: a store file that is new or holds no edge yet, where
        processes can be forked (the writer is used, or given up, by the next :meth:`replace`)."""
        try:
            day, source = hist.day_text(as_of), hist.check_source(source)
        except KgraphError:
            return None  # replace says what is wrong
        if str(self.path) == ":memory:" or self.read_only or not can_fork() or (
                self._file and self.db.execute("SELECT 1 FROM edge_rows LIMIT 1").fetchone() is not None):
            return None
        return aside.EdgeWriter(str(self.path), edge_insert(source, day), sf.DDL[2], node_insert(source, day), sf.DDL[0],
                                 sf.DDL[1])

    @_sql_errors
    def known_input(self, input_key: str, *, as_of=None, source: str = hist.DEFAULT_SOURCE) -> ImportReport | None:
        """See :meth:`Store.known_input`; read holding the write lock, as an import does."""
        try:  # a wrong source: replace says so, after reading the input
            day, source = hist.day_text(as_of), hist.check_source(source)
        except KgraphError:
            return None
        work = lambda db: known_input(db, source, day, store_key(input_key))  # noqa: E731
        return self._transaction(self.db, work) if self._file and not self.read_only else None

    @_sql_errors
    def amend(self, rows: Dataset, *, as_of=None, source: str = hist.DEFAULT_SOURCE) -> ImportReport:
        """See :meth:`kgraph.store.Store.amend`; here one write transaction, so two writers
        adding to one source at once both keep their rows."""
        day, source = hist.day_text(as_of), hist.check_source(source)

        def work(db):
            later = [d for (d,) in db.execute("SELECT as_of FROM versions WHERE origin=? AND as_of>? ORDER BY as_of",
                                              (source, day))]
            reports = []
            for d in [day, *later]:
                ds = amended(self.read_dataset(as_of=d, source=source) if db is self.db else Dataset(), rows)
                new_n, new_e = encoded(ds)
                reports.append(Import(db, source, d, new_n, new_e, ds, None).run())
            if any(not r.unchanged for r in reports):
                forget_digests(db, source)
            return reports[0]

        return self._write(work)

    @_sql_errors
    def forget(self, node_id: str, *, mentions=None, whole=("Signal",)) -> dict[str, int]:
        if not self._file:
            return {}
        return self._write(lambda db: forget_rows(db, node_id, mentions, whole))

    # -- reading ----------------------------------------------------------
    def _dates(self, as_of, source: str | None = None) -> list[tuple[str, str]]:
        versions = self.db.execute("SELECT origin, as_of FROM versions").fetchall()
        self._one_version = len(versions) == 1  # then every stored row is in force, on any date
        self._latest = {}
        for s, d in versions:
            self._latest[s] = max(d, self._latest.get(s, d))
        if source is not None:
            return hist.source_dates(versions, hist.day_text(as_of), source)
        return hist.effective_dates(versions, hist.day_text(as_of))

    def _when(self, dates, alias: str = "") -> tuple[str, list]:
        """The SQL condition (and its parameters) for the rows in force on ``dates``: none
        when the store has one version; a source's latest version is its open rows."""
        if getattr(self, "_one_version", False):
            return "1", []
        a = f"{alias}." if alias else ""
        parts, params = [], []
        for s, d in dates:
            if self._latest.get(s) == d:
                parts.append(f"({a}origin=? AND {a}valid_to=?)")  # i18n: exempt (SQL)
                params += [s, hist.OPEN]
            else:
                parts.append(f"({a}origin=? AND {a}valid_from<=? AND {a}valid_to>?)")  # i18n: exempt (SQL)
                params += [s, d, d]
        return f"({' OR '.join(parts)})", params

    @_sql_errors
    def read_dataset(self, *, as_of=None, source: str | None = None) -> Dataset:
        """The data in force on ``as_of`` (see :func:`kgraph.store.history.effective_dates`). Edges with
        equal properties share one (read-only) dict: a large organisation has hundreds of thousands
        of ties with a handful of distinct property sets, so this halves the memory and the decoding."""
        dates = self._dates(as_of, source)
        return sr.read_dataset(self, dates, source) if dates else Dataset()

    def _node_rows(self, dates, where: str, params: list) -> dict[str, tuple[str, str]]:
        """``{id: (kind, props)}`` of the node rows in force that match ``where``, precedence applied."""
        when, wp = self._when(dates)
        rows = self.db.execute(f"SELECT id, origin, kind, props FROM node_rows WHERE {where} AND {when}",
                               [*params, *wp]).fetchall()
        if len(dates) > 1 and rows:  # another source may hold the same id (of another kind)
            ids = sorted({r[0] for r in rows})
            rows = []
            for chunk in _chunks(ids, 500):
                q = f"SELECT id, origin, kind, props FROM node_rows WHERE id IN ({','.join('?' * len(chunk))}) AND {when}"
                rows.extend(self.db.execute(q, [*chunk, *wp]))
        rank = {s: r for r, (s, _d) in enumerate(dates)}
        return hist.merge(((i, o, (k, p)) for i, o, k, p in rows), rank)

    def _present(self, dates, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` of nodes in force (any kind)."""
        out: set[str] = set()
        when, wp = self._when(dates)
        for chunk in _chunks(sorted(set(ids)), 500):
            q = f"SELECT DISTINCT id FROM node_rows WHERE id IN ({','.join('?' * len(chunk))}) AND {when}"
            out.update(r[0] for r in self.db.execute(q, [*chunk, *wp]))
        return out

    @_sql_errors
    def counts(self, *, as_of=None) -> dict[str, int]:
        dates = self._dates(as_of)
        if not dates:
            return {}
        if len(dates) > 1:
            return dict(sorted(self.read_dataset(as_of=as_of).counts().items(),
                               key=lambda kv: (kv[0].isupper(), kv[0])))
        when, wp = self._when(dates)
        wn, _p = self._when(dates, "n")
        out = dict(self.db.execute(f"SELECT kind, count(*) FROM node_rows WHERE {when} GROUP BY kind ORDER BY kind", wp))
        exists = f"EXISTS (SELECT 1 FROM node_rows n WHERE n.id=e.{{end}} AND {wn})"
        q = (f"SELECT rel, count(*) FROM edge_rows e WHERE {self._when(dates, 'e')[0]} AND {exists.format(end='source')}"
             f" AND {exists.format(end='target')} GROUP BY rel ORDER BY rel")
        out.update(self.db.execute(q, [*wp, *wp, *wp]))
        return out

    @_sql_errors
    def node(self, node_id: str, *, as_of=None) -> tuple[str, dict[str, Any]] | None:
        dates = self._dates(as_of)
        if not dates:
            return None
        got = self._node_rows(dates, "id=?", [node_id]).get(node_id)
        return None if got is None else (got[0], json.loads(got[1]))

    @_sql_errors
    def nodes(self, kind: str, ids: Iterable[str] | None = None, *, as_of=None) -> dict[str, dict[str, Any]]:
        dates = self._dates(as_of)
        if not dates:
            return {}
        if ids is None:  # ``+kind``: a scan of the table beats a lookup per row through the (kind, name) index
            return sr.nodes(self, dates, kind)
        got = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            # ``+kind``: look the ids up by primary key; without it SQLite walks the
            # (kind, name) index over every node of the kind (60x slower at 50,000 persons)
            got.update(self._node_rows(dates, f"+kind=? AND id IN ({','.join('?' * len(chunk))})", [kind, *chunk]))
        return {i: json.loads(p) for i, (k, p) in sorted(got.items()) if k == kind}

    @_sql_errors
    def edges(self, relation, *, sources=None, targets=None, as_of=None):
        dates = self._dates(as_of)
        if not dates:
            return []
        if sources is None and targets is None:
            return self._relation(dates, relation)
        when, wp = self._when(dates)
        base = f"SELECT source, target, key, origin, props FROM edges_table WHERE rel=? AND {when}"
        rows: list = []
        if sources is None and targets is None:
            rows = self.db.execute(base.replace("edges_table", "edge_rows"), [relation, *wp]).fetchall()
        else:
            col, vals = ("source", sources) if sources is not None else ("target", targets)
            # by target: name the index, which SQLite's planner passes over for a scan of the
            # relation's primary-key range (and state the condition of a partial one)
            index, cond = ("", "1") if col == "source" else sf.by_target(self.db, relation)
            sel = f"{base.replace('edges_table', f'edge_rows {index}')} AND {cond}"
            for chunk in _chunks(sorted(set(vals)), 500):
                q = f"{sel} AND {col} IN ({','.join('?' * len(chunk))})"
                rows.extend(self.db.execute(q, [relation, *wp, *chunk]))
            if sources is not None and targets is not None:
                keep = set(targets)
                rows = [r for r in rows if r[1] in keep]
        rank = {s: r for r, (s, _d) in enumerate(dates)}
        got = hist.merge((((s, t, k), o, p) for s, t, k, o, p in rows), rank)
        present = self._present(dates, {x for s, t, _k in got for x in (s, t)})
        return sorted((s, t, k, json.loads(p)) for (s, t, k), p in got.items() if s in present and t in present)

    def _relation(self, dates, relation: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        return sr.relation(self, dates, relation)

    edges_by_target = _sql_errors(sr.by_target)  # KNOWS by item, read through its index
    narrower_items = _sql_errors(st.narrower_items)  # the taxonomy below items, one recursive query

    def stamp(self) -> bytes | None:
        """The file change counter (:class:`~kgraph.store.sqlite_file.Stamp`); None without a file."""
        return self._stamp.read()

    def reading(self):
        """One read transaction around a block (:func:`~kgraph.store.sqlite_file.read_transaction`)."""
        return sf.read_transaction(self.db if self._file else None, self.path)

    @_sql_errors
    def node_kinds(self, *, as_of=None) -> dict[str, str]:
        dates = self._dates(as_of)
        return sr.node_kinds(self, dates) if dates else {}

    @_sql_errors
    def relations(self, *, as_of=None) -> list[str]:
        """Every relation type the store holds on any date (a skip-scan of the primary key)."""
        return [r for (r,) in self.db.execute(sr.RELATIONS)]

    @_sql_errors
    def names(self, kind: str, *, as_of=None) -> dict[str, str | None]:
        dates = self._dates(as_of)
        if not dates:
            return {}
        if len(dates) == 1:
            when, wp = self._when(dates)
            return dict(self.db.execute(f"SELECT id, name FROM node_rows WHERE kind=? AND {when} ORDER BY id",
                                        [kind, *wp]))
        return {i: json.loads(p).get("name") for i, (k, p) in sorted(self._node_rows(dates, "kind=?", [kind]).items())
                if k == kind}

    @_sql_errors
    def item_terms(self, *, as_of=None) -> dict[str, dict[str, Any]]:
        """See :meth:`Store.item_terms`: the name column and the synonyms read by SQLite from
        the stored JSON (one source; several sources take the general route)."""
        dates = self._dates(as_of)
        if len(dates) != 1:
            return super().item_terms(as_of=as_of) if dates else {}
        try:
            return st.item_rows(self.db, *self._when(dates))
        except sqlite3.OperationalError:  # an SQLite built without its JSON functions
            return super().item_terms(as_of=as_of)

    @_sql_errors
    def term_index(self, *, as_of=None) -> st.SqliteTermIndex | None:
        """See :meth:`Store.term_index`: the store's ``item_terms`` tables (:mod:`.sqlite_terms`),
        when they are up to date (one source)."""
        dates = self._dates(as_of)
        return st.SqliteTermIndex(self.db, *self._when(dates, "n")) if len(dates) == 1 and st.ready(self.db) else None

    @_sql_errors
    def holders(self, items: Iterable[str], *, as_of=None) -> list[tuple[str, str, str, dict[str, Any]]]:
        """See :meth:`Store.holders`: ``level`` and ``confirmed`` read by SQLite through the
        ``(rel, target)`` index, without the presence check of every person (one source;
        several sources take the general route)."""
        dates, items = self._dates(as_of), sorted(set(items))
        if len(dates) != 1 or not items:
            return super().holders(items, as_of=as_of) if dates and items else []
        try:
            return st.holder_rows(self.db, *self._when(dates), items)
        except sqlite3.OperationalError:  # an SQLite built without its JSON functions
            return super().holders(items, as_of=as_of)

    @_sql_errors
    def ranked_holders(self, ranks: dict[str, int], *, as_of=None, limit: int | None = None) -> list | None:
        """See :meth:`Store.ranked_holders`: ranked by SQLite (one source, :func:`.sqlite_terms.ranked_rows`)."""
        dates = self._dates(as_of)
        return st.ranked_rows(self.db, *self._when(dates, "e"), ranks, limit) if len(dates) == 1 and ranks else None

    @_sql_errors
    def history(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT origin, as_of, recorded_at, counts FROM versions ORDER BY as_of, origin")
        return [hist.version_record(*r) for r in rows]

    @_sql_errors
    def node_history(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        q = "SELECT id, origin, valid_from, valid_to, props FROM node_rows WHERE kind=?"
        params: list = [kind]
        if ids is not None:
            ids = sorted(set(ids))
            if not ids:
                return {}
            q += f" AND id IN ({','.join('?' * len(ids))})"
            params += ids
        out: dict[str, list[dict[str, Any]]] = {}
        for i, o, f, t, p in self.db.execute(q + " ORDER BY id, valid_from, origin", params):
            out.setdefault(i, []).append({"source": o, "valid_from": f, "valid_to": None if t == hist.OPEN else t,
                                          "props": json.loads(p)})
        return out

    @_sql_errors
    def compact(self) -> None:
        """Rebuild the file (``VACUUM``): no page of deleted data survives."""
        if self._file and not self.read_only:
            self.db.execute("VACUUM")

    @_sql_errors
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    @_sql_errors
    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value)
        self._write(lambda db: db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, text)))
