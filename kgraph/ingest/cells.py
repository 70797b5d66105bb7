"""One cell of an input table, parsed by its column's type (``schema/model.toml``).

:func:`_parser` gives, per column, a function from a cell (as CSV or Excel holds it) to
its value, or raises :class:`_Bad` with the reason in the file's language: an enum lists
the values as the file writes them (Dutch or English) and suggests the closest one.
:mod:`kgraph.ingest.validate` applies them to every row.

>>> from kgraph.model import model
>>> _parser(model().tables["memberships"].column("role"), dutch=True)("Leider")
'lead'
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from typing import Any

from ..i18n import _
from ..model import Column, normalize_header

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
_TRUE = {"yes", "ja", "true", "waar", "1", "y", "j", "x"}
_FALSE = {"no", "nee", "false", "onwaar", "0", "n"}

class _Bad(Exception):
    """A cell that does not parse; the message says why."""


def parse_column(cells: list[Any], parse: Callable[[Any], Any], default: Any = None, *, copy_lists: bool = False,
                 text: bool = False, pattern: re.Pattern | None = None) -> tuple[list[Any], list[tuple[int, str]]]:
    """``(values, problems)`` of one column: each cell parsed (an empty one gives ``default``),
    and ``(index, reason)`` of each cell that does not parse (its value None).

    A column of text cells (every CSV file) is parsed once per distinct value: a large
    table repeats its dates, levels, kinds and ids. ``copy_lists`` gives each row its own
    list (a ``list`` column), so no two rows share one; ``text`` says that ``parse`` strips
    text and never fails (an id, text or reference column); ``pattern`` that it strips text and
    accepts it as it is where the pattern matches (an e-mail column: each of 50,000 persons
    has their own, so a cache per distinct value does not help), the others are parsed one
    by one then.

    >>> parse_column(["1", "x", "", "1"], _parser(Column("n", "int")), 0)
    ([1, None, 0, 1], [(1, "'x' is not a whole number")])
    """
    def one(v):
        try:
            r = parse(v)
        except _Bad as exc:
            return _Failed(str(exc))
        return default if r is None else r

    if text or pattern is not None:  # an id, text, reference or e-mail column: the cell without its surrounding spaces
        try:
            out = list(map(str.strip, cells))
        except TypeError:  # None, or a workbook's number or date
            pass
        else:
            if text or all(map(pattern.match, filter(None, out))):  # (else: one by one, for the reasons)
                return ([v or default for v in out] if "" in out else out), []
    if set(map(type, cells)) <= _TEXTUAL:  # 1 == 1.0 == True as keys: only text and None share a cache
        done = {v: one(v) for v in set(cells)}
        out = list(map(done.__getitem__, cells))
        failing = any(type(r) is _Failed for r in done.values())
    else:
        out = [one(v) for v in cells]
        failing = any(type(r) is _Failed for r in out)
    problems = []
    if failing:
        for i, r in enumerate(out):
            if type(r) is _Failed:
                problems.append((i, r.reason))
                out[i] = None
    if copy_lists:
        out = [list(r) if type(r) is list else r for r in out]
    return out, problems


#: the dicts of a relation's rows are copied (:func:`prop_dicts`) when there can be at most
#: one distinct combination of values per this many rows
_FEW = 16
_NONE = {type(None)}
#: the types whose equal values are the same value (not float: 0.0 == -0.0)
_SAME = {str, int, bool, type(None)}


def prop_dicts(n: int, names: list[str], props: list[list[Any]], share: bool = False) -> list[dict[str, Any]]:
    """A dict for each of the ``n`` rows of the columns ``props`` (named ``names``), without
    the empty (None) cells: each row its own dict, in the columns' order (``share``: rows
    with equal cells may get one dict, which nobody may change then).

    A relation table repeats a few property combinations (a kind and a weight): when each
    column holds values of one type (equal values are then the same value; 1 == 1.0 == True
    holds only across types, 0.0 == -0.0 for floats, so floats are left out), the dict of
    each distinct row is built once and copied for every row that has it (at C speed);
    otherwise (or when the rows could have more than one distinct combination in
    :data:`_FEW`: looking a row up costs about as much as building it) each row's dict is
    built from the row, but with ``share`` the rows with equal cells still get one dict
    (:func:`_shared`: no slower, and the store then encodes each map once).

    >>> prop_dicts(3, ["kind", "weight"], [["advice", "advice", None], [2, 2, 3]])
    [{'kind': 'advice', 'weight': 2}, {'kind': 'advice', 'weight': 2}, {'weight': 3}]
    >>> rows = prop_dicts(32, ["kind"], [["advice"] * 31 + [None]], share=True)
    >>> rows[0] is rows[30], rows[0] == rows[30], rows[31]
    (True, True, {})
    """
    if not names:
        return [{} for _x in range(n)]
    few = _few(props, n // _FEW)
    if (few or share) and all(map(_one_type, props)):
        rows = list(zip(*props))
        if not few:  # many combinations, but repeated (skills: 29,000 among 275,000 rows): one dict each
            return _shared(names, rows)
        made = {r: {k: v for k, v in zip(names, r) if v is not None} for r in set(rows)}
        return list(map(made.__getitem__, rows)) if share else list(map(dict.copy, map(made.__getitem__, rows)))
    dicts = list(map(dict, map(zip, repeat(names), zip(*props))))
    for name, values in zip(names, props):
        if None in values:
            for k, v in enumerate(values):
                if v is None:
                    del dicts[k][name]
    return dicts


def _shared(names: list[str], rows: list[tuple]) -> list[dict[str, Any]]:
    """One dict per distinct row of ``rows`` (cells named ``names``), shared by the rows that
    have it: as quick as a dict per row, and :func:`kgraph.store.base.encode_many` then
    encodes each once."""
    made: dict[tuple, dict[str, Any]] = {}
    get = made.get
    out = []
    add = out.append
    for r in rows:
        d = get(r)
        if d is None:
            d = made[r] = {k: v for k, v in zip(names, r) if v is not None}
        add(d)
    return out


def _few(props: list[list[Any]], limit: int) -> bool:
    """Whether the columns ``props`` can make at most ``limit`` distinct rows (the product of
    their numbers of distinct values; False for an unhashable value, e.g. a list)."""
    most = 1
    try:
        for col in props:
            most *= len(set(col))
            if most > limit:
                return False
    except TypeError:
        return False
    return True


def _one_type(values: list[Any]) -> bool:
    """Whether ``values`` (None aside) are all of one of the types :data:`_SAME`."""
    types = set(map(type, values))
    return types <= _SAME and len(types - _NONE) <= 1


def _starts_filled(rows) -> bool:
    """Whether the first cell of every row holds more than spaces (TypeError: not text)."""
    try:
        return all(map(str.strip, map(_first, map(_second, rows))))
    except IndexError:  # a row without cells
        return False


def _blank(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


_first, _second = itemgetter(0), itemgetter(1)


class _Failed:
    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


_TEXTUAL = {str, type(None)}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()
    return str(value).strip()


def _pattern(col: Column) -> re.Pattern | None:
    """The pattern a text cell of ``col`` matches where :func:`_parser` takes it as it is
    (stripped): :func:`parse_column`'s ``pattern``; None where there is none."""
    return _EMAIL if col.type == "email" else None


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
