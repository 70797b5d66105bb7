"""Ideas, complaints and information needs from the intranet as rows of the signals table."""

from __future__ import annotations

import pytest

from kgraph.errors import ValidationError
from kgraph.examples import example_dataset
from kgraph.survey.intake import channels, signal_rows, signals_dataset


def test_rows_wait_without_an_issue_and_carry_a_name_only_when_given():
    items = {"b": {"date": "2026-06-01", "channel": "complaint", "issue_id": "I-WIND", "text": "t", "person_id": "P2"},
             "a": {"date": "2026-06-01", "channel": "idea", "issue_id": None, "text": "no dossier"}}
    rows, waiting = signal_rows(items)
    assert waiting == ["a"] and rows == [{"date": "2026-06-01", "channel": "complaint", "issue_id": "I-WIND", "text": "t",
                                          "submitted_by": "P2", "source": "intranet"}]
    ds = signals_dataset(items, example_dataset())
    (node_id, (kind, props)), = ds.nodes.items()
    assert kind == "Signal" and props["submitted_by"] == "P2" and ("ABOUT", node_id, "I-WIND", "") in ds.edges


def test_the_importers_rules_apply():
    assert "idea" in channels() and "complaint" in channels()
    with pytest.raises(ValidationError) as err:
        signals_dataset({"a": {"date": "2026-13-01", "channel": "rumour", "issue_id": "I-NONE", "text": "x"}},
                        example_dataset())
    assert {p.column for p in err.value.problems} == {"date", "channel", "issue_id"}
