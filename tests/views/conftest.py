"""Fixtures for the view tests: stores holding the tiny and the markup-laden organisation."""

from __future__ import annotations

from pathlib import Path

import pytest

XSS = Path(__file__).resolve().parent.parent / "data" / "xss"


@pytest.fixture(scope="module")
def xss_kg(tmp_path_factory):
    """The tiny organisation with markup in names and texts (``tests/data/xss``)."""
    import kgraph

    kg = kgraph.open(tmp_path_factory.mktemp("xss") / "kg.db")
    kgraph.import_data(kg, XSS)
    yield kg
    kg.close()


#: the monitoring tables (issue 12), with markup in every text a view shows
XSS_TIME = {
    "target_groups": "id,name,kind,size,unit_ids,actor_ids,description\n"
                     'G-RES,"<img src=x onerror=""window.__pwned=11"">Inwoners",residents,4200,,A-DORP,\n'
                     "G-STAFF,Medewerkers Ruimte,staff,,D-RUIMTE,,\n",
    "objectives": "id,target_group_id,issue_id,dimension,indicator,unit,baseline,baseline_date,target,deadline,owner_id\n"
                  'O-KNOW,G-RES,I-WIND,knowledge,"<b onmouseover=""window.__pwned=12"">kent</b> het plan",percent,30,2025-01-01,60,2026-12-31,P05\n'
                  "O-FEW,G-STAFF,,attitude,staat achter de koers,percent,50,2025-01-01,70,2026-06-30,\n",
    "measurements": "objective_id,date,value,respondents,source\n"
                    "O-KNOW,2025-06-01,38,350,survey\nO-KNOW,2025-11-01,44,300,survey\nO-FEW,2025-10-01,66,3,focus_group\n",
    "factors": "id,name,kind,description,date\n"
               'F-STIK,"<svg onload=""window.__pwned=13"">Stikstof",legal,"<script>window.__pwned=14</script>",2025-03-01\n'
               "F-NET,Netcongestie,technological,,\n",
    "factor_issues": "factor_id,issue_id,effect\nF-STIK,I-WIND,-2\nF-NET,I-WIND,-1\nF-NET,I-CENTRUM,1\n",
}
#: signals for a spike: five complaints in December 2025 after quiet months
XSS_SIGNALS = "".join(f'2025-12-0{d},complaint,,I-WIND,-1,"<i onclick=""window.__pwned=15"">klacht</i> {d}"\n'
                      for d in range(1, 6))


@pytest.fixture(scope="module")
def xss_time_kg(tmp_path_factory):
    """``tests/data/xss`` with target groups, objectives, measurements, factors and a spike of signals."""
    import shutil

    import kgraph

    base = tmp_path_factory.mktemp("xss-time")
    data = base / "data"
    shutil.copytree(XSS, data)
    for table, text in XSS_TIME.items():
        (data / f"{table}.csv").write_text(text, encoding="utf-8")
    with (data / "signals.csv").open("a", encoding="utf-8") as fh:
        fh.write(XSS_SIGNALS)
    kg = kgraph.open(base / "kg.db")
    kgraph.import_data(kg, data)
    yield kg
    kg.close()


@pytest.fixture(scope="session")
def demo_kg(tmp_path_factory):
    """The demo municipality (364 staff, 50 actors, 9 issues) in an embedded store."""
    import kgraph
    from kgraph.app.demo import demo_data_path

    kg = kgraph.open(tmp_path_factory.mktemp("demo") / "kg.db")
    kgraph.import_data(kg, demo_data_path())
    yield kg
    kg.close()
