"""Graph-database commands: schema-apply, query, export."""

from __future__ import annotations

import json

import click

from ..app import data as appdata
from ..errors import StoreError
from ..i18n import N_, _, ngettext
from ..store.neo4j.named import query_info, query_names
from ._common import as_of_option, command, counted, format_option, open_graph, render, store_option, summary


def _param(text: str) -> tuple[str, object]:
    """``key=value``; the value is parsed as JSON when it can be, else kept as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(_("{text!r}: expected key=value").format(text=text), param_hint="-p/--param")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip(), value


@command("schema-apply")
@store_option(privacy=False)
def schema_apply(store, database):
    """Create the Neo4j constraints and indexes of schema/neo4j.cypher (idempotent).

    Run it once before the first import (kgraph import also applies it).
    Credentials come from KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD.

    \b
    Examples:
      export KGRAPH_NEO4J_USER=neo4j KGRAPH_NEO4J_PASSWORD=...
      kgraph schema-apply --store bolt://localhost:7687
    """
    with open_graph(store, database, create=True) as kg:
        if kg.store.backend != "neo4j":
            raise StoreError(
                _("{store}: schema-apply is for a Neo4j store").format(store=kg.location),
                hint=_("use --store bolt://HOST:7687; the embedded store creates its own schema"),
            )
        done = getattr(kg.store, "inner", kg.store).apply_schema()  # schema is not person data: past the privacy guard
        for stmt in done:
            click.echo(stmt)
        summary(_("schema applied to {store}: {statements}").format(
            store=kg.location, statements=counted(ngettext("{n} statement", "{n} statements", len(done)), len(done))))


@command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help=N_("Query parameter (repeatable); VALUE is JSON when it parses, else text."))
@click.option("--list", "list_", is_flag=True, help=N_("List the named queries and their parameters."))
@store_option(privacy=False)
@format_option
def query_cmd(name, params, list_, store, database, fmt):
    """Run the named Cypher query NAME from queries/ on a Neo4j store.

    Without NAME (or with --list) lists the queries. Calls kgraph.query.

    \b
    Examples:
      kgraph query who_knows -p 'knowledge_ids=["K-OMGW"]' --store bolt://localhost:7687
      kgraph query positions_on_issue -p issue_id=I-WIND --format json
    """
    if list_ or not name:
        rows = [{"name": n, "parameters": ", ".join(query_info(n)["parameters"]),
                 "description": query_info(n)["description"]} for n in query_names()]
        render(rows, fmt)
        summary(counted(ngettext("{n} named query", "{n} named queries", len(rows)), len(rows)))
        return
    values = dict(_param(p) for p in params)
    with open_graph(store, database) as kg:
        df = appdata.query(kg, name, values)
        render(df, fmt)
        summary(_("query {name} on {store}: {rows}").format(
            name=name, store=kg.location, rows=counted(ngettext("{n} row", "{n} rows", len(df)), len(df))))


@command("export")
@click.option("-o", "--output", "out", required=True, type=click.Path(), metavar="FILE",
              help=N_("Output file (csv: a folder)."))
@click.option("--format", "fmt", type=click.Choice(appdata.EXPORT_FORMATS), default="graphml", show_default=True,
              help=N_("graphml/gexf (Gephi), json (node-link), csv (nodes.csv + edges.csv), cypher (script)."))
@as_of_option
@store_option
def export_cmd(out, fmt, as_of, store, database):
    """Export the stored graph from either store.

    GEXF and GraphML open in Gephi; the Cypher script loads into an empty Neo4j
    database (cypher-shell -f, or Neo4j Browser). Calls kgraph.export.

    \b
    Examples:
      kgraph export -o org.gexf --format gexf --store municipality.db
      kgraph export -o dump.cypher --format cypher
    """
    with open_graph(store, database) as kg:
        res = appdata.export(kg, out, format=fmt, as_of=as_of)
        for f in res["files"]:
            click.echo(f)
        summary(_("exported {nodes} and {edges} from {store} as {format} to {out}").format(
            nodes=counted(ngettext("{n} node", "{n} nodes", res["nodes"]), res["nodes"]),
            edges=counted(ngettext("{n} edge", "{n} edges", res["edges"]), res["edges"]),
            store=kg.location, format=fmt, out=out))
