"""kgraph.analysis.factors: the factors around each issue."""

from __future__ import annotations

from kgraph.analysis.factors import factors
from kgraph.model import Dataset
from kgraph.org import Org

DS = Dataset(
    nodes={"I1": ("Issue", {"name": "Windpark"}), "I2": ("Issue", {"name": "Centrum"}),
           "F1": ("Factor", {"name": "Netcongestie", "kind": "technological"}),
           "F2": ("Factor", {"name": "Stikstof", "kind": "legal", "date": "2025-03-01"}),
           "F3": ("Factor", {"name": "Subsidie", "kind": "economic"})},
    edges={("AFFECTS", "F1", "I1", ""): {"effect": -1}, ("AFFECTS", "F2", "I1", ""): {"effect": -2},
           ("AFFECTS", "F3", "I1", ""): {"effect": 1}, ("AFFECTS", "F3", "I2", ""): {"effect": 2}})


def test_one_row_per_factor_and_issue_strongest_first():
    df = factors(Org.from_dataset(DS, as_of="2026-01-01"))
    assert df[["issue_id", "factor_id", "effect"]].values.tolist() == [
        ["I1", "F2", -2], ["I1", "F1", -1], ["I1", "F3", 1], ["I2", "F3", 2]]
    assert df.loc[0, "effect_label"] == "strongly hinders" and df.loc[0, "factor_kind"] == "legal"


def test_issue_by_name():
    df = factors(Org.from_dataset(DS, as_of="2026-01-01"), issue="centrum")
    assert df["factor_id"].tolist() == ["F3"] and df.loc[0, "effect_label"] == "strongly helps"
