"""``kgraph.cli._common.render``: pandas' missing values become null in JSON and an empty cell in a
table, never ``<NA>`` or a traceback (issue 14 item 9)."""

from __future__ import annotations

import io
import json

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.cli._common import render
from kgraph.i18n import use_language


def frame():
    df = pd.DataFrame({"kind": ["pin_lost", "articulation_point_lost"], "before": [1, 1], "after": [0, None]})
    df["after"] = df["after"].astype("Int64")  # what-if's column: pd.NA where a count does not apply
    return df


def test_json_writes_null_for_a_missing_value():
    out = io.StringIO()
    render(frame(), "json", file=out)
    assert json.loads(out.getvalue())[1]["after"] is None


def test_tables_and_csv_show_nothing_for_a_missing_value():
    for fmt in ("table", "csv"):
        out = io.StringIO()
        with use_language("en"):
            render(frame(), fmt, file=out)
        assert "<NA>" not in out.getvalue() and "nan" not in out.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(),
                          st.text(alphabet=" =+-@\t\r0123456789.,eEab'", max_size=6),
                          st.lists(st.text(max_size=3), max_size=3))))
def test_csv_cells_are_made_safe_as_csv_safe_says(values):
    """The CSV cells skip csv_safe for a text that starts harmlessly: the same cells as with it."""
    from kgraph.cli._common import _csv_cells
    from kgraph.textsafe import csv_safe

    cells = ["; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v) for v in values]
    assert _csv_cells(values, False) == [csv_safe(v) for v in cells]
    assert _csv_cells(values, True) == cells
