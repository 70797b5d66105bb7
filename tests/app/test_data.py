"""The data commands with dated versions: import --as-of, history, every read at the command's date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli import cli
from kgraph.ingest import load_dataset
from kgraph.store.sqlite import EmbeddedStore

TINY = Path(__file__).parents[1] / "data" / "tiny"
D1, D2 = "2025-01-01", "2026-01-01"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def two_years(tmp_path) -> Path:
    """A store with the tiny organisation of 2025 and, a year later, one person more who
    knows the Omgevingswet and one function changed."""
    first = tmp_path / "2025"
    shutil.copytree(TINY, first)
    second = tmp_path / "2026"
    shutil.copytree(TINY, second)
    with (second / "persons.csv").open("a", encoding="utf-8") as fh:
        fh.write("P09,Ivo Nieuw,ivo@testdorp.nl,jurist,Stadhuis,2025-06-01,\n")
    with (second / "memberships.csv").open("a", encoding="utf-8") as fh:
        fh.write("P09,T-VERG,member,2025-06-01,\n")
    with (second / "skills.csv").open("a", encoding="utf-8") as fh:
        fh.write("P09,K-OMGW,5,2025-12-01,\n")
    p = second / "persons.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("directeur", "gemeentesecretaris"), encoding="utf-8")
    db = tmp_path / "kg.db"
    for folder, day in ((first, D1), (second, D2)):
        r = run("import", folder, "--store", db, "--as-of", day)
        assert r.exit_code == 0, r.output
        assert f"as of {day}" in r.stderr
    return db


def test_history_lists_the_imports(two_years):
    r = run("history", "--store", two_years, "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [(x["as_of"], x["source"], x["added"], x["changed"], x["removed"]) for x in rows] == [
        (D1, "import", 81, 0, 0), (D2, "import", 3, 1, 0)]
    assert "2 versions" in r.stderr and f"from {D1} to {D2}" in r.stderr
    with kgraph.open(two_years) as kg:
        df = kgraph.history(kg)
        assert df.attrs["changes"][1] == {"added": {"KNOWS": 1, "MEMBER_OF": 1, "Person": 1},
                                          "changed": {"Person": 1}, "removed": {}}


def test_commands_look_at_the_date(two_years):
    def persons(day):
        r = run("info", "--store", two_years, "--as-of", day, "--format", "json")
        return {x["kind"]: x["count"] for x in json.loads(r.stdout)}["Person"]

    assert (persons("2025-06-01"), persons("2026-06-01"), persons("2020-01-01")) == (8, 9, 8)
    r = run("who-knows", "omgevingswet", "--store", two_years, "--as-of", "2025-06-01", "--format", "json")
    assert "P09" not in {x["person_id"] for x in json.loads(r.stdout)}
    r = run("who-knows", "omgevingswet", "--store", two_years, "--as-of", "2026-06-01", "--format", "json")
    assert "P09" in {x["person_id"] for x in json.loads(r.stdout)}
    r = run("person-report", "P01", "--store", two_years)
    report = json.loads(r.stdout)
    assert report["properties"]["function"] == "gemeentesecretaris"
    assert [h["properties"]["function"] for h in report["history"]] == ["directeur", "gemeentesecretaris"]


class SpyStore(EmbeddedStore):
    """Records the date of every read."""

    seen: list = []

    def _dates(self, as_of, source=None):
        SpyStore.seen.append(as_of)
        return super()._dates(as_of, source)


@pytest.mark.parametrize("call", [
    lambda kg, d: kgraph.info(kg, as_of=d),
    lambda kg, d: kgraph.who_knows(kg, "omgevingswet", from_person="Anna de Vries", as_of=d),
    lambda kg, d: kgraph.gaps(kg, as_of=d),
    lambda kg, d: kgraph.what_if(kg, without=["Bram Jansen"], as_of=d),
    lambda kg, d: kgraph.stakeholders(kg, as_of=d),
    lambda kg, d: kgraph.to_networkx(kg, as_of=d),
    lambda kg, d: kgraph.linking_pins(kg, as_of=d),
], ids=["info", "who_knows", "gaps", "what_if", "stakeholders", "to_networkx", "linking_pins"])
def test_every_read_uses_the_date(two_years, call):
    import datetime as dt

    kg = kgraph.open(SpyStore(two_years))
    SpyStore.seen = []
    call(kg, "2025-06-01")
    assert SpyStore.seen and set(SpyStore.seen) == {dt.date(2025, 6, 1)}
    kg.close()


def test_import_dataset_for_another_source(two_years):
    with kgraph.open(two_years) as kg:
        ties = load_dataset(TINY)
        ties.nodes = {}
        ties.edges = {("WORKS_WITH", "P01", "P09", "information"): {"kind": "information", "weight": 2}}
        report = kgraph.import_dataset(kg, ties, as_of="2026-02-01", source="calendar")
        assert report.added == {"WORKS_WITH": 1}
        assert ("WORKS_WITH", "P01", "P09", "information") in kg.dataset("2026-06-01").edges
        assert ("WORKS_WITH", "P01", "P09", "information") not in kg.dataset("2026-01-15").edges
        assert [v["source"] for v in kg.store.history()] == ["import", "import", "calendar"]
        # a new import replaces only its own source's data: the calendar's tie stays
        r = kgraph.import_data(kg, TINY, as_of="2026-03-01")
        assert r.removed.get("Person") == 1
        assert ("WORKS_WITH", "P01", "P09", "information") not in kg.dataset("2026-06-01").edges  # P09 left


def test_an_empty_store_says_so(tmp_path):
    for args in (["history"], ["gaps"], ["who-knows", "wmo"], ["export", "--format", "json", "-o", tmp_path / "x.json"]):
        empty = tmp_path / "empty.db"
        empty.write_bytes(b"")
        r = run(*args, "--store", empty)
        assert r.exit_code == 4, (args, r.output)
        assert "the store is empty" in r.stderr and "Hint: run `kgraph import PATH`" in r.stderr
        assert empty.read_bytes() == b"" and not (tmp_path / "x.json").exists()


def test_what_if_without_a_real_name_when_pseudonymised(two_years, monkeypatch):
    """Issue 16.3: `what-if --without "exact name"` failed under --pseudonymize."""
    monkeypatch.setenv("KGRAPH_PSEUDONYM_KEY", "what-if-test-key-0123456789")
    r = CliRunner().invoke(cli, ["what-if", "--without", "bram  JANSEN", "--store", str(two_years),
                                 "--pseudonymize", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert "Bram" not in r.output and "P02" not in r.output
    plain = CliRunner().invoke(cli, ["what-if", "--without", "P02", "--store", str(two_years), "--format", "json"])
    assert len(json.loads(r.stdout)) == len(json.loads(plain.stdout))


def test_demo_keeps_a_store_with_other_data(two_years, tmp_path):
    before = two_years.read_bytes()
    r = run("demo", "--no-views", "--store", two_years)
    assert r.exit_code == 4 and "holds other data than the demo" in r.stderr
    assert two_years.read_bytes() == before
    demo_db = tmp_path / "demo.db"
    assert run("demo", "--no-views", "--store", demo_db).exit_code == 0
    again = run("demo", "--no-views", "--store", demo_db)  # a store holding the demo: fine
    assert again.exit_code == 0 and "no changes" in again.stdout
    forced = run("demo", "--no-views", "--store", two_years, "--force")
    assert forced.exit_code == 0, forced.output
    with kgraph.open(two_years) as kg:
        assert len(kg.store.history()) == 4  # the user's two versions stay in the history, beside the demo's two
