"""Who holds what (``skills.toml``): every member's focus and generic items, the leads'
and heads' management skills, the domain topics and a few specialists.

The table ``skills`` is written by ``gaps``, the last step that adds skills;
:func:`set_skill` is how every step adds one.
"""

from __future__ import annotations

from .context import Demo, Person, iso


def set_skill(demo: Demo, p: Person, kid: str, level: int, source: str | None = None) -> None:
    """Give ``p`` item ``kid`` at ``level`` (keeping a higher level already held)."""
    key = (p["id"], kid)
    if key in demo.skills:
        demo.skills[key][2] = max(demo.skills[key][2], level)
        return
    cfg = demo.data("skills")
    demo.skills[key] = [p["id"], kid, level, _confirmed(demo, cfg["confirmed"]),
                        source or demo.rng.choice(cfg["sources"])]


def _confirmed(demo: Demo, c: dict) -> str:
    r = demo.rng.random()
    if r < c["none_below"]:
        return ""
    if r < c["stale_below"]:
        return iso(demo.rand_date(c["stale_from"], c["stale_until"]))
    return iso(demo.rand_date(c["recent_from"], c["recent_until"]))


def build(demo: Demo) -> None:
    cfg = demo.data("skills")
    rng = demo.rng
    controlled = demo.controlled
    generic = demo.data("knowledge")["generic"]
    teams = demo.data("organisation")["teams"]
    focus_of = {t["id"]: [k for k in t["focus"] if k not in controlled] for t in teams}

    def rand_level() -> int:
        return rng.choices((1, 2, 3, 4, 5), weights=cfg["level_weights"])[0]

    lead = cfg["lead"]
    for t in teams:
        tid, focus = t["id"], focus_of[t["id"]]
        for p in demo.members[tid][: demo.size[tid]]:  # own members only
            n = rng.randint(3, 7)
            chosen: list[str] = []
            while len(chosen) < n:
                k = rng.choice(focus) if rng.random() < 0.7 else rng.choice(generic)
                if k not in chosen:
                    chosen.append(k)
            for k in chosen:
                set_skill(demo, p, k, rand_level())
        set_skill(demo, demo.leads[tid], lead["item"], rng.randint(*lead["levels"]), lead["source"])
    for p in demo.pins:  # pins also know something of their second team
        set_skill(demo, p, rng.choice(focus_of[p["teams"][1]]), rng.randint(2, 4))
    head = cfg["head"]
    for p in demo.heads.values():
        for h in head["items"]:
            set_skill(demo, p, h["item"], rng.randint(h["min"], 5), head["source"])
    for did, k in cfg["domain_heads"]:
        set_skill(demo, demo.heads[did], k, 4, "manager")
    for tid, k in cfg["specialists"]:
        set_skill(demo, rng.choice(demo.members[tid][1:demo.size[tid]]), k, rng.randint(3, 4))
