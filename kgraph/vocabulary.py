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

__all__ = ["VALUES", "value_label", "value_words", "change_value", "column_label", "explain", "EXPLAIN", "yes_no", "stance_word"]

_SEVERITY = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
_NODE_KINDS = {
    "Department": N_("Department"), "Team": N_("Team"), "Person": N_("Person"),
    "KnowledgeItem": N_("KnowledgeItem"), "ExternalActor": N_("ExternalActor"), "Issue": N_("Issue"),
    "Signal": N_("Signal"), "Interaction": N_("Interaction"), "TargetGroup": N_("TargetGroup"),
    "Objective": N_("Objective"), "Measurement": N_("Measurement"), "Factor": N_("Factor"),
    "MEMBER_OF": N_("MEMBER_OF"), "PART_OF": N_("PART_OF"), "KNOWS": N_("KNOWS"), "NEEDS": N_("NEEDS"),
    "WORKS_WITH": N_("WORKS_WITH (as reported, per direction and kind)"), "RESPONSIBLE_FOR": N_("RESPONSIBLE_FOR"), "CONTACT": N_("CONTACT"),
    "POSITION": N_("POSITION"), "ACTOR_TIE": N_("ACTOR_TIE"), "ABOUT": N_("ABOUT"), "BROADER": N_("BROADER"),
    "RAISED_BY": N_("RAISED_BY"), "property": N_("property"),
    "HELD_BY": N_("HELD_BY"), "HELD_WITH": N_("HELD_WITH"), "INCLUDES": N_("INCLUDES"),
    "REPRESENTED_BY": N_("REPRESENTED_BY"), "AIMS_AT": N_("AIMS_AT"), "OWNED_BY": N_("OWNED_BY"),
    "MEASURES": N_("MEASURES"), "AFFECTS": N_("AFFECTS"), "FROM_GROUP": N_("FROM_GROUP"),
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
    "actor_orphaned": N_("actor without contact"), "owner_lost": N_("relationship owner leaves"),
    # knowledge items and ties (the input format's enums)
    "skill": N_("skill"), "topic": N_("topic"), "procedure": N_("procedure"), "system": N_("system"),
    "document": N_("document"), "best_practice": N_("best practice"), "lesson_learned": N_("lesson learned"),
    "advice": N_("advice"), "collaboration": N_("collaboration"), "information": N_("information"),
    # interactions (the log of contacts)
    "meeting": N_("meeting"), "call": N_("call"), "letter": N_("letter"), "email": N_("e-mail"), "event": N_("event"),
    "site_visit": N_("site visit"),
    # ties between actors
    "alliance": N_("alliance"), "conflict": N_("conflict"), "member": N_("member"), "funds": N_("funds"),
    "other": N_("other"),
    # changes between two dates (kgraph compare)
    "tie_added": N_("work tie added"), "tie_removed": N_("work tie removed"), "pin_gained": N_("linking pin gained"),
    "cut_point_gained": N_("articulation point gained"),
    "cut_point_lost": N_("articulation point lost"), "gap_opened": N_("gap opened"), "gap_closed": N_("gap closed"),
    "stance_changed": N_("stance changed"), "objective_status_changed": N_("objective status changed"),
    # records the intranet keeps (kgraph forget counts them)
    "record: account": N_("record: account"), "record: survey link": N_("record: survey link"),
    "record: survey answer": N_("record: survey answer"),
    "record: survey answer naming them": N_("record: survey answer naming them"),
    "record: correction request": N_("record: correction request"),
    "record: signed submission": N_("record: signed submission"),
    **_NODE_KINDS,
}
_MODES = {"inform": N_("inform"), "persuade": N_("persuade"), "dialogue": N_("dialogue"), "co_create": N_("co-create")}
_STATUS = {
    # objectives
    "achieved": N_("achieved"), "on_track": N_("on track"), "behind": N_("behind"), "overdue": N_("overdue"),
    "too_few_respondents": N_("too few respondents"), "no_data": N_("no data"),
    # survey waves, follow-ups, requests on the intranet
    "open": N_("open"), "closed": N_("closed"), "done": N_("done"), "rejected": N_("rejected"),
    "dismissed": N_("dismissed"),
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
    "role": {"member": N_("member"), "lead": N_("lead"), "staff": N_("staff"), "analyst": N_("analyst"),
             "admin": N_("administrator")},
    "setting": {"aggregate_only": N_("aggregate only"), "min_group_size": N_("minimum group size"),
                "pseudonym_key": N_("pseudonym key set"), "lang": N_("language"), "name": N_("organisation name")},
    "value": {"set": N_("set"), "not set": N_("not set")},
    "password": {"set": N_("set"), "not set": N_("not set")},
    "channel": {"complaint": N_("complaint"), "idea": N_("idea"), "evaluation": N_("evaluation"), "survey": N_("survey"),
                "customer_satisfaction": N_("customer satisfaction"), "information_need": N_("information need"),
                "interview": N_("interview"), "focus_group": N_("focus group"),
                "mirror_conversation": N_("mirror conversation"), "observation": N_("observation"),
                "media": N_("media")},
    "family": {"continuous": N_("continuous"), "broad": N_("broad"), "depth": N_("in depth"), "media": N_("media")},
    "mode": _MODES, "recommended_mode": _MODES, "modes_used": _MODES,
    # kgraph engage-settings: the mode per stance
    "strongly_against": _MODES, "against": _MODES, "neutral": _MODES, "for": _MODES, "strongly_for": _MODES,
    "status": _STATUS, "follow_up_status": _STATUS,
    "dimension": {"knowledge": N_("knowledge"), "attitude": N_("attitude"), "behaviour": N_("behaviour")},
    "factor_kind": {"political": N_("political"), "economic": N_("economic"), "social": N_("social"),
                    "technological": N_("technological"), "legal": N_("legal"), "environmental": N_("environmental"),
                    "other": N_("other")},
    "target_group_kind": {"residents": N_("residents"), "visitors": N_("visitors"), "business": N_("business"),
                          "staff": N_("staff"), "partners": N_("partners"), "other": N_("other")},
    "questions": {"ties": N_("work ties"), "skills": N_("skills"), "needs": N_("needs")},
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
    "as_of": N_("as of"), "recorded_at": N_("recorded at"), "handover": N_("handover"), "items": N_("items"),
    "table": N_("table"), "rows": N_("rows"), "how": N_("how"), "ties_to_a": N_("ties to A"),
    "ties_to_b": N_("ties to B"), "parameters": N_("parameters"), "description": N_("description"),
    "id": N_("id"), "parent": N_("part of"), "members": N_("members"),
    # the intranet's tables
    "path_description": N_("how you can be introduced"), "hops": N_("steps"),
    # engagement (kgraph engage, interactions, log)
    "recommended_mode": N_("recommended mode"), "modes_used": N_("modes used"), "mode_differs": N_("other mode"),
    "interactions": N_("interactions"), "last_interaction": N_("last interaction"), "last_contact": N_("last contact"),
    "cadence_months": N_("every (months)"), "next_contact": N_("next contact"), "contact_overdue": N_("contact overdue"),
    "blind_spot": N_("blind spot"), "open_follow_ups": N_("open follow-ups"),
    "overdue_follow_ups": N_("overdue follow-ups"), "owner_id": N_("owner id"), "interaction_id": N_("interaction id"),
    "person": N_("person"), "mode": N_("mode"), "summary": N_("summary"), "follow_up": N_("follow-up"),
    "follow_up_due": N_("due"), "done": N_("done"), "follow_up_status": N_("follow-up"),
    "days_overdue": N_("days overdue"), "stance_change": N_("stance change"),
    "strongly_against": N_("strongly against"), "against": N_("against"), "neutral": N_("neutral"), "for": N_("for"),
    "strongly_for": N_("strongly for"),
    "single_contact": N_("single contact"), "stale_contact": N_("stale contact"),
    # monitoring, objectives, factors, changes
    "channel": N_("channel"), "family": N_("family"), "period": N_("period"), "start": N_("start"),
    "mean_sentiment": N_("mean sentiment"), "previous_mean": N_("previous mean"), "spike": N_("spike"),
    "objective_id": N_("objective id"), "indicator": N_("indicator"), "target_group_id": N_("target group id"),
    "target_group": N_("target group"), "target_group_kind": N_("target group kind"), "internal": N_("internal"),
    "group_size": N_("group size"), "dimension": N_("dimension"), "baseline": N_("baseline"),
    "baseline_date": N_("baseline date"), "expected": N_("expected now"), "latest": N_("latest"),
    "latest_date": N_("latest on"), "respondents": N_("respondents"), "margin": N_("margin"), "progress": N_("progress"),
    "status": N_("status"), "measurements": N_("measurements"), "target": N_("target"), "deadline": N_("deadline"),
    "factor_id": N_("factor id"), "factor": N_("factor"), "factor_kind": N_("factor kind"), "effect": N_("effect"),
    "effect_label": N_("effect (words)"), "context_id": N_("context id"), "context": N_("context"),
    "unit_kind": N_("unit kind"),
    # the survey and the intranet's accounts
    "wave": N_("wave"), "questions": N_("questions"), "invited": N_("invited"), "responded": N_("responded"),
    "response_rate": N_("response rate (%)"), "created": N_("created"), "closed": N_("closed"), "role": N_("role"),
    "password": N_("password"), "url": N_("link"), "sso": N_("single sign-on"),
    # derived ties (kgraph ties)
    "source_id": N_("from id"), "target_id": N_("to id"), "weight": N_("weight"), "total": N_("total"),
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
    "recommended_mode": (N_("inform, persuade, dialogue or co-create, from the quadrant and the stance"),
                         N_("Recommended mode (Van Ruler's four modes): how to communicate with the actor, chosen from "
                            "its Mendelow quadrant and its stance (kgraph engage-settings shows the rule).")),
    "spike": (N_("at least 3 signals and twice the mean of the periods before"),
              N_("Spike: a period with at least 3 signals and at least twice the mean of the three periods before "
                 "it.")),
    "mean_sentiment": (N_("-2 very negative to +2 very positive"),
                       N_("Mean sentiment: the average tone of the signals of the period, from -2 (very negative) to "
                          "+2 (very positive); empty when no signal gave one.")),
    "expected": (N_("where the objective should be now, on the line from baseline to target"),
                 N_("Expected now: the value on the straight line from the baseline (at its date) to the target (at "
                    "the deadline), on the date looked at.")),
    "margin": (N_("95 % margin of the latest measurement"),
               N_("Margin: the 95 % margin of error of the latest measurement, from its number of respondents; "
                  "a difference smaller than the margin may be chance.")),
    "effect": (N_("-2 hinders to +2 helps"),
               N_("Effect: what the factor does to the issue, from -2 (hinders strongly) to +2 (helps strongly).")),
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


def value_words(column: str) -> dict[str, str]:
    """Every machine value of ``column`` with its words in the current language.

    >>> from kgraph.i18n import use_language
    >>> with use_language("en"):
    ...     value_words("dimension")["behaviour"]
    'behaviour'
    """
    return {v: _(w) for v, w in VALUES.get(column, {}).items()}


def change_value(kind: str, value: Any) -> Any:
    """The before or after of a change (:func:`kgraph.compare`) in words: the machine values in it
    (a gap's kind, an objective's status, a tie's kind) translated.

    >>> from kgraph.i18n import use_language
    >>> with use_language("en"):
    ...     change_value("gap_opened", "unmet_need: 0 of 1 holders"), change_value("objective_status_changed", "on_track")
    ('unmet need: 0 of 1 holders', 'on track')
    """
    if not isinstance(value, str):
        return value
    if kind in ("gap_opened", "gap_closed"):
        gap, sep, rest = value.partition(": ")
        return value_label("kind", gap) + sep + rest
    if kind == "objective_status_changed":
        return value_label("status", value)
    if kind in ("tie_added", "tie_removed"):
        return value_label("kind", value)
    return value


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
