"""Linking pins: formal pins (Likert), brokers, boundary spanners, --between."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import kgraph
from kgraph.analysis.linking import formal_pins
from kgraph.org import Org
from kgraph.cli import cli

REF = Path(__file__).resolve().parent.parent / "data" / "reference" / "krackhardt_hightech"


@pytest.fixture
def krackhardt_kg(tmp_path):
    """Krackhardt's managers as a kgraph organisation: one work group per supervisor
    (the supervisor leads it, direct reports are members), from the reports_to relation."""
    edges = pd.read_csv(REF / "edges.csv", dtype={"source": str, "target": str})
    reports = edges[edges["relation"] == "reports_to"]
    nodes = pd.read_csv(REF / "nodes.csv", dtype={"id": str})
    out = tmp_path / "krackhardt"
    out.mkdir()

    def write(name, header, rows):
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)

    supervisors = sorted(set(reports["target"]), key=int)
    write("departments", ["id", "name"], [["D", "Hi-tech firm"]])
    write("teams", ["id", "name", "department_id"], [[f"G{s}", f"work group of {s}", "D"] for s in supervisors])
    write("persons", ["id", "name"], [[i, f"manager {i}"] for i in nodes["id"]])
    rows = [[s, f"G{s}", "lead"] for s in supervisors]
    rows += [[r.source, f"G{r.target}", "member"] for r in reports.itertuples()]
    write("memberships", ["person_id", "team_id", "role"], rows)
    advice = edges[edges["relation"] == "advice"]
    write("ties", ["source_id", "target_id", "kind"], [[r.source, r.target, "advice"] for r in advice.itertuples()])
    kg = kgraph.open(tmp_path / "k.db")
    kgraph.import_data(kg, out)
    yield kg
    kg.close()


def test_formal_pins_reproduce_krackhardt_reports_to(krackhardt_kg):
    """Reproduces krackhardt_hightech/linking_pins_reports_to.csv: the four VPs 2, 14, 18, 21."""
    ref = pd.read_csv(REF / "linking_pins_reports_to.csv", dtype={"id": str, "workgroups_led_by": str})
    pins = formal_pins(krackhardt_kg.snapshot()).set_index("person_id")
    for row in ref.itertuples():
        got = pins.loc[row.id]
        assert got["n_teams"] == row.n_workgroups
        groups = sorted((got["teams_led"] + got["teams_member"]), key=lambda t: int(t[1:]))
        assert ";".join(g[1:] for g in groups) == row.workgroups_led_by
        assert (got["formal_pin"] != "none") == row.linking_pin
    assert sorted(pins.index[pins["formal_pin"] != "none"], key=int) == ["2", "14", "18", "21"]
    assert set(pins.loc[["2", "14", "18", "21"], "formal_pin"]) == {"vertical"}


def test_linking_pins_on_krackhardt_match_measures(krackhardt_kg):
    """The ranked table carries the measures of kgraph.measures on the same network."""
    df = kgraph.linking_pins(krackhardt_kg, directed=True).set_index("person_id")
    G = krackhardt_kg.snapshot().person_graph(directed=True)
    bt = kgraph.betweenness(G).set_index("id")["betweenness"]
    assert (df["betweenness"] - bt.reindex(df.index)).abs().max() < 1e-12
    assert df.loc["7", "formal_pin"] == "none"  # the CEO leads one group only


def test_tiny_ranked_table(tiny_kg):
    df = kgraph.linking_pins(tiny_kg)
    assert list(df["rank"]) == list(range(1, 9))
    row = df.set_index("person_id")
    # the undirected tie network is a path P03-P02-P04-P05-P01-P06 plus the triangle P06-P07-P08
    assert set(row.index[row["articulation_point"]]) == {"P01", "P02", "P04", "P05", "P06"}
    assert row.loc["P01", "betweenness"] == pytest.approx(12 / 21)
    assert row.loc["P01", "b_O"] == 2 and row.loc["P01", "brokerage_total"] == 2
    assert row.loc["P01", "connects"] == "Beleid Ruimte ↔ Wmo-loket (2)"
    assert (row.loc["P02", "b_IO"], row.loc["P02", "b_OI"]) == (1, 1)
    assert row.loc["P02", "formal_pin"] == "vertical" and row.loc["P04", "formal_pin"] == "lateral"
    assert row.loc["P02", "only_contact_for"] == ["A-DORP"]  # the Dorpsraad's only contact
    assert row.loc["P01", "actors"] == 1
    assert kgraph.linking_pins(tiny_kg, top=3)["person_id"].tolist() == df["person_id"].head(3).tolist()


def test_between(tiny_kg):
    df = kgraph.linking_pins(tiny_kg, between=("Ruimte", "Sociaal Domein"))
    assert df.to_dict("records") == [
        {"person_id": "P01", "name": "Anna de Vries", "team": "MT Gemeente", "department": "Gemeente Testdorp",
         "how": "ties into both", "brokered_pairs": 2, "ties_to_a": 1, "ties_to_b": 1}
    ]
    assert kgraph.linking_pins(tiny_kg, between=("T-VERG", "T-BELEID"))["person_id"].tolist()[0] == "P04"
    assert kgraph.linking_pins(tiny_kg, between=("T-VERG", "T-WMO")).empty


def test_cli_json_and_between(tiny_kg):
    store = tiny_kg.location
    r = CliRunner().invoke(cli, ["linking-pins", "--store", store, "--format", "json", "--top", "2"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert len(rows) == 2
    assert {"person_id", "name", "formal_pin", "articulation_point", "betweenness", "brokerage_total"} <= set(rows[0])
    assert "2 persons ranked by team" in r.stderr
    r = CliRunner().invoke(cli, ["linking-pins", "--store", store, "--between", "T-VERG", "T-WMO"])
    assert r.exit_code == 0 and r.stdout == ""
    assert "nobody links Vergunningen and Wmo-loket" in r.stderr  # the units' names, however they were given
    r = CliRunner().invoke(cli, ["linking-pins", "--store", store, "--between", "T-VERG", "nope"])
    assert r.exit_code == 7 and "no team or department 'nope'" in r.stderr


GUARANTEE = ["betweenness_method", "betweenness_low", "betweenness_high", "betweenness_confidence",
             "betweenness_rank", "betweenness_top"]


def test_exact_betweenness_carries_its_guarantee(tiny_kg):
    """Exact: the bound is the value itself, confidence 1, ranks 1 = largest (ties by id)."""
    df = kgraph.linking_pins(tiny_kg, betweenness_samples="exact")
    assert set(GUARANTEE) <= set(df.columns)
    assert df.attrs["betweenness"] == "exact"
    assert (df["betweenness_method"] == "exact").all() and (df["betweenness_confidence"] == 1.0).all()
    assert (df["betweenness_low"] == df["betweenness"]).all() and (df["betweenness_high"] == df["betweenness"]).all()
    by_rank = df.sort_values("betweenness_rank")
    assert by_rank["betweenness_rank"].tolist() == list(range(1, 9))
    assert by_rank["person_id"].iloc[0] == "P01"  # 12/21, the largest
    assert (df["betweenness_top"] == "in").all()  # 8 persons: all of them are in the top 50


def test_estimated_betweenness_bounds_and_top(krackhardt_kg, monkeypatch):
    """Estimated from 14 of 21 sources (a first round of 4, as small graphs are otherwise
    done exactly), top 3 certified: the bounds hold the exact values, and whoever is
    certified in (out) is (is not) in the exact top 3."""
    from kgraph.analysis import linking
    from kgraph.measures import topk

    monkeypatch.setattr(linking, "TOP_K", 3)
    monkeypatch.setattr(topk, "_FIRST", 4)
    df = kgraph.linking_pins(krackhardt_kg, directed=True, betweenness_samples=14).set_index("person_id")
    assert df.attrs["betweenness"] == "estimated"
    assert (df["betweenness_method"] == "estimated").all() and (df["betweenness_confidence"] == 0.9).all()
    assert df.attrs["guarantee"]["sources"] == 14 and df.attrs["guarantee"]["k"] == 3
    assert "of the top 3 certified" in df.attrs["betweenness_summary"]
    assert ((df["betweenness_low"] <= df["betweenness"]) & (df["betweenness"] <= df["betweenness_high"])).all()
    exact = kgraph.linking_pins(krackhardt_kg, directed=True, betweenness_samples="exact").set_index("person_id")
    truth = exact["betweenness"].reindex(df.index)
    assert ((df["betweenness_low"] <= truth + 1e-12) & (truth <= df["betweenness_high"] + 1e-12)).all()
    top3 = set(truth.sort_values(ascending=False, kind="mergesort").index[:3])
    assert (df["betweenness_top"] == "in").sum() == 2 and (df["betweenness_top"] == "out").sum() == 14
    assert set(df.index[df["betweenness_top"] == "in"]) <= top3
    assert not set(df.index[df["betweenness_top"] == "out"]) & top3


def test_cli_exact_and_guarantee_columns(tiny_kg):
    store = tiny_kg.location
    r = CliRunner().invoke(cli, ["linking-pins", "--store", store, "--exact", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert set(GUARANTEE) <= set(rows[0]) and {row["betweenness_method"] for row in rows} == {"exact"}
    assert "betweenness exact" in r.stderr
    r = CliRunner().invoke(cli, ["linking-pins", "--store", store, "--exact", "--samples", "10"])
    assert r.exit_code == 2 and "--exact and --samples 10 contradict each other" in r.output


def test_cli_estimate_says_what_is_certain(krackhardt_kg, monkeypatch):
    from kgraph.analysis import linking
    from kgraph.measures import topk

    monkeypatch.setattr(linking, "TOP_K", 3)
    monkeypatch.setattr(topk, "_FIRST", 4)
    r = CliRunner().invoke(cli, ["linking-pins", "--store", krackhardt_kg.location, "--directed", "--samples", "5",
                                 "--format", "csv"])
    assert r.exit_code == 0, r.output
    header = r.stdout.splitlines()[0].split(",")
    assert set(GUARANTEE) <= set(header)
    line = [x for x in r.stderr.splitlines() if "betweenness estimated:" in x]
    assert len(line) == 1 and "of the top 3 certified (90 % confidence" in line[0]
    assert line[0].rstrip().endswith("--exact computes it exactly")


def _no_mt(tmp_path):
    """The tiny organisation without its MT: Ruimte keeps two teams (Vergunningen led by P02, Beleid Ruimte by P05)."""
    import shutil

    data = tmp_path / "no-mt"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "tiny", data)
    rows = (data / "memberships.csv").read_text(encoding="utf-8").splitlines()
    (data / "memberships.csv").write_text("\n".join(r for r in rows if "T-MT" not in r) + "\n", encoding="utf-8")
    return data


def test_a_department_without_management_team_gets_one_from_its_team_leads(tmp_path):
    data = _no_mt(tmp_path)
    kg = kgraph.open(tmp_path / "k.db")
    kgraph.import_data(kg, data)
    pins = formal_pins(kg.snapshot("2026-06-01")).set_index("person_id")
    # P02 and P05 lead the two teams of Ruimte: its inferred management group; P06 leads Sociaal Domein's one team
    assert pins.loc["P02", "formal_pin"] == pins.loc["P05", "formal_pin"] == "vertical"
    assert pins.loc["P02", "inferred_group"] == "D-RUIMTE" and pins.loc["P06", "formal_pin"] == "none"
    assert pins.loc["P04", "formal_pin"] == "lateral" and pins.loc["P04", "inferred_group"] is None
    assert pins.attrs["inferred_management"] == {"D-RUIMTE": ["P02", "P05"]}
    ranked = kgraph.linking_pins(kg, as_of="2026-06-01")
    assert ranked.attrs["note"] == ("Ruimte has no management team: the leads of its teams are taken as its management "
                                    "group (vertical linking pins).")
    assert set(ranked.loc[ranked["formal_pin"] == "vertical", "person_id"]) == {"P02", "P05"}
    r = CliRunner().invoke(cli, ["linking-pins", "--store", kg.location, "--as-of", "2026-06-01"])
    assert "note: Ruimte has no management team" in r.stderr
    # what-if names the inferred group
    lost = kgraph.what_if(kg, without=["P05"], as_of="2026-06-01").set_index("kind").loc["pin_lost"]
    assert lost["why"].startswith("vertical pin between Beleid Ruimte, management group of Ruimte (inferred)")
    kg.close()


def test_management_teams_in_the_data_are_not_inferred(tiny_kg, krackhardt_kg):
    """The tiny organisation's MT sits above Ruimte (P02 in it); Krackhardt's CEO group holds the four VPs."""
    assert formal_pins(tiny_kg.snapshot("2026-06-01")).attrs["inferred_management"] == {}
    assert formal_pins(krackhardt_kg.snapshot()).attrs["inferred_management"] == {}
    assert formal_pins(krackhardt_kg.snapshot())["inferred_group"].isna().all()


def test_validate_warns_about_a_department_without_management_team(tmp_path, tiny_dir):
    r = CliRunner().invoke(cli, ["validate", str(_no_mt(tmp_path))])
    assert r.exit_code == 0
    assert ("departments.csv:3:id: warning: department 'Ruimte' has 2 teams but no management team: kgraph takes the "
            "2 leads of its teams as its management group") in r.stderr
    assert "warning" not in CliRunner().invoke(cli, ["validate", str(tiny_dir)]).stderr
    from kgraph.app.demo import demo_data_path

    assert "management team" not in CliRunner().invoke(cli, ["validate", str(demo_data_path())]).stderr
