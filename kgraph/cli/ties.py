"""Ties from how people already work: ``kgraph ties from-calendar`` and ``kgraph ties from-mail``.

Thin commands over :func:`kgraph.ties_from_calendar`, :func:`kgraph.ties_from_mail`,
:func:`kgraph.write_ties` and :func:`kgraph.import_ties`; the persons and their
addresses come from the store.
"""

from __future__ import annotations

import datetime as dt

import click

from .. import collect
from ..errors import InputError
from ..i18n import N_, _, format_count, ngettext
from ._common import check_date, counted, format_option, group, open_graph, progress_bar, render, store_option, summary

#: why a meeting or a message was not counted (``attrs["skipped"]`` of the collectors)
_SKIPPED = {"cancelled": N_("cancelled"), "all_day": N_("all day"), "too_short": N_("too short"),
            "too_many_attendees": N_("too many attendees"), "no_pair": N_("no pair of persons"),
            "no_date": N_("no date"), "too_many_recipients": N_("too many recipients"), "no_sender": N_("no sender")}
#: the name of each source in the summary
_SOURCES = {"calendar": N_("calendar"), "mail": N_("mail")}


@group()
def ties():
    """Collaboration ties from calendars and mail headers (passive collection).

    Reads who met or wrote to whom, matches the addresses to the persons in
    the store, and keeps only the counted ties of pairs above the thresholds:
    no subject, body, time or attendee list is kept. Before you run this on
    real staff data, read the privacy section of the README (legal basis,
    DPIA, works council).

    \b
    Examples:
      kgraph ties from-calendar exports/ --from 2026-01-01 --to 2027-01-01 -o ties.csv
      kgraph ties from-mail mailboxes/ --max-recipients 5 --import
    """


def _common_options(f):
    """The options both subcommands share (applied bottom-up)."""
    for deco in reversed([
        click.argument("files", nargs=-1, required=True, type=click.Path(exists=True)),
        click.option("--from", "start", default=None, metavar="YYYY-MM-DD", callback=check_date,
                     help=N_("First day of the period (default: a year before --to).")),
        click.option("--to", "end", default=None, metavar="YYYY-MM-DD", callback=check_date,
                     help=N_("First day after the period (default: today).")),
        click.option("--min-interactions", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
                     help=N_("Keep a pair only with at least this many meetings or messages in the period.")),
        click.option("--person-emails", type=click.Path(exists=True, dir_okay=False), default=None, metavar="FILE.csv",
                     help=N_("CSV person_id,email (medewerker_id,email) with further addresses of persons.")),
        click.option("--show-unmatched", is_flag=True,
                     help=N_("List the addresses that matched no person (on stderr); by default they are only "
                             "counted.")),
        click.option("--timezone", default="Europe/Amsterdam", show_default=True, metavar="ZONE",
                     help=N_("Time zone of the period and of times without a zone.")),
        click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None, metavar="FILE.csv",
                     help=N_("Write the ties as a ties.csv in the input format (to review, then import as usual).")),
        click.option("--import", "do_import", is_flag=True,
                     help=N_("Put the ties straight into the store, replacing those imported before from the same "
                             "source.")),
        store_option(privacy=False),
        format_option,
    ]):
        f = deco(f)
    return f


def _period(start: str | None, end: str | None) -> tuple[str, str]:
    to = end or dt.date.today().isoformat()
    if start:
        return start, to
    try:
        d = dt.date.fromisoformat(to)
    except ValueError:
        return to, to  # the library reports the bad date
    try:
        return d.replace(year=d.year - 1).isoformat(), to
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28).isoformat(), to


def _run(source: str, gather, files, start, end, out, do_import, fmt, store, database, **options):
    if out and do_import:
        raise click.UsageError(_("give -o FILE or --import, not both"))
    start, end = _period(start, end)
    with open_graph(store, database) as kg:
        persons = kg.store.nodes("Person")
        if not persons:
            raise InputError(_("the store holds no persons to match addresses to"),
                                    hint=_("import your organisation first: kgraph import my-org/"))
        df = gather(list(files), persons, start=start, end=end, progress=progress_bar(source), **options)
        a = df.attrs
        for address in a.get("unmatched") or []:
            click.echo(_("unmatched: {address}").format(address=address), err=True)
        done = ""
        if out:
            collect.write_ties(df, out)
            done = _("; written to {file}").format(file=out)
        elif do_import:
            result = collect.import_ties(kg, df, source=source, as_of=min(end, dt.date.today().isoformat()))
            done = "; " + result.summary()
        else:
            render(df, fmt)
    skipped = ", ".join(f"{_(_SKIPPED[k]) if k in _SKIPPED else k} {format_count(v)}"
                        for k, v in a["skipped"].items() if v)
    if source == "calendar":
        what = counted(ngettext("{n} event", "{n} events", a["events_read"]), a["events_read"]) + ", " + \
            counted(ngettext("{n} meeting in the period", "{n} meetings in the period", a["meetings"]), a["meetings"])
    else:
        what = counted(ngettext("{n} message", "{n} messages", a["messages_read"]), a["messages_read"]) + \
            ", " + _("{n} in the period").format(n=format_count(a["messages"]))
    what += ", " + _("{n} counted").format(n=format_count(a["counted"]))
    n_unmatched = a["unmatched_addresses"]
    unmatched = ""
    if n_unmatched:
        unmatched = "; " + counted(ngettext("{n} address matched no person", "{n} addresses matched no person",
                                            n_unmatched), n_unmatched)
        if not options["show_unmatched"]:
            unmatched += " " + _("(--show-unmatched lists them)")
    summary(_("{source} {start} to {end}: {files}, {what}{skipped}; {ties} (at least {n} each){unmatched}{done}").format(
        source=_(_SOURCES[source]), start=start, end=end,
        files=counted(ngettext("{n} file", "{n} files", a["files"]), a["files"]), what=what,
        skipped=_(" (skipped: {reasons})").format(reasons=skipped) if skipped else "",
        ties=counted(ngettext("{n} tie", "{n} ties", a["ties"]), a["ties"]), n=options["min_interactions"],
        unmatched=unmatched, done=done))


@ties.command("from-calendar")
@_common_options
@click.option("--max-attendees", type=click.IntRange(min=2), default=10, show_default=True, metavar="N",
              help=N_("Skip meetings with more participants than this."))
@click.option("--min-minutes", type=click.IntRange(min=0), default=15, show_default=True, metavar="N",
              help=N_("Skip meetings shorter than this."))
@click.option("--all-day-minutes", type=click.IntRange(min=1), default=None, metavar="N",
              help=N_("Count all-day events, each day as this many minutes (default: skip them)."))
def from_calendar(files, start, end, min_interactions, person_emails, show_unmatched, timezone, out, do_import, store,
                  database, fmt, max_attendees, min_minutes, all_day_minutes):
    """Collaboration ties from shared meetings in iCalendar exports (FILES: .ics files or folders).

    A meeting adds its length in hours divided by its number of participants
    to every pair of persons in it; recurring meetings are expanded within the
    period; declined invitations, cancelled meetings and rooms do not count.
    Calls kgraph.ties_from_calendar.

    \b
    Examples:
      kgraph ties from-calendar exports/ --from 2026-01-01 --to 2027-01-01 -o ties.csv
      kgraph ties from-calendar agenda.ics --person-emails person_emails.csv --import
    """
    _run("calendar", collect.ties_from_calendar, files, start, end, out, do_import, fmt, store, database,
         min_interactions=min_interactions, person_emails=person_emails, show_unmatched=show_unmatched,
         timezone=timezone, max_attendees=max_attendees, min_minutes=min_minutes, all_day_minutes=all_day_minutes)


@ties.command("from-mail")
@_common_options
@click.option("--max-recipients", type=click.IntRange(min=1), default=10, show_default=True, metavar="N",
              help=N_("Skip messages to more recipients (To and Cc) than this."))
def from_mail(files, start, end, min_interactions, person_emails, show_unmatched, timezone, out, do_import, store,
              database, fmt, max_recipients):
    """Ties from mail headers: messages exchanged between two persons (FILES: mbox or .eml files, or folders).

    Reads From, To, Cc and Date only; subjects and bodies are never read.
    Calls kgraph.ties_from_mail.

    \b
    Examples:
      kgraph ties from-mail archive.mbox --from 2026-01-01 --to 2026-07-01 -o ties.csv
      kgraph ties from-mail mailboxes/ --max-recipients 5 --import
    """
    _run("mail", collect.ties_from_mail, files, start, end, out, do_import, fmt, store, database,
         min_interactions=min_interactions, person_emails=person_emails, show_unmatched=show_unmatched,
         timezone=timezone, max_recipients=max_recipients)
