"""The ``kgraph`` entry point itself (``kgraph.cli.main``), run as the console script runs it:
a command that succeeded ends through ``kgraph._gc.end`` (its output complete, its exit
handlers run), one that failed ends as usual with its exit status; the language is read
once per command."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from kgraph.cli import cli

MAIN = "import sys; from kgraph.cli import main; sys.argv[0] = 'kgraph'; main()"


def _kgraph(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, text=True, timeout=120, env=env)


def test_a_command_that_succeeds_writes_all_its_output_as_in_process(tiny_kg, store_path):
    tiny_kg.close()
    env = {**os.environ, "COLUMNS": "100"}
    for fmt in ("csv", "json", "table"):
        got = _kgraph("gaps", "--store", str(store_path), "--as-of", "2026-12-01", "--format", fmt, env=env)
        want = CliRunner().invoke(cli, ["gaps", "--store", str(store_path), "--as-of", "2026-12-01", "--format", fmt],
                                  env={"COLUMNS": "100"})
        assert got.returncode == want.exit_code == 0, got.stderr
        assert got.stdout == want.stdout and got.stdout.strip()
        assert "findings" in got.stderr


def test_a_command_that_fails_keeps_its_exit_status(tmp_path):
    got = _kgraph("gaps", "--store", str(tmp_path / "missing.db"))
    assert got.returncode == 4 and "Error" in got.stderr and "Traceback" not in got.stderr
    got = _kgraph("gaps", "--top", "0")
    assert got.returncode == 2


def test_the_exit_handlers_run_once_in_a_command_that_succeeded(tiny_kg, store_path, tmp_path):
    tiny_kg.close()
    mark = tmp_path / "ran.txt"
    code = ("import atexit, sys; from kgraph.cli import main; "
            f"atexit.register(lambda: open({str(mark)!r}, 'a').write('x')); "
            f"sys.argv = ['kgraph', 'gaps', '--store', {str(store_path)!r}, '--format', 'csv']; main()")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert got.returncode == 0 and got.stdout.startswith("kind,")
    assert mark.read_text() == "x"


def test_the_language_is_read_once_per_command(tiny_kg, store_path, monkeypatch):
    """Not at each message: a command of thousands of findings read four environment
    variables per message before (about 10 µs each time)."""
    from kgraph import i18n

    tiny_kg.close()
    calls = []
    real = i18n.language_from_environment
    monkeypatch.setattr(i18n, "language_from_environment", lambda *a: calls.append(a) or real(*a))
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    monkeypatch.delenv("KGRAPH_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    got = CliRunner().invoke(cli, ["gaps", "--store", str(store_path), "--as-of", "2026-12-01", "--format", "csv"])
    assert got.exit_code == 0
    assert "bevindingen" in got.stderr or "bevinding" in got.stderr  # Dutch: the environment's language
    assert len(calls) <= 3
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # the next command reads it again
    got = CliRunner().invoke(cli, ["gaps", "--store", str(store_path), "--as-of", "2026-12-01", "--format", "csv"])
    assert "findings" in got.stderr
