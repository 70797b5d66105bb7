"""Smoke test of bench/pins.py: the quick run (600 persons) prints its table (no timings checked)."""

from __future__ import annotations

import pytest

@pytest.mark.slow
def test_pins_bench_quick_run(run_bench):
    proc = run_bench("pins.py", "--quick")
    assert "igraph betweenness, one thread (exact)" in proc.stdout
    assert "| this tree |" in proc.stdout and "betweenness estimated" in proc.stdout
