"""Smoke test of bench/import_floor.py: the quick run (1,000 persons) prints every part (no timings checked)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_import_floor_bench_quick_run(run_bench):
    proc = run_bench("import_floor.py", "--quick", timeout=300)
    rows = {line.split("|")[1].strip(): line for line in proc.stdout.splitlines()
            if line.startswith("| ") and "---" not in line}
    for part in ("start-up", "parse", "validate", "sqlite: node_rows", "sqlite: edge_rows",
                 "sqlite: index edge_rows_rel_target", "sqlite: index edge_rows_knows",
                 "sqlite: commit", "sqlite: fsync", "sqlite", "import"):
        assert part in rows, proc.stdout
    assert "the whole import:" in proc.stdout
