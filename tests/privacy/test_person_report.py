"""kgraph person-report: everything the store holds about one person, as JSON (right of access)."""

from __future__ import annotations

import json
import re

import kgraph


def _keys(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield f"{path}.{k}", k
            yield from _keys(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            yield from _keys(v, path)


def test_report_holds_everything_about_the_person(kit, mentions_db, tmp_path):
    out = tmp_path / "p02.json"
    r = kit.run("person-report", "Bram Jansen", "--store", mentions_db, "-o", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "" and "person report for P02" in r.stderr and str(out) in r.stderr
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for _, k in _keys(rep)), [p for p, k in _keys(rep) if not k.islower()]
    assert rep["person_id"] == "P02" and rep["kind"] == "Person"
    assert rep["properties"] == {"name": "Bram Jansen", "email": "bram@testdorp.nl", "function": "teamleider vergunningen",
                                 "location": "Stadhuis", "start_date": "2012-03-01"}
    with kgraph.open(mentions_db) as kg:
        ds = kg.dataset()
    expected = sorted((rel, s, t, k) for rel, s, t, k in ds.edges if "P02" in (s, t))
    got = sorted((x["relation"], *(("P02", x["other_id"]) if x["direction"] == "out" else (x["other_id"], "P02")), x["key"])
                 for x in rep["relations"])
    assert got == expected and len(got) == 8
    tie = next(x for x in rep["relations"] if x["relation"] == "WORKS_WITH" and x["other_id"] == "P03" and x["direction"] == "in")
    assert tie == {"relation": "WORKS_WITH", "direction": "in", "other_id": "P03", "other_kind": "Person",
                   "other_name": "Carla Smit", "key": "advice", "properties": {"kind": "advice", "weight": 1}}
    assert rep["responsibilities"] == [{"subject_id": "K-OMGW", "subject_kind": "KnowledgeItem", "subject": "Omgevingswet"}]
    assert [c["actor_id"] for c in rep["contacts"]] == ["A-DORP"] and rep["contacts"][0]["strength"] == 2
    assert [(m["kind"], m["property"]) for m in rep["mentions"]] == [("Interaction", "follow_up"), ("Signal", "text")]
    assert all("Bram Jansen" in m["text"] for m in rep["mentions"])
    assert rep["interactions"] == []  # Bram held none; Anna did:
    anna = kgraph.person_report(kgraph.open(mentions_db), "P01")["interactions"]
    assert [(x["actor"], x["issue_id"], x["mode"], x["follow_up"]) for x in anna] == [
        ("Provincie", "I-WIND", "dialogue", "Bram Jansen belt terug")]
    assert rep["settings"] == {"aggregate_only": False, "min_group_size": 5}
    assert rep["pseudonymised"] is False and rep["notes"]


def test_report_to_stdout_and_unknown_person(kit, tiny_db):
    r = kit.run("person-report", "P05", "--store", tiny_db)
    assert r.exit_code == 0 and json.loads(r.stdout)["properties"]["name"] == "Eva Visser"
    r = kit.run("person-report", "Nobody Here", "--store", tiny_db)
    assert r.exit_code == 7 and "no person 'Nobody Here'" in r.stderr


def test_report_pseudonymised(kit, mentions_db):
    p02 = kit.pseudo("P02")
    r = kit.run("person-report", p02, "--store", mentions_db, "--pseudonymize")
    assert r.exit_code == 0, r.stderr
    rep = json.loads(r.stdout)
    assert rep["person_id"] == p02 and rep["pseudonymised"] is True
    assert kit.Needles(kit.TINY).find(r.stdout + r.stderr) == []


def test_report_library(tiny_kg):
    rep = kgraph.person_report(tiny_kg, "P03")
    assert rep["properties"]["leave_date"] == "2027-03-31"
    assert {x["relation"] for x in rep["relations"]} == {"MEMBER_OF", "KNOWS", "WORKS_WITH"}
    json.dumps(rep)  # JSON-ready as returned
