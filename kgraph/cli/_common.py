"""What every command shares: the store option, ``--format``, output, progress, summary.

Data goes to stdout; messages, progress and the closing summary go to stderr. Every
text a user reads is English marked for translation (``_``, ``ngettext``, ``N_`` for
help texts, translated when shown: :mod:`kgraph.cli._i18n`).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

import click

from .. import app
from .._gc import keep
from ..i18n import N_, _, format_count, set_language
from ..jsonrows import jsonable as _jsonable  # noqa: F401  (shared with the web's JSON API)
from ..jsonrows import records
from ..textsafe import CSV_TRIGGERS, csv_safe, terminal_safe
from . import _table
from ._i18n import command, group, lang_option  # noqa: F401 - re-exported for the command modules

FORMATS = ("table", "csv", "json")


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option's value, checked as it is read (``kgraph.dates.parse_as_of``: exit 2 when it is no date)."""
    if value is not None:
        from ..dates import parse_as_of

        parse_as_of(value)
    return value


check_date = _check_date


def check_horizon(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A period option's value (``12m``, ``2y``), checked as it is read (``kgraph.dates.parse_horizon``: exit 2)."""
    if value is not None:
        from ..dates import parse_horizon

        parse_horizon(value)
    return value


def as_of_option(f):
    """``--as-of DATE``: the one date a command looks at (default today)."""
    return click.option(
        "--as-of", "as_of", metavar="YYYY-MM-DD", default=None, callback=_check_date,
        help=N_("The date to look at: the organisation as it was (or will be) then. Default: today."),
    )(f)


def top_option(f=None, *, help: str | None = None):  # noqa: A002 - click's name
    """``--top N`` (alias ``--limit``): at most N rows."""
    if f is None:
        return lambda g: top_option(g, help=help)
    return click.option("--top", "--limit", "top", type=click.IntRange(min=1), default=None, metavar="N",
                        help=help or N_("Show at most N rows."))(f)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Keep a privacy option in ``ctx.meta`` for :func:`open_graph` (no command signature changes)."""
    if value is not None and value is not False:
        ctx.meta[f"kgraph.{param.name}"] = value
    return value


def privacy_options(f):
    """``--pseudonymize`` and ``--min-group-size N``, passed on by :func:`open_graph`."""
    f = click.option(
        "--min-group-size", "min_group_size", type=click.IntRange(min=1), default=None, metavar="N",
        expose_value=False, callback=_remember,
        help=N_("Smallest team or department an aggregate may describe; smaller ones are merged "
                "(default: the store's setting, else 5)."),
    )(f)
    return click.option(
        "--pseudonymize", "pseudonymize", is_flag=True, expose_value=False, callback=_remember,
        help=N_("Replace every person's name, e-mail and id by a keyed pseudonym (key from env KGRAPH_PSEUDONYM_KEY)."),
    )(f)


def store_option(f=None, *, privacy: bool = True):
    """``--store PATH|URL`` (env ``KGRAPH_STORE``, default ``./kgraph.db``), and unless
    ``privacy=False`` also ``--pseudonymize`` and ``--min-group-size`` (:func:`privacy_options`)."""
    if f is None:
        return lambda g: store_option(g, privacy=privacy)
    if privacy:
        f = privacy_options(f)
    f = click.option(
        "--database", envvar="KGRAPH_NEO4J_DATABASE", default=None, metavar="NAME",
        help=N_("Neo4j database name (env KGRAPH_NEO4J_DATABASE; default: the server's default)."),
    )(f)
    return click.option(
        "--store", "store", envvar="KGRAPH_STORE", default=None, metavar="PATH|URL", show_envvar=True,
        help=N_("Store file (embedded, default ./kgraph.db) or bolt:// / neo4j:// URL."),
    )(f)


def format_option(f):
    """``--format table|csv|json`` for commands that return rows, ``--raw`` for CSV and
    ``--explain`` for the table's measure columns."""
    f = click.option(
        "--explain", "explain", is_flag=True, expose_value=False, callback=_remember,
        help=N_("Table: explain every measure column in full below the table."),
    )(f)
    f = click.option(
        "--raw", "raw", is_flag=True, expose_value=False, callback=_remember,
        help=N_("CSV: write every cell exactly as stored. By default a cell a spreadsheet would run as a "
                "formula (starting with = + - @, tab or CR) gets a ' in front."),
    )(f)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help=N_("Output format: a table to read (in your language), CSV, or JSON (a list of objects)."),
    )(f)


def _meta(key: str) -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(f"kgraph.{key}"))


def _raw() -> bool:
    return _meta("raw")


def open_graph(store: str | None, database: str | None = None, *, create: bool = False):
    """Open the handle for a command; a missing embedded store is an error unless ``create``.

    ``--pseudonymize`` and ``--min-group-size`` (see :func:`privacy_options`) come from the context.
    The store's language (setting ``lang``) becomes the command's unless ``--lang`` or
    ``KGRAPH_LANG`` chose one.
    """
    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx is not None else {}
    kg = app.open(store, create=create, database=database, pseudonymize=bool(meta.get("kgraph.pseudonymize")),
                  min_group_size=meta.get("kgraph.min_group_size"))
    if not meta.get("kgraph.lang"):
        try:
            lang = kg.store.get_setting("lang")
        except Exception:  # noqa: BLE001 - a store that cannot tell keeps the locale's language
            lang = None
        if lang:
            set_language(lang)
    notices(kg)
    keep(kg)  # a one-shot command: what the handle computed is not freed one object at a time (kgraph._gc)
    return kg


def notices(kg) -> None:
    """Say once on stderr what opening the store did (e.g. migrating an older store)."""
    from ..store.policy import unwrap

    for text in getattr(unwrap(kg.store, keep_pseudonyms=False), "notices", ()):
        click.echo(terminal_safe(_("Note: {note}").format(note=text)), err=True)


def summary(text: str) -> None:
    """The one-line summary every command ends with (stderr); control characters shown, not obeyed."""
    click.echo(terminal_safe(text), err=True)


def warn(problems) -> None:
    """Print what reading the input noticed without refusing it (stderr), one line each."""
    for p in problems:
        click.echo(terminal_safe(_("{where}: warning: {message}").format(
            where=f"{p.file}:{p.row}:{p.column}", message=p.message)), err=True)


def plural(n: int, word: str, many: str | None = None) -> str:
    """English only, kept for code written before the translations: use ``counted(ngettext(...), n)``
    (``tests/i18n_lint.py`` flags every call)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"  # i18n: exempt (the old helper itself)


def counted(text: str, n: int) -> str:
    """``text`` (an ``ngettext`` result with ``{n}``) with ``n`` written as the language writes numbers."""
    return text.format(n=format_count(n))


def render(data: Any, fmt: str, *, file=None, table_columns: list[str] | None = None,
           optional: tuple[str, ...] = (), table_view: Callable[[list[dict[str, Any]]], None] | None = None) -> int:
    """Write rows to stdout in ``fmt``; return the number of rows.

    ``table_columns`` picks the columns a terminal table shows (the widest
    reports have more than fit on a screen), ``optional`` those it leaves out first
    when the terminal is narrow, and ``table_view`` may shorten the rows it shows (e.g.
    the first pairs a broker connects); CSV and JSON always carry all, with their
    English keys and machine values. The table fits the terminal, wraps its long
    columns, speaks the user's language and explains its measure columns below
    (:mod:`kgraph.cli._table`); its cells show control characters and bidi controls
    instead of obeying them (:func:`kgraph.textsafe.terminal_safe`). CSV cells that a
    spreadsheet would run as a formula get a ``'`` in front
    (:func:`kgraph.textsafe.csv_safe`) unless ``--raw``.
    """
    out = file or sys.stdout
    cols, rows = records(data)
    if fmt == "table" and table_columns:
        cols = [c for c in table_columns if c in cols]
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        import csv

        raw = _raw()
        w = csv.writer(out, lineterminator="\n")
        w.writerow([c if raw else csv_safe(c) for c in cols])
        w.writerows(zip(*(_csv_cells([r.get(c) for r in rows], raw) for c in cols)) if cols else [[] for _r in rows])
    else:
        if table_view is not None:
            rows = [dict(r) for r in rows]
            table_view(rows)
        text, shown = _table.table(cols, rows, optional=optional)
        out.write(text)
        if rows:
            out.write(_table.legend(shown, full=_meta("explain")))
    return len(rows)


def _csv_cells(values: list[Any], raw: bool) -> list[Any]:
    """One CSV column's cells: a list joined with "; ", None empty, and (unless ``raw``)
    each text made safe from formula injection (:func:`kgraph.textsafe.csv_safe`)."""
    cells = ["; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v) for v in values]
    if raw:
        return cells
    slow = _CSV_SLOW  # a text starting otherwise (or empty) is returned by csv_safe as it is
    return [csv_safe(v) if isinstance(v, str) and v and v[0] in slow else v for v in cells]


#: the first characters of a text that :func:`kgraph.textsafe.csv_safe` may change: a formula's, or spaces before one
_CSV_SLOW = CSV_TRIGGERS | {" "}


def progress_bar(label: str) -> Callable[[int, int, str], None] | None:
    """A progress callback drawing on stderr when it is a terminal; None when piped."""
    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, total: int, what: str = "") -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        pct = 100 * done / total if total else 100
        sys.stderr.write(f"\r{label}: {what} {done:,}/{total:,} ({pct:.0f}%)\x1b[K")
        if done >= total:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    return show


def join_ids(ids: Iterable[str]) -> str:
    return ", ".join(ids)
