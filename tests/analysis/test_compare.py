"""kgraph.analysis.compare: what changed between two dates, one row per change (hand-checked)."""

from __future__ import annotations

from kgraph.analysis import compare as cmp
from kgraph.analysis.compare import KINDS, Results, compare
from kgraph.model import Dataset
from kgraph.org import Org


def dataset(*, ties, members, positions=(), objective=None, extra_persons=()):
    # T0, the management team above Ruimte: with a lead of Ruimte's teams in it (members=), Ruimte has one and none
    # is inferred from its team leads (kgraph.management)
    nodes = {"D0": ("Department", {"name": "Gemeente"}), "T0": ("Team", {"name": "MT Gemeente"}),
             "D1": ("Department", {"name": "Ruimte"}), "T1": ("Team", {"name": "Vergunningen"}),
             "T2": ("Team", {"name": "Beleid"}), "K1": ("KnowledgeItem", {"name": "Omgevingswet"}),
             "A1": ("ExternalActor", {"name": "Provincie"}), "I1": ("Issue", {"name": "Windpark"})}
    for p in ("P1", "P2", "P3", "P4", *extra_persons):
        nodes[p] = ("Person", {"name": f"name {p}"})
    edges = {("PART_OF", "T1", "D1", ""): {}, ("PART_OF", "T2", "D1", ""): {}, ("PART_OF", "D1", "D0", ""): {},
             ("PART_OF", "T0", "D0", ""): {},
             ("NEEDS", "T1", "K1", ""): {"min_level": 3, "min_holders": 1}, ("KNOWS", "P2", "K1", ""): {"level": 4}}
    for p, t, role in members:
        edges[("MEMBER_OF", p, t, "")] = {"role": role}
    for s, t in ties:
        edges[("WORKS_WITH", s, t, "collaboration")] = {"kind": "collaboration"}
    for day, stance in positions:
        edges[("POSITION", "A1", "I1", day)] = {"stance": stance, "influence": 4, "interest": 4, "date": day}
    if objective:
        nodes["G1"] = ("TargetGroup", {"name": "Inwoners"})
        nodes["O1"] = ("Objective", {"dimension": "knowledge", "indicator": "kent het plan", "unit": "percent", "baseline": 30,
                                     "baseline_date": "2025-01-01", "target": 60, "deadline": "2027-01-01"})
        edges[("AIMS_AT", "O1", "G1", "")] = {}
        for k, (day, value) in enumerate(objective):
            nodes[f"M{k}"] = ("Measurement", {"date": day, "value": value, "respondents": 400})
            edges[("MEASURES", f"M{k}", "O1", "")] = {}
    return Dataset(nodes=nodes, edges=edges)


BEFORE = dataset(ties=[("P1", "P2"), ("P2", "P3"), ("P3", "P4")],
                 members=[("P1", "T1", "lead"), ("P2", "T1", "member"), ("P3", "T2", "lead"), ("P4", "T2", "member"),
                          ("P1", "T0", "member")],
                 positions=[("2025-06-01", -1)], objective=[("2025-11-01", 31)])
AFTER = dataset(ties=[("P1", "P2"), ("P2", "P3"), ("P3", "P4"), ("P1", "P4"), ("P4", "P2")],
                members=[("P1", "T1", "lead"), ("P3", "T1", "member"), ("P3", "T2", "lead"), ("P4", "T2", "member"),
                         ("P1", "T0", "member")],
                positions=[("2025-06-01", -1), ("2026-06-01", 1)], objective=[("2025-11-01", 31), ("2026-11-01", 58)])


def test_every_kind_on_a_hand_checked_pair():
    before = Org.from_dataset(BEFORE, as_of="2025-12-01")
    after = Org.from_dataset(AFTER, as_of="2026-12-01")
    df = compare(before, after)
    got = {(r.kind, r.subject_id, r.context_id, r.before, r.after) for r in df.itertuples()}
    assert got == {
        ("tie_added", "P1", "P4", None, "collaboration"),
        ("tie_added", "P4", "P2", None, "collaboration"),
        # P3 leads T2 and sits in T1: a vertical pin; P2 left T1 (no team: not ranked)
        ("pin_gained", "P3", None, "none", "vertical"),
        # the path P1-P2-P3-P4 had cut points P2 and P3; with P1-P4 and P4-P2 it has none
        ("cut_point_lost", "P2", None, "splits into 2", None),
        ("cut_point_lost", "P3", None, "splits into 2", None),
        # T1 needs K1 at level 3 from one member: P2, its holder, left T1
        # (K1 has a single holder, P2, on both dates: not a change)
        ("gap_opened", "K1", "T1", None, "unmet_need: 0 of 1 holders"),
        ("stance_changed", "A1", "I1", "-1 against", "+1 for"),
        ("objective_status_changed", "O1", "G1", "behind", "on_track"),
    }
    assert list(df.columns) == ["kind", "subject_id", "subject", "context_id", "context", "before", "after"]
    assert df["kind"].tolist() == sorted(df["kind"], key=KINDS.index)
    assert df.attrs == {"from": "2025-12-01", "to": "2026-12-01"}


def test_same_date_changes_nothing_and_order_of_arguments_does_not_matter():
    a = Org.from_dataset(BEFORE, as_of="2025-12-01")
    b = Org.from_dataset(AFTER, as_of="2026-12-01")
    assert compare(a, Org.from_dataset(BEFORE, as_of="2025-12-01")).empty
    assert compare(b, a).equals(compare(a, b))


def test_results_are_taken_not_recomputed(monkeypatch):
    a = Org.from_dataset(BEFORE, as_of="2025-12-01")
    b = Org.from_dataset(AFTER, as_of="2026-12-01")
    ra, rb = Results.of(a), Results.of(b)
    monkeypatch.setattr(cmp.Results, "of", classmethod(lambda cls, org, **kw: (_ for _ in ()).throw(AssertionError("recomputed"))))
    assert len(compare(a, b, results_before=ra, results_after=rb)) == 8


def test_stale_skills_are_quiet_by_default():
    ds = dataset(ties=[("P1", "P2")], members=[("P1", "T1", "lead"), ("P2", "T1", "member")])
    ds.edges[("KNOWS", "P2", "K1", "")] = {"level": 4, "confirmed": "2023-06-01"}
    a, b = Org.from_dataset(ds, as_of="2025-01-01"), Org.from_dataset(ds, as_of="2026-01-01")
    assert "stale" not in " ".join(compare(a, b)["after"].dropna())
    loud = compare(a, b, quiet_gaps=())
    assert [(r.kind, r.subject_id) for r in loud.itertuples() if str(r.after).startswith("stale")] == [("gap_opened", "K1")]


def test_a_person_who_left_loses_ties_and_pin():
    ds = dataset(ties=[("P1", "P3")], members=[("P1", "T1", "lead"), ("P1", "T2", "member"), ("P3", "T2", "lead")])
    ds.nodes["P1"] = ("Person", {"name": "Ann", "leave_date": "2026-06-30"})
    df = compare(Org.from_dataset(ds, as_of="2026-01-01"), Org.from_dataset(ds, as_of="2026-12-01"))
    assert ("tie_removed", "P1", "P3") in set(zip(df["kind"], df["subject_id"], df["context_id"]))
    pin = df[df["kind"] == "pin_lost"].iloc[0]
    assert (pin.subject_id, pin.subject, pin.before, pin.after) == ("P1", "Ann", "vertical", None)
