"""Smoke test of bench/whoknows.py: it runs and prints a row per query and format (no timings checked)."""

from __future__ import annotations

import pytest

@pytest.mark.slow
def test_whoknows_bench_quick(run_bench):
    proc = run_bench("whoknows.py", "--quick")
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 3 * 3 + 1  # the header, three queries in three formats, the median
    assert rows[-1].startswith("| **median of all**")
