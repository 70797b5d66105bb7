"""From iCalendar files to meetings: copies read, merged per (UID, RECURRENCE-ID), expanded.

:class:`Reader` reads the files (see :mod:`kgraph.collect.ics`): each distinct copy
of an event once, keeping its attendance (who, declined or not) and its time lines.
:meth:`Reader.meetings` merges the copies of each meeting and parses the time lines
of the chosen copy; :func:`occurrences` lists the occurrences near a period, with
``recurring-ical-events`` for the recurring ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..i18n import _
from .icalparse import known_zone, parse_times, participants, short, time_value, value
from .ics import Block, IcsFile, locate, split_ics
from .persons import EmailIndex, Unmatched
from .ties import Period

__all__ = ["Reader", "Meeting", "occurrences"]

_UTC = dt.timezone.utc
_RECURRENCE = ("RRULE", "RDATE", "EXRULE")


def rid_key(t: Any) -> dt.datetime | None:
    """A RECURRENCE-ID as compared across copies: UTC without tzinfo (as recurring-ical-events does)."""
    if t is None:
        return None
    if not isinstance(t, dt.datetime):
        return dt.datetime(t.year, t.month, t.day)
    return t if t.tzinfo is None else t.astimezone(_UTC).replace(tzinfo=None)


def _utc(t: Any) -> Any:
    return t.astimezone(_UTC).replace(tzinfo=None) if isinstance(t, dt.datetime) and t.tzinfo is not None else t


@dataclass
class Copy:
    """One distinct copy of an event: whom it lists, and its time lines until they are parsed."""

    uid: str
    sequence: int
    digest: bytes
    x_wr_timezone: str
    times: list[str] | None
    #: participant → declined; a person by id, anyone else by "?" and a digest of the address
    attendance: dict[str, bool]
    origin: tuple[str, int]
    status: str = ""
    rid: dt.datetime | None = None
    event: Any = None  # icalendar.Event made of the time lines only (a series, or part of one)
    when: tuple[Any, Any] | None = None  # (start, end) of a single meeting


@dataclass
class Meeting:
    """A meeting (or an occurrence that differs from its series) as counted: only who, never what."""

    persons: tuple[str, ...]
    size: int
    cancelled: bool


class Reader:
    """Reads iCalendar files into copies of events; problems as ``file:line``."""

    def __init__(self, index: EmailIndex, unmatched: Unmatched):
        self.index, self.unmatched = index, unmatched
        self.groups: dict[tuple[str, Any], list[Copy]] = {}
        self.problems: list[Problem] = []
        self.events_read = self.alone = self.unknown_zones = 0
        self._seen: set[bytes] = set()
        self._zones: set[str] = set()
        self._pids: dict[str, str] = {}

    def pid(self, address: str) -> str:
        """The person id of an address; anyone else as "?" and a digest (counted as unmatched)."""
        got = self._pids.get(address)
        if got is None:
            got = self.index.person(address)
            if got is None:
                self.unmatched.add(address)
                got = "?" + hashlib.blake2b(address.encode("utf-8"), digest_size=8).hexdigest()
            self._pids[address] = got
        return got

    def attendance(self, people: list[tuple[str, dict, str]]) -> dict[str, bool]:
        """Participant → declined. Rooms and resources (CUTYPE) and non-participants (ROLE) take no part."""
        out: dict[str, bool] = {}
        for name, params, address in people:
            if not address or (name == "ATTENDEE" and (params.get("CUTYPE") in ("ROOM", "RESOURCE")
                                                       or params.get("ROLE") == "NON-PARTICIPANT")):
                continue
            p = self.pid(address)
            out[p] = out.get(p, False) or (name == "ATTENDEE" and params.get("PARTSTAT") == "DECLINED")
        return out

    def read(self, label: str, data: bytes) -> None:
        """Read one file: its copies, and at once the time lines of the changed occurrences
        (their RECURRENCE-ID tells which meeting they belong to)."""
        f = split_ics(data, label)
        self.events_read += len(f.events)
        zones = [(n, t) for n, tzid, t in f.timezones if t not in self._zones and not known_zone(tzid)]
        self._zones.update(t for _n, _tzid, t in f.timezones)
        changed: list[tuple[Copy, Block]] = []
        for b in f.events:
            modification = b.is_modification
            if len(b.people) < 2 and not modification:
                self.alone += 1  # a personal appointment: nobody to be tied to
                continue
            digest = hashlib.blake2b("\x00".join((f.x_wr_timezone, b.times_text, b.people_text)).encode("utf-8"),
                                     digest_size=16).digest()
            if digest in self._seen:
                continue
            self._seen.add(digest)
            copy = self._copy(f, b, digest)
            if copy is None:
                continue
            if modification:
                changed.append((copy, b))
            else:
                self.groups.setdefault((copy.uid, None), []).append(copy)
        if changed or zones:
            parsed, errors = parse_times([c.times for c, _b in changed], zones, f.x_wr_timezone)
            for i, prop, message in errors:
                f.bad(prop if i is None else changed[i][1].line_of(prop), message)
            for (copy, b), ev in zip(changed, parsed):
                if ev is not None and self._timed(copy, ev, f, b):
                    copy.rid = rid_key(ev["RECURRENCE-ID"].dt)
                    self.groups.setdefault((copy.uid, copy.rid), []).append(copy)
        self.problems.extend(f.problems)

    def _copy(self, f: IcsFile, b: Block, digest: bytes) -> Copy | None:
        people = participants(f, b)
        try:
            uid = value(b.times, "UID") or ""
            seq = value(b.times, "SEQUENCE")
            status = (value(b.times, "STATUS") or "").upper()
        except ValueError as exc:
            f.bad(b.line, _("not an iCalendar content line: {why}").format(why=short(exc)))
            return None
        try:
            sequence = int(seq) if seq else 0
        except ValueError:
            f.bad(b.line_of("SEQUENCE"), _("SEQUENCE: '{v}' is not a whole number").format(v=seq))
            return None
        if people is None:
            return None
        if not uid:  # no UID: copies are recognised by their time lines and organiser
            organizer = next((a for n, _p, a in people if n == "ORGANIZER"), "")
            uid = "kgraph-no-uid-" + hashlib.blake2b((b.times_text + "|" + organizer).encode("utf-8"),
                                                     digest_size=12).hexdigest()
        times = [t for t in b.times if t[:6].upper() not in ("SEQUEN", "STATUS")]  # read above; parsed: when
        return Copy(uid, sequence, digest, f.x_wr_timezone, times, self.attendance(people), (f.label, b.line), status)

    def _timed(self, copy: Copy, ev, f: IcsFile | None = None, b: Block | None = None) -> bool:
        """Check and keep a parsed event; a problem when it has no start or ends before it starts."""
        def bad(prop: str | None, message: str) -> None:
            if f is not None and b is not None:
                f.bad(b.line_of(prop), message)
            else:
                self.problems.append(Problem(copy.origin[0], locate(*copy.origin, prop), "", message))

        start = ev.get("DTSTART")
        if start is None:
            bad(None, _("event without DTSTART"))
            return False
        end = ev.get("DTEND")
        if end is not None and type(end.dt) is type(start.dt) and _utc(end.dt) < _utc(start.dt):
            bad("DTEND", _("DTEND is before DTSTART"))
            return False
        if "TZID" in getattr(start, "params", {}) and isinstance(start.dt, dt.datetime) and start.dt.tzinfo is None:
            self.unknown_zones += 1  # a TZID nobody defines: read as floating time
        if not ev.get("UID"):
            ev["UID"] = copy.uid
        copy.event, copy.times = ev, None
        return True

    def _single(self, copy: Copy) -> None:
        """Start and end of a meeting that does not recur, from its time lines (RFC 5545 3.6.1:
        DTEND, else DTSTART + DURATION, else a day for a date, else no length)."""
        def bad(prop: str | None, message: str) -> None:
            self.problems.append(Problem(copy.origin[0], locate(*copy.origin, prop), "", message))

        values = {}
        for prop in ("DTSTART", "DTEND", "DURATION"):
            try:
                values[prop] = time_value(copy.times, prop)
            except ValueError as exc:
                bad(prop, _("{prop}: {why}").format(prop=prop, why=short(exc)))
                return
        if values["DTSTART"] is None:
            bad(None, _("event without DTSTART"))
            return
        (start, unknown), end, duration = values["DTSTART"], values["DTEND"], values["DURATION"]
        if end is not None:
            end = end[0]
            if type(end) is type(start) and _utc(end) < _utc(start):
                bad("DTEND", _("DTEND is before DTSTART"))
                return
        elif duration is not None:
            end = start + duration[0]  # (DTEND and DURATION together break RFC 5545: DTEND wins)
        else:
            end = start + dt.timedelta(days=1) if not isinstance(start, dt.datetime) else start
        self.unknown_zones += unknown
        copy.when, copy.times = (start, end), None

    def meetings(self) -> tuple[dict[tuple[str, Any], Meeting], list[Copy]]:
        """One meeting per (UID, RECURRENCE-ID) from all its copies, and the copies chosen.

        The copy with the highest SEQUENCE gives the time and the status (of equal
        ones the same whatever the order of the files); attendance is the union over
        the copies of that sequence, and a participant counts as declined when any
        of them says so. Problems found now go to ``problems``.
        """
        chosen: list[Copy] = []
        latest: dict[tuple[str, Any], list[Copy]] = {}
        for key, copies in self.groups.items():
            top = max(c.sequence for c in copies)
            latest[key] = [c for c in copies if c.sequence == top]
            chosen.append(max(latest[key], key=lambda c: c.digest))
        changed = {uid for uid, rid in self.groups if rid is not None}
        todo = []
        for c in chosen:
            if c.event is not None:
                continue
            if c.uid in changed or any(t.upper().startswith(_RECURRENCE) for t in c.times) or c.x_wr_timezone:
                todo.append(c)  # a series: an event for recurring-ical-events
            else:
                self._single(c)
        for zone in sorted({c.x_wr_timezone for c in todo}):
            batch = [c for c in todo if c.x_wr_timezone == zone]
            for lo in range(0, len(batch), 2000):
                part = batch[lo: lo + 2000]
                parsed, errors = parse_times([c.times for c in part], [], zone)
                for i, prop, message in errors:
                    c = part[i]
                    self.problems.append(Problem(c.origin[0], locate(*c.origin, prop), "", message))
                for c, ev in zip(part, parsed):
                    if ev is not None:
                        self._timed(c, ev)
        meetings: dict[tuple[str, Any], Meeting] = {}
        kept = []
        for c in chosen:
            if c.event is None and c.when is None:
                continue
            key = (c.uid, c.rid)
            attendance: dict[str, bool] = {}
            for other in latest[key]:
                for p, declined in other.attendance.items():
                    attendance[p] = attendance.get(p, False) or declined
            present = sorted(p for p, declined in attendance.items() if not declined)
            meetings[key] = Meeting(tuple(p for p in present if not p.startswith("?")), len(present),
                                    c.status == "CANCELLED")
            kept.append(c)
        self.groups.clear()
        return meetings, kept


def occurrences(chosen: list[Copy], period: Period, problems: list[Problem]) -> Iterator[tuple[str, Any, Any, Any]]:
    """``(uid, recurrence id, start, end)`` of every occurrence near the period.

    A single meeting is its own occurrence; a series (RRULE, RDATE, or changed
    occurrences) is expanded by ``recurring-ical-events`` between two days before
    and two days after the period (the caller keeps what starts in it).
    """
    import icalendar
    import recurring_ical_events

    lo, hi = period.start - dt.timedelta(days=2), period.end + dt.timedelta(days=2)
    by_uid: dict[str, list[Copy]] = {}
    for c in chosen:
        by_uid.setdefault(c.uid, []).append(c)
    series_of: list[list[Copy]] = []
    for uid, copies in by_uid.items():
        if len(copies) == 1 and copies[0].when is not None:
            yield uid, None, *copies[0].when
        else:
            series_of.append(copies)

    def query(groups: list[list[Copy]]):
        cal = icalendar.Calendar()
        for copies in groups:
            for c in copies:
                cal.add_component(c.event)
        return recurring_ical_events.of(cal).series

    try:
        series = query(series_of)
    except Exception:  # noqa: BLE001 - find the culprit series below
        series = []
        for copies in series_of:
            try:
                series.extend(query([copies]))
            except Exception as exc:  # noqa: BLE001 - recurring-ical-events raises several kinds
                problems.append(_series_problem(copies, exc))
    for s in series:
        try:
            for occ in s.between(lo, hi):
                oid = occ.id
                yield str(oid.uid), oid.recurrence_id, occ.start, occ.end
        except Exception as exc:  # noqa: BLE001
            problems.append(_series_problem(by_uid.get(str(s.uid), chosen[:1]), exc))


def _series_problem(copies: list[Copy], exc: Exception) -> Problem:
    first = min(copies, key=lambda c: (c.rid is not None, c.origin))
    return Problem(first.origin[0], first.origin[1], "",
                   _("recurring event cannot be expanded: {why}").format(why=short(exc)))
