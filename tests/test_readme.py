"""Keep the README true: the quick start has exactly two commands, .ci/run runs the
second, and every `$ kgraph ...` example of the tour runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [line[4:] for line in section.splitlines() if line.startswith("    ") and line.strip()]


def test_quick_start_is_two_commands():
    cmds = quick_start()
    assert len(cmds) == 2
    assert cmds[0].endswith("kgraph demo")
    assert "[test]" in cmds[1] and "pytest" in cmds[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci  # .ci/run reads the second command from the README


def examples() -> list[str]:
    return re.findall(r"^\$ kgraph (.+)$", README, flags=re.M)


def _serves(args: list[str], env: dict[str, str]) -> None:
    """`kgraph serve` runs until stopped: start it on a free port, see it answer, stop it."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", "from kgraph.cli import main; main()", *args, "--port", str(port)]
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    assert r.status == 200
                    return
            except OSError:
                assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
                assert time.monotonic() < deadline, "kgraph serve did not answer"
                time.sleep(0.2)
    finally:
        proc.terminate()  # stop by PID
        proc.wait(timeout=30)


def test_tour_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {"KGRAPH_STORE": str(tmp_path / "kgraph.db")}
    assert len(examples()) >= 10
    for line in examples():
        if shlex.split(line)[0] == "serve":
            _serves(shlex.split(line), env)
            continue
        r = CliRunner().invoke(cli, shlex.split(line), env=env)
        assert r.exit_code == 0, f"kgraph {line}\n{r.output}"
    for produced in ("giraffe.html", "network.html", "report.html", "grid.png", "objectives.png", "signals.png",
                     "lindenhoven.graphml", "my-org/persons.csv"):
        assert (tmp_path / produced).exists(), produced
