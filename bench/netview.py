"""The network view at scale: the page's size and the time headless Chromium takes to draw it.

    python bench/netview.py                               # 50,000 persons (generated, or --store)
    python bench/netview.py --store /path/kg50000.db      # an existing store (only read)
    python bench/netview.py --baseline main               # also the page of another tree, same store, same run
    python bench/netview.py --quick                       # 1,000 persons, packed from 500 (the smoke test)

For each tree: build the page (``kgraph.network``, the CPU seconds of that process), its size,
then open it ``--rounds`` times in headless Chromium (the flags of ``tests/views/test_browser.py``:
no network) and take, from the page's own clock (``performance.now()``, from the start of the
navigation): *drawn*, until the map is drawn (its nodes added, then the next frame after a redraw);
*ready*, until ``window.kgraphReady`` (the search index decoded); *open*, opening the largest department node until drawn; *find*, finding the last
person by name until selected. Medians. Issue 15's target 7: at most 5 MB and drawn within 3 s at
50,000 persons. Nothing is asserted; see bench/notes/netview.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _trees import trees as source_trees

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_BUILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
import kgraph
kw = json.loads(sys.argv[4])
kg = kgraph.open(sys.argv[2])
r = kgraph.network(kg, sys.argv[3], **kw)
out = {k: r[k] for k in ("bytes", "level", "nodes", "edges", "persons")}
out["person"] = max(kg.snapshot(kw.get("as_of")).present)  # the one to find (the snapshot is cached)
print(json.dumps(out))
"""

#: set in every page before its own scripts: when the map is first drawn (its nodes added, then the next
#: frame), and when the page is ready (``window.kgraphReady``: the search can be used)
_PROBE = """
(function () {
  function drawn() {  // (window.network is the element with that id until the page's scripts set it)
    var v = window.kgraph && window.kgraph.views && window.kgraph.views.network;
    if (v && v.network) {
      v.network.redraw();
      requestAnimationFrame(function () { window.__kgDrawn = performance.now(); });
    } else { setTimeout(drawn, 2); }
  }
  function ready() {
    if (window.kgraphReady) { window.__kgReady = performance.now(); } else { setTimeout(ready, 2); }
  }
  drawn();
  ready();
})();
"""

_OPEN = """
var done = arguments[arguments.length - 1], v = window.kgraph.views.network, id = arguments[0], t0 = performance.now();
Promise.resolve(v.open(id)).then(function () { requestAnimationFrame(function () { done(performance.now() - t0); }); });
"""

_FIND = """
var done = arguments[arguments.length - 1], v = window.kgraph.views.network, id = arguments[0], t0 = performance.now();
Promise.resolve(v.find(id)).then(function () { requestAnimationFrame(function () {
  done([performance.now() - t0, window.network.getSelectedNodes()]); }); });
"""


def run(*cmd: str, cwd: Path | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} ... failed:\n{proc.stderr[-2000:]}")
    return proc.stdout


def organisation(n: int, work: Path) -> Path:
    """A generated organisation of ``n`` persons (seed 1) imported into ``work``; reused when there."""
    org, store = work / f"org{n}", work / f"kg{n}.db"
    kg = [sys.executable, "-c", "import sys; sys.argv[0] = 'kgraph'; from kgraph.cli import main; main()"]
    if not (org / ".complete").exists():
        shutil.rmtree(org, ignore_errors=True)
        store.unlink(missing_ok=True)
        run(*kg, "generate", "--persons", str(n), "--seed", "1", str(org))
        (org / ".complete").write_text("ok\n")
    if not store.exists():
        run(*kg, "import", str(org), "--store", str(store))
    return store


def build(tree: Path, store: Path, out: Path, kwargs: dict) -> dict:
    """Write the page with ``tree``'s code in its own process; its result and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    info = json.loads(run(sys.executable, "-c", _BUILD, str(tree), str(store), str(out), json.dumps(kwargs)).splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    info["build_wall"] = time.perf_counter() - t0
    info["build_cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return info


def browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chrome = next((p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
                   if p and os.path.exists(p)), None)
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chrome or not os.path.exists(driver_path):
        raise SystemExit("needs Debian's chromium and chromium-driver")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--proxy-server=127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
                f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
    driver.set_page_load_timeout(600)
    driver.set_script_timeout(600)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _PROBE})
    return driver


def time_page(driver, page: Path, rounds: int, person: str | None) -> dict:
    """Median milliseconds: drawn after navigation, opening the largest department, finding a person."""
    draw, ready, opening, finding = [], [], [], []
    for _r in range(rounds):
        driver.get("about:blank")
        driver.get(page.resolve().as_uri())
        deadline = time.time() + 600
        while time.time() < deadline and driver.execute_script(
                "return window.__kgDrawn === undefined || window.__kgReady === undefined"):
            time.sleep(0.02)
        draw.append(driver.execute_script("return window.__kgDrawn"))
        ready.append(driver.execute_script("return window.__kgReady"))
        target = driver.execute_script(
            "var v = window.kgraph.views.network.data, g = v.groups.filter(function (g) { return g.level === 'department'; });"
            "g.sort(function (a, b) { return b.size - a.size || (a.id < b.id ? -1 : 1); }); return g.length ? g[0].id : null;")
        if target and driver.execute_script("return window.kgraph.views.network.data.start") == "department":
            opening.append(driver.execute_async_script(_OPEN, target))
        if person is not None:
            ms, selected = driver.execute_async_script(_FIND, person)
            finding.append(ms if selected == [person] else float("nan"))
    med = (lambda xs: statistics.median(xs) if xs else None)
    return {"draw_ms": med(draw), "ready_ms": med(ready), "open_ms": med(opening), "find_ms": med(finding)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=50_000)
    ap.add_argument("--store", help="an existing store to read (default: generate --persons into --out)")
    ap.add_argument("--baseline", default="none", help="a commit or branch whose page to time beside this tree's, or none")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--compact-above", type=int, default=None, help="pack above this many persons (this tree only)")
    ap.add_argument("--out", default=str(HERE / "out" / "netview"), help="work folder (organisation, store, pages)")
    ap.add_argument("--quick", action="store_true", help="1,000 persons, packed from 500, one round, no baseline")
    ap.add_argument("--page", action="append", default=[], help="only time this page, already written (repeatable)")
    ap.add_argument("--person", help="with --page: the person id to find")
    ns = ap.parse_args(argv)
    kwargs: dict = {}
    if ns.quick:
        ns.persons, ns.rounds, ns.baseline, ns.compact_above = 1_000, 1, "none", 500
        kwargs["aggregate"] = "department"
    work = Path(ns.out)
    work.mkdir(parents=True, exist_ok=True)
    if ns.page:
        driver = browser(Path(tempfile.mkdtemp(prefix="kgraph-netview-chromium-")))
        try:
            print("| page | size | drawn | ready (search) | open largest department | find a person |")
            print("|---|---:|---:|---:|---:|---:|")
            fmt = (lambda ms: "n/a" if ms is None else f"{ms / 1000:.2f} s")
            for page in map(Path, ns.page):
                r = time_page(driver, page, ns.rounds, ns.person)
                print(f"| {page.name} | {page.stat().st_size / 1e6:.1f} MB | {fmt(r['draw_ms'])} | {fmt(r['ready_ms'])} | "
                      f"{fmt(r['open_ms'])} | {fmt(r['find_ms'])} |")
        finally:
            driver.quit()
        return 0
    store = Path(ns.store) if ns.store else organisation(ns.persons, work)
    with source_trees(ns.baseline) as trees:
        results = {}
        driver = browser(Path(tempfile.mkdtemp(prefix="kgraph-netview-chromium-")))
        try:
            for name, tree in trees.items():
                kw = dict(kwargs)
                if name == "this tree" and ns.compact_above is not None:
                    kw["compact_above"] = ns.compact_above
                page = work / f"network-{name.replace(' ', '-')}.html"
                info = build(tree, store, page, kw)
                info.update(time_page(driver, page, ns.rounds, info.get("person")))
                results[name] = info
        finally:
            driver.quit()
        persons = next(iter(results.values()))["persons"]
        print(f"## Network view, {persons:,} persons ({store.name}), {ns.rounds} round(s), medians\n")
        print("| tree | level | nodes | size | build CPU | drawn | ready (search) | open largest department | find a person |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        fmt = (lambda ms: "n/a" if ms is None else f"{ms / 1000:.2f} s")
        for name, r in results.items():
            print(f"| {name} | {r['level']} | {r['nodes']:,} | {r['bytes'] / 1e6:.1f} MB | {r['build_cpu']:.1f} s | "
                  f"{fmt(r['draw_ms'])} | {fmt(r['ready_ms'])} | {fmt(r['open_ms'])} | {fmt(r['find_ms'])} |")
        (work / "netview.json").write_text(json.dumps(results, indent=1) + "\n")
        return 0


if __name__ == "__main__":
    sys.exit(main())
