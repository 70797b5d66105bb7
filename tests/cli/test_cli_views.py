"""CLI: stakeholders, giraffe, network, report, plot (CliRunner, stdout and stderr apart)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli


@pytest.fixture()
def store(tiny_kg):
    path = tiny_kg.location
    tiny_kg.close()
    return str(path)


def run(*args):
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return r


def test_stakeholders_json(store):
    r = run("stakeholders", "--store", store, "--as-of", "2025-12-31", "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    for key in ("actor_id", "issue_id", "stance", "influence", "interest", "quadrant", "blind_spot"):
        assert key in rows[0]
    krant = next(x for x in rows if x["actor_id"] == "A-KRANT")
    assert krant["blind_spot"] is True and krant["owner"] is None
    assert "3 positions of 3 actors on 2 issues: 1 blind spot" in r.stderr


def test_stakeholders_table_csv_and_options(store):
    r = run("stakeholders", "--store", store, "--issue", "I-WIND", "--midpoint", "4", "--as-of", "2025-12-31")
    assert r.exit_code == 0
    assert "keep informed" in r.stdout and "single contact" in r.stdout and "A-KRANT" not in r.stdout
    r = run("stakeholders", "--store", store, "--format", "csv", "--as-of", "2025-12-31")
    assert r.stdout.splitlines()[0].startswith("actor_id,actor,actor_kind,issue_id")
    assert "Anna de Vries (4, 2025-10-01)" in r.stdout


def test_stakeholders_unknown_issue_exit_7(store):
    r = CliRunner().invoke(cli, ["stakeholders", "--store", store, "--issue", "I-NOPE"])
    assert r.exit_code == 7 and "no issue 'I-NOPE'" in r.stderr


@pytest.mark.parametrize("cmd, extra, words", [
    ("giraffe", [], "10 nodes, 10 edges"),
    ("network", [], "8 nodes at person level"),
    ("network", ["--aggregate", "department"], "1 node at department level"),  # all 3 smaller than 5: merged
    ("network", ["--aggregate", "department", "--min-group-size", "1"], "3 nodes at department level"),
    ("report", ["--as-of", "2025-12-31"], "sections"),
])
def test_html_commands(store, tmp_path, cmd, extra, words):
    out = tmp_path / f"{cmd}.html"
    r = run(cmd, "-o", str(out), "--store", store, *extra)
    assert r.exit_code == 0, r.stderr
    assert out.exists() and r.stdout == ""
    assert f"wrote {out}" in r.stderr and words in r.stderr and "KB" in r.stderr


@pytest.mark.parametrize("kind", ["power-interest", "coverage"])
def test_plot(store, tmp_path, kind):
    out = tmp_path / f"{kind}.png"
    r = run("plot", kind, "-o", str(out), "--store", store, "--dpi", "60")
    assert r.exit_code == 0, r.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert f"wrote {out}" in r.stderr


def test_library_and_cli_agree(store, tmp_path):
    with kgraph.open(store) as kg:
        lib = kgraph.giraffe(kg, tmp_path / "lib.html")
    run("giraffe", "-o", str(tmp_path / "cli.html"), "--store", store)
    assert (tmp_path / "lib.html").read_bytes() == (tmp_path / "cli.html").read_bytes()
    assert lib["nodes"] == 10


def test_stakeholders_flags_a_handover(tmp_path, monkeypatch):
    """Bram Jansen (P02), the Dorpsraad's only contact, leaves on 2026-03-31: within 12 months of 2025-12-31."""
    import shutil

    monkeypatch.setenv("COLUMNS", "250")  # a wide terminal: each row on one line

    import kgraph

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "tiny", data)
    persons = (data / "persons.csv").read_text(encoding="utf-8")
    (data / "persons.csv").write_text(persons.replace("2012-03-01,\n", "2012-03-01,2026-03-31\n"), encoding="utf-8")
    with kgraph.open(tmp_path / "kg.db") as kg:
        kgraph.import_data(kg, data)
    store = str(tmp_path / "kg.db")
    r = run("stakeholders", "--store", store, "--as-of", "2025-12-31")
    assert r.exit_code == 0
    dorp = next(line for line in r.stdout.splitlines() if line.startswith("A-DORP"))
    assert "Bram Jansen leaves 2026-03-31" in dorp and "handover" in dorp
    assert "1 relationship to hand over" in r.stderr
    rows = json.loads(run("stakeholders", "--store", store, "--as-of", "2025-12-31", "--format", "json").stdout)
    dorp = next(x for x in rows if x["actor_id"] == "A-DORP")
    assert (dorp["handover"], dorp["handover_person_id"], dorp["handover_date"]) == (True, "P02", "2026-03-31")
    r = run("stakeholders", "--store", store, "--as-of", "2025-12-31", "--horizon", "2m", "--format", "json")
    assert not any(x["handover"] for x in json.loads(r.stdout))
