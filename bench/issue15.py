"""Issue 15 targets, this tree against a baseline tree in the same run.

    python bench/issue15.py                    # every target: 50,000 / 10,000 persons, the demo, baseline main
    python bench/issue15.py --baseline none    # this tree only
    python bench/issue15.py --quick            # 1,000 and 500 persons, one round, no baseline (the smoke test)
    python bench/issue15.py --scale 200000     # target 3: generate, import, linking-pins, gaps, who-knows at one size

Every figure is a whole ``kgraph`` process, end to end (start-up, reading the store,
computing, writing its output), the median of ``--rounds`` rounds; the two trees
alternate per round, so that a busy machine slows both alike (read the ratios: of the
medians, and ``paired``, the median and range of each round's own ratio). Beside
the seconds each row shows the process's CPU seconds (with its worker processes) and
its peak memory (the largest process of its tree). Both trees read the same stores,
imported once with this tree: the baseline must read this tree's store format (``main``
does). Beside the linking-pin analysis at ``--check-persons``, igraph's exact
betweenness on one thread is timed on the same person network in this process: issue
15's first target is the whole analysis at most 0.3 times that kernel. Nothing is
asserted; see bench/README.md.
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

from _trees import trees as source_trees  # noqa: E402

#: issue 15's targets, in seconds of a whole process (None: no time target)
TARGETS = {"gaps": 5.0, "who-knows": 0.25, "linking-pins-big": 30.0, "import": 8.0, "re-import": 3.0, "demo": 5.0}


class Run:
    """One finished process: wall and CPU seconds, peak resident memory in MB."""

    def __init__(self, wall: float, cpu: float, peak_mb: float):
        self.wall, self.cpu, self.peak_mb = wall, cpu, peak_mb


def paired(base: list[Run], this: list[Run]) -> str:
    """The median and range of each round's ratio of this tree's wall time to the baseline's:
    the two runs of a round are seconds apart, so a machine whose speed changes between the
    rounds (on this one by up to 1.5x within minutes, bench/notes/fast-import.md) moves both.

    >>> paired([Run(2.0, 0, 0), Run(4.0, 0, 0), Run(3.0, 0, 0)], [Run(1.8, 0, 0), Run(4.4, 0, 0), Run(2.7, 0, 0)])
    '0.90 (0.90-1.10)'
    """
    ratios = [t.wall / b.wall for b, t in zip(base, this)]
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"


def kgraph(tree: Path, *args: str, cwd: Path) -> Run:
    """Run ``kgraph ARGS`` from ``tree``'s code; return its wall and CPU time and peak memory."""
    code = ("import sys; sys.path.insert(0, %r); from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"
            % str(tree))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode cached
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"kgraph {' '.join(args)} failed ({tree}):\n{err[-2000:]}")
    # Linux: wait4's ru_maxrss is the largest of the process and its waited-for children
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


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


def steps(big: Path, big_store: Path, small_store: Path, n: int, check: int, scratch: Path) -> dict:
    """Each row: (target key or None, a function (tree name, round) -> list of argument lists)."""
    def fresh(name: str, r: int, what: str) -> Path:
        path = scratch / f"{what}-{name.replace(' ', '_')}-{r}"
        shutil.rmtree(path, ignore_errors=True)
        if path.with_suffix(".db").exists():
            path.with_suffix(".db").unlink()
        return path

    def imports(name, r):
        db = fresh(name, r, "import").with_suffix(".db")
        return [("import", str(big), "--store", str(db)), ("import", str(big), "--store", str(db))]

    def demo(name, r):
        out = fresh(name, r, "demo")
        return [("demo", "--store", str(out.with_suffix(".db")), "--out", str(out))]

    return {
        f"gaps ({n:,} persons)": ("gaps", lambda name, r: [("gaps", "--store", str(big_store), "--format", "csv")]),
        f"who-knows ({n:,} persons, per query, table)": ("who-knows", lambda name, r: [
            ("who-knows", q, "--store", str(big_store)) for q in queries(big)]),  # a table, as typed
        f"linking-pins ({check:,} persons)": (None, lambda name, r: [
            ("linking-pins", "--store", str(small_store), "--format", "csv")]),
        f"linking-pins ({n:,} persons)": ("linking-pins-big", lambda name, r: [
            ("linking-pins", "--store", str(big_store), "--format", "csv")]),
        f"import + identical re-import ({n:,} persons)": ("import", imports),
        f"network view ({n:,} persons)": (None, lambda name, r: [
            ("network", "--store", str(big_store), "--output", str(fresh(name, r, "network")) + ".html")]),
        "demo (views included)": ("demo", demo),
    }


def compare(ns) -> int:
    work = Path(ns.out)
    work.mkdir(parents=True, exist_ok=True)
    with source_trees(ns.baseline) as trees:
        return _compare(ns, work, trees)


def _compare(ns, work: Path, trees: dict[str, Path]) -> int:
    old = trees.get("baseline")
    scratch = Path(tempfile.mkdtemp(prefix="kgraph-issue15-runs-"))
    try:
        big, big_store = organisation(ns.persons, work)
        small, small_store = organisation(ns.check_persons, work)
        rows = steps(big, big_store, small_store, ns.persons, ns.check_persons, scratch)
        if ns.only:
            rows = {k: v for k, v in rows.items() if any(word in k for word in ns.only.split(","))}
        times: dict[tuple[str, str], list[Run]] = {}
        sizes: dict[str, float] = {}
        for r in range(ns.rounds):
            order = list(trees.items()) if r % 2 == 0 else list(reversed(trees.items()))
            for row, (_key, runs) in rows.items():
                for name, tree in order:
                    for i, args in enumerate(runs(name, r)):
                        label = row if "re-import" not in row else (f"import ({ns.persons:,} persons, new store)"
                                                                      if i == 0 else f"identical re-import ({ns.persons:,} persons)")
                        times.setdefault((label, name), []).append(kgraph(tree, *args, cwd=work))
                        if args[0] == "network":
                            sizes[name] = Path(args[-1]).stat().st_size / 1e6
        kernel = exact_kernel_seconds(small) if any("linking-pins (" + f"{ns.check_persons:,}" in k for k in rows) else None
        names = list(trees)
        print(f"## Issue 15: {', '.join(names)} ({ns.baseline if old else 'no baseline'}), {ns.rounds} round(s), "
              "medians of whole processes: wall seconds (CPU seconds with workers, peak MB)\n")
        print("| command | " + " | ".join(names) + (" | this / baseline (wall) | paired |" if old else " |") + " target |")
        print("|---|" + "---:|" * (len(names) + (2 if old else 0)) + "---|")
        labels = list(dict.fromkeys(label for label, _name in times))
        keys = {**{row: key for row, (key, _r) in rows.items()},
                f"import ({ns.persons:,} persons, new store)": "import",
                f"identical re-import ({ns.persons:,} persons)": "re-import"}
        for label in labels:
            runs = [times[(label, name)] for name in names]
            wall = [statistics.median(x.wall for x in rs) for rs in runs]
            cells = [f"{w:.2f} s ({statistics.median(x.cpu for x in rs):.1f} s, {max(x.peak_mb for x in rs):.0f} MB)"
                     for w, rs in zip(wall, runs)]
            target = TARGETS.get(keys.get(label, ""), None)
            verdict = "" if target is None else f"< {target:g} s: {'met' if wall[-1] < target else 'not met'}"
            print(f"| {label} | " + " | ".join(cells) + (f" | {wall[-1] / wall[0]:.2f} | {paired(runs[0], runs[-1])} |"
                                                          if old else " |") + f" {verdict} |")
        for name, mb in sizes.items():
            print(f"\nnetwork view, {name}: {mb:.1f} MB (target <= 5 MB: {'met' if mb <= 5 else 'not met'})")
        if kernel is not None:
            lp = statistics.median(x.wall for x in times[(f"linking-pins ({ns.check_persons:,} persons)", "this tree")])
            print(f"\nigraph exact betweenness, one thread, {ns.check_persons:,} persons: {kernel:.1f} s; "
                  f"this tree's whole linking-pins process: {lp:.1f} s = {lp / kernel:.2f} x the kernel (target <= 0.3)")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def scale(ns) -> int:
    """Target 3: every step at one size, this tree only, with peak memory."""
    work = Path(ns.out) / f"scale{ns.scale}"
    work.mkdir(parents=True, exist_ok=True)
    org, store = work / "org", work / "kg.db"
    rows: list[tuple[str, Run]] = []
    if not (org / ".complete").exists():
        shutil.rmtree(org, ignore_errors=True)
        rows.append(("generate", kgraph(ROOT, "generate", "--persons", str(ns.scale), "--seed", "1", str(org), cwd=work)))
        (org / ".complete").write_text("ok\n")
    store.unlink(missing_ok=True)
    rows.append(("import (new store)", kgraph(ROOT, "import", str(org), "--store", str(store), cwd=work)))
    rows.append(("linking-pins", kgraph(ROOT, "linking-pins", "--store", str(store), "--format", "csv", cwd=work)))
    rows.append(("gaps", kgraph(ROOT, "gaps", "--store", str(store), "--format", "csv", cwd=work)))
    for q in queries(org):
        rows.append((f"who-knows {q!r}", kgraph(ROOT, "who-knows", q, "--store", str(store), cwd=work)))
    with open(org / "ties.csv", encoding="utf-8") as f:
        ties = sum(1 for _line in f) - 1
    print(f"## {ns.scale:,} persons, {ties:,} ties: whole processes of this tree\n")
    print("| step | wall | CPU (with workers) | peak memory |\n|---|---:|---:|---:|")
    for label, run in rows:
        print(f"| {label} | {run.wall:.1f} s | {run.cpu:.1f} s | {run.peak_mb:,.0f} MB |")
    analysis = sum(run.wall for label, run in rows if label in ("linking-pins", "gaps"))
    peak = max(run.peak_mb for _label, run in rows)
    print(f"\nlinking-pins + gaps: {analysis:.0f} s (target < 300 s: {'met' if analysis < 300 else 'not met'}); "
          f"largest peak {peak:,.0f} MB (target < 8,192 MB: {'met' if peak < 8192 else 'not met'})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=50_000, help="size for gaps, who-knows, import, the network view")
    ap.add_argument("--check-persons", type=int, default=10_000, help="size for linking-pins against igraph's kernel")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--baseline", default="main", help="a commit or branch, or none")
    ap.add_argument("--only", help="comma-separated words: run only the rows whose name holds one of them")
    ap.add_argument("--out", default=str(HERE / "out" / "issue15"), help="work folder (organisations, stores)")
    ap.add_argument("--quick", action="store_true", help="1,000 and 500 persons, one round, no baseline")
    ap.add_argument("--scale", type=int, help="target 3 at this size (e.g. 200000), this tree only")
    ns = ap.parse_args(argv)
    if ns.scale:
        return scale(ns)
    if ns.quick:
        ns.persons, ns.check_persons, ns.rounds, ns.baseline = 1_000, 500, 1, "none"
    return compare(ns)


if __name__ == "__main__":
    sys.exit(main())
