"""Dates and periods as kgraph reads them: the reference date, horizons, stored dates.

Every command looks at the organisation on one date (``--as-of``, default today);
these helpers turn what a user types into that date and into month horizons, and
read the ISO dates the input format stores.
"""

from __future__ import annotations

import datetime as _dt
import re

from .errors import OptionError
from .i18n import _

__all__ = ["parse_as_of", "parse_horizon", "add_months", "to_date", "months_between"]


def parse_as_of(as_of: str | _dt.date | None) -> _dt.date:
    """The reference date: a date, an ISO ``YYYY-MM-DD`` string, or None for today.

    >>> parse_as_of("2026-12-01")
    datetime.date(2026, 12, 1)
    >>> parse_as_of("2026-02-30")
    Traceback (most recent call last):
    kgraph.errors.OptionError: '2026-02-30' is not a date; write YYYY-MM-DD
    """
    if as_of is None:
        return _dt.date.today()
    if isinstance(as_of, _dt.datetime):
        return as_of.date()
    if isinstance(as_of, _dt.date):
        return as_of
    text = str(as_of).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return _dt.date.fromisoformat(text)
    except ValueError:
        hint = None
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
        if m:  # day-month-year, as Dutch writes it
            try:
                hint = _("did you mean {date}?").format(date=_dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat())
            except ValueError:
                hint = None
        raise OptionError(_("'{value}' is not a date; write YYYY-MM-DD").format(value=as_of), hint=hint) from None


def parse_horizon(text: str | int) -> int:
    """A horizon in whole months: ``12``, ``"12m"``, ``"2y"``.

    >>> parse_horizon("18m"), parse_horizon("2y"), parse_horizon(6)
    (18, 24, 6)
    >>> parse_horizon("12x")
    Traceback (most recent call last):
    kgraph.errors.OptionError: '12x' is not a horizon; write e.g. 12m or 2y
    """
    s = str(text).strip().lower()
    try:
        if s.endswith("y"):
            months = int(s[:-1]) * 12
        else:
            months = int(s[:-1] if s.endswith("m") else s)
    except ValueError:
        raise OptionError(_("'{value}' is not a horizon; write e.g. 12m or 2y").format(value=text)) from None
    if months < 0:
        raise OptionError(_("'{value}' is not a horizon; write e.g. 12m or 2y").format(value=text))
    return months


def add_months(day: _dt.date, months: int) -> _dt.date:
    """``day`` plus ``months`` calendar months (clamped to the month's end).

    >>> add_months(_dt.date(2026, 1, 31), 1), add_months(_dt.date(2026, 3, 15), -24)
    (datetime.date(2026, 2, 28), datetime.date(2024, 3, 15))
    """
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if day.day <= 28:  # every month has that day (no ``calendar``: most commands never need it)
        return _dt.date(year, month, day.day)
    import calendar

    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: _dt.date, later: _dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (by month, not by day).

    >>> months_between(_dt.date(2024, 1, 31), _dt.date(2026, 12, 1))
    35
    """
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def to_date(value) -> _dt.date | None:
    """A stored date (ISO text) as a date; None when empty or unreadable.

    >>> to_date("2026-06-01"), to_date(""), to_date(None)
    (datetime.date(2026, 6, 1), None, None)
    """
    if value.__class__ is str:  # a stored date: each text is read once (a snapshot repeats a few thousand)
        found = _READ.get(value, _UNREAD)
        if found is _UNREAD:
            found = _read(value)
            if len(_READ) < _READ_MAX:
                _READ[value] = found
        return found
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _read(str(value))


#: texts :func:`to_date` has read, and what they gave (dates are immutable: safe to share)
_READ: dict[str, _dt.date | None] = {}
_READ_MAX = 100_000
_UNREAD = object()


def _read(text: str) -> _dt.date | None:
    if text == "":
        return None
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
