"""Engagement commands: engage, interactions, log, engage-settings."""

from __future__ import annotations

import click

from ..app import api, engagement
from ..i18n import _, ngettext
from ._common import as_of_option, format_option, open_graph, render, store_option, summary

#: columns of the table format (all columns in csv and json)
_ENGAGE_TABLE = ["actor_id", "actor", "issue_id", "quadrant", "stance", "recommended_mode", "modes_used",
                 "last_contact", "next_contact", "contact_overdue", "open_follow_ups", "overdue_follow_ups", "owner"]
_LOG_TABLE = ["interaction_id", "date", "person", "actor", "issue_id", "kind", "mode", "summary"]
_FOLLOW_UP_TABLE = ["interaction_id", "date", "person", "actor", "issue_id", "follow_up", "follow_up_due",
                    "follow_up_status", "days_overdue"]


@click.command()
@click.option("--window", default="6m", show_default=True, metavar="6m|1y",
              help="The modes used are those of the interactions in this period up to the date.")
@click.option("--issue", default=None, metavar="ID|NAME", help="Only this issue.")
@click.option("--actor", default=None, metavar="ID|NAME", help="Only this actor.")
@click.option("--overdue-only", is_flag=True, help="Only actors whose contact or a follow-up is overdue.")
@click.option("--midpoint", type=float, default=3, show_default=True,
              help="Where a 1-5 score becomes high (a score equal to it counts as high).")
@as_of_option
@store_option
@format_option
def engage(window, issue, actor, overdue_only, midpoint, as_of, store, database, fmt):
    """The engagement plan: per actor and issue the communication mode to use
    (inform, persuade, dialogue, co-create: "informeren, overreden, dialogiseren
    en formeren"), the modes the log shows were used, the last contact and
    whether it is overdue, open and overdue follow-ups, the relationship owner.
    Calls ``kgraph.engage``.

    The mode follows the Mendelow quadrant and the stance; contact is due every
    month for key players, every 3 months for keep satisfied and keep informed,
    every 6 months for monitor; blind spots are always overdue (see
    `kgraph engage-settings` to change the rule for this store).

    \b
    Example:
      kgraph engage --overdue-only --as-of 2026-12-01
      kgraph engage --issue I-WIND --window 1y --format json
    """
    with open_graph(store, database) as kg:
        df = api.engage(kg, as_of=as_of, window=window, issue=issue, actor=actor, overdue_only=overdue_only,
                        midpoint=midpoint)
        render(df, fmt, table_columns=_ENGAGE_TABLE)
        n = len(df)
        actors = int(df.loc[df["contact_overdue"], "actor_id"].nunique()) if n else 0
        late = int((df["overdue_follow_ups"] > 0).sum()) if n else 0
        differ = int(df["mode_differs"].sum()) if n else 0
        summary(ngettext("{n} position", "{n} positions", n).format(n=n) + "; " + _(
            "overdue: {actors} actors for contact, {late} positions with a follow-up; {differ} positions engaged in "
            "another mode than recommended").format(actors=actors, late=late, differ=differ))


@click.command()
@click.option("--actor", default=None, metavar="ID|NAME", help="Only interactions with this actor.")
@click.option("--by", default=None, metavar="PERSON", help="Only interactions held by this person (id or name).")
@click.option("--issue", default=None, metavar="ID|NAME", help="Only interactions about this issue.")
@click.option("--since", default=None, metavar="DATE|1m",
              help="Only interactions on or after this date, or within this period before the date (1m, 1y).")
@click.option("--follow-ups", "follow_ups", type=click.Choice(api.FOLLOW_UPS), default=None,
              help="Only interactions with a follow-up: open (overdue too), overdue, done or all; by due date, "
                   "overdue first.")
@as_of_option
@store_option
@format_option
def interactions(actor, by, issue, since, follow_ups, as_of, store, database, fmt):
    """The interaction log: who spoke with which actor, when, about what, in which
    mode, and the follow-ups with their state (open, overdue, done). Calls
    ``kgraph.interactions``. Close a follow-up with `kgraph log --done ID`.

    \b
    Example:
      kgraph interactions --follow-ups overdue --as-of 2026-12-01
      kgraph interactions --actor A-PROV --since 3m --format csv
    """
    with open_graph(store, database) as kg:
        df = api.interactions(kg, as_of=as_of, actor=actor, by=by, issue=issue, since=since, follow_ups=follow_ups)
        render(df, fmt, table_columns=_FOLLOW_UP_TABLE if follow_ups else _LOG_TABLE)
        late = int((df["follow_up_status"] == "overdue").sum())
        opened = int((df["follow_up_status"] == "open").sum())
        summary(_("{rows}; follow-ups: {late} overdue, {open} open").format(
            rows=ngettext("{n} interaction", "{n} interactions", len(df)).format(n=len(df)), late=late, open=opened))


@click.command("log")
@click.option("--actor", default=None, metavar="ID|NAME", help="The actor (id or exact name).")
@click.option("--by", default=None, metavar="PERSON", help="Who held the interaction (id or exact name).")
@click.option("--issue", default=None, metavar="ID|NAME", help="The issue it was about (leave out: the actor as a whole).")
@click.option("--kind", default=None, metavar="KIND",
              help="meeting, call, letter, email, event or site_visit (Dutch too: overleg, telefoon, brief, ...).")
@click.option("--mode", default=None, metavar="MODE",
              help="inform, persuade, dialogue or co_create (informeren, overreden, dialogiseren, formeren).")
@click.option("--summary", "text", default=None, metavar="TEXT", help="What was said or agreed.")
@click.option("--follow-up", "follow_up", default=None, metavar="TEXT", help="What happens next.")
@click.option("--due", default=None, metavar="YYYY-MM-DD", help="When the follow-up is due.")
@click.option("--done", "done", multiple=True, metavar="ID",
              help="Close the follow-up of this interaction (repeatable; with or without a new interaction).")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="The day of the interaction or of closing (default today).")
@store_option(privacy=False)
@format_option
def log(actor, by, issue, kind, mode, text, follow_up, due, done, date, store, database, fmt):
    """Add one interaction to the log, or close follow-ups, without editing CSV.

    Checked like an import (every problem at once, named by its option), and
    written as a change dated --date. Logging the same interaction twice adds it
    once. Calls ``kgraph.log_interaction``.

    \b
    Example:
      kgraph log --actor A-PROV --by P0001 --issue I-WIND --kind meeting --mode dialogue \\
                 --summary "Noise standards discussed" --follow-up "Send the memo" --due 2026-12-15
      kgraph log --done L-1a2b3c4d5e6f
    """
    with open_graph(store, database) as kg:
        r = engagement.log_interaction(kg, actor=actor, by=by, issue=issue, kind=kind, mode=mode, summary=text,
                                       follow_up=follow_up, due=due, date=date, done=done)
        if r["interaction"] is not None:
            render([r["interaction"]], fmt, table_columns=_FOLLOW_UP_TABLE if r["interaction"]["follow_up"] else _LOG_TABLE)
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


@click.command("engage-settings")
@click.option("--cadence", "cadence", multiple=True, metavar="QUADRANT=PERIOD",
              help='Contact every PERIOD (1m, 2m, 1y) for a quadrant, e.g. "key player=2m" (repeatable).')
@click.option("--mode", "modes", multiple=True, metavar="QUADRANT:STANCE=MODE",
              help='Recommend MODE for a quadrant and stance (-2 .. 2), e.g. "keep satisfied:-1=dialogue" (repeatable).')
@click.option("--reset", is_flag=True, help="Back to the defaults (schema/engage.toml) first.")
@store_option(privacy=False)
@format_option
def engage_settings(cadence, modes, reset, store, database, fmt):
    """Show or set this store's engagement rule: the mode recommended per
    Mendelow quadrant and stance, and the contact cadence per quadrant. The
    defaults (schema/engage.toml) follow Van Ruler's four modes and Mendelow's
    quadrants; a municipality may keep its own. Calls ``kgraph.engage_settings``.

    \b
    Example:
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
            store=kg.location, n=changed))
