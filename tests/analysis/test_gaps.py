"""kgraph.gaps on the tiny dataset; every expectation checked by hand (see comments)."""

from __future__ import annotations

AS_OF = "2026-06-01"


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    # P03 leaves 2027-03-31, within 12 months of 2026-06-01; org-wide Omgevingswet keeps P02 (4) at level >= 3
    # (P04's self-assessed 2 does not count), so it falls below the 2 an item needs
    assert risk == {("T-VERG", "K-OMGW"): 1, ("T-VERG", "K-DSO"): 0, (None, "K-DSO"): 0, (None, "K-OMGW"): 1}
    assert _rows(df, "at_risk").set_index(["subject_id", "unit_id"]).loc[("K-OMGW", None), "why"] == (
        "only Bram Jansen will know it at level ≥ 3 after Carla Smit leaves (2027-03-31); needed by Vergunningen")
    # at level >= 2 P04 counts: the item keeps two holders, the need (its own min_level 3) does not change
    risk2 = {(r.unit_id, r.subject_id) for r in _rows(kgraph.gaps(tiny, as_of=AS_OF, min_level=2), "at_risk").itertuples()}
    assert risk2 == {("T-VERG", "K-OMGW"), ("T-VERG", "K-DSO"), (None, "K-DSO")}
    why = _rows(df, "at_risk").set_index(["subject_id", "unit_id"]).loc[("K-OMGW", "T-VERG"), "why"]
    assert "Carla Smit leaves (2027-03-31)" in why
    # a 6-month horizon ends 2026-12-01, before P03 leaves
    assert _rows(kgraph.gaps(tiny, as_of=AS_OF, horizon="6m"), "at_risk").empty


def test_stale(tiny):
    df = kgraph.gaps(tiny, as_of=AS_OF, stale_by="skill")
    # cut-off 2024-06-01: P03/K-DSO (2023-01-01) and P07/K-WMO (2022-06-01)
    stale = set(_rows(df, "stale")[["person_id", "subject_id"]].itertuples(index=False, name=None))
    assert stale == {("P03", "K-DSO"), ("P07", "K-WMO")}
    # with 48 months only P07's (exactly 48 months old is not older) ... 2022-06-01 is not before 2022-06-01
    stale48 = set(_rows(kgraph.gaps(tiny, as_of=AS_OF, stale_after="47m", stale_by="skill"), "stale")["person_id"])
    assert stale48 == {"P07"}


def test_stale_summarised_by_family_and_by_person(build_store):
    """Three more stale skills of P03: Omgevingswet and Ruimtelijke ordening (the family of DSO and Omgevingswet) and
    Wmo. By family (the default) one row per family and severity; by person one per person and family."""
    kg = build_store({"skills": "P05,K-OMGW,3,2023-05-01,self\nP03,K-WMO,2,2023-02-01,self\n"})
    fam = _rows(kgraph.gaps(kg, as_of=AS_OF), "stale")
    # P03/K-DSO (counts towards T-VERG's need of DSO at >= 3) -> medium; P05/K-OMGW (Beleid Ruimte needs nothing) -> low;
    # P07/K-WMO (counts towards D-SOC's need) -> medium; P03/K-WMO (level 2: does not count) -> low
    got = {(r.subject_id, r.severity): (r.count, r.holders, tuple(r.items), r.person_id) for r in fam.itertuples()}
    assert got == {("K-RO", "medium"): (1, 1, ("K-DSO",), None), ("K-RO", "low"): (1, 1, ("K-OMGW",), None),
                   ("K-WMO", "medium"): (1, 1, ("K-WMO",), None), ("K-WMO", "low"): (1, 1, ("K-WMO",), None)}
    assert fam.set_index(["subject_id", "severity"]).loc[("K-RO", "low"), "why"] == (
        "1 skill of 1 person in Ruimtelijke ordening was last confirmed before 2024-06-01 (the oldest 2023-05-01); "
        "none counts towards a need: Eva Visser")
    per = _rows(kgraph.gaps(kg, as_of=AS_OF, stale_by="person"), "stale")
    got = {(r.person_id, r.subject_id): (r.count, tuple(r.items), r.severity) for r in per.itertuples()}
    assert got == {("P03", "K-RO"): (1, ("K-DSO",), "medium"), ("P03", "K-WMO"): (1, ("K-WMO",), "low"),
                   ("P05", "K-RO"): (1, ("K-OMGW",), "low"), ("P07", "K-WMO"): (1, ("K-WMO",), "medium")}
    # the summaries account for every stale skill
    skills = _rows(kgraph.gaps(kg, as_of=AS_OF, stale_by="skill"), "stale")
    assert fam["count"].sum() == per["count"].sum() == len(skills) == 4


def test_a_low_self_assessed_holder_does_not_hide_a_single_point_of_failure():
    """Only Ann knows the Wmo at a working level; Bo's self-assessed 2 does not count (default min_level 3)."""
    from kgraph.model import Dataset
    from kgraph.org import Org
    from kgraph.analysis.gaps import gaps

    ds = Dataset(nodes={"K1": ("KnowledgeItem", {"name": "Wmo"}), "K2": ("KnowledgeItem", {"name": "Jeugdwet"}),
                        "P1": ("Person", {"name": "Ann"}), "P2": ("Person", {"name": "Bo"})},
                 edges={("KNOWS", "P1", "K1", ""): {"level": 4}, ("KNOWS", "P2", "K1", ""): {"level": 2},
                        ("KNOWS", "P2", "K2", ""): {"level": 2}})
    org = Org.from_dataset(ds, as_of="2026-06-01")
    df = gaps(org)
    single = df[df["kind"] == "single_holder"]
    assert single[["subject_id", "person_id"]].values.tolist() == [["K1", "P1"]]
    assert single["why"].iloc[0] == "only Ann knows it at level ≥ 3 (level 4); 1 more below level 3: Bo (2)"
    assert df.loc[df["kind"] == "orphan", "subject_id"].tolist() == ["K2"]  # only a level 2
    assert df.attrs["min_level"] == 3
    low = gaps(org, min_level=2)
    assert low[low["kind"].isin(["single_holder", "orphan"])]["subject_id"].tolist() == ["K2"]  # Bo alone knows Jeugdwet


def test_select_kind_severity_top(tiny):
    df = kgraph.gaps(tiny, as_of=AS_OF)
    high = kgraph.gaps(tiny, as_of=AS_OF, severity="high")
    assert set(high["severity"]) == {"high"} and len(high) == (df["severity"] == "high").sum()
    medium = kgraph.gaps(tiny, as_of=AS_OF, severity="medium")  # medium or higher
    assert set(medium["severity"]) == {"high", "medium"}
    kinds = kgraph.gaps(tiny, as_of=AS_OF, kind=["orphan", "at_risk"], top=2)
    assert len(kinds) == 2 and set(kinds["kind"]) <= {"orphan", "at_risk"}
    assert kinds.attrs["total"] == len(df)
    from kgraph.errors import OptionError

    import pytest

    with pytest.raises(OptionError):
        kgraph.gaps(tiny, as_of=AS_OF, kind="nonsense")
    with pytest.raises(OptionError):
        kgraph.gaps(tiny, as_of=AS_OF, severity="urgent")


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


def _split_and_unsplit(kg, monkeypatch, **options):
    """gaps of the store ``kg`` in one process, then (on a fresh snapshot, nothing read yet)
    with the items' rows computed by a forked child."""
    from kgraph import _fork
    from kgraph.analysis import gaps as module

    kg.changed()
    one = module.gaps(kg.snapshot(AS_OF), **options)
    kg.changed()
    org = kg.snapshot(AS_OF)
    monkeypatch.setattr(module, "SPLIT_ITEMS", 0)
    monkeypatch.setattr(_fork, "_allowed", True)
    started = []
    real = _fork.start
    monkeypatch.setattr(_fork, "start", lambda *a, **k: started.append(real(*a, **k)) or started[-1])
    two = module.gaps(org, **options)
    return one, two, started


@pytest.mark.parametrize("options", [{}, {"stale_by": "person"}, {"stale_by": "skill", "min_level": 2},
                                     {"horizon": "24m", "min_level": 1}])
def test_the_split_and_the_one_process_path_give_the_same_rows(demo, monkeypatch, options):
    """A one-shot command computes the items' rows in a forked second process
    (kgraph._fork): the same DataFrame, rows in the same order, as in one process."""
    import pandas as pd
    from kgraph import _fork

    one, two, started = _split_and_unsplit(demo, monkeypatch, **options)
    pd.testing.assert_frame_equal(one, two)
    assert one.attrs == two.attrs
    assert started and started[0].forked == _fork.possible()
    assert not started[0].failed  # the child had every table it read (it cannot read the store)


def test_a_child_that_needs_an_unread_table_leaves_the_work_to_the_parent(demo, monkeypatch):
    """The child cannot read the store: had the parent not loaded a table the child needs,
    the child fails and the parent computes the rows itself (same result)."""
    import pandas as pd
    from kgraph.analysis import gaps as module

    real = module._item_rows

    def needs_more(org, *args):
        org.of_kind("Issue")  # not loaded before the fork: in the child, a store read
        return real(org, *args)

    monkeypatch.setattr(module, "_item_rows", needs_more)
    one, two, started = _split_and_unsplit(demo, monkeypatch)
    pd.testing.assert_frame_equal(one, two)
    assert started[0].failed == started[0].forked  # a child would have had to read the store


@pytest.mark.parametrize("options", [{}, {"stale_by": "person", "min_level": 2}, {"stale_by": "skill"},
                                     {"horizon": "24m", "severity": "medium", "top": 7},
                                     {"kind": ["stale", "orphan"]}, {"kind": "at_risk", "severity": "high"}])
def test_the_rows_without_pandas_are_the_frames(demo, options):
    """``as_frame=False`` (what ``kgraph gaps`` renders): the DataFrame's rows, in its order,
    with its values and attrs, as plain dicts."""
    from kgraph.jsonrows import records

    df = kgraph.gaps(demo, as_of=AS_OF, **options)
    rows = kgraph.gaps(demo, as_of=AS_OF, as_frame=False, **options)
    assert (rows.columns, list(rows)) == records(df)
    assert rows.attrs == df.attrs


_ID = st.one_of(st.none(), st.sampled_from(["", "A", "a", "K-1", "é"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries({"kind": st.sampled_from(["stale", "orphan"]),
                                       "severity": st.sampled_from(["high", "low"]),
                                       "subject_id": _ID, "unit_id": _ID, "person_id": _ID,
                                       "holders": st.integers(0, 3)}), max_size=30))
def test_the_rows_are_sorted_as_pandas_sorts_them(rows):
    """Property: the order of the rows without pandas is ``sort_values``' (stable, no id first)."""
    import pandas as pd

    from kgraph.analysis import gaps as module

    rows = [{**r, "n": n} for n, r in enumerate(rows)]
    df = pd.DataFrame(rows)
    if not rows:
        return
    df["_s"] = df["severity"].map(module.SEVERITY_ORDER)
    want = df.sort_values(["_s", "kind", "subject_id", "unit_id", "person_id"], na_position="first", kind="stable")
    got = module._sorted_rows([{c: r.get(c) for c in module.COLUMNS} | {"why": r["n"]} for r in rows], {})
    assert [r["why"] for r in got] == want["n"].tolist()
