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

from ..i18n import N_, _, current_language, ngettext
from ..jsonrows import records
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
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e5 else f"{v:.0f}"
    if isinstance(v, list):
        return "; ".join(cell(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {cell(x)}" for k, x in v.items())
    return str(v)


#: column headings of the pages' tables (the JSON keys stay as they are)
HEADINGS = {
    "name": N_("name"), "knowledge": N_("knowledge"), "level": N_("level"), "confirmed": N_("confirmed"),
    "team": N_("team"), "department": N_("department"), "email": N_("e-mail"), "hops": N_("steps"),
    "path_description": N_("how you can be introduced"), "rank": N_("rank"), "person_id": N_("id"),
    "formal_pin": N_("formal pin"), "connects": N_("connects"), "brokerage_total": N_("brokerage"),
    "betweenness": N_("betweenness"), "constraint": N_("constraint"), "articulation_point": N_("cut point"),
    "only_contact_for": N_("only contact for"), "kind": N_("kind"), "severity": N_("severity"),
    "subject": N_("subject"), "unit": N_("unit"), "holders": N_("holders"), "required": N_("required"),
    "why": N_("why"), "actor": N_("actor"), "issue": N_("issue"), "stance": N_("stance"),
    "influence": N_("influence"), "interest": N_("interest"), "date": N_("date"), "quadrant": N_("quadrant"),
    "salience": N_("salience"), "owner": N_("owner"), "n_contacts": N_("contacts"), "blind_spot": N_("blind spot"),
    "single_contact": N_("single contact"), "stale_contact": N_("stale contact"), "invited": N_("invited"),
    "responded": N_("responded"), "response_rate": N_("response rate (%)"), "privacy_note": N_("note"),
    "wave": N_("wave"), "questions": N_("questions"), "status": N_("status"), "role": N_("role"),
    "person": N_("person"), "password": N_("password"), "created": N_("created"), "category": N_("category"),
    "count": N_("count"), "added": N_("added"), "changed": N_("changed"), "removed": N_("removed"),
    "total": N_("total"), "persons": N_("persons"),
}


def table(data: Any, columns: list[str] | None = None) -> dict[str, Any]:
    """``{"columns", "headings", "rows": [[cells]], "records"}`` of a DataFrame or a list of dicts,
    with the same keys as the JSON API (:func:`kgraph.jsonrows.records`); ``headings`` translated."""
    cols, rows = records(data)
    if columns:
        cols = [c for c in columns if c in cols]
    return {"columns": cols, "headings": [_(HEADINGS[c]) if c in HEADINGS else c for c in cols],
            "rows": [[cell(r.get(c)) for c in cols] for r in rows], "records": rows}


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
