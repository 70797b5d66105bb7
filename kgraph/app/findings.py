"""One bundle of findings per date: every analysis of one :class:`~kgraph.org.Org`, computed once.

A command (or a page of the intranet) asks the bundle for what it shows; the
bundle runs each pure analysis at most once per set of options and keeps the
result, so the demo's summary, the report and every view of it render one
computation on one date. Views receive these results, never the bundle's store
(it has none) and never an analysis.

Results are shared: treat them as read-only (the public functions of
:mod:`kgraph.app.api` hand out copies).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..analysis import aggregates as _aggregates
from ..analysis import compare as _compare
from ..analysis import coverage as _coverage
from ..analysis import engage as _engage
from ..analysis import factors as _factors
from ..analysis import gaps as _gaps
from ..analysis import linking as _linking
from ..analysis import monitoring as _monitoring
from ..analysis import objectives as _objectives
from ..analysis import recommend as _recommend
from ..analysis import stakeholders as _stakeholders
from ..analysis import whatif as _whatif
from .._gc import paused
from ..errors import KgraphError
from ..i18n import current_language, use_language

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..org import Org

__all__ = ["Findings"]


#: analyses whose results hold no words (computed once whatever the language)
_NUMBERS_ONLY = frozenset({"network_measures"})


class Findings:
    """Every finding on the date of ``org``, each computed at most once per set of options.

    Parameters
    ----------
    org : Org
        The organisation on one date.
    min_group_size : int
        The smallest group an aggregate may describe (the store's privacy setting).

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> f = Findings(example_org(), min_group_size=1)
    >>> f.gaps() is f.gaps()
    True
    >>> f.as_of.isoformat()
    '2026-06-01'
    """

    def __init__(self, org: Org, *, min_group_size: int = 5):
        self.org = org
        self.min_group_size = min_group_size
        self._memo: dict[tuple, Any] = {}

    @property
    def as_of(self):
        return self.org.as_of

    def _once(self, name: str, compute, **options: Any) -> Any:
        # results hold sentences ("why") in the language of the moment: one result per language
        # (the intranet serves several at once); the network measures are numbers only
        lang = "" if name in _NUMBERS_ONLY else current_language()
        key = (name, lang, *sorted((k, _hashable(v)) for k, v in options.items()))
        if key not in self._memo:
            # the language read once, not at every sentence the analysis writes; the collector paused
            # while the analysis builds the Org's tables it needs (a million objects, none garbage)
            with use_language(lang or None), paused():
                self._memo[key] = compute(self.org, **options)
        return self._memo[key]

    # -- the analyses (each module's function looked up at call time) ---------
    def network_measures(self, *, directed: bool = False, comembership: bool = False,
                         betweenness_samples: int | str | None = "auto", seed: int = 0) -> pd.DataFrame:
        return self._once("network_measures", lambda org, **o: _linking.network_measures(org, **o), directed=directed,
                          comembership=comembership, betweenness_samples=betweenness_samples, seed=seed)

    def linking_pins(self, *, by: str = "team", comembership: bool = False, directed: bool = False,
                     top: int | None = None, betweenness_samples: int | str | None = "auto", seed: int = 0) -> pd.DataFrame:
        """The whole ranking (or its ``top``); the network measures are shared by every ``by``."""
        measures = self.network_measures(directed=directed, comembership=comembership,
                                         betweenness_samples=betweenness_samples, seed=seed)
        return self._once("linking_pins", lambda org, **o: _linking.linking_pins(org, measures=measures, **o), by=by,
                          comembership=comembership, directed=directed, top=top,
                          betweenness_samples=betweenness_samples, seed=seed)

    def linking_between(self, a: str, b: str, *, comembership: bool = False, directed: bool = False) -> pd.DataFrame:
        return self._once("linking_between", lambda org, **o: _linking.linking_pins(org, **o), between=(a, b),
                          comembership=comembership, directed=directed)

    def gaps(self, *, horizon: str | int = "12m", stale_after: str | int = "24m", min_level: int = 3,
             stale_by: str = "family", as_frame: bool = True) -> pd.DataFrame:
        rows = {} if as_frame else {"as_frame": False}  # the rows without pandas: kept apart
        return self._once("gaps", lambda org, **o: _gaps.gaps(org, **o), horizon=horizon, stale_after=stale_after,
                          min_level=min_level, stale_by=stale_by, **rows)

    def what_if(self, *, without: tuple[str, ...] = (), leaving_within: str | int | None = None,
                min_level: int = 3) -> pd.DataFrame:
        return self._once("what_if", lambda org, **o: _whatif.what_if(org, **o), without=tuple(without),
                          leaving_within=leaving_within, min_level=min_level)

    def recommend(self, *, horizon: str | int = "12m", limit: int | None = None, min_level: int = 3) -> pd.DataFrame:
        return self._once("recommend", lambda org, **o: _recommend.recommend(org, **o), horizon=horizon, limit=limit,
                          min_level=min_level)

    def stakeholders(self, *, midpoint: float = 3, stale_after: str | int = "12m", horizon: str | int = "12m") -> pd.DataFrame:
        """Every actor on every issue (select with :func:`select_stakeholders`)."""
        return self._once("stakeholders", lambda org, **o: _stakeholders.stakeholders(org, **o), midpoint=midpoint,
                          stale_after=stale_after, horizon=horizon)

    def interactions(self) -> pd.DataFrame:
        """The interaction log up to the date, with the state of each follow-up."""
        return self._once("interactions", lambda org: _engage.interaction_log(org))

    def engage(self, *, window: str | int = "6m", midpoint: float = 3, rule: _engage.EngageRule | None = None) -> pd.DataFrame:
        """The engagement plan, from this bundle's stakeholder map and interaction log."""
        sh = self.stakeholders(midpoint=midpoint)
        log = self.interactions()
        return self._once("engage", lambda org, **o: _engage.engage(org, stakeholders=sh, log=log, **o), window=window,
                          midpoint=midpoint, rule=rule)

    def coverage(self, *, min_level: int = 3, max_units: int = 40, max_items: int = 40) -> pd.DataFrame:
        return self._once("coverage", lambda org, **o: _coverage.coverage(org, **o), min_level=min_level,
                          max_units=max_units, max_items=max_items, min_group_size=self.min_group_size)

    def aggregates(self, *, by: str = "department", horizon: str | int = "12m") -> pd.DataFrame:
        return self._once("aggregates", lambda org, **o: _aggregates.aggregates(org, **o), by=by, horizon=horizon,
                          min_group_size=self.min_group_size)

    def monitor(self, *, period: str = "month", issue: str | None = None, target_group: str | None = None) -> pd.DataFrame:
        return self._once("monitor", lambda org, **o: _monitoring.monitor(org, **o), period=period, issue=issue,
                          target_group=target_group)

    def objectives(self, *, target_group: str | None = None) -> pd.DataFrame:
        """Every objective's status; the store's minimum group size is the fewest respondents shown."""
        return self._once("objectives", lambda org, **o: _objectives.objectives(org, **o), target_group=target_group,
                          min_group_size=self.min_group_size)

    def factors(self, *, issue: str | None = None) -> pd.DataFrame:
        return self._once("factors", lambda org, **o: _factors.factors(org, **o), issue=issue)

    def compared(self) -> _compare.Results:
        """The findings :func:`~kgraph.analysis.compare.compare` compares, from this bundle."""
        try:
            sh = self.stakeholders()
        except KgraphError:  # no positions on this date
            sh = None
        return _compare.Results(self.linking_pins(by="team"), self.gaps(), sh, self.objectives())

    def compare(self, before: Findings) -> pd.DataFrame:
        """What changed from the date of ``before`` (an earlier bundle) to this one."""
        return self._once("compare", lambda org, **o: _compare.compare(
            before.org, org, results_before=before.compared(), results_after=self.compared()), before=before.as_of)


def _hashable(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(v)
    return v
