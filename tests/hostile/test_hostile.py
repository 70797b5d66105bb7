"""Run every hostile case in ``cases/`` through the real ``kgraph`` command line.

One case per TOML file (the format is in README.md): it builds an input, runs one
command in-process with click's CliRunner (or in a subprocess with a timeout, where a
real process matters), and checks the exit code, the messages, that no traceback
reached the user and, by default for a failing command, that nothing in the case's
folder was written, changed or left behind.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.hostile.steps import STEPS, Case

HERE = Path(__file__).parent
CASES = HERE / "cases"
TINY = HERE.parent / "data" / "tiny"

KEYS = {
    "": {"about", "issue", "xfail", "requires", "input", "run", "expect"},
    "input": {"base", "step"},
    "run": {"args", "store", "env", "subprocess", "timeout", "limit_file_size", "read_only"},
    "expect": {"exit", "stderr", "not_stderr", "first_stderr", "max_stderr_lines", "stdout", "not_stdout",
               "unchanged", "gone"},
}
def _can_mount_read_only() -> bool:
    """Root may bind-mount a folder read-only in a private mount namespace (``unshare -m``)."""
    if os.name != "posix" or not shutil.which("unshare"):
        return False
    if os.geteuid() != 0:
        return True  # chmod makes the folder read-only for everyone else
    try:
        return subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


REQUIREMENTS = {
    "posix": (os.name == "posix", "needs POSIX (named pipes, links)"),
    "not-root": (os.name != "posix" or os.geteuid() != 0, "root may read any file"),
    "dev-zero": (os.path.exists("/dev/zero"), "needs /dev/zero"),
    "rlimit": (os.name == "posix", "needs POSIX resource limits"),
    "read-only-fs": (_can_mount_read_only(), "needs unshare -m (as root) or a non-root user"),
}


def _load(path: Path) -> dict:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    for section, allowed in KEYS.items():
        found = set(spec.get(section, {}) if section else spec)
        assert found <= allowed, f"{path.name}: unknown keys {sorted(found - allowed)} in [{section or 'top'}]"
    assert spec.get("about") and "exit" in spec.get("expect", {}), f"{path.name}: needs 'about' and expect.exit"
    for s in spec.get("input", {}).get("step", []):
        assert s.get("do") in STEPS, f"{path.name}: unknown step {s.get('do')!r}; known: {sorted(STEPS)}"
    for r in spec.get("requires", []):
        assert r in REQUIREMENTS, f"{path.name}: unknown requirement {r!r}"
    return spec


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        spec = _load(path)
        marks = [pytest.mark.xfail(strict=True, reason=spec["xfail"])] if "xfail" in spec else []
        yield pytest.param(path, id=path.stem, marks=marks)


@pytest.fixture(scope="session")
def tiny_store(tmp_path_factory) -> Path:
    """An embedded store holding the tiny organisation, built once and copied per case."""
    import kgraph

    path = tmp_path_factory.mktemp("hostile-store") / "kgraph.db"
    with kgraph.open(path) as kg:
        kgraph.import_data(kg, TINY)
    return path


def _build(spec: dict, root: Path, tiny_store: Path) -> Case:
    case = Case(dir=root, input=root / "org")
    store = spec.get("run", {}).get("store", "none")
    if store == "tiny":  # first, so that steps may change the store
        shutil.copy(tiny_store, root / "kgraph.db")
    else:
        assert store == "none", f"unknown run.store {store!r}"
    base = spec.get("input", {}).get("base", "tiny")
    if base == "tiny":
        shutil.copytree(TINY, case.input)
    else:
        assert base == "empty", f"unknown input.base {base!r}"
        case.input.mkdir()
    for s in spec.get("input", {}).get("step", []):
        params = {k: v for k, v in s.items() if k != "do"}
        STEPS[s["do"]](case, **params)
    return case


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every path under ``root`` with what it is and, for a file, a digest of its bytes."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                out[path.relative_to(root).as_posix()] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                try:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                except PermissionError:
                    digest = (st.st_size, st.st_mtime_ns)
                out[path.relative_to(root).as_posix()] = ("file", digest)
            else:
                out[path.relative_to(root).as_posix()] = ("other", stat.S_IFMT(st.st_mode))
    return out


@dataclass
class Result:
    exit: int
    stdout: str
    stderr: str


def _env(spec: dict) -> dict[str, str | None]:
    env = {k: None for k in os.environ if k.startswith("KGRAPH_")}
    env.update({"KGRAPH_LANG": "en", **spec.get("run", {}).get("env", {})})
    return env


def _run(spec: dict, case: Case) -> Result:
    values = {"input": str(case.input), "store": str(case.dir / "kgraph.db"), "dir": str(case.dir)}
    args = [a.format(**values) for a in spec["run"]["args"]]
    env = _env(spec)
    if spec["run"].get("subprocess"):
        timeout = spec["run"].get("timeout", 30)
        full = {k: v for k, v in os.environ.items() if not k.startswith("KGRAPH_")}
        full.update({k: v for k, v in env.items() if v is not None})
        full["PYTHONPATH"] = os.pathsep.join([str(HERE.parents[1]), full.get("PYTHONPATH", "")])
        code = "import sys; from kgraph.cli import main; sys.argv[0] = 'kgraph'; main()"
        limit = spec["run"].get("limit_file_size")
        if limit is not None:  # a full disk: writing past `limit` bytes of one file fails (EFBIG)
            code = (f"import resource, signal; resource.setrlimit(resource.RLIMIT_FSIZE, ({int(limit)}, {int(limit)})); "
                    f"signal.signal(signal.SIGXFSZ, signal.SIG_IGN); {code}")
        cmd = [sys.executable, "-c", code, *args]
        if spec["run"].get("read_only"):
            cmd = _read_only(case.dir, cmd)
        try:
            p = subprocess.run(cmd, cwd=case.dir, env=full, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"kgraph {' '.join(args)} did not finish within {timeout} s: it hangs")
        return Result(p.returncode, p.stdout, p.stderr)
    from kgraph.cli import cli

    r = CliRunner().invoke(cli, args, env=env, catch_exceptions=True, prog_name="kgraph")
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(r.exception))
        pytest.fail(f"a traceback reached the user:\n{tb}")
    return Result(r.exit_code, r.stdout, r.stderr)


def _read_only(folder: Path, cmd: list[str]) -> list[str]:
    """``cmd`` run with ``folder`` read-only: as root, bind-mounted read-only in a private
    mount namespace (a real read-only file system); otherwise by permissions."""
    if os.geteuid() == 0:
        script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
        return ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *cmd]
    for dirpath, _dirs, files in os.walk(folder):
        for f in files:
            os.chmod(Path(dirpath, f), 0o444)
        os.chmod(dirpath, 0o555)
    return cmd


def _patterns(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _check(spec: dict, r: Result, before: dict, after: dict) -> None:
    exp = spec["expect"]
    shown = f"\n--- stdout ---\n{r.stdout}\n--- stderr ---\n{r.stderr}"
    assert r.exit == exp["exit"], f"exit {r.exit}, expected {exp['exit']}{shown}"
    assert "Traceback (most recent call last)" not in r.stdout + r.stderr, f"a traceback reached the user{shown}"
    for stream, text in (("stdout", r.stdout), ("stderr", r.stderr)):
        for pattern in _patterns(exp.get(stream, [])):
            assert re.search(pattern, text, re.MULTILINE), f"{stream} does not match {pattern!r}{shown}"
        for pattern in _patterns(exp.get(f"not_{stream}", [])):
            assert not re.search(pattern, text, re.MULTILINE), f"{stream} matches {pattern!r}{shown}"
    if "first_stderr" in exp:
        first = r.stderr.splitlines()[0] if r.stderr else ""
        assert re.match(exp["first_stderr"], first), f"the first line of stderr does not match{shown}"
    if "max_stderr_lines" in exp:
        n = len(r.stderr.splitlines())
        assert n <= exp["max_stderr_lines"], f"{n} lines on stderr, at most {exp['max_stderr_lines']}{shown}"
    for pattern in _patterns(exp.get("gone", [])):  # there before the command, not after it
        assert [k for k in before if fnmatch.fnmatch(k, pattern)], f"no file matches {pattern!r} before the command"
        left = [k for k in after if fnmatch.fnmatch(k, pattern)]
        assert not left, f"still there after the command: {left}{shown}"
    if exp.get("unchanged", exp["exit"] != 0):
        added = sorted(set(after) - set(before))
        removed = sorted(set(before) - set(after))
        changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
        assert not (added or removed or changed), (
            f"files written or left behind: added {added}, removed {removed}, changed {changed}{shown}")


@pytest.mark.parametrize("path", list(_cases()))
def test_hostile(path, tmp_path, tiny_store):
    spec = _load(path)
    for r in spec.get("requires", []):
        ok, why = REQUIREMENTS[r]
        if not ok:
            pytest.skip(why)
    case = _build(spec, tmp_path, tiny_store)
    before = _snapshot(tmp_path)
    try:
        result = _run(spec, case)
    finally:
        if spec.get("run", {}).get("read_only") and os.geteuid() != 0:
            for dirpath, _dirs, _files in os.walk(tmp_path):
                os.chmod(dirpath, 0o755)
    _check(spec, result, before, _snapshot(tmp_path))


def test_every_case_is_named_and_documented():
    names = [p.stem for p in CASES.glob("*.toml")]
    assert names, "no cases"
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names), names
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    for step in STEPS:
        assert f"`{step}`" in readme, f"step {step!r} is not documented in tests/hostile/README.md"
