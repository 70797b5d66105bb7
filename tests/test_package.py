"""Packaging: assets ship inside the wheel and are read through kgraph.resources;
every command has help with an example; the CLI starts without heavy imports."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph import resources
from kgraph.errors import KgraphError
from kgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_resources_read_assets():
    assert resources.schema()["version"] == 1
    assert resources.asset_dir("schema").name == "schema"
    with pytest.raises(KgraphError):
        resources.asset_dir("secrets")


@pytest.mark.slow
def test_wheel_ships_assets(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0 and "No module named build" in proc.stderr:
        pytest.fail("the test extras include 'build'; install them: pip install -e '.[test]'")
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("kgraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("schema", "queries", "visuals"):
        shipped = {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file()}
        for rel in shipped:
            assert f"kgraph/_assets/{folder}/{rel}" in names
    assert "kgraph/_assets/schema/model.toml" in names
    assert any(n.startswith("kgraph/data/demo/") for n in names)
    assert "kgraph/cli/__init__.py" in names


def _commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_with_example(name):
    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.stdout, f"`kgraph {name} --help` has no example"


def test_cli_starts_without_heavy_imports():
    # what the import adds: a .pth file in site-packages may load modules before kgraph is imported
    code = ("import sys; before = set(sys.modules); from kgraph.cli import cli; "
            "heavy = {'pandas', 'networkx', 'numpy', 'scipy', 'igraph', 'pyvis', 'neo4j', 'openpyxl'}; "
            "print(sorted(heavy & (set(sys.modules) - before)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_are_not_shadowed_by_submodules():
    """``import kgraph.x`` sets ``kgraph.x`` to the module: no public function may share
    its name with a submodule, or ``kgraph.demo(...)`` would call a module."""
    import importlib
    import pkgutil

    import kgraph

    for info in pkgutil.walk_packages(kgraph.__path__, "kgraph."):
        if ".cli" not in info.name:
            importlib.import_module(info.name)
    for name in kgraph._LAZY:
        assert callable(getattr(kgraph, name)) and not isinstance(getattr(kgraph, name), type(kgraph)), name


def test_command_table_names_its_commands():
    """``COMMAND_TABLE`` registers each command under the name the command itself has,
    and ``cli.commands`` loads a command's module only when the command is asked for."""
    from kgraph.cli import COMMAND_TABLE, COMMANDS

    assert [c.name for c in COMMANDS] == [name for name, _where in COMMAND_TABLE]
    assert sorted(cli.commands) == sorted(name for name, _where in COMMAND_TABLE)
    code = ("import sys; from kgraph.cli import cli; cli.commands['who-knows']; "
            "print(sorted(m for m in sys.modules if m.startswith('kgraph.cli.') and not m.split('.')[-1].startswith('_')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['kgraph.cli.knowledge']"
