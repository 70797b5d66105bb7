"""Benchmark: batched UNWIND import vs row-by-row into a Bolt server.

    python bench/neo4j_import.py                       # starts a throwaway ArcadeDB server
    python bench/neo4j_import.py --url bolt://localhost:7687 --database neo4j   # credentials from KGRAPH_NEO4J_*

Imports the tiny organisation and a generated one (``--persons``, default 2000)
twice each into an empty database: once in batches of ``UNWIND $rows ... MERGE``
(the store's default), once with batch size 1 (one statement per row, same
transaction), and prints the times and their ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fixtures():
    spec = importlib.util.spec_from_file_location("_kgraph_store_fixtures", ROOT / "tests" / "store" / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _clear(url, database):
    import neo4j

    auth = (os.environ.get("KGRAPH_NEO4J_USER", "neo4j"), os.environ.get("KGRAPH_NEO4J_PASSWORD", ""))
    with neo4j.GraphDatabase.driver(url, auth=auth) as d, d.session(database=database) as s:
        s.run("MATCH (n) DETACH DELETE n").consume()  # benchmark database only


def bench(url: str, database: str | None, persons: int) -> list[dict]:
    from kgraph.ingest import load_dataset
    from kgraph.store.neo4j import Neo4jStore

    datasets = [("tiny", ROOT / "tests" / "data" / "tiny")]
    try:
        import kgraph

        folder = Path(tempfile.mkdtemp()) / "gen"
        kgraph.generate(folder, persons=persons, seed=1)
        datasets.append((f"generated {persons} persons", folder))
    except (ImportError, AttributeError) as exc:  # pragma: no cover
        print(f"kgraph.generate unavailable ({exc}); tiny only", file=sys.stderr)
    out = []
    datasets.insert(0, ("warm-up (tiny)", datasets[0][1]))
    for label, path in datasets:
        ds = load_dataset(path)
        rows = len(ds.nodes) + len(ds.edges)
        times = {}
        for mode, size in (("batched", 2000), ("row_by_row", 1)):
            _clear(url, database)
            with Neo4jStore(url, database=database, batch_size=size) as s:
                s.apply_schema()
                t0 = time.perf_counter()
                s.replace(ds)
                times[mode] = time.perf_counter() - t0
                assert s.counts() == ds.counts()
        out.append({"dataset": label, "rows": rows, **{k: round(v, 3) for k, v in times.items()},
                    "ratio": round(times["row_by_row"] / times["batched"], 1)})
    _clear(url, database)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url")
    ap.add_argument("--database", default="neo4j")
    ap.add_argument("--persons", type=int, default=2000)
    args = ap.parse_args()
    proc = None
    if not args.url:
        fx = _fixtures()
        root = Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
        bolt, http = fx._free_port(), fx._free_port()
        cmd = fx.arcadedb_command(root, bolt, http, fx.PASSWORD)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, stdout=open(root / "server.log", "wb"), stderr=subprocess.STDOUT)
        args.url = f"bolt://127.0.0.1:{bolt}"
        fx._wait_ready(args.url, "root", fx.PASSWORD, args.database, proc, root / "server.log")
        print(f"ArcadeDB ready in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        os.environ["KGRAPH_NEO4J_USER"], os.environ["KGRAPH_NEO4J_PASSWORD"] = "root", fx.PASSWORD
    try:
        for row in bench(args.url, args.database, args.persons):
            print(row)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)


if __name__ == "__main__":
    main()
