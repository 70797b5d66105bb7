"""The temporary files a write keeps beside an embedded store, and those a killed write left.

Two writes build a file beside the store ``NAME`` before anything is published:
:func:`kgraph.store.sqlite_file.create_file` builds a new store as ``.NAME.XXXX.new``, and
the forked helper of a first large import (:mod:`kgraph.store.sqlite_split`) writes its
edge rows into a file named after the file it imports into: ``.NAME.XXXX.edges`` beside
an existing empty store, ``..NAME.XXXX.new.YYYY.edges`` beside a new one. Each removes its
file when it ends, also when it fails; a process killed outright (``SIGKILL``, the
machine's power) cannot, and such a file can be as large as the store.

So each file is locked (``flock``) from the moment it is made (:func:`create`) until it is
removed (:func:`release`); the lock goes with its process, and with the forked helper
that inherits it. Before either write makes its file, :func:`sweep` removes the files of
the same store that no process holds: those a killed write left. A file younger than
:data:`GRACE` seconds is left alone (the instant between its creation and its lock).
Where ``flock`` is missing (Windows) nothing is locked and nothing swept.

>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> fd, path = create(folder, "kg.db", ".new")
>>> os.path.basename(path).startswith(".kg.db.") and path.endswith(".new")
True
>>> release(fd, path)
>>> os.listdir(folder)
[]
"""

from __future__ import annotations

import os
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock
    fcntl = None  # type: ignore[assignment]

__all__ = ["create", "release", "sweep", "SUFFIXES", "GRACE"]

#: the suffixes of the temporary files of a store (create_file's, the split helper's)
SUFFIXES = (".new", ".edges")
#: seconds a temporary file no process holds is still left alone (it may be about to be locked)
GRACE = 10.0


def create(folder: str | os.PathLike, name: str, suffix: str) -> tuple[int, str]:
    """A new empty file ``.NAME.XXXX.SUFFIX`` in ``folder``, locked by this process while the
    returned descriptor is open: ``(descriptor, path)``."""
    import tempfile  # here: a read never needs it (7 ms to import)

    fd, path = tempfile.mkstemp(prefix=f".{name}.", suffix=suffix, dir=folder)
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # pragma: no cover - a file system without locks: not swept while young only
            pass
    return fd, path


def release(fd: int | None, path: str) -> None:
    """Remove ``path`` (and a journal beside it), then close ``fd``, which releases the lock."""
    _remove(path)
    if fd is not None:
        os.close(fd)


def _remove(path: str) -> None:
    """Remove ``path`` and a journal beside it, where they are."""
    for p in (path, f"{path}-journal"):
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass


def sweep(folder: str | os.PathLike, name: str) -> list[str]:
    """Remove the temporary files of the store ``name`` in ``folder`` that no process holds
    and that are older than :data:`GRACE` seconds; return their names. Anything that
    cannot be read or removed (another user's file, a read-only folder) is left as it is."""
    if fcntl is None:  # pragma: no cover - Windows
        return []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    prefixes, gone, now = (f".{name}.", f"..{name}."), [], time.time()  # the second: a new store's helper
    for entry in names:
        if not entry.startswith(prefixes) or not entry.endswith(SUFFIXES):
            continue
        path = os.path.join(folder, entry)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by a live write: BlockingIOError
            if now - os.fstat(fd).st_mtime < GRACE:
                continue
            _remove(path)
            gone.append(entry)
        except OSError:
            continue
        finally:
            os.close(fd)
    return gone
