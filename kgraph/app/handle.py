"""The graph handle: one open store, the organisation it holds on a date, the findings of that date.

``kgraph.open(store)`` returns a :class:`KnowledgeGraph`. It loads the organisation
once per date (:meth:`KnowledgeGraph.snapshot`, an :class:`~kgraph.org.Org`) and keeps
one bundle of findings per date (:meth:`KnowledgeGraph.findings`), so that every
result a command shows, in every view, comes from the same computation on the same
date. Writing through the handle (import, forget) drops what it kept.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from .._gc import paused
from ..dates import parse_as_of
from ..errors import KgraphError, StoreError
from ..i18n import _
from ..store import Store, open_store
from ..store import policy
from ..store.pseudonym import PseudonymStore

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Dataset
    from ..org import Org
    from ..tables import Tables
    from .findings import Findings

__all__ = ["KnowledgeGraph", "open"]

#: dates whose snapshot a handle keeps (a command uses one; the web server a few)
KEEP_DATES = 4


class KnowledgeGraph:
    """A handle on one kgraph store (see the module docstring).

    Lookups that must stay fast on a large organisation (who-knows, resolving a
    person) go to the store's indexes; analyses read :meth:`snapshot`.
    """

    #: read a date's tables when an analysis first needs them (a command); False: all at
    #: once when the snapshot is made (the web server, whose own writes come between requests)
    lazy_tables = True

    def __init__(self, store: Store, *, min_group_size: int | None = None):
        self.store = store
        self._min_group_size = min_group_size
        self._snapshots: OrderedDict[_dt.date, Org] = OrderedDict()
        self._findings: dict[_dt.date, Findings] = {}

    @property
    def location(self) -> str:
        return self.store.location

    @property
    def label(self) -> str:
        """A short name of the store for page headers (its file name, or the server URL)."""
        return Path(str(self.location)).name if self.store.backend == "embedded" else str(self.location)

    @property
    def min_group_size(self) -> int:
        """The smallest group an aggregate may describe (see :func:`kgraph.store.policy.min_group_size`)."""
        return policy.min_group_size(self.store, self._min_group_size)

    @property
    def pseudonymised(self) -> bool:
        from ..store.pseudonym import PseudonymStore

        return isinstance(policy.unwrap(self.store), PseudonymStore)

    def require_data(self) -> None:
        """Raise :class:`~kgraph.errors.StoreError` (exit 4) when nothing was ever written to
        the store: a command on an empty store says so instead of showing empty results."""
        if self.store.is_empty():
            raise StoreError(_("{location}: the store is empty: nothing was imported yet").format(
                location=self.location), hint=_("run `kgraph import PATH` (your data) or `kgraph demo` first"))

    def dataset(self, as_of: str | _dt.date | None = None) -> Dataset:
        """The stored dataset describing ``as_of`` (default today), as the snapshot holds it."""
        return self.snapshot(as_of).ds

    def snapshot(self, as_of: str | _dt.date | None = None) -> Org:
        """The organisation on ``as_of`` (default today), loaded once per date; the store
        answers with the version of each source in force then (see :class:`~kgraph.store.Store`).
        Raises :class:`~kgraph.errors.StoreError` on an empty store."""
        from ..org import Org

        day = parse_as_of(as_of)
        org = self._snapshots.get(day)
        if org is not None and not org.tables.current():
            self.changed()  # another process wrote to the store since (kgraph import while kgraph serve runs)
            org = None
        if org is None:
            self.require_data()
            with paused():  # a million objects, none of them garbage (see kgraph._gc)
                org = Org(self._tables(day), as_of=day)
            self._snapshots[day] = org
            while len(self._snapshots) > KEEP_DATES:
                old, _org = self._snapshots.popitem(last=False)
                self._findings.pop(old, None)
        else:
            self._snapshots.move_to_end(day)
        return org

    def _tables(self, day: _dt.date) -> Tables:
        """The store's data on ``day`` with the intranet's submissions as signals
        (:func:`kgraph.survey.intake.submitted_signals`): from the embedded store table by
        table as the analyses ask for them (:class:`~kgraph.tables.StoreTables`), from
        another store in one read."""
        from ..model import Dataset
        from ..survey import intake
        from ..tables import DatasetTables, StoreTables

        if policy.unwrap(self.store, keep_pseudonyms=False).backend == "embedded":
            tables = StoreTables(self.store, day) if self.lazy_tables else _read_whole(self.store, day)
        else:
            tables = DatasetTables(self.store.read_dataset(as_of=day))
        try:
            items = policy.unwrap(self.store, keep_pseudonyms=False).records(intake.KIND)
        except KgraphError:  # a store without keyed records
            items = {}
        if items:
            issues = Dataset(nodes={i: ("Issue", p) for i, p in tables.nodes("Issue").items()})
            extra = intake.submitted_signals(items, issues, day.isoformat())
            pseudo = policy.unwrap(self.store)
            if isinstance(pseudo, PseudonymStore):  # free text may name people: scrubbed as stored signals are
                extra.nodes = {i: (k, pseudo.scrubber.props(p)) for i, (k, p) in extra.nodes.items()}
            if isinstance(tables, StoreTables):
                tables.add(extra)
            else:
                tables.ds.nodes.update(extra.nodes)
                tables.ds.edges.update(extra.edges)
        return tables

    def findings(self, as_of: str | _dt.date | None = None) -> Findings:
        """Every finding on ``as_of``, each computed at most once (see :class:`~kgraph.app.findings.Findings`)."""
        from .findings import Findings

        org = self.snapshot(as_of)
        f = self._findings.get(org.as_of)
        if f is None or f.org is not org:
            f = self._findings[org.as_of] = Findings(org, min_group_size=self.min_group_size)
        return f

    def changed(self) -> None:
        """Forget the snapshots and findings kept (after a write through this handle)."""
        self._snapshots.clear()
        self._findings.clear()
        refresh = getattr(policy.unwrap(self.store), "refresh", None)
        if refresh is not None:
            refresh()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.store.backend} {self.location}>"


def _read_whole(store: Store, day: _dt.date, tries: int = 5) -> Tables:
    """Every table of ``day`` read now, in one read transaction where the store has them
    (the embedded store's ``reading``: no commit comes between two tables, survey answers'
    included); each table checked against the store's stamp, and read again when another
    thread or process committed meanwhile (at most ``tries`` times)."""
    import contextlib

    from ..tables import StoreChanged, StoreTables

    reading = getattr(policy.unwrap(store, keep_pseudonyms=False), "reading", contextlib.nullcontext)
    for attempt in range(1, max(tries, 1) + 1):
        with reading():
            tables = StoreTables(store, day)
            try:
                tables.dataset()
            except StoreChanged:
                if attempt < tries:
                    continue
                raise  # the last try: a change now is reported (a StoreError)
        return tables


def open(store: str | os.PathLike | Store | None = None, *, create: bool = True, database: str | None = None,  # noqa: A001
         pseudonymize: bool = False, min_group_size: int | None = None) -> KnowledgeGraph:
    """Open a kgraph store and return its handle.

    Parameters
    ----------
    store : str, path or Store, optional
        A file path (embedded store, created when missing), a ``bolt://`` or
        ``neo4j://`` URL (Neo4j store), or an open :class:`~kgraph.store.Store`.
        Default: ``$KGRAPH_STORE``, else ``./kgraph.db``.
    create : bool
        Create a missing embedded store (default True).
    database : str, optional
        Neo4j database name.
    pseudonymize : bool
        Show every person under a keyed pseudonym (key from
        ``KGRAPH_PSEUDONYM_KEY``); the handle is then read-only. See ``docs/privacy.md``.
    min_group_size : int, optional
        Smallest group an aggregate may describe (default: the store's
        ``privacy.min_group_size``, else 5).

    A store in aggregate-only mode (``kgraph privacy --aggregate-only on``)
    refuses person-level reads through this handle.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> kg = kgraph.open(os.path.join(tempfile.mkdtemp(), "kg.db"))
    >>> kg.store.is_empty()
    True
    >>> kgraph.info(kg)
    Traceback (most recent call last):
    kgraph.errors.StoreError: ...kg.db: the store is empty: nothing was imported yet
    >>> kg.close()
    """
    opened = store if isinstance(store, Store) else open_store(store, create=create, database=database)
    try:
        kg = KnowledgeGraph(policy.protect(opened, pseudonymize=pseudonymize, min_group_size=min_group_size),
                            min_group_size=min_group_size)
    except BaseException:
        if opened is not store:
            opened.close()
        raise
    return kg
