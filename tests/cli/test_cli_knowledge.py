"""CLI: gaps, who-knows, what-if, recommend; JSON keys, exit codes, the stderr summary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("knowledge") / "kg.db"
    with kgraph.open(path) as kg:
        kgraph.import_data(kg, TINY)
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_gaps_json(store):
    r = run("gaps", "--store", store, "--as-of", "2026-06-01", "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert {"kind", "severity", "subject_id", "subject", "unit_id", "unit", "why"} <= set(rows[0])
    assert {"kind": "orphan", "subject_id": "K-EXCEL"}.items() <= next(x for x in rows if x["kind"] == "orphan").items()
    # 6 high: Omgewingswet is at risk org-wide too (after Carla Smit leaves only Bram Jansen knows it at level ≥ 3)
    assert r.stderr.strip() == f"{len(rows)} findings: 6 high, 5 medium, 0 low"


def test_who_knows_json_with_path(store):
    r = run("who-knows", "wmo", "--from", "P05", "--store", store, "--as-of", "2026-06-01", "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert {"person_id", "name", "knowledge_id", "level", "path"} <= set(rows[0])
    assert rows[0]["path"] == ["P05", "P01", "P06"]
    assert "2 persons know Wet maatschappelijke ondersteuning" in r.stderr


def test_who_knows_typo_table(store):
    r = run("who-knows", "omgevnigswet", "--store", store, "--top", "1")
    assert r.exit_code == 0 and "Carla Smit" in r.stdout


def test_who_knows_nothing(store):
    r = run("who-knows", "xyzzy", "--store", store)
    assert r.exit_code == 0 and "nobody found for 'xyzzy'" in r.stderr


def test_unknown_person_exit_7(store):
    r = run("who-knows", "wmo", "--from", "Nobody", "--store", store)
    assert r.exit_code == 7 and "no person 'Nobody'" in r.stderr
    r = run("what-if", "--without", "P99", "--store", store)
    assert r.exit_code == 7


def test_what_if(store):
    r = run("what-if", "--leaving-within", "12m", "--as-of", "2026-06-01", "--store", store, "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert {"kind", "subject_id", "before", "after", "why"} <= set(rows[0])
    assert r.stderr.strip() == f"without 1 person: {len(rows)} changes"
    assert run("what-if", "--store", store).exit_code == 2  # nothing to take away


def test_recommend(store):
    r = run("recommend", "--as-of", "2026-06-01", "--store", store, "--format", "csv")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].startswith("action,priority,from_id,from_name,to_id,to_name,subject_id")
    assert "4 transfers, 0 introductions" in r.stderr


@pytest.mark.parametrize("command", ["gaps", "who-knows", "what-if", "recommend"])
def test_help_has_example(command):
    r = run(command, "--help")
    assert r.exit_code == 0 and "Examples:" in r.stdout and "--store" in r.stdout


#: what `kgraph who-knows` must not import (each costs a large part of a second to load)
HEAVY = ("pandas", "numpy", "networkx", "scipy", "igraph", "matplotlib", "tomllib", "pickle", "tempfile")  # tomllib: the schema is not read; pickle, tempfile: no second process


@pytest.mark.parametrize("args", [("wmo", "--format", "table"), ("omgevnigswet", "--format", "csv"),
                                  ("wet", "--format", "json"), ("wmo", "--from", "P05", "--format", "json")])
def test_who_knows_imports_nothing_heavy(store, args):
    """The command's path stays light (a behaviour, not a timing): run it in a fresh
    process and look at what it added to ``sys.modules``. Modules the interpreter had
    loaded before kgraph was imported are not kgraph's: a ``.pth`` file in site-packages
    may import them at start-up (a CA injector importing certifi, and with it tempfile,
    is one seen on CI machines)."""
    code = (  # printed by an exit handler: a command that succeeded ends in main() (kgraph._gc.end)
        "import atexit, sys; before = set(sys.modules)\n"
        "atexit.register(lambda: print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] in %r)))\n"
        "from kgraph.cli import main; sys.argv=['kgraph','who-knows',*%r,'--store',%r]\n"
        "main()" % (HEAVY, list(args), store)
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_gaps_selection_options(store):
    every = json.loads(run("gaps", "--store", store, "--as-of", "2026-06-01", "--format", "json").stdout)
    r = run("gaps", "--store", store, "--as-of", "2026-06-01", "--format", "json", "--severity", "high", "--top", "2")
    rows = json.loads(r.stdout)
    assert [x["severity"] for x in rows] == ["high", "high"]
    assert r.stderr.strip() == f"2 of {len(every)} findings: 2 high, 0 medium, 0 low"
    r = run("gaps", "--store", store, "--as-of", "2026-06-01", "--format", "json", "--kind", "stale", "--stale-by", "skill")
    assert {(x["person_id"], x["subject_id"]) for x in json.loads(r.stdout)} == {("P03", "K-DSO"), ("P07", "K-WMO")}
    r = run("gaps", "--store", store, "--as-of", "2026-06-01", "--format", "json", "--kind", "single_holder", "--min-level", "5")
    # at level 5 only Carla Smit knows Omgevingswet (and so Ruimtelijke ordening, its broader item), only Frank Mulder
    # the Wmo; nobody DSO (an orphan now)
    assert {x["subject_id"] for x in json.loads(r.stdout)} == {"K-OMGW", "K-WMO", "K-RO"}
    assert CliRunner().invoke(cli, ["gaps", "--store", store, "--kind", "nonsense"]).exit_code == 2


def test_who_knows_table_is_cut_by_default_and_says_so(store, monkeypatch):
    from kgraph.cli import knowledge

    every = run("who-knows", "wmo", "--store", store, "--as-of", "2026-06-01", "--format", "json")
    total = len(json.loads(every.stdout))
    assert total >= 2
    monkeypatch.setattr(knowledge, "WHO_KNOWS_TOP", 1)
    r = run("who-knows", "wmo", "--store", store, "--as-of", "2026-06-01")
    assert r.exit_code == 0 and "the first 1 shown; --top N shows more" in r.stderr
    r1 = run("who-knows", "wmo", "--store", store, "--as-of", "2026-06-01", "--top", "1")
    assert r.stdout == r1.stdout and "the first" not in r1.stderr  # asked for: no note
    r = run("who-knows", "wmo", "--store", store, "--as-of", "2026-06-01", "--format", "json")
    assert len(json.loads(r.stdout)) == total  # machine output is whole
