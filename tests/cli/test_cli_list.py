"""``kgraph list`` and naming a node by its id, its name or a part of it (issue 14 item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
AS_OF = "2026-06-01"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("list") / "kg.db"
    with kgraph.open(path) as kg:
        kgraph.import_data(kg, TINY)
    return str(path)


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)


@pytest.mark.parametrize("kind,first", [("persons", "Anna de Vries"), ("teams", None), ("departments", "Gemeente Testdorp"),
                                        ("issues", "Centrumplan"), ("actors", None), ("knowledge", None)])
def test_list_every_kind(store, kind, first):
    r = run("list", kind, "--store", store, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and {"id", "name"} <= set(rows[0])
    assert [x["name"] for x in rows] == sorted((x["name"] for x in rows), key=str.casefold) or kind == "persons"
    if first:
        assert first in {x["name"] for x in rows}


def test_list_matches_a_part(store):
    rows = json.loads(run("list", "issues", "wind", "--store", store, "--format", "json").stdout)
    assert [x["id"] for x in rows] == ["I-WIND"]
    assert "1 issue" in run("list", "issues", "wind", "--store", store).stderr


def test_list_library_function(store):
    with kgraph.open(store) as kg:
        df = kgraph.list_nodes(kg, "teams", as_of=AS_OF)
    assert {"T-VERG", "T-WMO"} <= set(df["id"]) and list(df.columns) == ["id", "name", "department"]


def test_list_persons_is_person_level(store, tmp_path, monkeypatch):
    monkeypatch.setenv("KGRAPH_PSEUDONYM_KEY", "k" * 32)
    r = run("list", "persons", "--store", store, "--pseudonymize", "--format", "json", "--as-of", AS_OF)
    assert r.exit_code == 0 and "Anna de Vries" not in r.stdout and "P01" not in r.stdout
    db = tmp_path / "agg.db"
    with kgraph.open(db) as kg:
        kgraph.import_data(kg, TINY)
        kgraph.privacy_settings(kg, aggregate_only=True)
    assert run("list", "persons", "--store", db).exit_code == 8
    assert run("list", "teams", "--store", db).exit_code == 0  # no person data: listed in every mode


@pytest.mark.parametrize("args", [
    ["what-if", "--without", "carla", "--as-of", AS_OF],
    ["who-knows", "wmo", "--from", "anna", "--as-of", AS_OF],
    ["stakeholders", "--issue", "windpark", "--as-of", AS_OF],
    ["linking-pins", "--between", "vergunning", "sociaal", "--as-of", AS_OF],
])
def test_options_take_a_part_of_a_name(store, args):
    r = run(*args, "--store", store)
    assert r.exit_code == 0, r.stderr


def test_an_ambiguous_part_lists_the_candidates(store):
    r = run("what-if", "--without", "d", "--store", store, "--as-of", AS_OF)  # Daan, de Vries, den Berg
    assert r.exit_code == 2 and "'d' is part of the names of 3 persons" in r.stderr
    assert "P01 (Anna de Vries)" in r.stderr and "P04 (Daan Bakker)" in r.stderr


def test_what_if_json_has_no_missing_value_objects(store):
    r = run("what-if", "--without", "Bram Jansen", "--as-of", AS_OF, "--store", store, "--format", "json")
    assert r.exit_code == 0, r.stderr
    json.loads(r.stdout)
    table = run("what-if", "--without", "Bram Jansen", "--as-of", AS_OF, "--store", store).stdout
    assert "<NA>" not in table and "nan" not in table.lower().split()
