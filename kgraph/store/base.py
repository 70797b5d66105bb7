"""The store interface every backend implements, and the import report.

A store holds dated versions of datasets, per *source* (the writer: ``import``,
``survey``, ``calendar``, ``intranet``, ...; see :mod:`kgraph.store.history`): every read
takes a date (``as_of``, default today) and sees, per source, the version in force then.
The embedded store (:mod:`kgraph.store.sqlite`) and the Neo4j store pass the same
contract tests (``tests/store/test_contract.py``).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Dataset, EdgeKey
from .digest import combine_digest, dataset_digest, digest_parts

__all__ = ["Store", "ImportReport", "Progress", "encode_props", "encode_many", "dataset_digest", "digest_parts",
           "combine_digest", "diff_datasets", "check_record_key"]

#: progress(done, total, label)
Progress = Callable[[int, int, str], None]


def _encoder():
    """``json.dumps(o, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` as one
    reusable function: the C encoder made once instead of an encoder object per call (an
    import encodes a million property maps)."""
    from json import encoder as _enc

    if _enc.c_make_encoder is None:  # pragma: no cover - Python without the C accelerator
        return json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
    c = _enc.c_make_encoder(None, json.JSONEncoder().default, _enc.encode_basestring, None, ":", ",", True, False,
                            True)
    join = "".join

    def encode(o: Any) -> str:
        if isinstance(o, str):  # as json.dumps: a bare string is not a container
            return _enc.encode_basestring(o)
        return join(c(o, 0))

    return encode


_encode = _encoder()


def encode_props(props: dict[str, Any]) -> str:
    """Canonical JSON of a property map (sorted keys): equal data, equal text.

    >>> encode_props({"weight": 2, "kind": "advice", "name": "Zoë"})
    '{"kind":"advice","name":"Zoë","weight":2}'
    """
    return _encode(props)


def encode_many(props: Iterable[dict[str, Any]], shared: bool = False) -> list[str]:
    """:func:`encode_props` of each map, each distinct map encoded once (a large
    organisation's ties and skills have a few thousand distinct property maps): each map is
    looked up by a key made of its items (maps of scalars; a map holding a list is encoded
    on its own).

    ``shared``: many rows may share one map object (an import's own dataset,
    :func:`kgraph.ingest.cells.prop_dicts` with ``share``): the maps are then first told
    apart by identity, at C speed, and only the distinct objects are looked up (275,000
    skills are 29,000 objects). Every map stays referenced by ``props`` while this runs, so
    no two live objects share an ``id``. Without sharing that would cost more than it saves.

    >>> shared = {"kind": "advice"}
    >>> maps = [shared, {"weight": 1}, shared, {"weight": True}, {"w": 0.0}, {"w": -0.0}, {}]
    >>> encode_many(maps, shared=True)
    ['{"kind":"advice"}', '{"weight":1}', '{"kind":"advice"}', '{"weight":true}', '{"w":0.0}', '{"w":-0.0}', '{}']
    >>> encode_many(maps) == encode_many(maps, shared=True)
    True
    """
    if not shared:
        return _by_items(props)
    props = props if isinstance(props, list) else list(props)
    objects = dict(zip(map(id, props), props))  # each distinct object once (the last of equal ids: the same object)
    by_id = dict(zip(objects, _by_items(objects.values())))
    return list(map(by_id.__getitem__, map(id, props)))


def _by_items(maps: Iterable[dict[str, Any]]) -> list[str]:
    """:func:`encode_many`'s encodings, each map looked up by its items."""
    done: dict[tuple, str] = {}
    out: list[str] = []
    add = out.append
    for p in maps:
        if not p:  # the edges a node table makes have no properties
            add("{}")
            continue
        try:  # the values' types are part of the key: 1, 1.0 and True are equal keys
            key = (*p, *p.values(), *map(type, p.values()))  # flat: no tuple per item to make and hash
            enc = done.get(key)
        except TypeError:  # a list among the values
            add(_encode(p))
            continue
        if enc is None:
            enc = _encode(p)
            # 0.0 == -0.0 (written apart): a map holding a float zero is not remembered
            if float not in key or not any(type(v) is float and v == 0 for v in p.values()):
                done[key] = enc
        add(enc)
    return out


@dataclass
class ImportReport:
    """What an import did, per node kind and relation type."""

    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    #: what reading the input noticed without refusing it (not written anywhere)
    warnings: list = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def rows(self) -> list[dict[str, Any]]:
        kinds = sorted(set(self.totals) | set(self.added) | set(self.changed) | set(self.removed))
        return [
            {"kind": k, "added": self.added.get(k, 0), "changed": self.changed.get(k, 0),
             "removed": self.removed.get(k, 0), "total": self.totals.get(k, 0)}
            for k in kinds
        ]

    def summary(self) -> str:
        """What the import changed, in words of the current language."""
        from ..i18n import _, format_count

        if self.unchanged:
            return _("no changes: the store already holds this data")
        a, c, r = (sum(d.values()) for d in (self.added, self.changed, self.removed))
        return _("{added} added, {changed} changed, {removed} removed").format(
            added=format_count(a), changed=format_count(c), removed=format_count(r))


@dataclass
class Diff:
    """Differences between the stored dataset and a new one (encoded props)."""

    upsert_nodes: list[tuple[str, str, str | None, str]]  # id, kind, name, props json
    delete_nodes: list[str]
    upsert_edges: list[tuple[str, str, str, str, str]]  # rel, source, target, key, props json
    delete_edges: list[EdgeKey]
    report: ImportReport


def amended(own: Dataset, rows: Dataset) -> Dataset:
    """``own`` with ``rows`` added (a node or edge with the same key replaced): one
    version's data in :meth:`Store.amend`."""
    return Dataset(nodes={**own.nodes, **rows.nodes}, edges={**own.edges, **rows.edges})


def diff_datasets(
    old_nodes: dict[str, tuple[str, str]],
    old_edges: dict[EdgeKey, str],
    new: Dataset,
) -> Diff:
    """Compare stored rows (props as canonical JSON) with a new dataset."""
    rep = ImportReport(totals=new.counts())
    up_n, up_e = [], []

    def bump(d: dict[str, int], k: str) -> None:
        d[k] = d.get(k, 0) + 1

    for node_id, (kind, props) in new.nodes.items():
        enc = encode_props(props)
        old = old_nodes.get(node_id)
        if old == (kind, enc):
            continue
        bump(rep.added if old is None else rep.changed, kind)
        up_n.append((node_id, kind, props.get("name"), enc))
    del_n = [i for i in old_nodes if i not in new.nodes]
    for i in del_n:
        bump(rep.removed, old_nodes[i][0])
    for ident, props in new.edges.items():
        enc = encode_props(props)
        old = old_edges.get(ident)
        if old == enc:
            continue
        bump(rep.added if old is None else rep.changed, ident[0])
        up_e.append((*ident, enc))
    del_e = [k for k in old_edges if k not in new.edges]
    for k in del_e:
        bump(rep.removed, k[0])
    return Diff(up_n, del_n, up_e, del_e, rep)


class Store(ABC):
    """Dated versions of datasets, per source. Lookups go through indexed methods; only
    :meth:`read_dataset` loads everything (for analyses and exports).

    Every read takes ``as_of`` (a date or ``YYYY-MM-DD``; default today) and answers with
    the union over sources of each source's latest version on or before that date (before
    the store's first version: as of that first version); where two sources hold the same
    node or edge the later version wins, ties by source name; edges whose end is missing
    on that date are left out (:func:`kgraph.store.history.effective_dates`).
    """

    #: "embedded" or "neo4j"
    backend: str = ""
    #: where the store is (a path or a URL without credentials)
    location: str = ""
    #: what opening the store did that a user should hear of once (e.g. a migration)
    notices: tuple[str, ...] | list[str] = ()

    # -- life cycle -------------------------------------------------------
    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------
    @abstractmethod
    def replace(self, dataset: Dataset, *, as_of=None, source: str = "import",
                progress: Progress | None = None, input_key: str | None = None) -> ImportReport:
        """From ``as_of`` (default today) until its next version, ``source`` holds exactly
        ``dataset``; all-or-nothing. Earlier and later versions are kept; other sources'
        data is not touched. Data equal to what is in force on that date stores nothing
        (``report.unchanged``); a date between two versions inserts a version there. The
        report compares with the data in force on that date. ``input_key``: the digest of
        the input ``dataset`` was read from (:func:`kgraph.ingest.input_digest`), which a
        store may keep so that :meth:`known_input` recognises it (the embedded store does)."""

    def edge_writer(self, *, source: str = "import", as_of=None):
        """Where a forked process may write the rows of edges it validated for :meth:`replace`
        to take in (:mod:`kgraph.ingest.aside`): only the embedded store, into a new store. None
        here: the whole dataset is validated in one process and given to :meth:`replace`."""
        return None

    def known_input(self, input_key: str, *, as_of=None, source: str = "import") -> ImportReport | None:
        """The report of an import that changes nothing, when ``input_key`` is the digest of
        the input of the version of ``source`` in force on ``as_of`` (given to
        :meth:`replace`), that version is the latest and nothing changed it since; else
        None, and the input must be read and imported. This store keeps no input digest."""
        return None

    def amend(self, rows: Dataset, *, as_of=None, source: str = "import") -> ImportReport:
        """Add ``rows`` to what ``source`` holds from ``as_of`` (default today) on.

        For writers whose data only grows, each row with its own date (the interaction
        log): a version of ``source`` dated ``as_of`` and every later version of ``source``
        gain ``rows`` (a node or edge with the same key is replaced), so a row added after
        the fact is seen on every later date. Returns the report of the version dated
        ``as_of``. This default reads and writes version by version; a store that can
        (the embedded one) does it in one transaction.
        """
        from . import history as hist

        day = hist.day_text(as_of)
        source = hist.check_source(source)
        later = sorted({str(v["as_of"])[:10] for v in self.history()
                        if v["source"] == source and str(v["as_of"])[:10] > day})
        first = None
        for d in [day, *later]:
            report = self.replace(amended(self.read_dataset(as_of=d, source=source), rows), as_of=d, source=source)
            first = first or report
        return first

    @abstractmethod
    def forget(self, node_id: str, *, mentions: Callable[[str], bool] | None = None,
               whole: tuple[str, ...] = ("Signal",)) -> dict[str, int]:
        """Remove a node from every version of every source, with its edges; with
        ``mentions``, also every node of a kind in ``whole`` (signals, interactions) whose
        text it finds in any version, with its edges, every edge whose key it finds, and
        every other text property it finds. Counts per kind
        or relation (distinct nodes and edges) and ``property`` (properties blanked). Call
        :meth:`compact` afterwards so that no copy survives in free pages."""

    # -- reading ----------------------------------------------------------
    @abstractmethod
    def read_dataset(self, *, as_of=None, source: str | None = None) -> Dataset:
        """Everything in force on ``as_of`` (default today), nodes and edges sorted, for
        the facade's snapshot and for exports. With ``source``: only that source's own
        data, its latest version on or before ``as_of`` (empty before its first), as a
        writer reads what it wrote before its next version (edges with a missing end kept)."""

    def node_kinds(self, *, as_of=None) -> dict[str, str]:
        """``{id: kind}`` of every node on ``as_of``, by id: what a snapshot reads first, before
        the tables it needs (:class:`kgraph.tables.StoreTables`). This default reads the
        whole dataset; a store with an index overrides it."""
        return {i: k for i, (k, _p) in self.read_dataset(as_of=as_of).nodes.items()}

    def stamp(self) -> Any:
        """A value that changes whenever any writer commits to this store, or None when the
        store cannot tell (then a snapshot is read in one call, see
        :class:`kgraph.tables.StoreTables`)."""
        return None

    def edges_by_target(self, relation: str, *, as_of=None) -> dict[str, dict[str, dict[str, Any]]] | None:
        """``{target: {source: properties}}`` of the edges of ``relation`` on ``as_of`` (those
        :meth:`edges` gives; targets by id, sources by id in each), or None: then read
        :meth:`edges` (the definition). This default, and so every privacy wrapper, says None;
        a store with an index by target may read it so (:class:`kgraph.org.Org`'s skills)."""
        return None

    def relations(self, *, as_of=None) -> list[str]:
        """The relation types that may have edges on ``as_of``, sorted: every one that has,
        and possibly some that have edges only on other dates. This default reads the
        whole dataset; a store with an index overrides it."""
        return sorted({rel for rel, _s, _t, _k in self.read_dataset(as_of=as_of).edges})

    @abstractmethod
    def counts(self, *, as_of=None) -> dict[str, int]:
        """Number of nodes per kind and edges per relation type on ``as_of`` (kinds
        first, then relations, each sorted)."""

    @abstractmethod
    def node(self, node_id: str, *, as_of=None) -> tuple[str, dict[str, Any]] | None:
        """``(kind, properties)`` of one node on ``as_of``, or None."""

    @abstractmethod
    def nodes(self, kind: str, ids: Iterable[str] | None = None, *, as_of=None) -> dict[str, dict[str, Any]]:
        """Properties of the nodes of one kind on ``as_of`` (all, or those in ``ids``)."""

    @abstractmethod
    def edges(
        self,
        relation: str,
        *,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
        as_of=None,
    ) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Edges ``(source, target, key, properties)`` of one relation on ``as_of``,
        optionally only those from ``sources`` and/or to ``targets``; sorted."""

    @abstractmethod
    def names(self, kind: str, *, as_of=None) -> dict[str, str | None]:
        """``{id: name}`` of every node of ``kind`` on ``as_of`` (an index scan, no properties)."""

    def item_terms(self, *, as_of=None) -> dict[str, dict[str, Any]]:
        """``{id: {"name": ..., "synonyms": ...}}`` of every knowledge item on ``as_of`` (the
        properties present): what who-knows matches a query against. A store may read just
        these two properties instead of every item's whole record."""
        return {i: {k: p[k] for k in ("name", "synonyms") if k in p}
                for i, p in self.nodes("KnowledgeItem", as_of=as_of).items()}

    def term_index(self, *, as_of=None) -> Any:
        """An index of the items' normalised terms on ``as_of``
        (:class:`kgraph.analysis.itemmatch.TermIndex`, with ``names(ids)``), or None: then
        who-knows matches :meth:`item_terms` itself."""
        return None

    def ranked_holders(self, ranks: dict[str, int], *, as_of=None, limit: int | None = None) -> list | None:
        """``(person, item, key, level, confirmed)`` of the ``KNOWS`` edges into the items of
        ``ranks`` (``{item: rank}``) on ``as_of``, in who-knows' order: level (high first, none
        as 0), date confirmed (recent first, none last), the item's rank, person, item, key;
        the first ``limit`` of them; or None: then who-knows sorts :meth:`holders` itself."""
        return None

    def narrower_items(self, items: Iterable[str], *, as_of=None) -> list[str] | None:
        """``items`` and every item below them on ``as_of``, sorted: the sources of the
        ``BROADER`` edges (those :meth:`edges` gives) into them, level by level; or None: then
        who-knows reads :meth:`edges` level by level itself."""
        return None

    def holders(self, items: Iterable[str], *, as_of=None) -> list[tuple[str, str, str, dict[str, Any]]]:
        """``KNOWS`` edges ``(person, item, key, properties)`` into ``items`` on ``as_of``, with
        at least ``level`` and ``confirmed``: what who-knows ranks. Unlike :meth:`edges` a store
        may include an edge whose person is not in force then (who-knows reads the persons)."""
        return self.edges("KNOWS", targets=sorted(set(items)), as_of=as_of)

    def find_nodes(self, kind: str, name: str, *, as_of=None) -> list[str]:
        """Ids of nodes of ``kind`` on ``as_of`` whose name equals ``name`` as kgraph
        compares names (:func:`kgraph.names.name_key`: Unicode case folding, spaces collapsed)."""
        from ..names import matching

        return sorted(matching(name, self.names(kind, as_of=as_of)))

    def resolve(self, ref: str, kind: str = "Person", *, as_of=None, partial: bool = True) -> str:
        """Id of the node of ``kind`` that ``ref`` identifies on ``as_of``: its id, its name, or
        (unless ``partial=False``) an unambiguous part of its name (see :func:`kgraph.names.resolve`).
        Raises NotFound, or OptionError when ambiguous."""
        from ..names import resolve

        def kind_of(node_id: str) -> str | None:
            node = self.node(node_id, as_of=as_of)
            return None if node is None else node[0]

        def matches(k: str) -> dict[str, str]:
            ids = self.find_nodes(k, ref, as_of=as_of)
            return {i: props.get("name", i) for i, props in self.nodes(k, ids, as_of=as_of).items()} if ids else {}

        names = (lambda k: self.names(k, as_of=as_of)) if partial else None
        return resolve(ref, (kind,), kind_of=kind_of, matches=matches, candidates=names)

    @abstractmethod
    def history(self) -> list[dict[str, Any]]:
        """The versions, by date then source: ``source``, ``as_of`` (a date),
        ``recorded_at`` (ISO time, UTC), ``added``, ``changed``, ``removed`` (nodes and
        edges, compared with the source's previous version) and ``changes`` (the same
        per kind and relation: ``{"added": {kind: n}, ...}``)."""

    @abstractmethod
    def node_history(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Every stored version of the nodes of ``kind`` (all, or those in ``ids``), in
        every source: ``{id: [{source, valid_from, valid_to (None: still in force),
        props}]}`` by date. For pseudonymisation (every name a person ever had) and
        access requests."""

    def is_empty(self) -> bool:
        """Whether nothing was ever written (no version of any source)."""
        return not self.history()

    def compact(self) -> None:  # noqa: B027 - optional for a backend
        """Give back the space of deleted data, leaving no copy of it behind (after ``forget``)."""

    @abstractmethod
    def get_setting(self, key: str, default: Any = None) -> Any:
        """A store setting (e.g. privacy mode), or ``default``."""

    @abstractmethod
    def set_setting(self, key: str, value: Any) -> None:
        """Set a store setting (JSON-serialisable value)."""

    # -- keyed records (accounts, survey waves, tokens, answers, submissions) ----
    # Small JSON documents kept beside the dataset, outside the organisation's data:
    # no import, snapshot or analysis reads them. Each write is atomic.
    def put_record(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable) as record ``key`` of ``kind``, replacing any."""
        self.put_records(kind, {key: value})

    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        """Store several records of ``kind`` at once, all-or-nothing."""
        raise _no_records(self)

    # a store that keeps no records (a test double, say) holds none: reading finds nothing
    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        """Record ``key`` of ``kind``, or ``default``."""
        return default

    def records(self, kind: str) -> dict[str, Any]:
        """Every record of ``kind``, ``{key: value}`` sorted by key."""
        return {}

    def delete_record(self, kind: str, key: str) -> bool:
        """Remove record ``key`` of ``kind``; whether it existed."""
        return False

    def put_record_if(self, kind: str, key: str, value: Any, *, when: tuple[str, str, str, Any]) -> bool:
        """Store record ``key`` of ``kind`` (as :meth:`put_record`) only if the record
        ``when = (kind, key, field, value)`` exists and its ``field`` equals that value, checked
        in the same write: a write that changes that record meanwhile comes wholly before or
        wholly after this one. Whether it was stored (nothing is written otherwise).

        A survey answer is kept this way only while its wave is open, so that no answer is
        kept after the wave's close has read the answers (:func:`kgraph.survey.waves.save_response`).
        """
        raise _no_records(self)


def check_record_key(kind: str, key: str) -> None:
    """A record's kind and key are non-empty text (``ValueError`` otherwise)."""
    for what, v in (("kind", kind), ("key", key)):
        if not isinstance(v, str) or not v:
            raise ValueError(f"a record {what} must be non-empty text, not {v!r}")  # i18n: exempt (a programming error)


def _no_records(store: Store):
    from ..errors import StoreError

    from ..i18n import _

    return StoreError(_("the {kind} store keeps no records").format(kind=store.backend or type(store).__name__))
