"""kgraph forget: the person, their relations and every text naming them gone, with no trace in the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import kgraph
from kgraph.store.sqlite import EmbeddedStore


def _no_trace(db: Path, *needles: str) -> None:
    """No needle in the file's bytes, in any case (an e-mail counts inside no longer address:
    ``anna@testdorp.nl`` is part of ``hanna@testdorp.nl``, which stays)."""
    data = db.read_bytes()
    for n in needles:
        assert not re.search(rb"(?<![\w.+-])" + re.escape(n.encode()), data, re.I), n
    assert not Path(f"{db}-journal").exists() and not Path(f"{db}-wal").exists()


def test_forget_removes_everything_and_leaves_no_bytes(kit, mentions_db):
    before = mentions_db.read_bytes()
    assert b"Bram Jansen" in before and b"bram@testdorp.nl" in before
    r = kit.run("forget", "P02", "--store", mentions_db, "--yes", "--format", "json")
    assert r.exit_code == 0, r.stderr
    removed = {row["kind"]: row["removed"] for row in json.loads(r.stdout)}
    # P02: 2 teams, 1 skill, 3 ties, 1 contact, 1 responsibility; the signal naming Bram goes too, and
    # so does the interaction whose follow-up names him (held by Anna, with A-PROV, about I-WIND)
    assert removed == {"Person": 1, "MEMBER_OF": 2, "KNOWS": 1, "WORKS_WITH": 3, "CONTACT": 1,
                       "RESPONSIBLE_FOR": 1, "Signal": 1, "ABOUT": 2, "RAISED_BY": 1,
                       "Interaction": 1, "HELD_BY": 1, "HELD_WITH": 1}
    assert "remove P02 from the source files too" in r.stderr
    _no_trace(mentions_db, "Bram Jansen", "bram@testdorp.nl")
    assert not re.search(rb"(?<![\w-])P02(?![\w-])", mentions_db.read_bytes())
    with kgraph.open(mentions_db) as kg:
        ds = kg.dataset()
        assert "P02" not in ds.nodes and all("P02" not in (s, t) for _, s, t, _ in ds.edges)
        assert kg.store.counts()["Person"] == 7
        assert ds.nodes["P08"][1]["email"] == "hanna@testdorp.nl"  # others untouched


def test_forget_keeps_the_interactions_a_person_held_without_them(kit, mentions_db):
    """Eva (P05) held the call with A-DORP; it names nobody: it stays in the log, without her, so the
    actor's last contact is still known. Its id was never derived from her."""
    with kgraph.open(mentions_db) as kg:
        [call] = [i for i, (k, p) in kg.dataset().nodes.items() if k == "Interaction" and p["kind"] == "call"]
    r = kit.run("forget", "P05", "--store", mentions_db, "--yes", "--format", "json")
    assert r.exit_code == 0, r.stderr
    removed = {row["kind"]: row["removed"] for row in json.loads(r.stdout)}
    assert removed["HELD_BY"] == 1 and "Interaction" not in removed
    _no_trace(mentions_db, "Eva Visser", "eva@testdorp.nl")
    with kgraph.open(mentions_db) as kg:
        log = kgraph.interactions(kg, as_of="2025-12-31")
        kept = log[log["interaction_id"] == call].iloc[0]
        assert kept["actor_id"] == "A-DORP" and pd.isna(kept["person_id"]) and pd.isna(kept["person"])
        assert kgraph.engage(kg, as_of="2025-12-31", actor="A-DORP")["last_interaction"].tolist() == ["2025-11-04"]


def test_forget_blanks_properties_naming_the_person(kit, mentions_db):
    r = kit.run("forget", "Anna de Vries", "--store", mentions_db, "--yes", "--format", "json")
    assert r.exit_code == 0, r.stderr
    removed = {row["kind"]: row["removed"] for row in json.loads(r.stdout)}
    assert removed["Person"] == 1 and removed["property"] == 1  # the position's source "gesprek met Anna de Vries"
    _no_trace(mentions_db, "Anna de Vries", "anna@testdorp.nl")
    with kgraph.open(mentions_db) as kg:
        ds = kg.dataset()
        pos = ds.edges[("POSITION", "A-PROV", "I-CENTRUM", "2025-10-02")]
        assert "source" not in pos and pos["stance"] == 1
        assert ds.nodes["P08"][1]["email"] == "hanna@testdorp.nl"  # "anna@testdorp.nl" is inside it: kept


def test_forget_unknown_person_exit_7_and_store_untouched(kit, tiny_db):
    before = tiny_db.read_bytes()
    r = kit.run("forget", "P99", "--store", tiny_db, "--yes")
    assert r.exit_code == 7 and "no person 'P99'" in r.stderr
    assert tiny_db.read_bytes() == before


def test_forget_asks_first(kit, tiny_db):
    before = tiny_db.read_bytes()
    r = kit.run("forget", "P03", "--store", tiny_db, input="n\n")
    assert r.exit_code == 1 and "cannot be undone" in r.stderr
    assert tiny_db.read_bytes() == before
    r = kit.run("forget", "P03", "--store", tiny_db, input="y\n")
    assert r.exit_code == 0
    _no_trace(tiny_db, "Carla Smit", "carla@testdorp.nl")


def test_forget_by_pseudonym(kit, tiny_db):
    p03 = kit.pseudo("P03")
    r = kit.run("forget", p03, "--store", tiny_db, "--yes", "--pseudonymize")
    assert r.exit_code == 0, r.stderr
    assert "Carla" not in r.stdout + r.stderr and "P03" not in r.stdout + r.stderr
    _no_trace(tiny_db, "Carla Smit", "carla@testdorp.nl")


def test_forget_then_handle_reads_fresh_data(tiny_kg):
    df = kgraph.forget(tiny_kg, "P07")
    assert list(df.columns) == ["kind", "removed"]
    assert "P07" not in tiny_kg.dataset().nodes
    assert tiny_kg.store.forget("P07") == {}


class SpyStore(EmbeddedStore):
    """An embedded store that keeps what the facade asks its ``forget`` to find."""

    asked: dict = {}

    def forget(self, node_id, *, mentions=None, whole=("Signal",)):
        SpyStore.asked = {"node_id": node_id, "mentions": mentions, "whole": whole}
        return super().forget(node_id, mentions=mentions, whole=whole)


def test_forget_finds_every_spelling(mentions_dir, tmp_path):
    """Issue 16.3: a name with a no-break or double space, other case, decomposed accents,
    the Turkish dotless i in capitals; the id glued to other text with - or _."""
    from kgraph.ingest import load_dataset

    store = SpyStore(tmp_path / "spy.db")
    ds = load_dataset(mentions_dir)
    store.replace(ds, as_of="2025-01-01")
    ds.nodes["P06"][1]["name"] = "Frank Yılmaz"  # married since: both names are theirs
    store.replace(ds, as_of="2026-01-01")
    kg = kgraph.open(store)
    kgraph.forget(kg, "frank yilmaz")
    assert SpyStore.asked["node_id"] == "P06"
    found = SpyStore.asked["mentions"]
    for text in ("gesprek met FRANK YILMAZ", "Frank\u00a0Yılmaz", "frank  yılmaz", "zie P06-P07", "P06_notities",
                 "beoordeeld door Frank Mulder"):  # the earlier name too
        assert found(text), text
    for text in ("Frank Yılmazer", "P060", "AP06"):
        assert not found(text), text


def test_forget_refused_on_a_name_shared_by_two(tiny_copy, tmp_path):
    p = tiny_copy / "persons.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("Daan Bakker", "Carla Smit"), encoding="utf-8")
    kg = kgraph.open(tmp_path / "two.db")
    kgraph.import_data(kg, tiny_copy)
    with pytest.raises(kgraph.KgraphError, match="names 2 persons"):
        kgraph.forget(kg, "Carla Smit")
    kg.close()


def test_forget_leaves_no_trace_of_any_version(kit, tiny_copy, tmp_path):
    """Issue 12: forget removes the person from every version, and the file keeps no byte of them."""
    db = tmp_path / "two.db"
    assert kit.run("import", tiny_copy, "--store", db, "--as-of", "2025-01-01").exit_code == 0
    p = tiny_copy / "persons.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("Bram Jansen,bram@", "Bram Jansen-de Wit,bram.dewit@"),
                 encoding="utf-8")
    assert kit.run("import", tiny_copy, "--store", db, "--as-of", "2026-01-01").exit_code == 0
    r = kit.run("forget", "Bram Jansen", "--store", db, "--yes")  # the name they had in 2025
    assert r.exit_code == 0, r.stderr
    _no_trace(db, "Bram Jansen", "bram@testdorp.nl", "bram.dewit@testdorp.nl", "Jansen-de Wit")
    assert not re.search(rb"(?<![\w-])P02(?![\w-])", db.read_bytes())
    with kgraph.open(db) as kg:
        assert len(kg.store.history()) == 2
        assert all("P02" not in kg.dataset(d).nodes for d in ("2025-06-01", "2026-06-01"))
