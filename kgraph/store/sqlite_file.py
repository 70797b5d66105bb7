"""The embedded store's file: its schema, opening, creating, migrating, and what SQLite's errors mean.

- **Created on the first write that commits**: a store that does not exist yet (or a
  0-byte file) reads as empty, and the first write builds the file beside it under a
  temporary name and moves it into place only after the commit, so a failed import, or
  ``info`` on a missing file, leaves nothing behind (:func:`create_file`).
- **Migrated in place**: a store of schema version 1 (one unversioned dataset) becomes
  one version of source ``import`` dated at the file's modification date, in one
  transaction (:func:`migrate`); on a read-only file system the migration happens in a
  copy in memory, for reading. A store of version 2 is read and written as it is
  (:data:`READ_AS_IS`): version 3 differs only in an index, which every query of this
  kgraph reads in either shape (:func:`by_target`).
- **Refused with a reason**: a newer schema version, another SQLite file, a file that is
  not SQLite, a damaged file (``PRAGMA quick_check``), a store another process keeps
  busy beyond the busy timeout, a read-only or full disk: each a
  :class:`~kgraph.errors.StoreError` (exit 4) saying which, with a hint
  (:func:`store_error`).
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from ..i18n import _
from .history import DEFAULT_SOURCE, OPEN

__all__ = ["SCHEMA_VERSION", "READ_AS_IS", "ROWS_VERSION", "NOT_KNOWS", "KNOWS_INDEX", "by_target", "edge_indexes",
           "DDL", "busy_timeout", "connect", "init_schema", "create_file", "migrate", "store_error", "BUSY_ENV",
           "Stamp", "read_transaction"]

#: the schema this kgraph writes (1: one dataset; 2: dated versions per source; 3: as 2, with
#: the ``(rel, target)`` index leaving out the ``KNOWS`` edges, which :data:`KNOWS_INDEX` holds)
SCHEMA_VERSION = 3
#: older versions this kgraph reads and writes without migrating them (see :func:`by_target`)
READ_AS_IS = frozenset({2})
#: the version of the rows' format (part of a store's record of its inputs,
#: :func:`kgraph.store.sqlite_write.store_key`): version 3 changed an index, not the rows
ROWS_VERSION = 2
BUSY_ENV = "KGRAPH_BUSY_TIMEOUT"
DEFAULT_BUSY = 30.0

#: the condition of the ``(rel, target)`` index (format 3): a query through it states it
NOT_KNOWS = "rel <> 'KNOWS'"
#: the ``KNOWS`` edges by item, with their properties (who-knows ranks their holders without
#: reading a table row); every write of this kgraph makes it (:func:`kgraph.store.sqlite_terms.create`)
KNOWS_INDEX = """CREATE INDEX IF NOT EXISTS edge_rows_knows ON edge_rows(target, source, key, origin, valid_from, valid_to, props)
        WHERE rel = 'KNOWS'"""

#: one statement per item, so that other additions merge cleanly
DDL = [
    """CREATE TABLE IF NOT EXISTS node_rows (
        id         TEXT NOT NULL,
        origin     TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to   TEXT NOT NULL,
        kind       TEXT NOT NULL,
        name       TEXT,
        props      TEXT NOT NULL,
        PRIMARY KEY (id, origin, valid_from)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS node_rows_kind_name ON node_rows(kind, name COLLATE NOCASE)",
    """CREATE TABLE IF NOT EXISTS edge_rows (
        rel        TEXT NOT NULL,
        source     TEXT NOT NULL,
        target     TEXT NOT NULL,
        key        TEXT NOT NULL DEFAULT '',
        origin     TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to   TEXT NOT NULL,
        props      TEXT NOT NULL,
        PRIMARY KEY (rel, source, target, key, origin, valid_from)
    ) WITHOUT ROWID""",
    # by target (the incoming edges), but not of KNOWS: KNOWS_INDEX holds those with their properties
    # (a third of the edges at 50,000 persons: indexed twice, they made a first import 0.2-0.3 s
    # longer and its store 12 MB larger; bench/notes/fast-import.md, fourteenth round)
    f"CREATE INDEX IF NOT EXISTS edge_rows_rel_target ON edge_rows(rel, target, source) WHERE {NOT_KNOWS}",
    """CREATE TABLE IF NOT EXISTS versions (
        origin      TEXT NOT NULL,
        as_of       TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        counts      TEXT NOT NULL,
        PRIMARY KEY (origin, as_of)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
    # keyed records (accounts, survey waves and answers, ...): JSON values, see Store.put_record
    """CREATE TABLE IF NOT EXISTS records (
        kind  TEXT NOT NULL,
        key   TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID""",
]


def busy_timeout() -> float:
    """Seconds to wait for another process's write (``KGRAPH_BUSY_TIMEOUT``, default 30)."""
    try:
        return max(0.0, float(os.environ.get(BUSY_ENV) or DEFAULT_BUSY))
    except ValueError:
        return DEFAULT_BUSY


class Stamp:
    """The file change counter in the store's SQLite header (bytes 24-27), which every commit
    by any connection changes in the rollback-journal mode.

    Closing any descriptor of a file releases every POSIX lock this process holds on it,
    also a write transaction's of another thread (https://www.sqlite.org/howtocorrupt.html,
    2.2): another process could then write at the same time. So the counter is read through
    one descriptor per file and process (:data:`_SHARED`, by device and inode), shared by every
    store of that file and closed when the last of them is closed or collected, when no
    connection of theirs holds a lock any more (SQLite defers closing its own descriptors
    in the same way)."""

    def __init__(self, path: Path):
        self.path, self._fd, self._id, self._closer = path, None, None, None

    def read(self) -> bytes | None:
        """The four bytes, or None while there is no file."""
        try:
            st = os.stat(self.path)
            if self._fd is None or self._id != (st.st_dev, st.st_ino):  # first read, or the file was replaced
                self.close()
                import weakref

                self._id, self._fd = _share(self.path, (st.st_dev, st.st_ino))
                self._closer = weakref.finalize(self, _unshare, self._id)  # a store never closed: when collected
            return os.pread(self._fd, 4, 24)
        except OSError:
            return None

    def close(self) -> None:
        closer, self._fd, self._closer = self._closer, None, None
        if closer is not None:
            closer()


#: (device, inode) -> [descriptor, stamps using it]: one descriptor per store file (:class:`Stamp`)
_SHARED: dict[tuple[int, int], list[int]] = {}
#: descriptors of a file replaced between a stat and an open while another was shared: never closed
_SPARE: list[int] = []
#: reentrant: a stamp collected (its finalizer) while this thread shares or unshares another
_LOCK = threading.RLock()


def _share(path: Path, ident: tuple[int, int]) -> tuple[tuple[int, int], int]:
    """The shared descriptor of the file ``ident`` (opened at ``path`` if none is), counted."""
    with _LOCK:
        got = _SHARED.get(ident)
        if got is None:
            fd = os.open(path, os.O_RDONLY)
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino) != ident:  # replaced since the stat: share what was opened
                ident = (st.st_dev, st.st_ino)
                if ident in _SHARED:  # closing this one would drop locks on that file: kept
                    _SPARE.append(fd)
            got = _SHARED.setdefault(ident, [fd, 0])
        got[1] += 1
        return ident, got[0]


def _unshare(ident: tuple[int, int]) -> None:
    """One stamp less on ``ident``'s descriptor; closed with the last."""
    with _LOCK:
        got = _SHARED.get(ident)
        if got is None:
            return
        got[1] -= 1
        if got[1] <= 0:
            del _SHARED[ident]
            os.close(got[0])


@contextmanager
def read_transaction(db: sqlite3.Connection | None, path: Path | str = ""):
    """One read transaction around the block: every read in it sees the same committed state
    (a writer's commit waits for its end, within the busy timeout; beyond it a
    :class:`StoreError` for ``path``). Nothing where ``db`` is None or already in a transaction."""
    if db is None or db.in_transaction:
        yield
        return
    try:
        db.execute("BEGIN")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read lock now, not at the block's first read
    except sqlite3.Error as exc:
        err = store_error(path, exc, db)
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise err from None
    try:
        yield
    finally:
        if db.in_transaction:
            db.execute("COMMIT")


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection with kgraph's settings: autocommit (transactions are explicit), the
    rollback journal (no ``-wal`` files), full sync, ``secure_delete`` (deleted records
    are overwritten) and the busy timeout."""
    db = sqlite3.connect(str(path), isolation_level=None, timeout=busy_timeout())
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=OFF")
    db.execute("PRAGMA secure_delete=ON")
    return db


def edge_indexes(db: sqlite3.Connection) -> dict[str, str]:
    """``{name: CREATE statement}`` of the store's indexes of ``edge_rows``."""
    return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'edge_rows' "
                           "AND sql IS NOT NULL").fetchall())


def by_target(db: sqlite3.Connection, relation: str, alias: str = "") -> tuple[str, str]:
    """How to read ``relation``'s edges by target (on ``edge_rows``, aliased ``alias``):
    ``(the INDEXED BY clause, a condition to add with AND)``. Each partial index's condition
    is stated as it is written (SQLite reads a partial index only for a query whose
    conditions name its own, not for ``rel = ?``). ``KNOWS``: through :data:`KNOWS_INDEX`,
    or, in a store without it, the ``(rel, target)`` index where that holds them (format
    2), else through none. Another relation: through the ``(rel, target)`` index
    (:data:`NOT_KNOWS`; the index of format 2 has no condition, and it holds there too).

    >>> db = sqlite3.connect(":memory:")
    >>> init_schema(db)
    >>> by_target(db, "KNOWS"), by_target(db, "BROADER", "e")
    (('', "rel = 'KNOWS'"), ('INDEXED BY edge_rows_rel_target', "e.rel <> 'KNOWS'"))
    >>> _ = db.execute(KNOWS_INDEX)
    >>> by_target(db, "KNOWS", "e")
    ('INDEXED BY edge_rows_knows', "e.rel = 'KNOWS'")
    """
    col = f"{alias}.rel" if alias else "rel"
    if relation != "KNOWS":
        return "INDEXED BY edge_rows_rel_target", NOT_KNOWS.replace("rel", col, 1)
    found = edge_indexes(db)
    sql = found.get("edge_rows_rel_target")
    index = "edge_rows_knows" if "edge_rows_knows" in found else \
        "edge_rows_rel_target" if sql and " WHERE " not in sql.upper() else None
    return (f"INDEXED BY {index}" if index else ""), f"{col} = 'KNOWS'"


def init_schema(db: sqlite3.Connection) -> None:
    """Create the tables of :data:`SCHEMA_VERSION` in an empty database (one transaction)."""
    db.execute("BEGIN IMMEDIATE")
    for stmt in DDL:
        db.execute(stmt)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    db.execute("COMMIT")


def create_file(path: Path, work) -> None:
    """Build a new store file at ``path`` by running ``work(db)`` on a fresh database beside
    it, then moving it into place: nothing is left at ``path`` if ``work`` fails. The
    temporary file is written without a journal file or syncs, then synced once, and the
    folder is synced once it has the new name (:func:`_sync_folder`).

    Raises FileExistsError when another process created ``path`` meanwhile (the caller
    then writes into that file instead).
    """
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(_("{path}: cannot create the store: the folder {folder} does not exist").format(
            path=path, folder=folder))
    from . import sqlite_temp

    sqlite_temp.sweep(folder, path.name)  # what a killed write left (see sqlite_temp)
    fd, tmp = sqlite_temp.create(folder, path.name, ".new")
    try:
        db = connect(tmp)
        try:
            # nobody else sees this file before it is complete: no journal on disk and no
            # syncs while it is built (a crash leaves only the temporary file); one sync below
            db.execute("PRAGMA journal_mode=MEMORY")
            db.execute("PRAGMA synchronous=OFF")
            init_schema(db)
            work(db)
        finally:
            db.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())  # on disk before it is published under its name
        from ..fileout import file_mode

        os.chmod(tmp, file_mode())  # as a file SQLite creates itself (mkstemp makes it private)
        if path.exists() and path.stat().st_size == 0:
            os.replace(tmp, path)  # a 0-byte file is no store yet
        else:
            os.link(tmp, path)  # fails if another process created it meanwhile
    finally:
        sqlite_temp.release(fd, tmp)
    _sync_folder(folder)  # the new name (and the temporary one gone) on disk, before the import says it is done


def _sync_folder(folder: Path) -> None:
    """``fsync`` the folder, so that a name just given to a file in it survives a crash
    (POSIX makes a new directory entry durable only by syncing the directory; SQLite's
    unix VFS syncs the folder of a journal it has just created for the same reason). As
    SQLite does, a folder that cannot be opened or synced (Windows, some network file
    systems) is left as it is: the file itself is synced, and its name is then as durable
    as that file system makes it.

    >>> import tempfile
    >>> _sync_folder(Path(tempfile.mkdtemp()))
    """
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - Windows: a folder cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - a file system that cannot sync a directory
        pass
    finally:
        os.close(fd)


def migrate(db: sqlite3.Connection, path: Path, version: int) -> str | None:
    """Bring a store of an older schema version to :data:`SCHEMA_VERSION`, in one transaction.

    Version 1 (tables ``nodes``, ``edges``, ``settings``; one dataset) becomes one
    version of source ``import`` dated at the file's modification date. Returns the
    notice to show (None when nothing was done).
    """
    if version == SCHEMA_VERSION:
        return None
    if version != 1:  # pragma: no cover - only 1 exists before
        raise StoreError(_("{path}: cannot migrate store format {version}").format(path=path, version=version))
    try:
        day = _dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except (OSError, ValueError):
        day = _dt.date.today().isoformat()
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    db.execute("BEGIN IMMEDIATE")
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for stmt in DDL:
            db.execute(stmt)
        db.execute(KNOWS_INDEX)
        counts: dict[str, dict[str, int]] = {"added": {}, "changed": {}, "removed": {}}
        if "nodes" in tables:
            db.execute("INSERT INTO node_rows(id, origin, valid_from, valid_to, kind, name, props) "
                       "SELECT id, ?, ?, ?, kind, name, props FROM nodes", (DEFAULT_SOURCE, day, OPEN))
            counts["added"].update(db.execute("SELECT kind, count(*) FROM nodes GROUP BY kind"))
            db.execute("DROP TABLE nodes")
        if "edges" in tables:
            db.execute("INSERT INTO edge_rows(rel, source, target, key, origin, valid_from, valid_to, props) "
                       "SELECT rel, source, target, key, ?, ?, ?, props FROM edges", (DEFAULT_SOURCE, day, OPEN))
            counts["added"].update(db.execute("SELECT rel, count(*) FROM edges GROUP BY rel"))
            db.execute("DROP TABLE edges")
        if counts["added"]:
            db.execute("INSERT INTO versions(origin, as_of, recorded_at, counts) VALUES (?,?,?,?)",
                       (DEFAULT_SOURCE, day, now, json.dumps(counts, sort_keys=True)))
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return _("{path}: store format 1 migrated to format {version}: its data is now the version of {day}").format(
        path=path, version=SCHEMA_VERSION, day=day)


def _name(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def damaged(db: sqlite3.Connection | None) -> bool:
    """Whether ``PRAGMA quick_check`` finds the file damaged (or cannot run)."""
    if db is None:
        return False
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError:
        return True
    return rows != [("ok",)]


def store_error(path: Path | str, exc: sqlite3.Error, db: sqlite3.Connection | None = None, *,
                writing: bool = False) -> StoreError:
    """The :class:`StoreError` for an SQLite error on the store at ``path``: busy, read-only,
    disk full, damaged, not SQLite, ... each with its own message and hint."""
    name = _name(exc)
    text = str(exc)
    rolled = _(" nothing was written") if writing else ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreError(
            _("{path}: the store is busy: another process is writing or reading it, and it did not finish "
              "within {seconds:.0f} s;{rolled}").format(path=path, seconds=busy_timeout(), rolled=rolled).rstrip(";"),
            hint=_("try again when the other kgraph command has finished; {env} sets the wait in seconds").format(
                env=BUSY_ENV))
    if name.startswith("SQLITE_READONLY") or (writing and name.startswith("SQLITE_CANTOPEN")):
        return StoreError(_("{path}: the store is read-only here (file or folder not writable, or a read-only "
                            "file system);{rolled}").format(path=path, rolled=rolled).rstrip(";"),
                          hint=_("reading works; to write, use a copy in a writable folder or fix the permissions"))
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and writing):
        return StoreError(_("{path}: could not write the store: the disk is full (or the file size limit was "
                            "reached); the change was rolled back,{rolled}").format(path=path, rolled=rolled),
                          hint=_("free some space and run the command again"))
    if name.startswith("SQLITE_NOTADB"):
        return StoreError(_("{path}: not a kgraph store: the file is not an SQLite database").format(path=path),
                          hint=_("check --store; kgraph creates its store on the first import"))
    if name.startswith("SQLITE_CANTOPEN"):
        return StoreError(_("{path}: cannot open the store file ({reason})").format(path=path, reason=text),
                          hint=_("check that the file and its folder exist and can be read"))
    if name.startswith("SQLITE_CORRUPT") or damaged(db):
        return StoreError(_("{path}: the file is damaged (SQLite: {reason})").format(path=path, reason=text),
                          hint=_("restore the store from a backup, or import your data again into a new store "
                                 "(`kgraph import PATH --store new.db`)"))
    if name.startswith("SQLITE_IOERR"):
        return StoreError(_("{path}: the store could not be read (input/output error: {reason})").format(
            path=path, reason=text), hint=_("check the disk and the file system"))
    return StoreError(_("{path}: the store failed: {reason}").format(path=path, reason=text))


def sql_errors(method):
    """Turn SQLite's errors in ``method`` into clear :class:`StoreError`s (see :func:`store_error`)."""
    writing = method.__name__ in ("replace", "known_input", "forget", "set_setting", "compact", "put_records",
                                  "delete_record", "put_record_if")

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise store_error(self.path, exc, self.db, writing=writing) from None
        except json.JSONDecodeError:
            raise StoreError(_("{path}: a stored row is damaged (its properties are not valid JSON)").format(
                path=self.path), hint=_("import your data again, or restore the store from a backup")) from None

    return run
