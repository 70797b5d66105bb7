"""The Neo4j store's writes, each inside one transaction that first takes the write lock.

The rows (``:KgNodeRow``, ``:KgEdgeRow``) are the truth: every version of every node and
edge, with its validity interval (:mod:`kgraph.store.history`). The ``:KgNode`` /
``:KG_EDGE`` graph is kept equal to the data in force in each source's latest version
(what the named queries and Neo4j Browser see): every write that changes a latest
version brings it up to date in the same transaction (:func:`sync_graph`).

Each function takes ``tx``, a :class:`Tx`: ``tx.rows(name, **params)`` runs a statement
of ``statements/`` and returns its rows; ``tx.batches(name, rows, key)`` writes in batches.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from typing import Any, Protocol

from ...errors import StoreError
from ...i18n import ngettext
from ...model import Dataset
from .. import history as hist
from ..base import ImportReport, diff_datasets, encode_props

__all__ = ["Tx", "SCHEMA", "import_version", "forget_rows", "migrate_graph", "sync_graph"]

#: the schema version this kgraph writes (the :KgMeta node; absent before dated versions)
SCHEMA = 2


class Tx(Protocol):  # pragma: no cover - an interface
    location: str

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def batches(self, name: str, rows: list, key: str = "rows", *, progress=None, check: bool = False) -> None: ...


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _source_rows(tx: Tx, source: str, *, day=None, frm=None, to=None):
    """One source's rows (in force on ``day``, or starting on ``frm``, or ending on ``to``):
    ``({id: (from, to, (kind, props))}, {(rel, s, t, key): (from, to, props)})``."""
    p = {"source": source, "day": day, "from": frm, "to": to}
    nodes = {r["id"]: (r["valid_from"], r["valid_to"], (r["kind"], r["props"])) for r in tx.rows("node_rows_of_source", **p)}
    edges = {(r["rel"], r["source"], r["target"], r["key"]): (r["valid_from"], r["valid_to"], r["props"])
             for r in tx.rows("edge_rows_of_source", **p)}
    return nodes, edges


def _counts(old_n, old_e, new_n, new_e) -> dict[str, dict[str, int]]:
    a, c, r = hist.diff_counts(old_n, new_n, lambda _k, v: v[0])
    a2, c2, r2 = hist.diff_counts(old_e, new_e, lambda k, _v: k[0])
    return {"added": {**a, **a2}, "changed": {**c, **c2}, "removed": {**r, **r2}}


def _node_row(i, source, f, t, content) -> dict[str, Any]:
    return {"id": i, "kgSource": source, "kgFrom": f, "kgTo": t, "kgKind": content[0], "kgProps": content[1]}


def _edge_row(key, source, f, t, props) -> dict[str, Any]:
    rel, s, tg, k = key
    return {"rel": rel, "source": s, "target": tg, "key": k, "kgSource": source, "kgFrom": f, "kgTo": t, "kgProps": props}


def import_version(tx: Tx, dataset: Dataset, *, source: str, day: str, progress=None) -> ImportReport:
    """``Store.replace`` (see :meth:`kgraph.store.Store.replace`), inside the transaction."""
    tx.rows("lock")
    new_n = {i: (k, encode_props(p)) for i, (k, p) in dataset.nodes.items()}
    new_e = {key: encode_props(p) for key, p in dataset.edges.items()}
    versions = [(r["source"], r["as_of"]) for r in tx.rows("versions")]
    mine = sorted(d for s, d in versions if s == source)
    prev = max((d for d in mine if d <= day), default=None)
    nxt = min((d for d in mine if d > day), default=None)
    at_n, at_e = _source_rows(tx, source, day=day) if prev else ({}, {})
    start_n, start_e = _source_rows(tx, source, frm=nxt) if nxt else ({}, {})
    shown_n, shown_e = (at_n, at_e) if prev else (start_n, start_e)
    c = _counts({i: s[2] for i, s in shown_n.items()}, {k: s[2] for k, s in shown_e.items()}, new_n, new_e)
    report = ImportReport(added=c["added"], changed=c["changed"], removed=c["removed"], totals=dataset.counts())
    if report.unchanged:
        return report
    end_n, end_e = _source_rows(tx, source, to=day) if prev == day else ({}, {})
    dn, ins_n = hist.plan_table(new_n, at=at_n, ending=end_n, starting=start_n, day=day, nxt=nxt)
    de, ins_e = hist.plan_table(new_e, at=at_e, ending=end_e, starting=start_e, day=day, nxt=nxt)
    steps = [("delete_edge_rows", [{"rel": k[0], "source": k[1], "target": k[2], "key": k[3], "src": source, "from": f}
                                   for k, f in de]),
             ("delete_node_rows", [{"id": i, "source": source, "from": f} for i, f in dn]),
             ("create_node_rows", [_node_row(i, source, f, t, c) for i, f, t, c in ins_n]),
             ("create_edge_rows", [_edge_row(k, source, f, t, c) for k, f, t, c in ins_e])]
    total, offset = sum(len(r) for _n, r in steps), 0
    for name, rows in steps:
        shown = None if progress is None else (lambda done, _t, label, o=offset: progress(o + done, total, label))
        tx.batches(name, rows, progress=shown)
        offset += len(rows)
    if prev == day:
        before_n = {**{i: s[2] for i, s in at_n.items() if s[0] < day}, **{i: s[2] for i, s in end_n.items()}}
        before_e = {**{k: s[2] for k, s in at_e.items() if s[0] < day}, **{k: s[2] for k, s in end_e.items()}}
    else:
        before_n, before_e = {i: s[2] for i, s in at_n.items()}, {k: s[2] for k, s in at_e.items()}
    tx.rows("set_version", source=source, as_of=day, recorded_at=_now(),
            counts=json.dumps(_counts(before_n, before_e, new_n, new_e), sort_keys=True))
    if nxt:
        after_n = {**{i: s[2] for i, s in at_n.items() if s[1] > nxt}, **{i: s[2] for i, s in start_n.items()}}
        after_e = {**{k: s[2] for k, s in at_e.items() if s[1] > nxt}, **{k: s[2] for k, s in start_e.items()}}
        tx.rows("set_version", source=source, as_of=nxt, recorded_at=None,
                counts=json.dumps(_counts(new_n, new_e, after_n, after_e), sort_keys=True))
    else:  # this source's latest version changed: so may the graph of the latest data
        sources = {s for s, _d in versions} | {source}
        if sources == {source}:
            old = ({i: s[2] for i, s in at_n.items()}, {k: s[2] for k, s in at_e.items()})
            sync_graph(tx, dataset, old=old)
        else:
            latest = {s: max([d for s2, d in versions if s2 == s] + ([day] if s == source else [])) for s in sources}
            rows_n = [(i, source, c) for i, c in new_n.items()]
            rows_e = [(k, source, c) for k, c in new_e.items()]
            for other in sorted(sources - {source}):
                on, oe = _source_rows(tx, other, to=hist.OPEN)
                rows_n += [(i, other, s[2]) for i, s in on.items()]
                rows_e += [(k, other, s[2]) for k, s in oe.items()]
            sync_graph(tx, _union(rows_n, rows_e, latest))
    tx.rows("set_meta", schema=SCHEMA)
    return report


def _union(rows_n, rows_e, latest: dict[str, str]) -> Dataset:
    """The latest data: each source's open rows, the later source winning (ties by name)."""
    rank = {s: r for r, (s, _d) in enumerate(sorted(latest.items(), key=lambda sd: (sd[1], sd[0])))}
    nodes = hist.merge(rows_n, rank)
    edges = hist.merge(rows_e, rank)
    return Dataset(nodes={i: (k, json.loads(p)) for i, (k, p) in sorted(nodes.items())},
                   edges={k: json.loads(p) for k, p in sorted(edges.items())})


def sync_graph(tx: Tx, data: Dataset, *, old=None) -> None:
    """Make the ``:KgNode`` / ``:KG_EDGE`` graph hold ``data`` (edges with a missing end left
    out). ``old``: what it holds now, as ``({id: (kind, props_json)}, {key: props_json})``
    (read from the graph when not given)."""
    from .values import _edge_row as graph_edge
    from .values import _node_row as graph_node

    if old is None:
        old = ({r["id"]: (r["kind"], r["props"]) for r in tx.rows("all_nodes")},
               {(r["rel"], r["source"], r["target"], r["key"]): r["props"] for r in tx.rows("all_edges")})
    old_n, old_e = old
    old_e = {k: p for k, p in old_e.items() if k[1] in old_n and k[2] in old_n}
    data = Dataset(nodes=data.nodes, edges={k: p for k, p in data.edges.items() if k[1] in data.nodes and k[2] in data.nodes})
    diff = diff_datasets(old_n, old_e, data)
    if diff.report.unchanged:
        return
    tx.batches("delete_edges", [{"rel": r, "source": s, "target": t, "key": k} for r, s, t, k in diff.delete_edges])
    tx.batches("delete_nodes", list(diff.delete_nodes), key="ids")
    up_n, new_n, up_e, new_e = [], [], [], []
    for i, kind, _name, _enc in diff.upsert_nodes:
        (up_n if i in old_n else new_n).append(graph_node(i, kind, data.nodes[i][1]))
    for r, s, t, k, _enc in diff.upsert_edges:
        # new rows are CREATEd (no MERGE lookup: much faster on high-degree nodes), changed ones MERGEd
        (up_e if (r, s, t, k) in old_e else new_e).append(graph_edge(r, s, t, k, data.edges[(r, s, t, k)]))
    tx.batches("upsert_nodes", up_n)
    tx.batches("create_nodes", new_n)
    tx.batches("upsert_edges", up_e, check=True)
    tx.batches("create_edges", new_e, check=True)


def forget_rows(tx: Tx, node_id: str, mentions: Callable[[str], bool] | None,
                whole: tuple[str, ...] = ("Signal",)) -> dict[str, int]:
    """``Store.forget`` inside the transaction: every version, then the graph of the latest data."""
    tx.rows("lock")
    nodes = [(r["id"], r["source"], r["valid_from"], r["valid_to"], r["kind"], json.loads(r["props"]).get("name"),
              r["props"]) for r in tx.rows("all_node_rows", kind=None)]
    edges = [(r["rel"], r["source"], r["target"], r["key"], r["src"], r["valid_from"], r["valid_to"], r["props"])
             for r in tx.rows("all_edge_rows")]
    dn, ins_n, de, ins_e, removed = hist.erase(nodes, edges, node_id, mentions, json.loads, encode_props, whole=whole)
    if not (dn or de):
        return removed
    tx.batches("delete_edge_rows", [{"rel": r[0], "source": r[1], "target": r[2], "key": r[3], "src": r[4], "from": r[5]}
                                    for r in de])
    tx.batches("delete_node_rows", [{"id": r[0], "source": r[1], "from": r[2]} for r in dn])
    tx.batches("create_node_rows", [_node_row(i, o, f, t, (k, p)) for i, o, f, t, k, _n, p in ins_n])
    tx.batches("create_edge_rows", [_edge_row((r, s, tg, k), o, f, t, p) for r, s, tg, k, o, f, t, p in ins_e])
    gone_n, gone_e = set(dn), set(de)
    nodes = [r for r in nodes if r not in gone_n] + ins_n
    edges = [r for r in edges if r not in gone_e] + ins_e
    versions = [(r["source"], r["as_of"]) for r in tx.rows("versions")]
    rows = [(("n", r[0]), r[1], r[2], r[3], r[4]) for r in nodes] + [(("e", *r[:4]), r[4], r[5], r[6], r[0]) for r in edges]
    for (source, day), counts in hist.version_counts(rows, versions).items():
        tx.rows("set_version", source=source, as_of=day, recorded_at=None, counts=json.dumps(counts, sort_keys=True))
    latest: dict[str, str] = {}
    for s, d in versions:
        latest[s] = max(d, latest.get(s, d))
    sync_graph(tx, _union([(r[0], r[1], (r[4], r[6])) for r in nodes if r[3] == hist.OPEN],
                          [(r[:4], r[4], r[7]) for r in edges if r[6] == hist.OPEN], latest))
    return removed


def migrate_graph(tx: Tx, day: str) -> bool:
    """Turn a store written before dated versions (the graph only) into one version of
    source ``import`` dated ``day``; False when another process already did."""
    tx.rows("lock")
    if tx.rows("meta"):
        return False
    nodes = tx.rows("all_nodes")
    edges = tx.rows("all_edges")
    src = hist.DEFAULT_SOURCE
    tx.batches("create_node_rows", [_node_row(r["id"], src, day, hist.OPEN, (r["kind"], r["props"])) for r in nodes])
    tx.batches("create_edge_rows", [_edge_row((r["rel"], r["source"], r["target"], r["key"]), src, day, hist.OPEN, r["props"])
                                    for r in edges])
    added: dict[str, int] = {}
    for r in nodes:
        added[r["kind"]] = added.get(r["kind"], 0) + 1
    for r in edges:
        added[r["rel"]] = added.get(r["rel"], 0) + 1
    if added:
        tx.rows("set_version", source=src, as_of=day, recorded_at=_now(),
                counts=json.dumps({"added": added, "changed": {}, "removed": {}}, sort_keys=True))
    tx.rows("set_meta", schema=SCHEMA)
    return True


def check_written(location: str, name: str, expected: int, written: int) -> None:
    if name in ("upsert_edges", "create_edges") and written != expected:
        raise StoreError(ngettext("{url}: {n} relation refers to nodes that do not exist; nothing was written",
                                  "{url}: {n} relations refer to nodes that do not exist; nothing was written",
                                  expected - written).format(url=location, n=expected - written))
