"""CSV files that lose data when read leniently: each is a file:row:column problem.

An unterminated quote, text after a closing quote, a cell over the csv module's field
limit, a NUL byte, another encoding, cells beyond the header: none may pass silently,
and a table that could not be read is reported first, without a flood of follow-ups.
"""

from __future__ import annotations

import pytest

from kgraph.errors import ValidationError
from kgraph.ingest import load_dataset, read_input


def edit(folder, table, old, new):
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {table}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(folder):
    with pytest.raises(ValidationError) as exc:
        load_dataset(folder)
    return [str(p) for p in exc.value.problems]


def signals(folder, *rows):
    (folder / "signals.csv").write_text(
        "date,channel,actor_id,issue_id,sentiment,text\n" + "".join(r + "\n" for r in rows), encoding="utf-8")


ROWS = [f"2025-0{m}-01,complaint,A-DORP,I-WIND,-1,Klacht {m}" for m in range(1, 9)]


def test_unterminated_quote_at_the_end_is_an_error_at_the_opening_row(tiny_copy):
    rows = list(ROWS)
    rows[1] = rows[1].replace("Klacht 2", '"Klacht 2 zonder einde')
    signals(tiny_copy, *rows)
    found = problems(tiny_copy)
    assert found[0].startswith("signals.csv:3:text: a quote opens here and is never closed"), found
    assert "lines 3–9" in found[0]
    assert len(found) == 1, found


def test_quote_closed_lines_later_before_text_is_an_error_at_the_opening_row(tiny_copy):
    rows = list(ROWS)
    rows[1] = rows[1].replace("Klacht 2", '"Klacht 2 zonder einde')
    rows[5] = rows[5].replace("Klacht 6", '"Klacht" 6')
    signals(tiny_copy, *rows)
    found = problems(tiny_copy)
    assert found[0].startswith("signals.csv:3:text: a quote opens here and is not closed until line 7"), found


def test_quote_that_swallows_rows_and_closes_cleanly_leaves_cells_beyond_the_header(tiny_copy):
    # valid CSV syntax, but the merged row has more cells than the header: never silently merged
    rows = list(ROWS)
    rows[1] = rows[1].replace("Klacht 2", '"Klacht 2')
    rows[3] = rows[3] + '",extra'
    signals(tiny_copy, *rows)
    found = problems(tiny_copy)
    assert any(p.startswith("signals.csv:3:G: ") and "no header" in p and "lines 3–5" in p and "quote" in p
               for p in found), found


def test_multiline_quoted_text_is_still_accepted(tiny_copy):
    signals(tiny_copy, ROWS[0], '2025-02-01,complaint,A-DORP,I-WIND,-1,"Twee regels,\nmet ""aanhalingstekens"""',
            ROWS[2])
    ds = load_dataset(tiny_copy)
    texts = sorted(p.get("text", "") for kind, p in ds.nodes.values() if kind == "Signal")
    assert 'Twee regels,\nmet "aanhalingstekens"' in texts and len(texts) == 3


def test_text_after_a_closing_quote_on_one_line(tiny_copy):
    edit(tiny_copy, "persons", "P03,Carla Smit", 'P03,"Carla" Smit')
    found = problems(tiny_copy)
    assert found[0].startswith("persons.csv:4:name: text follows the closing quote"), found


def test_unterminated_quote_in_persons_is_reported_first_without_a_flood(tiny_copy):
    edit(tiny_copy, "persons", "P03,Carla Smit", 'P03,"Carla Smit')
    (tiny_copy / "ties.csv").open("a", encoding="utf-8").write("P01,P77,advice,1\n")  # unrelated, still reported
    found = problems(tiny_copy)
    assert found[0].startswith("persons.csv:4:name: a quote opens here and is never closed"), found
    assert not any("unknown person" in p for p in found), found
    assert not any("required table" in p for p in found), found


def test_field_over_the_csv_limit_is_a_message_not_a_traceback(tiny_copy):
    edit(tiny_copy, "knowledge", "De wet voor de fysieke leefomgeving", "x" * 200_000)
    found = problems(tiny_copy)
    assert found[0].startswith("knowledge.csv:3:description: this cell is longer than 131072 characters"), found


def test_nul_byte(tiny_copy):
    edit(tiny_copy, "persons", "Carla Smit", "Carla\x00Smit")
    found = problems(tiny_copy)
    assert found[0].startswith("persons.csv:4:name: a NUL byte"), found
    assert len(found) == 1, found


def test_utf16_without_bom_is_one_nul_message(tiny_copy):
    path = tiny_copy / "persons.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    found = problems(tiny_copy)
    assert len(found) == 1 and "UTF-16" in found[0], found


def test_utf16_with_bom(tiny_copy):
    path = tiny_copy / "persons.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    found = problems(tiny_copy)
    assert found == ["persons.csv:0:-: UTF-16 text (in Excel: 'Unicode text'); save it as 'CSV UTF-8' "
                     "(in Excel: Save As > CSV UTF-8)"], found


def test_windows_1252_is_one_message_at_the_first_bad_cell(tiny_copy):
    path = tiny_copy / "persons.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Carla Smit", "Carla Smit-Noël").encode("cp1252"))
    found = problems(tiny_copy)
    assert found == ["persons.csv:4:name: not UTF-8 text (byte 0xeb); the file looks like Windows-1252 ('ANSI'): "
                     "save it as 'CSV UTF-8' (in Excel: Save As > CSV UTF-8)"], found


def test_bad_byte_in_the_header(tiny_copy):
    (tiny_copy / "issues.csv").write_bytes(b"id,naam\xe9\nI-WIND,Windpark\n")
    found = problems(tiny_copy)
    assert found[0].startswith("issues.csv:1:B: not UTF-8 text (byte 0xe9)"), found


def test_empty_file(tiny_copy):
    (tiny_copy / "signals.csv").write_bytes(b"")
    assert problems(tiny_copy) == [
        "signals.csv:0:-: the file is empty: it needs a header row (delete the file if the table is not used)"]


def test_cells_beyond_the_header(tiny_copy):
    edit(tiny_copy, "persons", "Stadhuis,2010-01-01,\n", "Stadhuis,2010-01-01,,+31 6 1234\n")
    edit(tiny_copy, "persons", "2015-05-01,2027-03-31\n", "2015-05-01,2027-03-31,06 1234\n")
    found = problems(tiny_copy)
    assert found == ["persons.csv:2:H: 2 values in column H, which has no header (rows 2, 4): they would be lost; "
                     "give the column a header or remove the values"], found


def test_value_under_an_empty_header_cell(tiny_copy):
    edit(tiny_copy, "teams", "id,name,department_id", "id,name,,department_id")
    path = tiny_copy / "teams.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0]] + [",".join(x.split(",")[:2] + ["" if i else "notitie"] + x.split(",")[2:])
                          for i, x in enumerate(lines[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems(tiny_copy) == [
        "teams.csv:2:C: a value in column C, which has no header: it would be lost; "
        "give the column a header or remove the value"]


def test_empty_cells_beyond_the_header_are_fine(tiny_copy):
    edit(tiny_copy, "teams", "T-MT,MT Gemeente,D-ORG", "T-MT,MT Gemeente,D-ORG,,")
    assert load_dataset(tiny_copy).counts()["Team"] == 4


def test_classic_mac_line_endings(tiny_copy):
    path = tiny_copy / "teams.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    assert load_dataset(tiny_copy).counts()["Team"] == 4


def test_rows_spanning_lines_are_remembered(tiny_copy):
    signals(tiny_copy, ROWS[0], '2025-02-01,complaint,A-DORP,I-WIND,-1,"a\nb\nc"', ROWS[2])
    table = read_input(tiny_copy).tables["signals"]
    assert [n for n, _ in table.rows] == [2, 3, 4]
    assert table.spans == {3: (3, 5)}
