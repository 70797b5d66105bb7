"""The deliberate situations of the demo, computed back from the CSV files it wrote.

``python tools/make_demo.py`` prints them, so a change to the data files shows what it
does to the situations kgraph exists to find (linking pins, single holders, unmet
needs, departures, blind spots, stale skills, silos, issues without knowledge).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path


def analyse(out: Path, as_of: date) -> dict:
    """Compute the deliberate situations back from the CSV files (stdlib + networkx)."""
    import networkx as nx

    def read(name):
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    deps = read("departments")
    teams = read("teams")
    persons = {p["id"]: p for p in read("persons")}
    mships = [m for m in read("memberships") if not m["until"] or m["until"] > as_of.isoformat()]
    skills = read("skills")
    needs = read("needs")
    ties = read("ties")
    actors = read("actors")
    positions = read("positions")
    contacts = read("contacts")
    kn = read("knowledge")
    kis = read("knowledge_issues")
    issues = read("issues")

    team_dept = {t["id"]: t["department_id"] for t in teams}
    mt = {t["id"] for t in teams if t["name"].startswith("MT ")}
    parent = {dd["id"]: dd["parent_id"] for dd in deps}
    team_members = defaultdict(set)
    person_teams = defaultdict(set)
    for m in mships:
        team_members[m["team_id"]].add(m["person_id"])
        person_teams[m["person_id"]].add(m["team_id"])

    def subtree(did):
        res = {did}
        changed = True
        while changed:
            changed = False
            for x, p in parent.items():
                if p in res and x not in res:
                    res.add(x)
                    changed = True
        return res

    def unit_people(unit):
        if unit in team_dept:
            return team_members[unit]
        depts_ = subtree(unit)
        return set().union(*[team_members[t] for t, dd in team_dept.items() if dd in depts_])

    res: dict = {}
    # (a) linking pins
    lead_of = {m["team_id"]: m["person_id"] for m in mships if m["role"] == "lead"}
    res["vertical_pins"] = sorted(p for t, p in lead_of.items() if t not in mt
                                  and p in team_members[f"T-MT-{team_dept[t][2:]}"])
    res["lateral_pins"] = sorted(p for p, ts in person_teams.items() if len([t for t in ts if t not in mt]) >= 2)
    g = nx.Graph()
    g.add_nodes_from(persons)
    g.add_edges_from((t["source_id"], t["target_id"]) for t in ties)
    res["articulation_points"] = sorted(nx.articulation_points(g))
    # (b) holders
    holders = defaultdict(set)
    for s in skills:
        holders[s["knowledge_id"]].add(s["person_id"])
    res["single_holder_items"] = {k: sorted(v)[0] for k, v in sorted(holders.items()) if len(v) == 1}
    res["orphans"] = sorted(k["id"] for k in kn if k["id"] not in holders)
    # (c) unmet needs
    lvl = {(s["person_id"], s["knowledge_id"]): int(s["level"]) for s in skills}
    unmet = []
    for n in needs:
        people = unit_people(n["unit_id"])
        have = [p for p in people if lvl.get((p, n["knowledge_id"]), 0) >= int(n["min_level"])]
        if len(have) < int(n["min_holders"]):
            unmet.append((n["unit_id"], n["knowledge_id"], len(have), int(n["min_holders"])))
    res["unmet_needs"] = unmet
    # (d) departures
    leaving = sorted(p for p, r in persons.items() if r["leave_date"].startswith("2027"))
    res["leaving_2027"] = leaving
    needed = {n["knowledge_id"] for n in needs}
    res["at_risk"] = sorted((p, k) for k, p in res["single_holder_items"].items() if p in leaving and k in needed)
    # (e) blind spots
    latest = {}
    for pos in sorted(positions, key=lambda r: r["date"]):
        latest[(pos["actor_id"], pos["issue_id"])] = pos
    infl = defaultdict(int)
    for (a, _), pos in latest.items():
        infl[a] = max(infl[a], int(pos["influence"]))
    ncontacts = defaultdict(int)
    for c in contacts:
        ncontacts[c["actor_id"]] += 1
    res["blind_spots"] = sorted(a["id"] for a in actors if infl[a["id"]] >= 4 and ncontacts[a["id"]] == 0)
    res["single_contact_actors"] = sorted(a["id"] for a in actors if ncontacts[a["id"]] == 1)
    # (f) stale skills
    cutoff = date(as_of.year - 2, as_of.month, as_of.day).isoformat()
    res["stale_skills"] = sum(1 for s in skills if s["confirmed"] and s["confirmed"] < cutoff)
    res["skills_without_date"] = sum(1 for s in skills if not s["confirmed"])
    # (g) silo
    person_depts = {p: {team_dept[t] for t in ts} for p, ts in person_teams.items()}
    silos = []
    for k, hs in sorted(holders.items()):
        ds = set().union(*[person_depts.get(p, set()) for p in hs])
        if len(ds) == 1:
            (hd,) = ds
            for n in needs:
                if n["knowledge_id"] != k:
                    continue
                nd = team_dept.get(n["unit_id"], n["unit_id"])
                if nd != hd and hd not in subtree(nd):
                    silos.append((k, hd, n["unit_id"]))
    res["silos"] = silos
    # (h) issues without knowledge
    linked = {r["issue_id"] for r in kis}
    res["issues_without_knowledge"] = sorted(i["id"] for i in issues if i["id"] not in linked)
    res["counts"] = {"persons": len(persons), "teams": len(teams), "departments": len(deps),
                     "knowledge": len(kn), "actors": len(actors), "issues": len(issues)}
    return res


def summary(res: dict, as_of: date, isolated: str) -> None:
    """Print the situations found by :func:`analyse` (``isolated``: the isolated team)."""
    print("counts:", res["counts"])
    print("\nDeliberate situations (as of", as_of, ")")
    print("(a) vertical linking pins (team lead + member of the department MT):", len(res["vertical_pins"]))
    print("    lateral pins (in two regular teams):", ", ".join(res["lateral_pins"]))
    print(f"    articulation points of the tie network: {', '.join(res['articulation_points'])}"
          f" (only tie of team {isolated} to the rest)")
    print("(b) single-holder items:", ", ".join(f"{k} ({p})" for k, p in res["single_holder_items"].items()))
    print("    orphan items (no holder):", ", ".join(res["orphans"]))
    print("(c) unmet needs (unit, item, holders at min_level, min_holders):")
    for u in res["unmet_needs"]:
        print("     ", u)
    print("(d) leaving in 2027:", ", ".join(res["leaving_2027"]))
    print("    at risk (sole holder of needed knowledge, leaving):", res["at_risk"])
    print("(e) blind spots (latest influence >= 4, no contact):", ", ".join(res["blind_spots"]))
    print("    actors with exactly one contact:", ", ".join(res["single_contact_actors"]))
    print(f"(f) stale skills (confirmed before {as_of.year - 2}-{as_of.month:02d}-{as_of.day:02d}):",
          res["stale_skills"], "; without a date:", res["skills_without_date"])
    print("(g) silos (item, only department holding it, unit in another department needing it):", res["silos"])
    print("(h) issues without linked knowledge:", ", ".join(res["issues_without_knowledge"]))
