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
    "signals": {"date": "datum", "channel": "kanaal", "actor_id": None, "target_group_id": "doelgroep_id", "issue_id": None,
                "sentiment": None, "text": "tekst"},
    "target_groups": {"id": None, "name": "naam", "kind": "soort", "size": "omvang", "unit_ids": "eenheid_ids",
                      "actor_ids": "actoren", "description": "omschrijving"},
    "objectives": {"id": None, "target_group_id": "doelgroep_id", "issue_id": "dossier_id", "dimension": "dimensie",
                   "indicator": None, "unit": "eenheid", "baseline": "nulmeting", "baseline_date": "nulmeting_datum",
                   "target": "streefwaarde", "deadline": "streefdatum", "owner_id": "eigenaar_id"},
    "measurements": {"objective_id": "doelstelling_id", "date": "datum", "value": "waarde", "respondents": "respondenten",
                     "source": "bron"},
    "factors": {"id": None, "name": "naam", "kind": "soort", "description": "omschrijving", "date": "datum"},
    "factor_issues": {"factor_id": None, "issue_id": "dossier_id", "effect": None},
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
                             "customer_satisfaction": ["klanttevredenheid"], "information_need": ["informatiebehoefte"],
                             "interview": [], "focus_group": ["focusgroep"], "mirror_conversation": ["spiegelgesprek"],
                             "observation": ["observatie"], "media": []},
    ("target_groups", "kind"): {"residents": ["inwoners"], "visitors": ["bezoekers"], "business": ["ondernemers"],
                                "staff": ["medewerkers"], "partners": [], "other": ["overig"]},
    ("objectives", "dimension"): {"knowledge": ["kennis"], "attitude": ["houding"], "behaviour": ["gedrag"]},
    ("objectives", "unit"): {"percent": ["procent"], "score": [], "count": ["aantal"]},
    ("measurements", "source"): {"survey": ["enquete"], "customer_satisfaction": ["klanttevredenheid"], "panel": [],
                                 "focus_group": ["focusgroep"], "registration": ["registratie"], "other": ["overig"]},
    ("factors", "kind"): {"political": ["politiek"], "economic": ["economisch"], "social": ["sociaal"],
                          "technological": ["technologisch"], "legal": ["juridisch"], "environmental": ["milieu"]},
    ("interactions", "kind"): {"meeting": ["overleg"], "call": ["telefoon"], "letter": ["brief"], "email": [],
                               "event": ["bijeenkomst"], "site_visit": ["werkbezoek"]},
    ("interactions", "mode"): {"inform": ["informeren"], "persuade": ["overreden"], "dialogue": ["dialogiseren"],
                               "co_create": ["formeren"]},
}
#: the seed's families of signal channels (issue 12)
CHANNEL_FAMILIES = {"continuous": ["complaint", "idea", "evaluation"],
                    "broad": ["survey", "customer_satisfaction", "information_need"],
                    "depth": ["interview", "focus_group", "mirror_conversation", "observation"], "media": ["media"]}
TABLE_ALIASES = {"target_groups": "doelgroepen", "objectives": "doelstellingen", "measurements": "metingen",
                 "factors": "factoren", "factor_issues": "factor_dossiers"}
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


def test_monitoring_tables_and_channel_families():
    m = model()
    for table, nl in TABLE_ALIASES.items():
        assert m.tables[table].nl == nl
    assert m.families("signals", "channel") == CHANNEL_FAMILIES
    assert m.tables["objectives"].column("deadline").not_before == "baseline_date"
    assert m.tables["measurements"].column("value").percent_if == "objective_id.unit"


def test_format_doc_is_generated_from_schema():
    assert (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8") == format_markdown(), (
        "docs/FORMAT.md is out of date: python -m kgraph.formatdoc > docs/FORMAT.md"
    )
