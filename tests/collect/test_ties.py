"""The derived ties table: the period, writing ties.csv, importing into a store."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import kgraph
from kgraph.collect import COLUMNS, Period, import_ties, write_ties
from kgraph.errors import OptionError, ValidationError


def frame(*rows, source="calendar"):
    return pd.DataFrame([(*r, source) for r in rows], columns=COLUMNS)


def works_with(kg):
    return {(s, t, k): p for (rel, s, t, k), p in kg.store.read_dataset().edges.items() if rel == "WORKS_WITH"}


def test_period_bounds_dates_and_zones():
    p = Period.of("2026-01-01", dt.date(2026, 2, 1))
    assert p.start.isoformat() == "2026-01-01T00:00:00+01:00" and p.days == 31
    assert p.contains(dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.timezone.utc))  # 00:30 in Amsterdam
    assert not p.contains(dt.date(2026, 2, 1))
    assert Period.of(None, None).contains(dt.date(1900, 1, 1))
    for bad in (("2026-13-01", None), ("2026-02-01", "2026-01-01"), ("2026-01-01", "2026-01-01")):
        with pytest.raises(OptionError):
            Period.of(*bad)
    with pytest.raises(OptionError):
        Period.of("2026-01-01", None, required=True)


def test_write_ties_is_the_input_format_and_safe_in_a_spreadsheet(tmp_path):
    df = frame(("P1", "P2", "collaboration", 1.5, 3), ("=cmd|' /C calc'!A0", "P2", "collaboration", 2, 4))
    path = write_ties(df, tmp_path / "ties.csv")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "source_id,target_id,kind,weight,interactions,source",
        "P1,P2,collaboration,1.5,3,calendar",
        "'=cmd|' /C calc'!A0,P2,collaboration,2,4,calendar",
    ]


def test_written_ties_import_as_usual(tiny_copy, store_path):
    write_ties(frame(("P01", "P07", "collaboration", 1.25, 5)), tiny_copy / "ties_calendar.csv")
    (tiny_copy / "ties.csv").write_text((tiny_copy / "ties.csv").read_text(encoding="utf-8") + "P01,P07,collaboration,1.25\n",
                                        encoding="utf-8")
    kg = kgraph.open(store_path)
    assert kgraph.validate(tiny_copy)["WORKS_WITH"] == 10
    kgraph.import_data(kg, tiny_copy)
    assert works_with(kg)[("P01", "P07", "collaboration")] == {"kind": "collaboration", "weight": 1.25}
    kg.close()


def test_import_replaces_the_same_source_and_keeps_every_other_tie(tiny_kg):
    before = works_with(tiny_kg)
    first = import_ties(tiny_kg, frame(("P01", "P02", "collaboration", 1.5, 3), ("P03", "P05", "collaboration", 2, 4)),
                        source="calendar")
    assert (first.imported, first.replaced, first.conflicts) == (2, 0, 0)
    assert first.report.added == {"WORKS_WITH": 2}
    got = works_with(tiny_kg)
    assert got[("P01", "P02", "collaboration")] == {"kind": "collaboration", "weight": 1.5, "interactions": "3",
                                                    "source": "calendar"}
    mail = import_ties(tiny_kg, frame(("P01", "P02", "information", 7, 7), source="mail"), source="mail")
    assert mail.imported == 1
    again = import_ties(tiny_kg, frame(("P03", "P05", "collaboration", 2.5, 5)), source="calendar")
    assert (again.imported, again.replaced) == (1, 2)
    got = works_with(tiny_kg)
    assert ("P01", "P02", "collaboration") not in got
    assert got[("P03", "P05", "collaboration")]["weight"] == 2.5
    assert got[("P01", "P02", "information")]["source"] == "mail"
    assert {k: v for k, v in got.items() if "source" not in v} == before  # the reported ties stay as they were
    assert "calendar" in again.summary() and "2 imported before replaced" in again.summary()


def test_a_pair_with_a_reported_tie_of_that_kind_keeps_it(tiny_kg):
    result = import_ties(tiny_kg, frame(("P02", "P03", "collaboration", 9, 9)), source="calendar")
    assert (result.imported, result.conflicts) == (0, 1)
    assert works_with(tiny_kg)[("P02", "P03", "collaboration")] == {"kind": "collaboration", "weight": 3}
    assert "another source" in result.summary()


def test_import_checks_every_row_and_writes_nothing_on_a_problem(tiny_kg, store_path):
    tiny_kg.close()
    before = store_path.read_bytes()
    kg = kgraph.open(store_path)
    df = frame(("P01", "P99", "collaboration", 1, 3), ("P01", "P01", "collaboration", 1, 3),
               ("P01", "P02", "friendship", 1, 3), ("P01", "P03", "samenwerking", -1, 3),
               ("P01", "P04", "collaboration", 1, 3), ("P01", "P04", "collaboration", 2, 3))
    with pytest.raises(ValidationError) as err:
        import_ties(kg, df, source="calendar")
    assert [str(p) for p in err.value.problems] == [
        "ties:2:target_id: unknown person 'P99'",
        "ties:3:target_id: a tie from 'P01' to itself",
        "ties:4:kind: 'friendship' is not one of: advice, collaboration, information",
        "ties:5:weight: '-1' is not a number of at least 0",
        "ties:7:target_id: duplicate row, same as row 6",
    ]
    with pytest.raises(OptionError):
        import_ties(kg, df, source="survey")
    with pytest.raises(ValidationError):
        import_ties(kg, pd.DataFrame({"target_id": ["P01"]}), source="mail")
    kg.close()
    assert store_path.read_bytes() == before
