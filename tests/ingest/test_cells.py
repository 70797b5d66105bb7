"""Parsing a column of cells at once (:func:`kgraph.ingest.cells.parse_column`), and a relation's
property dicts (:func:`~kgraph.ingest.cells.prop_dicts`) (issue 15)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.ingest.cells import _Bad, _parser, _pattern, parse_column, prop_dicts
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


_ADDRESSES = st.sampled_from(["a@b.nl", " jan.de.vries@gemeente.example ", "geen-adres", "a@b", "x@y.z;w@v.u", "",
                               "  ", "@b.nl", "Zoë@voorbeeld.nl", "a b@c.nl"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ADDRESSES | st.text(max_size=12), max_size=12))
def test_email_cells_parse_as_one_by_one(cells):
    """Checked a column at a time where every address is one (each person has their own):
    the same values and the same problems as cell by cell."""
    col = model().tables["persons"].column("email")
    assert _pattern(col) is not None
    got = parse_column(cells, _parser(col), col.default, pattern=_pattern(col))
    assert got == _one_by_one(cells, _parser(col), col.default)


def test_workbook_cells_keep_their_types():
    col = Column("n", "number")
    cells = [1, 1.0, True, "1", None, 2.5, dt.date(2026, 1, 1)]
    assert parse_column(cells, _parser(col), 0) == _one_by_one(cells, _parser(col), 0)
    date = Column("d", "date")
    cells = [dt.datetime(2026, 1, 2, 9, 0), dt.date(2026, 1, 3), "2026-01-04", "4-1-2026"]
    assert parse_column(cells, _parser(date)) == _one_by_one(cells, _parser(date), None)
    email = model().tables["persons"].column("email")
    cells = ["a@b.nl", None, 3, " c@d.nl "]  # not all text: one by one
    assert parse_column(cells, _parser(email), pattern=_pattern(email)) == _one_by_one(cells, _parser(email), None)


def test_each_row_gets_its_own_list():
    col = Column("synonyms", "list")
    out, problems = parse_column(["a; b", "a; b"], _parser(col), copy_lists=True)
    assert out == [["a", "b"], ["a", "b"]] and problems == []
    assert out[0] is not out[1]


def _row_by_row(n, names, props):
    dicts = [dict(zip(names, r)) for r in zip(*props)] if names else [{} for _x in range(n)]
    for d in dicts:
        for k in [k for k, v in d.items() if v is None]:
            del d[k]
    return dicts


def _same(a, b):
    """Equal dicts with the same keys in the same order, and the values of the same types."""
    return a == b and [[(k, type(v)) for k, v in d.items()] for d in a] == [[(k, type(v)) for k, v in d.items()] for d in b]


def test_property_dicts_of_repeated_rows_are_copies():
    kinds, weights = ["advice", "friendship", None] * 160, [1, 2, 3, 4] * 120  # 12 combinations, 480 rows
    out = prop_dicts(480, ["kind", "weight"], [kinds, weights])
    assert _same(out, _row_by_row(480, ["kind", "weight"], [kinds, weights]))
    assert len({id(d) for d in out}) == 480  # each row its own dict
    out[0]["kind"] = "changed"
    assert out[12]["kind"] == "advice"


def test_property_dicts_keep_equal_values_of_other_types_apart():
    # 1 == 1.0 == True: a column mixing them (a workbook's cells) is built row by row
    values = [1, 1.0, True, 0, 0.0, -0.0, False] * 20
    out = prop_dicts(140, ["x"], [values])
    assert _same(out, _row_by_row(140, ["x"], [values]))
    floats = [0.0, -0.0] * 40  # floats are never looked up: 0.0 == -0.0
    assert _same(prop_dicts(80, ["x"], [floats]), _row_by_row(80, ["x"], [floats]))
    assert prop_dicts(2, [], []) == [{}, {}]


def test_shared_property_dicts_of_many_combinations_are_one_per_combination():
    # more distinct rows than prop_dicts looks up when copying (_FEW), as skills' levels and dates
    levels, dates = [1, 2, 3, None] * 50, [f"2025-01-{d:02d}" for d in range(1, 26)] * 8  # 100 combinations, 200 rows
    out = prop_dicts(200, ["level", "since"], [levels, dates], share=True)
    assert _same(out, _row_by_row(200, ["level", "since"], [levels, dates]))
    assert len({id(d) for d in out}) == 100  # equal rows share their dict
    assert out[0] is out[100] and out[0] == {"level": 1, "since": "2025-01-01"}
    assert len({id(d) for d in prop_dicts(200, ["level", "since"], [levels, dates])}) == 200  # unshared: one each
    mixed = [1, 1.0, True] * 20  # equal values of other types: never one dict
    assert _same(prop_dicts(60, ["x"], [mixed], share=True), _row_by_row(60, ["x"], [mixed]))


_cell = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]), st.integers(-2, 2), st.booleans(),
                  st.floats(allow_nan=False), st.lists(st.sampled_from(["x", "y"]), max_size=2))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 3).flatmap(lambda w: st.lists(st.lists(_cell, min_size=w, max_size=w), max_size=60).map(
    lambda rows: (w, rows))), st.booleans())
def test_property_dicts_equal_row_by_row(shape, one_type):
    width, rows = shape
    if one_type:  # the copied path: each column of one type (a CSV file's relation table)
        rows = [[c if c is None or isinstance(c, str) else str(c) for c in r] for r in rows] * 20
    names = [f"c{i}" for i in range(width)]
    props = [[r[i] for r in rows] for i in range(width)]
    assert _same(prop_dicts(len(rows), names, props), _row_by_row(len(rows), names, props))
    assert _same(prop_dicts(len(rows), names, props, share=True), _row_by_row(len(rows), names, props))
