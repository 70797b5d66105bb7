"""The interaction log of the demo's last year (``interactions.toml``): writes the table
``interactions``.

Routine interactions keep every actor with a position and an internal contact at the
cadence of its highest quadrant, mostly in the mode kgraph recommends (the library's
rule, so the demo and ``kgraph engage`` agree); the data file names the neglected actors,
the actors engaged in another mode, and the scripted interactions with overdue
follow-ups. Draws from its own random generator: no other table changes with it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from kgraph.analysis.engage import MODES, EngageRule
from kgraph.analysis.stakeholders import QUADRANTS, quadrant

from .context import Demo, iso


def _current_positions(demo: Demo, as_of: date) -> dict[str, dict[str, tuple[int, str | None]]]:
    """actor -> issue -> (stance, quadrant) of its latest position on or before ``as_of``."""
    latest: dict[tuple[str, str], list] = {}
    for a, i, stance, infl, inter, day, _src in demo.tables["positions"]:
        if day <= iso(as_of) and ((a, i) not in latest or latest[(a, i)][5] <= day):
            latest[(a, i)] = [a, i, stance, infl, inter, day]
    out: dict[str, dict[str, tuple[int, str | None]]] = defaultdict(dict)
    for (a, i), (_a, _i, stance, infl, inter, _d) in sorted(latest.items()):
        out[a][i] = (int(stance), quadrant(float(infl), float(inter)))
    return out


def _present(demo: Demo) -> dict[str, tuple[date, str]]:
    """person id -> (start, leave date or "")."""
    return {p["id"]: (p["start"], p["leave"] or "") for p in demo.persons}


def build(demo: Demo) -> None:
    data = demo.data("interactions")
    as_of = demo.data("demo")["as_of"]
    rng = random.Random(data["seed"])
    rule = EngageRule.default()
    routine = data["routine"]
    lo, hi = data["dates"]["from"], data["dates"]["until"]
    positions = _current_positions(demo, as_of)
    issue_name = {i["id"]: i["name"] for i in demo.data("issues")["issues"]}
    dates = _present(demo)

    def here(pid: str, day: date) -> bool:
        start, leave = dates[pid]
        return start <= day and (not leave or iso(day) < leave)

    contacts: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # actor -> (person, owner), owner first
    for pid, aid, _strength, owner, _last in demo.tables["contacts"]:
        contacts[aid].append((pid, owner == "yes"))
    for cs in contacts.values():
        cs.sort(key=lambda c: not c[1])

    rows = []
    for aid in sorted(positions):
        if not contacts.get(aid):
            continue  # a blind spot: nobody keeps it up
        issues = positions[aid]
        quads = [q for _s, q in issues.values() if q in QUADRANTS]
        highest = min(quads, key=QUADRANTS.index) if quads else None
        period = 30.4 * rule.months(highest)
        stop = data["neglected"].get(aid, hi)
        day = stop - timedelta(days=int(rng.uniform(0, 0.8) * period))
        while day >= lo:
            rows.append(_routine(rng, data, rule, routine, aid, issues, issue_name, contacts[aid], day, here))
            day -= timedelta(days=max(1, int(period * rng.uniform(0.8, 1.0))))
    for s in data["scripted"]:
        pid = (contacts[s["actor"]][0][0] if s["person"] == "owner" else demo.leads[s["person"]]["id"])
        rows.append([iso(s["date"]), pid, s["actor"], s.get("issue", ""), s["kind"], s["mode"], s["summary"],
                     s.get("follow_up", ""), iso(s["due"]) if "due" in s else "",
                     ("yes" if s["done"] else "no") if "done" in s else ""])
    rows = [r for r in rows if r is not None]
    rows.sort(key=lambda r: (r[0], r[2], r[1]))
    demo.tables["interactions"] = rows


def _routine(rng, data, rule, routine, aid, issues, issue_name, contacts, day, here) -> list | None:
    """One routine interaction with ``aid`` on ``day`` (None when none of its contacts was there)."""
    owner = [p for p, is_owner in contacts if is_owner and here(p, day)]
    others = [p for p, is_owner in contacts if not is_owner and here(p, day)]
    if owner and (not others or rng.random() < routine["by_owner"]):
        pid = owner[0]
    elif others:
        pid = rng.choice(others)
    else:
        return None
    issue = "" if rng.random() < routine["actor_as_a_whole"] else rng.choice(sorted(issues))
    stance, quad = issues[issue] if issue else max(issues.values(), key=lambda v: -QUADRANTS.index(v[1])
                                                                     if v[1] in QUADRANTS else -9)
    mode = data["modes"].get(aid) or rule.mode(quad, stance) or "inform"
    if aid not in data["modes"] and rng.random() > routine["recommended"]:
        mode = rng.choice([m for m in MODES if m != mode])
    kind = rng.choice(data["kinds"][mode])
    about = issue_name[issue] if issue else "de samenwerking"
    summary = rng.choice(data["summaries"]["site_visit" if kind == "site_visit" else mode]).format(issue=about)
    follow, due, done = "", "", ""
    if rng.random() < routine["follow_up"]:
        follow = rng.choice(data["summaries"]["follow_ups"])
        due_day = day + timedelta(days=rng.randint(7, 28))
        due = iso(due_day)
        done = "yes" if due_day < routine["done_if_due_before"] and rng.random() < routine["done_share"] else "no"
    return [iso(day), pid, aid, issue, kind, mode, summary, follow, due, done]
