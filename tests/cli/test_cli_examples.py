"""Every example in every command's help runs on the demo municipality (issue 14 item 4).

Each command's ``Examples:`` lines run in order, in a fresh folder holding the demo store as
``kgraph.db`` (the default store) and ``municipality.db``, the demo's CSV files as
``my-org/`` and a workbook ``organisatie.xlsx`` (except for ``template``, whose examples write
those). Each must exit 0. The Neo4j-only commands need a server and are listed below; the
Dutch help carries the same example lines.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
from kgraph.app.demo import demo_data_path
from kgraph.cli import COMMANDS, cli
from kgraph.i18n import use_language

#: commands whose examples need a Neo4j server (tests/store runs them against one)
NEO4J_ONLY = {"schema-apply": "creates Neo4j constraints", "query": "runs Cypher on a Neo4j store"}
#: commands whose examples cannot run here, and where they are tested instead
NOT_HERE = {
    **NEO4J_ONLY,
    "serve": "serves until stopped (tests/web runs the server)",
    "ties": "reads calendar and mail exports the demo has none of (tests/cli/test_cli_ties.py)",
}
#: typed at the password prompt of ``kgraph user add`` (twice: it asks for confirmation)
PASSWORD = "a sentence of five words\n" * 2


def examples(command, lang: str = "en") -> list[str]:
    """The example lines of ``command``'s help (the lines after ``Examples:``)."""
    with use_language(lang):
        ctx = command.make_context(command.name, ["--help"], resilient_parsing=True)
        text = command.get_help(ctx)
    lines = text.splitlines()
    head = "Examples:" if lang == "en" else "Voorbeelden:"
    start = next(i for i, line in enumerate(lines) if line.strip() == head)
    out = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        out.append(line.strip())
    return out


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    kgraph.demo(path, out=None, as_of="2026-12-01")
    return path


def test_every_command_has_examples():
    for command in COMMANDS:
        assert examples(command), command.name
        assert examples(command, "nl") == examples(command), command.name


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_examples_run_on_the_demo(command, demo_store, tmp_path, monkeypatch):
    if command.name in NOT_HERE:
        pytest.skip(f"{command.name} {NOT_HERE[command.name]}")
    monkeypatch.chdir(tmp_path)
    for var in ("KGRAPH_STORE", "KGRAPH_LANG", "KGRAPH_PSEUDONYM_KEY"):
        monkeypatch.delenv(var, raising=False)
    shutil.copyfile(demo_store, tmp_path / "kgraph.db")
    shutil.copyfile(demo_store, tmp_path / "municipality.db")
    if command.name != "template":
        shutil.copytree(demo_data_path(), tmp_path / "my-org")
        kgraph.template(tmp_path / "organisatie.xlsx")
    ran = 0
    for line in examples(command):
        words = shlex.split(line)
        if words[0] != "kgraph":
            continue  # e.g. setting an environment variable first
        out = None
        if ">" in words:
            out = words[words.index(">") + 1]
            words = words[:words.index(">")]
        r = CliRunner().invoke(cli, words[1:], input=PASSWORD, catch_exceptions=False)
        assert r.exit_code == 0, (line, r.stdout[-500:], r.stderr[-1000:])
        if out:
            Path(out).write_text(r.stdout, encoding="utf-8")
        ran += 1
    assert ran, command.name
