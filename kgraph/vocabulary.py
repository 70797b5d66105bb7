"""The words for kgraph's machine values and result columns, in the current language.

Results keep English machine values (``single_holder``, ``key player``) and snake_case
column names: JSON and CSV carry them as they are, so scripts do not depend on the
language. What a person reads (a terminal table, the report, the views) shows them
through :func:`value_label` and :func:`column_label`; :func:`explain` says in plain
words what a measure column means.

>>> from kgraph.i18n import use_language
>>> with use_language("en"):
...     value_label("kind", "single_holder"), column_label("brokerage_total"), value_label("name", "Ann")
('single holder', 'brokerage', 'Ann')
"""

from __future__ import annotations

from typing import Any

from .i18n import N_, _

__all__ = ["VALUES", "value_label", "column_label", "explain", "EXPLAIN", "yes_no", "stance_word"]

_SEVERITY = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
_NODE_KINDS = {
    "Department": N_("Department"), "Team": N_("Team"), "Person": N_("Person"),
    "KnowledgeItem": N_("KnowledgeItem"), "ExternalActor": N_("ExternalActor"), "Issue": N_("Issue"),
    "Signal": N_("Signal"),
    "MEMBER_OF": N_("MEMBER_OF"), "PART_OF": N_("PART_OF"), "KNOWS": N_("KNOWS"), "NEEDS": N_("NEEDS"),
    "WORKS_WITH": N_("WORKS_WITH (as reported, per direction and kind)"), "RESPONSIBLE_FOR": N_("RESPONSIBLE_FOR"), "CONTACT": N_("CONTACT"),
    "POSITION": N_("POSITION"), "ACTOR_TIE": N_("ACTOR_TIE"), "ABOUT": N_("ABOUT"), "BROADER": N_("BROADER"),
    "RAISED_BY": N_("RAISED_BY"), "property": N_("property"),
}
_KINDS = {
    # gaps
    "unmet_need": N_("unmet need"), "single_holder": N_("single holder"), "orphan": N_("orphan"),
    "at_risk": N_("at risk"), "stale": N_("stale"), "silo": N_("silo"), "unlinked_issue": N_("unlinked issue"),
    # what-if
    "lost_coverage": N_("knowledge lost"), "single_holder_new": N_("new single holder"),
    "need_unmet": N_("need no longer met"), "need_worse": N_("need worse off"), "pin_lost": N_("linking pin lost"),
    "articulation_point_lost": N_("articulation point lost"), "articulation_point_new": N_("new articulation point"),
    "bridge_lost": N_("bridge lost"), "bridge_new": N_("new bridge"), "component_split": N_("network splits"),
    "actor_orphaned": N_("actor without contact"),
    # knowledge items and ties (the input format's enums)
    "skill": N_("skill"), "topic": N_("topic"), "procedure": N_("procedure"), "system": N_("system"),
    "document": N_("document"), "best_practice": N_("best practice"), "lesson_learned": N_("lesson learned"),
    "advice": N_("advice"), "collaboration": N_("collaboration"), "information": N_("information"),
    **_NODE_KINDS,
}
_ACTOR_KINDS = {
    "residents": N_("residents"), "business": N_("business"), "civil_society": N_("civil society"),
    "government": N_("government"), "media": N_("media"), "politics": N_("politics"), "education": N_("education"),
    "other": N_("other"),
}

#: column -> {machine value: English words (translated where shown)}
VALUES: dict[str, dict[str, str]] = {
    "kind": _KINDS,
    "severity": _SEVERITY,
    "priority": _SEVERITY,
    "category": {"node": N_("node"), "relation": N_("relation")},
    "formal_pin": {"vertical": N_("vertical"), "lateral": N_("lateral"), "both": N_("vertical and lateral"),
                   "none": N_("none")},
    "action": {"transfer": N_("transfer"), "introduce": N_("introduce")},
    "quadrant": {"key player": N_("key player"), "keep satisfied": N_("keep satisfied"),
                 "keep informed": N_("keep informed"), "monitor": N_("monitor")},
    "salience": {"non-stakeholder": N_("non-stakeholder"), "dormant": N_("dormant"), "discretionary": N_("discretionary"),
                 "demanding": N_("demanding"), "dominant": N_("dominant"), "dangerous": N_("dangerous"),
                 "dependent": N_("dependent"), "definitive": N_("definitive")},
    "match": {"exact": N_("exact"), "synonym": N_("synonym"), "partial": N_("partial"), "fuzzy": N_("similar"),
              "narrower": N_("narrower")},
    "actor_kind": _ACTOR_KINDS,
    "role": {"member": N_("member"), "lead": N_("lead")},
    "setting": {"aggregate_only": N_("aggregate only"), "min_group_size": N_("minimum group size"),
                "pseudonym_key": N_("pseudonym key set"), "lang": N_("language"), "name": N_("organisation name")},
    "value": {"set": N_("set"), "not set": N_("not set")},
    "channel": {"complaint": N_("complaint"), "idea": N_("idea"), "evaluation": N_("evaluation"), "survey": N_("survey"),
                "interview": N_("interview"), "focus_group": N_("focus group"), "observation": N_("observation"),
                "media": N_("media")},
}

#: column names as a table header shows them (the column's key when absent: underscores as spaces)
_COLUMNS = {
    "rank": N_("rank"), "person_id": N_("person id"), "name": N_("name"), "team": N_("team"),
    "department": N_("department"), "formal_pin": N_("formal pin"), "teams": N_("teams"), "connects": N_("connects"),
    "groups_connected": N_("groups connected"), "brokerage_total": N_("brokerage"), "betweenness": N_("betweenness"),
    "betweenness_se": N_("betweenness se"), "constraint": N_("constraint"), "effective_size": N_("effective size"),
    "articulation_point": N_("articulation point"), "components_if_removed": N_("parts if gone"),
    "actors": N_("actors"), "only_contact_for": N_("only contact for"), "score": N_("score"),
    "kind": N_("kind"), "severity": N_("severity"), "subject_id": N_("subject id"), "subject": N_("subject"),
    "unit_id": N_("unit id"), "unit": N_("unit"), "holders": N_("holders"), "required": N_("required"),
    "why": N_("why"), "knowledge_id": N_("knowledge id"), "knowledge": N_("knowledge"), "match": N_("match"),
    "level": N_("level"), "confirmed": N_("confirmed"), "email": N_("email"), "location": N_("location"),
    "path": N_("path"), "before": N_("before"), "after": N_("after"), "action": N_("action"),
    "priority": N_("priority"), "from_id": N_("from id"), "from_name": N_("from"), "to_id": N_("to id"),
    "to_name": N_("to"), "actor_id": N_("actor id"), "actor": N_("actor"), "actor_kind": N_("actor kind"),
    "issue_id": N_("issue id"), "issue": N_("issue"), "stance": N_("stance"), "stance_label": N_("stance (words)"),
    "influence": N_("influence"), "interest": N_("interest"), "date": N_("date"), "source": N_("source"),
    "quadrant": N_("quadrant"), "salience": N_("salience"), "owner": N_("owner"), "n_contacts": N_("contacts"),
    "flags": N_("flags"), "persons": N_("persons"), "knowledge_items": N_("knowledge items"), "needs": N_("needs"),
    "unmet_needs": N_("unmet needs"), "planned_departures": N_("planned departures"),
    "external_contacts": N_("external contacts"), "brokered_pairs": N_("brokered pairs"),
    "privacy_note": N_("privacy note"), "setting": N_("setting"), "value": N_("value"), "category": N_("category"),
    "count": N_("count"), "added": N_("added"), "changed": N_("changed"), "removed": N_("removed"),
    "table": N_("table"), "rows": N_("rows"), "how": N_("how"), "ties_to_a": N_("ties to A"),
    "ties_to_b": N_("ties to B"), "parameters": N_("parameters"), "description": N_("description"),
    "id": N_("id"), "parent": N_("part of"), "members": N_("members"),
}

#: measure columns in plain words: (short, for the line under a table; long, for --explain)
EXPLAIN: dict[str, tuple[str, str]] = {
    "brokerage_total": (N_("pairs of colleagues from different groups this person links"),
                        N_("Brokerage (Gould & Fernandez 1989): how often this person is the one in the middle between "
                           "two colleagues who have no direct tie, counted when the two sit in different teams or "
                           "departments (all five roles together).")),
    "betweenness": (N_("share of shortest routes between colleagues that run through this person"),
                    N_("Betweenness (Freeman 1977): the share of all shortest routes between two colleagues that "
                       "pass through this person, from 0 to 1. High: information between groups depends on them.")),
    "constraint": (N_("low = contacts in separate circles, high = all in one circle"),
                   N_("Constraint (Burt 1992): from 0 to 1; low when a person's contacts do not know each other "
                      "(they bridge structural holes), high when all contacts sit in one closed circle.")),
    "effective_size": (N_("contacts that do not know each other"),
                       N_("Effective size (Burt 1992): the number of a person's contacts minus their redundancy: "
                          "how many separate circles they reach.")),
    "articulation_point": (N_("without this person the network falls apart"),
                           N_("Articulation point: taking this person away splits the network of work ties into "
                              "separate parts; nobody else links them.")),
    "formal_pin": (N_("vertical: leads a team and sits in the group above; lateral: in two teams"),
                   N_("Formal linking pin (Likert 1961): vertical, leads a team and is a member of the group above "
                      "(the management team); lateral, a member of two or more teams.")),
    "quadrant": (N_("what to do with the actor, from influence and interest"),
                 N_("Quadrant (Mendelow 1991): key player (high influence, high interest), keep satisfied (high "
                    "influence), keep informed (high interest), monitor (both low).")),
    "salience": (N_("Mitchell's class from power, legitimacy and urgency"),
                 N_("Salience (Mitchell, Agle & Wood 1997): which of power, legitimacy and urgency an actor has; "
                    "definitive has all three, dormant, discretionary and demanding one.")),
    "influence": (N_("1 (little) to 5 (decisive)"), N_("Influence: the actor's say over the issue, 1 (little) to 5 (decisive).")),
    "interest": (N_("1 (little) to 5 (very high)"), N_("Interest: how much the issue matters to the actor, 1 to 5.")),
    "stance": (N_("-2 strongly against to +2 strongly for"),
               N_("Stance: the actor's current position, from -2 (strongly against) to +2 (strongly for).")),
    "level": (N_("1 novice to 5 expert"), N_("Level: how well the person knows it, from 1 (novice) to 5 (expert).")),
    "holders": (N_("people who know it at the level needed"),
                N_("Holders: present people who know the item at the level the need asks for (default 3).")),
    "required": (N_("holders the need asks for"), N_("Required: the number of holders the unit needs.")),
    "severity": (N_("high, medium or low: how urgent"),
                 N_("Severity: high for what is missing now or in critical needs, medium and low for the rest.")),
    "score": (N_("the ranking's overall weight"),
              N_("Score: the weight the ranking sorts by: formal pin, brokerage, betweenness and being the only "
                 "link or contact together.")),
}


def value_label(column: str, value: Any) -> Any:
    """``value`` of ``column`` in words of the current language (unchanged when it is no machine value)."""
    words = VALUES.get(column)
    if words is None or not isinstance(value, str) or value not in words:
        return value
    return _(words[value])


def column_label(column: str) -> str:
    """The header of ``column`` in the current language."""
    words = _COLUMNS.get(column)
    return _(words) if words else column.replace("_", " ")


def explain(column: str, *, full: bool = False) -> str | None:
    """What a measure column means, in plain words (None for a column that needs no explaining)."""
    texts = EXPLAIN.get(column)
    return None if texts is None else _(texts[1] if full else texts[0])


def yes_no(value: bool) -> str:
    """``yes`` or ``no`` in the current language."""
    return _("yes") if value else _("no")


def stance_word(value: int | None) -> str:
    """The word for a stance (``strongly against`` … ``strongly for``, ``schema/model.toml``) in the current language."""
    from .model import model

    label = model().label("stance", value)
    return _(label) if label else ""
