"""Turn raw input tables into a validated :class:`~kgraph.model.Dataset`.

Every rule of the format is checked here and every problem is collected, so a
user sees all of them at once as ``file:row:column: message``:
types, enums, ranges, dates, required columns and values, duplicate ids (across
the whole dataset), duplicate rows, dangling references and references to the
wrong kind, self-ties, cycles in the department and knowledge hierarchies, and the
rules between columns the schema names (a date not before another, a percentage
within 0–100 where the row's unit, or its objective's, is ``percent``).
"""

from __future__ import annotations

import re
from itertools import compress, repeat, zip_longest
from operator import eq, itemgetter
from typing import Any

from ..errors import Problem, ValidationError
from ..i18n import _, ngettext
from ..model import Column, Dataset, Table, model, normalize_header
from ..names import kind_word
from .advice import EXAMPLE_PREFIXES, example_rows, management_warnings
from .cells import _blank, _closest, _parser, _pattern, _starts_filled, _text, parse_column, prop_dicts
from .columns import EdgeColumns, clean_columns
from .nodes import DERIVED_IDS, NodeTables, derived_id
from .reader import RawInput, RawTable, parse_deferred

__all__ = ["validate_input", "validate_rows", "derived_id", "DERIVED_IDS", "EXAMPLE_PREFIXES"]

_PERCENT = "percent"

def _an(word: str) -> str:
    """``word`` with its indefinite article (``an actor``, ``a team``; ``een`` in Dutch)."""
    return (_("an {word}") if word[:1].lower() in "aeiou" else _("a {word}")).format(word=word)


def _snake(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_") or "column"


class _Checker(NodeTables):
    def __init__(self, raw: RawInput):
        self.raw = raw
        self.problems: list[Problem] = list(raw.problems)
        self.ds = Dataset()
        self.where: dict[str, tuple[str, int, str]] = {}  # node id -> (label, row, column) where defined
        # references checked once every node is known: (label, column, kinds) -> (rows, values)
        self.refs: dict[tuple[str, str, tuple[str, ...]], tuple[list[int], list[str]]] = {}
        self.broken: set[str] = set()  # node tables without their id column
        self.shown: dict[str, dict[str, str]] = {}  # file -> column name -> its header as the file writes it
        self.dutch: dict[str, bool] = {}  # file -> written with Dutch headers
        self.warnings: list[Problem] = []
        # numbers bounded to 0-100 when the referenced row's unit is percent, checked once
        # every node is known: (label, row, column, value, referenced id, unit column)
        self.percents: list[tuple[str, int, str, float, str, str]] = []
        # the nodes of a stored dataset that rows are added to (None: a whole input is checked)
        self.known: dict[str, tuple[str, dict[str, Any]]] | None = None
        self.rels: list[str] = []  # the relation of each edge (:meth:`of_rel`)
        self.share = False  # edges with equal properties may share one dict (validate_input)

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

    def parsed(self, raw: RawTable, table: Table) -> tuple[list[int], dict[str, list[Any]], dict[int, set[str]]]:
        """Every non-empty row of ``raw`` parsed, column by column: ``(row numbers, {column
        name: values}, {row index: failed columns})``, every problem of a row reported.

        The columns are the known ones in the file's order, then the unknown ones (kept as
        text); a value is None where the cell is empty (after the column's default) or
        does not parse. The checks run column by column in the order a row would run
        them, so each row gets the same problems as when checked alone.
        """
        known, extra = self.columns(raw, table)
        dutch = self.dutch.get(raw.label, False)
        label = raw.label
        rows = raw.rows
        try:  # a row is blank when its cells joined are: kept when not (whole columns at C speed)
            if _starts_filled(rows):  # no row's first cell blank: no row is
                body = rows
            else:
                keep = list(map(str.strip, map("".join, map(_cells, rows))))
                body = rows if all(keep) else list(compress(rows, keep))
        except TypeError:  # a workbook's cells: numbers, dates, None
            body = [(n, cells) for n, cells in rows if not _blank(cells)]
        rownums = list(map(_rownum, body))
        w = len(raw.header)
        grid = list(map(_cells, body))
        if any(map(w.__ne__, map(len, grid))):  # short rows (trailing cells left off): None there
            raw_cols = list(zip_longest(*grid))[:w]
            raw_cols += [(None,) * len(grid)] * (w - len(raw_cols))
        else:
            raw_cols = list(zip(*grid)) if grid else [()] * w
        n = len(body)
        cols: dict[str, list[Any]] = {}
        failed: dict[int, set[str]] = {}

        def fail(i: int, column: str, message: str) -> None:
            self.bad(label, rownums[i], column, message)
            failed.setdefault(i, set()).add(column)

        for i, col in known:
            out, problems = parse_column(raw_cols[i], _parser(col, dutch), col.default, copy_lists=col.type == "list",
                                         text=col.type in ("id", "text", "ref"), pattern=_pattern(col))
            for k, message in problems:
                fail(k, col.name, message)
            cols[col.name] = out
        empty = [None] * n
        for _i, col in known:
            if col.required and None in cols[col.name]:
                for k, v in enumerate(cols[col.name]):
                    if v is None and col.name not in failed.get(k, ()):
                        fail(k, col.name, _("value required"))
        for _i, col in known:
            if col.needs:
                other = cols.get(col.needs, empty)
                for k, (v, o) in enumerate(zip(cols[col.name], other)):
                    if v is not None and o is None and col.needs not in failed.get(k, ()):
                        fail(k, col.name, _("filled in, but {column} is empty: give both or neither").format(
                            column=self.shown.get(label, {}).get(col.needs, col.needs)))
        for i, name in extra:
            cols[name] = [_text(c) or None for c in raw_cols[i]]
        self.row_rules(label, rownums, table, cols, failed)
        return rownums, cols, failed

    def rows(self, raw: RawTable, table: Table, parsed=None):
        """Yield (row number, values by column name, whether the row is free of problems) for
        every non-empty row (of :meth:`parsed`, or its result ``parsed``)."""
        rownums, cols, failed = parsed or self.parsed(raw, table)
        names = list(cols)
        for k, (rownum, *vals) in enumerate(zip(rownums, *cols.values())):
            yield rownum, {c: v for c, v in zip(names, vals) if v is not None}, k not in failed

    def row_rules(self, label: str, rownums: list[int], table: Table, cols: dict[str, list[Any]],
                  failed: dict[int, set[str]]) -> None:
        """The rules between the columns of each row (``not_before``, ``percent_if``)."""
        empty = [None] * len(rownums)
        for col in table.columns:
            if col.name not in cols or not (col.not_before or col.percent_if):
                continue
            other = col.not_before
            ref, _dot, unit = (col.percent_if or "").rpartition(".")
            for k, v in enumerate(cols[col.name]):
                if v is None or col.name in failed.get(k, ()):
                    continue
                w = cols.get(other, empty)[k] if other else None
                if w is not None and str(v) < str(w):
                    self.bad(label, rownums[k], col.name, _("{value} is before {other} {when}").format(
                        value=v, other=self.shown.get(label, {}).get(other, other), when=w))
                    failed.setdefault(k, set()).add(col.name)
                if col.percent_if:
                    if not ref:
                        if cols.get(unit, empty)[k] == _PERCENT and not 0 <= v <= 100:
                            self.bad(label, rownums[k], col.name, _percent_message(v))
                            failed.setdefault(k, set()).add(col.name)
                    elif cols.get(ref, empty)[k] is not None:
                        self.percents.append((label, rownums[k], col.name, v, str(cols[ref][k]), unit))

    def percentages(self) -> None:
        """Numbers whose referenced row (a measurement's objective) measures in percent: 0–100."""
        for label, rownum, column, value, ref, unit in self.percents:
            node = self.ds.nodes.get(ref)
            if node is not None and node[1].get(unit) == _PERCENT and not 0 <= value <= 100:
                self.bad(label, rownum, column, _percent_message(value))

    def relation_table(self, raw: RawTable, table: Table, kept: list[EdgeColumns] | None = None) -> None:
        """Validate a relation table and add its edges to the dataset; given ``kept``, a clean
        table's edges are kept there as its columns instead (:mod:`kgraph.ingest.columns`)."""
        rel, src, tgt, key = table.relation, table.source, table.target, table.key
        scol, tcol = table.column(src), table.column(tgt)
        label = raw.label
        rownums, cols, _failed = self.parsed(raw, table)
        empty = [None] * len(rownums)
        sources, targets = cols.get(src, empty), cols.get(tgt, empty)
        keys = cols.get(key, empty) if key is not None else [""] * len(rownums)
        if key is not None:
            keys = list(map(str, keys)) if None not in keys else ["" if v is None else str(v) for v in keys]
        names = [c for c in cols if c not in (src, tgt)]
        props = [cols[c] for c in names]
        if None in sources or None in targets:
            both = [k for k, (s, t) in enumerate(zip(sources, targets)) if s is not None and t is not None]
            rownums, sources, targets, keys = ([x[k] for k in both] for x in (rownums, sources, targets, keys))
            props = [[p[k] for k in both] for p in props]
        self.ref_many(label, src, scol.ref, rownums, sources)
        self.ref_many(label, tgt, tcol.ref, rownums, targets)
        if kept is not None:
            columns = clean_columns(rel, sources, targets, keys, names, props, table.no_self_loops)
            if columns is not None:
                kept.append(columns)
                return
        idents = list(zip(repeat(rel), sources, targets, keys))
        # the rows' dicts built at once, empty cells dropped; kept when no row repeats
        # another and none is a self-tie, else the rows are taken one by one
        new = dict(zip(idents, prop_dicts(len(idents), names, props, self.share)))
        if len(new) < len(idents) or (table.no_self_loops and any(map(eq, sources, targets))):
            self._relation_rows(label, table, rownums, idents, names, props)
            return
        self.ds.edges.update(new)

    def _relation_rows(self, label: str, table: Table, rownums: list[int], idents: list[tuple], names: list[str],
                       props: list[list[Any]]) -> None:
        """The rows of a relation table one by one, reporting self-ties and duplicate rows."""
        src, tgt, key = table.source, table.target, table.key
        first: dict[tuple, int] = {}
        edges = self.ds.edges
        for rownum, ident, *vals in zip(rownums, idents, *props):
            _rel, s, t, k = ident
            if table.no_self_loops and s == t:
                self.bad(label, rownum, tgt, _("a tie from '{id}' to itself").format(id=s))
                continue
            if ident in first:
                shown = self.shown.get(label, {})
                what = f"{shown.get(src, src)}={s}, {shown.get(tgt, tgt)}={t}" + (f", {shown.get(key, key)}={k}" if key else "")
                self.bad(label, rownum, tgt, _("duplicate row ({what}), same as row {row}").format(what=what, row=first[ident]))
                continue
            first[ident] = rownum
            edges[ident] = {c: v for c, v in zip(names, vals) if v is not None}

    def ref_many(self, label: str, column: str, kinds: tuple[str, ...], rownums: list[int], values: list[str]) -> None:
        """References to check once every node is known (see :meth:`references`)."""
        got = self.refs.setdefault((label, column, kinds), ([], []))
        got[0].extend(rownums)
        got[1].extend(values)

    def references(self) -> None:
        nodes = self.ds.nodes
        known = self.known or {}
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
        if self.known is not None:  # rows added to a stored dataset: every table is there
            unread, absent = set(), set()
        ids = None if self.known else _ids_by_kind(nodes)
        for (label, column, kinds), (rownums, values) in self.refs.items():
            # all ids of the right kinds (one set operation), else each distinct value; the rows after
            if ids is not None and set().union(*(ids.get(k, ()) for k in kinds)).issuperset(values):
                continue
            wrong = set()
            for value in set(values):
                node = nodes.get(value) or known.get(value)
                if node is None or node[0] not in kinds:
                    wrong.add(value)
            if not wrong:
                continue
            want = _(" or ").join(kind_word(k) for k in kinds)
            for rownum, value in zip(rownums, values):
                if value not in wrong:
                    continue
                node = nodes.get(value) or known.get(value)
                if node is None and unread.intersection(kinds):
                    continue
                if node is None:
                    if value in self.where:  # defined but rejected
                        continue
                    if absent.issuperset(kinds):
                        missing.setdefault((label, column, kinds), []).append(rownum)
                        continue
                    self.bad(label, rownum, column, _("unknown {kind} '{id}'").format(kind=want, id=value))
                else:
                    self.bad(label, rownum, column, _("'{id}' is {kind}, expected {expected}").format(
                        id=value, kind=_an(kind_word(node[0])), expected=_an(want)))
        for (label, column, kinds), rows in missing.items():
            tables = " or ".join(m.table_of(k).name for k in kinds)
            self.bad(label, rows[0], column, ngettext(
                "{n} reference to {tables}, but there is no {tables} table",
                "{n} references to {tables}, but there is no {tables} table", len(rows)).format(
                    n=len(rows), tables=tables))

    def of_rel(self, rel: str, items: bool = False) -> list:
        """The keys (or items) of the edges of ``rel``, in order, picked at C speed from every edge's
        relation, listed once (a pass over the keys themselves costs, in a large heap)."""
        if len(self.rels) != len(edges := self.ds.edges):
            self.rels = list(map(_rel, edges))
        return list(compress(edges.items() if items else edges, map(eq, self.rels, repeat(rel))))

    def cycles(self, raw: RawTable, table: Table) -> None:
        col = table.column(table.acyclic)
        parent = {s: t for (_r, s, t, _k) in self.of_rel(col.edge) if self.ds.nodes.get(s, ("",))[0] == table.node
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


_rownum, _cells = itemgetter(0), itemgetter(1)  # of a raw row: (row number, cells)
_rel = itemgetter(0)  # of an edge key: (relation, source, target, key)


def _ids_by_kind(nodes: dict[str, tuple[str, dict[str, Any]]]) -> dict[str, set[str]]:
    """The ids of ``nodes`` by kind."""
    out: dict[str, set[str]] = {}
    for node_id, (kind, _p) in nodes.items():
        out.setdefault(kind, set()).add(node_id)
    return out


def _percent_message(value: float) -> str:
    return _("{value} is not a percentage (0 to 100)").format(value=f"{value:g}")


def validate_input(raw: RawInput, aside=None) -> Dataset:
    """Validate raw tables and build the dataset; raise ValidationError listing every problem.
    ``raw.deferred`` tables are validated by ``aside`` (:class:`kgraph.ingest.aside.Aside`)
    in a forked process where it can; the others (and those, where it cannot) are parsed
    here after the node tables, each where it is validated. With ``aside`` the dataset is
    the import's own: edges with equal properties may share one dict (nobody changes them:
    the store encodes each distinct one once, :func:`kgraph.store.base.encode_many`)."""
    chk = _Checker(raw)
    chk.share = aside is not None
    m = model()
    for name, table in m.tables.items():  # node tables first: ids must be known
        if table.node and name in raw.tables:
            chk.node_table(raw.tables[name], table)
    if aside is not None and not (raw.deferred and aside.start(chk)):
        aside = None
    columnar = aside.columnar() if aside is not None else frozenset()  # (see Aside.kept)
    kept: list[EdgeColumns] = []
    for name, table in m.tables.items():
        if aside is not None and name in aside.tables:
            aside.mark(name, len(chk.warnings))
            continue
        if name in raw.deferred:  # parsed here, after the fork (kgraph.ingest.load_dataset)
            chk.problems.extend(parse_deferred(raw, name))
        if table.relation and name in raw.tables:
            chk.relation_table(raw.tables[name], table, kept if name in columnar else None)
    chk.references()
    chk.percentages()
    for name, table in m.tables.items():
        if table.acyclic and name in raw.tables:
            chk.cycles(raw.tables[name], table)
    if aside is not None:
        aside.kept = kept
        aside.join(chk)  # (which takes the kept columns back into the dataset where the child failed)
    if chk.problems:
        raise ValidationError(sorted(set(chk.problems)))
    chk.ds.warnings = list(raw.warnings) + chk.warnings + management_warnings(chk) + example_rows(chk)
    chk.ds.pending = aside if aside is not None and aside.running else None
    return chk.ds


def validate_rows(table: str, rows: list[dict[str, Any]], *, existing: Dataset, label: str | None = None) -> Dataset:
    """Validate rows to be added to a stored dataset, by the rules of an import.

    ``rows`` are cells by column name (as a user typed them); references are checked
    against ``existing`` (and the rows themselves), and a derived id (signals,
    interactions) skips the ids ``existing`` holds. Returns the new rows alone, as a
    dataset; raises :class:`~kgraph.errors.ValidationError` listing every problem as
    ``label:row:column`` (the label defaults to ``<table>.csv``; the first row is row 2).

    >>> from kgraph.examples import example_dataset
    >>> new = validate_rows("interactions", [{"date": "2026-05-04", "person_id": "P2", "actor_id": "A-PROV",
    ...                                       "kind": "overleg", "mode": "dialogiseren"}], existing=example_dataset())
    >>> [(kind, props["kind"], props["mode"]) for kind, props in new.nodes.values()]
    [('Interaction', 'meeting', 'dialogue')]
    >>> sorted(rel for rel, *_x in new.edges)
    ['HELD_BY', 'HELD_WITH']
    """
    spec = model().tables[table]
    header = list(dict.fromkeys(k for r in rows for k in r))
    raw_table = RawTable(table, label or f"{table}.csv", header,
                         [(i + 2, [r.get(h) for h in header]) for i, r in enumerate(rows)])
    chk = _Checker(RawInput(tables={table: raw_table}))
    chk.known = dict(existing.nodes)
    if spec.node:
        chk.node_table(raw_table, spec)
    else:
        chk.relation_table(raw_table, spec)
    chk.references()
    if chk.problems:
        raise ValidationError(sorted(set(chk.problems)))
    return chk.ds
