#!/usr/bin/env python3
"""Create the demo municipality "Gemeente Lindenhoven" (fictional) in kgraph's input format.

Writes one CSV per table (English canonical headers, UTF-8) into
``kgraph/data/demo/`` (the import of 2026-12-01) and ``kgraph/data/demo-2025-12-01/``
(the import of a year earlier, see ``tools/demo/previous.toml``) and prints the deliberate situations it contains, computed
back from the rows it wrote.  Deterministic: one fixed seed, fixed dates, nothing
depends on today.  The analyses' reference ("as of") date for this demo is
2026-12-01.

The organisation itself is data: ``tools/demo/*.toml``, one file per group of tables,
each read by the module of the same name in ``tools/demo/`` (see its ``__init__``).

    python tools/make_demo.py            # writes kgraph/data/demo/*.csv and kgraph/data/demo-2025-12-01/*.csv
    python tools/make_demo.py --out DIR  # somewhere else (DIR and DIR-2025-12-01)
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

TOOLS = str(Path(__file__).resolve().parent)
if TOOLS not in sys.path:  # import tools/demo also when this file is loaded by path (the tests)
    sys.path.insert(0, TOOLS)

from demo import AS_OF, NAME, SEED, build, build_imports, write  # noqa: E402
from demo.context import data  # noqa: E402
from demo.report import analyse, summary  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kgraph" / "data" / "demo"

__all__ = ["SEED", "AS_OF", "build", "build_imports", "write", "main", "folder_of"]


def folder_of(out: Path, name: str) -> Path:
    """Where the import ``name`` is written: ``out`` for the latest, ``out-<date>`` beside it for an earlier one."""
    return out if name == "demo" else out.with_name(out.name + name[len("demo"):])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ns = ap.parse_args(argv)
    imports = build_imports(random.Random(SEED))
    for as_of, name, tables in imports:
        write(tables, folder_of(ns.out, name))
        print(f"{NAME} as of {as_of} written to {folder_of(ns.out, name)}")
    tables = imports[-1][2]
    print("rows:", {k: len(v) for k, v in tables.items()})
    isolated = ", ".join(t["id"] for t in data("organisation")["teams"] if t.get("isolated"))
    summary(analyse(ns.out, AS_OF), AS_OF, isolated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
