"""Top-k betweenness with error bounds against igraph's exact kernel (issue 15).

    python bench/topk.py                                # 10,000 and 50,000 persons (about 5 min)
    python bench/topk.py --with-exact-50k               # also exact values at 50,000 (~10 more minutes)
    python bench/topk.py --sizes 10000 --budgets 256,512,1024,2048,4096   # the trade-off table
    python bench/topk.py --quick                        # 1,000 persons (tests/test_bench_topk.py)

For every size it generates an organisation (``kgraph generate --persons N --seed 1``),
builds the person network from the generated CSV with networkx (every person a node,
every tie of ``ties.csv`` an undirected edge: the graph ``Org.person_graph()`` builds
from the imported store), times igraph's exact single-thread betweenness on that graph
in the same process as the baseline, then ``kgraph.measures.betweenness_top`` once per
budget of sources. At 50,000 persons the exact kernel costs about ten minutes, so unless
``--with-exact-50k`` is given its time is extrapolated from a timed sample of sources
and only the estimator's own certified / unseparated counts are reported. Nothing is
asserted: it measures and prints (timings move by tens of percent on a shared machine;
read the ratios, taken in the same run). See bench/README.md, "Top-k betweenness".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from kgraph.measures import betweenness_top  # noqa: E402
from kgraph.measures._common import node_order  # noqa: E402

_EXE = Path(sys.executable).parent / "kgraph"
KGRAPH = str(_EXE) if _EXE.exists() else (shutil.which("kgraph") or "kgraph")
#: sources timed to extrapolate the exact kernel when it is not run in full
TIMED_SOURCES = 256


def generate(n: int, seed: int, out: Path) -> Path:
    """The generated organisation of ``n`` persons (reused when already there)."""
    org = out / f"org{n}-seed{seed}"
    stamp = org / ".complete"
    if not stamp.exists():
        shutil.rmtree(org, ignore_errors=True)
        subprocess.run([KGRAPH, "generate", "--persons", str(n), "--seed", str(seed), str(org)],
                       check=True, capture_output=True, cwd=ROOT)
        stamp.write_text("ok\n")
    return org


def person_graph(org: Path) -> nx.Graph:
    """Every person a node, every tie an undirected edge (parallel kinds merged)."""
    G = nx.Graph()
    with open(org / "persons.csv", newline="", encoding="utf-8") as f:
        G.add_nodes_from(row["id"] for row in csv.DictReader(f))
    with open(org / "ties.csv", newline="", encoding="utf-8") as f:
        G.add_edges_from((r["source_id"], r["target_id"]) for r in csv.DictReader(f)
                         if r["source_id"] != r["target_id"])
    return G


def exact_kernel(G: nx.Graph, full: bool, seed: int) -> dict:
    """igraph's exact betweenness on one thread (normalised like networkx), or its time
    extrapolated from ``TIMED_SOURCES`` sampled sources when ``full`` is false."""
    nodes = node_order(G)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in G.edges()], directed=False)
    if full:
        t = time.perf_counter()
        raw = np.asarray(g.betweenness(directed=False))
        secs = time.perf_counter() - t
        return {"seconds": secs, "how": "exact, one thread", "values": raw * 2 / ((n - 1) * (n - 2))}
    k = min(TIMED_SOURCES, n)
    sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False)).tolist()
    t = time.perf_counter()
    g.betweenness(directed=False, sources=sources)
    secs = (time.perf_counter() - t) * n / k
    return {"seconds": secs, "how": f"extrapolated from {k} sources x {n}/{k}", "values": None}


def measure(G: nx.Graph, budget: int, args, exact: np.ndarray | None) -> dict:
    t = time.perf_counter()
    df = betweenness_top(G, k=args.k, delta=args.delta, max_sources=budget, seed=0)
    secs = time.perf_counter() - t
    a = df.attrs
    res = {"budget": budget, "seconds": secs, "sources": a["sources"], "stopped": a["stopped"],
           "certified": a["certified"], "unseparated": a["unseparated"], "summary": a["summary"],
           "mode": a["betweenness"]}
    if exact is not None:
        est = df["betweenness"].to_numpy()
        low, high = df["betweenness_low"].to_numpy(), df["betweenness_high"].to_numpy()
        k = args.k
        top_exact = set(np.argsort(-exact, kind="stable")[:k].tolist())
        top_est = set(np.argsort(-est, kind="stable")[:k].tolist())
        certified = set(np.flatnonzero(df["top_k"].to_numpy() == "in").tolist())
        ex_top = sorted(exact, reverse=True)
        res.update({
            "overlap": len(top_exact & top_est),
            "certified_wrong": len(certified - top_exact),
            "outside_bound": int(((exact < low * (1 - 1e-9)) | (exact > high * (1 + 1e-9) + 1e-15)).sum()),
            "median_rel_error_topk": float(np.median([abs(est[i] - exact[i]) / exact[i] for i in top_exact])),
            "gap_k": float(ex_top[k - 1] - ex_top[k]) if len(ex_top) > k else None,
        })
    return res


def run_size(n: int, args, out: Path) -> dict:
    print(f"generating {n:,} persons ...", file=sys.stderr, flush=True)
    G = person_graph(generate(n, args.seed, out))
    full = n <= 20_000 or args.with_exact_50k
    print(f"exact kernel ({'full' if full else 'timed sample'}) ...", file=sys.stderr, flush=True)
    base = exact_kernel(G, full, args.seed)
    if base["values"] is not None:  # kept for inspection (node order: kgraph.measures._common.node_order)
        np.save(out / f"exact{n}-seed{args.seed}.npy", base["values"])
    rows = []
    for budget in args.budgets:
        print(f"betweenness_top, budget {budget} ...", file=sys.stderr, flush=True)
        r = measure(G, budget, args, base["values"])
        r["ratio"] = r["seconds"] / base["seconds"]
        rows.append(r)
    return {"n": G.number_of_nodes(), "m": G.number_of_edges(), "exact_s": base["seconds"],
            "exact_how": base["how"], "rows": rows}


def table(res: dict, k: int) -> str:
    head = ["sources (budget)", "seconds", "vs exact", f"top-{k} overlap", "certified (wrong)",
            "unseparated ranks", "outside bound", f"median error, exact top-{k}", "stopped"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in res["rows"]:
        unsep = "–".join(map(str, r["unseparated"])) if r["unseparated"] else "none"
        has = "overlap" in r
        lines.append("| " + " | ".join([
            f"{r['sources']:,} ({r['budget']:,})", f"{r['seconds']:.1f}", f"{r['ratio']:.3f}x",
            f"{r['overlap']}/{k}" if has else "n/a", f"{r['certified']} ({r['certified_wrong']})" if has
            else str(r["certified"]), unsep, str(r["outside_bound"]) if has else "n/a",
            f"{100 * r['median_rel_error_topk']:.1f} %" if has else "n/a", r["stopped"]]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,50000", help="comma-separated numbers of persons")
    ap.add_argument("--budgets", default="1024,2048", help="comma-separated budgets of sources (max_sources)")
    ap.add_argument("--k", type=int, default=50)
    ap.add_argument("--delta", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1, help="seed of kgraph generate")
    ap.add_argument("--with-exact-50k", action="store_true", help="run the exact kernel above 20,000 persons too")
    ap.add_argument("--quick", action="store_true", help="smoke run at 1,000 persons")
    ap.add_argument("--out", default=str(HERE / "out" / "topk"), help="work folder (generated data, results)")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes = "1000"
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.budgets = [int(b) for b in args.budgets.split(",") if b.strip()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"# top-k betweenness {dt.datetime.now().isoformat(timespec='minutes')}\n")
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"igraph {ig.__version__}, networkx {nx.__version__}, numpy {np.__version__}; "
          f"load average at start {os.getloadavg()[0]:.1f}; k = {args.k}, delta = {args.delta}\n")
    results = {}
    for n in sizes:
        res = run_size(n, args, out)
        results[n] = res
        print(f"## {n:,} persons ({res['m']:,} ties)\n")
        print(f"exact betweenness, igraph, one thread: {res['exact_s']:.1f} s ({res['exact_how']})\n")
        print(table(res, args.k) + "\n")
        for r in res["rows"]:
            print(f"- {r['sources']:,} sources: {r['summary']}")
        gap = next((r.get("gap_k") for r in res["rows"] if r.get("gap_k") is not None), None)
        if gap is not None:
            print(f"- exact values of ranks {args.k} and {args.k + 1} differ by {gap:.1e}")
        print(flush=True)
    (out / "topk.json").write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
