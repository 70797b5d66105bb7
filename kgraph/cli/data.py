"""Data commands: info, validate, import, template, demo, generate."""

from __future__ import annotations

import click

from ..app import data as appdata
from ..app import demo as appdemo
from ..app import template as apptemplate
from ..dates import parse_as_of
from ..i18n import _, ngettext
from ..synthetic import generate as run_generate
from ._common import as_of_option, format_option, open_graph, plural, progress_bar, render, store_option, summary, warn


@click.command()
@as_of_option
@store_option
@format_option
def info(as_of, store, database, fmt):
    """Counts per node kind and relation in the store, on one date.

    \b
    Example:
      kgraph info --store municipality.db --format json
      kgraph info --as-of 2025-01-01
    """
    with open_graph(store, database) as kg:
        df = appdata.info(kg, as_of=as_of)
        render(df, fmt)
        nodes = int(df.loc[df["category"] == "node", "count"].sum())
        rels = int(df.loc[df["category"] == "relation", "count"].sum())
        summary(f"{kg.store.backend} store {kg.location}: {plural(nodes, 'node')}, {plural(rels, 'relation')}")


@click.command()
@click.argument("path", type=click.Path(exists=False))
@format_option
def validate(path, fmt):
    """Check PATH (CSV folder or .xlsx) against the input format; write nothing.

    Every problem is listed as file:row:column: message; exit code 3 when
    there are problems.

    \b
    Example:
      kgraph validate my-org/
    """
    counts = appdata.validate(path)
    warn(counts.warnings)
    render([{"kind": k, "count": n} for k, n in counts.items()], fmt)
    summary(f"{path}: valid, {plural(sum(counts.values()), 'node and relation', 'nodes and relations')} would be imported")


@click.command("import")
@click.argument("path", type=click.Path(exists=False))
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", default=None,
              help="The date the data describes (default: today). Earlier imports are kept.")
@store_option
@format_option
def import_(path, as_of, store, database, fmt):
    """Validate PATH and record it as the organisation on one date, all-or-nothing.

    From --as-of (default today) until a later import, the store holds exactly the
    data in PATH; earlier imports are kept, so every command's --as-of can look at
    them (see `kgraph history`). Importing the data already in force on that date
    again changes nothing. Calls ``kgraph.import_data``.

    \b
    Example:
      kgraph import my-org/ --store municipality.db
      kgraph import organisatie-2025.xlsx --as-of 2025-01-01
    """
    day = parse_as_of(as_of)
    with open_graph(store, database, create=True) as kg:
        report = appdata.import_data(kg, path, as_of=day, progress=progress_bar("import"))
        warn(report.warnings)
        if not report.unchanged:
            render([r for r in report.rows() if r["added"] or r["changed"] or r["removed"]], fmt)
        summary(f"import {path} into {kg.location} as of {day.isoformat()}: {report.summary()}")


@click.command()
@store_option(privacy=False)
@format_option
def history(store, database, fmt):
    """The imports in the store: their dates and what each changed.

    One row per version: the date the data describes (as_of), its source (import,
    or another writer such as a survey), when it was written, and the nodes and
    relations added, changed and removed compared with the version before. Any of
    these dates can be looked at with --as-of. Calls ``kgraph.history``.

    \b
    Example:
      kgraph history --store municipality.db
    """
    with open_graph(store, database) as kg:
        df = appdata.history(kg)
        render(df, fmt)
        dates = sorted(set(df["as_of"]))
        summary(f"{plural(len(df), 'version')} in {kg.location}" +
                (f", from {dates[0].isoformat()} to {dates[-1].isoformat()}" if dates else ""))


@click.command()
@click.argument("out", type=click.Path())
@click.option("--dutch", is_flag=True, help="Dutch table and column names.")
@click.option("--overwrite", is_flag=True, help="Replace existing template files.")
def template(out, dutch, overwrite):
    """Write an empty input template to OUT (a folder, or a file ending in .xlsx).

    \b
    Example:
      kgraph template my-org/
      kgraph template organisatie.xlsx --dutch
    """
    names = apptemplate.template(out, dutch=dutch, overwrite=overwrite)
    for n in names:
        click.echo(n)
    summary(f"template with {plural(len(names), 'table')} written to {out}")


@click.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--persons", type=click.IntRange(min=10), default=1000, show_default=True, help="Number of persons.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same files).")
@click.option("--force", is_flag=True, help="Replace the tables in OUT if it exists (its other files stay); default: refuse.")
@format_option
def generate(out, persons, seed, force, fmt):
    """Write a synthetic organisation of any size to folder OUT (CSV input format).

    Teams of 6–15, departments of 5–15 teams, dense ties inside teams, sparse
    across, leads with extra cross-team ties. Deterministic for a seed.

    \b
    Example:
      kgraph generate --persons 10000 --seed 1 big-org/
      kgraph import big-org/ --store big.db
    """
    counts = run_generate(out, persons=persons, seed=seed, progress=progress_bar("generate"), force=force)
    render([{"table": k, "rows": n} for k, n in counts.items()], fmt)
    summary(f"generated {plural(persons, 'person')} (seed {seed}) in {out}: {plural(sum(counts.values()), 'row')}")


@click.command()
@click.option("--out", "out", type=click.Path(file_okay=False), default="kgraph-demo", show_default=True,
              help="Folder for the views (HTML and PNG).")
@click.option("--no-views", is_flag=True, help="Do not write the views.")
@as_of_option
@click.option("--copy-to", type=click.Path(file_okay=False), default=None,
              help="Also copy the demo's CSV files here, as a starting point for your own data.")
@click.option("--force", is_flag=True, help="Load the demo even into a store that holds other data.")
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
    res = appdemo.demo(store, out=None if no_views else out, as_of=as_of, progress=progress_bar("demo"),
                      pseudonymize=bool(meta.get("kgraph.pseudonymize")), min_group_size=meta.get("kgraph.min_group_size"),
                      force=force)
    c = res["counts"]
    echo = click.echo
    echo(f"Gemeente Lindenhoven (fictional demo) in {res['store']}: {res['import'].summary()}")
    echo(f"Findings as of {res['as_of']}:")
    echo(f"  {c.get('Person', 0)} staff, {c.get('Team', 0)} teams, {c.get('Department', 0)} departments, "
         f"{c.get('KnowledgeItem', 0)} knowledge items, {c.get('ExternalActor', 0)} external actors, {c.get('Issue', 0)} issues")
    echo("")
    echo("Linking pins and knowledge brokers (kgraph linking-pins):")
    for r in res["linking_pins"].itertuples():
        why = [f"{r.formal_pin} pin" if r.formal_pin != "none" else "broker"]
        if r.articulation_point:
            why.append("only link for part of the network")
        if r.only_contact_for:
            why.append(f"only contact of {', '.join(r.only_contact_for)}")
        first = r.connects.split("; ")[0] if r.connects else ""
        echo(f"  {r.rank}. {r.name} ({r.team}): {', '.join(why)}" + (f"; connects {first}" if first else ""))
    echo("")
    echo("Knowledge gaps (kgraph gaps):")
    for kind, n in res["gap_counts"].items():
        echo(f"  {n:4d}  {kind.replace('_', ' ')}")
    g = res["gaps"]
    for r in g.head(3).itertuples():
        echo(f"  - [{r.severity}] {r.subject}: {r.why}")
    echo("")
    blind = res["blind_spots"]
    echo(f"Stakeholders (kgraph stakeholders): {len(res['key_players'])} key-player positions; "
         f"{blind['actor_id'].nunique()} blind spots (influential, no internal contact):")
    for r in blind.itertuples():
        echo(f"  - {r.actor} on {r.issue} (influence {r.influence}, stance {r.stance:+d})")
    echo("")
    spikes = res["spikes"]
    echo(ngettext("Monitoring (kgraph monitor): {n} spike", "Monitoring (kgraph monitor): {n} spikes", len(spikes)).format(
        n=len(spikes)) + (":" if len(spikes) else ""))
    for r in spikes.itertuples():
        echo("  - " + _("{issue}: {count} × {channel} in {period}").format(issue=r.issue, count=r.count, channel=r.channel,
                                                                         period=r.period))
    oc = res["objective_counts"]
    echo(_("Objectives (kgraph objectives): ") + ", ".join(f"{n} {s}" for s, n in sorted(oc.items())))
    if res["changes"] is not None:
        ch = res["changes"]
        echo(_("Since the previous import of {date} (kgraph compare): {n} changes").format(date=res["previous"], n=len(ch)))
    if res["files"]:
        echo("")
        echo(f"Views written to {out}/: {', '.join(res['files'])}")
    if copy_to:
        names = appdemo.copy_demo(copy_to)
        echo(f"Demo input files copied to {copy_to}/ ({len(names)} tables)")
    echo("")
    echo("Demo logins for the intranet (kgraph serve; new passwords on every run of kgraph demo):")
    for a in res["accounts"]:
        echo(f"  {a['role']:8s} {a['name']:13s} password {a['password']}")
    echo("")
    echo("Next: kgraph who-knows omgevingswet   |   kgraph serve   |   kgraph --help")
    summary(f"demo loaded into {res['store']}" + (f", views in {out}/" if res["files"] else ""))
