"""Fixtures for the store tests: an ArcadeDB server speaking Bolt, and one store per backend.

The server is started once per session from the ``arcadedb-embedded`` wheel (its
bundled JRE and jars) as a separate process on free ports of 127.0.0.1, with a
temporary root path, and stopped by PID at the end. ``KGRAPH_TEST_NEO4J_URL``
(with ``KGRAPH_TEST_NEO4J_USER`` / ``KGRAPH_TEST_NEO4J_PASSWORD`` /
``KGRAPH_TEST_NEO4J_DATABASE``) points the same tests at a real Neo4j instead.
Without a server the Neo4j tests are skipped, unless ``CI`` is set: then they fail.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

PASSWORD = "kgraph-test-pw"  # a throwaway password for the throwaway test server
STARTUP_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _no_server(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"no Bolt server for the Neo4j tests: {reason}")
    pytest.skip(f"no Bolt server for the Neo4j tests: {reason}")


def arcadedb_command(root: Path, bolt_port: int, http_port: int, password: str) -> list[str]:
    """The java command line that starts an ArcadeDB server with the Bolt plugin."""
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the arcadedb-embedded package is not installed (pip install 'kgraph[test]')")
    pkg = Path(next(iter(spec.submodule_search_locations)))
    java = pkg / "jre" / "bin" / "java"
    if not java.is_file():
        raise FileNotFoundError(f"no bundled Java at {java}")
    return [
        str(java), "-Xmx512m",
        "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-Dpolyglot.engine.WarnInterpreterOnly=false",
        f"-Darcadedb.server.rootPath={root}",
        f"-Darcadedb.server.rootPassword={password}",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1",
        f"-Darcadedb.server.httpIncomingPort={http_port}",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "-Darcadedb.bolt.host=127.0.0.1",
        f"-Darcadedb.bolt.port={bolt_port}",
        "-Darcadedb.server.defaultDatabases=neo4j[root]",
        "-cp", str(pkg / "jars" / "*"),
        "com.arcadedb.server.ArcadeDBServer",
    ]


def _wait_ready(url: str, user: str, password: str, database: str, proc, log: Path) -> None:
    import neo4j

    deadline = time.monotonic() + STARTUP_TIMEOUT
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"ArcadeDB exited with {proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with neo4j.GraphDatabase.driver(url, auth=(user, password), connection_timeout=2) as d:
                with d.session(database=database) as s:
                    s.run("RETURN 1").consume()  # test-only probe: the database exists
                    return
        except Exception as exc:  # noqa: BLE001 - keep polling until the deadline
            last = exc
            time.sleep(0.3)
    raise RuntimeError(f"ArcadeDB not ready after {STARTUP_TIMEOUT:.0f}s ({last})")


@pytest.fixture(scope="session")
def bolt_server():
    """``dict(url, user, password, database, agent)`` of a running Bolt server."""
    url = os.environ.get("KGRAPH_TEST_NEO4J_URL")
    if url:
        yield {"url": url, "user": os.environ.get("KGRAPH_TEST_NEO4J_USER", "neo4j"),
               "password": os.environ.get("KGRAPH_TEST_NEO4J_PASSWORD", ""),
               "database": os.environ.get("KGRAPH_TEST_NEO4J_DATABASE", "neo4j")}
        return
    root = Path(tempfile.mkdtemp(prefix="kgraph-arcadedb-"))
    bolt, http = _free_port(), _free_port()
    try:
        cmd = arcadedb_command(root, bolt, http, PASSWORD)
    except FileNotFoundError as exc:
        shutil.rmtree(root, ignore_errors=True)
        _no_server(str(exc))
    log = root / "server.log"
    t0 = time.monotonic()
    with log.open("wb") as out:
        try:
            proc = subprocess.Popen(cmd, cwd=root, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        except OSError as exc:
            shutil.rmtree(root, ignore_errors=True)
            _no_server(f"cannot start Java: {exc}")
    info = {"url": f"bolt://127.0.0.1:{bolt}", "user": "root", "password": PASSWORD, "database": "neo4j",
            "pid": proc.pid}  # our own child: the fault tests may pause it (SIGSTOP) and resume it
    try:
        try:
            _wait_ready(info["url"], "root", PASSWORD, "neo4j", proc, log)
        except RuntimeError as exc:
            _no_server(str(exc))
        info["startup_seconds"] = round(time.monotonic() - t0, 2)
        yield info
    finally:
        proc.terminate()  # stop by PID
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        shutil.rmtree(root, ignore_errors=True)


def clear_database(server: dict) -> None:
    """Empty the test database (test-only Cypher: everything in it is test data)."""
    import neo4j

    with neo4j.GraphDatabase.driver(server["url"], auth=(server["user"], server["password"])) as d:
        with d.session(database=server["database"]) as s:
            s.run("MATCH (n) DETACH DELETE n").consume()


@pytest.fixture
def neo4j_env(bolt_server, monkeypatch):
    """The test server's credentials in the environment; the database emptied."""
    monkeypatch.setenv("KGRAPH_NEO4J_USER", bolt_server["user"])
    monkeypatch.setenv("KGRAPH_NEO4J_PASSWORD", bolt_server["password"])
    clear_database(bolt_server)
    return bolt_server


@pytest.fixture
def neo4j_store(neo4j_env):
    from kgraph.store.neo4j import Neo4jStore

    s = Neo4jStore(neo4j_env["url"], database=neo4j_env["database"])
    yield s
    s.close()


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    """A fresh, empty store of each backend."""
    if request.param == "embedded":
        from kgraph.store.sqlite import EmbeddedStore

        s = EmbeddedStore(tmp_path / "kg.db")
        yield s
        s.close()
    else:
        yield request.getfixturevalue("neo4j_store")
