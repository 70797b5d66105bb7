"""The input-format reference (``docs/FORMAT.md``), generated from ``schema/model.toml``.

Regenerate with ``python -m kgraph.formatdoc > docs/FORMAT.md``; a test fails when
the file and the schema disagree.
"""

from __future__ import annotations

from .model import Column, model

_TYPES = {
    "id": "id (text, unique across all tables)",
    "text": "text",
    "email": "e-mail address",
    "date": "date YYYY-MM-DD",
    "bool": "yes/no (ja/nee)",
    "list": "list, `;`-separated",
}

_INTRO = """\
# The kgraph input format

What HR or a communication manager fills in: one CSV file per table in a folder, or one
Excel workbook with one sheet per table (sheet name = table name). Table and column names
may be English or Dutch; headers match without regard to case, spaces or underscores
(`Medewerker ID` = `medewerker_id`). `kgraph template DIR` (or `--dutch`, or
`DIR.xlsx`) writes a copy with one example row per table (a tiny organisation that
validates; `kgraph validate` warns while the example rows are there) and the allowed
values of every column; `kgraph demo --copy-to DIR` copies the demo municipality as a
starting point.

This page is generated from `schema/model.toml` (`python -m kgraph.formatdoc`), the same
file the validator and the stores read. It implements the shared contract
(`FORMAT.md` of the project's specification) and extends it compatibly: Dutch table
names, Dutch aliases for enum values, `;`-separated CSV as written by Dutch Excel,
and the relation each table becomes in the graph.

## Rules for every table
- `id` values are unique across the whole dataset (a team and a person never share an
  id), non-empty, kept as text (`007` stays `007`).
- Every reference (`*_id`) points at an existing row of the right kind.
- Dates are ISO `YYYY-MM-DD`; empty means unknown.
- Lists inside a cell are separated by `;`.
- Text is UTF-8 (a BOM is accepted). Another encoding (Windows-1252 "ANSI", UTF-16
  "Unicode text") is an error at the first cell it affects, and so is a NUL byte.
- CSV may be comma- or semicolon-separated. A cell in quotes (`"..."`) may hold the
  separator and line breaks, with a quote inside written twice (`""`). A quote that is
  never closed, or text after a closing quote, is an error at the row where the quote
  opens: read leniently, it would merge the rows after it into one cell. A cell holds at
  most 131,072 characters.
- Every value needs a header: a value in a column without one (after the last header,
  or under an empty header cell) is an error, because it would be lost.
- In a workbook, merged cells are an error (only the first cell of a merged range holds
  the value; unmerge and fill in every cell).
- Each table is given once: `persons.csv` and `medewerkers.csv` in one folder, or sheets
  `persons` and `medewerkers` in one workbook, is an error.
- A CSV file or sheet whose name is not a table is ignored with a warning that suggests
  a table with a similar name; files whose name starts with `.` are skipped.
- An empty file (no header row) is an error: delete it if the table is not used.
- Extra columns are kept as properties (under their header in snake_case).
- Empty rows are skipped. Rows are numbered as a spreadsheet shows them: the header is
  row 1 (a CSV row with a quoted line break still counts as one row).
- Only `departments`, `teams`, `persons` and `memberships` are required.

## Files kgraph reads
- Only regular files, or symbolic links to them. A named pipe, a device, a socket or a
  folder named like a table, a link loop and a link to nothing are refused before
  anything is read (a pipe would make kgraph wait forever, a link to `/dev/zero` read
  without end).
- No input file over 1 GiB is read; for a workbook the limit applies to its unpacked
  size. Set the environment variable `KGRAPH_MAX_INPUT_BYTES` to change it: a number of
  bytes, or with `K`, `M` or `G` (powers of 1024), e.g. `KGRAPH_MAX_INPUT_BYTES=4G`.

## What validation checks
Types, enum values, ranges, dates, required columns and values, values that need another
(a follow-up's due date needs the follow-up), duplicate ids (across tables), duplicate rows
of a relation, dangling references and references to the wrong kind, self-ties, cycles in
the department and knowledge hierarchies, and the rules between columns given in the notes
(an objective's deadline not before its baseline date, a percentage within 0–100). Every problem is
reported at once as `file:row:column: message`; `kgraph validate` exits with code 3
and `kgraph import` writes nothing. A table that could not be read at all (its encoding,
its quotes, not a regular file, over the size limit) is listed first, and the rows that
refer to it (or to a table without its `id` column) are not checked, so that one cause
gives one message. References into an optional table that is not there at all are
summarised, one line per file and column.
"""


def _type(col: Column) -> str:
    t = col.type
    if t in ("int", "number"):
        kind = "whole number" if t == "int" else "number"
        if col.min is not None and col.max is not None:
            return f"{kind} {col.min:g}–{col.max:g}"
        if col.min is not None:
            return f"{kind} ≥ {col.min:g}"
        return kind
    if t == "enum":
        parts = []
        for v in col.values:
            aliases = sorted(a for a, val in col.aliases.items() if val == v and a != v.replace("_", ""))
            parts.append(f"`{v}`" + (f" ({', '.join(aliases)})" if aliases else ""))
        return "one of " + ", ".join(parts)
    if t == "ref":
        return "reference to " + " or ".join(col.ref)
    if t == "list" and col.ref:
        return "list of references to " + " or ".join(col.ref) + ", `;`-separated"
    return _TYPES[t]


def _notes(col: Column) -> str:
    notes = []
    if col.edge:
        notes.append(f"creates `{col.edge}`" + (" (one per reference)" if col.type == "list" else ""))  # i18n: exempt (FORMAT.md)
    if col.needs:
        notes.append(f"only with `{col.needs}`")  # i18n: exempt (docs/FORMAT.md is English)
    if col.not_before:
        notes.append(f"not before `{col.not_before}`")  # i18n: exempt (docs/FORMAT.md is English)
    if col.percent_if:
        ref, _dot, unit = col.percent_if.rpartition(".")
        whose = f"the `{ref}` row's" if ref else "the row's"
        notes.append(f"0–100 when {whose} `{unit}` is `percent`")  # i18n: exempt (docs/FORMAT.md is English)
    if col.families:
        groups: dict[str, list[str]] = {}
        for v in col.values:
            groups.setdefault(col.families.get(v, v), []).append(f"`{v}`")
        notes.append("families: " + "; ".join(f"{f} ({', '.join(vs)})" for f, vs in groups.items()))  # i18n: exempt (FORMAT.md)
    return "; ".join(notes)


def format_markdown() -> str:
    """The format reference as Markdown."""
    m = model()
    out = [_INTRO]
    out.append("## Tables\n")
    for name, t in m.tables.items():
        becomes = f"node `{t.node}`" if t.node else f"relation `{t.relation}` ({t.source} → {t.target})"
        req = "required" if t.required else "optional"
        out.append(f"### `{name}` (Dutch: `{t.nl}`) — {req}\n")
        derived = (f" No `id` column: each row's id is derived from {', '.join(f'`{c}`' for c in t.derived_id[1])}."
                   if t.derived_id else "")
        out.append(f"{t.description} Each row becomes a {becomes}.{derived}\n")
        out.append("| column | Dutch | type | required | default | notes |")
        out.append("|---|---|---|---|---|---|")
        for c in t.columns:
            notes = _notes(c)
            default = "" if c.default is None else f"`{str(c.default).lower() if isinstance(c.default, bool) else c.default}`"
            out.append(f"| `{c.name}` | {f'`{c.nl}`' if c.nl else ''} | {_type(c)} | {'yes' if c.required else ''} | {default} | {notes} |")
        out.append("")
    out.append("## The graph\n")
    out.append("| node kind | from table | description |")
    out.append("|---|---|---|")
    for kind, spec in m.nodes.items():
        out.append(f"| `{kind}` | `{spec['table']}` | {spec['description']} |")
    out.append("")
    out.append("| relation | from → to | from table | description |")
    out.append("|---|---|---|---|")
    for rel, spec in m.relations.items():
        src = " / ".join(spec["source"]) if isinstance(spec["source"], list) else spec["source"]
        tgt = " / ".join(spec["target"]) if isinstance(spec["target"], list) else spec["target"]
        out.append(f"| `{rel}` | {src} → {tgt} | `{spec['table']}` | {spec['description']} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(format_markdown(), end="")
