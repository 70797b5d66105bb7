"""kgraph demo: loads the demo, prints findings; with --pseudonymize no staff name shows."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.app.demo import demo_data_path


def test_demo_findings(tmp_path):
    r = CliRunner().invoke(cli, ["demo", "--store", str(tmp_path / "d.db"), "--no-views", "--as-of", "2026-12-01"])
    assert r.exit_code == 0, r.output
    assert "364 staff, 59 teams, 18 departments" in r.stdout
    assert "Linking pins and knowledge brokers" in r.stdout and "unmet need" in r.stdout
    assert "Stichting Tegenwind Lindenhoven" in r.stdout  # a blind spot of the demo
    r = CliRunner().invoke(cli, ["demo", "--store", str(tmp_path / "d.db"), "--no-views", "--as-of", "2026-12-01"])
    assert "no changes" in r.stdout  # loading the demo again changes nothing


def test_demo_pseudonymized(tmp_path):
    env = {"KGRAPH_PSEUDONYM_KEY": "kgraph-test-key-0123456789abcdef"}
    r = CliRunner().invoke(cli, ["demo", "--store", str(tmp_path / "d.db"), "--no-views", "--as-of", "2026-12-01",
                                 "--pseudonymize"], env=env)
    assert r.exit_code == 0, r.output
    with (demo_data_path() / "persons.csv").open(encoding="utf-8") as fh:
        names = [row["name"] for row in csv.DictReader(fh)]
    assert "Person " in r.stdout
    assert not [n for n in names if n in r.stdout]
