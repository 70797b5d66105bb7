"""Read the input tables from a CSV folder or an Excel workbook, as raw cells.

Nothing is interpreted here except the file encoding and the CSV delimiter;
:mod:`kgraph.ingest.validate` turns raw tables into a dataset.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..model import model, normalize_header

__all__ = ["RawTable", "RawInput", "read_input"]


@dataclass
class RawTable:
    """One table as read: ``label`` names it in messages (``persons.csv``,
    ``org.xlsx[persons]``); ``rows`` holds ``(row_number, cells)``."""

    name: str
    label: str
    header: list[str]
    rows: list[tuple[int, list[Any]]]


@dataclass
class RawInput:
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def _table_names() -> dict[str, str]:
    """Normalised file/sheet name (English or Dutch) -> table name."""
    out = {}
    for name, table in model().tables.items():
        out[normalize_header(name)] = name
        if table.nl:
            out[normalize_header(table.nl)] = name
    return out


def read_input(path: str | Path) -> RawInput:
    """Read every kgraph table found at ``path`` (a folder of CSV files or an .xlsx).

    Raises :class:`~kgraph.errors.InputError` when ``path`` does not exist or is
    neither; problems inside files (encoding, missing tables) are collected in
    ``RawInput.problems`` so that they are reported together with the rest.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder", hint="give a folder of CSV files or an .xlsx workbook")
    if path.is_dir():
        raw = _read_folder(path)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        raw = _read_workbook(path)
    elif path.suffix.lower() == ".csv":
        raise InputError(
            f"{path}: give the folder that holds the CSV files, not one file",
            hint=f"kgraph import {path.parent}",
        )
    else:
        raise InputError(f"{path}: not a folder of CSV files or an .xlsx workbook")
    for name, table in model().tables.items():
        if table.required and name not in raw.tables:
            label = f"{name}.csv" if path.is_dir() else f"{path.name}[{name}]"
            raw.problems.append(Problem(label, 0, "-", f"required table '{name}' is missing"))
    return raw


def _read_folder(folder: Path) -> RawInput:
    names = _table_names()
    raw = RawInput()
    for file in sorted(folder.iterdir()):
        if file.suffix.lower() != ".csv":
            continue
        table = names.get(normalize_header(file.stem))
        if table is None:
            raw.ignored.append(file.name)
            continue
        if table in raw.tables:
            raw.problems.append(Problem(file.name, 0, "-", f"table '{table}' given twice (also {raw.tables[table].label})"))
            continue
        data = file.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raw.problems.append(Problem(
                file.name, 0, "-",
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "save it as 'CSV UTF-8' (in Excel: Save As > CSV UTF-8)",
            ))
            continue
        raw.tables[table] = _parse_csv(table, file.name, text)
    return raw


def _parse_csv(table: str, label: str, text: str) -> RawTable:
    first = text.split("\n", 1)[0]
    # Dutch spreadsheet programs write ';'-separated CSV; headers never contain ';'.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    rows = [(i, cells) for i, cells in enumerate(reader, start=2)]
    return RawTable(table, label, [h.strip() for h in header], rows)


def _read_workbook(path: Path) -> RawInput:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise InputError("reading Excel needs openpyxl", hint="pip install openpyxl") from exc
    from zipfile import BadZipFile

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from exc
    names = _table_names()
    raw = RawInput()
    try:
        for ws in wb.worksheets:
            table = names.get(normalize_header(ws.title))
            if table is None:
                raw.ignored.append(ws.title)
                continue
            label = f"{path.name}[{ws.title}]"
            it = ws.iter_rows(values_only=True)
            header = next(it, None) or ()
            header_cells = ["" if h is None else str(h).strip() for h in header]
            while header_cells and not header_cells[-1]:
                header_cells.pop()
            rows = []
            for i, cells in enumerate(it, start=2):
                rows.append((i, list(cells[: len(header_cells)])))
            raw.tables[table] = RawTable(table, label, header_cells, rows)
    finally:
        wb.close()
    return raw
