"""Survey answers as rows of the input format, validated by the importer, merged into the organisation."""

from __future__ import annotations

import pytest

from kgraph.errors import ValidationError
from kgraph.examples import example_org
from kgraph.survey.convert import SurveyRows, merge, survey_rows, validate_rows

WAVE = "2026-06-01"


def test_ties_of_a_respondent_are_replaced_others_kept():
    org = example_org()
    answers = {"P2": {"ties": [{"target_id": "P4", "kind": "information"}], "skills": [], "needs": []},
               "P5": {"ties": [], "skills": [], "needs": []}}  # named nobody: changes nothing
    rows = survey_rows(answers, wave=WAVE, org=org)
    new = merge(org.ds, validate_rows(rows, org.ds, wave=WAVE), rows)
    ties = sorted(k for k in new.edges if k[0] == "WORKS_WITH")
    assert ("WORKS_WITH", "P2", "P3", "advice") not in new.edges  # P2's earlier tie: replaced
    assert ("WORKS_WITH", "P2", "P4", "information") in new.edges
    assert ("WORKS_WITH", "P4", "P5", "collaboration") in new.edges and ("WORKS_WITH", "P1", "P2", "collaboration") in new.edges
    assert len(ties) == 4
    assert org.ds.edges.get(("WORKS_WITH", "P2", "P3", "advice")) is not None  # the input is not changed


def test_skills_levels_dated_and_zero_removes():
    org = example_org()
    answers = {"P2": {"ties": [], "skills": [{"knowledge_id": "K-OMGW", "level": 3}, {"knowledge_id": "K-DSO", "level": 0},
                                             {"knowledge_id": "K-EXCEL", "level": 2}], "needs": []}}
    rows = survey_rows(answers, wave=WAVE, org=org)
    new = merge(org.ds, validate_rows(rows, org.ds, wave=WAVE), rows)
    assert new.edges[("KNOWS", "P2", "K-OMGW", "")] == {"level": 3, "confirmed": WAVE, "source": "survey"}
    assert ("KNOWS", "P2", "K-DSO", "") not in new.edges
    assert new.edges[("KNOWS", "P2", "K-EXCEL", "")]["level"] == 2


def test_a_need_needs_two_respondents_or_the_lead():
    org = example_org()
    one = {"P2": {"ties": [], "skills": [], "needs": [{"knowledge_id": "K-EXCEL"}]},
           "P3": {"ties": [], "skills": [], "needs": []}}
    assert survey_rows(one, wave=WAVE, org=org).needs == []
    two = {**one, "P3": {"ties": [], "skills": [], "needs": [{"knowledge_id": "K-EXCEL", "criticality": 3}]}}
    assert survey_rows(two, wave=WAVE, org=org).needs == [{"unit_id": "T-VERG", "knowledge_id": "K-EXCEL", "criticality": 3}]
    lead = {"P1": {"ties": [], "skills": [], "needs": [{"knowledge_id": "K-EXCEL"}]}, **one}
    assert [n["unit_id"] for n in survey_rows(lead, wave=WAVE, org=org).needs] == ["T-VERG", "T-VERG"][:1]


def test_answers_about_people_who_left_the_data_are_noted_not_fatal():
    org = example_org()
    rows = survey_rows({"P2": {"ties": [{"target_id": "P-GONE", "kind": "advice"}], "skills": [], "needs": []},
                        "P-GONE": {"ties": [], "skills": [], "needs": []}}, wave=WAVE, org=org)
    assert rows.ties == [] and rows.notes and rows.notes[0].startswith("2 answers name")


def test_the_importers_validation_reports_file_row_column():
    org = example_org()
    rows = SurveyRows(wave=WAVE, ties=[{"source_id": "P2", "target_id": "P2", "kind": "advice", "weight": 1},
                                       {"source_id": "P2", "target_id": "P9", "kind": "advice", "weight": 1}],
                      skills=[{"person_id": "P2", "knowledge_id": "K-WMO", "level": 9, "confirmed": WAVE}])
    with pytest.raises(ValidationError) as err:
        validate_rows(rows, org.ds, wave=WAVE)
    text = [str(p) for p in err.value.problems]
    assert "survey 2026-06-01 (ties):2:target_id: a tie from 'P2' to itself" in text
    assert any(t.startswith("survey 2026-06-01 (ties):3:target_id: unknown person 'P9'") for t in text)
    assert any(t.startswith("survey 2026-06-01 (skills):2:level: 9 is out of range") for t in text)
