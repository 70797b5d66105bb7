"""The shipped demo municipality (Gemeente Lindenhoven): size, coherence and the situations
kgraph exists to find, all computed from the CSV files (nothing hard-coded but thresholds)."""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import kgraph
from kgraph.app.demo import IMPORTS
from kgraph.model import model

ROOT = Path(__file__).resolve().parents[1]
DEMO = Path(kgraph.__file__).resolve().parent / "data" / "demo"
AS_OF = date(2026, 12, 1)
PREVIOUS = DEMO.with_name("demo-2025-12-01")  # the import of a year earlier
TABLES = ("departments", "teams", "persons", "memberships", "knowledge", "skills", "needs", "ties",
          "responsibilities", "actors", "issues", "positions", "contacts", "actor_ties", "knowledge_issues",
          "signals", "interactions", "target_groups", "objectives", "measurements", "factors", "factor_issues")
ID_TABLES = ("departments", "teams", "persons", "knowledge", "actors", "issues", "target_groups", "objectives", "factors")


@pytest.fixture(scope="module")
def tb() -> dict[str, pd.DataFrame]:
    return {t: pd.read_csv(DEMO / f"{t}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
            for t in TABLES}


@pytest.fixture(scope="module")
def org(tb):
    """Derived views: current memberships, team->department, subtrees, unit members."""
    m = tb["memberships"]
    m = m[(m["until"] == "") | (m["until"] > AS_OF.isoformat())]
    teams = tb["teams"]
    team_dept = dict(zip(teams["id"], teams["department_id"]))
    mt = set(teams.loc[teams["name"].str.startswith("MT "), "id"])
    parent = dict(zip(tb["departments"]["id"], tb["departments"]["parent_id"]))
    kids = defaultdict(set)
    for d, p in parent.items():
        if p:
            kids[p].add(d)

    def subtree(d):
        out, todo = set(), [d]
        while todo:
            x = todo.pop()
            out.add(x)
            todo.extend(kids[x])
        return out

    team_members = m.groupby("team_id")["person_id"].apply(set).to_dict()
    person_teams = m.groupby("person_id")["team_id"].apply(set).to_dict()

    def unit_people(unit):
        if unit in team_dept:
            return team_members.get(unit, set())
        ds = subtree(unit)
        return set().union(*(team_members.get(t, set()) for t, d in team_dept.items() if d in ds))

    level = {(p, k): int(lv) for p, k, lv in zip(tb["skills"]["person_id"], tb["skills"]["knowledge_id"],
                                                  tb["skills"]["level"])}
    holders = tb["skills"].groupby("knowledge_id")["person_id"].apply(set).to_dict()
    return dict(m=m, team_dept=team_dept, mt=mt, parent=parent, subtree=subtree, team_members=team_members,
                person_teams=person_teams, unit_people=unit_people, level=level, holders=holders)


def unmet_needs(tb, org):
    out = []
    for u, k, ml, mh in zip(tb["needs"]["unit_id"], tb["needs"]["knowledge_id"], tb["needs"]["min_level"],
                            tb["needs"]["min_holders"]):
        have = [p for p in org["unit_people"](u) if org["level"].get((p, k), 0) >= int(ml)]
        if len(have) < int(mh):
            out.append((u, k, len(have)))
    return out


# ---------------------------------------------------------------------------- format and coherence
def test_headers_and_ids(tb):
    heads = {t: list(df.columns) for t, df in tb.items()}
    assert heads["persons"] == ["id", "name", "email", "function", "location", "start_date", "leave_date", "person_emails"]
    assert heads["signals"] == ["date", "channel", "actor_id", "target_group_id", "issue_id", "sentiment", "text"]
    ids = [i for t in ID_TABLES for i in tb[t]["id"]]
    assert all(ids) and len(ids) == len(set(ids))
    assert all(i.startswith("D-") for i in tb["departments"]["id"])
    assert all(i.startswith("T-") for i in tb["teams"]["id"])
    assert all(i.startswith("P") and i[1:].isdigit() for i in tb["persons"]["id"])
    assert all(i.startswith("K-") for i in tb["knowledge"]["id"])
    assert all(i.startswith("A-") for i in tb["actors"]["id"])
    assert all(i.startswith("I-") for i in tb["issues"]["id"])
    assert all(i.startswith("G-") for i in tb["target_groups"]["id"])
    assert all(i.startswith("O-") for i in tb["objectives"]["id"])
    assert all(i.startswith("F-") for i in tb["factors"]["id"])
    for t in TABLES:
        assert not tb[t].duplicated().any(), t


def test_references(tb):
    ids = {t: set(tb[t]["id"]) for t in ID_TABLES}
    checks = [
        ("departments", "parent_id", ["departments"], True), ("teams", "department_id", ["departments"], False),
        ("memberships", "person_id", ["persons"], False), ("memberships", "team_id", ["teams"], False),
        ("knowledge", "broader_id", ["knowledge"], True), ("skills", "person_id", ["persons"], False),
        ("skills", "knowledge_id", ["knowledge"], False), ("needs", "unit_id", ["teams", "departments"], False),
        ("needs", "knowledge_id", ["knowledge"], False), ("ties", "source_id", ["persons"], False),
        ("ties", "target_id", ["persons"], False), ("responsibilities", "person_id", ["persons"], False),
        ("responsibilities", "subject_id", ["knowledge", "issues"], False),
        ("positions", "actor_id", ["actors"], False), ("positions", "issue_id", ["issues"], False),
        ("contacts", "person_id", ["persons"], False), ("contacts", "actor_id", ["actors"], False),
        ("actor_ties", "source_id", ["actors"], False), ("actor_ties", "target_id", ["actors"], False),
        ("knowledge_issues", "knowledge_id", ["knowledge"], False),
        ("knowledge_issues", "issue_id", ["issues"], False),
        ("signals", "actor_id", ["actors"], True), ("signals", "issue_id", ["issues"], False),
        ("signals", "target_group_id", ["target_groups"], True),
        ("objectives", "target_group_id", ["target_groups"], False), ("objectives", "issue_id", ["issues"], True),
        ("objectives", "owner_id", ["persons"], False), ("measurements", "objective_id", ["objectives"], False),
        ("factor_issues", "factor_id", ["factors"], False), ("factor_issues", "issue_id", ["issues"], False),
        ("interactions", "person_id", ["persons"], False), ("interactions", "actor_id", ["actors"], False),
        ("interactions", "issue_id", ["issues"], True),
    ]
    for table, col, kinds, optional in checks:
        allowed = set().union(*(ids[k] for k in kinds))
        bad = [v for v in tb[table][col] if (v or not optional) and v not in allowed]
        assert not bad, (table, col, bad[:5])
    assert not (tb["ties"]["source_id"] == tb["ties"]["target_id"]).any()


def test_enums_ranges_dates(tb):
    assert set(tb["knowledge"]["kind"]) == {"skill", "topic", "procedure", "system", "document",
                                            "best_practice", "lesson_learned"}
    assert set(tb["actors"]["kind"]) == {"residents", "business", "civil_society", "government", "media",
                                         "politics", "education", "other"}
    assert set(tb["memberships"]["role"]) == {"member", "lead"}
    assert set(tb["ties"]["kind"]) <= {"advice", "collaboration", "information"}
    assert set(tb["contacts"]["owner"]) == {"yes", "no"}
    assert set(tb["actor_ties"]["kind"]) <= {"alliance", "conflict", "member", "funds", "other"}
    assert {"alliance", "conflict"} <= set(tb["actor_ties"]["kind"])
    assert set(tb["signals"]["channel"]) == set(model().tables["signals"].column("channel").values)
    for t, c, lo, hi in [("skills", "level", 1, 5), ("needs", "min_level", 1, 5), ("needs", "criticality", 1, 3),
                         ("ties", "weight", 1, 5), ("actors", "power", 1, 5), ("actors", "legitimacy", 1, 5),
                         ("actors", "urgency", 1, 5), ("positions", "stance", -2, 2),
                         ("positions", "influence", 1, 5), ("positions", "interest", 1, 5),
                         ("contacts", "strength", 1, 5), ("signals", "sentiment", -2, 2),
                         ("factor_issues", "effect", -2, 2)]:
        assert tb[t][c].astype(int).between(lo, hi).all(), (t, c)
    for t, c in [("persons", "start_date"), ("persons", "leave_date"), ("memberships", "since"),
                 ("memberships", "until"), ("skills", "confirmed"), ("knowledge", "updated")]:
        for v in tb[t][c]:
            if v:
                assert date.fromisoformat(v).isoformat() == v
    assert set(tb["interactions"]["kind"]) == {"meeting", "call", "letter", "email", "event", "site_visit"}
    assert set(tb["interactions"]["mode"]) == {"inform", "persuade", "dialogue", "co_create"}
    assert set(tb["interactions"]["done"]) == {"yes", "no", ""}
    for t, c in [("positions", "date"), ("signals", "date"), ("contacts", "last_contact"), ("measurements", "date")]:
        vals = tb[t][c]
        assert vals.min() >= "2024-01-01" and vals.max() < "2026-12-01", (t, c)


def test_no_cycles_and_department_hierarchy(tb, org):
    for t, col in (("departments", "parent_id"), ("knowledge", "broader_id")):
        g = nx.DiGraph((c, p) for c, p in zip(tb[t]["id"], tb[t][col]) if p)
        assert nx.is_directed_acyclic_graph(g), t
    parent = org["parent"]

    def depth(d):
        n = 0
        while parent[d]:
            d, n = parent[d], n + 1
        return n

    assert max(depth(d) for d in parent) >= 2
    tops = [d for d, p in parent.items() if p and not parent[p]]  # below the root (directie)
    assert len(tops) >= 6
    assert sum(1 for d in tops if any(parent[x] == d for x in parent)) >= 3  # with sub-departments


def test_minimum_sizes(tb, org):
    assert len(tb["persons"]) >= 300
    regular = set(tb["teams"]["id"]) - org["mt"]
    assert len(regular) >= 30
    assert len(tb["departments"]) >= 6
    assert len(tb["knowledge"]) >= 120
    assert (tb["knowledge"]["broader_id"] != "").sum() >= 100
    assert len(tb["actors"]) >= 40
    assert len(tb["issues"]) >= 8
    for t in ("contacts", "needs", "ties", "actor_ties", "knowledge_issues", "responsibilities", "signals"):
        assert len(tb[t]) > 0, t
    names = set(tb["knowledge"]["name"])
    for must in ("Omgevingswet", "Wet maatschappelijke ondersteuning", "Jeugdwet", "Participatiewet",
                 "Basisregistratie Adressen en Gebouwen", "zaakgericht werken", "Microsoft Excel",
                 "omgevingsvisie", "vergunningverlening", "bestemmingsplan", "lessons learned Woo-verzoeken"):
        assert must in names, must
    syn = dict(zip(tb["knowledge"]["name"], tb["knowledge"]["synonyms"]))
    assert "Ow" in syn["Omgevingswet"].split(";") and "Wmo" in syn["Wet maatschappelijke ondersteuning"].split(";")
    assert "BAG" in syn["Basisregistratie Adressen en Gebouwen"].split(";")


def test_membership_coherence(tb, org):
    m = org["m"]
    assert set(tb["persons"]["id"]) <= set(m["person_id"])
    leads = m[m["role"] == "lead"].groupby("team_id").size()
    assert (leads == 1).all() and set(leads.index) == set(tb["teams"]["id"])
    # each department has a management team
    mt_depts = {org["team_dept"][t] for t in org["mt"]}
    assert mt_depts == set(tb["departments"]["id"])
    sizes = m[~m["team_id"].isin(org["mt"])].drop_duplicates("person_id").groupby("team_id").size()
    assert sizes.between(6, 15).all()


def test_signals_text(tb):
    texts = " ".join(tb["signals"]["text"])
    assert "<b>" in texts and "&" in texts
    assert "coöperatie" in texts.lower() and "ruïne" in texts
    assert tb["signals"]["date"].is_monotonic_increasing


# ---------------------------------------------------------------------------- deliberate situations
def test_a_linking_pins(tb, org):
    m, mt, team_dept, tm = org["m"], org["mt"], org["team_dept"], org["team_members"]
    mt_of = {team_dept[t]: t for t in mt}
    lead = dict(zip(m.loc[m["role"] == "lead", "team_id"], m.loc[m["role"] == "lead", "person_id"]))
    regular = [t for t in team_dept if t not in mt]
    assert all(lead[t] in tm[mt_of[team_dept[t]]] for t in regular)  # vertical pins
    for d, p in org["parent"].items():  # heads chain upwards
        if p:
            assert lead[mt_of[d]] in tm[mt_of[p]]
    reg_count = m[m["team_id"].isin(regular)].groupby("person_id").size()
    assert (reg_count >= 2).sum() >= 3  # lateral pins
    # a person who is the only tie between a team and the rest of the organisation
    g = nx.Graph()
    g.add_nodes_from(tb["persons"]["id"])
    g.add_edges_from(zip(tb["ties"]["source_id"], tb["ties"]["target_id"]))
    assert nx.is_connected(g)
    found = []
    for p in nx.articulation_points(g):
        h = g.copy()
        h.remove_node(p)
        for comp in nx.connected_components(h):
            for t in regular:
                if len(comp) > 1 and comp <= tm[t] - {p}:
                    found.append((p, t))
    assert found, "no person bridges a team to the rest"


def test_b_single_holders_and_orphans(tb, org):
    counts = {k: len(v) for k, v in org["holders"].items()}
    assert sum(1 for n in counts.values() if n == 1) >= 5
    orphans = set(tb["knowledge"]["id"]) - set(counts)
    assert len(orphans) >= 3


def test_c_unmet_needs(tb, org):
    unmet = unmet_needs(tb, org)
    team_unmet = [u for u in unmet if u[0] in org["team_dept"]]
    assert len(team_unmet) >= 5
    assert len(unmet) < len(tb["needs"]) / 3  # most needs are met
    # a department need that is met only thanks to holders in sub-units
    met_via_sub = False
    for u, k, ml, mh in tb["needs"][["unit_id", "knowledge_id", "min_level", "min_holders"]].itertuples(index=False):
        if u in org["team_dept"] or (u, k) in {(x[0], x[1]) for x in unmet}:
            continue
        direct = set().union(*(org["team_members"][t] for t in org["team_dept"]
                               if org["team_dept"][t] == u and t not in org["mt"]), set())
        if sum(org["level"].get((p, k), 0) >= int(ml) for p in direct) < int(mh):
            met_via_sub = True
    assert met_via_sub


def test_d_planned_departures(tb, org):
    persons = tb["persons"]
    leaving = set(persons.loc[persons["leave_date"].str.startswith("2027"), "id"])
    assert len(leaving) >= 8
    assert (persons.loc[persons["leave_date"] != "", "leave_date"] > AS_OF.isoformat()).all()
    needed = set(tb["needs"]["knowledge_id"])
    at_risk = {next(iter(h)) for k, h in org["holders"].items() if len(h) == 1 and k in needed} & leaving
    assert len(at_risk) >= 2


def test_e_blind_spots_and_single_contacts(tb):
    pos = tb["positions"].sort_values("date")
    assert pos.groupby(["actor_id", "issue_id"]).size().max() >= 3
    latest = pos.groupby(["actor_id", "issue_id"]).tail(1)
    infl = latest.assign(i=latest["influence"].astype(int)).groupby("actor_id")["i"].max()
    n_contacts = tb["contacts"].groupby("actor_id").size().reindex(tb["actors"]["id"], fill_value=0)
    blind = [a for a in tb["actors"]["id"] if infl.get(a, 0) >= 4 and n_contacts[a] == 0]
    assert len(blind) >= 3
    assert (n_contacts == 1).sum() >= 3
    owners = tb["contacts"][tb["contacts"]["owner"] == "yes"].groupby("actor_id").size()
    assert (owners == 1).all()
    # trends: stances change over time for some pairs
    changes = pos.groupby(["actor_id", "issue_id"])["stance"].nunique()
    assert (changes >= 2).sum() >= 10


def test_f_stale_skills(tb):
    conf = tb["skills"]["confirmed"]
    cutoff = date(AS_OF.year - 2, AS_OF.month, AS_OF.day).isoformat()
    stale = (conf != "") & (conf < cutoff)
    assert stale.sum() > 0 and stale.mean() < 0.5
    assert (conf == "").any()


def test_g_silo(tb, org):
    team_dept, pt = org["team_dept"], org["person_teams"]
    silos = []
    for k, hs in org["holders"].items():
        depts = set().union(*({team_dept[t] for t in pt[p]} for p in hs))
        if len(depts) != 1:
            continue
        (hd,) = depts
        for u in tb["needs"].loc[tb["needs"]["knowledge_id"] == k, "unit_id"]:
            nd = team_dept.get(u, u)
            if hd not in org["subtree"](nd) and nd not in org["subtree"](hd):
                silos.append((k, hd, u))
    assert silos


def test_h_issue_without_knowledge(tb):
    assert set(tb["issues"]["id"]) - set(tb["knowledge_issues"]["issue_id"])


# ---------------------------------------------------------------------------- over time (issue 12)
def _org(folder, day):
    from kgraph.ingest import load_dataset

    return kgraph.Org.from_dataset(load_dataset(folder), as_of=day)


def test_k_target_groups_objectives_every_status():
    from kgraph.analysis.objectives import objectives

    org = _org(DEMO, AS_OF)
    kinds = {g["kind"] for g in org.target_groups.values()}
    assert {"residents", "business", "visitors", "staff", "partners"} <= kinds
    staff = [g for g, p in org.target_groups.items() if p["kind"] == "staff"]
    assert staff and all(org.target_groups[g]["unit_ids"] and org.group_members(g) for g in staff)
    df = objectives(org)
    assert set(df["status"]) == {"achieved", "on_track", "behind", "overdue", "too_few_respondents", "no_data"}
    assert set(df["dimension"]) == {"knowledge", "attitude", "behaviour"}
    assert df["internal"].any()  # internal support (draagvlak)
    years = {m["date"][:4] for ms in org.measurements.values() for m in ms}
    assert {"2025", "2026"} <= years


def test_l_signals_in_every_channel_with_a_spike_and_factors():
    from kgraph.analysis.factors import factors
    from kgraph.analysis.monitoring import monitor

    org = _org(DEMO, AS_OF)
    df = monitor(org)
    assert set(df["family"]) == {"continuous", "broad", "depth", "media"}
    assert df["spike"].sum() >= 1
    assert any(s["target_group_ids"] for s in org.signals) and any(not s["actor_id"] for s in org.signals)
    f = factors(org)
    assert f["issue_id"].nunique() >= 6 and {-2, 2} <= set(f["effect"])


def test_m_two_imports_a_year_apart_show_every_kind_of_change():
    from kgraph.analysis.compare import compare

    before, after = _org(PREVIOUS, "2025-12-01"), _org(DEMO, AS_OF)
    for table in ("positions", "signals", "measurements"):  # the import of 2025-12-01 holds nothing dated later
        df = pd.read_csv(PREVIOUS / f"{table}.csv", dtype=str, keep_default_na=False)
        assert (df["date"] <= "2025-12-01").all(), table
    kinds = set(compare(before, after)["kind"])
    assert kinds == {"tie_added", "tie_removed", "pin_gained", "pin_lost", "cut_point_gained", "gap_opened",
                     "gap_closed", "stance_changed", "objective_status_changed"}, kinds
def test_i_a_year_of_interactions(tb, org):
    """The log covers the year before the date, held by staff present on the day, mostly by
    the actor's own contacts; a third carry a follow-up."""
    log = tb["interactions"]
    assert len(log) >= 300 and log["date"].min() >= "2025-12-01" and log["date"].max() < AS_OF.isoformat()
    assert log["date"].str[:7].nunique() == 12  # every month
    persons = tb["persons"].set_index("id")
    for pid, day in zip(log["person_id"], log["date"]):
        start, leave = persons.loc[pid, "start_date"], persons.loc[pid, "leave_date"]
        assert (not start or start <= day) and (not leave or day < leave), (pid, day)
    pairs = set(zip(tb["contacts"]["person_id"], tb["contacts"]["actor_id"]))
    held = [(p, a) in pairs for p, a in zip(log["person_id"], log["actor_id"])]
    assert sum(held) >= len(log) - 2  # the scripted blind-spot visit is by someone without a relationship
    with_follow_up = log[log["follow_up"] != ""]
    assert 0.2 < len(with_follow_up) / len(log) < 0.45
    assert (with_follow_up["follow_up_due"] > with_follow_up["date"]).all()
    assert (log.loc[log["follow_up"] == "", "follow_up_due"] == "").all()


def test_j_engagement(tb):
    """On the demo's date the engagement plan shows each situation it exists for: overdue
    follow-ups, key players overdue for contact (neglected ones and blind spots), actors engaged
    in another mode than recommended, and key players kept up monthly."""
    from kgraph.analysis.engage import engage, interaction_log
    from kgraph.ingest import load_dataset
    from kgraph.org import Org

    org = Org.from_dataset(load_dataset(DEMO), as_of=AS_OF)
    log = interaction_log(org)
    late = log[log["follow_up_status"] == "overdue"]
    assert 3 <= len(late) <= 10 and "A-DORP-KOLK" in set(late["actor_id"])
    assert (log["follow_up_status"] == "open").sum() >= 3 and (log["follow_up_status"] == "done").sum() >= 50
    plan = engage(org, log=log)
    overdue = set(plan.loc[plan["contact_overdue"] & (plan["quadrant"] == "key player"), "actor_id"])
    assert {"A-GEMBROEK", "A-NETB", "A-BUURTHOEVE"} <= overdue  # neglected
    assert {"A-TEGENWIND", "A-VASTGOED", "A-BURGERCOM"} <= overdue  # blind spots
    kept = plan[(plan["quadrant"] == "key player") & ~plan["contact_overdue"]]
    assert kept["actor_id"].nunique() >= 15
    differ = set(plan.loc[plan["mode_differs"], "actor_id"])
    assert {"A-POL-LB", "A-OV", "A-THUISVAST"} <= differ
    assert (plan["modes_used"].str.len() > 0).mean() > 0.7


# ---------------------------------------------------------------------------- reproducible
def test_make_demo_reproduces_shipped_files(tmp_path):
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "tools" / "make_demo.py")
    if spec is None or not (ROOT / "tools" / "make_demo.py").is_file():
        pytest.skip("tools/make_demo.py not in this checkout")
    mod = importlib.util.module_from_spec(spec)
    old, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # leave no tools/__pycache__ behind
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.dont_write_bytecode = old
    imports = mod.build_imports(random.Random(mod.SEED))
    assert [(str(day), name) for day, name, _t in imports] == [("2025-12-01", "demo-2025-12-01"), ("2026-12-01", "demo")]
    assert [(name, day) for day, name, _t in imports] == [(n, date.fromisoformat(d)) for n, d in IMPORTS]
    for _day, name, tables in imports:
        out = mod.folder_of(tmp_path / "demo", name)
        mod.write(tables, out)
        shipped = DEMO.with_name(out.name)
        for t in TABLES:
            assert (out / f"{t}.csv").read_bytes() == (shipped / f"{t}.csv").read_bytes(), (name, t)
