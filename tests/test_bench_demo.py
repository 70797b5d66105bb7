"""Smoke test of bench/demo.py: a quick run prints its table (no timings checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bench_demo_quick(tmp_path):
    out = tmp_path / "demo.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "demo.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| this tree |" in proc.stdout
    run = json.loads(out.read_text())["runs"]["this tree"][0]
    assert run["cpu"] > 0 and run["wall"] > 0
