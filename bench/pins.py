"""Issue 15 targets 1 and 2: the whole ``kgraph linking-pins`` process against igraph's
exact single-thread betweenness on the same person network, in CPU and wall seconds.

    python bench/pins.py --store /work/perfdata/kg10000.db            # this tree
    python bench/pins.py --store kg10000.db --baseline-python /work/venvs/main/bin/python
    python bench/pins.py --quick                                       # 600 persons, generated here (the smoke test)

Per round: one ``kgraph linking-pins --format csv`` process of this tree (and of the
baseline interpreter's kgraph when given), then igraph's exact betweenness on one
thread on the person network of the same store and date (``Org.person_graph``) in its
own process. CPU seconds are those of the whole process *with its worker processes*
(``resource.getrusage(RUSAGE_CHILDREN)`` after each run), which a shared machine
inflates far less than wall seconds; the ratio of the CPU seconds is the robust one.
``--kernel-sources N`` times the kernel on N sampled sources and scales by n / N (for
50,000 persons, where the exact kernel takes ten minutes or more). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

KERNEL = r"""
import sys, time
import igraph as ig
from kgraph.app import open as kopen
from kgraph.measures._common import node_order
org = kopen(sys.argv[1]).snapshot(None)
G = org.person_graph()
nodes = node_order(G)
index = {v: i for i, v in enumerate(nodes)}
g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=False)
k = int(sys.argv[2])
sources = None
if 0 < k < len(nodes):
    import random
    sources = sorted(random.Random(0).sample(range(len(nodes)), k))
c, t = time.process_time(), time.perf_counter()
g.betweenness(directed=False, sources=sources)
cpu, wall = time.process_time() - c, time.perf_counter() - t
scale = len(nodes) / k if sources else 1.0
print(f"{cpu * scale} {wall * scale} {len(nodes)} {g.ecount()}")
"""


def child_run(cmd: list[str], out=subprocess.DEVNULL) -> tuple[float, float, str]:
    """Run ``cmd``; its CPU seconds (with its children), wall seconds and stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, proc.stderr


def pins(python: str, store: str, args: list[str]) -> tuple[float, float, str]:
    code = "import sys; from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"
    return child_run([python, "-c", code, "linking-pins", "--store", store, "--format", "csv", *args])


def kernel(store: str, sources: int) -> tuple[float, float, int, int]:
    out = subprocess.run([sys.executable, "-c", KERNEL, store, str(sources)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    cpu, wall, n, m = out.stdout.split()
    return float(cpu), float(wall), int(n), int(m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="an imported store (read only)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--baseline-python", help="interpreter with the baseline tree installed, e.g. /work/venvs/main/bin/python")
    ap.add_argument("--kernel-sources", type=int, default=0, help="time the kernel on N sources and scale (0: exact)")
    ap.add_argument("--args", default="", help="extra linking-pins options, e.g. '--samples 1024'")
    ap.add_argument("--quick", action="store_true", help="600 persons generated into a temporary folder")
    ns = ap.parse_args(argv)
    extra = ns.args.split()
    tmp = None
    if ns.quick or not ns.store:
        tmp = tempfile.TemporaryDirectory(prefix="kgraph-pins-")
        org, store = Path(tmp.name) / "org", Path(tmp.name) / "kg.db"
        kg = [sys.executable, "-c", "import sys; from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"]
        child_run([*kg, "generate", "--persons", "600", "--seed", "1", str(org)])
        child_run([*kg, "import", str(org), "--store", str(store)])
        ns.store = str(store)
        extra = extra or ["--samples", "256"]  # estimate even at this size
    trees = {"this tree": sys.executable}
    if ns.baseline_python:
        trees = {"baseline": ns.baseline_python, **trees}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    kernels: list[tuple[float, float]] = []
    line = ""
    for _r in range(ns.rounds):
        for name, python in trees.items():
            cpu, wall, err = pins(python, ns.store, extra)
            runs[name].append((cpu, wall))
            if name == "this tree":
                line = err.strip().splitlines()[-1] if err.strip() else ""
        kcpu, kwall, n, m = kernel(ns.store, ns.kernel_sources)
        kernels.append((kcpu, kwall))
    kc = statistics.median(c for c, _w in kernels)
    kw = statistics.median(w for _c, w in kernels)
    how = f"extrapolated from {ns.kernel_sources} sources" if ns.kernel_sources else "exact"
    print(f"## linking-pins, {n:,} persons, {m:,} ties, {ns.rounds} round(s), medians\n")
    print(f"igraph betweenness, one thread ({how}): CPU {kc:.1f} s, wall {kw:.1f} s\n")
    print("| tree | CPU s (with workers) | wall s | CPU / kernel CPU | wall / kernel wall |")
    print("|---|---:|---:|---:|---:|")
    for name, values in runs.items():
        c = statistics.median(v[0] for v in values)
        w = statistics.median(v[1] for v in values)
        print(f"| {name} | {c:.1f} | {w:.1f} | {c / kc:.2f} | {w / kw:.2f} |")
    print(f"\n{line}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
