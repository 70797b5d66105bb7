"""Ties between persons: writes the table ``ties``.

Teammates are tied with probability 0.55 (everybody to at least two teammates), MT
members report to their head, and everybody outside the isolated teams and the heads has
1–4 ties across teams (55 % in the own department, 25 % in the own directorate).
"""

from __future__ import annotations

from collections import defaultdict

from kgraph.synthetic.enums import value, values, weights

from .context import Demo, Person

KINDS = values("ties", "kind")
KIND_WEIGHTS = weights("ties", "kind", {"advice": 3, "collaboration": 5, "information": 2})
ADVICE, INFORMATION = value("ties", "kind", "advice"), value("ties", "kind", "information")


def build(demo: Demo) -> None:
    rng = demo.rng
    ties: dict[tuple[str, str], list] = {}

    def tie(a: Person, b: Person, kind: str | None = None, weight: int | None = None) -> None:
        if a is b or (a["id"], b["id"]) in ties:
            return
        ties[(a["id"], b["id"])] = [a["id"], b["id"], kind or rng.choices(KINDS, weights=KIND_WEIGHTS)[0],
                                    weight or rng.randint(1, 5)]

    for mem in demo.members.values():
        for a in mem:
            for b in mem:
                if a is not b and rng.random() < 0.55:
                    tie(a, b)
        for a in mem:  # everybody at least two teammates
            mates = [b for b in mem if b is not a and ((a["id"], b["id"]) in ties or (b["id"], a["id"]) in ties)]
            others = [b for b in mem if b is not a and b not in mates]
            rng.shuffle(others)
            for b in others[: max(0, 2 - len(mates))]:
                tie(a, b)
    for mem in demo.mt_members.values():
        head = mem[0]
        for p in mem[1:]:
            tie(p, head, rng.choice((ADVICE, INFORMATION)), rng.randint(3, 5))
            if rng.random() < 0.6:
                tie(head, p, INFORMATION, rng.randint(2, 4))
        for a in mem[1:]:
            for b in mem[1:]:
                if a is not b and rng.random() < 0.3:
                    tie(a, b)
    _across_teams(demo, ties, tie)
    demo.tables["ties"] = list(ties.values())


def _across_teams(demo: Demo, ties: dict, tie) -> None:
    rng = demo.rng
    org = demo.data("organisation")
    dept_of_team = {t["id"]: t["department"] for t in org["teams"]}
    roots = {d["id"] for d in org["departments"] if not d["parent"]}
    # the directorate: a department right below the root, or the parent of one further down
    top_of = {d["id"]: d["id"] if not d["parent"] or d["parent"] in roots else d["parent"]
              for d in org["departments"]}
    head_ids = {p["id"] for p in demo.heads.values()}
    regular = [p for p in demo.persons if p["id"] not in demo.isolated and p["id"] not in head_ids]
    by_dept, by_top = defaultdict(list), defaultdict(list)
    for p in regular:
        dep = dept_of_team[p["teams"][0]]
        by_dept[dep].append(p)
        by_top[top_of[dep]].append(p)
    for p in regular:
        dep = dept_of_team[p["teams"][0]]
        k = rng.randint(1, 4)
        made = 0
        for _ in range(20):
            if made >= k:
                break
            r = rng.random()
            if r < 0.55:
                q = rng.choice(by_dept[dep])
            elif r < 0.8:
                q = rng.choice(by_top[top_of[dep]])
            else:
                q = rng.choice(regular)
            if q is p or set(q["teams"]) & set(p["teams"]) or (p["id"], q["id"]) in ties:
                continue
            tie(p, q, None, rng.randint(1, 4))
            made += 1
