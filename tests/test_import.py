"""Import into the embedded store: all-or-nothing, idempotent, reported per kind."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

import kgraph
from kgraph.errors import ValidationError
from kgraph.ingest import load_dataset


def test_first_import_adds_everything(store_path, tiny_dir):
    with kgraph.open(store_path) as kg:
        report = kgraph.import_data(kg, tiny_dir)
    assert report.added["Person"] == 8 and report.added["WORKS_WITH"] == 9
    assert not report.changed and not report.removed
    assert report.summary() == "81 added, 0 changed, 0 removed"


def test_reimport_changes_nothing(store_path, tiny_dir):
    with kgraph.open(store_path) as kg:
        kgraph.import_data(kg, tiny_dir)
    before = store_path.read_bytes()
    with kgraph.open(store_path) as kg:
        report = kgraph.import_data(kg, tiny_dir)
    assert report.unchanged
    assert report.summary() == "no changes: the store already holds this data"
    assert store_path.read_bytes() == before  # not one byte written


def test_changed_data_reports_per_kind(store_path, tiny_dir, tiny_copy):
    (tiny_copy / "persons.csv").write_text(
        (tiny_copy / "persons.csv").read_text(encoding="utf-8").replace("Eva Visser", "Eva Visser-Kok"), encoding="utf-8")
    ties = (tiny_copy / "ties.csv").read_text(encoding="utf-8").replace("P08,P06,advice,1\n", "")
    (tiny_copy / "ties.csv").write_text(ties + "P03,P04,advice,2\nP04,P03,advice,2\n", encoding="utf-8")
    with kgraph.open(store_path) as kg:
        kgraph.import_data(kg, tiny_dir)
        report = kgraph.import_data(kg, tiny_copy)
        assert report.changed == {"Person": 1}
        assert report.removed == {"WORKS_WITH": 1}
        assert report.added == {"WORKS_WITH": 2}
        assert kg.store.node("P05")[1]["name"] == "Eva Visser-Kok"
        assert kg.store.read_dataset() == load_dataset(tiny_copy)


def test_invalid_import_writes_nothing(store_path, tiny_dir, tiny_copy):
    (tiny_copy / "skills.csv").write_text("person_id,knowledge_id,level\nP01,K-RO,9\n", encoding="utf-8")
    with kgraph.open(store_path) as kg:
        kgraph.import_data(kg, tiny_dir)
        before = kg.store.read_dataset()
        with pytest.raises(ValidationError):
            kgraph.import_data(kg, tiny_copy)
        assert kg.store.read_dataset() == before


KILLER = textwrap.dedent(
    """
    import os, sys, kgraph
    calls = []
    def die(done, total, label):
        calls.append(done)
        if len(calls) == {at}:
            os._exit(9)   # the process dies in the middle of the write transaction
    kg = kgraph.open(sys.argv[1])
    kgraph.import_data(kg, sys.argv[2], progress=die)
    print("finished")
    """
)


@pytest.mark.parametrize("at", [1, 2, 3])
def test_killed_import_leaves_store_as_it_was(store_path, tiny_dir, tiny_copy, at):
    with kgraph.open(store_path) as kg:
        kgraph.import_data(kg, tiny_dir)
    # change every table a little, so the write has several batches
    for f in tiny_copy.glob("*.csv"):
        f.write_text(f.read_text(encoding="utf-8").replace("Testdorp", "Proefdorp").replace("2025-", "2024-"), encoding="utf-8")
    (tiny_copy / "ties.csv").write_text("source_id,target_id\nP01,P02\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", KILLER.replace("{at}", str(at)), str(store_path), str(tiny_copy)],
                          capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    assert "finished" not in proc.stdout
    db = sqlite3.connect(store_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with kgraph.open(store_path) as kg:
        assert kg.store.read_dataset() == load_dataset(tiny_dir)
        report = kgraph.import_data(kg, tiny_copy)  # and the store is usable afterwards
        assert not report.unchanged
        assert kg.store.read_dataset() == load_dataset(tiny_copy)


def test_store_not_a_kgraph_file(tmp_path):
    bad = tmp_path / "other.db"
    db = sqlite3.connect(bad)
    db.execute("CREATE TABLE x (a)")
    db.commit()
    db.close()
    with pytest.raises(kgraph.StoreError, match="not a kgraph store"):
        kgraph.open(bad)
    text = tmp_path / "notes.db"
    text.write_text("hello, this is not a database at all" * 20)
    with pytest.raises(kgraph.StoreError, match="not a kgraph store"):
        kgraph.open(text)


def test_missing_store_not_created_when_reading(tmp_path):
    with pytest.raises(kgraph.StoreError, match="no kgraph store here"):
        kgraph.open(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_to_networkx(tiny_kg):
    G = kgraph.to_networkx(tiny_kg)
    assert G.number_of_nodes() == 27
    assert G.nodes["P01"]["label"] == "Person" and G.nodes["P01"]["name"] == "Anna de Vries"
    assert G.number_of_edges() == 54
    people = kgraph.to_networkx(tiny_kg, kinds=["Person"], relations=["WORKS_WITH"])
    assert people.number_of_nodes() == 8 and people.number_of_edges() == 9
