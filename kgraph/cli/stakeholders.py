"""The stakeholder map command: ``kgraph stakeholders``."""

from __future__ import annotations

import click

from ..app import api
from ..i18n import N_, _, ngettext
from ..options import check_midpoint
from ._common import as_of_option, command, counted, format_option, open_graph, records, render, store_option, summary

#: columns of the table format (all columns in csv and json)
_TABLE = ["actor_id", "actor", "issue_id", "stance", "influence", "interest", "date", "quadrant", "salience",
          "owner", "n_contacts", "handover", "flags"]
_OPTIONAL = ("salience", "n_contacts", "date", "interest", "issue_id")
#: columns of the factors table (``--issue``)
_FACTORS = ["factor_id", "factor", "factor_kind", "issue_id", "effect", "effect_label", "date"]


def _flags(row) -> str:
    out = [name for name, key in ((_("blind spot"), "blind_spot"), (_("single contact"), "single_contact"),
                                  (_("stale"), "stale_contact"), (_("handover"), "handover")) if bool(row[key])]
    return ", ".join(out)


def _handover(row) -> str:
    """``"Ann de Vries leaves 2027-03-31"`` for a relationship at risk, else empty."""
    if not row["handover"]:
        return ""
    return _("{name} leaves {date}").format(name=row["handover_person"], date=row["handover_date"])


def midpoint_check(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """``--midpoint``: a finite number from 1 to 5, checked as it is read (exit 2)."""
    return None if value is None else check_midpoint(value)


def _horizon(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from ..dates import parse_horizon

    if value is not None:
        parse_horizon(value)
    return value


@command()
@click.option("--issue", default=None, metavar="ID|NAME", help=N_("Only this issue (id, name or part of it)."))
@click.option("--actor", default=None, metavar="ID|NAME", help=N_("Only this actor (id, name or part of it)."))
@click.option("--midpoint", type=float, default=3, show_default=True, metavar="1-5", callback=midpoint_check,
              help=N_("Where a 1-5 score becomes high (a score equal to it counts as high)."))
@as_of_option
@click.option("--stale-after", default="12m", show_default=True, metavar="12m|2y", callback=_horizon,
              help=N_("A relationship not touched for longer than this is stale."))
@click.option("--horizon", default="12m", show_default=True, metavar="12m|2y", callback=_horizon,
              help=N_("A relationship whose owner (or only contact) leaves within this horizon needs a handover."))
@store_option
@format_option
def stakeholders(issue, actor, midpoint, as_of, stale_after, horizon, store, database, fmt):
    """The stakeholder map: per actor and issue the current stance, influence,
    interest, trend, Mendelow quadrant, salience class, relationship owner and
    contacts, with blind spots, single contacts, stale relationships,
    handovers (the owner or only contact leaves within --horizon) and
    coalitions flagged. Calls kgraph.stakeholders.

    With --issue the factors around the issue follow (kgraph.factors): in a
    table as a second table, in CSV and JSON as rows after the actors, each with
    the keys factor_id, factor, factor_kind, issue_id, issue, effect,
    effect_label, date, description.

    \b
    Examples:
      kgraph stakeholders --issue I-WIND
      kgraph stakeholders --issue windpark --actor tegenwind
      kgraph stakeholders --midpoint 4 --as-of 2026-01-01 --format json
    """
    with open_graph(store, database) as kg:
        df = api.stakeholders(kg, issue=issue, actor=actor, as_of=as_of, midpoint=midpoint, stale_after=stale_after,
                              horizon=horizon)
        factors = api.factors(kg, issue=issue, as_of=as_of) if issue else None
        if fmt == "table":
            view = df.copy()
            view["flags"] = [_flags(r) for _i, r in view.iterrows()]
            view["handover"] = [_handover(r) for _i, r in view.iterrows()]
            render(view[_TABLE], fmt, optional=_OPTIONAL)
            if factors is not None and len(factors):
                click.echo()
                render(factors, fmt, table_columns=_FACTORS, optional=("issue_id", "date", "effect"))
        elif fmt == "csv":
            view = df.copy()
            view["contacts"] = [[f"{c['name']} ({c['strength']}, {c['last_contact'] or '?'})" for c in cs] for cs in view["contacts"]]
            view["trend"] = [[f"{d or '?'}:{s}" for d, s in t] for t in view["trend"]]
            render(_with_factors(view, factors), fmt)
        else:
            render(_with_factors(df, factors), fmt)
        blind = int(df["blind_spot"].sum()) if len(df) else 0
        single = int(df["single_contact"].sum()) if len(df) else 0
        actors, issues = df["actor_id"].nunique(), df["issue_id"].nunique()
        handover = int(df.loc[df["handover"], "actor_id"].nunique()) if len(df) else 0
        text = _("{positions} of {actors} on {issues}: {blind}, {single} single-contact, {handover}").format(
            positions=counted(ngettext("{n} position", "{n} positions", len(df)), len(df)),
            actors=counted(ngettext("{n} actor", "{n} actors", actors), actors),
            issues=counted(ngettext("{n} issue", "{n} issues", issues), issues),
            blind=counted(ngettext("{n} blind spot", "{n} blind spots", blind), blind), single=single,
            handover=counted(ngettext("{n} relationship to hand over", "{n} relationships to hand over", handover),
                             handover))
        if factors is not None:
            text += ", " + counted(ngettext("{n} factor", "{n} factors", len(factors)), len(factors))
        summary(text)


def _with_factors(view, factors):
    """The stakeholder rows, then the factor rows (each with its own keys), for CSV and JSON."""
    if factors is None or not len(factors):
        return view
    return records(view)[1] + records(factors)[1]
