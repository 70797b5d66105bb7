"""A large relation table validated beside the rest of the input, by a forked process that
then writes its rows: the first import of a large organisation into a new embedded store
(issue 15, target 6; bench/notes/fast-import.md, eighth round).

At 50,000 persons ``ties.csv`` is 490,000 rows of the input's 940,000. Validating the input
in one process, then writing the store in two (:mod:`kgraph.store.sqlite_split`), left one
core idle for the 4-5 s the validation took. Here the largest table whose relation no other
table makes (``ties`` -> ``WORKS_WITH``, at least :data:`ASIDE_BYTES`) is not parsed while
the input is read (:func:`kgraph.ingest.reader.read_input`, ``defer``), nor are the other
tables that come after the node tables (:func:`kgraph.ingest.load_dataset`: each is parsed
where it is validated, so the fork comes sooner). Once the node tables are validated, a
forked process (which inherits them) parses and validates it, as the importing process
would, and sends back its problems, its warnings and how many edges it holds; the
importing process validates the other tables meanwhile. Without a problem anywhere, the
child then writes the table's rows into a file of its own through the store's writer
(:class:`kgraph.store.sqlite_aside.EdgeWriter`), which the import copies in as soon as the
child says on its pipe that the file is whole (the writer also writes the node rows: the
child holds every node); the child then digests its edges and sends the digests too, while
the import copies and builds its indexes. Its edges never come back
(:attr:`kgraph.model.Dataset.pending`).

Both processes keep a clean table's edges as its columns (:mod:`kgraph.ingest.columns`): the
child its table, the importing process the other tables whose relation no other table makes
(:meth:`Aside.columnar`, in :attr:`Aside.kept` while the child runs). The store makes their
rows and digests straight from the columns, without a key tuple and a map per edge (at
50,000 persons, 765,000 of the 902,000 edges; bench/notes/fast-import.md, fifteenth round).

What a user sees is what one process gives: the same problems (every problem is sorted at
the end), the same warnings in the same order (those of the table set aside go where its
table comes), the same rows in the store (``tests/ingest/test_aside.py``). Whatever needs
the edges themselves calls :meth:`kgraph.model.Dataset.complete`, which validates the table
again in this process (:meth:`Aside.complete`): a store that is not new after all, a child
that failed. A child that ends without a verdict is not trusted either: the table is then
validated here, where it would have been. All-or-nothing stays with the importing process:
the child writes nothing but its own temporary file, is stopped when the import fails, and
its file is removed in every case.
"""

from __future__ import annotations

import os
import pickle
import weakref
from collections import Counter
from itertools import islice
from operator import itemgetter
from .._fork import can_fork, receive, send
from ..model import model

__all__ = ["Aside", "ASIDE_BYTES", "exclusive_tables", "chosen"]

#: a table's file below this size is validated with the rest (a fork and a copy cost more)
ASIDE_BYTES = 2 * 2**20


#: relations the checks after the relation tables read (:func:`kgraph.ingest.advice.management_warnings`;
#: the hierarchies' are made by node tables): a table of one of them is validated with the rest
READ_AFTER = frozenset({"MEMBER_OF", "PART_OF", "BROADER"})


def exclusive_tables() -> dict[str, str]:
    """``{table: relation}`` of the relation tables that may be set aside: their relation
    is made by no other table and read by no later check (:data:`READ_AFTER`), and no
    column of theirs is checked against another table's row later (a percentage)."""
    m = model()
    makers = Counter(t.relation for t in m.tables.values() if t.relation)
    makers.update(c.edge for t in m.tables.values() for c in t.columns if c.edge)
    return {name: t.relation for name, t in m.tables.items()
            if t.relation and makers[t.relation] == 1 and t.relation not in READ_AFTER
            and not any(c.percent_if for c in t.columns)}


def chosen(entries: list) -> frozenset[str]:
    """The table to set aside among a folder's files (:attr:`kgraph.ingest.reader.InputFiles.entries`):
    the largest file of an :func:`exclusive <exclusive_tables>` table, if at least :data:`ASIDE_BYTES`."""
    ours = exclusive_tables()
    sizes = {table: len(data) for _name, table, data in entries if table in ours and isinstance(data, bytes)}
    best = max(sorted(sizes), key=sizes.__getitem__, default=None)
    return frozenset() if best is None or sizes[best] < ASIDE_BYTES else frozenset({best})


class Aside:
    """The tables of ``raw.deferred`` validated by a forked child that hands its edges to
    ``writer`` (see the module's doc). :func:`kgraph.ingest.validate.validate_input` calls
    :meth:`start` after the node tables, :meth:`mark` where each table would be validated,
    and :meth:`join` at the end."""

    def __init__(self, writer):
        # the store's: prepare(), meanwhile(dataset), __call__(edges, nodes) in the child (returning
        # None or a function whose bytes the child sends once its rows are written), helper(...), release()
        self.writer = writer
        self.tables: tuple[str, ...] = ()
        self.rels: frozenset[str] = frozenset()
        self.counts: dict[str, int] = {}  # edges per relation, from the verdict
        # the clean tables this process validated whose edges it keeps as columns, not in the dataset's
        # map, while the child runs (validate_input; :meth:`columnar`): the store writes their rows straight
        self.kept: list = []
        self.pid: int | None = None
        self._rfd: list[int] = []
        self._marks: dict[str, int] = {}
        self._sources: dict[str, tuple[str, bytes]] = {}  # the tables' bytes, for complete()
        self._taken = False
        self._wanted: frozenset[str] = frozenset()
        self._done = weakref.finalize(self, _stop, None, writer, [])  # the child stopped, its file removed

    def choose(self, entries: list) -> frozenset[str]:
        """The table to set aside among a folder's files (:func:`chosen`), remembered for :meth:`start`."""
        self._wanted = chosen(entries)
        return self._wanted

    # -- in validate_input ------------------------------------------------------
    def start(self, chk) -> bool:
        """Fork the child for the deferred tables of ``chk.raw`` it :meth:`chose <choose>`;
        False (and nothing forked) where it cannot: then
        :func:`~kgraph.ingest.validate.validate_input` parses them itself."""
        raw, exclusive = chk.raw, exclusive_tables()
        names = tuple(n for n in model().tables if n in raw.deferred and n in exclusive and n in self._wanted)
        if not names or not can_fork() or not self.writer.prepare():
            return False
        self._sources = {n: raw.deferred[n] for n in names}
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # pragma: no cover - no process to spare: validated here
            os.close(r)
            os.close(w)
            self.writer.release()
            return False
        if pid == 0:  # the child: it never returns into the caller
            os.close(r)
            _child(chk, names, w, self.writer)
        os.close(w)
        self.tables, self.rels, self.pid = names, frozenset(exclusive[n] for n in names), pid
        self._rfd = [r]  # the pipe's end, until the store's helper takes it (helper) or close
        self._done.detach()
        self._done = weakref.finalize(self, _stop, pid, self.writer, self._rfd)
        return True

    def columnar(self) -> frozenset[str]:
        """The tables whose edges this process keeps as their columns where they are clean
        (:mod:`kgraph.ingest.columns`), in :attr:`kept`: the :func:`exclusive <exclusive_tables>`
        tables it validates itself (their relations no other table makes, nor any check after
        them reads). :attr:`kgraph.model.Dataset.edges` lacks their edges while the child runs
        (:meth:`complete` brings them in); the store makes their rows straight from the columns
        (:meth:`kgraph.store.sqlite_aside.EdgeWriter.meanwhile`)."""
        return frozenset(exclusive_tables()) - set(self.tables)

    @property
    def totals(self) -> dict[str, int]:
        """Edges per relation that :attr:`kgraph.model.Dataset.edges` does not hold: the
        child's and the :attr:`kept` columns'."""
        out = dict(self.counts)
        for columns in self.kept:
            out[columns.rel] = out.get(columns.rel, 0) + columns.count
        return out

    def mark(self, name: str, at: int) -> None:
        """Table ``name`` comes here, after ``at`` warnings: its warnings go there."""
        self._marks[name] = at

    def join(self, chk) -> None:
        """Wait for the child's verdict and merge its problems and warnings into ``chk``;
        without a verdict (the child failed), validate the tables here. With a problem
        anywhere the child is stopped (it writes nothing then)."""
        if not chk.problems and hasattr(self.writer, "meanwhile"):  # the store's own work while the child validates
            self.writer.meanwhile(chk.ds, self.kept)
        data = receive(self._rfd[0]) if self._rfd else None
        try:
            problems, warnings, self.counts = pickle.loads(data)
        except Exception:  # noqa: BLE001 - no verdict: the child is not trusted
            self.close()
            problems, warnings, _edges, _cols = _validate(chk, self.tables, self._sources)  # into chk.ds.edges
            self.counts = {}
        chk.problems.extend(problems)
        for name in sorted(self._marks, key=self._marks.__getitem__, reverse=True):
            chk.warnings[self._marks[name]:self._marks[name]] = warnings.get(name, [])
        if chk.problems or not self.counts:
            self.close()
        if not self.running:  # no dataset waits for the child: the kept edges go into it now
            self._take_kept(chk.ds)

    def _take_kept(self, dataset) -> None:
        for columns in self.kept:
            dataset.edges.update(columns.items())
        self.kept = []

    @property
    def running(self) -> bool:
        """The child holds valid edges that :attr:`kgraph.model.Dataset.edges` does not (it
        writes them, or has)."""
        return self.pid is not None and bool(self.counts)

    # -- in the store ---------------------------------------------------------------
    def helper(self, db):
        """The child as the store's helper (:class:`kgraph.store.sqlite_split.EdgeHelper`) for
        the import into ``db``, once; None where it cannot be (then :meth:`complete`)."""
        if self._taken or not self.running:
            return None
        self._taken = True
        out = self.writer.helper(db, self.pid, self.rels, sum(self.counts.values()), self._rfd[0])
        if out is not None:  # the helper stops the child, reads the pipe and removes the file from here on
            self._rfd.clear()
            self._done.detach()
        return out

    def complete(self, dataset) -> None:
        """Validate the tables here and add their edges to ``dataset`` (whose ``pending`` this
        is); the child is stopped and its file removed."""
        self.close()
        _problems, _warnings, edges, _cols = _validate(None, self.tables, self._sources)
        self._take_kept(dataset)
        dataset.edges.update(edges)
        dataset.pending = None

    def close(self) -> None:
        """Stop the child if it runs and remove its file."""
        self._done()
        self.pid = None


def _stop(pid: int | None, writer, fds: list[int]) -> None:
    """Stop and reap the child ``pid`` (None: none was forked), close the pipe's end ``fds``
    (where nobody took it), then remove the writer's file."""
    if pid is not None:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:  # pragma: no cover - gone already
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped already
            pass
    while fds:
        os.close(fds.pop())
    writer.release()


def _validate(chk, names: tuple[str, ...], sources: dict[str, tuple[str, bytes]], columnar: bool = False):
    """Parse and validate the tables ``names`` from their bytes (``sources``), as
    :func:`~kgraph.ingest.validate.validate_input` would where they come: ``(problems,
    {table: warnings}, {edge: props}, [EdgeColumns])``. With ``chk`` (its node tables validated) their
    references are checked too; without, only their edges are built (they were found valid).
    ``columnar``: a clean table's edges are kept as its columns (:mod:`kgraph.ingest.columns`),
    in the list, instead of in the map."""
    from .raw import RawInput
    from .reader import parse_deferred
    from .validate import _Checker

    m = model()
    own = chk if chk is not None else _Checker(RawInput())
    saved = own.problems, own.warnings, own.refs
    own.problems, own.refs = [], {}
    kept = [] if columnar else None
    before = len(own.ds.edges)
    warnings: dict[str, list] = {}
    for name in names:
        own.raw.deferred[name] = sources[name]
        own.problems.extend(parse_deferred(own.raw, name))
        own.warnings = warnings[name] = []
        if name in own.raw.tables:
            own.relation_table(own.raw.tables[name], m.tables[name], kept)
    if chk is not None:
        own.references()
    problems = own.problems
    edges = dict(islice(own.ds.edges.items(), before, None))  # (they stay in chk's dataset too)
    own.problems, own.warnings, own.refs = saved
    return problems, warnings, edges, kept or []


def _child(chk, names: tuple[str, ...], w: int, writer) -> None:
    """The forked child: validate, send the verdict, then write the rows when nobody found a
    problem. Three messages on the pipe (:func:`kgraph._fork.send`): the verdict; an empty one
    once the writer's file is whole (the import may copy it); then what the writer left for
    after that (its digests: the child computes them while the import copies its rows)."""
    import gc

    code = 1
    try:
        gc.disable()  # it ends soon; its objects are no garbage
        problems, warnings, edges, columns = _validate(chk, names, {n: chk.raw.deferred[n] for n in names}, True)
        counts = Counter(map(itemgetter(0), edges))
        for kept in columns:
            counts[kept.rel] += kept.count
        send(w, pickle.dumps((problems, warnings, {} if problems else dict(counts))))
        if not problems:
            later = writer(edges, chk.ds.nodes, columns)  # every node is here: the store's writer may use them too
            send(w, b"")
            if later is not None:
                send(w, later())
        os.close(w)
        code = 0
    except BaseException:  # noqa: BLE001 - any failure: the importing process validates or writes these itself
        pass
    finally:
        os._exit(code)
