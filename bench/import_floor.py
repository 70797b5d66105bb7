"""The floor under ``kgraph import`` into a new store: what the store's own writing costs alone.

    python bench/import_floor.py                      # 50,000 persons (/work/perfdata/org50000)
    python bench/import_floor.py --org DIR --rounds 3
    python bench/import_floor.py --quick              # 1,000 generated persons, one round (the smoke test)

Issue 15, target 6 asks for an import of 50,000 persons into a new store in under 8 s.
This bench measures, each in a process of its own, the parts no faster Python can remove:

- ``start-up``: the interpreter and ``import kgraph.cli`` (a whole process);
- ``parse``: reading and parsing the input files (``kgraph.ingest.read_input``: the ``csv``
  module, in C), inside a process;
- ``validate``: checking the parsed cells and building the dataset (``validate_input``);
- ``sqlite``: SQLite alone writing the store the import wrote, with every row made in
  advance (read back from that store, not timed): the same tables, indexes and pragmas
  as a new store (:func:`kgraph.store.sqlite_file.create_file`, :func:`kgraph.store.
  sqlite_write.bulk`), the rows inserted in primary-key order as the import inserts them
  (:func:`kgraph.store.sqlite_split.insert_many`), the secondary indexes built after the
  rows, the commit and the one ``fsync``;
- ``import``: the whole ``kgraph import`` process, for comparison.

The last lines add them up: ``start-up + parse + sqlite`` is the floor of a one-process
import that did no validating and built no row; the bound beside it splits the edge
inserts perfectly over two processes with no copy between them (what the import's forked
helper can at best achieve, :mod:`kgraph.store.sqlite_split`). Each figure is the median
of ``--rounds`` rounds, wall seconds (CPU seconds). Nothing is asserted; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERFDATA = Path("/work/perfdata")
STAGES = ("start-up", "parse", "validate", "sqlite", "import")


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode cached


def process(*args: str, cwd: Path) -> tuple[float, float, str]:
    """Run ``python ARGS``: (wall seconds, CPU seconds of it and its children, its stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=cwd, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"python {' '.join(args)} failed:\n{err[-2000:]}")
    return wall, _cpu_since(), out


_children = [0.0]


def _cpu_since() -> float:
    """CPU seconds (user + system) of the children waited for since the last call."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = r.ru_utime + r.ru_stime
    cpu, _children[0] = total - _children[0], total
    return cpu


def kgraph(*args: str, cwd: Path) -> tuple[float, float]:
    code = "import sys; sys.path.insert(0, %r); from kgraph.cli import main; sys.argv = ['kgraph'] + sys.argv[1:]; main()"
    wall, cpu, _out = process("-c", code % str(ROOT), *args, cwd=cwd)
    return wall, cpu


# -- the parts, each run as ``--child NAME`` in a process of its own ------------------------


def _timed(fn) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def child_parse(org: str) -> dict:
    from kgraph.ingest import read_input

    wall, cpu = _timed(lambda: read_input(Path(org)))
    return {"parse": [wall, cpu]}


def child_validate(org: str) -> dict:
    from kgraph.ingest import read_input, validate_input

    raw = read_input(Path(org))
    wall, cpu = _timed(lambda: validate_input(raw))
    return {"validate": [wall, cpu]}


def child_sqlite(store: str, out: str) -> dict:
    """SQLite alone writing ``store``'s rows into a new file ``out`` (see the module's doc)."""
    import sqlite3

    from kgraph.store import sqlite_file as sf
    from kgraph.store import sqlite_terms as st
    from kgraph.store.sqlite_split import insert_many
    from kgraph._fork import cores
    from kgraph.store.sqlite_bulk import BULK_CACHE_KIB, SORT_CACHE_KIB

    src = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    tables = {name: src.execute(f"SELECT * FROM {name} ORDER BY {order}").fetchall() for name, order in (
        ("node_rows", "id, origin, valid_from"), ("edge_rows", "rel, source, target, key, origin, valid_from"),
        ("item_terms", "term, id, origin, valid_from, synonym"), ("item_words", "len, word"))}
    src.close()
    ddl = [s for s in sf.DDL + st.DDL if "TRIGGER" not in s]
    indexes = [s for s in ddl if "CREATE INDEX" in s]
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode=MEMORY")  # as create_file and bulk: no journal on disk, no syncs, a large cache
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    for s in ddl:
        if s not in indexes:
            db.execute(s)
    times = {}

    def part(name, fn):
        times[name] = _timed(fn)

    db.execute("BEGIN")
    for name, rows in tables.items():
        if rows:
            q = f"INSERT INTO {name} VALUES ({','.join('?' * len(rows[0]))})"
            part(f"sqlite: {name}", lambda q=q, rows=rows: insert_many(db, q, rows))
    db.execute(f"PRAGMA threads={min(cores() - 1, 3)}")  # as bulk() builds a new store's indexes
    db.execute(f"PRAGMA cache_size=-{SORT_CACHE_KIB}")
    for s in indexes:
        part(f"sqlite: index {s.split('EXISTS')[1].split()[0]}", lambda s=s: db.execute(s))
    part("sqlite: commit", lambda: db.execute("COMMIT"))

    def sync():
        fd = os.open(out, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    part("sqlite: fsync", sync)
    db.close()
    counts = {name: len(rows) for name, rows in tables.items()}
    return {**{k: list(v) for k, v in times.items()}, "rows": counts}


def child(argv: list[str]) -> int:
    import gc

    gc.disable()  # as the import: the collector paused while the rows are built (kgraph._gc)
    name, *args = argv
    fn = {"parse": child_parse, "validate": child_validate, "sqlite": child_sqlite}[name]
    print(json.dumps(fn(*args)))
    return 0


# -- the bench ----------------------------------------------------------------------------


def generated(n: int, work: Path) -> Path:
    org = work / f"org{n}"
    kgraph("generate", "--persons", str(n), "--seed", "1", str(org), cwd=work)
    return org


def one_round(org: Path, work: Path) -> dict[str, tuple[float, float]]:
    """Every part once, in this order; the store ``kgraph import`` wrote is the one rewritten."""
    got: dict[str, tuple[float, float]] = {}
    store = work / "kg.db"
    for p in work.glob("kg.db*"):
        p.unlink()
    got["import"] = kgraph("import", str(org), "--store", str(store), "--as-of", "2026-11-01", cwd=work)
    got["start-up"] = process("-c", "import sys; sys.path.insert(0, %r); import kgraph.cli" % str(ROOT), cwd=work)[:2]
    me = str(Path(__file__).resolve())
    for name, args in (("parse", [str(org)]), ("validate", [str(org)]),
                       ("sqlite", [str(store), str(work / "floor.db")])):
        for p in work.glob("floor.db*"):
            p.unlink()
        _wall, _cpu, out = process(me, "--child", name, *args, cwd=work)
        parts = json.loads(out)
        parts.pop("rows", None)
        got.update({k: tuple(v) for k, v in parts.items()})
    got["sqlite"] = tuple(sum(v[i] for k, v in got.items() if k.startswith("sqlite: ")) for i in (0, 1))
    return got


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--org", type=Path, default=PERFDATA / "org50000", help="the input folder to import")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="1,000 generated persons, one round")
    ns = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kgraph-import-floor-"))
    try:
        if ns.quick:
            ns.org, ns.rounds = generated(1000, work), 1
        rounds = [one_round(ns.org, work) for _ in range(ns.rounds)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: tuple(statistics.median(r[k][i] for r in rounds) for i in (0, 1)) for k in rounds[0]}
    print(f"## The floor under `kgraph import` into a new store: {ns.org.name}, median of {ns.rounds} round(s)\n")
    print("| part | wall s | CPU s |\n|---|---:|---:|")
    for k in (*STAGES[:3], *(k for k in med if k.startswith("sqlite: ")), "sqlite", "import"):
        print(f"| {k} | {med[k][0]:.2f} | {med[k][1]:.2f} |")
    floor = med["start-up"][0] + med["parse"][0] + med["sqlite"][0]
    split = floor - med["sqlite: edge_rows"][0] / 2 - med.get("sqlite: index edge_rows_knows", (0.0,))[0]
    print(f"\nstart-up + parse + sqlite (nothing validated, no row built): {floor:.2f} s; "
          f"with the edge inserts split perfectly over two processes, nothing copied and the KNOWS index "
          f"built beside the other process (as the import does): {split:.2f} s; "
          f"the whole import: {med['import'][0]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
