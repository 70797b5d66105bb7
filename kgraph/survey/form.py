"""What the survey form shows one respondent, and the answers a posted form holds.

The form works without JavaScript: the roster and the knowledge list are searched on
the server (a search posts the form's current answers back, so nothing is lost), and
the answers travel as plain form fields:

- ``tie.<kind>`` (one per tie kind): the person ids ticked for that question;
- ``level.<knowledge_id>``: ``""`` (no answer) or 0 to 5;
- ``need``: the knowledge ids ticked as lacking in the respondent's team;
- ``item``: the knowledge ids listed (so that an item found by a search stays listed).

>>> fields = [("tie.advice", "P2"), ("tie.information", "P4"), ("level.K-OMGW", "4"), ("level.K-DSO", ""),
...           ("need", "K-DSO"), ("item", "K-OMGW"), ("q", "ben")]
>>> answers_from_fields(fields)
{'ties': [{'target_id': 'P2', 'kind': 'advice'}, {'target_id': 'P4', 'kind': 'information'}], 'skills': [{'knowledge_id': 'K-OMGW', 'level': '4'}], 'needs': [{'knowledge_id': 'K-DSO'}]}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..analysis.whoknows import match_items, normalize
from ..i18n import N_, _
from .answers import LEVELS
from .waves import TIE_KINDS

__all__ = ["answers_from_fields", "form_data", "TIE_QUESTIONS", "LEVEL_WORDS", "MAX_MATCHES"]

#: the roster question of each tie kind (translated where shown)
TIE_QUESTIONS = {
    "advice": N_("Who do you go to for advice?"),
    "collaboration": N_("Who do you work with?"),
    "information": N_("Who keeps you informed?"),
}
#: the words of the levels 0-5 (translated where shown)
LEVEL_WORDS = {0: N_("I do not know this"), 1: N_("1 novice"), 2: N_("2 advanced beginner"), 3: N_("3 competent"),
               4: N_("4 proficient"), 5: N_("5 expert")}
#: most search results listed at once
MAX_MATCHES = 25


def answers_from_fields(fields: Iterable[tuple[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """The answers of a posted form (see the module docstring), not yet checked."""
    ties, skills, needs = [], [], []
    for name, value in fields:
        if name.startswith("tie.") and value:
            ties.append({"target_id": value, "kind": name[4:]})
        elif name.startswith("level.") and value != "":
            skills.append({"knowledge_id": name[6:], "level": value})
        elif name == "need" and value:
            needs.append({"knowledge_id": value})
    return {"ties": ties, "skills": skills, "needs": needs}


def _person_row(org, pid: str) -> dict[str, Any]:
    team = org.home_team(pid)
    dept = org.team_department.get(team) if team else None
    return {"person_id": pid, "name": org.name(pid), "team": org.name(team) if team else "",
            "department": org.name(dept) if dept else ""}


def _search_people(org, query: str, exclude: str) -> list[str]:
    q = normalize(query)
    if not q:
        return []
    hits = []
    for pid in org.present:
        if pid == exclude:
            continue
        name = normalize(org.name(pid))
        team = org.home_team(pid)
        if q in name or (team and q in normalize(org.name(team))):
            hits.append(pid)
    return sorted(hits, key=lambda p: (normalize(org.name(p)), p))


def form_data(org, *, wave: dict[str, Any], person_id: str, answers: dict[str, Any] | None = None,
              people_query: str = "", item_query: str = "", listed_items: Iterable[str] = ()) -> dict[str, Any]:
    """Everything the form shows: the respondent, the questions, the people and items listed.

    Parameters
    ----------
    org : Org
        The organisation on the wave's date.
    wave : dict
        The wave record (its ``questions``).
    person_id : str
        The respondent.
    answers : dict, optional
        The answers so far (the stored response, or what a search posted back); what
        is ticked and rated.
    people_query, item_query : str
        Searches in the roster (names and teams) and in the knowledge items (names,
        synonyms, small typos forgiven, as who-knows matches them).
    listed_items : ids
        Items already listed on the form (they stay).

    Returns
    -------
    dict
        ``respondent``, ``wave``, ``questions``, ``tie_kinds`` (``[(kind, question)]``),
        ``people`` (rows with ``person_id, name, team, department, ticked``: kinds ticked),
        ``people_found`` (how many the search found, None without a search),
        ``knowledge`` (``knowledge_id, name, kind, level, need, team_needs``),
        ``knowledge_found``, ``levels`` (``[(value, words)]``).
    """
    answers = answers or {}
    questions = list(wave.get("questions") or [])
    ticked: dict[str, set[str]] = {}
    for t in answers.get("ties") or []:
        ticked.setdefault(t["target_id"], set()).add(t["kind"])
    present = org.present
    team = org.home_team(person_id)
    listed = [p for p in ticked if p in present and p != person_id]
    team_members = [p for p in org.team_members.get(team, []) if p != person_id] if team else []
    found = _search_people(org, people_query, person_id) if people_query.strip() else []
    people: list[str] = []
    for p in sorted(set(listed) | set(team_members), key=lambda p: (normalize(org.name(p)), p)):
        people.append(p)
    extra = [p for p in found if p not in set(people)][:MAX_MATCHES]
    rows = [{**_person_row(org, p), "ticked": sorted(ticked.get(p, ())), "found": p in extra} for p in people + extra]

    # knowledge: what the team (and its departments) need, what was rated or named, what was listed or found
    units = {team} | set(org.department_ancestors(org.team_department.get(team))) if team else set()
    team_needs = {n.item for n in org.needs if n.unit in units}
    level = {s["knowledge_id"]: int(s["level"]) for s in answers.get("skills") or []}
    needs = {n["knowledge_id"] for n in answers.get("needs") or []}
    items_found: list[str] = []
    if item_query.strip():
        items_found = [k for k in match_items(org.items, item_query)][:MAX_MATCHES]
    ids = [k for k in {*team_needs, *level, *needs, *listed_items, *items_found} if k in org.items]
    if answers.get("skills") is None:  # the first visit: what kgraph holds about the respondent's skills
        level.update({k: org.level(person_id, k) for k in ids if org.level(person_id, k)})
    ids.sort(key=lambda k: (k not in team_needs, k in items_found and k not in team_needs, normalize(org.name(k)), k))
    items = [{"knowledge_id": k, "name": org.name(k), "kind": org.items[k].get("kind", ""),
              "level": level.get(k), "need": k in needs, "team_needs": k in team_needs, "found": k in items_found}
             for k in ids]
    return {
        "respondent": _person_row(org, person_id),
        "wave": wave["wave"],
        "questions": questions,
        "tie_kinds": [(k, _(TIE_QUESTIONS[k])) for k in TIE_KINDS],
        "people": rows,
        "people_found": len(found) if people_query.strip() else None,
        "knowledge": items,
        "knowledge_found": len(items_found) if item_query.strip() else None,
        "levels": [(v, _(LEVEL_WORDS[v])) for v in LEVELS],
    }
