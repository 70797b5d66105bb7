"""Persons and their memberships.

Every person has a name, an e-mail address, a function and a start date; about 4 %
leave within three years of the reference date. Memberships: one per own team (the
team's first member leads it), about 1 % of the staff (at least 3) also in a second
regular team (lateral linking pins), and every MT member in the MT, led by its head.
"""

from __future__ import annotations

from .draft import REF, Draft, Writer, day
from .enums import value
from .vocabulary import FIRST, FUNCTIONS, LAST, LOCATIONS

__all__ = ["build", "LEAD", "MEMBER"]

LEAD = value("memberships", "role", "lead")
MEMBER = value("memberships", "role", "member")


def build(d: Draft, wr: Writer) -> None:
    """Write ``persons`` and ``memberships``; sets ``d.pid`` and ``d.start``."""
    wr.write("persons", _persons(d))
    wr.write("memberships", _memberships(d))


def _persons(d: Draft) -> list[list]:
    rng, N, T = d.rng, d.n, d.n_teams
    pw = max(4, len(str(N)))
    d.pid = pid = [f"P{i + 1:0{pw}d}" for i in range(N)]
    d.start = start = [0] * N
    rows = []
    team_loc = [rng.choice(LOCATIONS) for _ in range(T)]
    for p in range(N):
        first = rng.choice(FIRST)
        last = rng.choice(LAST)
        t = d.person_team[p]
        func = f"teamleider {d.team_names[t][5:]}" if d.is_lead[p] else \
            f"{rng.choice(FUNCTIONS)} {d.depts[d.team_dept[t]]['domain'].lower()}"
        start[p] = REF - rng.randint(30, 38 * 365)
        leave = day(REF + rng.randint(1, 3 * 365)) if rng.random() < 0.04 else ""
        email = f"{first}.{last}".lower().replace(" ", "") + f".{p + 1}@org.example"
        rows.append([pid[p], f"{first} {last}", email, func, team_loc[t], day(start[p]), leave])
    return rows


def _memberships(d: Draft) -> list[list]:
    rng, N, T, pid, team_ids = d.rng, d.n, d.n_teams, d.pid, d.team_ids

    def since(p: int) -> str:
        return day(rng.randint(d.start[p], REF - 1))

    rows = []
    for t, mem in enumerate(d.team_members):
        for j, p in enumerate(mem):
            rows.append([pid[p], team_ids[t], LEAD if j == 0 else MEMBER, since(p), ""])
    # lateral pins: a second regular team (they join its member list, not its size)
    second_team: dict[int, int] = {}
    if T >= 2:
        n_lat = max(3, N // 100)
        tries = 0
        while len(second_team) < n_lat and tries < n_lat * 20:
            tries += 1
            p = rng.randrange(N)
            if d.is_lead[p] or p in second_team:
                continue
            t = d.person_team[p]
            same = d.depts[d.team_dept[t]]["teams"]
            if len(same) > 1 and rng.random() < 0.7:
                t2 = rng.choice(same)
            else:
                t2 = rng.randrange(T)
            if t2 == t:
                continue
            second_team[p] = t2
            d.team_members[t2].append(p)
            rows.append([pid[p], team_ids[t2], MEMBER, since(p), ""])
    for node in d.depts:
        h = d.head[node["idx"]]
        for p in d.mt_members[node["idx"]]:
            rows.append([pid[p], team_ids[T + node["idx"]], LEAD if p == h else MEMBER, since(p), ""])
    return rows
