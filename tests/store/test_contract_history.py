"""The store contract for dated versions and sources: every backend (embedded SQLite, Neo4j
over Bolt) passes these tests (the ``store`` fixture runs each on both)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from kgraph.ingest import load_dataset
from kgraph.model import Dataset

TINY = Path(__file__).parents[1] / "data" / "tiny"
D1, D2, D3 = "2025-01-01", "2026-01-01", "2027-01-01"


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    return load_dataset(TINY)


def changed(ds: Dataset, **functions: str) -> Dataset:
    """A copy of ``ds`` with some persons' functions changed."""
    new = copy.deepcopy(ds)
    for pid, function in functions.items():
        new.nodes[pid][1]["function"] = function
    return new


def without(ds: Dataset, node_id: str) -> Dataset:
    new = copy.deepcopy(ds)
    new.nodes.pop(node_id)
    new.edges = {k: v for k, v in new.edges.items() if node_id not in (k[1], k[2])}
    return new


def dates(store) -> list[tuple[str, str, int, int, int]]:
    return [(v["source"], v["as_of"].isoformat(), v["added"], v["changed"], v["removed"]) for v in store.history()]


def test_versions_are_kept_and_read_by_date(store, tiny):
    v2 = changed(tiny, P01="burgemeester")
    assert store.replace(tiny, as_of=D1).added == tiny.counts()
    report = store.replace(v2, as_of=D2)
    assert report.changed == {"Person": 1} and not report.added and not report.removed
    assert store.read_dataset(as_of="2025-06-01") == tiny
    assert store.read_dataset(as_of=D2) == v2
    assert store.read_dataset() == v2  # today: the latest
    assert store.read_dataset(as_of="2020-01-01") == tiny  # before the first version: the first
    n = len(tiny.nodes) + len(tiny.edges)
    assert dates(store) == [("import", D1, n, 0, 0), ("import", D2, 0, 1, 0)]
    h = store.history()
    assert h[1]["changes"] == {"added": {}, "changed": {"Person": 1}, "removed": {}}
    assert isinstance(h[0]["as_of"], dt.date) and h[0]["recorded_at"] <= h[1]["recorded_at"]


def test_equal_data_stores_nothing(store, tiny):
    store.replace(tiny, as_of=D1)
    for day in ("2024-01-01", D1, D2):  # before, on and after the version in force
        assert store.replace(copy.deepcopy(tiny), as_of=day).unchanged
    assert len(store.history()) == 1
    assert store.node_history("Person", ["P01"])["P01"] == [
        {"source": "import", "valid_from": D1, "valid_to": None, "props": tiny.nodes["P01"][1]}]


def test_storage_grows_with_changes(store, tiny):
    """Three versions that each change one person: one row more per change, not a copy per version."""
    store.replace(tiny, as_of=D1)
    store.replace(changed(tiny, P01="a"), as_of=D2)
    store.replace(changed(tiny, P01="a", P02="b"), as_of=D3)
    hist = store.node_history("Person")
    assert [len(hist[p]) for p in ("P01", "P02", "P03")] == [2, 2, 1]
    assert [v["valid_to"] for v in hist["P01"]] == [D2, None]
    assert [v["valid_from"] for v in hist["P02"]] == [D1, D3]


def test_a_version_between_two_is_inserted(store, tiny):
    v3 = changed(tiny, P01="c")
    store.replace(tiny, as_of=D1)
    store.replace(v3, as_of=D3)
    mid = changed(tiny, P02="m")
    report = store.replace(mid, as_of=D2)
    assert report.changed == {"Person": 1}  # compared with what was in force on D2 (the first version)
    assert store.read_dataset(as_of="2025-06-01") == tiny
    assert store.read_dataset(as_of="2026-06-01") == mid
    assert store.read_dataset(as_of=D3) == v3
    # the later version now counts its changes from the inserted one: P01 changed, P02 back
    assert [d[1:] for d in dates(store)] == [(D1, len(tiny.nodes) + len(tiny.edges), 0, 0), (D2, 0, 1, 0), (D3, 0, 2, 0)]


def test_a_version_before_the_first_and_equal_to_the_next(store, tiny):
    v2 = changed(tiny, P01="b")
    store.replace(v2, as_of=D2)
    assert store.replace(tiny, as_of=D1).changed == {"Person": 1}
    assert store.read_dataset(as_of=D1) == tiny and store.read_dataset(as_of=D2) == v2
    assert store.replace(changed(tiny, P01="b"), as_of="2025-06-01").changed == {"Person": 1}
    # equal to the next version: its rows now start earlier, and the next version has no changes left
    assert store.read_dataset(as_of="2025-07-01") == v2
    assert [len(v) for v in store.node_history("Person", ["P01"]).values()] == [2]
    assert [d[1:] for d in dates(store)][2] == (D2, 0, 0, 0)


def test_a_version_on_the_same_date_is_replaced(store, tiny):
    store.replace(tiny, as_of=D1)
    store.replace(changed(tiny, P01="x"), as_of=D2)
    again = changed(tiny, P02="y")
    report = store.replace(again, as_of=D2)
    assert report.changed == {"Person": 2}  # P01 back, P02 changed, compared with the version replaced
    assert store.read_dataset(as_of=D2) == again and store.read_dataset(as_of=D1) == tiny
    assert [d[1:] for d in dates(store)][1] == (D2, 0, 1, 0)
    assert len(store.node_history("Person", ["P01"])["P01"]) == 1  # joined again: never changed
    store.replace(copy.deepcopy(tiny), as_of=D2)  # back to the first: the version is empty now
    assert store.read_dataset(as_of=D2) == tiny and all(len(v) == 1 for v in store.node_history("Person").values())


def test_removed_and_readded(store, tiny):
    store.replace(tiny, as_of=D1)
    store.replace(without(tiny, "P08"), as_of=D2)
    store.replace(tiny, as_of=D3)
    assert "P08" not in store.read_dataset(as_of=D2).nodes
    assert store.read_dataset(as_of=D3) == tiny
    assert store.node("P08", as_of=D2) is None and store.node("P08", as_of=D3) == tiny.nodes["P08"]
    assert [(v["valid_from"], v["valid_to"]) for v in store.node_history("Person", ["P08"])["P08"]] == [(D1, D2), (D3, None)]


def test_lookups_take_the_date(store, tiny):
    v2 = without(changed(tiny, P01="burgemeester"), "P08")
    v2.nodes["P09"] = ("Person", {"name": "Ivo Nieuw"})
    v2.edges[("WORKS_WITH", "P09", "P01", "advice")] = {"kind": "advice"}
    store.replace(tiny, as_of=D1)
    store.replace(v2, as_of=D2)
    for day, ds in (("2025-05-01", tiny), ("2026-05-01", v2)):
        assert store.counts(as_of=day) == dict(sorted(ds.counts().items(), key=lambda kv: (kv[0].isupper(), kv[0])))
        assert store.node("P01", as_of=day) == ds.nodes["P01"]
        persons = {i: p for i, (k, p) in ds.nodes.items() if k == "Person"}
        assert store.nodes("Person", as_of=day) == persons
        assert store.nodes("Person", ["P08", "P09", "K-RO"], as_of=day) == {i: persons[i] for i in ("P08", "P09") if i in persons}
        ties = sorted((s, t, k, p) for (r, s, t, k), p in ds.edges.items() if r == "WORKS_WITH")
        assert store.edges("WORKS_WITH", as_of=day) == ties
        assert store.edges("WORKS_WITH", targets=["P01"], as_of=day) == [e for e in ties if e[1] == "P01"]
        assert store.edges("WORKS_WITH", sources=["P08", "P09"], as_of=day) == [e for e in ties if e[0] in ("P08", "P09")]
        assert store.names("Person", as_of=day) == {i: p.get("name") for i, p in persons.items()}
    assert store.find_nodes("Person", "ivo nieuw", as_of="2025-05-01") == []
    assert store.find_nodes("Person", "ivo nieuw", as_of="2026-05-01") == ["P09"]
    assert store.resolve("Ivo Nieuw", as_of="2026-05-01") == "P09"


def test_sources_are_kept_apart_and_combined(store, tiny):
    store.replace(tiny, as_of=D1)
    survey = Dataset(
        nodes={"P01": ("Person", {"name": "Anna (survey)"}), "P03": ("Person", tiny.nodes["P03"][1])},
        edges={("WORKS_WITH", "P01", "P03", "advice"): {"kind": "advice", "weight": 5}})
    store.replace(survey, as_of=D2, source="survey")
    now = store.read_dataset()
    assert now.nodes["P01"] == ("Person", {"name": "Anna (survey)"})  # the later version wins
    assert now.edges[("WORKS_WITH", "P01", "P03", "advice")] == {"kind": "advice", "weight": 5}
    assert store.read_dataset(as_of="2025-06-01") == tiny  # the survey did not exist yet
    assert store.node("P01")[1]["name"] == "Anna (survey)" and store.names("Person")["P01"] == "Anna (survey)"
    # a new import replaces only its own source's data, and wins where it is later
    imp = without(tiny, "P01")
    store.replace(imp, as_of=D3)
    later = store.read_dataset(as_of=D3)
    assert later.nodes["P01"] == ("Person", {"name": "Anna (survey)"})  # still held by the survey
    assert all(k[1] != "P01" or k[0] == "WORKS_WITH" for k in later.edges)
    changed_p03 = changed(imp, P03="nieuw")
    store.replace(changed_p03, as_of=D3)
    assert store.node("P03", as_of=D3) == changed_p03.nodes["P03"]  # import (2027) later than survey (2026)
    assert store.node("P03")[1] == tiny.nodes["P03"][1]  # today (before 2027): still the survey's
    assert sorted({v["source"] for v in store.history()}) == ["import", "survey"]


def test_ties_between_sources_are_broken_by_name(store, tiny):
    a = Dataset(nodes={"X": ("Team", {"name": "from a"})})
    b = Dataset(nodes={"X": ("Team", {"name": "from b"})})
    store.replace(b, as_of=D1, source="b-source")
    store.replace(a, as_of=D1, source="a-source")
    assert store.node("X") == ("Team", {"name": "from b"})  # same date: the later name wins
    assert store.nodes("Team") == {"X": {"name": "from b"}}


def test_edges_with_a_missing_end_are_left_out(store, tiny):
    store.replace(tiny, as_of=D1)
    calendar = Dataset(edges={("WORKS_WITH", "P08", "P01", "information"): {"kind": "information"}})
    store.replace(calendar, as_of=D1, source="calendar")
    assert ("WORKS_WITH", "P08", "P01", "information") in store.read_dataset().edges
    store.replace(without(tiny, "P08"), as_of=D2)  # P08 leaves: the calendar's tie goes with them
    ds = store.read_dataset()
    assert ("WORKS_WITH", "P08", "P01", "information") not in ds.edges
    assert store.edges("WORKS_WITH", targets=["P01"]) == sorted(
        (s, t, k, p) for (r, s, t, k), p in ds.edges.items() if r == "WORKS_WITH" and t == "P01")
    assert store.counts() == dict(sorted(ds.counts().items(), key=lambda kv: (kv[0].isupper(), kv[0])))
    assert ("WORKS_WITH", "P08", "P01", "information") in store.read_dataset(as_of="2025-06-01").edges


def test_a_bad_source_name_is_refused(store, tiny):
    from kgraph.errors import OptionError

    with pytest.raises(OptionError):
        store.replace(tiny, source="Not a name")
    assert store.history() == []


def test_forget_removes_the_person_from_every_version_and_source(store, tiny):
    store.replace(tiny, as_of=D1)
    store.replace(changed(tiny, P03="ander werk"), as_of=D2)
    store.replace(Dataset(edges={("WORKS_WITH", "P03", "P01", "advice"): {"kind": "advice"}}), as_of=D2, source="survey")
    removed = store.forget("P03")
    assert removed["Person"] == 1 and removed["WORKS_WITH"] == 1 + sum(
        1 for r, s, t, _k in tiny.edges if r == "WORKS_WITH" and "P03" in (s, t))
    assert store.node_history("Person", ["P03"]) == {}
    for day in ("2025-06-01", "2026-06-01"):
        ds = store.read_dataset(as_of=day)
        assert "P03" not in ds.nodes and all("P03" not in (s, t) for _r, s, t, _k in ds.edges)
    # the versions stay, their counts now without P03
    h = store.history()
    assert [(v["source"], v["as_of"].isoformat()) for v in h] == [("import", D1), ("import", D2), ("survey", D2)]
    assert h[1]["changed"] == 0 and h[2]["added"] == 0


def test_forget_with_mentions(store, tiny):
    ds = copy.deepcopy(tiny)
    ds.nodes["S-X"] = ("Signal", {"text": "klacht over Bram Jansen", "date": "2025-01-01"})
    ds.edges[("ABOUT", "S-X", "I-WIND", "")] = {}
    store.replace(ds, as_of=D1)
    v2 = copy.deepcopy(tiny)
    v2.nodes["T-VERG"][1]["description"] = "team van bram jansen"
    store.replace(v2, as_of=D2)
    removed = store.forget("P02", mentions=lambda text: "bram jansen" in text.lower())
    assert removed["Signal"] == 1 and removed["ABOUT"] == 1 and removed["property"] == 1
    assert "S-X" not in store.read_dataset(as_of=D1).nodes
    assert "description" not in store.node("T-VERG")[1]
    assert store.node_history("Team", ["T-VERG"])["T-VERG"][-1]["valid_to"] is None
    assert len(store.node_history("Team", ["T-VERG"])["T-VERG"]) == 1  # equal again: one row


def test_is_empty(store, tiny):
    assert store.is_empty()
    store.replace(Dataset(), as_of=D1)
    assert store.is_empty()  # nothing to store: no version
    store.replace(tiny, as_of=D1)
    assert not store.is_empty()


def test_a_writer_reads_its_own_source(store, tiny):
    """``read_dataset(source=...)``: what one source holds on a date (its own latest version
    then, nothing before its first), as a writer reads it before writing its next version."""
    store.replace(tiny, as_of=D1)
    ties = Dataset(edges={("WORKS_WITH", "P01", "P03", "advice"): {"kind": "advice"},
                          ("WORKS_WITH", "P01", "GHOST", "advice"): {"kind": "advice"}})
    store.replace(ties, as_of=D2, source="survey")
    assert store.read_dataset(as_of=D2, source="survey") == ties  # its own rows, a missing end included
    assert store.read_dataset(as_of="2025-06-01", source="survey") == Dataset()
    assert store.read_dataset(as_of=D2, source="import") == tiny
    assert ("WORKS_WITH", "P01", "GHOST", "advice") not in store.read_dataset(as_of=D2).edges
