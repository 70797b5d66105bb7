"""``kgraph template``: example rows that validate and import, allowed values, ';'-separated Dutch
CSV and drop-down lists in the workbook (issue 14 item 11)."""

from __future__ import annotations

import csv

import openpyxl
import pytest

import kgraph
from kgraph.app.template import example_rows
from kgraph.ingest.validate import EXAMPLE_PREFIXES
from kgraph.model import model


def test_every_table_has_an_example_row():
    for dutch in (False, True):
        rows = example_rows(dutch=dutch)
        assert set(rows) == set(model().tables)
        assert all(len(r) >= 1 for r in rows.values())


@pytest.mark.parametrize("dutch", [False, True])
@pytest.mark.parametrize("name", ["org", "org.xlsx"])
def test_the_template_validates_and_imports(tmp_path, dutch, name):
    out = tmp_path / name
    kgraph.template(out, dutch=dutch)
    counts = kgraph.validate(out)
    assert counts["Person"] == 2 and counts["MEMBER_OF"] == 1 and counts["WORKS_WITH"] == 1
    prefix = EXAMPLE_PREFIXES[1] if dutch else EXAMPLE_PREFIXES[0]
    warned = {w.file for w in counts.warnings if "example row" in w.message}
    assert any("persons" in f or "medewerkers" in f for f in warned)
    assert not any("README" in w.file or "toelichting" in w.file for w in counts.warnings)  # the explanation sheet is quiet
    with kgraph.open(tmp_path / "kg.db") as kg:
        report = kgraph.import_data(kg, out)
        assert not report.unchanged
        assert all(i.startswith(prefix) for i in kg.store.names("Person"))


def test_dutch_csv_is_semicolon_separated_with_a_bom(tmp_path):
    kgraph.template(tmp_path / "nl", dutch=True)
    raw = (tmp_path / "nl" / "lidmaatschappen.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["medewerker_id", "team_id", "rol"] and rows[1][2] == "lid"
    readme = (tmp_path / "nl" / "README.txt").read_text(encoding="utf-8")
    assert "lid, leider (member, lead)" in readme and "VOORBEELD-" in readme


def test_english_readme_lists_allowed_values(tmp_path):
    kgraph.template(tmp_path / "en")
    readme = (tmp_path / "en" / "README.txt").read_text(encoding="utf-8")
    assert "member, lead (lid, leider)" in readme
    assert "a whole number from 1 to 5" in readme and "EXAMPLE-" in readme


def test_the_workbook_has_drop_down_lists(tmp_path):
    out = tmp_path / "org.xlsx"
    kgraph.template(out, dutch=True)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "toelichting"
    ws = wb["lidmaatschappen"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists == {"C2:C1000": '"lid,leider"'}
    levels = [dv for dv in wb["vaardigheden"].data_validations.dataValidation if dv.type == "whole"]
    assert levels and (levels[0].formula1, levels[0].formula2) == ("1", "5")
    contacts = {dv.formula1 for dv in wb["contacten"].data_validations.dataValidation if dv.type == "list"}
    assert '"ja,nee"' in contacts
