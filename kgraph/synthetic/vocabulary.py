"""The Dutch words synthetic organisations are made of: names, places, subjects.

Name templates are keyed by enum values of the schema (``keyed`` checks that they
name only allowed values); a value without a template gets a plain default.
"""

from __future__ import annotations

from .enums import keyed

FIRST = (
    "Anna Bram Carla Daan Eva Fleur Gert Hanna Iris Jan Joost Karin Lars Lotte Maarten Marieke "
    "Noah Noor Olaf Petra Quinten Ruben Sanne Sem Tessa Thijs Ursula Vera Willem Yara Zoë Bas "
    "Ilse Koen Linda Mohamed Fatima Emre Ayşe Priya Jeroen Mirjam Sven Esther Ricardo Lieke "
    "Hendrik Femke Stijn Wendy Youssef Nadia Tim Roos Dirk Inge Mark Sophie Pieter Julia"
).split()
LAST = (
    "Jansen de|Vries van|den|Berg Bakker Visser Smit Meijer de|Boer Mulder de|Groot Bos Vos "
    "Peters Hendriks van|Leeuwen Dekker Brouwer de|Wit Dijkstra Smits de|Graaf van|der|Meer "
    "Kok Jacobs de|Haan Vermeulen van|den|Heuvel van|der|Veen van|den|Broek Schouten "
    "Willems van|Dijk Hoekstra Koster Prins Huisman Kuipers van|Wijk Yılmaz El|Amrani Öztürk "
    "Peeters Verhoeven Maas Kramer Hermans Postma Blom van|Beek Timmermans"
).split()
LAST = [x.replace("|", " ") for x in LAST]
DOMAINS = (
    "Ruimte Wonen Mobiliteit Economie Milieu Vergunningen Handhaving Groen Wegen Water Afval "
    "Zorg Jeugd Onderwijs Inkomen Werk Schulden Welzijn Sport Cultuur Klantcontact Burgerzaken "
    "Belastingen Informatie Financiën Personeel Facilitair Communicatie Juridisch Veiligheid "
    "Strategie Inkoop Archief Data Energie Erfgoed Projecten Beheer Regie Control"
).split()
TOP_WORDS = ("Fysiek Domein", "Sociaal Domein", "Dienstverlening", "Bedrijfsvoering", "Publiekszaken",
             "Concernstaf", "Uitvoering", "Beleid en Regie")
TEAM_WORDS = ("Advies", "Uitvoering", "Beleid", "Beheer", "Projecten", "Regie", "Noord", "Zuid", "Oost",
              "West", "Centrum", "Backoffice", "Frontoffice", "Specialisten", "Ondersteuning")
FUNCTIONS = (
    "beleidsmedewerker", "senior beleidsadviseur", "medewerker", "adviseur", "specialist", "consulent",
    "projectleider", "coördinator", "juridisch medewerker", "administratief medewerker",
    "data-analist", "toezichthouder", "regisseur", "casemanager",
)
LOCATIONS = ("Stadhuis", "Gemeentewerf", "Servicepunt Noord", "Servicepunt Zuid", "Wijkcentrum",
             "Milieustraat", "Thuiswerkplek")
SUBJECTS = (
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
SUBJECTS = tuple(s.replace("-", " ") for s in SUBJECTS)
KIND_NAME = keyed("knowledge", "kind", {
    "skill": "{s}",
    "topic": "{s}",
    "procedure": "procedure {s}",
    "system": "registratiesysteem {s}",
    "document": "handboek {s}",
    "best_practice": "werkwijze {s}",
    "lesson_learned": "lessons learned {s}",
})
KIND_NAME_DEFAULT = "{s}"
PLACES = ("Noordveld", "Oosterhoek", "Zandwijk", "De Kolk", "Westerbroek", "Heuvelrode", "Beekdal",
          "Molenhoek", "Eikendonk", "Lindenhof", "Vlasakker", "Kerkdorp")
ACTOR_NAMES = keyed("actors", "kind", {
    "residents": ("Dorpsraad {p}", "Bewonersvereniging {p}", "Buurtcomité {p}", "Huurdersvereniging {p}"),
    "business": ("Ondernemersvereniging {p}", "Bouwbedrijf {p} BV", "Agrarisch Collectief {p}", "Projectontwikkelaar {p}"),
    "civil_society": ("Stichting Welzijn {p}", "Energiecoöperatie {p}", "Natuurvereniging {p}", "Voedselbank {p}"),
    "government": ("Gemeente {p}", "Waterschap {p}", "Provincie {p}", "Veiligheidsregio {p}"),
    "media": ("Omroep {p}", "Dagblad {p}", "Weekblad {p}"),
    "politics": ("Lokaal Belang {p}", "Groen {p}", "Dorpenlijst {p}", "Liberaal {p}"),
    "education": ("Basisschool {p}", "College {p}", "Kinderopvang {p}"),
    "other": ("Zorggroep {p}", "Historische Vereniging {p}", "Sportclub {p}"),
})
ACTOR_NAMES_DEFAULT = ("Organisatie {p}",)
ISSUE_NAMES = ("Windpark {p}", "Woningbouwlocatie {p}", "Opvanglocatie {p}", "Centrumplan {p}",
               "Bezuinigingen {p}", "Aardgasvrije wijk {p}", "Parkeerbeleid {p}", "Zonnepark {p}",
               "Reconstructie {p}", "Sporthal {p}")
ISSUE_STATUS = ("verkenning", "in procedure", "besluitvorming", "uitvoering", "afgerond")
SIGNAL_TEXT = (
    "Bewoners maken zich zorgen over {i}.",
    "Positieve reacties op de informatieavond over {i}.",
    "Klacht over de communicatie rond {i}.",
    "Idee: betrek de buurt eerder bij {i}.",
    "Artikel over {i}: kritiek op de planning.",
    "Enquête: meerderheid steunt {i} onder voorwaarden.",
    "Ondernemers vragen duidelijkheid over {i}.",
)
