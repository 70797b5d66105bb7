"""Engagement commands: engage, interactions, log, engage-settings."""

from __future__ import annotations

import click

from ..app import api, engagement
from ..i18n import N_, _, format_count, ngettext
from ._common import (as_of_option, check_horizon, command, counted, format_option, open_graph, render,
                      store_option, summary)
from .stakeholders import midpoint_check

#: columns of the table format (all columns in csv and json)
_ENGAGE_TABLE = ["actor_id", "actor", "issue_id", "quadrant", "stance", "recommended_mode", "modes_used",
                 "last_contact", "next_contact", "contact_overdue", "open_follow_ups", "overdue_follow_ups", "owner"]
_ENGAGE_OPTIONAL = ("open_follow_ups", "last_contact", "stance", "modes_used", "issue_id", "actor_id")
_LOG_TABLE = ["interaction_id", "date", "person", "actor", "issue_id", "kind", "mode", "summary"]
_LOG_OPTIONAL = ("interaction_id", "issue_id", "mode")
_FOLLOW_UP_TABLE = ["interaction_id", "date", "person", "actor", "issue_id", "follow_up", "follow_up_due",
                    "follow_up_status", "days_overdue"]
_FOLLOW_UP_OPTIONAL = ("issue_id", "date", "days_overdue")


@command()
@click.option("--window", default="6m", show_default=True, metavar="12m|2y", callback=check_horizon,
              help=N_("The modes used are those of the interactions in this period up to the date."))
@click.option("--issue", default=None, metavar="ID|NAME", help=N_("Only this issue (id, name or part of it)."))
@click.option("--actor", default=None, metavar="ID|NAME", help=N_("Only this actor (id, name or part of it)."))
@click.option("--overdue-only", is_flag=True, help=N_("Only actors whose contact or a follow-up is overdue."))
@click.option("--midpoint", type=float, default=3, show_default=True, metavar="1-5", callback=midpoint_check,
              help=N_("Where a 1-5 score becomes high (a score equal to it counts as high)."))
@as_of_option
@store_option
@format_option
def engage(window, issue, actor, overdue_only, midpoint, as_of, store, database, fmt):
    """The engagement plan: per actor and issue the communication mode to use
    (inform, persuade, dialogue, co-create: "informeren, overreden, dialogiseren
    en formeren"), the modes the log shows were used, the last contact and
    whether it is overdue, open and overdue follow-ups, the relationship owner.
    Calls kgraph.engage.

    The mode follows the Mendelow quadrant and the stance; contact is due every
    month for key players, every 3 months for keep satisfied and keep informed,
    every 6 months for monitor; blind spots are always overdue (see
    kgraph engage-settings to change the rule for this store).

    \b
    Examples:
      kgraph engage --overdue-only --as-of 2026-12-01
      kgraph engage --issue windpark --window 1y --format json
    """
    with open_graph(store, database) as kg:
        df = api.engage(kg, as_of=as_of, window=window, issue=issue, actor=actor, overdue_only=overdue_only,
                        midpoint=midpoint)
        render(df, fmt, table_columns=_ENGAGE_TABLE, optional=_ENGAGE_OPTIONAL)
        n = len(df)
        actors = int(df.loc[df["contact_overdue"], "actor_id"].nunique()) if n else 0
        late = int((df["overdue_follow_ups"] > 0).sum()) if n else 0
        differ = int(df["mode_differs"].sum()) if n else 0
        summary(_("{positions}; overdue: {actors} for contact, {late} with a follow-up; {differ} engaged in another "
                  "mode than recommended").format(
            positions=counted(ngettext("{n} position", "{n} positions", n), n),
            actors=counted(ngettext("{n} actor", "{n} actors", actors), actors),
            late=counted(ngettext("{n} position", "{n} positions", late), late),
            differ=counted(ngettext("{n} position", "{n} positions", differ), differ)))


@command()
@click.option("--actor", default=None, metavar="ID|NAME",
              help=N_("Only interactions with this actor (id, name or part of it)."))
@click.option("--by", default=None, metavar="PERSON",
              help=N_("Only interactions held by this person (id, name or part of it)."))
@click.option("--issue", default=None, metavar="ID|NAME",
              help=N_("Only interactions about this issue (id, name or part of it)."))
@click.option("--since", default=None, metavar="DATE|1m",
              help=N_("Only interactions on or after this date, or within this period before the date (1m, 1y)."))
@click.option("--follow-ups", "follow_ups", type=click.Choice(api.FOLLOW_UPS), default=None,
              help=N_("Only interactions with a follow-up: open (overdue too), overdue, done or all; by due date, "
                      "overdue first."))
@as_of_option
@store_option
@format_option
def interactions(actor, by, issue, since, follow_ups, as_of, store, database, fmt):
    """The interaction log: who spoke with which actor, when, about what, in which
    mode, and the follow-ups with their state (open, overdue, done). Calls
    kgraph.interactions. Close a follow-up with kgraph log --done ID.

    \b
    Examples:
      kgraph interactions --follow-ups overdue --as-of 2026-12-01
      kgraph interactions --actor A-PROV --since 3m --format csv
    """
    with open_graph(store, database) as kg:
        df = api.interactions(kg, as_of=as_of, actor=actor, by=by, issue=issue, since=since, follow_ups=follow_ups)
        if follow_ups:
            render(df, fmt, table_columns=_FOLLOW_UP_TABLE, optional=_FOLLOW_UP_OPTIONAL)
        else:
            render(df, fmt, table_columns=_LOG_TABLE, optional=_LOG_OPTIONAL)
        late = int((df["follow_up_status"] == "overdue").sum())
        opened = int((df["follow_up_status"] == "open").sum())
        summary(_("{rows}; follow-ups: {late} overdue, {open} open").format(
            rows=counted(ngettext("{n} interaction", "{n} interactions", len(df)), len(df)),
            late=format_count(late), open=format_count(opened)))


@command("log")
@click.option("--actor", default=None, metavar="ID|NAME", help=N_("The actor (id or exact name)."))
@click.option("--by", default=None, metavar="PERSON", help=N_("Who held the interaction (id or exact name)."))
@click.option("--issue", default=None, metavar="ID|NAME",
              help=N_("The issue it was about (leave out: the actor as a whole)."))
@click.option("--kind", default=None, metavar="KIND",
              help=N_("meeting, call, letter, email, event or site_visit (Dutch too: overleg, telefoon, brief, ...)."))
@click.option("--mode", default=None, metavar="MODE",
              help=N_("inform, persuade, dialogue or co_create (informeren, overreden, dialogiseren, formeren)."))
@click.option("--summary", "text", default=None, metavar="TEXT", help=N_("What was said or agreed."))
@click.option("--follow-up", "follow_up", default=None, metavar="TEXT", help=N_("What happens next."))
@click.option("--due", default=None, metavar="YYYY-MM-DD", help=N_("When the follow-up is due."))
@click.option("--done", "done", multiple=True, metavar="ID",
              help=N_("Close the follow-up of this interaction (repeatable; with or without a new interaction)."))
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help=N_("The day of the interaction or of closing (default today)."))
@store_option(privacy=False)
@format_option
def log(actor, by, issue, kind, mode, text, follow_up, due, done, date, store, database, fmt):
    """Add one interaction to the log, or close follow-ups, without editing CSV.

    Checked like an import (every problem at once, named by its option), and
    written as a change dated --date. Logging the same interaction twice adds it
    once. Calls kgraph.log_interaction.

    \b
    Examples:
      kgraph log --actor A-PROV --by P0001 --issue I-WIND --kind meeting --mode dialogue --follow-up "Send the memo" --due 2026-12-15
      kgraph log --actor A-PROV --by P0001 --kind call --mode inform --summary "Noise standards explained"
    """
    with open_graph(store, database) as kg:
        r = engagement.log_interaction(kg, actor=actor, by=by, issue=issue, kind=kind, mode=mode, summary=text,
                                       follow_up=follow_up, due=due, date=date, done=done)
        if r["interaction"] is not None:
            if r["interaction"]["follow_up"]:
                render([r["interaction"]], fmt, table_columns=_FOLLOW_UP_TABLE, optional=_FOLLOW_UP_OPTIONAL)
            else:
                render([r["interaction"]], fmt, table_columns=_LOG_TABLE, optional=_LOG_OPTIONAL)
        parts = []
        if r["interaction_id"]:
            what = _("already in the log: {id}") if r["already_logged"] else _("logged {id}")
            parts.append(what.format(id=r["interaction_id"]))
        if r["closed"]:
            parts.append(_("closed {ids}").format(ids=", ".join(r["closed"])))
        if r["already_done"]:
            parts.append(_("already done: {ids}").format(ids=", ".join(r["already_done"])))
        summary(_("{what} ({date}) in {store}").format(what="; ".join(parts), date=r["date"], store=kg.location))
        if r["contact"] is False:
            summary(_("note: this person is not listed as a contact of this actor in the contacts table; add the "
                      "relationship there to count it in the stakeholder map"))


@command("engage-settings")
@click.option("--cadence", "cadence", multiple=True, metavar="QUADRANT=PERIOD",
              help=N_('Contact every PERIOD (1m, 2m, 1y) for a quadrant, e.g. "key player=2m" (repeatable).'))
@click.option("--mode", "modes", multiple=True, metavar="QUADRANT:STANCE=MODE",
              help=N_('Recommend MODE for a quadrant and stance (-2 .. 2), e.g. "keep satisfied:-1=dialogue" '
                      '(repeatable).'))
@click.option("--reset", is_flag=True, help=N_("Back to the defaults (schema/engage.toml) first."))
@store_option(privacy=False)
@format_option
def engage_settings(cadence, modes, reset, store, database, fmt):
    """Show or set this store's engagement rule: the mode recommended per
    Mendelow quadrant and stance, and the contact cadence per quadrant. The
    defaults (schema/engage.toml) follow Van Ruler's four modes and Mendelow's
    quadrants; a municipality may keep its own. Calls kgraph.engage_settings.

    \b
    Examples:
      kgraph engage-settings --cadence "key player=2m" --mode "keep satisfied:-1=dialogue"
      kgraph engage-settings --reset
    """
    cad, mod = {}, {}
    for item in cadence:
        q, sep, v = item.partition("=")
        if not sep:
            raise click.BadParameter(_("write QUADRANT=PERIOD, e.g. \"key player=2m\""), param_hint="--cadence")
        cad[q.strip()] = v.strip()
    for item in modes:
        qs, sep, m = item.partition("=")
        q, sep2, s = qs.rpartition(":")
        if not sep or not sep2:
            raise click.BadParameter(_("write QUADRANT:STANCE=MODE, e.g. \"keep satisfied:-1=dialogue\""),
                                     param_hint="--mode")
        mod.setdefault(q.strip(), {})[s.strip()] = m.strip()
    with open_graph(store, database) as kg:
        df = engagement.engage_settings(kg, modes=mod or None, cadence=cad or None, reset=reset)
        render(df, fmt)
        changed = int(df["changed"].sum())
        summary(_("engagement rule of {store}: {n} of 4 quadrants differ from the defaults").format(
            store=kg.location, n=format_count(changed)))
