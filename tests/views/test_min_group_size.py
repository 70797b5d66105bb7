"""--min-group-size in the views: no aggregated row or node describes 1 to N-1 persons.

The coverage figure (team x knowledge), the network's team and department levels
and the report merge small groups and say so; the network's person level is
person-level output and stays as it is.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pyvis  # noqa: F401  (raises the recursion limit on import: before hypothesis runs, not during)
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kgraph
from kgraph.org import Org
from kgraph.cli import cli
from kgraph.model import Dataset
from kgraph.store.sqlite import EmbeddedStore
from kgraph.analysis.coverage import coverage_matrix
from kgraph.app.render import network_data

TEAMS = ["T-BELEID", "T-MT", "T-VERG", "T-WMO"]
#: the rows of the tiny coverage figure: the teams (members: all their memberships) and
#: D-SOC, which declares a need (its members: those of T-WMO)
TINY_UNITS = ["D-SOC", *TEAMS]


@pytest.fixture()
def tiny_at(tiny_kg):
    """A handle on the tiny store with a given minimum group size (None: the default, 5)."""
    opened = []

    def at(n):
        kg = kgraph.open(tiny_kg.location, min_group_size=n)
        opened.append(kg)
        return kg

    yield at
    for kg in opened:
        kg.close()


# -- checks shared by the tiny tests and the property tests ---------------------------


def _check_coverage(kg, n: int) -> tuple:
    """Every row of the coverage matrix describes 0 or at least n different persons, or is withheld."""
    df = kgraph.coverage(kg)
    h, need = coverage_matrix(df)
    org = kg.snapshot()
    label = f"(teams smaller than {n}, merged)"
    merged = df.attrs["merged"]
    assert df.attrs["min_group_size"] == n
    for unit, rows in df.groupby("unit_id", sort=False):
        if unit == label:
            persons = set().union(*(org.members(u, subunits=True) for u in merged))
            if df.attrs["suppressed"]:
                assert len(persons) < n and rows["holders"].isna().all()
            else:
                assert len(persons) >= n
            continue
        k = len(org.members(unit, subunits=True))
        assert unit not in merged and (k == 0 or k >= n), (unit, k)  # a unit without members describes nobody
    rows = set(org.team_members) | {u.unit for u in org.needs}
    assert all(len(org.members(u, subunits=True)) in (0, *range(n, 10_000)) or u in merged for u in rows)
    assert bool(df.attrs["privacy_note"]) == bool(merged)  # the note is there exactly when something was merged
    return h, need


def _check_network(kg, n: int) -> dict:
    """Every team and department node stands for at least n persons (or, when the whole
    organisation is smaller, shows no count); team nodes nest in department nodes; the
    legend says what was merged."""
    data = network_data(kg, aggregate="team")
    priv = data["privacy"]
    assert priv["min_group_size"] == n
    groups = {g["id"]: g for g in data["groups"]}
    team_of = {p["id"]: p["kg_team"] for p in data["persons"]}
    dept_of = {p["id"]: p["kg_dept"] for p in data["persons"]}
    assert set(team_of.values()) | set(dept_of.values()) == set(groups)  # every person lies in a node of each level
    size = Counter(team_of.values()) + Counter(dept_of.values())
    for gid, g in groups.items():
        if priv["suppressed"]:
            assert len(data["persons"]) < n
            assert not re.search(r"\(\d+\)$", g["label"]) and "withheld" in g["tip"]
            assert dict(data["details"][gid]["fields"])["People"] == "withheld"
        else:
            assert size[gid] >= n, (gid, size[gid])
            assert g["label"].endswith(f"({size[gid]})")
        if g["level"] == "team":  # drill-down: a team node lies inside one department node
            assert {dept_of[p] for p, t in team_of.items() if t == gid} == {g["parent"]}
        merged = "(merged)" in gid
        assert merged == ("smaller than" in g["label"])
        if merged:
            assert data["details"][gid]["flags"] and "merged" in data["details"][gid]["flags"][0] \
                or "suppressed" in data["details"][gid]["flags"][0]
    something_merged = bool(priv["merged_teams"] or priv["merged_departments"])
    assert something_merged == (f"Minimum group size {n}" in data["legend"]["note"]) == bool(priv["note"])
    # the person level is untouched: one node per person
    assert len(data["persons"]) == len(kg.snapshot().persons)
    return data


# -- the tiny organisation ---------------------------------------------------------


@pytest.mark.parametrize("n", [None, 2, 1])
def test_tiny_coverage(tiny_at, n, tmp_path):
    kg = tiny_at(n)
    n = kg.min_group_size
    h, _ = _check_coverage(kg, n)
    r = kgraph.coverage_heatmap(kg, tmp_path / "cov.png")
    assert r["min_group_size"] == n and r["teams"] == len(h)
    if n == 5:  # 3, 3, 2 and 3 members (and D-SOC: 3), 8 persons: one row
        assert list(h.index) == ["(teams smaller than 5, merged)"] and r["merged"] == TINY_UNITS
        assert "Minimum group size 5" in r["caption"] and "merged 5 groups to reach at least 5 persons" in r["caption"]
        # the merged row counts each person once: Omgevingswet at level >= 3 is held by P02 and P03
        assert h.loc["(teams smaller than 5, merged)", "Omgevingswet"] == 2
    else:  # every unit has at least 2 members: every unit shows
        assert len(h) == 5 and r["merged"] == [] and r["caption"] == "" and r["privacy_note"] == ""
        assert "(teams smaller" not in " ".join(h.index)


def test_tiny_coverage_tops_up_with_distinct_persons(tiny_at):
    # N = 3: Beleid Ruimte (P05, P04) is topped up with the smallest unit, Sociaal Domein (P06, P07, P08)
    h, _ = _check_coverage(tiny_at(3), 3)
    assert h.attrs["merged"] == ["D-SOC", "T-BELEID"] and len(h) == 4
    # N = 4: Beleid Ruimte + MT Gemeente are 5 memberships; distinct persons reach 4 only with them
    h, _ = _check_coverage(tiny_at(4), 4)
    assert list(h.index) == ["(teams smaller than 4, merged)"]


def test_tiny_coverage_suppressed_when_organisation_too_small(tiny_at, tmp_path):
    kg = tiny_at(9)  # 8 persons in all
    h, need = _check_coverage(kg, 9)
    assert h.attrs["suppressed"] and h.loc["(teams smaller than 9, merged)"].isna().all()
    assert (need.loc["(teams smaller than 9, merged)"] == 0).all()
    r = kgraph.coverage_heatmap(kg, tmp_path / "cov.png")
    assert r["suppressed"] and r["short"] == 0 and "values withheld" in r["caption"]


@pytest.mark.parametrize("n", [None, 2, 1])
def test_tiny_network(tiny_at, n, tmp_path):
    kg = tiny_at(n)
    n = kg.min_group_size
    data = _check_network(kg, n)
    teams = {g["id"] for g in data["groups"] if g["level"] == "team"}
    depts = {g["id"] for g in data["groups"] if g["level"] == "department"}
    if n == 5:  # home teams 1, 2, 2, 3 persons; departments 1, 4, 3: one node per level
        assert teams == {"team:(merged):(merged)"} and depts == {"dept:(merged)"}
        assert data["privacy"]["merged_teams"] == TEAMS
        assert data["privacy"]["merged_departments"] == ["D-ORG", "D-RUIMTE", "D-SOC"]
    elif n == 2:  # MT Gemeente (1 home member) and D-ORG (1) merged; Ruimte's teams keep their node
        assert teams == {"team:T-BELEID", "team:T-VERG", "team:(merged):(merged)"}
        assert depts == {"dept:D-RUIMTE", "dept:(merged)"}
        assert data["privacy"]["merged_departments"] == ["D-ORG", "D-SOC"]
    else:  # every team and department shows
        assert teams == {f"team:{t}" for t in TEAMS} and depts == {"dept:D-ORG", "dept:D-RUIMTE", "dept:D-SOC"}
        assert data["privacy"]["note"] == ""
    r = kgraph.network(kg, tmp_path / "t.html", aggregate="team")
    assert r["nodes"] == len(teams) and r["min_group_size"] == n
    assert kgraph.network(kg, tmp_path / "d.html", aggregate="department")["nodes"] == len(depts)
    assert kgraph.network(kg, tmp_path / "p.html")["nodes"] == 8  # person level: not an aggregate


def test_tiny_network_suppressed_when_organisation_too_small(tiny_at):
    data = _check_network(tiny_at(9), 9)
    assert data["privacy"]["suppressed"]
    assert "group figures are withheld" in data["legend"]["note"]


def test_network_merged_node_details_say_what(tiny_at):
    data = network_data(tiny_at(None))
    d = data["details"]["dept:(merged)"]
    assert d["title"] == "(departments smaller than 5, merged)"
    assert d["flags"] == ["merged 3 groups to reach at least 5 persons: Gemeente Testdorp, Ruimte, Sociaal Domein"]
    assert dict(d["fields"])["People"] == "8"
    assert ["Merged departments", ["Gemeente Testdorp", "Ruimte", "Sociaal Domein"]] in d["sections"]
    t = data["details"]["team:(merged):(merged)"]
    assert dict(t["sections"])["Merged teams"] == ["Beleid Ruimte", "MT Gemeente", "Vergunningen", "Wmo-loket"]


@pytest.mark.parametrize("n", [None, 1])
def test_tiny_report_says_so(tiny_at, n, tmp_path):
    kg = tiny_at(n)
    kgraph.report(kg, tmp_path / "r.html", as_of="2026-06-01")
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    n = kg.min_group_size
    assert f"Minimum group size {n}: figures per team or department" in text  # the overview says the rule
    notes = ["teams with fewer than 5 members are merged into one row",  # the coverage figure's caption
             "departments and teams with fewer than 5 people are merged"]  # the network card and legend
    for note in notes:
        assert (note in text) == (n == 5), note


def test_cli_min_group_size_reaches_the_views(tiny_at, tmp_path):
    store = str(tiny_at(None).location)
    for extra, words in (([], "1 unit x 4 items"), (["--min-group-size", "1"], "5 units x 5 items")):
        r = CliRunner().invoke(cli, ["plot", "coverage", "-o", str(tmp_path / "c.png"), "--store", store, "--dpi", "60", *extra])
        assert r.exit_code == 0, r.stderr
        assert words in r.stderr
    for extra, words in (([], "1 node at team level"), (["--min-group-size", "2"], "3 nodes at team level")):
        r = CliRunner().invoke(cli, ["network", "-o", str(tmp_path / "n.html"), "--aggregate", "team", "--store", store, *extra])
        assert r.exit_code == 0, r.stderr
        assert words in r.stderr


# -- any organisation ------------------------------------------------------------


@st.composite
def organisations(draw) -> Dataset:
    """Nested departments, teams (some without department), persons in 0-2 teams, skills, ties, needs."""
    ds = Dataset()
    n_dept = draw(st.integers(1, 4))
    for d in range(n_dept):
        ds.nodes[f"D{d}"] = ("Department", {"name": f"Dept {d}"})
        if d:
            ds.edges[("PART_OF", f"D{d}", f"D{draw(st.integers(0, d - 1))}", "")] = {}
    n_teams = draw(st.integers(1, 7))
    for t in range(n_teams):
        ds.nodes[f"T{t}"] = ("Team", {"name": f"Team {t}"})
        d = draw(st.integers(-1, n_dept - 1))
        if d >= 0:
            ds.edges[("PART_OF", f"T{t}", f"D{d}", "")] = {}
    for k in range(3):
        ds.nodes[f"K{k}"] = ("KnowledgeItem", {"name": f"Item {k}"})
    n_persons = draw(st.integers(1, 25))
    for p in range(n_persons):
        ds.nodes[f"P{p}"] = ("Person", {"name": f"Person {p}"})
        for t in draw(st.lists(st.integers(0, n_teams - 1), max_size=2, unique=True)):
            ds.edges[("MEMBER_OF", f"P{p}", f"T{t}", "")] = {"role": draw(st.sampled_from(["member", "lead"]))}
        for k in draw(st.sets(st.integers(0, 2), max_size=2)):
            ds.edges[("KNOWS", f"P{p}", f"K{k}", "")] = {"level": draw(st.integers(1, 5))}
    if n_persons > 1:
        for a, b in draw(st.lists(st.tuples(st.integers(0, n_persons - 1), st.integers(0, n_persons - 1)), max_size=25)):
            if a != b:
                ds.edges[("WORKS_WITH", f"P{a}", f"P{b}", "collaboration")] = {"weight": 1}
    for u in draw(st.sets(st.sampled_from([f"T{t}" for t in range(n_teams)] + [f"D{d}" for d in range(n_dept)]), max_size=3)):
        ds.edges[("NEEDS", u, "K0", "")] = {"min_level": 3, "min_holders": draw(st.integers(1, 3))}
    return ds


def _open(ds: Dataset, n: int):
    store = EmbeddedStore(":memory:")
    store.replace(ds)
    return kgraph.open(store, min_group_size=n)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=organisations(), n=st.integers(1, 8))
def test_no_network_node_describes_fewer_than_n(ds, n):
    kg = _open(ds, n)
    try:
        data = _check_network(kg, n)
        # what the page draws at each level, with any one department opened (network.js's rep()):
        # the nodes are exactly the groups checked above, so every tie count is between groups of >= n
        for dept in [None] + [g["id"] for g in data["groups"] if g["level"] == "department"]:
            reps = {p["kg_team"] if p["kg_dept"] == dept else p["kg_dept"] for p in data["persons"]}
            assert reps <= {g["id"] for g in data["groups"]}
        if n == 1:  # every unit keeps its own node
            assert not data["privacy"]["merged_teams"] and not data["privacy"]["merged_departments"]
    finally:
        kg.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=organisations(), n=st.integers(1, 8))
def test_no_coverage_row_describes_fewer_than_n(ds, n):
    kg = _open(ds, n)
    try:
        h, need = _check_coverage(kg, n)
        if n == 1:
            assert h.attrs["merged"] == []
        if not h.attrs["suppressed"]:
            assert not h.isna().any().any()
            assert all(float(v) == int(v) and not math.isnan(float(v)) for v in h.values.ravel())
    finally:
        kg.close()
