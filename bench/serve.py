"""The intranet under load (issue 13): survey submissions from concurrent clients, who-knows beside them.

    python bench/serve.py                 # a generated municipality of 3,000 staff: 1,000 submissions, 50 clients
    python bench/serve.py --quick         # the demo (364 staff): 200 submissions, 50 clients (~20 s; tests/web/test_load.py)
    python bench/serve.py --json out.json # also write the figures as JSON

It starts the real server (uvicorn on a free port of 127.0.0.1, in a thread of this
process), opens a survey wave, and sends the submissions from concurrent clients over
HTTP (each client its own connections; some respondents answer twice: the second
replaces the first). Beside the load, three clients ask who knows a topic over and over
(HTTP Basic, as a staff member); the same queries are timed first on the idle server,
so the latency under load is read against a baseline taken in the same run. Then it
closes the wave and checks: every respondent's last answer is in the store, none
twice, and the store passes SQLite's integrity check and its own read back. Exit 1
when a check fails. Traffic goes to 127.0.0.1 only; the loops are bounded.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WAVE = "2026-12-01"
QUERIES = ["omgevingswet", "wmo", "omgevnigswet", "bestemmingsplan", "jeugdzorg", "DSO", "participatie", "AVG"]
#: rows of the printed table (the smoke test checks each is there)
ROWS = ["persons", "submissions / clients", "submissions per second", "submission latency (median / p95)",
        "who-knows idle (median / p95)", "who-knows under load (median / p95)", "who-knows ratio (p95 load / idle)",
        "survey close", "checks"]
PASSWORD = "bench-password-1"


def _post(url: str, payload: dict) -> tuple[int, float]:
    t0 = time.perf_counter()
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, time.perf_counter() - t0


def _who_knows(base: str, q: str, auth: str) -> float:
    t0 = time.perf_counter()
    req = urllib.request.Request(f"{base}api/who-knows?q={urllib.request.quote(q)}&limit=10&as_of={WAVE}",
                                 headers={"Authorization": auth})
    with urllib.request.urlopen(req, timeout=120) as r:
        r.read()
    return time.perf_counter() - t0


def _q(values: list[float]) -> tuple[float, float]:
    s = sorted(values)
    return statistics.median(s), s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def prepare(folder: Path, *, quick: bool) -> tuple[Path, int]:
    """A store with an organisation and a staff account; ``(path, persons present)``."""
    import kgraph
    from kgraph.app.demo import demo_data_path

    store = folder / "kg.db"
    kg = kgraph.open(store)
    if quick:
        kgraph.import_data(kg, demo_data_path())
    else:
        org = folder / "org"
        kgraph.generate(org, persons=3000, seed=1)
        kgraph.import_data(kg, org)
    person = sorted(kg.snapshot(WAVE).present)[0]
    kgraph.user_add(kg, "bench", role="staff", person=person, password=PASSWORD)
    n = len(kg.snapshot(WAVE).present)
    kg.close()
    return store, n


def answers_for(org, pid: str, rng: random.Random) -> dict:
    """A plausible answer: 3-8 colleagues (team mates and others), a few skills, maybe a need."""
    from kgraph.survey.waves import TIE_KINDS

    team = org.home_team(pid)
    mates = [p for p in org.team_members.get(team, []) if p != pid] if team else []
    others = [p for p in sorted(org.present) if p != pid]
    picks = rng.sample(mates, min(len(mates), rng.randint(2, 5))) + rng.sample(others, 3)
    ties = sorted({(p, rng.choice(TIE_KINDS)) for p in picks})
    items = sorted(org.items)
    skills = [{"knowledge_id": k, "level": rng.randint(0, 5)} for k in rng.sample(items, 4)]
    needs = [{"knowledge_id": rng.choice(items)}] if rng.random() < 0.3 else []
    return {"ties": [{"target_id": p, "kind": k} for p, k in ties], "skills": skills, "needs": needs}


def run(*, quick: bool = True, submissions: int | None = None, clients: int = 50, seed: int = 7) -> dict:
    """Run the load and the checks; return the figures (see the module docstring)."""
    import kgraph
    from kgraph.web.server import Server

    submissions = submissions or (200 if quick else 1000)
    tmp = Path(tempfile.mkdtemp(prefix="kgraph-bench-serve-"))
    out: dict = {"quick": quick, "clients": clients, "submissions": submissions}
    try:
        store, n = prepare(tmp, quick=quick)
        out["persons"] = n
        with kgraph.open(store) as kg:
            links = kgraph.survey_create(kg, WAVE, url="http://bench.invalid")
            org = kg.snapshot(WAVE)
            tokens = {r.person_id: r.url.rsplit("/", 1)[1] for r in links.itertuples()}
            rng = random.Random(seed)
            # most respondents answer once; one in ten answers again (the second replaces the first)
            people = rng.sample(sorted(tokens), min(len(tokens), submissions - submissions // 10))
            jobs = [(p, answers_for(org, p, rng)) for p in people]
            jobs += [(p, answers_for(org, p, rng)) for p in rng.sample(people, submissions - len(people))]
        last = {}
        for p, a in jobs:
            last[p] = a
        auth = "Basic " + base64.b64encode(f"bench:{PASSWORD}".encode()).decode()
        with Server(str(store)) as srv:
            base = srv.url
            _who_knows(base, "omgevingswet", auth)  # warm: the first Basic login pays argon2
            idle = [_who_knows(base, QUERIES[i % len(QUERIES)], auth) for i in range(40)]
            done = threading.Event()
            under: list[float] = []

            def ask() -> None:
                i = 0
                while not done.is_set() and i < 2000:
                    under.append(_who_knows(base, QUERIES[i % len(QUERIES)], auth))
                    i += 1

            askers = [threading.Thread(target=ask, daemon=True) for _i in range(3)]  # three staff members searching
            # each person's submissions in order (a second answer after the first), spread over the clients
            order: dict[str, list[dict]] = {}
            for p, a in jobs:
                order.setdefault(p, []).append(a)
            lanes: list[list[tuple[str, dict]]] = [[] for _ in range(clients)]
            for i, (p, answers) in enumerate(sorted(order.items())):
                lanes[i % clients].extend((p, a) for a in answers)

            def lane(items):
                return [_post(f"{base}api/survey/{tokens[p]}", a) for p, a in items]

            for a in askers:
                a.start()
            t0 = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                results = [r for rs in pool.map(lane, lanes) for r in rs]
            elapsed = time.perf_counter() - t0
            done.set()
            for a in askers:
                a.join(timeout=120)
        statuses = [s for s, _t in results]
        out.update(
            seconds=round(elapsed, 2), per_second=round(len(results) / elapsed, 1),
            submit_median=round(_q([t for _s, t in results])[0], 3), submit_p95=round(_q([t for _s, t in results])[1], 3),
            idle_median=round(_q(idle)[0], 3), idle_p95=round(_q(idle)[1], 3),
            load_median=round(_q(under)[0], 3) if under else None, load_p95=round(_q(under)[1], 3) if under else None,
            load_queries=len(under), failed=sum(s != 200 for s in statuses))
        # close the wave, then check every answer is in the store, once
        t0 = time.perf_counter()
        with kgraph.open(store) as kg:
            closed = kgraph.survey_close(kg, WAVE)
            out["close_seconds"] = round(time.perf_counter() - t0, 2)
            out["close_summary"] = closed.attrs["summary"]
            stored = kg.store.records(f"survey.response.{WAVE}")
            ds = kg.store.read_dataset(as_of=WAVE)  # the organisation as the wave left it
            own = kg.store.read_dataset(as_of=WAVE, source="survey")  # what the survey holds (store-history)
        checks = {
            "every submission answered 200": out["failed"] == 0,
            "one response per respondent": len(stored) == len(last),
            "each response is the last one sent": all(
                {(t["target_id"], t["kind"]) for t in stored[p]["ties"]} == {(t["target_id"], t["kind"]) for t in a["ties"]}
                for p, a in last.items()),
            "every tie named is in the store": all(("WORKS_WITH", p, t["target_id"], t["kind"]) in ds.edges
                                                   for p, a in last.items() for t in a["ties"]),
            "no respondent keeps a survey tie they did not name": all(
                {(s, t, k) for (r, s, t, k) in own.edges if r == "WORKS_WITH" and s == p}
                == {(p, t["target_id"], t["kind"]) for t in a["ties"]} for p, a in last.items()),
            "skills dated to the wave": all(
                ds.edges.get(("KNOWS", p, s["knowledge_id"], ""), {}).get("confirmed") == WAVE
                for p, a in last.items() for s in a["skills"] if s["level"] > 0),
            "SQLite integrity check": sqlite3.connect(store).execute("PRAGMA integrity_check").fetchone()[0] == "ok",
            "every edge joins two stored nodes": all(s in ds.nodes and t in ds.nodes for (_r, s, t, _k) in ds.edges),
        }
        out["checks"] = checks
        out["ok"] = all(checks.values())
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def table(r: dict) -> str:
    ratio = f"{r['load_p95'] / r['idle_p95']:.1f}x" if r.get("load_p95") and r.get("idle_p95") else "n/a"
    rows = [
        ("persons", f"{r['persons']:,}"),
        ("submissions / clients", f"{r['submissions']} / {r['clients']}"),
        ("submissions per second", f"{r['per_second']} ({r['seconds']} s in all)"),
        ("submission latency (median / p95)", f"{r['submit_median']} / {r['submit_p95']} s"),
        ("who-knows idle (median / p95)", f"{r['idle_median']} / {r['idle_p95']} s"),
        ("who-knows under load (median / p95)", f"{r['load_median']} / {r['load_p95']} s ({r['load_queries']} queries)"),
        ("who-knows ratio (p95 load / idle)", ratio),
        ("survey close", f"{r['close_seconds']} s: {r['close_summary']}"),
        ("checks", "all passed" if r["ok"] else "FAILED: " + ", ".join(k for k, v in r["checks"].items() if not v)),
    ]
    lines = ["| row | figure |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="the demo, 200 submissions (smoke run)")
    ap.add_argument("--submissions", type=int, default=None)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--json", default=None, metavar="FILE", help="also write the figures here")
    args = ap.parse_args(argv)
    r = run(quick=args.quick, submissions=args.submissions, clients=args.clients)
    print(f"## The intranet under load ({'quick: the demo' if args.quick else 'a generated municipality'})\n")
    print(table(r))
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=1), encoding="utf-8")
    return 0 if r["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
