"""The embedded store's writes inside their transaction: an import (a dated version of one
source, see :func:`kgraph.store.history.plan_table`); erasure is in :mod:`~kgraph.store.sqlite_forget`."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections import Counter
from operator import itemgetter

from .._gc import paused
from ..model import Dataset
from . import history as hist
from . import sqlite_aside as aside, sqlite_split as split
from .base import ImportReport, encode_many, encode_props
from .sqlite_bulk import bulk, chunks

__all__ = ["Import", "import_version", "edge_insert", "node_insert", "known_input", "encoded", "store_key", "chunks", "DIGESTS_DDL"]


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


#: the digest of the dataset of each source's latest version, written by an import (see
#: :func:`import_version`), and of the input it was read from (:func:`known_input`); valid while that version's row in ``versions`` still has the
#: ``recorded_at`` and ``counts`` it had then (every write of a version changes them)
DIGESTS_DDL = """CREATE TABLE IF NOT EXISTS version_digests (
        origin      TEXT PRIMARY KEY,
        as_of       TEXT NOT NULL,
        digest      TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        counts      TEXT NOT NULL,
        input       TEXT,
        input_report TEXT
    ) WITHOUT ROWID"""
#: columns added to ``version_digests`` after it was first made (a store of an older kgraph
#: gets them on its next import; older code leaves them empty, which trusts nothing):
#: ``input`` is the digest of the input files and options the version was imported from
#: (:func:`kgraph.ingest.input_digest`), ``input_report`` the totals and warnings that
#: reading them gave, as JSON
DIGEST_COLUMNS = (("input", "TEXT"), ("input_report", "TEXT"))


_VALID = ("FROM version_digests d JOIN versions v ON v.origin=d.origin AND v.as_of=d.as_of "
          "AND v.recorded_at=d.recorded_at AND v.counts=d.counts WHERE d.origin=? AND d.as_of=?")


def _in_force(db: sqlite3.Connection, source: str, day: str) -> tuple[list[str], str | None]:
    """The source's version dates, and the one in force on ``day`` when it is the latest
    (no version after ``day``), else None."""
    mine = [d for (d,) in db.execute("SELECT as_of FROM versions WHERE origin=?", (source,))]
    prev = max((d for d in mine if d <= day), default=None)
    return mine, (prev if prev is not None and not any(d > day for d in mine) else None)


def _has_input_columns(db: sqlite3.Connection) -> bool:
    cols = {r[1] for r in db.execute("PRAGMA table_info(version_digests)")}
    return all(name in cols for name, _t in DIGEST_COLUMNS)


def known_input(db: sqlite3.Connection, source: str, day: str, key: str) -> ImportReport | None:
    """Inside a transaction: the report of an import of unchanged data when ``key`` (see
    :func:`kgraph.ingest.input_digest`) is the input digest stored with the source's
    latest version, that version is in force on ``day`` and still as it was written; else
    None (then the input must be read and imported)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='version_digests'").fetchone() \
            or not _has_input_columns(db):
        return None
    _mine, prev = _in_force(db, source, day)
    if prev is None:
        return None
    row = db.execute(f"SELECT d.input_report {_VALID} AND d.input=?", (source, prev, key)).fetchone()
    if row is None or row[0] is None:
        return None
    from ..errors import Problem

    got = json.loads(row[0])
    return ImportReport(totals=dict(got["totals"]), warnings=[Problem(*w) for w in got["warnings"]])


def _input_report(dataset: Dataset, totals: dict[str, int]) -> str:
    """The report of reading the input, kept for :func:`known_input` (the totals sorted: one
    order whichever process counted them, see :mod:`kgraph.ingest.aside`)."""
    return json.dumps({"totals": dict(sorted(totals.items())), "warnings": [
        [w.file, w.row, w.column, w.message, w.fatal] for w in dataset.warnings]}, ensure_ascii=False)


def import_version(db: sqlite3.Connection, source: str, day: str, dataset: Dataset, progress, digest: str | None,
                   encode, input_key: str | None = None) -> ImportReport:
    """One ``replace`` inside its write transaction. When ``dataset`` has the digest stored
    with the source's latest version, and that version is the one in force on ``day``
    (no later one), nothing is read, compared or written: the report says unchanged, as
    the full comparison would. Otherwise ``encode(dataset)`` gives the rows to compare
    (:class:`Import`), and a version that changed stores its digest (or, for a version
    before the latest, forgets the source's digest). ``input_key``, the digest of the
    input ``dataset`` was read from, is stored beside the dataset's digest of the latest
    version (also when nothing else changed: then it is the only write), so that the same
    input is recognised next time before it is read (:func:`known_input`)."""
    db.execute(DIGESTS_DDL)
    if input_key is not None and not _has_input_columns(db):  # a store of an older kgraph
        for name, kind in DIGEST_COLUMNS:
            db.execute(f"ALTER TABLE version_digests ADD COLUMN {name} {kind}")
    mine, prev = _in_force(db, source, day)
    if not mine:  # the source's first version: into an empty store, a helper process may write a share
        imp = Import(db, source, day, None, None, dataset, progress)
        # edges validated by another process (kgraph.ingest.aside), which writes their rows; else a share
        imp.helper = dataset.pending.helper(db) if dataset.pending is not None else None
        if imp.helper is None:
            imp.helper = split.start(db, dataset.complete(), imp.edge_insert())
        try:
            with paused():  # the rows' tuples, a million objects and none of them garbage (kgraph._gc)
                # the nodes encoded as ``encode`` does, unless the helper writes them; the edges
                # straight into rows (Import.append)
                imp.nodes_later = isinstance(imp.helper, aside.PartsHelper) and imp.helper.writes_nodes(dataset)
                imp.new_n = {} if imp.nodes_later else encode(Dataset(nodes=dataset.nodes))[0]
                report = imp.run()
            digest = imp.digest if imp.helper is not None else digest
            digest = digest() if callable(digest) else digest  # a function: awaited while the helper may still send
        finally:
            if imp.helper is not None:
                imp.helper.close()
    else:
        dataset.complete()  # the rows are compared: every edge is needed here
        digest = digest() if callable(digest) else digest  # a function: computed when needed
        if digest is not None and prev is not None and db.execute(
                f"SELECT 1 {_VALID} AND d.digest=?", (source, prev, digest)).fetchone():
            report = ImportReport(totals=dataset.counts())
            _keep_input(db, source, prev, digest, dataset, input_key, report.totals)
            return report
        with paused():
            new_n, new_e = encode(dataset)
            report = Import(db, source, day, new_n, new_e, dataset, progress).run()
    if not report.unchanged:
        forget_digests(db, source)
        if digest is not None and not any(d > day for d in mine):
            db.execute("INSERT INTO version_digests(origin, as_of, digest, recorded_at, counts, input, input_report) "
                       "SELECT origin, as_of, ?, recorded_at, counts, ?, ? FROM versions WHERE origin=? AND as_of=?",
                       (digest, input_key, None if input_key is None else _input_report(dataset, report.totals),
                        source, day))
    elif digest is not None and prev is not None:  # unchanged, compared row by row: the digests hold now
        _keep_input(db, source, prev, digest, dataset, input_key, report.totals)
    return report


def _keep_input(db, source: str, prev: str, digest: str, dataset: Dataset, input_key: str | None,
                totals: dict[str, int]) -> None:
    """After an import that changed nothing: store ``input_key`` with the (valid) digest of
    the version in force, unless it is stored already (then nothing is written)."""
    if input_key is None:
        return
    if db.execute(f"SELECT 1 {_VALID} AND d.digest=? AND d.input=?", (source, prev, digest, input_key)).fetchone():
        return
    db.execute("INSERT OR REPLACE INTO version_digests(origin, as_of, digest, recorded_at, counts, input, input_report) "
               "SELECT origin, as_of, ?, recorded_at, counts, ?, ? FROM versions WHERE origin=? AND as_of=?",
               (digest, input_key, _input_report(dataset, totals), source, prev))


def forget_digests(db: sqlite3.Connection, source: str | None = None) -> None:
    """Drop the stored digest of ``source`` (None: of every source): its rows changed otherwise."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='version_digests'").fetchone():
        if source is None:
            db.execute("DELETE FROM version_digests")
        else:
            db.execute("DELETE FROM version_digests WHERE origin=?", (source,))


def store_key(input_key: str) -> str:
    """``input_key`` for this store's format: the version of the rows is part of what is written."""
    from .sqlite_file import ROWS_VERSION

    return f"{ROWS_VERSION}:{input_key}"


def encoded(dataset: Dataset) -> tuple[dict, dict]:
    """The rows of ``dataset`` as :class:`~kgraph.store.sqlite_write.Import` compares them:
    ``{id: (kind, name, props JSON)}`` and ``{edge key: props JSON}``."""
    new_n = {i: (k, p.get("name"), encode_props(p)) for i, (k, p) in dataset.nodes.items()}
    new_e = dict(zip(dataset.edges, encode_many(dataset.edges.values())))
    return new_n, new_e


class Import:
    """One ``replace``, inside the write transaction (see :func:`kgraph.store.history.plan_table`)."""

    def __init__(self, db, source, day, new_n, new_e, dataset, progress):
        self.db, self.source, self.day, self.new_n, self.new_e = db, source, day, new_n, new_e
        self.dataset, self.progress = dataset, progress
        self.helper: split.EdgeHelper | None = None  # writes the edges new_e leaves out (a first version)
        self.digest = None  # the dataset's when a helper helped, or a function giving it (see PartsHelper.copy_into)
        self.nodes_later = False  # the helper writes the node rows: copied with its edges (PartsHelper.copy_into)

    def edge_insert(self) -> str:
        """The INSERT of an edge row of this version (the key and the properties bound)."""
        return edge_insert(self.source, self.day)

    def _rows(self, cond: str, params: list):
        n = {i: (f, t, (k, nm, p)) for i, f, t, k, nm, p in self.db.execute(
            f"SELECT id, valid_from, valid_to, kind, name, props FROM node_rows WHERE origin=? AND {cond}",
            [self.source, *params])}
        e = {(r, s, t, k): (f, to, p) for r, s, t, k, f, to, p in self.db.execute(
            f"SELECT rel, source, target, key, valid_from, valid_to, props FROM edge_rows WHERE origin=? AND {cond}",
            [self.source, *params])}
        return n, e

    def _progress(self, steps):
        helper = self.helper
        total = sum(len(rows) for _q, rows in steps) + (helper.count if helper else 0)
        done = 0
        with bulk(self.db, total) as written:
            for q, rows in steps:
                for chunk in chunks(rows):
                    if q.startswith("INSERT"):  # new rows: many per statement, in the same order
                        split.insert_many(self.db, q, chunk)
                    else:
                        self.db.executemany(q, chunk)
                    done += len(chunk)
                    if self.progress:
                        self.progress(done, total, "writing")
            if helper is not None:  # its relations come last in the key order: appended after these
                from . import sqlite_terms as st

                # every node is in (indexed while the helper may still work), or none: the helper's
                # come with the index it built of them (SQLite copies both as they are)
                written.build("node_rows")
                if isinstance(helper, aside.PartsHelper) and helper.takes_terms(self.db, self.source):
                    # the helper built the who-knows terms too: copied with its rows (the triggers
                    # come with the transaction's refresh, after its node rows: SQLite moves those as they are)
                    st.create(self.db, triggers=not self.nodes_later)
                else:
                    st.refresh(self.db)  # the who-knows terms (nodes only) while the helper works
                if isinstance(helper, aside.PartsHelper):  # digested in a thread while this process waits for
                    helper.meanwhile(self.dataset)  # the helper, then for SQLite (the copy, the indexes)
                self.digest = helper.copy_into(self.db, self.dataset)
                if self.progress:
                    self.progress(total, total, "writing")

    def append(self, prev: str | None) -> ImportReport:
        """A version after every version of the source (the usual import): the open rows
        that change are closed, the new ones inserted (:func:`kgraph.store.history.plan_append`)."""
        db, day, src = self.db, self.day, self.source
        at_n: dict = {}
        at_e: dict = {}
        if prev:  # the source's open rows: its latest version
            at_n = {i: (k, nm, p) for i, k, nm, p in db.execute(
                "SELECT id, kind, name, props FROM node_rows WHERE origin=? AND valid_to=?", (src, hist.OPEN))}
            at_e = {(r, s, t, k): p for r, s, t, k, p in db.execute(
                "SELECT rel, source, target, key, props FROM edge_rows WHERE origin=? AND valid_to=?", (src, hist.OPEN))}
        if prev:
            close_n, ins_n, cn = hist.plan_append(self.new_n, at_n, lambda _k, c: c[0])
            close_e, ins_e, ce = hist.plan_append(self.new_e, at_e, lambda k, _c: k[0])
            ins_n.sort(key=_first)  # in primary-key order: each row lands beside the one before
            ins_e.sort(key=_first)
            rows_e = [(*k, c) for k, c in ins_e]
        else:  # the source's first version: every row is new (what plan_append gives, without comparing)
            close_n, close_e, cn, ce = [], [], _added(self.dataset.nodes.values(), 0), _added(self.dataset.edges, 0)
            if self.dataset.pending is not None:  # the edges another process validated and writes
                ce[0].update(self.dataset.pending.totals)
            ins_n = sorted(self.new_n.items(), key=_first)
            # the edges this process writes (a helper writes its relations' own), in key order,
            # their properties encoded: straight from the dataset, no map of the encoded rows
            made = self.helper.own(self.dataset) if isinstance(self.helper, aside.PartsHelper) else None
            if not made and self.dataset.pending is not None:  # (never so in an import: Aside.join made them)
                self.dataset.pending.complete(self.dataset)
            rows_e = made.rows if made else split.edge_rows(
                self.dataset.edges, self.helper.rels if self.helper else frozenset(), False)
        counts = {"added": {**cn[0], **ce[0]}, "changed": {**cn[1], **ce[1]}, "removed": {**cn[2], **ce[2]}}
        report = ImportReport(totals=self.dataset.counts() if prev else _totals(cn[0], ce[0]), **counts)
        if report.unchanged:
            return report
        self._progress([
            ("UPDATE edge_rows SET valid_to=? WHERE rel=? AND source=? AND target=? AND key=? AND origin=? AND valid_to=?",
             [(day, *k, src, hist.OPEN) for k in close_e]),
            ("UPDATE node_rows SET valid_to=? WHERE id=? AND origin=? AND valid_to=?",
             [(day, i, src, hist.OPEN) for i in close_n]),
            (node_insert(src, day), [(i, *c) for i, c in ins_n]),
            (self.edge_insert(), rows_e),
        ])
        db.execute("INSERT OR REPLACE INTO versions(origin, as_of, recorded_at, counts) VALUES (?,?,?,?)",
                   (src, day, _now(), json.dumps(counts, sort_keys=True)))
        return report

    def replace_latest(self) -> ImportReport:
        """The source's latest version replaced (an import again on the same date): its open
        rows, and the rows it closed, give the plan without interval planning."""
        db, day, src, o = self.db, self.day, self.source, hist.OPEN
        at_n = {i: (k, nm, p) for i, k, nm, p in db.execute(
            "SELECT id, kind, name, props FROM node_rows WHERE origin=? AND valid_to=?", (src, o))}
        at_e = {(r, s, t, k): p for r, s, t, k, p in db.execute(
            "SELECT rel, source, target, key, props FROM edge_rows WHERE origin=? AND valid_to=?", (src, o))}
        close_n, ins_n, cn = hist.plan_append(self.new_n, at_n, lambda _k, c: c[0])
        close_e, ins_e, ce = hist.plan_append(self.new_e, at_e, lambda k, _c: k[0])
        report = ImportReport(totals=self.dataset.counts(), added={**cn[0], **ce[0]}, changed={**cn[1], **ce[1]},
                              removed={**cn[2], **ce[2]})
        if report.unchanged:
            return report
        touched_n = set(close_n) | {i for i, _c in ins_n}
        touched_e = set(close_e) | {k for k, _c in ins_e}
        own_n, end_n = self._own_and_ended("n", touched_n)
        own_e, end_e = self._own_and_ended("e", touched_e)
        plan: dict[str, list] = {k: [] for k in ("del_n", "del_e", "close_n", "close_e", "open_n", "open_e",
                                                 "ins_n", "ins_e")}
        for side, close, ins, own, ends in (("n", close_n, ins_n, own_n, end_n), ("e", close_e, ins_e, own_e, end_e)):
            for key in close:  # the open row goes: deleted if this version made it, else closed on its date
                plan[("del_" if key in own else "close_") + side].append(key)
            for key, c in ins:  # back to the previous version's content: that row runs on
                plan[("open_" if ends.get(key) == c else "ins_") + side].append(key if ends.get(key) == c else (key, c))
        edge_key = "rel=? AND source=? AND target=? AND key=?"
        self._progress([
            (f"DELETE FROM edge_rows WHERE {edge_key} AND origin=? AND valid_to=?", [(*k, src, o) for k in plan["del_e"]]),
            ("DELETE FROM node_rows WHERE id=? AND origin=? AND valid_to=?", [(i, src, o) for i in plan["del_n"]]),
            (f"UPDATE edge_rows SET valid_to=? WHERE {edge_key} AND origin=? AND valid_to=?",
             [(day, *k, src, o) for k in plan["close_e"]] + [(o, *k, src, day) for k in plan["open_e"]]),
            ("UPDATE node_rows SET valid_to=? WHERE id=? AND origin=? AND valid_to=?",
             [(day, i, src, o) for i in plan["close_n"]] + [(o, i, src, day) for i in plan["open_n"]]),
            ("INSERT INTO node_rows(id, origin, valid_from, valid_to, kind, name, props) VALUES (?,?,?,?,?,?,?)",
             [(i, src, day, o, *c) for i, c in plan["ins_n"]]),
            ("INSERT INTO edge_rows(rel, source, target, key, origin, valid_from, valid_to, props) VALUES (?,?,?,?,?,?,?,?)",
             [(*k, src, day, o, c) for k, c in plan["ins_e"]]),
        ])
        # this version's counts change only for the keys touched: compared with the previous
        # version (the row that ran through this date, or the one that ended on it)
        (counts,) = db.execute("SELECT counts FROM versions WHERE origin=? AND as_of=?", (src, day)).fetchone()
        counts = json.loads(counts)
        for touched, at, own, ends, new, label in (
                (touched_n, at_n, own_n, end_n, self.new_n, lambda _k, c: c[0]),
                (touched_e, at_e, own_e, end_e, self.new_e, lambda k, _c: k[0])):
            for key in touched:
                before = ends.get(key, _GONE) if (key in own or key not in at) else at[key]
                _count(counts, before, at.get(key, _GONE), key, label, -1)
                _count(counts, before, new.get(key, _GONE), key, label, +1)
        db.execute("UPDATE versions SET recorded_at=?, counts=? WHERE origin=? AND as_of=?",
                   (_now(), json.dumps(counts, sort_keys=True), src, day))
        return report

    def _own_and_ended(self, side: str, keys: set):
        """Of ``keys``: those whose open row this version made, and ``{key: content}`` of the
        rows this version closed (the previous version's content): looked up one by one
        when few, else read in one scan."""
        db, src, day, o = self.db, self.source, self.day, hist.OPEN
        table, cols, where = (("node_rows", "id", "id=?") if side == "n" else
                              ("edge_rows", "rel, source, target, key", "rel=? AND source=? AND target=? AND key=?"))
        content = "kind, name, props" if side == "n" else "props"
        width = 1 if side == "n" else 4

        def key_of(row):
            return row[0] if side == "n" else tuple(row[:4])

        def value_of(row):
            return tuple(row[width:]) if side == "n" else row[width]

        if len(keys) <= 2000:
            own, ended = set(), {}
            for key in keys:
                args = (key,) if side == "n" else key
                if db.execute(f"SELECT 1 FROM {table} WHERE {where} AND origin=? AND valid_from=? AND valid_to=?",
                              (*args, src, day, o)).fetchone():
                    own.add(key)
                row = db.execute(f"SELECT {content} FROM {table} WHERE {where} AND origin=? AND valid_to=?",
                                 (*args, src, day)).fetchone()
                if row is not None:
                    ended[key] = tuple(row) if side == "n" else row[0]
            return own, ended
        own = {key_of(r) for r in db.execute(f"SELECT {cols} FROM {table} WHERE origin=? AND valid_from=? AND valid_to=?",
                                             (src, day, o))} & keys
        ended = {key_of(r): value_of(r) for r in db.execute(
            f"SELECT {cols}, {content} FROM {table} WHERE origin=? AND valid_to=?", (src, day))}
        return own, {k: v for k, v in ended.items() if k in keys}

    def run(self) -> ImportReport:
        db, day = self.db, self.day
        mine = sorted(d for (d,) in db.execute("SELECT as_of FROM versions WHERE origin=?", (self.source,)))
        prev = max((d for d in mine if d <= day), default=None)
        nxt = min((d for d in mine if d > day), default=None)
        if nxt is None and (prev is None or prev < day):
            return self.append(prev)
        if nxt is None and prev == day:
            return self.replace_latest()
        at_n, at_e = self._rows("valid_from<=? AND valid_to>?", [day, day]) if prev else ({}, {})
        start_n, start_e = self._rows("valid_from=?", [nxt]) if nxt else ({}, {})
        shown_n, shown_e = (at_n, at_e) if prev else (start_n, start_e)  # in force on day, as reads see it
        report = _report(shown_n, shown_e, self.new_n, self.new_e, self.dataset)
        if report.unchanged:
            return report
        end_n, end_e = self._rows("valid_to=?", [day]) if prev == day else ({}, {})
        dn, ins_n = hist.plan_table(self.new_n, at=at_n, ending=end_n, starting=start_n, day=day, nxt=nxt)
        de, ins_e = hist.plan_table(self.new_e, at=at_e, ending=end_e, starting=start_e, day=day, nxt=nxt)
        steps = [
            ("DELETE FROM edge_rows WHERE rel=? AND source=? AND target=? AND key=? AND origin=? AND valid_from=?",
             [(*k, self.source, f) for k, f in de]),
            ("DELETE FROM node_rows WHERE id=? AND origin=? AND valid_from=?", [(i, self.source, f) for i, f in dn]),
            ("INSERT INTO node_rows(id, origin, valid_from, valid_to, kind, name, props) VALUES (?,?,?,?,?,?,?)",
             [(i, self.source, f, t, *c) for i, f, t, c in ins_n]),
            ("INSERT INTO edge_rows(rel, source, target, key, origin, valid_from, valid_to, props) VALUES (?,?,?,?,?,?,?,?)",
             [(*k, self.source, f, t, c) for k, f, t, c in ins_e]),
        ]
        self._progress(steps)
        # the change counts of this version and of the next one (whose predecessor changed)
        if prev == day:  # the state before this version: the rows that end here or run through it
            before_n = {**{i: s for i, s in at_n.items() if s[0] < day}, **end_n}
            before_e = {**{k: s for k, s in at_e.items() if s[0] < day}, **end_e}
        else:
            before_n, before_e = at_n, at_e
        counts = _counts({i: s[2] for i, s in before_n.items()}, {k: s[2] for k, s in before_e.items()},
                         self.new_n, self.new_e)
        db.execute("INSERT OR REPLACE INTO versions(origin, as_of, recorded_at, counts) VALUES (?,?,?,?)",
                   (self.source, day, _now(), counts))
        if nxt:
            after_n = {**{i: s[2] for i, s in at_n.items() if s[1] > nxt}, **{i: s[2] for i, s in start_n.items()}}
            after_e = {**{k: s[2] for k, s in at_e.items() if s[1] > nxt}, **{k: s[2] for k, s in start_e.items()}}
            db.execute("UPDATE versions SET counts=? WHERE origin=? AND as_of=?",
                       (_counts(self.new_n, self.new_e, after_n, after_e), self.source, nxt))
        return report


def _fixed(source: str, day: str) -> str:
    """The source, the date and the open end, the same in every new row of a version: written
    once in the statement (as SQL literals), so that each row binds five values instead of eight."""
    return f"{_literal(source)},{_literal(day)},{_literal(hist.OPEN)}"


def edge_insert(source: str, day: str) -> str:
    """The INSERT of an edge row of ``source``'s version of ``day`` (the key and the properties bound)."""
    return f"INSERT INTO edge_rows(rel, source, target, key, origin, valid_from, valid_to, props) VALUES (?,?,?,?,{_fixed(source, day)},?)"


def node_insert(source: str, day: str) -> str:
    """The INSERT of a node row of ``source``'s version of ``day`` (id, kind, name and properties bound)."""
    return f"INSERT INTO node_rows(id, origin, valid_from, valid_to, kind, name, props) VALUES (?,{_fixed(source, day)},?,?,?)"


_GONE = object()
_first = itemgetter(0)


def _literal(text: str) -> str:
    """``text`` as an SQL string literal.

    >>> _literal("it's")
    "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


def _added(items, at: int) -> tuple[dict, dict, dict]:
    """``(added, {}, {})`` per label (item ``[at]``) of rows that are all new, as
    :func:`kgraph.store.history.plan_append` counts them against nothing."""
    return dict(Counter(map(itemgetter(at), items))), {}, {}  # labels in the order first seen


def _totals(nodes: dict, edges: dict) -> dict[str, int]:
    """:meth:`kgraph.model.Dataset.counts` from the counts of nodes and edges."""
    out = dict(nodes)
    for k, n in edges.items():
        out[k] = out.get(k, 0) + n
    return out


def _count(counts: dict, old, new, key, label, sign: int) -> None:
    """Add ``sign`` to the count of the change from ``old`` to ``new`` (``_GONE``: absent)."""
    if old is _GONE and new is _GONE:
        return
    if old is _GONE:
        what, lb = "added", label(key, new)
    elif new is _GONE:
        what, lb = "removed", label(key, old)
    elif old != new:
        what, lb = "changed", label(key, new)
    else:
        return
    n = counts[what].get(lb, 0) + sign
    if n:
        counts[what][lb] = n
    else:
        counts[what].pop(lb, None)


def _counts(old_n, old_e, new_n, new_e) -> str:
    a, c, r = hist.diff_counts(old_n, new_n, lambda _k, v: v[0])
    a2, c2, r2 = hist.diff_counts(old_e, new_e, lambda k, _v: k[0])
    return json.dumps({"added": {**a, **a2}, "changed": {**c, **c2}, "removed": {**r, **r2}}, sort_keys=True)


def _report(old_n, old_e, new_n, new_e, dataset: Dataset) -> ImportReport:
    a, c, r = hist.diff_counts({i: s[2] for i, s in old_n.items()}, new_n, lambda _k, v: v[0])
    a2, c2, r2 = hist.diff_counts({k: s[2] for k, s in old_e.items()}, new_e, lambda k, _v: k[0])
    return ImportReport(added={**a, **a2}, changed={**c, **c2}, removed={**r, **r2}, totals=dataset.counts())
