"""kgraph at scale, measured against the plain networkx way (issue 7).

    python bench/run.py [--sizes 1000,10000,50000] [--out bench/out] [--neo4j-url URL] [--quick]

For every size it generates an organisation (``kgraph generate``), then runs each
measured step in a fresh process (so import costs and peak memory are per step)
and prints one table per size and a PASS/FAIL line per target of issue 7. Timings
are wall clock on a shared machine: read the ratios, which compare numbers taken in
the same run. See bench/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STEPS = HERE / "_steps.py"
_EXE = Path(sys.executable).parent / "kgraph"
KGRAPH = [str(_EXE) if _EXE.exists() else (shutil.which("kgraph") or "kgraph")]  # the installed command
SEED = 1
NEO4J_SIZE = 10_000
QUERIES = 50
#: the certified top 50 is checked against an exact run up to this size
EXACT_CHECK_MAX = 20_000

#: rows of the table, in order (the smoke test checks that each is printed)
ROWS = [
    "generate", "import (embedded)", "re-import (embedded)", "import (Neo4j)", "re-import (Neo4j)",
    "linking-pins (whole analysis)", "  betweenness", "  constraint", "  effective size",
    "  brokerage by team", "  brokerage by department", "  articulation points",
    "certified top 50 vs exact", "gaps", "who-knows CLI (median / p95)", "who-knows library (median / p95)",
    "giraffe", "network", "peak memory",
]
NA = "n/a (not available)"


# --------------------------------------------------------------------------- processes
#: GNU time reports the peak RSS of the command alone. Without it, ``wait4``'s figure
#: starts at this (larger) process's RSS, which Linux carries over into the child at exec.
_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
#: stderr of every failed command goes here (``OUT/failures.log``)
_LOG: Path | None = None


def run(cmd: list[str], *, timeout: float = 3600, env: dict | None = None) -> dict:
    """Run ``cmd``; wall seconds, peak RSS (MB, largest process of the tree), rc, output."""
    fd, rss_file = tempfile.mkstemp(suffix=".rss")
    os.close(fd)
    if _TIME:
        cmd = [_TIME, "-f", "%M", "-o", rss_file, *cmd]
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})}, cwd=ROOT, start_new_session=True)
        deadline = t + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)  # the step's own process group
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        maxrss = usage.ru_maxrss
        if _TIME:
            lines = [x for x in Path(rss_file).read_text().split() if x.isdigit()]
            maxrss = int(lines[-1]) if lines else maxrss
        os.unlink(rss_file)
        if proc.returncode and _LOG is not None:
            err.seek(0)
            with _LOG.open("a") as f:
                f.write(f"$ {' '.join(cmd)}\n(exit {proc.returncode})\n{err.read().decode(errors='replace')[-4000:]}\n")
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "rss_mb": maxrss / 1024, "rc": proc.returncode,
                "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace"),
                "timeout": wall >= timeout}


def step(name: str, *args, timeout: float = 3600, env: dict | None = None) -> dict:
    """Run one step of ``_steps.py``; its JSON result merged with the process figures."""
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        r = run([sys.executable, str(STEPS), name, path, *map(str, args)], timeout=timeout, env=env)
        try:
            r.update(json.loads(Path(path).read_text() or "{}"))
        except json.JSONDecodeError:
            pass
    finally:
        os.unlink(path)
    if r["rc"] != 0:
        r["error"] = (r["stderr"].strip().splitlines() or ["?"])[-1][:200]
    return r


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


# --------------------------------------------------------------------------- Neo4j test server
class Bolt:
    """The ArcadeDB test server of tests/store/conftest.py, or a given URL."""

    def __init__(self, url: str | None):
        self.url, self.env, self.proc, self.root, self.why = url, {}, None, None, ""
        if url:
            return
        try:
            spec = importlib.util.spec_from_file_location("_kg_store_conftest", ROOT / "tests" / "store" / "conftest.py")
            conf = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(conf)
            self.root = Path(tempfile.mkdtemp(prefix="kgraph-bench-arcadedb-"))
            bolt, http = conf._free_port(), conf._free_port()
            cmd = conf.arcadedb_command(self.root, bolt, http, conf.PASSWORD)
            self.log = (self.root / "server.log").open("wb")
            self.proc = subprocess.Popen(cmd, cwd=self.root, stdout=self.log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL)
            self.url = f"bolt://127.0.0.1:{bolt}"
            conf._wait_ready(self.url, "root", conf.PASSWORD, "neo4j", self.proc, self.root / "server.log")
            self.env = {"KGRAPH_NEO4J_USER": "root", "KGRAPH_NEO4J_PASSWORD": conf.PASSWORD}
        except Exception as exc:  # noqa: BLE001 - no server: the rows say n/a
            self.why = f"{type(exc).__name__}: {exc}".splitlines()[0][:120]
            self.url = None
            self.stop()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()  # our own child, by PID
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
            self.proc = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None


# --------------------------------------------------------------------------- formatting
def secs(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.1f} s" if x < 600 else f"{x / 60:.0f} min"


def ratio(base: float | None, ours: float | None) -> str:
    if not base or not ours:
        return ""
    return f"{base / ours:,.0f}x" if base / ours >= 10 else f"{base / ours:.1f}x"


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def table(rows: list[list[str]]) -> str:
    head = ["step", "kgraph", "networkx", "ratio", "agreement", "peak MB", "notes"]
    cells = [head] + rows
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) // 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")), 0)
    from importlib.metadata import PackageNotFoundError, version

    vers = {}
    for mod in ("kgraph", "networkx", "igraph", "numpy", "scipy", "pandas", "neo4j", "arcadedb-embedded"):
        try:
            vers[mod] = version(mod)
        except PackageNotFoundError:
            vers[mod] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_mb": mem, "python": platform.python_version(),
            "os": platform.platform(), "versions": vers, "date": dt.datetime.now().isoformat(timespec="minutes"),
            "load": os.getloadavg()}


# --------------------------------------------------------------------------- one size
def bench_size(n: int, out: Path, args, bolt: Bolt | None) -> dict:
    quick = args.quick
    org, db = out / f"org{n}", out / f"kg{n}.db"
    R: dict = {"n": n}
    rows: list[list[str]] = []
    rss: list[float] = []

    def add(name, ours="", base="", rat="", agree="", mb=None, notes=""):
        if mb:
            rss.append(mb)
        rows.append([name, ours, base, rat, agree, f"{mb:.0f}" if mb else "", notes])

    def fail(r):
        return NA if "unavailable" in r else f"failed: {r.get('error', 'rc ' + str(r['rc']))}"

    log = lambda what: print(f"[{n:,}] {what} ...", file=sys.stderr, flush=True)  # noqa: E731

    log("generate")
    shutil.rmtree(org, ignore_errors=True)
    r = run([*KGRAPH, "generate", "--persons", str(n), "--seed", str(args.seed), str(org)])
    add("generate", secs(r["wall"]), mb=r["rss_mb"], notes="kgraph generate, CLI")
    if r["rc"]:
        raise SystemExit(f"generate failed: {r['stderr'][-500:]}")

    log("import")
    db.unlink(missing_ok=True)
    r1 = run([*KGRAPH, "import", str(org), "--store", str(db)])
    h1 = file_hash(db)
    r2 = run([*KGRAPH, "import", str(org), "--store", str(db)])
    unchanged = "no changes" in r2["stderr"] and file_hash(db) == h1
    R["import"], R["reimport"], R["reimport_unchanged"] = r1["wall"], r2["wall"], unchanged
    add("import (embedded)", secs(r1["wall"]) if not r1["rc"] else f"failed rc {r1['rc']}", mb=r1["rss_mb"],
        notes="kgraph import, CLI, end to end")
    add("re-import (embedded)", secs(r2["wall"]), agree="unchanged, file identical" if unchanged else "CHANGED",
        mb=r2["rss_mb"], notes="same data again")

    if bolt is not None and bolt.url and n == args.neo4j_size:
        log("import into Neo4j")
        r3 = run([*KGRAPH, "import", str(org), "--store", bolt.url], env=bolt.env, timeout=args.neo4j_timeout)
        r4 = run([*KGRAPH, "import", str(org), "--store", bolt.url], env=bolt.env, timeout=args.neo4j_timeout)
        for name, r in (("import (Neo4j)", r3), ("re-import (Neo4j)", r4)):
            ok = not r["rc"]
            note = ("no changes" if "no changes" in r["stderr"] else "") if name.startswith("re") else ""
            add(name, secs(r["wall"]) if ok else ("timeout" if r["timeout"] else f"failed rc {r['rc']}"),
                agree=note, mb=r["rss_mb"], notes=f"ArcadeDB over Bolt {bolt.url}" if ok else
                (r["stderr"].strip().splitlines() or [""])[-1][:80])
        R["neo4j_import"] = r3["wall"] if not r3["rc"] else None
    else:
        why = (f"only at {args.neo4j_size:,} persons" if bolt is not None and bolt.url else
               f"{NA}: {bolt.why}" if bolt is not None and bolt.why else "not requested" if bolt is None else NA)
        add("import (Neo4j)", notes=why)
        add("re-import (Neo4j)", notes=why)

    log("linking-pins")
    lp = step("linking", db, "auto", out / f"betweenness{n}.csv")
    R["linking"] = lp["wall"] if not lp["rc"] else None
    R["mode"] = lp.get("mode")

    log("kgraph measures")
    saved = out / f"measures{n}.npz"
    km = step("kgraph_measures", db, saved)
    log("networkx baseline")
    bt_sources = 0 if n <= args.nx_exact_max else args.nx_sources
    nx_ = step("networkx", db, saved, bt_sources, args.es_budget, args.seed)
    ok = not km["rc"] and not nx_["rc"]
    parts = ("betweenness", "constraint", "effective_size", "brokerage_team", "brokerage_department", "articulation")
    if ok and km.get("betweenness_k"):  # kgraph samples here: networkx gets the same number of sources
        k = km["betweenness_k"]
        nx_["betweenness_s"] = nx_["betweenness_s"] * k / n
        nx_["betweenness_how"] += f", scaled to the {k:,} sources kgraph samples"
    nx_total = sum(nx_[f"{p}_s"] for p in parts) if ok else None
    R["nx_total"] = nx_total
    R["ratio"] = nx_total / lp["wall"] if ok and R["linking"] else None
    no_es = nx_total - nx_["effective_size_s"] if ok else None
    R["ratio_without_es"] = no_es / lp["wall"] if ok and R["linking"] else None
    add("linking-pins (whole analysis)", secs(lp["wall"]) if not lp["rc"] else fail(lp), secs(nx_total),
        ratio(nx_total, lp["wall"]) if not lp["rc"] else "", mb=lp["rss_mb"],
        notes=(f"by team + by department, process end to end; betweenness {lp.get('mode')}; "
               "networkx = sum of the rows below (compute only)"
               + (f"; without effective size {secs(no_es)}, {ratio(no_es, lp['wall'])}" if R["ratio_without_es"] else "")))
    if ok:
        bt_note = (f"kgraph {'exact' if not km.get('betweenness_k') else 'from %d sampled sources' % km['betweenness_k']}"
                   f" (igraph, 2 processes); networkx {nx_['betweenness_how']}")
        add("  betweenness", secs(km["betweenness_s"]), secs(nx_["betweenness_s"]),
            ratio(nx_["betweenness_s"], km["betweenness_s"]), f"max diff {nx_['betweenness_maxdiff']:.1e}",
            notes=bt_note + f"; compared: {nx_['betweenness_compared']}")
        add("  constraint", secs(km["constraint_s"]), secs(nx_["constraint_s"]),
            ratio(nx_["constraint_s"], km["constraint_s"]), f"max diff {nx_['constraint_maxdiff']:.1e}",
            notes="nx.constraint(G)")
        add("  effective size", secs(km["effective_size_s"]), secs(nx_["effective_size_s"]),
            ratio(nx_["effective_size_s"], km["effective_size_s"]), f"max diff {nx_['effective_size_maxdiff']:.1e}",
            notes=f"nx.effective_size(G, nodes=...), {nx_['effective_size_how']}")
        for by in ("team", "department"):
            add(f"  brokerage by {by}", secs(km[f"brokerage_{by}_s"]), secs(nx_[f"brokerage_{by}_s"]),
                ratio(nx_[f"brokerage_{by}_s"], km[f"brokerage_{by}_s"]),
                "counts equal" if nx_[f"brokerage_{by}_equal"] else "COUNTS DIFFER",
                notes="Python loop over 2-paths (_brokerage_loop)")
        add("  articulation points", secs(km["articulation_s"]), secs(nx_["articulation_s"]),
            ratio(nx_["articulation_s"], km["articulation_s"]),
            "same set" if nx_["articulation_equal"] else "SETS DIFFER", mb=max(km["rss_mb"], nx_["rss_mb"]),
            notes="nx.articulation_points; peak MB = the larger of the two measure processes")
        R["agree"] = {"betweenness": nx_["betweenness_maxdiff"], "constraint": nx_["constraint_maxdiff"],
                      "effective_size": nx_["effective_size_maxdiff"],
                      "brokerage": nx_["brokerage_team_equal"] and nx_["brokerage_department_equal"],
                      "articulation": nx_["articulation_equal"]}
    else:
        for name in ROWS[6:12]:
            add(name, notes=fail(km if km["rc"] else nx_))

    # the certified top 50 against the exact top 50, on the same graph
    from kgraph.analysis.linking import AUTO_EXACT_MAX, TOP_K  # noqa: PLC0415

    row = "certified top 50 vs exact"
    if lp["rc"]:
        add(row, notes=fail(lp))
    elif lp.get("mode") == "exact":
        add(row, notes=f"n/a: exact at {n:,} persons (auto is exact up to {AUTO_EXACT_MAX:,})")
    elif n <= EXACT_CHECK_MAX:
        log("exact betweenness for the check")
        ex = step("linking", db, "exact", "")
        if ex["rc"]:
            add(row, notes=fail(ex))
        else:
            exact_top = set(ex["top50"][:TOP_K])
            wrong = len(set(lp["certified_in"]) - exact_top)  # certified in, but not in the exact top 50
            missed = len(exact_top - set(lp["certified_in"]) - set(lp["undecided"]))  # certified out, yet in it
            R["top50"] = {"certified": len(lp["certified_in"]), "undecided": len(lp["undecided"]),
                          "wrong": wrong + missed, "exact_s": ex["wall"]}
            add(row, secs(ex["wall"]), agree=(f"{len(lp['certified_in'])} certified in, {len(lp['undecided'])} "
                                              f"undecided, {wrong + missed} wrong"), mb=ex["rss_mb"],
                notes=(f"auto estimate ({lp.get('sources') or '?'} sources): {lp.get('summary')}; "
                       f"time = the same analysis with --exact; {ratio(ex['wall'], lp['wall'])} faster estimated"))
    else:
        add(row, agree=f"{len(lp['certified_in'])} certified in, {len(lp['undecided'])} undecided",
            notes=f"not checked above {EXACT_CHECK_MAX:,} persons; {lp.get('summary')}")

    log("gaps")
    g = step("gaps", db)
    add("gaps", secs(g["wall"]) if "gaps_s" in g else fail(g), mb=g["rss_mb"] if "gaps_s" in g else None,
        notes=f"{g.get('rows', 0):,} findings, process end to end" if "gaps_s" in g else "")
    R["gaps"] = g.get("gaps_s") and g["wall"]

    log("who-knows")
    nq = 10 if quick else QUERIES
    qs = step("queries", db, nq, args.seed)
    queries = qs.get("queries", [])
    qfile = out / f"queries{n}.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False))
    cli_times, cli_rss, cli_err = [], [], ""
    probe = run([*KGRAPH, "who-knows", "--help"])
    if probe["rc"] or not queries:
        cli_err = NA
    else:
        for q in queries:
            r = run([*KGRAPH, "who-knows", q, "--store", str(db), "--format", "csv"])
            if r["rc"] not in (0, 7):  # 7: nobody found
                cli_err = f"failed: {(r['stderr'].strip().splitlines() or ['?'])[-1][:80]}"
                break
            cli_times.append(r["wall"])
            cli_rss.append(r["rss_mb"])
    if cli_times and not cli_err:
        med, p95 = statistics.median(cli_times), pct(cli_times, 0.95)
        R["wk_cli"] = (med, p95)
        add("who-knows CLI (median / p95)", f"{secs(med)} / {secs(p95)}", mb=max(cli_rss),
            notes=f"{len(cli_times)} queries (names, synonyms, typos), `kgraph who-knows Q` as a process each")
    else:
        add("who-knows CLI (median / p95)", notes=cli_err or NA)
    wl = step("who_knows_lib", db, qfile) if queries else {"unavailable": "no queries", "rc": 0}
    if "times" in wl:
        med, p95 = statistics.median(wl["times"]), pct(wl["times"], 0.95)
        R["wk_lib"] = (med, p95)
        add("who-knows library (median / p95)", f"{secs(med)} / {secs(p95)}", mb=wl["rss_mb"],
            notes=f"kgraph.who_knows, one handle, {wl['hits']}/{len(wl['times'])} queries with holders")
    else:
        add("who-knows library (median / p95)", notes=fail(wl))

    for view in ("giraffe", "network"):
        log(view)
        html = out / f"{view}{n}.html"
        html.unlink(missing_ok=True)
        if run([*KGRAPH, view, "--help"])["rc"]:
            add(view, notes=NA)
            continue
        r = run([*KGRAPH, view, "-o", str(html), "--store", str(db)])
        if r["rc"] or not html.exists():
            add(view, notes=f"failed: {(r['stderr'].strip().splitlines() or ['?'])[-1][:80]}")
        else:
            size = html.stat().st_size
            add(view, secs(r["wall"]), mb=r["rss_mb"], notes=f"{size / 1e6:.1f} MB HTML, CLI end to end")
            R[view] = (r["wall"], size)

    R["peak_mb"] = max(rss) if rss else None
    add("peak memory", f"{R['peak_mb']:.0f} MB" if rss else "", notes="largest process of any step above")
    R["rows"] = rows
    return R


# --------------------------------------------------------------------------- targets
def targets(res: dict[int, dict]) -> list[str]:
    out = []

    def line(ok: bool | None, text: str):
        out.append(f"{'PASS' if ok else 'SKIP' if ok is None else 'FAIL'}  {text}")

    r10, r50 = res.get(10_000), res.get(50_000)
    if r10 and r10.get("linking") and r10.get("ratio"):
        line(r10["ratio"] >= 30 and r10["linking"] < 30,
             f"10,000: whole linking-pin analysis {r10['linking']:.1f} s (< 30 s), {r10['ratio']:,.0f}x the networkx way "
             f"(>= 30x; {r10.get('ratio_without_es') or 0:,.0f}x leaving out networkx's slow effective size)")
    else:
        line(None if not r10 else False, "10,000: linking-pin analysis >= 30x networkx and < 30 s" + ("" if r10 else " (size not run)"))
    if r50 and r50.get("linking"):
        line(r50["linking"] < 180, f"50,000: linking-pin analysis {r50['linking']:.1f} s (< 180 s), betweenness {r50.get('mode')}")
    else:
        line(None if not r50 else False, "50,000: linking-pin analysis < 3 min" + ("" if r50 else " (size not run)"))
    if r10 and "top50" in r10:
        t50 = r10["top50"]
        line(t50["wrong"] == 0, f"10,000: the certified top 50 agrees with the exact one ({t50['certified']} certified, "
                                f"{t50['undecided']} undecided, {t50['wrong']} wrong)")
    else:
        line(None, "certified top 50 vs exact at 10,000 (size not run)")
    if r10:
        line(r10["import"] < 10, f"10,000: import into the embedded store {r10['import']:.1f} s (< 10 s)")
        line(r10["reimport"] < 5 and r10["reimport_unchanged"],
             f"10,000: second identical import {r10['reimport']:.1f} s (< 5 s), "
             f"{'changed nothing' if r10['reimport_unchanged'] else 'CHANGED THE STORE'}")
    else:
        line(None, "10,000: import < 10 s, re-import < 5 s and unchanged (size not run)")
    if r50 and r50.get("wk_cli"):
        med, p95 = r50["wk_cli"]
        line(p95 < 1, f"50,000: who-knows through the CLI median {med:.2f} s, p95 {p95:.2f} s (< 1 s)")
    else:
        line(None if not r50 else False, "50,000: who-knows CLI < 1 s" + ("" if r50 else " (size not run)"))
    if r50 and r50.get("peak_mb"):
        line(r50["peak_mb"] < 2048, f"50,000: peak memory {r50['peak_mb']:.0f} MB (< 2 GB)")
    else:
        line(None, "50,000: peak memory < 2 GB (size not run)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000", help="comma-separated numbers of persons")
    ap.add_argument("--out", default=str(HERE / "out"), help="work folder (generated data, stores, HTML)")
    ap.add_argument("--neo4j-url", default=None,
                    help="Bolt URL of a server (credentials from KGRAPH_NEO4J_USER/PASSWORD); "
                         "default: start the ArcadeDB test server")
    ap.add_argument("--neo4j-size", type=int, default=NEO4J_SIZE, help="size imported into Neo4j")
    ap.add_argument("--neo4j-timeout", type=float, default=1200)
    ap.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j rows")
    ap.add_argument("--quick", action="store_true", help="smoke run: fewer queries, small baseline budgets, no Neo4j")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--nx-exact-max", type=int, default=2_000, help="exact networkx betweenness up to this size")
    ap.add_argument("--nx-sources", type=int, default=32, help="sampled sources for networkx betweenness above it")
    ap.add_argument("--es-budget", type=float, default=20.0, help="seconds for nx.effective_size's correct path")
    args = ap.parse_args(argv)
    if args.quick:
        args.es_budget = min(args.es_budget, 1.0)
        args.no_neo4j = True
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    global _LOG
    _LOG = out / "failures.log"
    _LOG.unlink(missing_ok=True)
    info = machine()
    print(f"# kgraph benchmark {info['date']}\n")
    print(f"{info['cpu']}, {info['cores']} cores, {info['ram_mb'] / 1024:.0f} GB RAM, Python {info['python']}, "
          + ", ".join(f"{k} {v}" for k, v in info["versions"].items())
          + f"; load average at start {info['load'][0]:.1f}\n", flush=True)
    bolt = None
    if not args.no_neo4j and args.neo4j_size in sizes:
        print(f"starting the Neo4j test server ...", file=sys.stderr, flush=True)
        bolt = Bolt(args.neo4j_url)
        if args.neo4j_url:
            bolt.env = {}
    results: dict[int, dict] = {}
    try:
        for n in sizes:
            res = bench_size(n, out, args, bolt if not args.no_neo4j else None)
            results[n] = res
            print(f"## {n:,} persons\n\n{table(res['rows'])}\n", flush=True)
    finally:
        if bolt is not None:
            bolt.stop()
    print("## Targets (issue 7)\n")
    for line in targets(results):
        print(line)
    info["load_end"] = os.getloadavg()
    (out / "results.json").write_text(json.dumps({"machine": info, "results": results}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
