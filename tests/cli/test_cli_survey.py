"""The commands of the intranet: kgraph user, kgraph survey (kgraph serve runs in tests/web)."""

from __future__ import annotations

import csv
import json
import os
import stat

from click.testing import CliRunner

from kgraph.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_user_commands_take_the_password_from_stdin_only(tiny_kg):
    store = str(tiny_kg.location)
    r = run("user", "add", "anna", "--role", "staff", "--person", "P01", "--password-stdin", "--store", store,
            input="a long enough password\n")
    assert r.exit_code == 0, r.output
    assert "a long enough password" not in r.output
    assert run("user", "add", "x", "--role", "admin", "--password", "secret", "--store", store).exit_code == 2
    r = run("user", "add", "bob", "--role", "staff", "--password-stdin", "--store", store, input="a long enough password\n")
    assert r.exit_code == 2 and "belongs to a person" in r.output
    r = run("user", "add", "carl", "--role", "admin", "--store", store, input="long password 1\nlong password 1\n")
    assert r.exit_code == 0, r.output  # from the prompt, typed twice
    listed = json.loads(run("user", "list", "--store", store, "--format", "json").stdout)
    assert [u["name"] for u in listed] == ["anna", "carl"] and all("$argon2" not in json.dumps(u) for u in listed)
    assert run("user", "remove", "anna", "--store", store).exit_code == 0
    assert run("user", "remove", "anna", "--store", store).exit_code == 7


def test_survey_commands(tiny_kg, tmp_path):
    store = str(tiny_kg.location)
    out = tmp_path / "links.csv"
    r = run("survey", "create", "--wave", "2025-12-31", "-o", str(out), "--url", "https://kg.example", "--store", store)
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and rows[0]["url"].startswith("https://kg.example/s/")
    assert run("survey", "create", "--wave", "2025-12-31", "-o", str(out), "--store", store).exit_code == 2  # exists
    status = json.loads(run("survey", "status", "--store", store, "--format", "json").stdout)
    assert status[-1]["unit"] == "(all)" and status[-1]["responded"] == 0
    r = run("survey", "close", "--wave", "2025-12-31", "--store", store)
    assert r.exit_code == 0 and "no changes" in r.output
    assert json.loads(run("survey", "waves", "--store", store, "--format", "json").stdout)[0]["status"] == "closed"
    long = tmp_path / "r.csv"
    long.write_text("respondent_id,question,answer\nP03,advice,P01\n", encoding="utf-8")
    r = run("survey", "import", str(long), "--wave", "2026-01-01", "--dry-run", "--store", store)
    assert r.exit_code == 0 and "would change" in r.output
