"""The outside world: external actors, the issues they care about, their dated positions,
the staff's contacts with them, ties between actors, the knowledge each issue needs,
and signals (complaints, ideas, articles ...) about the issues.

Positions, contacts and signals fall in the two years before the reference date. Some
actors have no contact and some exactly one, so the blind-spot analyses find something.
"""

from __future__ import annotations

from datetime import date

from .draft import REF, Draft, Writer, day
from .enums import values, weights
from .vocabulary import ACTOR_NAMES, ACTOR_NAMES_DEFAULT, ISSUE_NAMES, ISSUE_STATUS, PLACES, SIGNAL_TEXT

__all__ = ["build", "signals", "interactions", "ACTOR_KINDS", "ACTOR_TIE_KINDS", "CHANNELS", "INTERACTION_KINDS", "MODES"]

#: enum values drawn from, in the schema's order (with the draw weights where not uniform)
ACTOR_KINDS = values("actors", "kind")
ACTOR_TIE_KINDS = values("actor_ties", "kind")
_ACTOR_TIE_WEIGHTS = weights("actor_ties", "kind", {"alliance": 40, "conflict": 20, "member": 15, "funds": 10,
                                                    "other": 15}, default=15)
CHANNELS = values("signals", "channel")
INTERACTION_KINDS = values("interactions", "kind")
MODES = values("interactions", "mode")

_SINCE = date(2024, 1, 1).toordinal()  # first day of positions, contacts and signals
_SPAN = REF - 1 - _SINCE
_POSITION_SOURCES = ("interview", "media", "overleg", "zienswijze")


def build(d: Draft, wr: Writer) -> None:
    """Write ``actors``, ``issues``, ``positions``, ``contacts``, ``actor_ties`` and
    ``knowledge_issues``; sets ``d.aid``, ``d.iid`` and ``d.issue_names``."""
    power = _actors(d, wr)
    _issues(d, wr)
    _positions(d, wr, power)
    _contacts(d, wr)
    _actor_ties(d, wr)
    rows = []
    K = len(d.kid)
    for i in range(len(d.iid)):
        for k in sorted(d.rng.sample(range(K), min(K, d.rng.randint(2, 6)))):
            rows.append([d.kid[k], d.iid[i]])
    wr.write("knowledge_issues", rows)


def _actors(d: Draft, wr: Writer) -> list[int]:
    """Write ``actors``; returns each actor's power."""
    rng = d.rng
    ri = rng.randint
    A = max(20, d.n // 25)
    aw = max(3, len(str(A)))
    d.aid = aid = [f"A{i + 1:0{aw}d}" for i in range(A)]
    power = []
    rows = []
    for i in range(A):
        kd = ACTOR_KINDS[i % len(ACTOR_KINDS)] if i < len(ACTOR_KINDS) else rng.choice(ACTOR_KINDS)
        place = rng.choice(PLACES)
        name = rng.choice(ACTOR_NAMES.get(kd, ACTOR_NAMES_DEFAULT)).format(p=place) + (f" ({i + 1})" if i >= 40 else "")
        pw_ = ri(1, 5)
        power.append(pw_)
        rows.append([aid[i], name, kd, f"{kd.replace('_', ' ')} in {place}", pw_, ri(1, 5), ri(1, 5)])
    wr.write("actors", rows)
    return power


def _issues(d: Draft, wr: Writer) -> None:
    I = max(5, d.n // 500)
    iw = max(3, len(str(I)))
    d.iid = iid = [f"I{i + 1:0{iw}d}" for i in range(I)]
    d.issue_names = []
    rows = []
    for i in range(I):
        name = ISSUE_NAMES[i % len(ISSUE_NAMES)].format(p=PLACES[(i // len(ISSUE_NAMES) + i) % len(PLACES)])
        if i >= len(ISSUE_NAMES) * len(PLACES) // 2:
            name += f" ({i + 1})"
        d.issue_names.append(name)
        rows.append([iid[i], name, f"Dossier {name.lower()}.", d.rng.choice(ISSUE_STATUS)])
    wr.write("issues", rows)


def _positions(d: Draft, wr: Writer, power: list[int]) -> None:
    """A subset of actor-issue pairs, 1-3 dated rows each, drifting by at most one step."""
    rng, aid, iid = d.rng, d.aid, d.iid
    ri = rng.randint
    I = len(iid)
    rows = []
    for a in range(len(aid)):
        if rng.random() < 0.2:
            continue
        for i in rng.sample(range(I), min(I, ri(1, 3))):
            stance = ri(-2, 2)
            n = ri(1, 3)
            dates = sorted(rng.sample(range(_SPAN), n))
            for dd in dates:
                stance = max(-2, min(2, stance + rng.choice((-1, 0, 0, 1))))
                infl = max(1, min(5, power[a] + rng.choice((-1, 0, 0, 1))))
                rows.append([aid[a], iid[i], stance, infl, ri(1, 5), day(_SINCE + dd),
                             rng.choice(_POSITION_SOURCES)])
    wr.write("positions", rows)


def _contacts(d: Draft, wr: Writer) -> None:
    """Contacts: 15 % of the actors none, 20 % exactly one, the others 2-5."""
    rng, N, pid = d.rng, d.n, d.pid
    ri = rng.randint
    rows = []
    for a in range(len(d.aid)):
        r = rng.random()
        n = 0 if r < 0.15 else 1 if r < 0.35 else ri(2, 5)
        ps = rng.sample(range(N), min(n, N))
        for j, p in enumerate(ps):
            rows.append([pid[p], d.aid[a], ri(1, 5), "yes" if j == 0 else "no", day(ri(_SINCE, REF - 1))])
    wr.write("contacts", rows)
    d.contacts = [(r[0], r[1]) for r in rows]


def _actor_ties(d: Draft, wr: Writer) -> None:
    rng, aid = d.rng, d.aid
    A = len(aid)
    rows = []
    pairs = set()
    for _ in range(A):
        a, b = rng.sample(range(A), 2)
        if (a, b) in pairs:
            continue
        pairs.add((a, b))
        rows.append([aid[a], aid[b], rng.choices(ACTOR_TIE_KINDS, weights=_ACTOR_TIE_WEIGHTS)[0]])
    wr.write("actor_ties", rows)


def signals(d: Draft, wr: Writer) -> None:
    """Write ``signals``: one per 20 persons (at least 30), 70 % from an actor, by date."""
    rng, aid, iid = d.rng, d.aid, d.iid
    rows = []
    for _ in range(max(30, d.n // 20)):
        i = rng.randrange(len(iid))
        a = aid[rng.randrange(len(aid))] if rng.random() < 0.7 else ""
        s = rng.randint(-2, 2)
        text = rng.choice(SIGNAL_TEXT).format(i=d.issue_names[i])
        rows.append([day(_SINCE + rng.randrange(_SPAN)), rng.choice(CHANNELS), a, "", iid[i], s, text])
    rows.sort(key=lambda r: r[0])
    wr.write("signals", rows)


def interactions(d: Draft, wr: Writer) -> None:
    """Write ``interactions``: the year before the reference date, 0-4 per contact (owners more),
    70 % about an issue, a third with a follow-up (most of those due by now are done)."""
    rng, iid = d.rng, d.iid
    rows = []
    for person, actor in d.contacts:
        for _x in range(rng.randint(0, 4)):
            when = REF - 1 - rng.randrange(365)
            issue = iid[rng.randrange(len(iid))] if rng.random() < 0.7 else ""
            follow, due, done = "", "", ""
            if rng.random() < 0.33:
                follow = rng.choice(_FOLLOW_UPS)
                due_day = when + rng.randint(7, 42)
                due, done = day(due_day), "yes" if due_day < REF and rng.random() < 0.75 else "no"
            rows.append([day(when), person, actor, issue, rng.choice(INTERACTION_KINDS), rng.choice(MODES),
                         rng.choice(_SUMMARIES), follow, due, done])
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    wr.write("interactions", rows)


_SUMMARIES = ("Stand van zaken besproken.", "Planning toegelicht.", "Zorgen geïnventariseerd.",
              "Reactie op het voorstel ontvangen.", "Afspraken gemaakt over de volgende stap.")
_FOLLOW_UPS = ("Verslag sturen.", "Terugbellen met antwoord.", "Uitnodigen voor de werksessie.",
               "Notitie delen met het team.")
