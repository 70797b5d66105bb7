"""ties_from_calendar on small generated iCalendar files with answers checked by hand.

Weights are hours of meeting divided by the number of participants, summed per pair.
PERSONS: P1 ann, P2 bob, P3 cas, P4 dee, P5 eva, P6 fay (fay only ever appears in
e-mail alarms, which must not count).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.collect import ties_from_calendar
from kgraph.errors import OptionError, ValidationError
from tests.collect.icsgen import PERSONS, SECRET, calendar, event, write

PERIOD = {"start": "2026-01-01", "end": "2026-04-01"}


def ties(files, **kw):
    options = {**PERIOD, "min_interactions": 1, **kw}
    df = ties_from_calendar(files, PERSONS, **options)
    return {(r.source_id, r.target_id): (r.weight, r.interactions) for r in df.itertuples()}, df


def test_recurring_meeting_with_exdate_and_a_changed_occurrence(tmp_path):
    # weekly from Mon 5 Jan, 6 times; 12 Jan excluded; 19 Jan moved to Tue 20 Jan 14-16 with dee instead of cas
    series = event("s1", "20260105T100000", "20260105T110000", attendees=["bob", "cas"], rrule="FREQ=WEEKLY;COUNT=6",
                   exdates=["20260112T100000"])
    moved = event("s1", "20260120T140000", "20260120T160000", attendees=["bob", "dee"], rid="20260119T100000")
    got, df = ties([write(tmp_path, "ann.ics", series, moved)])
    third = 1 / 3
    assert got == {
        ("P1", "P2"): (round(4 * third + 2 * third, 4), 5),
        ("P1", "P3"): (round(4 * third, 4), 4),
        ("P2", "P3"): (round(4 * third, 4), 4),
        ("P1", "P4"): (round(2 * third, 4), 1),
        ("P2", "P4"): (round(2 * third, 4), 1),
    }
    assert df.attrs["meetings"] == 5 and df.attrs["counted"] == 5


def test_a_tzid_meeting_and_its_utc_copy_are_one_meeting(tmp_path):
    # 1 July 10:00-11:30 in Amsterdam (summer time) is 08:00-09:30 UTC
    local = event("m1", "20260701T100000", "20260701T113000", attendees=["bob"])
    utc = event("m1", "20260701T080000Z", "20260701T093000Z", attendees=["bob"])
    period = {"start": "2026-06-01", "end": "2026-08-01"}
    both, df = ties([write(tmp_path, "ann.ics", local), write(tmp_path, "bob.ics", utc)], **period)
    assert both == {("P1", "P2"): (0.75, 1)}
    assert df.attrs["duplicates"] == 1
    assert ties([tmp_path / "bob.ics"], **period)[0] == both


def test_windows_time_zone_names_and_lengths_in_real_time(tmp_path):
    # Outlook writes Windows zone names; 29 March 01:30-03:30 local time lasts one hour (clocks go forward)
    ev = event("dst", "20260329T013000", "20260329T033000", attendees=["bob"], tzid="W. Europe Standard Time")
    got, _df = ties([write(tmp_path, "ann.ics", ev)], min_minutes=0)
    assert got == {("P1", "P2"): (0.5, 1)}


def test_floating_times_are_read_in_the_given_time_zone(tmp_path):
    # 31 March 23:30 floating: in the period in Amsterdam, not in Tokyo (where the period ends earlier in UTC)
    ev = event("f1", "20260331T233000", "20260401T003000", attendees=["bob"], tzid=None)
    path = write(tmp_path, "ann.ics", ev)
    assert ties([path])[0] == {("P1", "P2"): (0.5, 1)}
    assert ties([path], timezone="Asia/Tokyo")[0] == {("P1", "P2"): (0.5, 1)}
    assert ties([path], start="2026-01-01", end="2026-03-31")[0] == {}


def test_the_period_is_half_open_and_an_occurrence_counts_where_it_starts(tmp_path):
    # 31 Dec 2025 23:30 UTC is 1 Jan 00:30 in Amsterdam (in); 31 March 22:30 UTC is 1 April 00:30 (out)
    first = event("a", "20251231T233000Z", "20260101T003000Z", attendees=["bob"])
    last = event("b", "20260331T223000Z", "20260331T233000Z", attendees=["bob"])
    before = event("c", "20251231T220000Z", "20251231T225900Z", attendees=["bob"])
    got, df = ties([write(tmp_path, "ann.ics", first, last, before)])
    assert got == {("P1", "P2"): (0.5, 1)}
    assert df.attrs["meetings"] == 1


def test_all_day_events_are_skipped_unless_given_a_length(tmp_path):
    two_days = event("d", "20260107", "20260109", attendees=["bob"], all_day=True)
    path = write(tmp_path, "ann.ics", two_days)
    got, df = ties([path])
    assert got == {} and df.attrs["skipped"]["all_day"] == 1
    got, _df = ties([path], all_day_minutes=480)
    assert got == {("P1", "P2"): (8, 1)}  # 2 days x 8 hours, shared by 2


def test_declined_attendees_rooms_and_alarms_do_not_take_part(tmp_path):
    room = 'ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT:mailto:kamer2@gemeente.example'
    ev = event("x", "20260105T100000", "20260105T110000", attendees=["bob", "cas"], declined=["cas"], extra=[room])
    got, df = ties([write(tmp_path, "ann.ics", ev)])
    assert got == {("P1", "P2"): (0.5, 1)}  # ann and bob: cas declined, the room and fay's alarm are no people
    assert df.attrs["unmatched_addresses"] == 0  # a room is no person: not even an unmatched one


def test_a_decline_in_any_copy_counts(tmp_path):
    organizer_copy = event("x", "20260105T100000", "20260105T110000", attendees=["bob", "cas"], declined=["cas"])
    attendee_copy = event("x", "20260105T100000", "20260105T110000", attendees=["bob", "cas"])
    got, _df = ties([write(tmp_path, "ann.ics", organizer_copy), write(tmp_path, "bob.ics", attendee_copy)])
    assert got == {("P1", "P2"): (0.5, 1)}


def test_cancelled_meetings_and_occurrences(tmp_path):
    cancelled = event("c1", "20260106T100000", "20260106T110000", attendees=["bob"], status="CANCELLED")
    series = event("s", "20260105T090000", "20260105T100000", attendees=["cas"], rrule="FREQ=WEEKLY;COUNT=3")
    one_off = event("s", "20260112T090000", "20260112T100000", attendees=["cas"], rid="20260112T090000",
                    status="CANCELLED", sequence=1)
    got, df = ties([write(tmp_path, "ann.ics", cancelled, series, one_off)])
    assert got == {("P1", "P3"): (1.0, 2)}
    assert df.attrs["skipped"]["cancelled"] == 2


def test_a_cancel_message_and_a_later_sequence_win(tmp_path):
    first = event("u", "20260105T100000", "20260105T110000", attendees=["bob"], sequence=0)
    moved = event("u", "20260105T140000", "20260105T160000", attendees=["bob", "cas"], sequence=2)
    got, _df = ties([write(tmp_path, "a.ics", first), write(tmp_path, "b.ics", moved)])
    assert got == {("P1", "P2"): (0.6667, 1), ("P1", "P3"): (0.6667, 1), ("P2", "P3"): (0.6667, 1)}
    cancel = event("u", "20260105T140000", "20260105T160000", attendees=["bob", "cas"], sequence=3)
    write(tmp_path, "c.ics", cancel, method="CANCEL")
    assert ties([tmp_path])[0] == {}


def test_an_attendee_outside_the_organisation_is_counted_never_listed(tmp_path):
    ev = event("e", "20260105T100000", "20260105T110000", attendees=["bob", "jan@partner.example"])
    path = write(tmp_path, "ann.ics", ev)
    got, df = ties([path])
    assert got == {("P1", "P2"): (round(1 / 3, 4), 1)}  # three took part
    assert df.attrs["unmatched_addresses"] == 1 and "unmatched" not in df.attrs
    assert "partner" not in repr(df.attrs) + df.to_csv()
    _got, df = ties([path], show_unmatched=True)
    assert df.attrs["unmatched"] == ["jan@partner.example"]


def test_too_many_attendees_and_too_short(tmp_path):
    crowd = [f"guest{i}@partner.example" for i in range(9)]
    big = event("big", "20260105T100000", "20260105T110000", attendees=["bob", *crowd])  # 11 participants
    short = event("short", "20260106T100000", "20260106T101000", attendees=["bob"])  # 10 minutes
    path = write(tmp_path, "ann.ics", big, short)
    got, df = ties([path])
    assert got == {}
    assert df.attrs["skipped"]["too_many_attendees"] == 1 and df.attrs["skipped"]["too_short"] == 1
    got, _df = ties([path], max_attendees=11, min_minutes=10)
    assert got == {("P1", "P2"): (round(1 / 11 + 10 / 60 / 2, 4), 2)}


def test_the_same_meeting_in_several_exports_counts_once(tmp_path):
    series = event("s", "20260105T100000", "20260105T110000", attendees=["bob", "cas"], rrule="FREQ=WEEKLY;COUNT=4")
    moved = event("s", "20260113T100000", "20260113T110000", attendees=["bob", "cas"], rid="20260112T100000")
    one = ties([write(tmp_path, "shared.ics", series, moved)])[0]
    (tmp_path / "exports").mkdir()
    for name in ("ann", "bob", "cas"):
        write(tmp_path / "exports", f"{name}.ics", series, moved)
    got, df = ties([tmp_path / "exports"])
    assert got == one == {k: (round(4 / 3, 4), 4) for k in (("P1", "P2"), ("P1", "P3"), ("P2", "P3"))}
    assert df.attrs["events_read"] == 6 and df.attrs["duplicates"] == 4


def test_events_without_uid_are_matched_on_their_time_and_organiser(tmp_path):
    ev = event(None, "20260105T100000", "20260105T110000", attendees=["bob"])
    got, _df = ties([write(tmp_path, "ann.ics", ev), write(tmp_path, "bob.ics", ev)])
    assert got == {("P1", "P2"): (0.5, 1)}


def test_pairs_below_the_threshold_are_dropped(tmp_path):
    ev = event("s", "20260105T100000", "20260105T110000", attendees=["bob"], rrule="FREQ=WEEKLY;COUNT=2")
    got, df = ties([write(tmp_path, "ann.ics", ev)], min_interactions=3)
    assert got == {} and df.attrs["pairs_below_threshold"] == 1
    assert list(df.columns) == ["source_id", "target_id", "kind", "weight", "interactions", "source"]


def test_aliases_and_case_match_one_person(tmp_path):
    ev = event("a", "20260105T100000", "20260105T110000", organizer="ANN@Gemeente.Example",
               attendees=["b.oldname@gemeente.example"])
    persons = {**PERSONS, "P2": {"email": "bob@gemeente.example", "person_emails": ["b.oldname@gemeente.example"]}}
    df = ties_from_calendar([write(tmp_path, "ann.ics", ev)], persons, **PERIOD, min_interactions=1)
    assert df[["source_id", "target_id"]].values.tolist() == [["P1", "P2"]]


def test_nothing_about_a_meeting_leaves_the_function(tmp_path):
    ev = event("secret-uid-42", "20260105T100000", "20260105T110000", attendees=["bob"], rrule="FREQ=DAILY;COUNT=3")
    _got, df = ties([write(tmp_path, "ann.ics", ev)], show_unmatched=True)
    everything = df.to_csv() + repr(df.attrs)
    for secret in (SECRET, "secret-uid-42", "Stadhuis", "2026-01-05", "10:00", "@"):
        assert secret not in everything


def test_malformed_files_are_listed_with_file_and_line(tmp_path):
    (tmp_path / "empty.ics").write_bytes(b"")
    (tmp_path / "notes.ics").write_bytes(b"\r\nDear all,\r\nsee you\r\n")
    (tmp_path / "latin1.ics").write_bytes(calendar(event("l", "20260105T100000", "20260105T110000",
                                                         attendees=["bob"], summary="Caf\xe9")).replace(b"\xc3\xa9", b"\xe9"))
    (tmp_path / "open.ics").write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:o\r\nEND:VCALENDAR\r\n")
    bad_value = event("v", "2026010XT100000", "20260105T110000", attendees=["bob"])
    write(tmp_path, "value.ics", bad_value)
    backwards = event("w", "20260105T110000", "20260105T100000", attendees=["bob"])
    write(tmp_path, "backwards.ics", backwards)
    rule = event("r", "20260105T100000", "20260105T110000", attendees=["bob"], rrule="FREQ=SOMETIMES")
    write(tmp_path, "rule.ics", rule)
    with pytest.raises(ValidationError) as err:
        ties_from_calendar([tmp_path], PERSONS, **PERIOD)
    got = [str(p).replace(f"{tmp_path}/", "") for p in err.value.problems]
    assert got == [
        "backwards.ics:12: DTEND is before DTSTART",
        "empty.ics:1: empty file; expected an iCalendar export (BEGIN:VCALENDAR)",
        "latin1.ics:7: not UTF-8 text (byte 0xe9); iCalendar files are UTF-8: export the calendar again",
        "notes.ics:2: not an iCalendar file: it does not start with BEGIN:VCALENDAR",
        "open.ics:4: END:VCALENDAR where END:VEVENT (opened at line 2) was expected",
        "rule.ics:13: RRULE: Expected frequency, got: SOMETIMES",
        "value.ics:11: DTSTART: Wrong datetime format: 2026010XT100000",
    ], got
    assert "Traceback" not in str(err.value)


def test_a_broken_attendee_line_names_its_line_not_the_address(tmp_path):
    bad = event("b", "20260105T100000", "20260105T110000", attendees=["bob"],
                extra=['ATTENDEE;CN="Cas:mailto:cas@gemeente.example'])
    path = write(tmp_path, "ann.ics", bad)
    with pytest.raises(ValidationError) as err:
        ties_from_calendar([path], PERSONS, **PERIOD)
    (problem,) = err.value.problems
    assert problem.row == 16 and "cas@gemeente.example" not in str(problem)


def test_a_period_is_required_and_checked(tmp_path):
    path = write(tmp_path, "ann.ics", event("a", "20260105T100000", "20260105T110000", attendees=["bob"]))
    with pytest.raises(OptionError):
        ties_from_calendar([path], PERSONS, start=None, end="2026-02-01")
    with pytest.raises(OptionError):
        ties_from_calendar([path], PERSONS, start="2026-02-01", end="2026-01-01")
    with pytest.raises(OptionError):
        ties_from_calendar([path], PERSONS, **PERIOD, timezone="Mars/Olympus")


# -- property: the weight of a pair does not depend on whose export a meeting came from ----------

NAMES = ["ann", "bob", "cas", "dee", "jan@partner.example"]


@st.composite
def meetings(draw):
    out = []
    for i in range(draw(st.integers(1, 6))):
        people = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=5, unique=True))
        day = dt.datetime(2026, 1, 5, 8) + dt.timedelta(days=draw(st.integers(0, 80)), minutes=30 * draw(st.integers(0, 16)))
        minutes = draw(st.sampled_from([10, 30, 45, 60, 90]))
        weekly = draw(st.booleans())
        declined = draw(st.lists(st.sampled_from(people[1:]), unique=True, max_size=1)) if len(people) > 2 else []
        out.append((f"m{i}", people, day, minutes, weekly, declined))
    return out


def _copy(m, utc: bool) -> str:
    uid, people, start, minutes, weekly, declined = m
    end = start + dt.timedelta(minutes=minutes)
    if utc and not weekly:  # a series keeps its zone; a single meeting may be written in UTC
        from zoneinfo import ZoneInfo

        z = ZoneInfo("Europe/Amsterdam")
        s, e = (t.replace(tzinfo=z).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") for t in (start, end))
    else:
        s, e = start.strftime("%Y%m%dT%H%M%S"), end.strftime("%Y%m%dT%H%M%S")
    return event(uid, s, e, organizer=people[0], attendees=people[1:], declined=declined,
                 rrule="FREQ=WEEKLY;COUNT=3" if weekly else None)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ms=meetings(), data=st.data())
def test_weights_do_not_depend_on_whose_export_a_meeting_came_from(tmp_path_factory, ms, data):
    shared = tmp_path_factory.mktemp("shared")
    write(shared, "all.ics", *(_copy(m, utc=False) for m in ms))
    per_person = tmp_path_factory.mktemp("exports")
    files: dict[str, list[str]] = {}
    for m in ms:
        holders = data.draw(st.lists(st.sampled_from([p for p in m[1] if "@" not in p] or m[1][:1]), min_size=1,
                                     unique=True))
        for h in holders:
            files.setdefault(h, []).append(_copy(m, utc=data.draw(st.booleans())))
    for h, evs in files.items():
        write(per_person, f"{h.split('@')[0]}.ics", *evs)
    a = ties_from_calendar([shared], PERSONS, **PERIOD)
    b = ties_from_calendar([per_person], PERSONS, **PERIOD)
    assert a.to_dict("records") == b.to_dict("records")
    for k in ("meetings", "counted", "skipped", "unmatched_addresses"):
        assert a.attrs[k] == b.attrs[k]
