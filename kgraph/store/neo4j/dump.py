"""The Cypher dump of a dataset (``kgraph export --format cypher``).

A script of parameter-free statements that loads into an empty Neo4j database
(Neo4j Browser, ``cypher-shell -f``): the schema, then one ``CREATE`` per node and one
``MATCH ... CREATE`` per edge, in the Neo4j store's graph model, so that
``kgraph --store bolt://...`` reads it back as the same dataset. Values are written
as Cypher literals, escaped (:func:`cypher_literal`).
"""

from __future__ import annotations

import math
import re
from typing import Any

from ...model import Dataset
from .cypher import schema_statements
from .values import _edge_row, _node_row

__all__ = ["cypher_literal", "cypher_statements"]

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
