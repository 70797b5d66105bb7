"""Smoke test of bench/pins.py: the quick run (600 persons) prints its table (no timings checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_pins_bench_quick_run():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "pins.py"), "--quick"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "igraph betweenness, one thread (exact)" in proc.stdout
    assert "| this tree |" in proc.stdout and "betweenness estimated" in proc.stdout
