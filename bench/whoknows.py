"""``kgraph who-knows`` per process, this tree against a baseline tree in the same run.

    python bench/whoknows.py                              # 50,000 persons (/work/perfdata), baseline /work/main
    python bench/whoknows.py --store kg.db --org org/ --baseline ../main --rounds 7
    python bench/whoknows.py --baseline none              # this tree only
    python bench/whoknows.py --quick                      # 1,000 generated persons, one round, no baseline

Issue 15, target 5: ``kgraph who-knows QUERY`` under 0.25 s median per process at
50,000 persons. Each figure is one whole process (start-up, imports, reading the store,
matching, ranking, writing the output to a pipe) for three queries (an item's name from
``knowledge.csv``, the same with two letters swapped, and the broad word ``beleid``) in
each format (table, csv, json); the trees alternate per round so that a busy machine
slows both alike. Wall seconds and CPU seconds (user + system of the child) are the
medians over the rounds; the last line is the median over every query and format. Both
trees read the same store. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERFDATA = Path("/work/perfdata")
FORMATS = ("table", "csv", "json")


def run(tree: Path, *args: str, cwd: Path) -> tuple[float, float]:
    """``kgraph ARGS`` with ``tree``'s code: (wall seconds, CPU seconds of the child)."""
    code = ("import sys; sys.path.insert(0, %r); from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"
            % str(tree))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode cached
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"kgraph {' '.join(args)} failed ({tree}):\n{proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def queries(org: Path) -> list[str]:
    """An item's name, the same with two letters swapped, and a broad word (as ``bench/issue15.py``)."""
    with open(org / "knowledge.csv", newline="", encoding="utf-8") as f:
        name = next(csv.DictReader(f))["name"]
    typo = name[:2] + name[3] + name[2] + name[4:] if len(name) > 4 else name
    return [name, typo, "beleid"]


def generated(n: int, work: Path) -> tuple[Path, Path]:
    """A generated organisation of ``n`` persons and its store, in ``work``."""
    org, store = work / f"org{n}", work / f"kg{n}.db"
    run(ROOT, "generate", "--persons", str(n), "--seed", "1", str(org), cwd=work)
    run(ROOT, "import", str(org), "--store", str(store), cwd=work)
    return org, store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=PERFDATA / "kg50000.db")
    ap.add_argument("--org", type=Path, default=PERFDATA / "org50000", help="the folder the store was imported from")
    ap.add_argument("--baseline", default=str(Path("/work/main")), help="a kgraph tree to compare with, or none")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--quick", action="store_true", help="1,000 generated persons, one round, no baseline")
    ns = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kgraph-whoknows-"))
    try:
        if ns.quick:
            ns.org, ns.store = generated(1000, work)
            ns.rounds, ns.baseline = 1, "none"
        trees = {"this tree": ROOT}
        if ns.baseline != "none":
            trees["baseline"] = Path(ns.baseline).resolve()
        formats = [f for f in ns.formats.split(",") if f]
        cases = [(q, f) for q in queries(ns.org) for f in formats]
        seen: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
        for _round in range(ns.rounds):
            for query, fmt in cases:
                for label, tree in trees.items():
                    args = ("who-knows", query, "--store", str(ns.store), "--format", fmt)
                    seen.setdefault((label, query, fmt), []).append(run(tree, *args, cwd=work))
        print(f"kgraph who-knows, {ns.store} ({ns.rounds} rounds, medians; wall s / CPU s per process)\n")
        head = "| query | format | " + " | ".join(f"{t} wall | {t} CPU" for t in trees)
        head += " | this / baseline (CPU) |" if len(trees) > 1 else " |"
        print(head)
        print("|" + "---|" * (head.count("|") - 1))
        medians: dict[str, list[tuple[float, float]]] = {t: [] for t in trees}
        for query, fmt in cases:
            cells = []
            for label in trees:
                times = seen[(label, query, fmt)]
                m = (statistics.median(w for w, _c in times), statistics.median(c for _w, c in times))
                medians[label].append(m)
                cells += [f"{m[0]:.3f}", f"{m[1]:.3f}"]
            if len(trees) > 1:
                cells.append(f"{medians['this tree'][-1][1] / max(medians['baseline'][-1][1], 1e-9):.2f}")
            print(f"| {query} | {fmt} | " + " | ".join(cells) + " |")
        cells = []
        for label in trees:
            cells += [f"{statistics.median(w for w, _c in medians[label]):.3f}",
                      f"{statistics.median(c for _w, c in medians[label]):.3f}"]
        if len(trees) > 1:
            cpu = [statistics.median(c for _w, c in medians[t]) for t in trees]
            cells.append(f"{cpu[0] / max(cpu[1], 1e-9):.2f}")
        print("| **median of all** | | " + " | ".join(cells) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
