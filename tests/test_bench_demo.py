"""Smoke test of bench/demo.py: a quick run prints its table (no timings checked)."""

from __future__ import annotations

import json

import pytest

@pytest.mark.slow
def test_bench_demo_quick(tmp_path, run_bench):
    out = tmp_path / "demo.json"
    proc = run_bench("demo.py", "--quick", "--json", out, timeout=600)
    assert "| this tree |" in proc.stdout
    run = json.loads(out.read_text())["runs"]["this tree"][0]
    assert run["cpu"] > 0 and run["wall"] > 0
