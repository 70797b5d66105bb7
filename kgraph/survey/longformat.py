"""Answers from another survey tool, in a long format: one answer per row.

``kgraph survey import RESPONSES.csv --wave DATE`` reads a CSV file (comma- or
semicolon-separated, UTF-8) with the columns ``respondent_id, question, answer``
(Dutch: ``respondent_id, vraag, antwoord``):

========================================  ===========================================
question                                  answer
========================================  ===========================================
``advice`` / ``advies``                   a colleague the respondent goes to for advice
``collaboration`` / ``samenwerking``      a colleague they work with
``information`` / ``informatie``          a colleague who keeps them informed
``skill:<item>`` / ``kennis:<item>``      their level on the item, 0 (none) to 5
``need`` / ``behoefte``                   a knowledge item their team lacks
========================================  ===========================================

Respondents and colleagues are given by person id, exact name or e-mail; knowledge
items by id or exact name. Every problem is reported at once as ``file:row:column``.

>>> from kgraph.examples import example_org
>>> rows = [(2, ["P3", "advies", "Ann Dekker"]), (3, ["ben@example.nl", "kennis:Omgevingswet", "5"]),
...         (4, ["P3", "behoefte", "K-DSO"])]
>>> responses_from_rows(["respondent_id", "vraag", "antwoord"], rows, org=example_org(), label="r.csv")
{'P2': {'ties': [], 'skills': [{'knowledge_id': 'K-OMGW', 'level': 5}], 'needs': []}, 'P3': {'ties': [{'target_id': 'P1', 'kind': 'advice'}], 'skills': [], 'needs': [{'knowledge_id': 'K-DSO'}]}}
"""

from __future__ import annotations

from typing import Any

from ..errors import NotFound, OptionError, Problem, ValidationError
from ..i18n import _
from ..model import normalize_header
from .answers import LEVELS

__all__ = ["responses_from_rows", "COLUMNS", "QUESTION_ALIASES"]

COLUMNS = {"respondentid": "respondent_id", "question": "question", "vraag": "question", "answer": "answer",
           "antwoord": "answer"}
QUESTION_ALIASES = {"advice": "advice", "advies": "advice", "collaboration": "collaboration",
                    "samenwerking": "collaboration", "information": "information", "informatie": "information",
                    "need": "need", "behoefte": "need", "skill": "skill", "kennis": "skill", "vaardigheid": "skill"}


class _Resolver:
    def __init__(self, org):
        self.org = org
        self.emails = {}
        for pid, props in org.persons.items():
            if props.get("email"):
                self.emails.setdefault(str(props["email"]).strip().lower(), []).append(pid)

    def person(self, ref: str) -> str:
        hits = self.emails.get(ref.strip().lower())
        if hits and len(hits) == 1:
            return hits[0]
        return self.org.resolve(ref, ("Person",))

    def item(self, ref: str) -> str:
        return self.org.resolve(ref, ("KnowledgeItem",))


def responses_from_rows(header: list[str], rows: list[tuple[int, list[str]]], *, org, label: str) -> dict[str, dict[str, Any]]:
    """``{respondent: answers}`` from the long format's rows (``(row number, cells)``), or
    :class:`~kgraph.errors.ValidationError` listing every problem as ``label:row:column``.

    ``org`` is the organisation on the wave's date: respondents and colleagues must be
    present then.
    """
    problems: list[Problem] = []
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        name = COLUMNS.get(normalize_header(h))
        if name and name not in cols:
            cols[name] = i
    for name in ("respondent_id", "question", "answer"):
        if name not in cols:
            problems.append(Problem(label, 1, name, _("required column missing")))
    if problems:
        raise ValidationError(problems)
    find = _Resolver(org)
    out: dict[str, dict[str, Any]] = {}
    seen: set[tuple] = set()

    def cell(cells: list[str], name: str) -> str:
        i = cols[name]
        return str(cells[i]).strip() if i < len(cells) and cells[i] is not None else ""

    for rownum, cells in rows:
        who, question, answer = (cell(cells, c) for c in ("respondent_id", "question", "answer"))
        if not (who or question or answer):
            continue
        bad = len(problems)
        pid = None
        try:
            pid = find.person(who) if who else None
        except (NotFound, OptionError) as exc:
            problems.append(Problem(label, rownum, "respondent_id", exc.message))
        if pid is None and len(problems) == bad:
            problems.append(Problem(label, rownum, "respondent_id", _("value required")))
        elif pid is not None and pid not in org.present:
            problems.append(Problem(label, rownum, "respondent_id",
                                    _("'{who}' is not present on the wave's date").format(who=who)))
        kind, _sep, about = question.partition(":")
        q = QUESTION_ALIASES.get(normalize_header(kind))
        if q is None or (q == "skill") != bool(about.strip()):
            problems.append(Problem(label, rownum, "question", _(
                "'{question}' is not a question: use advice, collaboration, information, skill:<item> or need").format(
                    question=question)))
            continue
        if not answer:
            if q in ("advice", "collaboration", "information", "need"):
                continue  # an empty answer is no answer
            problems.append(Problem(label, rownum, "answer", _("value required")))
            continue
        value: Any = None
        try:
            if q in ("advice", "collaboration", "information"):
                value = find.person(answer)
                if value not in org.present:
                    problems.append(Problem(label, rownum, "answer",
                                            _("'{who}' is not present on the wave's date").format(who=answer)))
                elif value == pid:
                    problems.append(Problem(label, rownum, "answer", _("a tie from a respondent to themselves")))
            elif q == "need":
                value = find.item(answer)
            else:
                item = find.item(about.strip())
                level = int(answer) if answer.lstrip("-").isdigit() else None
                if level not in LEVELS:
                    problems.append(Problem(label, rownum, "answer",
                                            _("'{answer}' is not a level from 0 to 5").format(answer=answer)))
                value = (item, level)
        except (NotFound, OptionError) as exc:
            problems.append(Problem(label, rownum, "answer" if q != "skill" or value else "question", exc.message))
        if len(problems) > bad or pid is None:
            continue
        a = out.setdefault(pid, {"ties": [], "skills": [], "needs": []})
        key = (pid, q, value if q != "skill" else value[0])
        if key in seen:
            if q == "skill":
                problems.append(Problem(label, rownum, "question", _("this respondent rated this item twice")))
            continue
        seen.add(key)
        if q == "skill":
            a["skills"].append({"knowledge_id": value[0], "level": value[1]})
        elif q == "need":
            a["needs"].append({"knowledge_id": value})
        else:
            a["ties"].append({"target_id": value, "kind": q})
    if problems:
        raise ValidationError(problems)
    return dict(sorted(out.items()))
