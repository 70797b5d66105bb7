"""Small hand-checkable iCalendar files for the collector tests.

``event(...)`` writes one VEVENT the way Outlook or Google would (folded lines, a
SUMMARY and DESCRIPTION that must never come back out, an alarm); ``calendar(...)``
wraps events into a file's bytes.
"""

from __future__ import annotations

SECRET = "Reorganisatie Burgerzaken geheim"
DOMAIN = "gemeente.example"
PERSONS = {f"P{i}": {"email": f"{n}@{DOMAIN}"} for i, n in enumerate(["ann", "bob", "cas", "dee", "eva", "fay"], 1)}


def addr(name: str) -> str:
    return name if "@" in name else f"{name}@{DOMAIN}"


def fold(line: str) -> str:
    out, rest = [line[:75]], line[75:]
    while rest:
        out.append(" " + rest[:74])
        rest = rest[74:]
    return "\r\n".join(out)


def event(uid: str | None, start: str, end: str | None = None, *, organizer: str = "ann", attendees=(),
          declined=(), tzid: str | None = "Europe/Amsterdam", rrule: str | None = None, exdates=(), rid: str | None = None,
          status: str | None = None, sequence: int | None = None, all_day: bool = False, extra=(),
          summary: str = SECRET) -> str:
    """One VEVENT; times as iCalendar text (``20260105T100000``, or ``...Z`` for UTC, or a date)."""
    def when(name: str, value: str) -> str:
        if all_day:
            return f"{name};VALUE=DATE:{value}"
        if value.endswith("Z") or tzid is None:
            return f"{name}:{value}"
        return f"{name};TZID={tzid}:{value}"

    lines = ["BEGIN:VEVENT"]
    if uid is not None:
        lines.append(f"UID:{uid}")
    lines += ["DTSTAMP:20251215T120000Z", fold(f"SUMMARY:{summary}"),
              fold(f"DESCRIPTION:Agenda: {summary}\\nBijlage volgt. Vertrouwelijk."), "LOCATION:Stadhuis kamer 2"]
    if rid is not None:
        lines.append(when("RECURRENCE-ID", rid))
    lines.append(when("DTSTART", start))
    if end is not None:
        lines.append(when("DTEND", end))
    if rrule:
        lines.append(f"RRULE:{rrule}")
    lines += [when("EXDATE", x) for x in exdates]
    if sequence is not None:
        lines.append(f"SEQUENCE:{sequence}")
    if status:
        lines.append(f"STATUS:{status}")
    if organizer:
        lines.append(fold(f'ORGANIZER;CN="{organizer.title()}":mailto:{addr(organizer)}'))
    for a in attendees:
        state = "DECLINED" if a in declined else "ACCEPTED"
        lines.append(fold(f'ATTENDEE;CN="{a}";ROLE=REQ-PARTICIPANT;PARTSTAT={state};RSVP=TRUE:mailto:{addr(a)}'))
    lines += list(extra)
    lines += ["BEGIN:VALARM", "ACTION:EMAIL", "TRIGGER:-PT15M", "DESCRIPTION:Herinnering",
              f"ATTENDEE:mailto:{addr('fay')}", "END:VALARM", "END:VEVENT"]
    return "\r\n".join(lines)


def calendar(*events: str, method: str | None = None, header=()) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kgraph tests//EN"]
    if method:
        lines.append(f"METHOD:{method}")
    lines += [*header, *events, "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("utf-8")


def write(folder, name: str, *events: str, **kw):
    path = folder / name
    path.write_bytes(calendar(*events, **kw))
    return path
