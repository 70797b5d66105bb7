"""Knowledge commands: gaps, who-knows, what-if, recommend.

Each command imports the facade's function when it runs, so that ``kgraph who-knows``
loads neither the other analyses nor pandas.
"""

from __future__ import annotations

import collections

import click

from ..analysis.gap_options import KINDS, SEVERITIES, STALE_BY
from ..dates import parse_horizon
from ..i18n import N_, _, format_count, ngettext
from ._common import (as_of_option, command, counted, format_option, open_graph, render, store_option, summary,
                      top_option)

_MIN_LEVEL = click.option("--min-level", type=click.IntRange(1, 5), default=3, show_default=True, metavar="1-5",
                          help=N_("The level from which a person counts as knowing an item (single holders, items at "
                                  "risk)."))


def _check_horizon(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A horizon option's value, checked as it is read (``kgraph.dates.parse_horizon``: exit 2)."""
    if value is not None:
        parse_horizon(value)
    return value


_HORIZON = click.option("--horizon", default="12m", show_default=True, metavar="12m|2y", callback=_check_horizon,
                        help=N_("Departures within this horizon count (e.g. 12m, 2y)."))

#: what the terminal table of each command shows; --format csv/json give every column
_GAPS_TABLE = ["severity", "kind", "subject", "unit", "holders", "required", "why"]
_WHAT_IF_TABLE = ["kind", "subject", "before", "after", "why"]
_RECOMMEND_TABLE = ["action", "priority", "from_name", "to_name", "subject", "why"]
#: left out first when the terminal is narrow
_GAPS_OPTIONAL = ("required", "holders", "unit")
_WHO_KNOWS_TABLE = ["name", "knowledge", "match", "level", "confirmed", "team", "hops", "path_description"]
_WHO_KNOWS_OPTIONAL = ("confirmed", "hops", "match", "team")
_WHAT_IF_OPTIONAL = ("before", "after")
_RECOMMEND_OPTIONAL = ("priority",)


@command()
@store_option
@format_option
@as_of_option
@_HORIZON
@click.option("--stale-after", default="24m", show_default=True, metavar="12m|2y", callback=_check_horizon,
              help=N_("Skills not confirmed for longer than this are stale."))
@_MIN_LEVEL
@click.option("--stale-by", type=click.Choice(STALE_BY), default="family", show_default=True,
              help=N_("Stale skills: one row per knowledge family, per person and family, or per skill."))
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True, help=N_("Only this kind of finding (repeatable)."))
@click.option("--severity", type=click.Choice(SEVERITIES), default=None, help=N_("Only findings of this severity or higher."))
@top_option(help=N_("Only the first N findings."))
def gaps(store, database, fmt, as_of, horizon, stale_after, min_level, stale_by, kinds, severity, top):
    """Knowledge gaps: unmet needs, single holders, orphans, at risk, stale, silos.

    One finding per row with its kind, subject, unit, severity and why, most
    severe first. Calls kgraph.gaps.

    \b
    Examples:
      kgraph gaps --as-of 2026-12-01 --horizon 12m
      kgraph gaps --severity high --top 10
      kgraph gaps --kind stale --stale-by person --format csv
      kgraph gaps --format json > gaps.json
    """
    with open_graph(store, database) as kg:
        df = _api().gaps(kg, as_of=as_of, horizon=horizon, stale_after=stale_after, min_level=min_level,
                         stale_by=stale_by, kind=list(kinds) or None, severity=severity, top=top,
                         as_frame=False)  # rows: no pandas
        render(df, fmt, table_columns=_GAPS_TABLE, optional=_GAPS_OPTIONAL)
        counts = collections.Counter(r["severity"] for r in df)
        total = int(df.attrs.get("total", len(df)))
        shown = (counted(ngettext("{n} finding", "{n} findings", len(df)), len(df)) if total == len(df) else
                 ngettext("{n} of {total} finding", "{n} of {total} findings", total).format(
                     n=format_count(len(df)), total=format_count(total)))
        summary(_("{findings}: {high} high, {medium} medium, {low} low").format(
            findings=shown, **{s: format_count(int(counts.get(s, 0))) for s in ("high", "medium", "low")}))


def _api():
    """The facade's analyses (:mod:`kgraph.app.api`), imported when a command that needs them runs."""
    from ..app import api

    return api


#: rows ``who-knows`` shows in a table without ``--top``
WHO_KNOWS_TOP = 25


@command("who-knows")
@click.argument("query")
@store_option
@format_option
@click.option("--from", "from_person", metavar="PERSON", default=None,
              help=N_("The person asking (id, name or part of it): adds the shortest introduction path."))
@top_option(help=N_("Show at most N rows (in a table, without --top: the first 25)."))
@as_of_option
def who_knows(query, store, database, fmt, from_person, top, as_of):
    """Who knows QUERY: holders ranked by level and recency of confirmation.

    QUERY matches knowledge item names and synonyms regardless of case and
    accents, forgives small typos, and includes narrower items. Calls
    kgraph.who_knows.

    \b
    Examples:
      kgraph who-knows omgevingswet
      kgraph who-knows wmo --from "Geert Vink" --format json
    """
    from ..app.lookup import who_knows as find  # kgraph.who_knows, without pandas (as_frame=False)

    cut = top is None and fmt == "table"  # a broad query prints a screenful, not 500 rows
    with open_graph(store, database) as kg:
        rows = find(kg, query, from_person=from_person, limit=WHO_KNOWS_TOP + 1 if cut else top, as_of=as_of,
                    as_frame=False)
        more = cut and len(rows) > WHO_KNOWS_TOP
        if more:
            rows = rows.head(WHO_KNOWS_TOP)
        render(rows, fmt, table_columns=_WHO_KNOWS_TABLE, optional=_WHO_KNOWS_OPTIONAL)
        if more:
            summary(_("the first {n} shown; --top N shows more, --format csv or json all").format(
                n=format_count(WHO_KNOWS_TOP)))
        items = list(dict.fromkeys(r["knowledge"] for r in rows))
        if items:
            what = ", ".join(items[:3])
            if len(items) > 3:
                what = _("{items} and {n} more").format(items=what, n=format_count(len(items) - 3))
            n = len({r["person_id"] for r in rows})
            summary(ngettext("{n} person knows {what}", "{n} persons know {what}", n).format(n=format_count(n), what=what))
        else:
            summary(_("nobody found for '{query}'").format(query=query))


@command("what-if")
@store_option
@format_option
@click.option("--without", multiple=True, metavar="PERSON",
              help=N_("A person to take away: id, name or part of it (repeatable)."))
@click.option("--leaving-within", metavar="12m|2y", default=None, callback=_check_horizon,
              help=N_("Also take away everyone leaving within this horizon (e.g. 12m)."))
@as_of_option
@_MIN_LEVEL
def what_if(store, database, fmt, without, leaving_within, as_of, min_level):
    """What changes with some people gone: coverage, pins, cut points, contacts.

    Shows each change with its value before and after. Calls kgraph.what_if.

    \b
    Examples:
      kgraph what-if --without P0117 --without "Geert Vink"
      kgraph what-if --leaving-within 12m --as-of 2026-12-01
    """
    if not without and leaving_within is None:
        raise click.UsageError(_("give --without PERSON and/or --leaving-within 12m"))
    with open_graph(store, database) as kg:
        df = _api().what_if(kg, without=without, leaving_within=leaving_within, as_of=as_of, min_level=min_level)
        render(df, fmt, table_columns=_WHAT_IF_TABLE, optional=_WHAT_IF_OPTIONAL)
        gone = len(df.attrs.get("without", []))
        summary(_("without {persons}: {changes}").format(
            persons=counted(ngettext("{n} person", "{n} persons", gone), gone),
            changes=counted(ngettext("{n} change", "{n} changes", len(df)), len(df))))


@command()
@store_option
@format_option
@as_of_option
@_HORIZON
@top_option
@_MIN_LEVEL
def recommend(store, database, fmt, as_of, horizon, top, min_level):
    """Actions: knowledge transfers and introductions, each with the reason.

    Calls kgraph.recommend.

    \b
    Examples:
      kgraph recommend --as-of 2026-12-01 --top 20
    """
    with open_graph(store, database) as kg:
        df = _api().recommend(kg, as_of=as_of, horizon=horizon, limit=top, min_level=min_level)
        render(df, fmt, table_columns=_RECOMMEND_TABLE, optional=_RECOMMEND_OPTIONAL)
        n = df["action"].value_counts()
        t, i = int(n.get("transfer", 0)), int(n.get("introduce", 0))
        summary(_("{transfers}, {introductions}").format(
            transfers=counted(ngettext("{n} transfer", "{n} transfers", t), t),
            introductions=counted(ngettext("{n} introduction", "{n} introductions", i), i)))
