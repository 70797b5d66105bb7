"""Input files are read only when they are regular files within the size limit."""

from __future__ import annotations

import os
import threading

import pytest

from kgraph.errors import InputError, OptionError, ValidationError
from kgraph.ingest import files, load_dataset

posix_only = pytest.mark.skipif(os.name != "posix", reason="named pipes, devices and links need POSIX")


def problems(folder):
    with pytest.raises(ValidationError) as exc:
        load_dataset(folder)
    return [str(p) for p in exc.value.problems]


def _in_thread(fn, timeout=10):
    """Run ``fn`` in a thread; fail (instead of hanging the suite) when it blocks."""
    box: dict = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    return t.is_alive(), box


@posix_only
def test_named_pipe_is_refused_without_blocking(tiny_copy):
    pipe = tiny_copy / "persons.csv"
    pipe.unlink()
    os.mkfifo(pipe)
    blocked, box = _in_thread(lambda: problems(tiny_copy))
    if blocked:  # unblock the reader so the thread can end, then fail
        with open(pipe, "w"):
            pass
        pytest.fail("reading a named pipe blocked")
    assert "error" not in box, box
    assert box["value"] == ["persons.csv:0:-: not a regular file but a named pipe; kgraph reads only regular files"]


@posix_only
def test_link_to_a_device_is_refused(tiny_copy):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (tiny_copy / "issues.csv").unlink()
    (tiny_copy / "issues.csv").symlink_to("/dev/zero")
    found = problems(tiny_copy)
    assert found == ["issues.csv:0:-: not a regular file but a device; kgraph reads only regular files"], found


def test_folder_named_like_a_table(tiny_copy):
    (tiny_copy / "signals.csv").unlink()
    (tiny_copy / "signals.csv").mkdir()
    assert problems(tiny_copy) == ["signals.csv:0:-: not a regular file but a folder; kgraph reads only regular files"]


@posix_only
def test_symlink_loop_in_the_folder(tiny_copy):
    (tiny_copy / "persons.csv").unlink()
    (tiny_copy / "persons.csv").symlink_to("persons.csv")
    found = problems(tiny_copy)
    assert found == ["persons.csv:0:-: a symbolic link that leads back to itself (a link loop)"], found


@posix_only
def test_symlink_loop_as_the_input_path(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(InputError, match="a symbolic link that leads back to itself"):
        load_dataset(tmp_path / "a")


@posix_only
def test_dangling_link(tiny_copy):
    (tiny_copy / "signals.csv").unlink()
    (tiny_copy / "signals.csv").symlink_to(tiny_copy / "elsewhere.csv")
    assert problems(tiny_copy) == ["signals.csv:0:-: a symbolic link to a file that does not exist"]


@posix_only
def test_link_to_a_regular_file_is_read(tiny_copy, tmp_path):
    target = tmp_path / "elders.csv"
    (tiny_copy / "signals.csv").rename(target)
    (tiny_copy / "signals.csv").symlink_to(target)
    assert load_dataset(tiny_copy).counts()["Signal"] == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tiny_copy):
    (tiny_copy / "signals.csv").chmod(0)
    assert problems(tiny_copy) == ["signals.csv:0:-: permission denied: kgraph may not read this file"]


def test_size_limit(tiny_copy, monkeypatch):
    monkeypatch.setenv("KGRAPH_MAX_INPUT_BYTES", "500")
    size = (tiny_copy / "persons.csv").stat().st_size
    assert size > 500 and all(f.stat().st_size <= 500 for f in tiny_copy.iterdir() if f.name != "persons.csv")
    found = problems(tiny_copy)
    assert found == [f"persons.csv:0:-: {size} bytes, more than the limit of 500 bytes for one input file "
                     "(set KGRAPH_MAX_INPUT_BYTES to allow more)"], found


@pytest.mark.parametrize("value, expected", [
    (None, 1 << 30), ("", 1 << 30), ("300", 300), ("2G", 2 << 30), ("512 MiB", 512 << 20), ("64k", 64 << 10),
    ("1GB", 1 << 30),
])
def test_max_input_bytes(value, expected):
    env = {} if value is None else {"KGRAPH_MAX_INPUT_BYTES": value}
    assert files.max_input_bytes(env) == expected


@pytest.mark.parametrize("value", ["lots", "-1", "0", "1.5G", "1T"])
def test_max_input_bytes_refuses_nonsense(value):
    with pytest.raises(OptionError, match="KGRAPH_MAX_INPUT_BYTES"):
        files.max_input_bytes({"KGRAPH_MAX_INPUT_BYTES": value})


def test_format_size():
    assert [files.format_size(n) for n in (1, 300, 1 << 30, 3 << 29, 2 << 20)] == [
        "1 byte", "300 bytes", "1 GiB", "1.5 GiB", "2 MiB"]


@posix_only
def test_workbook_that_is_a_named_pipe(tmp_path):
    os.mkfifo(tmp_path / "org.xlsx")
    blocked, box = _in_thread(lambda: load_dataset(tmp_path / "org.xlsx"))
    if blocked:
        with open(tmp_path / "org.xlsx", "wb"):
            pass
        pytest.fail("reading a named pipe blocked")
    assert isinstance(box.get("error"), InputError), box
    assert "not a regular file but a named pipe" in str(box["error"])
