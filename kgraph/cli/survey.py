"""The network and knowledge survey: ``kgraph survey create / status / close / import / waves``."""

from __future__ import annotations

import os

import click

from ..app import survey as appsurvey
from ..i18n import N_, _, format_number, ngettext
from ..textsafe import csv_safe
from ..vocabulary import value_label
from ._common import check_date, counted, format_option, group, open_graph, render, store_option, summary

_WAVE = click.option("--wave", required=True, metavar="YYYY-MM-DD", callback=check_date, help=N_("The wave: its date."))


@group("survey")
def survey() -> None:
    """The network and knowledge survey: personal links, response rates, closing a wave.

    A wave invites every person present on its date with a personal link to
    the form on the intranet (kgraph serve): who they go to for advice, work
    with and are kept informed by, their level on the knowledge their team
    needs, and what their team lacks. Closing the wave turns the answers into
    ties, skills and needs dated to the wave. See docs/web.md.

    \b
    Examples:
      kgraph survey create --wave 2026-12-01 -o links.csv --url https://kgraph.intranet.example
      kgraph survey status --by department
      kgraph survey close --wave 2026-12-01
    """


@survey.command("create")
@_WAVE
@click.option("--questions", default=None, metavar="LIST", help=N_("What the wave asks: ties,skills,needs (default all)."))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), metavar="FILE.csv",
              help=N_("CSV file for a mail merge: person_id, name, email, url (readable by you only)."))
@click.option("--url", default=None, metavar="URL", help=N_("The intranet's address (env KGRAPH_BASE_URL)."))
@click.option("--person", "persons", multiple=True, metavar="PERSON",
              help=N_("Only this person (id, name or part of it; repeatable): a new link, the old one stops working."))
@click.option("--reissue", is_flag=True, help=N_("New links for everyone (the old ones stop working)."))
@store_option(privacy=False)
def create(wave, questions, out, url, persons, reissue, store, database):
    """Open a wave and write one personal link per present person. Calls kgraph.survey_create.

    Each link holds a 128-bit token that the store keeps only as a hash: this
    file is the only copy. Running it again for an open wave makes links for
    persons who have none yet (e.g. new staff).

    \b
    Examples:
      kgraph survey create --wave 2026-12-01 -o links.csv
      kgraph survey create --wave 2026-12-01 --person P0150 -o new-link.csv
    """
    if os.path.exists(out):
        raise click.UsageError(_("{file} exists: it may hold the only copy of earlier links; choose another file").format(
            file=out))
    with open_graph(store, database) as kg:
        df = appsurvey.survey_create(kg, wave, questions=questions, url=url, persons=list(persons) or None,
                                     reissue=reissue)
        import csv

        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(list(df.columns))
            for row in df.itertuples(index=False):
                w.writerow([csv_safe("" if v is None else v) for v in row])
        a = df.attrs
        summary(_("wave {wave} ({questions}): {links} written to {file}; {persons} invited in all").format(
            wave=a["wave"], questions=", ".join(value_label("questions", q) for q in a["questions"]),
            links=counted(ngettext("{n} new link", "{n} new links", len(df)), len(df)), file=out,
            persons=counted(ngettext("{n} person", "{n} persons", a["invited"]), a["invited"])))


@survey.command("status")
@click.option("--wave", default=None, metavar="YYYY-MM-DD", callback=check_date,
              help=N_("The wave (default: the latest)."))
@click.option("--by", type=click.Choice(["team", "department"]), default="team", show_default=True,
              help=N_("Response rate per home team or per department."))
@store_option(privacy=False)
@format_option
def status(wave, by, store, database, fmt):
    """Response rate per team or department; groups smaller than the minimum group
    size are merged. Calls kgraph.survey_status.

    \b
    Examples:
      kgraph survey status --by department --format csv
    """
    with open_graph(store, database) as kg:
        df = appsurvey.survey_status(kg, wave=wave, by=by)
        render(df, fmt)
        total = df.iloc[-1]
        rate = _("withheld") if total["response_rate"] is None else f"{format_number(total['response_rate'])}%"
        summary(_("wave {wave} ({status}): response rate {rate}; groups smaller than {n} merged").format(
            wave=df.attrs["wave"], status=value_label("status", df.attrs["status"]), rate=rate,
            n=df.attrs["min_group_size"]))


@survey.command("close")
@_WAVE
@click.option("--dry-run", is_flag=True, help=N_("Only say what closing would change."))
@store_option(privacy=False)
@format_option
def close(wave, dry_run, store, database, fmt):
    """Close a wave: its answers become ties, skills and needs dated to it, through
    the import's validation; its links stop working. Calls kgraph.survey_close.

    \b
    Examples:
      kgraph survey close --wave 2026-12-01 --dry-run
      kgraph survey close --wave 2026-12-01
    """
    with open_graph(store, database) as kg:
        df = appsurvey.survey_close(kg, wave, dry_run=dry_run)
        _report(df, fmt, _("wave {wave} would change") if dry_run else _("wave {wave} closed"))


@survey.command("import")
@click.argument("responses", type=click.Path(dir_okay=False))
@_WAVE
@click.option("--dry-run", is_flag=True, help=N_("Only check the file and say what it would change."))
@store_option(privacy=False)
@format_option
def import_(responses, wave, dry_run, store, database, fmt):
    """Load the answers of another survey tool from RESPONSES.csv (columns
    respondent_id, question, answer; see docs/web.md) as a closed wave. Calls
    kgraph.survey_import.

    \b
    Examples:
      kgraph survey import responses.csv --wave 2026-12-01 --dry-run
    """
    with open_graph(store, database) as kg:
        df = appsurvey.survey_import(kg, responses, wave=wave, dry_run=dry_run)
        _report(df, fmt, _("wave {wave} would change") if dry_run else _("wave {wave} imported"))


def _report(df, fmt: str, done: str) -> None:
    render(df, fmt)
    a = df.attrs
    for note in a["notes"]:
        click.echo(_("Note: {note}").format(note=note), err=True)
    n = a["answers"]
    summary(_("{done}: {respondents}, {ties}, {skills}, {needs}; {changes}").format(
        done=done.format(wave=a["wave"]),
        respondents=counted(ngettext("{n} respondent", "{n} respondents", a["respondents"]), a["respondents"]),
        ties=counted(ngettext("{n} tie", "{n} ties", n["ties"]), n["ties"]),
        skills=counted(ngettext("{n} skill", "{n} skills", n["skills"]), n["skills"]),
        needs=counted(ngettext("{n} need", "{n} needs", n["needs"]), n["needs"]), changes=a["summary"]))


@survey.command("waves")
@store_option(privacy=False)
@format_option
def waves(store, database, fmt):
    """List the survey waves with their questions, status and counts. Calls kgraph.survey_waves.

    \b
    Examples:
      kgraph survey waves
    """
    with open_graph(store, database) as kg:
        df = appsurvey.survey_waves(kg)
        render(df, fmt)
        summary(_("{waves} in {store}").format(waves=counted(ngettext("{n} wave", "{n} waves", len(df)), len(df)),
                                              store=kg.location))
