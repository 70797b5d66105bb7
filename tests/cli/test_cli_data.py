"""CLI: info, validate, import, template; exit codes; stdout vs stderr."""

from __future__ import annotations

import json

from click.testing import CliRunner

import kgraph
from kgraph.cli import cli


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def test_import_then_info(store_path, tiny_dir):
    r = run("import", tiny_dir, "--store", store_path)
    assert r.exit_code == 0
    assert r.stderr.strip().endswith("81 added, 0 changed, 0 removed")
    r = run("import", tiny_dir, "--store", store_path)
    assert r.exit_code == 0 and r.stdout == ""
    assert "no changes" in r.stderr
    r = run("info", "--store", store_path, "--format", "json")
    rows = json.loads(r.stdout)
    assert {"category": "node", "kind": "Person", "count": 8} in rows
    assert all(set(row) == {"category", "kind", "count"} for row in rows)
    assert r.stderr.startswith(f"embedded store {store_path}: 27 nodes")


def test_store_from_environment(store_path, tiny_dir):
    env = {"KGRAPH_STORE": str(store_path)}
    assert run("import", tiny_dir, env=env).exit_code == 0
    r = run("info", "--format", "csv", env=env)
    assert "node,Person,8" in r.stdout.splitlines()


def test_validate_reports_every_problem_and_exit_3(tiny_copy):
    p = tiny_copy / "skills.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("P02,K-OMGW,4", "P02,K-OMGW,8").replace("P03,K-DSO", "P33,K-DSO"), encoding="utf-8")
    r = run("validate", tiny_copy)
    assert r.exit_code == 3
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert "skills.csv:2:level: 8 is out of range (1 to 5)" in lines
    assert "skills.csv:4:person_id: unknown person 'P33'" in lines
    assert "Error: 2 problems found; nothing was written" in lines
    assert "Traceback" not in r.stderr


def test_invalid_import_exit_3_and_store_untouched(store_path, tiny_dir, tiny_copy):
    run("import", tiny_dir, "--store", store_path)
    before = store_path.read_bytes()
    (tiny_copy / "teams.csv").write_text("id,name\nT-X,\n", encoding="utf-8")
    r = run("import", tiny_copy, "--store", store_path)
    assert r.exit_code == 3 and "teams.csv:2:name: value required" in r.stderr
    assert store_path.read_bytes() == before


def test_debug_shows_traceback(tiny_copy):
    (tiny_copy / "teams.csv").write_text("id,name\nT-X,\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--debug", "validate", str(tiny_copy)])
    assert isinstance(r.exception, kgraph.ValidationError)


def test_missing_store_is_a_clear_error(tmp_path):
    r = run("info", "--store", tmp_path / "none.db")
    assert r.exit_code == 4
    assert "no kgraph store here" in r.stderr and "Hint:" in r.stderr


def test_missing_input_path(tmp_path):
    r = run("validate", tmp_path / "nope")
    assert r.exit_code == 3 and "no such file or folder" in r.stderr


def test_template_round_trip(tmp_path):
    r = run("template", tmp_path / "t")
    assert r.exit_code == 0 and "persons.csv" in r.stdout
    assert (tmp_path / "t" / "persons.csv").read_text(encoding="utf-8").startswith("id,name,email,function")
    r = run("template", tmp_path / "t")
    assert r.exit_code == 3 and "--overwrite" in r.stderr
    r = run("template", tmp_path / "nl", "--dutch")
    assert (tmp_path / "nl" / "medewerkers.csv").read_text(encoding="utf-8-sig").startswith("id;naam;email;functie")
    # the template is valid example data (and validate says its example rows are still there)
    r = run("validate", tmp_path / "nl")
    assert r.exit_code == 0 and "medewerkers.csv:2:id: warning: the template's example row" in r.stderr
    r = run("template", tmp_path / "org.xlsx")
    assert r.exit_code == 0 and (tmp_path / "org.xlsx").exists()
    assert run("validate", tmp_path / "org.xlsx").exit_code == 0
