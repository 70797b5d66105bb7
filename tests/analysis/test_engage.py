"""The engagement plan on organisations built in memory: the recommendation rule, contact
cadences, the window of modes used, follow-ups, blind spots; every value checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.analysis import engage as engage_module
from kgraph.analysis import stakeholders as stakeholders_module
from kgraph.analysis.engage import COLUMNS, MODES, EngageRule, engage, interaction_log, recommended_mode
from kgraph.dates import add_months
from kgraph.errors import OptionError
from kgraph.model import Dataset
from kgraph.org import Org

AS_OF = "2026-06-01"


def build(positions, contacts=(), log=(), as_of=AS_OF, actors=None) -> Org:
    """positions: (actor, issue, stance, influence, interest); contacts: (person, actor, last_contact);
    log: (date, person, actor, issue, mode, follow_up, due, done)."""
    nodes = {"P1": ("Person", {"name": "Ann"}), "P2": ("Person", {"name": "Bo"}),
             "I1": ("Issue", {"name": "Windpark"}), "I2": ("Issue", {"name": "Centrumplan"})}
    for a in actors or sorted({p[0] for p in positions}):
        nodes[a] = ("ExternalActor", {"name": f"Actor {a}"})
    edges = {}
    for a, i, stance, infl, inter in positions:
        edges[("POSITION", a, i, "2026-01-01")] = {"stance": stance, "influence": infl, "interest": inter, "date": "2026-01-01"}
    for p, a, last in contacts:
        edges[("CONTACT", p, a, "")] = {"strength": 3, "owner": True, **({"last_contact": last} if last else {})}
    for k, (d, p, a, i, mode, fu, due, done) in enumerate(log):
        lid = f"L-{k:02d}"
        nodes[lid] = ("Interaction", {"date": d, "kind": "meeting", "done": done,
                                      **({"mode": mode} if mode else {}), **({"follow_up": fu} if fu else {}),
                                      **({"follow_up_due": due} if due else {})})
        edges[("HELD_BY", lid, p, "")] = {}
        edges[("HELD_WITH", lid, a, "")] = {}
        if i:
            edges[("ABOUT", lid, i, "")] = {}
    return Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of=as_of)


def missing(v) -> bool:
    """Empty in a result (pandas writes a missing text as NaN)."""
    return v is None or v != v


def row(df, actor, issue="I1"):
    hit = df[(df["actor_id"] == actor) & (df["issue_id"] == issue)]
    assert len(hit) == 1
    return hit.iloc[0]


# -- the rule -------------------------------------------------------------------------------
@pytest.mark.parametrize("quadrant, modes", [
    ("key player", ["dialogue", "dialogue", "dialogue", "co_create", "co_create"]),
    ("keep satisfied", ["persuade", "persuade", "inform", "inform", "inform"]),
    ("keep informed", ["dialogue", "dialogue", "inform", "inform", "inform"]),
    ("monitor", ["inform"] * 5),
])
def test_the_rule_of_issue_18(quadrant, modes):
    assert [recommended_mode(quadrant, s) for s in (-2, -1, 0, 1, 2)] == modes


def test_rule_defaults_and_overrides():
    rule = EngageRule.default()
    assert dict(rule.cadence) == {"key player": 1, "keep satisfied": 3, "keep informed": 3, "monitor": 6}
    assert rule.as_dict()["modes"]["keep satisfied"]["-1"] == "persuade"
    other = rule.with_overrides(cadence={"key_player": 2}, modes={"Keep-Informed": {"0": "dialogue"}})
    assert other.months("key player") == 2 and other.mode("keep informed", 0) == "dialogue"
    assert rule.months(None) == 6 and rule.mode(None, 1) is None and rule.mode("monitor", None) is None
    assert hash(other) != hash(rule) and EngageRule.default() == rule  # hashable: findings keep one result per rule


@pytest.mark.parametrize("kwargs, message", [
    ({"modes": {"key player": {"-1": "preach"}}}, "'preach' is not a mode"),
    ({"modes": {"key player": {"3": "inform"}}}, "'3' is not a stance"),
    ({"modes": {"vip": {"1": "inform"}}}, "'vip' is not a quadrant"),
    ({"cadence": {"monitor": 0}}, "at least one month"),
    ({"cadence": {"monitor": "soon"}}, "'soon' is not a horizon"),
])
def test_rule_overrides_are_checked(kwargs, message):
    with pytest.raises(OptionError, match=message):
        EngageRule.default().with_overrides(**kwargs)
    with pytest.raises(OptionError, match="misses: keep satisfied -2, .*monitor [+]2, key player, keep satisfied, keep informed, monitor$"):
        EngageRule.from_dict({"key player": {s: "inform" for s in range(-2, 3)}}, {})


# -- one row per actor and issue --------------------------------------------------------------
def test_rows_columns_and_recommendations():
    org = build([("A1", "I1", -1, 5, 5), ("A1", "I2", 1, 5, 2), ("A2", "I1", 2, 4, 4), ("A3", "I2", -2, 1, 4)],
                contacts=[("P1", "A1", "2026-05-20"), ("P1", "A2", "2026-05-20"), ("P2", "A3", "2026-05-20")])
    df = engage(org)
    assert list(df.columns) == COLUMNS
    assert sorted(zip(df["actor_id"], df["issue_id"])) == [("A1", "I1"), ("A1", "I2"), ("A2", "I1"), ("A3", "I2")]
    got = {(r.actor_id, r.issue_id): (r.quadrant, r.stance, r.recommended_mode) for r in df.itertuples()}
    assert got == {("A1", "I1"): ("key player", -1, "dialogue"), ("A1", "I2"): ("keep satisfied", 1, "inform"),
                   ("A2", "I1"): ("key player", 2, "co_create"), ("A3", "I2"): ("keep informed", -2, "dialogue")}
    assert row(df, "A1")["owner"] == "Ann" and row(df, "A3", "I2")["owner_id"] == "P2"


def test_cadence_of_the_highest_quadrant_and_its_boundary():
    """A1 is a key player on I1 and kept satisfied on I2: the key player's one month counts for
    both rows. Last contact 2026-05-01 is exactly one month before 2026-06-01: not overdue; a day
    earlier is. A3 (keep informed only) may wait three months."""
    positions = [("A1", "I1", 0, 5, 5), ("A1", "I2", 0, 5, 1), ("A3", "I1", 0, 1, 5)]
    org = build(positions, contacts=[("P1", "A1", "2026-05-01"), ("P1", "A3", "2026-03-01")])
    df = engage(org)
    for issue in ("I1", "I2"):
        r = row(df, "A1", issue)
        assert (r.cadence_months, r.next_contact, bool(r.contact_overdue)) == (1, "2026-06-01", False)
    a3 = row(df, "A3")
    assert (a3.cadence_months, a3.next_contact, bool(a3.contact_overdue)) == (3, "2026-06-01", False)
    df = engage(build(positions, contacts=[("P1", "A1", "2026-04-30"), ("P1", "A3", "2026-02-28")]))
    assert bool(row(df, "A1", "I2").contact_overdue) and bool(row(df, "A3").contact_overdue)
    assert list(df["actor_id"])[:2] == ["A1", "A1"]  # overdue first, key player before keep informed


def test_no_contact_at_all_is_overdue_and_blind_spots_always_are():
    """A1 (influential, no contact) is a blind spot: overdue although Bo met it yesterday;
    A2 (little influence, no contact, nothing logged) is overdue for lack of any contact."""
    org = build([("A1", "I1", -1, 4, 4), ("A2", "I1", 0, 1, 1)],
                log=[("2026-05-31", "P2", "A1", "I1", "dialogue", None, None, False)])
    df = engage(org)
    a1, a2 = row(df, "A1"), row(df, "A2")
    assert bool(a1.blind_spot) and bool(a1.contact_overdue)
    assert (a1.last_interaction, a1.last_contact, a1.modes_used) == ("2026-05-31", "2026-05-31", ["dialogue"])
    assert not a2.blind_spot and a2.contact_overdue and missing(a2.last_contact) and missing(a2.next_contact)
    assert (a2.cadence_months, a2.modes_used, a2.interactions) == (6, [], 0)


def test_the_log_window_issue_less_interactions_and_the_date():
    log = [
        ("2025-11-15", "P1", "A1", "I1", "persuade", None, None, False),   # before the 6-month window
        ("2026-01-10", "P1", "A1", "I1", "inform", None, None, False),
        ("2026-02-01", "P2", "A1", None, "co_create", None, None, False),  # the actor as a whole
        ("2026-03-01", "P1", "A1", "I2", "dialogue", None, None, False),
        ("2026-04-01", "P1", "A1", "I1", None, None, None, False),         # no mode given
        ("2026-07-01", "P1", "A1", "I1", "dialogue", None, None, False),   # after the date: unseen
    ]
    org = build([("A1", "I1", 0, 5, 5), ("A1", "I2", 0, 5, 5)], contacts=[("P1", "A1", "2025-01-01")], log=log)
    df = engage(org)
    i1, i2 = row(df, "A1", "I1"), row(df, "A1", "I2")
    assert (i1.modes_used, i1.interactions, bool(i1.mode_differs)) == (["inform", "co_create"], 3, True)
    assert (i2.modes_used, i2.interactions, bool(i2.mode_differs)) == (["dialogue", "co_create"], 2, False)
    assert i1.last_interaction == i2.last_interaction == "2026-04-01" == i1.last_contact
    year = row(engage(org, window="12m"), "A1", "I1")
    assert year.modes_used == ["inform", "persuade", "co_create"] and year.interactions == 4
    later = row(engage(build([("A1", "I1", 0, 5, 5)], contacts=[("P1", "A1", None)], log=log, as_of="2026-07-01")), "A1")
    assert later.last_interaction == "2026-07-01" and "dialogue" in later.modes_used and not later.contact_overdue


def test_follow_ups():
    log = [
        ("2026-04-01", "P1", "A1", "I1", "inform", "Send the noise study", "2026-05-01", False),  # overdue
        ("2026-04-02", "P1", "A1", "I1", "inform", "Call back", "2026-06-01", False),             # due today: open
        ("2026-04-03", "P1", "A1", None, "inform", "Invite to site visit", None, False),          # no due date: open
        ("2026-04-04", "P1", "A1", "I1", "inform", "Answer the letter", "2026-04-20", True),      # done
        ("2026-04-05", "P1", "A1", "I2", "inform", "Other issue", "2026-04-20", False),           # other issue
        ("2026-06-15", "P1", "A1", "I1", "inform", "Not yet logged", "2026-05-01", False),        # after the date
    ]
    org = build([("A1", "I1", 0, 5, 5), ("A1", "I2", 0, 5, 5)], contacts=[("P1", "A1", None)], log=log)
    df = engage(org)
    assert (row(df, "A1").open_follow_ups, row(df, "A1").overdue_follow_ups) == (3, 1)
    assert (row(df, "A1", "I2").open_follow_ups, row(df, "A1", "I2").overdue_follow_ups) == (2, 1)
    lg = interaction_log(org)
    assert list(lg["date"]) == ["2026-04-05", "2026-04-04", "2026-04-03", "2026-04-02", "2026-04-01"]
    assert list(lg["follow_up_status"]) == ["overdue", "done", "open", "open", "overdue"]
    assert [None if d != d else int(d) for d in lg["days_overdue"]] == [42, None, None, None, 31]


def test_uses_the_stakeholder_map_it_is_given(monkeypatch):
    org = build([("A1", "I1", 1, 5, 5)], contacts=[("P1", "A1", "2026-05-20")])
    sh = stakeholders_module.stakeholders(org)

    def fail(*args, **kwargs):
        raise AssertionError("the stakeholder map was computed again")

    log = interaction_log(org)
    monkeypatch.setattr(stakeholders_module, "stakeholders", fail)
    monkeypatch.setattr(engage_module, "interaction_log", fail)
    assert engage(org, stakeholders=sh, log=log)["recommended_mode"].tolist() == ["co_create"]
    with pytest.raises(AssertionError, match="computed again"):
        engage(org)


def test_a_rule_of_the_store():
    org = build([("A1", "I1", -1, 5, 1)], contacts=[("P1", "A1", "2026-03-15")])
    assert row(engage(org), "A1").recommended_mode == "persuade"
    rule = EngageRule.default().with_overrides(modes={"keep satisfied": {-1: "dialogue"}}, cadence={"keep satisfied": 2})
    r = row(engage(org, rule=rule), "A1")
    assert (r.recommended_mode, r.cadence_months, bool(r.contact_overdue)) == ("dialogue", 2, True)


dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(dates, st.sampled_from(["A1", "A2"]), st.sampled_from(["I1", None]),
                          st.sampled_from([*MODES, None]), st.booleans(), st.one_of(st.none(), dates), st.booleans()),
                max_size=12))
def test_invariants(entries):
    """For any log: nothing after the date counts; overdue follow-ups are open ones; modes in the
    schema's order; overdue contact exactly when the last contact is older than the cadence."""
    log = [(d.isoformat(), "P1", a, i, m, "Act" if fu else None, due.isoformat() if fu and due else None, done)
           for d, a, i, m, fu, due, done in entries]
    org = build([("A1", "I1", 0, 5, 5), ("A2", "I1", 0, 1, 1)], contacts=[("P1", "A1", None), ("P1", "A2", None)], log=log)
    for r in engage(org).itertuples():
        seen = [e for e in log if e[2] == r.actor_id and e[0] <= AS_OF]
        last = max((e[0] for e in seen), default=None)
        assert r.last_interaction == last or (last is None and missing(r.last_interaction))
        assert 0 <= r.overdue_follow_ups <= r.open_follow_ups
        assert r.modes_used == [m for m in MODES if m in r.modes_used]
        if missing(r.last_contact):
            assert r.contact_overdue
        else:
            months = 1 if r.actor_id == "A1" else 6
            cutoff = add_months(dt.date(2026, 6, 1), -months).isoformat()
            assert bool(r.contact_overdue) == (r.last_contact < cutoff)
