"""kgraph.recommend on the tiny dataset (hand-checked)."""

from __future__ import annotations

import kgraph

AS_OF = "2026-06-01"


def test_transfers(tiny):
    df = kgraph.recommend(tiny, as_of=AS_OF)
    rows = list(df[["action", "priority", "from_id", "to_id", "subject_id"]].itertuples(index=False, name=None))
    # P03 leaves: T-VERG/K-OMGW (crit 3) -> P04 (same team, level 2; P02 already holds it)
    # K-DSO: P02 (same team + tie) before P04 (same team); K-RO: only P05 -> P04 (same team Beleid + tie)
    assert rows == [
        ("transfer", "high", "P03", "P04", "K-OMGW"),
        ("transfer", "medium", "P03", "P02", "K-DSO"),
        ("transfer", "medium", "P03", "P04", "K-DSO"),
        ("transfer", "low", "P05", "P04", "K-RO"),
    ]
    assert df.loc[0, "why"].startswith("Carla Smit leaves 2027-03-31")
    assert kgraph.recommend(tiny, as_of=AS_OF).equals(df)


def test_limit(tiny):
    assert len(kgraph.recommend(tiny, as_of=AS_OF, limit=1)) == 1


def test_introduce(build_store):
    # T-BELEID also needs K-WMO; Beleid Ruimte and Wmo-loket share no member and no tie
    kg = build_store({"needs": "T-BELEID,K-WMO,3,1,2\nT-WMO,K-WMO,3,1,2\n"})
    df = kgraph.recommend(kg, as_of=AS_OF)
    intro = df[df.action == "introduce"]
    pairs = {(r.unit_id, r.from_id, r.to_id) for r in intro.itertuples()}
    assert ("T-BELEID", "P05", "P06") in pairs
    assert "share no member and no work tie" in intro["why"].iloc[0]


def test_demo_smoke(demo):
    df = kgraph.recommend(demo, as_of="2026-12-01")
    assert set(df["action"]) == {"transfer", "introduce"}
