"""Smoke test of bench/topk.py: the quick run (1,000 persons) prints its table (no timings checked)."""

from __future__ import annotations

import json

import pytest

@pytest.mark.slow
def test_topk_bench_quick_run(tmp_path, run_bench):
    proc = run_bench("topk.py", "--quick", "--budgets", "256,2048", "--out", tmp_path, timeout=240)
    out = proc.stdout
    assert "## 1,000 persons" in out
    assert "exact betweenness, igraph, one thread" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "sources (budget)" not in line]
    assert len(rows) == 2
    results = json.loads((tmp_path / "topk.json").read_text())
    small, full = results["1000"]["rows"]
    assert small["sources"] == 256 and small["overlap"] <= 50 and small["certified_wrong"] == 0
    assert full["mode"] == "exact" and full["overlap"] == 50 and full["outside_bound"] == 0
