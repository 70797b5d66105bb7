"""Survey answers as data of the organisation: rows of the input format, validated, merged.

Pure functions, in three steps:

1. :func:`survey_rows`: the answers of a wave as rows of the ``ties``, ``skills`` and
   ``needs`` tables (the input format of ``docs/FORMAT.md``), plus the skills a
   respondent said they do not have (level 0);
2. :func:`validate_rows`: those rows through the import's own validator
   (:func:`kgraph.ingest.validate_input`), with the organisation's persons, units and
   knowledge items as the tables they refer to: every problem as
   ``survey 2026-12-01 (ties):row:column: message``;
3. :func:`merge`: the organisation with the survey's rows in it (see below).

What a wave changes (documented in ``docs/web.md``):

- **ties**: a respondent who named at least one colleague describes all their own
  ties of the kinds asked: their earlier outgoing ties of those kinds are replaced by
  the ones they named (a tie that existed keeps its weight; a new one weighs 1). A
  respondent who named nobody changes nothing.
- **skills**: each item a respondent rated gets their level, ``confirmed`` on the
  wave's date and ``source = survey``; level 0 ("I do not know this") removes it.
  Items they did not rate are kept.
- **needs**: an item becomes a need of the respondent's home team when at least
  ``need_quorum`` (2) of the team's respondents name it, or its lead does (or the
  team's only respondent). Existing needs are kept; the survey only adds.

>>> from kgraph.examples import example_org
>>> org = example_org()
>>> answers = {"P3": {"ties": [{"target_id": "P1", "kind": "advice"}], "skills": [{"knowledge_id": "K-OMGW", "level": 3}],
...                   "needs": [{"knowledge_id": "K-DSO"}]}}
>>> rows = survey_rows(answers, wave="2026-06-01", org=org)
>>> rows.ties, rows.needs
([{'source_id': 'P3', 'target_id': 'P1', 'kind': 'advice', 'weight': 1}], [{'unit_id': 'T-VERG', 'knowledge_id': 'K-DSO', 'criticality': 2}])
>>> new = merge(org.ds, validate_rows(rows, org.ds, wave="2026-06-01"), rows)
>>> new.edges[("KNOWS", "P3", "K-OMGW", "")]
{'level': 3, 'confirmed': '2026-06-01', 'source': 'survey'}
>>> ("WORKS_WITH", "P2", "P3", "advice") in new.edges, ("WORKS_WITH", "P3", "P1", "advice") in new.edges
(True, True)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..i18n import ngettext
from ..model import Dataset, model
from ..org import Org, schema_default
from .waves import TIE_KINDS

__all__ = ["SurveyRows", "survey_rows", "validate_rows", "merge", "SOURCE", "NEED_QUORUM"]

#: the ``source`` of a skill the survey confirmed (the skills table's ``source`` column)
SOURCE = "survey"
NEED_QUORUM = 2
_REF_TABLES = {"Person": "persons", "Team": "teams", "Department": "departments", "KnowledgeItem": "knowledge"}


@dataclass
class SurveyRows:
    """A wave's answers as rows of the input tables (cells by column name)."""

    wave: str
    ties: list[dict[str, Any]] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)
    needs: list[dict[str, Any]] = field(default_factory=list)
    #: (person, item) pairs rated 0: the person does not have the skill
    unknown_skills: list[tuple[str, str]] = field(default_factory=list)
    #: respondents whose named colleagues replace their ties, and the tie kinds asked
    tie_respondents: list[str] = field(default_factory=list)
    tie_kinds: tuple[str, ...] = TIE_KINDS
    #: answers left out, with why (a colleague who is no longer in the data, ...)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"ties": len(self.ties), "skills": len(self.skills), "needs": len(self.needs),
                "unknown_skills": len(self.unknown_skills)}


def survey_rows(responses: dict[str, dict[str, Any]], *, wave: str, org: Org, need_quorum: int = NEED_QUORUM) -> SurveyRows:
    """The answers of ``responses`` (``{respondent: answers}``) as input rows; see the module docstring.

    ``org`` is the organisation on the wave's date (home teams, leads, who exists).
    Answers naming a person or item no longer in the data are left out with a note.
    """
    out = SurveyRows(wave=wave)
    persons, items = org.persons, org.items
    gone = 0
    votes: dict[tuple[str, str], list[str]] = {}
    crit: dict[tuple[str, str], list[int]] = {}
    for pid in sorted(responses):
        answers = responses[pid]
        if pid not in persons:
            gone += 1
            continue
        named = False
        for t in answers.get("ties") or []:
            if t["target_id"] not in persons:
                gone += 1
                continue
            named = True
            out.ties.append({"source_id": pid, "target_id": t["target_id"], "kind": t["kind"], "weight": 1})
        if named:
            out.tie_respondents.append(pid)
        for s in answers.get("skills") or []:
            if s["knowledge_id"] not in items:
                gone += 1
            elif int(s["level"]) == 0:
                out.unknown_skills.append((pid, s["knowledge_id"]))
            else:
                out.skills.append({"person_id": pid, "knowledge_id": s["knowledge_id"], "level": int(s["level"]),
                                   "confirmed": wave, "source": SOURCE})
        team = org.home_team(pid)
        for n in answers.get("needs") or []:
            if n["knowledge_id"] not in items:
                gone += 1
            elif team is not None:
                votes.setdefault((team, n["knowledge_id"]), []).append(pid)
                if n.get("criticality"):
                    crit.setdefault((team, n["knowledge_id"]), []).append(int(n["criticality"]))
    respondents_in = Counter(org.home_team(p) for p in responses if p in persons)
    for (team, item), who in sorted(votes.items()):
        lead = any(org.role_in(p, team) == "lead" for p in who)
        if len(who) >= need_quorum or lead or respondents_in[team] == 1:
            c = crit.get((team, item))
            out.needs.append({"unit_id": team, "knowledge_id": item,
                              "criticality": max(c) if c else schema_default("needs", "criticality")})
    if gone:
        out.notes.append(ngettext("{n} answer names a person or knowledge item no longer in the data: left out",
                                  "{n} answers name a person or knowledge item no longer in the data: left out",
                                  gone).format(n=gone))
    return out


def _raw_table(name: str, label: str, rows: list[dict[str, Any]], columns: list[str]):
    from ..ingest.raw import RawTable

    return RawTable(name, label, list(columns), [(i + 2, ["" if r.get(c) is None else str(r[c]) for c in columns])
                                                  for i, r in enumerate(rows)])


def validate_rows(rows: SurveyRows, base: Dataset, *, wave: str, label: str | None = None) -> Dataset:
    """The survey rows validated as an import validates them; the survey's edges as a Dataset.

    The persons, teams, departments and knowledge items of ``base`` stand in for the
    tables the rows refer to. Raises :class:`~kgraph.errors.ValidationError` listing
    every problem as ``<label> (ties):row:column: message``.
    """
    from ..ingest import validate_input
    from ..ingest.raw import RawInput

    label = label or f"survey {wave}"
    raw = RawInput()
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in _REF_TABLES}
    for node_id, (kind, props) in base.nodes.items():
        if kind in by_kind:
            by_kind[kind].append({"id": node_id, "name": props.get("name") or node_id})
    for kind, table in _REF_TABLES.items():
        raw.add(_raw_table(table, f"{label} ({table})", by_kind[kind], ["id", "name"]))
    m = model()
    for table, data in (("ties", rows.ties), ("skills", rows.skills), ("needs", rows.needs)):
        cols = [c.name for c in m.tables[table].columns]
        raw.add(_raw_table(table, f"{label} ({table})", data, cols))
    checked = validate_input(raw)
    keep = {"WORKS_WITH", "KNOWS", "NEEDS"}
    return Dataset(nodes={}, edges={k: v for k, v in checked.edges.items() if k[0] in keep})


def merge(base: Dataset, survey: Dataset, rows: SurveyRows) -> Dataset:
    """``base`` with the survey's validated edges in it (see the module docstring). Pure: ``base`` is not changed."""
    edges = dict(base.edges)
    replaced = set(rows.tie_respondents)
    kinds = set(rows.tie_kinds)
    old_ties = {k: v for k, v in edges.items() if k[0] == "WORKS_WITH" and k[1] in replaced and k[3] in kinds}
    for k in old_ties:
        del edges[k]
    for k, props in survey.edges.items():
        rel = k[0]
        if rel == "WORKS_WITH":
            edges[k] = dict(old_ties.get(k, props))
        elif rel == "KNOWS":
            edges[k] = {**edges.get(k, {}), **props}
        elif rel == "NEEDS" and k not in edges:
            edges[k] = dict(props)
    for pid, item in rows.unknown_skills:
        edges.pop(("KNOWS", pid, item, ""), None)
    return Dataset(nodes=dict(base.nodes), edges=dict(sorted(edges.items())))
