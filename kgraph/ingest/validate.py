"""Turn raw input tables into a validated :class:`~kgraph.model.Dataset`.

Every rule of the format is checked here and every problem is collected, so a
user sees all of them at once as ``file:row:column: message``:
types, enums, ranges, dates, required columns and values, duplicate ids (across
the whole dataset), duplicate rows, dangling references and references to the
wrong kind, self-ties, and cycles in the department and knowledge hierarchies.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import re
from collections.abc import Callable
from typing import Any

from ..errors import Problem, ValidationError
from ..i18n import _, ngettext
from ..model import Column, Dataset, Table, model, normalize_header
from ..names import kind_word
from .reader import RawInput, RawTable

__all__ = ["validate_input", "EXAMPLE_PREFIXES"]

#: the ids of the template's example rows start with one of these (``kgraph template``)
EXAMPLE_PREFIXES = ("EXAMPLE-", "VOORBEELD-")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
_TRUE = {"yes", "ja", "true", "waar", "1", "y", "j", "x"}
_FALSE = {"no", "nee", "false", "onwaar", "0", "n"}


class _Bad(Exception):
    """A cell that does not parse; the message says why."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()
    return str(value).strip()


def _closest(text: str, spellings: dict[str, str]) -> str | None:
    """The spelling (``{normalised: as written}``) closest to ``text``, if one is close (``difflib``)."""
    close = difflib.get_close_matches(normalize_header(text), list(spellings), n=1, cutoff=0.6)
    return spellings[close[0]] if close else None


def _enum_message(text: str, col: Column, dutch: bool) -> str:
    """``'leidr' is not one of: lid, leider (English: member, lead); did you mean 'leider'?``"""
    own = [col.word(v, dutch) for v in col.values]
    other = [col.word(v, not dutch) for v in col.values]
    message = _("'{value}' is not one of: {allowed}").format(value=text, allowed=", ".join(own))
    if other != own:
        message += " " + (_("(English: {values})") if dutch else _("(Dutch: {values})")).format(values=", ".join(other))
    close = _closest(text, {normalize_header(w): w for ws in col.spellings.values() for w in ws})
    if close:
        message += "; " + _("did you mean '{value}'?").format(value=close)
    return message


def _parser(col: Column, dutch: bool = False) -> Callable[[Any], Any]:
    """A function cell -> value (None when empty) raising _Bad with a reason (in the file's language)."""
    t = col.type
    if t in ("id", "text", "ref"):
        return lambda v: _text(v) or None
    if t == "email":
        def email(v):
            s = _text(v)
            if s and not _EMAIL.match(s):
                raise _Bad(_("'{value}' is not an e-mail address").format(value=s))
            return s or None
        return email
    if t == "date":
        def date(v):
            if isinstance(v, _dt.datetime):
                return v.date().isoformat()
            if isinstance(v, _dt.date):
                return v.isoformat()
            s = _text(v)
            if not s:
                return None
            if not _DATE.match(s):
                raise _Bad(_("'{value}' is not a date; write YYYY-MM-DD").format(value=s))
            try:
                _dt.date.fromisoformat(s)
            except ValueError:
                raise _Bad(_("'{value}' is not a valid date").format(value=s)) from None
            return s
        return date
    if t in ("int", "number"):
        lo, hi = col.min, col.max

        def number(v):
            if isinstance(v, bool):
                raise _Bad(_("'{value}' is not a number").format(value=v))
            if isinstance(v, (int, float)):
                x = v
            else:
                s = _text(v).replace("\u2212", "-").replace(",", ".") if t == "number" else _text(v).replace("\u2212", "-")
                if not s:
                    return None
                try:
                    x = int(s) if t == "int" else float(s)
                except ValueError:
                    raise _Bad((_("'{value}' is not a whole number") if t == "int" else
                                _("'{value}' is not a number")).format(value=_text(v))) from None
            if t == "int":
                if isinstance(x, float):
                    if not x.is_integer():
                        raise _Bad(_("'{value}' is not a whole number").format(value=v))
                    x = int(x)
            elif x != x or x in (float("inf"), float("-inf")):
                raise _Bad(_("'{value}' is not a finite number").format(value=v))
            elif float(x).is_integer():
                x = int(x)
            if (lo is not None and x < lo) or (hi is not None and x > hi):
                rng = (_("{low} to {high}").format(low=f"{lo:g}", high=f"{hi:g}") if hi is not None and lo is not None else
                       _("at least {low}").format(low=f"{lo:g}") if lo is not None else _("at most {high}").format(high=f"{hi:g}"))
                raise _Bad(_("{value} is out of range ({range})").format(value=x, range=rng))
            return x
        return number
    if t == "enum":
        def enum(v):
            s = _text(v)
            if not s:
                return None
            try:
                return col.aliases[normalize_header(s)]
            except KeyError:
                raise _Bad(_enum_message(s, col, dutch)) from None
        return enum
    if t == "bool":
        def boolean(v):
            if isinstance(v, bool):
                return v
            s = _text(v).lower()
            if not s:
                return None
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
            raise _Bad((_("'{value}' is not ja/nee (yes/no)") if dutch else _("'{value}' is not yes/no (ja/nee)")).format(
                value=_text(v)))
        return boolean
    if t == "list":
        return lambda v: [x.strip() for x in _text(v).split(";") if x.strip()] or None
    raise ValueError(f"schema: unknown column type {t!r}")  # pragma: no cover  i18n: exempt (a schema error)


def _snake(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_") or "column"


class _Checker:
    def __init__(self, raw: RawInput):
        self.raw = raw
        self.problems: list[Problem] = list(raw.problems)
        self.ds = Dataset()
        self.where: dict[str, tuple[str, int, str]] = {}  # node id -> (label, row, column) where defined
        # references checked once every node is known: (label, row, column, value, kinds, edge)
        self.refs: list[tuple[str, int, str, str, tuple[str, ...]]] = []
        self.broken: set[str] = set()  # node tables without their id column
        self.shown: dict[str, dict[str, str]] = {}  # file -> column name -> its header as the file writes it
        self.dutch: dict[str, bool] = {}  # file -> written with Dutch headers
        self.warnings: list[Problem] = []

    def bad(self, label: str, row: int, column: str, message: str) -> None:
        """One problem, its column named as the file names it (``naam``, not ``name``)."""
        self.problems.append(Problem(label, row, self.shown.get(label, {}).get(column, column), message))

    def columns(self, raw: RawTable, table: Table) -> tuple[list[tuple[int, Column]], list[tuple[int, str]]]:
        by_header = {h: c for c in table.columns for h in c.headers}
        known, extra, seen = [], [], {}
        dutch_votes = 0
        shown = self.shown.setdefault(raw.label, {})
        for i, header in enumerate(raw.header):
            if not header:
                continue
            col = by_header.get(normalize_header(header))
            name = col.name if col else _snake(header)
            if name in seen:
                self.bad(raw.label, 1, header, _("column given twice (also '{other}')").format(other=seen[name]))
                continue
            seen[name] = header
            if col:
                known.append((i, col))
                shown[col.name] = str(header).strip().lstrip("\ufeff")
                if col.nl and normalize_header(header) != normalize_header(col.name):
                    dutch_votes += 1
                elif col.nl and normalize_header(col.nl) != normalize_header(col.name):
                    dutch_votes -= 1
            else:
                extra.append((i, name))
        dutch = self.dutch[raw.label] = dutch_votes > 0
        present = {c.name for _x, c in known}
        unknown = {normalize_header(raw.header[i]): str(raw.header[i]).strip() for i, _n in extra}
        for col in table.columns:
            if col.name in present:
                continue
            close = _closest(col.nl if dutch and col.nl else col.name, unknown) if unknown else None
            if col.required:
                own, other = (col.nl, col.name) if dutch and col.nl else (col.name, col.nl)
                message = _("required column missing")
                if other and other != own:
                    message += " " + (_("(English: {name})") if dutch else _("(Dutch: {name})")).format(name=other)
                if close:
                    message += "; " + _("is '{header}' meant to be it?").format(header=close)
                self.bad(raw.label, 1, own, message)
                if table.node and col.name == "id":
                    self.broken.add(table.name)
            elif close:
                self.warnings.append(Problem(raw.label, 1, close, _(
                    "unknown column, kept as a property; did you mean '{name}'?").format(
                        name=col.nl if dutch and col.nl else col.name)))
        return known, extra

    def rows(self, raw: RawTable, table: Table):
        """Yield (row number, values by column name) for every non-empty row."""
        known, extra = self.columns(raw, table)
        parsers = [(i, c, _parser(c, self.dutch.get(raw.label, False))) for i, c in known]
        required = [c for _i, c in known if c.required]
        for rownum, cells in raw.rows:
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            values: dict[str, Any] = {}
            failed: set[str] = set()
            for i, col, parse in parsers:
                cell = cells[i] if i < len(cells) else None
                try:
                    v = parse(cell)
                except _Bad as exc:
                    self.bad(raw.label, rownum, col.name, str(exc))
                    failed.add(col.name)
                    continue
                if v is None:
                    v = col.default
                if v is not None:
                    values[col.name] = v
            for col in required:
                if col.name not in values and col.name not in failed:
                    self.bad(raw.label, rownum, col.name, _("value required"))
                    failed.add(col.name)
            for i, name in extra:
                cell = cells[i] if i < len(cells) else None
                s = _text(cell)
                if s:
                    values.setdefault(name, s)
            yield rownum, values, not failed

    def node_table(self, raw: RawTable, table: Table) -> None:
        kind = table.node
        ref_cols = [c for c in table.columns if c.type == "ref"]
        seen_signal: dict[str, int] = {}
        for rownum, values, ok in self.rows(raw, table):
            if kind == "Signal":
                basis = "|".join(str(values.get(k, "")) for k in ("date", "channel", "actor_id", "issue_id", "text"))
                digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
                n = seen_signal[digest] = seen_signal.get(digest, 0) + 1
                node_id = f"S-{digest}" + (f"-{n}" if n > 1 else "")
            else:
                node_id = values.get("id")
                if node_id is None:
                    continue
                if node_id in self.where:
                    flabel, frow, _c = self.where[node_id]
                    self.bad(raw.label, rownum, "id", _("duplicate id '{id}' (first defined at {where})").format(
                        id=node_id, where=f"{flabel}:{frow}"))
                    continue
            self.where[node_id] = (raw.label, rownum, "id")
            props = {k: v for k, v in values.items() if k != "id"}
            for col in ref_cols:
                target = props.pop(col.name, None) if col.edge else props.get(col.name)
                if target is None:
                    continue
                self.refs.append((raw.label, rownum, col.name, target, col.ref))
                if col.edge:
                    if target == node_id:
                        self.bad(raw.label, rownum, col.name, _("'{id}' refers to itself").format(id=node_id))
                        continue
                    self.ds.edges[(col.edge, node_id, target, "")] = {}
            self.ds.nodes[node_id] = (kind, props)

    def relation_table(self, raw: RawTable, table: Table) -> None:
        rel, src, tgt, key = table.relation, table.source, table.target, table.key
        scol, tcol = table.column(src), table.column(tgt)
        first: dict[tuple, int] = {}
        for rownum, values, ok in self.rows(raw, table):
            s, t = values.get(src), values.get(tgt)
            if s is None or t is None:
                continue
            self.refs.append((raw.label, rownum, src, s, scol.ref))
            self.refs.append((raw.label, rownum, tgt, t, tcol.ref))
            if table.no_self_loops and s == t:
                self.bad(raw.label, rownum, tgt, _("a tie from '{id}' to itself").format(id=s))
                continue
            k = "" if key is None else str(values.get(key, ""))
            ident = (rel, s, t, k)
            if ident in first:
                names = self.shown.get(raw.label, {})
                what = f"{names.get(src, src)}={s}, {names.get(tgt, tgt)}={t}" + (f", {names.get(key, key)}={k}" if key else "")
                self.bad(raw.label, rownum, tgt, _("duplicate row ({what}), same as row {row}").format(what=what, row=first[ident]))
                continue
            first[ident] = rownum
            self.ds.edges[ident] = {k2: v for k2, v in values.items() if k2 not in (src, tgt)}

    def references(self) -> None:
        nodes = self.ds.nodes
        m = model()
        # a table that could not be read (its encoding, its quotes, no id column, a required
        # table missing) is reported once, not again for every row that refers to it
        unread, absent = set(), set()
        for kind in m.node_kinds:
            name = m.table_of(kind).name
            if name in self.raw.failed or name in self.broken or (m.tables[name].required and name not in self.raw.tables):
                unread.add(kind)
            elif name not in self.raw.tables:
                absent.add(kind)
        # references into an optional table that is not there at all: one line per column
        missing: dict[tuple[str, str, tuple[str, ...]], list[int]] = {}
        for label, rownum, column, value, kinds in self.refs:
            node = nodes.get(value)
            if node is None and unread.intersection(kinds):
                continue
            want = _(" or ").join(kind_word(k) for k in kinds)
            if node is None:
                if value in self.where:  # defined but rejected
                    continue
                if absent.issuperset(kinds):
                    missing.setdefault((label, column, kinds), []).append(rownum)
                    continue
                self.bad(label, rownum, column, _("unknown {kind} '{id}'").format(kind=want, id=value))
            elif node[0] not in kinds:
                self.bad(label, rownum, column, _("'{id}' is a {kind}, expected a {expected}").format(
                    id=value, kind=kind_word(node[0]), expected=want))
        for (label, column, kinds), rows in missing.items():
            tables = " or ".join(m.table_of(k).name for k in kinds)
            self.bad(label, rows[0], column, ngettext(
                "{n} reference to {tables}, but there is no {tables} table",
                "{n} references to {tables}, but there is no {tables} table", len(rows)).format(
                    n=len(rows), tables=tables))

    def cycles(self, raw: RawTable, table: Table) -> None:
        col = table.column(table.acyclic)
        parent = {s: t for (rel, s, t, _k) in self.ds.edges if rel == col.edge and self.ds.nodes.get(s, ("",))[0] == table.node
                  and self.ds.nodes.get(t, ("",))[0] == table.node}
        state: dict[str, int] = {}
        for start in sorted(parent):
            path, node = [], start
            while node in parent and state.get(node) is None:
                state[node] = 1
                path.append(node)
                node = parent[node]
            if node in path:  # a new cycle
                cycle = path[path.index(node):]
                loop = " → ".join([*cycle, node])
                for member in cycle:
                    flabel, frow, _c = self.where[member]
                    self.bad(flabel, frow, col.name, _("cycle in the {table} hierarchy: {loop}").format(table=table.name, loop=loop))
            for n in path:
                state[n] = 2


def validate_input(raw: RawInput) -> Dataset:
    """Validate raw tables and build the dataset; raise ValidationError listing every problem."""
    chk = _Checker(raw)
    m = model()
    for name, table in m.tables.items():  # node tables first: ids must be known
        if table.node and name in raw.tables:
            chk.node_table(raw.tables[name], table)
    for name, table in m.tables.items():
        if table.relation and name in raw.tables:
            chk.relation_table(raw.tables[name], table)
    chk.references()
    for name, table in m.tables.items():
        if table.acyclic and name in raw.tables:
            chk.cycles(raw.tables[name], table)
    if chk.problems:
        raise ValidationError(sorted(set(chk.problems)))
    chk.ds.warnings = list(raw.warnings) + chk.warnings + _example_rows(chk)
    return chk.ds


def _example_rows(chk: _Checker) -> list[Problem]:
    """One warning per file that still holds the template's example rows (their ids start with
    :data:`EXAMPLE_PREFIXES`): they are valid data, so they would be imported."""
    files: dict[str, int] = {}
    for node_id, (label, row, _col) in chk.where.items():
        if str(node_id).upper().startswith(EXAMPLE_PREFIXES) and (label not in files or row < files[label]):
            files[label] = row
    return [Problem(label, row, "id", _("the template's example row: replace it with your own data, or delete it"))
            for label, row in sorted(files.items())]
