"""Tests for kgraph.synthetic (kgraph generate): determinism, format contract and organisational structure."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from kgraph.errors import OptionError
from kgraph.synthetic import COLUMNS, REFERENCE_DATE, TABLES, generate

ID_TABLES = ("departments", "teams", "persons", "knowledge", "actors", "issues")
ENUMS = {
    ("knowledge", "kind"): {"skill", "topic", "procedure", "system", "document", "best_practice", "lesson_learned"},
    ("memberships", "role"): {"member", "lead"},
    ("ties", "kind"): {"advice", "collaboration", "information"},
    ("actors", "kind"): {"residents", "business", "civil_society", "government", "media", "politics",
                         "education", "other"},
    ("contacts", "owner"): {"yes", "no"},
    ("actor_ties", "kind"): {"alliance", "conflict", "member", "funds", "other"},
    ("signals", "channel"): {"complaint", "idea", "evaluation", "survey", "customer_satisfaction", "information_need",
                             "interview", "focus_group", "mirror_conversation", "observation", "media"},
}
RANGES = {
    ("skills", "level"): (1, 5), ("needs", "min_level"): (1, 5), ("needs", "min_holders"): (1, 1000),
    ("needs", "criticality"): (1, 3), ("ties", "weight"): (1, 5), ("actors", "power"): (1, 5),
    ("actors", "legitimacy"): (1, 5), ("actors", "urgency"): (1, 5), ("positions", "stance"): (-2, 2),
    ("positions", "influence"): (1, 5), ("positions", "interest"): (1, 5), ("contacts", "strength"): (1, 5),
    ("signals", "sentiment"): (-2, 2),
}
DATES = {
    "persons": ("start_date", "leave_date"), "memberships": ("since", "until"), "knowledge": ("updated",),
    "skills": ("confirmed",), "positions": ("date",), "contacts": ("last_contact",), "signals": ("date",),
}


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_csv(folder / f"{t}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
            for t in TABLES}


def has_cycle(parent: dict[str, str]) -> bool:
    g = nx.DiGraph((c, p) for c, p in parent.items() if p)
    return not nx.is_directed_acyclic_graph(g)


def check_integrity(tb: dict[str, pd.DataFrame]) -> None:
    """Every rule of the format contract that does not depend on how the data was made."""
    for t, cols in COLUMNS.items():
        assert list(tb[t].columns) == cols, t
    # ids: non-empty and unique across the whole dataset
    all_ids = [i for t in ID_TABLES for i in tb[t]["id"]]
    assert all(all_ids)
    dup = [i for i, n in Counter(all_ids).items() if n > 1]
    assert not dup, dup[:10]
    ids = {t: set(tb[t]["id"]) for t in ID_TABLES}

    def refs(table, col, *kinds, optional=False):
        allowed = set().union(*(ids[k] for k in kinds))
        vals = tb[table][col]
        bad = [v for v in vals if (v or not optional) and v not in allowed]
        assert not bad, (table, col, bad[:5])

    refs("departments", "parent_id", "departments", optional=True)
    refs("teams", "department_id", "departments")
    refs("memberships", "person_id", "persons")
    refs("memberships", "team_id", "teams")
    refs("knowledge", "broader_id", "knowledge", optional=True)
    refs("skills", "person_id", "persons")
    refs("skills", "knowledge_id", "knowledge")
    refs("needs", "unit_id", "teams", "departments")
    refs("needs", "knowledge_id", "knowledge")
    refs("ties", "source_id", "persons")
    refs("ties", "target_id", "persons")
    refs("responsibilities", "person_id", "persons")
    refs("responsibilities", "subject_id", "knowledge", "issues")
    refs("positions", "actor_id", "actors")
    refs("positions", "issue_id", "issues")
    refs("contacts", "person_id", "persons")
    refs("contacts", "actor_id", "actors")
    refs("actor_ties", "source_id", "actors")
    refs("actor_ties", "target_id", "actors")
    refs("knowledge_issues", "knowledge_id", "knowledge")
    refs("knowledge_issues", "issue_id", "issues")
    refs("signals", "actor_id", "actors", optional=True)
    refs("signals", "issue_id", "issues")
    for (t, c), allowed in ENUMS.items():
        assert set(tb[t][c]) <= allowed, (t, c, set(tb[t][c]) - allowed)
    for (t, c), (lo, hi) in RANGES.items():
        vals = tb[t][c].astype(int)
        assert vals.between(lo, hi).all(), (t, c, vals.min(), vals.max())
    for t, cols in DATES.items():
        for c in cols:
            for v in tb[t][c]:
                if v:
                    assert date.fromisoformat(v).isoformat() == v, (t, c, v)
    # no self ties, no identical rows
    assert not (tb["ties"]["source_id"] == tb["ties"]["target_id"]).any()
    assert not (tb["actor_ties"]["source_id"] == tb["actor_ties"]["target_id"]).any()
    for t in TABLES:
        assert not tb[t].duplicated().any(), t
    # hierarchies without cycles
    assert not has_cycle(dict(zip(tb["departments"]["id"], tb["departments"]["parent_id"])))
    assert not has_cycle(dict(zip(tb["knowledge"]["id"], tb["knowledge"]["broader_id"])))
    # every person in a team; one lead per team
    assert set(tb["persons"]["id"]) <= set(tb["memberships"]["person_id"])
    current = tb["memberships"][tb["memberships"]["until"] == ""]
    leads = current[current["role"] == "lead"].groupby("team_id").size()
    assert (leads == 1).all() and set(leads.index) == set(tb["teams"]["id"])


def dept_depth(tb) -> int:
    parent = dict(zip(tb["departments"]["id"], tb["departments"]["parent_id"]))

    def depth(d):
        n = 1
        while parent[d]:
            d = parent[d]
            n += 1
        return n

    return max(depth(d) for d in parent)


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def org2000(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen2000")
    calls = []
    counts = generate(out, persons=2000, seed=7, progress=lambda d, t, label: calls.append((d, t, label)))
    return out, counts, calls, read_tables(out)


# ---------------------------------------------------------------------------- determinism
def _bytes(folder: Path) -> dict[str, bytes]:
    return {t: (folder / f"{t}.csv").read_bytes() for t in TABLES}


def test_same_seed_same_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    ca = generate(a, persons=300, seed=3)
    cb = generate(b, persons=300, seed=3)
    generate(c, persons=300, seed=4)
    assert ca == cb
    assert _bytes(a) == _bytes(b)
    differ = [t for t in TABLES if _bytes(a)[t] != _bytes(c)[t]]
    assert "persons" in differ and "ties" in differ and "skills" in differ


def test_refuses_an_existing_folder_without_force(tmp_path):
    """Issue 16.8: generate overwrote an existing input folder without asking."""
    from kgraph.errors import InputError

    (tmp_path / "persons.csv").write_text("my own data\n", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        generate(tmp_path, persons=50, seed=1)
    assert (tmp_path / "persons.csv").read_text(encoding="utf-8") == "my own data\n"


def test_force_overwrites_existing_files_and_keeps_others(tmp_path):
    (tmp_path / "persons.csv").write_text("garbage\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    generate(tmp_path, persons=50, seed=1, force=True)
    assert (tmp_path / "persons.csv").read_text(encoding="utf-8").startswith("id,name,email")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not [p for p in tmp_path.parent.iterdir() if p.name.startswith(f".{tmp_path.name}.")]


def test_creates_missing_folder(tmp_path):
    out = tmp_path / "deep" / "er"
    counts = generate(out, persons=20)
    assert counts["persons"] == 20 and (out / "signals.csv").is_file()


def test_rejects_empty_organisation(tmp_path):
    with pytest.raises(OptionError):
        generate(tmp_path, persons=0)


@pytest.mark.parametrize("n", [1, 5, 6, 14, 61])
def test_tiny_organisations_are_valid(tmp_path, n):
    generate(tmp_path, persons=n, seed=n)
    tb = read_tables(tmp_path)
    check_integrity(tb)
    assert len(tb["persons"]) == n
    assert dept_depth(tb) >= 2


# ---------------------------------------------------------------------------- contract
def test_counts_and_progress(org2000):
    out, counts, calls, tb = org2000
    assert set(counts) == set(TABLES)
    for t in TABLES:
        assert counts[t] == len(tb[t]), t
        with open(out / f"{t}.csv", encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == COLUMNS[t]
    assert [c[0] for c in calls] == list(range(1, len(TABLES) + 1))
    assert all(c[1] == len(TABLES) for c in calls)
    assert {c[2] for c in calls} == set(TABLES)


def test_integrity(org2000):
    check_integrity(org2000[3])


def test_dates_fixed_reference(org2000):
    tb = org2000[3]
    ref = REFERENCE_DATE.isoformat()
    leave = tb["persons"]["leave_date"]
    assert (leave[leave != ""] > ref).all()
    share = (leave != "").mean()
    assert 0.015 < share < 0.08
    conf = tb["skills"]["confirmed"]
    assert (conf == "").any()
    conf = conf[conf != ""]
    assert conf.min() >= date(REFERENCE_DATE.year - 4, 1, 1).isoformat() and conf.max() < ref
    for t, c in (("positions", "date"), ("signals", "date"), ("contacts", "last_contact")):
        assert tb[t][c].max() < ref and tb[t][c].min() >= "2024-01-01"


# ---------------------------------------------------------------------------- structure
def test_team_and_department_sizes(org2000):
    tb = org2000[3]
    teams, m = tb["teams"], tb["memberships"]
    mt = set(teams.loc[teams["name"].str.startswith("MT "), "id"])
    regular = set(teams["id"]) - mt
    # home team size (lateral pins may add a person or two on top)
    first_team = m[m["team_id"].isin(regular)].drop_duplicates("person_id")
    sizes = first_team.groupby("team_id").size()
    assert sizes.between(6, 15).all() and set(sizes.index) == regular
    per_dept = teams[teams["id"].isin(regular)].groupby("department_id").size()
    assert per_dept.between(5, 15).all()
    assert dept_depth(tb) >= 2
    # each department has exactly one management team
    assert sorted(teams.loc[teams["id"].isin(mt), "department_id"]) == sorted(tb["departments"]["id"])


def test_management_teams_hold_the_leads(org2000):
    tb = org2000[3]
    teams, m, deps = tb["teams"], tb["memberships"], tb["departments"]
    mt_of = {d: t for t, d, n in zip(teams["id"], teams["department_id"], teams["name"]) if n.startswith("MT ")}
    members = m.groupby("team_id")["person_id"].apply(set).to_dict()
    lead = dict(zip(m.loc[m["role"] == "lead", "team_id"], m.loc[m["role"] == "lead", "person_id"]))
    names = dict(zip(deps["id"], deps["name"]))
    for t, d, n in zip(teams["id"], teams["department_id"], teams["name"]):
        if n.startswith("MT "):
            assert n == f"MT {names[d]}"
        else:  # vertical linking pin
            assert lead[t] in members[mt_of[d]]
    # the head of a sub-department sits in the parent's MT
    for d, p in zip(deps["id"], deps["parent_id"]):
        if p:
            assert lead[mt_of[d]] in members[mt_of[p]]


def test_lateral_pins(org2000):
    tb = org2000[3]
    teams, m = tb["teams"], tb["memberships"]
    regular = set(teams.loc[~teams["name"].str.startswith("MT "), "id"])
    per_person = m[m["team_id"].isin(regular)].groupby("person_id").size()
    assert (per_person >= 2).sum() >= 3


def test_ties_dense_inside_sparse_across(org2000):
    tb = org2000[3]
    teams, m, ties = tb["teams"], tb["memberships"], tb["ties"]
    regular = set(teams.loc[~teams["name"].str.startswith("MT "), "id"])
    rm = m[m["team_id"].isin(regular)]
    person_teams = rm.groupby("person_id")["team_id"].apply(set).to_dict()
    team_members = rm.groupby("team_id")["person_id"].apply(set).to_dict()
    n = len(tb["persons"])
    assert 8 <= len(ties) / n <= 12
    same = [bool(person_teams[s] & person_teams[t]) for s, t in zip(ties["source_id"], ties["target_id"])]
    ties = ties.assign(same=same)
    cross_per_person = (~ties["same"]).sum() / n
    assert 2 <= cross_per_person <= 6.5
    # most teammates are tied (either direction)
    und = set(zip(ties["source_id"], ties["target_id"]))
    und |= {(b, a) for a, b in und}
    tied = total = 0
    for mem in team_members.values():
        mem = sorted(mem)
        for i, a in enumerate(mem):
            for b in mem[i + 1:]:
                total += 1
                tied += (a, b) in und
    assert tied / total > 0.6
    assert set(ties["kind"]) == ENUMS[("ties", "kind")]
    # leads have more cross-team ties than others
    leads = set(rm.loc[rm["role"] == "lead", "person_id"])
    cross = ties[~ties["same"]]
    deg = Counter(cross["source_id"]) + Counter(cross["target_id"])
    lead_avg = sum(deg[p] for p in leads) / len(leads)
    other = set(tb["persons"]["id"]) - leads
    assert lead_avg > sum(deg[p] for p in other) / len(other)
    g = nx.Graph(list(und))
    g.add_nodes_from(tb["persons"]["id"])
    assert nx.number_connected_components(g) == 1


def test_knowledge_and_skills(org2000):
    tb = org2000[3]
    k, s = tb["knowledge"], tb["skills"]
    assert len(k) == max(60, 2000 // 4)
    assert (k["broader_id"] != "").mean() > 0.5
    assert (k["synonyms"] != "").any()
    assert set(k["kind"]) == ENUMS[("knowledge", "kind")]
    per_person = s.groupby("person_id").size()
    assert per_person.between(3, 8).all() and len(per_person) == 2000
    assert not s.duplicated(["person_id", "knowledge_id"]).any()
    assert set(s["level"]) == {"1", "2", "3", "4", "5"}
    held = s["knowledge_id"].value_counts()
    assert (held == 1).any()  # single holders exist
    assert len(set(k["id"]) - set(held.index)) > 0  # and orphans
    needs = tb["needs"]
    teams = tb["teams"]
    regular = set(teams.loc[~teams["name"].str.startswith("MT "), "id"])
    per_team = needs[needs["unit_id"].isin(regular)].groupby("unit_id").size()
    assert per_team.between(2, 5).all() and set(per_team.index) == regular


def test_stakeholders(org2000):
    tb = org2000[3]
    a, c, pos = tb["actors"], tb["contacts"], tb["positions"]
    assert len(a) == max(20, 2000 // 25)
    assert set(a["kind"]) == ENUMS[("actors", "kind")]
    assert len(tb["issues"]) == max(5, 2000 // 500)
    n_contacts = c.groupby("actor_id").size().reindex(a["id"], fill_value=0)
    assert (n_contacts == 0).any() and (n_contacts == 1).any() and (n_contacts >= 2).any()
    owners = c[c["owner"] == "yes"].groupby("actor_id").size()
    assert (owners == 1).all() and set(owners.index) == set(c["actor_id"])
    pairs = pos.groupby(["actor_id", "issue_id"]).size()
    assert pairs.between(1, 3).all() and (pairs >= 2).any()
    assert len(pairs) < len(a) * len(tb["issues"])  # a subset of the pairs
    assert not pos.duplicated(["actor_id", "issue_id", "date"]).any()
    assert len(tb["signals"]) >= 30 and (tb["signals"]["text"] != "").all()
    assert len(tb["knowledge_issues"]) > 0 and len(tb["actor_ties"]) > 0


def test_large_org_shape(tmp_path):
    counts = generate(tmp_path, persons=12000, seed=0)
    deps = pd.read_csv(tmp_path / "departments.csv", dtype=str, keep_default_na=False)
    tops = (deps["parent_id"] == "").sum()
    assert 2 <= tops <= 6
    assert counts["persons"] == 12000 and counts["knowledge"] == 3000 and counts["actors"] == 480
    assert 8 <= counts["ties"] / 12000 <= 12
