"""kgraph.store.history: the rules of dated versions, checked against a naive model.

The model keeps every version of every source as a whole dataset; the store keeps rows
with validity intervals. For any sequence of imports (dates in any order, two sources),
both must answer every date alike, count the same changes per version, and keep the
rows minimal (no overlap, no two touching rows with equal content).
"""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.model import Dataset
from kgraph.store import history as hist
from kgraph.store.sqlite import EmbeddedStore

DAYS = ["2025-01-01", "2025-06-01", "2026-01-01", "2026-06-01"]
GRID = ["2024-01-01", *DAYS, "2025-03-01", "2026-03-01", "2030-01-01"]


def datasets():
    node = st.tuples(st.sampled_from(["Person", "Team"]), st.integers(0, 2))
    nodes = st.dictionaries(st.sampled_from(["A", "B", "C"]), node, max_size=3)

    def with_edges(ns):
        keys = st.tuples(st.sampled_from(["A", "B", "C", "X"]), st.sampled_from(["A", "B", "C"]))
        return st.dictionaries(keys, st.integers(0, 1), max_size=3).map(lambda es: Dataset(
            nodes={i: (k, {"v": v}) for i, (k, v) in ns.items()},
            edges={("R", s, t, ""): {"w": w} for (s, t), w in es.items()}))

    return nodes.flatmap(with_edges)


imports = st.lists(st.tuples(datasets(), st.sampled_from(DAYS), st.sampled_from(["import", "survey"])),
                   min_size=1, max_size=6)


class Model:
    """Every version as a whole dataset (the obvious, slow way)."""

    def __init__(self):
        self.v: dict[str, dict[str, Dataset]] = {}

    def replace(self, ds: Dataset, day: str, source: str) -> bool:
        mine = self.v.setdefault(source, {})
        prev = max((d for d in mine if d <= day), default=None)
        shown = mine[prev] if prev else (mine[min(mine)] if mine else Dataset())
        if shown == ds:
            return False
        mine[day] = copy.deepcopy(ds)
        return True

    def read(self, day: str) -> Dataset:
        pairs = [(s, d) for s, vs in self.v.items() for d in vs]
        if not pairs:
            return Dataset()
        # the first import answers for earlier dates (yielding to every other source then);
        # the other sources begin with their first version
        base = "import" if self.v.get("import") else None
        first = min(d for s, d in pairs if base is None or s == base)
        inforce = []
        for s, vs in self.v.items():
            limit = max(day, first) if base is None or s == base else day
            if any(d <= limit for d in vs):
                d = max(d for d in vs if d <= limit)
                inforce.append((d if base is None or d <= day else "", s, d))
        inforce.sort()
        nodes, edges = {}, {}
        for _rank, s, d in inforce:  # later (date, name) overwrites
            nodes.update(self.v[s][d].nodes)
            edges.update(self.v[s][d].edges)
        return Dataset(nodes=dict(sorted(nodes.items())),
                       edges={k: p for k, p in sorted(edges.items()) if k[1] in nodes and k[2] in nodes})

    def history(self):
        out = []
        for s, vs in self.v.items():
            before = Dataset()
            for d in sorted(vs):
                now = vs[d]
                old = {**{("n", i): c for i, c in before.nodes.items()}, **{("e", k): c for k, c in before.edges.items()}}
                new = {**{("n", i): c for i, c in now.nodes.items()}, **{("e", k): c for k, c in now.edges.items()}}
                a, c, r = hist.diff_counts(old, new, lambda k, v: "x")
                out.append((s, d, sum(a.values()), sum(c.values()), sum(r.values())))
                before = now
        return sorted(out, key=lambda x: (x[1], x[0]))


@settings(max_examples=150, deadline=None)
@given(imports)
def test_store_answers_as_the_model(steps):
    store = EmbeddedStore(":memory:")
    model = Model()
    for ds, day, source in steps:
        wrote = model.replace(ds, day, source)
        report = store.replace(ds, as_of=day, source=source)
        assert report.unchanged is not wrote
    for day in GRID:
        assert store.read_dataset(as_of=day) == model.read(day), day
        expect = model.read(day)
        assert store.counts(as_of=day) == dict(sorted(expect.counts().items(), key=lambda kv: (kv[0].isupper(), kv[0])))
        assert store.edges("R", as_of=day) == sorted((s, t, k, p) for (_r, s, t, k), p in expect.edges.items())
    assert [(v["source"], v["as_of"].isoformat(), v["added"], v["changed"], v["removed"]) for v in store.history()] \
        == model.history()
    # minimal rows: per key and source no overlap, and touching rows differ
    rows = store.db.execute("SELECT id, origin, valid_from, valid_to, kind, props FROM node_rows ORDER BY 1, 2, 3").fetchall()
    rows += store.db.execute("SELECT source || '>' || target, origin, valid_from, valid_to, rel, props FROM edge_rows "
                             "ORDER BY 1, 2, 3").fetchall()
    for a, b in zip(rows, rows[1:]):
        if a[:2] == b[:2]:
            assert a[3] <= b[2]
            assert a[3] < b[2] or a[4:] != b[4:], (a, b)


def test_effective_dates_clamps_to_the_first_version():
    v = [("import", "2025-01-01"), ("survey", "2026-01-01")]
    assert hist.effective_dates(v, "2020-01-01") == [("import", "2025-01-01")]
    assert hist.effective_dates(v, "2026-01-01") == [("import", "2025-01-01"), ("survey", "2026-01-01")]
    assert hist.effective_dates([("b", "2025-01-01"), ("a", "2025-01-01")], "2025-02-01") == [
        ("a", "2025-01-01"), ("b", "2025-01-01")]  # same date: by name, the last wins


def test_version_counts_from_rows():
    rows = [("A", "import", "2025", "2026", "T"), ("A", "import", "2026", hist.OPEN, "T"), ("B", "import", "2026", hist.OPEN, "P")]
    got = hist.version_counts(rows, [("import", "2025"), ("import", "2026")])
    assert got[("import", "2025")] == {"added": {"T": 1}, "changed": {}, "removed": {}}
    assert got[("import", "2026")] == {"added": {"P": 1}, "changed": {"T": 1}, "removed": {}}


def test_erase_joins_rows_made_equal():
    import json

    nodes = [("T1", "import", "2025", "2026", "Team", "T", json.dumps({"name": "T", "note": "by Ann"})),
             ("T1", "import", "2026", hist.OPEN, "Team", "T", json.dumps({"name": "T", "note": "by ANN"})),
             ("P1", "import", "2025", hist.OPEN, "Person", "Ann", json.dumps({"name": "Ann"}))]
    dn, ins_n, de, ins_e, removed = hist.erase(nodes, [], "P1", lambda t: "ann" in t.lower(), json.loads,
                                               lambda p: json.dumps(p))
    assert removed == {"Person": 1, "property": 1}
    assert ins_n == [("T1", "import", "2025", hist.OPEN, "Team", "T", '{"name": "T"}')]
    assert len(dn) == 3 and not de and not ins_e
