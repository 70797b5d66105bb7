"""Pausing Python's cyclic garbage collector while large structures are built.

Reading a store of 50,000 persons creates about a million dicts and tuples, none of
them garbage; each full collection while they pile up walks all of them again. With
the collector paused for such a build, the objects are counted once afterwards
(reference counting still frees everything as usual). The pause nests and restores
the previous state; other threads merely see collections postponed.

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

__all__ = ["paused"]

_lock = threading.Lock()
_depth = 0


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
            if _depth == 0 and paused.was_enabled:  # type: ignore[attr-defined]
                gc.enable()
