"""Export the stored graph: GraphML, GEXF (Gephi), node-link JSON, CSV, a Cypher script.

Works from either store: everything is read through ``kg.dataset()``.

* ``graphml`` / ``gexf``: one file; attribute values made Gephi-safe (lists become
  ``"; "``-joined text, missing values are left out, one type per attribute).
  Nodes carry ``node_kind`` and their properties; edges ``relation``, ``edge_key`` and
  their properties; GEXF labels are the names.
* ``json``: node-link JSON ``{"directed", "multigraph", "nodes", "edges"}``.
* ``csv``: a folder with ``nodes.csv`` and ``edges.csv``.
* ``cypher``: a script of parameter-free statements that loads into an empty Neo4j
  database (Neo4j Browser, ``cypher-shell -f``): the schema, then one ``CREATE``
  per node and one ``MATCH ... CREATE`` per edge, in kgraph's Neo4j graph model,
  so ``kgraph --store bolt://...`` reads it back as the same dataset.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KgraphError
from .model import Dataset

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .graph import KnowledgeGraph

__all__ = ["export", "FORMATS", "cypher_literal"]

FORMATS = ("graphml", "gexf", "json", "csv", "cypher")


def export(kg: KnowledgeGraph, out: str | os.PathLike, *, format: str) -> dict[str, Any]:  # noqa: A002
    """Write the stored graph to ``out`` in ``format``.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph handle (embedded or Neo4j store).
    out : path
        A file (graphml, gexf, json, cypher) or a folder (csv, created when missing).
    format : {"graphml", "gexf", "json", "csv", "cypher"}

    Returns
    -------
    dict
        ``format``, ``path``, ``files``, ``nodes``, ``edges``.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> kg = kgraph.open(os.path.join(d, "kg.db"))
    >>> kgraph.export(kg, os.path.join(d, "g.graphml"), format="graphml")["nodes"]
    0
    """
    if format not in FORMATS:
        raise KgraphError(f"unknown export format {format!r}", hint=f"use one of {', '.join(FORMATS)}")
    ds = kg.dataset()
    out = Path(out)
    if format == "csv":
        files = _write_csv(ds, out)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        if format == "graphml":
            import networkx as nx

            nx.write_graphml(_graph(ds, gexf=False), out, named_key_ids=True)
        elif format == "gexf":
            import networkx as nx

            nx.write_gexf(_graph(ds, gexf=True), out)
        elif format == "json":
            out.write_text(json.dumps(_node_link(ds), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        else:
            with out.open("w", encoding="utf-8", newline="\n") as f:
                for stmt in cypher_statements(ds):
                    f.write(stmt + ";\n")
        files = [str(out)]
    return {"format": format, "path": str(out), "files": files, "nodes": len(ds.nodes), "edges": len(ds.edges)}


# -- graph files -----------------------------------------------------------------
def _flat(v: Any) -> Any:
    """A Gephi-safe value: scalars as they are, lists as "; "-joined text, None dropped."""
    if isinstance(v, list):
        return "; ".join("" if x is None else str(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


def _unify(items: list[dict[str, Any]]) -> None:
    """One type per attribute across elements (GraphML/GEXF declare it once)."""
    types: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            types.setdefault(k, set()).add(type(v))
    for k, ts in types.items():
        if len(ts) <= 1:
            continue
        to = float if ts <= {int, float} else str
        for attrs in items:
            if k in attrs:
                attrs[k] = to(attrs[k])


def _graph(ds: Dataset, *, gexf: bool) -> nx.MultiDiGraph:
    import networkx as nx

    nodes = []
    for node_id, (kind, props) in ds.nodes.items():
        attrs = {k: _flat(v) for k, v in props.items() if v is not None and k not in ("node_kind", "label")}
        attrs["node_kind"] = kind
        if gexf:
            attrs["label"] = str(props.get("name") or node_id)
        nodes.append((node_id, attrs))
    edges = []
    for (rel, s, t, key), props in ds.edges.items():
        attrs = {k: _flat(v) for k, v in props.items() if v is not None and k not in ("relation", "edge_key", "id")}
        attrs.update(relation=rel, edge_key=key)
        edges.append((s, t, f"{rel}:{key}" if key else rel, attrs))
    _unify([a for _, a in nodes])
    _unify([a for *_, a in edges])
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    for s, t, k, attrs in edges:
        if gexf:
            attrs = {**attrs, "id": f"{s}|{k}|{t}"}
        G.add_edges_from([(s, t, k, attrs)])
    return G


def _node_link(ds: Dataset) -> dict[str, Any]:
    return {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [{"id": i, "kind": kind, "properties": props} for i, (kind, props) in ds.nodes.items()],
        "edges": [{"source": s, "target": t, "relation": rel, "key": key, "properties": props}
                  for (rel, s, t, key), props in ds.edges.items()],
    }


def _write_csv(ds: Dataset, folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    node_cols = sorted({k for _, p in ds.nodes.values() for k in p} - {"id", "kind"})
    edge_cols = sorted({k for p in ds.edges.values() for k in p} - {"relation", "source", "target", "key"})

    def cell(v: Any) -> Any:
        v = _flat(v)
        return "" if v is None else v

    files = []
    path = folder / "nodes.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", *node_cols])
        for i, (kind, props) in ds.nodes.items():
            w.writerow([i, kind, *(cell(props.get(c)) for c in node_cols)])
    files.append(str(path))
    path = folder / "edges.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["relation", "source", "target", "key", *edge_cols])
        for (rel, s, t, key), props in ds.edges.items():
            w.writerow([rel, s, t, key, *(cell(props.get(c)) for c in edge_cols)])
    files.append(str(path))
    return files


# -- Cypher script --------------------------------------------------------------
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_literal(v: Any) -> str:
    """A Cypher literal for a property value (strings single-quoted and escaped).

    >>> cypher_literal("x'}) DETACH DELETE n //")
    "'x\\\\'}) DETACH DELETE n //'"
    >>> cypher_literal([1, True, None, 2.5])
    '[1, true, null, 2.5]'
    """
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "0.0/0.0"
        if math.isinf(v):
            return "1.0/0.0" if v > 0 else "-1.0/0.0"
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    s = str(v)
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def _key(k: str) -> str:
    return k if _IDENT.match(k) else "`" + k.replace("`", "``") + "`"


def _map(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in props.items()) + "}"


def cypher_statements(ds: Dataset) -> list[str]:
    """The statements of the Cypher dump of ``ds`` (schema first, no parameters)."""
    from .store.neo4j import _edge_row, _node_row, schema_statements

    stmts = list(schema_statements())
    for node_id, (kind, props) in ds.nodes.items():
        stmts.append(f"CREATE (:KgNode {_map(_node_row(node_id, kind, props)['props'])})")
    for (rel, s, t, key), props in ds.edges.items():
        row = _edge_row(rel, s, t, key, props)
        stmts.append(
            f"MATCH (a:KgNode {{id: {cypher_literal(s)}}}), (b:KgNode {{id: {cypher_literal(t)}}}) "
            f"CREATE (a)-[:KG_EDGE {_map(row['props'])}]->(b)"
        )
    return stmts
