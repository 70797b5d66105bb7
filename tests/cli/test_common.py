"""``kgraph.cli._common.render``: pandas' missing values become null in JSON and an empty cell in a
table, never ``<NA>`` or a traceback (issue 14 item 9)."""

from __future__ import annotations

import io
import json

import pandas as pd

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
