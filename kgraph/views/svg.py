"""Static drawings of the maps: SVG written in Python from the data the page already has.

The interactive maps draw on a canvas, which a printout or a PDF leaves blank and which
needs JavaScript. Each map therefore also carries a static copy, drawn here from the
same nodes and edges (their x/y, colours, sizes, shapes and labels, in vis-network's
units) and the same marks (the overdue ring, the blind-spot badge), so that it matches
the interactive map. The page shows it when it is printed and when JavaScript is off.

Labels are placed deterministically: the nodes to label are taken in the order given
(most important first); each label goes below its node, else above, right or left,
wherever it overlaps no label placed before; a label that fits nowhere is left out.

Every text is escaped (:func:`kgraph.views.html.escape`); the SVG is inline markup
without scripts or event attributes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .html import escape

__all__ = ["map_svg", "place_labels", "text_width"]

#: the page width (CSS pixels) a full-width drawing is made for: labels are this many pixels tall there
_PAGE_PX = 680
_LABEL_PX = 9.5


def text_width(text: str, size: float) -> float:
    """An estimate of the width of ``text`` at font size ``size`` (a sans-serif's average advance).

    >>> text_width("Wmo", 10)
    16.5
    """
    return 0.55 * size * len(text)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(items: Iterable[tuple[str, float, float, float, str]], size: float,
                 obstacles: Iterable[tuple[float, float, float, float]] = ()) -> dict[str, tuple[float, float, str]]:
    """Label positions that do not overlap: ``{id: (x, y, anchor)}`` for the labels that fit.

    ``items`` are ``(id, x, y, radius, text)`` in priority order; a label goes below its
    node, else above, right or left of it (the first place free of the labels placed
    before and of ``obstacles``, boxes ``(x0, y0, x1, y1)``). ``y`` is the baseline.

    Two nodes on one spot: the second label goes above.

    >>> place_labels([("a", 0, 0, 5, "Alpha"), ("c", 0, 0, 5, "Gamma")], 10)
    {'a': (0, 16.5, 'middle'), 'c': (0, -11.0, 'middle')}
    """
    boxes = list(obstacles)
    out: dict[str, tuple[float, float, str]] = {}
    for ident, x, y, r, text in items:
        w, h = text_width(text, size), size * 1.15
        pad = size * 0.3
        candidates = (
            (x, y + r + pad + size * 0.85, "middle", (x - w / 2, y + r + pad, x + w / 2, y + r + pad + h)),
            (x, y - r - pad - size * 0.3, "middle", (x - w / 2, y - r - pad - h, x + w / 2, y - r - pad)),
            (x + r + pad, y + size * 0.35, "start", (x + r + pad, y - h / 2, x + r + pad + w, y + h / 2)),
            (x - r - pad, y + size * 0.35, "end", (x - r - pad - w, y - h / 2, x - r - pad, y + h / 2)),
        )
        for lx, ly, anchor, box in candidates:
            if not any(_overlaps(box, b) for b in boxes):
                boxes.append(box)
                out[ident] = (lx, ly, anchor)
                break
    return out


def _n(v: float) -> str:
    """A coordinate with one decimal, no trailing zeros."""
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _colour(value: Any, default: str) -> str:
    if isinstance(value, dict):
        value = value.get("background") or value.get("color")
    return str(value) if value else default


def _shape(node: dict[str, Any], r: float, fill: str, stroke: str, width: float, dash: str) -> str:
    x, y, shape = float(node["x"]), float(node["y"]), node.get("shape", "dot")
    common = f' fill="{escape(fill)}" stroke="{escape(stroke)}" stroke-width="{_n(width)}"{dash}'
    if shape == "square":
        return f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}"{common}/>'
    if shape == "diamond":
        pts = f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
        return f'<polygon points="{pts}"{common}/>'
    if shape == "hexagon":
        pts = " ".join(f"{_n(x + r * math.cos(k * math.pi / 3))},{_n(y + r * math.sin(k * math.pi / 3))}" for k in range(6))
        return f'<polygon points="{pts}"{common}/>'
    if shape == "star":
        pts = " ".join(f"{_n(x + (r if k % 2 == 0 else r * 0.45) * math.sin(k * math.pi / 5))},"
                       f"{_n(y - (r if k % 2 == 0 else r * 0.45) * math.cos(k * math.pi / 5))}" for k in range(10))
        return f'<polygon points="{pts}"{common}/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"{common}/>'


def _badge(x: float, y: float, r: float, mark: dict[str, Any]) -> str:
    """The blind-spot badge: a disc with an outline and an exclamation mark, its centre 0.8 of its
    radius beyond ``r`` from the node's centre, on the upper right (as the page draws it)."""
    br = mark["radius"]
    r += 0.8 * br
    bx, by = x + r * math.cos(mark["angle"]), y - r * math.sin(mark["angle"])
    return (f'<g class="kg-blind-badge"><circle cx="{_n(bx)}" cy="{_n(by)}" r="{_n(br)}" fill="{escape(mark["fill"])}" '
            f'stroke="{escape(mark["outline"])}" stroke-width="{_n(mark["outline_width"])}"/>'
            f'<rect x="{_n(bx - br * 0.13)}" y="{_n(by - br * 0.62)}" width="{_n(br * 0.26)}" height="{_n(br * 0.78)}" '
            f'fill="{escape(mark["glyph"])}"/><circle cx="{_n(bx)}" cy="{_n(by + br * 0.45)}" r="{_n(br * 0.15)}" '
            f'fill="{escape(mark["glyph"])}"/></g>')


def map_svg(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, title: str, labels: list[str] | None = None,
            marks: dict[str, Any] | None = None, width_px: float = _PAGE_PX, min_radius_px: float = 1.6,
            caption: str = "") -> str:
    """One map as inline SVG.

    Parameters
    ----------
    nodes, edges : list of dict
        vis-network nodes (``id, label, x, y, size, shape, color, borderWidth, font``,
        ``hidden``; ``kg_overdue`` and ``kg_blind_spot`` for the marks) and edges
        (``from, to, width, color, dashes``, ``hidden``), as the interactive map has them.
    title : str
        The accessible name (``aria-label``) and the ``<title>`` of the drawing.
    labels : list of str, optional
        The ids of the nodes to label, most important first (default: every node, in order).
        Boxes (departments) always carry their label inside.
    marks : dict, optional
        ``overdue`` (``colour, width, gap``) and ``blind_spot`` (``fill, outline, glyph,
        radius, outline_width, angle, gap``) as the page draws them.
    width_px : float
        The width the drawing is made for: labels are about 9.5 pixels tall there.
    min_radius_px : float
        No node is drawn smaller than this at ``width_px``.

    Examples
    --------
    >>> svg = map_svg([{"id": "a", "label": "<b>Ann</b>", "x": 0, "y": 0, "size": 8},
    ...                {"id": "b", "label": "Bo", "x": 100, "y": 0, "size": 8, "shape": "square"}],
    ...               [{"from": "a", "to": "b", "width": 2}], title="Map")
    >>> svg.startswith('<svg class="kg-static-map"'), "&lt;b&gt;Ann&lt;/b&gt;" in svg, "<b>" in svg
    (True, True, False)
    """
    marks = marks or {}
    shown = [n for n in nodes if not n.get("hidden") and "x" in n and "y" in n]
    by_id = {n["id"]: n for n in shown}
    if not shown:
        return f'<svg class="kg-static-map" viewBox="0 0 100 20" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title></svg>'
    xs = [float(n["x"]) for n in shown]
    ys = [float(n["y"]) for n in shown]
    extent = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    unit = extent / max(width_px, 1.0)  # map units per pixel at the intended width (about)
    font = max(_LABEL_PX * unit, 6.0)
    min_r = min_radius_px * unit
    ring = marks.get("overdue") or {}
    badge = dict(marks.get("blind_spot") or {})
    if badge:  # the badge stays legible when the map is scaled down
        scale = max(1.0, 5.5 * unit / badge["radius"])
        badge.update(radius=badge["radius"] * scale, outline_width=badge["outline_width"] * scale)
    radius = {n["id"]: max(float(n.get("size") or 8), min_r) for n in shown}
    extents = [(float(n["x"]) - radius[n["id"]], float(n["y"]) - radius[n["id"]], float(n["x"]) + radius[n["id"]],
                float(n["y"]) + radius[n["id"]]) for n in shown]
    body: list[str] = []
    # edges
    body.append('<g class="kg-edges" fill="none" stroke-linecap="round">')
    for e in edges:
        a, b = by_id.get(e["from"]), by_id.get(e["to"])
        if e.get("hidden") or a is None or b is None:
            continue
        col = e.get("color") or {}
        stroke = _colour(col, "#9a9a9a")
        opacity = col.get("opacity") if isinstance(col, dict) else None
        dash = e.get("dashes")
        dash_attr = (f' stroke-dasharray="{" ".join(_n(float(d) * max(1.0, unit)) for d in dash)}"'
                     if isinstance(dash, list) and dash else "")
        op = f' stroke-opacity="{_n(float(opacity))}"' if opacity is not None else ""
        width = max(float(e.get("width") or 1), 0.6 * unit)
        body.append(f'<line x1="{_n(float(a["x"]))}" y1="{_n(float(a["y"]))}" x2="{_n(float(b["x"]))}" '
                    f'y2="{_n(float(b["y"]))}" stroke="{escape(stroke)}" stroke-width="{_n(width)}"{op}{dash_attr}/>')
    body.append("</g>")
    # marks under the nodes: the overdue ring
    if ring:
        for n in shown:
            if n.get("kg_overdue"):
                r = radius[n["id"]] + ring["gap"] + ring["width"] / 2
                body.append(f'<circle class="kg-ring" cx="{_n(float(n["x"]))}" cy="{_n(float(n["y"]))}" r="{_n(r)}" '
                            f'fill="none" stroke="{escape(ring["colour"])}" stroke-width="{_n(ring["width"])}"/>')
    # nodes; boxes carry their label inside
    body.append('<g class="kg-nodes">')
    boxes: list[tuple[float, float, float, float]] = []
    for n in shown:
        col = n.get("color") or {}
        fill = _colour(col, "#ffffff")
        stroke = (col.get("border") if isinstance(col, dict) else None) or "#4d4d4d"
        bw = float(n.get("borderWidth") or 1)
        if n.get("shape") == "box":
            fs = max(float((n.get("font") or {}).get("size") or 14), font)
            text = str(n.get("label") or "")
            tw, margin = text_width(text, fs), float(n.get("margin") or 6)
            x, y = float(n["x"]), float(n["y"])
            box = (x - tw / 2 - margin, y - fs / 2 - margin, x + tw / 2 + margin, y + fs / 2 + margin)
            boxes.append(box)
            body.append(f'<rect x="{_n(box[0])}" y="{_n(box[1])}" width="{_n(box[2] - box[0])}" height="{_n(box[3] - box[1])}" '
                        f'rx="{_n(fs * 0.3)}" fill="{escape(fill)}" stroke="{escape(stroke)}" stroke-width="{_n(bw)}"/>')
            body.append(f'<text x="{_n(x)}" y="{_n(y + fs * 0.35)}" font-size="{_n(fs)}" text-anchor="middle" '
                        f'fill="{escape((n.get("font") or {}).get("color") or "#111111")}">{escape(text)}</text>')
            continue
        body.append(_shape(n, radius[n["id"]], fill, stroke, bw, ""))
    body.append("</g>")
    if badge:
        for n in shown:
            if n.get("kg_blind_spot"):
                body.append(_badge(float(n["x"]), float(n["y"]), radius[n["id"]] + badge.get("gap", 0), badge))
    # labels, most important first, where they fit
    order = [i for i in (labels if labels is not None else [n["id"] for n in shown]) if i in by_id and by_id[i].get("shape") != "box"]
    placed = place_labels(((i, float(by_id[i]["x"]), float(by_id[i]["y"]), radius[i], str(by_id[i].get("label") or ""))
                           for i in order), font, obstacles=boxes)
    body.append(f'<g class="kg-labels" font-size="{_n(font)}" fill="#222222" stroke="#ffffff" '
                f'stroke-width="{_n(font * 0.25)}" paint-order="stroke" stroke-linejoin="round">')
    for i in order:
        if i in placed:
            lx, ly, anchor = placed[i]
            text = str(by_id[i].get("label") or "")
            w = text_width(text, font)
            left = lx - w / 2 if anchor == "middle" else lx if anchor == "start" else lx - w
            extents.append((left, ly - font, left + w, ly + font * 0.3))
            weight = ' font-weight="bold"' if by_id[i].get("shape") == "diamond" else ""
            body.append(f'<text x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}"{weight}>{escape(text)}</text>')
    body.append("</g>")
    extents += boxes
    if badge:
        reach = {n["id"]: radius[n["id"]] + badge.get("gap", 0) + badge["radius"] * 1.8 for n in shown}
        extents += [(float(n["x"]) - reach[n["id"]], float(n["y"]) - reach[n["id"]],
                     float(n["x"]) + reach[n["id"]], float(n["y"]) + reach[n["id"]])
                    for n in shown if n.get("kg_blind_spot")]
    pad = font
    x0, y0 = min(e[0] for e in extents) - pad, min(e[1] for e in extents) - pad
    w, h = max(e[2] for e in extents) - x0 + pad, max(e[3] for e in extents) - y0 + pad
    parts = [f'<svg class="kg-static-map" xmlns="http://www.w3.org/2000/svg" viewBox="{_n(x0)} {_n(y0)} {_n(w)} {_n(h)}" '
             f'role="img" aria-label="{escape(title)}" font-family="system-ui, Arial, sans-serif">',
             f"<title>{escape(title)}</title>", f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(h)}" fill="#ffffff"/>',
             *body]
    if caption:
        parts.append(f'<text x="{_n(x0 + font)}" y="{_n(y0 + font * 1.5)}" font-size="{_n(font * 1.2)}" fill="#444444">'
                     f"{escape(caption)}</text>")
    parts.append("</svg>")
    return "".join(parts)
