"""The measured steps of ``bench/run.py``, each run in a fresh process.

``python bench/_steps.py STEP JSON_OUT [args...]`` runs one step and writes its
results (timings taken inside the process, agreement figures, notes) as JSON.
The parent process measures the wall clock and peak memory of the whole process.
Nothing here asserts anything: it measures and reports.
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = time.perf_counter()  # before any heavy import: step times include imports


def _done(out: str, result: dict) -> None:
    result.setdefault("inside_s", time.perf_counter() - T0)
    with open(out, "w") as f:
        json.dump(result, f, indent=1, default=str)


# --------------------------------------------------------------------------- import
def step_import(out: str, path: str, store: str) -> None:
    """Import ``path`` into ``store`` (a file or a bolt:// URL), through the library."""
    import kgraph

    t = time.perf_counter()
    with kgraph.open(store) as kg:
        report = kgraph.import_data(kg, path)
    _done(out, {"import_s": time.perf_counter() - t, "unchanged": bool(report.unchanged), "summary": report.summary()})


# --------------------------------------------------------------------------- linking pins
def step_linking(out: str, store: str, samples: str, save: str) -> None:
    """The whole linking-pin analysis: by team, then by department (same handle)."""
    import kgraph

    samples_arg: int | str | None = int(samples) if samples.isdigit() else (None if samples == "exact" else samples)
    kg = kgraph.open(store)
    t = time.perf_counter()
    team = kgraph.linking_pins(kg, by="team", betweenness_samples=samples_arg)
    t_team = time.perf_counter() - t
    # keep what the benchmark reports; the team table is done with (as when written out)
    mode, rows = team.attrs.get("betweenness", "exact"), len(team)
    summary, guarantee = team.attrs.get("betweenness_summary", ""), team.attrs.get("guarantee", {})
    team = team[["person_id", "betweenness", "betweenness_rank", "betweenness_top"]].copy()
    dept = kgraph.linking_pins(kg, by="department", betweenness_samples=samples_arg)
    total = time.perf_counter() - t
    by_rank = team.sort_values("betweenness_rank")
    res = {"analysis_s": total, "by_team_s": t_team, "by_department_s": total - t_team,
           "mode": mode, "rows": rows + len(dept), "top50": by_rank["person_id"].head(50).tolist(),
           "summary": summary, "sources": guarantee.get("sources"),
           # the guarantee: who is certainly in / out of the top 50, and who cannot be told apart
           "certified_in": team.loc[team["betweenness_top"] == "in", "person_id"].tolist(),
           "certified_out_n": int((team["betweenness_top"] == "out").sum()),
           "undecided": team.loc[team["betweenness_top"] == "undecided", "person_id"].tolist()}
    if save:
        team[["person_id", "betweenness"]].to_csv(save, index=False)
    kg.close()
    _done(out, res)


# --------------------------------------------------------------------------- measures
def _graph(store: str):
    import kgraph
    from kgraph.org import Org

    kg = kgraph.open(store)
    org = kg.snapshot()
    G = org.person_graph()
    persons = sorted(org.persons)
    groups = {}
    for by in ("team", "department"):
        g = {p: org.unit_of_person(p, by) for p in persons}
        groups[by] = {p: (x if x is not None else f"(no {by}) {p}") for p, x in g.items()}
    return G, groups


def step_kgraph_measures(out: str, store: str, save: str) -> None:
    """kgraph's measures on the person network, each timed, values saved for comparison."""
    import numpy as np

    from kgraph.measures import articulation_points, betweenness, brokerage, constraint, effective_size

    G, groups = _graph(store)
    res: dict = {"n": G.number_of_nodes(), "m": G.number_of_edges()}
    vals: dict = {}
    from kgraph.analysis.linking import CONFIDENCE, TOP_K, _samples
    from kgraph.measures import betweenness_top

    budget = _samples("auto", G.number_of_nodes())  # what linking-pins uses at this size
    t = time.perf_counter()
    if budget is None:
        bt, k = betweenness(G), None
    else:  # the certified top-k estimate; k = the sources it sampled before it stopped
        bt = betweenness_top(G, k=TOP_K, delta=1 - CONFIDENCE, max_sources=budget, seed=0)
        k = None if bt.attrs["betweenness"] == "exact" else bt.attrs["sources"]
    res["betweenness_s"] = time.perf_counter() - t
    res["betweenness_k"] = k
    vals["betweenness"] = bt["betweenness"].to_numpy()
    vals["ids"] = np.array([str(v) for v in bt["id"]], dtype="U")
    for name, fn in (("constraint", constraint), ("effective_size", effective_size)):
        t = time.perf_counter()
        vals[name] = fn(G)[name].to_numpy()
        res[f"{name}_s"] = time.perf_counter() - t
    for by in ("team", "department"):
        t = time.perf_counter()
        vals[f"brokerage_{by}"] = brokerage(G, group=groups[by])[["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]].to_numpy()
        res[f"brokerage_{by}_s"] = time.perf_counter() - t
    t = time.perf_counter()
    vals["articulation"] = articulation_points(G)["articulation_point"].to_numpy()
    res["articulation_s"] = time.perf_counter() - t
    np.savez(save, **vals)
    _done(out, res)


def step_networkx(out: str, store: str, saved: str, bt_sources: str, es_budget: str, seed: str) -> None:
    """The plain networkx way on the same graph, with agreement against kgraph's values.

    Betweenness: exact when ``bt_sources`` is 0, else from that many sampled sources
    (``nx.betweenness_centrality_subset`` with every node a target), time extrapolated
    linearly to all sources, values compared with igraph on the same sources.
    Effective size: ``nodes=list(...)`` (the correct path) on as many nodes as fit in
    ``es_budget`` seconds, extrapolated.
    """
    import networkx as nx
    import numpy as np

    from kgraph.measures._common import arcs, edges_once, node_order
    from kgraph.measures.brokerage import _brokerage_loop
    from kgraph.measures.centrality import _sweep

    G, groups = _graph(store)
    ref = np.load(saved)
    nodes = node_order(G)
    n = len(nodes)
    assert [str(v) for v in nodes] == ref["ids"].tolist()
    pos = {v: i for i, v in enumerate(nodes)}
    res: dict = {"n": n}
    k = int(bt_sources)
    rng = np.random.default_rng(int(seed))
    if k == 0 or k >= n:
        t = time.perf_counter()
        b = nx.betweenness_centrality(G)
        res["betweenness_s"] = time.perf_counter() - t
        res["betweenness_how"] = "exact, all sources"
        got = np.array([b[v] for v in nodes])
        res["betweenness_maxdiff"] = float(np.abs(got - ref["betweenness"]).max())
        res["betweenness_compared"] = "normalised betweenness of every node, kgraph exact vs networkx exact"
    else:
        idx = np.sort(rng.choice(n, size=k, replace=False))
        sources = [nodes[i] for i in idx]
        t = time.perf_counter()
        b = nx.betweenness_centrality_subset(G, sources=sources, targets=nodes, normalized=False)
        dt = time.perf_counter() - t
        res["betweenness_s"] = dt * n / k
        res["betweenness_how"] = f"extrapolated from {k} sampled sources ({dt:.1f} s x {n}/{k})"
        src, dst, w = edges_once(*arcs(G, nodes, None), False)
        ig = _sweep(n, src, dst, None, False, [idx])[0]
        got = np.array([b[v] for v in nodes])
        scale = max(float(np.abs(ig).max()), 1.0)
        # networkx halves undirected subset counts; igraph sums dependencies over sources
        diff = min(np.abs(got - ig).max(), np.abs(2 * got - ig).max(), np.abs(got - 2 * ig).max())
        res["betweenness_maxdiff"] = float(diff / scale)
        res["betweenness_compared"] = (f"dependencies from the same {k} sources, networkx "
                                       "betweenness_centrality_subset vs igraph (kgraph's engine); relative max diff")
    t = time.perf_counter()
    c = nx.constraint(G)
    res["constraint_s"] = time.perf_counter() - t
    got = np.array([c[v] for v in nodes], dtype=float)
    res["constraint_maxdiff"] = float(np.nanmax(np.abs(got - ref["constraint"])))
    # effective size, correct path, node by node until the budget is spent
    order = rng.permutation(n)
    budget = float(es_budget)
    done: list[int] = []
    es: dict = {}
    t = time.perf_counter()
    step = 1
    while len(done) < n and time.perf_counter() - t < budget:
        chunk = order[len(done): len(done) + step].tolist()
        es.update(nx.effective_size(G, nodes=[nodes[i] for i in chunk]))
        done.extend(chunk)
        step = min(step * 2, 256)
    dt = time.perf_counter() - t
    res["effective_size_s"] = dt * n / len(done)
    res["effective_size_how"] = ("all nodes" if len(done) == n else
                                 f"extrapolated from {len(done)} nodes ({dt:.1f} s x {n}/{len(done)})")
    got = np.array([es[nodes[i]] for i in done], dtype=float)
    res["effective_size_maxdiff"] = float(np.nanmax(np.abs(got - ref["effective_size"][done])))
    for by in ("team", "department"):
        t = time.perf_counter()
        loop = _brokerage_loop(G, group=groups[by])[["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]].to_numpy()
        res[f"brokerage_{by}_s"] = time.perf_counter() - t
        res[f"brokerage_{by}_equal"] = bool((loop == ref[f"brokerage_{by}"]).all())
    t = time.perf_counter()
    ap = set(nx.articulation_points(G))
    res["articulation_s"] = time.perf_counter() - t
    res["articulation_equal"] = bool(np.array_equal(np.array([v in ap for v in nodes]), ref["articulation"]))
    _done(out, res)


# --------------------------------------------------------------------------- knowledge
def step_gaps(out: str, store: str) -> None:
    import kgraph

    try:
        fn = kgraph.gaps
    except (AttributeError, ImportError) as exc:
        _done(out, {"unavailable": f"{type(exc).__name__}: {exc}"})
        return
    kg = kgraph.open(store)
    t = time.perf_counter()
    df = fn(kg, as_of="2026-06-01")
    _done(out, {"gaps_s": time.perf_counter() - t, "rows": len(df)})


def step_who_knows_lib(out: str, store: str, queries_file: str) -> None:
    """All queries through ``kgraph.who_knows`` in one process (the handle opened once)."""
    import kgraph

    try:
        fn = kgraph.who_knows
    except (AttributeError, ImportError) as exc:
        _done(out, {"unavailable": f"{type(exc).__name__}: {exc}"})
        return
    queries = json.load(open(queries_file))
    kg = kgraph.open(store)
    times, hits = [], 0
    for q in queries:
        t = time.perf_counter()
        df = fn(kg, q)
        times.append(time.perf_counter() - t)
        hits += bool(len(df))
    _done(out, {"times": times, "hits": hits})


def step_queries(out: str, store: str, count: str, seed: str) -> None:
    """``count`` who-knows queries: item names, synonyms and typos of both."""
    import random

    import kgraph

    kg = kgraph.open(store)
    items = kg.store.nodes("KnowledgeItem")
    rnd = random.Random(int(seed))
    names = sorted({str(p["name"]) for p in items.values() if p.get("name")})
    syns = sorted({s.strip() for p in items.values() for s in _synonyms(p.get("synonyms")) if s.strip()})
    n = int(count)
    picked = rnd.sample(names, min(len(names), n // 2))
    picked += rnd.sample(syns, min(len(syns), n // 4)) if syns else []
    while len(picked) < n and names:
        w = rnd.choice(names)
        i = rnd.randrange(len(w))
        picked.append(w[:i] + w[i + 1:] if len(w) > 4 else w)  # one letter dropped
    _done(out, {"queries": picked[:n], "items": len(items)})


def _synonyms(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).replace("|", ";").split(";")


STEPS = {
    "import": step_import,
    "linking": step_linking,
    "kgraph_measures": step_kgraph_measures,
    "networkx": step_networkx,
    "gaps": step_gaps,
    "who_knows_lib": step_who_knows_lib,
    "queries": step_queries,
}

if __name__ == "__main__":
    name, out, *args = sys.argv[1:]
    os.environ.setdefault("PYTHONHASHSEED", "0")
    STEPS[name](out, *args)
