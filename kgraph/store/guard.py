"""Aggregate-only mode: a store that refuses every person-level read.

When a store's setting ``privacy.aggregate_only`` is on, :func:`kgraph.open`
wraps it in :class:`AggregateOnlyStore`. Reading persons, the relations that
touch persons, or the whole dataset raises :class:`~kgraph.errors.PrivacyError`,
so every person-level analysis, view and export is refused without knowing why;
counts, settings and writes pass. Code that computes suppressed aggregates, or
serves a data subject's rights (``forget``, ``person-report``), reads
:attr:`AggregateOnlyStore.inner` on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from ..errors import PrivacyError
from ..i18n import N_, _
from ..model import Dataset, model
from .base import ImportReport, Store
from .pseudonym import refuse_backend_method

__all__ = ["AggregateOnlyStore", "person_relations", "REFUSAL"]

REFUSAL = N_("this store is in aggregate-only mode: person-level output is refused")
_HINT = N_("use kgraph aggregates (figures per team or department, small groups merged); a privacy officer can turn "
           "the mode off with kgraph privacy --aggregate-only off --yes")


@cache
def person_relations() -> frozenset[str]:
    """Relation types with a person at either end.

    >>> sorted(person_relations())
    ['CONTACT', 'HELD_BY', 'KNOWS', 'MEMBER_OF', 'OWNED_BY', 'RESPONSIBLE_FOR', 'WORKS_WITH']
    """
    out = set()
    for rel, spec in model().relations.items():
        ends = []
        for side in ("source", "target"):
            v = spec[side]
            ends.extend([v] if isinstance(v, str) else v)
        if "Person" in ends:
            out.add(rel)
    return frozenset(out)


class AggregateOnlyStore(Store):
    """``inner`` with person-level reads refused (see the module docstring)."""

    def __init__(self, inner: Store):
        self.inner = inner
        self.backend = inner.backend
        self.location = inner.location

    def __repr__(self) -> str:
        return f"<AggregateOnlyStore of {self.inner!r}>"

    def __getattr__(self, name: str):
        raise refuse_backend_method(self, name, _("in aggregate-only mode"))

    def _refuse(self, what: str):
        raise PrivacyError(f"{_(REFUSAL)} ({what})", hint=_(_HINT))

    def close(self) -> None:
        self.inner.close()

    # writing passes: imports, the privacy officer's settings, forgetting a person
    def replace(self, dataset: Dataset, *, as_of=None, source: str = "import", progress=None,
                input_key=None) -> ImportReport:
        return self.inner.replace(dataset, as_of=as_of, source=source, progress=progress, input_key=input_key)

    def known_input(self, input_key: str, *, as_of=None, source: str = "import") -> ImportReport | None:
        return self.inner.known_input(input_key, as_of=as_of, source=source)

    def amend(self, rows: Dataset, *, as_of=None, source: str = "import") -> ImportReport:
        return self.inner.amend(rows, as_of=as_of, source=source)

    def forget(self, node_id: str, *, mentions=None, whole=("Signal",)) -> dict[str, int]:
        return self.inner.forget(node_id, mentions=mentions, whole=whole)

    def set_setting(self, key: str, value: Any) -> None:
        self.inner.set_setting(key, value)

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.inner.get_setting(key, default)

    def counts(self, *, as_of=None) -> dict[str, int]:
        return self.inner.counts(as_of=as_of)

    def history(self) -> list[dict[str, Any]]:
        return self.inner.history()

    # keyed records (accounts, survey answers) pass, as settings do
    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        self.inner.put_records(kind, items)

    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        return self.inner.get_record(kind, key, default)

    def records(self, kind: str) -> dict[str, Any]:
        return self.inner.records(kind)

    def delete_record(self, kind: str, key: str) -> bool:
        return self.inner.delete_record(kind, key)

    def put_record_if(self, kind: str, key: str, value: Any, *, when: tuple[str, str, str, Any]) -> bool:
        return self.inner.put_record_if(kind, key, value, when=when)

    def read_dataset(self, *, as_of=None, source=None) -> Dataset:
        self._refuse(_("the whole graph, persons included"))

    def compact(self) -> None:
        self.inner.compact()

    def node(self, node_id: str, *, as_of=None) -> tuple[str, dict[str, Any]] | None:
        got = self.inner.node(node_id, as_of=as_of)
        if got is not None and got[0] == "Person":
            self._refuse(_("a person"))
        return got

    def nodes(self, kind: str, ids: Iterable[str] | None = None, *, as_of=None) -> dict[str, dict[str, Any]]:
        if kind == "Person":
            self._refuse(_("persons"))
        return self.inner.nodes(kind, ids, as_of=as_of)

    def node_history(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        if kind == "Person":
            self._refuse(_("persons"))
        return self.inner.node_history(kind, ids)

    def edges(self, relation, *, sources=None, targets=None, as_of=None):
        if relation in person_relations():
            self._refuse(_("{relation} relations of persons").format(relation=relation))
        return self.inner.edges(relation, sources=sources, targets=targets, as_of=as_of)

    def names(self, kind: str, *, as_of=None) -> dict[str, str | None]:
        if kind == "Person":
            self._refuse(_("persons"))
        return self.inner.names(kind, as_of=as_of)

    def find_nodes(self, kind: str, name: str, *, as_of=None) -> list[str]:
        if kind == "Person":
            self._refuse(_("looking up a person"))
        return self.inner.find_nodes(kind, name, as_of=as_of)
