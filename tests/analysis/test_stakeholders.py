"""The stakeholder map on the tiny organisation, every value checked by hand
against tests/data/tiny (positions.csv, contacts.csv, actors.csv, signals.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

import kgraph
from kgraph.analysis.stakeholders import COLUMNS, SALIENCE_CLASSES, quadrant, salience
from kgraph.errors import KgraphError, NotFound

AS_OF = "2025-12-31"


def row(df, actor, issue):
    hit = df[(df["actor_id"] == actor) & (df["issue_id"] == issue)]
    assert len(hit) == 1
    return hit.iloc[0]


@pytest.fixture()
def df(tiny_kg):
    return kgraph.stakeholders(tiny_kg, as_of=AS_OF)


def test_one_row_per_actor_issue_with_a_position(df):
    assert list(df.columns) == COLUMNS
    assert sorted(zip(df["actor_id"], df["issue_id"])) == [("A-DORP", "I-WIND"), ("A-KRANT", "I-CENTRUM"), ("A-PROV", "I-WIND")]
    # sorted by issue, then influence (high first)
    assert list(df["actor_id"]) == ["A-KRANT", "A-PROV", "A-DORP"]


def test_current_position_is_the_latest_and_trend_the_history(df):
    r = row(df, "A-DORP", "I-WIND")
    assert (r["stance"], r["influence"], r["interest"], r["date"]) == (-2, 3, 5, "2025-09-01")
    assert r["stance_label"] == "strongly against"
    assert r["trend"] == [["2025-02-01", -1], ["2025-09-01", -2]]
    assert r["stance_change"] == -1
    assert (r["signals"], r["sentiment"], r["last_signal"]) == (1, -2.0, "2025-08-15")


def test_as_of_ignores_later_positions_and_signals(tiny_kg):
    r = row(kgraph.stakeholders(tiny_kg, as_of="2025-06-01"), "A-DORP", "I-WIND")
    assert (r["stance"], r["influence"], r["date"]) == (-1, 2, "2025-02-01")
    assert r["signals"] == 0 and r["trend"] == [["2025-02-01", -1]]
    # before any position of A-KRANT: no row
    assert "A-KRANT" not in set(kgraph.stakeholders(tiny_kg, as_of="2025-05-04")["actor_id"])


def test_mendelow_quadrants_midpoint_counts_as_high(df, tiny_kg):
    assert set(df["quadrant"]) == {"key player"}  # 5/4, 3/5 and 3/3 with midpoint 3
    d4 = kgraph.stakeholders(tiny_kg, as_of=AS_OF, midpoint=4)
    assert row(d4, "A-PROV", "I-WIND")["quadrant"] == "key player"
    assert row(d4, "A-DORP", "I-WIND")["quadrant"] == "keep informed"
    assert row(d4, "A-KRANT", "I-CENTRUM")["quadrant"] == "monitor"
    assert quadrant(4, 2, midpoint=4) == "keep satisfied"
    assert quadrant(None, 5) is None


def test_salience_classes(df, tiny_kg):
    # power/legitimacy/urgency: PROV 5/5/3, DORP 2/4/5, KRANT 3/3/4
    assert row(df, "A-PROV", "I-WIND")["salience"] == "definitive"
    assert row(df, "A-DORP", "I-WIND")["salience"] == "dependent"
    assert row(df, "A-KRANT", "I-CENTRUM")["salience"] == "definitive"
    d4 = kgraph.stakeholders(tiny_kg, as_of=AS_OF, midpoint=4)
    assert row(d4, "A-PROV", "I-WIND")["salience"] == "dominant"
    assert row(d4, "A-KRANT", "I-CENTRUM")["salience"] == "demanding"
    assert len(set(SALIENCE_CLASSES.values())) == 8
    assert salience(5, None, 5) == "dangerous" and salience(1, 5, 1) == "discretionary"


def test_contacts_owner_and_flags(df):
    prov = row(df, "A-PROV", "I-WIND")
    assert (prov["owner_id"], prov["owner"], prov["n_contacts"]) == ("P01", "Anna de Vries", 2)
    assert [c["person_id"] for c in prov["contacts"]] == ["P01", "P05"]  # strongest first
    first, second = prov["contacts"]
    assert first == {"person_id": "P01", "name": "Anna de Vries", "department_id": "D-ORG", "department": "Gemeente Testdorp",
                     "strength": 4, "last_contact": "2025-10-01", "owner": True, "stale": False, "leaves": None}
    assert second["stale"] is True  # 2024-01-01 is more than 12 months before 2025-12-31
    assert not prov["stale_contact"]  # one of the two relationships is fresh
    assert not prov["blind_spot"] and not prov["single_contact"]

    dorp = row(df, "A-DORP", "I-WIND")
    assert dorp["single_contact"] and dorp["owner_id"] == "P02" and not dorp["blind_spot"]

    krant = row(df, "A-KRANT", "I-CENTRUM")
    assert krant["n_contacts"] == 0 and krant["blind_spot"]  # influence 3 = midpoint counts as high
    assert pd.isna(krant["owner_id"])


def test_stale_and_blind_spot_thresholds(tiny_kg):
    later = kgraph.stakeholders(tiny_kg, as_of="2027-01-01")
    assert row(later, "A-DORP", "I-WIND")["stale_contact"]  # last contact 2025-09-02
    assert not row(kgraph.stakeholders(tiny_kg, as_of="2027-01-01", stale_after="2y"), "A-DORP", "I-WIND")["stale_contact"]
    assert not row(kgraph.stakeholders(tiny_kg, as_of=AS_OF, midpoint=4), "A-KRANT", "I-CENTRUM")["blind_spot"]


def test_the_log_keeps_last_contact_up_to_date(build_store):
    """contacts.last_contact of A-DORP says 2025-09-02; a call logged on 2026-10-01 keeps the
    relationship fresh on 2027-01-01, but not on a date before the call."""
    kg = build_store({"interactions": "date,person_id,actor_id,issue_id,kind,mode\n2026-10-01,P02,A-DORP,I-WIND,call,dialogue\n"})
    later = row(kgraph.stakeholders(kg, as_of="2027-01-01"), "A-DORP", "I-WIND")
    assert later["last_contact"] == "2026-10-01" and not later["stale_contact"]
    assert later["contacts"][0]["last_contact"] == "2026-10-01" and not later["contacts"][0]["stale"]
    before = row(kgraph.stakeholders(kg, as_of="2026-09-30"), "A-DORP", "I-WIND")
    assert before["last_contact"] == "2025-09-02" and before["stale_contact"]


def test_coalitions_and_actor_ties(df, build_store):
    assert row(df, "A-DORP", "I-WIND")["allies"] == ["A-KRANT"]
    assert row(df, "A-KRANT", "I-CENTRUM")["allies"] == ["A-DORP"]
    assert row(df, "A-PROV", "I-WIND")["coalition"] == []  # PROV for, DORP against
    kg = build_store({"positions": "A-KRANT,I-WIND,-1,3,3,2025-10-01,\n", "actor_ties": "A-PROV,A-DORP,conflict\n"})
    d = kgraph.stakeholders(kg, as_of=AS_OF)
    assert row(d, "A-DORP", "I-WIND")["coalition"] == ["A-KRANT"]  # -2 and -1: same side
    assert row(d, "A-KRANT", "I-WIND")["coalition"] == ["A-DORP"]
    assert row(d, "A-PROV", "I-WIND")["conflicts"] == ["A-DORP"]
    assert row(d, "A-KRANT", "I-CENTRUM")["coalition"] == []  # neutral: no coalition


def test_filters_and_errors(tiny_kg):
    assert set(kgraph.stakeholders(tiny_kg, issue="Windpark Noord", as_of=AS_OF)["actor_id"]) == {"A-PROV", "A-DORP"}
    assert list(kgraph.stakeholders(tiny_kg, actor="A-KRANT", as_of=AS_OF)["issue_id"]) == ["I-CENTRUM"]
    with pytest.raises(NotFound):
        kgraph.stakeholders(tiny_kg, issue="I-NOPE")


def test_no_positions_says_which_tables(tmp_path):
    from kgraph.examples import example_graph

    kg = example_graph(str(tmp_path))
    with pytest.raises(KgraphError, match="positions"):
        kgraph.stakeholders(kg)


def test_deterministic(tiny_kg):
    a = kgraph.stakeholders(tiny_kg, as_of=AS_OF)
    b = kgraph.stakeholders(tiny_kg, as_of=AS_OF)
    assert a.to_json() == b.to_json()


def _handover_org(leaves: dict[str, str], *, owner: str = "P1"):
    """Actor A1 on issue I1; contacts P1 (owner unless ``owner`` says otherwise) and P2; ``leaves`` gives leave dates."""
    from kgraph.model import Dataset
    from kgraph.org import Org

    nodes = {"A1": ("ExternalActor", {"name": "Provincie", "power": 5}), "A2": ("ExternalActor", {"name": "Dorpsraad"}),
             "I1": ("Issue", {"name": "Windpark"})}
    for p, name in (("P1", "Ann"), ("P2", "Bo"), ("P3", "Cas")):
        nodes[p] = ("Person", {"name": name, **({"leave_date": leaves[p]} if p in leaves else {})})
    edges = {("POSITION", a, "I1", ""): {"stance": -1, "influence": 4, "interest": 4, "date": "2025-01-01"} for a in ("A1", "A2")}
    edges[("CONTACT", "P1", "A1", "")] = {"strength": 4, "owner": owner == "P1"}
    edges[("CONTACT", "P2", "A1", "")] = {"strength": 2, "owner": owner == "P2"}
    edges[("CONTACT", "P3", "A2", "")] = {"strength": 3}  # the Dorpsraad's only contact, no owner
    return Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of="2026-01-01")


def test_handover_when_the_owner_or_the_only_contact_leaves():
    from kgraph.analysis.stakeholders import stakeholders

    nobody = stakeholders(_handover_org({})).set_index("actor_id")
    assert not nobody["handover"].any() and nobody["handover_person"].isna().all()
    # the owner leaves within 12 months (Bo stays): hand the relationship over
    df = stakeholders(_handover_org({"P1": "2026-09-30"})).set_index("actor_id")
    assert (bool(df.loc["A1", "handover"]), df.loc["A1", "handover_person_id"], df.loc["A1", "handover_date"]) == (
        True, "P1", "2026-09-30")
    assert [c["leaves"] for c in df.loc["A1", "contacts"]] == ["2026-09-30", None]
    # a contact who is not the owner leaving is no handover
    assert not stakeholders(_handover_org({"P2": "2026-09-30"})).set_index("actor_id").loc["A1", "handover"]
    # the only contact (no owner) leaves: the Dorpsraad loses its relationship
    df = stakeholders(_handover_org({"P3": "2026-03-01"})).set_index("actor_id")
    assert df.loc["A2", "handover"] and df.loc["A2", "handover_person"] == "Cas"
    # beyond the horizon, or already gone on the date, no handover
    assert not stakeholders(_handover_org({"P1": "2027-06-30"})).set_index("actor_id").loc["A1", "handover"]
    assert stakeholders(_handover_org({"P1": "2027-06-30"}), horizon="2y").set_index("actor_id").loc["A1", "handover"]
    gone = stakeholders(_handover_org({"P1": "2025-12-31"})).set_index("actor_id")
    assert not gone.loc["A1", "handover"] and gone.loc["A1", "n_contacts"] == 1


def test_handover_on_the_demo(demo):
    """In the demo Bianca van der Meulen leaves on 2027-02-28: the owner of the Dorpsraad De Kolk's relationship and the
    Energiecoöperatie's only contact."""
    df = kgraph.stakeholders(demo, as_of="2026-12-01")
    flagged = df[df["handover"]]
    assert set(flagged["actor_id"]) == {"A-DORP-KOLK", "A-ENERGIE"}
    assert set(flagged["handover_person"]) == {"Bianca van der Meulen"} and set(flagged["handover_date"]) == {"2027-02-28"}
    org = demo.snapshot("2026-12-01")
    for r in flagged.itertuples():  # the one leaving owns it or is the only contact, and leaves within 12 months
        c = next(c for c in r.contacts if c["person_id"] == r.handover_person_id)
        assert c["owner"] or r.n_contacts == 1
        assert org.leaving_within("12m")[r.handover_person_id].isoformat() == r.handover_date
    assert not kgraph.stakeholders(demo, as_of="2026-12-01", horizon="1m")["handover"].any()
