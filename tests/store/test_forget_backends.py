"""kgraph.forget on both stores (embedded and a real Bolt server): the person, their
relations and every signal or property naming them are gone."""

from __future__ import annotations

import json
import re
import shutil

import kgraph
from kgraph.ingest import load_dataset

TINY = __import__("pathlib").Path(__file__).resolve().parent.parent / "data" / "tiny"


def test_forget_on_each_store(store, tmp_path):
    src = tmp_path / "tiny"
    shutil.copytree(TINY, src)
    with (src / "signals.csv").open("a", encoding="utf-8") as fh:
        fh.write("2025-10-01,interview,A-DORP,I-WIND,1,Gesprek met Bram Jansen over de windmolens\n")
    with (src / "positions.csv").open("a", encoding="utf-8") as fh:
        fh.write("A-KRANT,I-WIND,0,3,3,2025-10-02,interview met bram@testdorp.nl\n")
    kg = kgraph.open(store)
    kgraph.import_data(kg, src)
    df = kgraph.forget(kg, "P02")
    removed = dict(zip(df["kind"], df["removed"]))
    assert removed["Person"] == 1 and removed["MEMBER_OF"] == 2 and removed["WORKS_WITH"] == 3
    assert removed["Signal"] == 1 and removed["property"] == 1
    ds = store.read_dataset()
    text = json.dumps([ds.nodes, [[*k, v] for k, v in ds.edges.items()]], ensure_ascii=False)
    assert "Bram Jansen" not in text and "bram@testdorp.nl" not in text
    assert not re.search(r"(?<![\w-])P02(?![\w-])", text)
    # everything else is as imported
    full = load_dataset(src)
    assert len(ds.nodes) == len(full.nodes) - 2  # the person and the signal naming them
    assert ds.nodes["P03"] == full.nodes["P03"]
    assert store.counts()["Person"] == 7
