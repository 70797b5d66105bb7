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

>>> import gc
>>> with paused():
...     gc.isenabled()
False
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["one_shot", "paused"]

_lock = threading.Lock()
_depth = 0
_freeze = False


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
