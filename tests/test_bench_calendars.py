"""Smoke test of bench/calendars.py: it generates calendars, runs and prints every row (no timings checked)."""

from __future__ import annotations

import json

import pytest

@pytest.mark.slow
def test_calendar_bench_quick_run(tmp_path, run_bench):
    proc = run_bench("calendars.py", "--quick", "--out", tmp_path)
    out = proc.stdout
    assert "## Calendars of 100 staff" in out
    for row in ("| generate |", "| baseline: icalendar parses the files |", "| ties_from_calendar, end to end |"):
        assert row in out, row
    assert "target: ties_from_calendar for 100 staff under 60 s:" in out
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["staff"] == 100 and results["counts"]["ties"] > 0 and results["files"] == 100
