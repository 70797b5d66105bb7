"""Pages from Jinja2 templates (``kgraph/web/templates/``), escaped, in the request's language.

Autoescaping is on for every template: a name such as ``<img onerror=...>`` is shown as
text. Every user-facing string in a template goes through ``_()`` (the same
:func:`kgraph.i18n._` as the rest of kgraph), so the Dutch catalogue covers the pages;
Babel extracts them with its Jinja2 extractor (see ``docs/web.md``).

>>> print(cell(None), cell(True), cell(0.123456), cell(["a", "b"]))
 yes 0.1235 a; b
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ..i18n import _, current_language, format_number, ngettext
from ..jsonrows import records
from ..vocabulary import column_label, value_label
from ..views.html import date_line, script_json, view_section

__all__ = ["environment", "render_page", "cell", "table", "TEMPLATES", "STATIC"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def cell(v: Any) -> str:
    """A value as the text of a table cell."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, (int, float)):
        return format_number(v, digits=4)
    if isinstance(v, list):
        return "; ".join(cell(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {cell(x)}" for k, x in v.items())
    return str(v)


def table(data: Any, columns: list[str] | None = None) -> dict[str, Any]:
    """``{"columns", "headings", "rows": [[cells]], "records"}`` of a DataFrame or a list of dicts,
    with the same keys as the JSON API (:func:`kgraph.jsonrows.records`); ``headings`` and the
    machine values in the cells in words of the current language, as the terminal's tables show
    them (:mod:`kgraph.vocabulary`)."""
    cols, rows = records(data)
    if columns:
        cols = [c for c in columns if c in cols]
    return {"columns": cols, "headings": [column_label(c) for c in cols],
            "rows": [[cell(_words(c, r.get(c))) for c in cols] for r in rows], "records": rows}


def _words(column: str, v: Any) -> Any:
    if isinstance(v, list):
        return [value_label(column, x) for x in v]
    return value_label(column, v)


@functools.cache
def environment():
    """The Jinja2 environment (autoescaping, kgraph's translation functions)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(_=_, ngettext=ngettext, date_line=date_line, current_language=current_language,
                       view_section=view_section, script_json=script_json)
    env.filters["cell"] = cell
    return env


def render_page(name: str, **context: Any) -> str:
    """The template ``name`` rendered with ``context`` (in the current language)."""
    return environment().get_template(name).render(**context)
