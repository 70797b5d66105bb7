"""The digest of a dataset, by which an import recognises the data it stored last time
without comparing it row by row (:func:`kgraph.store.sqlite_write.import_version`)."""

from __future__ import annotations

from typing import Any

from ..model import Dataset

__all__ = ["dataset_digest", "digest_parts", "combine_digest"]

#: what :func:`dataset_digest` covers, and how: a new value makes every stored digest differ
_DIGEST_FORMAT = "kgraph-dataset-digest-2"


def digest_parts(nodes: dict | None, edges: dict) -> dict[str, str] | None:
    """The parts :func:`dataset_digest` combines: ``""`` for ``nodes`` (left out when None),
    and one per relation, over its edges in their order. None when a value cannot be
    serialised. A process that holds only some relations' edges digests those
    (:mod:`kgraph.ingest.aside`), and the parts are combined with the others'.

    >>> digest_parts(None, {("KNOWS", "P1", "K1", ""): {}}).keys()
    dict_keys(['KNOWS'])
    """
    from itertools import groupby

    by_rel: dict[str, list] = {}
    for rel, run in groupby(edges.items(), key=_item_rel):  # a relation's edges mostly come in one run
        by_rel.setdefault(rel, []).extend(run)
    parts = {} if nodes is None else {"": _pickled(nodes)}
    for rel, items in by_rel.items():
        parts[rel] = _pickled(items)
    return None if None in parts.values() else parts


def _item_rel(item) -> str:
    return item[0][0]


def combine_digest(parts: dict[str, str] | None) -> str | None:
    """One digest of the parts of :func:`digest_parts` (in any order; None when one is missing)."""
    if parts is None:
        return None
    import hashlib

    h = hashlib.blake2b(_DIGEST_FORMAT.encode(), digest_size=32)
    for name in sorted(parts):
        h.update(f"{len(name)}:{name}={parts[name]}|".encode())
    return h.hexdigest()


def _pickled(obj: Any) -> str | None:
    """The hex digest of ``obj`` pickled (protocol 5, without its memo)."""
    import hashlib
    import pickle

    h = hashlib.blake2b(digest_size=32)

    class _Sink:  # the pickle goes into the hash frame by frame: no copy in memory
        write = h.update

    try:
        p = pickle.Pickler(_Sink(), protocol=5)
        p.fast = True
        p.dump(obj)
    except (pickle.PicklingError, TypeError, ValueError, AttributeError, RecursionError):
        return None
    return h.hexdigest()


def dataset_digest(dataset: Dataset) -> str | None:
    """A digest of the nodes and edges of ``dataset``, in their order within the nodes and
    within each relation: equal digests, equal data (the values' types included), so an
    import of the data already stored need not compare it row by row. None when the data
    cannot be serialised (a value that is not plain data): then the rows are compared.

    ``pickle`` without its memo (``fast``): the same values give the same bytes however
    the objects are shared, and a million small maps take about a second less than
    encoding them as JSON. The relations are digested one by one (:func:`digest_parts`),
    so that two processes can each digest their share (:mod:`kgraph.ingest.aside`).

    >>> a = Dataset(nodes={"P1": ("Person", {"name": "An", "fte": 1})})
    >>> dataset_digest(a) == dataset_digest(Dataset(nodes={"P1": ("Person", {"name": "An", "fte": 1})}))
    True
    >>> dataset_digest(a) == dataset_digest(Dataset(nodes={"P1": ("Person", {"name": "An", "fte": 1.0})}))
    False
    """
    if dataset.pending is not None:
        dataset.complete()
    return combine_digest(digest_parts(dataset.nodes, dataset.edges))
