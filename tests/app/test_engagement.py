"""What one ``kgraph log`` adds, built as a dataset (pure), and the engagement rule of a store."""

from __future__ import annotations

import copy

import pytest

import kgraph
from kgraph.analysis.engage import EngageRule
from kgraph.app.engagement import SETTING, engage_rule, log_rows
from kgraph.errors import KgraphError, OptionError, ValidationError
from kgraph.examples import example_dataset, example_graph, example_org
from kgraph.model import Dataset

MEETING = dict(actor="A-PROV", by="P2", issue="Windpark", kind="meeting", mode="dialogue", summary="Overleg",
               date="2026-06-01")


def test_the_rows_of_one_interaction_and_nothing_else():
    current = example_dataset()
    before = copy.deepcopy(current)
    rows, info = log_rows(current, **MEETING, follow_up="Notitie sturen", due="2026-06-15")
    assert current == before  # pure
    [(node_id, (kind, props))] = rows.nodes.items()
    assert node_id == info["interaction_id"] and node_id.startswith("L-") and kind == "Interaction"
    assert props == {"date": "2026-06-01", "kind": "meeting", "mode": "dialogue", "summary": "Overleg",
                     "follow_up": "Notitie sturen", "follow_up_due": "2026-06-15", "done": False}
    assert set(rows.edges) == {("HELD_BY", node_id, "P2", ""), ("HELD_WITH", node_id, "A-PROV", ""),
                               ("ABOUT", node_id, "I-WIND", "")}  # the issue given by its name
    assert info["contact"] is True and info["closed"] == [] and not info["already_logged"]


def test_names_resolve_and_problems_name_options():
    ds = example_dataset()
    ds.nodes["P9"] = ("Person", {"name": "Ann Dekker"})  # a second Ann Dekker
    with pytest.raises(ValidationError) as exc:
        log_rows(ds, actor="Provincie", by="Ann Dekker", kind="meeting", mode="inform", summary="x")
    [problem] = exc.value.problems
    assert str(problem).startswith("kgraph log:--by: 'Ann Dekker' names 2 persons: P1 (Ann Dekker), P9 (Ann Dekker)")
    rows, info = log_rows(ds, actor="provincie", by="Ben Smit", kind="call", mode="persuade", date="2026-06-01")
    assert ("HELD_WITH", info["interaction_id"], "A-PROV", "") in rows.edges
    with pytest.raises(OptionError, match="nothing to log"):
        log_rows(ds)


def test_twice_is_once_and_a_twin_is_numbered():
    current = example_dataset()
    rows, info = log_rows(current, **MEETING)
    stored = Dataset(nodes={**current.nodes, **rows.nodes}, edges={**current.edges, **rows.edges})
    again, info2 = log_rows(stored, **MEETING)
    assert info2 == {**info, "already_logged": True} and again.nodes == {} and again.edges == {}
    other, info3 = log_rows(stored, **{**MEETING, "by": "P1"})  # the same words, another colleague
    assert info3["interaction_id"] == info["interaction_id"] + "-2" and not info3["already_logged"]
    assert info3["contact"] is False  # P1 holds no relationship with the actor in the contacts table


def test_closing_follow_ups():
    current = example_dataset()
    rows, info = log_rows(current, **MEETING, follow_up="Notitie sturen", due="2026-06-15")
    stored = Dataset(nodes={**current.nodes, **rows.nodes}, edges={**current.edges, **rows.edges})
    lid = info["interaction_id"]
    closed, info = log_rows(stored, done=[lid], date="2026-06-10")
    assert closed.nodes == {lid: ("Interaction", {**rows.nodes[lid][1], "done": True})} and closed.edges == {}
    assert info["closed"] == [lid] and info["interaction_id"] is None
    stored.nodes.update(closed.nodes)
    again, info = log_rows(stored, done=[lid])
    assert again.nodes == {} and info["already_done"] == [lid]
    plain, plain_info = log_rows(stored, **{**MEETING, "summary": "Zonder vervolg"})
    stored.nodes.update(plain.nodes)
    with pytest.raises(ValidationError) as exc:
        log_rows(stored, done=[plain_info["interaction_id"], "P1"])
    assert [str(p) for p in exc.value.problems] == [
        f"kgraph log:--done: interaction '{plain_info['interaction_id']}' has no follow-up",
        "kgraph log:--done: unknown interaction 'P1'"]


def test_log_interaction_writes_one_change():
    kg = example_graph()
    before = kg.store.counts()
    r = kgraph.log_interaction(kg, **MEETING)
    after = kg.store.counts()
    assert after["Interaction"] == 1 and after["HELD_BY"] == 1 and after["ABOUT"] == before.get("ABOUT", 0) + 1
    assert r["report"].added == {"Interaction": 1, "HELD_BY": 1, "HELD_WITH": 1, "ABOUT": 1}
    assert r["interaction"]["actor"] == "Provincie" and r["interaction"]["person"] == "Ben Smit"
    assert kgraph.interactions(kg, as_of="2026-06-01")["interaction_id"].tolist() == [r["interaction_id"]]
    assert kgraph.interactions(kg, as_of="2026-05-31").empty  # logged for 2026-06-01


def test_the_rule_of_a_store():
    kg = example_graph()
    assert engage_rule(kg) == EngageRule.default() == engage_rule(example_org())
    kgraph.engage_settings(kg, cadence={"monitor": "1y"}, modes={"monitor": {"-2": "dialogue"}})
    assert kg.store.get_setting(SETTING) == {"modes": {"monitor": {"-2": "dialogue"}}, "cadence": {"monitor": 12}}
    kgraph.engage_settings(kg, cadence={"monitor": 6})  # back to the default: not kept
    assert kg.store.get_setting(SETTING) == {"modes": {"monitor": {"-2": "dialogue"}}}
    assert engage_rule(kg).months("monitor") == 6 and engage_rule(kg).mode("monitor", -2) == "dialogue"
    with pytest.raises(OptionError):
        kgraph.engage_settings(kg, modes={"monitor": {"-2": "shout"}})
    assert kg.store.get_setting(SETTING) == {"modes": {"monitor": {"-2": "dialogue"}}}  # a bad value changes nothing
    kg.store.set_setting(SETTING, {"modes": {"monitor": {"-2": "shout"}}})
    with pytest.raises(KgraphError, match="engagement rule cannot be read"):
        engage_rule(kg)
    kgraph.engage_settings(kg, reset=True)
    assert kg.store.get_setting(SETTING) is None and engage_rule(kg) == EngageRule.default()
