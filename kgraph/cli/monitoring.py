"""Following the organisation over time: ``kgraph monitor``, ``kgraph objectives``, ``kgraph compare``."""

from __future__ import annotations

import click

from ..app import api
from ..i18n import N_, _, format_count, ngettext
from ..vocabulary import change_value, value_label
from ._common import as_of_option, check_date, command, counted, format_option, open_graph, render, store_option, summary

#: columns of the table format (all columns in csv and json)
_MONITOR = ["issue_id", "channel", "family", "period", "count", "mean_sentiment", "previous_mean", "spike"]
_MONITOR_OPTIONAL = ("previous_mean", "family")
_OBJECTIVES = ["objective_id", "target_group_id", "dimension", "baseline", "expected", "latest", "margin", "target",
               "deadline", "respondents", "status"]
_OBJECTIVES_OPTIONAL = ("respondents", "margin", "deadline", "dimension", "target_group_id")
_COMPARE = ["kind", "subject_id", "subject", "context", "before", "after"]
_COMPARE_OPTIONAL = ("subject_id", "context")
#: the words of a period
_PERIODS = {"month": N_("month"), "quarter": N_("quarter")}


@command()
@click.option("--period", type=click.Choice(list(_PERIODS)), default="month", show_default=True,
              help=N_("The length of a period."))
@click.option("--issue", default=None, metavar="ID|NAME", help=N_("Only this issue (id, name or part of it)."))
@click.option("--target-group", "target_group", default=None, metavar="ID|NAME",
              help=N_("Only the signals of this target group (its own, and those of the actors that speak for it)."))
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
    Calls kgraph.monitor.

    \b
    Examples:
      kgraph monitor --period quarter
      kgraph monitor --issue I-WIND --format json
    """
    with open_graph(store, database) as kg:
        df = api.monitor(kg, as_of=as_of, period=period, issue=issue, target_group=target_group)
    render(df, fmt, table_columns=_MONITOR, optional=_MONITOR_OPTIONAL)
    spikes = int(df["spike"].sum()) if len(df) else 0
    signals = int(df["count"].sum()) if len(df) else 0
    summary(_("{signals}, {spikes}, {rows} (issue × channel × {period})").format(
        signals=counted(ngettext("{n} signal", "{n} signals", signals), signals),
        spikes=counted(ngettext("{n} spike", "{n} spikes", spikes), spikes),
        rows=counted(ngettext("{n} row", "{n} rows", len(df)), len(df)), period=_(_PERIODS[period])))


@command()
@click.option("--target-group", "target_group", default=None, metavar="ID|NAME",
              help=N_("Only this target group (id, name or part of it)."))
@as_of_option
@store_option
@format_option
def objectives(target_group, as_of, store, database, fmt):
    """Where each objective stands: baseline, the value expected by now on the
    line from baseline to target, the latest measurement with its margin, and a
    status (achieved, on track, behind, overdue, too few respondents, no data).
    Measurements after the date are ignored; a measurement among fewer
    respondents than the minimum group size is not shown.
    Calls kgraph.objectives.

    \b
    Examples:
      kgraph objectives --as-of 2026-12-01
      kgraph objectives --target-group "Medewerkers Ruimte" --format json
    """
    with open_graph(store, database) as kg:
        df = api.objectives(kg, as_of=as_of, target_group=target_group)
    render(df, fmt, table_columns=_OBJECTIVES, optional=_OBJECTIVES_OPTIONAL)
    counts = df["status"].value_counts().to_dict() if len(df) else {}
    parts = ", ".join(f"{format_count(counts[s])} {value_label('status', s)}" for s in
                      ("achieved", "on_track", "behind", "overdue", "too_few_respondents", "no_data") if counts.get(s))
    text = counted(ngettext("{n} objective", "{n} objectives", len(df)), len(df))
    summary(_("{objectives}: {statuses}").format(objectives=text, statuses=parts) if parts else text)


def _change_words(rows: list[dict]) -> None:
    """The machine values in a change's before and after, in words (the table only)."""
    for r in rows:
        for side in ("before", "after"):
            r[side] = change_value(r["kind"], r.get(side))


@command()
@click.option("--from", "from_date", required=True, metavar="YYYY-MM-DD", callback=check_date,
              help=N_("The earlier date."))
@click.option("--to", "to_date", default=None, metavar="YYYY-MM-DD", callback=check_date,
              help=N_("The later date (default: today)."))
@store_option
@format_option
def compare(from_date, to_date, store, database, fmt):
    """What changed between two dates, one row per change: work ties added or
    removed, linking pins and articulation points gained or lost, knowledge gaps
    opened or closed, stances changed, objectives whose status changed. Each
    date's findings are the ones every other command gives for it.
    Calls kgraph.compare.

    \b
    Examples:
      kgraph compare --from 2025-12-01 --to 2026-12-01
      kgraph compare --from 2025-12-01 --format json
    """
    with open_graph(store, database) as kg:
        df = api.compare(kg, from_date=from_date, to_date=to_date)
    render(df, fmt, table_columns=_COMPARE, optional=_COMPARE_OPTIONAL, table_view=_change_words)
    counts = df["kind"].value_counts().to_dict() if len(df) else {}
    parts = ", ".join(f"{format_count(counts[k])} {value_label('kind', k)}"
                      for k in dict.fromkeys(df["kind"]))  # rows come in the order of the kinds
    changes = counted(ngettext("{n} change", "{n} changes", len(df)), len(df))
    summary(_("{start} → {end}: {changes}").format(
        start=df.attrs.get("from", from_date), end=df.attrs.get("to", to_date or ""), changes=changes)
        + (f" ({parts})" if parts else ""))
