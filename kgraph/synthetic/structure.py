"""The formal structure: departments and teams, and who sits in which team.

Regular teams of 6–15 persons (fewer only when the whole organisation is smaller
than 6), leaf departments of 5–15 regular teams (fewer only when there are fewer
than 5 teams), grouped into parent departments of 2–8 children until at most 6 top
departments remain, with at least two levels. Every department has a management
team ``MT <department>``: for a leaf department the leads of its teams, for a parent
department the heads of its child departments.
"""

from __future__ import annotations

from .draft import Draft, Writer, sizes
from .vocabulary import DOMAINS, TEAM_WORDS, TOP_WORDS

__all__ = ["build"]


def build(d: Draft, wr: Writer) -> None:
    """Draw the department tree and the teams; write ``departments`` and ``teams``."""
    rng = d.rng
    d.team_sizes = team_sizes = sizes(rng, d.n, 6, 15, 10.5)
    leaves = _tree(d, sizes(rng, len(team_sizes), 5, 15, 9.0))
    _name_departments(d.depts)
    _teams(d, leaves)
    _assign_persons(d)
    _management_teams(d)

    depts, T = d.depts, d.n_teams
    wr.write("departments", [[n["id"], n["name"], n["parent"]["id"] if n["parent"] else ""] for n in depts])
    team_rows = [[d.team_ids[t], d.team_names[t], depts[d.team_dept[t]]["id"]] for t in range(T)]
    team_rows += [[d.team_ids[T + n["idx"]], f"MT {n['name']}", n["id"]] for n in depts]
    wr.write("teams", team_rows)


def _tree(d: Draft, leaf_sizes: list[int]) -> list[dict]:
    """Build the department tree bottom-up; number it top-down. Returns the leaves."""
    leaves = []
    t0 = 0
    for s in leaf_sizes:
        leaves.append({"teams": list(range(t0, t0 + s)), "children": [], "parent": None})
        t0 += s
    level = leaves
    depth = 1
    while len(level) > 6 or depth == 1:
        groups = sizes(d.rng, len(level), 2, 8, 4.5) if len(level) >= 2 else [1]
        parents = []
        i = 0
        for g in groups:
            p = {"teams": [], "children": level[i:i + g], "parent": None}
            for c in p["children"]:
                c["parent"] = p
            parents.append(p)
            i += g
        level = parents
        depth += 1
    d.tops = level
    # ids top-down (breadth first)
    depts: list[dict] = []
    queue = list(level)
    while queue:
        nxt = []
        for node in queue:
            node["idx"] = len(depts)
            depts.append(node)
            nxt.extend(node["children"])
        queue = nxt
    dw = max(3, len(str(len(depts))))
    for node in depts:
        node["id"] = f"D{node['idx'] + 1:0{dw}d}"
    d.depts = depts
    return leaves


def _numbered(words, i: int, prefix: str) -> str:
    base = words[i % len(words)]
    return f"{prefix} {base}" + (f" {i // len(words) + 1}" if i >= len(words) else "")


def _name_departments(depts: list[dict]) -> None:
    top_i = mid_i = leaf_i = 0
    for node in depts:
        if node["parent"] is None:
            node["name"] = _numbered(TOP_WORDS, top_i, "Directie")
            top_i += 1
        elif node["children"]:
            node["name"] = _numbered(DOMAINS, mid_i, "Cluster")
            mid_i += 1
        else:
            node["name"] = _numbered(DOMAINS, leaf_i, "Afdeling")
            node["domain"] = DOMAINS[leaf_i % len(DOMAINS)]
            leaf_i += 1


def _teams(d: Draft, leaves: list[dict]) -> None:
    T = d.n_teams
    tw = max(4, len(str(T + len(d.depts))))
    d.team_ids = [f"T{i + 1:0{tw}d}" for i in range(T + len(d.depts))]
    d.team_dept = [0] * T
    for node in leaves:
        for t in node["teams"]:
            d.team_dept[t] = node["idx"]
    names = []
    for node in leaves:
        for j, t in enumerate(node["teams"]):
            word = TEAM_WORDS[j % len(TEAM_WORDS)]
            suffix = f" {j // len(TEAM_WORDS) + 1}" if j >= len(TEAM_WORDS) else ""
            names.append((t, f"Team {node['domain']} {word}{suffix}"))
    d.team_names = [n for _, n in sorted(names)]


def _assign_persons(d: Draft) -> None:
    """Shuffle the persons into the regular teams; each team's first member leads it."""
    N = d.n
    perm = list(range(N))
    d.rng.shuffle(perm)
    d.team_members = []
    i = 0
    for s in d.team_sizes:
        d.team_members.append(perm[i:i + s])
        i += s
    d.person_team = [0] * N
    for t, mem in enumerate(d.team_members):
        for p in mem:
            d.person_team[p] = t
    d.leads = [mem[0] for mem in d.team_members]
    d.is_lead = [False] * N
    for p in d.leads:
        d.is_lead[p] = True


def _management_teams(d: Draft) -> None:
    """MT members of every department (children before parents) and its head."""
    d.mt_members = [[] for _ in d.depts]
    d.head = [0] * len(d.depts)
    for node in reversed(d.depts):
        if node["children"]:
            mem = [d.head[c["idx"]] for c in node["children"]]
        else:
            mem = [d.leads[t] for t in node["teams"]]
        d.mt_members[node["idx"]] = mem
        d.head[node["idx"]] = d.rng.choice(mem)
