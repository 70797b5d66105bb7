"""Smoke test of bench/netview.py: the quick run (1,000 persons, packed) prints its table (no timings checked)."""

from __future__ import annotations

import json
import os
import shutil

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_netview_bench_quick_run(tmp_path, run_bench):
    if not (shutil.which("chromedriver") or os.path.exists("/usr/bin/chromedriver")):
        if os.environ.get("CI"):
            pytest.fail("bench/netview.py needs chromium and chromium-driver")
        pytest.skip("chromium-driver not found")
    proc = run_bench("netview.py", "--quick", "--out", tmp_path, timeout=600)
    assert "## Network view, " in proc.stdout
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| this tree |")]
    assert len(rows) == 1 and "| department |" in rows[0]
    result = json.loads((tmp_path / "netview.json").read_text())["this tree"]
    assert result["level"] == "department" and result["bytes"] > 0
    assert result["draw_ms"] > 0 and result["open_ms"] > 0 and result["find_ms"] > 0  # a number: the person was found
