"""Smoke test of the benchmark script: it runs and prints every row (no timings checked)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "bench" / "run.py"


def _module(script: str):
    """``bench/SCRIPT`` loaded as a module (its folder on the path meanwhile, for its imports)."""
    import sys

    spec = importlib.util.spec_from_file_location(f"_kgraph_bench_{script[:-3]}", ROOT / "bench" / script)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return mod


def _rows() -> list[str]:
    return _module(RUN.name).ROWS


@pytest.mark.slow
def test_bench_quick_run_prints_every_row(tmp_path, run_bench):
    proc = run_bench("run.py", "--sizes", "300", "--quick", "--out", tmp_path, timeout=240)
    out = proc.stdout
    assert "## 300 persons" in out
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    labels = [line[2:].split(" | ")[0].rstrip() for line in lines]
    for row in _rows():
        assert row in labels, f"row {row!r} missing from the table"
    for row in ("linking-pins (whole analysis)", "  betweenness", "  brokerage by team"):
        cells = lines[labels.index(row)].split(" | ")
        assert cells[1].strip(), f"row {row!r} has no kgraph figure"
    assert "## Targets (issue 7)" in out
    assert (tmp_path / "results.json").exists()


@pytest.mark.slow
def test_issue15_quick_run_prints_its_table(tmp_path, run_bench):
    proc = run_bench("issue15.py", "--quick", "--out", tmp_path, timeout=240)
    for row in ("| gaps (1,000 persons) |", "| who-knows (1,000 persons, per query, table) |", "| linking-pins (500 persons) |",
                "| linking-pins (1,000 persons) |", "| import (1,000 persons, new store) |",
                "| identical re-import (1,000 persons) |", "| demo (views included) |",
                "network view, this tree:", "igraph exact betweenness, one thread, 500 persons"):
        assert row in proc.stdout, f"{row!r} missing"


@pytest.mark.slow
def test_issue15_scale_run_prints_every_step(tmp_path, run_bench):
    proc = run_bench("issue15.py", "--scale", "300", "--out", tmp_path, timeout=240)
    for row in ("| generate |", "| import (new store) |", "| linking-pins |", "| gaps |", "| who-knows ",
                "largest peak"):
        assert row in proc.stdout, f"{row!r} missing"


@pytest.mark.parametrize("script", ["issue15.py", "_trees.py"])
def test_bench_examples_run(script):
    """The examples in the bench scripts' docstrings (the tests collect ``kgraph/`` and
    ``tests/``, not ``bench/``): e.g. issue15.py's paired ratios."""
    import doctest

    result = doctest.testmod(_module(script), optionflags=doctest.ELLIPSIS)
    assert result.attempted and not result.failed
