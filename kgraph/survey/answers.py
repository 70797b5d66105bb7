"""What a respondent may send, checked: the same rules for the form and for the JSON route.

Answers are ``{"ties": [{"target_id", "kind"}], "skills": [{"knowledge_id", "level"}],
"needs": [{"knowledge_id", "criticality"?}]}``. A colleague must be present on the
wave's date and not the respondent; a tie kind is ``advice``, ``collaboration`` or
``information``; a level is 0 (I do not know this) to 5 (expert); a knowledge item
must exist. Every problem is collected and reported at once (:class:`AnswerError`);
duplicates are kept once.

>>> from kgraph.examples import example_org
>>> org = example_org()
>>> a = check_answers({"ties": [{"target_id": "P2", "kind": "advice"}, {"target_id": "P2", "kind": "advice"}],
...                    "skills": [{"knowledge_id": "K-WMO", "level": "4"}]}, org=org, respondent="P1",
...                   questions=["ties", "skills", "needs"])
>>> a["ties"], a["skills"], a["needs"]
([{'target_id': 'P2', 'kind': 'advice'}], [{'knowledge_id': 'K-WMO', 'level': 4}], [])
>>> check_answers({"ties": [{"target_id": "P1", "kind": "gossip"}]}, org=org, respondent="P1", questions=["ties"])
Traceback (most recent call last):
kgraph.survey.answers.AnswerError: 2 problems in the answers
"""

from __future__ import annotations

from typing import Any

from ..errors import KgraphError
from ..i18n import _, ngettext
from .waves import QUESTIONS, TIE_KINDS

__all__ = ["AnswerError", "check_answers", "MAX_TIES_PER_KIND", "MAX_SKILLS", "MAX_NEEDS", "LEVELS"]

MAX_TIES_PER_KIND = 100
MAX_SKILLS = 300
MAX_NEEDS = 100
#: the levels a respondent can choose: 0 = I do not know this (removes a skill on closing)
LEVELS = range(0, 6)


class AnswerError(KgraphError):
    """The answers break the rules; ``problems`` says where (``ties[3].kind: ...``)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(ngettext("{n} problem in the answers", "{n} problems in the answers", len(problems)).format(
            n=len(problems)), hint="; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def check_answers(data: Any, *, org, respondent: str, questions: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The answers in ``data`` checked and normalised, or :class:`AnswerError` listing every problem.

    Parameters
    ----------
    data : dict
        ``ties``, ``skills`` and ``needs`` lists (missing ones are empty).
    org : Org
        The organisation on the wave's date (who is present, which items exist).
    respondent : str
        The person answering.
    questions : list of str
        What the wave asks; answers to another question are refused.
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        raise AnswerError([_("the answers must be an object with ties, skills and needs")])
    for key in sorted(data):
        if key not in QUESTIONS:
            problems.append(_("{key}: not a question of the survey").format(key=str(key)[:40]))
        elif key not in questions and data[key]:
            problems.append(_("{key}: this wave does not ask this").format(key=key))
    out: dict[str, list[dict[str, Any]]] = {q: [] for q in QUESTIONS}

    def items(key: str, limit: int) -> list[Any]:
        value = data.get(key) or []
        if not isinstance(value, list):
            problems.append(_("{key}: must be a list").format(key=key))
            return []
        if len(value) > limit:
            problems.append(_("{key}: at most {n} answers").format(key=key, n=limit))
            return []
        return value

    present, known = org.present, org.items
    seen: set[tuple] = set()
    for i, t in enumerate(items("ties", MAX_TIES_PER_KIND * len(TIE_KINDS))):
        where = f"ties[{i}]"
        if not isinstance(t, dict):
            problems.append(_("{where}: must be an object with target_id and kind").format(where=where))
            continue
        target, kind = _text(t.get("target_id")), _text(t.get("kind"))
        if target is None or target not in present:
            problems.append(_("{where}.target_id: not a colleague in this survey").format(where=where))
        elif target == respondent:
            problems.append(_("{where}.target_id: you cannot name yourself").format(where=where))
        if kind not in TIE_KINDS:
            problems.append(_("{where}.kind: must be one of {kinds}").format(where=where, kinds=", ".join(TIE_KINDS)))
        if target in present and target != respondent and kind in TIE_KINDS and (target, kind) not in seen:
            seen.add((target, kind))
            out["ties"].append({"target_id": target, "kind": kind})
    for kind in TIE_KINDS:
        if sum(1 for t in out["ties"] if t["kind"] == kind) > MAX_TIES_PER_KIND:
            problems.append(_("ties: at most {n} colleagues per question").format(n=MAX_TIES_PER_KIND))
            break
    rated: set[str] = set()
    for i, s in enumerate(items("skills", MAX_SKILLS)):
        where = f"skills[{i}]"
        if not isinstance(s, dict):
            problems.append(_("{where}: must be an object with knowledge_id and level").format(where=where))
            continue
        item, level = _text(s.get("knowledge_id")), _int(s.get("level"))
        if item is None or item not in known:
            problems.append(_("{where}.knowledge_id: not a knowledge item").format(where=where))
        if level is None or level not in LEVELS:
            problems.append(_("{where}.level: must be a whole number from 0 to 5").format(where=where))
        if item in known and level in LEVELS and item not in rated:
            rated.add(item)
            out["skills"].append({"knowledge_id": item, "level": level})
    named: set[str] = set()
    for i, n in enumerate(items("needs", MAX_NEEDS)):
        where = f"needs[{i}]"
        if isinstance(n, str):
            n = {"knowledge_id": n}
        if not isinstance(n, dict):
            problems.append(_("{where}: must be an object with knowledge_id").format(where=where))
            continue
        item = _text(n.get("knowledge_id"))
        crit = _int(n.get("criticality")) if n.get("criticality") not in (None, "") else None
        if item is None or item not in known:
            problems.append(_("{where}.knowledge_id: not a knowledge item").format(where=where))
        if n.get("criticality") not in (None, "") and crit not in (1, 2, 3):
            problems.append(_("{where}.criticality: must be 1, 2 or 3").format(where=where))
            continue
        if item in known and item not in named:
            named.add(item)
            out["needs"].append({"knowledge_id": item, **({"criticality": crit} if crit else {})})
    if problems:
        raise AnswerError(problems)
    out["ties"].sort(key=lambda t: (TIE_KINDS.index(t["kind"]), t["target_id"]))
    out["skills"].sort(key=lambda s: s["knowledge_id"])
    out["needs"].sort(key=lambda n: n["knowledge_id"])
    return {q: out[q] for q in QUESTIONS if q in questions} | {q: [] for q in QUESTIONS if q not in questions}
