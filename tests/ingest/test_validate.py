"""Every validation rule, each with a failing file: file:row:column: message."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError, ValidationError
from kgraph.ingest import load_dataset
from kgraph.model import Dataset


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


# -- interactions: the log of contacts with external actors ---------------------------------
LOG_HEADER = "date,person_id,actor_id,issue_id,kind,mode,summary,follow_up,follow_up_due,done"


def write_log(folder, *lines, name="interactions", header=LOG_HEADER):
    (folder / f"{name}.csv").write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")


def test_interactions_are_nodes_with_a_stable_derived_id(tiny_copy):
    write_log(tiny_copy, "2025-11-02,P01,A-PROV,I-WIND,meeting,dialogue,Overleg over geluidsnormen,Notitie sturen,2025-11-20,no",
              "2025-11-02,P05,A-PROV,I-WIND,meeting,dialogue,Overleg over geluidsnormen,,,",
              "2025-11-09,P02,A-DORP,,call,inform,,,,")
    ds = load_dataset(tiny_copy)
    log = {i: p for i, (kind, p) in ds.nodes.items() if kind == "Interaction"}
    assert len(log) == 3 and all(i.startswith("L-") for i in log)
    first = min(i for i in log if not i.endswith("-2"))
    assert f"{first}-2" in log  # the same date, actor, issue, kind and summary: numbered
    assert log[first] == {"date": "2025-11-02", "kind": "meeting", "mode": "dialogue", "summary": "Overleg over geluidsnormen",
                          "follow_up": "Notitie sturen", "follow_up_due": "2025-11-20", "done": False}
    assert ("HELD_BY", first, "P01", "") in ds.edges and ("HELD_WITH", first, "A-PROV", "") in ds.edges
    assert ("ABOUT", first, "I-WIND", "") in ds.edges
    assert load_dataset(tiny_copy).nodes.keys() == ds.nodes.keys()  # the same ids on every import


def test_interactions_in_dutch(tiny_copy):
    write_log(tiny_copy, "2025-11-02;P01;A-PROV;I-WIND;werkbezoek;formeren;Samen het omgevingsfonds ontwerpen;ja",
              name="contactmomenten", header="datum;medewerker_id;actor_id;dossier_id;soort;modus;samenvatting;afgerond")
    ds = load_dataset(tiny_copy)
    [(kind, props)] = [n for n in ds.nodes.values() if n[0] == "Interaction"]
    assert (props["kind"], props["mode"], props["done"]) == ("site_visit", "co_create", True)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2025-11-02,P01,A-PROV,,meeting,preken,,,,", "interactions.csv:2:mode: 'preken' is not one of: inform, persuade, dialogue, co_create"),
        ("2025-11-02,P01,A-PROV,,lunch,inform,,,,", "interactions.csv:2:kind: 'lunch' is not one of: meeting, call, letter"),
        ("02-11-2025,P01,A-PROV,,meeting,inform,,,,", "interactions.csv:2:date: '02-11-2025' is not a date; write YYYY-MM-DD"),
        (",P01,A-PROV,,meeting,inform,,,,", "interactions.csv:2:date: value required"),
        ("2025-11-02,,A-PROV,,meeting,inform,,,,", "interactions.csv:2:person_id: value required"),
        ("2025-11-02,P99,A-PROV,,meeting,inform,,,,", "interactions.csv:2:person_id: unknown person 'P99'"),
        ("2025-11-02,P01,A-NONE,,meeting,inform,,,,", "interactions.csv:2:actor_id: unknown actor 'A-NONE'"),
        ("2025-11-02,P01,A-PROV,A-DORP,meeting,inform,,,,", "interactions.csv:2:issue_id: 'A-DORP' is an actor, expected an issue"),
        ("2025-11-02,P01,A-PROV,,meeting,inform,,,2025-12-01,", "interactions.csv:2:follow_up_due: filled in, but follow_up is empty"),
        ("2025-11-02,P01,A-PROV,,meeting,inform,,Bellen,1 december,", "interactions.csv:2:follow_up_due: '1 december' is not a date"),
        ("2025-11-02,P01,A-PROV,,meeting,inform,,Bellen,,misschien", "interactions.csv:2:done: 'misschien' is not yes/no (ja/nee)"),
    ],
)
def test_interaction_rules(tiny_copy, line, expected):
    write_log(tiny_copy, line)
    found = problems(tiny_copy)
    assert any(p.startswith(expected) for p in found), found


def test_validate_rows_adds_to_a_stored_dataset(tiny_dir):
    from kgraph.ingest.validate import validate_rows

    ds = load_dataset(tiny_dir)
    row = {"date": "2025-11-02", "person_id": "P01", "actor_id": "A-PROV", "kind": "overleg", "mode": "dialoog",
           "summary": "Overleg"}
    new = validate_rows("interactions", [row], existing=ds)
    [node_id] = new.nodes
    assert new.nodes[node_id][1]["mode"] == "dialogue"
    again = validate_rows("interactions", [row], existing=Dataset(nodes={**ds.nodes, **new.nodes}))
    assert list(again.nodes) == [f"{node_id}-2"]  # an id the store holds is not given twice
    with pytest.raises(ValidationError) as exc:
        validate_rows("interactions", [{**row, "person_id": "P99", "mode": "preken"}], existing=ds, label="kgraph log")
    assert [str(p) for p in exc.value.problems] == [
        "kgraph log:2:mode: 'preken' is not one of: inform, persuade, dialogue, co_create "
        "(Dutch: informeren, overreden, dialogiseren, formeren)",
        "kgraph log:2:person_id: unknown person 'P99'"]
    with pytest.raises(ValidationError):  # references are checked against the stored data even when it is empty
        validate_rows("interactions", [row], existing=Dataset())


# ---------------------------------------------------------------------------- monitoring tables (issue 12)
MONITORING = {
    "target_groups": "id,name,kind,size,unit_ids,actor_ids,description\n"
                     "G-RES,Inwoners Noord,inwoners,4200,,A-DORP,\n"
                     "G-STAFF,Medewerkers Ruimte,medewerkers,,T-VERG;D-RUIMTE,,draagvlak\n",
    "objectives": "id,target_group_id,issue_id,dimension,indicator,unit,baseline,baseline_date,target,deadline,owner_id\n"
                  "O-KNOW,G-RES,I-WIND,kennis,weet van het windpark,procent,30,2025-01-01,60,2026-12-31,P05\n"
                  "O-SUPP,G-STAFF,,houding,staat achter de koers,score,6.1,2025-01-01,7,2026-06-30,\n",
    "measurements": "objective_id,date,value,respondents,source\n"
                    "O-KNOW,2025-06-01,41,350,enquete\n"
                    "O-SUPP,2025-09-01,6.4,12,panel\n",
    "factors": "id,name,kind,description,date\nF-STIK,Stikstofuitspraak,juridisch,,2025-03-01\n",
    "factor_issues": "factor_id,issue_id,effect\nF-STIK,I-WIND,-2\n",
}


def add_monitoring(folder):
    for table, text in MONITORING.items():
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")


def test_monitoring_tables_are_valid(tiny_copy):
    add_monitoring(tiny_copy)
    (tiny_copy / "signals.csv").write_text(
        "datum,kanaal,actor_id,doelgroep_id,dossier_id,sentiment,tekst\n"
        "2025-08-15,spiegelgesprek,,G-STAFF,I-WIND,1,\n"
        "2025-08-16,klanttevredenheid,A-DORP,G-RES,I-WIND,-1,\n"
        "2025-08-17,informatiebehoefte,,,I-WIND,,\n", encoding="utf-8")
    ds = load_dataset(tiny_copy)
    counts = ds.counts()
    assert counts["TargetGroup"] == 2 and counts["Objective"] == 2 and counts["Measurement"] == 2
    assert counts["Factor"] == 1 and counts["AFFECTS"] == 1 and counts["FROM_GROUP"] == 2
    assert ("INCLUDES", "G-STAFF", "T-VERG", "") in ds.edges and ("INCLUDES", "G-STAFF", "D-RUIMTE", "") in ds.edges
    assert ("REPRESENTED_BY", "G-RES", "A-DORP", "") in ds.edges
    assert ("AIMS_AT", "O-KNOW", "G-RES", "") in ds.edges and ("ABOUT", "O-KNOW", "I-WIND", "") in ds.edges
    assert ("OWNED_BY", "O-KNOW", "P05", "") in ds.edges
    assert ds.nodes["O-KNOW"][1]["dimension"] == "knowledge" and ds.nodes["O-SUPP"][1]["unit"] == "score"
    assert ds.edges[("AFFECTS", "F-STIK", "I-WIND", "")] == {"effect": -2}
    channels = sorted(p["channel"] for k, p in ds.nodes.values() if k == "Signal")
    assert channels == ["customer_satisfaction", "information_need", "mirror_conversation"]
    measured = [(k, s) for (rel, s, t, k) in ds.edges if rel == "MEASURES"]
    assert len(measured) == 2 and all(s.startswith("M-") for _k, s in measured)


def test_measurement_ids_are_stable_and_tell_duplicates_apart(tiny_copy):
    add_monitoring(tiny_copy)
    ids = sorted(i for i, (k, _p) in load_dataset(tiny_copy).nodes.items() if k == "Measurement")
    with (tiny_copy / "measurements.csv").open("a", encoding="utf-8") as fh:
        fh.write("O-KNOW,2025-06-01,42,120,enquete\n")
    again = sorted(i for i, (k, _p) in load_dataset(tiny_copy).nodes.items() if k == "Measurement")
    assert set(ids) < set(again) and any(i.endswith("-2") for i in again)


@pytest.mark.parametrize(
    "table, old, new, expected",
    [
        # an objective pointing at an unknown target group
        ("objectives", "O-KNOW,G-RES,", "O-KNOW,G-NONE,", "objectives.csv:2:target_group_id: unknown target group 'G-NONE'"),
        ("objectives", "O-KNOW,G-RES,", "O-KNOW,A-DORP,",
         "objectives.csv:2:target_group_id: 'A-DORP' is a"),
        # a deadline before its baseline date
        ("objectives", "2025-01-01,60,2026-12-31", "2025-01-01,60,2024-12-31",
         "objectives.csv:2:deadline: 2024-12-31 is before baseline_date 2025-01-01"),
        # a percentage outside 0-100: the objective's own, and a measurement of a percent objective
        ("objectives", "procent,30,", "procent,130,", "objectives.csv:2:baseline: 130 is not a percentage (0 to 100)"),
        ("objectives", "2025-01-01,60,", "2025-01-01,-5,", "objectives.csv:2:target: -5 is not a percentage (0 to 100)"),
        ("measurements", "O-KNOW,2025-06-01,41,", "O-KNOW,2025-06-01,141,",
         "measurements.csv:2:value: 141 is not a percentage (0 to 100)"),
        # respondents below 1
        ("measurements", ",350,", ",0,", "measurements.csv:2:respondents: 0 is out of range (at least 1)"),
        # unknown enums: dimension, factor kind, measurement source
        ("objectives", ",kennis,", ",weten,", "objectives.csv:2:dimension: 'weten' is not one of: knowledge, attitude, behaviour"),
        ("factors", ",juridisch,", ",astrologisch,", "factors.csv:2:kind: 'astrologisch' is not one of: political"),
        ("factor_issues", "I-WIND,-2", "I-WIND,-3", "factor_issues.csv:2:effect: -3 is out of range (-2 to 2)"),
        ("target_groups", "T-VERG;D-RUIMTE", "T-VERG;D-NONE", "target_groups.csv:3:unit_ids: unknown team or department 'D-NONE'"),
        ("target_groups", "T-VERG;D-RUIMTE", "T-VERG;P01", "target_groups.csv:3:unit_ids: 'P01' is a person, expected a team or department"),
        ("measurements", "O-SUPP,", "O-NONE,", "measurements.csv:3:objective_id: unknown objective 'O-NONE'"),
    ],
)
def test_monitoring_rule(tiny_copy, table, old, new, expected):
    add_monitoring(tiny_copy)
    edit(tiny_copy, table, old, new)
    found = problems(tiny_copy)
    assert any(p.startswith(expected) for p in found), found


def test_a_score_is_not_a_percentage(tiny_copy):
    add_monitoring(tiny_copy)
    edit(tiny_copy, "measurements", "O-SUPP,2025-09-01,6.4", "O-SUPP,2025-09-01,640")
    edit(tiny_copy, "objectives", "score,6.1,", "score,610,")
    assert load_dataset(tiny_copy).counts()["Measurement"] == 2


def test_unknown_channel(tiny_copy):
    edit(tiny_copy, "signals", "2025-08-15,complaint", "2025-08-15,telepathie")
    found = problems(tiny_copy)
    assert any(p.startswith("signals.csv:2:channel: 'telepathie' is not one of: complaint, idea, evaluation, survey, "
                            "customer_satisfaction") for p in found), found


def test_objectives_without_a_target_groups_table_are_summarised(tiny_copy):
    add_monitoring(tiny_copy)
    (tiny_copy / "target_groups.csv").unlink()
    found = problems(tiny_copy)
    assert "objectives.csv:2:target_group_id: 2 references to target_groups, but there is no target_groups table" in found


def test_signal_ids_unchanged_by_the_target_group_column(tiny_dir, tiny_copy):
    before = sorted(i for i, (k, _p) in load_dataset(tiny_dir).nodes.items() if k == "Signal")
    text = (tiny_copy / "signals.csv").read_text(encoding="utf-8").splitlines()
    text = [text[0].replace("actor_id,", "actor_id,target_group_id,")] + [r.replace(",I-WIND", ",,I-WIND", 1) for r in text[1:]]
    (tiny_copy / "signals.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    after = sorted(i for i, (k, _p) in load_dataset(tiny_copy).nodes.items() if k == "Signal")
    assert before == after


def _outcome(folder):
    try:
        ds = load_dataset(folder)
    except ValidationError as exc:
        return [str(p) for p in exc.problems]
    return list(ds.nodes.items()), list(ds.edges.items()), [str(w) for w in ds.warnings]


@pytest.mark.parametrize("change", [
    None,
    ("persons", "\n", "\n\n ,  ,\n"),  # an empty line and a line of spaces among the rows
    ("persons", "P02,", "P01,"),  # a duplicate id
    ("ties", "P03,", "T-ALG,"),  # a reference to a node of another kind
    ("skills", "P02,", "P99,"),  # an unknown reference
    ("ties", "P02,", " P02 ,"),  # spaces around an id
])
def test_whole_table_paths_agree_with_row_by_row(tiny_dir, tmp_path, monkeypatch, change):
    """The quick paths of a large input (a node table at once, references as one set
    operation, no blank row looked for when every row starts filled, repeated property dicts
    copied) give what the row-by-row paths give: the same dataset in the same order, or the
    same problems."""
    import shutil

    from kgraph.ingest import cells, validate

    folder = tmp_path / "org"
    shutil.copytree(tiny_dir, folder)
    if change:
        path = folder / f"{change[0]}.csv"
        text = path.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n")
        assert change[1] in rest, change
        path.write_text(head + sep + rest.replace(change[1], change[2], 1), encoding="utf-8")
    quick = _outcome(folder)
    monkeypatch.setattr(validate._Checker, "_column_nodes", lambda *a: False)
    monkeypatch.setattr(validate, "_ids_by_kind", lambda nodes: None)
    monkeypatch.setattr(validate, "_starts_filled", lambda rows: False)
    monkeypatch.setattr(cells, "_FEW", 10**9)
    assert _outcome(folder) == quick
    monkeypatch.setattr(cells, "_few", lambda props, limit: True)  # copied wherever the types allow
    assert _outcome(folder) == quick


def test_short_rows_read_as_rows_with_empty_cells(tiny_copy, tmp_path):
    """Trailing cells left off (a spreadsheet's export often does): the same dataset as with
    every cell written, the missing ones empty; rows with all their cells stay as they are."""
    lines = (tiny_copy / "persons.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0] + ",notes", lines[1:]
    short = [header] + [r.rstrip(",") if k % 2 else r + ",x" for k, r in enumerate(rows)]
    full = [header] + [r + "," if k % 2 else r + ",x" for k, r in enumerate(rows)]
    (tiny_copy / "persons.csv").write_text("\n".join(short) + "\n", encoding="utf-8")
    got = load_dataset(tiny_copy)
    (tiny_copy / "persons.csv").write_text("\n".join(full) + "\n", encoding="utf-8")
    want = load_dataset(tiny_copy)
    assert got.nodes == want.nodes and got.edges == want.edges
    assert [p.get("notes") for k, p in got.nodes.values() if k == "Person"][:2] == ["x", None]
