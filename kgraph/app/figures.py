"""Views that several files of one date show, made once: ``with shared_views(): ...``.

``kgraph demo`` writes the giraffe and network maps and four PNG figures as files and
again inside the report. Inside :func:`shared_views` the facade's view functions
(:mod:`kgraph.app.render`) make each of them once per date and options and reuse it (the
report embeds the very PNG bytes of the figure files), and :func:`draw_ahead` can start
the figures in worker processes while this process writes the pages. Outside the block
nothing is kept and every call draws afresh.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import KgraphError
from ..i18n import current_language
from .api import Date, Source, findings_of, select_stakeholders

__all__ = ["shared_views", "draw_ahead", "start_drawing", "FIGURE_DPI"]

#: the resolution of the PNG figures (``kgraph plot --dpi``) and of the report's copies of them
FIGURE_DPI = 150

_SHARED: contextvars.ContextVar[dict | None] = contextvars.ContextVar("kgraph_shared_views", default=None)


@contextlib.contextmanager
def shared_views() -> Iterator[None]:
    """Inside the block, what several files of one date show is made once and reused: the
    giraffe and network data and the PNG figures (``kgraph demo`` writes each figure as a file
    and again inside the report). Outside it nothing is kept.

    >>> from kgraph.app.render import network_data
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> with shared_views():
    ...     a = network_data(kg, as_of="2026-06-01")
    ...     b = network_data(kg, as_of="2026-06-01")
    >>> a is b, network_data(kg, as_of="2026-06-01") is a
    (True, False)
    """
    memo: dict = {}
    token = _SHARED.set(memo)
    try:
        yield
    finally:
        _SHARED.reset(token)
        if "pool" in memo:
            memo["pool"].shutdown(wait=True, cancel_futures=True)


def _shared(f, key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per findings, language and ``key`` inside :func:`shared_views`."""
    memo = _SHARED.get()
    if memo is None:
        return compute()
    k = (id(f), current_language(), *key)
    if k not in memo:
        memo[k] = (f, compute())  # the findings stay referenced: their id is not reused meanwhile
    return memo[k][1]


def _draw(kind: str, df, out, options: dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    """Draw the figure ``kind`` of ``df`` into ``out`` (a path or :class:`~kgraph.views.plots.InMemory`)."""
    from ..i18n import use_language
    from ..views import plots, timeplots

    draw = {"power_interest": plots.power_interest_png, "coverage": plots.coverage_png,
            "objectives": timeplots.objectives_png, "signals": timeplots.signals_png}[kind]
    with use_language(lang):
        return draw(df, out, **options)


def _draw_bytes(kind: str, df, options: dict[str, Any], lang: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """The PNG of :func:`_draw` and what the view says about it (run here or in a worker process)."""
    from ..views import plots

    buf = plots.InMemory()
    info = _draw(kind, df, buf, options, lang)
    return buf.getvalue(), info


def _png(f, key: tuple, kind: str, df, out, **options: Any) -> dict[str, Any]:
    """Draw the figure ``kind`` of ``df`` into ``out``; inside :func:`shared_views` drawn once per
    findings and ``key`` (perhaps ahead, in a worker: :func:`draw_ahead`) and the same bytes
    written to every ``out``."""
    from ..fileout import atomic_path
    from ..views import plots

    memo = _SHARED.get()
    if memo is None:
        return _draw(kind, df, out, options)
    k = (id(f), current_language(), kind, *key)
    ahead = memo.get(k)
    if ahead is not None and hasattr(ahead[1], "result"):  # drawn ahead in a worker process
        try:
            memo[k] = (f, ahead[1].result())
        except BaseException:
            del memo[k]
            raise
    png, info = _shared(f, (kind, *key), lambda: _draw_bytes(kind, df, options))
    if isinstance(out, plots.InMemory):
        out.write(png)
        path = str(out)
    else:
        with atomic_path(out) as tmp:
            tmp.write_bytes(png)
        path = str(Path(out))
    return {**info, "path": path, "bytes": len(png)}


def _can_fork(workers: int = 2) -> bool:
    import multiprocessing as mp

    from .._fork import cores

    return workers >= 2 and cores() >= 2 and "fork" in mp.get_all_start_methods()


def start_drawing() -> bool:
    """Inside :func:`shared_views`, before the data is loaded: fork the process that will draw the
    figures now, so that it imports matplotlib (0.7 s) while this process loads the data;
    :func:`draw_ahead` then hands it the four figures, which it draws in two processes (itself and
    one forked from it, matplotlib loaded). Call it before starting threads. Returns whether it
    started (only where processes can be forked and the machine has more than one core)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    memo = _SHARED.get()
    if memo is None or "pool" in memo or not _can_fork():
        return False
    # what both processes need, imported once before the fork (the figures' data comes as DataFrames)
    import pandas  # noqa: F401

    from ..views import plots, timeplots  # noqa: F401

    pool = memo["pool"] = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
    memo["early"] = pool.submit(_import_matplotlib)
    return True


def _import_matplotlib() -> bool:
    """In a process of this module's, which draws the figures and nothing else: import matplotlib, and
    let FreeType read its fonts from memory (:mod:`kgraph.views._fonts`: the same pixels, without a
    system call per glyph)."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    from ..views._fonts import read_fonts_from_memory

    read_fonts_from_memory()
    return True


def _draw_or_error(kind: str, df, options: dict[str, Any], lang: str | None):
    """:func:`_draw_bytes`, or the error it raised (to be raised where the figure is asked for)."""
    try:
        return _draw_bytes(kind, df, options, lang)
    except Exception as exc:  # noqa: BLE001 - handed back, raised when the figure is asked for
        return exc


def _draw_split(jobs: list[tuple]) -> list:
    """In the process of :func:`start_drawing`: each figure of ``jobs`` (``(kind, df, options,
    lang)``, the most expensive first): the first, third, ... in a child forked from this one
    (:func:`kgraph._fork.start`: it inherits the data, nothing is sent to it), the others here,
    side by side. Their PNG bytes and information (or error), in the order of ``jobs``; where no
    child can be forked, all of them here, with the same result."""
    from .. import _fork

    theirs = _fork.start(lambda: [_draw_or_error(*job) for job in jobs[0::2]]) if len(jobs) > 1 else None
    out: list = [None] * len(jobs)
    out[1::2] = [_draw_or_error(*job) for job in jobs[1::2]]
    out[0::2] = theirs.result() if theirs is not None else [_draw_or_error(*job) for job in jobs[0::2]]
    return out


class _Part:
    """One figure of a :func:`_draw_split` job, as a future: ``result()`` gives it or raises its error."""

    def __init__(self, future, index: int):
        self.future, self.index = future, index

    def result(self):
        value = self.future.result()[self.index]
        if isinstance(value, BaseException):
            raise value
        return value


def draw_ahead(source: Source, *, as_of: Date = None, workers: int = 2) -> int:
    """Inside :func:`shared_views`: start drawing the four PNG figures of ``as_of`` (with their
    default options) of a graph handle in ``workers`` worker processes, while this process
    writes the pages.

    Only where processes can be forked and the machine has more than one core; returns the
    number of figures started (0: they are drawn here when asked for, as without this call).
    A figure that cannot be drawn (no objectives, say) raises its error when it is asked for.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from ..org import Org

    memo = _SHARED.get()
    if memo is None or not _can_fork(workers):
        return 0
    if isinstance(source, Org):  # each call makes new findings of an Org: nothing would be reused
        return 0
    f = findings_of(source, as_of)
    pool = memo.get("pool")
    if pool is None:
        # matplotlib imported here, once, before the workers are forked: they inherit it (0.6 s each)
        import matplotlib.backends.backend_agg  # noqa: F401
        import matplotlib.figure  # noqa: F401

        pool = memo["pool"] = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                                                  initializer=_import_matplotlib)
    lang = current_language()

    def stakeholders():
        try:
            return select_stakeholders(f.org, f.stakeholders(midpoint=3))
        except KgraphError:
            return None  # no stakeholders: the figure says so when asked for

    # the coverage first: its data is at hand, so one worker starts drawing while this process computes the
    # stakeholders (about 0.5 s) for the largest figure, which the other worker then draws; the small ones last
    jobs = [("coverage", (3, 40, 40, FIGURE_DPI), lambda: f.coverage(min_level=3, max_units=40, max_items=40),
             {"as_of": f.as_of, "dpi": FIGURE_DPI}),
            ("power_interest", (None, 3, FIGURE_DPI), stakeholders, {"as_of": f.as_of, "midpoint": 3, "dpi": FIGURE_DPI}),
            ("signals", ("month", None, None, FIGURE_DPI), lambda: f.monitor(period="month", issue=None, target_group=None),
             {"as_of": f.as_of, "dpi": FIGURE_DPI}),
            ("objectives", (None, FIGURE_DPI), lambda: f.objectives(target_group=None), {"as_of": f.as_of, "dpi": FIGURE_DPI})]
    if "early" in memo:  # the process of start_drawing: all four in one job, drawn there in two processes
        todo = [(kind, key, df, options) for kind, key, data, options in jobs for df in [data()] if df is not None]
        todo.sort(key=lambda job: _ORDER[job[0]])  # the two largest in different processes
        future = pool.submit(_draw_split, [(kind, df, options, lang) for kind, _key, df, options in todo])
        for i, (kind, key, _df, _options) in enumerate(todo):
            memo[(id(f), lang, kind, *key)] = (f, _Part(future, i))
        return len(todo)
    started = 0
    for kind, key, data, options in jobs:
        df = data()
        if df is not None:
            memo[(id(f), lang, kind, *key)] = (f, pool.submit(_draw_bytes, kind, df, options, lang))
            started += 1
    return started


#: the order of the figures in a :func:`_draw_split` job: the two largest in different processes, and about
#: as much in each (CPU s at 150 dpi for the demo: power-interest 1.6 and signals 1.0, coverage 1.7 and
#: objectives 0.65)
_ORDER = {"power_interest": 0, "coverage": 1, "signals": 2, "objectives": 3}
