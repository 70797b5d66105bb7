"""Translations: the gettext function ``_`` is never shadowed where it is used."""

from __future__ import annotations

import ast
import os
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


# -- the catalogue ------------------------------------------------------------------------
import gettext as _gettext  # noqa: E402
import importlib.util  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

ROOTDIR = ROOT.parent
PO = ROOTDIR / "kgraph" / "locale" / "nl" / "LC_MESSAGES" / "kgraph.po"
MO = PO.with_suffix(".mo")


def _tool():
    spec = importlib.util.spec_from_file_location("kgraph_i18n_tool", ROOTDIR / "tools" / "i18n.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _lint():
    sys.path.insert(0, str(ROOTDIR / "tests"))
    try:
        import i18n_lint
    finally:
        sys.path.pop(0)
    return i18n_lint


@pytest.fixture(scope="module")
def tool():
    return _tool()


@pytest.fixture(scope="module")
def catalogue(tool):
    return tool.read("nl")


def test_every_user_facing_message_has_a_dutch_translation(tool, catalogue):
    """Every msgid extracted from kgraph/, the view scripts and the TOML wording is in the Dutch
    catalogue with a finished (non-empty, non-fuzzy) translation: `python tools/i18n.py update`,
    translate, `python tools/i18n.py compile`."""
    missing = [m.id for m in tool.extract(with_click=False) if m.id and catalogue.get(m.id, context=m.context) is None]
    assert missing == []
    assert tool.untranslated(catalogue) == []


def test_every_literal_message_in_the_code_is_in_the_catalogue(catalogue):
    """Each ``_("...")``/``N_``/``ngettext`` with a literal in kgraph/ has its msgid, those inside
    f-strings too (Babel's tokenizer misses them; kgraph.i18n_extract finds them)."""
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue if m.id}
    missing = []
    for path in sorted(ROOT.rglob("*.py")):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            f = n.func if isinstance(n, ast.Call) else None
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in ("_", "N_", "ngettext") and n.args and isinstance(n.args[0], ast.Constant) \
                    and isinstance(n.args[0].value, str) and n.args[0].value not in ids:
                missing.append(f"{path.relative_to(ROOT.parent)}:{n.lineno}: {n.args[0].value!r}")
    assert missing == []


def test_clicks_own_messages_are_translated(catalogue):
    for msgid in ("Usage:", "Options", "Commands", "Show this message and exit.", "Error: {message}",
                  "Missing argument", "No such option {name!r}.", "Invalid value for {param_hint}: {message}",
                  "Try '{command} {option}' for help.", "default: {default}"):
        assert catalogue.get(msgid) is not None and catalogue.get(msgid).string, msgid


def test_translations_keep_every_placeholder(catalogue):
    pat = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s")
    for m in catalogue:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        allowed = set().union(*(pat.findall(i) for i in ids))
        for s in strings:
            assert set(pat.findall(s)) <= allowed, (ids[0], s)
        if len(ids) == 1:
            assert set(pat.findall(strings[0])) == allowed, (ids[0], strings[0])


def test_the_compiled_catalogue_is_up_to_date(catalogue):
    """kgraph.mo holds exactly the finished translations of kgraph.po (`python tools/i18n.py compile`)."""
    with open(MO, "rb") as fh:
        compiled = _gettext.GNUTranslations(fh)._catalog
    expected = {}
    for m in catalogue:
        if not m.id or m.fuzzy:
            continue
        key = m.id if not m.context else f"{m.context}\x04{m.id}"
        if isinstance(m.id, tuple):
            base = m.id[0] if not m.context else f"{m.context}\x04{m.id[0]}"
            for i, s in enumerate(m.string):
                expected[(base, i)] = s
        else:
            expected[key] = m.string
    compiled.pop("", None)
    assert compiled == expected


def test_no_user_facing_text_escapes_translation():
    """Every literal echoed, raised, shown as help or written into a "why" is marked for
    translation (tests/i18n_lint.py says where, and how to exempt a line)."""
    assert _lint().scan(ROOTDIR) == []


def test_the_lint_finds_what_it_should():
    lint = _lint()
    source = ("from kgraph.i18n import _\nimport click\n"
              "def f(x):\n"
              "    click.echo(f'wrote {x} files')\n"
              "    click.echo(_('wrote {x} files').format(x=x))\n"
              "    raise KgraphError('bad thing', hint=_('do this'))\n"
              "    row = {'why': 'because ' + x}\n"
              "    click.echo(', '.join(x))  # no words\n"
              "    parts.append(f'<rect x=\"{x}\" fill=\"red\"></rect>')  # markup only\n"
              "    parts.append(f'<p class=\"note\">{x} more</p>')\n")
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "kgraph" / "m.py"
        p.parent.mkdir()
        p.write_text(source)
        found = lint.findings(p, Path(d))
    assert [f.split(":")[1] for f in found] == ["10", "4", "6", "7"]


def test_the_lint_reads_the_templates():
    import tempfile

    lint = _lint()
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "kgraph" / "web" / "templates" / "x.html"
        p.parent.mkdir(parents=True)
        p.write_text('<p>{{ _("ok") }}</p>\n<p title="Hover me">kgraph</p>\n<h1>\n  Hello {{ name }}\n</h1>'
                     '<button value="save">{{ _("Save") }}</button>{# a comment #}\n', encoding="utf-8")
        found = lint.template_findings(p, Path(d))
    assert found == ["kgraph/web/templates/x.html:2: Hover me", "kgraph/web/templates/x.html:4: Hello"]


def test_dutch_numbers_and_dates():
    import datetime as dt

    from kgraph.i18n import format_count, format_day, format_number

    with use_language("nl"):
        assert (format_number(1234.5), format_number(0.25), format_count(2527)) == ("1.234", "0,25", "2.527")
        assert format_day(dt.date(2026, 12, 1)) == "1 december 2026"
    with use_language("en"):
        assert (format_number(0.25), format_count(2527), format_day(dt.date(2026, 12, 1))) == ("0.25", "2,527", "1 December 2026")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_whole_numbers_as_babel_writes_them(lang):
    """format_count and format_number of whole numbers skip Babel: they must agree with it."""
    from babel.numbers import format_decimal

    from kgraph.i18n import babel_locale, format_count, format_number

    with use_language(lang):
        for n in (0, 7, -7, 999, 1000, -1000, 2527, 12345, 999999, 1234567, -98765432, 10**12):
            want = format_decimal(n, format="#,##0", locale=babel_locale())
            assert format_count(n) == want and format_number(n) == want and format_number(float(n)) == want


def test_language_from_the_environment_follows_changes(monkeypatch):
    from kgraph.i18n import current_language

    monkeypatch.delenv("KGRAPH_LANG", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert current_language() == "nl"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert current_language() == "en"


def test_plural_forms_in_dutch():
    with use_language("nl"):
        assert ngettext("{n} issue", "{n} issues", 1).format(n=1) == "1 dossier"
        assert ngettext("{n} issue", "{n} issues", 2).format(n=2) == "2 dossiers"
        assert ngettext("{n} person knows {what}", "{n} persons know {what}", 1).format(n=1, what="x") == "1 medewerker kent x"


def test_legends_and_view_scripts_speak_the_language():
    from kgraph.views import html

    with use_language("nl"):
        leg = html.legends()
        assert leg["giraffe"]["legend"] == "Legenda" and leg["giraffe"]["shapes"][0]["shape"] == "diamond"
        js = html.script_messages(("giraffe.js", "network.js"))
        assert js["Details"] == "Details" and js["Filters"] == "Filters" and js["All issues"] == "Alle dossiers"
        assert js["{n} pair with a work tie"] == ["{n} paar met een werkrelatie", "{n} paren met een werkrelatie"]
    with use_language("en"):
        assert html.legends()["giraffe"]["legend"] == "Legend"


def test_module_constants_are_translated_where_shown():
    """Texts defined at import (N_) follow the language of the moment they are shown."""
    from kgraph.views.network import WITHHELD

    with use_language("nl"):
        assert _(WITHHELD) == "achtergehouden"
    with use_language("en"):
        assert _(WITHHELD) == "withheld"


def test_format_number_kept_figures_equal_babel_each_time():
    """format_number keeps what Babel wrote for a figure; the same figure twice, in either
    language, and a negative figure that rounds to zero, are written as Babel writes them."""
    from babel.numbers import format_decimal

    from kgraph.i18n import _babel_decimal, format_number, use_language

    for lang, locale in (("en", "en_GB"), ("nl", "nl_NL"), ("en", "en_GB")):
        with use_language(lang):
            for v in (0.1234, 0.5, -0.25, 12.5, 999.5, 1e-7, -1e-9, 0.000123456):
                text = f"{v:.3g}"
                if "e" in text:
                    text = f"{v:.6f}".rstrip("0")
                decimals = len(text.split(".")[1]) if "." in text else 0
                want = format_decimal(float(text), format="#,##0." + "#" * max(decimals, 1), locale=locale)
                assert format_number(v) == want
    assert _babel_decimal.cache_info().hits > 0


@pytest.mark.parametrize("env", [{}, {"KGRAPH_LANG": "nl"}, {"LANG": "nl_NL.UTF-8"}, {"LC_ALL": "C", "LANG": "nl_NL.UTF-8"},
                                 {"LC_MESSAGES": "nl_BE", "KGRAPH_LANG": "xx"}, {"KGRAPH_LANG": "en", "LANG": "nl_NL"}])
def test_the_language_from_os_environ_follows_its_changes(monkeypatch, env):
    from kgraph.i18n import _ENV_VARS, language_from_environment

    for var in _ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert language_from_environment() == language_from_environment(dict(os.environ))
