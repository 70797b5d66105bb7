"""Read the tables of an Excel workbook (.xlsx), one sheet per table, as raw cells.

The sheets are read with openpyxl in read-only mode (it streams, so large workbooks
fit in memory), told to ignore the size a sheet declares (some writers get it wrong, and
the cells outside it would be dropped). That mode does not expose merged cells, and a merged range reads as a
value in its first cell and empty cells after it: a department merged over three teams
would silently belong to the first team only. So the merged ranges are found in a
second, cheap pass over the sheets' XML (decompressed, scanned for ``<mergeCell>``
without parsing it), and each is reported as an error naming its cells.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputError, Problem
from ..i18n import _
from ..model import normalize_header
from . import files
from .raw import RawInput, RawTable, column_letter, table_names

__all__ = ["read_workbook"]

_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s[^>]{0,900}?\bref="([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?"')
_OVERLAP = 1024  # longer than any <mergeCell .../> element the pattern matches
_OFFICE_DOCUMENT = "/officeDocument"


def read_workbook(path: Path, data: bytes | None = None) -> RawInput:
    """Read every kgraph table in the workbook at ``path`` (see the module docstring), or
    in ``data``, its bytes read already (:func:`kgraph.ingest.reader.read_files`).

    Raises :class:`~kgraph.errors.InputError` when the workbook itself cannot be read
    (not a regular file, over the size limit, not an .xlsx).
    """
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise InputError(_("reading Excel needs openpyxl"), hint="pip install openpyxl") from exc  # i18n: exempt (a command)
    try:
        fh = files.open_binary(path) if data is None else io.BytesIO(data)
    except files.Unreadable as exc:
        raise InputError(f"{path}: {exc.message}") from None
    with fh:
        try:
            with zipfile.ZipFile(fh) as zf:
                files.check_unpacked(sum(info.file_size for info in zf.infolist()))
                merged = _merged_ranges(zf)
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except files.Unreadable as exc:
            raise InputError(f"{path}: {exc.message}") from None
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, ElementTree.ParseError) as exc:
            raise InputError(_("{path}: not a readable .xlsx workbook ({reason})").format(path=path, reason=exc)) from exc
        try:
            return _read_sheets(wb, path.name, merged)
        finally:
            wb.close()


def _read_sheets(wb, filename: str, merged: dict[str, list[tuple[str, int, int]]]) -> RawInput:
    names = table_names()
    raw = RawInput()
    for ws in wb.worksheets:
        label = f"{filename}[{ws.title}]"
        table = names.get(normalize_header(ws.title))
        if table is None:
            raw.ignore(ws.title, label)
            continue
        if not raw.claim(table, label):
            continue
        ws.reset_dimensions()  # read every cell, not only those in the sheet's declared <dimension>
        it = ws.iter_rows(values_only=True)
        first = next(it, None)
        rows = [(i, list(cells)) for i, cells in enumerate(it, start=2)]
        header = ["" if h is None else str(h).strip() for h in first or ()]
        while header and not header[-1]:
            header.pop()
        if not header:
            if first is None and not any(any(c is not None for c in cells) for _x, cells in rows):
                raw.fail(table, label, _("the sheet is empty: it needs a header row (delete the sheet if the table "
                                         "is not used)"))
            else:
                raw.fail(table, label, _("row 1 is empty: the header (the column names) must be in row 1"), 1)
            continue
        for ref, row, col in merged.get(ws.title, ()):
            name = header[col] if row > 1 and col < len(header) and header[col] else column_letter(col)
            raw.problems.append(Problem(label, row, name, _(
                "cells {range} are merged: only {first} holds a value and the other cells read as empty; "
                "unmerge them and fill in every cell").format(range=ref, first=ref.split(":")[0])))
        raw.add(RawTable(table, label, header, rows))
    return raw


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _merged_ranges(zf: zipfile.ZipFile) -> dict[str, list[tuple[str, int, int]]]:
    """Sheet name -> ``[(range, first row, first column index)]`` of its merged cells."""
    out = {}
    for name, part in _sheet_parts(zf).items():
        try:
            info = zf.getinfo(part)
        except KeyError:
            continue
        found = []
        for m in _scan(zf, info):
            c1, r1, c2, r2 = (g.decode("ascii") if g else None for g in m)
            ref = f"{c1.upper()}{r1}" + (f":{c2.upper()}{r2}" if c2 else "")
            if c2 and ref.split(":")[0] != ref.split(":")[1]:
                found.append((ref, int(r1), _column_index(c1)))
        if found:
            out[name] = sorted(found, key=lambda f: (f[1], f[2]))
    return out


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The groups of every ``<mergeCell ref=...>`` in a sheet part, read in chunks."""
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1 << 20)
            buf = tail + chunk
            end = len(buf) if not chunk else max(0, len(buf) - _OVERLAP)
            if b"ergeCell" in buf:
                for m in _MERGE.finditer(buf):
                    if m.start() < end:
                        yield m.groups()
            tail = buf[end:]
            if not chunk:
                return


def _xml(zf: zipfile.ZipFile, part: str) -> ElementTree.Element:
    return ElementTree.fromstring(zf.read(part))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip part that holds it (through the package relationships)."""
    workbook = "xl/workbook.xml"
    try:
        for rel in _xml(zf, "_rels/.rels"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                workbook = rel.get("Target", workbook).lstrip("/")
    except KeyError:
        pass
    base = posixpath.dirname(workbook)
    rels = posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in _xml(zf, rels)}
    out = {}
    for el in _xml(zf, workbook).iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid)
        if target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            out[el.get("name")] = part
    return out
