"""Linking pins and knowledge brokers: ``kgraph linking-pins``."""

from __future__ import annotations

import click

from ..app import api
from ..i18n import _
from ._common import as_of_option, format_option, open_graph, plural, progress_bar, render, store_option, summary


#: what the terminal table shows; --format csv/json give every column
TABLE_COLUMNS = ["rank", "person_id", "name", "team", "formal_pin", "connects", "brokerage_total",
                 "betweenness", "constraint", "articulation_point", "only_contact_for"]


@click.command("linking-pins")
@click.option("--by", type=click.Choice(["team", "department"]), default="team", show_default=True,
              help="Groups whose connections count as brokerage.")
@click.option("--comembership", is_flag=True, help="Count sharing a team as a tie, besides reported ties.")
@click.option("--directed", is_flag=True, help="Use ties as reported (default: a tie reported by either person counts).")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the N highest-ranked people.")
@click.option("--between", nargs=2, metavar="A B", default=None,
              help="List who links two teams or departments (ids or names).")
@click.option("--exact", is_flag=True, help="Exact betweenness, however long it takes (same as --samples exact).")
@click.option("--samples", default="auto", show_default=True, metavar="auto|exact|N",
              help="Betweenness: auto (exact up to 3,000 persons, else estimated with error bounds from at most "
                   "2,048 sampled sources, 1,024 above 20,000 persons), exact, or estimated from at most N sources.")
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
      kgraph linking-pins --by department --format json
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
            bar(0, 1, "analysing")
        df = api.linking_pins(kg, as_of=as_of, by=by, comembership=comembership, directed=directed, top=top,
                              between=tuple(between) if between else None, betweenness_samples=samples)
        if bar:
            bar(1, 1, "analysing")
        if between:
            if df.empty:
                summary(f"nobody links {between[0]} and {between[1]}: no shared member and no one with ties into both")
                return
            render(df, fmt)
            summary(f"{plural(len(df), 'person', 'people')} link {between[0]} and {between[1]}")
            return
        render(df, fmt, table_columns=TABLE_COLUMNS)
        if df.empty:
            summary("no persons in the store")
            return
        pins = int((df["formal_pin"] != "none").sum())
        cuts = int(df["articulation_point"].sum())
        if df.attrs.get("note"):
            summary(_("note: {text}").format(text=df.attrs["note"]))
        summary(f"{plural(len(df), 'person')} ranked by {by}: {pins} formal linking pins, {cuts} articulation points; "
                + _betweenness_line(df.attrs))


def _betweenness_line(attrs: dict) -> str:
    """``betweenness exact``, or ``betweenness estimated:`` and the one sentence saying what is certain."""
    if attrs.get("betweenness", "exact") == "exact":
        return _("betweenness exact")
    return _("betweenness estimated: {text}; --exact computes it exactly").format(
        text=attrs.get("betweenness_summary", ""))
