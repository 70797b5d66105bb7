"""Tests of kgraph._gc: the pause, and the freeze of a one-shot process."""

import gc

from kgraph._gc import one_shot, paused


def test_paused_restores_and_nests():
    assert gc.isenabled()
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_no_freeze_unless_one_shot():
    before = gc.get_freeze_count()
    with paused():
        kept = [{"i": i} for i in range(100)]
    assert gc.get_freeze_count() == before and gc.isenabled()
    assert len(kept) == 100


def test_one_shot_freezes_what_a_pause_built():
    one_shot()
    try:
        with paused():
            before = gc.get_freeze_count()
            kept = [[i] for i in range(100)]  # tracked by the collector
            with paused():
                pass
            assert gc.get_freeze_count() == before  # only the outermost pause freezes
        assert gc.get_freeze_count() >= before + 100 and gc.isenabled() and len(kept) == 100
    finally:
        one_shot(False)
        gc.unfreeze()


# -- end(): a one-shot process that succeeded ends without freeing what it holds ----------

import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402


def _run(body: str, tmp_path) -> subprocess.CompletedProcess:
    """``body`` run as a script in a new interpreter (``end`` ends that process)."""
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)


def test_end_flushes_runs_the_exit_handlers_once_and_exits_with_the_code(tmp_path):
    mark = tmp_path / "handler.txt"
    got = _run(f"""
        import atexit, sys, tempfile
        from kgraph._gc import end, keep, one_shot
        one_shot()
        keep([[i] for i in range(1000)])
        folder = tempfile.TemporaryDirectory()  # removed by a weakref.finalize exit handler
        open({str(tmp_path / "folder.txt")!r}, "w").write(folder.name)
        atexit.register(lambda: open({str(mark)!r}, "a").write("ran\\n"))
        sys.stdout.write("buffered out")  # not flushed yet: end() must flush it
        sys.stderr.write("buffered err")
        end(3)
        print("not reached")
    """, tmp_path)
    assert got.returncode == 3
    assert got.stdout == "buffered out" and got.stderr == "buffered err"
    assert mark.read_text() == "ran\n"  # once: the interpreter's own exit did not run it again
    import os
    assert not os.path.exists((tmp_path / "folder.txt").read_text())


def test_end_returns_where_it_is_not_safe(tmp_path):
    """Not a one-shot process, or another thread alive (the interpreter waits for it): end()
    returns and the process ends as usual."""
    got = _run("""
        import threading, time
        from kgraph._gc import end, one_shot
        end(0)
        print("not one-shot: returned")
        one_shot()
        t = threading.Thread(target=lambda: (time.sleep(0.3), print("the thread finished")))
        t.start()
        end(0)
        print("a thread alive: returned")
    """, tmp_path)
    assert got.returncode == 0
    assert got.stdout.splitlines() == ["not one-shot: returned", "a thread alive: returned", "the thread finished"]


def test_a_failing_exit_handler_is_reported_as_the_usual_exit_reports_it(tmp_path):
    """The other handlers still run, once; the error goes to stderr; the status is the command's."""
    got = _run("""
        import atexit
        from kgraph._gc import end, one_shot
        one_shot()
        atexit.register(lambda: print("second handler"))
        atexit.register(lambda: 1 / 0)
        end(0)
        print("not reached")
    """, tmp_path)
    assert got.returncode == 0
    assert got.stdout.splitlines() == ["second handler"]
    assert "ZeroDivisionError" in got.stderr
