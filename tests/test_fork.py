"""kgraph._fork: one piece of work in a forked child, or here; the same result either way."""

from __future__ import annotations

import os
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph import _fork


@pytest.fixture()
def allowed(monkeypatch):
    monkeypatch.setattr(_fork, "_allowed", True)
    if not _fork.possible():
        pytest.skip("no fork here (one core, other threads, or no os.fork)")


def test_not_allowed_runs_here():
    job = _fork.start(sorted, [3, 1, 2])
    assert not job.forked and job.result() == [1, 2, 3]


def test_forked_child_sends_its_result(allowed):
    job = _fork.start(lambda: (os.getpid(), {"a": [1, 2]}))
    assert job.forked
    pid, value = job.result()
    assert pid != os.getpid() and value == {"a": [1, 2]} and not job.failed


def test_prepare_runs_in_the_child_only(allowed):
    seen = []
    job = _fork.start(lambda: seen, prepare=lambda: seen.append("child"))
    assert job.result() == ["child"] and seen == []


def test_a_failing_child_leaves_the_work_to_this_process(allowed):
    def fail():
        raise RuntimeError("only in the child")

    job = _fork.start(lambda: os.getpid(), prepare=fail)
    assert job.forked and job.result() == os.getpid() and job.failed


def test_an_error_of_the_work_itself_is_raised_here(allowed):
    job = _fork.start(int, "not a number")
    with pytest.raises(ValueError):
        job.result()


def test_no_fork_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(_fork, "_allowed", True)
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not _fork.possible()
        assert not _fork.start(len, "abc").forked
    finally:
        stop.set()
        t.join()


def test_a_job_never_asked_for_lets_its_child_end(allowed):
    import time

    job = _fork.start(lambda: "x" * 1_000_000)  # more than a pipe holds: the child waits to write
    pid = job._pid
    del job  # an error came before the result was asked for
    for _i in range(100):
        try:
            done, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # reaped already
            break
        if done:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the child did not end")


def test_kgraph_serve_never_forks(monkeypatch, tmp_path):
    """``kgraph serve`` turns forking off before its server starts (its request threads may
    hold locks), even in a process where ``main()`` allowed it. The server loop is replaced
    by a recorder here; ``tests/web`` runs the real server."""
    from click.testing import CliRunner

    from kgraph.cli import cli
    from kgraph.web import server

    seen = []
    monkeypatch.setattr(_fork, "_allowed", True)
    monkeypatch.setattr(server, "serve", lambda *a, **k: seen.append(_fork._allowed))
    r = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "kg.db")], catch_exceptions=False)
    assert r.exit_code == 0 and seen == [False] and not _fork.possible()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=3000), max_size=6))
def test_messages_come_whole_and_in_order(messages):
    _round_trip(messages)


def test_a_message_larger_than_the_pipe_comes_whole():
    _round_trip([os.urandom(300_000), b"", b"digests"])  # read in many pieces


def _round_trip(messages):
    r, w = os.pipe()
    out = []

    def write():
        for m in messages:
            _fork.send(w, m)
        os.close(w)

    writer = threading.Thread(target=write)
    writer.start()  # a thread: messages larger than the pipe's buffer need a reader meanwhile
    try:
        while (got := _fork.receive(r)) is not None:
            out.append(got)
    finally:
        writer.join()
        os.close(r)
    assert out == messages


@pytest.mark.parametrize("cut", [0, 3, 8, 10])
def test_a_message_cut_short_is_none(cut):
    r, w = os.pipe()
    whole = (5).to_bytes(8, "big") + b"hello"
    os.write(w, whole[:cut])
    os.close(w)
    try:
        assert _fork.receive(r) is None
    finally:
        os.close(r)


def test_background_work_gives_its_result_or_its_error():
    assert _fork.Background(lambda: threading.current_thread().name).result() == "kgraph-import-meanwhile"

    def fail():
        raise MemoryError("no room")

    job = _fork.Background(fail)
    with pytest.raises(MemoryError, match="no room"):
        job.result()
    assert threading.active_count() == 1  # joined: a one-shot process may end at once (kgraph._gc)
