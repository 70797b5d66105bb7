"""The store contract: every backend (embedded SQLite, Neo4j over Bolt) passes these tests.

Run against a fresh store of each backend (the ``store`` fixture); a Neo4j
backend is an ArcadeDB server started by the fixtures, or ``KGRAPH_TEST_NEO4J_URL``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from kgraph.ingest import load_dataset
from kgraph.model import Dataset

TINY = Path(__file__).parents[1] / "data" / "tiny"


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    return load_dataset(TINY)


def odd_dataset() -> Dataset:
    """Every property type and awkward text a store must give back unchanged."""
    ds = Dataset()
    ds.nodes = {
        "007": ("Person", {"name": "James", "code": "007", "n": 7, "x": 1.0, "y": 0.1, "big": 2**62,
                           "tiny": -1e-300, "ok": True, "no": False, "tags": ["a", "b"], "mixed": [1, "a", True],
                           "empty": [], "nothing": None, "nested": {"k": [1, 2]}}),
        "": ("Person", {"name": ""}),
        "é-🙂": ("KnowledgeItem", {"name": "Ümlaut 🙂 \"quoted\" 'single' \\ back\nline\ttab", "kind": "topic",
                                   "synonyms": ["ü", "ß"]}),
        "x'}) DETACH DELETE n //": ("Team", {"name": "x'}) DETACH DELETE n //", "id": "shadow", "kgKind": "evil"}),
        "T-1": ("Team", {"name": "Team One", "props": "{}", "rel": "X"}),
    }
    ds.edges = {
        ("KNOWS", "007", "é-🙂", ""): {"level": 5, "confirmed": "2025-01-01", "sure": True, "w": 2.5},
        ("MEMBER_OF", "007", "T-1", ""): {"role": "lead", "key": "not the key", "rel": "not the rel"},
        ("MEMBER_OF", "", "x'}) DETACH DELETE n //", ""): {},
        ("WORKS_WITH", "007", "", "advice"): {"kind": "advice", "weight": 1},
        ("WORKS_WITH", "007", "", "collaboration"): {"kind": "collaboration", "weight": 1.0},
    }
    return ds


def test_empty_store(store):
    assert store.counts() == {}
    assert store.read_dataset() == Dataset()
    assert store.node("P01") is None
    assert store.nodes("Person") == {}
    assert store.nodes("Person", ["P01"]) == {}
    assert store.edges("KNOWS") == []
    assert store.edges("KNOWS", sources=["P01"]) == []
    assert store.find_nodes("Person", "Anna") == []
    assert store.get_setting("privacy") is None
    assert store.get_setting("privacy", "open") == "open"
    assert store.forget("P01") == {}


def test_replace_reports_and_is_idempotent(store, tiny):
    report = store.replace(tiny)
    assert report.added == tiny.counts()
    assert not report.changed and not report.removed
    assert report.totals == tiny.counts()
    assert store.counts() == tiny.counts()
    again = store.replace(copy.deepcopy(tiny))
    assert again.unchanged and again.summary().startswith("no changes")
    assert store.counts() == tiny.counts()


def test_read_dataset_round_trip(store, tiny):
    store.replace(tiny)
    ds = store.read_dataset()
    assert ds == tiny
    assert list(ds.nodes) == sorted(ds.nodes)
    assert list(ds.edges) == sorted(ds.edges)


def test_counts_order(store, tiny):
    store.replace(tiny)
    counts = store.counts()
    kinds = [k for k in counts if k[0].isupper() and not k.isupper()]
    rels = [k for k in counts if k.isupper()]
    assert list(counts) == sorted(kinds) + sorted(rels)


def test_diff_counts(store, tiny):
    store.replace(tiny)
    new = copy.deepcopy(tiny)
    new.nodes["P01"][1]["function"] = "burgemeester"  # changed
    new.nodes.pop("P08")  # removed, with its edges
    gone = [k for k in new.edges if "P08" in (k[1], k[2])]
    for k in gone:
        new.edges.pop(k)
    new.edges[("KNOWS", "P08x", "K-RO", "")] = {"level": 1}  # added (node added too)
    new.nodes["P08x"] = ("Person", {"name": "Nieuw"})
    new.edges[("KNOWS", "P01", "K-WMO", "")] = {"level": 2}
    report = store.replace(new)
    assert report.changed == {"Person": 1}
    assert report.added == {"Person": 1, "KNOWS": 2}
    removed = {"Person": 1}
    for rel, *_ in gone:
        removed[rel] = removed.get(rel, 0) + 1
    assert report.removed == removed
    assert store.read_dataset() == new
    assert store.counts() == new.counts()


def test_kind_and_props_change(store, tiny):
    store.replace(tiny)
    new = copy.deepcopy(tiny)
    new.nodes["K-EXCEL"] = ("Issue", {"name": "Excel"})  # kind changes, props shrink
    new.edges[("WORKS_WITH", "P02", "P03", "collaboration")] = {"kind": "collaboration"}
    report = store.replace(new)
    assert report.changed == {"Issue": 1, "WORKS_WITH": 1}
    assert store.node("K-EXCEL") == ("Issue", {"name": "Excel"})
    assert "K-EXCEL" not in store.nodes("KnowledgeItem")
    assert store.edges("WORKS_WITH", sources=["P02"], targets=["P03"]) == [("P02", "P03", "collaboration", {"kind": "collaboration"})]


def test_lookups(store, tiny):
    store.replace(tiny)
    assert store.node("P03") == tiny.nodes["P03"]
    assert store.node("nobody") is None
    persons = store.nodes("Person")
    assert list(persons) == sorted(i for i, (k, _) in tiny.nodes.items() if k == "Person")
    assert store.nodes("Person", ["P05", "P01", "K-RO", "nobody", "P01"]) == {"P01": tiny.nodes["P01"][1], "P05": tiny.nodes["P05"][1]}
    expected = sorted((s, t, k, p) for (r, s, t, k), p in tiny.edges.items() if r == "WORKS_WITH")
    assert store.edges("WORKS_WITH") == expected
    assert store.edges("WORKS_WITH", sources=["P02", "P07"]) == [e for e in expected if e[0] in ("P02", "P07")]
    assert store.edges("WORKS_WITH", targets=["P06"]) == [e for e in expected if e[1] == "P06"]
    assert store.edges("WORKS_WITH", sources=["P02"], targets=["P04", "P05"]) == [e for e in expected if e[0] == "P02" and e[1] in ("P04", "P05")]
    positions = store.edges("POSITION", targets=["I-WIND"])
    assert [(s, k) for s, _, k, _ in positions] == [("A-DORP", "2025-02-01"), ("A-DORP", "2025-09-01"), ("A-PROV", "2025-01-10")]
    assert store.edges("KNOWS", sources=[]) == []
    assert store.edges("NO_SUCH") == []


def test_find_nodes(store, tiny):
    store.replace(tiny)
    assert store.find_nodes("Person", "anna de vries") == ["P01"]
    assert store.find_nodes("Person", "ANNA DE VRIES") == ["P01"]
    assert store.find_nodes("Team", "anna de vries") == []
    assert store.find_nodes("Person", "Anna") == []
    # names compare as kgraph.names.name_key does: Unicode case folding, NFKC, spaces collapsed
    assert store.find_nodes("Person", "Hanna Çelik") == ["P08"]
    assert store.find_nodes("Person", "HANNA ÇELIK") == ["P08"]
    assert store.find_nodes("Person", "hanna çelik") == ["P08"]
    assert store.find_nodes("Person", "Hanna\u00a0 C\u0327elik") == ["P08"]  # no-break space, decomposed Ç
    assert store.resolve("hanna çelik") == "P08" and store.resolve("P08") == "P08"


def test_item_terms(store, tiny):
    """What who-knows matches against: each item's name and synonyms, as ``nodes`` holds them."""
    for ds in (tiny, odd_dataset()):
        store.replace(ds)
        want = {i: {k: p[k] for k in ("name", "synonyms") if k in p}
                for i, (kind, p) in sorted(ds.nodes.items()) if kind == "KnowledgeItem"}
        assert store.item_terms() == want
        old = store.nodes("KnowledgeItem", as_of="1900-01-01")
        assert store.item_terms(as_of="1900-01-01") == {i: {k: p[k] for k in ("name", "synonyms") if k in p}
                                                        for i, p in old.items()}


def test_holders(store, tiny):
    """What who-knows ranks: the KNOWS edges into the items, with their level and confirmation."""
    store.replace(tiny)
    items = ["K-OMGW", "K-WMO", "nothing"]

    def ranked(edges):
        return [(s, t, k, p.get("level"), p.get("confirmed")) for s, t, k, p in edges]

    assert ranked(store.holders(items)) == ranked(store.edges("KNOWS", targets=items))
    assert len(store.holders(items)) > 1 and store.holders([]) == []


def test_settings(store):
    store.set_setting("privacy", {"mode": "strict", "min": 5})
    store.set_setting("flag", True)
    store.set_setting("flag", [1, "two"])
    assert store.get_setting("privacy") == {"mode": "strict", "min": 5}
    assert store.get_setting("flag") == [1, "two"]
    assert store.counts() == {}


def test_settings_survive_import(store, tiny):
    store.set_setting("privacy", "strict")
    store.replace(tiny)
    store.replace(Dataset())
    assert store.get_setting("privacy") == "strict"
    assert store.counts() == {}


def test_forget(store, tiny):
    store.replace(tiny)
    expected: dict[str, int] = {}
    for rel, s, t, _ in tiny.edges:
        if "P03" in (s, t):
            expected[rel] = expected.get(rel, 0) + 1
    expected["Person"] = 1
    assert store.forget("P03") == expected
    assert store.node("P03") is None
    assert all("P03" not in (s, t) for _, s, t, _ in store.read_dataset().edges)
    assert store.forget("P03") == {}
    assert store.counts()["Person"] == 7


def test_every_property_type_round_trips(store):
    ds = odd_dataset()
    report = store.replace(ds)
    assert report.added == ds.counts()
    back = store.read_dataset()
    assert back == ds
    for node_id, (kind, props) in ds.nodes.items():
        kind2, props2 = store.node(node_id)
        assert (kind2, props2) == (kind, props)
        for k, v in props.items():
            assert type(props2[k]) is type(v), (node_id, k)
    assert store.node("007")[1]["code"] == "007"
    assert isinstance(store.node("007")[1]["x"], float)
    assert store.nodes("Team") == {"T-1": ds.nodes["T-1"][1], "x'}) DETACH DELETE n //": ds.nodes["x'}) DETACH DELETE n //"][1]}
    assert store.find_nodes("Team", "X'}) detach delete N //") == ["x'}) DETACH DELETE n //"]
    assert store.edges("WORKS_WITH", sources=["007"]) == [
        ("007", "", "advice", {"kind": "advice", "weight": 1}),
        ("007", "", "collaboration", {"kind": "collaboration", "weight": 1.0}),
    ]
    assert store.replace(odd_dataset()).unchanged


def test_replace_with_empty_dataset_clears(store, tiny):
    store.replace(tiny)
    report = store.replace(Dataset())
    assert report.removed == tiny.counts()
    assert store.counts() == {}
    assert store.read_dataset() == Dataset()


def test_progress_callback(store, tiny):
    calls = []
    store.replace(tiny, progress=lambda done, total, label: calls.append((done, total)))
    total = len(tiny.nodes) + len(tiny.edges)
    assert calls and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


# -- keyed records (accounts, survey waves and answers) --------------------------------


def test_records_round_trip(store, tiny):
    assert store.records("user") == {}
    assert store.get_record("user", "anna") is None
    assert store.get_record("user", "anna", {"none": True}) == {"none": True}
    assert store.delete_record("user", "anna") is False
    value = {"role": "staff", "person_id": "007", "n": 3, "x": 0.5, "ok": True, "list": [1, "a", None],
             "text": "Ümlaut 🙂 \"q\" 'x'}) DETACH DELETE n // \u001f"}
    store.put_record("user", "anna", value)
    store.put_record("user", "bram", "plain text")
    store.put_record("wave", "anna", [1, 2])  # the same key in another kind is another record
    assert store.get_record("user", "anna") == value
    assert store.records("user") == {"anna": value, "bram": "plain text"}
    assert list(store.records("user")) == ["anna", "bram"]
    store.put_record("user", "anna", {"role": "admin"})  # replaces
    assert store.get_record("user", "anna") == {"role": "admin"}
    assert store.delete_record("user", "anna") is True
    assert store.records("user") == {"bram": "plain text"}
    assert store.records("wave") == {"anna": [1, 2]}
    # records are not the organisation: imports, counts and datasets do not see them
    store.replace(tiny)
    assert store.counts() == tiny.counts()
    assert store.read_dataset() == tiny
    store.replace(Dataset())
    assert store.records("wave") == {"anna": [1, 2]}


def test_put_records_is_all_or_nothing(store):
    store.put_records("token", {f"h{i:04d}": {"person_id": f"P{i}"} for i in range(300)})
    assert len(store.records("token")) == 300
    with pytest.raises(ValueError):
        store.put_records("token", {"ok": 1, "bad": float("nan")})
    assert store.get_record("token", "ok") is None
    with pytest.raises(ValueError):
        store.put_record("token", "", 1)
    assert len(store.records("token")) == 300


def test_put_record_if_writes_only_while_the_guard_holds(store):
    when = ("survey.wave", "2026-12-01", "status", "open")
    assert store.put_record_if("survey.response.2026-12-01", "P1", {"ties": []}, when=when) is False  # no guard
    store.put_record("survey.wave", "2026-12-01", {"wave": "2026-12-01", "status": "closing"})
    assert store.put_record_if("survey.response.2026-12-01", "P1", {"ties": []}, when=when) is False
    assert store.records("survey.response.2026-12-01") == {}
    store.put_record("survey.wave", "2026-12-01", {"wave": "2026-12-01", "status": "open"})
    assert store.put_record_if("survey.response.2026-12-01", "P1", {"ties": [1]}, when=when) is True
    assert store.put_record_if("survey.response.2026-12-01", "P1", {"ties": [2]}, when=when) is True  # replaces
    assert store.records("survey.response.2026-12-01") == {"P1": {"ties": [2]}}
    assert store.get_record("survey.wave", "2026-12-01") == {"wave": "2026-12-01", "status": "open"}  # unchanged
    store.put_record("survey.plain", "x", [1, 2])  # a guard that is not a map never holds
    assert store.put_record_if("survey.response.2026-12-01", "P2", 1, when=("survey.plain", "x", "status", "open")) is False
    with pytest.raises(ValueError):
        store.put_record_if("survey.response.2026-12-01", "", 1, when=when)


def test_records_pass_the_privacy_wrappers(store, tiny, monkeypatch):
    from kgraph.errors import PrivacyError
    from kgraph.store.guard import AggregateOnlyStore
    from kgraph.store.pseudonym import PseudonymStore

    store.replace(tiny)
    guarded = AggregateOnlyStore(store)
    guarded.put_record("wave", "2026-12-01", {"status": "open"})
    assert guarded.get_record("wave", "2026-12-01") == {"status": "open"}
    assert guarded.records("wave") == {"2026-12-01": {"status": "open"}}
    pseudo = PseudonymStore(store, b"0123456789abcdef-test")
    assert pseudo.records("wave") == {"2026-12-01": {"status": "open"}}
    assert pseudo.get_record("wave", "2026-12-01") == {"status": "open"}
    with pytest.raises(PrivacyError):
        pseudo.put_record("wave", "x", 1)
    with pytest.raises(PrivacyError):
        pseudo.delete_record("wave", "2026-12-01")
    with pytest.raises(PrivacyError):
        pseudo.put_record_if("wave", "x", 1, when=("wave", "2026-12-01", "status", "open"))
    assert guarded.put_record_if("answer", "x", 1, when=("wave", "2026-12-01", "status", "open")) is True
    assert store.get_record("answer", "x") == 1
    assert guarded.delete_record("wave", "2026-12-01") is True
    assert store.records("wave") == {}
