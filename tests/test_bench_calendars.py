"""Smoke test of bench/calendars.py: it generates calendars, runs and prints every row (no timings checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "calendars.py"


@pytest.mark.slow
def test_calendar_bench_quick_run(tmp_path):
    proc = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "## Calendars of 100 staff" in out
    for row in ("| generate |", "| baseline: icalendar parses the files |", "| ties_from_calendar, end to end |"):
        assert row in out, row
    assert "target: ties_from_calendar for 100 staff under 60 s:" in out
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["staff"] == 100 and results["counts"]["ties"] > 0 and results["files"] == 100
