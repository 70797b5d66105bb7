"""The analyses as the library and the command line call them: ``kgraph.gaps(kg, as_of=...)``.

Each function takes the graph handle (or an :class:`~kgraph.org.Org` built in memory),
takes the organisation of one date from it (``as_of``, default today) and returns the
result of the pure analysis of the same name, computed once per date and options
(:class:`~kgraph.app.findings.Findings`). Every ``kgraph`` command calls one of these.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..dates import parse_as_of
from ..errors import OptionError
from ..i18n import _
from ..jsonrows import Rows
from ..org import Org
from .findings import Findings
from .handle import KnowledgeGraph
from .lookup import who_knows  # noqa: F401 - a facade function of its own module (kept light for the CLI)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["findings_of", "linking_pins", "formal_pins", "gaps", "who_knows", "what_if", "recommend",
           "stakeholders", "select_stakeholders", "coverage", "aggregates", "engage", "interactions", "FOLLOW_UPS",
           "monitor", "objectives", "factors", "compare"]

Source = KnowledgeGraph | Org
Date = str | _dt.date | None


def findings_of(source: Source, as_of: Date = None, *, min_group_size: int | None = None) -> Findings:
    """The findings of ``source`` on ``as_of``: the handle's bundle for that date, or a new
    bundle for an :class:`~kgraph.org.Org` (whose date must then be ``as_of``, if given)."""
    if isinstance(source, Org):
        if as_of is not None and parse_as_of(as_of) != source.as_of:
            raise OptionError(_("this organisation describes {date}; as_of {other} differs").format(
                date=source.as_of.isoformat(), other=parse_as_of(as_of).isoformat()))
        return Findings(source, min_group_size=5 if min_group_size is None else min_group_size)
    f = source.findings(as_of)
    if min_group_size is not None and min_group_size != f.min_group_size:
        from ..store import policy

        return Findings(f.org, min_group_size=policy.min_group_size(source.store, min_group_size))
    return f


def _copy(df: pd.DataFrame | Rows) -> pd.DataFrame | Rows:
    """A copy of a memoised result (:class:`Findings`) that the caller may change."""
    out = Rows([dict(r) for r in df], df.columns) if isinstance(df, Rows) else df.copy()
    out.attrs = dict(df.attrs)
    return out


def linking_pins(source: Source, *, as_of: Date = None, by: str = "team", comembership: bool = False,
                 directed: bool = False, top: int | None = None, between: tuple[str, str] | None = None,
                 betweenness_samples: int | str | None = "auto", seed: int = 0) -> pd.DataFrame:
    """Linking pins and knowledge brokers on ``as_of`` (see :func:`kgraph.analysis.linking.linking_pins`).

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> kgraph.linking_pins(kg, as_of="2026-06-01", top=2)["person_id"].tolist()
    ['P1', 'P4']
    """
    f = findings_of(source, as_of)
    if between is not None:
        a, b = between
        return _copy(f.linking_between(a, b, comembership=comembership, directed=directed))
    return _copy(f.linking_pins(by=by, comembership=comembership, directed=directed, top=top,
                                betweenness_samples=betweenness_samples, seed=seed))


def formal_pins(source: Source, *, as_of: Date = None) -> pd.DataFrame:
    """Likert's formal linking pins on ``as_of`` (see :func:`kgraph.analysis.linking.formal_pins`)."""
    from ..analysis.linking import formal_pins as run

    return run(findings_of(source, as_of).org)


def gaps(source: Source, *, as_of: Date = None, horizon: str | int = "12m", stale_after: str | int = "24m",
         min_level: int = 3, stale_by: str = "family", kind: str | Iterable[str] | None = None,
         severity: str | None = None, top: int | None = None, as_frame: bool = True) -> pd.DataFrame:
    """Knowledge gaps on ``as_of`` (see :func:`kgraph.analysis.gaps.gaps`).

    ``kind`` keeps the rows of these kinds, ``severity`` those of this severity or higher
    (``"medium"``: high and medium), ``top`` the first rows (see
    :func:`kgraph.analysis.gaps.select`); ``df.attrs["total"]`` counts the rows before.
    ``as_frame=False`` returns the same rows as a :class:`~kgraph.jsonrows.Rows` (its ``attrs``
    as the DataFrame's) without importing pandas (what ``kgraph gaps`` renders).

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kgraph.gaps(example_graph(), as_of="2026-06-01")["kind"].value_counts().to_dict()
    {'at_risk': 3, 'stale': 2, 'orphan': 1, 'single_holder': 1, 'unlinked_issue': 1}
    >>> df = kgraph.gaps(example_graph(), as_of="2026-06-01", severity="high", top=1)
    >>> df["kind"].tolist(), df.attrs["total"]
    (['at_risk'], 8)
    """
    from ..analysis.gaps import select

    df = findings_of(source, as_of).gaps(horizon=horizon, stale_after=stale_after, min_level=min_level, stale_by=stale_by,
                                         as_frame=as_frame)
    out = select(df, kind=None if kind is None else ([kind] if isinstance(kind, str) else list(kind)),
                 severity=severity, top=top)
    return _copy(out)


def what_if(source: Source, *, without: Iterable[str] = (), leaving_within: str | int | None = None,
            as_of: Date = None, min_level: int = 3) -> pd.DataFrame:
    """What changes with some people gone, on ``as_of`` (see :func:`kgraph.analysis.whatif.what_if`).

    On a handle the persons in ``without`` are looked up in the store (id or exact name,
    see :mod:`kgraph.names`), so that with ``--pseudonymize`` a real name or id finds the
    pseudonymised person too.
    """
    f = findings_of(source, as_of)
    if isinstance(source, KnowledgeGraph):
        without = [source.store.resolve(str(ref), "Person", as_of=f.org.as_of) for ref in without]
    return _copy(f.what_if(without=tuple(without), leaving_within=leaving_within, min_level=min_level))


def recommend(source: Source, *, as_of: Date = None, horizon: str | int = "12m", limit: int | None = None,
              min_level: int = 3) -> pd.DataFrame:
    """Knowledge transfers and introductions on ``as_of`` (see :func:`kgraph.analysis.recommend.recommend`)."""
    return _copy(findings_of(source, as_of).recommend(horizon=horizon, limit=limit, min_level=min_level))


def select_stakeholders(org: Org, df: pd.DataFrame, *, issue: str | None = None, actor: str | None = None) -> pd.DataFrame:
    """The rows of one issue and/or actor (ids or names) of a stakeholder map of ``org``."""
    if issue:
        df = df[df["issue_id"] == org.resolve(issue, ("Issue",))]
    if actor:
        df = df[df["actor_id"] == org.resolve(actor, ("ExternalActor",))]
    return df.reset_index(drop=True)


def stakeholders(source: Source, *, issue: str | None = None, actor: str | None = None, as_of: Date = None,
                 midpoint: float = 3, stale_after: str | int = "12m", horizon: str | int = "12m") -> pd.DataFrame:
    """The stakeholder map on ``as_of`` (see :func:`kgraph.analysis.stakeholders.stakeholders`).

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kgraph.stakeholders(example_graph(), as_of="2026-06-01")
    Traceback (most recent call last):
    kgraph.errors.KgraphError: no stakeholder positions
    """
    from ..options import check_midpoint

    f = findings_of(source, as_of)
    df = f.stakeholders(midpoint=check_midpoint(midpoint), stale_after=stale_after, horizon=horizon)
    return _copy(select_stakeholders(f.org, df, issue=issue, actor=actor))


def engage(source: Source, *, as_of: Date = None, window: str | int = "6m", issue: str | None = None,
           actor: str | None = None, overdue_only: bool = False, midpoint: float = 3) -> pd.DataFrame:
    """The engagement plan on ``as_of`` (see :func:`kgraph.analysis.engage.engage`), with the
    store's engagement rule (:func:`kgraph.engage_settings`).

    ``issue`` and ``actor`` (ids or names) select rows; ``overdue_only`` keeps the rows
    whose contact or a follow-up is overdue.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> kgraph.engage(kg, as_of="2026-06-01")
    Traceback (most recent call last):
    kgraph.errors.KgraphError: no stakeholder positions
    """
    from ..options import check_midpoint
    from .engagement import engage_rule

    f = findings_of(source, as_of)
    df = f.engage(window=window, midpoint=check_midpoint(midpoint), rule=engage_rule(source))
    df = select_stakeholders(f.org, df, issue=issue, actor=actor)
    if overdue_only:
        df = df[df["contact_overdue"] | (df["overdue_follow_ups"] > 0)].reset_index(drop=True)
    return _copy(df)


#: what ``kgraph interactions --follow-ups`` selects
FOLLOW_UPS = ("open", "overdue", "done", "all")


def interactions(source: Source, *, as_of: Date = None, actor: str | None = None, by: str | None = None,
                 issue: str | None = None, since: str | _dt.date | None = None,
                 follow_ups: str | None = None) -> pd.DataFrame:
    """The interaction log up to ``as_of`` (see :func:`kgraph.analysis.engage.interaction_log`).

    Parameters
    ----------
    actor, by, issue : str, optional
        Only interactions with this actor, held by this person, about this issue (ids or names).
    since : date, str, optional
        Only interactions on or after this date (``YYYY-MM-DD``), or within this period
        before ``as_of`` (``"1m"``, ``"2w"`` is not a period: months or years).
    follow_ups : {"open", "overdue", "done", "all"}, optional
        Only interactions with a follow-up: open (overdue included), overdue, done, or
        all; sorted by due date, overdue first. Default: every interaction, newest first.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> _x = kgraph.log_interaction(kg, actor="A-PROV", by="P2", kind="call", mode="inform", date="2026-05-02",
    ...                             follow_up="Stukken sturen", due="2026-05-15")
    >>> kgraph.interactions(kg, as_of="2026-06-01", follow_ups="overdue")[["actor", "follow_up", "days_overdue"]]
          actor       follow_up  days_overdue
    0  Provincie  Stukken sturen            17
    """
    from ..dates import add_months, parse_horizon

    f = findings_of(source, as_of)
    df = f.interactions()
    org = f.org
    if actor:
        df = df[df["actor_id"] == org.resolve(actor, ("ExternalActor",))]
    if by:
        df = df[df["person_id"] == org.resolve(by, ("Person",))]
    if issue:
        df = df[df["issue_id"] == org.resolve(issue, ("Issue",))]
    if since is not None:
        text = since.isoformat() if isinstance(since, _dt.date) else str(since).strip()
        start = parse_as_of(text) if len(text) == 10 and text[4] == "-" else add_months(f.as_of, -parse_horizon(text))
        df = df[df["date"] >= start.isoformat()]
    if follow_ups is not None:
        if follow_ups not in FOLLOW_UPS:
            raise OptionError(_("follow_ups must be one of {choices}, not {value!r}").format(
                choices=", ".join(FOLLOW_UPS), value=follow_ups))
        keep = {"open": ("open", "overdue"), "overdue": ("overdue",), "done": ("done",), "all": ("open", "overdue", "done")}
        df = df[df["follow_up_status"].isin(keep[follow_ups])].copy()
        df["_late"] = df["follow_up_status"] != "overdue"
        df["_due"] = df["follow_up_due"].fillna("9999-12-31")
        df = df.sort_values(["_late", "_due", "date", "interaction_id"]).drop(columns=["_late", "_due"])
    return _copy(df.reset_index(drop=True))


def coverage(source: Source, *, as_of: Date = None, min_level: int = 3, max_units: int = 40,
             max_items: int = 40) -> pd.DataFrame:
    """Holders per unit and knowledge item on ``as_of`` (see :func:`kgraph.analysis.coverage.coverage`)."""
    return _copy(findings_of(source, as_of).coverage(min_level=min_level, max_units=max_units, max_items=max_items))


def aggregates(source: Source, *, by: str = "department", as_of: Date = None, horizon: str | int = "12m",
               min_group_size: int | None = None) -> pd.DataFrame:
    """Figures per team or department with small groups merged, on ``as_of``.

    The one analysis a store in aggregate-only mode still answers: on a handle it reads
    the data below the store's guard (pseudonyms stay); see
    :func:`kgraph.analysis.aggregates.aggregates`.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kgraph.aggregates(example_graph(), by="team", as_of="2026-06-01", min_group_size=2)["persons"].tolist()
    [3, 2]
    """
    from ..analysis.aggregates import aggregates as run
    from ..store import policy
    from ..store.guard import AggregateOnlyStore

    if isinstance(source, Org):
        return run(findings_of(source, as_of).org, by=by, horizon=horizon,
                   min_group_size=5 if min_group_size is None else min_group_size)
    n = policy.min_group_size(source.store, min_group_size if min_group_size is not None else source._min_group_size)
    if isinstance(source.store, AggregateOnlyStore):
        source.require_data()
        day = parse_as_of(as_of)
        org = Org.from_dataset(policy.unwrap(source.store).read_dataset(as_of=day), as_of=day)
        return run(org, by=by, horizon=horizon, min_group_size=n)
    return _copy(findings_of(source, as_of, min_group_size=n).aggregates(by=by, horizon=horizon))


def monitor(source: Source, *, as_of: Date = None, period: str = "month", issue: str | None = None,
            target_group: str | None = None) -> pd.DataFrame:
    """Signals per issue, channel and period with spikes, on ``as_of`` (see :func:`kgraph.analysis.monitoring.monitor`).

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kgraph.monitor(example_graph(), as_of="2026-06-01").empty
    True
    """
    return _copy(findings_of(source, as_of).monitor(period=period, issue=issue, target_group=target_group))


def objectives(source: Source, *, as_of: Date = None, target_group: str | None = None) -> pd.DataFrame:
    """Where each objective stands on ``as_of`` (see :func:`kgraph.analysis.objectives.objectives`).

    A measurement among fewer respondents than the store's minimum group size is not shown.
    """
    return _copy(findings_of(source, as_of).objectives(target_group=target_group))


def factors(source: Source, *, as_of: Date = None, issue: str | None = None) -> pd.DataFrame:
    """The factors around the issues (see :func:`kgraph.analysis.factors.factors`)."""
    return _copy(findings_of(source, as_of).factors(issue=issue))


def compare(source: KnowledgeGraph, *, from_date: Date, to_date: Date = None) -> pd.DataFrame:
    """What changed from ``from_date`` to ``to_date`` (default today), one row per change
    (see :func:`kgraph.analysis.compare.compare`).

    Each date's findings are the ones every other command shows for it, computed once.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> df = kgraph.compare(example_graph(), from_date="2026-06-01", to_date="2027-06-01")  # Ben has left
    >>> sorted(set(df["kind"]))
    ['cut_point_lost', 'gap_closed', 'gap_opened', 'tie_removed']
    """
    if isinstance(source, Org):
        raise OptionError(_("compare needs a store, which holds more than one date"),
                          hint=_("pass the handle from kgraph.open, or call kgraph.analysis.compare.compare(before, after)"))
    if from_date is None:
        raise OptionError(_("compare needs a date to compare from"), hint=_("pass --from YYYY-MM-DD"))
    start, end = parse_as_of(from_date), parse_as_of(to_date)
    if start > end:
        raise OptionError(_("--from {start} is after --to {end}").format(start=start.isoformat(), end=end.isoformat()),
                          hint=_("swap the two dates"))
    before = findings_of(source, start)
    return _copy(findings_of(source, end).compare(before))
