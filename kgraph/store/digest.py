"""The digest of a dataset, by which an import recognises the data it stored last time
without comparing it row by row (:func:`kgraph.store.sqlite_write.import_version`)."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from ..model import Dataset

__all__ = ["dataset_digest", "digest_parts", "combine_digest"]

#: what :func:`dataset_digest` covers, and how: a new value makes every stored digest differ
#: (3: a relation's edges as columns; 2 pickled its edges' items)
_DIGEST_FORMAT = "kgraph-dataset-digest-3"

_first = itemgetter(0)
_parts_of_key = (itemgetter(1), itemgetter(2), itemgetter(3))  # an edge key's source, target and key
#: a property an edge does not have, in a column of :func:`digest_parts` (no value of an input is
#: ``...``, and JSON cannot hold it: a map holding it is never stored)
_ABSENT = ...


def digest_parts(nodes: dict | None, edges: dict, columns=()) -> dict[str, str] | None:
    """The parts :func:`dataset_digest` combines: ``""`` for ``nodes`` (left out when None),
    and one per relation, over its edges in their order as columns: the sources, the
    targets, the keys, the names of the properties (sorted) and a column of each property's
    values (``...`` where an edge does not have it). The edges are those of ``edges``, a
    map, and of ``columns``, clean tables kept as columns
    (:class:`kgraph.ingest.columns.EdgeColumns`), whose relations ``edges`` does not hold.
    None when a value cannot be serialised. A process that holds only some relations'
    edges digests those (:mod:`kgraph.ingest.aside`), and the parts are combined with the others'.

    Columns, because a table kept as its columns has them already, and a map's edges give
    them at C speed: no tuple or map per edge to make, and fewer objects to pickle. Two
    edges have the same properties when their maps have the same items, in any order (the
    store writes them with sorted keys).

    >>> from kgraph.ingest.columns import EdgeColumns
    >>> mapped = digest_parts(None, {("KNOWS", "P1", "K1", ""): {"level": 3}, ("KNOWS", "P2", "K1", ""): {}})
    >>> kept = EdgeColumns("KNOWS", ["P1", "P2"], ["K1", "K1"], ["", ""], ["level", "note"], [[3, None], [None, None]])
    >>> mapped == digest_parts(None, {}, [kept])
    True
    >>> list(mapped)
    ['KNOWS']
    >>> mapped == digest_parts(None, {("KNOWS", "P1", "K1", ""): {"level": 3}, ("KNOWS", "P2", "K1", ""): {"level": None}})
    False
    """
    from itertools import groupby, islice

    keys: dict[str, list] = {}
    maps: dict[str, list] = {}
    values = iter(edges.values())
    for rel, run in groupby(edges, key=_first):  # a relation's edges mostly come in one run
        run = list(run)
        keys.setdefault(rel, []).extend(run)
        maps.setdefault(rel, []).extend(islice(values, len(run)))
    parts = {} if nodes is None else {"": _pickled(nodes)}
    for rel, ks in keys.items():
        cols = _mapped_columns(ks, maps[rel])
        parts[rel] = None if cols is None else _pickled(cols)
    for c in columns:
        parts[c.rel] = _pickled(_kept_columns(c))
    return None if None in parts.values() else parts


def _mapped_columns(keys: list[tuple], maps: list[dict]) -> tuple | None:
    """The columns of :func:`digest_parts` of edges with these keys and property maps (None:
    a map that is not a dict)."""
    from itertools import repeat

    try:
        names = sorted(set().union(*maps))
        props = [list(map(dict.get, maps, repeat(name), repeat(_ABSENT))) for name in names]
    except TypeError:
        return None
    return (*(list(map(get, keys)) for get in _parts_of_key), names, props)


def _kept_columns(c) -> tuple:
    """The columns of :func:`digest_parts` of the edges of an :class:`~kgraph.ingest.columns.EdgeColumns`:
    as :func:`_mapped_columns` gives of its :meth:`~kgraph.ingest.columns.EdgeColumns.items`."""
    live = sorted(((n, col) for n, col in zip(c.names, c.props) if col.count(None) < len(col)), key=_first)
    props = [col if None not in col else [_ABSENT if v is None else v for v in col] for _n, col in live]
    ids = (x if type(x) is list else list(x) for x in (c.sources, c.targets, c.keys))
    return (*ids, [n for n, _col in live], [p if type(p) is list else list(p) for p in props])


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
    the objects are shared, and it is quicker than encoding them as JSON; the edges as
    columns (:func:`digest_parts`). The relations are digested one by one (:func:`digest_parts`),
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
