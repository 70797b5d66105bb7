"""Values as the Neo4j store writes them: property copies for Cypher, graph rows, the store URL."""

from __future__ import annotations

import functools
import json
import math
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ...errors import StoreError
from ...i18n import _
from ..base import encode_props

__all__ = ["safe_url", "_node_row", "_edge_row", "_chunks", "_json_checked"]

_NODE_RESERVED = frozenset({"id", "kgKind", "kgProps"})
_EDGE_RESERVED = frozenset({"rel", "key", "kgProps"})
_INT_RANGE = (-(2**63), 2**63 - 1)


# -- values --------------------------------------------------------------------
def _scalar(v: Any) -> bool:
    if isinstance(v, bool) or isinstance(v, str):
        return True
    if isinstance(v, int):
        return _INT_RANGE[0] <= v <= _INT_RANGE[1]
    return isinstance(v, float) and math.isfinite(v)


def _copyable(v: Any) -> bool:
    """Can Neo4j hold ``v`` as a property (a scalar, or a non-empty list of one scalar type)?"""
    if _scalar(v):
        return True
    if isinstance(v, list) and v and all(_scalar(x) for x in v):
        return len({type(x) for x in v}) == 1
    return False


def _graph_props(props: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in reserved and _copyable(v)}


def _node_row(node_id: str, kind: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"id": node_id, "props": {**_graph_props(props, _NODE_RESERVED), "id": node_id, "kgKind": kind, "kgProps": encode_props(props)}}


def _edge_row(rel: str, source: str, target: str, key: str, props: dict[str, Any]) -> dict[str, Any]:
    gp = {**_graph_props(props, _EDGE_RESERVED), "rel": rel, "key": key, "kgProps": encode_props(props)}
    return {"rel": rel, "source": source, "target": target, "key": key, "props": gp}


def _chunks(seq: list, size: int):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def safe_url(url: str) -> str:
    """``url`` checked: a bolt/neo4j URL without user or password in it.

    >>> safe_url("bolt://localhost:7687")
    'bolt://localhost:7687'
    >>> safe_url("bolt://neo4j:secret@localhost:7687")
    Traceback (most recent call last):
    ...
    kgraph.errors.StoreError: bolt://localhost:7687: credentials in the store URL are refused
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise StoreError(_("the store URL is not a valid bolt:// or neo4j:// URL")) from None
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[1]
        clean = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        raise StoreError(
            _("{url}: credentials in the store URL are refused").format(url=clean),
            hint=_("remove them from the URL and set KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD instead"),
        )
    if not host:
        raise StoreError(_("{url}: the store URL names no host").format(url=url),
                         hint=_("e.g. {url}").format(url="bolt://localhost:7687"))
    return url


def _json_checked(method):
    """A stored property map that is not valid JSON: a clear :class:`StoreError`, not a traceback."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except json.JSONDecodeError:
            raise StoreError(_("{url}: a stored row is damaged (its properties are not valid JSON)").format(
                url=self.location), hint=_("import your data again, or restore the database from a backup")) from None

    return run
