"""Knowledge: the items with their taxonomy, who holds them (skills), what units need
(needs) and who is responsible for an issue or an item (responsibilities).

Items are Zipf-popular (in shuffled order, so the taxonomy roots are not the only
popular ones); every regular team has 8 focus items its members mostly hold and
needs 2–5 of; every top department needs 1–2 popular items.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from .draft import REF, Draft, Writer, day
from .enums import value, values, weights
from .vocabulary import KIND_NAME, KIND_NAME_DEFAULT, SUBJECTS

__all__ = ["build", "responsibilities", "KNOWLEDGE_KINDS"]

#: the knowledge kinds, in the schema's order, and how often each is drawn
KNOWLEDGE_KINDS = values("knowledge", "kind")
_KIND_WEIGHTS = weights("knowledge", "kind", {"skill": 30, "topic": 20, "procedure": 15, "system": 10,
                                              "document": 10, "best_practice": 8, "lesson_learned": 7}, default=10)
_ROOT_KIND = value("knowledge", "kind", "topic")
_SOURCES = ("self", "manager", "certificate", "assessment")


def build(d: Draft, wr: Writer) -> None:
    """Write ``knowledge``, ``skills`` and ``needs``; sets ``d.kid``."""
    wr.write("knowledge", _items(d))
    pick_item = _popularity(d)
    team_focus = []
    for _ in range(d.n_teams):
        f = []
        while len(f) < 8:
            k = pick_item()
            if k not in f:
                f.append(k)
        team_focus.append(f)
    wr.write("skills", _skills(d, team_focus, pick_item))
    wr.write("needs", _needs(d, team_focus, pick_item))


def _items(d: Draft) -> list[list]:
    rng = d.rng
    rnd, ri = rng.random, rng.randint
    K = max(60, d.n // 4)
    kw = max(4, len(str(K)))
    d.kid = kid = [f"K{i + 1:0{kw}d}" for i in range(K)]
    n_roots = max(8, K // 25)
    rows = []
    used_names: dict[str, int] = {}
    for i in range(K):
        if i < n_roots:
            kd = _ROOT_KIND
            broader = ""
        else:
            kd = rng.choices(KNOWLEDGE_KINDS, weights=_KIND_WEIGHTS)[0]
            broader = kid[rng.randrange(i)] if rnd() < 0.85 else ""
        subj = SUBJECTS[i % len(SUBJECTS)] if i < len(SUBJECTS) else rng.choice(SUBJECTS)
        name = KIND_NAME.get(kd, KIND_NAME_DEFAULT).format(s=subj)
        cnt = used_names.get(name, 0) + 1
        used_names[name] = cnt
        if cnt > 1:
            name = f"{name} ({cnt})"
        syn = ""
        if rnd() < 0.25:
            words = subj.split()
            abbr = "".join(w[0] for w in words).upper() if len(words) > 1 else subj[:4].upper()
            syn = abbr if rnd() < 0.6 else f"{abbr};{subj} (alg.)"
        desc = f"Kennis over {subj}." if rnd() < 0.7 else ""
        url = f"https://intranet.org.example/kennis/{kid[i].lower()}" if rnd() < 0.2 else ""
        upd = day(REF - ri(0, 5 * 365)) if rnd() < 0.6 else ""
        rows.append([kid[i], name, kd, broader, syn, desc, url, upd])
    return rows


def _popularity(d: Draft):
    """A function drawing an item index, Zipf-like (exponent 0.9) over a shuffled order."""
    rng, K = d.rng, len(d.kid)
    rnd = rng.random
    order = list(range(K))
    rng.shuffle(order)
    pop_w = [0.0] * K
    for rank, k in enumerate(order):
        pop_w[k] = 1.0 / (rank + 1) ** 0.9
    cum = list(accumulate(pop_w))
    total_w = cum[-1]

    def pick_item() -> int:
        return min(bisect_right(cum, rnd() * total_w), K - 1)

    return pick_item


def _skills(d: Draft, team_focus: list[list[int]], pick_item) -> list[list]:
    rng, pid, kid = d.rng, d.pid, d.kid
    rnd, ri = rng.random, rng.randint
    rows = []
    levels_cum = list(accumulate((10, 20, 30, 25, 15)))
    for p in range(d.n):
        focus = team_focus[d.person_team[p]]
        n = ri(3, 8)
        mine: list[int] = []
        for _ in range(n * 4):
            if len(mine) >= n:
                break
            k = rng.choice(focus) if rnd() < 0.7 else pick_item()
            if k not in mine:
                mine.append(k)
        for k in mine:
            lvl = bisect_right(levels_cum, rnd() * 100) + 1
            conf = "" if rnd() < 0.1 else day(REF - ri(1, 4 * 365))
            rows.append([pid[p], kid[k], min(lvl, 5), conf, _SOURCES[ri(0, 3)]])
    return rows


def _needs(d: Draft, team_focus: list[list[int]], pick_item) -> list[list]:
    rng, kid = d.rng, d.kid
    ri = rng.randint
    rows = []
    for t in range(d.n_teams):
        for k in rng.sample(team_focus[t], ri(2, 5)):
            rows.append([d.team_ids[t], kid[k], ri(2, 4), ri(1, 3), ri(1, 3)])
    for node in d.tops:
        for _ in range(ri(1, 2)):
            rows.append([node["id"], kid[pick_item()], ri(3, 4), ri(2, 5), ri(2, 3)])
    return rows


def responsibilities(d: Draft, wr: Writer) -> None:
    """Write ``responsibilities``: 1–2 persons per issue, a person for 30 % of the items."""
    rng, N, pid = d.rng, d.n, d.pid
    rows = []
    for i in range(len(d.iid)):
        for p in rng.sample(range(N), min(N, rng.randint(1, 2))):
            rows.append([pid[p], d.iid[i]])
    for k in range(len(d.kid)):
        if rng.random() < 0.3:
            rows.append([pid[rng.randrange(N)], d.kid[k]])
    wr.write("responsibilities", rows)
