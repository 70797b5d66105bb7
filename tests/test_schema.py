"""The schema implements the shared input-format contract, and the docs match the schema."""

from __future__ import annotations

from pathlib import Path

from kgraph.formatdoc import format_markdown
from kgraph.model import model

ROOT = Path(__file__).resolve().parent.parent

# The contract's tables and columns with their Dutch aliases, as given in the project's
# specification (shared FORMAT.md); kept here so the tests never read outside the project.
CONTRACT = {
    "departments": {"id": None, "name": "naam", "parent_id": "bovenliggend_id"},
    "teams": {"id": None, "name": "naam", "department_id": "afdeling_id"},
    "persons": {"id": None, "name": "naam", "email": None, "function": "functie", "location": "locatie",
                "start_date": "in_dienst", "leave_date": "uit_dienst"},
    "memberships": {"person_id": "medewerker_id", "team_id": None, "role": "rol", "since": "vanaf", "until": "tot"},
    "knowledge": {"id": None, "name": "naam", "kind": "soort", "broader_id": "breder_id", "synonyms": "synoniemen",
                  "description": "omschrijving", "url": None, "updated": "bijgewerkt"},
    "skills": {"person_id": None, "knowledge_id": "kennis_id", "level": "niveau", "confirmed": "bevestigd", "source": "bron"},
    "needs": {"unit_id": "eenheid_id", "knowledge_id": None, "min_level": "min_niveau", "min_holders": "min_aantal",
              "criticality": "belang"},
    "ties": {"source_id": "van_id", "target_id": "naar_id", "kind": "soort", "weight": "gewicht"},
    "responsibilities": {"person_id": None, "subject_id": "onderwerp_id"},
    "actors": {"id": None, "name": "naam", "kind": "soort", "description": "omschrijving", "power": "macht",
               "legitimacy": "legitimiteit", "urgency": "urgentie"},
    "issues": {"id": None, "name": "naam", "description": "omschrijving", "status": None},
    "positions": {"actor_id": None, "issue_id": "dossier_id", "stance": "standpunt", "influence": "invloed",
                  "interest": "belang", "date": "datum", "source": "bron"},
    "contacts": {"person_id": None, "actor_id": None, "strength": "sterkte", "owner": "eigenaar",
                 "last_contact": "laatste_contact"},
    "actor_ties": {"source_id": None, "target_id": None, "kind": "soort"},
    "knowledge_issues": {"knowledge_id": None, "issue_id": None},
    "signals": {"date": "datum", "channel": "kanaal", "actor_id": None, "issue_id": None, "sentiment": None, "text": "tekst"},
    "interactions": {"date": "datum", "person_id": "medewerker_id", "actor_id": None, "issue_id": "dossier_id",
                     "kind": "soort", "mode": "modus", "summary": "samenvatting", "follow_up": "vervolgactie",
                     "follow_up_due": "vervolg_uiterlijk", "done": "afgerond"},
}
ENUMS = {
    ("memberships", "role"): {"member": ["lid"], "lead": ["leider"]},
    ("knowledge", "kind"): {k: [] for k in ("skill", "topic", "procedure", "system", "document", "best_practice", "lesson_learned")},
    ("ties", "kind"): {"advice": ["advies"], "collaboration": ["samenwerking"], "information": ["informatie"]},
    ("actors", "kind"): {k: [] for k in ("residents", "business", "civil_society", "government", "media", "politics", "education", "other")},
    ("actor_ties", "kind"): {"alliance": ["bondgenoot"], "conflict": [], "member": ["lid"], "funds": ["financiert"], "other": []},
    ("signals", "channel"): {"complaint": ["klacht"], "idea": ["idee"], "evaluation": ["evaluatie"], "survey": ["enquete"],
                             "interview": [], "focus_group": ["focusgroep"], "observation": ["observatie"], "media": []},
    ("interactions", "kind"): {"meeting": ["overleg"], "call": ["telefoon"], "letter": ["brief"], "email": [],
                               "event": ["bijeenkomst"], "site_visit": ["werkbezoek"]},
    ("interactions", "mode"): {"inform": ["informeren"], "persuade": ["overreden"], "dialogue": ["dialogiseren"],
                               "co_create": ["formeren"]},
}
DEFAULTS = {("needs", "min_level"): 3, ("needs", "min_holders"): 2, ("needs", "criticality"): 2, ("ties", "weight"): 1,
            ("interactions", "done"): False}
REQUIRED_TABLES = {"persons", "teams", "departments", "memberships"}


def test_schema_implements_the_contract():
    m = model()
    assert set(m.tables) == set(CONTRACT)
    for table, cols in CONTRACT.items():
        t = m.tables[table]
        assert t.required == (table in REQUIRED_TABLES)
        for name, nl in cols.items():
            col = t.column(name)
            if nl:
                assert nl.replace("_", "") in col.headers, (table, name)
    for (table, column), values in ENUMS.items():
        col = m.tables[table].column(column)
        assert set(col.values) == set(values)
        for value, aliases in values.items():
            for alias in aliases:
                assert col.aliases[alias] == value
    for (table, column), default in DEFAULTS.items():
        assert m.tables[table].column(column).default == default


def test_format_doc_is_generated_from_schema():
    assert (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8") == format_markdown(), (
        "docs/FORMAT.md is out of date: python -m kgraph.formatdoc > docs/FORMAT.md"
    )
