"""Keeping the interaction log and the engagement rule from the command line: ``kgraph log``
and ``kgraph engage-settings``.

:func:`log_rows` builds what one ``kgraph log`` adds (an interaction, follow-ups closed) as
a :class:`~kgraph.model.Dataset`, validated by the rules of an import (the same columns,
enums, dates and references; every problem named by its option); it is pure.
:func:`log_interaction` writes those rows as a dated change through one call
(:func:`_write`). :func:`engage_rule` is the rule a store's findings use: the packaged
``schema/engage.toml`` with the store's overrides (:func:`engage_settings`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..analysis.engage import EngageRule, parse_quadrant, parse_stance
from ..dates import parse_as_of, parse_horizon
from ..errors import KgraphError, NotFound, OptionError, Problem, ValidationError
from ..i18n import _
from ..ingest.validate import validate_rows
from ..model import Dataset, model
from ..names import matching, resolve
from ..org import Org
from .handle import KnowledgeGraph

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["log_rows", "log_interaction", "engage_rule", "engage_settings", "LOG_SOURCE", "OPTIONS", "SETTING"]

#: the source the log's rows belong to (a store that keeps dated versions per source keeps
#: them apart from the imported tables, so that an import of the CSV files keeps them)
LOG_SOURCE = "log"
#: the store setting holding a municipality's own engagement rule (only what differs)
SETTING = "engage.rule"
#: the option of ``kgraph log`` that gives each column of ``interactions``
OPTIONS = {"date": "--date", "person_id": "--by", "actor_id": "--actor", "issue_id": "--issue", "kind": "--kind",
           "mode": "--mode", "summary": "--summary", "follow_up": "--follow-up", "follow_up_due": "--due",
           "done": "--done"}
_LABEL = "kgraph log"


class OptionProblem(Problem):
    """A problem with an option of a command: ``kgraph log:--due: message``."""

    def __str__(self) -> str:
        return f"{self.file}:{self.column}: {self.message}"


def _problem(column: str, message: str) -> OptionProblem:
    return OptionProblem(_LABEL, 0, OPTIONS.get(column, column), message)


def _resolve(ds: Dataset, ref: str | None, kind: str, column: str, problems: list) -> str | None:
    """The id ``ref`` names (an id, or an exact name); unknown refs are left for the validator."""
    if ref is None or str(ref).strip() == "":
        return None
    ref = str(ref).strip()
    try:
        return resolve(ref, (kind,), kind_of=lambda i: ds.nodes[i][0] if i in ds.nodes else None,
                       matches=lambda k: matching(ref, {i: p.get("name") for i, (kk, p) in ds.nodes.items() if kk == k}))
    except NotFound:
        return ref  # the validator says "unknown actor '...'"
    except OptionError as err:  # a name of several
        problems.append(_problem(column, err.message + (f"; {err.hint}" if err.hint else "")))
        return None


def log_rows(current: Dataset, *, actor: str | None = None, by: str | None = None, issue: str | None = None,
             kind: str | None = None, mode: str | None = None, summary: str | None = None,
             follow_up: str | None = None, due: str | _dt.date | None = None, date: str | _dt.date | None = None,
             done: Iterable[str] = ()) -> tuple[Dataset, dict[str, Any]]:
    """What one ``kgraph log`` adds to ``current``: the rows, and what they are.

    Logs an interaction (``actor``, ``by``, ``kind`` and ``mode`` given) and/or closes
    follow-ups (``done``: interaction ids). Actors, persons and issues may be given by id
    or exact name. Checked by the rules of an import (:func:`kgraph.ingest.validate.validate_rows`),
    plus: an interaction logged here says its kind and mode. Pure: ``current`` is not changed.

    Returns
    -------
    (Dataset, dict)
        The new and changed rows (an :class:`Interaction` node with its ``HELD_BY``,
        ``HELD_WITH`` and ``ABOUT`` edges; each closed interaction with ``done`` true),
        and ``interaction_id`` (None when only closing), ``already_logged`` (the log holds
        this very interaction: nothing to add), ``closed`` (ids), ``already_done`` (ids),
        ``contact`` (whether ``by`` holds a relationship with the actor in the contacts).

    Raises
    ------
    ValidationError
        Every problem, each as ``kgraph log:--option: message``.
    OptionError
        Neither an interaction nor ``done`` given.

    Examples
    --------
    >>> from kgraph.examples import example_dataset
    >>> rows, info = log_rows(example_dataset(), actor="Provincie", by="P2", kind="overleg", mode="dialogue",
    ...                       summary="Geluidsnormen besproken", follow_up="Notitie sturen", due="2026-06-15",
    ...                       date="2026-06-01")
    >>> info["interaction_id"], info["contact"]
    ('L-41ebedb85beb', True)
    >>> rows.nodes[info["interaction_id"]]
    ('Interaction', {'date': '2026-06-01', 'kind': 'meeting', 'mode': 'dialogue', 'summary': 'Geluidsnormen besproken', 'follow_up': 'Notitie sturen', 'follow_up_due': '2026-06-15', 'done': False})
    >>> log_rows(example_dataset(), actor="A-PROV", by="P9", kind="meeting", mode="preach")
    Traceback (most recent call last):
    kgraph.errors.ValidationError: 2 problems found; nothing was written
    """
    done = [str(x).strip() for x in done if str(x).strip()]
    logging = any(v not in (None, "") for v in (actor, by, issue, kind, mode, summary, follow_up, due))
    if not logging and not done:
        raise OptionError(_("nothing to log"),
                          hint=_("give --actor, --by, --kind and --mode to log an interaction, or --done ID to close a follow-up"))
    problems: list[Problem] = []
    rows = Dataset()
    info: dict[str, Any] = {"interaction_id": None, "already_logged": False, "closed": [], "already_done": [],
                            "contact": None}
    day = date.isoformat() if isinstance(date, _dt.date) else (date or parse_as_of(None).isoformat())
    if logging:
        values = {"date": day, "person_id": _resolve(current, by, "Person", "person_id", problems),
                  "actor_id": _resolve(current, actor, "ExternalActor", "actor_id", problems),
                  "issue_id": _resolve(current, issue, "Issue", "issue_id", problems),
                  "kind": kind, "mode": mode, "summary": summary, "follow_up": follow_up,
                  "follow_up_due": due.isoformat() if isinstance(due, _dt.date) else due, "done": "no"}
        for col in ("actor_id", "person_id", "kind", "mode"):
            if values[col] in (None, "") and not any(p.column == OPTIONS[col] for p in problems):
                problems.append(_problem(col, _("value required")))
        values = {k: v for k, v in values.items() if v not in (None, "")}
        try:
            new = validate_rows("interactions", [values], existing=current, label=_LABEL)
        except ValidationError as err:
            named = {p.column for p in problems}  # one message per option
            problems += [_problem(p.column, p.message) for p in err.problems if OPTIONS.get(p.column) not in named]
            new = None
        if new is not None and not problems:
            [(node_id, node)] = new.nodes.items()
            twin = _same_in_log(current, new, node_id)
            if twin is not None:
                info.update(interaction_id=twin, already_logged=True)
            else:
                rows.nodes.update(new.nodes)
                rows.edges.update(new.edges)
                info["interaction_id"] = node_id
            info["contact"] = ("CONTACT", values["person_id"], values["actor_id"], "") in current.edges
    for ref in done:
        node = current.nodes.get(ref)
        if node is None or node[0] != "Interaction":
            problems.append(_problem("done", _("unknown interaction '{id}'").format(id=ref)))
        elif not node[1].get("follow_up"):
            problems.append(_problem("done", _("interaction '{id}' has no follow-up").format(id=ref)))
        elif node[1].get("done"):
            info["already_done"].append(ref)
        else:
            rows.nodes[ref] = (node[0], {**node[1], "done": True})
            info["closed"].append(ref)
    if problems:
        err = ValidationError(sorted(set(problems), key=lambda p: (p.column, p.message)))
        err.hint = _("correct the options listed and run the command again")
        raise err
    return rows, info


def _same_in_log(current: Dataset, new: Dataset, node_id: str) -> str | None:
    """The id of an interaction in ``current`` equal to the new one (the same command run twice)."""
    base = "-".join(node_id.split("-")[:2])
    kind, props = new.nodes[node_id]
    ends = {(rel, t) for (rel, s, t, _k) in new.edges if s == node_id}
    n = 1
    while True:
        old_id = base if n == 1 else f"{base}-{n}"
        old = current.nodes.get(old_id)
        if old is None:
            return None
        same = old[0] == kind and {k: v for k, v in old[1].items() if k != "done"} == {k: v for k, v in props.items() if k != "done"}
        if same and {(rel, t) for (rel, s, t, _k) in current.edges if s == old_id} == ends:
            return old_id
        n += 1


def _write(kg: KnowledgeGraph, rows: Dataset, *, as_of: str):
    """The one place the log writes: ``rows`` added to the log's own data, source
    :data:`LOG_SOURCE` (see docs/history.md), from ``as_of`` on, all-or-nothing
    (:meth:`kgraph.store.Store.amend`).

    The log keeps its interactions beside the imported tables, so importing the tables
    again does not drop what was logged; an interaction logged after the fact joins every
    later version of the log too.
    """
    report = kg.store.amend(rows, as_of=as_of, source=LOG_SOURCE)
    kg.changed()
    return report


def log_interaction(kg: KnowledgeGraph, *, actor: str | None = None, by: str | None = None, issue: str | None = None,
                    kind: str | None = None, mode: str | None = None, summary: str | None = None,
                    follow_up: str | None = None, due: str | _dt.date | None = None,
                    date: str | _dt.date | None = None, done: Iterable[str] = ()) -> dict[str, Any]:
    """Add one interaction to the log, and/or close follow-ups, as a change dated ``date``.

    Parameters are those of :func:`log_rows` (``date``: the day of the interaction or of
    closing, default today). All-or-nothing: a problem anywhere writes nothing, and
    logging the same interaction twice adds it once.

    Returns
    -------
    dict
        ``interaction`` (the row logged, as :func:`kgraph.interactions` shows it, or
        None), ``interaction_id``, ``already_logged``, ``closed``, ``already_done``,
        ``contact`` (see :func:`log_rows`), ``date`` and ``report`` (the store's
        :class:`~kgraph.store.ImportReport`).

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> r = kgraph.log_interaction(kg, actor="A-PROV", by="P2", kind="call", mode="inform", summary="Planning gedeeld",
    ...                            follow_up="Stukken sturen", due="2026-06-10", date="2026-06-01")
    >>> r["interaction_id"], r["interaction"]["follow_up_status"]
    ('L-4149e412f0bb', 'open')
    >>> kgraph.log_interaction(kg, done=[r["interaction_id"]], date="2026-06-05")["closed"]
    ['L-4149e412f0bb']
    """
    day = parse_as_of(date).isoformat() if date is not None else parse_as_of(None).isoformat()
    current = kg.store.read_dataset(as_of=day)
    rows, info = log_rows(current, actor=actor, by=by, issue=issue, kind=kind, mode=mode, summary=summary,
                          follow_up=follow_up, due=due, date=day, done=done)
    report = _write(kg, rows, as_of=day) if rows.nodes else None
    shown = None
    if info["interaction_id"]:
        from .api import interactions

        log = interactions(kg, as_of=day)
        hit = log[log["interaction_id"] == info["interaction_id"]]
        shown = hit.iloc[0].to_dict() if len(hit) else None
    return {**info, "interaction": shown, "date": day, "report": report}


# -- the engagement rule of a store ---------------------------------------------------------
def engage_rule(source: KnowledgeGraph | Org) -> EngageRule:
    """The rule the findings of ``source`` use: ``schema/engage.toml`` with the store's overrides."""
    rule = EngageRule.default()
    if isinstance(source, Org):
        return rule
    saved = source.store.get_setting(SETTING) or {}
    try:
        return rule.with_overrides(modes=saved.get("modes"), cadence=saved.get("cadence"))
    except (OptionError, AttributeError) as err:
        raise KgraphError(_("the store's engagement rule cannot be read ({error})").format(error=err),
                          hint=_("set it again, or go back to the defaults: kgraph engage-settings --reset")) from None


def engage_settings(kg: KnowledgeGraph, *, modes: dict[str, dict[Any, str]] | None = None,
                    cadence: dict[str, Any] | None = None, reset: bool = False) -> pd.DataFrame:
    """Show, and optionally change, the engagement rule of the store (``kgraph engage-settings``).

    Parameters
    ----------
    modes : dict, optional
        ``{quadrant: {stance: mode}}``: the modes to recommend instead of the defaults.
    cadence : dict, optional
        ``{quadrant: months}`` (``2``, ``"2m"``, ``"1y"``): the contact cadences.
    reset : bool
        Forget the store's rule first (back to ``schema/engage.toml``).

    Returns
    -------
    pandas.DataFrame
        One row per quadrant: ``quadrant``, ``cadence_months``, the mode per stance
        (``strongly_against`` … ``strongly_for``) and ``changed`` (the store differs
        from the default in this row). Saved in the store's settings, so every command
        on the store (``engage``, ``giraffe``, ``report``) uses it.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> df = kgraph.engage_settings(kg, cadence={"key player": "2m"})
    >>> r = df.iloc[0]
    >>> r.quadrant, int(r.cadence_months), r.against, r["for"], bool(r.changed)
    ('key player', 2, 'dialogue', 'co_create', True)
    """
    import pandas as pd

    saved = {} if reset else dict(kg.store.get_setting(SETTING) or {})
    if modes or cadence or reset:
        EngageRule.default().with_overrides(modes=modes, cadence=cadence)  # every value checked first
        new_modes = {q: dict(row) for q, row in saved.get("modes", {}).items()}
        for q, row in (modes or {}).items():
            new_modes.setdefault(parse_quadrant(q), {}).update({str(parse_stance(x)): m for x, m in row.items()})
        new_cadence = {**saved.get("cadence", {}), **{parse_quadrant(q): parse_horizon(v) for q, v in (cadence or {}).items()}}
        default = EngageRule.default().as_dict()
        differ = {q: {x: m for x, m in row.items() if default["modes"][q][x] != m} for q, row in new_modes.items()}
        saved = {"modes": {q: row for q, row in differ.items() if row},
                 "cadence": {q: v for q, v in new_cadence.items() if default["cadence"][q] != v}}
        saved = {k: v for k, v in saved.items() if v}
        kg.store.set_setting(SETTING, saved or None)
        kg.changed()
    rule = engage_rule(kg).as_dict()
    default = EngageRule.default().as_dict()
    labels = model().scales["stance"]
    rows = []
    for q, months in rule["cadence"].items():
        row = {"quadrant": q, "cadence_months": months}
        row.update({labels[int(s)].replace(" ", "_"): m for s, m in rule["modes"][q].items()})
        row["changed"] = months != default["cadence"][q] or rule["modes"][q] != default["modes"][q]
        rows.append(row)
    return pd.DataFrame(rows)
