"""The deliberate knowledge gaps (``gaps.toml``): single holders, a silo, an item held
too low and one held by too few. Writes the table ``skills`` (no step adds skills later).
"""

from __future__ import annotations

from .context import Demo
from .skills import set_skill


def build(demo: Demo) -> None:
    gaps = demo.data("gaps")
    rng = demo.rng
    for s in gaps["singles"]:
        p = demo.pick_member(s["team"])
        p["special"] = "single"
        p["function"] = s["function"]
        set_skill(demo, p, s["item"], s["level"], "manager")
        if "leave" in s:
            p["leave"] = s["leave"].isoformat()
        demo.single_holder[s["item"]] = p

    silo = gaps["silo"]  # held only in one team (so in one department)
    own = demo.members[silo["team"]][: demo.size[silo["team"]]]
    for p in rng.sample([p for p in own if len(p["teams"]) == 1], silo["holders"]):
        set_skill(demo, p, silo["item"], rng.randint(3, 5), "certificate")

    low = gaps["too_low"]  # nobody above level 3
    for p in rng.sample(demo.members[low["team"]][1:demo.size[low["team"]]], low["holders"]):
        set_skill(demo, p, low["item"], rng.randint(2, 3))
    set_skill(demo, rng.choice(demo.members[low["also"]][1:]), low["item"], 2)

    few = gaps["too_few"]  # `high` at level 4 in the team, one more elsewhere
    holders = rng.sample([p for p in demo.members[few["team"]][1:] if len(p["teams"]) == 1], few["holders"])
    for i, p in enumerate(holders):
        set_skill(demo, p, few["item"], 4 if i < few["high"] else 3, "certificate")
    set_skill(demo, demo.pick_member(few["also"]), few["item"], 4)
    demo.responsible.append([holders[0]["id"], few["item"]])

    kids = [row[0] for row in demo.tables["knowledge"]]
    order = {k: i for i, k in enumerate(kids)}
    demo.tables["skills"] = [demo.skills[k] for k in sorted(demo.skills, key=lambda x: (x[0], order[x[1]]))]
