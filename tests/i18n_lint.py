"""Find user-facing text in kgraph's code that is not marked for translation.

A user sees what a command echoes (``click.echo``, ``summary``, ``warn``), what an error
says (every ``...Error(...)``/``NotFound(...)``/``_Bad(...)`` message and ``hint=``),
option and command help (``help=``), validation messages (``bad(label, row, column,
message)``) and the sentences analyses write into their rows (``"why": ...``,
``why=...``, and the lists of reasons they build). Each such text must be a call of
``_``/``ngettext``/``pgettext``/``N_``/``NP_`` (``.format`` on one is fine), or carry the
comment ``# i18n: exempt`` on its line (say why next to it). Text without letters
(``", "``, ``f"{a}: {b}"``) needs nothing, nor do the tags of markup (``f'<rect x="{x}">'``:
only the text between tags is wording). ``help=`` of a click option or command is
``N_("...")``: click reads it at import, and kgraph translates it when the help is shown.
The intranet's templates (``kgraph/web/templates/``) are checked too: their wording is
``{{ _("...") }}``, not text between the tags (:func:`template_findings`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

WRAPPERS = {"_", "ngettext", "pgettext", "N_", "NP_"}
#: calls whose first argument is shown to the user
SHOWN = {"echo", "summary", "secho", "confirm", "UsageError", "BadParameter", "ClickException", "Abort", "_Bad",
         "note", "say"}
#: keyword arguments and dict keys that hold user-facing text
TEXT_KEYS = {"help", "hint", "why", "message", "caption", "note", "title", "subtitle", "label", "heading", "tip",
             "kg_tip", "short_help", "epilog", "prompt", "privacy_note", "how", "reason"}
#: list-building methods whose argument is user-facing when the list is (reasons, flags)
LETTERS = re.compile(r"[A-Za-z]{2,}")


def _words(text: str) -> str:
    """``text`` without its HTML or SVG tags, when it is markup (it starts with ``<``)."""
    return re.sub(r"<[^>]*>?", " ", text) if text.lstrip().startswith("<") else text


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return getattr(func, "id", "")


def unwrapped(expr: ast.expr | None) -> list[ast.AST]:
    """The literal text inside ``expr`` that reaches the user without translation."""
    if expr is None:
        return []
    if isinstance(expr, ast.Constant):
        return [expr] if isinstance(expr.value, str) and LETTERS.search(_words(expr.value)) else []
    if isinstance(expr, ast.JoinedStr):
        text = "".join(str(v.value) if isinstance(v, ast.Constant) else "\x00" for v in expr.values)
        if text.lstrip().startswith("<"):  # markup: only the text between the tags is wording
            bad = [expr] if LETTERS.search(_words(text)) else []
        else:
            bad = [v for v in expr.values if isinstance(v, ast.Constant) and LETTERS.search(str(v.value))]
        return bad + [n for v in expr.values if isinstance(v, ast.FormattedValue) for n in unwrapped(v.value)]
    if isinstance(expr, ast.Call):
        name = _name(expr.func)
        if name in WRAPPERS:
            return []
        if name == "format" and isinstance(expr.func, ast.Attribute):
            return unwrapped(expr.func.value)  # the values filled in are names, ids, commands: not wording
        if name in {"join"} and isinstance(expr.func, ast.Attribute):
            return unwrapped(expr.func.value) + [n for a in expr.args for n in unwrapped(a)]
        if name == "plural":  # the English-only helper of kgraph/cli/_common.py: use ngettext
            return [expr]
        if name in {"terminal_safe", "str", "escape", "strip", "capitalize"}:
            return [n for a in expr.args for n in unwrapped(a)] + (
                unwrapped(expr.func.value) if isinstance(expr.func, ast.Attribute) else [])
        return []
    if isinstance(expr, ast.BinOp):
        return unwrapped(expr.left) + unwrapped(expr.right)
    if isinstance(expr, ast.IfExp):
        return unwrapped(expr.body) + unwrapped(expr.orelse)
    if isinstance(expr, ast.BoolOp):
        return [n for v in expr.values for n in unwrapped(v)]
    if isinstance(expr, (ast.List, ast.Tuple)):
        return [n for v in expr.elts for n in unwrapped(v)]
    if isinstance(expr, (ast.ListComp, ast.GeneratorExp)):
        return unwrapped(expr.elt)
    return []


def _is_error(name: str) -> bool:
    return name.endswith("Error") or name in {"NotFound", "KgraphError", "StoreUnavailable"}


def findings(path: Path, root: Path) -> list[str]:
    """``file:line: text`` for every unmarked user-facing text in one module."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    hits: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if (name in SHOWN or _is_error(name)) and node.args:
                hits += unwrapped(node.args[0])
            if name == "bad" and len(node.args) >= 4:
                hits += unwrapped(node.args[3])
            if name in {"append", "insert"} and isinstance(node.func, ast.Attribute) and \
                    _name(node.func.value) in {"why", "hows", "reasons", "flags", "parts", "notes", "lines"}:
                hits += unwrapped(node.args[-1])
            for kw in node.keywords:
                if kw.arg in TEXT_KEYS:
                    hits += unwrapped(kw.value)
                # click reads help when the module is imported: mark it with N_, it is translated when shown
                if kw.arg == "help" and name in {"option", "argument", "command", "group"} and \
                        isinstance(kw.value, ast.Call) and _name(kw.value.func) == "_":
                    hits.append(kw.value)
        elif isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and k.value in TEXT_KEYS:
                    hits += unwrapped(v)
    out = []
    for h in hits:
        line = lines[h.lineno - 1]
        if "i18n: exempt" in line:
            continue
        out.append(f"{path.relative_to(root)}:{h.lineno}: {line.strip()[:100]}")
    return sorted(set(out))


#: words a page may show as they are (names of things, formats)
TEMPLATE_WORDS = {"kgraph", "OpenAPI", "JSON", "CSV"}
#: attributes whose value a user reads (``value`` of a button or an option is a machine value)
TEMPLATE_ATTRS = ("title", "alt", "placeholder", "aria-label", "label")


def template_findings(path: Path, root: Path) -> list[str]:
    """``file:line: text`` for wording in a Jinja2 template outside ``{{ _("...") }}``: text between
    tags, and the attributes a user reads (``title``, ``alt``, ``placeholder``, ``aria-label``)."""
    source = path.read_text(encoding="utf-8")
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # keep line numbers and columns  # noqa: E731
    text = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", blank, source, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", blank, text, flags=re.S)
    hits: list[tuple[int, str]] = []
    for m in re.finditer(r"\b(" + "|".join(TEMPLATE_ATTRS) + r')="([^"]*)"', text):
        hits.append((m.start(2), m.group(2)))
    for m in re.finditer(r">([^<>]+)<", text):
        hits.append((m.start(1), m.group(1)))
    out = []
    for pos, words in hits:
        if any(w not in TEMPLATE_WORDS for w in re.findall(r"[A-Za-z]{2,}", words)):
            line = source.count("\n", 0, pos + len(words) - len(words.lstrip())) + 1
            out.append(f"{path.relative_to(root)}:{line}: {' '.join(words.split())[:100]}")
    return sorted(set(out))


def scan(root: Path) -> list[str]:
    return ([f for p in sorted((root / "kgraph").rglob("*.py")) for f in findings(p, root)]
            + [f for p in sorted((root / "kgraph").rglob("templates/*.html")) for f in template_findings(p, root)])


if __name__ == "__main__":  # pragma: no cover
    for f in scan(Path(__file__).resolve().parents[1]):
        print(f)
