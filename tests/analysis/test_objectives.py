"""kgraph.analysis.objectives: expected value, margin and status of each objective (hand-checked)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.analysis.objectives import expected_value, margin_of_error, objectives, status_of
from kgraph.errors import NotFound
from kgraph.model import Dataset
from kgraph.org import Org


def org_of(objs, measurements, *, as_of="2026-01-01", staff_units=()):
    """``objs``: id -> (group, props); ``measurements``: (objective, date, value, respondents)."""
    nodes = {"G-RES": ("TargetGroup", {"name": "Inwoners", "kind": "residents", "size": 12000}),
             "G-STAFF": ("TargetGroup", {"name": "Medewerkers", "kind": "staff"}),
             "D1": ("Department", {"name": "Ruimte"}), "T1": ("Team", {"name": "Vergunningen"}),
             "P1": ("Person", {"name": "Ann"}), "P2": ("Person", {"name": "Bo"})}
    edges = {("PART_OF", "T1", "D1", ""): {}, ("MEMBER_OF", "P1", "T1", ""): {"role": "lead"},
             ("MEMBER_OF", "P2", "T1", ""): {}}
    for u in staff_units:
        edges[("INCLUDES", "G-STAFF", u, "")] = {}
    for oid, (group, props) in objs.items():
        nodes[oid] = ("Objective", {"dimension": "knowledge", "indicator": oid, "unit": "percent", "baseline": 30,
                                    "baseline_date": "2025-01-01", "target": 60, "deadline": "2027-01-01", **props})
        edges[("AIMS_AT", oid, group, "")] = {}
    for k, (oid, day, value, n) in enumerate(measurements):
        nodes[f"M{k}"] = ("Measurement", {"date": day, "value": value, **({"respondents": n} if n else {})})
        edges[("MEASURES", f"M{k}", oid, "")] = {}
    return Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of=as_of)


def one(df, oid):
    return df.set_index("objective_id").loc[oid]


def test_expected_on_the_straight_line():
    assert expected_value(30, "2025-01-01", 60, "2027-01-01", "2026-01-01") == 45.0
    assert expected_value(30, "2025-01-01", 60, "2027-01-01", "2024-06-01") == 30.0
    assert expected_value(40, "2025-01-01", 20, "2026-01-01", "2025-07-02") == pytest.approx(30.0, abs=0.03)


def test_margin_is_the_95_percent_interval_in_points():
    # p = 0.5, n = 100: 1.96 * sqrt(0.25 / 100) = 0.098 -> 9.8 points
    assert margin_of_error(50, 100, "percent") == pytest.approx(9.8)
    assert margin_of_error(50, None, "percent") == 0.0 and margin_of_error(6.5, 300, "score") == 0.0


def test_every_status():
    objs = {
        "O-ACH": ("G-RES", {}), "O-NODATA": ("G-RES", {}), "O-FEW": ("G-RES", {}), "O-OVER": ("G-RES", {"deadline": "2025-12-01"}),
        "O-BEHIND": ("G-RES", {}), "O-ONTRACK": ("G-RES", {}), "O-LOWER": ("G-RES", {"baseline": 40, "target": 20}),
        "O-SCORE": ("G-RES", {"unit": "score", "baseline": 6.0, "target": 7.0}),
    }
    ms = [("O-ACH", "2025-10-01", 61, 300), ("O-NODATA", "2025-01-01", 35, 300), ("O-NODATA", "2026-02-01", 50, 300),
          ("O-FEW", "2025-11-01", 70, 4), ("O-OVER", "2025-11-01", 40, 300), ("O-BEHIND", "2025-11-01", 38, 400),
          ("O-ONTRACK", "2025-11-01", 42, 400), ("O-LOWER", "2025-11-01", 20, 500), ("O-SCORE", "2025-11-01", 6.4, None)]
    df = objectives(org_of(objs, ms), min_group_size=5)
    status = dict(zip(df["objective_id"], df["status"]))
    assert status == {"O-ACH": "achieved", "O-NODATA": "no_data", "O-FEW": "too_few_respondents", "O-OVER": "overdue",
                      "O-BEHIND": "behind", "O-ONTRACK": "on_track", "O-LOWER": "achieved", "O-SCORE": "behind"}
    # expected 45; 38 with n=400 falls 7 short, more than its margin 1.96*sqrt(.38*.62/400)*100 = 4.76
    b = one(df, "O-BEHIND")
    assert (b.expected, b.latest, b.margin) == (45.0, 38, 4.76)
    # 42 with n=400: 3 short, within its margin 4.84
    assert one(df, "O-ONTRACK").margin == 4.84
    # too few respondents: the value is not shown, nor its margin or progress
    f = one(df, "O-FEW")
    assert f.latest is None or math.isnan(f.latest)
    assert f.respondents == 4 and f.latest_date == "2025-11-01" and f.history == [["2025-11-01", None, 4]]
    # a score has no margin; 6.4 falls 0.1 short of the expected 6.5
    s = one(df, "O-SCORE")
    assert (s.expected, s.margin, s.progress) == (6.5, 0.0, 0.4)
    assert one(df, "O-ACH").progress == round(31 / 30, 3)


def test_measurements_after_the_date_are_ignored():
    objs = {"O1": ("G-RES", {})}
    ms = [("O1", "2025-06-01", 35, 300), ("O1", "2026-03-01", 70, 300)]
    early, late = (one(objectives(org_of(objs, ms, as_of=d)), "O1") for d in ("2026-01-01", "2026-06-01"))
    assert (early.latest, early.measurements, early.status) == (35, 1, "behind")
    assert (late.latest, late.measurements, late.status) == (70, 2, "achieved")


def test_minimum_group_size_is_an_option():
    objs = {"O1": ("G-RES", {})}
    ms = [("O1", "2025-12-01", 44, 8)]
    assert one(objectives(org_of(objs, ms), min_group_size=10), "O1").status == "too_few_respondents"
    assert one(objectives(org_of(objs, ms), min_group_size=5), "O1").status == "on_track"


def test_internal_support_is_a_staff_objective_of_its_units():
    objs = {"O-DRAAG": ("G-STAFF", {"dimension": "attitude"}), "O-RES": ("G-RES", {"dimension": "behaviour"})}
    df = objectives(org_of(objs, [], staff_units=["D1"]))
    d, r = one(df, "O-DRAAG"), one(df, "O-RES")
    assert bool(d.internal) and d.group_size == 2 and not bool(r.internal) and r.group_size == 12000
    assert objectives(org_of(objs, []), target_group="Medewerkers")["objective_id"].tolist() == ["O-DRAAG"]
    with pytest.raises(NotFound):
        objectives(org_of(objs, []), target_group="G-NONE")


def test_sorted_by_group_then_dimension():
    objs = {"O-B": ("G-RES", {"dimension": "behaviour"}), "O-A": ("G-RES", {"dimension": "attitude"}),
            "O-K": ("G-RES", {"dimension": "knowledge"}), "O-S": ("G-STAFF", {"dimension": "knowledge"})}
    assert objectives(org_of(objs, []))["objective_id"].tolist() == ["O-K", "O-A", "O-B", "O-S"]


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100), st.integers(1, 2000), st.booleans())
def test_status_is_total_and_consistent(baseline, target, latest, n, overdue):
    expected = (baseline + target) / 2
    margin = margin_of_error(latest, n, "percent")
    s = status_of(baseline=baseline, target=target, expected=expected, latest=latest, margin=margin, respondents=n,
                  overdue=overdue, min_group_size=5)
    if n < 5:
        assert s == "too_few_respondents"
    elif (latest >= target) if target >= baseline else (latest <= target):
        assert s == "achieved"
    elif overdue:
        assert s == "overdue"
    else:
        assert s in ("behind", "on_track")
