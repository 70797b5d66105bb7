"""Static PNG figures for reports and slides (matplotlib, imported on first use).

- :func:`power_interest_png`: Mendelow's grid, one panel per issue, from stakeholder rows;
- :func:`coverage_png`: units × knowledge items, from the coverage analysis.

Each figure renders results computed for one date and says that date in its title;
``kgraph.power_interest_grid`` and ``kgraph.coverage_heatmap`` (the facade) compute
them and call these.
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.coverage import coverage_matrix
from ..analysis.suppress import merged_teams_label
from ..errors import KgraphError
from ..i18n import _
from ..vocabulary import value_label
from ..model import model
from . import html

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["power_interest_png", "coverage_png"]


def _figure(figsize: tuple[float, float], dpi: float = 100):
    """A new figure on an Agg canvas of its own (no pyplot: no global figure, no backend switched), at
    the resolution it is saved at (the layout's measuring of texts is then the drawing's too)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - a dependency
        raise KgraphError(_("the PNG figures need matplotlib"), hint="pip install 'matplotlib>=3.7'") from None  # i18n: exempt (a command)
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def _unlabelled(*axes) -> None:
    """Axes without axis labels: their (empty) labels are not placed below the tick labels at every layout
    and draw (matplotlib measures every tick label to place them)."""
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.label.get_text():
                axis.set_label_coords(0.5, 0.5)  # never drawn: empty


def _texts_artist(ax, texts, **options):
    """One artist that draws many short texts in ``ax`` (``(x, y, text, colour, bold)`` in data
    coordinates, the other ``options`` of :meth:`~matplotlib.axes.Axes.text` in common) with one
    :class:`~matplotlib.text.Text`, moved and drawn once per text: the same texts as a ``Text`` each,
    without making hundreds of them (a coverage heatmap has one per cell). No say in the layout."""
    from matplotlib.artist import Artist
    from matplotlib.text import Text

    text = Text(0, 0, "", parse_math=False, **options)
    text.set_clip_path(ax.patch)  # as Axes.text
    text.axes = ax
    text.set_figure(ax.figure)
    text.set_transform(ax.transData)

    class Texts(Artist):
        zorder = text.get_zorder()

        def draw(self, renderer):
            if not self.get_visible():
                return
            for x, y, s, colour, bold in texts:
                text.set_position((x, y))
                text.set_text(s)
                text.set_color(colour)
                text.set_fontweight("bold" if bold else "normal")
                text.draw(renderer)
            self.stale = False

    artist = Texts()
    artist.set_in_layout(False)
    return artist


def _tight(fig, rect: tuple[float, float, float, float] = (0, 0, 1, 1)) -> None:
    """``fig.tight_layout(rect=rect)``, without leaving a layout engine on the figure (which makes
    ``savefig`` draw the whole figure twice).

    With a ``rect``, matplotlib measures every axes twice (a second pass for the margins) while
    nothing moves in between: each axes' extent is measured once here and given again the second
    time (the same numbers, so the same layout; the measuring, every tick label's text, is most of
    the layout's time)."""
    from matplotlib.layout_engine import TightLayoutEngine

    for ax in fig.axes:
        ax.get_tightbbox = _measured_once(ax.get_tightbbox)  # on this axes only, for this layout
    try:
        TightLayoutEngine(rect=rect).execute(fig)
    finally:
        for ax in fig.axes:
            del ax.get_tightbbox  # the class's method again


def _measured_once(get_tightbbox):
    """``get_tightbbox`` that measures once per renderer and options and gives that again."""
    kept: dict = {}

    def once(*args, **kwargs):
        key = (tuple(map(id, args)), tuple(sorted((k, id(v)) for k, v in kwargs.items())))
        if key not in kept:
            kept[key] = (args, kwargs, get_tightbbox(*args, **kwargs))  # args kept: their ids stay theirs
        return kept[key][2]

    return once


class InMemory(io.BytesIO):
    """A PNG drawn into memory (``out=InMemory()``): the printed report embeds its figures
    without writing them anywhere first."""

    def stat(self):
        return os.stat_result((0, 0, 0, 0, 0, 0, len(self.getvalue()), 0, 0, 0))

    def __str__(self) -> str:
        return "<memory>"


#: zlib level of the PNG files: 3 compresses about as well as 6 here (large areas of one colour) at
#: half the time; with the alpha channel left out where it is opaque throughout (always, for these
#: figures on their white ground) the files are smaller than matplotlib's RGBA at level 6
PNG_COMPRESS_LEVEL = 3


def _png(fig, fh, dpi: float) -> None:
    """Draw ``fig`` at ``dpi`` and write it as a PNG to the binary file ``fh``: RGB where every pixel is
    opaque (the same picture as RGBA, a quarter less to compress), no text chunks (no software
    name: the same data gives the same bytes), the resolution in the file."""
    import numpy as np
    from PIL import Image

    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    img = Image.fromarray(rgba, "RGBA")  # converted, not fromarray(rgba[..., :3]): a strided copy, 5x as long
    img = img.convert("RGB") if rgba[..., 3].min() == 255 else img
    img.save(fh, format="png", compress_level=PNG_COMPRESS_LEVEL, dpi=(dpi, dpi))


def _save(fig, out: str | os.PathLike | InMemory, dpi: int) -> Path | InMemory:
    from ..fileout import atomic_path

    if isinstance(out, InMemory):
        _png(fig, out, dpi)
        return out
    path = Path(out)
    # written whole or not at all
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        _png(fig, fh, dpi)
    return path


def power_interest_png(df: pd.DataFrame, out: str | os.PathLike, *, as_of, midpoint: float = 3,
                       dpi: int = 150) -> dict[str, Any]:
    """Mendelow's power–interest grid as a PNG: one panel per issue of the stakeholder rows ``df``.

    Each actor is a dot at (interest, influence) coloured by its current stance; a blind
    spot (influential, no internal contact) carries the giraffe view's badge, an
    exclamation mark on yellow. The quadrant lines sit half a point below ``midpoint`` (a
    score equal to the midpoint counts as high). The title says the date.

    Labels never overlap each other, a dot or a badge, and stay inside their panel: each
    goes right, left, above or below its dot, the first place free (most influential actors
    first); an actor whose name fits nowhere gets a number instead, and the key beside the
    panel gives its name.

    Returns
    -------
    dict
        ``path``, ``panels`` (issues drawn), ``points`` (actor positions), ``bytes``,
        ``blind_spots`` (badges drawn), ``keyed`` (actors named in a key instead of beside
        their dot) and ``labels``: ``[panel, text, (x0, y0, x1, y1)]`` of every label in
        figure coordinates (0–1, from the lower left).
    """
    from matplotlib.lines import Line2D

    col = html.colours()
    pal, quad_col, badge = col["stance"], col["quadrant"], col["blind_spot"]
    issues = list(dict.fromkeys(df["issue_id"]))
    n = max(1, len(issues))
    cols = min(3, n)
    rows_n = math.ceil(n / cols)
    fig = _figure((7.6 * cols, 4.6 * rows_n), dpi)
    shared = ONE_BACKGROUND and n > 1  # the panels' common background drawn once (_one_background)
    # a panel and its key's column per issue; only the panels are axes (the key is a text in its column)
    grid = fig.add_gridspec(rows_n, 2 * cols, width_ratios=[5.2, 2.4] * cols)
    cut = midpoint - 0.5
    points = blinds = 0
    backgrounds: list = []  # per panel: its axes' patch, ticks, spines, quadrants and their names
    panels = []  # (axes, the key's cell, [(x, y, name, blind, influence, interest)], quadrant names)
    for k in range(len(issues)):
        ax, key_cell = fig.add_subplot(grid[k // cols, 2 * (k % cols)]), grid[k // cols, 2 * (k % cols) + 1]
        sub = df[df["issue_id"] == issues[k]]
        corners: list = []
        back: list = []  # what every panel has alike: drawn once (_one_background)
        ax.set_xlim(0.5, 5.5)
        ax.set_ylim(0.5, 5.5)
        for (x0, x1, y0, y1, name) in ((cut, 5.5, cut, 5.5, "key player"), (0.5, cut, cut, 5.5, "keep satisfied"),
                                       (cut, 5.5, 0.5, cut, "keep informed"), (0.5, cut, 0.5, cut, "monitor")):
            back.append(ax.axvspan(x0, x1, ymin=(y0 - 0.5) / 5, ymax=(y1 - 0.5) / 5, color=quad_col[name], alpha=0.18,
                                   lw=0))
            corners.append(ax.text(x0 + 0.08 if x0 < cut else x1 - 0.08, y1 - 0.1, value_label("quadrant", name),
                                   ha="left" if x0 < cut else "right", va="top", fontsize=8, color="#555555",
                                   parse_math=False, in_layout=False))  # inside the panel: no say in the layout
        back += [ax.axvline(cut, color="#888888", lw=0.8), ax.axhline(cut, color="#888888", lw=0.8)]
        seen: dict[tuple[float, float], int] = {}
        dots, colours = [], []
        for r in sub.itertuples(index=False):
            if r.influence is None or r.interest is None or (isinstance(r.influence, float) and math.isnan(r.influence)):
                continue
            key = (float(r.interest), float(r.influence))
            j = seen.get(key, 0)
            seen[key] = j + 1
            dx, dy = (0.0, 0.0) if j == 0 else (0.22 * math.cos(j * 2.4), 0.22 * math.sin(j * 2.4))
            stance = None if r.stance is None or (isinstance(r.stance, float) and math.isnan(r.stance)) else int(r.stance)
            colour = pal["unknown"] if stance is None else pal[str(stance)]
            x, y = key[0] + dx, key[1] + dy
            colours.append(colour)
            blind = bool(r.blind_spot)
            if blind:
                ax.annotate("!", (x, y), xytext=(6.5, 6.5), textcoords="offset points", ha="center", va="center",
                            fontsize=6.5, fontweight="bold", color=badge["glyph"], zorder=5, annotation_clip=False,
                            in_layout=False,
                            bbox={"boxstyle": "circle,pad=0.18", "fc": badge["fill"], "ec": badge["outline"], "lw": 1.0})
                blinds += 1
            dots.append((x, y, str(r.actor), blind, key[1], key[0]))
            points += 1
        if dots:  # the panel's dots in one collection, drawn in this order
            ax.scatter([d[0] for d in dots], [d[1] for d in dots], s=110, color=colours, edgecolor=pal["border"],
                       linewidth=0.8, zorder=3)
        # y given: the title is not placed again above the ticks at every layout and draw (none on top here)
        ax.set_title(str(sub["issue"].iloc[0]), fontsize=11, loc="left", parse_math=False, y=1.0)
        if k == 0 or not shared:
            ax.set_xlabel(_("interest"), fontsize=9)
            ax.set_ylabel(_("influence"), fontsize=9)
            ax.set_xticks(range(1, 6))
            ax.set_yticks(range(1, 6))
            ax.tick_params(labelsize=8)
        else:  # the first panel's axes, drawn there and copied here (_one_background): none made here
            ax.xaxis.set_visible(False)
            ax.yaxis.set_visible(False)
            ax.get_tightbbox = _with_axes_of(ax, panels[0][0])  # laid out as with them (_tight removes it)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        backgrounds.append([ax.patch, ax.xaxis, ax.yaxis, ax.spines["left"], ax.spines["bottom"], *back, *corners])
        panels.append((ax, key_cell, dots, corners))

    labels = {s: _(model().label("stance", s)) for s in sorted(model().scales["stance"])}
    handles = [Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor=pal[str(s)], markeredgecolor=pal["border"], label=lab)
               for s, lab in labels.items()]
    handles.append(Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor=badge["fill"], markeredgecolor=badge["outline"],
                          label=_("! blind spot (influential, no internal contact)")))
    fig.legend(handles=handles, loc="lower center", ncol=6, frameon=False, fontsize=9)
    fig.suptitle(_("Power–interest grid (Mendelow)") + " · " + html.date_line(as_of), fontsize=13, x=0.01, ha="left")
    _tight(fig, rect=(0, 0.06, 1, 0.96))
    _on_whole_pixels([p[0] for p in panels])
    placed, keyed = _place_grid_labels(fig, panels, issues)
    if shared:
        fig.add_artist(_one_background([p[0] for p in panels], backgrounds))
    path = _save(fig, out, dpi)
    return {"path": str(path), "panels": len(issues), "points": points, "bytes": path.stat().st_size,
            "blind_spots": blinds, "keyed": keyed, "labels": placed}


#: the grid's panels' common background drawn once and copied (False: each panel draws it, the same pixels)
ONE_BACKGROUND = True


def _on_whole_pixels(axes) -> None:
    """Move each of ``axes`` (of one size) by less than half a pixel, to start on a whole pixel: their
    pictures are then the same pixels shifted, and one can be copied for all (:func:`_one_background`)."""
    fig = axes[0].figure
    W, H = fig.bbox.width, fig.bbox.height
    w, h = axes[0].get_position().width, axes[0].get_position().height
    for ax in axes:
        p = ax.get_position()
        ax.set_position([round(p.x0 * W) / W, round(p.y0 * H) / H, w, h])


def _show(artists, visible: bool) -> None:
    for a in artists:
        a.set_visible(visible)


def _with_axes_of(ax, first):
    """``ax.get_tightbbox`` for ``ax`` without x and y axis, laid out as with those of ``first`` moved to it."""
    own = ax.get_tightbbox

    def get_tightbbox(renderer=None, *args, **kwargs):
        from matplotlib.transforms import Bbox

        box = own(renderer, *args, **kwargs)
        dx, dy = ax.bbox.x0 - first.bbox.x0, ax.bbox.y0 - first.bbox.y0
        theirs = [b.translated(dx, dy) for axis in (first.xaxis, first.yaxis)
                  for b in [axis.get_tightbbox(renderer, for_layout_only=kwargs.get("for_layout_only", False))]
                  if b is not None and (b.width != 0 or b.height != 0)]
        return Bbox.union([box, *theirs])

    return get_tightbbox


def _one_background(axes, backgrounds):
    """An artist drawn before ``axes`` (on whole pixels, one size) that draws the artists ``backgrounds[0]``
    of the first and copies their pixels into the place of each other's: the artists ``backgrounds[k]``
    are then hidden, for axes ``k`` (all alike but for their place) draws only what is its own on top.
    The same picture as each axes drawing its own, at a ninth of the cost for the grid's panels."""
    from matplotlib.artist import Artist
    from matplotlib.transforms import Bbox

    first, rest = axes[0], axes[1:]

    class Background(Artist):
        zorder = -1  # before the axes (zorder 0) and anything on them

        def draw(self, renderer):
            own = [a for a in first.get_children() if a.get_visible() and not any(a is b for b in backgrounds[0])]
            _show(own, False)
            _show(backgrounds[0], True)
            first.draw(renderer)  # its background only, on the white figure
            box = Bbox.union([first.bbox, first.xaxis.get_tightbbox(renderer), first.yaxis.get_tightbbox(renderer),
                              *(t.get_window_extent(renderer) for t in backgrounds[0] if hasattr(t, "get_text"))])
            region = renderer.copy_from_bbox(Bbox.from_extents(math.floor(box.x0) - 2, math.floor(box.y0) - 2,
                                                               math.ceil(box.x1) + 2, math.ceil(box.y1) + 2))
            x0, y0, x1, y1 = region.get_extents()  # in rows from the top
            for ax in rest:
                dx, dy = round(ax.bbox.x0 - first.bbox.x0), round(ax.bbox.y0 - first.bbox.y0)
                renderer.restore_region(region, (x0, y0, x1, y1), (x0 + dx, y0 - dy))
            _show(own, True)
            for back in backgrounds:  # drawn: the axes draw the rest
                _show(back, False)
            self.stale = False

    (artist := Background()).set_in_layout(False)
    return artist


#: where a label may go beside its dot (offset in points, alignment), in order of preference
_SPOTS = ((7, 2, "left", "bottom"), (7, -3, "left", "top"), (-7, 2, "right", "bottom"), (-7, -3, "right", "top"),
          (0, 8, "center", "bottom"), (0, -8, "center", "top"))


def _place_grid_labels(fig, panels, issues) -> tuple[list, int]:
    """Put each actor's name beside its dot where it overlaps nothing and stays in its panel, most
    influential first; a number and a key beside the panel for those that fit nowhere."""
    from matplotlib.transforms import Bbox, offset_copy

    renderer = fig.canvas.get_renderer()  # the axes are placed (tight_layout): text extents need no drawing
    W, H = fig.bbox.width, fig.bbox.height
    out, keyed = [], 0

    def overlaps(a, b) -> bool:
        return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1

    for k, (ax, key_cell, dots, corners) in enumerate(panels):
        frame = ax.get_window_extent(renderer)
        shifts = [offset_copy(ax.transData, fig=fig, x=ox, y=oy, units="points") for ox, oy, _h, _v in _SPOTS]
        taken = [t.get_window_extent(renderer) for t in corners]  # the quadrants' names
        for x, y, _n, blind, _i, _j in dots:  # the dots (and badges) are taken
            px, py = ax.transData.transform((x, y))
            r = 6.0 * fig.dpi / 72
            taken.append(Bbox([[px - r, py - r], [px + r, py + r]]))
            if blind:
                bx, by = px + 6.5 * fig.dpi / 72, py + 6.5 * fig.dpi / 72
                taken.append(Bbox([[bx - r, by - r], [bx + r, by + r]]))
        key_lines = []
        order = sorted(range(len(dots)), key=lambda i: (-dots[i][4], -dots[i][5], dots[i][2], i))
        for i in order:
            x, y, name = dots[i][:3]
            for text in (name, None):
                numbered = text is None
                if numbered:  # fits nowhere: a number, and the name in the key
                    text = str(len(key_lines) + 1)
                # one label (a text at the dot, shifted by the spot's offset in points), tried at each spot in turn
                t = ax.text(x, y, text, fontsize=7.5, color="#222222", zorder=4, clip_on=False, parse_math=False,
                            in_layout=False)
                done = False
                for (ox, oy, ha, va), shifted in zip(_SPOTS, shifts):
                    t.set_transform(shifted)
                    t.set_horizontalalignment(ha)
                    t.set_verticalalignment(va)
                    box = t.get_window_extent(renderer)
                    inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                    if inside and not any(overlaps(box, b) for b in taken):
                        taken.append(box)
                        out.append([issues[k], text, (round(box.x0 / W, 4), round(box.y0 / H, 4),
                                                      round(box.x1 / W, 4), round(box.y1 / H, 4))])
                        done = True
                        break
                if done:
                    if numbered:
                        import textwrap

                        key_lines.append("\n    ".join(textwrap.wrap(f"{text}  {name}", 34)))
                        keyed += 1
                    break
                t.remove()
        if key_lines:
            cell = key_cell.get_position(fig)  # where the key's column of this panel is, as laid out
            t = fig.text(cell.x0, cell.y1, _("Key") + "\n" + "\n".join(key_lines), ha="left", va="top", fontsize=7.5,
                         color="#222222", parse_math=False, linespacing=1.35)
            box = t.get_window_extent(renderer)
            out.append([issues[k], _("Key"), (round(box.x0 / W, 4), round(box.y0 / H, 4), round(box.x1 / W, 4),
                                              round(box.y1 / H, 4))])
    return out, keyed


def coverage_png(df: pd.DataFrame, out: str | os.PathLike, *, as_of, dpi: int = 150) -> dict[str, Any]:
    """The coverage of units × knowledge items (:func:`kgraph.analysis.coverage.coverage`) as a PNG.

    Cell colour: members holding the item at the figure's level or more; a framed
    cell is a need of the unit, with red text when it has fewer holders than required
    (a gap of ``kgraph gaps``). A merged row (units smaller than the minimum group
    size) counts each person once and the caption says so.

    Returns
    -------
    dict
        ``path``, ``teams`` (rows drawn), ``items``, ``short`` (needs not met),
        ``bytes``; ``min_group_size``, ``merged`` (ids of the units merged into one
        row), ``suppressed`` (the merged row's figures withheld), ``privacy_note``
        (empty when nothing was merged) and ``caption``.
    """
    import numpy as np

    from matplotlib.patches import Rectangle

    h, need = coverage_matrix(df)
    min_level = df.attrs.get("min_level", 3)
    if h.empty:
        raise KgraphError(_("no knowledge to plot"),
                          hint=_("fill in the tables knowledge and skills (and needs) and import again"))
    priv = dict(h.attrs)
    nt, nk = h.shape
    caption = ""
    if priv.get("merged"):
        n_min = priv["min_group_size"]
        caption = _("Minimum group size {n}: teams with fewer than {n} members are merged into one row, "
                    "{label}; {note}.").format(n=n_min, label=merged_teams_label(n_min), note=priv["privacy_note"])
    if priv.get("merged_needs"):
        caption += (" " if caption else "") + _("The needs of merged units are not shown here: see kgraph gaps.")
    if priv.get("hidden_gaps"):
        caption += (" " if caption else "") + _("{n} unmet needs of units or items left out for space: see kgraph gaps.").format(
            n=priv["hidden_gaps"])
    fig = _figure((max(6.0, 1.6 + 0.42 * nk), max(3.0, 1.6 + 0.32 * nt) + (0.5 if caption else 0)), dpi)
    ax = fig.subplots()
    values = h.values.astype(float)
    vmax = max(1, int(np.nanmax(values))) if not np.isnan(values).all() else 1
    im = ax.imshow(values, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
    short = 0
    cells = []  # (column, row, text, colour, bold): the cells' texts, inside the axes, no say in the layout
    for i in range(nt):
        for j in range(nk):
            if math.isnan(values[i, j]):
                cells.append((j, i, "–", "#777777", False))
                continue
            v, req = int(values[i, j]), int(need.values[i, j])
            if req:
                bad = v < req
                short += bad
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=1.6, ec="#d7191c" if bad else "#1a1a1a"))
                cells.append((j, i, f"{v}/{req}", "#d7191c" if bad else ("#ffffff" if v > vmax / 2 else "#111111"), bad))
            elif v:
                cells.append((j, i, str(v), "#ffffff" if v > vmax / 2 else "#333333", False))
    ax.add_artist(_texts_artist(ax, cells, ha="center", va="center", fontsize=7))
    ax.set_xticks(range(nk))
    ax.set_xticklabels([str(c) for c in h.columns], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(nt))
    ax.set_yticklabels([str(t) for t in h.index], fontsize=8)
    for lab in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        lab.set_parse_math(False)
    ax.set_title(_("Knowledge coverage: members at level ≥ {level} (framed: needed; red: short)").format(level=min_level)
                 + " · " + html.date_line(as_of), fontsize=11, loc="left", y=1.0)  # y: no ticks on top
    _unlabelled(ax)
    fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02).set_label(_("holders"), fontsize=8)
    if caption:
        import textwrap

        lines = textwrap.wrap(caption, width=max(60, int(14 * fig.get_figwidth())))
        fig.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom", fontsize=7.5, color="#444444", parse_math=False)
        _tight(fig, rect=(0, min(0.5, (0.12 + 0.14 * len(lines)) / fig.get_figheight()), 1, 1))
    else:
        _tight(fig)
    path = _save(fig, out, dpi)
    return {"path": str(path), "teams": nt, "items": nk, "short": short, "bytes": path.stat().st_size,
            "min_group_size": priv.get("min_group_size"), "merged": list(priv.get("merged", [])),
            "suppressed": bool(priv.get("suppressed")), "privacy_note": priv.get("privacy_note", ""), "caption": caption}
