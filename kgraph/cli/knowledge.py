"""Knowledge commands: gaps, who-knows, what-if, recommend."""

from __future__ import annotations

import click

from ..analysis.gaps import KINDS, SEVERITIES, STALE_BY
from ..app import api
from ..i18n import _
from ._common import as_of_option, format_option, open_graph, plural, render, store_option, summary

_HORIZON = click.option("--horizon", default="12m", show_default=True, metavar="MONTHS",
                        help="Departures within this horizon count (e.g. 12m, 2y).")
_MIN_LEVEL = click.option("--min-level", type=click.IntRange(1, 5), default=3, show_default=True,
                          help="The level from which a person counts as knowing an item (single holders, items at risk).")


@click.command()
@store_option
@format_option
@as_of_option
@_HORIZON
@click.option("--stale-after", default="24m", show_default=True, metavar="MONTHS",
              help="Skills not confirmed for longer than this are stale.")
@_MIN_LEVEL
@click.option("--stale-by", type=click.Choice(STALE_BY), default="family", show_default=True,
              help="Stale skills: one row per knowledge family, per person and family, or per skill.")
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True, help="Only this kind of finding (repeatable).")
@click.option("--severity", type=click.Choice(SEVERITIES), default=None, help="Only findings of this severity or higher.")
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N", help="Only the first N findings.")
def gaps(store, database, fmt, as_of, horizon, stale_after, min_level, stale_by, kinds, severity, top):
    """Knowledge gaps: unmet needs, single holders, orphans, at risk, stale, silos.

    One finding per row with its kind, subject, unit, severity and why, most
    severe first. Calls ``kgraph.gaps``.

    \b
    Example:
      kgraph gaps --as-of 2026-12-01 --horizon 12m
      kgraph gaps --severity high --top 10
      kgraph gaps --kind stale --stale-by person --format csv
      kgraph gaps --format json > gaps.json
    """
    with open_graph(store, database) as kg:
        df = api.gaps(kg, as_of=as_of, horizon=horizon, stale_after=stale_after, min_level=min_level,
                      stale_by=stale_by, kind=list(kinds) or None, severity=severity, top=top)
        render(df, fmt)
        counts = df["severity"].value_counts()
        total = df.attrs.get("total", len(df))
        shown = f"{plural(len(df), 'finding')}" if total == len(df) else _("{n} of {total} findings").format(n=len(df), total=total)
        summary(f"{shown}: " + ", ".join(f"{int(counts.get(s, 0))} {s}" for s in ("high", "medium", "low")))


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
@_MIN_LEVEL
def what_if(store, database, fmt, without, leaving_within, as_of, min_level):
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
        df = api.what_if(kg, without=without, leaving_within=leaving_within, as_of=as_of, min_level=min_level)
        render(df, fmt)
        summary(f"without {plural(len(df.attrs.get('without', [])), 'person')}: {plural(len(df), 'change')}")


@click.command()
@store_option
@format_option
@as_of_option
@_HORIZON
@click.option("--limit", "--top", "limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
@_MIN_LEVEL
def recommend(store, database, fmt, as_of, horizon, limit, min_level):
    """Actions: knowledge transfers and introductions, each with the reason.

    Calls ``kgraph.recommend``.

    \b
    Example:
      kgraph recommend --as-of 2026-12-01 --top 20
    """
    with open_graph(store, database) as kg:
        df = api.recommend(kg, as_of=as_of, horizon=horizon, limit=limit, min_level=min_level)
        render(df, fmt)
        n = df["action"].value_counts()
        summary(f"{plural(int(n.get('transfer', 0)), 'transfer')}, {plural(int(n.get('introduce', 0)), 'introduction')}")
