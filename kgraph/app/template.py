"""``kgraph template``: an empty copy of the input format to fill in."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from ..fileout import atomic_path
from ..model import model

__all__ = ["template"]


def template(out: str | os.PathLike, *, dutch: bool = False, overwrite: bool = False) -> list[str]:
    """Write an empty input template: one CSV per table in folder ``out``, or one
    sheet per table when ``out`` ends in ``.xlsx``.

    Headers are the English column names, or the Dutch aliases with ``dutch=True``
    (table names too). Existing files are kept unless ``overwrite``.
    Returns the names written.

    Examples
    --------
    >>> import tempfile
    >>> names = template(tempfile.mkdtemp())
    >>> names[:3]
    ['departments.csv', 'teams.csv', 'persons.csv']
    """
    from ..errors import InputError

    out = Path(out)
    tables = model().tables
    headers = {
        (t.nl if dutch and t.nl else name): [(c.nl if dutch and c.nl else c.name) for c in t.columns]
        for name, t in tables.items()
    }
    if out.suffix.lower() == ".xlsx":
        if out.exists() and not overwrite:
            raise InputError(f"{out} exists; not overwritten", hint="choose another name or pass --overwrite")
        import openpyxl

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for name, cols in headers.items():
            wb.create_sheet(name).append(cols)
        with atomic_path(out) as tmp:
            wb.save(tmp)
        return [f"{out.name}[{n}]" for n in headers]
    out.mkdir(parents=True, exist_ok=True)
    existing = [f"{n}.csv" for n in headers if (out / f"{n}.csv").exists()]
    if existing and not overwrite:
        raise InputError(f"{out} already holds {', '.join(existing)}; nothing written", hint="pass --overwrite to replace them")
    for name, cols in headers.items():
        with atomic_path(out / f"{name}.csv") as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerow(cols)
    return [f"{n}.csv" for n in headers]
