"""Graph-database commands: schema-apply, query, export."""

from __future__ import annotations

import json

import click

from ..errors import StoreError
from ..app import data as appdata
from ..store.neo4j.named import query_info, query_names
from ._common import as_of_option, format_option, open_graph, plural, render, store_option, summary



def _param(text: str) -> tuple[str, object]:
    """``key=value``; the value is parsed as JSON when it can be, else kept as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(f"{text!r}: expected key=value", param_hint="-p/--param")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip(), value


@click.command("schema-apply")
@store_option
def schema_apply(store, database):
    """Create the Neo4j constraints and indexes of schema/neo4j.cypher (idempotent).

    Run it once before the first import (`kgraph import` also applies it).
    Credentials come from KGRAPH_NEO4J_USER and KGRAPH_NEO4J_PASSWORD.

    \b
    Example:
      export KGRAPH_NEO4J_USER=neo4j KGRAPH_NEO4J_PASSWORD=...
      kgraph schema-apply --store bolt://localhost:7687
    """
    with open_graph(store, database, create=True) as kg:
        if kg.store.backend != "neo4j":
            raise StoreError(
                f"{kg.location}: schema-apply is for a Neo4j store",
                hint="use --store bolt://HOST:7687; the embedded store creates its own schema",
            )
        done = getattr(kg.store, "inner", kg.store).apply_schema()  # schema is not person data: past the privacy guard
        for stmt in done:
            click.echo(stmt)
        summary(f"schema applied to {kg.location}: {plural(len(done), 'statement')}")


@click.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Query parameter (repeatable); VALUE is JSON when it parses, else text.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@store_option
@format_option
def query_cmd(name, params, list_, store, database, fmt):
    """Run the named Cypher query NAME from queries/ on a Neo4j store.

    Without NAME (or with --list) lists the queries. Calls ``kgraph.query``.

    \b
    Example:
      kgraph query who_knows -p 'knowledge_ids=["K-OMGW"]' --store bolt://localhost:7687
      kgraph query positions_on_issue -p issue_id=I-WIND --format json
    """
    if list_ or not name:
        rows = [{"name": n, "parameters": ", ".join(query_info(n)["parameters"]),
                 "description": query_info(n)["description"]} for n in query_names()]
        render(rows, fmt)
        summary(f"{plural(len(rows), 'named query', 'named queries')}")
        return
    values = dict(_param(p) for p in params)
    with open_graph(store, database) as kg:
        df = appdata.query(kg, name, values)
        render(df, fmt)
        summary(f"query {name} on {kg.location}: {plural(len(df), 'row')}")


@click.command("export")
@click.option("-o", "--output", "out", required=True, type=click.Path(), help="Output file (csv: a folder).")
@click.option("--format", "fmt", type=click.Choice(appdata.EXPORT_FORMATS), default="graphml", show_default=True,
              help="graphml/gexf (Gephi), json (node-link), csv (nodes.csv + edges.csv), cypher (script).")
@as_of_option
@store_option
def export_cmd(out, fmt, as_of, store, database):
    """Export the stored graph from either store.

    GEXF and GraphML open in Gephi; the Cypher script loads into an empty Neo4j
    database (cypher-shell -f, or Neo4j Browser). Calls ``kgraph.export``.

    \b
    Example:
      kgraph export -o org.gexf --format gexf --store municipality.db
      kgraph export -o dump.cypher --format cypher
    """
    with open_graph(store, database) as kg:
        res = appdata.export(kg, out, format=fmt, as_of=as_of)
        for f in res["files"]:
            click.echo(f)
        summary(f"exported {plural(res['nodes'], 'node')} and {plural(res['edges'], 'edge')} from {kg.location} as {fmt} to {out}")
