"""Aggregate-only mode: person-level output refused (exit 8), aggregates and rights still served."""

from __future__ import annotations

import json

import pytest

import kgraph
from kgraph.cli import cli
from kgraph.errors import PrivacyError

#: person-level commands and arguments; each is refused when it exists
PERSON_LEVEL = {
    "linking-pins": [],
    "who-knows": ["omgevingswet"],
    "gaps": [],
    "what-if": ["--leaving-within", "12m"],
    "recommend": [],
    "stakeholders": [],
    "engage": [],
    "interactions": [],
    "giraffe": ["-o", "{out}/g.html"],
    "network": ["-o", "{out}/n.html"],
    "report": ["-o", "{out}/r.html"],
    "export": ["--format", "json", "-o", "{out}/g.json"],
}


@pytest.fixture
def locked_db(kit, tiny_db):
    r = kit.run("privacy", "--store", tiny_db, "--aggregate-only", "on")
    assert r.exit_code == 0, r.stderr
    assert "aggregate-only" in r.stderr
    return tiny_db


@pytest.mark.parametrize("name", sorted(PERSON_LEVEL))
def test_person_level_commands_are_refused(kit, locked_db, tmp_path, name):
    assert name in cli.commands, f"kgraph {name} is missing"
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(out=out) for a in PERSON_LEVEL[name]]
    r = kit.run(name, *args, "--store", locked_db)
    assert r.exit_code == 8, (name, r.stderr)
    assert r.stdout == ""
    assert "aggregate-only mode: person-level output is refused" in r.stderr
    assert "Hint:" in r.stderr and "kgraph aggregates" in r.stderr
    assert not list(out.iterdir())
    r = kit.run(name, *args, "--store", locked_db, "--pseudonymize")  # pseudonyms do not lift the mode
    assert r.exit_code == 8


def test_the_log_is_refused_too(kit, locked_db):
    """Logging reads the stored people (to check --by) and echoes the row: refused, nothing written."""
    before = locked_db.read_bytes()
    r = kit.run("log", "--store", locked_db, "--actor", "A-PROV", "--by", "P01", "--kind", "call", "--mode", "inform")
    assert r.exit_code == 8 and "aggregate-only" in r.stderr and r.stdout == ""
    assert locked_db.read_bytes() == before


def test_info_aggregates_and_rights_still_work(kit, locked_db, tmp_path):
    r = kit.run("info", "--store", locked_db, "--format", "json")
    assert r.exit_code == 0 and {"category": "node", "kind": "Person", "count": 8} in json.loads(r.stdout)
    r = kit.run("aggregates", "--store", locked_db, "--by", "team", "--format", "json")
    assert r.exit_code == 0
    assert all(row["persons"] in (0, None) or row["persons"] >= 5 for row in json.loads(r.stdout))
    r = kit.run("person-report", "P03", "--store", locked_db, "-o", tmp_path / "p03.json")
    assert r.exit_code == 0
    assert json.loads((tmp_path / "p03.json").read_text(encoding="utf-8"))["properties"]["name"] == "Carla Smit"
    r = kit.run("forget", "P03", "--store", locked_db, "--yes")
    assert r.exit_code == 0
    with kgraph.open(locked_db) as kg:
        assert kg.store.counts()["Person"] == 7


def test_settings_shown_and_turning_off_needs_yes(kit, locked_db):
    r = kit.run("privacy", "--store", locked_db, "--format", "json")
    settings = {row["setting"]: row["value"] for row in json.loads(r.stdout)}
    assert settings == {"aggregate_only": True, "min_group_size": 5, "pseudonym_key": "set"}
    r = kit.run("privacy", "--store", locked_db, "--aggregate-only", "off")
    assert r.exit_code == 8 and "--yes" in r.stderr
    assert kit.run("linking-pins", "--store", locked_db).exit_code == 8
    r = kit.run("privacy", "--store", locked_db, "--aggregate-only", "off", "--yes")
    assert r.exit_code == 0 and "Warning:" in r.stderr
    assert kit.run("linking-pins", "--store", locked_db).exit_code == 0


def test_min_group_size_cannot_be_lowered_in_aggregate_only_mode(kit, locked_db):
    r = kit.run("aggregates", "--store", locked_db, "--min-group-size", "2")
    assert r.exit_code == 8 and "--min-group-size 5" in r.stderr
    r = kit.run("aggregates", "--store", locked_db, "--min-group-size", "8", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)[0]["persons"] == 8


def test_library_handle_refuses_person_reads(locked_db):
    with kgraph.open(locked_db) as kg:
        with pytest.raises(PrivacyError, match="aggregate-only"):
            kg.dataset()
        for call in (lambda: kg.store.nodes("Person"), lambda: kg.store.node("P01"),
                     lambda: kg.store.edges("WORKS_WITH"), lambda: kg.store.edges("KNOWS", sources=["P01"]),
                     lambda: kg.store.find_nodes("Person", "Anna de Vries"), lambda: kgraph.linking_pins(kg)):
            with pytest.raises(PrivacyError):
                call()
        assert set(kg.store.nodes("Team")) == {"T-BELEID", "T-MT", "T-VERG", "T-WMO"}
        assert kg.store.node("T-VERG")[0] == "Team"
        assert len(kg.store.edges("PART_OF")) == 6
        assert not hasattr(kg.store, "db")
        assert kg.min_group_size == 5
        assert len(kgraph.aggregates(kg)) == 1


def test_privacy_settings_library(tiny_db):
    with kgraph.open(tiny_db) as kg:
        assert kgraph.privacy_settings(kg)["aggregate_only"] is False
        kgraph.privacy_settings(kg, aggregate_only=True, min_group_size=3)
        with pytest.raises(PrivacyError):
            kgraph.privacy_settings(kg, aggregate_only=False)
        assert kgraph.privacy_settings(kg, aggregate_only=False, confirm=True)["aggregate_only"] is False
    with kgraph.open(tiny_db) as kg:
        assert kg.min_group_size == 3
