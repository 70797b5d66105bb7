"""What the survey form lists: the team, the people searched, the knowledge the team needs."""

from __future__ import annotations

from kgraph.examples import example_org
from kgraph.survey.form import answers_from_fields, form_data

WAVE = {"wave": "2026-06-01", "questions": ["ties", "skills", "needs"], "status": "open"}


def test_first_visit_lists_the_team_and_what_kgraph_holds():
    f = form_data(example_org(), wave=WAVE, person_id="P3")
    assert [p["person_id"] for p in f["people"]] == ["P1", "P2"]  # team mates, by name
    assert [(k["knowledge_id"], k["level"], k["team_needs"]) for k in f["knowledge"]] == [("K-OMGW", 2, True)]
    assert f["respondent"]["team"] == "Vergunningen" and len(f["levels"]) == 6


def test_searches_and_answers_given_so_far():
    answers = answers_from_fields([("tie.advice", "P4"), ("level.K-WMO", "3"), ("need", "K-DSO")])
    f = form_data(example_org(), wave=WAVE, person_id="P3", answers=answers, people_query="bos", item_query="excel")
    assert [(p["person_id"], p["ticked"], p["found"]) for p in f["people"]] == [
        ("P1", [], False), ("P2", [], False), ("P4", ["advice"], False), ("P5", [], True)]
    levels = {k["knowledge_id"]: (k["level"], k["need"]) for k in f["knowledge"]}
    assert levels == {"K-OMGW": (None, False), "K-WMO": (3, False), "K-DSO": (None, True), "K-EXCEL": (None, False)}
    assert f["people_found"] == 1 and f["knowledge_found"] == 1
