"""Raw input: the tables as read (cells, not yet interpreted), the problems found while
reading, the tables that could not be read, and warnings.

Shared by the CSV and the Excel reader, so both apply the same rules: a table given
twice is refused, a value in a column without a header is an error (it would be lost),
a name that is not a table is ignored with a warning.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from ..errors import Problem
from ..i18n import _, ngettext
from ..model import model, normalize_header

__all__ = ["RawTable", "RawInput", "table_names", "column_letter"]


@dataclass
class RawTable:
    """One table as read: ``label`` names it in messages (``persons.csv``,
    ``org.xlsx[persons]``); ``rows`` holds ``(row_number, cells)``; ``spans`` maps the
    row number of a CSV row that runs over several lines of the file to its first and
    last line (only those rows)."""

    name: str
    label: str
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass
class RawInput:
    """Everything read from an input path.

    ``failed`` maps each table that was found but could not be read (its encoding, its
    quotes, not a regular file, too large) to its label: it is not reported missing as
    well, and references into it are not checked. ``warnings`` are problems that do not
    stop an import (a file or sheet that is not a table); they travel on to
    :attr:`kgraph.model.Dataset.warnings`. ``deferred`` maps a table whose file was found
    and read but not parsed yet to ``(label, bytes)``: it is parsed where it is validated
    (:func:`kgraph.ingest.reader.parse_deferred`, :mod:`kgraph.ingest.aside`).
    """

    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    deferred: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def claim(self, table: str, label: str) -> bool:
        """True when ``table`` is not yet given; else report it given twice."""
        first = self.tables[table].label if table in self.tables else self.failed.get(
            table, self.deferred[table][0] if table in self.deferred else None)
        if first is None:
            return True
        self.problems.append(Problem(label, 0, "-", _("table '{table}' given twice (also {first})").format(
            table=table, first=first)))
        return False

    def fail(self, table: str, label: str, message: str, row: int = 0, column: str = "-") -> None:
        """``table`` (at ``label``) could not be read, for the reason given."""
        self.failed[table] = label
        self.problems.append(Problem(label, row, column, message, fatal=True))

    def add(self, table: RawTable) -> None:
        """Keep a table that was read, after checking for values without a header."""
        self.problems.extend(_headerless(table))
        self.tables[table.name] = table

    def ignore(self, name: str, label: str) -> None:
        """``name`` (a file stem or sheet title) is not a table: warn, suggesting one that is (the
        template's explanation sheet, :data:`README_SHEETS`, is passed over in silence)."""
        self.ignored.append(label)
        if normalize_header(name) in README_SHEETS:
            return
        close = difflib.get_close_matches(name.lower(), sorted(_spellings()), n=1, cutoff=0.8)
        message = _("not a kgraph table, ignored")
        if close:
            message += " " + _("(did you mean '{name}'?)").format(name=_spellings()[close[0]])
        self.warnings.append(Problem(label, 0, "-", message))


#: the sheet (or file) in which ``kgraph template`` explains the tables: not a table, no warning
README_SHEETS = frozenset({"readme", "toelichting"})


def table_names() -> dict[str, str]:
    """Normalised file/sheet name (English or Dutch) -> table name."""
    out = {}
    for name, table in model().tables.items():
        out[normalize_header(name)] = name
        if table.nl:
            out[normalize_header(table.nl)] = name
    return out


def _spellings() -> dict[str, str]:
    """Every way to write a table name, lower case -> as written in the schema."""
    out = {}
    for name, table in model().tables.items():
        for n in (name, table.nl):
            if n:
                out[n.lower()] = n
                out[normalize_header(n)] = n
    return out


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index.

    >>> column_letter(0), column_letter(7), column_letter(26), column_letter(701)
    ('A', 'H', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _headerless(table: RawTable) -> list[Problem]:
    """One problem per column that has values but no header (they would be lost)."""
    width = len(table.header)
    blank = [i for i, h in enumerate(table.header) if not h]
    if not blank and max(map(len, map(itemgetter(1), table.rows)), default=0) <= width:
        return []  # every cell has a header
    found: dict[int, list[int]] = {}
    for rownum, cells in table.rows:
        if len(cells) > width:
            for i in range(width, len(cells)):
                if _filled(cells[i]):
                    found.setdefault(i, []).append(rownum)
        for i in blank:
            if i < len(cells) and _filled(cells[i]):
                found.setdefault(i, []).append(rownum)
    out = []
    for i, rows in sorted(found.items()):
        n, col = len(rows), column_letter(i)
        shown = ", ".join(map(str, rows[:5])) + (", …" if n > 5 else "")
        message = ngettext(
            "a value in column {col}, which has no header: it would be lost; "
            "give the column a header or remove the value",
            "{n} values in column {col}, which has no header (rows {rows}): they would be lost; "
            "give the column a header or remove the values", n).format(n=n, col=col, rows=shown)
        if rows[0] in table.spans:
            first, last = table.spans[rows[0]]
            message += " " + _("(row {row} runs over lines {first}–{last} of the file: is a quote not closed?)").format(
                row=rows[0], first=first, last=last)
        out.append(Problem(table.label, rows[0], col, message))
    return out

