"""kgraph.gaps on the tiny dataset; every expectation checked by hand (see comments)."""

from __future__ import annotations

AS_OF = "2026-06-01"


import kgraph


def _rows(df, kind):
    return df[df["kind"] == kind]


def test_unmet_needs(tiny):
    df = kgraph.gaps(tiny, as_of=AS_OF)
    unmet = {(r.unit_id, r.subject_id): (r.holders, r.required, r.severity) for r in _rows(df, "unmet_need").itertuples()}
    # T-VERG/K-OMGW: P02 (4) and P03 (5) at >= 3 -> met; P04 at 2 does not count
    # T-VERG/K-DSO: only P03 (4) -> 1 of 2; criticality 2 -> medium
    # D-SOC/K-WMO: P06 (5, in T-WMO under D-SOC) and P07 (3) -> met
    # T-WMO/K-EXCEL: nobody -> 0 of 2; criticality 2 raised to high because nobody holds it
    assert unmet == {("T-VERG", "K-DSO"): (1, 2, "medium"), ("T-WMO", "K-EXCEL"): (0, 2, "high")}


def test_single_holder_and_orphan(tiny):
    df = kgraph.gaps(tiny, as_of=AS_OF)
    # K-DSO: only P03; K-RO is held by P05 and, through narrower items, P02-P04
    assert list(_rows(df, "single_holder")[["subject_id", "person_id"]].itertuples(index=False, name=None)) == [("K-DSO", "P03")]
    assert list(_rows(df, "orphan")["subject_id"]) == ["K-EXCEL"]


def test_at_risk_with_horizon(tiny):
    df = kgraph.gaps(tiny, as_of=AS_OF, horizon="12m")
    risk = {(r.unit_id, r.subject_id): r.holders for r in _rows(df, "at_risk").itertuples()}
    # P03 leaves 2027-03-31, within 12 months of 2026-06-01
    assert risk == {("T-VERG", "K-OMGW"): 1, ("T-VERG", "K-DSO"): 0, (None, "K-DSO"): 0}
    why = _rows(df, "at_risk").set_index("subject_id").loc["K-OMGW", "why"]
    assert "Carla Smit leaves (2027-03-31)" in why
    # a 6-month horizon ends 2026-12-01, before P03 leaves
    assert _rows(kgraph.gaps(tiny, as_of=AS_OF, horizon="6m"), "at_risk").empty


def test_stale(tiny):
    df = kgraph.gaps(tiny, as_of=AS_OF)
    # cut-off 2024-06-01: P03/K-DSO (2023-01-01) and P07/K-WMO (2022-06-01)
    stale = set(_rows(df, "stale")[["person_id", "subject_id"]].itertuples(index=False, name=None))
    assert stale == {("P03", "K-DSO"), ("P07", "K-WMO")}
    # with 48 months only P07's (exactly 48 months old is not older) ... 2022-06-01 is not before 2022-06-01
    stale48 = set(_rows(kgraph.gaps(tiny, as_of=AS_OF, stale_after="47m"), "stale")["person_id"])
    assert stale48 == {"P07"}


def test_unlinked_issue(tiny):
    df = kgraph.gaps(tiny, as_of=AS_OF)
    assert list(_rows(df, "unlinked_issue")["subject_id"]) == ["I-CENTRUM"]  # I-WIND has K-OMGW


def test_silo(build_store):
    # Sociaal Domein needs K-DSO, held at level >= 3 only by P03 in Ruimte
    kg = build_store({"needs": "D-SOC,K-DSO,3,1,3\n"})
    silo = _rows(kgraph.gaps(kg, as_of=AS_OF), "silo")
    assert list(silo[["subject_id", "unit_id", "severity"]].itertuples(index=False, name=None)) == [("K-DSO", "D-SOC", "high")]
    assert "only in Ruimte" in silo["why"].iloc[0]


def test_people_who_left_do_not_count(tiny):
    # on 2027-04-01 P03 has left: T-VERG/K-OMGW becomes unmet, K-DSO an orphan
    df = kgraph.gaps(tiny, as_of="2027-04-01")
    assert ("T-VERG", "K-OMGW") in set(_rows(df, "unmet_need")[["unit_id", "subject_id"]].itertuples(index=False, name=None))
    assert "K-DSO" in set(_rows(df, "orphan")["subject_id"])


def test_sorted_and_deterministic(tiny):
    a = kgraph.gaps(tiny, as_of=AS_OF)
    b = kgraph.gaps(tiny, as_of=AS_OF)
    assert a.equals(b)
    order = {"high": 0, "medium": 1, "low": 2}
    assert list(a["severity"].map(order)) == sorted(a["severity"].map(order))
    assert list(a.columns[:2]) == ["kind", "severity"]


def test_demo_smoke(demo):
    df = kgraph.gaps(demo, as_of="2026-12-01")
    assert len(df) > 0
    assert set(df["kind"]) >= {"unmet_need", "single_holder", "at_risk"}
