"""Synthetic organisations of any size in the kgraph input format.

``generate(out, persons=N, seed=S)`` writes one CSV file per table (see
``/work/shared/FORMAT.md``) into ``out``.  The output is a pure function of
``persons`` and ``seed``: every random choice comes from one
``random.Random(seed)`` and every date is relative to the fixed reference date
:data:`REFERENCE_DATE` (2026-01-01), never to today.

Structure (what the analyses are meant to find):

* regular teams of 6–15 persons (fewer only when the whole organisation is
  smaller than 6), leaf departments of 5–15 regular teams (fewer only when
  there are fewer than 5 teams), grouped into parent departments of 2–8
  children until at most 6 top departments remain; there are always at least
  two levels;
* every department has a management team ``MT <department>``: for a leaf
  department its members are the leads of its teams, for a parent department
  the heads (MT leads) of its child departments; so leads are vertical linking
  pins;
* about 1 % of the staff (at least 3) is a member of a second regular team
  (lateral pins);
* ties: each person reports a tie to each teammate with probability 1/2 (so
  about 3/4 of the teammate pairs are tied), 2–6 ties across teams (60 % within
  the same department), leads 3–6 extra ties to other leads; MT members are
  tied to their head;
* knowledge with a taxonomy, skills, needs, planned departures, external
  actors, issues, dated positions, contacts, actor ties, knowledge–issue links
  and signals.
"""

from __future__ import annotations

import csv
import math
import random
from bisect import bisect_right
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Callable

from .model import model

__all__ = ["generate", "TABLES", "COLUMNS", "REFERENCE_DATE"]

REFERENCE_DATE = date(2026, 1, 1)
_REF = REFERENCE_DATE.toordinal()

#: the input tables and their columns, in the schema's order (English headers)
COLUMNS: dict[str, list[str]] = {name: [c.name for c in t.columns] for name, t in model().tables.items()}
TABLES: tuple[str, ...] = tuple(COLUMNS)

KNOWLEDGE_KINDS = ("skill", "topic", "procedure", "system", "document", "best_practice", "lesson_learned")
ACTOR_KINDS = ("residents", "business", "civil_society", "government", "media", "politics", "education", "other")
TIE_KINDS = ("advice", "collaboration", "information")
ACTOR_TIE_KINDS = ("alliance", "conflict", "member", "funds", "other")
CHANNELS = ("complaint", "idea", "evaluation", "survey", "interview", "focus_group", "observation", "media")

# --------------------------------------------------------------------------- vocabularies
_FIRST = (
    "Anna Bram Carla Daan Eva Fleur Gert Hanna Iris Jan Joost Karin Lars Lotte Maarten Marieke "
    "Noah Noor Olaf Petra Quinten Ruben Sanne Sem Tessa Thijs Ursula Vera Willem Yara Zoë Bas "
    "Ilse Koen Linda Mohamed Fatima Emre Ayşe Priya Jeroen Mirjam Sven Esther Ricardo Lieke "
    "Hendrik Femke Stijn Wendy Youssef Nadia Tim Roos Dirk Inge Mark Sophie Pieter Julia"
).split()
_LAST = (
    "Jansen de|Vries van|den|Berg Bakker Visser Smit Meijer de|Boer Mulder de|Groot Bos Vos "
    "Peters Hendriks van|Leeuwen Dekker Brouwer de|Wit Dijkstra Smits de|Graaf van|der|Meer "
    "Kok Jacobs de|Haan Vermeulen van|den|Heuvel van|der|Veen van|den|Broek Schouten "
    "Willems van|Dijk Hoekstra Koster Prins Huisman Kuipers van|Wijk Yılmaz El|Amrani Öztürk "
    "Peeters Verhoeven Maas Kramer Hermans Postma Blom van|Beek Timmermans"
).split()
_LAST = [x.replace("|", " ") for x in _LAST]
_DOMAINS = (
    "Ruimte Wonen Mobiliteit Economie Milieu Vergunningen Handhaving Groen Wegen Water Afval "
    "Zorg Jeugd Onderwijs Inkomen Werk Schulden Welzijn Sport Cultuur Klantcontact Burgerzaken "
    "Belastingen Informatie Financiën Personeel Facilitair Communicatie Juridisch Veiligheid "
    "Strategie Inkoop Archief Data Energie Erfgoed Projecten Beheer Regie Control"
).split()
_TOP_WORDS = ("Fysiek Domein", "Sociaal Domein", "Dienstverlening", "Bedrijfsvoering", "Publiekszaken",
              "Concernstaf", "Uitvoering", "Beleid en Regie")
_TEAM_WORDS = ("Advies", "Uitvoering", "Beleid", "Beheer", "Projecten", "Regie", "Noord", "Zuid", "Oost",
               "West", "Centrum", "Backoffice", "Frontoffice", "Specialisten", "Ondersteuning")
_FUNCTIONS = (
    "beleidsmedewerker", "senior beleidsadviseur", "medewerker", "adviseur", "specialist", "consulent",
    "projectleider", "coördinator", "juridisch medewerker", "administratief medewerker",
    "data-analist", "toezichthouder", "regisseur", "casemanager",
)
_LOCATIONS = ("Stadhuis", "Gemeentewerf", "Servicepunt Noord", "Servicepunt Zuid", "Wijkcentrum",
              "Milieustraat", "Thuiswerkplek")
_SUBJECTS = (
    "omgevingsrecht ruimtelijke-ordening vergunningverlening handhaving bodem geluid natuur stikstof "
    "klimaatadaptatie energietransitie warmtenet woningbouw grondbeleid parkeren verkeer riolering groenbeheer "
    "afval begraafplaatsen erfgoed archeologie economie toerisme markten evenementen horeca "
    "Wmo jeugdhulp leerplicht participatie bijstand schuldhulp inburgering statushouders mantelzorg "
    "armoede sport gezondheid klantcontact klachten burgerzaken reisdocumenten verkiezingen belastingen "
    "WOZ basisregistraties archivering privacy informatiebeveiliging datakwaliteit dashboarding "
    "zaakgericht-werken begroting treasury inkoop aanbesteding subsidies bezwaar Woo communicatie "
    "crisisbeheersing ondermijning personeelsplanning verzuim werving facilitair projectmanagement "
    "procesbegeleiding onderhandelen leidinggeven"
).split()
_SUBJECTS = tuple(s.replace("-", " ") for s in _SUBJECTS)
_KIND_NAME = {
    "skill": "{s}",
    "topic": "{s}",
    "procedure": "procedure {s}",
    "system": "registratiesysteem {s}",
    "document": "handboek {s}",
    "best_practice": "werkwijze {s}",
    "lesson_learned": "lessons learned {s}",
}
_PLACES = ("Noordveld", "Oosterhoek", "Zandwijk", "De Kolk", "Westerbroek", "Heuvelrode", "Beekdal",
           "Molenhoek", "Eikendonk", "Lindenhof", "Vlasakker", "Kerkdorp")
_ACTOR_NAMES = {
    "residents": ("Dorpsraad {p}", "Bewonersvereniging {p}", "Buurtcomité {p}", "Huurdersvereniging {p}"),
    "business": ("Ondernemersvereniging {p}", "Bouwbedrijf {p} BV", "Agrarisch Collectief {p}", "Projectontwikkelaar {p}"),
    "civil_society": ("Stichting Welzijn {p}", "Energiecoöperatie {p}", "Natuurvereniging {p}", "Voedselbank {p}"),
    "government": ("Gemeente {p}", "Waterschap {p}", "Provincie {p}", "Veiligheidsregio {p}"),
    "media": ("Omroep {p}", "Dagblad {p}", "Weekblad {p}"),
    "politics": ("Lokaal Belang {p}", "Groen {p}", "Dorpenlijst {p}", "Liberaal {p}"),
    "education": ("Basisschool {p}", "College {p}", "Kinderopvang {p}"),
    "other": ("Zorggroep {p}", "Historische Vereniging {p}", "Sportclub {p}"),
}
_ISSUE_NAMES = ("Windpark {p}", "Woningbouwlocatie {p}", "Opvanglocatie {p}", "Centrumplan {p}",
                "Bezuinigingen {p}", "Aardgasvrije wijk {p}", "Parkeerbeleid {p}", "Zonnepark {p}",
                "Reconstructie {p}", "Sporthal {p}")
_ISSUE_STATUS = ("verkenning", "in procedure", "besluitvorming", "uitvoering", "afgerond")
_SIGNAL_TEXT = (
    "Bewoners maken zich zorgen over {i}.",
    "Positieve reacties op de informatieavond over {i}.",
    "Klacht over de communicatie rond {i}.",
    "Idee: betrek de buurt eerder bij {i}.",
    "Artikel over {i}: kritiek op de planning.",
    "Enquête: meerderheid steunt {i} onder voorwaarden.",
    "Ondernemers vragen duidelijkheid over {i}.",
)


# --------------------------------------------------------------------------- helpers
def _sizes(rng: random.Random, total: int, lo: int, hi: int, mean: float) -> list[int]:
    """Split ``total`` into parts of ``lo``..``hi`` (one smaller part only if total < lo)."""
    if total <= 0:
        return []
    if total < lo:
        return [total]
    n = round(total / mean)
    n = max(n, math.ceil(total / hi))
    n = min(n, total // lo)
    n = max(n, 1)
    sizes = [rng.randint(lo, hi) for _ in range(n)]
    diff = total - sum(sizes)
    while diff > 0:
        i = rng.randrange(n)
        if sizes[i] < hi:
            step = min(diff, hi - sizes[i], rng.randint(1, 3))
            sizes[i] += step
            diff -= step
    while diff < 0:
        i = rng.randrange(n)
        if sizes[i] > lo:
            step = min(-diff, sizes[i] - lo, rng.randint(1, 3))
            sizes[i] -= step
            diff += step
    return sizes


def _d(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


class _Writer:
    def __init__(self, out: Path, progress: Callable[[int, int, str], None] | None):
        self.out = out
        self.progress = progress
        self.counts: dict[str, int] = {}

    def write(self, table: str, rows: list) -> None:
        with open(self.out / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(COLUMNS[table])
            w.writerows(rows)
        self.counts[table] = len(rows)
        if self.progress is not None:
            self.progress(len(self.counts), len(TABLES), table)


# --------------------------------------------------------------------------- main entry
def generate(out, *, persons: int, seed: int = 0,
             progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Write a synthetic organisation of ``persons`` staff into folder ``out``.

    Existing kgraph table files in ``out`` are overwritten; other files are left
    alone.  Returns the number of data rows written per table.
    """
    persons = int(persons)
    if persons < 1:
        raise ValueError("persons must be at least 1")
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    wr = _Writer(out, progress)
    N = persons
    pw = max(4, len(str(N)))

    # ---------------------------------------------------------------- structure
    team_sizes = _sizes(rng, N, 6, 15, 10.5)
    T = len(team_sizes)
    leaf_sizes = _sizes(rng, T, 5, 15, 9.0)

    # department tree, built bottom-up; nodes are dicts
    leaves = []
    t0 = 0
    for s in leaf_sizes:
        leaves.append({"teams": list(range(t0, t0 + s)), "children": [], "parent": None})
        t0 += s
    level = leaves
    depth = 1
    while len(level) > 6 or depth == 1:
        groups = _sizes(rng, len(level), 2, 8, 4.5) if len(level) >= 2 else [1]
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
    tops = level
    # ids top-down (breadth first)
    depts: list[dict] = []
    queue = list(tops)
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
    top_i = mid_i = leaf_i = 0
    for node in depts:
        if node["parent"] is None:
            base = _TOP_WORDS[top_i % len(_TOP_WORDS)]
            node["name"] = f"Directie {base}" + (f" {top_i // len(_TOP_WORDS) + 1}" if top_i >= len(_TOP_WORDS) else "")
            top_i += 1
        elif node["children"]:
            base = _DOMAINS[mid_i % len(_DOMAINS)]
            node["name"] = f"Cluster {base}" + (f" {mid_i // len(_DOMAINS) + 1}" if mid_i >= len(_DOMAINS) else "")
            mid_i += 1
        else:
            base = _DOMAINS[leaf_i % len(_DOMAINS)]
            node["name"] = f"Afdeling {base}" + (f" {leaf_i // len(_DOMAINS) + 1}" if leaf_i >= len(_DOMAINS) else "")
            node["domain"] = base
            leaf_i += 1

    n_mt = len(depts)
    tw = max(4, len(str(T + n_mt)))
    team_ids = [f"T{i + 1:0{tw}d}" for i in range(T + n_mt)]
    team_dept = [0] * T
    for node in leaves:
        for t in node["teams"]:
            team_dept[t] = node["idx"]
    team_names = []
    for node in leaves:
        for j, t in enumerate(node["teams"]):
            word = _TEAM_WORDS[j % len(_TEAM_WORDS)]
            suffix = f" {j // len(_TEAM_WORDS) + 1}" if j >= len(_TEAM_WORDS) else ""
            team_names.append((t, f"Team {node['domain']} {word}{suffix}"))
    team_names = [n for _, n in sorted(team_names)]

    # persons -> teams
    perm = list(range(N))
    rng.shuffle(perm)
    team_members: list[list[int]] = []
    i = 0
    for s in team_sizes:
        team_members.append(perm[i:i + s])
        i += s
    person_team = [0] * N
    for t, mem in enumerate(team_members):
        for p in mem:
            person_team[p] = t
    leads = [mem[0] for mem in team_members]
    is_lead = [False] * N
    for p in leads:
        is_lead[p] = True

    # management teams: team index T + dept idx
    mt_members: list[list[int]] = [[] for _ in depts]
    head = [0] * len(depts)
    for node in reversed(depts):  # children before parents
        if node["children"]:
            mem = [head[c["idx"]] for c in node["children"]]
        else:
            mem = [leads[t] for t in node["teams"]]
        mt_members[node["idx"]] = mem
        head[node["idx"]] = rng.choice(mem)

    wr.write("departments", [[n["id"], n["name"], n["parent"]["id"] if n["parent"] else ""] for n in depts])
    team_rows = [[team_ids[t], team_names[t], depts[team_dept[t]]["id"]] for t in range(T)]
    team_rows += [[team_ids[T + n["idx"]], f"MT {n['name']}", n["id"]] for n in depts]
    wr.write("teams", team_rows)

    # ---------------------------------------------------------------- persons
    pid = [f"P{i + 1:0{pw}d}" for i in range(N)]
    start = [0] * N
    leave = [""] * N
    rows = []
    team_loc = [rng.choice(_LOCATIONS) for _ in range(T)]
    for p in range(N):
        first = rng.choice(_FIRST)
        last = rng.choice(_LAST)
        t = person_team[p]
        func = f"teamleider {team_names[t][5:]}" if is_lead[p] else \
            f"{rng.choice(_FUNCTIONS)} {depts[team_dept[t]]['domain'].lower()}"
        start[p] = _REF - rng.randint(30, 38 * 365)
        if rng.random() < 0.04:
            leave[p] = _d(_REF + rng.randint(1, 3 * 365))
        email = f"{first}.{last}".lower().replace(" ", "") + f".{p + 1}@org.example"
        rows.append([pid[p], f"{first} {last}", email, func, team_loc[t], _d(start[p]), leave[p]])
    wr.write("persons", rows)

    # ---------------------------------------------------------------- memberships
    def since(p: int) -> str:
        return _d(rng.randint(start[p], _REF - 1))

    rows = []
    for t, mem in enumerate(team_members):
        for j, p in enumerate(mem):
            rows.append([pid[p], team_ids[t], "lead" if j == 0 else "member", since(p), ""])
    # lateral pins: a second regular team
    second_team: dict[int, int] = {}
    if T >= 2:
        n_lat = max(3, N // 100)
        tries = 0
        while len(second_team) < n_lat and tries < n_lat * 20:
            tries += 1
            p = rng.randrange(N)
            if is_lead[p] or p in second_team:
                continue
            t = person_team[p]
            same = depts[team_dept[t]]["teams"]
            if len(same) > 1 and rng.random() < 0.7:
                t2 = rng.choice(same)
            else:
                t2 = rng.randrange(T)
            if t2 == t:
                continue
            second_team[p] = t2
            team_members[t2].append(p)
            rows.append([pid[p], team_ids[t2], "member", since(p), ""])
    for node in depts:
        h = head[node["idx"]]
        for p in mt_members[node["idx"]]:
            rows.append([pid[p], team_ids[T + node["idx"]], "lead" if p == h else "member", since(p), ""])
    wr.write("memberships", rows)

    # ---------------------------------------------------------------- ties
    dept_persons: list[list[int]] = [[] for _ in depts]
    for t in range(T):
        dept_persons[team_dept[t]].extend(team_members[t][: team_sizes[t]])
    rows = []
    rnd = rng.random
    ri = rng.randint
    kinds_w = list(accumulate((0.3, 0.45, 0.25)))

    def kind() -> str:
        return TIE_KINDS[bisect_right(kinds_w, rnd() * kinds_w[-1])]

    for t, mem in enumerate(team_members):
        for p in mem:
            for q in mem:
                if q != p and rnd() < 0.5:
                    rows.append([pid[p], pid[q], kind(), ri(1, 5)])
    for p in range(N):
        t = person_team[p]
        own = team_members[t]
        dp = dept_persons[team_dept[t]]
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
    for p in leads:
        for _ in range(ri(3, 6)):
            q = rng.choice(leads)
            if q != p:
                rows.append([pid[p], pid[q], kind(), ri(1, 5)])
    for node in depts:
        h = head[node["idx"]]
        for p in mt_members[node["idx"]]:
            if p != h:
                rows.append([pid[p], pid[h], "advice" if rnd() < 0.5 else "information", ri(2, 5)])
    # de-duplicate (source, target, kind) while keeping order
    seen = set()
    ties = []
    for r in rows:
        key = (r[0], r[1], r[2])
        if key not in seen:
            seen.add(key)
            ties.append(r)
    del seen, rows
    wr.write("ties", ties)
    del ties

    # ---------------------------------------------------------------- knowledge
    K = max(60, N // 4)
    kw = max(4, len(str(K)))
    kid = [f"K{i + 1:0{kw}d}" for i in range(K)]
    n_roots = max(8, K // 25)
    kinds = []
    rows = []
    used_names: dict[str, int] = {}
    for i in range(K):
        if i < n_roots:
            kd = "topic"
            broader = ""
        else:
            kd = rng.choices(KNOWLEDGE_KINDS, weights=(30, 20, 15, 10, 10, 8, 7))[0]
            broader = kid[rng.randrange(i)] if rnd() < 0.85 else ""
        kinds.append(kd)
        subj = _SUBJECTS[i % len(_SUBJECTS)] if i < len(_SUBJECTS) else rng.choice(_SUBJECTS)
        name = _KIND_NAME[kd].format(s=subj)
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
        upd = _d(_REF - ri(0, 5 * 365)) if rnd() < 0.6 else ""
        rows.append([kid[i], name, kd, broader, syn, desc, url, upd])
    wr.write("knowledge", rows)

    # popularity (Zipf-like, in shuffled order so the taxonomy roots are not the only popular ones)
    order = list(range(K))
    rng.shuffle(order)
    pop_w = [0.0] * K
    for rank, k in enumerate(order):
        pop_w[k] = 1.0 / (rank + 1) ** 0.9
    cum = list(accumulate(pop_w))
    total_w = cum[-1]

    def pick_item() -> int:
        return min(bisect_right(cum, rnd() * total_w), K - 1)

    team_focus = []
    for t in range(T):
        f = []
        while len(f) < 8:
            k = pick_item()
            if k not in f:
                f.append(k)
        team_focus.append(f)

    # ---------------------------------------------------------------- skills
    rows = []
    levels_cum = list(accumulate((10, 20, 30, 25, 15)))
    sources = ("self", "manager", "certificate", "assessment")
    for p in range(N):
        focus = team_focus[person_team[p]]
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
            conf = "" if rnd() < 0.1 else _d(_REF - ri(1, 4 * 365))
            rows.append([pid[p], kid[k], min(lvl, 5), conf, sources[ri(0, 3)]])
    wr.write("skills", rows)

    # ---------------------------------------------------------------- needs
    rows = []
    for t in range(T):
        for k in rng.sample(team_focus[t], ri(2, 5)):
            rows.append([team_ids[t], kid[k], ri(2, 4), ri(1, 3), ri(1, 3)])
    for node in tops:
        for _ in range(ri(1, 2)):
            rows.append([node["id"], kid[pick_item()], ri(3, 4), ri(2, 5), ri(2, 3)])
    wr.write("needs", rows)

    # ---------------------------------------------------------------- actors and issues
    A = max(20, N // 25)
    aw = max(3, len(str(A)))
    aid = [f"A{i + 1:0{aw}d}" for i in range(A)]
    power = []
    rows = []
    for i in range(A):
        kd = ACTOR_KINDS[i % len(ACTOR_KINDS)] if i < len(ACTOR_KINDS) else rng.choice(ACTOR_KINDS)
        place = rng.choice(_PLACES)
        name = rng.choice(_ACTOR_NAMES[kd]).format(p=place) + (f" ({i + 1})" if i >= 40 else "")
        pw_ = ri(1, 5)
        power.append(pw_)
        rows.append([aid[i], name, kd, f"{kd.replace('_', ' ')} in {place}", pw_, ri(1, 5), ri(1, 5)])
    wr.write("actors", rows)

    I = max(5, N // 500)
    iw = max(3, len(str(I)))
    iid = [f"I{i + 1:0{iw}d}" for i in range(I)]
    issue_names = []
    rows = []
    for i in range(I):
        name = _ISSUE_NAMES[i % len(_ISSUE_NAMES)].format(p=_PLACES[(i // len(_ISSUE_NAMES) + i) % len(_PLACES)])
        if i >= len(_ISSUE_NAMES) * len(_PLACES) // 2:
            name += f" ({i + 1})"
        issue_names.append(name)
        rows.append([iid[i], name, f"Dossier {name.lower()}.", rng.choice(_ISSUE_STATUS)])
    wr.write("issues", rows)

    # positions: a subset of actor-issue pairs, 1-3 dated rows each
    rows = []
    start_pos = date(2024, 1, 1).toordinal()
    span = _REF - 1 - start_pos
    for a in range(A):
        if rnd() < 0.2:
            continue
        for i in rng.sample(range(I), min(I, ri(1, 3))):
            stance = ri(-2, 2)
            n = ri(1, 3)
            dates = sorted(rng.sample(range(span), n))
            for dd in dates:
                stance = max(-2, min(2, stance + rng.choice((-1, 0, 0, 1))))
                infl = max(1, min(5, power[a] + rng.choice((-1, 0, 0, 1))))
                rows.append([aid[a], iid[i], stance, infl, ri(1, 5), _d(start_pos + dd),
                             rng.choice(("interview", "media", "overleg", "zienswijze"))])
    wr.write("positions", rows)

    # contacts: some actors none, some exactly one
    rows = []
    c_start = date(2024, 1, 1).toordinal()
    for a in range(A):
        r = rnd()
        n = 0 if r < 0.15 else 1 if r < 0.35 else ri(2, 5)
        ps = rng.sample(range(N), min(n, N))
        for j, p in enumerate(ps):
            rows.append([pid[p], aid[a], ri(1, 5), "yes" if j == 0 else "no", _d(ri(c_start, _REF - 1))])
    wr.write("contacts", rows)

    rows = []
    pairs = set()
    for _ in range(A):
        a, b = rng.sample(range(A), 2)
        if (a, b) in pairs:
            continue
        pairs.add((a, b))
        rows.append([aid[a], aid[b], rng.choices(ACTOR_TIE_KINDS, weights=(40, 20, 15, 10, 15))[0]])
    wr.write("actor_ties", rows)

    rows = []
    for i in range(I):
        for k in sorted(rng.sample(range(K), min(K, ri(2, 6)))):
            rows.append([kid[k], iid[i]])
    wr.write("knowledge_issues", rows)

    rows = []
    for i in range(I):
        for p in rng.sample(range(N), min(N, ri(1, 2))):
            rows.append([pid[p], iid[i]])
    for k in range(K):
        if rnd() < 0.3:
            rows.append([pid[rng.randrange(N)], kid[k]])
    wr.write("responsibilities", rows)

    # ---------------------------------------------------------------- signals
    rows = []
    n_sig = max(30, N // 20)
    for _ in range(n_sig):
        i = rng.randrange(I)
        a = aid[rng.randrange(A)] if rnd() < 0.7 else ""
        s = ri(-2, 2)
        text = rng.choice(_SIGNAL_TEXT).format(i=issue_names[i])
        rows.append([_d(start_pos + rng.randrange(span)), rng.choice(CHANNELS), a, iid[i], s, text])
    rows.sort(key=lambda r: r[0])
    wr.write("signals", rows)

    return dict(wr.counts)


def _main(argv: list[str] | None = None) -> None:  # pragma: no cover - convenience
    import argparse
    import time

    ap = argparse.ArgumentParser(description="Generate a synthetic kgraph dataset.")
    ap.add_argument("out")
    ap.add_argument("--persons", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ns = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = generate(ns.out, persons=ns.persons, seed=ns.seed)
    print(counts, f"{time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":  # pragma: no cover
    _main()
