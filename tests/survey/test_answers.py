"""Checking a respondent's answers: the rules of the form and of the JSON route."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.examples import example_org
from kgraph.survey.answers import MAX_TIES_PER_KIND, AnswerError, check_answers

ORG = example_org()
ALL = ["ties", "skills", "needs"]


def test_normalised_sorted_and_deduplicated():
    a = check_answers({"ties": [{"target_id": "P4", "kind": "information"}, {"target_id": "P2", "kind": "advice"},
                                {"target_id": "P2", "kind": "advice"}],
                       "skills": [{"knowledge_id": "K-WMO", "level": 0}, {"knowledge_id": "K-DSO", "level": 5.0}],
                       "needs": ["K-EXCEL", {"knowledge_id": "K-EXCEL", "criticality": 3}]},
                      org=ORG, respondent="P1", questions=ALL)
    assert a["ties"] == [{"target_id": "P2", "kind": "advice"}, {"target_id": "P4", "kind": "information"}]
    assert a["skills"] == [{"knowledge_id": "K-DSO", "level": 5}, {"knowledge_id": "K-WMO", "level": 0}]
    assert a["needs"] == [{"knowledge_id": "K-EXCEL"}]


@pytest.mark.parametrize("answers, where", [
    ({"ties": [{"target_id": "P1", "kind": "advice"}]}, "ties[0].target_id"),  # yourself
    ({"ties": [{"target_id": "P9", "kind": "advice"}]}, "ties[0].target_id"),  # nobody
    ({"ties": [{"target_id": "P2", "kind": "gossip"}]}, "ties[0].kind"),
    ({"ties": ["P2"]}, "ties[0]"),
    ({"ties": "P2"}, "ties"),
    ({"skills": [{"knowledge_id": "K-WMO", "level": 6}]}, "skills[0].level"),
    ({"skills": [{"knowledge_id": "K-WMO", "level": True}]}, "skills[0].level"),
    ({"skills": [{"knowledge_id": "K-NONE", "level": 3}]}, "skills[0].knowledge_id"),
    ({"needs": [{"knowledge_id": "K-WMO", "criticality": 9}]}, "needs[0].criticality"),
    ({"votes": [1]}, "votes"),
])
def test_each_rule_names_where(answers, where):
    with pytest.raises(AnswerError) as err:
        check_answers(answers, org=ORG, respondent="P1", questions=ALL)
    assert any(p.startswith(where) for p in err.value.problems), err.value.problems


def test_a_question_the_wave_does_not_ask_is_refused_and_limits_hold():
    with pytest.raises(AnswerError, match="1 problem"):
        check_answers({"skills": [{"knowledge_id": "K-WMO", "level": 3}]}, org=ORG, respondent="P1", questions=["ties"])
    assert check_answers({"skills": []}, org=ORG, respondent="P1", questions=["ties"])["skills"] == []
    too_many = {"ties": [{"target_id": "P2", "kind": "advice"}] * (3 * MAX_TIES_PER_KIND + 1)}
    with pytest.raises(AnswerError) as err:
        check_answers(too_many, org=ORG, respondent="P1", questions=ALL)
    assert "at most" in err.value.problems[0]


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.sampled_from(["ties", "skills", "needs", "target_id",
                                                                                            "kind", "knowledge_id", "level"]), c, max_size=3),
                    max_leaves=10))
def test_any_json_is_either_answers_or_an_answer_error(data):
    try:
        out = check_answers(data, org=ORG, respondent="P1", questions=ALL)
    except AnswerError as err:
        assert err.problems
    else:
        assert set(out) == {"ties", "skills", "needs"}
