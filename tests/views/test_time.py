"""The views of the organisation over time: factors in the giraffe view, the report's
sections (changes, monitoring, objectives) and the PNGs of objectives and signals."""

from __future__ import annotations

import re

import pandas as pd

import kgraph
from kgraph.app import render
from kgraph.views import html
from kgraph.views.report import ReportInput, report_page
from kgraph.views.report_time import changes_html, objective_bar_svg
from kgraph.views.timeplots import progress_scale

AS_OF = "2025-12-31"
PNG = b"\x89PNG\r\n\x1a\n"


def test_giraffe_draws_factors_apart_from_actors(xss_time_kg, tmp_path):
    d = render.giraffe_data(xss_time_kg, as_of=AS_OF)
    nodes = {n["id"]: n for n in d["nodes"]}
    stik, net = nodes["F-STIK"], nodes["F-NET"]
    assert stik["shape"] == net["shape"] == "hexagon" and stik["kg_kind"] == "factor"
    assert stik["color"]["background"] == html.colours()["factor"]["legal"]
    assert stik["color"]["background"] != net["color"]["background"]
    assert all(n["shape"] != "hexagon" for n in d["nodes"] if n["kg_kind"] != "factor")
    assert net["issues"] == ["I-CENTRUM", "I-WIND"]
    effects = {(e["from"], e["to"]): e for e in d["edges"] if e["kg_kind"] == "effect"}
    assert {k: e["label"] for k, e in effects.items()} == {("F-STIK", "I-WIND"): "-2", ("F-NET", "I-WIND"): "-1",
                                                           ("F-NET", "I-CENTRUM"): "+1"}
    assert effects[("F-STIK", "I-WIND")]["color"]["color"] == html.colours()["stance"]["-2"]
    assert d["controls"]["factor_kinds"] == [["technological", "technological"], ["legal", "legal"]]
    legend = [i["label"] for g in d["legend"]["groups"] for i in g["items"]]
    assert "legal" in legend and any("effect" in x for x in legend)
    assert d["counts"]["factors"] == 2
    assert "<script>window.__pwned=14</script>" in str(d["details"]["F-STIK"]["fields"])  # as data, escaped on the page
    one = render.giraffe_data(xss_time_kg, issue="Windpark Noord", as_of=AS_OF)
    assert {n["id"] for n in one["nodes"] if n["kg_kind"] == "factor"} == {"F-STIK", "F-NET"}
    assert {e["to"] for e in one["edges"] if e["kg_kind"] == "effect"} == {"I-WIND"}
    info = kgraph.giraffe(xss_time_kg, tmp_path / "g.html", as_of=AS_OF)
    text = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "<svg onload" not in text and "<script>window.__pwned=14" not in text
    assert "3 actors · 2 issues · 2 factors" in text and info["factors"] == 2


def test_progress_scale_and_bar():
    row = {"baseline": 30, "target": 60, "expected": 45, "latest": 38, "margin": 4.76, "status": "behind"}
    sc = progress_scale(row)
    assert sc["expected"] == 0.5 and round(sc["latest"], 3) == 0.267
    svg = objective_bar_svg(row)
    assert svg.startswith("<svg") and "<circle" in svg and html.colours()["objective_status"]["behind"] in svg
    assert "<circle" not in objective_bar_svg({**row, "latest": None, "margin": None, "status": "no_data"})


def test_changes_section_lists_the_telling_kinds_first():
    df = pd.DataFrame([
        {"kind": "tie_added", "subject_id": "P1", "subject": "Ann", "context_id": "P2", "context": "Bo", "before": None, "after": "advice"},
        {"kind": "stance_changed", "subject_id": "A1", "subject": "<b>Dorp</b>", "context_id": "I1", "context": "Wind",
         "before": "-1 against", "after": "+1 for"},
    ])
    out = changes_html(df, since="2025-12-01")
    assert out.index("stance changed") < out.index("tie added") and "&lt;b&gt;Dorp&lt;/b&gt;" in out
    assert "No earlier import" in changes_html(None, since=None)
    assert "Nothing changed since 1 December 2025" in changes_html(df.iloc[0:0], since="2025-12-01")


def test_report_has_monitoring_objectives_and_changes(xss_time_kg, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "previous_import", lambda source, day: pd.Timestamp("2025-06-01").date())
    r = kgraph.report(xss_time_kg, tmp_path / "r.html", as_of=AS_OF)
    for s in ("Since the previous import", "Monitoring", "Objectives"):
        assert s in r["sections"]
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "from the previous import (1 June 2025) to 31 December 2025" in text
    spikes = text[text.index("<h3>Spikes</h3>"):text.index("<h3>Signals per issue</h3>")]
    assert "2025-12" in spikes and "complaint" in spikes
    assert text.count('class="kg-objective"') == 2 and text.count('<svg class="kg-bar"') == 2
    assert "too few respondents" in text and "latest: not shown (3 respondents)" in text
    assert "66" not in re.sub(r"<[^>]+>", " ", text[text.index('id="objectives"'):]).split("Figures")[0].split()
    assert "internal support (draagvlak)" in text
    assert "&lt;b onmouseover=&quot;window.__pwned=12&quot;&gt;kent&lt;/b&gt;" in text
    assert "<b onmouseover" not in text and "<img src=x" not in text


def test_report_page_without_time_data():
    r = ReportInput(as_of=pd.Timestamp("2026-01-01").date(), label="", counts={}, min_group_size=5, midpoint=3,
                    pins=None, gaps=None)
    text, info = report_page(r)
    assert "No signals up to this date." in text and "No objectives" in text and "No earlier import" in text


def test_objectives_and_signals_png(xss_time_kg, tmp_path):
    o = kgraph.objectives_chart(xss_time_kg, tmp_path / "o.png", as_of=AS_OF)
    assert (o["objectives"], o["groups"]) == (2, 2) and (tmp_path / "o.png").read_bytes()[:8] == PNG
    s = kgraph.signals_chart(xss_time_kg, tmp_path / "s.png", as_of=AS_OF)
    assert (s["panels"], s["signals"], s["spikes"]) == (1, 7, 1) and (tmp_path / "s.png").read_bytes()[:8] == PNG
    a = kgraph.signals_chart(xss_time_kg, tmp_path / "a.png", as_of=AS_OF, period="quarter")
    b = kgraph.signals_chart(xss_time_kg, tmp_path / "b.png", as_of=AS_OF, period="quarter")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes() and a["spikes"] == b["spikes"]


def test_previous_import_is_the_one_before_the_one_in_force():
    from types import SimpleNamespace

    from kgraph.app.render import previous_import

    versions = [{"source": "import", "as_of": d} for d in ("2025-12-01", "2026-12-01", "2027-06-01")]
    versions.append({"source": "survey", "as_of": "2026-06-01"})
    kg = SimpleNamespace(store=SimpleNamespace(history=lambda: versions))
    assert str(previous_import(kg, "2026-12-01")) == "2025-12-01"
    assert str(previous_import(kg, "2027-01-15")) == "2025-12-01"  # the import of 2026-12-01 is in force
    assert str(previous_import(kg, "2027-06-01")) == "2026-12-01"
    assert previous_import(kg, "2026-01-01") is None and previous_import(kg, "2020-01-01") is None
    from kgraph.model import Dataset

    assert previous_import(kgraph.Org.from_dataset(Dataset(), as_of="2026-01-01"), "2026-01-01") is None  # no imports
