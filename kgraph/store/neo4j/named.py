"""The named queries users run against a Neo4j store: ``kgraph query NAME -p key=value``.

Each file in the top-level ``queries/`` folder holds one parameterised, read-only
query with a header comment (name, parameters, columns, mode); they run as they are
in Neo4j Browser too. The embedded store has no Cypher: its equivalents are the
commands (``kgraph who-knows``, ``kgraph gaps``, ``kgraph linking-pins``, ...).
"""

from __future__ import annotations

import re
from typing import Any

from ... import resources
from ...errors import QueryError
from ...i18n import _
from .cypher import header

__all__ = ["query_info", "query_names", "check_params"]


def query_info(name: str) -> dict[str, Any]:
    """Header of one query: ``name, description, parameters (list), columns (list), mode``."""
    head = header(resources.query_text(name))
    params = re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", head.get("parameters", ""))
    cols = [c.strip() for c in head.get("columns", "").split(",") if c.strip()]
    return {"name": name, "description": head.get("description", ""), "parameters": params,
            "columns": cols, "mode": head.get("mode", "read")}


def query_names() -> list[str]:
    """Names of the queries that can be run (``mode: read``), sorted.

    >>> "who_knows" in query_names(), "all_nodes" in query_names()
    (True, False)
    """
    return [n for n in resources.query_names() if query_info(n)["mode"] == "read"]


def check_params(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The header of query ``name`` after checking that it exists and ``params`` are its parameters."""
    available = query_names()
    if name not in available:
        raise QueryError(_("unknown query {name!r}").format(name=name),
                         hint=_("available queries: {names}").format(names=", ".join(available)))
    info = query_info(name)
    missing = [p for p in info["parameters"] if p not in params]
    unknown = sorted(set(params) - set(info["parameters"]))
    if missing or unknown:
        need = ", ".join(f"-p {p}=..." for p in info["parameters"]) or _("no parameters")
        what = "; ".join(x for x in (missing and _("missing parameter(s): {names}").format(names=", ".join(missing)),
                                     unknown and _("unknown parameter(s): {names}").format(names=", ".join(unknown))) if x)
        raise QueryError(_("query {name!r}: {what}").format(name=name, what=what),
                         hint=_("{name} takes {need}").format(name=name, need=need))
    return info
