"""Knowledge commands: gaps, who-knows, what-if, recommend."""

from __future__ import annotations

import click

from ..app import api
from ._common import as_of_option, format_option, open_graph, plural, render, store_option, summary

_HORIZON = click.option("--horizon", default="12m", show_default=True, metavar="MONTHS",
                        help="Departures within this horizon count (e.g. 12m, 2y).")


@click.command()
@store_option
@format_option
@as_of_option
@_HORIZON
@click.option("--stale-after", default="24m", show_default=True, metavar="MONTHS",
              help="Skills not confirmed for longer than this are stale.")
def gaps(store, database, fmt, as_of, horizon, stale_after):
    """Knowledge gaps: unmet needs, single holders, orphans, at risk, stale, silos.

    One finding per row with its kind, subject, unit, severity and why.
    Calls ``kgraph.gaps``.

    \b
    Example:
      kgraph gaps --as-of 2026-12-01 --horizon 12m
      kgraph gaps --format json > gaps.json
    """
    with open_graph(store, database) as kg:
        df = api.gaps(kg, as_of=as_of, horizon=horizon, stale_after=stale_after)
        render(df, fmt)
        counts = df["severity"].value_counts()
        summary(f"{plural(len(df), 'finding')}: " + ", ".join(f"{int(counts.get(s, 0))} {s}" for s in ("high", "medium", "low")))


@click.command("who-knows")
@click.argument("query")
@store_option
@format_option
@click.option("--from", "from_person", metavar="PERSON", default=None,
              help="Id or name of the person asking: adds the shortest introduction path.")
@click.option("--limit", "--top", "limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
@as_of_option
def who_knows(query, store, database, fmt, from_person, limit, as_of):
    """Who knows QUERY: holders ranked by level and recency of confirmation.

    QUERY matches knowledge item names and synonyms regardless of case and
    accents, forgives small typos, and includes narrower items. Calls
    ``kgraph.who_knows``.

    \b
    Example:
      kgraph who-knows omgevingswet
      kgraph who-knows wmo --from "Anna de Vries" --format json
    """
    with open_graph(store, database) as kg:
        df = api.who_knows(kg, query, from_person=from_person, limit=limit, as_of=as_of)
        render(df, fmt)
        items = list(dict.fromkeys(df["knowledge"])) if len(df) else []
        if items:
            what = ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")
            summary(f"{plural(df['person_id'].nunique(), 'person')} know {what}")
        else:
            summary(f"nobody found for '{query}'")


@click.command("what-if")
@store_option
@format_option
@click.option("--without", multiple=True, metavar="PERSON", help="Id or name of a person to take away (repeatable).")
@click.option("--leaving-within", metavar="MONTHS", default=None,
              help="Also take away everyone leaving within this horizon (e.g. 12m).")
@as_of_option
def what_if(store, database, fmt, without, leaving_within, as_of):
    """What changes with some people gone: coverage, pins, cut points, contacts.

    Shows each change with its value before and after. Calls ``kgraph.what_if``.

    \b
    Example:
      kgraph what-if --without P0003 --without P0017
      kgraph what-if --leaving-within 12m --as-of 2026-12-01
    """
    if not without and leaving_within is None:
        raise click.UsageError("give --without PERSON and/or --leaving-within MONTHS")
    with open_graph(store, database) as kg:
        df = api.what_if(kg, without=without, leaving_within=leaving_within, as_of=as_of)
        render(df, fmt)
        summary(f"without {plural(len(df.attrs.get('without', [])), 'person')}: {plural(len(df), 'change')}")


@click.command()
@store_option
@format_option
@as_of_option
@_HORIZON
@click.option("--limit", "--top", "limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
def recommend(store, database, fmt, as_of, horizon, limit):
    """Actions: knowledge transfers and introductions, each with the reason.

    Calls ``kgraph.recommend``.

    \b
    Example:
      kgraph recommend --as-of 2026-12-01 --top 20
    """
    with open_graph(store, database) as kg:
        df = api.recommend(kg, as_of=as_of, horizon=horizon, limit=limit)
        render(df, fmt)
        n = df["action"].value_counts()
        summary(f"{plural(int(n.get('transfer', 0)), 'transfer')}, {plural(int(n.get('introduce', 0)), 'introduction')}")
