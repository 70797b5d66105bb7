"""A clean relation table kept as its columns: the edges of a large table that a first import
writes straight into store rows, without a key tuple and a map per edge (issue 15, target 6;
bench/notes/fast-import.md, fifteenth round).

:meth:`kgraph.ingest.validate._Checker.relation_table` keeps a table's parsed columns as an
:class:`EdgeColumns` instead of adding its edges to the dataset's map when it is given a list
to keep them in and the table is clean in the ways that would make the map differ from its
rows: every row has its source and its target, no row repeats another's key, no row is a
self-tie where the table forbids them, and each property column holds values of one type (so
that equal cells are equal values, :func:`kgraph.ingest.cells.prop_dicts`). Everything else
about a row was checked as for any table (the cells, the references), with the same problems.

Only a new store's first import in two processes asks for it (:mod:`kgraph.ingest.aside`):
the forked process for the table it validates, the importing process for the other tables
whose relation no other table makes (:meth:`kgraph.ingest.aside.Aside.columnar`). The
dataset's map lacks their edges meanwhile (:attr:`kgraph.model.Dataset.pending`, which
:meth:`~kgraph.model.Dataset.complete` brings in). :meth:`EdgeColumns.items` gives the edges
as the map would hold them, in the same order; the store makes the same rows of them
(:func:`kgraph.store.sqlite_split.column_rows`) and the same digest
(:func:`kgraph.store.digest.digest_parts`), which ``tests/ingest/test_columns.py`` checks.
"""

from __future__ import annotations

from itertools import repeat
from operator import eq
from typing import Any, NamedTuple

from .cells import _FEW, _few, _one_type, prop_dicts

__all__ = ["EdgeColumns", "clean_columns"]


class EdgeColumns(NamedTuple):
    """The edges of one clean relation table, column by column, in the table's row order."""

    #: the relation type
    rel: str
    #: the source, target and key of each edge (the key ``""`` where the table has none)
    sources: list[str]
    targets: list[str]
    keys: list[str]
    #: the property columns' names and values (None: an empty cell, left out of the edge's map)
    names: list[str]
    props: list[list[Any]]

    @property
    def count(self) -> int:
        """How many edges."""
        return len(self.sources)

    @property
    def repeating(self) -> bool:
        """Whether the property columns can make only a few distinct rows of cells (at most one
        per 16 edges: ties' kinds and weights, not skills' dates), as
        :func:`kgraph.ingest.cells.prop_dicts` decides: a store may then encode each once."""
        return not self.names or _few(self.props, self.count // _FEW)

    def maps(self, share: bool = True) -> list[dict[str, Any]]:
        """The edges' property maps, empty cells left out, in order (``share``: rows with equal
        cells may share one map, as an import's own: nobody may change them then).

        >>> EdgeColumns("KNOWS", ["P1", "P2"], ["K1", "K1"], ["", ""], ["level"], [[3, None]]).maps()
        [{'level': 3}, {}]
        """
        return prop_dicts(self.count, self.names, self.props, share)

    def items(self, share: bool = True) -> list[tuple[tuple, dict[str, Any]]]:
        """``[(edge key, properties), ...]``: what the dataset's map of edges would hold, in
        its order (``share``: rows with equal cells may share one map, as an import's own).

        >>> EdgeColumns("KNOWS", ["P1", "P2"], ["K1", "K1"], ["", ""], ["level"], [[3, None]]).items()
        [(('KNOWS', 'P1', 'K1', ''), {'level': 3}), (('KNOWS', 'P2', 'K1', ''), {})]
        """
        idents = zip(repeat(self.rel), self.sources, self.targets, self.keys)
        return list(zip(idents, self.maps(share)))


def clean_columns(rel: str, sources: list, targets: list, keys: list[str], names: list[str], props: list[list[Any]],
                  no_self_loops: bool) -> EdgeColumns | None:
    """The columns of a relation table as :class:`EdgeColumns`, or None where they are not
    clean (see the module's doc): a source or target missing, a self-tie where
    ``no_self_loops``, a key given twice, or a property column of values of several types
    (or of floats: 0.0 and -0.0 are equal). Then the table's rows are taken one by one, which
    reports what is wrong.

    >>> clean_columns("WORKS_WITH", ["P1", "P2"], ["P2", "P1"], ["advice", "advice"], [], [], True).count
    2
    >>> clean_columns("WORKS_WITH", ["P1", "P1"], ["P2", "P2"], ["advice", "advice"], [], [], True) is None
    True
    """
    if None in sources or None in targets or not all(map(_one_type, props)):
        return None
    if no_self_loops and any(map(eq, sources, targets)):
        return None
    if len(set(zip(sources, targets, keys))) < len(sources):
        return None
    return EdgeColumns(rel, sources, targets, keys, names, props)
