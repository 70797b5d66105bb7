"""Linking pins and knowledge brokers: ``kgraph linking-pins``."""

from __future__ import annotations

import click

from ..app import api
from ..i18n import N_, _, format_count, ngettext
from ..options import check_samples
from ._common import (as_of_option, command, counted, format_option, open_graph, progress_bar, render, store_option,
                      summary, top_option)

#: what the terminal table shows; --format csv/json give every column
TABLE_COLUMNS = ["rank", "name", "team", "formal_pin", "connects", "brokerage_total",
                 "betweenness", "constraint", "articulation_point", "only_contact_for"]
#: left out first when the terminal is narrow
OPTIONAL = ("only_contact_for", "constraint", "team", "betweenness")
#: pairs of groups the table lists per broker (CSV and JSON: all)
CONNECTS_SHOWN = 3


def short_connects(rows: list[dict]) -> None:
    """The first pairs a broker connects, and how many more (the table's view)."""
    for r in rows:
        pairs = [x for x in str(r.get("connects") or "").split("; ") if x]
        if len(pairs) > CONNECTS_SHOWN:
            r["connects"] = "; ".join(pairs[:CONNECTS_SHOWN]) + "; " + _("… {n} more").format(n=len(pairs) - CONNECTS_SHOWN)


def _samples(ctx: click.Context, param: click.Parameter, value: str) -> str | int:
    """``--samples``: auto, exact or a whole number of at least 1, checked as it is read (exit 2)."""
    return check_samples(value)


@command("linking-pins")
@click.option("--by", type=click.Choice(["team", "department"]), default="team", show_default=True,
              help=N_("Groups whose connections count as brokerage."))
@click.option("--comembership", is_flag=True, help=N_("Count sharing a team as a tie, besides reported ties."))
@click.option("--directed", is_flag=True, help=N_("Use ties as reported (default: a tie reported by either person counts)."))
@top_option(help=N_("Show only the N highest-ranked people."))
@click.option("--between", nargs=2, metavar="A B", default=None,
              help=N_("List who links two teams or departments (ids, names, or parts of names)."))
@click.option("--exact", is_flag=True, help=N_("Exact betweenness, however long it takes (same as --samples exact)."))
@click.option("--samples", default="auto", show_default=True, metavar="auto|exact|N", callback=_samples,
              help=N_("Betweenness: auto (exact up to 3,000 persons, else estimated with error bounds from at most "
                      "2,048 sampled sources, 1,024 above 20,000 persons), exact, or estimated from at most N sources."))
@as_of_option
@store_option
@format_option
def linking_pins(by, comembership, directed, top, between, exact, samples, as_of, store, database, fmt):
    """Linking pins and knowledge brokers, ranked, with why each one matters.

    Formal pins (Likert: vertical = leads a team and sits in the group above;
    lateral = member of two teams), brokerage between teams or departments
    (Gould & Fernandez), betweenness, Burt's constraint, articulation points,
    and boundary spanners (an external actor's only contact).

    Above 3,000 persons betweenness is estimated: each value comes with a bound
    (betweenness_low, betweenness_high; 90 % confidence for all at once) and
    betweenness_top says who is certainly in the top 50 by betweenness ("in"),
    certainly not ("out") or cannot be told apart ("undecided"); the closing line
    names the ranks that cannot be separated. --exact computes it exactly.

    \b
    Examples:
      kgraph linking-pins --top 10
      kgraph linking-pins --by department --format json --top 3
      kgraph linking-pins --between T-VERG "Sociaal Domein"
      kgraph linking-pins --exact --format csv > pins.csv
    """
    if exact:
        if samples not in ("auto", "exact"):
            raise click.UsageError(_("--exact and --samples {n} contradict each other: give one").format(n=samples))
        samples = "exact"
    with open_graph(store, database) as kg:
        bar = progress_bar("linking-pins")
        if bar:
            bar(0, 1, _("analysing"))
        df = api.linking_pins(kg, as_of=as_of, by=by, comembership=comembership, directed=directed, top=top,
                              between=tuple(between) if between else None, betweenness_samples=samples)
        if bar:
            bar(1, 1, _("analysing"))
        if between:
            a, b = df.attrs.get("between", between)
            if df.empty:
                summary(_("nobody links {a} and {b}: no shared member and no one with ties into both").format(a=a, b=b))
                return
            render(df, fmt)
            summary(ngettext("{n} person links {a} and {b}", "{n} people link {a} and {b}", len(df)).format(
                n=format_count(len(df)), a=a, b=b))
            return
        render(df, fmt, table_columns=TABLE_COLUMNS, optional=OPTIONAL, table_view=short_connects)
        if df.empty:
            summary(_("no persons in the store"))
            return
        pins = int((df["formal_pin"] != "none").sum())
        cuts = int(df["articulation_point"].sum())
        if df.attrs.get("note"):
            summary(_("note: {text}").format(text=df.attrs["note"]))
        summary(_("{persons} ranked by {by}: {pins}, {cuts}; {betweenness}").format(
            persons=counted(ngettext("{n} person", "{n} persons", len(df)), len(df)),
            by=_("team") if by == "team" else _("department"),
            pins=counted(ngettext("{n} formal linking pin", "{n} formal linking pins", pins), pins),
            cuts=counted(ngettext("{n} articulation point", "{n} articulation points", cuts), cuts),
            betweenness=_betweenness_line(df.attrs)))


def _betweenness_line(attrs: dict) -> str:
    """``betweenness exact``, or ``betweenness estimated:`` and the one sentence saying what is certain."""
    if attrs.get("betweenness", "exact") == "exact":
        return _("betweenness exact")
    return _("betweenness estimated: {text}; --exact computes it exactly").format(
        text=attrs.get("betweenness_summary", ""))
