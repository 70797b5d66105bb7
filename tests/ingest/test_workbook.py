"""Excel workbooks that lose data when read naively: merged cells, a table given twice,
cells beyond the header. Each is a problem that names the sheet, row and column."""

from __future__ import annotations

import csv
import re
import zipfile

import openpyxl
import pytest

from kgraph.errors import InputError, ValidationError
from kgraph.ingest import load_dataset, read_input


def workbook(tiny_dir, path, tables=("departments", "teams", "persons", "memberships")):
    """The tiny organisation's tables as sheets of one workbook (returned unsaved)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in tables:
        with (tiny_dir / f"{name}.csv").open(encoding="utf-8") as fh:
            ws = wb.create_sheet(name)
            for row in csv.reader(fh):
                ws.append([v or None for v in row])
    return wb


def problems(path):
    with pytest.raises(ValidationError) as exc:
        load_dataset(path)
    return [str(p) for p in exc.value.problems]


def test_merged_cells_are_an_error_naming_the_range(tiny_dir, tmp_path):
    wb = workbook(tiny_dir, tmp_path)
    wb["teams"].merge_cells("C3:C4")  # Vergunningen and Beleid Ruimte share one department cell
    wb["persons"].merge_cells("D2:E2")
    wb.save(tmp_path / "org.xlsx")
    assert problems(tmp_path / "org.xlsx") == [
        "org.xlsx[persons]:2:function: cells D2:E2 are merged: only D2 holds a value and the other cells read "
        "as empty; unmerge them and fill in every cell",
        "org.xlsx[teams]:3:department_id: cells C3:C4 are merged: only C3 holds a value and the other cells read "
        "as empty; unmerge them and fill in every cell",
    ]


def test_merged_cells_in_an_ignored_sheet_are_fine(tiny_dir, tmp_path):
    wb = workbook(tiny_dir, tmp_path)
    notes = wb.create_sheet("notes")
    notes.append(["Toelichting", None])
    notes.merge_cells("A1:B1")
    wb.save(tmp_path / "org.xlsx")
    assert load_dataset(tmp_path / "org.xlsx").counts()["Team"] == 4


def test_merged_cells_found_with_relative_part_names_as_excel_writes(tiny_dir, tmp_path):
    wb = workbook(tiny_dir, tmp_path)
    wb["teams"].merge_cells("C3:C4")
    wb.save(tmp_path / "plain.xlsx")
    # openpyxl names parts absolutely ("/xl/worksheets/sheet2.xml"), Excel relative to xl/
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, zipfile.ZipFile(tmp_path / "org.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                assert b'Target="/xl/worksheets/' in data
                data = data.replace(b'Target="/xl/worksheets/', b'Target="worksheets/')
            dst.writestr(item, data)
    assert any("cells C3:C4 are merged" in p for p in problems(tmp_path / "org.xlsx"))


def test_two_sheets_for_one_table(tiny_dir, tmp_path):
    wb = workbook(tiny_dir, tmp_path)
    dutch = wb.copy_worksheet(wb["persons"])
    dutch.title = "medewerkers"
    wb.save(tmp_path / "org.xlsx")
    assert problems(tmp_path / "org.xlsx") == [
        "org.xlsx[medewerkers]:0:-: table 'persons' given twice (also org.xlsx[persons])"]


def test_cells_beyond_the_header(tiny_dir, tmp_path):
    wb = workbook(tiny_dir, tmp_path)
    wb["teams"]["E3"] = "opgeheven"
    wb["teams"]["E5"] = "nieuw"
    wb.save(tmp_path / "org.xlsx")
    assert problems(tmp_path / "org.xlsx") == [
        "org.xlsx[teams]:3:E: 2 values in column E, which has no header (rows 3, 5): they would be lost; "
        "give the column a header or remove the values"]


def test_empty_sheet(tiny_dir, tmp_path):
    wb = workbook(tiny_dir, tmp_path)
    wb.create_sheet("signals")
    wb.save(tmp_path / "org.xlsx")
    assert problems(tmp_path / "org.xlsx") == [
        "org.xlsx[signals]:0:-: the sheet is empty: it needs a header row (delete the sheet if the table is not used)"]


def test_ignored_sheet_is_a_warning(tiny_dir, tmp_path):
    wb = workbook(tiny_dir, tmp_path)
    wb.create_sheet("medewerker").append(["id"])
    wb.save(tmp_path / "org.xlsx")
    ds = load_dataset(tmp_path / "org.xlsx")
    assert [str(w) for w in ds.warnings] == [
        "org.xlsx[medewerker]:0:-: not a kgraph table, ignored (did you mean 'medewerkers'?)"]


def test_workbook_over_the_size_limit(tiny_dir, tmp_path, monkeypatch):
    workbook(tiny_dir, tmp_path).save(tmp_path / "org.xlsx")
    monkeypatch.setenv("KGRAPH_MAX_INPUT_BYTES", "1800")
    with pytest.raises(InputError, match="more than the limit of 1.8 KiB"):
        read_input(tmp_path / "org.xlsx")


def test_workbook_that_unpacks_beyond_the_size_limit(tiny_dir, tmp_path, monkeypatch):
    wb = workbook(tiny_dir, tmp_path)
    wb.create_sheet("notes").append(["x" * 30000])
    wb.save(tmp_path / "org.xlsx")
    size = (tmp_path / "org.xlsx").stat().st_size
    monkeypatch.setenv("KGRAPH_MAX_INPUT_BYTES", str(size + 100))
    with pytest.raises(InputError, match="unpacks to .* more than the limit"):
        read_input(tmp_path / "org.xlsx")


def test_a_wrong_dimension_in_the_sheet_loses_nothing(tiny_dir, tmp_path):
    # openpyxl's read-only mode trusts <dimension ref=...>; some writers get it wrong
    workbook(tiny_dir, tmp_path).save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, zipfile.ZipFile(tmp_path / "org.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data)
            dst.writestr(item, data)
    raw = read_input(tmp_path / "org.xlsx")
    assert len(raw.tables["persons"].rows) == 8 and len(raw.tables["persons"].header) == 7
    assert load_dataset(tmp_path / "org.xlsx").counts()["MEMBER_OF"] == 11
