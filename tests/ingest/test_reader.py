"""Reading a folder: which files are tables, which are ignored (with a warning), and how
a table that could not be read affects the rest of the report."""

from __future__ import annotations

import pytest

from kgraph.errors import ValidationError
from kgraph.ingest import load_dataset, read_input


def problems(folder):
    with pytest.raises(ValidationError) as exc:
        load_dataset(folder)
    return exc.value.problems


def test_misspelled_table_is_a_warning_with_a_suggestion(tiny_copy):
    (tiny_copy / "skills.csv").rename(tiny_copy / "skils.csv")
    (tiny_copy / "notes.csv").write_text("anything\n", encoding="utf-8")
    ds = load_dataset(tiny_copy)
    assert [str(w) for w in ds.warnings] == [
        "notes.csv:0:-: not a kgraph table, ignored",
        "skils.csv:0:-: not a kgraph table, ignored (did you mean 'skills'?)",
    ]
    assert "KNOWS" not in ds.counts()


def test_hidden_files_and_other_extensions_are_ignored_silently(tiny_copy):
    (tiny_copy / "._persons.csv").write_bytes(b"\x00\x05\x16\x07")  # macOS AppleDouble
    (tiny_copy / ".~lock.persons.csv#").write_text("x", encoding="utf-8")  # LibreOffice lock
    (tiny_copy / "README.txt").write_text("x", encoding="utf-8")
    assert read_input(tiny_copy).warnings == []
    assert load_dataset(tiny_copy).counts()["Person"] == 8


def test_missing_required_table_is_still_reported(tiny_copy):
    (tiny_copy / "persons.csv").unlink()
    found = [str(p) for p in problems(tiny_copy)]
    assert found == ["persons.csv:0:-: required table 'persons' is missing"], found


def test_a_table_that_failed_is_not_also_missing(tiny_copy):
    (tiny_copy / "persons.csv").write_bytes(b"id,name\nP01,Ren\xe9\n")
    raw = read_input(tiny_copy)
    assert "persons" not in raw.tables and raw.failed == {"persons": "persons.csv"}
    assert [str(p) for p in raw.problems] == [
        "persons.csv:2:name: not UTF-8 text (byte 0xe9); the file looks like Windows-1252 ('ANSI'): "
        "save it as 'CSV UTF-8' (in Excel: Save As > CSV UTF-8)"]


def test_read_failures_come_first(tiny_copy):
    (tiny_copy / "ties.csv").open("a", encoding="utf-8").write("P01,P02,gossip,1\n")
    (tiny_copy / "teams.csv").write_bytes(b"id,name\nT-MT,\xff\n")
    found = problems(tiny_copy)
    assert found[0].file == "teams.csv" and found[0].fatal
    assert [p.file for p in found[1:]] == ["ties.csv"]


def test_duplicate_table_in_a_folder(tiny_copy):
    (tiny_copy / "medewerkers.csv").write_bytes((tiny_copy / "persons.csv").read_bytes())
    assert [str(p) for p in problems(tiny_copy)] == [
        "persons.csv:0:-: table 'persons' given twice (also medewerkers.csv)"]
