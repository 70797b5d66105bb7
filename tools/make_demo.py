#!/usr/bin/env python3
"""Create the demo municipality "Gemeente Lindenhoven" (fictional) in kgraph's input format.

Writes one CSV per table (English canonical headers, UTF-8) into
``kgraph/data/demo/`` and prints the deliberate situations it contains, computed
back from the rows it wrote.  Deterministic: one fixed seed, fixed dates, nothing
depends on today.  The analyses' reference ("as of") date for this demo is
2026-12-01.

    python tools/make_demo.py            # writes kgraph/data/demo/*.csv
    python tools/make_demo.py --out DIR  # somewhere else
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

from kgraph.synthetic import COLUMNS  # the schema's tables and columns

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kgraph" / "data" / "demo"
AS_OF = date(2026, 12, 1)
SEED = 20261201


# ============================================================================ organisation
DEPARTMENTS = [
    # id, name, parent, title of the head
    ("D-DIR", "Directie", "", "gemeentesecretaris / algemeen directeur"),
    ("D-RUIMTE", "Ruimte", "D-DIR", "directeur Ruimte"),
    ("D-RO", "Ruimtelijke Ontwikkeling", "D-RUIMTE", "afdelingsmanager Ruimtelijke Ontwikkeling"),
    ("D-VTH", "Vergunningen, Toezicht en Handhaving", "D-RUIMTE", "afdelingsmanager VTH"),
    ("D-BOR", "Beheer Openbare Ruimte", "D-RUIMTE", "afdelingsmanager Beheer Openbare Ruimte"),
    ("D-SOC", "Sociaal Domein", "D-DIR", "directeur Sociaal Domein"),
    ("D-ZORG", "Zorg en Ondersteuning", "D-SOC", "afdelingsmanager Zorg en Ondersteuning"),
    ("D-WI", "Werk en Inkomen", "D-SOC", "afdelingsmanager Werk en Inkomen"),
    ("D-JO", "Jeugd en Onderwijs", "D-SOC", "afdelingsmanager Jeugd en Onderwijs"),
    ("D-DV", "Dienstverlening", "D-DIR", "directeur Dienstverlening"),
    ("D-KC", "Klantcontact", "D-DV", "afdelingsmanager Klantcontact"),
    ("D-DIGI", "Digitale Dienstverlening", "D-DV", "afdelingsmanager Digitale Dienstverlening"),
    ("D-BV", "Bedrijfsvoering", "D-DIR", "directeur Bedrijfsvoering"),
    ("D-IV", "Informatievoorziening", "D-BV", "afdelingsmanager Informatievoorziening"),
    ("D-FIN", "Financiën", "D-BV", "afdelingsmanager Financiën"),
    ("D-HRM", "HRM en Organisatie", "D-BV", "afdelingsmanager HRM en Organisatie"),
    ("D-PZ", "Publiekszaken", "D-DIR", "afdelingsmanager Publiekszaken"),
    ("D-CS", "Concernstaf", "D-DIR", "hoofd Concernstaf"),
]

# id, name, department, size (incl. lead), location, functions, focus knowledge
TEAMS = [
    ("T-RO", "Ruimtelijke Plannen", "D-RO", 10, "Stadhuis",
     ["beleidsmedewerker ruimtelijke ordening", "planoloog", "juridisch medewerker ruimtelijke ordening",
      "adviseur erfgoed"],
     ["K-OMGW", "K-OMGPLAN", "K-BESTPL", "K-OMGVIS", "K-DSO", "K-BOPA", "K-PART", "K-ERFGOED", "K-ARCHEO",
      "K-LLDSO"]),
    ("T-GROND", "Grondzaken en Projecten", "D-RO", 8, "Stadhuis",
     ["projectleider gebiedsontwikkeling", "adviseur grondzaken", "projectsecretaris"],
     ["K-GROND", "K-ANTERIEUR", "K-PROJ", "K-CENTRUM", "K-ONDERH", "K-WONEN", "K-OMGPLAN"]),
    ("T-WONEN", "Wonen en Economie", "D-RO", 8, "Stadhuis",
     ["beleidsadviseur wonen", "accountmanager bedrijven", "beleidsmedewerker economische zaken"],
     ["K-WONEN", "K-WOONVIS", "K-PRESTAF", "K-ECON", "K-BEDRTER", "K-TOERISME", "K-MARKT"]),
    ("T-DUURZ", "Duurzaamheid en Energie", "D-RO", 7, "Stadhuis",
     ["adviseur energietransitie", "projectleider warmtetransitie", "beleidsmedewerker duurzaamheid"],
     ["K-ENERGIE", "K-TVW", "K-WIJKUP", "K-WIND", "K-ZON", "K-KLIMAAT", "K-PART"]),
    ("T-MOB", "Mobiliteit", "D-RO", 6, "Stadhuis",
     ["verkeerskundige", "beleidsmedewerker mobiliteit"],
     ["K-MOB", "K-PARKEER", "K-VERKMOD", "K-VERKBES"]),
    ("T-VERG", "Vergunningverlening", "D-VTH", 12, "Stadhuis",
     ["vergunningverlener omgevingsrecht", "casemanager vergunningen", "adviseur bouwen",
      "medewerker vergunningen"],
     ["K-VERGV", "K-OMGVERG", "K-BOPA", "K-DSO", "K-BBL", "K-KWALCRIT", "K-HANDBVERG", "K-OMGW"]),
    ("T-TOEZ", "Toezicht en Handhaving", "D-VTH", 11, "Stadhuis",
     ["toezichthouder bouwen", "handhavingsjurist", "boa openbare ruimte"],
     ["K-TOEZ", "K-BOUWTOEZ", "K-LAST", "K-WKB", "K-BBL", "K-VTHUITV"]),
    ("T-MIL", "Milieu", "D-VTH", 7, "Stadhuis",
     ["milieuadviseur", "adviseur bodem", "adviseur externe veiligheid"],
     ["K-MILIEU", "K-BODEM", "K-GELUID", "K-EXTVEIL", "K-NATUUR", "K-MER"]),
    ("T-APV", "Bijzondere Wetten", "D-VTH", 6, "Stadhuis",
     ["medewerker bijzondere wetten", "adviseur evenementen"],
     ["K-APV", "K-EVENT", "K-DRANK", "K-BIBOB"]),
    ("T-GROEN", "Groen", "D-BOR", 13, "Gemeentewerf",
     ["medewerker groen", "hovenier", "opzichter groen", "boomverzorger"],
     ["K-GROEN", "K-BOMEN", "K-SPEEL", "K-BEHEERSYS", "K-MEOR"]),
    ("T-WEGEN", "Wegen en Riolering", "D-BOR", 10, "Gemeentewerf",
     ["beheerder wegen", "rioleringsspecialist", "opzichter civiel"],
     ["K-WEGEN", "K-RIOOL", "K-GLADH", "K-BEHEERSYS", "K-KLIMAAT"]),
    ("T-BEGR", "Begraafplaatsen", "D-BOR", 6, "Begraafplaats Eikenhof",
     ["beheerder begraafplaats", "medewerker begraafplaats", "grafdelver"],
     ["K-BEGRAAF", "K-GROEN", "K-BOMEN"]),
    ("T-REIN", "Reiniging en Afval", "D-BOR", 9, "Milieustraat",
     ["medewerker reiniging", "chauffeur inzameling", "coördinator milieustraat"],
     ["K-AFVAL", "K-MEOR", "K-GLADH"]),
    ("T-BORBEL", "Beleid en Beheer Openbare Ruimte", "D-BOR", 7, "Stadhuis",
     ["beleidsmedewerker openbare ruimte", "adviseur beheer", "assetmanager"],
     ["K-OR", "K-BEHEERSYS", "K-RIOOL", "K-KLIMAAT", "K-AFVAL"]),
    ("T-WMO", "Wmo-consulenten", "D-ZORG", 12, "Stadhuis",
     ["Wmo-consulent", "consulent hulpmiddelen", "administratief medewerker Wmo"],
     ["K-WMO", "K-KEUKENTAFEL", "K-HULPMID", "K-MANTEL", "K-BESCHERMWON", "K-ZORGSYS", "K-IBERICHT"]),
    ("T-WIJK", "Sociaal Wijkteam", "D-ZORG", 11, "Wijkcentrum De Linde",
     ["sociaal werker", "wijkcoach", "ouderenadviseur"],
     ["K-WIJKTEAM", "K-SOCKAART", "K-BPWIJK", "K-WMO", "K-SCHULD", "K-JEUGDW"]),
    ("T-SOCBEL", "Beleid Sociaal Domein", "D-ZORG", 8, "Stadhuis",
     ["beleidsadviseur sociaal domein", "contractmanager zorg", "beleidsmedewerker inburgering"],
     ["K-SOCIAAL", "K-GEZOND", "K-SPORT", "K-MINIMA", "K-INBURG", "K-OPVANG"]),
    ("T-INK", "Inkomen", "D-WI", 10, "Stadhuis",
     ["klantmanager inkomen", "medewerker bijzondere bijstand", "terugvorderaar"],
     ["K-PW", "K-BIJST", "K-SUWI", "K-MINIMA", "K-KWIJT"]),
    ("T-WERK", "Werk", "D-WI", 8, "Servicepunt Oost",
     ["werkconsulent", "jobcoach", "accountmanager werkgevers"],
     ["K-REINT", "K-PW", "K-SUWI"]),
    ("T-SCHULD", "Schuldhulpverlening", "D-WI", 6, "Servicepunt Oost",
     ["schuldhulpverlener", "budgetcoach"],
     ["K-SCHULD", "K-VROEGSIG", "K-LLSCHULD"]),
    ("T-JEUGD", "Jeugd", "D-JO", 10, "Wijkcentrum De Linde",
     ["jeugdconsulent", "regisseur jeugd", "beleidsmedewerker jeugd"],
     ["K-JEUGDW", "K-JEUGDBESCH", "K-INKJEUGD", "K-LLJEUGD", "K-IBERICHT"]),
    ("T-ONDERW", "Onderwijs en Leerplicht", "D-JO", 6, "Stadhuis",
     ["leerplichtambtenaar", "beleidsmedewerker onderwijs"],
     ["K-LPLICHT", "K-VVE", "K-ONDERW"]),
    ("T-KCC", "Klantcontactcentrum", "D-KC", 14, "Stadhuis",
     ["klantcontactmedewerker", "medewerker frontoffice", "coördinator KCC"],
     ["K-KCC", "K-TELEF", "K-KENNISB", "K-KLACHT", "K-B1"]),
    ("T-KLACHT", "Klachten en Meldingen", "D-KC", 6, "Stadhuis",
     ["klachtencoördinator", "medewerker meldingen"],
     ["K-KLACHT", "K-BPKLACHT", "K-MEOR", "K-B1"]),
    ("T-DIGI", "Online Kanalen", "D-DIGI", 7, "Stadhuis",
     ["webredacteur", "adviseur digitale dienstverlening", "UX-ontwerper"],
     ["K-DIGI", "K-WEBSITE", "K-DIGID", "K-B1", "K-SOCMED"]),
    ("T-ZAAK", "Procesregie en Zaakgericht Werken", "D-DIGI", 6, "Stadhuis",
     ["procesadviseur", "functioneel beheerder zaaksysteem"],
     ["K-ZGW", "K-ZAAKSYS", "K-COMMONGRD", "K-DIGI"]),
    ("T-BURG", "Burgerzaken", "D-PZ", 12, "Stadhuis",
     ["medewerker burgerzaken", "ambtenaar burgerlijke stand", "adresonderzoeker"],
     ["K-BZ", "K-BRP", "K-REISDOC", "K-BURGST", "K-VERKIEZ", "K-DRVERK", "K-ADRONDZ", "K-WIBRP"]),
    ("T-BELAST", "Belastingen", "D-PZ", 9, "Stadhuis",
     ["medewerker belastingen", "taxateur WOZ", "medewerker invordering"],
     ["K-BELAST", "K-WOZ", "K-KWIJT"]),
    ("T-BASIS", "Basisregistraties", "D-PZ", 6, "Stadhuis",
     ["medewerker basisregistraties", "beheerder BAG"],
     ["K-BAG", "K-BGT", "K-BRP", "K-ADRONDZ"]),
    ("T-ICT", "ICT-beheer", "D-IV", 10, "Stadhuis",
     ["systeembeheerder", "netwerkbeheerder", "servicedeskmedewerker", "security officer"],
     ["K-M365", "K-ZAAKSYS", "K-COMMONGRD", "K-DIGID", "K-TEAMS"]),
    ("T-GEO", "Geo en Data", "D-IV", 7, "Stadhuis",
     ["GIS-specialist", "data-analist", "medewerker geo-informatie"],
     ["K-DATA", "K-POWERBI", "K-SQL", "K-PYTHON", "K-BGT"]),
    ("T-DIV", "Informatiebeheer", "D-IV", 8, "Stadhuis",
     ["informatiebeheerder", "medewerker documentaire informatievoorziening", "archivaris"],
     ["K-DIGIARCH", "K-ZAAKSYS", "K-ZGW", "K-WOOVERZ"]),
    ("T-FIN", "Financieel Advies", "D-FIN", 9, "Stadhuis",
     ["financieel adviseur", "adviseur planning en control", "treasurer"],
     ["K-FIN", "K-PC", "K-BEGROOT", "K-BBV", "K-TREAS", "K-FINSYS"]),
    ("T-CONTROL", "Control en Administratie", "D-FIN", 8, "Stadhuis",
     ["controller", "medewerker financiële administratie", "inkoopadviseur"],
     ["K-CONTROL", "K-RECHTM", "K-FINSYS", "K-INKOOP"]),
    ("T-HRM", "HR-advies", "D-HRM", 8, "Stadhuis",
     ["HR-adviseur", "recruiter", "medewerker salarisadministratie"],
     ["K-HRM", "K-CAO", "K-VERZUIM", "K-WERVING", "K-STRATPERS", "K-ONBOARD", "K-HRSYS"]),
    ("T-FAC", "Facilitaire Zaken", "D-HRM", 9, "Stadhuis",
     ["facilitair medewerker", "bode", "medewerker receptie"],
     ["K-FAC", "K-INKOOP"]),
    ("T-COMM", "Communicatie", "D-CS", 9, "Stadhuis",
     ["communicatieadviseur", "woordvoerder", "online communicatieadviseur", "omgevingsmanager"],
     ["K-COMM", "K-PERS", "K-SOCMED", "K-CRISCOM", "K-OMGMAN", "K-B1"]),
    ("T-JUR", "Juridische Zaken", "D-CS", 8, "Stadhuis",
     ["jurist", "secretaris bezwaarschriftencommissie", "privacy officer", "Woo-coördinator"],
     ["K-AWB", "K-BEZW", "K-AANSPR", "K-WOO", "K-WOOVERZ", "K-AVG", "K-DPIA", "K-SUBS"]),
    ("T-BESTUUR", "Bestuursondersteuning", "D-CS", 7, "Stadhuis",
     ["bestuursadviseur", "managementassistent", "adviseur regionale samenwerking"],
     ["K-RAAD", "K-GEMWET", "K-POLSENS", "K-REGSAM", "K-INTEGR"]),
    ("T-OOV", "Openbare Orde en Veiligheid", "D-CS", 6, "Stadhuis",
     ["adviseur openbare orde en veiligheid", "adviseur crisisbeheersing"],
     ["K-VEILIG", "K-CRISIS", "K-ONDERM", "K-LLCORONA"]),
    ("T-STRAT", "Strategie en Beleid", "D-CS", 6, "Stadhuis",
     ["strategisch adviseur", "programmamanager"],
     ["K-STRAT", "K-PROJ", "K-DATA", "K-VERANDER"]),
]

# ============================================================================ knowledge
# id | name | kind | broader | synonyms | description
KNOWLEDGE_TEXT = """
K-RUIMTE|ruimtelijk domein|topic||fysiek domein|Alles over de fysieke leefomgeving.
K-OMGW|Omgevingswet|topic|K-RUIMTE|Ow;omgevingsrecht|Wet voor de fysieke leefomgeving, in werking sinds 1 januari 2024.
K-OMGVIS|omgevingsvisie|document|K-OMGW|visie fysieke leefomgeving|Omgevingsvisie Lindenhoven 2040.
K-OMGPLAN|omgevingsplan|document|K-OMGW|omgevingsplan Lindenhoven|
K-BESTPL|bestemmingsplan|document|K-OMGPLAN|bp;bestemmingsplannen|Oude bestemmingsplannen, nu onderdeel van het omgevingsplan van rechtswege.
K-OMGPROG|omgevingsprogramma|document|K-OMGW||
K-DSO|Digitaal Stelsel Omgevingswet|system|K-OMGW|DSO;Omgevingsloket|
K-VERGV|vergunningverlening|procedure|K-OMGW|vergunningen;VTH|
K-OMGVERG|omgevingsvergunning|procedure|K-VERGV|omgevingsvergunning bouwen|
K-BOPA|buitenplanse omgevingsplanactiviteit|procedure|K-OMGVERG|BOPA;afwijken van het omgevingsplan|
K-KWALCRIT|kwaliteitscriteria VTH|document|K-VERGV|kwaliteitscriteria 2.2|
K-HANDBVERG|handboek vergunningverlening|document|K-VERGV||Werkinstructies en modelbesluiten.
K-TOEZ|toezicht en handhaving|procedure|K-OMGW|handhaving;toezicht|
K-BOUWTOEZ|bouwtoezicht|procedure|K-TOEZ||
K-LAST|last onder dwangsom|procedure|K-TOEZ|LOD;dwangsom|
K-VTHUITV|VTH-uitvoeringsprogramma|document|K-TOEZ||
K-BBL|Besluit bouwwerken leefomgeving|topic|K-OMGW|Bbl;Bouwbesluit|
K-WKB|Wet kwaliteitsborging voor het bouwen|topic|K-BBL|Wkb|
K-MER|milieueffectrapportage|procedure|K-OMGW|m.e.r.;MER|
K-LLDSO|lessons learned invoering Omgevingswet|lesson_learned|K-OMGW||Evaluatie van het eerste jaar werken met de Omgevingswet.
K-MILIEU|milieu|topic|K-RUIMTE||
K-GELUID|geluid en trillingen|topic|K-MILIEU|geluidhinder|
K-BODEM|bodemkwaliteit|topic|K-MILIEU|bodem;bodemverontreiniging|
K-BRO|Basisregistratie Ondergrond|system|K-BODEM|BRO|
K-EXTVEIL|externe veiligheid|topic|K-MILIEU||
K-NATUUR|natuurbescherming en stikstof|topic|K-MILIEU|stikstof;AERIUS|
K-KLIMAAT|klimaatadaptatie|topic|K-MILIEU|hittestress;wateroverlast|
K-ENERGIE|energietransitie|topic|K-RUIMTE|warmtetransitie|
K-TVW|transitievisie warmte|document|K-ENERGIE|TVW;warmteplan|
K-WIJKUP|wijkuitvoeringsplan|document|K-TVW|WUP|
K-WIND|windenergie en RES|topic|K-ENERGIE|RES;regionale energiestrategie|
K-ZON|zonneparken|topic|K-ENERGIE|zonnevelden|
K-WONEN|volkshuisvesting|topic|K-RUIMTE|wonen;woonbeleid|
K-WOONVIS|woonvisie|document|K-WONEN||
K-PRESTAF|prestatieafspraken woningcorporaties|procedure|K-WONEN|prestatieafspraken|
K-GROND|grondzaken|topic|K-RUIMTE|grondbeleid|
K-GREX|grondexploitatie|skill|K-GROND|grex|Opstellen en herzien van grondexploitaties.
K-ANTERIEUR|anterieure overeenkomsten|procedure|K-GROND|kostenverhaal|
K-MOB|mobiliteit en verkeer|topic|K-RUIMTE|verkeer|
K-PARKEER|parkeerbeleid|document|K-MOB|parkeernota|
K-VERKMOD|verkeersmodel|system|K-MOB||
K-VERKBES|verkeersbesluiten|procedure|K-MOB||
K-OR|openbare ruimte|topic|K-RUIMTE|buitenruimte;BOR|
K-GROEN|groenbeheer|skill|K-OR|groenonderhoud|
K-BOMEN|bomenbeheer|skill|K-GROEN|boomveiligheid;VTA|
K-SPEEL|speelvoorzieningen|procedure|K-OR|speeltoestellen|
K-RIOOL|riolering en water|topic|K-OR|GRP;rioleringsplan|
K-WEGEN|wegbeheer|skill|K-OR||
K-GLADH|gladheidsbestrijding|procedure|K-WEGEN|strooien|
K-AFVAL|afvalinzameling|topic|K-OR|afval;grondstoffen|
K-BEHEERSYS|beheerpakket openbare ruimte|system|K-OR|beheersysteem|
K-MEOR|meldingen openbare ruimte|procedure|K-OR|MOR|
K-BEGRAAF|begraafplaatsbeheer|procedure|K-OR|begraven|
K-WLB|Wet op de lijkbezorging|topic|K-BEGRAAF|lijkbezorging|
K-ERFGOED|cultureel erfgoed en monumenten|topic|K-RUIMTE|monumenten|
K-ARCHEO|archeologie|topic|K-ERFGOED||
K-CENTRUM|centrumontwikkeling|topic|K-RUIMTE|binnenstad|
K-LLCENTRUM|lessons learned centrumplan 2019|lesson_learned|K-CENTRUM||Waarom het centrumplan van 2019 strandde.
K-PART|participatie|best_practice|K-OMGW|burgerparticipatie;inspraak|
K-PARTVERORD|participatieverordening|document|K-PART||
K-LLPARTW|lessons learned participatie windpark De Kolk|lesson_learned|K-PART||
K-ECON|economische zaken|topic|K-RUIMTE|EZ;bedrijvigheid|
K-BEDRTER|bedrijventerreinen|topic|K-ECON||
K-MARKT|markten en standplaatsen|procedure|K-ECON|weekmarkt|
K-TOERISME|recreatie en toerisme|topic|K-ECON|toeristenbelasting|
K-SOCIAAL|sociaal domein|topic||sociaal|
K-WMO|Wet maatschappelijke ondersteuning|topic|K-SOCIAAL|Wmo;Wmo 2015|
K-KEUKENTAFEL|keukentafelgesprek|best_practice|K-WMO|Wmo-onderzoek|
K-HULPMID|hulpmiddelen en woonvoorzieningen|procedure|K-WMO|woningaanpassing|
K-BESCHERMWON|beschermd wonen|topic|K-WMO|BW|
K-MANTEL|mantelzorgondersteuning|topic|K-WMO|mantelzorg|
K-JEUGDW|Jeugdwet|topic|K-SOCIAAL|jeugdhulp|
K-JEUGDBESCH|jeugdbescherming|topic|K-JEUGDW||
K-INKJEUGD|regionale inkoop jeugdhulp|procedure|K-JEUGDW|inkoop jeugd|
K-LLJEUGD|lessons learned wachtlijsten jeugdhulp|lesson_learned|K-JEUGDW||
K-PW|Participatiewet|topic|K-SOCIAAL|bijstand;PW|
K-BIJST|bijstandsverlening|procedure|K-PW|uitkering|
K-BBZ|Besluit bijstandverlening zelfstandigen|procedure|K-PW|Bbz;zelfstandigenregeling|Bijstand en bedrijfskapitaal voor ondernemers.
K-SUWI|Suwinet|system|K-PW|Suwinet-Inkijk|
K-REINT|re-integratie|procedure|K-PW|werkfit|
K-SCHULD|schuldhulpverlening|procedure|K-SOCIAAL|Wgs;schuldhulp|
K-VROEGSIG|vroegsignalering schulden|best_practice|K-SCHULD||
K-LLSCHULD|lessons learned vroegsignalering|lesson_learned|K-SCHULD||
K-MINIMA|minimabeleid|document|K-SOCIAAL|armoedebeleid|
K-ONDERW|onderwijshuisvesting|topic|K-SOCIAAL|IHP|
K-LPLICHT|leerplicht|procedure|K-SOCIAAL|leerplichtwet;RMC|
K-VVE|voor- en vroegschoolse educatie|topic|K-SOCIAAL|VVE|
K-INBURG|Wet inburgering|topic|K-SOCIAAL|inburgering|
K-OPVANG|opvang asielzoekers en statushouders|topic|K-SOCIAAL|azc;statushouders|
K-GEZOND|publieke gezondheid|topic|K-SOCIAAL|Wpg|
K-SPORT|sport en bewegen|topic|K-SOCIAAL||
K-WIJKTEAM|wijkteams|best_practice|K-SOCIAAL|sociaal team|
K-SOCKAART|sociale kaart|document|K-WIJKTEAM||
K-BPWIJK|best practice wijkgericht werken|best_practice|K-WIJKTEAM||
K-ZORGSYS|regiesysteem sociaal domein|system|K-SOCIAAL||
K-IBERICHT|iWmo- en iJw-berichtenverkeer|system|K-ZORGSYS|iWmo;iJw|
K-DIENST|dienstverlening|topic||||
K-KCC|klantcontactcentrum|topic|K-DIENST|KCC|
K-TELEF|telefonische dienstverlening|skill|K-KCC||
K-KENNISB|kennisbank KCC|system|K-KCC||
K-KLACHT|klachtbehandeling|procedure|K-DIENST|klachten|
K-BPKLACHT|klachten binnen 48 uur terugbellen|best_practice|K-KLACHT||
K-DIGI|digitale dienstverlening|topic|K-DIENST|e-dienstverlening|
K-TOEGANK|digitale toegankelijkheid|skill|K-DIGI|WCAG;toegankelijkheid|
K-WEBSITE|website en CMS|system|K-DIGI|CMS|
K-DIGID|DigiD en eHerkenning|system|K-DIGI|DigiD;eHerkenning|
K-B1|schrijven op taalniveau B1|skill|K-DIENST|B1;heldere taal;begrijpelijk schrijven|
K-BZ|burgerzaken|topic|K-DIENST|publiekszaken|
K-BRP|Basisregistratie Personen|system|K-BZ|BRP;GBA|
K-WIBRP|werkinstructie BRP-mutaties|document|K-BRP||
K-ADRONDZ|adresonderzoek|procedure|K-BRP||
K-REISDOC|reisdocumenten en rijbewijzen|procedure|K-BZ|paspoort;ID-kaart|
K-BURGST|burgerlijke stand|procedure|K-BZ|huwelijk;BS|
K-VERKIEZ|verkiezingen organiseren|procedure|K-BZ|verkiezingen|
K-DRVERK|draaiboek verkiezingen|document|K-VERKIEZ||
K-BAG|Basisregistratie Adressen en Gebouwen|system|K-BZ|BAG|
K-BELAST|gemeentelijke belastingen|topic|K-DIENST|belastingen;heffingen|
K-WOZ|Wet waardering onroerende zaken|topic|K-BELAST|WOZ|
K-PREC|precariobelasting|procedure|K-BELAST|precario|
K-KWIJT|kwijtschelding|procedure|K-BELAST||
K-BESTUUR|bestuur en organisatie|topic||||
K-APV|Algemene Plaatselijke Verordening|document|K-BESTUUR|APV|
K-EVENT|evenementenvergunning|procedure|K-APV|evenementen|
K-DRANK|Alcoholwet en horecavergunning|procedure|K-APV|Alcoholwet;DHW|
K-BIBOB|Wet Bibob|procedure|K-APV|Bibob|
K-RAAD|raadsvoorstellen schrijven|skill|K-BESTUUR|raadsvoorstel;collegevoorstel|
K-GEMWET|Gemeentewet|topic|K-BESTUUR||
K-WOO|Wet open overheid|topic|K-BESTUUR|Woo;Wob|
K-WOOVERZ|afhandeling Woo-verzoeken|procedure|K-WOO|Woo-verzoek|
K-LLWOO|lessons learned Woo-verzoeken|lesson_learned|K-WOOVERZ||
K-AWB|Algemene wet bestuursrecht|topic|K-BESTUUR|Awb;bestuursrecht|
K-BEZW|bezwaar en beroep|procedure|K-AWB|bezwaarschriften|
K-AANSPR|aansprakelijkstellingen|procedure|K-AWB||
K-SUBS|subsidieverlening|procedure|K-AWB|subsidies;ASV|
K-COMM|communicatie|topic|K-BESTUUR||
K-CRISCOM|crisiscommunicatie|skill|K-COMM||
K-PERS|persvoorlichting|skill|K-COMM|woordvoering|
K-SOCMED|sociale media|skill|K-COMM|socials|
K-OMGMAN|omgevingsmanagement|best_practice|K-COMM|stakeholdermanagement|
K-VEILIG|openbare orde en veiligheid|topic|K-BESTUUR|OOV|
K-CRISIS|crisisbeheersing|procedure|K-VEILIG|rampenbestrijding;GRIP|
K-DRAAIEVAC|draaiboek evacuatie|document|K-CRISIS||
K-LLCORONA|lessons learned coronacrisis|lesson_learned|K-CRISIS||
K-ONDERM|ondermijning|topic|K-VEILIG||
K-REGSAM|regionale samenwerking|topic|K-BESTUUR|gemeenschappelijke regelingen;Wgr|
K-INTEGR|integriteit|topic|K-BESTUUR|ambtseed|
K-STRAT|strategie en beleidsadvies|skill|K-BESTUUR|beleidsadvisering|
K-BEDR|bedrijfsvoering|topic||||
K-INKOOP|inkoop en aanbesteding|procedure|K-BEDR|aanbesteden;Aanbestedingswet|
K-FIN|financiën|topic|K-BEDR||
K-PC|planning en control|procedure|K-FIN|P&C-cyclus|
K-BEGROOT|begroting en jaarrekening|document|K-PC|begroting;jaarrekening|
K-BBV|Besluit begroting en verantwoording|topic|K-FIN|BBV|
K-FINSYS|financieel systeem|system|K-FIN|ERP|
K-CONTROL|interne controle|procedure|K-FIN|IC;rechtmatigheid|
K-RECHTM|rechtmatigheidsverantwoording|document|K-CONTROL||
K-TREAS|treasury|skill|K-FIN|Wet fido|
K-HRM|personeel en organisatie|topic|K-BEDR|HR;P&O|
K-CAO|Cao Gemeenten|document|K-HRM|cao|
K-VERZUIM|verzuimbegeleiding|procedure|K-HRM|Wet verbetering poortwachter|
K-WERVING|werving en selectie|procedure|K-HRM|recruitment|
K-STRATPERS|strategische personeelsplanning|best_practice|K-HRM|SPP|
K-ONBOARD|onboarding nieuwe medewerkers|best_practice|K-HRM|inwerken|
K-HRSYS|HR-systeem|system|K-HRM|personeelssysteem|
K-FAC|facilitaire zaken|topic|K-BEDR|facilitair|
K-INFO|informatievoorziening|topic|K-BEDR|IV;I&A|
K-AVG|Algemene verordening gegevensbescherming|topic|K-INFO|AVG;GDPR;privacy|
K-DPIA|gegevensbeschermingseffectbeoordeling|procedure|K-AVG|DPIA|
K-BIO|Baseline Informatiebeveiliging Overheid|topic|K-INFO|BIO;informatiebeveiliging|
K-ENSIA|ENSIA-verantwoording|procedure|K-BIO|ENSIA|
K-ALGREG|algoritmeregister|document|K-INFO|algoritmes|
K-ZGW|zaakgericht werken|best_practice|K-INFO|zaakgericht;ZGW|
K-ZAAKSYS|zaaksysteem|system|K-ZGW|zaak- en documentsysteem|
K-ARCHW|Archiefwet|topic|K-INFO|archief;informatiebeheer|
K-DIGIARCH|e-depot en digitale archivering|system|K-ARCHW|e-depot|
K-DATA|data-analyse|skill|K-INFO|datagedreven werken|
K-POWERBI|Power BI|system|K-DATA|dashboards|
K-SQL|SQL|skill|K-DATA||
K-PYTHON|Python|skill|K-DATA||
K-GIS|geo-informatie (GIS)|skill|K-INFO|GIS;ArcGIS;QGIS|Kaarten, ruimtelijke analyses en geodata.
K-BGT|Basisregistratie Grootschalige Topografie|system|K-GIS|BGT|
K-COMMONGRD|Common Ground|topic|K-INFO||
K-M365|Microsoft 365|system|K-INFO|Office 365;M365|
K-EXCEL|Microsoft Excel|system|K-M365|Excel;spreadsheet|
K-WORD|Microsoft Word|system|K-M365|Word|
K-TEAMS|Microsoft Teams|system|K-M365|Teams|
K-VAARD|algemene vaardigheden|skill||||
K-PROJ|projectmatig werken|skill|K-VAARD|projectmanagement;PRINCE2|
K-PROCBEG|procesbegeleiding|skill|K-VAARD||
K-ADVIES|adviesvaardigheden|skill|K-VAARD|adviseren|
K-ONDERH|onderhandelen|skill|K-VAARD||
K-LEIDING|leidinggeven|skill|K-VAARD|management|
K-VERANDER|verandermanagement|skill|K-VAARD||
K-POLSENS|politiek-bestuurlijke sensitiviteit|skill|K-VAARD|bestuurlijke sensitiviteit|
"""

GENERIC = ["K-EXCEL", "K-WORD", "K-TEAMS", "K-M365", "K-ZGW", "K-ZAAKSYS", "K-AVG", "K-B1", "K-PROJ",
           "K-ADVIES", "K-RAAD", "K-POLSENS", "K-INTEGR", "K-ONDERH", "K-PROCBEG", "K-DATA"]

# deliberate situations -------------------------------------------------------------
# single holders: item -> (team of the holder, level, leave_date of the holder or "", function)
SINGLES = {
    "K-GREX": ("T-GROND", 5, "2027-03-31", "adviseur grondexploitatie"),
    "K-WLB": ("T-BEGR", 4, "2027-06-30", "beheerder begraafplaats"),
    "K-BBZ": ("T-INK", 4, "2027-10-31", "klantmanager zelfstandigen (Bbz)"),
    "K-BRO": ("T-MIL", 4, "", "adviseur bodem"),
    "K-PREC": ("T-BELAST", 3, "", "specialist precario en leges"),
    "K-ARCHW": ("T-DIV", 5, "", "archivaris"),
    "K-LLPARTW": ("T-DUURZ", 3, "", "projectleider participatie windpark"),
}
ORPHANS = ["K-LLWOO", "K-DRAAIEVAC", "K-ALGREG", "K-LLCENTRUM"]
SILO_ITEM, SILO_TEAM = "K-GIS", "T-GEO"  # held only in D-IV, needed by T-VERG (D-VTH)
CONTROLLED = set(SINGLES) | set(ORPHANS) | {SILO_ITEM, "K-TOEGANK", "K-BIO", "K-LEIDING"}
ISOLATED_TEAM = "T-BEGR"  # only its lead has ties outside the team

# (unit, item, min_level, min_holders, criticality) that are unmet by design
UNMET_NEEDS = [
    ("T-BEGR", "K-WLB", 3, 2, 3),
    ("T-GROND", "K-GREX", 3, 2, 3),
    ("T-INK", "K-BBZ", 3, 2, 2),
    ("T-VERG", "K-GIS", 2, 1, 2),
    ("T-JUR", "K-ALGREG", 2, 1, 2),
    ("T-DIGI", "K-TOEGANK", 4, 2, 3),
    ("T-OOV", "K-DRAAIEVAC", 3, 1, 3),
    ("D-BV", "K-BIO", 4, 3, 3),
]
# met only when the holders in sub-units are counted
DEPT_NEEDS_MET = [
    ("D-SOC", "K-JEUGDW", 3, 4, 2, "T-JEUGD"),
    ("D-RUIMTE", "K-OMGW", 3, 6, 3, "T-VERG"),
    ("D-PZ", "K-BRP", 3, 4, 2, "T-BURG"),
]
EXTRA_NEEDS = [("T-BELAST", "K-PREC", 3, 1, 2), ("T-MIL", "K-BRO", 3, 1, 1), ("T-DIV", "K-ARCHW", 3, 1, 2)]

# ============================================================================ stakeholders
ACTORS = [
    # id, name, kind, description, power, legitimacy, urgency
    ("A-PROV", "Provincie Oost-Brabant", "government", "Provinciaal bestuur; bevoegd gezag bij grote energieprojecten.", 5, 5, 3),
    ("A-WATERSCH", "Waterschap Lindestroom", "government", "Waterbeheer, dijken en waterkwaliteit.", 4, 5, 2),
    ("A-COA", "COA regio Zuid", "government", "Centraal Orgaan opvang asielzoekers, regiokantoor.", 4, 5, 4),
    ("A-GEMHEU", "Gemeente Heuvelrode", "government", "Buurgemeente; trekker van de herindelingsverkenning.", 4, 5, 3),
    ("A-GEMBROEK", "Gemeente Broekwaarde", "government", "Buurgemeente; twijfelt over herindeling.", 3, 5, 3),
    ("A-GGD", "GGD Regio Linde", "government", "Publieke gezondheid, jeugdgezondheidszorg.", 3, 5, 2),
    ("A-VRL", "Veiligheidsregio Oost-Brabant", "government", "Brandweer, crisisbeheersing en rampenbestrijding.", 4, 5, 2),
    ("A-POLITIE", "Politie basisteam Lindenhoven", "government", "Wijkagenten en handhaving openbare orde.", 4, 5, 3),
    ("A-ODR", "Omgevingsdienst Regio Linde", "government", "Voert milieutaken uit voor de regiogemeenten.", 3, 4, 2),
    ("A-WOONLINDE", "Woningstichting Lindewoon", "civil_society", "Grootste woningcorporatie in de gemeente.", 4, 4, 4),
    ("A-THUISVAST", "Wooncorporatie Thuisvast", "civil_society", "Corporatie met bezit in Oosterwold.", 3, 4, 3),
    ("A-ENERGIE", "Energiecoöperatie Lindenstroom", "civil_society", "Coöperatie van inwoners voor lokale zonne- en windenergie.", 3, 4, 4),
    ("A-NATUUR", "Natuurvereniging De Lindehof", "civil_society", "Natuur- en vogelbescherming; beheert het Lindebos.", 2, 4, 3),
    ("A-VOEDSELB", "Voedselbank Lindenhoven", "civil_society", "Voedselhulp aan huishoudens met een laag inkomen.", 2, 4, 4),
    ("A-WELZIJN", "Stichting Welzijn Lindenhoven", "civil_society", "Welzijnswerk, ouderenadvies en jongerenwerk.", 3, 4, 4),
    ("A-VLUCHTW", "VluchtelingenWerk Lindenhoven", "civil_society", "Begeleiding van statushouders.", 2, 4, 3),
    ("A-SPORTRAAD", "Sportraad Lindenhoven", "civil_society", "Koepel van sportverenigingen.", 2, 3, 2),
    ("A-HUURDERS", "Huurdersvereniging De Sleutel", "residents", "Huurders van Lindewoon en Thuisvast.", 2, 4, 3),
    ("A-DORP-OOST", "Dorpsraad Oosterwold", "residents", "Dorpsraad van de kern Oosterwold.", 3, 4, 4),
    ("A-DORP-KOLK", "Dorpsraad De Kolk", "residents", "Dorpsraad van de kern De Kolk, naast het beoogde windpark.", 3, 4, 5),
    ("A-DORP-ZAND", "Dorpsraad Zandhoven", "residents", "Dorpsraad van de kern Zandhoven.", 2, 4, 3),
    ("A-WIJKCENTRUM", "Wijkraad Centrum", "residents", "Bewoners van de binnenstad.", 2, 4, 3),
    ("A-BUURTVLAS", "Buurtvereniging Vlasakker", "residents", "Omwonenden van de woningbouwlocatie Vlasakker-Zuid.", 2, 3, 4),
    ("A-BUURTHOEVE", "Buurtcomité De Hoeve", "residents", "Omwonenden van de beoogde opvanglocatie De Hoeve.", 3, 3, 5),
    ("A-TEGENWIND", "Stichting Tegenwind Lindenhoven", "residents", "Actiegroep tegen het windpark De Kolk.", 4, 3, 5),
    ("A-BURGERCOM", "Burgercomité Centrum Anders", "residents", "Bewonersinitiatief tegen het centrumplan.", 3, 3, 5),
    ("A-OV", "Ondernemersvereniging Lindenhoven", "business", "Winkeliers en horeca in het centrum.", 4, 4, 4),
    ("A-CENTRUMMGMT", "Centrummanagement Lindenhoven", "business", "Samenwerking van ondernemers, vastgoed en gemeente.", 3, 3, 3),
    ("A-VASTGOED", "Hoogland Vastgoed BV", "business", "Projectontwikkelaar met grondposities in Vlasakker-Zuid.", 4, 2, 4),
    ("A-WINDONTW", "Windkracht Oost BV", "business", "Initiatiefnemer van windpark De Kolk.", 4, 3, 4),
    ("A-LTO", "LTO-afdeling Lindenhoven", "business", "Agrariërs in het buitengebied.", 3, 4, 3),
    ("A-NETB", "Netbeheerder Enexo", "business", "Beheert elektriciteits- en gasnet; netcongestie.", 4, 4, 3),
    ("A-PARKMGMT", "Parkmanagement De Hoek", "business", "Bedrijven op bedrijventerrein De Hoek.", 2, 3, 2),
    ("A-OMROEP", "Lokale Omroep Lindenhoven FM", "media", "Lokale radio en website.", 2, 3, 2),
    ("A-KRANT", "Dagblad De Lindebode", "media", "Regionale krant.", 4, 4, 3),
    ("A-WEEKBLAD", "Huis-aan-huisblad Het Lindenblad", "media", "Wekelijks huis-aan-huisblad.", 2, 3, 2),
    ("A-REGIOTV", "Omroep Regio Oost", "media", "Regionale radio en televisie.", 3, 4, 2),
    ("A-ONLINE", "Facebookgroep 'Echt Lindenhoven'", "media", "Lokale Facebookgroep met 9.000 leden.", 2, 2, 3),
    ("A-POL-LB", "Lokaal Belang Lindenhoven", "politics", "Grootste raadsfractie (oppositie).", 4, 5, 3),
    ("A-POL-GROEN", "Groen Lindenhoven", "politics", "Coalitiepartij.", 3, 5, 3),
    ("A-POL-LIB", "Liberaal Lindenhoven", "politics", "Coalitiepartij.", 3, 5, 3),
    ("A-POL-SOC", "Samen Sociaal Lindenhoven", "politics", "Oppositiepartij.", 2, 5, 3),
    ("A-POL-DORP", "Dorpenlijst Lindenhoven", "politics", "Partij voor de kleine kernen (oppositie).", 3, 5, 4),
    ("A-OBS", "Openbare Basisschool De Linde", "education", "Basisschool in het centrum.", 1, 4, 2),
    ("A-SPO", "Stichting Primair Onderwijs Lindenhoven", "education", "Schoolbestuur van 9 basisscholen.", 3, 4, 3),
    ("A-LINDECOLL", "Lindecollege", "education", "School voor voortgezet onderwijs.", 3, 4, 2),
    ("A-ZORG", "Zorggroep Lindenhof", "other", "Ouderenzorg en thuiszorg.", 3, 4, 3),
    ("A-HISTVER", "Historische Vereniging Oud-Lindenhoven", "other", "Lokale geschiedenis en erfgoed.", 1, 3, 2),
    ("A-KERK", "Raad van Kerken Lindenhoven", "other", "Samenwerkende kerken.", 2, 3, 2),
    ("A-RUINE", "Stichting Kasteelruïne Lindenstein", "other", "Beheert de kasteelruïne en zoekt geld voor restauratie.", 2, 3, 4),
]

ISSUES = [
    ("I-WIND", "Windpark De Kolk", "Vier windturbines bij De Kolk; onderdeel van de RES.", "in procedure"),
    ("I-WONINGBOUW", "Woningbouwlocatie Vlasakker-Zuid", "Circa 450 woningen, waarvan 30 % sociale huur.", "besluitvorming"),
    ("I-AZC", "Opvanglocatie asielzoekers De Hoeve", "Opvang van 300 asielzoekers voor tien jaar.", "besluitvorming"),
    ("I-CENTRUM", "Centrumplan Lindenhoven", "Herinrichting van Markt en Kerkstraat; autoluw centrum.", "uitvoering"),
    ("I-BEZUIN", "Bezuinigingen sociaal domein", "Tekort van 3,2 miljoen euro op Wmo en jeugdhulp.", "besluitvorming"),
    ("I-WARMTE", "Aardgasvrije wijk Oosterwold", "Proeftuin warmtenet voor 600 woningen.", "verkenning"),
    ("I-PARKEER", "Parkeerbeleid centrum", "Invoering betaald parkeren en vergunningparkeren.", "in procedure"),
    ("I-FUSIE", "Herindeling met Heuvelrode en Broekwaarde", "Verkenning van een gemeentelijke herindeling per 2029.", "verkenning"),
    ("I-RUINE", "Restauratie kasteelruïne Lindenstein", "Consolidatie en openstelling van de ruïne.", "uitvoering"),
]

# issue -> [(actor, stances over time, influences over time, interest)]
POSITIONS = {
    "I-WIND": [
        ("A-WINDONTW", [2, 2, 2], [4, 4, 4], 5),
        ("A-TEGENWIND", [-1, -2, -2, -2], [2, 3, 4, 4], 5),
        ("A-DORP-KOLK", [0, -1, -2], [3, 3, 3], 5),
        ("A-ENERGIE", [2, 1, 1], [3, 3, 3], 4),
        ("A-PROV", [1, 1, 2], [5, 5, 5], 3),
        ("A-NATUUR", [0, -1, -1], [2, 3, 3], 3),
        ("A-LTO", [-1, 0, 1], [2, 2, 2], 4),
        ("A-POL-LB", [0, -1, -2], [4, 4, 4], 4),
        ("A-POL-GROEN", [2, 2, 1], [3, 3, 3], 4),
        ("A-KRANT", [0, -1], [2, 3], 2),
    ],
    "I-WONINGBOUW": [
        ("A-WOONLINDE", [2, 2], [4, 4], 5),
        ("A-VASTGOED", [1, 2, 2], [3, 4, 4], 5),
        ("A-HUURDERS", [1, 1, 2], [2, 2, 2], 4),
        ("A-BUURTVLAS", [-1, -1, 0], [2, 2, 2], 4),
        ("A-PROV", [0, 1], [4, 4], 2),
        ("A-POL-LIB", [2, 2], [3, 3], 3),
        ("A-NATUUR", [-1, -2], [2, 2], 3),
    ],
    "I-AZC": [
        ("A-COA", [2, 2, 2], [4, 4, 4], 5),
        ("A-BUURTHOEVE", [-2, -1, 0], [3, 3, 3], 5),
        ("A-VLUCHTW", [2, 2], [2, 2], 4),
        ("A-POL-LB", [-1, -2], [4, 4], 4),
        ("A-POL-SOC", [1, 2], [2, 3], 3),
        ("A-POLITIE", [0, 0], [3, 3], 2),
        ("A-KERK", [1, 2], [2, 2], 3),
        ("A-REGIOTV", [0, 0], [3, 3], 2),
    ],
    "I-CENTRUM": [
        ("A-OV", [1, 0, -1], [4, 4, 4], 5),
        ("A-CENTRUMMGMT", [2, 1, 1], [3, 3, 3], 5),
        ("A-BURGERCOM", [-1, -2, -2], [3, 4, 4], 5),
        ("A-HISTVER", [-1, -1], [1, 2], 3),
        ("A-WEEKBLAD", [0, -1], [2, 2], 2),
        ("A-POL-LIB", [2, 1], [3, 3], 4),
        ("A-WIJKCENTRUM", [1, 0], [2, 2], 4),
    ],
    "I-BEZUIN": [
        ("A-WELZIJN", [-1, -2, -2], [3, 3, 3], 5),
        ("A-VOEDSELB", [-2, -2], [2, 2], 5),
        ("A-ZORG", [-1, -1], [3, 3], 4),
        ("A-POL-SOC", [-2, -2], [3, 3], 5),
        ("A-POL-LIB", [1, 2], [3, 3], 4),
        ("A-GGD", [-1, 0], [3, 3], 3),
        ("A-SPO", [0, -1], [2, 2], 3),
    ],
    "I-WARMTE": [
        ("A-DORP-OOST", [0, -1, 1], [3, 3, 3], 5),
        ("A-ENERGIE", [2, 2, 2], [3, 3, 3], 5),
        ("A-THUISVAST", [1, 1, 2], [4, 4, 4], 4),
        ("A-HUURDERS", [-1, 0, 0], [2, 2, 2], 4),
        ("A-NETB", [1, 1], [4, 4], 3),
        ("A-POL-GROEN", [2, 2], [3, 3], 3),
    ],
    "I-PARKEER": [
        ("A-OV", [-2, -2, -1], [4, 4, 4], 5),
        ("A-WIJKCENTRUM", [1, 2], [2, 2], 4),
        ("A-POL-LB", [-1, -1], [4, 4], 3),
        ("A-ONLINE", [-2, -2], [2, 2], 3),
        ("A-KRANT", [-1], [2], 2),
    ],
    "I-FUSIE": [
        ("A-GEMHEU", [1, 2, 2], [4, 4, 4], 5),
        ("A-GEMBROEK", [0, 0, -1], [3, 3, 3], 5),
        ("A-PROV", [1, 2, 2], [5, 5, 5], 4),
        ("A-POL-DORP", [-2, -2, -2], [3, 3, 3], 5),
        ("A-DORP-ZAND", [-1, -2], [2, 2], 4),
        ("A-OMROEP", [0, 0], [2, 2], 2),
    ],
    "I-RUINE": [
        ("A-RUINE", [2, 2], [3, 3], 5),
        ("A-HISTVER", [2, 2], [2, 2], 4),
        ("A-PROV", [0, 1], [3, 3], 2),
        ("A-NATUUR", [-1, 0], [2, 2], 3),
    ],
}
POSITION_SOURCES = ("zienswijze", "inspraakavond", "krantenartikel", "gesprek", "raadsvergadering", "brief")

# actor -> (teams to draw contacts from, number of contacts); absent = no contact
CONTACT_PLAN = {
    "A-PROV": (["T-MT-DIR", "T-RO", "T-DUURZ", "T-BESTUUR"], 4),
    "A-WATERSCH": (["T-WEGEN"], 1),
    "A-COA": (["T-SOCBEL", "T-MT-SOC", "T-OOV"], 3),
    "A-GEMHEU": (["T-MT-DIR", "T-BESTUUR"], 2),
    "A-GEMBROEK": (["T-BESTUUR", "T-STRAT"], 2),
    "A-GGD": (["T-SOCBEL", "T-JEUGD"], 2),
    "A-VRL": (["T-OOV"], 2),
    "A-POLITIE": (["T-OOV", "T-TOEZ", "T-WIJK"], 3),
    "A-ODR": (["T-MIL", "T-VERG"], 3),
    "A-WOONLINDE": (["T-WONEN", "T-GROND", "T-WIJK"], 4),
    "A-THUISVAST": (["T-WONEN", "T-DUURZ"], 2),
    "A-NATUUR": (["T-MIL", "T-GROEN"], 2),
    "A-VOEDSELB": (["T-SCHULD", "T-INK"], 2),
    "A-WELZIJN": (["T-WIJK", "T-SOCBEL"], 4),
    "A-VLUCHTW": (["T-SOCBEL", "T-WERK"], 2),
    "A-SPORTRAAD": (["T-SOCBEL"], 1),
    "A-HUURDERS": (["T-WONEN"], 2),
    "A-DORP-OOST": (["T-DUURZ", "T-COMM"], 2),
    "A-DORP-KOLK": (["T-DUURZ", "T-COMM", "T-RO"], 3),
    "A-DORP-ZAND": (["T-BESTUUR", "T-COMM"], 2),
    "A-WIJKCENTRUM": (["T-GROND", "T-MOB"], 2),
    "A-BUURTVLAS": (["T-GROND"], 2),
    "A-BUURTHOEVE": (["T-SOCBEL", "T-COMM"], 2),
    "A-OV": (["T-WONEN", "T-GROND", "T-MOB"], 3),
    "A-CENTRUMMGMT": (["T-WONEN", "T-GROND"], 2),
    "A-WINDONTW": (["T-DUURZ", "T-VERG", "T-RO"], 3),
    "A-LTO": (["T-RO", "T-MIL"], 2),
    "A-NETB": (["T-DUURZ"], 1),
    "A-PARKMGMT": (["T-WONEN"], 2),
    "A-OMROEP": (["T-COMM"], 1),
    "A-KRANT": (["T-COMM"], 3),
    "A-WEEKBLAD": (["T-COMM"], 2),
    "A-REGIOTV": (["T-COMM"], 2),
    "A-POL-LB": (["T-BESTUUR", "T-MT-DIR"], 2),
    "A-POL-GROEN": (["T-BESTUUR"], 2),
    "A-POL-LIB": (["T-BESTUUR"], 2),
    "A-POL-SOC": (["T-BESTUUR"], 2),
    "A-POL-DORP": (["T-BESTUUR"], 2),
    "A-OBS": (["T-ONDERW"], 2),
    "A-SPO": (["T-ONDERW", "T-JEUGD"], 3),
    "A-LINDECOLL": (["T-ONDERW"], 2),
    "A-ZORG": (["T-WMO", "T-SOCBEL"], 3),
    "A-RUINE": (["T-RO"], 2),
    # A-ENERGIE: exactly one contact, set explicitly (a person who leaves in 2027)
    # no contact at all: A-TEGENWIND, A-VASTGOED, A-BURGERCOM (influential: blind spots),
    #                    A-ONLINE, A-HISTVER, A-KERK (little influence)
}

ACTOR_TIES = [
    ("A-TEGENWIND", "A-DORP-KOLK", "alliance"),
    ("A-TEGENWIND", "A-NATUUR", "alliance"),
    ("A-TEGENWIND", "A-WINDONTW", "conflict"),
    ("A-TEGENWIND", "A-ENERGIE", "conflict"),
    ("A-POL-LB", "A-TEGENWIND", "alliance"),
    ("A-ENERGIE", "A-WINDONTW", "alliance"),
    ("A-PROV", "A-ENERGIE", "funds"),
    ("A-PROV", "A-RUINE", "funds"),
    ("A-WINDONTW", "A-DORP-KOLK", "funds"),
    ("A-WOONLINDE", "A-VASTGOED", "alliance"),
    ("A-HUURDERS", "A-WOONLINDE", "other"),
    ("A-BUURTVLAS", "A-VASTGOED", "conflict"),
    ("A-OV", "A-CENTRUMMGMT", "member"),
    ("A-BURGERCOM", "A-OV", "conflict"),
    ("A-BURGERCOM", "A-HISTVER", "alliance"),
    ("A-BUURTHOEVE", "A-COA", "conflict"),
    ("A-VLUCHTW", "A-COA", "alliance"),
    ("A-POL-GROEN", "A-ENERGIE", "alliance"),
    ("A-POL-DORP", "A-DORP-ZAND", "alliance"),
    ("A-GEMHEU", "A-GEMBROEK", "other"),
    ("A-GGD", "A-VRL", "other"),
    ("A-WELZIJN", "A-VOEDSELB", "alliance"),
    ("A-ZORG", "A-WELZIJN", "alliance"),
    ("A-OBS", "A-SPO", "member"),
    ("A-KRANT", "A-REGIOTV", "other"),
    ("A-THUISVAST", "A-ENERGIE", "alliance"),
    ("A-NETB", "A-ENERGIE", "conflict"),
    ("A-HISTVER", "A-RUINE", "alliance"),
    ("A-SPORTRAAD", "A-WELZIJN", "other"),
    ("A-PARKMGMT", "A-OV", "member"),
    ("A-ONLINE", "A-BURGERCOM", "alliance"),
]

KNOWLEDGE_ISSUES = {
    "I-WIND": ["K-WIND", "K-OMGW", "K-BOPA", "K-MER", "K-GELUID", "K-NATUUR", "K-PART", "K-LLPARTW", "K-OMGMAN"],
    "I-WONINGBOUW": ["K-WONEN", "K-WOONVIS", "K-GREX", "K-ANTERIEUR", "K-OMGPLAN", "K-PRESTAF", "K-BODEM"],
    "I-AZC": ["K-OPVANG", "K-INBURG", "K-OMGMAN", "K-CRISCOM", "K-VEILIG"],
    "I-CENTRUM": ["K-CENTRUM", "K-LLCENTRUM", "K-PARKEER", "K-ECON", "K-OMGPLAN"],
    "I-BEZUIN": ["K-WMO", "K-JEUGDW", "K-BEGROOT", "K-SOCIAAL", "K-LLJEUGD"],
    "I-WARMTE": ["K-TVW", "K-WIJKUP", "K-ENERGIE", "K-PART"],
    "I-PARKEER": ["K-PARKEER", "K-VERKBES", "K-MOB"],
    "I-RUINE": ["K-ERFGOED", "K-ARCHEO", "K-SUBS", "K-NATUUR"],
    # I-FUSIE: deliberately no knowledge linked
}

# issue -> team (or MT) whose member owns the dossier
ISSUE_OWNERS = {
    "I-WIND": "T-DUURZ", "I-WONINGBOUW": "T-GROND", "I-AZC": "T-SOCBEL", "I-CENTRUM": "T-GROND",
    "I-BEZUIN": "T-MT-SOC", "I-WARMTE": "T-DUURZ", "I-PARKEER": "T-MOB", "I-FUSIE": "T-MT-DIR",
    "I-RUINE": "T-RO",
}

# (issue, channel, actor or "", sentiment, text); dates are drawn per issue, in order
SIGNALS = [
    ("I-WIND", "media", "A-KRANT", -1, "De Lindebode: 'Windmolens van 200 meter te dicht bij De Kolk'."),
    ("I-WIND", "complaint", "A-DORP-KOLK", -2, "Klacht over slagschaduw en geluid; bewoners voelen zich niet gehoord."),
    ("I-WIND", "focus_group", "", 0, "Focusgroep De Kolk: behoefte aan een omgevingsfonds & lokaal eigendom."),
    ("I-WIND", "idea", "A-ENERGIE", 1, "Energiecoöperatie stelt voor dat inwoners 50 % van het park in eigendom krijgen."),
    ("I-WIND", "media", "A-ONLINE", -2, "Post in Facebookgroep: <b>STOP het windpark!</b> & teken de petitie."),
    ("I-WIND", "interview", "A-TEGENWIND", -2, "Tegenwind kondigt juridische procedure aan tegen het voorkeursbesluit."),
    ("I-WIND", "survey", "", -1, "Enquête onder 800 inwoners: 41 % voor, 47 % tegen, 12 % weet niet."),
    ("I-WONINGBOUW", "evaluation", "A-WOONLINDE", 2, "Lindewoon tevreden over afspraak 30 % sociale huur."),
    ("I-WONINGBOUW", "complaint", "A-BUURTVLAS", -1, "Omwonenden vrezen verkeersoverlast tijdens de bouw."),
    ("I-WONINGBOUW", "interview", "A-VASTGOED", 1, "Hoogland Vastgoed wil sneller starten dan de gemeentelijke planning."),
    ("I-WONINGBOUW", "media", "A-WEEKBLAD", 0, "Het Lindenblad: starters hopen op betaalbare woningen in Vlasakker-Zuid."),
    ("I-WONINGBOUW", "observation", "", 1, "Druk bezochte inloopavond; veel jonge gezinnen."),
    ("I-AZC", "complaint", "A-BUURTHOEVE", -2, "Buurtcomité: 'Wij zijn pas na het collegebesluit geïnformeerd.'"),
    ("I-AZC", "focus_group", "A-BUURTHOEVE", -1, "Gesprek met omwonenden over veiligheid, verlichting en een klankbordgroep."),
    ("I-AZC", "media", "A-REGIOTV", 0, "Omroep Regio Oost: raad verdeeld over opvanglocatie De Hoeve."),
    ("I-AZC", "idea", "A-KERK", 1, "Raad van Kerken biedt vrijwilligers aan voor taalcafé en maatjesproject."),
    ("I-AZC", "evaluation", "A-BUURTHOEVE", 0, "Klankbordgroep: afspraken over beheer werken, zorgen blijven."),
    ("I-CENTRUM", "complaint", "A-OV", -1, "Winkeliers klagen over bereikbaarheid tijdens de werkzaamheden."),
    ("I-CENTRUM", "media", "A-WEEKBLAD", -1, "Lezersbrief: 'Het centrumplan is een ruïne van goede bedoelingen.'"),
    ("I-CENTRUM", "survey", "", 1, "Bezoekersenquête: waardering voor de nieuwe Markt, kritiek op parkeren."),
    ("I-CENTRUM", "interview", "A-BURGERCOM", -2, "Burgercomité eist stop op de kap van de lindebomen op de Markt."),
    ("I-CENTRUM", "observation", "", 0, "Drukte op zaterdag gelijk aan vorig jaar; leegstand Kerkstraat 9 %."),
    ("I-BEZUIN", "complaint", "A-WELZIJN", -2, "Welzijn Lindenhoven waarschuwt voor langere wachtlijsten."),
    ("I-BEZUIN", "media", "A-KRANT", -1, "De Lindebode: 'Huishoudelijke hulp op de tocht'."),
    ("I-BEZUIN", "evaluation", "A-ZORG", -1, "Zorggroep Lindenhof: minder Wmo-indicaties leidt tot meer druk op mantelzorgers."),
    ("I-BEZUIN", "interview", "A-VOEDSELB", -2, "Voedselbank ziet aantal klanten met 18 % stijgen."),
    ("I-BEZUIN", "survey", "", 0, "Cliëntervaringsonderzoek Wmo: rapportcijfer 7,1 (vorig jaar 7,4)."),
    ("I-WARMTE", "focus_group", "A-DORP-OOST", -1, "Zorgen over kosten van het warmtenet voor huurders en eigenaren."),
    ("I-WARMTE", "idea", "A-ENERGIE", 2, "Coöperatie wil het warmtenet samen met inwoners exploiteren."),
    ("I-WARMTE", "evaluation", "A-DORP-OOST", 1, "Na de informatieavond: meer vertrouwen dankzij de gegarandeerde woonlasten."),
    ("I-WARMTE", "media", "A-OMROEP", 0, "Lindenhoven FM: 'Oosterwold proeftuin voor aardgasvrij wonen'."),
    ("I-PARKEER", "complaint", "A-OV", -2, "Ondernemers: betaald parkeren jaagt klanten naar Heuvelrode."),
    ("I-PARKEER", "media", "A-ONLINE", -2, "Facebookpost: 'Parkeren € 2,50 per uur? Dan ga ik wel naar de buurgemeente.'"),
    ("I-PARKEER", "idea", "A-WIJKCENTRUM", 1, "Wijkraad stelt blauwe zone met vergunning voor bewoners voor."),
    ("I-PARKEER", "survey", "", -1, "Peiling: 58 % van de bezoekers tegen betaald parkeren."),
    ("I-FUSIE", "interview", "A-POL-DORP", -2, "Dorpenlijst: 'Kleine kernen verdwijnen uit beeld bij een fusie.'"),
    ("I-FUSIE", "media", "A-KRANT", 0, "De Lindebode zet voor- en nadelen van de herindeling op een rij."),
    ("I-FUSIE", "survey", "", -1, "Inwonerspanel: 52 % tegen herindeling, vooral in Zandhoven."),
    ("I-FUSIE", "focus_group", "A-DORP-ZAND", -1, "Dorpsraad vraagt om garanties voor het servicepunt in Zandhoven."),
    ("I-RUINE", "idea", "A-HISTVER", 2, "Historische Vereniging biedt rondleidingen aan bij de kasteelruïne."),
    ("I-RUINE", "observation", "A-NATUUR", -1, "Vleermuizen in de ruïne: ecologisch onderzoek nodig vóór de restauratie."),
    ("I-RUINE", "media", "A-OMROEP", 1, "Reportage: restauratie van de ruïne Lindenstein & het nieuwe bezoekerspaviljoen."),
]

# ============================================================================ names
FIRST_NAMES = (
    "Anne Bram Chantal Dennis Eline Frank Gerda Henk Ingrid Jeroen Karin Laura Marco Nicole Oscar Patrick "
    "Renate Sandra Tom Ursula Vincent Wilma Yvonne Arjen Bianca Claudia Dirk Esther Fenna Gijs Hilde Ivo "
    "Janneke Kees Lisa Mieke Niels Olga Pim Rianne Sjoerd Tamara Wouter Anouk Bart Corine Daphne Erik Floor "
    "Gerrit Hanneke Jasper Kim Luuk Marloes Nathalie Paul Rik Saskia Thomas Vera Willemijn Ahmed Fatma Mehmet "
    "Samira Rachid Yasmina Priya Dewi Kevin Melissa Sander Joyce Ruud Marjolein Hans Annemarie Leon Iris "
    "Jolanda Robbert Stefan Tineke Maaike Geert Jelle Femke Sietske Maarten Noëlle Chloë Zoë Joëlle Bas "
    "Lotte Sem Mila Daan Fleur Koen Roos Stijn"
).split()
LAST_NAMES = [
    "Jansen", "de Jong", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster",
    "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Jonge", "Kuipers", "van Veen",
    "Post", "Veenstra", "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Martens", "Vink",
    "de Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker", "van Loon", "van der Velde", "Willemsen",
    "Smeets", "de Lange", "Bosch", "van Dongen", "Schipper", "de Koning", "van der Laan", "Driessen",
    "van Doorn", "Hermans", "Evers", "van den Bosch", "van der Meulen", "Hofman", "Bosman", "Wolters",
    "Sanders", "van der Horst", "Molenaar", "van de Pol", "de Leeuw", "Verbeek", "El Idrissi", "Yılmaz",
    "Öztürk", "Bouzid", "Kaya", "Ramdin", "Nguyen", "ter Horst", "van 't Hof", "in 't Veld", "Çelik",
]


def ascii_slug(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in norm if c.isascii() and c.isalnum()).lower()


def d(x: date) -> str:
    return x.isoformat()


def rand_date(rng: random.Random, lo: date, hi: date) -> date:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


# ============================================================================ build
def build(rng: random.Random) -> dict[str, list[list]]:
    tables: dict[str, list[list]] = {t: [] for t in COLUMNS}
    dept_by_id = {dep[0]: dep for dep in DEPARTMENTS}
    children = defaultdict(list)
    for did, _, parent, _ in DEPARTMENTS:
        if parent:
            children[parent].append(did)
        tables["departments"].append([did, dept_by_id[did][1], parent])

    # ------------------------------------------------------------------ persons
    name_pool = [(f, l) for f in FIRST_NAMES for l in LAST_NAMES]
    rng.shuffle(name_pool)
    persons: list[dict] = []
    emails: set[str] = set()

    def new_person(function: str, location: str, start_lo: date = date(1987, 1, 1)) -> dict:
        first, last = name_pool.pop()
        pid = f"P{len(persons) + 1:04d}"
        email = f"{ascii_slug(first)}.{ascii_slug(last)}"
        base, n = email, 1
        while email in emails:
            n += 1
            email = f"{base}{n}"
        emails.add(email)
        p = {"id": pid, "name": f"{first} {last}", "email": f"{email}@lindenhoven.example",
             "function": function, "location": location,
             "start": rand_date(rng, start_lo, date(2026, 6, 1)), "leave": "", "teams": []}
        persons.append(p)
        return p

    heads: dict[str, dict] = {}
    for did, name, _, title in DEPARTMENTS:
        heads[did] = new_person(title, "Stadhuis", date(1990, 1, 1))

    team_by_id = {t[0]: t for t in TEAMS}
    members: dict[str, list[dict]] = {}
    leads: dict[str, dict] = {}
    memberships: list[list] = []

    def since(p: dict, lo: date | None = None) -> str:
        lo = max(p["start"], lo or p["start"])
        return d(rand_date(rng, lo, max(lo, date(2026, 9, 1))))

    for tid, tname, did, size, loc, funcs, _focus in TEAMS:
        lead = new_person(f"teamleider {tname[0].lower() + tname[1:]}", loc)
        mem = [lead]
        for i in range(size - 1):
            f = funcs[i] if i < len(funcs) else rng.choice(funcs)
            mem.append(new_person(f, loc))
        members[tid] = mem
        leads[tid] = lead
        for p in mem:
            p["teams"].append(tid)
            memberships.append([p["id"], tid, "lead" if p is lead else "member", since(p), ""])

    # lateral pins: person in a second regular team (chosen from non-leads)
    def pick_member(tid: str, exclude: set[str] = frozenset()) -> dict:
        cands = [p for p in members[tid] if p is not leads[tid] and len(p["teams"]) == 1
                 and p["id"] not in exclude and not p.get("special")]
        return rng.choice(cands)

    lateral = [("T-JUR", "T-VERG", "jurist omgevingsrecht"),
               ("T-GEO", "T-SOCBEL", "data-analist sociaal domein"),
               ("T-COMM", "T-DUURZ", "omgevingsmanager energietransitie"),
               ("T-KCC", "T-BURG", "medewerker frontoffice burgerzaken")]
    pins = []
    for home, second, func in lateral:
        p = pick_member(home)
        p["function"] = func
        p["teams"].append(second)
        p["special"] = "pin"
        members[second].append(p)
        memberships.append([p["id"], second, "member", since(p, date(2024, 1, 1)), ""])
        pins.append(p)

    # historical memberships (ended): moved between teams
    for old, new in (("T-KCC", "T-DIGI"), ("T-INK", "T-WERK")):
        p = pick_member(new)
        p["special"] = "moved"
        memberships.append([p["id"], old, "member", d(max(p["start"], date(2019, 3, 1))), "2025-06-30"])
        # the current membership starts the day after
        for m in memberships:
            if m[0] == p["id"] and m[1] == new:
                m[3] = "2025-07-01"
        p["start"] = min(p["start"], date(2019, 3, 1))

    # management teams
    mt_members: dict[str, list[dict]] = {}
    for did, name, parent, _ in DEPARTMENTS:
        tid = f"T-MT-{did[2:]}"
        mem = [heads[did]]
        if children[did]:
            mem += [heads[c] for c in children[did]]
        else:
            mem += [leads[t[0]] for t in TEAMS if t[2] == did]
        mt_members[tid] = mem
        for p in mem:
            p["teams"].append(tid)
            memberships.append([p["id"], tid, "lead" if p is heads[did] else "member",
                                since(p, date(2015, 1, 1)), ""])

    for t in TEAMS:
        tables["teams"].append([t[0], t[1], t[2]])
    for did, name, _, _ in DEPARTMENTS:
        tables["teams"].append([f"T-MT-{did[2:]}", f"MT {name}", did])
    all_members = {**members, **mt_members}

    # ------------------------------------------------------------------ knowledge
    knowledge = []
    for line in KNOWLEDGE_TEXT.strip().splitlines():
        parts = line.split("|")
        kid, name, kind, broader, syn, desc = (parts + [""] * 6)[:6]
        url = f"https://intranet.lindenhoven.example/kennis/{kid[2:].lower()}" if kind in ("document", "procedure") and rng.random() < 0.5 else ""
        upd = d(rand_date(rng, date(2021, 1, 1), date(2026, 11, 1))) if kind in ("document", "procedure", "system", "lesson_learned", "best_practice") else ""
        knowledge.append([kid, name, kind, broader, syn, desc, url, upd])
    tables["knowledge"] = knowledge
    kids = [k[0] for k in knowledge]

    # ------------------------------------------------------------------ skills
    skills: dict[tuple[str, str], list] = {}  # (pid, kid) -> row

    def conf_date() -> str:
        r = rng.random()
        if r < 0.08:
            return ""
        if r < 0.33:  # stale: more than 24 months before AS_OF
            return d(rand_date(rng, date(2021, 6, 1), date(2024, 11, 30)))
        return d(rand_date(rng, date(2024, 12, 1), date(2026, 11, 15)))

    def set_skill(p: dict, kid: str, level: int, source: str | None = None) -> None:
        key = (p["id"], kid)
        if key in skills:
            skills[key][2] = max(skills[key][2], level)
        else:
            skills[key] = [p["id"], kid, level, conf_date(),
                           source or rng.choice(("self", "self", "manager", "certificate", "assessment"))]

    def rand_level() -> int:
        return rng.choices((1, 2, 3, 4, 5), weights=(8, 20, 34, 26, 12))[0]

    for tid, _, _, _, _, _, focus in TEAMS:
        focus = [k for k in focus if k not in CONTROLLED]
        for p in members[tid][: team_by_id[tid][3]]:  # own members only
            n = rng.randint(3, 7)
            chosen: list[str] = []
            while len(chosen) < n:
                k = rng.choice(focus) if rng.random() < 0.7 else rng.choice(GENERIC)
                if k not in chosen:
                    chosen.append(k)
            for k in chosen:
                set_skill(p, k, rand_level())
        set_skill(leads[tid], "K-LEIDING", rng.randint(3, 4), "manager")
    for p in pins:  # pins also know something of their second team
        second = p["teams"][1]
        k = rng.choice([k for k in team_by_id[second][6] if k not in CONTROLLED])
        set_skill(p, k, rng.randint(2, 4))
    for did, head in heads.items():
        for k, lo in (("K-LEIDING", 4), ("K-POLSENS", 3), ("K-STRAT", 3), ("K-VERANDER", 2)):
            set_skill(head, k, rng.randint(lo, 5), "assessment")
    # broad topics are held by the managers of the domain; a few rarer items by specialists
    for did, k in (("D-RUIMTE", "K-RUIMTE"), ("D-SOC", "K-SOCIAAL"), ("D-DV", "K-DIENST"), ("D-BV", "K-BEDR"),
                   ("D-DIR", "K-BESTUUR"), ("D-IV", "K-INFO"), ("D-HRM", "K-VAARD")):
        set_skill(heads[did], k, 4, "manager")
    for tid, k in (("T-RO", "K-OMGPROG"), ("T-COMM", "K-PARTVERORD"), ("T-RO", "K-PARTVERORD"),
                   ("T-ICT", "K-ENSIA"), ("T-ICT", "K-ENSIA"), ("T-JUR", "K-BEZW"), ("T-JUR", "K-BEZW")):
        set_skill(rng.choice(members[tid][1:team_by_id[tid][3]]), k, rng.randint(3, 4))

    # normal needs (met): 2-3 focus items per team
    needs: list[list] = []

    def holders(unit_persons: list[dict], kid: str, min_level: int) -> list[dict]:
        return [p for p in unit_persons if skills.get((p["id"], kid), [0, 0, 0])[2] >= min_level]

    def ensure(unit_persons: list[dict], kid: str, min_level: int, min_holders: int) -> None:
        have = holders(unit_persons, kid, min_level)
        cands = [p for p in unit_persons if p not in have]
        rng.shuffle(cands)
        for p in cands[: max(0, min_holders - len(have))]:
            set_skill(p, kid, rng.randint(min_level, min(5, min_level + 1)))

    for tid, _, _, _, _, _, focus in TEAMS:
        focus = [k for k in focus if k not in CONTROLLED]
        for k in rng.sample(focus, min(len(focus), rng.randint(2, 3))):
            ml = rng.choices((2, 3, 4), weights=(2, 6, 2))[0]
            mh = rng.choices((1, 2, 3), weights=(2, 6, 2))[0]
            mh = min(mh, len(members[tid]) - 1)
            crit = rng.randint(1, 3)
            ensure(members[tid], k, ml, mh)
            needs.append([tid, k, ml, mh, crit])

    # department needs met only through sub-units
    for unit, k, ml, mh, crit, via in DEPT_NEEDS_MET:
        ensure(members[via], k, ml, mh)
        needs.append([unit, k, ml, mh, crit])

    # single holders (plus their planned departures)
    single_holder: dict[str, dict] = {}
    for kid, (tid, level, leave, function) in SINGLES.items():
        p = pick_member(tid)
        p["special"] = "single"
        p["function"] = function
        set_skill(p, kid, level, "manager")
        if leave:
            p["leave"] = leave
        single_holder[kid] = p
    # silo: GIS only in T-GEO (department D-IV)
    for p in rng.sample([p for p in members[SILO_TEAM][:team_by_id[SILO_TEAM][3]]
                         if len(p["teams"]) == 1], 4):
        set_skill(p, SILO_ITEM, rng.randint(3, 5), "certificate")
    # digital accessibility: only up to level 3
    for p in rng.sample(members["T-DIGI"][1:team_by_id["T-DIGI"][3]], 3):
        set_skill(p, "K-TOEGANK", rng.randint(2, 3))
    set_skill(rng.choice(members["T-KCC"][1:]), "K-TOEGANK", 2)
    # information security: 2 at level 4 inside Bedrijfsvoering, 1 at level 4 outside
    bio = rng.sample([p for p in members["T-ICT"][1:] if len(p["teams"]) == 1], 5)
    for i, p in enumerate(bio):
        set_skill(p, "K-BIO", 4 if i < 2 else 3, "certificate")
    set_skill(pick_member("T-JUR"), "K-BIO", 4)
    for unit, k, ml, mh, crit in UNMET_NEEDS + EXTRA_NEEDS:
        needs.append([unit, k, ml, mh, crit])
    tables["needs"] = needs

    # stale skills: make sure a good share is older than 24 months before AS_OF
    rows = [skills[k] for k in sorted(skills, key=lambda x: (x[0], kids.index(x[1])))]
    tables["skills"] = rows

    # ------------------------------------------------------------------ departures
    energy_contact = pick_member("T-DUURZ")
    energy_contact["special"] = "energy"
    energy_contact["leave"] = "2027-02-28"
    energy_contact["function"] = "adviseur energietransitie en lokaal eigendom"
    taken = {p["id"] for p in persons if p["leave"]}
    head_ids = {p["id"] for p in heads.values()}
    pool = [p for p in persons if p["id"] not in taken and p["id"] not in head_ids
            and not p.get("special") and ISOLATED_TEAM not in p["teams"]]
    leave_dates = ["2027-01-31", "2027-04-30", "2027-05-31", "2027-07-31", "2027-08-31", "2027-11-30",
                   "2027-12-31", "2026-12-31", "2028-03-31", "2028-09-30"]
    for p, ld in zip(rng.sample(pool, len(leave_dates)), leave_dates):
        p["leave"] = ld

    for p in persons:
        tables["persons"].append([p["id"], p["name"], p["email"], p["function"], p["location"],
                                  d(p["start"]), p["leave"]])
    tables["memberships"] = memberships

    # ------------------------------------------------------------------ ties
    ties: dict[tuple[str, str], list] = {}
    kinds = ("advice", "collaboration", "information")

    def tie(a: dict, b: dict, kind: str | None = None, weight: int | None = None) -> None:
        if a is b or (a["id"], b["id"]) in ties:
            return
        ties[(a["id"], b["id"])] = [a["id"], b["id"], kind or rng.choices(kinds, weights=(3, 5, 2))[0],
                                    weight or rng.randint(1, 5)]

    for tid in members:
        mem = members[tid]
        for a in mem:
            for b in mem:
                if a is not b and rng.random() < 0.55:
                    tie(a, b)
        # everybody at least two teammates
        for a in mem:
            mates = [b for b in mem if b is not a and ((a["id"], b["id"]) in ties or (b["id"], a["id"]) in ties)]
            others = [b for b in mem if b is not a and b not in mates]
            rng.shuffle(others)
            for b in others[: max(0, 2 - len(mates))]:
                tie(a, b)
    for tid, mem in mt_members.items():
        head = mem[0]
        for p in mem[1:]:
            tie(p, head, rng.choice(("advice", "information")), rng.randint(3, 5))
            if rng.random() < 0.6:
                tie(head, p, "information", rng.randint(2, 4))
        for a in mem[1:]:
            for b in mem[1:]:
                if a is not b and rng.random() < 0.3:
                    tie(a, b)

    isolated = {p["id"] for p in members[ISOLATED_TEAM] if p is not leads[ISOLATED_TEAM]}
    dept_of_team = {t[0]: t[2] for t in TEAMS}
    top_of = {}
    for did, _, parent, _ in DEPARTMENTS:
        top_of[did] = did if parent in ("", "D-DIR") else parent
    regular_people = [p for p in persons if p["id"] not in isolated and p["id"] not in head_ids]
    by_dept = defaultdict(list)
    by_top = defaultdict(list)
    for p in regular_people:
        t0 = p["teams"][0]
        by_dept[dept_of_team[t0]].append(p)
        by_top[top_of[dept_of_team[t0]]].append(p)
    for p in regular_people:
        if p["id"] in isolated:
            continue
        home = p["teams"][0]
        k = rng.randint(1, 4)
        made = 0
        for _ in range(20):
            if made >= k:
                break
            r = rng.random()
            if r < 0.55:
                q = rng.choice(by_dept[dept_of_team[home]])
            elif r < 0.8:
                q = rng.choice(by_top[top_of[dept_of_team[home]]])
            else:
                q = rng.choice(regular_people)
            if q is p or set(q["teams"]) & set(p["teams"]) or (p["id"], q["id"]) in ties:
                continue
            tie(p, q, None, rng.randint(1, 4))
            made += 1
    tables["ties"] = list(ties.values())

    # ------------------------------------------------------------------ stakeholders
    tables["actors"] = [list(a) for a in ACTORS]
    tables["issues"] = [list(i) for i in ISSUES]
    lo, hi = date(2024, 1, 15), date(2026, 11, 15)
    for iid, plist in POSITIONS.items():
        for aid, stances, infl, interest in plist:
            n = len(stances)
            span = (hi.toordinal() - lo.toordinal()) // n
            for j, (s, inf) in enumerate(zip(stances, infl)):
                day = date.fromordinal(lo.toordinal() + j * span + rng.randrange(span))
                tables["positions"].append([aid, iid, s, inf, max(1, interest - (1 if j < n - 1 and rng.random() < 0.3 else 0)),
                                            d(day), rng.choice(POSITION_SOURCES)])

    contacts = []
    for aid, (teams, n) in CONTACT_PLAN.items():
        pool_c = []
        for t in teams:
            for p in all_members[t]:
                if p not in pool_c and p["id"] not in isolated:
                    pool_c.append(p)
        chosen = rng.sample(pool_c, n)
        for j, p in enumerate(chosen):
            contacts.append([p["id"], aid, rng.randint(3, 5) if j == 0 else rng.randint(1, 4),
                             "yes" if j == 0 else "no", d(rand_date(rng, date(2024, 1, 1), date(2026, 11, 28)))])
    contacts.append([energy_contact["id"], "A-ENERGIE", 5, "yes", "2026-11-12"])
    tables["contacts"] = contacts
    tables["actor_ties"] = [list(t) for t in ACTOR_TIES]
    tables["knowledge_issues"] = [[k, i] for i, ks in KNOWLEDGE_ISSUES.items() for k in ks]

    resp = []
    for iid, tid in ISSUE_OWNERS.items():
        owner = all_members[tid][0] if tid.startswith("T-MT-") else rng.choice(members[tid])
        resp.append([owner["id"], iid])
    for kid, p in single_holder.items():
        resp.append([p["id"], kid])
    for unit, k, ml, mh, crit in needs:
        if crit == 3 and unit in leads and [leads[unit]["id"], k] not in resp:
            resp.append([leads[unit]["id"], k])
    resp.append([pick_member("T-JUR")["id"], "K-AVG"])
    resp.append([bio[0]["id"], "K-BIO"])
    tables["responsibilities"] = resp

    # signals: dates spread over 2024-02 .. 2026-11 per issue, in list order
    by_issue = defaultdict(list)
    for s in SIGNALS:
        by_issue[s[0]].append(s)
    sig = []
    for iid, lst in by_issue.items():
        n = len(lst)
        lo_s, hi_s = date(2024, 2, 1).toordinal(), date(2026, 11, 25).toordinal()
        span = (hi_s - lo_s) // n
        for j, (_, ch, aid, sent, text) in enumerate(lst):
            day = date.fromordinal(lo_s + j * span + rng.randrange(span))
            sig.append([d(day), ch, aid, iid, sent, text])
    sig.sort(key=lambda r: (r[0], r[3]))
    tables["signals"] = sig
    return tables


def write(tables: dict[str, list[list]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, cols in COLUMNS.items():
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(cols)
            w.writerows(tables[name])


# ============================================================================ report
def analyse(out: Path) -> dict:
    """Compute the deliberate situations back from the CSV files (stdlib + networkx)."""
    import networkx as nx

    def read(name):
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    deps = read("departments")
    teams = read("teams")
    persons = {p["id"]: p for p in read("persons")}
    mships = [m for m in read("memberships") if not m["until"] or m["until"] > AS_OF.isoformat()]
    skills = read("skills")
    needs = read("needs")
    ties = read("ties")
    actors = read("actors")
    positions = read("positions")
    contacts = read("contacts")
    kn = read("knowledge")
    kis = read("knowledge_issues")
    issues = read("issues")

    team_dept = {t["id"]: t["department_id"] for t in teams}
    mt = {t["id"] for t in teams if t["name"].startswith("MT ")}
    parent = {dd["id"]: dd["parent_id"] for dd in deps}
    team_members = defaultdict(set)
    person_teams = defaultdict(set)
    for m in mships:
        team_members[m["team_id"]].add(m["person_id"])
        person_teams[m["person_id"]].add(m["team_id"])

    def subtree(did):
        res = {did}
        changed = True
        while changed:
            changed = False
            for x, p in parent.items():
                if p in res and x not in res:
                    res.add(x)
                    changed = True
        return res

    def unit_people(unit):
        if unit in team_dept:
            return team_members[unit]
        depts_ = subtree(unit)
        return set().union(*[team_members[t] for t, dd in team_dept.items() if dd in depts_])

    res: dict = {}
    # (a) linking pins
    lead_of = {m["team_id"]: m["person_id"] for m in mships if m["role"] == "lead"}
    res["vertical_pins"] = sorted(p for t, p in lead_of.items() if t not in mt
                                  and p in team_members[f"T-MT-{team_dept[t][2:]}"])
    res["lateral_pins"] = sorted(p for p, ts in person_teams.items() if len([t for t in ts if t not in mt]) >= 2)
    g = nx.Graph()
    g.add_nodes_from(persons)
    g.add_edges_from((t["source_id"], t["target_id"]) for t in ties)
    res["articulation_points"] = sorted(nx.articulation_points(g))
    # (b) holders
    holders = defaultdict(set)
    for s in skills:
        holders[s["knowledge_id"]].add(s["person_id"])
    res["single_holder_items"] = {k: sorted(v)[0] for k, v in sorted(holders.items()) if len(v) == 1}
    res["orphans"] = sorted(k["id"] for k in kn if k["id"] not in holders)
    # (c) unmet needs
    lvl = {(s["person_id"], s["knowledge_id"]): int(s["level"]) for s in skills}
    unmet = []
    for n in needs:
        people = unit_people(n["unit_id"])
        have = [p for p in people if lvl.get((p, n["knowledge_id"]), 0) >= int(n["min_level"])]
        if len(have) < int(n["min_holders"]):
            unmet.append((n["unit_id"], n["knowledge_id"], len(have), int(n["min_holders"])))
    res["unmet_needs"] = unmet
    # (d) departures
    leaving = sorted(p for p, r in persons.items() if r["leave_date"].startswith("2027"))
    res["leaving_2027"] = leaving
    needed = {n["knowledge_id"] for n in needs}
    res["at_risk"] = sorted((p, k) for k, p in res["single_holder_items"].items() if p in leaving and k in needed)
    # (e) blind spots
    latest = {}
    for pos in sorted(positions, key=lambda r: r["date"]):
        latest[(pos["actor_id"], pos["issue_id"])] = pos
    infl = defaultdict(int)
    for (a, _), pos in latest.items():
        infl[a] = max(infl[a], int(pos["influence"]))
    ncontacts = defaultdict(int)
    for c in contacts:
        ncontacts[c["actor_id"]] += 1
    res["blind_spots"] = sorted(a["id"] for a in actors if infl[a["id"]] >= 4 and ncontacts[a["id"]] == 0)
    res["single_contact_actors"] = sorted(a["id"] for a in actors if ncontacts[a["id"]] == 1)
    # (f) stale skills
    cutoff = date(AS_OF.year - 2, AS_OF.month, AS_OF.day).isoformat()
    res["stale_skills"] = sum(1 for s in skills if s["confirmed"] and s["confirmed"] < cutoff)
    res["skills_without_date"] = sum(1 for s in skills if not s["confirmed"])
    # (g) silo
    person_depts = {p: {team_dept[t] for t in ts} for p, ts in person_teams.items()}
    silos = []
    for k, hs in sorted(holders.items()):
        ds = set().union(*[person_depts.get(p, set()) for p in hs])
        if len(ds) == 1:
            (hd,) = ds
            for n in needs:
                if n["knowledge_id"] != k:
                    continue
                nd = team_dept.get(n["unit_id"], n["unit_id"])
                if nd != hd and hd not in subtree(nd):
                    silos.append((k, hd, n["unit_id"]))
    res["silos"] = silos
    # (h) issues without knowledge
    linked = {r["issue_id"] for r in kis}
    res["issues_without_knowledge"] = sorted(i["id"] for i in issues if i["id"] not in linked)
    res["counts"] = {"persons": len(persons), "teams": len(teams), "departments": len(deps),
                     "knowledge": len(kn), "actors": len(actors), "issues": len(issues)}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ns = ap.parse_args(argv)
    tables = build(random.Random(SEED))
    write(tables, ns.out)
    res = analyse(ns.out)
    print(f"Gemeente Lindenhoven written to {ns.out}")
    print("rows:", {k: len(v) for k, v in tables.items()})
    print("counts:", res["counts"])
    print("\nDeliberate situations (as of", AS_OF, ")")
    print("(a) vertical linking pins (team lead + member of the department MT):", len(res["vertical_pins"]))
    print("    lateral pins (in two regular teams):", ", ".join(res["lateral_pins"]))
    print(f"    articulation points of the tie network: {', '.join(res['articulation_points'])}"
          f" (only tie of team {ISOLATED_TEAM} to the rest)")
    print("(b) single-holder items:", ", ".join(f"{k} ({p})" for k, p in res["single_holder_items"].items()))
    print("    orphan items (no holder):", ", ".join(res["orphans"]))
    print("(c) unmet needs (unit, item, holders at min_level, min_holders):")
    for u in res["unmet_needs"]:
        print("     ", u)
    print("(d) leaving in 2027:", ", ".join(res["leaving_2027"]))
    print("    at risk (sole holder of needed knowledge, leaving):", res["at_risk"])
    print("(e) blind spots (latest influence >= 4, no contact):", ", ".join(res["blind_spots"]))
    print("    actors with exactly one contact:", ", ".join(res["single_contact_actors"]))
    print(f"(f) stale skills (confirmed before {AS_OF.year - 2}-{AS_OF.month:02d}-{AS_OF.day:02d}):",
          res["stale_skills"], "; without a date:", res["skills_without_date"])
    print("(g) silos (item, only department holding it, unit in another department needing it):", res["silos"])
    print("(h) issues without linked knowledge:", ", ".join(res["issues_without_knowledge"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
