"""Collaboration ties from shared meetings in iCalendar exports.

See :func:`ties_from_calendar` and ``docs/ties.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import Problem, ValidationError
from ..i18n import _
from .icalparse import clear_memo
from .meetings import Reader, occurrences
from .persons import EmailIndex, Unmatched
from .ties import Period, input_files, read_bytes, ties_frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ties_from_calendar", "SKIP_REASONS"]

#: why a meeting in the period is not counted, in the order the reasons are tried
SKIP_REASONS = ("cancelled", "all_day", "too_short", "too_many_attendees", "no_pair")
_SUFFIXES = (".ics", ".ical", ".icalendar")
_UTC = dt.timezone.utc


def _seconds(start: Any, end: Any, period: Period, all_day_minutes: int | None) -> tuple[bool, int]:
    """(all-day?, length in seconds); an all-day event lasts its days times ``all_day_minutes``."""
    if not isinstance(start, dt.datetime):
        days = max(1, (end - start).days) if isinstance(end, dt.date) and not isinstance(end, dt.datetime) else 1
        return True, days * (all_day_minutes or 0) * 60
    s, e = period.aware(start), period.aware(end) if isinstance(end, dt.datetime) else period.aware(start)
    return False, max(0, int((e.astimezone(_UTC) - s.astimezone(_UTC)).total_seconds()))


def ties_from_calendar(
    files: Any,
    persons: Any,
    *,
    start: Any,
    end: Any,
    max_attendees: int = 10,
    min_minutes: int = 15,
    min_interactions: int = 3,
    all_day_minutes: int | None = None,
    timezone: str | None = None,
    person_emails: Any = None,
    show_unmatched: bool = False,
    kind: str = "collaboration",
    progress: Callable[[int, int, str], None] | None = None,
) -> pd.DataFrame:
    """Weighted, undirected collaboration ties from shared meetings in iCalendar files.

    Reads iCalendar exports (RFC 5545: one per person, or a shared export, in any
    mix), matches organiser and attendees to persons by e-mail address, and counts
    for every two persons the meetings they attended together in the period
    ``[start, end)``. A meeting contributes its length divided by its number of
    participants to each pair of persons in it, so that a long one-to-one weighs
    more than a short gathering of ten:

    .. math:: w_{ij} = \\sum_{m \\ni i,j} \\frac{\\text{minutes}_m}{60\\,n_m}

    (in hours; :math:`n_m` counts every participant who did not decline, inside
    the organisation or not). Only pairs with at least ``min_interactions``
    meetings are kept.

    - Recurring meetings (RRULE, RDATE, EXDATE, moved or changed occurrences) are
      expanded within the period by ``recurring-ical-events``; an occurrence
      counts when it starts in the period.
    - The same meeting in several exports counts once: copies are matched on UID
      and RECURRENCE-ID; the copy with the highest SEQUENCE gives the time, and an
      attendee who declined in any copy of it is left out.
    - Left out: declined attendees (PARTSTAT=DECLINED), rooms and resources
      (CUTYPE), non-participants (ROLE); cancelled meetings and occurrences
      (STATUS:CANCELLED, METHOD:CANCEL); meetings above ``max_attendees``
      participants or shorter than ``min_minutes``; all-day events unless
      ``all_day_minutes`` is given (then each day counts that many minutes).
    - Times: TZID (IANA or Windows names, or the file's VTIMEZONE), UTC, and
      floating times (read in ``timezone``); lengths are measured in UTC, so a
      meeting over a DST change lasts what it lasted.

    Nothing about a meeting but the counted tie leaves this function: subjects,
    descriptions and locations are never parsed, and addresses that match no
    person are only counted (listed in ``df.attrs["unmatched"]`` when
    ``show_unmatched``).

    Parameters
    ----------
    files : path or list of paths
        ``.ics`` files, or folders searched for them.
    persons : mapping, DataFrame or EmailIndex
        The persons and their addresses: ``kg.store.nodes("Person")`` (id →
        properties with ``email`` and ``person_emails``), a DataFrame with ``id``,
        ``email`` (and ``person_emails``), or an :class:`EmailIndex`.
    start, end : date, datetime or "YYYY-MM-DD"
        The period, ``end`` excluded; dates are midnight in ``timezone``.
    max_attendees : int
        Meetings with more participants are skipped (default 10).
    min_minutes : int
        Meetings shorter than this are skipped (default 15).
    min_interactions : int
        Pairs with fewer meetings in the period are dropped (default 3).
    all_day_minutes : int, optional
        Count all-day events, each day as this many minutes (default: skip them).
    timezone : str
        IANA zone for the period and floating times (default Europe/Amsterdam).
    person_emails : path or iterable of (person_id, email), optional
        Further addresses (a ``person_emails.csv``).
    show_unmatched : bool
        Keep the unmatched addresses in ``df.attrs["unmatched"]``.
    kind : str
        The ties' kind (default ``collaboration``).
    progress : callable, optional
        ``progress(done, total, label)`` after each file.

    Returns
    -------
    pandas.DataFrame
        ``source_id, target_id, kind, weight, interactions, source`` (one row per
        pair, ``source_id < target_id``, sorted); ``df.attrs`` holds the counts:
        ``files``, ``events_read``, ``duplicates``, ``meetings`` (occurrences in the
        period), ``counted``, ``skipped`` (per reason, see ``SKIP_REASONS``), ``alone``
        (events with fewer than two participants, not expanded), ``unmatched_addresses``,
        ``unknown_timezones``, ``pairs_below_threshold``, ``ties``.

    Raises
    ------
    ValidationError
        Listing every malformed file as ``file:line: message``; nothing is returned.
    InputError
        A file that is missing or cannot be read.
    OptionError
        A bad period or time zone.

    Examples
    --------
    >>> import datetime as dt, os, tempfile
    >>> def meeting(day):
    ...     return ("BEGIN:VEVENT\\r\\nUID:m%d\\r\\nDTSTART:202601%02dT090000Z\\r\\nDTEND:202601%02dT100000Z\\r\\n"
    ...             "ORGANIZER:mailto:ann@example.org\\r\\nATTENDEE:mailto:bob@example.org\\r\\nEND:VEVENT\\r\\n" % (day, day, day))
    >>> path = os.path.join(tempfile.mkdtemp(), "ann.ics")
    >>> with open(path, "w") as f:
    ...     _ = f.write("BEGIN:VCALENDAR\\r\\n" + "".join(meeting(d) for d in (5, 12, 19)) + "END:VCALENDAR\\r\\n")
    >>> persons = {"P1": {"email": "ann@example.org"}, "P2": {"email": "bob@example.org"}}
    >>> df = ties_from_calendar([path], persons, start="2026-01-01", end="2026-02-01")
    >>> df[["source_id", "target_id", "weight", "interactions"]].to_dict("records")
    [{'source_id': 'P1', 'target_id': 'P2', 'weight': 1.5, 'interactions': 3}]
    """
    period = Period.of(start, end, timezone=timezone, required=True)
    index = persons if isinstance(persons, EmailIndex) else EmailIndex(persons, person_emails=person_emails)
    unmatched = Unmatched(keep=show_unmatched)
    paths = input_files(files, _SUFFIXES)
    reader = Reader(index, unmatched)
    try:
        for i, path in enumerate(paths, start=1):
            reader.read(str(path), read_bytes(path))
            if progress:
                progress(i, len(paths), "files")
        meetings, chosen = reader.meetings()
    finally:
        clear_memo()
    distinct = len(meetings)
    problems: list[Problem] = list(reader.problems)  # reported together with those of the expansion
    skipped = dict.fromkeys(SKIP_REASONS, 0)
    counted: Counter[tuple[tuple[str, Any], int]] = Counter()
    in_period = 0
    for uid, rid, occ_start, occ_end in occurrences(chosen, period, problems):
        if not period.contains(occ_start):
            continue
        in_period += 1
        key = (uid, rid) if (uid, rid) in meetings else (uid, None)
        m = meetings.get(key)
        if m is None:  # pragma: no cover - every occurrence comes from a chosen component
            continue
        all_day, seconds = _seconds(occ_start, occ_end, period, all_day_minutes)
        if m.cancelled:
            skipped["cancelled"] += 1
        elif all_day and all_day_minutes is None:
            skipped["all_day"] += 1
        elif seconds < min_minutes * 60 or seconds == 0:
            skipped["too_short"] += 1
        elif m.size > max_attendees:
            skipped["too_many_attendees"] += 1
        elif len(m.persons) < 2:
            skipped["no_pair"] += 1
        else:
            counted[(key, seconds)] += 1
    if problems:
        raise _invalid(problems)
    chosen.clear()
    pairs: dict[tuple[str, str], list[Any]] = {}
    for (key, seconds), n in counted.items():  # integer sums: the order does not matter
        m = meetings[key]
        for i, a in enumerate(m.persons):
            for b in m.persons[i + 1:]:
                acc = pairs.setdefault((a, b), [0, Counter()])
                acc[0] += n
                acc[1][m.size] += seconds * n
    rows = ((a, b, sum(total / size for size, total in sorted(acc[1].items())) / 3600, acc[0])
            for (a, b), acc in pairs.items())
    attrs = {
        "source": "calendar", "files": len(paths), "events_read": reader.events_read,
        "duplicates": reader.events_read - reader.alone - distinct, "meetings": in_period, "counted": sum(counted.values()),
        "skipped": skipped, "alone": reader.alone, "unmatched_addresses": unmatched.count,
        "unknown_timezones": reader.unknown_zones,
    }
    if show_unmatched:
        attrs["unmatched"] = unmatched.addresses()
    return ties_frame(rows, kind=kind, source="calendar", min_interactions=min_interactions, attrs=attrs)


def _invalid(problems: list[Problem]) -> ValidationError:
    err = ValidationError(problems)
    err.hint = _("fix or leave out the files listed (each problem is file:line: message) and run the command again")
    return err
