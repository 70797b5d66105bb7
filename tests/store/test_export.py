"""Exports from either store: GraphML, GEXF, node-link JSON, CSV, and a Cypher dump that loads."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

import kgraph
from kgraph.store.neo4j.dump import cypher_literal, cypher_statements
from kgraph.ingest import load_dataset
from kgraph.model import Dataset

TINY = Path(__file__).parents[1] / "data" / "tiny"


@pytest.fixture
def kg(store):
    store.replace(load_dataset(TINY))
    return kgraph.open(store)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back(kg, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    res = kgraph.export(kg, out, format=fmt)
    ds = kg.dataset()
    assert (res["nodes"], res["edges"]) == (len(ds.nodes), len(ds.edges))
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert G.number_of_nodes() == len(ds.nodes) and G.number_of_edges() == len(ds.edges)
    assert G.nodes["K-OMGW"]["synonyms"] == "Ow; omgevingsrecht"  # lists joined for Gephi
    assert G.nodes["K-OMGW"]["node_kind"] == "KnowledgeItem"
    assert "leave_date" not in G.nodes["P01"]  # None/missing left out
    if fmt == "gexf":
        assert G.nodes["P01"]["label"] == "Anna de Vries"


def test_json_node_link(kg, tmp_path):
    out = tmp_path / "g.json"
    kgraph.export(kg, out, format="json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["directed"] and data["multigraph"]
    ds = kg.dataset()
    assert {n["id"]: (n["kind"], n["properties"]) for n in data["nodes"]} == ds.nodes
    assert len(data["edges"]) == len(ds.edges)


def test_csv_folder(kg, tmp_path):
    res = kgraph.export(kg, tmp_path / "csv", format="csv")
    assert [Path(f).name for f in res["files"]] == ["nodes.csv", "edges.csv"]
    with open(tmp_path / "csv" / "nodes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(kg.dataset().nodes)
    k = next(r for r in rows if r["id"] == "K-OMGW")
    assert k["synonyms"] == "Ow; omgevingsrecht" and k["kind"] == "KnowledgeItem"


def test_unknown_format(kg, tmp_path):
    with pytest.raises(kgraph.KgraphError, match="unknown export format"):
        kgraph.export(kg, tmp_path / "x", format="pdf")


def test_cypher_literal_escapes():
    assert cypher_literal("a'b\\c\nd") == "'a\\'b\\\\c\\nd'"
    assert cypher_literal("\x01") == "'\\u0001'"
    assert cypher_literal(1.0) == "1.0" and cypher_literal(True) == "true"


def _load_script(server: dict, path: Path) -> None:
    """Empty the test database, then run the dump statement by statement (as cypher-shell -f would)."""
    import neo4j

    text = path.read_text(encoding="utf-8")
    with neo4j.GraphDatabase.driver(server["url"], auth=(server["user"], server["password"])) as d:
        with d.session(database=server["database"]) as s:
            s.run("MATCH (n) DETACH DELETE n").consume()  # test-only: the test database
            for stmt in text.split(";\n"):
                if stmt.strip():
                    s.run(stmt).consume()


def test_cypher_dump_loads_into_empty_server(kg, tmp_path, neo4j_env):
    """The dump loads into an empty database and reads back as the same dataset."""
    from kgraph.store.neo4j import Neo4jStore

    ds = kg.dataset()
    out = tmp_path / "dump.cypher"
    kgraph.export(kg, out, format="cypher")
    assert "$" not in out.read_text(encoding="utf-8").replace("$'", "")  # no parameters
    _load_script(neo4j_env, out)
    with Neo4jStore(neo4j_env["url"], database=neo4j_env["database"]) as s:
        assert s.counts() == ds.counts()
        assert s.read_dataset() == ds


def test_cypher_dump_of_hostile_text(tmp_path, neo4j_env):
    from kgraph.store.neo4j import Neo4jStore

    ds = Dataset(
        nodes={"x'}) DETACH DELETE n //": ("Person", {"name": "a'b\\c\nd\te \u2028 🙂", "n": 1, "f": 0.5, "ok": False,
                                                      "tags": ["x;", "y'"], "weird key": "v"}),
               "007": ("Team", {"name": "MATCH (n) DETACH DELETE n;"})},
        edges={("MEMBER_OF", "x'}) DETACH DELETE n //", "007", ""): {"role": "lead;\n"}},
    )
    out = tmp_path / "dump.cypher"
    (tmp_path / "dummy").mkdir()
    out.write_text("".join(st + ";\n" for st in cypher_statements(ds)), encoding="utf-8")
    _load_script(neo4j_env, out)
    with Neo4jStore(neo4j_env["url"], database=neo4j_env["database"]) as s:
        assert s.read_dataset() == ds
