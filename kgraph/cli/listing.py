"""``kgraph list``: the ids and names the other commands can be asked about."""

from __future__ import annotations

import click

from ..app.listing import KINDS, list_nodes
from ..i18n import _, format_count
from ..names import kind_word
from ._common import as_of_option, command, format_option, open_graph, render, store_option, summary


@command("list")
@click.argument("kind", type=click.Choice(list(KINDS)), metavar="persons|teams|departments|issues|actors|knowledge")
@click.argument("part", required=False, metavar="[PART]")
@as_of_option
@store_option
@format_option
def list_cmd(kind, part, as_of, store, database, fmt):
    """List persons, teams, departments, issues, actors or knowledge items by name.

    Every option that names one of them (--issue, --actor, --between, --from,
    --without) takes its id, its name, or a part of the name that only it has.
    PART shows only the rows whose id or name contains it. Persons are those
    present on the date; in aggregate-only mode they are not listed. Calls
    kgraph.list_nodes.

    \b
    Examples:
      kgraph list issues
      kgraph list persons vink
      kgraph list teams --format csv
    """
    with open_graph(store, database) as kg:
        df = list_nodes(kg, kind, as_of=as_of, match=part)
        render(df, fmt)
        summary(_("{n} {what}").format(n=format_count(len(df)), what=kind_word(KINDS[kind], plural=len(df) != 1)))
