"""Privacy commands: privacy, aggregates, forget, person-report (see docs/privacy.md)."""

from __future__ import annotations

import json

import click

from ..app import api, rights
from ..fileout import write_text
from ._common import as_of_option, _jsonable, format_option, open_graph, plural, render, store_option, summary


@click.command()
@click.option("--aggregate-only", type=click.Choice(["on", "off"]), default=None,
              help="Refuse (on) or allow (off) every person-level output from this store.")
@click.option("--min-group-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Store the smallest team or department an aggregate may describe (default 5).")
@click.option("--yes", is_flag=True, help="Confirm turning aggregate-only mode off.")
@store_option(privacy=False)
@format_option
def privacy(aggregate_only, min_group_size, yes, store, database, fmt):
    """Show or set the store's privacy settings (for the privacy officer).

    In aggregate-only mode every person-level command (linking-pins, who-knows,
    export, ...) is refused with exit code 8; `kgraph aggregates` and `kgraph
    info` still work, and so do `forget` and `person-report` (data subjects'
    rights). Turning the mode off needs --yes.

    \b
    Example:
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
            click.echo("Warning: aggregate-only mode is off: person-level output is possible again.", err=True)
        render([{"setting": k, "value": v} for k, v in settings.items()], fmt)
        changed = aggregate_only is not None or min_group_size is not None
        mode = "aggregate-only" if settings["aggregate_only"] else "person-level output allowed"
        summary(f"{'updated' if changed else 'privacy settings of'} {kg.location}: {mode}, "
                f"minimum group size {settings['min_group_size']}")


@click.command()
@click.option("--by", type=click.Choice(["department", "team"]), default="department", show_default=True,
              help="The units figures are given for.")
@as_of_option
@click.option("--horizon", default="12m", show_default=True, help="Planned departures within this horizon (12m, 2y).")
@store_option
@format_option
def aggregates(by, as_of, horizon, store, database, fmt):
    """Figures per team or department, with small groups merged.

    Persons, knowledge items held (level 3+), needs and unmet needs, planned
    departures, external contacts and brokered pairs. Units with fewer persons
    than the minimum group size are merged into one row (privacy_note says
    which). Works in aggregate-only mode.

    \b
    Example:
      kgraph aggregates --by team --min-group-size 8 --format csv
    """
    with open_graph(store, database) as kg:
        df = api.aggregates(kg, by=by, as_of=as_of, horizon=horizon)
        render(df, fmt)
        n = kg.min_group_size
        notes = [x for x in df["privacy_note"] if x]
        tail = f"; {notes[0]}" if notes else f"; no {by} smaller than {n} persons"
        summary(f"{plural(len(df), 'row')} by {by}, minimum group size {n}{tail}")


@click.command()
@click.argument("person")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
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
    Example:
      kgraph forget P0042 --store municipality.db --yes
    """
    with open_graph(store, database) as kg:
        if not yes:
            click.confirm(f"Forget {person} and every trace of them in {kg.location}? This cannot be undone",
                          abort=True, err=True)
        df = rights.forget(kg, person)
        render(df, fmt)
        rels = int(df.loc[df["kind"].str.isupper(), "removed"].sum())
        props = int(df.loc[df["kind"] == "property", "removed"].sum())
        recs = int(df.loc[df["kind"].str.startswith("record: "), "removed"].sum())  # accounts, survey answers
        nodes = int(df["removed"].sum()) - rels - props - recs
        summary(f"forgot {person}: {plural(nodes, 'node')}, {plural(rels, 'relation')} removed, "
                f"{plural(props, 'property', 'properties')} blanked" + (f", {plural(recs, 'record')} removed" if recs else "")
                + f"; remove {person} from the source files too, "
                "or the next import brings them back")


@click.command("person-report")
@click.argument("person")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None, metavar="FILE.json",
              help="Write the report here (default: stdout).")
@store_option
def person_report(person, output, store, database):
    """Everything the store holds about PERSON, as JSON (right of access).

    The person's properties, every relation in and out, responsibilities,
    contacts, texts elsewhere that name them, and the privacy settings that
    apply. Works in aggregate-only mode.

    \b
    Example:
      kgraph person-report P0042 -o P0042.json
    """
    with open_graph(store, database) as kg:
        report = rights.person_report(kg, person)
        text = json.dumps(_jsonable(report), ensure_ascii=False, indent=2) + "\n"
        if output:
            write_text(output, text)
        else:
            click.echo(text, nl=False)
        summary(f"person report for {report['person_id']}: {plural(len(report['relations']), 'relation')}, "
                f"{plural(len(report['mentions']), 'mention')}" + (f", written to {output}" if output else ""))
