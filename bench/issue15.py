"""Issue 15 targets, this tree against a baseline tree in the same run.

    python bench/issue15.py                    # 50,000 persons (gaps, who-knows), 10,000 (linking-pins), baseline main
    python bench/issue15.py --baseline none    # this tree only
    python bench/issue15.py --quick            # 1,000 and 500 persons, one round, no baseline (the smoke test)

Every figure is a whole ``kgraph`` process, end to end (start-up, reading the store,
computing, writing CSV), the median of ``--rounds`` rounds; the two trees alternate
per round, so that a busy machine slows both alike (read the ratios). Both trees read
the same store, imported once with this tree: the baseline must read this tree's
store format (``main``, which this branch merges, does). Beside the linking-pin
analysis at ``--check-persons``, igraph's exact betweenness on one thread is timed on
the same person network in this process: issue 15's first target is the whole analysis
at most 0.3 times that kernel. Nothing is asserted; see bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def kgraph(tree: Path, *args: str, cwd: Path) -> float:
    """Run ``kgraph ARGS`` from ``tree``'s code; return the wall time in seconds."""
    code = ("import sys; sys.path.insert(0, %r); from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"
            % str(tree))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode cached
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"kgraph {' '.join(args)} failed ({tree}):\n{proc.stderr[-2000:]}")
    return elapsed


def organisation(n: int, work: Path) -> tuple[Path, Path]:
    """The generated organisation of ``n`` persons and its store (both reused when there)."""
    org, store = work / f"org{n}", work / f"kg{n}.db"
    if not (org / ".complete").exists():
        shutil.rmtree(org, ignore_errors=True)
        store.unlink(missing_ok=True)
        kgraph(ROOT, "generate", "--persons", str(n), "--seed", "1", str(org), cwd=work)
        (org / ".complete").write_text("ok\n")
    if not store.exists():
        kgraph(ROOT, "import", str(org), "--store", str(store), cwd=work)
    return org, store


def queries(org: Path) -> list[str]:
    """Three who-knows queries: an item's name, the same with a typo, and a broad word."""
    with open(org / "knowledge.csv", newline="", encoding="utf-8") as f:
        name = next(csv.DictReader(f))["name"]
    typo = name[:2] + name[3] + name[2] + name[4:] if len(name) > 4 else name
    return [name, typo, "beleid"]


def exact_kernel_seconds(org: Path) -> float:
    """igraph's exact betweenness on one thread on the person network of ``org``."""
    from topk import exact_kernel, person_graph

    return exact_kernel(person_graph(org), True, 0)["seconds"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=50_000, help="size for gaps and who-knows")
    ap.add_argument("--check-persons", type=int, default=10_000, help="size for linking-pins against igraph's kernel")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--baseline", default="main", help="a commit or branch, or none")
    ap.add_argument("--out", default=str(HERE / "out" / "issue15"), help="work folder (organisations, stores)")
    ap.add_argument("--quick", action="store_true", help="1,000 and 500 persons, one round, no baseline")
    ns = ap.parse_args(argv)
    if ns.quick:
        ns.persons, ns.check_persons, ns.rounds, ns.baseline = 1_000, 500, 1, "none"
    work = Path(ns.out)
    work.mkdir(parents=True, exist_ok=True)
    trees = {"this tree": ROOT}
    old = None
    if ns.baseline != "none":
        old = Path(tempfile.mkdtemp(prefix="kgraph-issue15-")) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), ns.baseline], check=True)
        trees = {"baseline": old, "this tree": ROOT}
    try:
        big, big_store = organisation(ns.persons, work)
        small, small_store = organisation(ns.check_persons, work)
        steps = {f"gaps ({ns.persons:,} persons)": [("gaps", "--store", str(big_store), "--format", "csv")]}
        steps[f"who-knows ({ns.persons:,} persons, 3 queries)"] = [
            ("who-knows", q, "--store", str(big_store), "--format", "csv") for q in queries(big)]
        steps[f"linking-pins ({ns.check_persons:,} persons)"] = [
            ("linking-pins", "--store", str(small_store), "--format", "csv")]
        times: dict[tuple[str, str], list[float]] = {}
        for r in range(ns.rounds):
            order = list(trees.items()) if r % 2 == 0 else list(reversed(trees.items()))
            for step, runs in steps.items():
                for name, tree in order:
                    for args in runs:
                        times.setdefault((step, name), []).append(kgraph(tree, *args, cwd=work))
        kernel = exact_kernel_seconds(small)
        names = list(trees)
        print(f"## Issue 15: {', '.join(names)} ({ns.baseline if old else 'no baseline'}), {ns.rounds} round(s), "
              "median seconds of whole processes\n")
        print("| command | " + " | ".join(names) + (" | this / baseline |" if old else " |"))
        print("|---|" + "---:|" * (len(names) + (1 if old else 0)))
        for step in steps:
            med = [statistics.median(times[(step, name)]) for name in names]
            print(f"| {step} | " + " | ".join(f"{m:.2f} s" for m in med) + (f" | {med[-1] / med[0]:.2f} |" if old else " |"))
        lp = statistics.median(times[(f"linking-pins ({ns.check_persons:,} persons)", "this tree")])
        print(f"\nigraph exact betweenness, one thread, {ns.check_persons:,} persons: {kernel:.1f} s; "
              f"this tree's whole linking-pins process: {lp:.1f} s = {lp / kernel:.2f} x the kernel (target <= 0.3)")
        return 0
    finally:
        if old is not None:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)
            shutil.rmtree(old.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
