"""Who is responsible for an issue or an item (``responsibilities.toml``, and the owners in
``issues.toml``): writes the table ``responsibilities``."""

from __future__ import annotations

from .context import Demo


def build(demo: Demo) -> None:
    rng = demo.rng
    rows = []
    for iid, tid in demo.data("issues")["owners"].items():
        mt = tid in demo.mt_members  # a management team's dossier is its head's
        owner = demo.mt_members[tid][0] if mt else rng.choice(demo.members[tid])
        rows.append([owner["id"], iid])
    for kid, p in demo.single_holder.items():
        rows.append([p["id"], kid])
    for unit, k, _, _, crit in demo.tables["needs"]:
        if crit == 3 and unit in demo.leads and [demo.leads[unit]["id"], k] not in rows:
            rows.append([demo.leads[unit]["id"], k])
    for m in demo.data("responsibilities")["members"]:
        rows.append([demo.pick_member(m["team"])["id"], m["item"]])
    rows.extend(demo.responsible)
    demo.tables["responsibilities"] = rows
