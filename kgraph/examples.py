"""A five-person organisation for the runnable examples in the docstrings.

:func:`example_org` builds it in memory, as the analyses see it (no store);
:func:`example_graph` imports it into a new embedded store and opens it.

>>> org = example_org()
>>> sorted(org.teams), org.as_of.isoformat()
(['T-VERG', 'T-WMO'], '2026-06-01')
"""

from __future__ import annotations

import os
import tempfile

__all__ = ["example_graph", "example_org", "example_dataset", "one_position", "EXAMPLE", "AS_OF"]

#: the date the examples look at
AS_OF = "2026-06-01"

#: table -> CSV text; Ben leaves on 2027-03-31, nobody holds Excel
EXAMPLE: dict[str, str] = {
    "departments": "id,name,parent_id\nD-ORG,Gemeente,\nD-RUIMTE,Ruimte,D-ORG\nD-SOC,Sociaal Domein,D-ORG\n",
    "teams": "id,name,department_id\nT-VERG,Vergunningen,D-RUIMTE\nT-WMO,Wmo-loket,D-SOC\n",
    "persons": (
        "id,name,email,function,location,start_date,leave_date\n"
        "P1,Ann Dekker,ann@example.nl,teamleider,Stadhuis,2010-01-01,\n"
        "P2,Ben Smit,ben@example.nl,vergunningverlener,Stadhuis,2012-01-01,2027-03-31\n"
        "P3,Cor Jansen,,vergunningverlener,Stadhuis,2015-01-01,\n"
        "P4,Dina Çelik,dina@example.nl,Wmo-consulent,Wijkcentrum,2016-01-01,\n"
        "P5,Eef Bos,eef@example.nl,Wmo-consulent,Wijkcentrum,2018-01-01,\n"
    ),
    "memberships": (
        "person_id,team_id,role\nP1,T-VERG,lead\nP2,T-VERG,member\nP3,T-VERG,member\n"
        "P4,T-WMO,lead\nP5,T-WMO,member\n"
    ),
    "knowledge": (
        "id,name,kind,broader_id,synonyms\nK-OMGW,Omgevingswet,topic,,Ow;omgevingsrecht\n"
        "K-DSO,Digitaal Stelsel Omgevingswet,system,K-OMGW,DSO\nK-WMO,Wet maatschappelijke ondersteuning,topic,,Wmo\n"
        "K-EXCEL,Microsoft Excel,skill,,\n"
    ),
    "skills": (
        "person_id,knowledge_id,level,confirmed\nP1,K-OMGW,4,2025-06-01\nP2,K-OMGW,5,2026-01-15\n"
        "P2,K-DSO,4,2023-01-01\nP3,K-OMGW,2,2026-02-01\nP4,K-WMO,5,2026-03-01\nP5,K-WMO,3,2022-06-01\n"
    ),
    "needs": "unit_id,knowledge_id,min_level,min_holders,criticality\nT-VERG,K-OMGW,3,2,3\nD-SOC,K-WMO,3,2,3\n",
    "ties": "source_id,target_id,kind\nP1,P2,collaboration\nP2,P3,advice\nP1,P4,information\nP4,P5,collaboration\n",
    "actors": "id,name,kind\nA-PROV,Provincie,government\n",
    "contacts": "person_id,actor_id,strength,owner\nP2,A-PROV,4,yes\n",
    "issues": "id,name,status\nI-WIND,Windpark,open\nI-CENTRUM,Centrumplan,open\n",
    "knowledge_issues": "knowledge_id,issue_id\nK-OMGW,I-WIND\n",
}


def example_dataset():
    """:data:`EXAMPLE` read and validated in memory, as an import would."""
    from .ingest import validate_input
    from .ingest.csvfile import parse_csv
    from .ingest.raw import RawInput, RawTable

    raw = RawInput()
    for table, text in EXAMPLE.items():
        header, rows, spans = parse_csv(text.encode("utf-8"))
        raw.add(RawTable(table, f"{table}.csv", header, rows, spans))
    return validate_input(raw)


def one_position(actor: str = "Buurtvereniging", issue: str = "Park"):
    """A dataset of one actor (named ``actor``) holding one position (for, influence 4,
    interest 2, 2025-01-01) on one issue: the smallest stakeholder map."""
    from .model import Dataset

    return Dataset(nodes={"A1": ("ExternalActor", {"name": actor}), "I1": ("Issue", {"name": issue})},
                   edges={("POSITION", "A1", "I1", "2025-01-01"): {"stance": 1, "influence": 4, "interest": 2,
                                                                  "date": "2025-01-01"}})


def example_org(as_of: str = AS_OF):
    """The example organisation on ``as_of`` (default :data:`AS_OF`), built in memory."""
    from .org import Org

    return Org.from_dataset(example_dataset(), as_of=as_of)


def example_graph(folder: str | None = None):
    """Write :data:`EXAMPLE` as CSV files to ``folder`` (by default a new temporary folder,
    removed with the handle: when it is collected, or when the process ends), import it
    into a store there and return the open graph handle."""
    import kgraph

    temporary = not folder
    folder = folder or tempfile.mkdtemp(prefix="kgraph-example-")
    data = os.path.join(folder, "data")
    os.makedirs(data, exist_ok=True)
    for table, text in EXAMPLE.items():
        with open(os.path.join(data, f"{table}.csv"), "w", encoding="utf-8") as fh:
            fh.write(text)
    kg = kgraph.open(os.path.join(folder, "kg.db"))
    if temporary:  # each docstring example that asks for one made a folder that stayed in /tmp
        import shutil
        import weakref

        weakref.finalize(kg, shutil.rmtree, folder, ignore_errors=True)
    kgraph.import_data(kg, data)
    return kg
