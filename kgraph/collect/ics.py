"""Cutting iCalendar files (RFC 5545) into what a tie needs: the events' *when* and *who*.

Each file is cut into its components (``BEGIN``/``END``, checked for nesting, with
line numbers for ``file:line`` messages) and of every event only the properties in
``KEEP`` are taken, unfolded: subject, description, location, alarms and the rest
are never parsed. :mod:`kgraph.collect.icalparse` parses what is taken with the
``icalendar`` package.

>>> text = "BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:1\\r\\nSUMMARY:Secret\\r\\n"
>>> text += "DTSTART:20260105T090000Z\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n"
>>> f = split_ics(text.encode(), "a.ics")
>>> f.problems, [(b.line, b.times) for b in f.events]
([], [(2, ['UID:1', 'DTSTART:20260105T090000Z'])])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem
from ..i18n import _

__all__ = ["KEEP", "PEOPLE", "Block", "IcsFile", "split_ics", "locate"]

#: the properties of an event that say who took part
PEOPLE = frozenset({"ORGANIZER", "ATTENDEE"})
#: the properties of an event read; everything else (SUMMARY, DESCRIPTION, LOCATION, ...) is never parsed
KEEP = frozenset({"UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID",
                  "STATUS", "SEQUENCE"}) | PEOPLE
_NAMES = sorted(KEEP - PEOPLE, key=len, reverse=True)
#: a kept line of an unfolded event: its name right after a newline, then ; or :
_TIMES = re.compile(r"\n((?:" + "|".join(_NAMES) + r")[;:][^\r\n]*)", re.I)
_PEOPLE = re.compile(r"\n((?:ORGANIZER|ATTENDEE)[;:][^\r\n]*)", re.I)
_BEGIN_END = re.compile(r"^(BEGIN|END)[ \t]*:[ \t]*([A-Za-z0-9-]*)[ \t]*\r?$", re.M | re.I)
_TZID = re.compile(r"^TZID[ \t]*:[ \t]*([^\r\n]*)", re.M | re.I)
_FOLD = re.compile(r"\r?\n[ \t]")


@dataclass
class Block:
    """One event as read: the line of its ``BEGIN:VEVENT`` and its kept lines, unfolded.

    ``times`` holds the lines that say when (UID, DTSTART, RRULE, ...), ``people``
    the ORGANIZER and ATTENDEE lines. ``source`` and ``span`` locate the event in
    its file while the file is read, to give a problem its line number.
    """

    line: int
    times: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    source: str = ""
    span: tuple[int, int] = (0, 0)

    @property
    def times_text(self) -> str:
        return "\r\n".join(self.times)

    @property
    def people_text(self) -> str:
        return "\r\n".join(self.people)

    @property
    def is_modification(self) -> bool:
        """Whether it changes one occurrence of a series (has a RECURRENCE-ID)."""
        return any(t[:13].upper() == "RECURRENCE-ID" for t in self.times)

    def line_of(self, name: str | None = None, *, text: str | None = None) -> int:
        """The line number of the first property ``name`` (or of the line starting like ``text``);
        the event's first line when it cannot be found."""
        if not self.source or not (name or text):
            return self.line
        if name:
            pattern = re.compile(r"^" + re.escape(name) + r"[;:]", re.M | re.I)
        else:
            pattern = re.compile(r"^" + re.escape(text[:40]), re.M)
        m = pattern.search(self.source, *self.span)
        if m is None:
            return self.line
        return self.line + self.source.count("\n", self.span[0], m.start())


@dataclass
class IcsFile:
    """A split iCalendar file: its time zone definitions and its events."""

    label: str
    #: the VTIMEZONE definitions: (line of BEGIN:VTIMEZONE, TZID, text)
    timezones: list[tuple[int, str, str]] = field(default_factory=list)
    #: the calendar's X-WR-TIMEZONE (Google's zone for floating times), or ""
    x_wr_timezone: str = ""
    events: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def bad(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.label, line, "", message))


def _decode(data: bytes, f: IcsFile) -> str | None:
    if not data.strip():
        f.bad(1, _("empty file; expected an iCalendar export (BEGIN:VCALENDAR)"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        f.bad(line, _("not UTF-8 text (byte 0x{byte:02x}); iCalendar files are UTF-8: export the calendar again").format(
            byte=data[exc.start]))
        return None


class _Lines:
    """Line numbers of positions in a text, counted incrementally."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 1

    def at(self, pos: int) -> int:
        if pos < self.pos:  # only on the way to a problem
            self.pos, self.line = 0, 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def split_ics(data: bytes, label: str) -> IcsFile:
    """Cut an iCalendar file into time zones and events' kept lines; problems with line numbers.

    Checks the structure: UTF-8, ``BEGIN:VCALENDAR`` first, every ``BEGIN`` closed by
    the matching ``END``. The values are checked when they are parsed
    (:mod:`kgraph.collect.icalparse`).
    """
    f = IcsFile(label)
    text = _decode(data, f)
    if text is None:
        return f
    first = re.search(r"\S", text)
    if first is None:
        f.bad(1, _("empty file; expected an iCalendar export (BEGIN:VCALENDAR)"))
        return f
    if text[first.start(): first.start() + 15].upper() != "BEGIN:VCALENDAR":
        f.bad(text.count("\n", 0, first.start()) + 1,
              _("not an iCalendar file: it does not start with BEGIN:VCALENDAR"))
        return f
    t = "\n" + text  # every line, the first too, now follows a newline
    if not _well_formed(t):
        for pos, message in _structure(text):
            f.bad(text.count("\n", 0, pos) + 1, message)
        if f.problems:
            return f
        # well nested, but written in lower case: the same with upper-case BEGIN / END lines
        t = "\n" + _BEGIN_END.sub(lambda m: m.group(0).upper(), text)
    _extract(t, f)
    return f


def _well_formed(t: str) -> bool:
    """A quick check that the BEGIN and END lines of ``t`` pair up, written in upper case, inside
    one calendar (which the caller has seen to start the file); else :func:`_structure` looks closer."""
    begins = t.count("\nBEGIN:")
    if begins == 0 or begins != t.count("\nEND:") or t.count("\nBEGIN:VEVENT") != t.count("\nEND:VEVENT"):
        return False
    if t.count("\nBEGIN:VCALENDAR") != 1 or t.rfind("\nEND:") != t.rfind("\nEND:VCALENDAR"):
        return False
    return not any(x in t for x in ("\nbegin:", "\nend:", "\nBegin:", "\nEnd:"))


def _structure(text: str) -> list[tuple[int, str]]:
    """``(position, message)`` for every BEGIN / END that does not pair up."""
    problems: list[tuple[int, str]] = []
    stack: list[tuple[str, int]] = []
    for m in _BEGIN_END.finditer(text):
        kind, comp = m.group(1).upper(), m.group(2).upper()
        if kind == "BEGIN":
            if not stack and comp != "VCALENDAR":
                problems.append((m.start(), _("BEGIN:{comp} outside BEGIN:VCALENDAR ... END:VCALENDAR").format(comp=comp)))
            stack.append((comp, m.start()))
            continue
        if not stack or stack[-1][0] != comp:
            if comp not in {c for c, _p in stack}:
                problems.append((m.start(), _("END:{comp} without BEGIN:{comp}").format(comp=comp)))
                continue
            problems.append((m.start(), _("END:{got} where END:{want} (opened at line {line}) was expected").format(
                got=comp, want=stack[-1][0], line=text.count("\n", 0, stack[-1][1]) + 1)))
            while stack[-1][0] != comp:  # close what was left open, then this one
                stack.pop()
        stack.pop()
    if stack:
        comp, pos = stack[-1]
        problems.append((pos, _("BEGIN:{comp} is never closed (END:{comp} missing)").format(comp=comp)))
    return sorted(problems, key=lambda p: p[0])


def _value_after(t: str, marker: str) -> str:
    pos = t.find(marker)
    if pos < 0:
        return ""
    end = t.find("\n", pos + 1)
    line = t[pos + 1: end if end >= 0 else len(t)]
    return line[line.find(":") + 1:].strip()


def _extract(t: str, f: IcsFile) -> None:
    """The time zones and events of a well-formed text ``t`` (which starts with a newline)."""
    lines = _Lines(t)
    f.x_wr_timezone = _value_after(t, "\nX-WR-TIMEZONE:")
    cancel = "\nMETHOD:CANCEL" in t
    pos = 0
    while (b := t.find("\nBEGIN:VTIMEZONE", pos)) >= 0:
        e = t.find("\nEND:VTIMEZONE", b)
        span = t[b + 1: t.find("\n", e + 1) if t.find("\n", e + 1) >= 0 else len(t)]
        tzid = _TZID.search(span)
        f.timezones.append((lines.at(b), tzid.group(1).strip() if tzid else "", span))
        pos = e + 1
    lines = _Lines(t)
    pos = 0
    while (b := t.find("\nBEGIN:VEVENT", pos)) >= 0:
        e = t.find("\nEND:VEVENT", b)
        f.events.append(_block(t, b + 1, e, lines.at(b), cancel))
        pos = e + 1


def _block(t: str, start: int, end: int, line: int, cancel: bool) -> Block:
    """The kept lines of the event ``t[start:end]`` (from its BEGIN line to before its END line)."""
    b = Block(line, source=t, span=(start, end))
    body = t[start:end]
    if "\nBEGIN:" in body:  # leave out the alarms (an e-mail alarm has ATTENDEE lines)
        body = _without_components(body)
    if "\n " in body or "\n\t" in body:  # unfold (str.replace: many times faster than a regex here)
        body = body.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "")
    b.times = _TIMES.findall(body)
    b.people = _PEOPLE.findall(body)
    if cancel and not any(x[:6].upper() == "STATUS" for x in b.times):
        b.times.append("STATUS:CANCELLED")
    return b


def _without_components(body: str) -> str:
    """``body`` (an event) without the components nested in it."""
    out, pos = [], 0
    while (b := body.find("\nBEGIN:", pos)) >= 0:
        name_end = body.find("\n", b + 1)
        comp = body[b + 7: name_end if name_end >= 0 else len(body)].strip()
        e = body.find("\nEND:" + comp, b)
        if e < 0:
            break
        out.append(body[pos:b])
        after = body.find("\n", e + 1)
        pos = after if after >= 0 else len(body)
    out.append(body[pos:])
    return "".join(out)


def locate(path: str, line: int, name: str | None) -> int:
    """The line of property ``name`` in the event starting at ``line`` of file ``path`` (for a
    problem found after the file was read); ``line`` when it cannot be found."""
    if not name:
        return line
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return line
    start = 0
    for _i in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return line
    end = re.compile(r"^END[ \t]*:[ \t]*VEVENT", re.M | re.I).search(text, start)
    b = Block(line, source=text, span=(start, end.start() if end else len(text)))
    return b.line_of(name)
