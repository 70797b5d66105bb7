"""Ties from how people already work: ``kgraph ties from-calendar`` and ``kgraph ties from-mail``.

Thin commands over :func:`kgraph.ties_from_calendar`, :func:`kgraph.ties_from_mail`,
:func:`kgraph.write_ties` and :func:`kgraph.import_ties`; the persons and their
addresses come from the store.
"""

from __future__ import annotations

import datetime as dt

import click

from ..i18n import _, ngettext
from .. import collect
from ..errors import InputError
from ._common import format_option, open_graph, progress_bar, render, store_option, summary


@click.group()
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
        click.option("--from", "start", default=None, metavar="DATE",
                     help="First day of the period, YYYY-MM-DD (default: a year before --to)."),
        click.option("--to", "end", default=None, metavar="DATE",
                     help="First day after the period, YYYY-MM-DD (default: today)."),
        click.option("--min-interactions", type=click.IntRange(min=1), default=3, show_default=True,
                     help="Keep a pair only with at least this many meetings or messages in the period."),
        click.option("--person-emails", type=click.Path(exists=True, dir_okay=False), default=None,
                     help="CSV person_id,email (medewerker_id,email) with further addresses of persons."),
        click.option("--show-unmatched", is_flag=True,
                     help="List the addresses that matched no person (on stderr); by default they are only counted."),
        click.option("--timezone", default="Europe/Amsterdam", show_default=True,
                     help="Time zone of the period and of times without a zone."),
        click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
                     help="Write the ties as a ties.csv in the input format (to review, then import as usual)."),
        click.option("--import", "do_import", is_flag=True,
                     help="Put the ties straight into the store, replacing those imported before from the same source."),
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
            result = collect.import_ties(kg, df, source=source)
            done = "; " + result.summary()
        else:
            render(df, fmt)
    skipped = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in a["skipped"].items() if v)
    if source == "calendar":
        what = ngettext("{n} event", "{n} events", a["events_read"]).format(n=f"{a['events_read']:,}") + ", " + \
            ngettext("{n} meeting in the period", "{n} meetings in the period", a["meetings"]).format(
                n=f"{a['meetings']:,}")
    else:
        what = ngettext("{n} message", "{n} messages", a["messages_read"]).format(n=f"{a['messages_read']:,}") + \
            ", " + _("{n} in the period").format(n=f"{a['messages']:,}")
    what += ", " + _("{n} counted").format(n=f"{a['counted']:,}")
    n_unmatched = a["unmatched_addresses"]
    unmatched = ""
    if n_unmatched:
        unmatched = "; " + ngettext("{n} address matched no person", "{n} addresses matched no person",
                                    n_unmatched).format(n=f"{n_unmatched:,}")
        if not options["show_unmatched"]:
            unmatched += " " + _("(--show-unmatched lists them)")
    summary(_("{source} {start} to {end}: {files}, {what}{skipped}; {ties} (at least {n} each){unmatched}{done}").format(
        source=source, start=start, end=end,
        files=ngettext("{n} file", "{n} files", a["files"]).format(n=f"{a['files']:,}"), what=what,
        skipped=_(" (skipped: {reasons})").format(reasons=skipped) if skipped else "",
        ties=ngettext("{n} tie", "{n} ties", a["ties"]).format(n=f"{a['ties']:,}"), n=options["min_interactions"],
        unmatched=unmatched, done=done))


@ties.command("from-calendar")
@_common_options
@click.option("--max-attendees", type=click.IntRange(min=2), default=10, show_default=True,
              help="Skip meetings with more participants than this.")
@click.option("--min-minutes", type=click.IntRange(min=0), default=15, show_default=True,
              help="Skip meetings shorter than this.")
@click.option("--all-day-minutes", type=click.IntRange(min=1), default=None,
              help="Count all-day events, each day as this many minutes (default: skip them).")
def from_calendar(files, start, end, min_interactions, person_emails, show_unmatched, timezone, out, do_import, store,
                  database, fmt, max_attendees, min_minutes, all_day_minutes):
    """Collaboration ties from shared meetings in iCalendar exports (FILES: .ics files or folders).

    A meeting adds its length in hours divided by its number of participants
    to every pair of persons in it; recurring meetings are expanded within the
    period; declined invitations, cancelled meetings and rooms do not count.
    Calls ``kgraph.ties_from_calendar``.

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
@click.option("--max-recipients", type=click.IntRange(min=1), default=10, show_default=True,
              help="Skip messages to more recipients (To and Cc) than this.")
def from_mail(files, start, end, min_interactions, person_emails, show_unmatched, timezone, out, do_import, store,
              database, fmt, max_recipients):
    """Ties from mail headers: messages exchanged between two persons (FILES: mbox or .eml files, or folders).

    Reads From, To, Cc and Date only; subjects and bodies are never read.
    Calls ``kgraph.ties_from_mail``.

    \b
    Examples:
      kgraph ties from-mail archive.mbox --from 2026-01-01 --to 2026-07-01 -o ties.csv
      kgraph ties from-mail mailboxes/ --max-recipients 5 --import
    """
    _run("mail", collect.ties_from_mail, files, start, end, out, do_import, fmt, store, database,
         min_interactions=min_interactions, person_emails=person_emails, show_unmatched=show_unmatched,
         timezone=timezone, max_recipients=max_recipients)
