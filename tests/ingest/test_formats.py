"""The Excel path and Dutch headers give the same dataset as English CSV."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from kgraph.errors import ValidationError
from kgraph.ingest import load_dataset
from kgraph.model import model


def _rows(path):
    with path.open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _typed(value: str):
    """What a spreadsheet program stores: numbers as numbers, dates as dates."""
    if value.lstrip("-").isdigit() and not value.startswith("0"):
        return int(value)
    try:
        return dt.datetime.fromisoformat(value) if len(value) == 10 and value[4] == "-" else value
    except ValueError:
        return value


def test_excel_equals_csv(tiny_dir, tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for file in sorted(tiny_dir.glob("*.csv")):
        ws = wb.create_sheet(file.stem)
        header, *rows = _rows(file)
        ws.append(header)
        for r in rows:
            ws.append([_typed(v) if v else None for v in r])
    wb.create_sheet("notes").append(["ignored sheet"])
    path = tmp_path / "org.xlsx"
    wb.save(path)
    assert load_dataset(path) == load_dataset(tiny_dir)


def test_excel_errors_name_sheet_row_column(tiny_dir, tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("departments", "teams", "persons", "memberships"):
        header, *rows = _rows(tiny_dir / f"{name}.csv")
        ws = wb.create_sheet(name)
        ws.append(header)
        for r in rows:
            ws.append(r)
    wb["persons"]["F3"] = "31-12-2020"
    path = tmp_path / "org.xlsx"
    wb.save(path)
    with pytest.raises(ValidationError) as exc:
        load_dataset(path)
    assert [str(p) for p in exc.value.problems] == [
        "org.xlsx[persons]:3:start_date: '31-12-2020' is not a date; write YYYY-MM-DD"
    ]


DUTCH_VALUES = {"lead": "leider", "member": "lid", "collaboration": "samenwerking", "advice": "advies",
                "information": "informatie", "yes": "ja", "no": "nee", "alliance": "bondgenoot",
                "complaint": "klacht", "government": "overheid", "residents": "bewoners"}


def test_dutch_headers_and_values(tiny_dir, tmp_path):
    out = tmp_path / "nl"
    out.mkdir()
    for name, table in model().tables.items():
        src = tiny_dir / f"{name}.csv"
        if not src.exists():
            continue
        header, *rows = _rows(src)
        nl = {c.name: c.nl or c.name for c in table.columns}
        # Dutch aliases, written as people do: capitals and spaces instead of underscores
        dutch = [nl[h].replace("_", " ").capitalize() for h in header]
        with (out / f"{table.nl}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(dutch)
            for r in rows:
                w.writerow([DUTCH_VALUES.get(v, v) for v in r])
    assert load_dataset(out) == load_dataset(tiny_dir)
