"""Response rates per unit: small groups merged before a rate is shown."""

from __future__ import annotations

import pytest

from kgraph.errors import OptionError
from kgraph.examples import example_org
from kgraph.survey.status import response_status


def test_small_teams_are_merged_and_the_total_is_last():
    df = response_status(example_org(), ["P1", "P2", "P3", "P4", "P5"], {"P1", "P2", "P4"}, by="team", min_group_size=2)
    rows = df[["unit", "invited", "responded", "response_rate"]].values.tolist()
    assert rows == [["Vergunningen", 3, 2, 66.7], ["Wmo-loket", 2, 1, 50.0], ["(all)", 5, 3, 60.0]]
    merged = response_status(example_org(), ["P1", "P2", "P3", "P4", "P5"], {"P1"}, by="team", min_group_size=5)
    assert len(merged) == 2 and "merged" in merged.loc[0, "privacy_note"] and merged.loc[0, "invited"] == 5


def test_an_organisation_smaller_than_the_minimum_shows_no_figures():
    df = response_status(example_org(), ["P1", "P2"], {"P1"}, by="department", min_group_size=5)
    assert df["response_rate"].isna().all() and df["invited"].isna().all()
    with pytest.raises(OptionError):
        response_status(example_org(), [], set(), by="floor")
