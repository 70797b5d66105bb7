"""Babel extractors named in ``babel.cfg``: the help of the commands, and the wording kept in
TOML assets (``visuals/legends.toml``, the scale labels of ``schema/model.toml``).

:func:`extract_python` is Babel's Python extractor plus the docstring of every click
command (a function decorated with ``command(...)``/``group(...)``): the docstring is the
command's help, translated when shown (:mod:`kgraph.cli._i18n`), its msgid
``inspect.cleandoc(docstring)``; and the messages inside f-strings, which Babel's own
extractor misses (:func:`calls_in_fstrings`).

The English text stays in the TOML file, where the views read it; :func:`toml_texts`
decides which values are user-facing (the same rule at extraction and at run time,
where :func:`translate_tree` passes them through :func:`kgraph.i18n._`).

Options (in ``babel.cfg``): ``include``, space-separated dotted key patterns
(``fnmatch``; ``*`` matches one or more parts) of the values to extract, default every
value; ``exclude``, the keys whose values are machine values (``shape``, ``colour``).

>>> sorted(toml_texts({"a": {"label": "dot", "shape": "dot"}, "b": ["x"]}, exclude=("shape",)))
[('a.label', 'dot'), ('b.0', 'x')]
"""

from __future__ import annotations

import ast
import io
import fnmatch
import inspect
import tomllib
from collections.abc import Iterator
from typing import Any

__all__ = ["extract_python", "extract_toml", "toml_texts", "translate_tree", "calls_in_fstrings", "MACHINE_KEYS"]

#: keys of the visuals whose values are machine values, never shown as text
MACHINE_KEYS = ("shape", "style", "colour", "swatch", "line")


def toml_texts(data: Any, *, include: tuple[str, ...] = ("*",), exclude: tuple[str, ...] = MACHINE_KEYS,
               path: str = "") -> Iterator[tuple[str, str]]:
    """``(dotted key, text)`` of every user-facing string value of ``data``."""
    if isinstance(data, dict):
        items = [(str(k), v) for k, v in data.items()]
    elif isinstance(data, list):
        items = [(str(i), v) for i, v in enumerate(data)]
    else:
        return
    for key, value in items:
        where = f"{path}.{key}" if path else key
        if not isinstance(value, (dict, list)) and key in exclude:
            continue
        if isinstance(value, str):
            if value.strip() and any(fnmatch.fnmatchcase(where, pat) for pat in include):
                yield where, value
        else:
            yield from toml_texts(value, include=include, exclude=exclude, path=where)


def translate_tree(data: Any, translate, *, exclude: tuple[str, ...] = MACHINE_KEYS, key: str = "") -> Any:
    """A copy of ``data`` with every user-facing string passed through ``translate``."""
    if isinstance(data, dict):
        return {k: translate_tree(v, translate, exclude=exclude, key=str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [translate_tree(v, translate, exclude=exclude, key=key) for v in data]
    if isinstance(data, str) and key not in exclude and data.strip():
        return translate(data)
    return data


def extract_toml(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method: ``(lineno, funcname, message, comments)`` per user-facing value."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    include = tuple(options.get("include", "*").split())
    exclude = tuple(options.get("exclude", " ".join(MACHINE_KEYS)).split())
    lines = text.splitlines()
    for where, value in toml_texts(tomllib.loads(text), include=include, exclude=exclude):
        lineno = next((i + 1 for i, line in enumerate(lines) if _quoted(value) in line), 0)
        yield lineno, None, value, [where]


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_command(decorator: ast.expr) -> bool:
    f = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
    return name in ("command", "group")


def command_docstrings(source: str) -> Iterator[tuple[int, str, str]]:
    """``(line, function name, cleaned docstring)`` of every click command in ``source``.

    >>> list(command_docstrings("@click.command()\\ndef info():\\n    \\"\\"\\"Counts.\\n\\n    More.\\"\\"\\"\\n"))
    [(3, 'info', 'Counts.\\n\\nMore.')]
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(_is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc and node.body:
                yield node.body[0].lineno, node.name, inspect.cleandoc(doc)


def calls_in_fstrings(source: str, keywords) -> Iterator[tuple[int, str, tuple[str | None, ...]]]:
    """``(line, function, string arguments)`` of the calls of ``keywords`` inside f-strings, which
    Babel's tokenizer does not see before Python 3.12 (``f"<b>{_('Spikes')}</b>"``).

    >>> list(calls_in_fstrings("x = f'<p>{_(\\"No spikes.\\")}</p>'", {"_": None}))
    [(1, '_', ('No spikes.',))]
    """
    seen: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for call in ast.walk(node):
            f = call.func if isinstance(call, ast.Call) else None
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if f is None or name not in keywords or id(call) in seen:
                continue
            seen.add(id(call))
            args = tuple(a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                         for a in call.args)
            if any(args):
                yield call.lineno, name, args


def extract_python(fileobj, keywords, comment_tags, options):
    """Babel's Python extraction, plus the docstring (help) of every click command and the
    messages inside f-strings (:func:`calls_in_fstrings`)."""
    from babel.messages.extract import extract_python as babel_python

    data = fileobj.read()
    yield from babel_python(io.BytesIO(data), keywords, comment_tags, options)
    source = data.decode(options.get("encoding", "utf-8"))
    for lineno, name, doc in command_docstrings(source):
        yield lineno, None, doc, [f"help of the command function {name}"]
    for lineno, name, args in calls_in_fstrings(source, keywords):
        yield lineno, name, args if len(args) > 1 else args[0], []
