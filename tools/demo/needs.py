"""What units need (``needs.toml``): writes the table ``needs``.

Every regular team needs a few of its focus items, and enough members are given them;
some department needs are met only through sub-units; the unmet and single-holder needs
are the deliberate gaps (their holders are placed by ``gaps``).
"""

from __future__ import annotations

from .context import Demo, Person
from .skills import set_skill

FIELDS = ("unit", "item", "min_level", "min_holders", "criticality")


def build(demo: Demo) -> None:
    cfg = demo.data("needs")
    rng = demo.rng
    controlled = demo.controlled
    needs = demo.tables["needs"]
    ml_w, mh_w = cfg["min_level"], cfg["min_holders"]
    for t in demo.data("organisation")["teams"]:
        tid = t["id"]
        focus = [k for k in t["focus"] if k not in controlled]
        for k in rng.sample(focus, min(len(focus), rng.randint(2, 3))):
            ml = rng.choices(ml_w["values"], weights=ml_w["weights"])[0]
            mh = rng.choices(mh_w["values"], weights=mh_w["weights"])[0]
            mh = min(mh, len(demo.members[tid]) - 1)
            crit = rng.randint(1, 3)
            _ensure(demo, demo.members[tid], k, ml, mh)
            needs.append([tid, k, ml, mh, crit])
    for n in cfg["met_through_subunits"]:
        _ensure(demo, demo.members[n["via"]], n["item"], n["min_level"], n["min_holders"])
        needs.append([n[c] for c in FIELDS])
    for n in cfg["unmet"] + cfg["single_holder"]:
        needs.append([n[c] for c in FIELDS])


def _ensure(demo: Demo, people: list[Person], kid: str, min_level: int, min_holders: int) -> None:
    """Give the item to enough of ``people`` that ``min_holders`` hold it at ``min_level``."""
    have = [p for p in people if demo.skills.get((p["id"], kid), [0, 0, 0])[2] >= min_level]
    cands = [p for p in people if p not in have]
    demo.rng.shuffle(cands)
    for p in cands[: max(0, min_holders - len(have))]:
        set_skill(demo, p, kid, demo.rng.randint(min_level, min(5, min_level + 1)))
