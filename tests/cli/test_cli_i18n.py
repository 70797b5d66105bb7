"""The command line in Dutch and English: --lang, KGRAPH_LANG, the store's language, click's
own words, tables in words and Dutch numbers, pages that declare their language (issue 14
item 2), and the counts that meet a noun (item 12)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import COMMANDS, cli
from kgraph.cli._i18n import HelpTranslated

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
AS_OF = "2026-06-01"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("i18n") / "kg.db"
    with kgraph.open(path) as kg:
        kgraph.import_data(kg, TINY)
    return str(path)


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)


def test_every_command_translates_its_help():
    assert all(isinstance(c, HelpTranslated) for c in COMMANDS)
    for group in (c for c in COMMANDS if hasattr(c, "commands")):  # kgraph survey create, ...
        assert all(isinstance(c, HelpTranslated) for c in group.commands.values()), group.name
        assert all(any(p.name == "lang" for p in c.params) for c in group.commands.values()), group.name


@pytest.mark.parametrize("args", [["--lang", "nl", "gaps", "--help"], ["gaps", "--help", "--lang", "nl"]])
def test_help_in_dutch_click_included(args):
    r = run(*args)
    assert r.exit_code == 0
    for words in ("Gebruik:", "Opties:", "Toon deze hulptekst en stop.", "Kennishiaten:", "[standaard: 12m]",
                  "Voorbeelden:"):
        assert words in r.stdout, words
    assert "Show this message" not in r.stdout and "Usage:" not in r.stdout


def test_help_in_english_after_dutch_in_the_same_process():
    assert "Toon deze hulptekst" in run("--lang", "nl", "--help").stdout
    r = run("--help")
    assert "Show this message and exit." in r.stdout and "Opdrachten" not in r.stdout


def test_usage_errors_speak_dutch():
    r = run("--lang", "nl", "gaps", "--format", "xml")
    assert r.exit_code == 2
    assert "Ongeldige waarde voor '--format'" in r.stderr and "Probeer 'cli gaps --help' voor hulp." in r.stderr
    assert "Gebruik: cli gaps [OPTIES]" in r.stderr


def test_environment_chooses_the_language(store):
    r = run("info", "--store", store, env={"KGRAPH_LANG": "nl"})
    assert r.exit_code == 0 and "categorie" in r.stdout and "knopen" in r.stderr


def test_the_stores_language_and_what_overrides_it(store, tmp_path):
    db = tmp_path / "own.db"
    with kgraph.open(db) as kg:
        kgraph.import_data(kg, TINY)
    r = run("settings", "--language", "nl", "--name", "Gemeente Testdorp", "--store", db, env={"KGRAPH_LANG": None})
    assert r.exit_code == 0
    assert kgraph.settings(kgraph.open(db)) == {"lang": "nl", "name": "Gemeente Testdorp"}
    dutch = run("gaps", "--store", db, "--as-of", AS_OF, env={"KGRAPH_LANG": None})
    assert "bevindingen" in dutch.stderr and "ernst" in dutch.stdout
    assert "findings" in run("gaps", "--store", db, "--as-of", AS_OF, "--lang", "en", env={"KGRAPH_LANG": None}).stderr
    assert "findings" in run("gaps", "--store", db, "--as-of", AS_OF, env={"KGRAPH_LANG": "en"}).stderr
    run("settings", "--language", "none", "--store", db)
    assert "findings" in run("gaps", "--store", db, "--as-of", AS_OF, env={"KGRAPH_LANG": None, "LC_ALL": "C.UTF-8"}).stderr


def test_an_unknown_language_is_a_usage_error(store):
    r = run("--lang", "fr", "info", "--store", store)
    assert r.exit_code == 2


def test_json_keeps_english_keys_and_machine_values(store):
    en = json.loads(run("gaps", "--store", store, "--as-of", AS_OF, "--format", "json").stdout)
    nl = json.loads(run("--lang", "nl", "gaps", "--store", store, "--as-of", AS_OF, "--format", "json").stdout)
    assert [set(r) for r in nl] == [set(r) for r in en]
    assert [(r["kind"], r["severity"]) for r in nl] == [(r["kind"], r["severity"]) for r in en]
    assert nl[0]["why"] != en[0]["why"]  # sentences are in the language


def test_dutch_table_headers_values_and_numbers(store):
    r = run("--lang", "nl", "linking-pins", "--store", store, "--as-of", AS_OF, "--format", "table", env={"COLUMNS": "200"})
    head = r.stdout.splitlines()[0]
    assert "rang" in head and "naam" in head and "person_id" not in head
    assert re.search(r"\b0,\d+", r.stdout) and not re.search(r"\b0\.\d+", r.stdout)
    assert "verticaal" in r.stdout or "lateraal" in r.stdout
    assert "Kolommen:" in r.stdout and "--explain" in r.stdout
    en = run("linking-pins", "--store", store, "--as-of", AS_OF, env={"COLUMNS": "200"}).stdout
    assert re.search(r"\b0\.\d+", en) and "Columns:" in en


def test_dutch_pages_declare_their_language(store, tmp_path):
    out = tmp_path / "r.html"
    r = run("--lang", "nl", "report", "-o", out, "--store", store, "--as-of", AS_OF)
    assert r.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="nl">' in page
    assert "Gemeente Testdorp" in page  # the organisation's name titles the report (the top department)
    assert "1 juni 2026" in page and "Kennishiaten" in page and "Verbinders" in page
    assert '"Alle dossiers"' in page or "Alle dossiers" in page  # the view scripts' words
    en = tmp_path / "e.html"
    run("report", "-o", en, "--store", store, "--as-of", AS_OF)
    text = en.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "1 June 2026" in text and "Gemeente Testdorp: kgraph report" in text


def test_report_title_from_the_store_setting(tmp_path):
    db = tmp_path / "t.db"
    with kgraph.open(db) as kg:
        kgraph.import_data(kg, TINY)
        kgraph.settings(kg, name="Gemeente Voorbeeld")
        kgraph.report(kg, tmp_path / "r.html", as_of=AS_OF)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<h1>Gemeente Voorbeeld: kgraph report</h1>" in page
    assert "<title>Gemeente Voorbeeld: kgraph report · 1 June 2026</title>" in page


# -- item 12: a count meets a noun ---------------------------------------------------------------
def test_one_issue_one_person(store):
    r = run("stakeholders", "--store", store, "--as-of", AS_OF, "--issue", "Windpark")
    assert r.exit_code == 0
    assert re.search(r"on 1 issue:", r.stderr) and "1 issues" not in r.stderr
    r = run("who-knows", "excel", "--store", store, "--as-of", AS_OF)
    if "know" in r.stderr:
        n = int(r.stderr.split()[0])
        assert ("person knows" in r.stderr) == (n == 1) and ("persons know" in r.stderr) == (n != 1)
    r = run("who-knows", "dso", "--store", store, "--as-of", AS_OF, "--top", "1")
    assert "1 person knows" in r.stderr and "1 person know " not in r.stderr


def test_ties_say_what_they_count(store, tmp_path):
    """info counts the WORKS_WITH relations as reported (one per direction and kind); the network
    page, its summary and the report count pairs of present colleagues with a work tie, and say so."""
    info = json.loads(run("info", "--store", store, "--format", "json").stdout)
    reported = next(r["count"] for r in info if r["kind"] == "WORKS_WITH")
    out = tmp_path / "n.html"
    r = run("network", "-o", out, "--store", store, "--as-of", AS_OF)
    pairs = int(re.search(r"(\d+) pairs? of colleagues with a work tie", r.stderr).group(1))
    assert f"{pairs} pairs of colleagues with a work tie" in out.read_text(encoding="utf-8")
    with kgraph.open(store) as kg:
        org = kg.snapshot(AS_OF)
        present = {frozenset((s, t)) for s, t, _k, _p in org.edges("WORKS_WITH")
                   if s != t and s in org.present and t in org.present}
    assert pairs == len(present) and reported >= pairs
    assert "WORKS_WITH (as reported, per direction and kind)" in run("info", "--store", store, env={"COLUMNS": "200"}).stdout
    rep = tmp_path / "r.html"
    run("report", "-o", rep, "--store", store, "--as-of", AS_OF)
    page = rep.read_text(encoding="utf-8")
    assert f"<b>{pairs}</b><span>Pairs of colleagues with a work tie</span>" in page
