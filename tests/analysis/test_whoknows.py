"""kgraph.who_knows: matching, ranking, introduction paths, and store-only lookups."""

from __future__ import annotations

AS_OF = "2026-06-01"

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import kgraph
from kgraph.analysis.whoknows import damerau_levenshtein, match_items, normalize
from kgraph.store.sqlite import EmbeddedStore


class NoBulkStore(EmbeddedStore):
    """A real embedded store whose whole-dataset read is switched off."""

    def read_dataset(self, **kw):
        raise AssertionError("who_knows must not load the whole dataset")

    def node_kinds(self, **kw):  # where a snapshot starts reading (kgraph.tables.StoreTables)
        raise AssertionError("who_knows must not load the organisation")


@pytest.fixture()
def lookup_only(tiny):
    store = NoBulkStore(tiny.store.location, create=False)
    kg = kgraph.open(store)
    yield kg
    kg.close()


def test_never_reads_the_whole_dataset(lookup_only):
    df = kgraph.who_knows(lookup_only, "omgevnigswet", from_person="P05", as_of=AS_OF)
    assert len(df) == 4
    with pytest.raises(AssertionError):
        lookup_only.dataset()


def test_typo_ranking_and_narrower(tiny):
    df = kgraph.who_knows(tiny, "omgevnigswet", as_of=AS_OF)
    # K-OMGW: P03 5, P02 4, P04 2; K-DSO (narrower, name contains Omgevingswet): P03 4
    assert list(df[["person_id", "knowledge_id", "level"]].itertuples(index=False, name=None)) == [
        ("P03", "K-OMGW", 5), ("P02", "K-OMGW", 4), ("P03", "K-DSO", 4), ("P04", "K-OMGW", 2)]
    assert {"person_id", "name", "knowledge_id", "level", "confirmed", "team", "department", "email", "location", "match"} <= set(df.columns)


def test_broader_finds_narrower_holders(tiny):
    df = kgraph.who_knows(tiny, "Ruimtelijke Ordening", as_of=AS_OF)
    assert dict(zip(df["knowledge_id"], df["match"])) == {"K-OMGW": "narrower", "K-RO": "exact", "K-DSO": "narrower"}
    assert set(df["person_id"]) == {"P02", "P03", "P04", "P05"}


def test_synonym_case_and_recency(tiny):
    df = kgraph.who_knows(tiny, "WMO", as_of=AS_OF)
    assert list(df["person_id"]) == ["P06", "P07"]
    assert set(df["match"]) == {"synonym"}
    assert df.loc[0, "team"] == "Wmo-loket" and df.loc[0, "department"] == "Sociaal Domein"


def test_left_persons_are_not_listed(tiny):
    assert "P03" not in set(kgraph.who_knows(tiny, "dso", as_of="2027-04-01")["person_id"])


def test_path_from_person(tiny):
    df = kgraph.who_knows(tiny, "wmo", from_person="Eva Visser", as_of=AS_OF)
    # P05 -> P01 (information tie) -> P06 (information tie); P07 one further
    assert df.loc[0, "path"] == ["P05", "P01", "P06"]
    assert df.loc[1, "path"] == ["P05", "P01", "P06", "P07"]
    assert df.loc[0, "path_description"] == "Eva Visser → (information tie) Anna de Vries → (information tie) Frank Mulder"
    assert int(df.loc[1, "hops"]) == 3


def test_path_matches_networkx(tiny):
    import networkx as nx

    from kgraph.org import Org

    G = tiny.snapshot(AS_OF).person_graph(comembership=True)
    for src in sorted(G):
        df = kgraph.who_knows(tiny, "ruimtelijke ordening", from_person=src, as_of=AS_OF)
        for r in df.itertuples():
            assert len(r.path) - 1 == nx.shortest_path_length(G, src, r.person_id)
            assert all(G.has_edge(a, b) for a, b in zip(r.path, r.path[1:]))


def test_unknown_person(tiny):
    with pytest.raises(kgraph.NotFound):
        kgraph.who_knows(tiny, "wmo", from_person="Nobody")


def test_limit(tiny):
    assert len(kgraph.who_knows(tiny, "omgevingswet", limit=2, as_of=AS_OF)) == 2


def test_normalize_and_distance():
    assert normalize("Çelik") == "celik"
    assert damerau_levenshtein("ab", "ba") == 1
    assert damerau_levenshtein("", "abc") == 3


def test_no_match():
    assert match_items({"K": {"name": "Omgevingswet"}}, "zzzzzz") == {}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëç ", min_size=2, max_size=30), st.data())
def test_one_swap_is_found(name, data):
    n = normalize(name)
    assume(len(n) >= 2)
    i = data.draw(st.integers(0, len(n) - 2))
    typo = n[:i] + n[i + 1] + n[i] + n[i + 2:]
    items = {"K-X": {"name": name}, "K-Y": {"name": "Wet maatschappelijke ondersteuning"}}
    assume(normalize(typo) != "wet maatschappelijke ondersteuning")
    assert "K-X" in match_items(items, typo)


def test_every_demo_name_survives_a_swap(demo):
    items = demo.store.nodes("KnowledgeItem")
    missed = []
    for item, props in items.items():
        n = normalize(props["name"])
        for i in sorted({0, len(n) // 2 - 1, len(n) - 2} - {-1}):  # first, middle and last pair
            typo = n[:i] + n[i + 1] + n[i] + n[i + 2:]
            if item not in match_items(items, typo) and not any(normalize(p["name"]) == typo for p in items.values()):
                missed.append((item, typo))
    assert not missed


def test_team_from_the_membership_that_holds_on_the_date(demo):
    """P0181 moved from Inkomen (until 2025-06-30) to Werk (from 2025-07-01): who-knows shows Werk
    after the move, Inkomen before it, from the store's indexes and from a snapshot alike."""
    for as_of, team in (("2026-12-01", "Werk"), ("2025-01-01", "Inkomen")):
        for source in (demo, demo.snapshot(as_of)):
            df = kgraph.who_knows(source, "K-PW", as_of=as_of)
            row = df[df.person_id == "P0181"].iloc[0]
            assert row.team == team, (as_of, type(source).__name__)

