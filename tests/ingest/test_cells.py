"""Parsing a column of cells at once (:func:`kgraph.ingest.cells.parse_column`, issue 15)."""

from __future__ import annotations

import datetime as dt

from kgraph.ingest.cells import _Bad, _parser, parse_column
from kgraph.model import Column, model


def _one_by_one(cells, parse, default):
    out, problems = [], []
    for i, c in enumerate(cells):
        try:
            v = parse(c)
        except _Bad as exc:
            problems.append((i, str(exc)))
            out.append(None)
            continue
        out.append(default if v is None else v)
    return out, problems


def test_text_cells_parse_as_one_by_one():
    col = model().tables["ties"].column("weight")
    cells = ["1", "2,5", "x", "", None, " 3 ", "1", "x", "-1"]
    assert parse_column(cells, _parser(col), col.default) == _one_by_one(cells, _parser(col), col.default)


def test_workbook_cells_keep_their_types():
    col = Column("n", "number")
    cells = [1, 1.0, True, "1", None, 2.5, dt.date(2026, 1, 1)]
    assert parse_column(cells, _parser(col), 0) == _one_by_one(cells, _parser(col), 0)
    date = Column("d", "date")
    cells = [dt.datetime(2026, 1, 2, 9, 0), dt.date(2026, 1, 3), "2026-01-04", "4-1-2026"]
    assert parse_column(cells, _parser(date)) == _one_by_one(cells, _parser(date), None)


def test_each_row_gets_its_own_list():
    col = Column("synonyms", "list")
    out, problems = parse_column(["a; b", "a; b"], _parser(col), copy_lists=True)
    assert out == [["a", "b"], ["a", "b"]] and problems == []
    assert out[0] is not out[1]
