"""--min-group-size: no aggregate row describes a group of fewer than N persons."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kgraph
from kgraph.model import Dataset
from kgraph.analysis.suppress import merge_plan, suppress_small_groups
from kgraph.store.sqlite import EmbeddedStore

AS_OF = "2026-06-01"


@st.composite
def organisations(draw) -> Dataset:
    """Departments, teams, persons in 0-2 teams, leave dates, skills, ties, contacts and needs."""
    ds = Dataset()
    n_dept = draw(st.integers(1, 3))
    for d in range(n_dept):
        ds.nodes[f"D{d}"] = ("Department", {"name": f"Dept {d}"})
        if d:
            ds.edges[("PART_OF", f"D{d}", "D0", "")] = {}
    n_teams = draw(st.integers(1, 6))
    for t in range(n_teams):
        ds.nodes[f"T{t}"] = ("Team", {"name": f"Team {t}"})
        ds.edges[("PART_OF", f"T{t}", f"D{draw(st.integers(0, n_dept - 1))}", "")] = {}
    for k in range(3):
        ds.nodes[f"K{k}"] = ("KnowledgeItem", {"name": f"Item {k}"})
    ds.nodes["A0"] = ("ExternalActor", {"name": "Actor"})
    n_persons = draw(st.integers(0, 25))
    for p in range(n_persons):
        props = {"name": f"Person {p}"}
        leave = draw(st.sampled_from([None, "2026-01-01", "2026-09-01", "2030-01-01"]))
        if leave:
            props["leave_date"] = leave
        ds.nodes[f"P{p}"] = ("Person", props)
        for t in draw(st.sets(st.integers(0, n_teams - 1), max_size=2)):
            ds.edges[("MEMBER_OF", f"P{p}", f"T{t}", "")] = {"role": draw(st.sampled_from(["member", "lead"]))}
        for k in draw(st.sets(st.integers(0, 2), max_size=2)):
            ds.edges[("KNOWS", f"P{p}", f"K{k}", "")] = {"level": draw(st.integers(1, 5))}
        if draw(st.booleans()):
            ds.edges[("CONTACT", f"P{p}", "A0", "")] = {}
    if n_persons > 1:
        for a, b in draw(st.lists(st.tuples(st.integers(0, n_persons - 1), st.integers(0, n_persons - 1)), max_size=30)):
            if a != b:
                ds.edges[("WORKS_WITH", f"P{a}", f"P{b}", "collaboration")] = {"weight": 1}
    for t in draw(st.sets(st.integers(0, n_teams - 1), max_size=3)):
        ds.edges[("NEEDS", f"T{t}", "K0", "")] = {"min_level": 3, "min_holders": 1}
    return ds


def _check(df: pd.DataFrame, n: int, n_present: int) -> None:
    shown = 0
    for row in df.to_dict("records"):
        if row["persons"] is None or pd.isna(row["persons"]):  # suppressed: every figure withheld
            assert row["privacy_note"].startswith("suppressed")
            assert all(row[c] is None or pd.isna(row[c]) for c in ("knowledge_items", "planned_departures", "brokered_pairs"))
            continue
        assert row["persons"] == 0 or row["persons"] >= n, row
        shown += row["persons"]
        assert bool(row["privacy_note"]) == (row["unit_id"] == "(merged)")
    assert shown == n_present or (shown == 0 and n_present < n)


@settings(max_examples=60, deadline=None)
@given(ds=organisations(), n=st.integers(1, 8), by=st.sampled_from(["team", "department"]))
def test_no_row_describes_fewer_than_n_persons(ds, n, by):
    store = EmbeddedStore(":memory:")
    store.replace(ds)
    kg = kgraph.open(store)
    df = kgraph.aggregates(kg, by=by, as_of=AS_OF, min_group_size=n)
    present = sum(1 for k, p in ds.nodes.values() if k == "Person" and (p.get("leave_date") or "9999") > AS_OF)
    _check(df, n, present)
    kg.close()


@settings(max_examples=100, deadline=None)
@given(sizes=st.lists(st.integers(0, 12), max_size=10), n=st.integers(1, 10), how=st.sampled_from(["merge", "suppress"]))
def test_suppress_small_groups_property(sizes, n, how):
    df = pd.DataFrame({"unit": [f"U{i}" for i in range(len(sizes))], "persons": sizes,
                       "leavers": [s // 3 for s in sizes], "mean_age": [40.0] * len(sizes)})
    out = suppress_small_groups(df, unit_col="unit", size_col="persons", n=n, how=how, mean_cols=["mean_age"])
    for row in out.to_dict("records"):
        if row["persons"] is None or pd.isna(row["persons"]):
            assert row["leavers"] is None or pd.isna(row["leavers"])
            assert row["privacy_note"]
        else:
            assert row["persons"] == 0 or row["persons"] >= n
    if how == "merge" and sum(sizes) >= n:
        assert out["persons"].sum() == sum(sizes) and out["leavers"].sum() == sum(s // 3 for s in sizes)
        merged = out[out["unit"] == f"(groups smaller than {n}, merged)"]
        assert merged.empty or merged["mean_age"].iloc[0] == pytest.approx(40.0)


def test_merge_plan_tops_up_and_suppresses():
    assert merge_plan({"A": 4, "B": 9, "C": 6}, 5) == (["B"], ["A", "C"], False)
    assert merge_plan({"A": 2, "B": 1}, 5) == ([], ["A", "B"], True)
    assert merge_plan({"A": 5, "B": 0}, 5) == (["A", "B"], [], False)


def test_tiny_by_team_and_department(kit, tiny_db):
    r = kit.run("aggregates", "--store", tiny_db, "--by", "team", "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows == [{"unit_id": "(merged)", "unit": "(groups smaller than 5, merged)", "persons": 8, "knowledge_items": 4,
                     "needs": 3, "unmet_needs": 2, "planned_departures": 1, "external_contacts": 2, "interactions": 0,
                     "brokered_pairs": 12,
                     "privacy_note": "merged 4 groups to reach at least 5 persons: T-BELEID, T-MT, T-VERG, T-WMO"}]
    assert "minimum group size 5" in r.stderr and "merged 4 groups" in r.stderr
    r = kit.run("aggregates", "--store", tiny_db, "--by", "team", "--as-of", AS_OF, "--min-group-size", "3",
                "--format", "json")
    rows = {row["unit_id"]: row for row in json.loads(r.stdout)}
    assert set(rows) == {"T-WMO", "(merged)"}
    assert rows["T-WMO"]["persons"] == 3 and rows["(merged)"]["persons"] == 5


def test_interactions_are_counted_per_unit_with_small_groups_merged(kit, mentions_db):
    """The log's interactions per unit follow the minimum group size like every per-unit figure:
    Anna (T-MT) and Eva (T-BELEID) each held one in the 12 months up to the date."""
    r = kit.run("aggregates", "--store", mentions_db, "--by", "team", "--as-of", "2025-12-31", "--format", "json")
    [row] = json.loads(r.stdout)
    assert row["unit_id"] == "(merged)" and row["interactions"] == 2
    r = kit.run("aggregates", "--store", mentions_db, "--by", "team", "--as-of", "2025-12-31", "--min-group-size", "1",
                "--format", "json")
    got = {x["unit_id"]: x["interactions"] for x in json.loads(r.stdout)}
    assert sum(got.values()) == 2 and all(v <= 1 for v in got.values())
    r = kit.run("aggregates", "--store", mentions_db, "--by", "team", "--as-of", "2026-11-05", "--format", "json")
    assert json.loads(r.stdout)[0]["interactions"] == 0  # more than 12 months ago


def test_store_setting_is_the_default(kit, tiny_db):
    assert kit.run("privacy", "--store", tiny_db, "--min-group-size", "3").exit_code == 0
    with kgraph.open(tiny_db) as kg:
        assert kg.min_group_size == 3
        assert len(kgraph.aggregates(kg, by="team", as_of=AS_OF)) == 2
    with kgraph.open(tiny_db, min_group_size=9) as kg:
        assert kg.min_group_size == 9
        assert kgraph.aggregates(kg, by="team", as_of=AS_OF)["privacy_note"].iloc[0].startswith("suppressed")


def test_invalid_min_group_size(tiny_kg):
    with pytest.raises(kgraph.KgraphError):
        kgraph.aggregates(tiny_kg, min_group_size=0)
    with pytest.raises(kgraph.KgraphError):
        kgraph.aggregates(tiny_kg, by="location")


def test_departments_count_their_teams_needs(tiny_kg):
    df = kgraph.aggregates(tiny_kg, by="department", as_of=AS_OF, min_group_size=1).set_index("unit_id")
    assert df.loc["D-SOC", ["persons", "needs", "unmet_needs"]].tolist() == [3, 2, 1]  # D-SOC K-WMO met, T-WMO K-EXCEL not
    assert df.loc["D-RUIMTE", ["persons", "needs", "unmet_needs", "planned_departures"]].tolist() == [4, 2, 1, 1]
    assert df.loc["D-ORG", ["persons", "needs"]].tolist() == [1, 0]
    assert (df["privacy_note"] == "").all()
