"""Self-contained HTML pages: escaping, inlined vis-network, the page template.

Every page kgraph writes works offline: vis-network's JavaScript and CSS are read
from the installed pyvis package and inlined; the templates, styles and scripts
come from ``visuals/`` (through :mod:`kgraph.resources`). Nothing points at a
CDN, and a Content-Security-Policy forbids any request the page could make.

Escaping: text in HTML goes through :func:`escape`; data for the scripts is
embedded as JSON by :func:`script_json` (``<``, ``>``, ``&`` written as
``\\u003c`` …, so ``</script>`` in a name cannot end the script); the scripts
put every user string on the page with ``textContent``.
"""

from __future__ import annotations

import functools
import html as _html
import json
import re
from pathlib import Path
from typing import Any

from .. import resources
from ..errors import KgraphError
from ..i18n import _, current_language, format_count, format_day, format_number, ngettext

__all__ = ["escape", "table", "script_json", "vis_assets", "page", "view_section", "header", "write", "Builder", "colours",
           "legends", "sizes", "date_line", "script_messages", "legend_html", "static_block"]

def table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], *, numeric: tuple[str, ...] = ()) -> str:
    """Rows as an HTML table of ``columns`` (``(key, label)``), every cell escaped: yes/no,
    numbers in the current language, coded values and lists of them in words
    (:func:`kgraph.vocabulary.value_label`); ``numeric`` columns aligned right. No rows: a
    note saying none were found.

    >>> table([{"n": 1200, "ok": True}], [("n", "N"), ("ok", "OK")], numeric=("n",))
    '<table class="kg-table"><thead><tr><th>N</th><th>OK</th></tr></thead><tbody><tr><td class="num">1,200</td><td>yes</td></tr></tbody></table>'
    """
    from ..vocabulary import value_label, yes_no

    if not rows:
        return f'<p class="kg-note">{escape(_("None found."))}</p>'
    head = "".join(f"<th>{escape(label)}</th>" for _k, label in columns)
    body = []
    for r in rows:
        cells = []
        for key, _label in columns:
            v = r.get(key)
            if isinstance(v, bool):
                v = yes_no(v)
            elif isinstance(v, float):
                v = format_number(v)
            elif isinstance(v, int):
                v = format_count(v)
            elif isinstance(v, (list, tuple)):
                v = ", ".join(str(value_label(key, x)) for x in v)
            elif isinstance(v, str):
                v = value_label(key, v)
            cls = ' class="num"' if key in numeric else ""
            cells.append(f"<td{cls}>{escape(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="kg-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def escape(text: Any) -> str:
    """Text as HTML (quotes too, so it is safe in attributes).

    >>> escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> escape(None)
    ''
    """
    return "" if text is None else _html.escape(str(text), quote=True)


def script_json(data: Any) -> str:
    """JSON safe to embed in ``<script>``: ``<``, ``>``, ``&`` and line separators escaped.

    >>> script_json({"name": "</script><b>&"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(script_json({"a": "</script>"}))["a"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, default=_default)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _default(v: Any) -> Any:
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (set, frozenset, tuple)):
        return sorted(v) if isinstance(v, (set, frozenset)) else list(v)
    raise TypeError(f"not JSON serialisable: {type(v).__name__}")  # i18n: exempt (a programming error)


@functools.cache
def vis_assets() -> tuple[str, str]:
    """``(javascript, css)`` of vis-network, read from the installed pyvis package.

    The newest ``vis-*`` folder pyvis ships is used. Raises :class:`KgraphError`
    with an install hint when pyvis (or its bundled files) is missing.
    """
    import importlib.util

    # where pyvis is installed, without importing it (its import loads IPython: 0.25 s)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.origin:  # pragma: no cover - pyvis is a dependency
        raise KgraphError(_("the HTML views need pyvis"), hint="pip install 'pyvis>=0.3.2'")  # i18n: exempt (a command)
    base = Path(spec.origin).resolve().parent
    found = sorted(
        (p for pattern in ("lib/vis-*/vis-network.min.js", "templates/lib/vis-*/vis-network.min.js") for p in base.glob(pattern)),
        key=lambda p: (tuple(int(x) for x in re.findall(r"\d+", p.parent.name)), "templates" not in p.parts),
    )
    if not found:
        raise KgraphError(_("pyvis ships no vis-network files here"),
                          hint=_("reinstall pyvis: {command}").format(command="pip install --force-reinstall pyvis"))
    js_path = found[-1]
    css_path = js_path.with_name("vis-network.css")
    js = js_path.read_text(encoding="utf-8")
    css = css_path.read_text(encoding="utf-8") if css_path.is_file() else ""
    if re.search(r"</script", js, re.I) or re.search(r"</style", css, re.I):  # pragma: no cover
        raise KgraphError("the bundled vis-network cannot be inlined safely")  # i18n: exempt (a packaging error)
    return js, css


def colours() -> dict[str, Any]:
    """``visuals/colours.toml``."""
    return resources.toml("visuals", "colours.toml")


def legends() -> dict[str, Any]:
    """``visuals/legends.toml``, its wording in the current language (see :mod:`kgraph.i18n_extract`)."""
    return _legends(current_language())


@functools.cache
def _legends(lang: str) -> dict[str, Any]:
    from ..i18n_extract import translate_tree

    return translate_tree(resources.toml("visuals", "legends.toml"), _)


def sizes() -> dict[str, Any]:
    """``visuals/sizes.toml``."""
    return resources.toml("visuals", "sizes.toml")


def date_line(as_of) -> str:
    """The line that says which date a page describes (every page carries exactly one), as prose
    writes a date in the current language (``Peildatum 1 december 2026``)."""
    return _("As of {date}").format(date=format_day(as_of))


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{{name}}`` in a template in one pass (inserted values are not re-scanned)."""
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: values[m.group(1)], template)


def header(title: str, subtitle: str = "", meta: str = "") -> str:
    """The page header (all arguments are plain text; escaped here)."""
    return _fill(resources.read_text("visuals", "header.html"),
                 {"title": escape(title), "subtitle": escape(subtitle), "meta": escape(meta)})


def view_section(view_id: str, title: str, static: str = "") -> str:
    """The map + side panel block of one interactive view; ``static`` (trusted HTML, e.g.
    :func:`static_block`) is what prints, and what shows without JavaScript."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", view_id):
        raise KgraphError(f"bad view id {view_id!r}")  # i18n: exempt (a programming error)
    return _fill(resources.read_text("visuals", "view.html"), {
        "view_id": view_id, "title": escape(title), "fit": escape(_("Fit")), "reset": escape(_("Reset")),
        "fit_tip": escape(_("Show the whole map")), "reset_tip": escape(_("Back to how the map opened")),
        "static": static})


def legend_html(legend: dict[str, Any]) -> str:
    """A legend (``{title, groups: [{heading, items}], note}``, as the pages' scripts show it) as HTML."""
    parts = [f'<div class="kg-legend kg-static-legend"><h4>{escape(legend.get("title") or _("Legend"))}</h4>']
    for g in legend.get("groups", []):
        parts.append(f'<div class="kg-legend-group"><b>{escape(g.get("heading") or "")}</b><ul>')
        for it in g["items"]:
            if it.get("line"):
                sw = f'<span class="kg-line {escape(it["line"])}" style="border-top-color:{_css_colour(it.get("colour"))}"></span>'
            elif it.get("swatch") == "star":
                sw = '<span class="kg-swatch star">\u2605</span>'
            else:
                style = ";".join(x for x in (f"background:{_css_colour(it['colour'])}" if it.get("colour") else "",
                                              f"border-color:{_css_colour(it['border'])}" if it.get("border") else "") if x)
                sw = f'<span class="kg-swatch {escape(it.get("swatch") or "")}" style="{style}">{escape(it.get("text") or "")}</span>'
            parts.append(f"<li>{sw}<span>{escape(it['label'])}</span></li>")
        parts.append("</ul></div>")
    if legend.get("note"):
        parts.append(f'<p class="kg-muted">{escape(legend["note"])}</p>')
    parts.append("</div>")
    return "".join(parts)


def _css_colour(value: Any) -> str:
    """A colour from ``visuals/`` for a style attribute (``#rgb``/``#rrggbb`` or a name; anything else is dropped)."""
    text = str(value or "")
    return text if re.fullmatch(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}", text) else "transparent"


def static_block(panels: list[tuple[str, str]], legend: dict[str, Any] | None = None) -> str:
    """The static copy of a map: ``panels`` (caption, inline SVG) and the legend."""
    figs = "".join(f'<figure class="kg-static-panel">{svg}'
                   + (f"<figcaption>{escape(caption)}</figcaption>" if caption else "") + "</figure>"
                   for caption, svg in panels)
    grid = " kg-static-grid" if len(panels) > 1 else ""
    return f'<div class="kg-static{grid}">{figs}</div>' + (f'<div class="kg-static kg-static-key">{legend_html(legend)}</div>' if legend else "")


def page(*, title: str, body: str, views: list[dict[str, Any]] | None = None, scripts: tuple[str, ...] = (), body_class: str = "") -> str:
    """A complete self-contained page.

    Parameters
    ----------
    title : str
        Plain text (escaped here).
    body : str
        Trusted HTML built from escaped parts (:func:`header`, :func:`view_section`).
    views : list of dict
        Data for the interactive views (embedded as JSON, escaped).
    scripts : tuple of str
        View scripts from ``visuals/`` to include after ``kgraph.js``.
    """
    from .. import __version__

    views = views or []
    js = ""
    if views:
        vis_js, vis_css = vis_assets()
        parts = [resources.read_text("visuals", "kgraph.js")]
        parts += [resources.read_text("visuals", s) for s in scripts]
        parts.append("window.kgraph.boot();")  # i18n: exempt (JavaScript)
        js = "\n".join(parts)
    else:
        vis_js, vis_css = "", ""
    if re.search(r"</script", js, re.I):  # pragma: no cover - our own assets
        raise KgraphError("a view script contains '</script'")  # i18n: exempt (a programming error)
    if body_class:
        body = f'<div class="{escape(body_class)}">{body}</div>'
    return _fill(resources.read_text("visuals", "page.html"), {
        "lang": escape(current_language()),
        "version": escape(__version__),
        "title": escape(title),
        "vis_css": vis_css,
        "style": resources.read_text("visuals", "style.css"),
        "body": body,
        "data": script_json({"views": views, "i18n": script_messages(scripts) if views else {}}),
        "vis_js": vis_js,
        "scripts": js,
    })


def write(out: str | Path, text: str) -> Path:
    """Write a page (UTF-8) whole or not at all, creating the parent folder; return the path."""
    from ..fileout import write_text

    path = Path(out)
    write_text(path, text)
    return path


class Builder:
    """Nodes and edges of one vis-network map: the ``nodes`` and ``edges`` lists of vis options.

    The options are made as pyvis's ``Node`` and ``Edge`` make them (the same keys in the same
    order), without importing pyvis (``import pyvis`` loads IPython: 0.1 s); nodes and edges are
    added in linear time, and the page is written with kgraph's template, not pyvis's (which
    loads bootstrap from a CDN).
    """

    def __init__(self, *, directed: bool = False):
        self.directed = directed
        self._nodes: list[dict[str, Any]] = []
        self._edges: list[dict[str, Any]] = []
        self._ids: set[str] = set()
        self._edge_keys: set[tuple[str, str, str]] = set()

    def add_node(self, node_id: str, label: str, **options: Any) -> None:
        if node_id in self._ids:
            return
        shape = options.pop("shape", "dot")
        font_color = options.pop("font_color", False)
        options.update(id=node_id, label=label, shape=shape)  # as pyvis.node.Node
        if font_color:
            options["font"] = {"color": font_color}
        self._nodes.append(options)
        self._ids.add(node_id)

    def add_edge(self, source: str, target: str, *, key: str = "", **options: Any) -> None:
        if source not in self._ids or target not in self._ids:
            raise KgraphError(f"edge {source}->{target}: unknown node")  # i18n: exempt (a programming error)
        ident = (source, target, key)
        if ident in self._edge_keys:
            return
        self._edge_keys.add(ident)
        options["from"], options["to"] = source, target  # as pyvis.edge.Edge
        if self.directed and "arrows" not in options:
            options["arrows"] = "to"
        options.setdefault("id", f"e{len(self._edges)}")
        self._edges.append(options)

    def __contains__(self, node_id: str) -> bool:
        return node_id in self._ids

    @property
    def nodes(self) -> list[dict[str, Any]]:
        return self._nodes

    @property
    def edges(self) -> list[dict[str, Any]]:
        return self._edges


def size_text(n_bytes: int) -> str:
    """Human size: ``612 KB``, ``3.4 MB``.

    >>> size_text(626_000), size_text(3_400_000)
    ('611 KB', '3.2 MB')
    """
    if n_bytes < 1024 * 1024:
        return f"{round(n_bytes / 1024)} KB"  # i18n: exempt (units)
    return f"{n_bytes / 1024 / 1024:.1f} MB"  # i18n: exempt (units)


#: the view scripts' messages as Babel's JavaScript extractor finds them, with each script's digest
#: (written by ``python tools/i18n.py update``; ``tests/views/test_html.py`` checks it is current)
SCRIPT_MESSAGES = "script_messages.json"


@functools.cache
def _script_ids(name: str) -> tuple[tuple[str, str | None], ...]:
    """The messages of one view script: ``(singular, plural or None)`` of every ``_("...")``
    and ``ngettext("...", "...", n)`` call: from :data:`SCRIPT_MESSAGES` when it has this
    script as it is, else found with Babel's JavaScript extractor (0.03 s per script)."""
    import hashlib

    text = resources.read_text("visuals", name)
    known = _known_script_ids().get(name)
    if known and known.get("sha256") == hashlib.sha256(text.encode("utf-8")).hexdigest():
        return tuple((one, many) for one, many in known["messages"])
    return extract_script_ids(text)


@functools.cache
def _known_script_ids() -> dict[str, Any]:
    try:
        return json.loads(resources.read_text("visuals", SCRIPT_MESSAGES))
    except (FileNotFoundError, ValueError):
        return {}


def extract_script_ids(text: str) -> tuple[tuple[str, str | None], ...]:
    """``(singular, plural or None)`` of every ``_()`` and ``ngettext()`` call in a script's ``text``."""
    import io

    from babel.messages.extract import extract

    out = []
    for _line, message, _comments, _context in extract("javascript", io.BytesIO(text.encode("utf-8")),
                                                       keywords={"_": None, "ngettext": (1, 2)}):
        out.append((message[0], message[1]) if isinstance(message, tuple) else (message, None))
    return tuple(out)


def script_ids_table() -> dict[str, Any]:
    """What :data:`SCRIPT_MESSAGES` holds, made from the view scripts as they are now."""
    import hashlib

    table = {}
    for path in sorted(resources.asset_dir("visuals").glob("*.js")):
        text = path.read_text(encoding="utf-8")
        table[path.name] = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                            "messages": [list(m) for m in extract_script_ids(text)]}
    return table


def script_messages(scripts: tuple[str, ...]) -> dict[str, Any]:
    """The translations the view scripts need (``kgraph.js`` and ``scripts``), for ``K._``/``K.ngettext``:
    ``{msgid: text}``, and ``{singular: [one, many]}`` for plurals."""
    out: dict[str, Any] = {}
    for name in ("kgraph.js", *scripts):
        for one, many in _script_ids(name):
            out[one] = [ngettext(one, many, 1), ngettext(one, many, 2)] if many else _(one)
    return out
