"""The node tables of an input: each row a node, its references checked later and, where a
column makes an edge (a team's department), that edge (:class:`NodeTables`, a part of
:class:`kgraph.ingest.validate._Checker`). Before a large first import forks its second
process the node tables are validated with one core busy and the other waiting
(:mod:`kgraph.ingest.aside`), so a table is taken a column at a time wherever no row needs a
problem of its own: :meth:`NodeTables._column_nodes` makes what the row-by-row path makes, in
the same order.
"""

from __future__ import annotations

import hashlib
from itertools import compress, repeat
from operator import eq
from typing import Any

from ..i18n import _
from ..model import Column, Table, model
from .cells import prop_dicts
from .reader import RawTable

__all__ = ["NodeTables", "DERIVED_IDS", "derived_id"]

#: node kinds whose table has no id column: the prefix of the id kgraph derives and the
#: columns it is derived from (a row's id stays the same as long as these do); written
#: down in ``schema/model.toml`` (``derived_id`` of the table)
DERIVED_IDS: dict[str, tuple[str, tuple[str, ...]]] = {
    t.node: t.derived_id for t in model().tables.values() if t.node and t.derived_id}


def derived_id(kind: str, values: dict[str, Any], n: int = 1) -> str:
    """The stable id of a row of a table without an id column (the ``n``-th identical row).

    The first 12 hex characters of SHA-1 over the columns of :data:`DERIVED_IDS`, so the
    same row gets the same id in every import; an identical row gets ``-2``, ``-3`` ...
    The person who held an interaction is not part of its id: erasing them (``kgraph
    forget``) leaves nothing in the id to link the interaction back to them.

    >>> derived_id("Interaction", {"date": "2026-11-02", "actor_id": "A-PROV", "kind": "meeting", "summary": "Overleg"})
    'L-58905188870d'
    """
    prefix, columns = DERIVED_IDS[kind]
    return _first_id(prefix, "|".join(str(values.get(k, "")) for k in columns)) + (f"-{n}" if n > 1 else "")


def _first_id(prefix: str, basis: str) -> str:
    """The id of the first row whose derived columns, joined, are ``basis``."""
    return prefix + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


class NodeTables:
    """The node tables' part of :class:`kgraph.ingest.validate._Checker` (whose ``parsed``,
    ``rows``, ``bad``, ``ref_many``, ``where``, ``known`` and ``ds`` it uses)."""

    def node_table(self, raw: RawTable, table: Table) -> None:
        kind = table.node
        ref_cols = [c for c in table.columns if c.ref and c.type in ("ref", "list")]
        seen_derived: dict[str, int] = {}
        parsed = self.parsed(raw, table)
        if self._column_nodes(raw.label, kind, ref_cols, *parsed):
            return
        for rownum, values, ok in self.rows(raw, table, parsed):
            if kind in DERIVED_IDS:
                node_id = base = derived_id(kind, values)  # the first such row's id: the base
                n = seen_derived[base] = seen_derived.get(base, 0) + 1
                while self.known and derived_id(kind, values, n) in self.known:  # rows added to a stored dataset
                    n = seen_derived[base] = n + 1
                node_id = derived_id(kind, values, n) if n > 1 else node_id
            else:
                node_id = values.get("id")
                if node_id is None:
                    continue
                if node_id in self.where:
                    flabel, frow, _c = self.where[node_id]
                    self.bad(raw.label, rownum, "id", _("duplicate id '{id}' (first defined at {where})").format(
                        id=node_id, where=f"{flabel}:{frow}"))
                    continue
            self.where[node_id] = (raw.label, rownum, "id")
            props = {k: v for k, v in values.items() if k != "id"}
            for col in ref_cols:
                value = props.pop(col.name, None) if col.edge else props.get(col.name)
                if value is None:
                    continue
                for target in value if isinstance(value, list) else [value]:
                    self.ref_many(raw.label, col.name, col.ref, [rownum], [target])
                    if col.edge:
                        if target == node_id:
                            self.bad(raw.label, rownum, col.name, _("'{id}' refers to itself").format(id=node_id))
                            continue
                        self.ds.edges[(col.edge, node_id, target, "")] = {}
            self.ds.nodes[node_id] = (kind, props)

    def _column_nodes(self, label: str, kind: str, ref_cols: list[Column], rownums: list[int],
                      cols: dict[str, list[Any]], _failed) -> bool:
        """The nodes of a table, a column at a time, where no row needs a problem of its own:
        every row has an id no other row has (identical rows of a table without ids are
        numbered), none is taken, no row refers to itself, no reference is a list, and no
        derived id is added to a stored dataset. Else False, and nothing done: :meth:`node_table`
        goes row by row. The same nodes, edges, ``where`` and references, in the same order
        (the references within each column)."""
        n = len(rownums)
        if (self.known and kind in DERIVED_IDS) or any(c.type == "list" for c in ref_cols):
            return False
        ids = _derived_ids(kind, cols, n) if kind in DERIVED_IDS else cols.get("id")
        if ids is None or None in ids or len(set(ids)) < n or not self.where.keys().isdisjoint(ids):
            return False
        edges = [(c, cols[c.name]) for c in ref_cols if c.edge and c.name in cols]
        if any(any(map(eq, ids, values)) for _c, values in edges):
            return False
        self.where.update(zip(ids, zip(repeat(label), rownums, repeat("id"))))
        for col in ref_cols:
            values = cols.get(col.name)
            given = [v is not None for v in values] if values is not None else []
            if any(given):
                self.ref_many(label, col.name, col.ref, list(compress(rownums, given)), list(compress(values, given)))
        if edges:  # row by row, as the rows make them: the dataset's edges in the same order
            rels = [c.edge for c, _v in edges]
            self.ds.edges.update(((rel, i, t, ""), {}) for i, *targets in zip(ids, *(v for _c, v in edges))
                                 for rel, t in zip(rels, targets) if t is not None)
        dropped = {"id", *(c.name for c, _v in edges)}
        names = [c for c in cols if c not in dropped]
        self.ds.nodes.update(zip(ids, zip(repeat(kind), prop_dicts(n, names, [cols[c] for c in names]))))
        return True


def _derived_ids(kind: str, cols: dict[str, list[Any]], n: int) -> list[str]:
    """:func:`derived_id` of each of ``n`` rows given as columns (an identical row numbered
    ``-2``, ``-3`` ... in the rows' order, as :meth:`NodeTables.node_table` numbers them)."""
    prefix, columns = DERIVED_IDS[kind]
    texts = [["" if v is None else str(v) for v in cols.get(k, [None] * n)] for k in columns]
    ids = list(map(_first_id, repeat(prefix), map("|".join, zip(*texts))))
    if len(set(ids)) == len(ids):
        return ids
    seen: dict[str, int] = {}
    for k, base in enumerate(ids):
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            ids[k] = f"{base}-{seen[base]}"
    return ids
