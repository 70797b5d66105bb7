"""Read the input tables from a CSV folder or an Excel workbook, as raw cells.

Nothing is interpreted here except the file encoding and the CSV delimiter;
:mod:`kgraph.ingest.validate` turns raw tables into a dataset. What is refused while
reading, so that no data is lost silently: a file that is not a regular file or is over
the size limit (:mod:`~kgraph.ingest.files`), a CSV file with broken quotes, NUL bytes
or another encoding than UTF-8 (:mod:`~kgraph.ingest.csvfile`), merged cells
(:mod:`~kgraph.ingest.workbook`), a table given twice, and values in a column without
a header (:mod:`~kgraph.ingest.raw`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import _
from ..model import model, normalize_header
from . import files
from .csvfile import parse_csv
from .raw import RawInput, RawTable, table_names
from .workbook import read_workbook

__all__ = ["RawTable", "RawInput", "InputFiles", "read_files", "read_input", "parse_deferred"]


@dataclass
class InputFiles:
    """The bytes of an input, read once, before anything is parsed (:func:`read_files`).

    ``entries`` are a folder's ``.csv`` files in name order: ``(file name, table or None
    for a file that is not a table, bytes or the Unreadable that stopped reading it, or
    None for a second file of a table, which is not read)``; ``workbook`` the bytes of
    an ``.xlsx``. ``digest`` covers every name and byte that :func:`read_input` looks
    at, so equal digests give equal tables (None when a file could not be read).
    """

    path: Path
    entries: list = field(default_factory=list)
    workbook: bytes | None = None
    digest: str | None = None


def read_files(path: str | os.PathLike) -> InputFiles:
    """The bytes of every input file at ``path`` (see :class:`InputFiles`); raises
    :class:`~kgraph.errors.InputError` as :func:`read_input` does when ``path`` itself
    cannot be read or is neither a folder nor a workbook."""
    path = Path(path)
    try:
        st = files.check_path(path)
    except files.Unreadable as exc:
        hint = _("give a folder of CSV files or an .xlsx workbook") if not path.is_symlink() else None
        raise InputError(f"{path}: {exc.message}", hint=hint) from None
    src = InputFiles(path)
    h = hashlib.blake2b(b"kgraph input 1\0", digest_size=32)
    complete = True
    if stat.S_ISDIR(st.st_mode):
        h.update(b"folder\0")
        for name, table, data in _folder_files(path):
            src.entries.append((name, table, data))
            h.update(f"{len(name)}:{name}|{table}|".encode())
            if isinstance(data, bytes):
                h.update(b"%d:" % len(data))
                h.update(data)
            elif data is not None:
                complete = False
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            src.workbook = files.read_bytes(path)
        except files.Unreadable as exc:
            raise InputError(f"{path}: {exc.message}") from None
        h.update(f"workbook\0{len(path.name)}:{path.name}|{len(src.workbook)}:".encode())
        h.update(src.workbook)
    elif path.suffix.lower() == ".csv":
        raise InputError(
            _("{path}: give the folder that holds the CSV files, not one file").format(path=path),
            hint=_("import the folder: {command}").format(command=f"kgraph import {path.parent}"),
        )
    else:
        raise InputError(_("{path}: not a folder of CSV files or an .xlsx workbook").format(path=path))
    src.digest = h.hexdigest() if complete else None
    return src


def read_input(path: str | os.PathLike | InputFiles, defer: frozenset[str] = frozenset()) -> RawInput:
    """Read every kgraph table found at ``path`` (a folder of CSV files or an .xlsx, or
    their bytes read by :func:`read_files`). The CSV files of the tables in ``defer`` are
    not parsed yet (:attr:`RawInput.deferred`; :func:`parse_deferred` parses one).

    Raises :class:`~kgraph.errors.InputError` when ``path`` cannot be read or is
    neither; problems inside files (encoding, quotes, missing tables) are collected in
    ``RawInput.problems`` so that they are reported together with the rest.
    """
    src = path if isinstance(path, InputFiles) else read_files(path)
    if src.workbook is not None:
        raw = read_workbook(src.path, src.workbook)
    else:
        raw = _parse_folder(src.entries, defer)
    for name, table in model().tables.items():
        if table.required and name not in raw.tables and name not in raw.failed and name not in raw.deferred:
            label = f"{name}.csv" if src.workbook is None else f"{src.path.name}[{name}]"
            raw.problems.append(Problem(label, 0, "-", _("required table '{name}' is missing").format(name=name)))
    return raw


def _folder_files(folder: Path) -> list:
    """``(file name, table, bytes | Unreadable | None)`` of a folder's CSV files (see :class:`InputFiles`)."""
    names = table_names()
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        reason = _("permission denied") if exc.errno in (errno.EACCES, errno.EPERM) else (exc.strerror or str(exc))
        raise InputError(_("{path}: cannot list the folder ({reason})").format(path=folder, reason=reason)) from None
    out: list = []
    seen: set[str] = set()
    for file in entries:
        if file.suffix.lower() != ".csv" or file.name.startswith("."):
            continue
        table = names.get(normalize_header(file.stem))
        if table is None or table in seen:
            out.append((file.name, table, None))
            continue
        seen.add(table)
        try:
            out.append((file.name, table, files.read_bytes(file)))
        except files.Unreadable as exc:
            out.append((file.name, table, exc))
    return out


def _parse_folder(entries: list, defer: frozenset[str] = frozenset()) -> RawInput:
    raw = RawInput()
    for name, table, data in entries:
        if table is None:
            raw.ignore(Path(name).stem, name)
            continue
        if not raw.claim(table, name):
            continue
        if table in defer and isinstance(data, bytes):
            raw.deferred[table] = (name, data)
            continue
        _parse_into(raw, table, name, data)
    return raw


def _parse_into(raw: RawInput, table: str, name: str, data) -> None:
    try:
        if isinstance(data, files.Unreadable):
            raise data
        header, rows, spans = parse_csv(data)
    except files.Unreadable as exc:
        raw.fail(table, name, exc.message, exc.row, exc.column)
        return
    raw.add(RawTable(table, name, header, rows, spans))


def parse_deferred(raw: RawInput, table: str) -> list[Problem]:
    """Parse the deferred ``table`` of ``raw`` (see :func:`read_input`) as reading would have:
    into :attr:`RawInput.tables`, or :attr:`RawInput.failed`. Returns the problems this added."""
    name, data = raw.deferred.pop(table)
    before = len(raw.problems)
    _parse_into(raw, table, name, data)
    return raw.problems[before:]
