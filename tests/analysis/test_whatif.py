"""kgraph.what_if on the tiny dataset (hand-checked) and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kgraph

AS_OF = "2026-06-01"
PERSONS = [f"P0{i}" for i in range(1, 9)]


def _kinds(df):
    return {(r.kind, r.subject_id, r.unit_id) for r in df.itertuples()}


def test_nobody_gone_reports_nothing(tiny):
    assert kgraph.what_if(tiny, as_of=AS_OF).empty


def test_leaving_within(tiny):
    df = kgraph.what_if(tiny, leaving_within="12m", as_of=AS_OF)
    assert df.attrs["without"] == ["P03"]  # leaves 2027-03-31
    # K-DSO: only P03 -> lost; T-VERG/K-OMGW met by P02+P03 -> unmet; T-VERG/K-DSO was 1 of 2 -> 0
    assert _kinds(df) >= {("lost_coverage", "K-DSO", None), ("need_unmet", "K-OMGW", "T-VERG"), ("need_worse", "K-DSO", "T-VERG")}
    row = df[(df.kind == "need_unmet")].iloc[0]
    assert (row.before, row.after) == (2, 1)


def test_without_frank(tiny):
    df = kgraph.what_if(tiny, without=["Frank Mulder"], as_of=AS_OF)
    k = _kinds(df)
    # P06 links MT and Wmo-loket (only pin), and is the only tie between P01 and the Wmo team
    assert ("pin_lost", "P06", None) in k
    assert ("articulation_point_lost", "P06", None) in k
    assert ("need_unmet", "K-WMO", "D-SOC") in k  # P06 (5) + P07 (3) -> P07 only
    assert ("single_holder_new", "K-WMO", None) in k
    split = df[df.kind == "component_split"].iloc[0]
    assert (split.before, split.after) == (1, 2) and "Gert van den Berg, Hanna Çelik" in split.why


def test_actor_orphaned(tiny):
    df = kgraph.what_if(tiny, without=["P02"], as_of=AS_OF)
    assert ("actor_orphaned", "A-DORP", None) in _kinds(df)  # P02 is A-DORP's only contact
    assert ("actor_orphaned", "A-PROV", None) not in _kinds(df)


def test_bridges_against_networkx(tiny):
    import networkx as nx

    from kgraph.org import Org

    G = tiny.snapshot(AS_OF).person_graph(comembership=True).copy()
    G.remove_node("P01")
    expected = {tuple(sorted(e)) for e in nx.bridges(G) if G.degree(e[0]) > 1 and G.degree(e[1]) > 1}
    df = kgraph.what_if(tiny, without=["P01"], as_of=AS_OF)
    got = {tuple(s.split("–")) for s in df.loc[df.kind == "bridge_new", "subject_id"]}
    assert got <= expected


def test_unknown_person(tiny):
    with pytest.raises(kgraph.NotFound):
        kgraph.what_if(tiny, without=["P99"], as_of=AS_OF)


def _covered(df_gaps_unmet, tiny, gone):
    df = kgraph.what_if(tiny, without=gone, as_of=AS_OF)
    return len(df[df.kind.isin(["lost_coverage"])])


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(PERSONS)), st.sets(st.sampled_from(PERSONS)))
def test_removing_more_never_increases_coverage(tiny, a, b):
    small = kgraph.what_if(tiny, without=sorted(a), as_of=AS_OF)
    big = kgraph.what_if(tiny, without=sorted(a | b), as_of=AS_OF)
    lost_small = set(small.loc[small.kind == "lost_coverage", "subject_id"])
    lost_big = set(big.loc[big.kind == "lost_coverage", "subject_id"])
    assert lost_small <= lost_big
    unmet = lambda df: set(df.loc[df.kind.isin(["need_unmet", "need_worse"]), ["subject_id", "unit_id"]].itertuples(index=False, name=None))  # noqa: E731
    after = lambda df: {(r.subject_id, r.unit_id): r.after for r in df.itertuples() if r.kind in ("need_unmet", "need_worse")}  # noqa: E731
    for key, n in after(small).items():
        assert after(big).get(key, n) <= n
    assert unmet(small) <= unmet(big) | {k for k in unmet(small) if k in after(big)}


def test_demo_smoke(demo):
    df = kgraph.what_if(demo, leaving_within="12m", as_of="2026-12-01")
    assert len(df.attrs["without"]) > 0 and not df.empty


def test_owner_lost(tiny):
    """P01 owns the relationship with the Provincie, P05 is its other contact: a handover, not an orphan."""
    df = kgraph.what_if(tiny, without=["P01"], as_of=AS_OF)
    row = df[df.kind == "owner_lost"].set_index("subject_id").loc["A-PROV"]
    assert (row.before, row.after) == (2, 1)
    assert row.why == "relationship owner Anna de Vries leaves: hand the relationship over to Eva Visser"
    assert ("actor_orphaned", "A-PROV", None) not in _kinds(df)
