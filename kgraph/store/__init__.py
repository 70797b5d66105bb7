"""Stores: where a kgraph dataset lives. ``open_store`` picks the backend from the location."""

from __future__ import annotations

import os
from pathlib import Path

from .base import ImportReport, Store

__all__ = ["Store", "ImportReport", "open_store", "resolve_location", "DEFAULT_STORE"]

DEFAULT_STORE = "kgraph.db"
_SERVER_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def resolve_location(store: str | os.PathLike | None = None) -> str:
    """The store location: the argument, else ``$KGRAPH_STORE``, else ``./kgraph.db``."""
    if store is None or str(store) == "":
        store = os.environ.get("KGRAPH_STORE") or DEFAULT_STORE
    return str(store)


def open_store(store: str | os.PathLike | None = None, *, create: bool = True, database: str | None = None) -> Store:
    """Open the store at ``store`` (path → embedded SQLite; bolt:// or neo4j:// → Neo4j).

    Credentials for a server come from ``KGRAPH_NEO4J_USER`` and
    ``KGRAPH_NEO4J_PASSWORD``, never from the location.
    """
    location = resolve_location(store)
    if location.lower().startswith(_SERVER_SCHEMES):
        from .neo4j import Neo4jStore  # imported only when a server is used

        return Neo4jStore(location, database=database)
    from .sqlite import EmbeddedStore

    return EmbeddedStore(Path(location), create=create)
