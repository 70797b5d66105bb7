"""CLI: engage, interactions, log, engage-settings on the tiny organisation (AS_OF 2025-12-31:
A-PROV and A-DORP key players with contacts last touched 2025-10-01 and 2025-09-02, A-KRANT a
blind spot); JSON keys, exit codes, messages naming the option, the stderr summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
AS_OF = "2025-12-31"
KEYS = {"actor_id", "issue_id", "quadrant", "stance", "recommended_mode", "modes_used", "last_interaction",
        "contact_overdue", "open_follow_ups", "overdue_follow_ups", "owner_id"}


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "kg.db"
    with kgraph.open(path) as kg:
        kgraph.import_data(kg, TINY)
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def rows(r) -> list[dict]:
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def by_actor(rs) -> dict[str, dict]:
    return {r["actor_id"]: r for r in rs}


def log_meeting(store, *extra):
    return run("log", "--store", store, "--actor", "Provincie", "--by", "Anna de Vries", "--issue", "I-WIND",
               "--kind", "overleg", "--mode", "dialogiseren", "--summary", "Geluidsnormen besproken",
               "--follow-up", "Notitie sturen", "--due", "2025-12-20", "--date", "2025-12-15", *extra)


def test_engage_before_anything_is_logged(store):
    got = by_actor(rows(run("engage", "--store", store, "--as-of", AS_OF, "--format", "json")))
    assert set(got) == {"A-PROV", "A-DORP", "A-KRANT"} and KEYS <= set(got["A-PROV"])
    prov, dorp, krant = got["A-PROV"], got["A-DORP"], got["A-KRANT"]
    assert (prov["quadrant"], prov["stance"], prov["recommended_mode"]) == ("key player", 2, "co_create")
    assert (dorp["stance"], dorp["recommended_mode"], dorp["owner_id"]) == (-2, "dialogue", "P02")
    assert prov["last_contact"] == "2025-10-01" and prov["contact_overdue"]  # a key player: every month
    assert krant["blind_spot"] and krant["contact_overdue"] and krant["last_contact"] is None
    assert all(r["modes_used"] == [] and r["last_interaction"] is None for r in got.values())


def test_log_then_engage(store):
    r = log_meeting(store)
    assert r.exit_code == 0, r.output
    assert "Notitie sturen" in r.stdout and "open" in r.stdout
    [logged] = [w for w in r.stderr.split() if w.startswith("L-")]
    assert r.stderr.startswith(f"logged {logged} (2025-12-15) in ")
    got = by_actor(rows(run("engage", "--store", store, "--as-of", AS_OF, "--format", "json")))
    prov = got["A-PROV"]
    assert (prov["last_interaction"], prov["last_contact"], prov["next_contact"]) == ("2025-12-15", "2025-12-15", "2026-01-15")
    assert not prov["contact_overdue"] and prov["modes_used"] == ["dialogue"] and prov["mode_differs"]
    assert (prov["open_follow_ups"], prov["overdue_follow_ups"]) == (1, 1)  # due 2025-12-20
    assert got["A-DORP"]["contact_overdue"] and got["A-DORP"]["modes_used"] == []
    # the stakeholder map's last contact follows the log
    sh = by_actor(rows(run("stakeholders", "--store", store, "--as-of", AS_OF, "--format", "json")))
    assert sh["A-PROV"]["last_contact"] == "2025-12-15"
    # overdue only: the actors whose contact or a follow-up is overdue
    late = rows(run("engage", "--store", store, "--as-of", AS_OF, "--overdue-only", "--format", "json"))
    assert {r["actor_id"] for r in late} == {"A-PROV", "A-DORP", "A-KRANT"}
    one = run("engage", "--store", store, "--as-of", AS_OF, "--issue", "Centrumplan")
    assert one.exit_code == 0 and "A-KRANT" in one.stdout and "A-PROV" not in one.stdout
    assert "1 position; overdue: 1 actor for contact" in one.stderr

    # logging the same interaction again adds nothing
    again = log_meeting(store)
    assert again.exit_code == 0 and again.stderr.startswith(f"already in the log: {logged}")
    assert len(rows(run("interactions", "--store", store, "--as-of", AS_OF, "--format", "json"))) == 1

    # the follow-up is overdue, then closed
    late = rows(run("interactions", "--store", store, "--as-of", AS_OF, "--follow-ups", "overdue", "--format", "json"))
    assert [(x["interaction_id"], x["days_overdue"]) for x in late] == [(logged, 11)]
    closed = run("log", "--store", store, "--done", logged, "--date", "2025-12-30")
    assert closed.exit_code == 0 and f"closed {logged} (2025-12-30)" in closed.stderr
    assert rows(run("interactions", "--store", store, "--as-of", AS_OF, "--follow-ups", "open", "--format", "json")) == []
    done = run("log", "--store", store, "--done", logged)
    assert done.exit_code == 0 and f"already done: {logged}" in done.stderr


def test_log_problems_name_the_option_and_write_nothing(store):
    before = Path(store).read_bytes()
    r = run("log", "--store", store, "--actor", "A-NONE", "--by", "P99", "--kind", "lunch", "--mode", "preken",
            "--due", "20-12-2025", "--issue", "A-DORP", "--date", "2025-12-15")
    assert r.exit_code == 3
    assert r.stderr.splitlines() == [
        "kgraph log:--actor: unknown actor 'A-NONE'",
        "kgraph log:--by: unknown person 'P99'",
        "kgraph log:--due: '20-12-2025' is not a date; write YYYY-MM-DD",
        "kgraph log:--issue: 'A-DORP' is an actor, expected an issue",
        "kgraph log:--kind: 'lunch' is not one of: meeting, call, letter, email, event, site_visit "
        "(Dutch: overleg, telefoon, brief, mail, bijeenkomst, werkbezoek)",
        "kgraph log:--mode: 'preken' is not one of: inform, persuade, dialogue, co_create "
        "(Dutch: informeren, overreden, dialogiseren, formeren)",
        "Error: 6 problems found; nothing was written",
        "Hint: correct the options listed and run the command again",
    ]
    assert Path(store).read_bytes() == before
    r = run("log", "--store", store, "--actor", "A-PROV", "--by", "P01", "--due", "2025-12-20")
    assert r.exit_code == 3
    assert {"kgraph log:--kind: value required", "kgraph log:--mode: value required",
            "kgraph log:--due: filled in, but follow_up is empty: give both or neither"} <= set(r.stderr.splitlines())
    r = run("log", "--store", store, "--done", "L-000000000000")
    assert r.exit_code == 3 and "kgraph log:--done: unknown interaction 'L-000000000000'" in r.stderr
    r = run("log", "--store", store)
    assert r.exit_code == 2 and "nothing to log" in r.stderr


def test_log_notes_a_person_who_is_not_a_contact(store):
    r = run("log", "--store", store, "--actor", "A-KRANT", "--by", "P03", "--kind", "call", "--mode", "inform",
            "--date", "2025-12-01")
    assert r.exit_code == 0 and "not listed as a contact of this actor" in r.stderr
    krant = by_actor(rows(run("engage", "--store", store, "--as-of", AS_OF, "--format", "json")))["A-KRANT"]
    assert krant["blind_spot"] and krant["contact_overdue"]  # still no contact in the table: a blind spot stays overdue
    assert krant["last_interaction"] == "2025-12-01"


def test_interactions_filters(store):
    log_meeting(store)
    run("log", "--store", store, "--actor", "A-DORP", "--by", "P02", "--kind", "brief", "--mode", "informeren",
        "--date", "2025-06-01")
    every = rows(run("interactions", "--store", store, "--as-of", AS_OF, "--format", "json"))
    assert [x["actor_id"] for x in every] == ["A-PROV", "A-DORP"]  # newest first
    assert [x["actor_id"] for x in rows(run("interactions", "--store", store, "--as-of", AS_OF, "--since", "3m",
                                            "--format", "json"))] == ["A-PROV"]
    assert [x["kind"] for x in rows(run("interactions", "--store", store, "--as-of", AS_OF, "--by", "Bram Jansen",
                                        "--format", "json"))] == ["letter"]
    assert rows(run("interactions", "--store", store, "--as-of", "2025-06-30", "--format", "json"))[0]["actor_id"] == "A-DORP"
    r = run("interactions", "--store", store, "--as-of", AS_OF, "--follow-ups", "all")
    assert r.exit_code == 0 and "Notitie sturen" in r.stdout
    assert r.stderr.strip() == "1 interaction; follow-ups: 1 overdue, 0 open"


def test_engage_settings(store):
    r = run("engage-settings", "--store", store, "--format", "json")
    assert [x["changed"] for x in rows(r)] == [False] * 4
    r = run("engage-settings", "--store", store, "--cadence", "key player=3m", "--mode", "key_player:+2=dialogue",
            "--format", "json")
    got = {x["quadrant"]: x for x in rows(r)}
    assert got["key player"]["cadence_months"] == 3 and got["key player"]["strongly_for"] == "dialogue"
    assert got["key player"]["changed"] and not got["monitor"]["changed"]
    prov = by_actor(rows(run("engage", "--store", store, "--as-of", AS_OF, "--format", "json")))["A-PROV"]
    assert prov["recommended_mode"] == "dialogue" and prov["cadence_months"] == 3 and not prov["contact_overdue"]
    for bad in (["--cadence", "vip=1m"], ["--mode", "key player:5=inform"], ["--mode", "key player=inform"],
                ["--cadence", "monitor=0"]):
        assert run("engage-settings", "--store", store, *bad).exit_code == 2, bad
    assert "1 of 4 quadrants differ" in run("engage-settings", "--store", store).stderr
    r = run("engage-settings", "--store", store, "--reset", "--format", "json")
    assert [x["changed"] for x in rows(r)] == [False] * 4


def test_an_import_keeps_what_was_logged(store, tmp_path):
    log_meeting(store)
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    assert run("import", str(data), "--store", store).exit_code == 0
    assert len(rows(run("interactions", "--store", store, "--as-of", AS_OF, "--format", "json"))) == 1
