"""Faults of the Neo4j store: unreachable server, bad credentials, a failing batch, hostile text."""

from __future__ import annotations

import copy
import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.errors import StoreError, StoreUnavailable
from kgraph.ingest import load_dataset
from kgraph.model import Dataset
from kgraph.store.neo4j import Neo4jStore

TINY = Path(__file__).parents[1] / "data" / "tiny"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_server_fails_fast(monkeypatch):
    monkeypatch.setenv("KGRAPH_NEO4J_PASSWORD", "irrelevant-secret")
    t0 = time.monotonic()
    with pytest.raises(StoreUnavailable) as exc:
        Neo4jStore(f"bolt://127.0.0.1:{_closed_port()}", timeout=2)
    assert time.monotonic() - t0 < 5
    assert "cannot reach" in exc.value.message
    assert "irrelevant-secret" not in exc.value.message + (exc.value.hint or "")


def test_unroutable_address_times_out(monkeypatch):
    monkeypatch.setenv("KGRAPH_NEO4J_TIMEOUT", "1")
    t0 = time.monotonic()
    with pytest.raises(StoreUnavailable):
        Neo4jStore("bolt://10.255.255.1:7687")  # non-routable: nothing ever answers
    assert time.monotonic() - t0 < 6


def test_unreachable_server_cli_exit_5(monkeypatch):
    from kgraph.cli import cli

    r = CliRunner().invoke(cli, ["info", "--store", f"bolt://127.0.0.1:{_closed_port()}"])
    assert r.exit_code == 5
    assert "cannot reach" in r.stderr and r.stdout == ""


def test_credentials_in_url_refused(monkeypatch):
    with pytest.raises(StoreError) as exc:
        Neo4jStore("bolt://neo4j:hunter2-secret@127.0.0.1:7687")
    assert not isinstance(exc.value, StoreUnavailable)
    text = exc.value.message + (exc.value.hint or "")
    assert "hunter2-secret" not in text and "KGRAPH_NEO4J_PASSWORD" in text
    from kgraph.cli import cli

    r = CliRunner().invoke(cli, ["info", "--store", "bolt://neo4j:hunter2-secret@127.0.0.1:7687"])
    assert r.exit_code == 4
    assert "hunter2-secret" not in r.output + r.stderr


def test_bad_password(neo4j_env, monkeypatch):
    secret = "wrong-Pa55word-xyz"
    monkeypatch.setenv("KGRAPH_NEO4J_PASSWORD", secret)
    t0 = time.monotonic()
    with pytest.raises(StoreUnavailable) as exc:
        Neo4jStore(neo4j_env["url"], database=neo4j_env["database"])
    assert time.monotonic() - t0 < 5
    assert "refused the credentials" in exc.value.message
    assert secret not in str(exc.value) + (exc.value.hint or "")
    from kgraph.cli import cli

    r = CliRunner().invoke(cli, ["info", "--store", neo4j_env["url"], "--database", neo4j_env["database"]])
    assert r.exit_code == 5
    assert secret not in r.stdout + r.stderr
    assert "KGRAPH_NEO4J_PASSWORD" in r.stderr


class FailingStore(Neo4jStore):
    """Sends a batch the server must refuse (a map-valued property) after some batches went in."""

    fail_after = 2

    def _write_batch(self, tx, name, rows, *, key="rows"):
        if name == "create_nodes":
            self.fail_after -= 1
            if self.fail_after < 0:
                rows = [*rows, {"id": "bad", "props": {"id": "bad", "nested": {"maps": "are not properties"}}}]
        return super()._write_batch(tx, name, rows, key=key)


def test_failed_batch_leaves_database_unchanged(neo4j_env):
    tiny = load_dataset(TINY)
    with Neo4jStore(neo4j_env["url"], database=neo4j_env["database"]) as s:
        s.replace(tiny)
        before = s.read_dataset()
    new = copy.deepcopy(tiny)
    for i in range(30):
        new.nodes[f"N{i:03}"] = ("Person", {"name": f"Nieuw {i}"})
    new.nodes.pop("P08")
    new.edges = {k: v for k, v in new.edges.items() if "P08" not in (k[1], k[2])}
    with FailingStore(neo4j_env["url"], database=neo4j_env["database"], batch_size=5) as s:
        with pytest.raises(StoreError) as exc:
            s.replace(new)
        assert "rolled back" in exc.value.message
        assert s.fail_after < 0  # batches were written before the failure
        assert s.read_dataset() == before


def test_edge_to_missing_node_is_kept_out_of_the_graph(neo4j_store):
    """An edge whose end is missing is stored (another source may hold the node later) but
    read nowhere, and the graph the named queries see has no such edge."""
    ds = Dataset(nodes={"A": ("Person", {"name": "A"})}, edges={("KNOWS", "A", "ghost", ""): {"level": 1}})
    neo4j_store.replace(ds)
    assert neo4j_store.counts() == {"Person": 1}
    assert neo4j_store.read_dataset() == Dataset(nodes=ds.nodes)
    assert neo4j_store.edges("KNOWS") == []


def test_injection_text_is_data(neo4j_store):
    evil = "x'}) DETACH DELETE n //"
    ds = Dataset(nodes={"P1": ("Person", {"name": evil}), "P2": ("Person", {"name": "Safe"}),
                        evil: ("Team", {"name": "MATCH (n) DETACH DELETE n"})},
                 edges={("MEMBER_OF", "P1", evil, ""): {"role": "' OR 1=1 //"}})
    neo4j_store.replace(ds)
    assert neo4j_store.read_dataset() == ds
    assert neo4j_store.find_nodes("Person", evil) == ["P1"]
    assert neo4j_store.node(evil) == ("Team", {"name": "MATCH (n) DETACH DELETE n"})
    import kgraph

    df = kgraph.query(kgraph.open(neo4j_store), "person", {"id": evil})
    assert len(df) == 0
    assert neo4j_store.counts() == {"Person": 2, "Team": 1, "MEMBER_OF": 1}


def test_missing_database(neo4j_env):
    with pytest.raises(StoreError, match="no database"):
        Neo4jStore(neo4j_env["url"], database="no_such_db_kgraph")


def test_schema_apply_is_idempotent(neo4j_store):
    first = neo4j_store.apply_schema()
    assert neo4j_store.apply_schema() == first
    assert any("REQUIRE n.id IS UNIQUE" in s for s in first)


def test_server_agent_detected(neo4j_store, bolt_server):
    assert neo4j_store.server_agent
    if "startup_seconds" in bolt_server:  # the ArcadeDB server the fixtures started
        assert neo4j_store.is_arcadedb


def _frozen(bolt_server):
    if "pid" not in bolt_server or not hasattr(__import__("signal"), "SIGSTOP"):
        pytest.skip("needs the ArcadeDB server the fixtures started (to pause it)")
    return bolt_server["pid"]


def test_server_frozen_mid_import_is_cut_off_and_rolled_back(neo4j_env, bolt_server, monkeypatch):
    """Issue 16.7: an ArcadeDB server frozen mid-import left `kgraph import` waiting forever."""
    import os
    import signal

    pid = _frozen(bolt_server)
    monkeypatch.setenv("KGRAPH_NEO4J_QUERY_TIMEOUT", "3")
    tiny = load_dataset(TINY)
    with Neo4jStore(neo4j_env["url"], database=neo4j_env["database"]) as s:
        s.replace(tiny, as_of="2025-01-01")
    new = copy.deepcopy(tiny)
    new.nodes["P01"][1]["function"] = "burgemeester"
    frozen = []

    def freeze(done, total, label):
        if not frozen:
            frozen.append(time.monotonic())
            os.kill(pid, signal.SIGSTOP)

    s = Neo4jStore(neo4j_env["url"], database=neo4j_env["database"], batch_size=1)
    try:
        with pytest.raises(StoreUnavailable) as exc:
            s.replace(new, as_of="2026-01-01", progress=freeze)
        waited = time.monotonic() - frozen[0]
    finally:
        os.kill(pid, signal.SIGCONT)
        s.close()
    assert frozen and waited < 15
    assert "did not answer within 3 s" in exc.value.message and "rolled back, nothing was written" in exc.value.message
    assert "KGRAPH_NEO4J_QUERY_TIMEOUT" in exc.value.hint
    time.sleep(1)
    with Neo4jStore(neo4j_env["url"], database=neo4j_env["database"]) as s:
        assert s.read_dataset() == tiny and len(s.history()) == 1


def test_server_frozen_during_a_command_exits(neo4j_env, bolt_server, tmp_path):
    """Whatever the command was doing when the server froze, it ends with a message (exit 5)."""
    import os
    import signal
    import subprocess
    import sys

    pid = _frozen(bolt_server)
    env = {**os.environ, "KGRAPH_NEO4J_QUERY_TIMEOUT": "3", "KGRAPH_NEO4J_TIMEOUT": "2"}
    cmd = [sys.executable, "-c", "import sys; from kgraph.cli import main; sys.argv[0] = 'kgraph'; main()",
           "import", str(TINY), "--store", neo4j_env["url"], "--database", neo4j_env["database"]]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.5)  # imports kgraph, connects, starts writing
    os.kill(pid, signal.SIGSTOP)
    try:
        out, err = proc.communicate(timeout=40)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("kgraph import hangs on a frozen server")
    finally:
        os.kill(pid, signal.SIGCONT)
    assert proc.returncode in (0, 5), err  # finished before the freeze, or cut off with a message
    assert "Traceback" not in err
    if proc.returncode == 5:
        assert "did not answer within" in err or "cannot reach" in err


def test_a_graph_written_before_versions_is_migrated(neo4j_env):
    """A database holding only the graph (kgraph before dated versions, or a Cypher dump)
    becomes one version dated today when kgraph opens it, and says so once."""
    import datetime as dt

    import neo4j

    from kgraph.store.neo4j.dump import cypher_statements

    tiny = load_dataset(TINY)
    with neo4j.GraphDatabase.driver(neo4j_env["url"], auth=(neo4j_env["user"], neo4j_env["password"])) as d:
        with d.session(database=neo4j_env["database"]) as s:
            for stmt in cypher_statements(tiny):  # test-only: load the old graph as a user would
                s.run(stmt).consume()
    with Neo4jStore(neo4j_env["url"], database=neo4j_env["database"]) as s:
        assert s.notices and "migrated" in s.notices[0]
        assert [(v["source"], v["as_of"]) for v in s.history()] == [("import", dt.date.today())]
        assert s.read_dataset() == tiny and s.read_dataset(as_of="2020-01-01") == tiny
    with Neo4jStore(neo4j_env["url"], database=neo4j_env["database"]) as s:
        assert s.notices == []


def test_a_damaged_row_is_reported(neo4j_store):
    import neo4j

    neo4j_store.replace(load_dataset(TINY))
    with neo4j.GraphDatabase.driver(neo4j_store.location, auth=("root", "kgraph-test-pw")) as d:
        with d.session(database=neo4j_store.database) as s:
            s.run("MATCH (n:KgNode {id: 'P01'}) SET n.kgProps = '{\"name\": \"Anna'").consume()  # test-only damage
    with pytest.raises(StoreError, match="a stored row is damaged") as exc:
        neo4j_store.read_dataset()
    assert "Anna" not in exc.value.message and "P01" not in exc.value.message
