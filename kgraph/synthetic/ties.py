"""Ties between persons (who goes to whom for advice, collaboration, information).

Each person reports a tie to each teammate with probability 1/2 (so about 3/4 of the
teammate pairs are tied), 2–6 ties across teams (60 % within the same department),
leads 3–6 extra ties to other leads; MT members are tied to their head. A
``(source, target, kind)`` triple occurs once.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from .draft import Draft, Writer
from .enums import value, values, weights

__all__ = ["build", "TIE_KINDS"]

#: the tie kinds, in the schema's order, and how often each is drawn
TIE_KINDS = values("ties", "kind")
_KIND_WEIGHTS = weights("ties", "kind", {"advice": 0.3, "collaboration": 0.45, "information": 0.25}, default=0.3)
#: a management-team member's tie to the head is one of these two
_MT_KINDS = (value("ties", "kind", "advice"), value("ties", "kind", "information"))


def build(d: Draft, wr: Writer) -> None:
    """Write ``ties``."""
    rng, N, pid = d.rng, d.n, d.pid
    team_members, person_team = d.team_members, d.person_team
    dept_persons: list[list[int]] = [[] for _ in d.depts]
    for t in range(d.n_teams):
        dept_persons[d.team_dept[t]].extend(team_members[t][: d.team_sizes[t]])
    rows = []
    rnd = rng.random
    ri = rng.randint
    kinds_w = list(accumulate(_KIND_WEIGHTS))

    def kind() -> str:
        return TIE_KINDS[bisect_right(kinds_w, rnd() * kinds_w[-1])]

    for mem in team_members:
        for p in mem:
            for q in mem:
                if q != p and rnd() < 0.5:
                    rows.append([pid[p], pid[q], kind(), ri(1, 5)])
    for p in range(N):
        t = person_team[p]
        own = team_members[t]
        dp = dept_persons[d.team_dept[t]]
        k = ri(2, 6)
        done = set()
        for _ in range(k * 3):
            if len(done) >= k:
                break
            q = rng.choice(dp) if rnd() < 0.6 else rng.randrange(N)
            if q == p or q in done or person_team[q] == t or q in own:
                continue
            done.add(q)
            rows.append([pid[p], pid[q], kind(), ri(1, 4)])
    # leads: extra ties to other leads and within the MT
    leads = d.leads
    for p in leads:
        for _ in range(ri(3, 6)):
            q = rng.choice(leads)
            if q != p:
                rows.append([pid[p], pid[q], kind(), ri(1, 5)])
    for node in d.depts:
        h = d.head[node["idx"]]
        for p in d.mt_members[node["idx"]]:
            if p != h:
                rows.append([pid[p], pid[h], _MT_KINDS[0] if rnd() < 0.5 else _MT_KINDS[1], ri(2, 5)])
    wr.write("ties", _unique(rows))


def _unique(rows: list[list]) -> list[list]:
    """Rows with a new ``(source, target, kind)``, in order.

    >>> _unique([["a", "b", "advice", 1], ["a", "b", "advice", 3], ["a", "b", "information", 2]])
    [['a', 'b', 'advice', 1], ['a', 'b', 'information', 2]]
    """
    seen = set()
    out = []
    for r in rows:
        key = (r[0], r[1], r[2])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
