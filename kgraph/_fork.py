"""One piece of work in a forked second process, while this process does the rest.

A one-shot ``kgraph`` command (``main()`` calls :func:`allow`) whose organisation is
loaded may hand a pure function of it to a child process: :func:`start` forks once, the
child inherits the loaded data (copy-on-write: nothing is sent to it), computes
``fn(*args)``, sends the pickled result back through a pipe and ends with
:func:`os._exit`. :meth:`Job.result` reads it. The child never reads the store (the
data it needs is loaded before the fork, see :func:`kgraph.analysis.gaps.gaps`) and never
writes to stdout.

Where forking is not there (Windows), not allowed (library callers, tests, ``kgraph
serve``), the machine has one core, or this process runs other threads (forking a
threaded process may copy a held lock), ``fn`` runs in this process when its result is
asked for; likewise when the child fails for any reason, so the result and its
errors are those of the one-process path.

>>> job = start(sum, [1, 2, 3])
>>> job.result()
6

Also here: :func:`send` and :func:`receive`, messages of a child that sends more than one on
its pipe (the import's helper, :mod:`kgraph.ingest.aside`), and :class:`Background`, work
done in a thread while this process waits for something that lets go of the interpreter's lock.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["allow", "can_fork", "cores", "possible", "start", "Job", "send", "receive", "Background"]

_allowed = False


def allow(on: bool = True) -> None:
    """Let :func:`start` fork (a one-shot process: the ``kgraph`` command, not ``kgraph serve``)."""
    global _allowed
    _allowed = on


def can_fork() -> bool:
    """Whether this process could fork a helper that runs beside it: ``os.fork`` exists, the
    machine gives it two cores or more, and no other thread runs (a fork copies one thread: a
    lock another one holds would never open in the child). The one test of these for every
    forked helper (also :mod:`kgraph.store.sqlite_split`)."""
    return hasattr(os, "fork") and threading.active_count() == 1 and cores() >= 2


def cores() -> int:
    """The cores this process may run on (its affinity where the system says)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def possible() -> bool:
    """Whether :func:`start` would fork now: :func:`allow` was called and :func:`can_fork`."""
    return _allowed and can_fork()


class Job:
    """The result of ``fn(*args)``, computed by a child process or, failing that, here."""

    def __init__(self, fn: Callable[..., Any], args: tuple, pid: int | None = None, fd: int | None = None):
        self._fn, self._args, self._pid, self._fd = fn, args, pid, fd
        self.forked = pid is not None
        self.failed = False  #: the child failed and the work was done here

    def result(self) -> Any:
        if self._pid is not None:
            pid, fd, self._pid, self._fd = self._pid, self._fd, None, None
            with os.fdopen(fd, "rb") as f:
                data = f.read()
            _done, status = os.waitpid(pid, 0)
            if status == 0 and data:
                import pickle  # here: the store and the CLI import this module on every command

                return pickle.loads(data)
            self.failed = True
        return self._fn(*self._args)  # no fork, or the child failed: the same work here

    def __del__(self) -> None:  # never asked for (an error came first): the child's write fails, it ends
        if self._pid is not None:
            pid, self._pid = self._pid, None
            os.close(self._fd)
            try:
                os.waitpid(pid, os.WNOHANG)
            except OSError:  # pragma: no cover - already reaped
                pass


def start(fn: Callable[..., Any], *args: Any, prepare: Callable[[], Any] | None = None) -> Job:
    """Start ``fn(*args)`` in a forked child where :func:`possible` (see the module docstring);
    ``prepare()`` runs first, in the child only (to seal what the child must not touch)."""
    if not possible():
        return Job(fn, args)
    r, w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return Job(fn, args)
    if pid == 0:  # the child: compute, send, end without running this process's exit handlers
        code = 1
        try:
            os.close(r)
            if prepare is not None:
                prepare()
            import pickle

            data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as f:
                f.write(data)
            code = 0
        except BaseException:  # noqa: BLE001 - any failure: the parent does the work itself
            pass
        finally:
            os._exit(code)
    os.close(w)
    return Job(fn, args, pid, r)


def send(fd: int, data: bytes) -> None:
    """Write ``data`` on the pipe ``fd`` as one message (its length first, 8 bytes), which
    :func:`receive` reads whole: a child may send several on one pipe.

    >>> r, w = os.pipe()
    >>> send(w, b"verdict"); send(w, b"")
    >>> os.close(w)
    >>> receive(r), receive(r), receive(r)
    (b'verdict', b'', None)
    >>> os.close(r)
    """
    view = memoryview(len(data).to_bytes(8, "big") + data)
    while view:
        view = view[os.write(fd, view):]


def receive(fd: int) -> bytes | None:
    """The next message :func:`send` wrote on the pipe ``fd``; None where the pipe ends before
    it is whole (the writer ended without sending it)."""
    head = _exactly(fd, 8)
    return None if head is None else _exactly(fd, int.from_bytes(head, "big"))


def _exactly(fd: int, n: int) -> bytes | None:
    parts = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


class Background:
    """``work()`` done in a thread of this process, beside work that lets go of the
    interpreter's lock: an import's digests while SQLite copies rows and builds indexes
    (:meth:`kgraph.store.sqlite_aside.PartsHelper.meanwhile`). Nothing may fork meanwhile
    (:func:`can_fork` says no while it runs). An exception of ``work`` is raised again by
    :meth:`result`.

    >>> Background(lambda: 6 * 7).result()
    42
    """

    def __init__(self, work):
        self._out: list = []

        def run() -> None:
            try:
                self._out.append((True, work()))
            except BaseException as exc:  # noqa: BLE001 - raised in the importing thread (result)
                self._out.append((False, exc))

        self._thread = threading.Thread(target=run, name="kgraph-import-meanwhile", daemon=True)
        self._thread.start()

    def result(self):
        """What ``work()`` returned, once it has (the thread has ended then: a one-shot
        process ends without freeing its objects, :func:`kgraph._gc.end`)."""
        self._thread.join()
        ok, value = self._out[0]
        if not ok:
            raise value
        return value
