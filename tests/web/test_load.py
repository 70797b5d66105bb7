"""The intranet under load: 200 survey submissions from 50 concurrent clients against the running
server, then ``survey close``: every answer is there, none twice, and the store passes its integrity
check. Runs ``bench/serve.py --quick`` (the benchmark's smoke test); no timing is asserted."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "bench" / "serve.py"


def _bench():
    spec = importlib.util.spec_from_file_location("_kgraph_bench_serve", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_200_submissions_from_50_clients_then_close(tmp_path, capsys):
    bench = _bench()
    out = tmp_path / "serve.json"
    assert bench.main(["--quick", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    labels = [line[2:].split(" | ")[0] for line in printed.splitlines() if line.startswith("| ")]
    for row in bench.ROWS:
        assert row in labels, row
    r = json.loads(out.read_text())
    assert r["submissions"] == 200 and r["clients"] == 50 and r["failed"] == 0
    assert r["checks"] and all(r["checks"].values()), r["checks"]
    assert r["load_queries"] > 0 and r["per_second"] > 0
