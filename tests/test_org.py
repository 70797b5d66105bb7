"""The organisation on one date: one definition each of present, memberships, home team,
members of a unit, holders of an item and resolving a name; built in memory."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.dates import parse_as_of
from kgraph.errors import NotFound, OptionError
from kgraph.model import Dataset
from kgraph.names import name_key
from kgraph.org import Org


def org(as_of="2026-06-01") -> Org:
    ds = Dataset(
        nodes={
            "D-TOP": ("Department", {"name": "Gemeente"}), "D-SUB": ("Department", {"name": "Ruimte"}),
            "T-MT": ("Team", {"name": "MT"}), "T-A": ("Team", {"name": "Vergunningen"}), "T-B": ("Team", {"name": "Beleid"}),
            "P1": ("Person", {"name": "Ann Smit"}),
            "P2": ("Person", {"name": "Bo Çelik", "leave_date": "2026-07-01"}),
            "P3": ("Person", {"name": "Cor de Vries", "start_date": "2026-09-01"}),
            "P4": ("Person", {"name": "Dina Öz"}),
            "K1": ("KnowledgeItem", {"name": "Omgevingswet"}), "K2": ("KnowledgeItem", {"name": "Omgevingsplan"}),
        },
        edges={
            ("PART_OF", "D-SUB", "D-TOP", ""): {}, ("PART_OF", "T-MT", "D-TOP", ""): {},
            ("PART_OF", "T-A", "D-SUB", ""): {}, ("PART_OF", "T-B", "D-SUB", ""): {},
            ("MEMBER_OF", "P1", "T-MT", ""): {"role": "member"}, ("MEMBER_OF", "P1", "T-A", ""): {"role": "lead"},
            ("MEMBER_OF", "P2", "T-A", ""): {"role": "member"}, ("MEMBER_OF", "P3", "T-B", ""): {"role": "member"},
            ("MEMBER_OF", "P4", "T-B", ""): {"role": "member", "until": "2026-03-31"},
            ("MEMBER_OF", "P4", "T-A", ""): {"role": "member", "since": "2026-04-01"},
            ("BROADER", "K2", "K1", ""): {},
            ("KNOWS", "P1", "K1", ""): {"level": 2}, ("KNOWS", "P2", "K1", ""): {"level": 4},
            ("KNOWS", "P4", "K2", ""): {"level": 5},
            ("NEEDS", "D-SUB", "K1", ""): {"min_holders": 2},
            ("WORKS_WITH", "P1", "P2", "advice"): {}, ("WORKS_WITH", "P3", "P1", "advice"): {},
        },
    )
    return Org.from_dataset(ds, as_of=as_of)


def test_present_on_a_date():
    assert org("2026-06-01").present == {"P1", "P2", "P4"}
    assert org("2026-07-01").present == {"P1", "P4"}  # leaves on the day
    assert org("2026-09-01").present == {"P1", "P3", "P4"}  # starts on the day


def test_memberships_hold_between_since_and_until_for_present_persons():
    o = org("2026-06-01")
    assert o.memberships == {"P1": [("T-A", "lead"), ("T-MT", "member")], "P2": [("T-A", "member")],
                             "P4": [("T-A", "member")]}
    assert org("2026-03-01").memberships["P4"] == [("T-B", "member")]
    assert o.team_members == {"T-A": ["P1", "P2", "P4"], "T-MT": ["P1"]}


def test_home_team_is_the_team_led():
    o = org()
    assert o.home_team("P1") == "T-A" and o.unit_of_person("P1", "department") == "D-SUB"
    assert o.home_team("P3") is None  # not present


def test_members_with_and_without_subunits():
    o = org()
    assert o.members("D-TOP", subunits=True) == {"P1", "P2", "P4"}
    assert o.members("D-TOP", subunits=False) == {"P1"}  # only the MT sits directly in the top
    assert o.members("D-SUB", subunits=False) == {"P1", "P2", "P4"}
    assert o.members("T-B", subunits=True) == frozenset()


def test_holders_at_a_level_and_through_narrower_items():
    o = org()
    assert o.holders("K1") == ["P1", "P2"]
    assert o.holders("K1", min_level=3) == ["P2"]
    assert o.holders("K1", narrower=True) == ["P1", "P2", "P4"]
    assert o.holders("K1", min_level=3, narrower=True, without={"P2"}) == ["P4"]
    (need,) = o.needs
    assert (need.min_level, need.min_holders, need.criticality) == (3, 2, 2)  # the schema's defaults
    assert o.need_holders(need) == ["P2"]
    assert org("2026-07-01").need_holders(need) == []  # P2 has left


def test_person_graph_has_present_persons_and_is_frozen():
    import networkx as nx

    G = org().person_graph()
    assert set(G) == {"P1", "P2", "P4"} and G.has_edge("P1", "P2") and not G.has_edge("P3", "P1")
    with pytest.raises(nx.NetworkXError):
        G.add_edge("P1", "P4")
    assert org().person_graph(comembership=True) is not G


def test_resolve_by_id_or_unicode_name():
    o = org()
    assert o.resolve("P2", "Person") == "P2"
    assert o.resolve("BO ÇELIK", "Person") == "P2"
    assert o.resolve("bo\u00a0 c\u0327elik", "Person") == "P2"  # no-break space, decomposed ç
    assert o.resolve("vergunningen", ("Team", "Department")) == "T-A"
    with pytest.raises(NotFound, match="no team or department 'Nope'"):
        o.resolve("Nope", ("Team", "Department"))


def test_an_ambiguous_name_lists_the_candidates():
    ds = Dataset(nodes={"P1": ("Person", {"name": "Ann"}), "P2": ("Person", {"name": "ANN"})})
    with pytest.raises(OptionError, match=r"names 2 persons: P1 \(Ann\), P2 \(ANN\)"):
        Org.from_dataset(ds).resolve("ann", "Person")


@given(st.text(min_size=1, max_size=20))
def test_name_key_is_idempotent(text):
    assert name_key(name_key(text)) == name_key(text)
    assert name_key(f"  {text}\u00a0 ") == name_key(text)


def test_name_key_folds_case_and_composition():
    assert name_key("Straße") == name_key("STRASSE") == "strasse"
    assert name_key("Zoe\u0308") == name_key("ZOË")


def test_resolve_by_a_part_of_the_name_or_id():
    ds = Dataset(nodes={"P1": ("Person", {"name": "Zoë van der Linden"}), "P2": ("Person", {"name": "Bas Vink"}),
                        "P3": ("Person", {"name": "Geert Vink"}), "I-WIND": ("Issue", {"name": "Windpark De Kolk"})})
    o = Org.from_dataset(ds)
    assert o.resolve("zoe", "Person") == "P1"  # accents and case do not matter
    assert o.resolve("geert", "Person") == "P3"
    assert o.resolve("wind", "Issue") == "I-WIND" and o.resolve("kolk", "Issue") == "I-WIND"
    with pytest.raises(OptionError, match=r"'vink' is part of the names of 2 persons: P2 \(Bas Vink\), P3 \(Geert Vink\)"):
        o.resolve("vink", "Person")
    with pytest.raises(NotFound, match="no person 'nobody'") as err:
        o.resolve("nobody", "Person")
    assert "kgraph list persons" in err.value.hint
    with pytest.raises(NotFound):
        o.resolve("geert", "Person", partial=False)  # the data subject's rights never guess


def test_an_exact_name_beats_a_part_of_another():
    ds = Dataset(nodes={"T1": ("Team", {"name": "Wmo"}), "T2": ("Team", {"name": "Wmo-loket"})})
    assert Org.from_dataset(ds).resolve("wmo", "Team") == "T1"


def log_org(as_of="2026-06-01") -> Org:
    """Two contacts of one actor, and a log: P1 met it after the table's date, P2 only later."""
    ds = Dataset(
        nodes={
            "P1": ("Person", {"name": "Ann"}), "P2": ("Person", {"name": "Bo"}),
            "P3": ("Person", {"name": "Cor", "leave_date": "2026-01-01"}),
            "A1": ("ExternalActor", {"name": "Provincie"}), "I1": ("Issue", {"name": "Windpark"}),
            "L-1": ("Interaction", {"date": "2026-03-02", "kind": "meeting", "mode": "dialogue"}),
            "L-2": ("Interaction", {"date": "2026-05-10", "kind": "call", "mode": "inform"}),
            "L-3": ("Interaction", {"date": "2026-07-01", "kind": "meeting", "mode": "persuade"}),
            "L-4": ("Interaction", {"date": "2026-04-01", "kind": "letter"}),
        },
        edges={
            ("CONTACT", "P1", "A1", ""): {"strength": 4, "owner": True, "last_contact": "2026-01-15"},
            ("CONTACT", "P2", "A1", ""): {"strength": 2, "last_contact": "2026-04-20"},
            ("CONTACT", "P3", "A1", ""): {"strength": 5},
            ("HELD_BY", "L-1", "P1", ""): {}, ("HELD_WITH", "L-1", "A1", ""): {}, ("ABOUT", "L-1", "I1", ""): {},
            ("HELD_BY", "L-2", "P1", ""): {}, ("HELD_WITH", "L-2", "A1", ""): {},
            ("HELD_BY", "L-3", "P2", ""): {}, ("HELD_WITH", "L-3", "A1", ""): {},
            ("HELD_WITH", "L-4", "A1", ""): {},  # its person was erased
        },
    )
    return Org.from_dataset(ds, as_of=as_of)


def test_interactions_up_to_the_date():
    log = log_org().interactions
    assert [r["interaction_id"] for r in log] == ["L-1", "L-4", "L-2"]  # L-3 is after the date
    assert log[0] | {} == {"date": "2026-03-02", "kind": "meeting", "mode": "dialogue", "interaction_id": "L-1",
                           "person_id": "P1", "actor_id": "A1", "issue_id": "I1"}
    assert log[1]["person_id"] is None and log[2]["issue_id"] is None
    assert [r["interaction_id"] for r in log_org("2026-12-01").interactions] == ["L-1", "L-4", "L-2", "L-3"]


def test_contacts_last_contact_comes_from_the_log_when_it_is_later():
    contacts = {(p, a): props for p, a, props in log_org().contacts}
    assert set(contacts) == {("P1", "A1"), ("P2", "A1")}  # P3 has left
    assert contacts[("P1", "A1")]["last_contact"] == "2026-05-10"  # the log is later than the table
    assert contacts[("P1", "A1")]["logged"] == "2026-05-10"
    assert contacts[("P2", "A1")]["last_contact"] == "2026-04-20"  # the log's 2026-07-01 is after the date
    later = {(p, a): props for p, a, props in log_org("2026-12-01").contacts}
    assert later[("P2", "A1")]["last_contact"] == "2026-07-01"
    assert later[("P1", "A1")]["strength"] == 4 and later[("P1", "A1")]["owner"] is True


# ---------------------------------------------------------------------------- monitoring (issue 12)
def _monitoring_org(as_of):
    from kgraph.model import Dataset

    ds = Dataset(
        nodes={"D1": ("Department", {"name": "Ruimte"}), "T1": ("Team", {"name": "Vergunningen"}),
               "P1": ("Person", {"name": "Ann"}), "A1": ("ExternalActor", {"name": "Dorpsraad"}),
               "I1": ("Issue", {"name": "Windpark"}),
               "G1": ("TargetGroup", {"name": "Inwoners", "kind": "residents"}),
               "G2": ("TargetGroup", {"name": "Medewerkers", "kind": "staff"}),
               "O1": ("Objective", {"dimension": "knowledge", "baseline": 30}),
               "M1": ("Measurement", {"date": "2026-01-01", "value": 40}),
               "M2": ("Measurement", {"date": "2026-07-01", "value": 50}),
               "S1": ("Signal", {"date": "2026-02-01", "channel": "complaint"}),
               "S2": ("Signal", {"date": "2026-03-01", "channel": "idea"}),
               "S3": ("Signal", {"date": "2026-08-01", "channel": "media"}),
               "F1": ("Factor", {"name": "Stikstof", "kind": "legal"})},
        edges={("PART_OF", "T1", "D1", ""): {}, ("MEMBER_OF", "P1", "T1", ""): {},
               ("INCLUDES", "G2", "D1", ""): {}, ("REPRESENTED_BY", "G1", "A1", ""): {},
               ("AIMS_AT", "O1", "G1", ""): {}, ("ABOUT", "O1", "I1", ""): {}, ("OWNED_BY", "O1", "P1", ""): {},
               ("MEASURES", "M1", "O1", ""): {}, ("MEASURES", "M2", "O1", ""): {},
               ("ABOUT", "S1", "I1", ""): {}, ("RAISED_BY", "S1", "A1", ""): {},
               ("ABOUT", "S2", "I1", ""): {}, ("FROM_GROUP", "S2", "G2", ""): {},
               ("ABOUT", "S3", "I1", ""): {}, ("AFFECTS", "F1", "I1", ""): {"effect": -2}})
    return Org.from_dataset(ds, as_of=as_of)


def test_monitoring_accessors():
    org = _monitoring_org("2026-06-01")
    assert [(s["signal_id"], s["target_group_ids"]) for s in org.signals] == [("S1", ["G1"]), ("S2", ["G2"])]
    assert org.target_groups["G2"]["unit_ids"] == ["D1"] and org.target_groups["G1"]["actor_ids"] == ["A1"]
    assert org.group_members("G2") == frozenset({"P1"}) and org.group_members("G1") == frozenset()
    o = org.objectives["O1"]
    assert (o["target_group_id"], o["issue_id"], o["owner_id"]) == ("G1", "I1", "P1")
    assert [m["measurement_id"] for m in org.measurements["O1"]] == ["M1"]
    assert org.factors["F1"]["effects"] == {"I1": -2}
    later = _monitoring_org("2026-12-01")
    assert len(later.signals) == 3 and len(later.measurements["O1"]) == 2


@given(st.dictionaries(st.tuples(st.integers(0, 4), st.integers(0, 3)), st.integers(0, 5), max_size=20),
       st.lists(st.integers(0, 3), min_size=4, max_size=4), st.integers(1, 5))
def test_holder_set_is_what_holders_lists(levels, parents, level):
    """holder_set (unsorted, for counting) and holders (sorted) agree with the definition:
    a present person (P4 has left) holding the item or, with narrower, an item below it,
    at ``level`` or above."""
    nodes = {f"P{p}": ("Person", {"name": f"P{p}", **({"leave_date": "2020-01-01"} if p == 4 else {})}) for p in range(5)}
    nodes |= {f"K{k}": ("KnowledgeItem", {"name": f"K{k}"}) for k in range(4)}
    up = {k: parents[k] % k for k in range(1, 4) if parents[k] < 3}  # an item's broader one: a forest
    edges = {("KNOWS", f"P{p}", f"K{k}", ""): {"level": lv} for (p, k), lv in levels.items()}
    edges |= {("BROADER", f"K{k}", f"K{b}", ""): {} for k, b in up.items()}
    o = Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of="2026-01-01")

    def ancestors(k):
        while k in up:
            k = up[k]
            yield k

    for k in range(4):
        for narrower in (False, True):
            items = {j for j in range(4) if j == k or (narrower and k in ancestors(j))}
            want = {f"P{p}" for (p, j), lv in levels.items() if p != 4 and j in items and lv >= level}
            got = o.holder_set(f"K{k}", min_level=level, narrower=narrower)
            assert set(got) == want
            assert o.holders(f"K{k}", min_level=level, narrower=narrower) == sorted(want)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.tuples(st.integers(0, 5), st.integers(0, 3)), st.integers(0, 5), max_size=20),
       st.sets(st.integers(0, 5), max_size=2))
def test_skills_read_by_item_from_a_store_are_the_rows_grouped(tmp_path, levels, left):
    """Org.skills from an embedded store's read by item (``Tables.by_target``) equals, order
    of items and persons included, the skills grouped from the KNOWS rows (the definition,
    which the data in memory and every other store take): persons who left are left out."""
    from kgraph.store.sqlite import EmbeddedStore
    from kgraph.tables import DatasetTables, StoreTables

    nodes = {f"P{p}": ("Person", {"name": f"P{p}", **({"leave_date": "2020-01-01"} if p in left else {})})
             for p in range(6)}
    nodes |= {f"K{k}": ("KnowledgeItem", {"name": f"K{k}"}) for k in range(4)}
    edges = {("KNOWS", f"P{p}", f"K{k}", ""): {"level": lv, "confirmed": f"202{lv}-01-01"} for (p, k), lv in levels.items()}
    path = tmp_path / "s.db"
    path.unlink(missing_ok=True)
    store = EmbeddedStore(path)
    try:
        store.replace(Dataset(nodes=nodes, edges=edges), as_of="2025-01-01")
        tables = StoreTables(store, parse_as_of("2026-01-01"))
        assert tables.by_target("KNOWS") is not None  # the read by item is taken
        got = Org(tables, "2026-01-01").skills
        want = Org(DatasetTables(store.read_dataset(as_of="2026-01-01")), "2026-01-01").skills
        assert got == want and list(got) == list(want) and [list(h) for h in got.values()] == [list(h) for h in want.values()]
        assert tables.edges("KNOWS") == store.edges("KNOWS", as_of="2026-01-01")  # the table from the same read
    finally:
        store.close()
