"""Reads of the Neo4j store for a date before some source's latest version: the row nodes.

For a date at or after every source's latest version the ``:KgNode`` graph holds the
answer; for earlier dates :class:`RowReads` reads ``:KgNodeRow`` / ``:KgEdgeRow`` with
the validity intervals in force then, combines the sources (the later version wins) and
leaves out edges whose end is missing (see :mod:`kgraph.store.history`).
"""

from __future__ import annotations

from .. import history as hist
from .values import _chunks

__all__ = ["RowReads"]


class RowReads:
    """Mixin of :class:`~kgraph.store.neo4j.Neo4jStore`: needs its ``_read``."""

    @staticmethod
    def _params(dates) -> list[dict[str, str]]:
        return [{"source": s, "day": d} for s, d in dates]

    @staticmethod
    def _rank(dates) -> dict[str, int]:
        return {s: r for r, (s, _d) in enumerate(dates)}

    def _row_nodes(self, dates, *, kind=None, ids=None) -> dict[str, tuple[str, str]]:
        """``{id: (kind, props)}`` in force on ``dates`` (of one kind, or among ``ids``), precedence applied."""
        p = self._params(dates)
        if ids is None:
            rows = self._read("node_rows_at", dates=p, kind=kind)
            if len(dates) > 1 and kind is not None:  # another source may hold the id as another kind
                ids = sorted({r["id"] for r in rows})
        if ids is not None:
            rows = []
            for chunk in _chunks(sorted(set(ids)), 1000):
                rows.extend(self._read("node_rows_by_ids", ids=chunk, dates=p))
        got = hist.merge(((r["id"], r["source"], (r["kind"], r["props"])) for r in rows), self._rank(dates))
        return got if kind is None else {i: v for i, v in got.items() if v[0] == kind}

    def _row_edges(self, dates, rel, *, sources=None, targets=None) -> dict[tuple, str]:
        p = self._params(dates)
        if sources is None and targets is None:
            rows = self._read("edge_rows_at", dates=p, rel=rel)
        else:
            name, vals = ("edge_rows_from", sources) if sources is not None else ("edge_rows_to", targets)
            rows = []
            for chunk in _chunks(sorted(set(vals)), 1000):
                rows.extend(self._read(name, rel=rel, ids=chunk, dates=p))
            if sources is not None and targets is not None:
                keep = set(targets)
                rows = [r for r in rows if r["target"] in keep]
        got = hist.merge((((r["rel"], r["source"], r["target"], r["key"]), r["src"], r["props"]) for r in rows),
                         self._rank(dates))
        ends = {x for k in got for x in k[1:3]}
        present = set(self._row_nodes(dates, ids=ends)) if ends else set()
        return {k: v for k, v in got.items() if k[1] in present and k[2] in present}
