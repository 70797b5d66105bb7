"""Parse one CSV file strictly: a file that would lose data when read leniently is refused.

Python's :mod:`csv` in its default, lenient mode reads an unterminated quote as one cell
that runs on to the end of the file (or to the next quote), silently merging rows. Here
the file is read with ``strict=True``; when that fails, the record is walked again to
find where the quote that broke it opened, so the message points at that row and column.
The encoding (UTF-8, a BOM allowed) and NUL bytes are checked the same way: one message,
at the first cell concerned.

>>> header, rows, spans = parse_csv("id;naam\\n1;\\"Jan\\nJansen\\"\\n".encode())
>>> header, rows, spans
(['id', 'naam'], [(2, ['1', 'Jan\\nJansen'])], {2: (2, 3)})
>>> parse_csv(b'id,name\\n1,"Jan\\n2,Piet\\n')
Traceback (most recent call last):
...
kgraph.ingest.files.Unreadable: a quote opens here and is never closed: lines 2–3 would be read as one cell; ...
"""

from __future__ import annotations

import csv
import io
import itertools
import re

from ..i18n import N_, _
from .files import Unreadable
from .raw import column_letter

__all__ = ["parse_csv"]

_NEWLINE = re.compile(r"\r\n|\r|\n")
_FIRST_LINE = re.compile(r"[^\r\n]*")
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # undecodable bytes, kept by errors="surrogateescape"
_SAVE_AS = N_("save it as 'CSV UTF-8' (in Excel: Save As > CSV UTF-8)")

Rows = list[tuple[int, list[str]]]


def parse_csv(data: bytes) -> tuple[list[str], Rows, dict[int, tuple[int, int]]]:
    """``(header, rows, spans)`` of a CSV file, or :class:`Unreadable` saying where and why.

    ``rows`` holds ``(row number, cells)`` with the header as row 1; ``spans`` maps the
    row number of each row that runs over several lines to its first and last line.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable(_("UTF-16 text (in Excel: 'Unicode text'); ") + _(_SAVE_AS))
    try:  # valid UTF-8 (the usual case) holds no lone surrogate: nothing to search for
        text, bad = data.decode("utf-8"), None
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="surrogateescape")
        bad = _BAD_BYTE.search(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise Unreadable(_("the file is empty: it needs a header row (delete the file if the table is not used)"))
    first = _FIRST_LINE.match(text).group()
    # Dutch spreadsheet programs write ';'-separated CSV; headers never contain ';'.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    nul = text.find("\x00")
    if nul >= 0 and data.count(b"\x00") * 4 >= len(data):  # every other byte: UTF-16 without a BOM
        raise Unreadable(_("UTF-16 text (in Excel: 'Unicode text'); ") + _(_SAVE_AS))
    try:
        header, rows, spans = _records(text, delimiter)
    except Unreadable:
        if bad is None and nul < 0:
            raise
        header, rows, spans = None, [], {}
    if bad is not None:
        _refuse(_encoding(data, bad.group()), header, rows, _BAD_BYTE.search, text, bad.start())
    if nul >= 0:
        message = _("a NUL byte (character 0) in this cell, {n} in the file; CSV text has none: remove it, "
                    "or ").format(n=text.count("\x00")) + _(_SAVE_AS)
        _refuse(message, header, rows, lambda s: "\x00" in s, text, nul)
    if not any(h.strip() for h in header):
        raise Unreadable(_("row 1 is empty: the header (the column names) must be in row 1"), 1)
    return [h.strip() for h in header], rows, spans


def _encoding(data: bytes, char: str) -> str:
    byte = ord(char) - 0xDC00
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        guess = ""
    else:
        guess = _("the file looks like Windows-1252 ('ANSI'): ")
    return _("not UTF-8 text (byte 0x{byte:02x}); ").format(byte=byte) + guess + _(_SAVE_AS)


def _refuse(message: str, header, rows, found, text: str, offset: int) -> None:
    """Raise Unreadable at the first cell where ``found(cell)`` holds (or at the line of ``offset``)."""
    if header is not None:
        for rownum, cells in [(1, header), *rows]:
            for i, cell in enumerate(cells):
                if found(cell):
                    raise Unreadable(message, rownum, _column(header, i, rownum))
    # the file did not parse as CSV either: name the line
    raise Unreadable(message + " " + _("(line {n})").format(n=_line_of(text, offset)))


def _column(header: list[str] | None, index: int, rownum: int) -> str:
    """The header of column ``index`` when it has a clean one, else its letter."""
    if rownum > 1 and header and index < len(header):
        name = header[index].strip()
        if name and not _BAD_BYTE.search(name) and "\x00" not in name:
            return name
    return column_letter(index)


def _line_of(text: str, offset: int) -> int:
    return len(_NEWLINE.findall(text, 0, offset)) + 1


def _records(text: str, delimiter: str) -> tuple[list[str], Rows, dict[int, tuple[int, int]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error:
        records = None  # read again record by record, to say where
    if records is not None and reader.line_num == len(records):  # one line per record: no spans
        return (records[0] if records else []), list(zip(itertools.count(2), records[1:])), {}
    return _walk_records(text, delimiter)


def _walk_records(text: str, delimiter: str) -> tuple[list[str], Rows, dict[int, tuple[int, int]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: Rows = []
    spans: dict[int, tuple[int, int]] = {}
    rownum, before = 1, 0  # the row number of the next record, the lines read before it
    try:
        for cells in reader:
            if reader.line_num - before > 1:
                spans[rownum] = (before + 1, reader.line_num)
            if header is None:
                header = cells
            else:
                rows.append((rownum, cells))
            rownum += 1
            before = reader.line_num
    except csv.Error as exc:
        raise _diagnose(text, delimiter, header, rownum, before + 1, exc) from None
    return header or [], rows, spans


def _diagnose(text: str, delimiter: str, header, rownum: int, line: int, exc: csv.Error) -> Unreadable:
    """Why the record of row ``rownum`` (starting on ``line``) does not parse, and where."""
    start = 0
    if line > 1:
        for n, m in enumerate(_NEWLINE.finditer(text), start=2):
            if n == line:
                start = m.end()
                break
    found = _walk(text, start, delimiter)
    if found is None:
        return Unreadable(_("the CSV text cannot be read here ({reason})").format(reason=exc), rownum)
    kind, field, begin, end = found
    column = _column(header, field, rownum)
    opened, closed = _line_of(text, begin), _line_of(text, end)
    last = _line_of(text, len(text.rstrip()))
    if kind == "open" and last > opened:
        message = _("a quote opens here and is never closed: lines {first}–{last} would be read as one cell; "
                    "close the quote, or remove it").format(first=opened, last=last)
    elif kind == "open":
        message = _("a quote opens here and is never closed; close the quote, or remove it")
    elif kind == "after" and closed > opened:
        message = _("a quote opens here and is not closed until line {last}, where text follows it: lines "
                    "{first}–{last} would be read as one cell; close the quote, or remove it").format(
                        first=opened, last=closed)
    elif kind == "after":
        message = _('text follows the closing quote of this cell; put the whole cell in quotes and write '
                    'every quote inside it twice ("")')
    else:
        message = _("this cell is longer than {limit} characters, the most a CSV cell may hold").format(
            limit=csv.field_size_limit())
    return Unreadable(message, rownum, column)


def _walk(text: str, start: int, delimiter: str) -> tuple[str, int, int, int] | None:
    """Walk the record at offset ``start`` as :mod:`csv` does in strict mode.

    Return ``(kind, field index, offset where the field begins, offset where it went
    wrong)`` for the first fault: ``"open"`` (a quote never closed), ``"after"`` (text
    after a closing quote), ``"long"`` (a field over the csv field limit); else None.
    """
    limit = csv.field_size_limit()
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    n, i, field = len(text), start, 0
    while True:
        begin = i
        if i < n and text[i] == '"':
            j = i + 1
            while True:
                k = text.find('"', j)
                if k < 0:
                    return "open", field, begin, n
                if text.startswith('""', k):
                    j = k + 2
                    continue
                break
            i = k + 1
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                return "after", field, begin, k
            if k - begin - 1 > limit:
                return "long", field, begin, k
        else:
            i = unquoted.match(text, i).end()
            if i - begin > limit:
                return "long", field, begin, i
        if i >= n or text[i] in "\r\n":
            return None
        i += 1
        field += 1

