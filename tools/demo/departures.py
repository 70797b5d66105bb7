"""Planned departures (``departures.toml``): the named persons with a deliberate role and
leave dates for persons drawn at random. Writes the tables ``persons`` and ``memberships``.
"""

from __future__ import annotations

from .context import Demo, iso


def build(demo: Demo) -> None:
    cfg = demo.data("departures")
    for n in cfg["named"]:
        p = demo.pick_member(n["team"])
        p["special"] = n["key"]
        p["leave"] = n["leave"].isoformat()
        p["function"] = n["function"]
        demo.named[n["key"]] = p
    taken = {p["id"] for p in demo.persons if p["leave"]}
    head_ids = {p["id"] for p in demo.heads.values()}
    isolated_teams = {t["id"] for t in demo.data("organisation")["teams"] if t.get("isolated")}
    pool = [p for p in demo.persons if p["id"] not in taken and p["id"] not in head_ids
            and not p.get("special") and not isolated_teams & set(p["teams"])]
    for p, leave in zip(demo.rng.sample(pool, len(cfg["leave_dates"])), cfg["leave_dates"]):
        p["leave"] = leave.isoformat()

    demo.tables["persons"] = [[p["id"], p["name"], p["email"], p["function"], p["location"], iso(p["start"]),
                               p["leave"]] for p in demo.persons]
    demo.tables["memberships"] = demo.memberships
