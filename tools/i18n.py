#!/usr/bin/env python3
"""kgraph's translation workflow with Babel: extract, update, compile, check.

The messages are English in the code (``_()``, ``ngettext()``, ``pgettext()``, ``N_()``,
``NP_()``), in the view scripts (``visuals/*.js``: ``_()``) and in the TOML assets
(``visuals/legends.toml``, the scale labels of ``schema/model.toml``); ``babel.cfg`` says
where. Click's own messages ("Usage:", "Show this message and exit.") are extracted from
the installed click, so that the command line speaks one language.

    python tools/i18n.py extract    # write kgraph/locale/kgraph.pot (not committed)
    python tools/i18n.py update     # extract, then merge into kgraph/locale/nl/LC_MESSAGES/kgraph.po
    python tools/i18n.py compile    # write kgraph.mo beside each kgraph.po (committed)
    python tools/i18n.py check      # list what misses a translation; exit 1 if anything does

After ``update``, translate the new and the fuzzy entries in the ``.po`` (remove the
``fuzzy`` flag once checked), then ``compile`` and commit both files. The same can be done
with plain ``pybabel`` (``pybabel extract -F babel.cfg -k N_ -k NP_:1c,2 ...``); this
script adds click's messages and the check. See ``docs/translating.md``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "kgraph" / "locale"
POT = LOCALE / "kgraph.pot"
LANGUAGES = ("nl",)
KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2)}
HEADER = "Translations of kgraph: see docs/translating.md for the workflow and the glossary."


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "kgraph.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _add(catalog: Catalog, found, prefix: str = "") -> None:
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(prefix + filename, lineno)], auto_comments=comments, context=context)


def extract(*, with_click: bool = True) -> Catalog:
    """Every message of kgraph (code, view scripts, TOML wording) and, unless told not to, click's."""
    catalog = Catalog(project="kgraph", header_comment="# " + HEADER, charset="utf-8")
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    _add(catalog, extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True,
                                   comment_tags=("TRANSLATORS:",)))
    if with_click:
        import click

        where = Path(click.__file__).resolve().parent
        _add(catalog, extract_from_dir(str(where), [("**.py", "python")], {},
                                       keywords={"_": None, "ngettext": (1, 2)}), prefix="click/")
    return catalog


def read(lang: str) -> Catalog:
    with open(po_path(lang), "rb") as fh:
        return read_po(fh, locale=lang, domain="kgraph")


def write(lang: str, catalog: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, include_previous=True, ignore_obsolete=True)
    po_path(lang).parent.mkdir(parents=True, exist_ok=True)
    po_path(lang).write_bytes(buf.getvalue())


def update() -> None:
    from kgraph.views import html

    table = html.script_ids_table()  # the view scripts' messages, so that pages need not run Babel's extractor
    (ROOT / "visuals" / html.SCRIPT_MESSAGES).write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")
    template = extract()
    for lang in LANGUAGES:
        if po_path(lang).exists():
            catalog = read(lang)
        else:
            catalog = Catalog(locale=lang, domain="kgraph", project="kgraph", header_comment="# " + HEADER)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        write(lang, catalog)
        print(f"{po_path(lang).relative_to(ROOT)}: {len(catalog)} messages, "
              f"{len(untranslated(catalog))} to translate")


def compile_all() -> None:
    for lang in LANGUAGES:
        catalog = read(lang)
        with open(mo_path(lang), "wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        print(f"{mo_path(lang).relative_to(ROOT)}: compiled")


def untranslated(catalog: Catalog) -> list[str]:
    """The entries of ``catalog`` without a finished translation (empty or fuzzy)."""
    out = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            out.append(m.id[0] if isinstance(m.id, tuple) else m.id)
    return out


def missing(lang: str, *, with_click: bool = True) -> list[str]:
    """Messages extracted from the sources that the catalogue of ``lang`` lacks or leaves untranslated."""
    catalog = read(lang)
    out = []
    for m in extract(with_click=with_click):
        if not m.id:
            continue
        have = catalog.get(m.id, context=m.context)
        if have is None:
            out.append(f"missing: {m.id!r}")
    out += [f"untranslated: {i!r}" for i in untranslated(catalog)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=["extract", "update", "compile", "check"])
    args = ap.parse_args(argv)
    if args.step == "extract":
        buf = io.BytesIO()
        write_po(buf, extract(), width=100, sort_output=False)
        POT.parent.mkdir(parents=True, exist_ok=True)
        POT.write_bytes(buf.getvalue())
        print(f"{POT.relative_to(ROOT)} written")
    elif args.step == "update":
        update()
    elif args.step == "compile":
        compile_all()
    else:
        problems = [f"{lang}: {p}" for lang in LANGUAGES for p in missing(lang)]
        print("\n".join(problems) or "every message is translated")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
