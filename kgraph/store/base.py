"""The store interface every backend implements, and the import report.

A store holds one dataset. The embedded store (:mod:`kgraph.store.sqlite`) and
the Neo4j store pass the same contract tests (``tests/store/test_contract.py``).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Dataset, EdgeKey

__all__ = ["Store", "ImportReport", "Progress", "encode_props", "diff_datasets", "check_record_key"]

#: progress(done, total, label)
Progress = Callable[[int, int, str], None]


def encode_props(props: dict[str, Any]) -> str:
    """Canonical JSON of a property map (sorted keys): equal data, equal text."""
    return json.dumps(props, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


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
    """One dataset, stored. Lookups go through indexed methods; only
    :meth:`read_dataset` loads everything (for analyses and exports)."""

    #: "embedded" or "neo4j"
    backend: str = ""
    #: where the store is (a path or a URL without credentials)
    location: str = ""

    # -- life cycle -------------------------------------------------------
    def close(self) -> None:  # pragma: no cover - trivial
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------
    @abstractmethod
    def replace(self, dataset: Dataset, *, progress: Progress | None = None) -> ImportReport:
        """Make the store hold exactly ``dataset``, all-or-nothing; report the differences."""

    @abstractmethod
    def forget(self, node_id: str) -> dict[str, int]:
        """Remove a node, its edges and every signal or property naming it; counts per kind."""

    # -- reading ----------------------------------------------------------
    @abstractmethod
    def read_dataset(self, *, as_of=None) -> Dataset:
        """Everything in the store that describes the organisation on ``as_of``
        (default: the latest data), for the facade's snapshot and for exports."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Number of nodes per kind and edges per relation type."""

    @abstractmethod
    def node(self, node_id: str) -> tuple[str, dict[str, Any]] | None:
        """``(kind, properties)`` of one node, or None."""

    @abstractmethod
    def nodes(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Properties of the nodes of one kind (all, or those in ``ids``)."""

    @abstractmethod
    def edges(
        self,
        relation: str,
        *,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
    ) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Edges ``(source, target, key, properties)`` of one relation, optionally
        only those from ``sources`` and/or to ``targets``; sorted."""

    @abstractmethod
    def names(self, kind: str) -> dict[str, str | None]:
        """``{id: name}`` of every node of ``kind`` (an index scan, no properties)."""

    def find_nodes(self, kind: str, name: str) -> list[str]:
        """Ids of nodes of ``kind`` whose name equals ``name`` as kgraph compares names
        (:func:`kgraph.names.name_key`: Unicode case folding, spaces collapsed)."""
        from ..names import matching

        return sorted(matching(name, self.names(kind)))

    def resolve(self, ref: str, kind: str = "Person", *, partial: bool = True) -> str:
        """Id of the node of ``kind`` that ``ref`` identifies: its id, its name, or (unless
        ``partial=False``) an unambiguous part of its name (see :func:`kgraph.names.resolve`).
        Raises NotFound, or OptionError when ambiguous."""
        from ..names import resolve

        def kind_of(node_id: str) -> str | None:
            node = self.node(node_id)
            return None if node is None else node[0]

        def matches(k: str) -> dict[str, str]:
            ids = self.find_nodes(k, ref)
            return {i: props.get("name", i) for i, props in self.nodes(k, ids).items()} if ids else {}

        return resolve(ref, (kind,), kind_of=kind_of, matches=matches, candidates=self.names if partial else None)

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


def check_record_key(kind: str, key: str) -> None:
    """A record's kind and key are non-empty text (``ValueError`` otherwise)."""
    for what, v in (("kind", kind), ("key", key)):
        if not isinstance(v, str) or not v:
            raise ValueError(f"a record {what} must be non-empty text, not {v!r}")  # i18n: exempt (a programming error)


def _no_records(store: Store):
    from ..errors import StoreError

    from ..i18n import _

    return StoreError(_("the {kind} store keeps no records").format(kind=store.backend or type(store).__name__))
