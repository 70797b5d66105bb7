"""Import timings of the embedded store, with dated versions (issue 12, "History").

    python bench/history.py [--persons 10000] [--repeat 3] [--out bench/out/history]

Generates an organisation (``kgraph generate --seed 1``) and times, each as its own
``kgraph`` process (start-up, validation, writing, as a user sees it):

- **import**: into a new store file;
- **re-import (unchanged)**: the same data again (stores nothing new);
- **re-import (1 change)**: one person renamed, same date (a new version);
- **import, later date**: the same changed data with ``--as-of`` a year later (nothing new);
- **import, 500 changes, later date**: 500 persons renamed, dated a year later.

Also prints the CPU time of each step (user + system: it moves far less than the wall
time on a shared machine) and the store file's size after it, so that storage growth per
version can be read off. Each step runs ``--repeat`` times on a fresh store and the
median is printed. ``--kgraph CMD`` times another tree's command (e.g. a wrapper that
runs ``main``'s code), for a before/after comparison in one run.
Steps a tree does not support (``--as-of`` on ``kgraph import`` before issue 12) print
``n/a``. Timings are wall clock on a shared machine: compare numbers from one run.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_EXE = Path(sys.executable).parent / "kgraph"
KGRAPH = str(_EXE) if _EXE.exists() else "kgraph"


def kgraph(*args: str) -> tuple[float, float, int, str]:
    """Wall and CPU seconds (user + system of the process) of one ``kgraph`` run, its exit
    code and last line on stderr. CPU time moves much less than wall time on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run([KGRAPH, *args], capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.returncode, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""


def rename(src: Path, dst: Path, n: int) -> None:
    """A copy of ``src`` with the first ``n`` persons renamed."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    lines = (dst / "persons.csv").read_text(encoding="utf-8").split("\n")
    for i in range(1, n + 1):
        cells = lines[i].split(",")
        cells[1] = cells[1] + " Jr"
        lines[i] = ",".join(cells)
    (dst / "persons.csv").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--persons", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(HERE / "out" / "history"))
    ap.add_argument("--kgraph", default=None, help="the kgraph command to time (default: this environment's)")
    a = ap.parse_args()
    global KGRAPH
    KGRAPH = a.kgraph or KGRAPH
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    org = out / f"org{a.persons}"
    if not (org / "persons.csv").exists():
        kgraph("generate", "--persons", str(a.persons), "--seed", "1", str(org))
    one, many = out / "one", out / "many"
    rename(org, one, 1)
    rename(org, many, 500)
    steps = [
        ("import", [str(org), "--as-of", "2026-01-01"]),
        ("re-import (unchanged)", [str(org), "--as-of", "2026-01-01"]),
        ("re-import (1 change)", [str(one), "--as-of", "2026-01-01"]),
        ("import, later date, unchanged", [str(one), "--as-of", "2027-01-01"]),
        ("import, 500 changes, later date", [str(many), "--as-of", "2027-06-01"]),
    ]
    dated = "--as-of" in subprocess.run([KGRAPH, "import", "--help"], capture_output=True, text=True).stdout
    times: dict[str, list[float]] = {name: [] for name, _x in steps}
    cpus: dict[str, list[float]] = {name: [] for name, _x in steps}
    sizes: dict[str, int] = {}
    notes: dict[str, str] = {}
    for _r in range(a.repeat):
        db = out / "kg.db"
        db.unlink(missing_ok=True)
        for name, args in steps:
            if not dated:
                args = [x for x in args if not x.startswith("20") and x != "--as-of"]
                if "later date" in name:
                    continue
            wall, cpu, rc, last = kgraph("import", *args, "--store", str(db))
            if rc != 0:
                notes[name] = f"failed ({rc}): {last[:100]}"
                continue
            times[name].append(wall)
            cpus[name].append(cpu)
            sizes[name] = db.stat().st_size
            notes[name] = last[-90:]
    print(f"{a.persons:,} persons, median of {a.repeat} (python {sys.version.split()[0]}, {KGRAPH})")
    print("| step | wall | CPU | store size | last line |\n|---|---|---|---|---|")
    for name, _x in steps:
        t, c = times[name], cpus[name]
        shown = f"{statistics.median(t):.2f} s" if t else "n/a"
        cpu = f"{statistics.median(c):.2f} s" if c else ""
        size = f"{sizes[name] / 1e6:.1f} MB" if name in sizes else ""
        print(f"| {name} | {shown} | {cpu} | {size} | {notes.get(name, '')} |")


if __name__ == "__main__":
    main()
