"""``kgraph demo`` end to end (issue 15, target 4: under 5 s), before and after, in the same run.

    python bench/demo.py                     # this tree and main, 3 rounds each, alternating
    python bench/demo.py --baseline 5291c98 --rounds 5
    python bench/demo.py --quick             # this tree only, one round (the smoke test)

Each round runs ``kgraph demo --store NEW.db --out NEW-FOLDER --as-of 2026-12-01`` as a
process of this interpreter with the tree's code first on ``sys.path`` (the baseline is
checked out with ``git worktree`` into a temporary folder), each into a new store and
folder, the trees alternating so that a busy machine slows both alike. Per run: wall
seconds, CPU seconds (user + system of the process and the worker processes it waited for)
and its peak memory. Then, unless ``--quick``, one more run of this tree in this process with the
CPU seconds of each step (loading, importing, the accounts, the analyses, each view):
where the time goes. The machine is shared: read the CPU figures and the ratios; no
timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _trees import trees as source_trees

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-12-01"
_CODE = "import sys; sys.path.insert(0, %r); from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"


def run_demo(tree: Path, work: Path, name: str) -> dict[str, float]:
    """One ``kgraph demo`` process of ``tree`` into a new store and folder: wall, cpu (s, the process and the
    worker processes it waited for), peak memory of the process (MB)."""
    log = work / f"{name}.log"
    t0 = time.perf_counter()
    with log.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-c", _CODE % str(tree), "demo", "--store", str(work / f"{name}.db"),
                                 "--out", str(work / name), "--as-of", AS_OF], cwd=work, stdout=fh, stderr=fh)
        _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"kgraph demo failed ({tree}):\n{log.read_text()[-2000:]}")
    return {"wall": round(wall, 2), "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024)}


def steps(work: Path) -> dict[str, float]:
    """The CPU seconds of each step of one demo of this tree, run in this process."""
    sys.path.insert(0, str(ROOT))
    t0 = time.process_time()
    import kgraph
    from kgraph import ingest
    from kgraph.app import accounts, data, render
    from kgraph.app import demo as demo_mod
    from kgraph.app.findings import Findings

    out: dict[str, float] = {"import kgraph": time.process_time() - t0}

    def timed(owner, name: str, label: str) -> None:
        fn = getattr(owner, name)

        @functools.wraps(fn)
        def wrapper(*a, **k):
            c = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                out[label] = out.get(label, 0.0) + time.process_time() - c
        setattr(owner, name, wrapper)

    timed(ingest, "load_dataset", "load the two demo folders")
    timed(data, "import_dataset", "import them")
    timed(demo_mod, "refuse_other_data", "check the store holds only the demo")
    timed(accounts, "demo_accounts", "three demo accounts (argon2)")
    timed(Findings, "network_measures", "network measures (imports igraph)")
    timed(Findings, "compare", "compare with the previous import")
    for name in ("giraffe", "network", "power_interest_grid", "coverage_heatmap", "objectives_chart", "signals_chart",
                 "report"):
        timed(render, name, f"view: {name}")
    timed(demo_mod, "_views", "all views")
    kgraph.demo(work / "steps.db", out=work / "steps", as_of=AS_OF)
    out["total (this process)"] = time.process_time() - t0
    return {k: round(v, 2) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", default="main", help="a commit or branch to compare with")
    ap.add_argument("--quick", action="store_true", help="this tree only, one round, no steps")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ns = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kgraph-demo-bench-"))
    try:
        with source_trees(None if ns.quick else ns.baseline) as trees:
            runs: dict[str, list[dict[str, float]]] = {t: [] for t in trees}
            for k in range(1 if ns.quick else ns.rounds):
                for label, tree in trees.items():
                    runs[label].append(run_demo(tree, work, f"{label.replace(' ', '-')}-{k}"))
                    print(f"round {k + 1}, {label}: {runs[label][-1]}", flush=True)
        print(f"\n`kgraph demo` (views written), median of {len(next(iter(runs.values())))} round(s):\n")
        print("| tree | wall s | CPU s | peak MB |\n|---|---:|---:|---:|")
        med = {t: {m: statistics.median(r[m] for r in rs) for m in ("wall", "cpu", "peak_mb")} for t, rs in runs.items()}
        for t, m in med.items():
            print(f"| {t} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['peak_mb']:.0f} |")
        if "baseline" in med:
            print(f"\nthis tree / baseline: CPU {med['this tree']['cpu'] / med['baseline']['cpu']:.2f}, "
                  f"wall {med['this tree']['wall'] / med['baseline']['wall']:.2f}")
        result = {"runs": runs, "median": med}
        if not ns.quick:
            result["steps"] = steps(work)
            print("\nCPU seconds per step (this tree, one demo in this process):\n")
            for k, v in result["steps"].items():
                print(f"- {k}: {v:.2f}")
        if ns.json:
            ns.json.write_text(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
