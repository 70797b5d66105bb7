"""Named Cypher queries: ``kgraph query NAME -p key=value``.

Each file in ``queries/`` holds one parameterised query with a header comment
(name, parameters, columns, mode). Questions and lookups (``mode: read``) can be
run by name against a Neo4j store; the store-internal write queries cannot.
The embedded store has no Cypher: its equivalents are the commands
(``kgraph who-knows``, ``kgraph gaps``, ``kgraph linking-pins``, ...).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .graph import KnowledgeGraph

__all__ = ["query", "query_names", "query_info"]


def query_info(name: str) -> dict[str, Any]:
    """Header of one query: ``name, description, parameters (list), columns (list), mode``."""
    from .store.neo4j import query_header

    head = query_header(name)
    params = re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", head.get("parameters", ""))
    cols = [c.strip() for c in head.get("columns", "").split(",") if c.strip()]
    return {"name": name, "description": head.get("description", ""), "parameters": params,
            "columns": cols, "mode": head.get("mode", "read")}


def query_names() -> list[str]:
    """Names of the queries that can be run (``mode: read``), sorted.

    >>> "who_knows" in query_names()
    True
    """
    return [n for n in resources.query_names() if query_info(n)["mode"] == "read"]


def query(kg: KnowledgeGraph, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run the named read query ``queries/<name>.cypher`` on a Neo4j store.

    Parameters
    ----------
    kg : KnowledgeGraph
        A handle on a Neo4j store.
    name : str
        Query name, e.g. ``who_knows`` (see :func:`query_names`).
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

    params = dict(params or {})
    available = query_names()
    if name not in available:
        raise QueryError(f"unknown query {name!r}", hint=f"available queries: {', '.join(available)}")
    info = query_info(name)
    missing = [p for p in info["parameters"] if p not in params]
    unknown = sorted(set(params) - set(info["parameters"]))
    if missing or unknown:
        need = ", ".join(f"-p {p}=..." for p in info["parameters"]) or "no parameters"
        what = "; ".join(x for x in (missing and f"missing parameter(s): {', '.join(missing)}",
                                     unknown and f"unknown parameter(s): {', '.join(unknown)}") if x)
        raise QueryError(f"query {name!r}: {what}", hint=f"{name} takes {need}")
    store = kg.store
    if getattr(store, "backend", "") != "neo4j":
        raise QueryError(
            "named Cypher queries need a Neo4j store (--store bolt://HOST:7687)",
            hint="on the embedded store use the commands instead: kgraph who-knows, gaps, linking-pins, stakeholders, what-if",
        )
    from neo4j import exceptions as nx

    try:
        cols, rows = store.run_query(name, params)
    except nx.Neo4jError as exc:
        raise QueryError(f"query {name!r} failed: {exc.message}") from None
    cols = info["columns"] or cols
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)
