"""``kgraph template``: the input format to fill in, with one example row per table.

The template is valid example data: every table holds one example row (two for persons
and actors, so that a tie between two of them can be shown), together a tiny organisation
that ``kgraph validate`` accepts. The ids of the example rows start with ``EXAMPLE-``
(``VOORBEELD-`` in the Dutch template); validation warns about every file that still
holds them (:data:`kgraph.ingest.validate.EXAMPLE_PREFIXES`), so they cannot be imported
by mistake without a word. Replace them with your own rows or delete them.

The allowed values of every column (enum values in English and Dutch, ranges, dates)
are listed in ``README.txt`` beside the CSV files, or on the workbook's first sheet
(``README``/``toelichting``, which the reader passes over); the workbook also has
drop-down lists (data validation) for every enum and yes/no column and ranges for the
numbers, so it opens cleanly in Excel. ``dutch=True`` writes Dutch table and column
names, Dutch enum words, and ``;``-separated CSV in UTF-8 with a byte-order mark, as
Dutch Excel reads and writes it.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from ..fileout import atomic_path
from ..i18n import _, use_language
from ..model import Column, Table, model

__all__ = ["template", "example_rows"]

#: example text per (table, column); other text columns stay empty
_TEXT = {
    ("departments", "name"): ["Ruimte", "Gemeente"],
    ("teams", "name"): ["Vergunningen"],
    ("persons", "name"): ["Anna de Vries", "Bram Jansen"],
    ("persons", "function"): ["vergunningverlener", "teamleider"],
    ("persons", "location"): ["Stadhuis", "Stadhuis"],
    ("knowledge", "name"): ["Omgevingswet"],
    ("knowledge", "description"): ["Wet voor de fysieke leefomgeving"],
    ("skills", "source"): ["self-assessment"],
    ("actors", "name"): ["Dorpsraad Voorbeeld", "Stichting Voorbeeld"],
    ("actors", "description"): ["Bewonersvereniging"],
    ("issues", "name"): ["Windpark Voorbeeld"],
    ("issues", "status"): ["open"],
    ("positions", "source"): ["bewonersavond"],
    ("signals", "text"): ["Zorgen over geluid van de turbines"],
    ("target_groups", "name"): ["Omwonenden Voorbeeld"],
    ("objectives", "indicator"): ["Kent de plannen voor het windpark (%)"],
    ("factors", "name"): ["Netcongestie"],
    ("interactions", "summary"): ["Overleg over de geluidsnormen"],
    ("interactions", "follow_up"): ["Verslag sturen"],
}
_CODES = {"Department": "D", "Team": "T", "Person": "P", "KnowledgeItem": "K", "ExternalActor": "A", "Issue": "I",
          "TargetGroup": "G", "Factor": "F", "Objective": "O", "Interaction": "C", "Signal": "S"}


def _twice() -> set[str]:
    """Node kinds that need two example rows: both ends of a relation without self-loops."""
    out = set()
    for t in model().tables.values():
        if t.no_self_loops:
            src, tgt = t.column(t.source), t.column(t.target)
            out |= set(src.ref) & set(tgt.ref)
    return out


def _id(kind: str, k: int, prefix: str) -> str:
    return f"{prefix}{_CODES.get(kind, kind[:1])}{k}"


def _value(table: Table, col: Column, k: int, prefix: str, dutch: bool) -> Any:
    """The example value of one cell of the ``k``-th example row (1-based) of ``table``."""
    if col.type == "id":
        return _id(table.node, k, prefix)
    if col.type == "ref":
        kind = col.ref[0]
        if table.node in col.ref and not col.required:
            return ""  # a hierarchy: the example is at the top
        second = table.no_self_loops and col.name == table.target
        return _id(kind, 2 if second else 1, prefix)
    texts = _TEXT.get((table.name, col.name))
    if texts:
        return texts[min(k, len(texts)) - 1]
    if col.type == "enum":
        return col.word(col.default if col.default is not None else col.values[0], dutch)
    if col.type == "bool":
        return ("ja" if dutch else "yes") if col.default is False else ("nee" if dutch else "no")
    if col.type in ("int", "number"):
        if col.default is not None:
            return col.default
        lo, hi = col.min, col.max
        return int(hi - 1) if hi is not None and (lo is None or hi - 1 >= lo) else int(lo or 1)
    if col.type == "date":
        return "" if col.name in ("leave_date", "until") else "2026-01-15"
    if col.type == "email":
        return f"voorbeeld{k}@example.nl"
    if col.type == "list":
        return "Ow; omgevingsrecht" if table.name == "knowledge" else ""
    return ""


def example_rows(*, dutch: bool = False) -> dict[str, list[list[Any]]]:
    """Table name -> example rows (cells in the order of the schema's columns), a valid tiny organisation.

    >>> rows = example_rows()
    >>> rows["persons"][0][:2], rows["memberships"][0][:3]
    (['EXAMPLE-P1', 'Anna de Vries'], ['EXAMPLE-P1', 'EXAMPLE-T1', 'member'])
    """
    prefix = "VOORBEELD-" if dutch else "EXAMPLE-"
    twice = _twice()
    out = {}
    for name, t in model().tables.items():
        n = 2 if t.node in twice else 1
        out[name] = [[_value(t, c, k, prefix, dutch) for c in t.columns] for k in range(1, n + 1)]
    return out


def _allowed(col: Column, dutch: bool) -> str:
    """What a column takes, in words (the README and the workbook's input messages)."""
    if col.type == "enum":
        own = ", ".join(col.word(v, dutch) for v in col.values)
        other = ", ".join(col.word(v, not dutch) for v in col.values)
        return own + ("" if other == own else f" ({other})")
    if col.type == "bool":
        return "ja, nee (yes, no)" if dutch else "yes, no (ja, nee)"
    if col.type in ("int", "number") and (col.min is not None or col.max is not None):
        kind = _("a whole number") if col.type == "int" else _("a number")
        lo, hi = col.min, col.max
        if lo is not None and hi is not None:
            return _("{kind} from {low} to {high}").format(kind=kind, low=f"{lo:g}", high=f"{hi:g}")
        return _("{kind} of at least {low}").format(kind=kind, low=f"{lo:g}")
    words = {"id": _("a unique id"), "ref": _("the id of a {kinds}"), "date": _("a date, YYYY-MM-DD"),
             "email": _("an e-mail address"), "list": _("values separated by ;"), "int": _("a whole number"),
             "number": _("a number"), "text": _("text")}
    text = words.get(col.type, col.type)
    if col.type == "ref":
        from ..names import kind_word

        text = text.format(kinds=_(" or ").join(kind_word(k) for k in col.ref))
    return text


def _readme(dutch: bool) -> list[list[str]]:
    """The explanation rows: table, column, required, what it takes, default."""
    prefix = "VOORBEELD-" if dutch else "EXAMPLE-"
    rows = [[_("kgraph input template: one sheet (or CSV file) per table; only departments, teams, persons and "
               "memberships are required. The rows whose ids start with {prefix} are an example: replace them with "
               "your own data or delete them (validate warns while they are there). Documentation: docs/FORMAT.md.").format(
                   prefix=prefix)], [],
            [_("table"), _("column"), _("required"), _("allowed values"), _("default")]]
    for name, t in model().tables.items():
        for c in t.columns:
            rows.append([t.nl if dutch and t.nl else name, c.nl if dutch and c.nl else c.name,
                         _("yes") if c.required else "", _allowed(c, dutch),
                         "" if c.default is None else str(c.word(c.default, dutch) if c.type == "enum" else c.default)])
    return rows


def template(out: str | os.PathLike, *, dutch: bool = False, overwrite: bool = False) -> list[str]:
    """Write the input template: one CSV per table (and ``README.txt``) in folder ``out``, or one
    sheet per table (after a ``README`` sheet) when ``out`` ends in ``.xlsx``.

    Headers are the English column names, or the Dutch aliases with ``dutch=True``
    (table names too, ``;``-separated CSV). Every table has its example rows (see the
    module docstring). Existing files are kept unless ``overwrite``. Returns the names
    of the tables written.

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
    examples = example_rows(dutch=dutch)
    sheets = {
        (t.nl if dutch and t.nl else name): ([(c.nl if dutch and c.nl else c.name) for c in t.columns], examples[name], t)
        for name, t in tables.items()
    }
    with use_language("nl" if dutch else "en"):
        readme = _readme(dutch)
    if out.suffix.lower() == ".xlsx":
        if out.exists() and not overwrite:
            raise InputError(_("{path} exists; not overwritten").format(path=out),
                             hint=_("choose another name or pass --overwrite"))
        _workbook(out, sheets, readme, dutch)
        return [f"{out.name}[{n}]" for n in sheets]
    out.mkdir(parents=True, exist_ok=True)
    existing = [f"{n}.csv" for n in sheets if (out / f"{n}.csv").exists()]
    if existing and not overwrite:
        raise InputError(_("{path} already holds {files}; nothing written").format(path=out, files=", ".join(existing)),
                         hint=_("pass --overwrite to replace them"))
    delimiter, encoding = (";", "utf-8-sig") if dutch else (",", "utf-8")
    for name, (cols, rows, _t) in sheets.items():
        with atomic_path(out / f"{name}.csv") as tmp, tmp.open("w", encoding=encoding, newline="") as fh:
            w = csv.writer(fh, delimiter=delimiter)
            w.writerow(cols)
            w.writerows(rows)
    with atomic_path(out / "README.txt") as tmp:
        tmp.write_text("\n".join("\t".join(r) for r in readme) + "\n", encoding="utf-8")
    return [f"{n}.csv" for n in sheets]


def _workbook(out: Path, sheets: dict[str, tuple[list[str], list[list[Any]], Table]], readme, dutch: bool) -> None:
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "toelichting" if dutch else "README"
    for row in readme:
        info.append(row)
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 22
    info.column_dimensions["D"].width = 60
    for name, (cols, rows, table) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(cols)
        for r in rows:
            ws.append(r)
        ws.freeze_panes = "A2"
        for j, col in enumerate(table.columns, start=1):
            letter = get_column_letter(j)
            ws.column_dimensions[letter].width = max(12, len(cols[j - 1]) + 2)
            rng = f"{letter}2:{letter}1000"
            dv = None
            if col.type == "enum":
                dv = DataValidation(type="list", formula1='"' + ",".join(col.word(v, dutch) for v in col.values) + '"')
            elif col.type == "bool":
                dv = DataValidation(type="list", formula1='"ja,nee"' if dutch else '"yes,no"')
            elif col.type == "int" and col.min is not None and col.max is not None:
                dv = DataValidation(type="whole", operator="between", formula1=str(int(col.min)), formula2=str(int(col.max)))
            if dv is None:
                continue
            dv.allow_blank = True
            dv.error = _allowed(col, dutch)
            dv.errorTitle = cols[j - 1]
            dv.prompt = _allowed(col, dutch)
            dv.promptTitle = cols[j - 1]
            dv.showErrorMessage = True
            dv.showInputMessage = True
            ws.add_data_validation(dv)
            dv.add(rng)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as tmp:
        wb.save(tmp)
