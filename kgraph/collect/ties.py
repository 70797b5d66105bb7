"""What both collectors share: the period, the pairs, the ``ties`` table, writing and importing it.

The result of :func:`~kgraph.collect.ties_from_calendar` and
:func:`~kgraph.collect.ties_from_mail` is a DataFrame in the ``ties`` input format
(``source_id, target_id, kind, weight``) plus two extra columns, ``interactions``
(meetings or messages counted for the pair) and ``source`` (``calendar`` or
``mail``), which an import keeps as properties. :func:`write_ties` writes it as a
reviewable ``ties.csv``; :func:`import_ties` puts it straight into a store.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, OptionError, Problem, ValidationError
from ..i18n import _, ngettext
from ..model import Dataset, model, normalize_header

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import ImportReport

__all__ = ["Period", "COLUMNS", "ties_frame", "write_ties", "import_ties", "TiesImport", "SOURCES", "input_files", "read_bytes"]

#: the columns of a derived ties table, in order
COLUMNS = ["source_id", "target_id", "kind", "weight", "interactions", "source"]
#: the sources a derived tie can come from (its ``source`` property)
SOURCES = ("calendar", "mail")
DEFAULT_TIMEZONE = "Europe/Amsterdam"


def _zone(name: str | dt.tzinfo | None) -> dt.tzinfo:
    if isinstance(name, dt.tzinfo):
        return name
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise OptionError(_("unknown time zone '{tz}'").format(tz=name),
                          hint=_("use an IANA name such as Europe/Amsterdam")) from None


def _moment(value: Any, tz: dt.tzinfo, what: str) -> dt.datetime | None:
    """A period bound as an aware datetime: a date means its midnight in ``tz``."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value) if len(value.strip()) == 10 else dt.datetime.fromisoformat(value)
        except ValueError:
            raise OptionError(_("{what}: '{value}' is not a date; write YYYY-MM-DD").format(what=what, value=value)) from None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    raise OptionError(_("{what}: '{value}' is not a date").format(what=what, value=value))


@dataclass(frozen=True)
class Period:
    """The half-open period ``[start, end)`` in a time zone; either end may be open (None).

    A date means midnight at the start of that day in ``tz``; times without a
    time zone (iCalendar's floating times, mail dates without an offset) are
    read in ``tz``; all-day events count on their date.

    >>> p = Period.of("2026-01-01", "2026-02-01")
    >>> p.contains(dt.date(2026, 1, 31)), p.contains(dt.datetime(2026, 2, 1, 0, 30)), p.days
    (True, False, 31)
    """

    start: dt.datetime | None
    end: dt.datetime | None
    tz: dt.tzinfo

    @classmethod
    def of(cls, start: Any, end: Any, *, timezone: str | dt.tzinfo | None = None, required: bool = False) -> Period:
        tz = _zone(timezone)
        lo, hi = _moment(start, tz, "start"), _moment(end, tz, "end")
        if required and (lo is None or hi is None):
            raise OptionError(_("give the period: a start and an end date"),
                              hint=_("e.g. --from 2026-01-01 --to 2027-01-01"))
        if lo is not None and hi is not None and hi <= lo:
            raise OptionError(_("the period ends before it starts ({start} to {end})").format(
                start=lo.date().isoformat(), end=hi.date().isoformat()))
        return cls(lo, hi, tz)

    @property
    def days(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return (self.end.date() - self.start.date()).days

    def aware(self, t: dt.datetime) -> dt.datetime:
        """``t`` with a time zone: a floating time is read in the period's zone."""
        return t if t.tzinfo is not None else t.replace(tzinfo=self.tz)

    def contains(self, t: dt.date | dt.datetime) -> bool:
        """Whether a moment (or an all-day event's date) lies in the period."""
        if isinstance(t, dt.datetime):
            t = self.aware(t)
            return (self.start is None or t >= self.start) and (self.end is None or t < self.end)
        return ((self.start is None or t >= self.start.astimezone(self.tz).date())
                and (self.end is None or t < self.end.astimezone(self.tz).date()))


def input_files(files: Any, suffixes: tuple[str, ...]) -> list[Path]:
    """The files to read: each file given, and the files with one of ``suffixes`` in each folder given
    (recursively, sorted). A missing path is an :class:`~kgraph.errors.InputError`."""
    if isinstance(files, (str, os.PathLike)):
        files = [files]
    out: list[Path] = []
    for f in files:
        p = Path(f)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in suffixes))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(_("{file}: no such file or folder").format(file=p))
    if not out:
        raise InputError(_("no files to read"), hint=_("give files or folders holding {suffixes} files").format(
            suffixes=" / ".join(suffixes)))
    return out


def read_bytes(path: Path) -> bytes:
    """A file's bytes; an unreadable file is an :class:`~kgraph.errors.InputError` that says why."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(_("{file}: cannot read the file ({why})").format(file=path, why=exc.strerror or exc),
                         hint=_("check that the file exists and that you may read it")) from None


def _weight(value: float) -> float | int:
    """A weight as the ``ties`` table reads it back: whole numbers as int, else 4 decimals."""
    w = round(float(value), 4)
    return int(w) if w.is_integer() else w


def ties_frame(rows: Iterable[tuple[str, str, float, int]], *, kind: str, source: str,
               min_interactions: int, attrs: dict[str, Any]) -> pd.DataFrame:
    """The ties table from ``(a, b, weight, interactions)`` per pair (``a < b``).

    Keeps the pairs with at least ``min_interactions``; rows sorted by
    ``(source_id, target_id)``; ``attrs`` gets ``ties`` and ``pairs_below_threshold``.
    """
    import pandas as pd

    kept, below = [], 0
    for a, b, w, n in rows:
        if n < min_interactions:
            below += 1
            continue
        kept.append((a, b, kind, _weight(w), int(n), source))
    kept.sort()
    df = pd.DataFrame(kept, columns=COLUMNS)
    df["interactions"] = df["interactions"].astype("int64")
    df.attrs.update(attrs)
    df.attrs["pairs_below_threshold"] = below
    df.attrs["ties"] = len(df)
    return df


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """A cell as written: a whole number without ``.0``; text that a spreadsheet would run as
    a formula prefixed with ``'`` (OWASP's advice)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def write_ties(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a ties table as ``ties.csv`` in the input format (UTF-8, comma-separated).

    Put the file in the folder with the other tables (or merge its rows into an
    existing ``ties.csv``) and import as usual; the extra columns ``interactions``
    and ``source`` are kept as properties. Cells that a spreadsheet would run as a
    formula are prefixed with ``'``.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> df = pd.DataFrame([("P1", "P2", "collaboration", 1.5, 3, "calendar")], columns=COLUMNS)
    >>> p = write_ties(df, os.path.join(tempfile.mkdtemp(), "ties.csv"))
    >>> print(p.read_text(encoding="utf-8"), end="")
    source_id,target_id,kind,weight,interactions,source
    P1,P2,collaboration,1.5,3,calendar
    """
    path = Path(path)
    cols = [str(c) for c in df.columns]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for row in df.itertuples(index=False, name=None):
            w.writerow([_safe(v) for v in row])
    return path


@dataclass
class TiesImport:
    """What :func:`import_ties` did."""

    source: str
    #: ties of the same source that were in the store before (all replaced)
    replaced: int
    #: derived ties written
    imported: int
    #: derived ties not written: the pair already has a tie of that kind from another source
    conflicts: int
    #: the store's report of the write (added / changed / removed per relation)
    report: ImportReport

    def summary(self) -> str:
        text = ngettext("{n} {source} tie imported", "{n} {source} ties imported", self.imported).format(
            n=self.imported, source=self.source) + ", " + ngettext(
            "{n} imported before replaced", "{n} imported before replaced", self.replaced).format(n=self.replaced)
        if self.conflicts:
            text += "; " + ngettext(
                "{n} not imported: the pair already has a tie of that kind from another source",
                "{n} not imported: the pairs already have a tie of that kind from another source",
                self.conflicts).format(n=self.conflicts)
        return text + "; " + self.report.summary()


def _edge_props(row: dict[str, Any], extra: list[str], source: str) -> dict[str, Any]:
    """The properties ``kgraph import`` would give this row read from ``ties.csv``."""
    props: dict[str, Any] = {"kind": row["kind"], "weight": row["weight"]}
    for c in extra:
        v = row.get(c)
        if v is None or (isinstance(v, float) and v != v):
            continue
        s = str(v).strip()
        if s:
            props[c] = s
    props["source"] = source
    return props


def _checked_rows(df: pd.DataFrame, persons: set[str]) -> list[dict[str, Any]]:
    """The rows of ``df`` as the validator would read them; ValidationError listing every problem."""
    table = model().tables["ties"]
    kind_col, weight_col = table.column("kind"), table.column("weight")
    problems: list[Problem] = []
    missing = [c for c in ("source_id", "target_id") if c not in df.columns]
    if missing:
        raise ValidationError([Problem("ties", 1, c, _("required column missing")) for c in missing])
    rows, seen = [], {}
    for i, rec in enumerate(df.to_dict("records"), start=2):
        s, t = str(rec.get("source_id") or "").strip(), str(rec.get("target_id") or "").strip()
        kind = kind_col.aliases.get(normalize_header(str(rec.get("kind") or kind_col.default)))
        weight = rec.get("weight", weight_col.default)
        ok = True
        for col, pid in (("source_id", s), ("target_id", t)):
            if pid not in persons:
                problems.append(Problem("ties", i, col, _("unknown person '{id}'").format(id=pid)))
                ok = False
        if ok and s == t:
            problems.append(Problem("ties", i, "target_id", _("a tie from '{id}' to itself").format(id=s)))
            ok = False
        if kind is None:
            problems.append(Problem("ties", i, "kind", _("'{v}' is not one of: {allowed}").format(
                v=rec.get("kind"), allowed=", ".join(kind_col.values))))
            ok = False
        try:
            w = float(weight)
            if not w >= 0 or w == float("inf"):
                raise ValueError
        except (TypeError, ValueError):
            problems.append(Problem("ties", i, "weight", _("'{v}' is not a number of at least 0").format(v=weight)))
            ok = False
        if ok and (s, t, kind) in seen:
            problems.append(Problem("ties", i, "target_id", _("duplicate row, same as row {row}").format(row=seen[(s, t, kind)])))
            ok = False
        if ok:
            seen[(s, t, kind)] = i
            rows.append({**rec, "source_id": s, "target_id": t, "kind": kind, "weight": _weight(w)})
    if problems:
        raise ValidationError(problems)
    return rows


def import_ties(kg, df: pd.DataFrame, *, source: str, as_of=None) -> TiesImport:
    """Put derived ties into the store, replacing the ties imported earlier from ``source``.

    The ties become a dated version of the store's source ``source`` (see
    docs/history.md): from ``as_of`` on, ``source`` holds exactly the rows of ``df``
    (each marked ``source=<source>``; further columns are kept as properties, as
    ``kgraph import`` keeps them), so the ties imported earlier from ``source`` are
    replaced while the imported tables, the survey and the other collector keep theirs.
    One all-or-nothing write. A pair that already holds a tie of the same kind from
    another source on that date (a survey, say) keeps that tie; the derived one is
    counted in ``conflicts`` and not written.

    Parameters
    ----------
    kg : KnowledgeGraph
        An open handle (``kgraph.open``), not pseudonymised.
    df : pandas.DataFrame
        A ties table (``source_id, target_id, kind, weight``, extra columns kept),
        as :func:`~kgraph.collect.ties_from_calendar` returns.
    source : {"calendar", "mail"}
        Where the ties come from.
    as_of : str or datetime.date, optional
        The date of the version (default today); the CLI passes the period's end.

    Returns
    -------
    TiesImport
        Counts and the store's :class:`~kgraph.store.ImportReport`.

    Raises
    ------
    ValidationError
        When a row names an unknown person, a bad kind or weight (nothing is written).

    Examples
    --------
    >>> import kgraph, os, tempfile, pandas as pd
    >>> from kgraph.model import Dataset
    >>> kg = kgraph.open(os.path.join(tempfile.mkdtemp(), "kg.db"))
    >>> _ = kg.store.replace(Dataset(nodes={"P1": ("Person", {"name": "Ann"}), "P2": ("Person", {"name": "Bob"})}))
    >>> df = pd.DataFrame([("P1", "P2", "collaboration", 1.5, 3)],
    ...                   columns=["source_id", "target_id", "kind", "weight", "interactions"])
    >>> import_ties(kg, df, source="calendar").summary()
    '1 calendar tie imported, 0 imported before replaced; 1 added, 0 changed, 0 removed'
    >>> kg.store.edges("WORKS_WITH")[0][3]
    {'interactions': '3', 'kind': 'collaboration', 'source': 'calendar', 'weight': 1.5}
    >>> kg.close()
    """
    if source not in SOURCES:
        raise OptionError(_("unknown source '{s}'; one of: {all}").format(s=source, all=", ".join(SOURCES)))
    from ..dates import parse_as_of

    day = parse_as_of(as_of)
    dataset = kg.store.read_dataset(as_of=day)
    own = kg.store.read_dataset(as_of=day, source=source)
    persons = {i for i, (kind, _props) in dataset.nodes.items() if kind == "Person"}
    rows = _checked_rows(df, persons)
    extra = [c for c in df.columns if c not in ("source_id", "target_id", "kind", "weight", "source")]
    replaced = sum(1 for ident in own.edges if ident[0] == "WORKS_WITH")
    others = {ident for ident in dataset.edges if ident not in own.edges}
    edges = {ident: props for ident, props in own.edges.items() if ident[0] != "WORKS_WITH"}
    imported = conflicts = 0
    for row in rows:
        ident = ("WORKS_WITH", row["source_id"], row["target_id"], row["kind"])
        if ident in others:
            conflicts += 1
            continue
        edges[ident] = _edge_props(row, extra, source)
        imported += 1
    report = _write(kg, Dataset(nodes=own.nodes, edges=edges), as_of=day, source=source)
    return TiesImport(source=source, replaced=replaced, imported=imported, conflicts=conflicts, report=report)


def _write(kg, dataset: Dataset, *, as_of, source: str) -> ImportReport:
    """The one write (all-or-nothing): a dated version of ``source`` (``kgraph.import_dataset``)."""
    from ..app.data import import_dataset

    return import_dataset(kg, dataset, as_of=as_of, source=source)  # marks the handle's snapshots stale
