"""The store contract under concurrency (issue 16.1): two processes writing at once.

Each write takes the store's write lock before it reads the state it compares against,
so writes serialise: the store ends up holding exactly one of the two inputs (never a
mix), and each writer reports honestly what it changed compared with what it found.
Run on both backends (the ``store`` fixture); the writers are separate processes
(``_writer.py``), one of which holds its transaction open while the other starts.
"""

from __future__ import annotations

import copy
import multiprocessing as mp
from pathlib import Path

import pytest

from kgraph.ingest import load_dataset
from kgraph.model import Dataset
from kgraph.store import history as hist

from ._writer import write

TINY = Path(__file__).parents[1] / "data" / "tiny"
DAY = "2026-01-01"


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    return load_dataset(TINY)


def variant(ds: Dataset, person: str, function: str, extra: str) -> Dataset:
    new = copy.deepcopy(ds)
    new.nodes[person][1]["function"] = function
    new.nodes[extra] = ("Person", {"name": f"Nieuw {extra}"})
    new.edges[("WORKS_WITH", extra, person, "advice")] = {"kind": "advice"}
    return new


def report_between(old: Dataset, new: Dataset) -> dict:
    enc = hist  # counts as the stores count them
    from kgraph.store.base import encode_props

    a, c, r = enc.diff_counts({i: (k, encode_props(p)) for i, (k, p) in old.nodes.items()},
                              {i: (k, encode_props(p)) for i, (k, p) in new.nodes.items()}, lambda _k, v: v[0])
    a2, c2, r2 = enc.diff_counts({k: encode_props(p) for k, p in old.edges.items()},
                                 {k: encode_props(p) for k, p in new.edges.items()}, lambda k, _v: k[0])
    return {"added": {**a, **a2}, "changed": {**c, **c2}, "removed": {**r, **r2}}


def where(store) -> tuple[str, str | None]:
    return (str(store.path), None) if store.backend == "embedded" else (store.location, store.database)


def run_two(store, first: tuple, second: tuple, *, hold: float = 2.0):
    """Start ``first`` (it holds its transaction open for ``hold`` s), then ``second``; their results."""
    ctx = mp.get_context("spawn")
    location, database = where(store)
    q1, q2, writing = ctx.Queue(), ctx.Queue(), ctx.Event()
    p1 = ctx.Process(target=write, args=(location, database, *first, q1),
                     kwargs={"as_of": DAY, "writing": writing, "hold": hold})
    p1.start()
    assert writing.wait(60), "the first writer never started writing"
    p2 = ctx.Process(target=write, args=(location, database, *second, q2), kwargs={"as_of": DAY})
    p2.start()
    r1, r2 = q1.get(timeout=120), q2.get(timeout=120)
    p1.join(30)
    p2.join(30)
    return r1, r2


def test_two_imports_at_once_leave_exactly_one(store, tiny):
    store.replace(tiny, as_of=DAY)
    a = variant(tiny, "P01", "burgemeester", "PA")
    b = variant(tiny, "P02", "wethouder", "PB")
    (sa, ra), (sb, rb) = run_two(store, ("import", a), ("import", b))
    assert sa == sb == "ok", (ra, rb)
    final = store.read_dataset(as_of=DAY)
    assert final in (a, b), "the store holds a mix of the two inputs"
    last, last_report, first, first_report = (a, ra, b, rb) if final == a else (b, rb, a, ra)
    assert first_report == report_between(tiny, first)  # each reports what it found and changed
    assert last_report == report_between(first, last)
    assert len(store.history()) == 1


def test_two_imports_started_together(store, tiny):
    """No writer waits on purpose: started at one barrier, they still serialise."""
    ctx = mp.get_context("spawn")
    location, database = where(store)
    store.replace(tiny, as_of=DAY)
    a = variant(tiny, "P01", "a", "PA")
    b = variant(tiny, "P03", "b", "PB")
    barrier = ctx.Barrier(2)
    qs = [ctx.Queue(), ctx.Queue()]
    procs = [ctx.Process(target=write, args=(location, database, "import", ds, q), kwargs={"as_of": DAY, "barrier": barrier})
             for ds, q in zip((a, b), qs)]
    for p in procs:
        p.start()
    results = [q.get(timeout=120) for q in qs]
    for p in procs:
        p.join(30)
    assert all(s == "ok" for s, _r in results), results
    assert store.read_dataset(as_of=DAY) in (a, b)


def test_forget_beside_an_import(store, tiny):
    store.replace(tiny, as_of=DAY)
    a = variant(tiny, "P01", "burgemeester", "PA")
    (sa, _ra), (sf, rf) = run_two(store, ("import", a), ("forget", "P03"))
    assert sa == sf == "ok", (_ra, rf)
    final = store.read_dataset(as_of=DAY)
    forgotten = copy.deepcopy(a)
    forgotten.nodes.pop("P03")
    forgotten.edges = {k: v for k, v in forgotten.edges.items() if "P03" not in k[1:3]}
    # forget after the import: P03 is gone from it; before it: the import brought P03 back
    assert final in (forgotten, a)
    assert rf["Person"] == 1
