"""Pausing Python's cyclic garbage collector while large structures are built.

Reading a store of 50,000 persons creates about a million dicts and tuples, none of
them garbage; each full collection while they pile up walks all of them again. With
the collector paused for such a build, the objects are counted once afterwards
(reference counting still frees everything as usual). The pause nests and restores
the previous state; other threads merely see collections postponed.

A one-shot process (the ``kgraph`` command, :func:`one_shot`) goes one step further:
what a pause built is moved to the permanent generation when the pause ends
(:func:`gc.freeze`), so the collector never walks those objects again (about a second
at 50,000 persons). Garbage cycles among them are then freed only when the process
ends, which a long-running server could not afford: it does not call :func:`one_shot`.

Nor does a one-shot process free what it built, one object at a time, just before it
ends (0.15-0.2 s for ``kgraph gaps`` at 50,000 persons): the command's graph handle is
:func:`kept <keep>` to the end, and a command that succeeded ends with :func:`end`, which
runs the exit handlers (:mod:`atexit`), flushes the output and leaves the memory to the
operating system, as compilers do with their syntax trees. Where that is not certain to
be safe (another thread runs, a flush fails, not a one-shot process), it returns and the
process ends as usual.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["one_shot", "paused", "keep", "end"]

_lock = threading.Lock()
_depth = 0
_freeze = False
_kept: list[object] = []  # what a one-shot process holds to its end (see keep)


def one_shot(on: bool = True) -> None:
    """Freeze what each outermost pause built when it ends (this process ends soon)."""
    global _freeze
    _freeze = on


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block (see the module docstring)."""
    global _depth
    with _lock:
        if _depth == 0:
            paused.was_enabled = gc.isenabled()  # type: ignore[attr-defined]
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                if _freeze:
                    gc.freeze()
                if paused.was_enabled:  # type: ignore[attr-defined]
                    gc.enable()


def keep(obj: object) -> None:
    """In a one-shot process, hold ``obj`` until the process ends: what it refers to is not
    freed object by object when the command's last reference goes (see :func:`end`)."""
    if _freeze:
        _kept.append(obj)


def end(code: int = 0) -> None:
    """End a one-shot process now with exit status ``code``: run the exit handlers, flush
    stdout and stderr, then :func:`os._exit` (what the process holds is not freed object by
    object). An exit handler that fails is reported on stderr and the others run, as at the
    usual exit. Returns, and the process ends as usual, where this is not certain to be safe:
    not a one-shot process, another thread alive (the interpreter would wait for it), no
    way to run the exit handlers, or a flush that fails (the usual exit reports it)."""
    run = getattr(atexit, "_run_exitfuncs", None)
    if not _freeze or run is None or threading.active_count() != 1:
        return
    try:
        run()  # logging, temporary folders (weakref.finalize), coverage: as the usual exit runs them, once
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # noqa: BLE001 - a flush that failed: the usual exit reports it (the handlers have run: not twice)
        return
    os._exit(code)
