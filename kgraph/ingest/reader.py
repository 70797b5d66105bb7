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
import os
import stat
from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import _
from ..model import model, normalize_header
from . import files
from .csvfile import parse_csv
from .raw import RawInput, RawTable, table_names
from .workbook import read_workbook

__all__ = ["RawTable", "RawInput", "read_input"]


def read_input(path: str | os.PathLike) -> RawInput:
    """Read every kgraph table found at ``path`` (a folder of CSV files or an .xlsx).

    Raises :class:`~kgraph.errors.InputError` when ``path`` cannot be read or is
    neither; problems inside files (encoding, quotes, missing tables) are collected in
    ``RawInput.problems`` so that they are reported together with the rest.
    """
    path = Path(path)
    try:
        st = files.check_path(path)
    except files.Unreadable as exc:
        hint = _("give a folder of CSV files or an .xlsx workbook") if not path.is_symlink() else None
        raise InputError(f"{path}: {exc.message}", hint=hint) from None
    if stat.S_ISDIR(st.st_mode):
        raw = _read_folder(path)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        raw = read_workbook(path)
    elif path.suffix.lower() == ".csv":
        raise InputError(
            _("{path}: give the folder that holds the CSV files, not one file").format(path=path),
            hint=_("import the folder: {command}").format(command=f"kgraph import {path.parent}"),
        )
    else:
        raise InputError(_("{path}: not a folder of CSV files or an .xlsx workbook").format(path=path))
    for name, table in model().tables.items():
        if table.required and name not in raw.tables and name not in raw.failed:
            label = f"{name}.csv" if stat.S_ISDIR(st.st_mode) else f"{path.name}[{name}]"
            raw.problems.append(Problem(label, 0, "-", _("required table '{name}' is missing").format(name=name)))
    return raw


def _read_folder(folder: Path) -> RawInput:
    names = table_names()
    raw = RawInput()
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        reason = _("permission denied") if exc.errno in (errno.EACCES, errno.EPERM) else (exc.strerror or str(exc))
        raise InputError(_("{path}: cannot list the folder ({reason})").format(path=folder, reason=reason)) from None
    for file in entries:
        if file.suffix.lower() != ".csv" or file.name.startswith("."):
            continue
        table = names.get(normalize_header(file.stem))
        if table is None:
            raw.ignore(file.stem, file.name)
            continue
        if not raw.claim(table, file.name):
            continue
        try:
            header, rows, spans = parse_csv(files.read_bytes(file))
        except files.Unreadable as exc:
            raw.fail(table, file.name, exc.message, exc.row, exc.column)
            continue
        raw.add(RawTable(table, file.name, header, rows, spans))
    return raw
