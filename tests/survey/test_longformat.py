"""Answers from another survey tool in the long format (respondent_id, question, answer)."""

from __future__ import annotations

import pytest

from kgraph.errors import ValidationError
from kgraph.examples import example_org
from kgraph.survey.longformat import responses_from_rows


def test_every_problem_at_once_as_file_row_column():
    rows = [(2, ["P3", "advies", "P9"]), (3, ["P3", "kennis:K-OMGW", "7"]), (4, ["nobody@x.nl", "need", "K-DSO"]),
            (5, ["P3", "vote", "P1"]), (6, ["P3", "advice", "P3"]), (7, ["P3", "skill:K-DSO", "2"]),
            (8, ["P3", "skill:K-DSO", "3"]), (9, ["", "", ""])]
    with pytest.raises(ValidationError) as err:
        responses_from_rows(["respondent_id", "question", "answer"], rows, org=example_org(), label="r.csv")
    where = sorted((p.row, p.column) for p in err.value.problems)
    assert where == [(2, "answer"), (3, "answer"), (4, "respondent_id"), (5, "question"), (6, "answer"), (8, "question")]


def test_missing_columns_and_empty_answers():
    with pytest.raises(ValidationError, match="1 problem"):
        responses_from_rows(["respondent", "question", "answer"], [], org=example_org(), label="r.csv")
    out = responses_from_rows(["Respondent_ID", "Question", "Answer"], [(2, ["P3", "advice", ""]), (3, ["P3", "advice", "Ann Dekker"])],
                              org=example_org(), label="r.csv")
    assert out == {"P3": {"ties": [{"target_id": "P1", "kind": "advice"}], "skills": [], "needs": []}}
