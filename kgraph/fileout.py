"""Writing output files whole or not at all: a temporary file beside the target, renamed on success.

A report, a figure or an export written straight to its name is left truncated when
the disk fills up or the process is killed halfway, and looks finished. Here the
output goes to a hidden temporary name in the same folder (so the rename cannot cross
file systems) and gets its real name only when it is complete; on any failure the
temporary file is removed and an older file of that name stays as it was. New files
get the permissions the user's umask gives, as a plain ``open`` would.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> write_text(os.path.join(d, "a.txt"), "hello")
>>> open(os.path.join(d, "a.txt")).read(), os.listdir(d)
('hello', ['a.txt'])
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_text", "atomic_folder", "file_mode"]


def file_mode() -> int:
    """The mode a new file gets under the current umask (``0o644`` for umask 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it becomes ``path`` when the block ends
    without an error, and is removed otherwise. The folder is created when missing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno is not None:  # name the output, not the temporary file
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


def write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8", newline: str | None = None) -> None:
    """Write ``text`` to ``path`` whole or not at all (see :func:`atomic_path`)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding=encoding, newline=newline) as fh:
        fh.write(text)


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike, *, replace: bool = False) -> Iterator[Path]:
    """A temporary folder beside ``path`` to fill; it becomes ``path`` when the block ends
    without an error, and is removed otherwise. An existing ``path`` is replaced only with
    ``replace`` (else FileExistsError, before anything is written)."""
    path = Path(path)
    if path.exists() and not replace:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~(0o666 ^ file_mode()))
        for f in tmp.iterdir():
            if f.is_file():
                os.chmod(f, file_mode())
        old = None
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.rmdir(old)
            os.replace(path, old)
        os.replace(tmp, path)
        if old is not None:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
