"""Following the organisation over time: ``kgraph monitor``, ``kgraph objectives``, ``kgraph compare``."""

from __future__ import annotations

import click

from ..app import api
from ..i18n import _, ngettext
from ._common import as_of_option, format_option, open_graph, render, store_option, summary

#: columns of the table format (all columns in csv and json)
_MONITOR = ["issue_id", "channel", "family", "period", "count", "mean_sentiment", "previous_mean", "spike"]
_OBJECTIVES = ["objective_id", "target_group_id", "dimension", "baseline", "expected", "latest", "margin", "target",
               "deadline", "respondents", "status"]
_COMPARE = ["kind", "subject_id", "subject", "context", "before", "after"]


@click.command()
@click.option("--period", type=click.Choice(["month", "quarter"]), default="month", show_default=True,
              help="The length of a period.")
@click.option("--issue", default=None, metavar="ID|NAME", help="Only this issue.")
@click.option("--target-group", "target_group", default=None, metavar="ID|NAME",
              help="Only the signals of this target group (its own, and those of the actors that speak for it).")
@as_of_option
@store_option
@format_option
def monitor(period, issue, target_group, as_of, store, database, fmt):
    """Signals per issue, channel and period: count, mean sentiment and spikes,
    every signal counted whether or not it names an actor. Channels are grouped in
    families: continuous (complaint, idea, evaluation), broad (survey, customer
    satisfaction, information need), depth (interview, focus group, mirror
    conversation, observation) and media. A spike is a period with at least 3
    signals and at least twice the mean of the three periods before it.
    Calls ``kgraph.monitor``.

    \b
    Example:
      kgraph monitor --period quarter
      kgraph monitor --issue I-WIND --format json
    """
    with open_graph(store, database) as kg:
        df = api.monitor(kg, as_of=as_of, period=period, issue=issue, target_group=target_group)
    render(df, fmt, table_columns=_MONITOR)
    spikes = int(df["spike"].sum()) if len(df) else 0
    signals = int(df["count"].sum()) if len(df) else 0
    summary(ngettext("{n} signal", "{n} signals", signals).format(n=f"{signals:,}") + ", "
            + ngettext("{n} spike", "{n} spikes", spikes).format(n=spikes) + ", "
            + _("{rows} rows (issue × channel × {period})").format(rows=len(df), period=period))


@click.command()
@click.option("--target-group", "target_group", default=None, metavar="ID|NAME", help="Only this target group.")
@as_of_option
@store_option
@format_option
def objectives(target_group, as_of, store, database, fmt):
    """Where each objective stands: baseline, the value expected by now on the
    line from baseline to target, the latest measurement with its margin, and a
    status (achieved, on_track, behind, overdue, too_few_respondents, no_data).
    Measurements after the date are ignored; a measurement among fewer
    respondents than the minimum group size is not shown.
    Calls ``kgraph.objectives``.

    \b
    Example:
      kgraph objectives --as-of 2026-12-01
      kgraph objectives --target-group Medewerkers --format json
    """
    with open_graph(store, database) as kg:
        df = api.objectives(kg, as_of=as_of, target_group=target_group)
    render(df, fmt, table_columns=_OBJECTIVES)
    counts = df["status"].value_counts().to_dict() if len(df) else {}
    parts = ", ".join(f"{counts[s]} {s}" for s in ("achieved", "on_track", "behind", "overdue", "too_few_respondents",
                                                    "no_data") if counts.get(s))
    summary(ngettext("{n} objective", "{n} objectives", len(df)).format(n=len(df)) + (f": {parts}" if parts else ""))


@click.command()
@click.option("--from", "from_date", required=True, metavar="YYYY-MM-DD", help="The earlier date.")
@click.option("--to", "to_date", default=None, metavar="YYYY-MM-DD", help="The later date (default: today).")
@store_option
@format_option
def compare(from_date, to_date, store, database, fmt):
    """What changed between two dates, one row per change: work ties added or
    removed, linking pins and articulation points gained or lost, knowledge gaps
    opened or closed, stances changed, objectives whose status changed. Each
    date's findings are the ones every other command gives for it.
    Calls ``kgraph.compare``.

    \b
    Example:
      kgraph compare --from 2025-12-01 --to 2026-12-01
      kgraph compare --from 2025-12-01 --format json
    """
    with open_graph(store, database) as kg:
        df = api.compare(kg, from_date=from_date, to_date=to_date)
    render(df, fmt, table_columns=_COMPARE)
    counts = df["kind"].value_counts().to_dict() if len(df) else {}
    parts = ", ".join(f"{counts[k]} {k}" for k in dict.fromkeys(df["kind"]))  # rows come in the order of the kinds
    summary(_("{start} → {end}: ").format(start=df.attrs.get("from", from_date), end=df.attrs.get("to", to_date or ""))
            + ngettext("{n} change", "{n} changes", len(df)).format(n=len(df)) + (f" ({parts})" if parts else ""))
