"""One dated snapshot: the demo and the report compute each analysis once per date, and
carry exactly one date."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.analysis import compare, coverage, engage, factors, gaps, linking, monitoring, objectives, stakeholders
from kgraph.app.demo import demo_data_path
from kgraph.app.render import previous_import
from kgraph.cli import cli

AS_OF = "2026-12-01"

#: (module, function name) of every analysis the demo and the report run
ANALYSES = [(linking, "network_measures"), (linking, "linking_pins"), (gaps, "gaps"),
            (stakeholders, "stakeholders"), (coverage, "coverage"), (engage, "engage"), (engage, "interaction_log"),
            (monitoring, "monitor"), (objectives, "objectives"), (factors, "factors"), (compare, "compare")]
#: what the comparison with the previous import needs of that import's date (once the store keeps it)
COMPARED = {"network_measures", "linking_pins", "gaps", "stakeholders", "objectives"}


@pytest.fixture
def calls(monkeypatch):
    """Counts calls of each analysis: ``(name, as_of)`` -> number of calls."""
    seen: Counter = Counter()
    for module, name in ANALYSES:
        real = getattr(module, name)

        def counting(org, *args, _real=real, _name=name, **kw):
            seen[(_name, org.as_of.isoformat())] += 1
            return _real(org, *args, **kw)

        monkeypatch.setattr(module, name, counting)
    return seen


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with kgraph.open(path) as kg:
        kgraph.import_data(kg, demo_data_path())
    return path


def _once_per_date(calls, previous):
    """Each analysis once on the date; with a previous import, what the comparison needs once on its date."""
    want = {(name, AS_OF): 1 for _m, name in ANALYSES if name != "compare"}
    if previous:  # compare(before, after) is counted on its first argument's date
        want.update({(name, previous): 1 for name in (*COMPARED, "compare")})
    assert calls == want


def test_demo_computes_each_analysis_once(calls, tmp_path):
    r = CliRunner().invoke(cli, ["demo", "--store", str(tmp_path / "d.db"), "--out", str(tmp_path / "views"),
                                 "--as-of", AS_OF])
    assert r.exit_code == 0, r.stderr
    with kgraph.open(tmp_path / "d.db") as kg:
        previous = previous_import(kg, AS_OF)
    _once_per_date(calls, previous and previous.isoformat())


def test_report_computes_each_analysis_once(calls, demo_store, tmp_path):
    r = CliRunner().invoke(cli, ["report", "-o", str(tmp_path / "r.html"), "--store", str(demo_store), "--as-of", AS_OF])
    assert r.exit_code == 0, r.stderr
    with kgraph.open(demo_store) as kg:
        previous = previous_import(kg, AS_OF)
    _once_per_date(calls, previous and previous.isoformat())


def test_a_handle_keeps_one_snapshot_per_date(demo_store):
    with kgraph.open(demo_store) as kg:
        assert kg.snapshot(AS_OF) is kg.snapshot(dt.date(2026, 12, 1))
        assert kg.findings(AS_OF).gaps() is kg.findings(AS_OF).gaps()
        assert kg.snapshot("2026-01-01") is not kg.snapshot(AS_OF)


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _dates(text: str) -> set[str]:
    """Every date in ``text``: ISO, or as prose writes it (``15 March 2026``, the pages' headers)."""
    prose = {dt.datetime.strptime(d, "%d %B %Y").date().isoformat()
             for d in re.findall(rf"\b\d{{1,2}} (?:{_MONTHS}) 20\d\d\b", text)}
    return set(re.findall(r"\b20\d\d-\d\d-\d\d\b", text)) | prose


def test_report_and_views_carry_one_date_in_their_header(demo_store, tmp_path):
    other = "2026-03-15"  # not today, not a date in the demo data's header lines
    with kgraph.open(demo_store) as kg:
        pages = {
            "report": kgraph.report(kg, tmp_path / "r.html", as_of=other)["path"],
            "giraffe": kgraph.giraffe(kg, tmp_path / "g.html", as_of=other)["path"],
            "network": kgraph.network(kg, tmp_path / "n.html", as_of=other)["path"],
        }
    today = dt.date.today().isoformat()
    for name, path in pages.items():
        text = open(path, encoding="utf-8").read()
        header = text[text.index('<header class="kg-header">'):text.index("</header>")]
        assert _dates(header) == {other}, name
        assert today not in text or today == other, f"{name} mixes in today's date"


def test_every_unmet_need_shown_on_the_heatmap_is_a_gap_and_back(demo_store):
    with kgraph.open(demo_store, min_group_size=1) as kg:
        cov = kgraph.coverage(kg, as_of=AS_OF, max_units=500, max_items=500)
        found = kgraph.gaps(kg, as_of=AS_OF)
    short = {(r.unit_id, r.item_id) for r in cov.itertuples() if r.short}
    unmet = {(r.unit_id, r.subject_id) for r in found.itertuples() if r.kind == "unmet_need"}
    assert short and short == unmet
    # the need cells agree on the holders too
    held = {(r.unit_id, r.item_id): r.holders for r in cov.itertuples() if r.required}
    for r in found[found.kind == "unmet_need"].itertuples():
        assert held[(r.unit_id, r.subject_id)] == r.holders


def test_heatmap_at_the_default_minimum_group_size_shows_only_real_gaps(demo_store):
    with kgraph.open(demo_store) as kg:
        cov = kgraph.coverage(kg, as_of=AS_OF)
        found = kgraph.gaps(kg, as_of=AS_OF)
    unmet = {(r.unit_id, r.subject_id) for r in found.itertuples() if r.kind == "unmet_need"}
    shown = {(r.unit_id, r.item_id) for r in cov.itertuples() if r.short}
    assert cov.attrs["hidden_gaps"] == 0
    merged = set(cov.attrs["merged"])
    assert shown == {g for g in unmet if g[0] not in merged}
    assert cov.attrs["merged_needs"] == sum(1 for n in kg_needs(demo_store) if n[0] in merged)


def kg_needs(path):
    with kgraph.open(path) as kg:
        return [(n.unit, n.item) for n in kg.snapshot(AS_OF).needs]


@pytest.mark.parametrize("as_frame", [True, False])
def test_a_memoised_result_the_caller_changes_is_not_changed_for_the_next_call(demo_store, as_frame):
    kg = kgraph.open(demo_store)
    first = kgraph.gaps(kg, as_frame=as_frame)
    rows = first.to_dict("records") if as_frame else [dict(r) for r in first]
    assert rows  # the demo has gaps
    if as_frame:
        first.loc[first.index[0], "subject"] = "changed"
    else:
        first[0]["subject"] = "changed"
        first.clear()
    first.attrs["total"] = -1
    again = kgraph.gaps(kg, as_frame=as_frame)
    assert (again.to_dict("records") if as_frame else [dict(r) for r in again]) == rows
    assert again.attrs["total"] == len(rows)
