"""Smoke test of bench/whoknows.py: it runs and prints a row per query and format (no timings checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_whoknows_bench_quick():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "whoknows.py"), "--quick"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 3 * 3 + 1  # the header, three queries in three formats, the median
    assert rows[-1].startswith("| **median of all**")
