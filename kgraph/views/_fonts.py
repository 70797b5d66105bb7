"""matplotlib's font files read from memory in a process that only draws kgraph's PNG figures.

matplotlib hands FreeType each font as a file that it opened itself, and FreeType reads
every glyph it renders or measures from that file through Python: a seek and a read per
glyph, each a system call (about 100,000 of each for the demo's four figures, 0.1–0.2 s of
CPU per figure). Given the font's bytes in memory (:class:`io.BytesIO`) instead, FreeType
reads the same bytes without a system call, and draws the same pixels (the PNG files are
byte for byte the same: ``tests/views/test_fonts.py``).

An ``FT2Font`` made from memory has that memory as its ``fname`` instead of the file's path.
The Agg backend (PNG) never uses it, but the PDF, PostScript and SVG backends do, to embed
the font: so this is only for a process of kgraph's own that draws PNG figures and nothing
else (the demo's figure processes, :mod:`kgraph.app.figures`), or for the duration of
:func:`fonts_in_memory`, never in a library caller's process for good.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from typing import Any

__all__ = ["read_fonts_from_memory", "fonts_in_memory"]

_BYTES: dict[str, bytes] = {}  # the font files read so far, by path: each read once per process


class _FontsFromMemory:
    """Stands in for the ``ft2font`` module inside ``matplotlib.font_manager``: the fonts that
    ``get_font`` makes for drawing (``FT2Font(path, ..., _kerning_factor=...)``) are made from
    ``BytesIO(the file's bytes)``; a font the font list is built from (``FontManager.addfont``:
    ``FT2Font(path)``, whose ``fname`` the list keeps) and everything else are the module's own."""

    def __init__(self, module: Any):
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def FT2Font(self, filename: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N802 - the name it stands in for
        if "_kerning_factor" in kwargs and isinstance(filename, (str, bytes, os.PathLike)):
            path = os.fsdecode(filename)
            data = _BYTES.get(path)
            if data is None:
                try:
                    with open(path, "rb") as fh:
                        data = _BYTES[path] = fh.read()
                except OSError:  # as matplotlib would: FreeType says what is wrong with the path
                    return self._module.FT2Font(filename, *args, **kwargs)
            filename = io.BytesIO(data)
        return self._module.FT2Font(filename, *args, **kwargs)


def read_fonts_from_memory() -> bool:
    """From now on, in this process, the fonts matplotlib opens are read from memory (see the module
    docstring: only in a process that draws nothing but PNG figures). Returns whether that is so
    (False where this matplotlib makes its fonts otherwise: then nothing is changed)."""
    from matplotlib import font_manager

    real = getattr(font_manager, "ft2font", None)
    if isinstance(real, _FontsFromMemory):
        return True
    if real is None or not hasattr(real, "FT2Font") or not hasattr(font_manager, "_get_font"):
        return False
    font_manager.ft2font = _FontsFromMemory(real)
    font_manager._get_font.cache_clear()  # the fonts opened from their files so far are opened again
    return True


@contextlib.contextmanager
def fonts_in_memory() -> Iterator[bool]:
    """:func:`read_fonts_from_memory` inside the block only; afterwards the fonts are opened from their
    files again."""
    from matplotlib import font_manager

    real = getattr(font_manager, "ft2font", None)
    started = not isinstance(real, _FontsFromMemory) and read_fonts_from_memory()
    try:
        yield isinstance(font_manager.ft2font, _FontsFromMemory)
    finally:
        if started:
            font_manager.ft2font = real
            font_manager._get_font.cache_clear()
