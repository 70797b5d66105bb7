"""The writer and the helper of a first import whose largest table was validated by a forked
process (:mod:`kgraph.ingest.aside`): that process writes the table's rows, the node rows and
the who-knows terms into a file of its own (:class:`EdgeWriter`), which the import copies in
(:class:`PartsHelper`), as it copies the rows of :mod:`kgraph.store.sqlite_split`'s helper.
It says on its pipe when the file is whole, and then sends the digests of its relations,
which it computes while the import copies the file and builds its indexes.
"""

from __future__ import annotations

import os
import sqlite3
from operator import itemgetter
from typing import NamedTuple

from .._fork import Background, receive
from ..model import Dataset
from . import sqlite_temp
from .sqlite_split import ATTACHED, EdgeHelper, _attached, _columns, _write, edge_rows, insert_many, with_columns

__all__ = ["EdgeWriter", "PartsHelper", "Made", "node_rows"]


class EdgeWriter:
    """Where a forked process of :mod:`kgraph.ingest.aside` writes the rows of the edges it
    validated, for a new store's first import (:meth:`kgraph.store.sqlite.EmbeddedStore.edge_writer`):
    a file of its own beside the store (made and locked by :meth:`prepare`, in the importing
    process), with the rows in key order (as :func:`~kgraph.store.sqlite_split._write`), the
    node rows and the items' who-knows terms; the digests of its relations
    (:func:`kgraph.store.digest.digest_parts`) follow on its pipe. The import copies them in
    through :meth:`helper` (:meth:`PartsHelper.copy_into`), as it copies the rows of
    :func:`kgraph.store.sqlite_split.start`'s helper."""

    def __init__(self, store_path: str, insert: str, ddl: str, node_insert: str | None = None, node_ddl: str | None = None,
                 node_index: str | None = None):
        self.folder, self.name = os.path.split(os.path.abspath(store_path))
        self.insert, self.ddl = insert, ddl
        self.node_insert, self.node_ddl = node_insert, node_ddl  # the node rows and the who-knows terms (__call__)
        self.node_index = node_index  # the store's index of the node rows, built here too (_nodes)
        self.fd: int | None = None
        self.path: str | None = None
        self.made: Made | None = None  # see meanwhile

    def meanwhile(self, dataset: Dataset, kept=()) -> None:
        """In the importing process, while the other process validates: the rows the import
        will make of ``dataset``'s own edges and of the clean tables it ``kept`` as their columns
        (:class:`~kgraph.ingest.columns.EdgeColumns`), in key order as :func:`edge_rows`, so
        that the import need not. (The other process writes the node rows, :meth:`__call__`; the
        digests are made while the import waits for SQLite and for the other process,
        :meth:`PartsHelper.meanwhile`.)"""
        rows = edge_rows(dataset.edges, frozenset(), False, shared=True)  # the import's own: shared maps
        self.made = Made(with_columns(rows, kept), dataset.edges)

    def prepare(self) -> bool:
        """Make the file (before the fork); False where it cannot be made."""
        sqlite_temp.sweep(self.folder, self.name)  # what a killed import left (see sqlite_temp)
        try:
            self.fd, self.path = sqlite_temp.create(self.folder, self.name, ".edges")
        except OSError:
            return False
        return True

    def __call__(self, edges: dict, nodes: dict | None = None, columns=()):
        """In the forked process: write ``edges`` (all of one or more relations) and the edges
        of ``columns`` (clean tables kept as their columns, :mod:`kgraph.ingest.columns`) into the file,
        and, given the dataset's ``nodes``, their rows (in the store's own table, with the store's
        index of them, so that SQLite copies both as they are) and the who-knows terms of its knowledge items, built as the
        store builds them from its node rows (:func:`kgraph.store.sqlite_terms.rebuild`). A new
        store's import copies them (:meth:`PartsHelper.copy_into`, :meth:`PartsHelper.takes_terms`).

        Returns a function giving the digests of the edges' relations
        (:func:`kgraph.store.digest.digest_parts`, as JSON): the forked process computes them
        after the file is whole, while the import copies the rows and builds its indexes, and
        sends them on its pipe (:mod:`kgraph.ingest.aside`), which the helper reads
        (:meth:`helper`)."""
        import json

        from .digest import digest_parts

        more = None if nodes is None or self.node_insert is None else (lambda out: self._nodes(out, nodes))
        _write(self.path, self.ddl, self.insert, edges, None, None, more=more,
               shared=True, columns=columns)  # the edges an aside validated: the import's own, with shared maps
        return lambda: json.dumps(digest_parts(None, edges, columns)).encode()

    def _nodes(self, out: sqlite3.Connection, nodes: dict) -> None:
        from . import sqlite_terms as st

        out.execute(self.node_ddl)
        insert_many(out, self.node_insert, node_rows(nodes))
        if self.node_index:  # the store's own: the import copies the rows and their index as they are
            out.execute(self.node_index)
        st.create(out, triggers=False, index=False)  # the terms' tables alone (the index is the store's)
        st.rebuild(out)

    def helper(self, db: sqlite3.Connection, pid: int, rels: frozenset, count: int, channel: int) -> EdgeHelper | None:
        """The forked process ``pid`` as the helper of the import into ``db`` (an empty
        ``edge_rows`` of the same table), which from then on stops it, reads and closes its
        pipe ``channel`` (past its verdict: a message once the file is whole, then the digests
        of :meth:`__call__`) and removes the file; None where ``db`` is not such a store."""
        (ddl,) = db.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name='edge_rows'").fetchone()
        if _columns(ddl) != _columns(self.ddl) or db.execute("SELECT 1 FROM edge_rows LIMIT 1").fetchone():
            return None
        out = PartsHelper(pid, self.path, rels, count, self.insert, self.fd)
        out.channel = channel
        out.made, out.node_insert = self.made, self.node_insert
        self.fd, self.path, self.made = None, None, None
        return out

    def release(self) -> None:
        """Remove the file (not taken by a helper), where it was made."""
        fd, path, self.fd, self.path = self.fd, self.path, None, None
        if path is not None:
            sqlite_temp.release(fd, path)


def node_rows(nodes: dict) -> list[tuple]:
    """The rows of ``nodes`` as the import writes them (encoded as
    :func:`~kgraph.store.sqlite_write.encoded`), in key order: ``(id, kind, name, props JSON)``."""
    from .sqlite_write import encoded

    rows = [(i, *row) for i, row in encoded(Dataset(nodes=nodes))[0].items()]
    rows.sort(key=itemgetter(0))
    return rows


class Made(NamedTuple):
    """What :meth:`EdgeWriter.meanwhile` made of a dataset in advance."""

    #: the rows of the edges this process holds (:func:`edge_rows`)
    rows: list
    #: the edges they were made of (the dataset's, unless it changed since)
    edges: dict


class PartsHelper(EdgeHelper):
    """A helper that sends the digests of its relations on its pipe once its file is whole: the
    dataset's digest combines them with those of the nodes and edges this process holds (see
    :class:`EdgeWriter`).
    :attr:`made`: what :meth:`EdgeWriter.meanwhile` made of the dataset's edges, or None."""

    made: Made | None = None
    #: the INSERT of a node row: the helper writes the node rows (:meth:`EdgeWriter.helper`)
    node_insert: str | None = None
    #: the helper's pipe (:meth:`EdgeWriter.helper`): whether its file is whole, then its digests
    channel: int | None = None
    _ready: bool | None = None
    _background: Background | None = None

    def _wait(self) -> bool:
        """Whether the helper's file is whole: it says so on its pipe (and goes on with its
        digests, :meth:`EdgeWriter.__call__`)."""
        if self._ready is None:
            self._ready = self.channel is not None and receive(self.channel) == b""
            if not self._ready:  # it ended first: not trusted
                self._close_channel()
                self._reap()
        return self._ready

    def _digests(self) -> dict | None:
        """The digests the helper sent after its file (None: it did not, or ended badly)."""
        import json

        if self.channel is None:
            return None
        try:
            data = receive(self.channel)
        finally:
            self._close_channel()
        return json.loads(data) if data and self._reap() else None

    def _close_channel(self) -> None:
        fd, self.channel = self.channel, None
        if fd is not None:
            os.close(fd)

    def close(self) -> None:
        self._close_channel()
        super().close()

    def writes_nodes(self, dataset: Dataset) -> bool:
        """Whether the helper writes the node rows of ``dataset`` (:meth:`copy_into` copies
        them; the import writes none of its own)."""
        return self.node_insert is not None and self.own(dataset) is not None

    def own(self, dataset: Dataset) -> Made | None:
        """What was made in advance for ``dataset`` (None: nothing, or for other edges)."""
        made = self.made
        return made if made is not None and made.edges is dataset.edges and dataset.pending is not None else None

    def takes_terms(self, db: sqlite3.Connection, source: str) -> bool:
        """Whether the who-knows terms the helper builds (of the dataset's items) are the
        store's: no other source holds an item."""
        return db.execute("SELECT 1 FROM node_rows WHERE kind='KnowledgeItem' AND origin<>? LIMIT 1",
                          (source,)).fetchone() is None

    def meanwhile(self, dataset: Dataset) -> None:
        """Start digesting this process's nodes and edges of ``dataset`` in a thread
        (:class:`kgraph._fork.Background`), where :meth:`own` made its rows in advance. The import calls it
        just before :meth:`copy_into`: from there on it waits for the helper, then for SQLite
        (the copy, the indexes), which lets go of the interpreter's lock. Not sooner: while
        SQLite builds the ``KNOWS`` index the helper still works, and three would share two
        cores (bench/notes/fast-import.md, ninth to eleventh rounds)."""
        from .digest import digest_parts

        if self._background is not None or self.own(dataset) is None:
            return
        nodes, edges = dataset.nodes, dict(dataset.edges)  # (a copy: the dataset's may grow meanwhile)
        kept = list(dataset.pending.kept)  # the clean tables this process kept as their columns
        self._background = Background(lambda: digest_parts(nodes, edges, kept))

    def copy_into(self, db: sqlite3.Connection, dataset: Dataset):
        """As :meth:`EdgeHelper.copy_into`; then the node rows where the helper writes them
        (:meth:`writes_nodes`; written here after all where its file does not hold them all),
        and the helper's who-knows terms. Where :meth:`meanwhile` digests this process's
        nodes and edges, the dataset's digest is returned as a function, which awaits them
        (the import calls it once its indexes are built)."""
        from .digest import combine_digest, digest_parts

        bg, theirs_nodes = self._background, self.writes_nodes(dataset)  # (before: a failed helper's edges complete the dataset)
        got = super().copy_into(db, dataset)  # the wait for the helper, then its rows: no Python here
        terms = True  # the helper's terms are of the store's items
        if theirs_nodes and not (dataset.pending is not None and self._copy_nodes(db, len(dataset.nodes))):
            insert_many(db, self.node_insert, node_rows(dataset.nodes))
            terms = False
        if terms and ATTACHED in _attached(db):  # its rows were copied: its terms too, where it built them all
            try:
                if db.execute(f"SELECT 1 FROM {ATTACHED}.item_words WHERE len=-1").fetchone() and \
                        db.execute("SELECT 1 FROM main.item_words LIMIT 1").fetchone() is None:
                    db.execute(f"INSERT INTO main.item_terms SELECT * FROM {ATTACHED}.item_terms")
                    db.execute(f"INSERT INTO main.item_words SELECT * FROM {ATTACHED}.item_words")
            except sqlite3.DatabaseError:
                pass  # none there (or incomplete): the transaction's refresh builds them here
        if dataset.pending is None:  # written here after all: ``got`` is the whole dataset's digest
            return got

        def combined() -> str | None:
            parts = bg.result() if bg else digest_parts(dataset.nodes, dataset.edges, dataset.pending.kept)
            theirs = self._digests()  # (its file's ``done`` table holds none: they come on the pipe)
            return combine_digest(None if theirs is None or parts is None else {**parts, **theirs})

        return combined if bg else combined()

    def _copy_nodes(self, db: sqlite3.Connection, count: int) -> bool:
        """Copy the helper's node rows (its file attached, its edges copied): into an empty
        table without triggers, whose one index the helper built in its file too, SQLite moves
        the rows and the index as they are; False where the file does not hold ``count`` of them
        (nothing copied then)."""
        try:
            (n,) = db.execute(f"SELECT count(*) FROM {ATTACHED}.node_rows").fetchone()
            if n != count:
                return False
            db.execute(f"INSERT INTO main.node_rows SELECT * FROM {ATTACHED}.node_rows")
        except sqlite3.DatabaseError:
            return False
        return True
