"""Terminal tables fit the width, wrap the long column instead of cutting it, and explain the
measure columns in plain words (issue 14 item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli
from kgraph.cli._table import legend, table
from kgraph.i18n import use_language

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
WHY = "a reason that is much longer than sixty characters and would have been cut with an ellipsis before"


def lines_of(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


def column_text(text: str, k: int) -> list[str]:
    """The cells of column ``k`` (0-based), their wrapped lines joined: read by the dashes under the header."""
    lines = lines_of(text)
    dash = next(i for i, line in enumerate(lines) if set(line) <= {"-", " "} and "-" in line)
    spans, pos = [], 0
    for part in lines[dash].split("  "):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 2
    start, end = spans[k]
    cells: list[str] = []
    for line in lines[dash + 1:]:
        first = line[:spans[0][1]].strip()
        piece = line[start:end].strip()
        if first or not cells:
            cells.append(piece)
        elif piece:
            cells[-1] += " " + piece
    return cells


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_a_table_fits_the_width_and_keeps_every_word(width):
    rows = [{"rank": i, "name": f"Person {i}", "why": WHY + f" #{i}", "betweenness": 0.123456 * i} for i in range(1, 4)]
    with use_language("en"):
        text, shown = table(["rank", "name", "why", "betweenness"], rows, width=width)
    assert shown == ["rank", "name", "why", "betweenness"]
    assert max(len(line) for line in lines_of(text)) <= width
    assert "…" not in text
    assert column_text(text, 2) == [WHY + f" #{i}" for i in range(1, 4)]  # wrapped, not cut


def test_optional_columns_give_way_and_say_so():
    rows = [{"name": "Ann", "why": WHY, "team": "Vergunningverlening", "constraint": 0.5}]
    with use_language("en"):
        text, shown = table(["name", "team", "why", "constraint"], rows, width=60, optional=("constraint", "team"))
    assert "constraint" not in shown and "Left out to fit the width of the terminal: constraint" in text
    assert max(len(line) for line in lines_of(text)) <= 60


def test_numbers_and_words_follow_the_language():
    rows = [{"kind": "single_holder", "betweenness": 0.25, "articulation_point": True}]
    with use_language("nl"):
        text, _shown = table(["kind", "betweenness", "articulation_point"], rows, width=100)
    assert "enige kennishouder" in text and "0,25" in text and "ja" in text and "soort" in text
    with use_language("en"):
        text, _shown = table(["kind", "betweenness", "articulation_point"], rows, width=100)
    assert "single holder" in text and "0.25" in text and "yes" in text


def test_control_characters_are_shown_not_obeyed():
    with use_language("en"):
        text, _shown = table(["name"], [{"name": "evil\x1b[2Jname"}], width=80)
    assert "\x1b" not in text


def test_legend_explains_the_measure_columns():
    with use_language("en"):
        short = legend(["rank", "betweenness", "constraint"], width=80)
        full = legend(["rank", "betweenness", "constraint"], full=True, width=80)
    assert short.startswith("Columns: betweenness: share of shortest routes") and "--explain" in short
    assert "Freeman 1977" in full and "Burt 1992" in full
    assert legend(["rank", "name"]) == ""
    with use_language("nl"):
        assert legend(["betweenness"], width=80).startswith("Kolommen: tussenpositie")


def test_linking_pins_at_80_columns(tmp_path):
    db = tmp_path / "kg.db"
    with kgraph.open(db) as kg:
        kgraph.import_data(kg, TINY)
    r = CliRunner().invoke(cli, ["linking-pins", "--store", str(db), "--as-of", "2026-06-01"], env={"COLUMNS": "80"})
    assert r.exit_code == 0
    out = r.stdout.split("\nColumns:")[0]
    assert max(len(line) for line in lines_of(out)) <= 80
    assert "Columns:" in r.stdout
    e = CliRunner().invoke(cli, ["linking-pins", "--store", str(db), "--as-of", "2026-06-01", "--explain"],
                           env={"COLUMNS": "80"})
    assert "Likert 1961" in e.stdout and "Columns:" not in e.stdout


@given(st.text(alphabet=st.sampled_from(list("ab -\t\n\r\x0b\x0c\u00a0\u2003é")), max_size=30), st.integers(1, 40))
def test_a_text_that_fits_is_what_textwrap_gives(text, width):
    """The fast path of the table's wrapping (kgraph.cli._table._fits) agrees with textwrap."""
    import textwrap

    from kgraph.cli._table import _fits

    if _fits(text, width):
        assert textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) == [text]


@given(st.text(alphabet=st.sampled_from(list("ab -\t\n\u00a0\u2003é")), max_size=60), st.integers(1, 30))
def test_the_greedy_wrap_is_what_textwrap_gives(text, width):
    """The table's own wrapping of plain single-spaced text (kgraph.cli._table._greedy) agrees with textwrap."""
    import textwrap

    from kgraph.cli._table import _greedy

    got = _greedy(text, width)
    if got is not None:
        assert got == textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)


@given(st.lists(st.text(alphabet="abcdefg-é", min_size=1, max_size=12), min_size=1, max_size=30), st.integers(12, 40))
def test_the_greedy_wrap_takes_plain_sentences(words, width):
    import textwrap

    from kgraph.cli._table import _greedy

    text = " ".join(words)
    assert _greedy(text, width) == textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)


@pytest.mark.parametrize("columns", [None, "120", "0", "-3", "wide", " 90 "])
@pytest.mark.parametrize("stdout", ["devnull", "none"])
def test_the_width_is_what_shutil_gives(monkeypatch, columns, stdout):
    """The table's width is read without importing shutil, as ``shutil.get_terminal_size`` reads it."""
    import os
    import shutil
    import sys

    from kgraph.cli._table import _columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    with open(os.devnull, "w") as null:
        monkeypatch.setattr(sys, "__stdout__", null if stdout == "devnull" else None)
        assert _columns(100) == shutil.get_terminal_size((100, 24)).columns



@given(st.text(alphabet=st.sampled_from(list("ab -.;:\t\n\u00a0é")), max_size=80), st.integers(1, 30))
def test_the_legend_is_filled_as_textwrap_fills_it(text, width):
    """The legend's lines (kgraph.cli._table._fill) are textwrap.fill's, whichever way they are made."""
    import textwrap

    from kgraph.cli._table import _fill

    assert _fill(text, width) == textwrap.fill(text, width, break_on_hyphens=False)
