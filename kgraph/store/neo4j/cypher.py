"""The Cypher texts of the Neo4j store: its own statements and the user-facing named queries.

Every line of Cypher kgraph runs lives in a file: the store's statements (reading,
writing, settings) in ``kgraph/store/neo4j/statements/``, the schema in
``statements/schema.cypher``, and the named queries users may run
(``kgraph query NAME``) in the top-level ``queries/`` folder (through
:mod:`kgraph.resources`). Each file starts with a header comment (``name``,
``parameters``, ``columns``, ``mode``, a description); every query takes its values
as parameters, never as text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ... import resources

__all__ = ["statement", "named_query", "header", "schema_statements", "STATEMENTS"]

#: folder of the store's own statements
STATEMENTS = Path(__file__).resolve().parent / "statements"


def _body(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//")).strip()


@functools.cache
def statement(name: str) -> str:
    """The store statement ``statements/<name>.cypher`` without its header comment."""
    return _body((STATEMENTS / f"{name}.cypher").read_text(encoding="utf-8"))


@functools.cache
def named_query(name: str) -> str:
    """The user-facing query ``queries/<name>.cypher`` without its header comment."""
    return _body(resources.query_text(name))


def header(text: str) -> dict[str, str]:
    """The header fields of a Cypher file (``name``, ``parameters``, ``columns``, ``mode``,
    ``description``), read from its leading ``//`` comment lines.

    >>> header("// name: x\\n// Says hello.\\n// mode: read\\nRETURN 1")
    {'name': 'x', 'mode': 'read', 'description': 'Says hello.'}
    """
    head: dict[str, str] = {}
    desc: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("//"):
            break
        s = s[2:].strip()
        m = re.match(r"^(name|parameters|columns|mode):\s*(.*)$", s)
        if m:
            head[m.group(1)] = m.group(2).strip()
        elif s:
            desc.append(s)
    head["description"] = " ".join(desc)
    return head


def schema_statements() -> list[str]:
    """The statements of ``statements/schema.cypher``, then of every other
    ``statements/schema_*.cypher`` by name (comments removed), in order."""
    out = []
    for path in [STATEMENTS / "schema.cypher", *sorted(STATEMENTS.glob("schema_*.cypher"))]:
        body = _body(path.read_text(encoding="utf-8"))
        out += [" ".join(s.split()) for s in body.split(";") if s.strip()]
    return out
