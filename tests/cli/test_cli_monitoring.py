"""CLI: monitor, objectives, compare, stakeholders --issue with factors, plot objectives|signals;
JSON keys, exit codes, the stderr summary."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.app.demo import demo_data_path
from kgraph.cli import cli
from kgraph.model import model

AS_OF = "2026-12-01"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("monitoring") / "kg.db"
    with kgraph.open(path) as kg:
        kgraph.import_data(kg, demo_data_path())
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_monitor_json_keys_and_spike(store):
    r = run("monitor", "--store", store, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"issue_id", "channel", "family", "period", "count", "mean_sentiment", "spike"} <= set(rows[0])
    spikes = [x for x in rows if x["spike"]]
    assert [(x["issue_id"], x["channel"], x["family"], x["period"], x["count"]) for x in spikes] == [
        ("I-PARKEER", "complaint", "continuous", "2026-09", 7)]
    assert {x["channel"] for x in rows} == set(model().tables["signals"].column("channel").values)  # every channel
    assert r.stderr.strip().endswith("rows (issue × channel × month)") and "1 spike," in r.stderr


def test_monitor_filters_and_quarters(store):
    r = run("monitor", "--store", store, "--as-of", AS_OF, "--issue", "Parkeerbeleid centrum", "--period", "quarter",
            "--format", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {x["issue_id"] for x in rows} == {"I-PARKEER"} and all("-Q" in x["period"] for x in rows)
    r = run("monitor", "--store", store, "--as-of", AS_OF, "--target-group", "G-SOC", "--format", "json")
    assert {x["channel"] for x in json.loads(r.stdout)} == {"mirror_conversation"}
    assert run("monitor", "--store", store, "--issue", "I-NONE").exit_code == 7
    assert run("monitor", "--store", store, "--period", "week").exit_code == 2


def test_objectives_json_and_statuses(store):
    r = run("objectives", "--store", store, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"objective_id", "target_group_id", "dimension", "expected", "latest", "margin", "status"} <= set(rows[0])
    status = {x["objective_id"]: x["status"] for x in rows}
    assert {"achieved", "on_track", "behind", "overdue", "too_few_respondents", "no_data"} == set(status.values())
    few = next(x for x in rows if x["status"] == "too_few_respondents")
    assert few["latest"] is None and few["respondents"] == 4
    assert "11 objectives: 2 achieved, 2 on track, 4 behind, 1 overdue, 1 too few respondents, 1 no data" in r.stderr
    # the minimum group size is the store's (or the option's): with 3, four respondents are shown
    r = run("objectives", "--store", store, "--as-of", AS_OF, "--min-group-size", "3", "--format", "json")
    assert {x["objective_id"]: x["status"] for x in json.loads(r.stdout)}[few["objective_id"]] != "too_few_respondents"
    r = run("objectives", "--store", store, "--as-of", "2025-12-01", "--target-group", "Medewerkers Sociaal Domein",
            "--format", "json")
    assert [x["objective_id"] for x in json.loads(r.stdout)] == ["O-SOC-KENNIS", "O-SOC-HOUDING"]


def test_compare_json_keys_kinds_and_order(store):
    r = run("compare", "--store", store, "--from", "2025-12-01", "--to", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"kind", "subject_id", "subject", "before", "after"} <= set(rows[0])
    kinds = [x["kind"] for x in rows]
    assert {"stance_changed", "objective_status_changed", "tie_added", "gap_opened"} <= set(kinds)
    wind = next(x for x in rows if x["kind"] == "objective_status_changed" and x["subject_id"] == "O-WIND-KENNIS")
    assert (wind["before"], wind["after"]) == ("on_track", "achieved")
    assert r.stderr.startswith(f"2025-12-01 → {AS_OF}: {len(rows)} changes (")
    assert run("compare", "--store", store, "--from", AS_OF, "--to", "2025-12-01").exit_code == 2
    assert run("compare", "--store", store).exit_code == 2  # --from is required
    same = run("compare", "--store", store, "--from", AS_OF, "--to", AS_OF, "--format", "json")
    assert json.loads(same.stdout) == [] and "0 changes" in same.stderr


def test_stakeholders_issue_lists_factors(store):
    r = run("stakeholders", "--store", store, "--as-of", AS_OF, "--issue", "I-WIND")
    assert r.exit_code == 0, r.stderr
    tables = r.stdout.split("\n\n")
    assert len(tables) == 2 and tables[1].startswith("factor id") and "F-NETCONG" in tables[1]
    assert r.stderr.strip().endswith("3 factors")
    rows = json.loads(run("stakeholders", "--store", store, "--as-of", AS_OF, "--issue", "I-WIND", "--format", "json").stdout)
    factors = [x for x in rows if "factor_id" in x]
    actors = [x for x in rows if "actor_id" in x]
    assert len(actors) == 10 and [x["factor_id"] for x in factors] == ["F-NETCONG", "F-ENERGIEPRIJS", "F-STIKSTOF"]
    assert set(factors[0]) == {"factor_id", "factor", "factor_kind", "issue_id", "issue", "effect", "effect_label", "date",
                               "description"}
    assert factors[0]["effect"] == -2 and factors[0]["effect_label"] == "strongly hinders"
    csv_rows = list(csv.DictReader(io.StringIO(run("stakeholders", "--store", store, "--as-of", AS_OF, "--issue", "I-WIND",
                                                   "--format", "csv").stdout)))
    assert len(csv_rows) == 13 and csv_rows[-1]["factor_id"] == "F-STIKSTOF" and csv_rows[-1]["actor_id"] == ""
    plain = json.loads(run("stakeholders", "--store", store, "--as-of", AS_OF, "--format", "json").stdout)
    assert not any("factor_id" in x for x in plain)  # without --issue: the actors only, as before


def test_plot_objectives_and_signals(store, tmp_path):
    r = run("plot", "objectives", "-o", tmp_path / "o.png", "--store", store, "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    assert "11 objectives" in r.stderr and (tmp_path / "o.png").read_bytes()[:4] == b"\x89PNG"
    r = run("plot", "signals", "-o", tmp_path / "s.png", "--store", store, "--as-of", AS_OF, "--period", "quarter")
    assert r.exit_code == 0, r.stderr
    assert "9 issues, 1 spike" in r.stderr


def test_new_commands_are_registered():
    from kgraph.cli import COMMANDS

    names = {c.name for c in COMMANDS}
    assert {"monitor", "objectives", "compare"} <= names
