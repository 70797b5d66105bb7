"""matplotlib's fonts read from memory (kgraph.views._fonts): the same pixels, only inside the block."""

from __future__ import annotations

import os

import pytest

from kgraph.views import _fonts, plots


def _png() -> bytes:
    """A figure with the texts the PNG figures have (both weights, sizes, rotated labels) and a glyph that
    DejaVu Sans has not (drawn from matplotlib's last-resort font, which comes from memory too)."""
    fig = plots._figure((4, 3), 150)
    ax = fig.subplots()
    ax.set_xticks(range(3))
    ax.set_xticklabels(["Wmo-consulenten", "Ruimte – Wonen", "≥ 3 · ok 字"], rotation=60, ha="right", fontsize=8)
    ax.text(0.5, 0.5, "2/4", fontsize=7, fontweight="bold", color="#d7191c", ha="center")
    ax.set_title("Knowledge coverage · 1 december 2026 ✓", fontsize=11, loc="left")
    plots._tight(fig)
    buf = plots.InMemory()
    plots._png(fig, buf, 150)
    return buf.getvalue()


def _font_name():
    from matplotlib import font_manager

    return font_manager.get_font(font_manager.findfont("DejaVu Sans")).fname


@pytest.mark.filterwarnings("ignore:Glyph")  # the glyph from the last-resort font
def test_fonts_read_from_memory_draw_the_same_bytes():
    before = _png()
    with _fonts.fonts_in_memory() as in_memory:
        inside = _png()
        if in_memory:  # this matplotlib makes its fonts through font_manager.ft2font (3.7 to 3.11 do)
            assert not isinstance(_font_name(), (str, os.PathLike))  # the font came from memory
    assert inside == before
    assert isinstance(_font_name(), (str, os.PathLike))  # after the block: from the file again
    assert _png() == before


def test_the_block_leaves_a_process_that_reads_from_memory_as_it_is(monkeypatch):
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager, "ft2font", font_manager.ft2font)  # restored after the test
    monkeypatch.setattr(_fonts, "_BYTES", {})
    assert _fonts.read_fonts_from_memory() and _fonts.read_fonts_from_memory()  # twice: one stand-in
    stand_in = font_manager.ft2font
    with _fonts.fonts_in_memory() as in_memory:
        assert in_memory
    assert font_manager.ft2font is stand_in
    assert font_manager.ft2font.StyleFlags is stand_in._module.StyleFlags  # the rest is the module's own
    font_manager._get_font.cache_clear()


def test_a_font_file_that_cannot_be_read_fails_as_it_does_without(tmp_path):
    from matplotlib import ft2font

    missing = tmp_path / "missing.ttf"
    with pytest.raises(OSError) as theirs:
        ft2font.FT2Font(str(missing))
    with pytest.raises(type(theirs.value)):
        _fonts._FontsFromMemory(ft2font).FT2Font(str(missing))


def test_fonts_for_the_font_list_are_opened_from_their_files():
    # FontManager.addfont keeps the font's fname (its path) in the font list: those stay files
    from matplotlib import font_manager, ft2font

    path = font_manager.findfont("DejaVu Sans")
    stand_in = _fonts._FontsFromMemory(ft2font)
    assert isinstance(stand_in.FT2Font(path).fname, (str, os.PathLike))
    assert not isinstance(stand_in.FT2Font(path, _kerning_factor=None).fname, (str, os.PathLike))
