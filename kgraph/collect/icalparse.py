"""Parsing the kept lines of iCalendar events with the ``icalendar`` package.

- the time lines (UID, DTSTART, DTEND, RRULE, ...) become events through
  icalendar's component parser (:func:`parse_times`);
- the ORGANIZER and ATTENDEE lines are split with icalendar's
  ``Contentline.parts`` (:func:`participants`).

Each distinct line is split once per run: the same attendee line comes back in every
meeting of that person, ``SEQUENCE:0`` and many DTSTART lines in many meetings, and
splitting lines is most of icalendar's parsing time. :func:`clear_memo` forgets them.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..i18n import _
from .ics import _FOLD, Block, IcsFile
from .persons import normalize_address

__all__ = ["parse_times", "participants", "value", "time_value", "clear_memo", "known_zone", "short"]

_ADDRESS = re.compile(r"[^\s:;,<>\"'()]+@[^\s:;,<>\"'()]+")

#: ORGANIZER / ATTENDEE lines split by icalendar, by their text; cleared after each run (names, addresses)
_MEMO: dict[str, tuple] = {}
#: time lines (DTSTART, RRULE, ...) split by icalendar, by their text; cleared after each run
_LINES: dict[str, tuple] = {}


def clear_memo() -> None:
    """Forget the lines seen (attendee lines hold names and addresses)."""
    _MEMO.clear()
    _LINES.clear()
    _TIMES.clear()


@functools.cache
def _line_parser():
    """icalendar's component parser fed with content lines that are split once per distinct text.

    Splitting a content line into name, parameters and value is most of icalendar's
    parsing time, and most time lines recur (``BEGIN:VEVENT``, ``SEQUENCE:0``, the
    same DTSTART in many meetings): :class:`Line` keeps icalendar's own
    ``Contentline.parts`` result per text. None when this icalendar lacks the
    parser API; :func:`_parse` then uses ``Calendar.from_ical``.
    """
    try:
        import icalendar
        from icalendar.parser import Contentline
        from icalendar.parser.ical.component import ComponentIcalParser
    except ImportError:  # pragma: no cover - another icalendar version
        return None

    class Line(Contentline):
        __slots__ = ()

        def parts(self):
            got = _LINES.get(self)
            if got is None:
                got = _LINES[self] = super().parts()
            return got

    factory, types = icalendar.ComponentFactory(), icalendar.Calendar.types_factory

    def parse(lines: list[str]) -> list:
        return ComponentIcalParser([Line(t) for t in lines], factory, types).parse()

    return parse


def participants(f: IcsFile, b: Block) -> list[tuple[str, dict, str]] | None:
    """``(ORGANIZER|ATTENDEE, parameters, address)`` of each participant line, split by icalendar
    (``Contentline.parts``); None, with a problem, when a line cannot be split. Of the
    parameters only CUTYPE, ROLE and PARTSTAT are kept; the address is normalised."""
    from icalendar.parser import Contentline

    out = []
    for text in b.people:
        got = _MEMO.get(text)
        if got is None:
            try:
                name, params, value = Contentline(text).parts()
            except ValueError as exc:
                f.bad(b.line_of(text=text), _("not an iCalendar content line: {why}").format(why=short(exc)))
                return None
            kept = {k: str(params[k]).upper() for k in ("CUTYPE", "ROLE", "PARTSTAT") if k in params}
            got = _MEMO[text] = (name.upper(), kept, normalize_address(value))
        out.append(got)
    return out


def known_zone(tzid: str) -> bool:
    """Whether icalendar resolves ``tzid`` without a VTIMEZONE: an IANA name or a Windows name
    (``W. Europe Standard Time`` is Europe/Berlin).

    Such a zone is read from the tz database and the file's VTIMEZONE for it is not
    parsed: Outlook's definitions start in 1601, and a zone built from them
    recomputes centuries of transitions for every time it converts.
    """
    try:
        from icalendar.timezone import tzp

        return tzp.timezone(tzid) is not None
    except Exception:  # noqa: BLE001 - another icalendar version, a strange name
        return False


def _line(lines: list[str], name: str) -> tuple | None:
    """``(name, parameters, value)`` of the first property ``name`` among ``lines``, split by
    icalendar's ``Contentline.parts`` (remembered per text); None when absent."""
    from icalendar.parser import Contentline

    n = len(name)
    for text in lines:
        if text[:n].upper() == name and text[n:n + 1] in (":", ";"):
            got = _LINES.get(text)
            if got is None:
                got = _LINES[text] = Contentline(text).parts()
            return got
    return None


def value(lines: list[str], name: str) -> str | None:
    """The text value of the first property ``name`` among content ``lines``; None when absent.
    Raises ValueError when the line cannot be split."""
    got = _line(lines, name)
    return None if got is None else str(got[2]).strip()


#: parsed DTSTART / DTEND / DURATION values, by line text; cleared after each run
_TIMES: dict[str, tuple] = {}


def time_value(lines: list[str], name: str) -> tuple[Any, bool] | None:
    """``(value, zone unknown?)`` of a DTSTART, DTEND or DURATION line, parsed by icalendar's own
    type for that property (a datetime in its TZID, a date, a timedelta), the way its component
    parser does; None when absent. Raises ValueError for a value icalendar cannot read.

    ``zone unknown`` is true for a TZID that neither the tz database nor a VTIMEZONE
    defines: the time is then floating.
    """
    import datetime as dt

    import icalendar

    got = _line(lines, name)
    if got is None:
        return None
    key = "\x00".join((got[0], str(got[2]), str(got[1].get("TZID") or ""), str(got[1].get("VALUE") or "")))
    parsed = _TIMES.get(key)
    if parsed is None:
        _name, params, val = got
        factory = icalendar.Calendar.types_factory.for_property(name, params.value)
        tzid = params.get("TZID")
        try:
            v = factory.from_ical(val, tzid) if tzid else factory.from_ical(val)
        except (TypeError, ValueError) as exc:
            raise ValueError(str(exc)) from None
        parsed = _TIMES[key] = (v, bool(tzid) and isinstance(v, dt.datetime) and v.tzinfo is None)
    return parsed


def _calendar(timezones: list[str], events: list[list[str]], x_wr_timezone: str) -> list[str]:
    """The content lines of a calendar holding ``timezones`` and events made of the given lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kgraph//ties//EN"]
    if x_wr_timezone:
        lines.append("X-WR-TIMEZONE:" + x_wr_timezone)  # i18n: exempt (iCalendar, RFC 5545)
    for tz in timezones:
        lines.extend(x for x in _FOLD.sub("", tz).replace("\r\n", "\n").split("\n") if x.strip())
    for times in events:
        lines.append("BEGIN:VEVENT")  # i18n: exempt (iCalendar)
        lines.extend(times)
        lines.append("END:VEVENT")  # i18n: exempt (iCalendar)
    lines.append("END:VCALENDAR")  # i18n: exempt (iCalendar)
    return lines


def _parse(lines: list[str], x_wr_timezone: str) -> list:
    import icalendar

    parse = None if x_wr_timezone else _line_parser()
    if parse is None:  # X-WR-TIMEZONE rewrites values: no shared parts
        cal = icalendar.Calendar.from_ical("\r\n".join(lines) + "\r\n")
    else:
        found = parse(lines)
        if len(found) != 1:
            raise ValueError(_("expected one calendar"))
        cal = found[0]
    if x_wr_timezone:
        import x_wr_timezone as xwr

        cal = xwr.to_standard(cal)
    return cal.walk("VEVENT")


def parse_times(events: list[list[str]], timezones: list[tuple[int, str]], x_wr_timezone: str = ""):
    """Events made of the given time lines, parsed by icalendar, and what went wrong.

    ``timezones`` are ``(line, text)`` of VTIMEZONE definitions to parse with them
    (icalendar keeps every zone it has parsed for the process, so a definition
    already seen need not be repeated; see :func:`known_zone` for the ones never
    needed). Returns ``(parsed, errors)``: one event or None per entry of
    ``events``, and ``(index, property, message)`` per problem, where ``index`` is
    the event's position, or None and ``property`` the line of a broken VTIMEZONE.
    """
    errors: list[tuple[int | None, Any, str]] = []
    if not events and not timezones:
        return [], errors
    try:
        parsed = _parse(_calendar([t for _n, t in timezones], events, x_wr_timezone), x_wr_timezone)
    except Exception:  # noqa: BLE001 - find the culprit below, one part at a time
        parsed = None
    if parsed is None or len(parsed) != len(events):
        for line, tz in timezones:
            try:
                _parse(_calendar([tz], [], ""), "")
            except Exception as exc:  # noqa: BLE001 - icalendar raises several kinds
                errors.append((None, line, _("time zone definition cannot be read: {why}").format(why=short(exc))))
        parsed = []
        for i, times in enumerate(events):
            try:
                one = _parse(_calendar([], [times], x_wr_timezone), x_wr_timezone)
                parsed.append(one[0] if len(one) == 1 else None)
            except Exception as exc:  # noqa: BLE001
                errors.append((i, None, _("event cannot be read: {why}").format(why=short(exc))))
                parsed.append(None)
    out = []
    for i, ev in enumerate(parsed):
        broken = getattr(ev, "errors", None) if ev is not None else None
        if broken:
            for prop, why in broken:
                errors.append((i, prop, _("{prop}: {why}").format(prop=prop or _("event"), why=short(why))))
            ev = None
        out.append(ev)
    return out, errors


def short(why: object) -> str:
    """A parser's message, on one line, without e-mail addresses (the line number finds them)."""
    text = _ADDRESS.sub("<address>", str(why).replace("\r", " ").replace("\n", " "))
    return text if len(text) <= 160 else text[:157] + "..."
