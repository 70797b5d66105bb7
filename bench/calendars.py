"""A year of calendars for N staff, and how long ``ties_from_calendar`` takes on them (issue 17).

    python bench/calendars.py                 # 3,000 staff, one year (target: under a minute)
    python bench/calendars.py --quick         # 100 staff, a smoke run (tests/test_bench_calendars.py), ~15 s
    python bench/calendars.py --staff 500 --seed 2 --out /tmp/cal

Generates one iCalendar export per person, as Outlook writes them (deterministic for a
seed; see bench/README.md for what is in them), then times in the same run:

- the baseline: icalendar parsing the same files (``Calendar.from_ical``), nothing else
  (above 500 staff, and in --quick, every 20th / 5th file, scaled to all of them);
- ``kgraph.collect.ties_from_calendar`` end to end (reading, expanding, counting).

and prints both, their ratio, the counts, and PASS / FAIL for the target (under 60 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import time
from pathlib import Path

# (not calendar.py: the scripts in bench/ run with bench/ on sys.path, and a calendar.py
# there would shadow the standard library's calendar module, which pandas imports)
HERE = Path(__file__).resolve().parent

YEAR = 2026
TARGET_SECONDS = 60.0
DOMAIN = "lindenhoven.example"
TZID = "W. Europe Standard Time"
#: where each export writes the time it was made: copies of a meeting in two exports differ there
STAMP = "{{DTSTAMP}}"
VTIMEZONE = "\r\n".join([
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE"])
_AMS = None


def _ams():
    global _AMS
    if _AMS is None:
        from zoneinfo import ZoneInfo

        _AMS = ZoneInfo("Europe/Amsterdam")
    return _AMS


def fold(line: str) -> str:
    """RFC 5545 folding at 75 characters."""
    if len(line) <= 75:
        return line
    parts = [line[:75]]
    rest = line[75:]
    while rest:
        parts.append(" " + rest[:74])
        rest = rest[74:]
    return "\r\n".join(parts)


class Org:
    """Staff in teams of 6–12, teams in departments of 4–9, a lead per team and a head per department."""

    def __init__(self, staff: int, rnd: random.Random):
        self.ids = [f"P{i:05d}" for i in range(1, staff + 1)]
        self.address = {p: f"{p.lower()}@{DOMAIN}" for p in self.ids}
        # 5 % write from an older address (an alias in the persons table), 3 % in capitals
        self.alias = {p: f"medewerker.{p[1:]}@{DOMAIN}" for p in self.ids if rnd.random() < 0.05}
        self.shown = {p: self.alias.get(p) or (self.address[p].upper() if rnd.random() < 0.03 else self.address[p])
                      for p in self.ids}
        self.utc_style = {p for p in self.ids if rnd.random() < 0.2}  # exports single meetings in UTC, not TZID
        self.teams: list[list[str]] = []
        i = 0
        while i < staff:
            n = min(rnd.randint(6, 12), staff - i)
            self.teams.append(self.ids[i:i + n])
            i += n
        self.departments: list[list[int]] = []
        t = 0
        while t < len(self.teams):
            n = min(rnd.randint(4, 9), len(self.teams) - t)
            self.departments.append(list(range(t, t + n)))
            t += n

    def persons(self) -> dict[str, dict]:
        return {p: {"email": self.address[p], **({"person_emails": [self.alias[p]]} if p in self.alias else {})}
                for p in self.ids}


def _weekday(rnd: random.Random, week: int, hour_lo: int = 9, hour_hi: int = 16) -> dt.datetime:
    day = dt.date(YEAR, 1, 5) + dt.timedelta(weeks=week, days=rnd.randint(0, 4))
    return dt.datetime(day.year, day.month, day.day, rnd.randint(hour_lo, hour_hi), rnd.choice((0, 30)))


def meetings(org: Org, rnd: random.Random):
    """Every meeting of the year: dicts with uid, organizer, attendees, start, minutes, rule, ..."""
    uid = iter(range(1, 10**9))

    def m(organizer, attendees, start, minutes, **kw):
        return {"uid": f"{next(uid):08d}-bench@{DOMAIN}", "organizer": organizer, "attendees": attendees,
                "start": start, "minutes": minutes, **kw}

    for ti, team in enumerate(org.teams):
        lead = team[0]
        start = _weekday(rnd, 0)
        weeks = sorted(rnd.sample(range(1, 50), 5))
        yield m(lead, team[1:], start, 60, rule="FREQ=WEEKLY;INTERVAL=1", room=True,
                exdates=[start + dt.timedelta(weeks=w) for w in weeks[:2]],
                moved=[(start + dt.timedelta(weeks=w), start + dt.timedelta(weeks=w, days=1, hours=-1)) for w in weeks[2:4]],
                cancelled=[start + dt.timedelta(weeks=weeks[4])], decline=0.03, title=f"Teamoverleg {ti}")
        for member in team[1:]:  # one-to-ones every other week
            yield m(lead, [member], _weekday(rnd, 0), 30, rule="FREQ=WEEKLY;INTERVAL=2", title="1-op-1")
        if rnd.random() < 0.2:  # a ten-minute stand-up: too short to count
            yield m(lead, team[1:], dt.datetime(YEAR, 1, 5, 9, 0), 10, rule="FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
                    title="Stand-up")
        day = dt.date(YEAR, rnd.randint(3, 10), rnd.randint(1, 28))  # the team day: all day
        yield m(lead, team[1:], day, 0, all_day=1, title="Heidag")
    for di, dept in enumerate(org.departments):
        leads = [org.teams[t][0] for t in dept]
        members = [p for t in dept for p in org.teams[t]]
        yield m(leads[0], leads[1:], _weekday(rnd, 0), 90, rule="FREQ=WEEKLY;INTERVAL=1", title="MT", decline=0.05)
        yield m(leads[0], [p for p in members if p != leads[0]], dt.datetime(YEAR, 1, 6, 15, 0), 60,
                rule="FREQ=MONTHLY;BYDAY=1TU", title=f"Afdelingsoverleg {di}", decline=0.1)  # large: skipped
    for _ in range(len(org.ids) // 12):  # projects: 4–8 people, mostly within a department
        dept = rnd.choice(org.departments)
        pool = [p for t in dept for p in org.teams[t]] if rnd.random() < 0.7 else org.ids
        team = rnd.sample(pool, min(len(pool), rnd.randint(4, 8)))
        start = _weekday(rnd, rnd.randint(0, 30))
        yield m(team[0], team[1:], start, 60, rule=f"FREQ=WEEKLY;INTERVAL=2;COUNT={rnd.randint(6, 20)}",
                title="Projectoverleg", decline=0.05)
    for person in org.ids:  # one-off meetings: about six organised per person per year
        home = next(t for t in org.teams if person in t)
        for _ in range(rnd.randint(3, 9)):
            others = [p for p in home if p != person]
            k = min(len(others), rnd.randint(1, 5))
            guests = rnd.sample(others, k) if rnd.random() < 0.6 else rnd.sample(org.ids, k)
            guests = [g for g in guests if g != person]
            ext = [f"extern{rnd.randint(1, 400)}@partner{rnd.randint(1, 40)}.example"] if rnd.random() < 0.1 else []
            yield m(person, guests, _weekday(rnd, rnd.randint(0, 50)), rnd.choice((30, 45, 60, 90)),
                    external=ext, decline=0.1, status="CANCELLED" if rnd.random() < 0.03 else None,
                    title="Overleg")
    for k in range(4):  # all staff: a distribution list, not a list of people
        yield m(org.ids[0], [], dt.datetime(YEAR, 3 * k + 2, 10, 16, 0), 60, group=f"allestaff@{DOMAIN}",
                title="Personeelsbijeenkomst")


def _when(name: str, t, utc: bool) -> str:
    if isinstance(t, dt.date) and not isinstance(t, dt.datetime):
        return f"{name};VALUE=DATE:{t:%Y%m%d}"
    if utc:
        return f"{name}:{t.replace(tzinfo=_ams()).astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}"
    return f"{name};TZID={TZID}:{t:%Y%m%dT%H%M%S}"


def render(org: Org, mt: dict, *, organizer_copy: bool, utc: bool, declined: set, override=None) -> str:
    """One copy of a meeting (or of a changed occurrence) as Outlook exports it."""
    start, minutes, status, seq = mt["start"], mt["minutes"], mt.get("status"), 0
    utc = utc and not mt.get("rule")  # a series keeps its zone (in UTC it would not follow summer time)
    lines = ["BEGIN:VEVENT", f"UID:{mt['uid']}"]
    if override is not None:
        rid, new_start, cancelled = override
        lines.append(_when("RECURRENCE-ID", rid, utc))
        start, seq = new_start, 1
        status = "CANCELLED" if cancelled else status
    lines += ["DTSTAMP:" + STAMP, fold(f"SUMMARY;LANGUAGE=nl-NL:{mt['title']}"),
              fold("DESCRIPTION;LANGUAGE=nl-NL:Beste collega's,\\n\\nHierbij de uitnodiging. De agenda volgt."
                   "\\n\\nMicrosoft Teams-vergadering: https://teams.example/l/meetup-join/19%3ameeting"
                   + mt["uid"].replace("@", "%40") + "\\n"),
              "LOCATION:Stadhuis\\, kamer 2.14" if mt.get("room") else "LOCATION:Microsoft Teams"]
    if mt.get("all_day"):
        lines += [_when("DTSTART", start, utc), _when("DTEND", start + dt.timedelta(days=mt["all_day"]), utc)]
    else:
        lines += [_when("DTSTART", start, utc), _when("DTEND", start + dt.timedelta(minutes=minutes), utc)]
    if override is None and mt.get("rule"):
        lines.append("RRULE:" + mt["rule"])
        for x in mt.get("exdates", ()):
            lines.append(_when("EXDATE", x, utc))
    lines += [f"SEQUENCE:{seq}", "CLASS:PUBLIC", "PRIORITY:5", "TRANSP:OPAQUE", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
              "X-MICROSOFT-CDO-IMPORTANCE:1", "X-MICROSOFT-DISALLOW-COUNTER:FALSE"]
    if status:
        lines.append("STATUS:" + status)
    lines.append(fold(f'ORGANIZER;CN="{mt["organizer"]}":mailto:{org.shown[mt["organizer"]]}'))
    for p in mt["attendees"]:
        state = ("DECLINED" if p in declined else "ACCEPTED") if organizer_copy else "NEEDS-ACTION"
        lines.append(fold(f'ATTENDEE;CN="{p}";ROLE=REQ-PARTICIPANT;PARTSTAT={state};RSVP=TRUE:mailto:{org.shown[p]}'))
    for a in mt.get("external", ()):
        lines.append(fold(f"ATTENDEE;CN={a};ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{a}"))
    if mt.get("group"):
        lines.append(fold(f'ATTENDEE;CUTYPE=GROUP;CN="Alle medewerkers";ROLE=REQ-PARTICIPANT:mailto:{mt["group"]}'))
    if mt.get("room"):
        lines.append(fold(f"ATTENDEE;CUTYPE=ROOM;CN=Kamer 2.14;ROLE=NON-PARTICIPANT:mailto:kamer214@{DOMAIN}"))
    lines += ["BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Herinnering", "END:VALARM", "END:VEVENT"]
    return "\r\n".join(lines)


def generate(out: Path, staff: int, seed: int) -> dict:
    """Write one ``.ics`` per person to ``out``; return the persons and what was written."""
    rnd = random.Random(seed)
    org = Org(staff, rnd)
    per_person: dict[str, list[str]] = {p: [] for p in org.ids}
    n_meetings = 0
    for mt in meetings(org, rnd):
        n_meetings += 1
        declined = {p for p in mt["attendees"] if rnd.random() < mt.get("decline", 0)}
        copies = {}
        parts = [None, *[(r, s, False) for r, s in mt.get("moved", ())], *[(r, r, True) for r in mt.get("cancelled", ())]]
        for holder in [mt["organizer"], *mt["attendees"]]:
            if holder in declined:  # Outlook removes a declined meeting from the decliner's calendar
                continue
            style = (holder == mt["organizer"], holder in org.utc_style)
            if style not in copies:  # the copies of one style are the same text: render once
                copies[style] = "\r\n".join(render(org, mt, organizer_copy=style[0], utc=style[1], declined=declined,
                                                   override=o) for o in parts)
            per_person[holder].append(copies[style])
    for p in org.ids:  # personal all-day events without attendees: leave, training
        for _ in range(rnd.randint(5, 15)):
            day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rnd.randint(0, 360))
            per_person[p].append(render(org, {"uid": f"{p}-{day:%Y%m%d}-vrij@{DOMAIN}", "organizer": p, "attendees": [],
                                              "start": day, "minutes": 0, "all_day": 1, "title": "Vrij"},
                                        organizer_copy=True, utc=False, declined=set()))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    size = events = 0
    for i, p in enumerate(org.ids):
        body = "\r\n".join(["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
                            "VERSION:2.0", "METHOD:PUBLISH", "X-WR-CALNAME:Agenda", VTIMEZONE,
                            *per_person[p], "END:VCALENDAR", ""])
        events += body.count("BEGIN:VEVENT")
        stamp = (dt.datetime(YEAR + 1, 1, 4, 8) + dt.timedelta(seconds=7 * i)).strftime("%Y%m%dT%H%M%SZ")
        data = body.replace(STAMP, stamp).encode("utf-8")
        size += len(data)
        (out / f"{p}.ics").write_bytes(data)
    return {"persons": org.persons(), "files": len(org.ids), "meetings": n_meetings, "events": events, "bytes": size}


_BASELINE = """
import sys, time, icalendar
files = sys.argv[1:]
t = time.perf_counter()
for f in files:
    with open(f, "rb") as fh:
        icalendar.Calendar.from_ical(fh.read())
print(time.perf_counter() - t)
"""


def baseline(files: list[Path], sample: int) -> tuple[float, int]:
    """Seconds icalendar takes to parse ``files`` (every ``sample``-th file, scaled to all).

    In its own process: icalendar keeps the time zones it has parsed for the whole
    process, and the VTIMEZONE of these files would then slow down the measured run.
    """
    import subprocess

    chosen = files[::sample]
    out = subprocess.run([sys.executable, "-c", _BASELINE, *map(str, chosen)], capture_output=True, text=True,
                         check=True).stdout
    return float(out.strip().splitlines()[-1]) * len(files) / len(chosen), len(chosen)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--staff", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="100 staff (a smoke run)")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "calendar")
    args = ap.parse_args(argv)
    staff = 100 if args.quick else args.staff
    from kgraph.collect import ties_from_calendar

    out = args.out / f"staff{staff}-seed{args.seed}"
    t = time.perf_counter()
    info = generate(out, staff, args.seed)
    t_gen = time.perf_counter() - t
    files = sorted(out.glob("*.ics"))
    sample = 5 if args.quick else (1 if staff <= 500 else 20)
    t_base, parsed = baseline(files, sample)
    t, cpu = time.perf_counter(), time.process_time()
    df = ties_from_calendar([out], info["persons"], start=f"{YEAR}-01-01", end=f"{YEAR + 1}-01-01")
    t_ours, cpu_ours = time.perf_counter() - t, time.process_time() - cpu
    a = df.attrs
    print(f"## Calendars of {staff:,} staff, {YEAR} (seed {args.seed})\n")
    print("| step | seconds | notes |")
    print("|---|---|---|")
    print(f"| generate | {t_gen:.1f} | {info['files']:,} files, {info['bytes'] / 1e6:.0f} MB, "
          f"{info['meetings']:,} meetings, {info['events']:,} events in all exports |")
    scaled = f" ({parsed:,} of {len(files):,} files parsed, scaled)" if sample > 1 else ""
    print(f"| baseline: icalendar parses the files | {t_base:.1f} | Calendar.from_ical only{scaled} |")
    print(f"| ties_from_calendar, end to end | {t_ours:.1f} | {t_ours / t_base:.2f} x the baseline "
          f"({cpu_ours:.1f} s of CPU) |")
    skipped = ", ".join(f"{k} {v:,}" for k, v in a["skipped"].items())
    print(f"\ncounts: {a['events_read']:,} events read ({a['duplicates']:,} copies of a meeting already read), "
          f"{a['meetings']:,} meetings in the year, {a['counted']:,} counted; skipped: {skipped}; "
          f"{a['unmatched_addresses']:,} unmatched addresses; {a['ties']:,} ties "
          f"({a['pairs_below_threshold']:,} pairs below the threshold)")
    verdict = "PASS" if t_ours < TARGET_SECONDS else "FAIL"
    print(f"\ntarget: ties_from_calendar for {staff:,} staff under {TARGET_SECONDS:.0f} s: {verdict} ({t_ours:.1f} s)")
    (args.out / "results.json").write_text(json.dumps({
        "staff": staff, "seed": args.seed, "generate_s": t_gen, "baseline_s": t_base, "baseline_sampled": parsed,
        "ties_from_calendar_s": t_ours, "ties_from_calendar_cpu_s": cpu_ours, "ratio": t_ours / t_base, "counts": {k: v for k, v in a.items() if k != "unmatched"},
        **{k: info[k] for k in ("files", "meetings", "events", "bytes")}}, indent=2), encoding="utf-8")
    return 0 if (verdict == "PASS" or args.quick) else 1


if __name__ == "__main__":
    sys.exit(main())
