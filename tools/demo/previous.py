"""The import of a year earlier (``previous.toml``): the tables as known on its day.

Fills ``demo.previous`` from the finished ``demo.tables`` (which it leaves as they are),
drawing from its own random generator.
"""

from __future__ import annotations

import random

from kgraph.synthetic import COLUMNS

from .context import Demo, iso


def _col(table: str, name: str) -> int:
    return COLUMNS[table].index(name)


def build(demo: Demo) -> None:
    spec = demo.data("previous")
    day = iso(spec["as_of"])
    rng = random.Random(spec["seed"])
    t = {name: [list(r) for r in rows] for name, rows in demo.tables.items()}
    for table in ("positions", "signals", "measurements", "interactions"):  # observations made later
        i = _col(table, "date")
        t[table] = [r for r in t[table] if not r[i] or str(r[i]) <= day]
    i = _col("objectives", "baseline_date")
    t["objectives"] = [r for r in t["objectives"] if str(r[i]) <= day]
    kept = {r[0] for r in t["objectives"]}
    t["measurements"] = [r for r in t["measurements"] if r[0] in kept]
    i = _col("contacts", "last_contact")
    for r in t["contacts"]:
        if r[i] and str(r[i]) > day:
            r[i] = ""

    # ties: some are new in 2026, some of 2025 are gone, and the isolated team had a second link
    ties = t["ties"]
    new = set(rng.sample(range(len(ties)), spec["ties_new"]))
    tied = {(r[0], r[1]) for r in ties} | {(r[1], r[0]) for r in ties}
    dept = {p["id"]: tid for tid, ms in demo.members.items() for p in ms}
    people = sorted(dept)
    gone = []
    while len(gone) < spec["ties_gone"]:
        a, b = rng.sample(people, 2)
        if dept[a][:6] != dept[b][:6] and (a, b) not in tied:
            tied |= {(a, b), (b, a)}
            gone.append([a, b, "information", 1])
    team = spec["bridge"]
    inside = [p["id"] for p in demo.members[team] if p is not demo.leads[team] and iso(p["start"]) <= day]
    outside = sorted(p["id"] for tid, ms in demo.members.items() if tid != team for p in ms)
    gone.append([inside[0], rng.choice(outside), "collaboration", 2])
    t["ties"] = [r for k, r in enumerate(ties) if k not in new] + gone

    # a lateral pin gained (its second membership not yet recorded) and one lost
    second = spec["pin_gained"]
    pin = next(p for p in demo.pins if second in p["teams"])
    t["memberships"] = [r for r in t["memberships"] if not (r[0] == pin["id"] and r[1] == second)]
    lost = spec["pin_lost"]
    member = sorted((p for p in demo.members[lost["team"]] if p is not demo.leads[lost["team"]] and len(p["teams"]) == 1
                     and not p.get("special")), key=lambda p: p["id"])[0]
    t["memberships"].append([member["id"], lost["also"], "member", iso(member["start"]), ""])

    # needs: new in 2026, and dropped in 2026
    fresh = {tuple(n) for n in spec["needs_new"]}
    t["needs"] = [r for r in t["needs"] if (r[0], r[1]) not in fresh] + [list(n) for n in spec["needs_gone"]]
    demo.previous = t
