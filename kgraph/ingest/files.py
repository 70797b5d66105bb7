"""Open input files safely: regular files only, never more than a size limit.

A table may be a symbolic link to a regular file, but never a named pipe, a device,
a socket or a folder: those are refused after ``stat`` and before anything is opened
for reading (a pipe called ``persons.csv`` would otherwise block forever, a link to
``/dev/zero`` read without end). The file is then opened without blocking and checked
again on the open descriptor, so a swap between the two checks is caught too.

No input file is read beyond :func:`max_input_bytes` (1 GiB unless the environment
variable ``KGRAPH_MAX_INPUT_BYTES`` says otherwise, e.g. ``2G`` or ``500M``).

>>> max_input_bytes({"KGRAPH_MAX_INPUT_BYTES": "500M"}) == 500 * 2**20
True
>>> format_size(3 * 2**29)
'1.5 GiB'
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from ..errors import OptionError
from ..i18n import _, ngettext

__all__ = ["Unreadable", "DEFAULT_MAX_BYTES", "ENV_MAX_BYTES", "max_input_bytes", "format_size",
           "check_path", "read_bytes", "open_binary", "check_unpacked"]

#: the default limit for one input file (a CSV file, or a workbook unpacked)
DEFAULT_MAX_BYTES = 1 << 30
#: the environment variable that overrides it
ENV_MAX_BYTES = "KGRAPH_MAX_INPUT_BYTES"

_SIZE = re.compile(r"^\s*([0-9]+)\s*(?:([kmg])(?:i?b)?)?\s*$", re.IGNORECASE)
_UNITS = {None: 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


class Unreadable(Exception):
    """A table cannot be read; ``row`` and ``column`` say where when it is known."""

    def __init__(self, message: str, row: int = 0, column: str = "-"):
        super().__init__(message)
        self.message, self.row, self.column = message, row, column


def max_input_bytes(environ: Mapping[str, str] | None = None) -> int:
    """The most bytes kgraph reads from one input file (``KGRAPH_MAX_INPUT_BYTES``).

    A whole number of bytes, optionally with ``K``, ``M`` or ``G`` (powers of 1024;
    ``KiB``/``KB`` and the like are read the same way). Empty or unset: 1 GiB.

    >>> max_input_bytes({}), max_input_bytes({"KGRAPH_MAX_INPUT_BYTES": "64k"})
    (1073741824, 65536)
    """
    value = (os.environ if environ is None else environ).get(ENV_MAX_BYTES, "")
    if not value.strip():
        return DEFAULT_MAX_BYTES
    m = _SIZE.match(value)
    n = int(m.group(1)) * _UNITS[m.group(2) and m.group(2).lower()] if m else 0
    if n <= 0:
        raise OptionError(
            _("{var}={value!r} is not a size").format(var=ENV_MAX_BYTES, value=value),
            hint=_("give a number of bytes, optionally with K, M or G, e.g. {var}=2G").format(var=ENV_MAX_BYTES),
        )
    return n


def format_size(n: int) -> str:
    """``n`` bytes for people: ``'300 bytes'``, ``'1.8 KiB'``, ``'2 GiB'``.

    >>> format_size(1), format_size(1800), format_size(2048)
    ('1 byte', '1.8 KiB', '2 KiB')
    """
    if n < 1024:
        return ngettext("{n} byte", "{n} bytes", n).format(n=n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        n /= 1024
        if n < 1024 or unit == "TiB":
            break
    return f"{n:.1f}".rstrip("0").rstrip(".") + " " + unit


def _too_big(size: int, limit: int, *, unpacked: bool = False) -> str:
    if unpacked:
        text = _("unpacks to {size}, more than the limit of {limit} for one input file (set {var} to allow more)")
    else:
        text = _("{size}, more than the limit of {limit} for one input file (set {var} to allow more)")
    return text.format(size=format_size(size), limit=format_size(limit), var=ENV_MAX_BYTES)


def _kind(mode: int) -> str | None:
    """What a file is when it is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


def _os_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return _("a symbolic link that leads back to itself (a link loop)")
    if exc.errno == errno.ENOENT and path.is_symlink():
        return _("a symbolic link to a file that does not exist")
    if exc.errno == errno.ENOENT:
        return _("no such file or folder")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied: kgraph may not read this file")
    return _("cannot be read ({reason})").format(reason=exc.strerror or exc)


def check_path(path: str | os.PathLike) -> os.stat_result:
    """``stat`` the input path itself (following links); raise Unreadable saying why not."""
    path = Path(path)
    try:
        return os.stat(path)
    except OSError as exc:
        raise Unreadable(_os_error(path, exc)) from None


def _regular(path: Path, st: os.stat_result) -> None:
    kind = _kind(st.st_mode)
    if kind is not None:
        raise Unreadable(_("not a regular file but {kind}; kgraph reads only regular files").format(kind=kind))


def _open(path: Path) -> tuple[BinaryIO, int]:
    """Open a regular file for reading without ever blocking; return it and its size."""
    st = check_path(path)
    _regular(path, st)
    limit = max_input_bytes()
    if st.st_size > limit:
        raise Unreadable(_too_big(st.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Unreadable(_os_error(path, exc)) from None
    fh = os.fdopen(fd, "rb")
    try:
        st = os.fstat(fd)  # what was opened, in case the path changed since the stat above
        _regular(path, st)
        if st.st_size > limit:
            raise Unreadable(_too_big(st.st_size, limit))
    except BaseException:
        fh.close()
        raise
    return fh, st.st_size


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a regular file of at most :func:`max_input_bytes`; else Unreadable."""
    path = Path(path)
    limit = max_input_bytes()
    fh, size = _open(path)
    with fh:
        try:
            data = fh.read(size + 1)
            while len(data) <= limit:  # the file grew, or its size is not known (e.g. under /proc)
                more = fh.read(min(1 << 24, limit + 1 - len(data)))
                if not more:
                    break
                data += more
        except OSError as exc:
            raise Unreadable(_os_error(path, exc)) from None
    if len(data) > limit:
        raise Unreadable(_too_big(len(data), limit))
    return data


def open_binary(path: str | os.PathLike) -> BinaryIO:
    """A regular file of at most :func:`max_input_bytes`, opened for reading; else Unreadable."""
    return _open(Path(path))[0]


def check_unpacked(size: int) -> None:
    """Raise Unreadable when an archive (a workbook) unpacks to more than the limit."""
    limit = max_input_bytes()
    if size > limit:
        raise Unreadable(_too_big(size, limit, unpacked=True))
