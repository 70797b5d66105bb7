"""CLI: schema-apply, query, export; and the same output from both stores for every command."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli

ROOT = Path(__file__).parents[2]
TINY = ROOT / "tests" / "data" / "tiny"
DEMO = ROOT / "kgraph" / "data" / "demo"

# the Bolt server fixtures live with the store tests; load them here too
_spec = importlib.util.spec_from_file_location("_kgraph_store_fixtures", ROOT / "tests" / "store" / "conftest.py")
_fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fx)
bolt_server, neo4j_env = _fx.bolt_server, _fx.neo4j_env


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.mark.parametrize("command", ["schema-apply", "query", "export"])
def test_help_has_example(command):
    r = run(command, "--help")
    assert r.exit_code == 0 and "Example" in r.stdout and "--store" in r.stdout
    assert "password" not in r.stdout.lower().replace("kgraph_neo4j_password", "")


def test_query_list_needs_no_store():
    r = run("query", "--list", "--format", "json")
    names = [row["name"] for row in json.loads(r.stdout)]
    for q in ("who_knows", "formal_linking_pins", "single_holders", "unmet_needs", "blind_spots", "positions_on_issue", "person"):
        assert q in names
    assert "upsert_nodes" not in names  # store-internal writes are not runnable


def test_query_on_embedded_store_exit_6(tiny_kg):
    r = run("query", "who_knows", "-p", 'knowledge_ids=["K-OMGW"]', "--store", tiny_kg.location)
    assert r.exit_code == 6
    assert "need a Neo4j store" in r.stderr and "who-knows" in r.stderr


def test_unknown_query_lists_names(tiny_kg):
    r = run("query", "nope", "--store", tiny_kg.location)
    assert r.exit_code == 6 and "who_knows" in r.stderr


def test_bad_param_syntax():
    r = CliRunner().invoke(cli, ["query", "person", "-p", "novalue"])
    assert r.exit_code == 2


def test_schema_apply_on_embedded_exit_4(store_path):
    r = run("schema-apply", "--store", store_path)
    assert r.exit_code == 4 and "Neo4j" in r.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cypher"])
def test_export_embedded(tiny_kg, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    r = run("export", "-o", out, "--format", fmt, "--store", tiny_kg.location)
    assert r.exit_code == 0 and out.is_file()
    assert r.stdout.strip() == str(out)
    assert r.stderr.strip().startswith("exported 27 nodes and 54 edges")


def test_export_csv_folder(tiny_kg, tmp_path):
    r = run("export", "-o", tmp_path / "out", "--format", "csv", "--store", tiny_kg.location)
    assert r.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["edges.csv", "nodes.csv"]


def test_neo4j_commands(neo4j_env, tmp_path):
    url, db = neo4j_env["url"], neo4j_env["database"]
    r = run("schema-apply", "--store", url, "--database", db)
    assert r.exit_code == 0 and "IF NOT EXISTS" in r.stdout and "schema applied" in r.stderr
    r = run("import", TINY, "--store", url, "--database", db)
    assert r.exit_code == 0 and "81 added" in r.stderr
    r = run("query", "who_knows", "-p", 'knowledge_ids=["K-OMGW"]', "--store", url, "--database", db, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [(x["person_id"], x["level"]) for x in rows] == [("P03", 5), ("P02", 4), ("P04", 2)]
    r = run("query", "person", "-p", "id=P04", "--store", url, "--database", db, "--format", "json")
    assert json.loads(r.stdout)[0]["teams"] == ["T-BELEID (member)", "T-VERG (member)"]
    r = run("query", "positions_on_issue", "--store", url, "--database", db)
    assert r.exit_code == 6 and "missing parameter" in r.stderr and "issue_id" in r.stderr
    r = run("query", "positions_on_issue", "-p", "issue_id=I-WIND", "--store", url, "--database", db, "--format", "csv")
    assert r.exit_code == 0 and r.stdout.count("A-DORP") == 2
    out = tmp_path / "g.gexf"
    r = run("export", "-o", out, "--format", "gexf", "--store", url, "--database", db)
    assert r.exit_code == 0 and out.is_file()


def test_log_on_neo4j(neo4j_env):
    """`kgraph log` writes through the store interface: the same on a Bolt server."""
    url, db = neo4j_env["url"], neo4j_env["database"]
    where = ["--store", url, "--database", db]
    assert run("import", TINY, *where).exit_code == 0
    r = run("log", "--actor", "A-PROV", "--by", "P01", "--issue", "I-WIND", "--kind", "meeting", "--mode", "dialogue",
            "--follow-up", "Notitie sturen", "--due", "2025-12-20", "--date", "2025-12-15", *where)
    assert r.exit_code == 0, r.stderr
    [logged] = [w for w in r.stderr.split() if w.startswith("L-")]
    r = run("interactions", "--as-of", "2025-12-31", "--follow-ups", "overdue", "--format", "json", *where)
    assert [x["interaction_id"] for x in json.loads(r.stdout)] == [logged]
    assert run("log", "--done", logged, "--date", "2025-12-20", *where).exit_code == 0  # closed on a date
    r = run("interactions", "--as-of", "2025-12-31", "--follow-ups", "done", "--format", "json", *where)
    assert [x["interaction_id"] for x in json.loads(r.stdout)] == [logged]


def _outputs(store_args, extra_env=None):
    commands = {
        "info": [],
        "who-knows": ["omgevingswet"],
        "gaps": ["--as-of", "2026-06-01"],
        "linking-pins": [],
        "stakeholders": [],
        "what-if": ["--without", "P0003", "--as-of", "2026-06-01"],
        "engage": ["--as-of", "2026-12-01"],
        "interactions": ["--as-of", "2026-12-01", "--follow-ups", "all"],
    }
    out = {}
    for name, args in commands.items():
        if name not in cli.commands:
            continue
        r = CliRunner().invoke(cli, [name, *args, "--format", "json", *store_args], env=extra_env)
        out[name] = (r.exit_code, r.stdout)
    return out


@pytest.mark.slow
def test_demo_gives_identical_output_on_both_stores(neo4j_env, tmp_path):
    """For the demo data every command gives the same output from either store."""
    emb = tmp_path / "demo.db"
    assert run("import", DEMO, "--store", emb).exit_code == 0
    url, db = neo4j_env["url"], neo4j_env["database"]
    assert run("import", DEMO, "--store", url, "--database", db).exit_code == 0
    a = _outputs(["--store", str(emb)])
    b = _outputs(["--store", url, "--database", db])
    assert a.keys() == b.keys() and "info" in a
    for name in a:
        assert a[name][0] == 0, name
        assert a[name] == b[name], name
