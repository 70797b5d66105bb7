"""Privacy commands: privacy, aggregates, forget, person-report (see docs/privacy.md)."""

from __future__ import annotations

import json

import click

from ..app import api, rights
from ..fileout import write_text
from ..i18n import N_, _, ngettext
from ._common import _jsonable, as_of_option, command, counted, format_option, open_graph, render, store_option, summary
from .knowledge import _check_horizon


@command()
@click.option("--aggregate-only", type=click.Choice(["on", "off"]), default=None,
              help=N_("Refuse (on) or allow (off) every person-level output from this store."))
@click.option("--min-group-size", type=click.IntRange(min=1), default=None, metavar="N",
              help=N_("Store the smallest team or department an aggregate may describe (default 5)."))
@click.option("--yes", is_flag=True, help=N_("Confirm turning aggregate-only mode off."))
@store_option(privacy=False)
@format_option
def privacy(aggregate_only, min_group_size, yes, store, database, fmt):
    """Show or set the store's privacy settings (for the privacy officer).

    In aggregate-only mode every person-level command (linking-pins, who-knows,
    export, ...) is refused with exit code 8; kgraph aggregates and kgraph
    info still work, and so do forget and person-report (data subjects'
    rights). Turning the mode off needs --yes. Language and name: kgraph settings.

    \b
    Examples:
      kgraph privacy --aggregate-only on --min-group-size 5
      kgraph privacy
    """
    with open_graph(store, database) as kg:
        was_on = rights.privacy_settings(kg)["aggregate_only"]
        settings = rights.privacy_settings(
            kg, aggregate_only=None if aggregate_only is None else aggregate_only == "on",
            min_group_size=min_group_size, confirm=yes,
        )
        if was_on and not settings["aggregate_only"]:
            click.echo(_("Warning: aggregate-only mode is off: person-level output is possible again."), err=True)
        render([{"setting": k, "value": v} for k, v in settings.items()], fmt)
        changed = aggregate_only is not None or min_group_size is not None
        mode = _("aggregate-only") if settings["aggregate_only"] else _("person-level output allowed")
        summary((_("updated {store}: {mode}, minimum group size {n}") if changed else
                 _("privacy settings of {store}: {mode}, minimum group size {n}")).format(
            store=kg.location, mode=mode, n=settings["min_group_size"]))


@command()
@click.option("--by", type=click.Choice(["department", "team"]), default="department", show_default=True,
              help=N_("The units figures are given for."))
@as_of_option
@click.option("--horizon", default="12m", show_default=True, metavar="12m|2y", callback=_check_horizon,
              help=N_("Planned departures within this horizon (12m, 2y)."))
@store_option
@format_option
def aggregates(by, as_of, horizon, store, database, fmt):
    """Figures per team or department, with small groups merged.

    Persons, knowledge items held (level 3+), needs and unmet needs, planned
    departures, external contacts and brokered pairs. Units with fewer persons
    than the minimum group size are merged into one row (privacy_note says
    which). Works in aggregate-only mode.

    \b
    Examples:
      kgraph aggregates --by team --min-group-size 8 --format csv
    """
    with open_graph(store, database) as kg:
        df = api.aggregates(kg, by=by, as_of=as_of, horizon=horizon)
        render(df, fmt)
        n = kg.min_group_size
        notes = [x for x in df["privacy_note"] if x]
        unit = _("team") if by == "team" else _("department")
        tail = notes[0] if notes else (_("no team smaller than {n} persons") if by == "team" else
                                       _("no department smaller than {n} persons")).format(n=n)
        summary(_("{rows} by {unit}, minimum group size {n}; {note}").format(
            rows=counted(ngettext("{n} row", "{n} rows", len(df)), len(df)), unit=unit, n=n, note=tail))


@command()
@click.argument("person")
@click.option("--yes", "-y", is_flag=True, help=N_("Do not ask for confirmation."))
@store_option
@format_option
def forget(person, yes, store, database, fmt):
    """Remove PERSON (id or exact name) and every trace of them from the store.

    Removes the person, every relation to or from them, every signal that names
    them, and blanks every other property naming them (id, name or e-mail);
    the embedded store's file is rebuilt so no copy survives in free pages.
    Works in aggregate-only mode. Remove the person from your source files too,
    or the next import brings them back.

    \b
    Examples:
      kgraph forget P0042 --store municipality.db --yes
    """
    with open_graph(store, database) as kg:
        if not yes:
            click.confirm(_("Forget {person} and every trace of them in {store}? This cannot be undone").format(
                person=person, store=kg.location), abort=True, err=True)
        df = rights.forget(kg, person)
        render(df, fmt)
        rels = int(df.loc[df["kind"].str.isupper(), "removed"].sum())
        props = int(df.loc[df["kind"] == "property", "removed"].sum())
        recs = int(df.loc[df["kind"].str.startswith("record: "), "removed"].sum())  # accounts, survey answers
        nodes = int(df["removed"].sum()) - rels - props - recs
        records_part = _(", {records} removed").format(
            records=counted(ngettext("{n} record", "{n} records", recs), recs)) if recs else ""
        summary(_("forgot {person}: {nodes}, {relations} removed, {properties} blanked{records}; remove {person} "
                  "from the source files too, or the next import brings them back").format(
            person=person, nodes=counted(ngettext("{n} node", "{n} nodes", nodes), nodes),
            relations=counted(ngettext("{n} relation", "{n} relations", rels), rels),
            properties=counted(ngettext("{n} property", "{n} properties", props), props), records=records_part))


@command("person-report")
@click.argument("person")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None, metavar="FILE.json",
              help=N_("Write the report here (default: stdout)."))
@store_option
def person_report(person, output, store, database):
    """Everything the store holds about PERSON, as JSON (right of access).

    The person's properties, every relation in and out, responsibilities,
    contacts, texts elsewhere that name them, and the privacy settings that
    apply. Works in aggregate-only mode.

    \b
    Examples:
      kgraph person-report P0042 -o P0042.json
    """
    with open_graph(store, database) as kg:
        report = rights.person_report(kg, person)
        text = json.dumps(_jsonable(report), ensure_ascii=False, indent=2) + "\n"
        if output:
            write_text(output, text)
        else:
            click.echo(text, nl=False)
        rels, mentions = len(report["relations"]), len(report["mentions"])
        what = _("person report for {person}: {relations}, {mentions}").format(
            person=report["person_id"], relations=counted(ngettext("{n} relation", "{n} relations", rels), rels),
            mentions=counted(ngettext("{n} mention", "{n} mentions", mentions), mentions))
        summary(what + (_(", written to {file}").format(file=output) if output else ""))
