"""Translations: the gettext function ``_`` is never shadowed where it is used."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kgraph.i18n import language_from_environment, ngettext, normalize_language, use_language, _

ROOT = Path(__file__).resolve().parents[1] / "kgraph"


def _shadowing() -> list[str]:
    """Functions that assign ``_`` (a throwaway name) in a module that imports ``_`` to translate:
    every call of ``_()`` in such a function fails with UnboundLocalError."""
    bad = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree)):
            continue
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in ast.walk(fn)):
                    bad.append(f"{path.relative_to(ROOT.parent)}:{fn.lineno}")
    return bad


def test_no_function_shadows_the_translation_function():
    assert _shadowing() == []


def test_language_choice():
    assert normalize_language("nl_NL.UTF-8") == "nl" and normalize_language("fr") is None
    assert language_from_environment({"KGRAPH_LANG": "nl", "LANG": "en_US.UTF-8"}) == "nl"
    assert language_from_environment({"LC_ALL": "de_DE.UTF-8", "LANG": "nl_NL"}) == "en"  # LC_ALL decides
    with use_language("en"):
        assert _("no persons in the store") == "no persons in the store"
        assert ngettext("{n} person", "{n} persons", 1).format(n=1) == "1 person"


def test_unknown_language_is_an_option_error():
    from kgraph.errors import OptionError

    with pytest.raises(OptionError):
        with use_language("xx"):
            pass
