"""CLI: kgraph ties from-calendar / from-mail; stdout vs stderr, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli
from tests.collect.icsgen import SECRET, event, write

# the tiny organisation: P01 anna, P02 bram, P03 carla, P05 eva (all @testdorp.nl)
WEEKLY = event("w1", "20260105T100000", "20260105T110000", organizer="anna@testdorp.nl",
               attendees=["bram@testdorp.nl", "carla@testdorp.nl", "jan@partner.example"], rrule="FREQ=WEEKLY;COUNT=4")
PERIOD = ["--from", "2026-01-01", "--to", "2026-04-01"]


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def store(store_path, tiny_dir):
    kg = kgraph.open(store_path)
    kgraph.import_data(kg, tiny_dir)
    kg.close()
    return store_path


@pytest.fixture
def ics(tmp_path):
    return write(tmp_path, "anna.ics", WEEKLY)


def test_rows_on_stdout_summary_on_stderr(store, ics):
    r = run("ties", "from-calendar", ics, "--store", store, *PERIOD, "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [(x["source_id"], x["target_id"], x["weight"], x["interactions"]) for x in rows] == [
        ("P01", "P02", 1, 4), ("P01", "P03", 1, 4), ("P02", "P03", 1, 4)]
    assert r.stderr.strip() == (
        "calendar 2026-01-01 to 2026-04-01: 1 file, 1 event, 4 meetings in the period, 4 counted; 3 ties "
        "(at least 3 each); 1 address matched no person (--show-unmatched lists them)")
    assert "jan@partner" not in r.stdout + r.stderr and SECRET not in r.stdout + r.stderr


def test_show_unmatched_lists_them_on_stderr(store, ics):
    r = run("ties", "from-calendar", ics, "--store", store, *PERIOD, "--show-unmatched", "--format", "csv")
    assert r.exit_code == 0
    assert "jan@partner.example" not in r.stdout
    assert r.stderr.splitlines()[0] == "unmatched: jan@partner.example"


def test_output_file_then_import_as_usual(store, ics, tmp_path):
    out = tmp_path / "ties.csv"
    r = run("ties", "from-calendar", ics, "--store", store, *PERIOD, "-o", out)
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.rstrip().endswith(f"; written to {out}")
    assert out.read_text(encoding="utf-8").splitlines()[1] == "P01,P02,collaboration,1,4,calendar"


def test_import_puts_the_ties_in_the_store_and_again_changes_nothing(store, ics):
    r = run("ties", "from-calendar", ics, "--store", store, *PERIOD, "--import")
    assert r.exit_code == 0 and r.stdout == ""
    # P02-P03 already hold a reported collaboration tie (tiny's ties.csv): that one stays
    assert ("2 calendar ties imported, 0 imported before replaced; 1 not imported: the pair already has a tie of "
            "that kind from another source; 2 added, 0 changed, 0 removed") in r.stderr
    r = run("ties", "from-calendar", ics, "--store", store, *PERIOD, "--import")
    assert "no changes" in r.stderr
    kg = kgraph.open(store)
    assert kg.store.edges("WORKS_WITH", sources=["P01"], targets=["P03"])[0][3]["source"] == "calendar"
    kg.close()


def test_mail(store, tmp_path):
    msg = "From: anna@testdorp.nl\nTo: bram@testdorp.nl\nSubject: {s}\nDate: Mon, 5 Jan 2026 09:0{i}:00 +0100\n\nbody\n"
    for i in range(3):
        (tmp_path / f"m{i}.eml").write_text(msg.format(s=SECRET, i=i), encoding="utf-8")
    r = run("ties", "from-mail", tmp_path, "--store", store, *PERIOD, "--format", "csv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == ["source_id,target_id,kind,weight,interactions,source",
                                     "P01,P02,collaboration,3,3,mail"]
    assert r.stderr.startswith("mail 2026-01-01 to 2026-04-01: 3 files, 3 messages, 3 in the period, 3 counted; 1 tie")
    assert SECRET not in r.stdout + r.stderr


def test_exit_codes(store, ics, tmp_path):
    r = run("ties", "from-calendar", ics, "--store", store, *PERIOD, "-o", tmp_path / "t.csv", "--import")
    assert r.exit_code == 2 and "not both" in r.stderr
    r = run("ties", "from-calendar", ics, "--store", store, "--from", "2026-02-30")
    assert r.exit_code == 2 and "not a date" in r.stderr
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n")
    r = run("ties", "from-calendar", bad, "--store", store, *PERIOD)
    assert r.exit_code == 3 and r.stdout == ""
    assert r.stderr.splitlines()[0] == f"{bad}:2: BEGIN:VEVENT is never closed (END:VEVENT missing)"
    assert "Traceback" not in r.stderr
    r = run("ties", "from-calendar", ics, "--store", tmp_path / "none.db", *PERIOD)
    assert r.exit_code == 4
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")  # a store file with nothing in it (opening one no longer creates a file)
    r = run("ties", "from-calendar", ics, "--store", empty, *PERIOD)
    assert r.exit_code == 3 and "no persons" in r.stderr
    r = run("ties", "from-calendar", tmp_path / "nothing.ics", "--store", store)
    assert r.exit_code == 2


def test_aggregate_only_store_refuses(store, ics):
    run("privacy", "--aggregate-only", "on", "--store", store)
    r = run("ties", "from-calendar", ics, "--store", store, *PERIOD)
    assert r.exit_code == 8


def test_help_has_examples():
    for args in (["ties"], ["ties", "from-calendar"], ["ties", "from-mail"]):
        r = run(*args, "--help")
        assert r.exit_code == 0 and "Example" in r.stdout


def test_imported_ties_are_their_own_dated_source_and_outlive_an_import(store, ics, tiny_dir):
    assert run("ties", "from-calendar", ics, "--store", store, *PERIOD, "--import").exit_code == 0
    with kgraph.open(store) as kg:
        assert [str(v["as_of"]) for v in kg.store.history() if v["source"] == "calendar"] == ["2026-04-01"]
        assert not kg.store.edges("WORKS_WITH", sources=["P01"], targets=["P03"], as_of="2026-03-31")  # before its date
    assert run("import", tiny_dir, "--store", store).exit_code == 0  # the HR tables again
    with kgraph.open(store) as kg:
        assert kg.store.edges("WORKS_WITH", sources=["P01"], targets=["P03"])[0][3]["source"] == "calendar"
