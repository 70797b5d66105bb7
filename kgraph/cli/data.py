"""Data commands: info, validate, import, template, demo, generate."""

from __future__ import annotations

import click

from ..app import data as appdata
from ..errors import ValidationError
from ..app import demo as appdemo
from ..app import template as apptemplate
from ..dates import parse_as_of
from ..i18n import N_, _, format_count, format_day, ngettext
from ..synthetic import generate as run_generate
from ..vocabulary import value_label
from ._common import (as_of_option, check_date, command, counted, format_option, open_graph, progress_bar, render,
                      store_option, summary, warn)


@command()
@as_of_option
@store_option
@format_option
def info(as_of, store, database, fmt):
    """Counts per node kind and relation in the store, on one date.

    \b
    Examples:
      kgraph info --store municipality.db --format json
      kgraph info --as-of 2025-01-01
    """
    with open_graph(store, database) as kg:
        df = appdata.info(kg, as_of=as_of)
        render(df, fmt)
        nodes = int(df.loc[df["category"] == "node", "count"].sum())
        rels = int(df.loc[df["category"] == "relation", "count"].sum())
        text = _("embedded store {store}: {nodes}, {relations}") if kg.store.backend == "embedded" else \
            _("Neo4j store {store}: {nodes}, {relations}")
        summary(text.format(store=kg.location, nodes=counted(ngettext("{n} node", "{n} nodes", nodes), nodes),
                            relations=counted(ngettext("{n} relation", "{n} relations", rels), rels)))


@command()
@click.argument("path", type=click.Path(exists=False))
@format_option
def validate(path, fmt):
    """Check PATH (CSV folder or .xlsx) against the input format; write nothing.

    Every problem is listed as file:row:column: message; exit code 3 when
    there are problems (with --format csv or json also on stdout, as rows).

    \b
    Examples:
      kgraph validate my-org/
    """
    try:
        counts = appdata.validate(path)
    except ValidationError as err:
        if fmt != "table":  # the problems as data on stdout; the message on stderr, exit 3
            render([{"file": p.file, "row": p.row, "column": p.column, "message": p.message} for p in err.problems], fmt)
        raise
    warn(counts.warnings)
    render([{"kind": k, "count": n} for k, n in counts.items()], fmt)
    n = sum(counts.values())
    summary(_("{path}: valid, {count} would be imported").format(
        path=path, count=counted(ngettext("{n} node or relation", "{n} nodes and relations", n), n)))


@command("import")
@click.argument("path", type=click.Path(exists=False))
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", default=None, callback=check_date,
              help=N_("The date the data describes (default: today). Earlier imports are kept."))
@store_option(privacy=False)
@format_option
def import_(path, as_of, store, database, fmt):
    """Validate PATH and record it as the organisation on one date, all-or-nothing.

    From --as-of (default today) until a later import, the store holds exactly the
    data in PATH; earlier imports are kept, so every command's --as-of can look at
    them (see kgraph history). Importing the data already in force on that date
    again changes nothing. Calls kgraph.import_data.

    \b
    Examples:
      kgraph import my-org/ --store municipality.db
      kgraph import organisatie.xlsx --as-of 2025-01-01
    """
    day = parse_as_of(as_of)
    with open_graph(store, database, create=True) as kg:
        report = appdata.import_data(kg, path, as_of=day, progress=progress_bar(_("import")))
        warn(report.warnings)
        if not report.unchanged:
            render([r for r in report.rows() if r["added"] or r["changed"] or r["removed"]], fmt)
        summary(_("import {path} into {store} as of {date}: {result}").format(
            path=path, store=kg.location, date=day.isoformat(), result=_import_result(report)))


@command()
@store_option(privacy=False)
@format_option
def history(store, database, fmt):
    """The imports in the store: their dates and what each changed.

    One row per version: the date the data describes (as_of), its source (import,
    or another writer such as a survey), when it was written, and the nodes and
    relations added, changed and removed compared with the version before. Any of
    these dates can be looked at with --as-of. Calls kgraph.history.

    \b
    Examples:
      kgraph history --store municipality.db
    """
    with open_graph(store, database) as kg:
        df = appdata.history(kg)
        render(df, fmt)
        dates = sorted(set(df["as_of"]))
        versions = counted(ngettext("{n} version", "{n} versions", len(df)), len(df))
        if dates:
            summary(_("{versions} in {store}, from {first} to {last}").format(
                versions=versions, store=kg.location, first=dates[0].isoformat(), last=dates[-1].isoformat()))
        else:
            summary(_("{versions} in {store}").format(versions=versions, store=kg.location))


@command()
@click.argument("out", type=click.Path())
@click.option("--dutch", is_flag=True, help=N_("Dutch table and column names, ';'-separated CSV (as Dutch Excel writes it)."))
@click.option("--overwrite", is_flag=True, help=N_("Replace existing template files."))
def template(out, dutch, overwrite):
    """Write an input template to OUT (a folder, or a file ending in .xlsx).

    Each table has its header and an example row: together a tiny organisation
    that validates (ids starting with EXAMPLE-, or VOORBEELD- with --dutch; validate
    warns while they are there: replace or delete them). The allowed values of every
    column are in README.txt beside the CSV files, or on the README sheet of the
    workbook, which has drop-down lists for them.

    \b
    Examples:
      kgraph template my-org/
      kgraph template organisatie.xlsx --dutch
    """
    names = apptemplate.template(out, dutch=dutch, overwrite=overwrite)
    for n in names:
        click.echo(n)
    summary(_("template with {tables} written to {out}").format(
        tables=counted(ngettext("{n} table", "{n} tables", len(names)), len(names)), out=out))


@command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--persons", type=click.IntRange(min=10), default=1000, show_default=True, metavar="N",
              help=N_("Number of persons."))
@click.option("--seed", type=int, default=0, show_default=True, metavar="N", help=N_("Random seed (same seed, same files)."))
@click.option("--force", is_flag=True,
              help=N_("Replace the tables in OUT if it exists (its other files stay); default: refuse."))
@format_option
def generate(out, persons, seed, force, fmt):
    """Write a synthetic organisation of any size to folder OUT (CSV input format).

    Teams of 6–15, departments of 5–15 teams, dense ties inside teams, sparse
    across, leads with extra cross-team ties. Deterministic for a seed.

    \b
    Examples:
      kgraph generate --persons 2000 --seed 1 big-org/
      kgraph import big-org/ --store big.db
    """
    counts = run_generate(out, persons=persons, seed=seed, progress=progress_bar(_("generate")), force=force)
    render([{"table": k, "rows": n} for k, n in counts.items()], fmt)
    rows = sum(counts.values())
    summary(_("generated {persons} (seed {seed}) in {out}: {rows}").format(
        persons=counted(ngettext("{n} person", "{n} persons", persons), persons), seed=seed, out=out,
        rows=counted(ngettext("{n} row", "{n} rows", rows), rows)))


@command()
@click.option("--out", "out", type=click.Path(file_okay=False), default="kgraph-demo", show_default=True, metavar="FOLDER",
              help=N_("Folder for the views (HTML and PNG)."))
@click.option("--no-views", is_flag=True, help=N_("Do not write the views."))
@as_of_option
@click.option("--copy-to", type=click.Path(file_okay=False), default=None, metavar="FOLDER",
              help=N_("Also copy the demo's CSV files here, as a starting point for your own data."))
@click.option("--force", is_flag=True, help=N_("Load the demo even into a store that holds other data."))
@store_option
def demo(out, no_views, as_of, copy_to, force, store, database):
    """Load the demo municipality (Gemeente Lindenhoven) and show what kgraph finds.

    The store ends up holding exactly the demo data; the views go to --out. A store
    that holds other data (your own) is left alone unless --force.

    \b
    Examples:
      kgraph demo
      kgraph demo --store demo.db --out demo-views --as-of 2026-12-01
      kgraph demo --copy-to my-org/ --no-views
    """
    meta = click.get_current_context().meta  # --pseudonymize / --min-group-size (see _common.privacy_options)
    res = appdemo.demo(store, out=None if no_views else out, as_of=as_of, progress=progress_bar(_("demo")),
                      pseudonymize=bool(meta.get("kgraph.pseudonymize")), min_group_size=meta.get("kgraph.min_group_size"),
                      force=force)
    c = res["counts"]
    echo = click.echo
    echo(_("Gemeente Lindenhoven (fictional demo) in {store}: {result}").format(
        store=res["store"], result=_import_result(res["import"])))
    echo(_("Findings as of {date}:").format(date=format_day(res["as_of"])))
    echo("  " + _("{persons} staff, {teams} teams, {departments} departments, {items} knowledge items, "
                  "{actors} external actors, {issues} issues").format(
        persons=format_count(c.get("Person", 0)), teams=format_count(c.get("Team", 0)),
        departments=format_count(c.get("Department", 0)), items=format_count(c.get("KnowledgeItem", 0)),
        actors=format_count(c.get("ExternalActor", 0)), issues=format_count(c.get("Issue", 0))))
    echo("")
    echo(_("Linking pins and knowledge brokers (kgraph linking-pins):"))
    for r in res["linking_pins"].itertuples():
        pin = {"vertical": _("vertical pin"), "lateral": _("lateral pin"), "both": _("vertical and lateral pin")}
        why = [pin.get(r.formal_pin, _("broker"))]
        if r.articulation_point:
            why.append(_("only link for part of the network"))
        if r.only_contact_for:
            why.append(_("only contact of {actors}").format(actors=", ".join(r.only_contact_for)))
        first = r.connects.split("; ")[0] if r.connects else ""
        line = _("{rank}. {name} ({team}): {why}").format(rank=r.rank, name=r.name, team=r.team, why=", ".join(why))
        echo("  " + line + (_("; connects {pair}").format(pair=first) if first else ""))
    echo("")
    echo(_("Knowledge gaps (kgraph gaps):"))
    for kind, n in res["gap_counts"].items():
        echo(f"  {format_count(n):>4}  {value_label('kind', kind)}")
    g = res["gaps"]
    for r in g.head(3).itertuples():
        echo(f"  - [{value_label('severity', r.severity)}] {r.subject}: {r.why}")
    echo("")
    blind = res["blind_spots"]
    n_blind = blind["actor_id"].nunique()
    echo(_("Stakeholders (kgraph stakeholders): {key} key-player positions; {blind}:").format(
        key=format_count(len(res["key_players"])),
        blind=counted(ngettext("{n} blind spot (influential, no internal contact)",
                               "{n} blind spots (influential, no internal contact)", n_blind), n_blind)))
    for r in blind.itertuples():
        echo("  - " + _("{actor} on {issue} (influence {influence}, stance {stance})").format(
            actor=r.actor, issue=r.issue, influence=r.influence, stance=f"{r.stance:+d}"))
    echo("")
    spikes = res["spikes"]
    echo(counted(ngettext("Monitoring (kgraph monitor): {n} spike", "Monitoring (kgraph monitor): {n} spikes",
                          len(spikes)), len(spikes)) + (":" if len(spikes) else ""))
    for r in spikes.itertuples():
        echo("  - " + _("{issue}: {count} × {channel} in {period}").format(
            issue=r.issue, count=format_count(r.count), channel=value_label("channel", r.channel), period=r.period))
    oc = res["objective_counts"]
    echo(_("Objectives (kgraph objectives): {counts}").format(
        counts=", ".join(f"{format_count(n)} {value_label('status', s)}" for s, n in sorted(oc.items()))))
    if res["changes"] is not None:
        n_changes = len(res["changes"])
        echo(ngettext("Since the previous import of {date} (kgraph compare): {n} change",
                      "Since the previous import of {date} (kgraph compare): {n} changes", n_changes).format(
            date=format_day(res["previous"]), n=format_count(n_changes)))
    if res["files"]:
        echo("")
        echo(_("Views written to {folder}/: {files}").format(folder=out, files=", ".join(res["files"])))
    if copy_to:
        names = appdemo.copy_demo(copy_to)
        echo(_("Demo input files copied to {folder}/ ({tables})").format(
            folder=copy_to, tables=counted(ngettext("{n} table", "{n} tables", len(names)), len(names))))
    echo("")
    echo(_("Demo logins for the intranet (kgraph serve; new passwords on every run of kgraph demo):"))
    roles = {a["role"]: value_label("role", a["role"]) for a in res["accounts"]}
    width = max((len(r) for r in roles.values()), default=0)
    for a in res["accounts"]:
        echo("  " + _("{role} {name} password {password}").format(
            role=roles[a["role"]].ljust(width), name=f"{a['name']:13s}", password=a["password"]))
    echo("")
    echo(_("Next: kgraph who-knows omgevingswet   |   kgraph serve   |   kgraph --help"))
    summary((_("demo loaded into {store}, views in {folder}/") if res["files"] else _("demo loaded into {store}")).format(
        store=res["store"], folder=out))


def _import_result(report) -> str:
    """What an import changed, in words (``ImportReport.summary`` speaks the user's language)."""
    return report.summary()
