"""Departments, teams and their members (``organisation.toml``, ``names.toml``).

Writes the tables ``departments`` and ``teams``; creates the persons and their
memberships (written by ``departures``, once everybody's leave date is known): the
heads, every team's lead and members, the lateral pins, the moves between teams and
the management teams (``T-MT-<department>``: the head, then the heads of the child
departments or the leads of the department's teams).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from .context import LEAD, MEMBER, Demo, Person, ascii_slug, iso


def build(demo: Demo) -> None:
    org = demo.data("organisation")
    rng, tables = demo.rng, demo.tables
    children = defaultdict(list)
    for dep in org["departments"]:
        if dep["parent"]:
            children[dep["parent"]].append(dep["id"])
        tables["departments"].append([dep["id"], dep["name"], dep["parent"]])

    names = demo.data("names")
    pool = [(f, l) for f in names["first"] for l in names["last"]]
    rng.shuffle(pool)
    emails: set[str] = set()
    dates = org["dates"]
    domain = demo.data("demo")["email_domain"]

    def new_person(function: str, location: str, start_lo: date = dates["persons_from"]) -> Person:
        first, last = pool.pop()
        email = base = f"{ascii_slug(first)}.{ascii_slug(last)}"
        n = 1
        while email in emails:
            n += 1
            email = f"{base}{n}"
        emails.add(email)
        p = {"id": f"P{len(demo.persons) + 1:04d}", "name": f"{first} {last}", "email": f"{email}@{domain}",
             "function": function, "location": location,
             "start": demo.rand_date(start_lo, dates["persons_until"]), "leave": "", "teams": []}
        demo.persons.append(p)
        return p

    for dep in org["departments"]:
        demo.heads[dep["id"]] = new_person(dep["head"], "Stadhuis", dates["heads_from"])
    for t in org["teams"]:
        tid, funcs = t["id"], t["functions"]
        lead = new_person(f"teamleider {t['name'][0].lower() + t['name'][1:]}", t["location"])
        mem = [lead]
        for i in range(t["size"] - 1):
            mem.append(new_person(funcs[i] if i < len(funcs) else rng.choice(funcs), t["location"]))
        demo.members[tid], demo.leads[tid], demo.size[tid] = mem, lead, t["size"]
        for p in mem:
            p["teams"].append(tid)
            demo.memberships.append([p["id"], tid, LEAD if p is lead else MEMBER, demo.since(p), ""])

    _lateral_pins(demo, org["lateral_pins"])
    _moves(demo, org["moves"])
    _management_teams(demo, org["departments"], children, dates["management_from"])

    for t in org["teams"]:
        tables["teams"].append([t["id"], t["name"], t["department"]])
    for dep in org["departments"]:
        tables["teams"].append([mt_id(dep["id"]), f"MT {dep['name']}", dep["id"]])
    for t in org["teams"]:
        if t.get("isolated"):
            demo.isolated |= {p["id"] for p in demo.members[t["id"]] if p is not demo.leads[t["id"]]}


def mt_id(department: str) -> str:
    """The management team of a department.

    >>> mt_id("D-RUIMTE")
    'T-MT-RUIMTE'
    """
    return f"T-MT-{department[2:]}"


def _lateral_pins(demo: Demo, pins: list[dict]) -> None:
    """A member of one team also joins a second team (and changes function)."""
    for pin in pins:
        p = demo.pick_member(pin["home"])
        p["function"] = pin["function"]
        p["teams"].append(pin["second"])
        p["special"] = "pin"
        demo.members[pin["second"]].append(p)
        demo.memberships.append([p["id"], pin["second"], MEMBER, demo.since(p, pin["since"]), ""])
        demo.pins.append(p)


def _moves(demo: Demo, moves: list[dict]) -> None:
    """A member of ``to`` has an ended membership of ``from``; the current one starts the day after."""
    for move in moves:
        p = demo.pick_member(move["to"])
        p["special"] = "moved"
        demo.memberships.append([p["id"], move["from"], MEMBER, iso(max(p["start"], move["since"])),
                                 iso(move["until"])])
        for m in demo.memberships:
            if m[0] == p["id"] and m[1] == move["to"]:
                m[3] = iso(move["until"] + timedelta(days=1))
        p["start"] = min(p["start"], move["since"])


def _management_teams(demo: Demo, departments: list[dict], children: dict, since: date) -> None:
    teams = demo.data("organisation")["teams"]
    for dep in departments:
        did = dep["id"]
        head = demo.heads[did]
        mem = [head]
        if children[did]:
            mem += [demo.heads[c] for c in children[did]]
        else:
            mem += [demo.leads[t["id"]] for t in teams if t["department"] == did]
        demo.mt_members[mt_id(did)] = mem
        for p in mem:
            p["teams"].append(mt_id(did))
            demo.memberships.append([p["id"], mt_id(did), LEAD if p is head else MEMBER, demo.since(p, since), ""])
