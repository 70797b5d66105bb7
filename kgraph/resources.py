"""The one door to kgraph's declarative assets: ``schema/``, ``queries/``, ``visuals/``.

In a wheel the folders ship as ``kgraph/_assets/<name>``; in a source checkout
(editable install) they are read from the repository root.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .errors import KgraphError
from typing import Any

__all__ = ["asset_dir", "asset_path", "read_text", "schema", "query_names", "query_text"]

_ASSETS = ("schema", "queries", "visuals")


@functools.cache
def asset_dir(name: str) -> Path:
    """Folder of the asset group ``name`` (one of schema, queries, visuals)."""
    if name not in _ASSETS:
        raise KgraphError(f"unknown asset folder {name!r}; expected one of {_ASSETS}")  # i18n: exempt (a programming error)
    packaged = Path(__file__).parent / "_assets" / name  # the package folder (importlib.resources: 10 ms to import)
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parent.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"kgraph asset folder {name!r} is missing from this installation")  # i18n: exempt (a broken install)


def asset_path(name: str, filename: str) -> Path:
    """Path of one asset file, e.g. ``asset_path("visuals", "colours.toml")``."""
    path = asset_dir(name) / filename
    if not path.is_file():
        raise FileNotFoundError(f"kgraph asset {name}/{filename} is missing")  # i18n: exempt (a broken install)
    return path


def read_text(name: str, filename: str) -> str:
    """Text of one asset file (UTF-8)."""
    return asset_path(name, filename).read_text(encoding="utf-8")


@functools.cache
def _toml(name: str, filename: str) -> dict[str, Any]:
    import tomllib  # here: a command that never reads a TOML file (who-knows) does not load the parser

    return tomllib.loads(read_text(name, filename))


def schema() -> dict[str, Any]:
    """The data model, ``schema/model.toml``, parsed (cached; do not mutate)."""
    return _toml("schema", "model.toml")


def toml(name: str, filename: str) -> dict[str, Any]:
    """Any TOML asset, parsed (cached; do not mutate)."""
    return _toml(name, filename)


def query_names() -> list[str]:
    """Names of the Cypher queries in ``queries/`` (file stem), sorted."""
    return sorted(p.stem for p in asset_dir("queries").glob("*.cypher"))


def query_text(name: str) -> str:
    """Text of the named Cypher query ``queries/<name>.cypher``."""
    return read_text("queries", f"{name}.cypher")
