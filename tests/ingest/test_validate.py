"""Every validation rule, each with a failing file: file:row:column: message."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError, ValidationError
from kgraph.ingest import load_dataset


def edit(folder, table, old, new):
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {table}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(folder, table, line):
    with (folder / f"{table}.csv").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def problems(folder):
    with pytest.raises(ValidationError) as exc:
        load_dataset(folder)
    return [str(p) for p in exc.value.problems]


def test_tiny_is_valid(tiny_dir):
    ds = load_dataset(tiny_dir)
    counts = ds.counts()
    assert counts["Person"] == 8 and counts["Team"] == 4 and counts["Department"] == 3
    assert counts["MEMBER_OF"] == 11 and counts["PART_OF"] == 6 and counts["BROADER"] == 2
    assert counts["Signal"] == 2 and counts["ABOUT"] == 3 and counts["RAISED_BY"] == 2


@pytest.mark.parametrize(
    "table, old, new, expected",
    [
        # types
        ("skills", "P02,K-OMGW,4,", "P02,K-OMGW,vier,", "skills.csv:2:level: 'vier' is not a whole number"),
        ("ties", "P02,P03,collaboration,3", "P02,P03,collaboration,zwaar", "ties.csv:2:weight: 'zwaar' is not a number"),
        ("persons", "anna@testdorp.nl", "anna.testdorp.nl", "persons.csv:2:email: 'anna.testdorp.nl' is not an e-mail address"),
        ("contacts", "P01,A-PROV,4,yes", "P01,A-PROV,4,misschien", "contacts.csv:2:owner: 'misschien' is not yes/no (ja/nee)"),
        # enums
        ("memberships", "P02,T-VERG,lead", "P02,T-VERG,baas", "memberships.csv:5:role: 'baas' is not one of: member, lead"),
        ("knowledge", "K-EXCEL,Microsoft Excel,skill", "K-EXCEL,Microsoft Excel,hobby", "knowledge.csv:6:kind: 'hobby' is not one of"),
        # ranges
        ("skills", "P02,K-OMGW,4,", "P02,K-OMGW,6,", "skills.csv:2:level: 6 is out of range (1 to 5)"),
        ("positions", "A-PROV,I-WIND,2,", "A-PROV,I-WIND,3,", "positions.csv:2:stance: 3 is out of range (-2 to 2)"),
        ("needs", "T-VERG,K-OMGW,3,2,3", "T-VERG,K-OMGW,3,2,4", "needs.csv:2:criticality: 4 is out of range (1 to 3)"),
        # dates
        ("persons", "2010-01-01", "01-01-2010", "persons.csv:2:start_date: '01-01-2010' is not a date; write YYYY-MM-DD"),
        ("persons", "2027-03-31", "2027-02-30", "persons.csv:4:leave_date: '2027-02-30' is not a valid date"),
        # required values
        ("persons", "P05,Eva Visser", "P05,", "persons.csv:6:name: value required"),
        ("skills", "P02,K-OMGW,4,", ",K-OMGW,4,", "skills.csv:2:person_id: value required"),
        # duplicate ids, across tables too
        ("persons", "P08,Hanna", "P07,Hanna", "persons.csv:9:id: duplicate id 'P07' (first defined at persons.csv:8)"),
        ("teams", "T-WMO,Wmo-loket", "D-SOC,Wmo-loket", "teams.csv:5:id: duplicate id 'D-SOC' (first defined at departments.csv:4)"),
        # duplicate rows of a relation
        ("skills", "P07,K-WMO,3", "P06,K-WMO,3", "skills.csv:8:knowledge_id: duplicate row (person_id=P06, knowledge_id=K-WMO), same as row 7"),
        # dangling references and references to the wrong kind
        ("memberships", "P08,T-WMO", "P99,T-WMO", "memberships.csv:12:person_id: unknown person 'P99'"),
        ("memberships", "P08,T-WMO", "P08,D-SOC", "memberships.csv:12:team_id: 'D-SOC' is a department, expected a team"),
        ("needs", "D-SOC,K-WMO", "P01,K-WMO", "needs.csv:4:unit_id: 'P01' is a person, expected a team or department"),
        ("teams", "T-WMO,Wmo-loket,D-SOC", "T-WMO,Wmo-loket,D-NONE", "teams.csv:5:department_id: unknown department 'D-NONE'"),
        # self ties
        ("ties", "P02,P03,collaboration", "P02,P02,collaboration", "ties.csv:2:target_id: a tie from 'P02' to itself"),
    ],
)
def test_rule(tiny_copy, table, old, new, expected):
    edit(tiny_copy, table, old, new)
    found = problems(tiny_copy)
    assert any(p.startswith(expected) for p in found), found


def test_department_cycle(tiny_copy):
    edit(tiny_copy, "departments", "D-ORG,Gemeente Testdorp,", "D-ORG,Gemeente Testdorp,D-SOC")
    found = problems(tiny_copy)
    assert "departments.csv:2:parent_id: cycle in the departments hierarchy: D-ORG → D-SOC → D-ORG" in found
    assert "departments.csv:4:parent_id: cycle in the departments hierarchy: D-ORG → D-SOC → D-ORG" in found


def test_knowledge_cycle(tiny_copy):
    edit(tiny_copy, "knowledge", "K-RO,Ruimtelijke ordening,topic,", "K-RO,Ruimtelijke ordening,topic,K-DSO")
    found = problems(tiny_copy)
    assert sum("cycle in the knowledge hierarchy" in p for p in found) == 3, found


def test_self_parent(tiny_copy):
    edit(tiny_copy, "departments", "D-ORG,Gemeente Testdorp,", "D-ORG,Gemeente Testdorp,D-ORG")
    assert "departments.csv:2:parent_id: 'D-ORG' refers to itself" in problems(tiny_copy)


def test_missing_required_column(tiny_copy):
    edit(tiny_copy, "persons", "id,name,", "id,fullname,")
    assert "persons.csv:1:name: required column missing (Dutch: naam); is 'fullname' meant to be it?" in problems(tiny_copy)


def test_missing_required_table(tiny_copy):
    (tiny_copy / "memberships.csv").unlink()
    assert "memberships.csv:0:-: required table 'memberships' is missing" in problems(tiny_copy)


def test_duplicate_column(tiny_copy):
    edit(tiny_copy, "teams", "id,name,department_id", "id,name,naam")
    assert any(p.startswith("teams.csv:1:naam: column given twice") for p in problems(tiny_copy))


def test_encoding(tiny_copy):
    (tiny_copy / "issues.csv").write_bytes("id,name\nI-WIND,Windpark Noördeinde\n".encode("latin-1"))
    found = problems(tiny_copy)
    assert found[0].startswith("issues.csv:2:name: not UTF-8 text (byte 0xf6)")
    # the unreadable table is reported once, not again for every row pointing at it
    assert not any("unknown issue" in p for p in found), found


def test_bom_accepted(tiny_copy):
    path = tiny_copy / "persons.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_dataset(tiny_copy).counts()["Person"] == 8


def test_every_problem_reported_at_once(tiny_copy):
    edit(tiny_copy, "skills", "P02,K-OMGW,4,", "P02,K-OMGW,9,")
    edit(tiny_copy, "persons", "2010-01-01", "gisteren")
    append(tiny_copy, "memberships", "P99,T-X,lead,,")
    found = problems(tiny_copy)
    assert len(found) == 4, found  # level, date, person, team


def test_ids_kept_as_strings(tiny_copy):
    append(tiny_copy, "persons", "007,James Bond,,,,,")
    append(tiny_copy, "memberships", "007,T-WMO,member,,")
    ds = load_dataset(tiny_copy)
    assert ds.nodes["007"][0] == "Person"
    assert ("MEMBER_OF", "007", "T-WMO", "") in ds.edges


def test_extra_columns_kept_as_properties(tiny_copy):
    edit(tiny_copy, "persons", "start_date,leave_date", "start_date,leave_date,Phone Number")
    edit(tiny_copy, "persons", "2010-01-01,\n", "2010-01-01,,+31 6 1234\n")
    assert load_dataset(tiny_copy).nodes["P01"][1]["phone_number"] == "+31 6 1234"


def test_typed_values(tiny_dir):
    ds = load_dataset(tiny_dir)
    assert ds.nodes["K-OMGW"][1]["synonyms"] == ["Ow", "omgevingsrecht"]
    assert ds.edges[("CONTACT", "P02", "A-DORP", "")]["owner"] is True  # "ja"
    assert ds.edges[("CONTACT", "P05", "A-PROV", "")]["owner"] is False
    assert ds.edges[("NEEDS", "T-WMO", "K-EXCEL", "")] == {"min_level": 3, "min_holders": 2, "criticality": 2}
    assert ds.edges[("POSITION", "A-DORP", "I-WIND", "2025-09-01")]["stance"] == -2
    assert ds.edges[("WORKS_WITH", "P02", "P03", "collaboration")]["weight"] == 3


def test_semicolon_csv_from_dutch_excel(tiny_copy):
    lines = (tiny_copy / "teams.csv").read_text(encoding="utf-8").splitlines()
    (tiny_copy / "teams.csv").write_text("\n".join(x.replace(",", ";") for x in lines) + "\n", encoding="utf-8")
    assert load_dataset(tiny_copy).counts()["Team"] == 4


def test_not_a_dataset(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_dataset(tmp_path / "nope")
    (tmp_path / "x.txt").write_text("hi")
    with pytest.raises(InputError, match="not a folder of CSV files or an .xlsx"):
        load_dataset(tmp_path / "x.txt")
    (tmp_path / "bad.xlsx").write_text("not a zip")
    with pytest.raises(InputError, match="not a readable .xlsx"):
        load_dataset(tmp_path / "bad.xlsx")


def test_node_table_without_id_column_is_reported_once(tiny_copy):
    edit(tiny_copy, "persons", "id,name,", "nummer,name,")
    found = problems(tiny_copy)
    assert found == ["persons.csv:1:id: required column missing"], found


def test_references_into_an_absent_optional_table_are_summarised(tiny_copy):
    (tiny_copy / "actors.csv").unlink()
    (tiny_copy / "actor_ties.csv").unlink()
    found = problems(tiny_copy)
    assert "contacts.csv:2:actor_id: 3 references to actors, but there is no actors table" in found, found
    assert not any("unknown actor" in p for p in found), found


# -- problems in the file's own words (issue 14 item 9) ---------------------------------------------
def _dutch_memberships(folder, role="leider"):
    (folder / "memberships.csv").unlink()
    (folder / "lidmaatschappen.csv").write_text(
        "medewerker_id;team_id;rol\nP01;T-MT;leider\nP02;T-VERG;" + role + "\nP03;T-VERG;lid\n", encoding="utf-8")


def test_a_dutch_file_hears_of_its_own_columns_and_values(tiny_copy):
    _dutch_memberships(tiny_copy, role="leidr")
    found = problems(tiny_copy)
    assert found == ["lidmaatschappen.csv:3:rol: 'leidr' is not one of: lid, leider (English: member, lead); "
                     "did you mean 'leider'?"]


def test_an_english_file_gets_english_values_first_and_a_suggestion(tiny_copy):
    edit(tiny_copy, "memberships", "P02,T-VERG,lead", "P02,T-VERG,laed")
    assert problems(tiny_copy) == ["memberships.csv:5:role: 'laed' is not one of: member, lead (Dutch: lid, leider); "
                                   "did you mean 'lead'?"]


def test_a_missing_dutch_column_is_named_in_dutch(tiny_copy):
    (tiny_copy / "memberships.csv").unlink()
    (tiny_copy / "lidmaatschappen.csv").write_text("medewerkr_id;team_id;rol\nP01;T-MT;leider\n", encoding="utf-8")
    found = problems(tiny_copy)
    assert "lidmaatschappen.csv:1:medewerker_id: required column missing (English: person_id); " \
           "is 'medewerkr_id' meant to be it?" in found


def test_a_misspelled_optional_column_is_a_warning_with_a_suggestion(tiny_copy):
    edit(tiny_copy, "persons", "id,name,email,function,location", "id,name,email,functoin,location")
    ds = load_dataset(tiny_copy)
    assert [str(w) for w in ds.warnings] == [
        "persons.csv:1:functoin: unknown column, kept as a property; did you mean 'function'?"]


def test_problems_in_dutch(tiny_copy):
    from kgraph.i18n import use_language

    _dutch_memberships(tiny_copy, role="baas")
    with use_language("nl"):
        found = problems(tiny_copy)
    assert found == ["lidmaatschappen.csv:3:rol: 'baas' is niet een van: lid, leider (Engels: member, lead)"]
