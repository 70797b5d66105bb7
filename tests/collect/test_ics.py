"""Cutting iCalendar files: kept lines, structure problems with line numbers."""

from __future__ import annotations

from kgraph.collect.ics import locate, split_ics
from tests.collect.icsgen import SECRET, calendar, event


def lines(*rows: str, eol: str = "\r\n") -> bytes:
    return (eol.join(rows) + eol).encode("utf-8")


def test_only_when_and_who_are_kept_unfolded_without_alarms():
    f = split_ics(calendar(event("u1", "20260105T100000", "20260105T110000", attendees=["bob"])), "a.ics")
    assert f.problems == []
    (b,) = f.events
    assert b.line == 4
    assert b.times == ["UID:u1", "DTSTART;TZID=Europe/Amsterdam:20260105T100000",
                       "DTEND;TZID=Europe/Amsterdam:20260105T110000"]
    assert b.people == ['ORGANIZER;CN="Ann":mailto:ann@gemeente.example',
                        'ATTENDEE;CN="bob";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:bob@gemeente.example']
    assert SECRET not in repr(b.times + b.people)  # the summary is never taken; fay's alarm neither
    assert b.line_of("DTEND") == 12 and b.line_of("RRULE") == 4


def test_line_feeds_lower_case_and_several_calendars():
    text = lines("begin:vcalendar", "begin:vevent", "uid:x", "dtstart:20260105T100000Z", "end:vevent",
                 "end:vcalendar", "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:y", "END:VEVENT", "END:VCALENDAR", eol="\n")
    f = split_ics(text, "a.ics")
    assert f.problems == []
    assert [(b.line, b.times) for b in f.events] == [(2, ["uid:x", "dtstart:20260105T100000Z"]), (8, ["UID:y"])]


def test_time_zones_calendar_properties_and_cancel_messages():
    tz = ["BEGIN:VTIMEZONE", "TZID:My Zone", "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200",
          "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"]
    f = split_ics(calendar(event("c", "20260105T100000", "20260105T110000"), method="CANCEL",
                           header=["X-WR-TIMEZONE:Europe/Amsterdam", *tz]), "a.ics")
    assert [(line, tzid) for line, tzid, _text in f.timezones] == [(6, "My Zone")]
    assert f.x_wr_timezone == "Europe/Amsterdam"
    assert f.events[0].times[-1] == "STATUS:CANCELLED"


def test_structure_problems_have_line_numbers():
    def problems(*rows):
        return [str(p) for p in split_ics(lines(*rows), "x.ics").problems]

    assert problems("BEGIN:VCALENDAR", "BEGIN:VEVENT", "BEGIN:VALARM", "END:VEVENT", "END:VCALENDAR") == [
        "x.ics:4: END:VEVENT where END:VALARM (opened at line 3) was expected"]
    assert problems("BEGIN:VCALENDAR", "END:VEVENT", "END:VCALENDAR") == ["x.ics:2: END:VEVENT without BEGIN:VEVENT"]
    assert problems("BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT") == [
        "x.ics:3: BEGIN:VEVENT outside BEGIN:VCALENDAR ... END:VCALENDAR"]
    assert problems("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:1") == [
        "x.ics:2: BEGIN:VEVENT is never closed (END:VEVENT missing)"]
    assert problems("", "  ", "From: someone") == ["x.ics:3: not an iCalendar file: it does not start with BEGIN:VCALENDAR"]
    assert [str(p) for p in split_ics(b"\xef\xbb\xbf", "x.ics").problems] == [
        "x.ics:1: empty file; expected an iCalendar export (BEGIN:VCALENDAR)"]
    assert [str(p) for p in split_ics(b"BEGIN:VCALENDAR\n\xff\n", "x.ics").problems] == [
        "x.ics:2: not UTF-8 text (byte 0xff); iCalendar files are UTF-8: export the calendar again"]


def test_locate_finds_a_property_after_the_file_was_read(tmp_path):
    path = tmp_path / "a.ics"
    path.write_bytes(calendar(event("a", "20260105T100000", "20260105T110000"),
                              event("b", "20260106T100000", "20260106T110000")))
    second = split_ics(path.read_bytes(), str(path)).events[1]
    assert locate(str(path), second.line, "DTEND") == second.line_of("DTEND") == second.line + 8
    assert locate(str(path), second.line, None) == second.line
    assert locate(str(tmp_path / "gone.ics"), 7, "DTEND") == 7
