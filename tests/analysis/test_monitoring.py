"""kgraph.analysis.monitoring: signals per issue × channel × period, spikes (hand-checked)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.analysis.monitoring import channel_families, is_spike, monitor, next_period, period_of, period_start
from kgraph.errors import NotFound, OptionError
from kgraph.model import Dataset, model
from kgraph.org import Org


def org_of(signals, *, as_of="2026-12-01", groups=None):
    """``signals``: (date, channel, issue, actor or None, target group or None, sentiment)."""
    nodes = {"I1": ("Issue", {"name": "Afval"}), "I2": ("Issue", {"name": "Windpark"}),
             "A1": ("ExternalActor", {"name": "Dorpsraad"})}
    edges = {}
    for gid, actors in (groups or {}).items():
        nodes[gid] = ("TargetGroup", {"name": f"groep {gid}", "kind": "residents"})
        for a in actors:
            edges[("REPRESENTED_BY", gid, a, "")] = {}
    for k, (day, channel, issue, actor, group, sentiment) in enumerate(signals):
        sid = f"S{k:03d}"
        nodes[sid] = ("Signal", {"date": day, "channel": channel, **({"sentiment": sentiment} if sentiment is not None else {})})
        edges[("ABOUT", sid, issue, "")] = {}
        if actor:
            edges[("RAISED_BY", sid, actor, "")] = {}
        if group:
            edges[("FROM_GROUP", sid, group, "")] = {}
    return Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of=as_of)


def test_families_come_from_the_schema():
    fams = model().families("signals", "channel")
    assert fams == {"continuous": ["complaint", "idea", "evaluation"],
                    "broad": ["survey", "customer_satisfaction", "information_need"],
                    "depth": ["interview", "focus_group", "mirror_conversation", "observation"], "media": ["media"]}
    assert set(channel_families()) == set(model().tables["signals"].column("channel").values)


def test_counts_and_mean_sentiment_with_and_without_actor():
    org = org_of([("2026-03-02", "complaint", "I1", "A1", None, -2), ("2026-03-20", "complaint", "I1", None, None, -1),
                  ("2026-03-21", "complaint", "I1", None, None, None), ("2026-03-22", "media", "I1", None, None, 1)])
    df = monitor(org)
    rows = df[["issue_id", "channel", "family", "period", "count", "mean_sentiment"]].values.tolist()
    assert rows == [["I1", "complaint", "continuous", "2026-03", 3, -1.5], ["I1", "media", "media", "2026-03", 1, 1.0]]


def test_signals_after_the_date_are_left_out():
    org = org_of([("2026-03-02", "idea", "I1", None, None, 1), ("2026-12-02", "idea", "I1", None, None, 1)],
                 as_of="2026-12-01")
    assert monitor(org)["count"].tolist() == [1]


def test_spike_needs_three_earlier_periods_and_twice_their_mean():
    # monitoring begins in January; April is the first month with three months before it
    sig = [("2026-01-10", "complaint", "I1", None, None, -1)]
    sig += [("2026-02-10", "complaint", "I1", None, None, -1)] * 2
    sig += [(f"2026-04-{d:02d}", "complaint", "I1", None, None, -1) for d in (1, 2)]     # 2 < 3: no spike
    sig += [(f"2026-05-{d:02d}", "complaint", "I1", None, None, -1) for d in (1, 2, 3)]  # 3 >= 2 * (2+0+2)/3: spike
    sig += [(f"2026-06-{d:02d}", "complaint", "I1", None, None, -1) for d in (1, 2, 3)]  # 3 < 2 * (0+2+3)/3
    df = monitor(org_of(sig))
    got = {r.period: (r.count, r.previous_mean, r.spike) for r in df.itertuples()}
    assert got["2026-02"][2] is False and got["2026-04"] == (2, 1.0, False)
    assert got["2026-05"] == (3, round(4 / 3, 2), True)
    assert got["2026-06"] == (3, round(5 / 3, 2), False)


def test_quarters():
    sig = [("2025-01-05", "survey", "I1", None, None, 0), ("2025-05-05", "survey", "I1", None, None, 0),
           ("2025-08-05", "survey", "I1", None, None, 0)] + [("2025-11-0%d" % d, "survey", "I1", None, None, 0) for d in (1, 2, 3)]
    df = monitor(org_of(sig), period="quarter")
    assert df["period"].tolist() == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert df["spike"].tolist() == [False, False, False, True]
    assert df["start"].tolist() == ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01"]
    # every quarter from the first signal to the Org's date (2026-12-01), for charts
    assert df.attrs["periods"] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def test_filters_do_not_change_the_figures():
    sig = [("2026-01-10", "idea", "I2", None, None, 1)] + [("2026-05-0%d" % d, "idea", "I1", "A1", None, 1) for d in (1, 2, 3)]
    org = org_of(sig, groups={"G1": ["A1"]})
    whole = monitor(org)
    one = monitor(org, issue="Afval")
    assert one.to_dict("records") == whole[whole["issue_id"] == "I1"].reset_index(drop=True).to_dict("records")
    assert one["spike"].tolist() == [True]  # Feb-Apr lie after January, where monitoring began


def test_target_group_own_or_through_its_actors():
    sig = [("2026-03-01", "interview", "I1", None, "G1", 1), ("2026-03-02", "interview", "I1", "A1", None, 1),
           ("2026-03-03", "interview", "I1", "A1", "G2", 1), ("2026-03-04", "interview", "I1", None, None, 1)]
    org = org_of(sig, groups={"G1": ["A1"], "G2": []})
    assert monitor(org, target_group="G1")["count"].tolist() == [2]
    assert monitor(org, target_group="groep G2")["count"].tolist() == [1]
    assert monitor(org)["count"].tolist() == [4]


def test_bad_options():
    org = org_of([])
    with pytest.raises(OptionError):
        monitor(org, period="week")
    with pytest.raises(NotFound):
        monitor(org, issue="I-NONE")
    df = monitor(org)
    assert df.empty and list(df.columns)[:4] == ["issue_id", "issue", "channel", "family"]


@given(st.dates(), st.sampled_from(["month", "quarter"]))
@settings(max_examples=200, deadline=None)
def test_periods_are_consecutive(day, period):
    label = period_of(day, period)
    start, after = period_start(label), period_start(next_period(label))
    assert start <= day < after and period_of(after, period) == next_period(label)


@given(st.integers(0, 50), st.lists(st.integers(0, 50), min_size=3, max_size=3))
def test_spike_rule(count, previous):
    assert is_spike(count, previous) == (count >= 3 and count >= 2 * sum(previous) / 3)
