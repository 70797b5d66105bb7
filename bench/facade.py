"""One dated snapshot, before and after (issue 11): the same commands on the code before the
facade and on this tree, in the same run.

    python bench/facade.py                       # 10,000 persons, baseline 6b929d6, 2 rounds
    python bench/facade.py --persons 1000 --rounds 1
    python bench/facade.py --quick               # 300 persons, 1 round (the smoke test)

The baseline is the last commit before the facade (``--baseline``), checked out with
``git worktree`` into a temporary folder; both trees run as separate processes of this
interpreter, each on a store it imported itself, alternating per round so that a busy
machine slows both alike. Timed, end to end (start-up, reading the store, computing,
writing): ``kgraph demo`` (the demo municipality, 364 persons, views written),
``kgraph report`` and ``kgraph linking-pins`` on a generated organisation. Read the
ratios: the machine is shared. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _trees import trees as source_trees

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "6b929d6"  # "Coverage takes its date from the Org built for that date": the last commit before the facade
AS_OF = "2026-12-01"


def kgraph(tree: Path, *args: str, cwd: Path) -> float:
    """Run ``kgraph ARGS`` from ``tree``'s code; return the wall time in seconds."""
    code = ("import sys; sys.path.insert(0, %r); from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"
            % str(tree))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"kgraph {' '.join(args)} failed ({tree}):\n{proc.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--quick", action="store_true", help="300 persons, one round")
    ns = ap.parse_args(argv)
    if ns.quick:
        ns.persons, ns.rounds = 300, 1
    work = Path(tempfile.mkdtemp(prefix="kgraph-facade-bench-"))
    try:
        with source_trees(ns.baseline, labels=("before", "after")) as trees:
            return _compare(ns, work, trees)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _compare(ns, work: Path, trees: dict[str, Path]) -> int:
    old = trees["before"]
    org = work / "org"
    # the baseline's generator: its files are in the format both trees read (the format
    # only grows compatibly; the newer generator writes channels the baseline refuses)
    kgraph(old, "generate", "--persons", str(ns.persons), "--seed", "1", str(org), cwd=work)
    for name, tree in trees.items():
        (work / name).mkdir()
        kgraph(tree, "import", str(org), "--store", str(work / name / "org.db"), cwd=work / name)
    steps = {
        "kgraph demo (364 persons, views)": lambda t, d: ("demo", "--store", str(d / "demo.db"), "--out", str(d / "views"),
                                                           "--as-of", AS_OF),
        f"kgraph report ({ns.persons:,} persons)": lambda t, d: ("report", "-o", str(d / "report.html"),
                                                                "--store", str(d / "org.db"), "--as-of", AS_OF),
        f"kgraph linking-pins ({ns.persons:,} persons)": lambda t, d: ("linking-pins", "--store", str(d / "org.db"),
                                                                      "--format", "csv"),
    }
    times: dict[tuple[str, str], list[float]] = {}
    for r in range(ns.rounds):
        order = list(trees.items()) if r % 2 == 0 else list(reversed(trees.items()))
        for step, args in steps.items():
            for name, tree in order:
                d = work / name
                times.setdefault((step, name), []).append(kgraph(tree, *args(tree, d), cwd=d))
    print(f"## One dated snapshot: before ({ns.baseline}) and after, {ns.rounds} round(s), median seconds\n")
    print("| command | before | after | after / before |")
    print("|---|---:|---:|---:|")
    for step in steps:
        b = statistics.median(times[(step, "before")])
        a = statistics.median(times[(step, "after")])
        print(f"| {step} | {b:.1f} s | {a:.1f} s | {a / b:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
