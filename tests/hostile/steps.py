"""The steps a hostile case uses to build its input (see README.md in this folder).

Each step is a function ``step(case, **params)``; ``case.input`` is the input folder
(``org/``) until a ``workbook`` step turns it into ``org.xlsx``. A case lists its steps
in ``[[input.step]]`` tables with ``do = "<name>"`` and the parameters below. Add a
step here when a case needs one; keep each small and say in its docstring what it does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

STEPS = {}


@dataclass
class Case:
    dir: Path  # the case's own folder (the store and any output go here too)
    input: Path  # what the command reads: {input}

    @property
    def folder(self) -> Path:
        return self.input if self.input.suffix != ".xlsx" else self.dir / "org"


def step(fn):
    STEPS[fn.__name__] = fn
    return fn


def _text(case: Case, file: str) -> str:
    return (case.folder / file).read_text(encoding="utf-8")


@step
def edit(case, file, old, new, count=1):
    """Replace ``old`` by ``new`` in a text file (the first ``count`` times); ``old`` must be there."""
    text = _text(case, file)
    assert old in text, f"{old!r} not in {file}"
    (case.folder / file).write_text(text.replace(old, new, count), encoding="utf-8", newline="")


@step
def append(case, file, text):
    """Append ``text`` to a file."""
    with (case.folder / file).open("a", encoding="utf-8", newline="") as fh:
        fh.write(text)


@step
def write(case, file, text, encoding="utf-8"):
    """Write a whole file, in any Python codec (``cp1252``, ``utf-16``, ...)."""
    (case.folder / file).write_bytes(text.encode(encoding))


@step
def reencode(case, file, encoding):
    """Save an existing UTF-8 file again in another encoding."""
    (case.folder / file).write_bytes(_text(case, file).encode(encoding))


@step
def fill(case, file, old, size, char="x"):
    """Replace ``old`` by ``size`` copies of ``char`` (a very long cell)."""
    edit(case, file, old, char * size)


@step
def set_cell(case, file, row, column, value=None, prefix=""):
    """Set one cell of a simple CSV file (no quoted cells) by row number (header = 1) and
    header; ``prefix`` puts text before the value instead (e.g. an opening quote)."""
    path = case.folder / file
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[row - 1].split(",")
    i = header.index(column)
    cells[i] = prefix + (cells[i] if value is None else value)
    lines[row - 1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8", newline="")


@step
def delete(case, file):
    """Remove a file."""
    (case.folder / file).unlink()


@step
def copy(case, file, to):
    """Copy a file under another name (e.g. ``persons.csv`` to ``medewerkers.csv``)."""
    (case.folder / to).write_bytes((case.folder / file).read_bytes())


@step
def rename(case, file, to):
    """Rename a file."""
    (case.folder / file).rename(case.folder / to)


@step
def symlink(case, file, target):
    """Make ``file`` a symbolic link to ``target`` (replacing it); ``target`` may be absolute
    (``/dev/zero``), relative to the input folder, or ``file`` itself (a loop)."""
    path = case.folder / file
    if path.is_symlink() or path.exists():
        path.unlink()
    path.symlink_to(target)


@step
def fifo(case, file):
    """Make ``file`` a named pipe (replacing it); nobody ever writes to it."""
    path = case.folder / file
    if path.exists():
        path.unlink()
    os.mkfifo(path)


@step
def mkdir(case, file):
    """Make ``file`` a folder (replacing it)."""
    path = case.folder / file
    if path.exists():
        path.unlink()
    path.mkdir()


@step
def chmod(case, file, mode):
    """Change a file's permission bits (``mode`` as an octal string, e.g. ``"000"``)."""
    (case.folder / file).chmod(int(mode, 8))


@step
def input_path(case, path):
    """Point {input} somewhere else, relative to the case folder (e.g. a link loop)."""
    case.input = case.dir / path


@step
def link_loop(case, path):
    """Make ``path`` (in the case folder) one of two symbolic links that point at each other."""
    (case.dir / path).symlink_to(case.dir / f"{path}.other")
    (case.dir / f"{path}.other").symlink_to(case.dir / path)


@step
def generate(case, persons, seed=0):
    """Replace the input folder by a synthetic organisation (``kgraph.generate``)."""
    import shutil

    import kgraph

    shutil.rmtree(case.folder)
    kgraph.generate(case.folder, persons=persons, seed=seed)


def _typed(value: str):
    """What a spreadsheet program stores: numbers as numbers, dates as dates."""
    if value.lstrip("-").isdigit() and not value.startswith("0"):
        return int(value)
    if len(value) == 10 and value[4] == "-":
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    return value or None


@step
def workbook(case, name="org.xlsx"):
    """Turn the input folder into one workbook, one sheet per CSV file (same order as the
    folder), typed as a spreadsheet program would; {input} becomes the workbook."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for file in sorted(case.folder.glob("*.csv")):
        ws = wb.create_sheet(file.stem)
        for row in csv.reader(io.StringIO(file.read_text(encoding="utf-8"), newline="")):
            ws.append([_typed(v) for v in row])
    case.input = case.dir / name
    wb.save(case.input)


def _edit_workbook(case, fn):
    import openpyxl

    wb = openpyxl.load_workbook(case.input)
    fn(wb)
    wb.save(case.input)


@step
def merge(case, sheet, cells):
    """Merge a range of cells (``"C3:C5"``) in a sheet of the workbook."""
    _edit_workbook(case, lambda wb: wb[sheet].merge_cells(cells))


@step
def copy_sheet(case, sheet, to):
    """Copy a sheet of the workbook under another name."""
    def fn(wb):
        wb.copy_worksheet(wb[sheet]).title = to
    _edit_workbook(case, fn)


@step
def sheet_cell(case, sheet, cell, value):
    """Set one cell (``"E3"``) of a sheet of the workbook."""
    def fn(wb):
        wb[sheet][cell] = value
    _edit_workbook(case, fn)


@step
def sheet_dimension(case, ref):
    """Make every sheet of the workbook declare a wrong size (``<dimension ref="A1:B2"/>``),
    as some writers do."""
    import re
    import zipfile

    data = {}
    with zipfile.ZipFile(case.input) as src:
        for item in src.infolist():
            data[item] = src.read(item)
    with zipfile.ZipFile(case.input, "w", zipfile.ZIP_DEFLATED) as dst:
        for item, body in data.items():
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref.encode() + b'"', body)
            dst.writestr(item, body)


# -- steps on the store ({store}: kgraph.db in the case's folder; run.store = "tiny" puts the
#    tiny organisation there before the steps run)
def _store(case) -> Path:
    return case.dir / "kgraph.db"


@step
def store_bytes(case, text="", size=None):
    """Write the store file: ``text`` (e.g. ``""``: a 0-byte file), or ``size`` bytes of ``x``."""
    _store(case).write_bytes(b"x" * size if size is not None else text.encode("utf-8"))


@step
def store_leftover(case, name, age=3600):
    """A temporary file beside the store as an import killed outright ``age`` seconds ago
    leaves it (4 KB, held by no process); ``{store}`` in ``name`` is the store's file name:
    ``.{store}.x.new`` (a new store being built), ``..{store}.x.new.y.edges`` (its forked
    helper's rows)."""
    import time

    path = case.dir / name.replace("{store}", _store(case).name)
    path.write_bytes(b"x" * 4096)
    past = time.time() - age
    os.utime(path, (past, past))


@step
def store_sql(case, sql):
    """Run SQL on the store file with Python's sqlite3 (``;``-separated statements), e.g.
    ``PRAGMA user_version=9`` or an UPDATE that breaks a row."""
    import sqlite3

    db = sqlite3.connect(_store(case), isolation_level=None)
    try:
        db.executescript(sql)
    finally:
        db.close()


@step
def store_damage(case, offset=8192, count=4096):
    """Overwrite ``count`` bytes of the store file from ``offset`` (its pages after the first
    two) with a pattern, as a failing disk would."""
    path = _store(case)
    data = bytearray(path.read_bytes())
    assert len(data) >= offset + count, f"the store has only {len(data)} bytes"
    data[offset:offset + count] = bytes((i * 37 + 11) % 256 for i in range(count))
    path.write_bytes(bytes(data))


@step
def store_v1(case):
    """Write a store of schema version 1 (one dataset, no dates: kgraph before history)
    holding the input folder's organisation."""
    import json
    import sqlite3

    from kgraph.ingest import load_dataset

    ds = load_dataset(case.folder)
    path = _store(case)
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(V1_DDL)
    enc = lambda p: json.dumps(p, sort_keys=True, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    db.executemany("INSERT INTO nodes VALUES (?,?,?,?)", [(i, k, p.get("name"), enc(p)) for i, (k, p) in ds.nodes.items()])
    db.executemany("INSERT INTO edges VALUES (?,?,?,?,?)", [(*k, enc(p)) for k, p in ds.edges.items()])
    db.execute("PRAGMA user_version=1")
    db.close()
    os.utime(path, (dt.datetime(2025, 3, 1, 12).timestamp(),) * 2)


#: the tables of a store written before dated versions (schema version 1)
V1_DDL = """
CREATE TABLE nodes (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT, props TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX nodes_kind_name ON nodes(kind, name COLLATE NOCASE);
CREATE TABLE edges (rel TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, key TEXT NOT NULL DEFAULT '',
                    props TEXT NOT NULL, PRIMARY KEY (rel, source, target, key)) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
