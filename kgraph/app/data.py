"""The data commands as the library calls them: info, validate, import, the networkx graph, export, query."""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._gc import keep
from ..errors import KgraphError, QueryError
from ..fileout import atomic_path
from ..i18n import _
from ..ingest import input_digest, load_dataset, read_files
from ..ingest.aside import Aside
from ..model import Dataset, model
from ..store import ImportReport
from .handle import KnowledgeGraph

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["info", "validate", "import_data", "import_dataset", "history", "to_networkx", "export", "query",
           "EXPORT_FORMATS"]

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "cypher")


def info(kg: KnowledgeGraph, *, as_of=None) -> pd.DataFrame:
    """Counts per node kind and relation type on ``as_of`` (default today; zero rows included).

    Returns
    -------
    pandas.DataFrame
        Columns ``category`` (node / relation), ``kind``, ``count``.

    Raises
    ------
    StoreError
        The store is empty (nothing was imported yet).
    """
    import pandas as pd

    from ..dates import parse_as_of

    kg.require_data()
    counts = kg.store.counts(as_of=parse_as_of(as_of))
    m = model()
    rows = [{"category": "node", "kind": k, "count": counts.get(k, 0)} for k in m.node_kinds]
    rows += [{"category": "relation", "kind": r, "count": counts.get(r, 0)} for r in m.relation_types]
    return pd.DataFrame(rows, columns=["category", "kind", "count"])


class Counts(dict):
    """Nodes per kind and edges per relation; ``warnings`` lists what reading the input
    noticed without refusing it (:class:`~kgraph.errors.Problem`)."""

    warnings: list = []


def validate(path: str | os.PathLike) -> Counts:
    """Check the input at ``path`` without writing anything.

    Returns the number of nodes per kind and edges per relation the import
    would write (and its ``warnings``); raises :class:`~kgraph.errors.ValidationError`
    listing every problem (``file:row:column: message``).
    """
    ds = load_dataset(Path(path))
    out = Counts(ds.counts())
    out.warnings = list(ds.warnings)
    return out


def import_data(kg: KnowledgeGraph, path: str | os.PathLike, *, as_of=None, source: str = "import",
                progress=None) -> ImportReport:
    """Validate the input at ``path`` and record it as the organisation on ``as_of``.

    From ``as_of`` (default today) on, until a later import, the store holds exactly
    the data in ``path`` (for ``source``, default ``import``); earlier imports are kept,
    so every date can still be looked at (see :func:`history`). All-or-nothing: a
    problem anywhere writes nothing; a killed process leaves the store as it was; two
    imports at once are serialised. Importing the data already in force on that date
    again changes nothing (``report.unchanged``); when the input files are byte for byte
    those of that version (same options, same kgraph) the store recognises them by their
    digest before they are parsed. The CLI command is ``kgraph import``.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> folder = os.path.join(os.path.dirname(kg.location), "data")
    >>> kgraph.import_data(kg, folder, as_of="2026-01-01").unchanged
    True
    """
    from ..dates import parse_as_of

    day = parse_as_of(as_of)
    src = read_files(Path(path))  # the bytes, read once: their digest is checked before anything is parsed
    key = input_digest(src, source=source, day=day)
    known = kg.store.known_input(key, as_of=day, source=source) if key is not None else None
    if known is not None:  # the input of the version in force, byte for byte: nothing to read or write
        kg.changed()
        return known
    writer = kg.store.edge_writer(source=source, as_of=day)  # a new embedded store: a second process helps
    dataset = load_dataset(src, aside=None if writer is None else Aside(writer))
    keep(dataset)  # a one-shot command: its million objects are not freed one by one before it ends (kgraph._gc)
    report = import_dataset(kg, dataset, as_of=day, source=source, progress=progress, input_key=key)
    report.warnings = list(dataset.warnings)
    return report


def import_dataset(kg: KnowledgeGraph, dataset: Dataset, *, as_of=None, source: str = "import",
                   progress=None, input_key: str | None = None) -> ImportReport:
    """Record ``dataset`` as what ``source`` holds from ``as_of`` (default today) on.

    For writers other than ``kgraph import``: the survey (``source="survey"``), ties
    from calendars or mail (``"calendar"``, ``"mail"``), submissions from the intranet
    (``"intranet"``). A version replaces only its own source's data; reads combine the
    sources (see :class:`kgraph.store.Store`). ``dataset`` is written as given: validate it
    first (:func:`kgraph.ingest.validate_input`). Returns what changed compared with what
    ``source`` held on that date.
    """
    from ..dates import parse_as_of

    extra = {} if input_key is None else {"input_key": input_key}  # the digest of the input read (import_data)
    report = kg.store.replace(dataset, as_of=parse_as_of(as_of), source=source, progress=progress, **extra)
    kg.changed()
    return report


def history(kg: KnowledgeGraph) -> pd.DataFrame:
    """The versions in the store: one row per import (or other source's version), by date.

    Columns ``as_of`` (the date the data describes), ``source``, ``recorded_at`` (when it
    was written, UTC), ``added``, ``changed``, ``removed`` (nodes and relations compared
    with the same source's previous version). The CLI command is ``kgraph history``;
    ``df.attrs["changes"]`` holds the counts per kind and relation, one dict per row.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> kgraph.history(kg)[["source", "added", "changed", "removed"]].values.tolist()
    [['import', 41, 0, 0]]
    """
    import pandas as pd

    kg.require_data()
    rows = kg.store.history()
    df = pd.DataFrame([{k: r[k] for k in ("as_of", "source", "recorded_at", "added", "changed", "removed")}
                       for r in rows], columns=["as_of", "source", "recorded_at", "added", "changed", "removed"])
    df.attrs["changes"] = [r["changes"] for r in rows]
    return df


def to_networkx(
    kg: KnowledgeGraph,
    *,
    kinds: list[str] | None = None,
    relations: list[str] | None = None,
    as_of=None,
) -> nx.MultiDiGraph:
    """The stored graph as a :class:`networkx.MultiDiGraph`.

    Nodes carry their properties and ``label`` (the node kind: Person, Team,
    ...; ``kind`` is a property of knowledge items and actors); edges carry
    ``relation`` and their properties, keyed by ``(relation, key)``. ``kinds`` and
    ``relations`` restrict what is included; ``as_of`` picks the date (default today).

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kgraph.to_networkx(example_graph(), kinds=["Person"]).number_of_nodes()
    5
    """
    import networkx as nx

    ds = kg.dataset(as_of)
    G = nx.MultiDiGraph()
    keep_kinds = set(kinds) if kinds else None
    for node_id, (kind, props) in ds.nodes.items():
        if keep_kinds is None or kind in keep_kinds:
            G.add_node(node_id, **props, label=kind)
    keep_rels = set(relations) if relations else None
    for (rel, s, t, key), props in ds.edges.items():
        if (keep_rels is None or rel in keep_rels) and s in G and t in G:
            G.add_edge(s, t, key=(rel, key), relation=rel, **props)
    return G


def export(kg: KnowledgeGraph, out: str | os.PathLike, *, format: str, as_of=None) -> dict[str, Any]:  # noqa: A002
    """Write the stored graph to ``out`` in ``format``.

    Parameters
    ----------
    kg : KnowledgeGraph
        The graph handle (embedded or Neo4j store).
    out : path
        A file (graphml, gexf, json, cypher) or a folder (csv, created when missing).
    format : {"graphml", "gexf", "json", "csv", "cypher"}
        graphml/gexf (Gephi), node-link JSON, a folder with ``nodes.csv`` and
        ``edges.csv``, or a Cypher script (see :mod:`kgraph.store.neo4j.dump`).
    as_of : date or str, optional
        The date whose data is exported (default today).

    Returns
    -------
    dict
        ``format``, ``path``, ``files``, ``nodes``, ``edges``.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> kgraph.export(kg, os.path.join(tempfile.mkdtemp(), "g.graphml"), format="graphml")["nodes"]
    17
    """
    if format not in EXPORT_FORMATS:
        raise KgraphError(_("unknown export format {format!r}").format(format=format),
                          hint=_("use one of {formats}").format(formats=", ".join(EXPORT_FORMATS)))
    ds = kg.dataset(as_of)
    out = Path(out)
    if format == "csv":
        files = _write_csv(ds, out)
    else:
        with atomic_path(out) as tmp:  # whole or not at all: a full disk leaves no truncated export
            if format == "graphml":
                import networkx as nx

                nx.write_graphml(_graph(ds, gexf=False), tmp, named_key_ids=True)
            elif format == "gexf":
                import networkx as nx

                nx.write_gexf(_graph(ds, gexf=True), tmp)
            elif format == "json":
                tmp.write_text(json.dumps(_node_link(ds), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            else:
                from ..store.neo4j.dump import cypher_statements

                with tmp.open("w", encoding="utf-8", newline="\n") as f:
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
    _unify([a for _x, a in nodes])
    _unify([a for *_x, a in edges])
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
    node_cols = sorted({k for _x, p in ds.nodes.values() for k in p} - {"id", "kind"})
    edge_cols = sorted({k for p in ds.edges.values() for k in p} - {"relation", "source", "target", "key"})

    def cell(v: Any) -> Any:
        v = _flat(v)
        return "" if v is None else v

    files = []
    path = folder / "nodes.csv"
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", *node_cols])
        for i, (kind, props) in ds.nodes.items():
            w.writerow([i, kind, *(cell(props.get(c)) for c in node_cols)])
    files.append(str(path))
    path = folder / "edges.csv"
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["relation", "source", "target", "key", *edge_cols])
        for (rel, s, t, key), props in ds.edges.items():
            w.writerow([rel, s, t, key, *(cell(props.get(c)) for c in edge_cols)])
    files.append(str(path))
    return files


def query(kg: KnowledgeGraph, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run the named read query ``queries/<name>.cypher`` on a Neo4j store.

    Parameters
    ----------
    kg : KnowledgeGraph
        A handle on a Neo4j store.
    name : str
        Query name, e.g. ``who_knows`` (see :func:`kgraph.store.neo4j.named.query_names`).
    params : dict, optional
        Query parameters, e.g. ``{"knowledge_ids": ["K-OMGW"]}``.

    Returns
    -------
    pandas.DataFrame
        One row per result record, columns as in the query's header.

    Raises
    ------
    QueryError
        Unknown name, missing or unknown parameters, an embedded store, or the
        server rejected the query.
    """
    import pandas as pd

    from ..store.neo4j.named import check_params

    params = dict(params or {})
    check_params(name, params)
    if kg.store.backend != "neo4j":
        raise QueryError(
            _("named Cypher queries need a Neo4j store (--store bolt://HOST:7687)"),
            hint=_("on the embedded store use the commands instead: kgraph who-knows, gaps, linking-pins, stakeholders, what-if"),
        )
    cols, rows = kg.store.run_query(name, params)  # a privacy wrapper refuses it (PrivacyError)
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)
