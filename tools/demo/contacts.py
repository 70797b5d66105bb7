"""Who knows which actor (``contacts.toml``): writes the table ``contacts``.

Per actor of the plan, contacts drawn from the members of the named teams (nobody from
an isolated team); the first one owns the relation and knows the actor best. Then the
fixed contacts of named persons (``departures.toml``).
"""

from __future__ import annotations

from .context import Demo, iso


def build(demo: Demo) -> None:
    data = demo.data("contacts")
    rng = demo.rng
    lo, hi = data["dates"]["from"], data["dates"]["until"]
    all_members = demo.all_members
    rows = []
    for aid, plan in data["plan"].items():
        pool = []
        for t in plan["teams"]:
            for p in all_members[t]:
                if p not in pool and p["id"] not in demo.isolated:
                    pool.append(p)
        for j, p in enumerate(rng.sample(pool, plan["count"])):
            rows.append([p["id"], aid, rng.randint(3, 5) if j == 0 else rng.randint(1, 4),
                         "yes" if j == 0 else "no", iso(demo.rand_date(lo, hi))])
    for c in data["fixed"]:
        rows.append([demo.named[c["person"]]["id"], c["actor"], c["strength"], c["owner"], iso(c["since"])])
    demo.tables["contacts"] = rows
