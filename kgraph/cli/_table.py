"""Terminal tables that fit the screen, in the user's language.

The table is as wide as the terminal (as ``shutil.get_terminal_size`` says; 100 columns when
the output is not a terminal, at least 60): when the rows are wider, the long text
columns (``why``, paths, ``connects``) are wrapped onto more lines instead of cut, the
widest first, never narrower than :data:`MIN_WRAP`; headers wrap at their spaces. When
even that does not fit, the columns a command marks optional are left out, in its order,
and a line under the table says which (CSV and JSON always carry every column). Headers
and machine values are
shown in words of the current language (:mod:`kgraph.vocabulary`), numbers as the
language writes them (``0,25``), dates as ISO. Every cell shows control characters
instead of obeying them (:func:`kgraph.textsafe.terminal_safe`).

Under the table a legend line says in plain words what its measure columns mean;
``explain=True`` (``--explain``) gives one full line per column instead.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from ..i18n import _, format_number, use_language
from ..textsafe import terminal_safe
from ..vocabulary import column_label, explain, value_label, yes_no

__all__ = ["table", "terminal_width", "legend", "MIN_WRAP"]

#: the narrowest a long text column gets (:data:`WIDE`); other text columns wrap down to :data:`NARROW`
MIN_WRAP = 20
NARROW = 12
#: the width a wrapped column should keep: optional columns are left out before it gets narrower
COMFORT = 28
#: the long text columns: the other columns wrap first, so that these keep room
WIDE = frozenset({"why", "connects", "path", "path_description", "how", "description", "privacy_note",
                  "only_contact_for"})
_GAP = "  "


def terminal_width() -> int:
    """The width to fit: the terminal's, else ``$COLUMNS``, else 100 (never below 60)."""
    return max(60, _columns(100))


def _columns(fallback: int) -> int:
    """The columns ``shutil.get_terminal_size((fallback, 24))`` gives, without importing
    :mod:`shutil` (and its compression modules) into every command that prints a table:
    ``$COLUMNS`` when it is a positive number, else the size of the terminal of
    ``sys.__stdout__``, else ``fallback``."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or fallback
        except (AttributeError, ValueError, OSError):
            columns = fallback
    return columns


def _text(column: str, v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, bool):
        return yes_no(v)
    if isinstance(v, (int, float)):
        return format_number(v, digits=4)
    if isinstance(v, (list, tuple)):
        return "; ".join(_text(column, x) for x in v)
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_text(column, x)}" for k, x in v.items())
    return terminal_safe(str(value_label(column, v)).replace("\r\n", " ").replace("\n", " "))


def _numeric(values: list[Any]) -> bool:
    seen = [v for v in values if v is not None and v == v]
    return bool(seen) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen)


def _fit(natural: list[int], floors: list[int], width: int) -> list[int]:
    """Column widths: ``natural`` unless the total exceeds ``width``; then the widest
    columns give way first (water-filling), each no narrower than its floor."""
    total = sum(natural) + len(_GAP) * (len(natural) - 1)
    if total <= width:
        return natural
    out = list(natural)
    excess = total - width
    while excess > 0:
        room = [i for i, w in enumerate(out) if w > floors[i]]
        if not room:
            break
        widest = max(out[i] for i in room)
        top = [i for i in room if out[i] == widest]
        second = max([out[i] for i in room if out[i] < widest] + [max(floors[i] for i in top)])
        step = min(widest - second, -(-excess // len(top))) or 1
        for i in top:
            cut = min(step, out[i] - floors[i], excess)
            out[i] -= cut
            excess -= cut
    return out


def _floors(columns: list[str], heads: list[str], cells: list[list[str]], numeric: list[bool],
            wrap: int | None = 0, measured: dict[str, tuple[int, int]] | None = None) -> list[int]:
    """The narrowest each column may get: a header wraps at its spaces; numbers never wrap;
    text wraps down to ``wrap`` (0: :data:`MIN_WRAP` for a long text column, :data:`NARROW`
    for the others; None: text does not wrap), or its longest cell when that is shorter.
    ``measured`` keeps each column's longest cell and longest word between calls."""
    out = []
    measured = {} if measured is None else measured
    for i, h in enumerate(heads):
        word = max(map(len, h.split()), default=0)
        got = measured.get(columns[i])
        if got is None:  # a column is not made narrower than its longest word (up to MIN_WRAP): words are not cut when avoidable
            texts = [row[i] for row in cells]
            got = measured[columns[i]] = (max(map(len, texts), default=0),
                                          max(map(len, " ".join(texts).split()), default=0))
        longest, longest_word = got
        limit = wrap if wrap else (MIN_WRAP if columns[i] in WIDE else NARROW)
        limit = max(limit, min(longest_word, MIN_WRAP))
        out.append(max(word, longest if numeric[i] or wrap is None else min(longest, limit)))
    return out


def _total(widths: list[int]) -> int:
    return sum(widths) + len(_GAP) * (len(widths) - 1)


def table(columns: list[str], rows: list[dict[str, Any]], *, width: int | None = None,
          optional: tuple[str, ...] | list[str] = ()) -> tuple[str, list[str]]:
    """The rows as an aligned table of at most ``width`` characters a line (see the module),
    and the columns it shows: ``optional`` columns are left out, in that order, while the
    table cannot fit with its text columns :data:`COMFORT` wide."""
    width = width or terminal_width()
    columns = list(columns)
    if not columns:
        return "", []
    with use_language(None):  # the language read once, not at every cell
        return _table(columns, rows, width, optional)


def _table(columns: list[str], rows: list[dict[str, Any]], width: int,
           optional: tuple[str, ...] | list[str]) -> tuple[str, list[str]]:
    heads = [terminal_safe(column_label(c)) for c in columns]
    said: dict[tuple[str, type, Any], str] = {}  # (column, type, value) -> its text: many cells repeat one

    def text(c: str, v: Any) -> str:
        if type(v) is not str and type(v) is not int:  # lists, floats (0.0 == -0.0), None: as they come
            return _text(c, v)
        key = (c, type(v), v)
        got = said.get(key)
        if got is None:
            got = said[key] = _text(c, v)
        return got

    cells = [[text(c, r.get(c)) for c in columns] for r in rows]
    numeric = [_numeric([r.get(c) for r in rows]) for c in columns]
    dropped: list[str] = []
    measured: dict[str, tuple[int, int]] = {}
    for col in [c for c in optional if c in columns]:
        if _total(_floors(columns, heads, cells, numeric, COMFORT, measured)) <= width:
            break
        i = columns.index(col)
        dropped.append(heads[i])
        for seq in (columns, heads, numeric, *cells):
            del seq[i]
    natural = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(heads)]
    # first the headers wrap at their spaces, then the other text columns, then the long ones (why, paths)
    widths = _fit(natural, _floors(columns, heads, cells, numeric, None, measured), width)
    floors = _floors(columns, heads, cells, numeric, 0, measured)
    widths = _fit(widths, [w if c in WIDE else f for c, w, f in zip(columns, widths, floors)], width)
    widths = _fit(widths, floors, width)

    wrappers: list = []  # one textwrap.TextWrapper for every cell, made when a cell needs it

    def wrap(t: str, w: int) -> list[str]:
        got = _greedy(t, w)
        if got is None:
            if not wrappers:
                import textwrap  # here: most tables wrap every cell by _greedy

                wrappers.append(textwrap.TextWrapper(break_long_words=True, break_on_hyphens=False))
            wrappers[0].width = w
            got = wrappers[0].wrap(t)
        return got

    def lines(texts: list[str], right: list[bool]) -> list[str]:
        wrapped = [[t] if _fits(t, w) else wrap(t, w) or [""] for t, w in zip(texts, widths)]
        out = []
        for k in range(max(len(x) for x in wrapped)):
            parts = [(x[k] if k < len(x) else "") for x in wrapped]
            out.append(_GAP.join(p.rjust(w) if r else p.ljust(w) for p, w, r in zip(parts, widths, right)).rstrip())
        return out

    out = lines(heads, [False] * len(columns))
    out.append(_GAP.join("-" * w for w in widths))
    for row in cells:
        out += lines(row, numeric)
    if dropped:
        import textwrap

        out.append(textwrap.fill(_("Left out to fit the width of the terminal: {columns} (--format csv shows every "
                                   "column).").format(columns=", ".join(dropped)), width))
    return "\n".join(out) + "\n", columns


def _fits(text: str, width: int) -> bool:
    """Whether :func:`textwrap.wrap` would give ``[text]``: it is short enough, not empty,
    does not end in white space (dropped) and has no white space it would replace.

    >>> _fits("only Ben Smit", 20), _fits("only Ben Smit ", 20), _fits("a\\tb", 20), _fits("", 20)
    (True, False, False, False)
    """
    return 0 < len(text) <= width and not text[-1].isspace() and not _REPLACED.intersection(text)


def _greedy(text: str, width: int) -> list[str] | None:
    """What :func:`textwrap.wrap` gives (long words broken, not at hyphens) for a text of words
    no wider than ``width`` between single spaces, cut at the last space that fits; None
    for any other text (spaces at an end or doubled, other white space, a word too wide).

    >>> _greedy("only Ben Smit knows it", 10), _greedy("a  b", 10), _greedy("abcdefghijkl", 10)
    (['only Ben', 'Smit knows', 'it'], None, None)
    """
    if (not text or text[0] == " " or text[-1] == " " or _ODD_SPACE.search(text) is not None
            or max(map(len, text.split(" "))) > width):
        return None
    lines, pos, end = [], 0, len(text)
    while end - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)  # a word is no wider than width: there is one
        lines.append(text[pos:cut])
        pos = cut + 1
    lines.append(text[pos:])
    return lines


#: white space other than one space between words
_ODD_SPACE = re.compile(r"[^\S ]|  ")
#: the white space :func:`textwrap.wrap` replaces by spaces (``expand_tabs``, ``replace_whitespace``)
_REPLACED = frozenset("\t\n\x0b\x0c\r")


def legend(columns: list[str], *, full: bool = False, width: int | None = None) -> str:
    """What the measure columns among ``columns`` mean: one paragraph (or, ``full``, one per
    column), wrapped to ``width``; empty when no column needs explaining."""
    width = width or terminal_width()
    shown = [(column_label(c), explain(c, full=full)) for c in columns if explain(c) is not None]
    if not shown:
        return ""
    if full:
        texts = [text for _c, text in shown]
    else:
        texts = [_("Columns: {explained}. More: --explain.").format(
            explained="; ".join(_("{column}: {meaning}").format(column=c, meaning=m) for c, m in shown))]
    return "\n".join(_fill(t, width) for t in texts) + "\n"


def _fill(text: str, width: int) -> str:
    """``textwrap.fill(text, width, break_on_hyphens=False)``, by :func:`_greedy` where it can
    (``textwrap`` is then not imported)."""
    got = _greedy(text, width)
    if got is None:
        import textwrap

        return textwrap.fill(text, width, break_on_hyphens=False)
    return "\n".join(got)
