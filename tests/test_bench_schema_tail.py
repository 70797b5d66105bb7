"""Smoke test of bench/schema_tail.py: the quick run (1,000 persons) prints every layout and part."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_schema_tail_bench_quick_run(run_bench):
    proc = run_bench("schema_tail.py", "--quick", timeout=300)
    rows = {line.split("|")[1].strip(): line for line in proc.stdout.splitlines()
            if line.startswith("| ") and "---" not in line}
    assert rows["layout"].split("|")[2:6] == [" child ", " importing process ", " tail ", " all "], proc.stdout
    for layout in ("today", "table per relation", "integer ids"):
        cells = rows[layout].split("|")[2:6]
        assert all(c.strip().endswith(")") and " s (" in c for c in cells), rows[layout]
    assert "(1.00)" in rows["today"] and "of WORKS_WITH (the child's)" in proc.stdout
