"""Would another layout of the edge rows shorten a new store's first import? (issue 15, target 6)

    python bench/schema_tail.py                  # the 50,000-person store (imported from /work/perfdata/org50000)
    python bench/schema_tail.py --store kg.db --rounds 5
    python bench/schema_tail.py --quick          # 1,000 generated persons, one round (the smoke test)

A first import of a large organisation writes its edge rows in two processes: a forked child
writes the rows of one relation (``WORKS_WITH``, from ``ties.csv``) into a file of its own,
the importing process writes the others into the store, and then, with one core, copies the
child's rows in and builds the edge index over all of them (:mod:`kgraph.store.sqlite_split`,
bench/notes/fast-import.md). This bench replays that SQLite work with the rows of a store
such an import wrote (read back first, not timed), in three layouts, each round in fresh
files beside the store:

- ``today``: the child's rows into a table without the key; the others into the store's
  ``edge_rows`` (its key, no secondary index yet); the serial tail: the copy, the index
  ``edge_rows_rel_target`` over all rows (but the ``KNOWS`` rows, since store format 3), the
  commit and the ``fsync``.
- ``table per relation``: the child's rows into a table of their own with the key and its
  index, in its file; the others into ``edge_rows`` and its index; the tail: SQLite's
  transfer of the child's table into an empty one of the same shape (records and index
  copied as they are), the commit and the ``fsync``.
- ``integer ids``: today's work with the node ids, relations, sources and dates as integers
  (mapping them is not counted).

The tables and the index are the store's own (:data:`kgraph.store.sqlite_file.DDL`; the
child's table without the key as :func:`kgraph.store.sqlite_split._unkeyed` makes it), and
the pragmas the import's: the inserts with its bulk page cache, the index sorted by its worker
threads with its sort cache (:mod:`kgraph.store.sqlite_bulk`). Per layout it prints the
medians of the child's part, the importing process's part (both run in parallel in an
import), the serial tail and all three summed (the CPU the layout costs), each with its ratio
to ``today`` measured in the same round. Nothing is asserted; see bench/notes/fast-import.md.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from import_floor import PERFDATA, generated, kgraph

from kgraph._fork import cores
from kgraph.store.sqlite_bulk import BULK_CACHE_KIB, SORT_CACHE_KIB
from kgraph.store.sqlite_file import DDL
from kgraph.store.sqlite_split import _columns, _unkeyed

#: the store's edge table and its index by relation and target
EDGES, INDEX = (s.replace("IF NOT EXISTS ", "") for s in DDL[2:4])
COLS = tuple(name for _cid, name, *_rest in _columns(EDGES))
#: the columns ``integer ids`` holds as integers
INTEGERS = ("rel", "source", "target", "origin", "valid_from", "valid_to")
LAYOUTS = ("today", "table per relation", "integer ids")
#: ``KNOWS`` as an integer id (the index's condition, :func:`_index`)
KNOWS_ID = 0
PARTS = ("child", "importing process", "tail", "all")


def _ddl(name: str, integers: bool, keyed: bool = True) -> str:
    """The store's edge table as ``name``: with integer ids (:data:`INTEGERS`), without the key."""
    ddl = re.sub(rf"^(\s*(?:{'|'.join(INTEGERS)})\s+)TEXT", r"\1INTEGER", EDGES, flags=re.M) if integers else EDGES
    return (ddl if keyed else _unkeyed(ddl)).replace("edge_rows", name, 1)


def _index(name: str, integers: bool) -> str:
    """The store's index by relation and target, on the table ``name`` (its condition on the
    relation with ``KNOWS`` as the integer :func:`measure` gives it)."""
    out = INDEX.replace("edge_rows", name)
    return out.replace("'KNOWS'", str(KNOWS_ID)) if integers else out


def _open(path: Path) -> sqlite3.Connection:
    for p in (path, Path(f"{path}-journal")):
        p.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=MEMORY")  # as a new store (create_file) and the child's file
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    return db


def _insert(db: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(COLS))})", rows)


def _sorting(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA threads={min(cores() - 1, 3)}")  # as sqlite_bulk builds a new store's indexes
    db.execute(f"PRAGMA cache_size=-{SORT_CACHE_KIB}")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Clock:
    def __init__(self):
        self.parts: dict[str, float] = {}

    def __call__(self, part: str, fn) -> None:
        t = time.perf_counter()
        fn()
        self.parts[part] = self.parts.get(part, 0.0) + time.perf_counter() - t


def one_layout(layout: str, child_rows: list[tuple], own_rows: list[tuple], integers: bool, work: Path) -> dict[str, float]:
    """One layout's three parts, in seconds (see the module's doc)."""
    clock, store, aside = Clock(), work / "store.db", work / "child.db"
    split = layout == "table per relation"
    c = _open(aside)

    def child():
        c.execute("BEGIN")
        c.execute(_ddl("edges_child", integers, keyed=split))
        _insert(c, "edges_child", child_rows)
        if split:
            _sorting(c)
            c.execute(_index("edges_child", integers))
        c.execute("COMMIT")

    clock("child", child)
    c.close()
    db = _open(store)
    db.execute("BEGIN")
    db.execute(_ddl("edge_rows", integers))

    def own():
        _insert(db, "edge_rows", own_rows)
        if split:
            _sorting(db)
            db.execute(_index("edge_rows", integers))

    clock("importing process", own)
    db.execute("ATTACH ? AS aside", (str(aside),))

    def tail():
        if split:  # an empty table of the same shape: SQLite transfers records and index as they are
            db.execute(_ddl("edges_child", integers))
            db.execute(_index("edges_child", integers))
            db.execute("INSERT INTO main.edges_child SELECT * FROM aside.edges_child")
        else:
            db.execute("INSERT INTO main.edge_rows SELECT * FROM aside.edges_child")
            _sorting(db)
            db.execute(_index("edge_rows", integers))
        db.execute("COMMIT")
        _fsync(store)

    clock("tail", tail)
    db.execute("DETACH aside")
    db.close()
    clock.parts["all"] = sum(clock.parts.values())
    return clock.parts


def _as_integers(rows: list[tuple], ids: dict) -> list[tuple]:
    def num(x):
        return ids.setdefault(x, len(ids))

    return sorted((num(r), num(s), num(t), k, num(o), int(f.replace("-", "")), int(u.replace("-", "")), p)
                  for r, s, t, k, o, f, u, p in rows)


def rows_of(store: Path, child_rel: str) -> tuple[list[tuple], list[tuple]]:
    """The store's edge rows in key order: (the child's relation's, the others')."""
    src = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        q = f"SELECT {', '.join(COLS)} FROM edge_rows WHERE rel {{}} ? ORDER BY rel, source, target, key, origin, valid_from"
        return (src.execute(q.format("="), (child_rel,)).fetchall(), src.execute(q.format("!="), (child_rel,)).fetchall())
    finally:
        src.close()


def measure(store: Path, rounds: int, child_rel: str) -> dict[str, dict[str, list[float]]]:
    child_rows, own_rows = rows_of(store, child_rel)
    if not child_rows or not own_rows:
        raise SystemExit(f"{store}: needs edge rows of {child_rel} and of other relations")
    ids: dict = {"KNOWS": KNOWS_ID}
    as_int = (_as_integers(child_rows, ids), _as_integers(own_rows, ids))
    got: dict[str, dict[str, list[float]]] = {lay: {p: [] for p in PARTS} for lay in LAYOUTS}
    with tempfile.TemporaryDirectory(dir=store.parent, prefix=".schema-tail-") as tmp:
        for r in range(rounds):
            order = LAYOUTS if r % 2 == 0 else tuple(reversed(LAYOUTS))
            for layout in order:
                rows = as_int if layout == "integer ids" else (child_rows, own_rows)
                parts = one_layout(layout, *rows, layout == "integer ids", Path(tmp))
                for p in PARTS:
                    got[layout][p].append(parts[p])
    print(f"## Edge rows of {store.name}: {len(child_rows):,} of {child_rel} (the child's), {len(own_rows):,} others; "
          f"{rounds} round(s), medians, seconds (ratio to today's)\n")
    print("| layout | " + " | ".join(PARTS) + " |")
    print("|---|" + "---:|" * len(PARTS))
    base = {p: statistics.median(got["today"][p]) for p in PARTS}
    for layout in LAYOUTS:
        cells = []
        for p in PARTS:
            m = statistics.median(got[layout][p])
            cells.append(f"{m:.2f} s ({m / base[p]:.2f})" if base[p] else f"{m:.2f} s")
        print(f"| {layout} | " + " | ".join(cells) + " |")
    return got


def imported(org: Path, work: Path, quick: bool) -> Path:
    """A store of ``org`` as a first import writes it (with ``--quick``, 1,000 persons generated first)."""
    org = generated(1000, work) if quick else org
    store = work / "kg.db"
    kgraph("import", str(org), "--store", str(store), "--as-of", "2026-11-01", cwd=work)
    return store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, help="a store a first import wrote (default: import --org first)")
    ap.add_argument("--org", type=Path, default=PERFDATA / "org50000", help="the input to import when no --store")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child-rel", default="WORKS_WITH", help="the relation the forked child writes")
    ap.add_argument("--quick", action="store_true", help="1,000 generated persons, one round")
    ns = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kgraph-schema-tail-") as tmp:
        store = ns.store or imported(ns.org, Path(tmp), ns.quick)
        measure(store.resolve(), 1 if ns.quick else ns.rounds, ns.child_rel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
