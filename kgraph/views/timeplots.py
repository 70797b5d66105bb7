"""Static PNG figures of the organisation over time (matplotlib, imported on first use).

- :func:`objectives_png`: one progress bar per objective (baseline, expected, latest ±
  margin, target), grouped by target group and dimension, from :func:`kgraph.objectives`;
- :func:`signals_png`: signals per period, one panel per issue, stacked by channel
  family with the spikes marked, from :func:`kgraph.monitor`.

Each figure renders results computed for one date and says that date in its title;
``kgraph.objectives_chart`` and ``kgraph.signals_chart`` (the facade) compute them and
call these. Colours and words come from ``visuals/``.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any

from ..errors import KgraphError
from ..i18n import _, format_number
from ..vocabulary import value_words
from . import html
from .plots import _figure, _save, _tight, _unlabelled

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["objectives_png", "signals_png", "progress_scale"]


def _num(v: Any) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return float(v)


def progress_scale(row: dict[str, Any]) -> dict[str, float | None]:
    """An objective's values on one scale: 0 at the baseline, 1 at the target (also when
    lower is better); ``latest``, ``low`` and ``high`` (latest ± margin) and ``expected``.

    >>> progress_scale({"baseline": 40, "target": 20, "expected": 30, "latest": 25, "margin": 2})
    {'expected': 0.5, 'latest': 0.75, 'low': 0.65, 'high': 0.85}
    """
    base, target = float(row["baseline"]), float(row["target"])
    span = target - base or 1.0

    def at(v: float | None) -> float | None:
        return None if v is None else round((v - base) / span, 6)

    latest, margin = _num(row.get("latest")), _num(row.get("margin")) or 0.0
    lo, hi = (None, None) if latest is None else sorted((at(latest - margin), at(latest + margin)))
    return {"expected": at(_num(row.get("expected"))), "latest": at(latest), "low": lo, "high": hi}


def _value(v: Any, unit: str) -> str:
    x = _num(v)
    if x is None:
        return "–"
    return format_number(round(x, 1), digits=6) + (" %" if unit == "percent" else "")


def objectives_png(df: pd.DataFrame, out: str | os.PathLike, *, as_of, dpi: int = 150) -> dict[str, Any]:
    """Objectives as progress bars (PNG): per objective a track from its baseline (left
    end) to its target (right end, also when lower is better), the value expected by
    now as a black tick, the latest value as a dot coloured by status with its 95 %
    margin as a whisker; grouped by target group and dimension. The title says the date.

    Returns
    -------
    dict
        ``path``, ``objectives`` (bars drawn), ``groups`` (target groups), ``bytes``.
    """
    if df is None or not len(df):
        raise KgraphError(_("no objectives to plot"),
                          hint=_("fill in the tables target_groups, objectives and measurements and import again"))
    pal = html.colours()["objective_status"]
    words = {s: w for s, w in value_words("status").items() if s in pal}  # the statuses of an objective
    dims = value_words("dimension")
    rows = df.to_dict("records")
    n = len(rows)
    groups = df["target_group_id"].nunique()
    height = 1.4 + 0.42 * n + 0.45 * groups
    fig = _figure((14, height), dpi)
    ax = fig.subplots()
    _unlabelled(ax)
    from matplotlib.transforms import blended_transform_factory

    at_left = blended_transform_factory(fig.transFigure, ax.transData)
    at_right = blended_transform_factory(ax.transAxes, ax.transData)
    y, ticks, labels, last_group = 0.0, [], [], None
    for r in rows:
        if r["target_group_id"] != last_group:
            y -= 0.35 if last_group is not None else 0
            ax.text(0.01, y, str(r["target_group"] or r["target_group_id"]), fontsize=9.5, fontweight="bold",
                    ha="left", va="center", transform=at_left, parse_math=False)
            last_group = r["target_group_id"]
            y -= 0.75
        sc = progress_scale(r)
        ax.plot([0, 1], [y, y], color=pal["track"], lw=9, solid_capstyle="butt", zorder=1)
        colour = pal.get(r["status"], pal["no_data"])
        if sc["expected"] is not None:
            e = min(1.3, max(-0.3, sc["expected"]))
            ax.plot([e, e], [y - 0.22, y + 0.22], color=pal["expected"], lw=1.6, zorder=3)
        if sc["latest"] is not None:
            lo, hi = (min(1.3, max(-0.3, v)) for v in (sc["low"], sc["high"]))
            ax.plot([lo, hi], [y, y], color="#333333", lw=1.2, zorder=4)
            ax.scatter([min(1.3, max(-0.3, sc["latest"]))], [y], s=70, color=colour, edgecolor="#333333", zorder=5)
        ticks.append(y)
        label = f"{dims.get(r['dimension'], r['dimension'])}: {r['indicator'] or r['objective_id']}"
        labels.append(label if len(label) <= 64 else label[:63] + "…")
        ax.text(1.03, y, f"{_value(r['baseline'], r['unit'])} → {_value(r['target'], r['unit'])} "
                         f"({r['deadline']}) · {_('latest')} {_value(r['latest'], r['unit'])} · {words.get(r['status'], r['status'])}",
                fontsize=8, va="center", ha="left", color="#333333", transform=at_right, parse_math=False)
        y -= 1
    ax.set_yticks(ticks)
    ax.set_yticklabels(labels, fontsize=8)
    for lab in ax.get_yticklabels():
        lab.set_parse_math(False)
    ax.set_xlim(-0.32, 1.32)
    ax.set_ylim(y + 0.4, 0.4)
    ax.set_xticks([0, 0.5, 1])
    ax.set_xticklabels([_("baseline"), _("halfway"), _("target")], fontsize=8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", ls="", markersize=7, markerfacecolor=pal[s], markeredgecolor="#333333",
                      label=words[s]) for s in words]
    handles.append(Line2D([], [], color=pal["expected"], lw=1.6, label=_("expected by now")))
    fig.legend(handles=handles, loc="lower center", ncol=7, frameon=False, fontsize=8)
    fig.suptitle(_("Objectives: baseline → target, latest ± margin") + " · " + html.date_line(as_of), fontsize=12,
                 x=0.01, ha="left")
    fig.subplots_adjust(left=0.36, right=0.66, top=1 - 0.75 / height, bottom=0.75 / height)
    path = _save(fig, out, dpi)
    return {"path": str(path), "objectives": n, "groups": int(df["target_group_id"].nunique()), "bytes": path.stat().st_size}


def signals_png(df: pd.DataFrame, out: str | os.PathLike, *, as_of, dpi: int = 150) -> dict[str, Any]:
    """Signals per period (PNG): one panel per issue, bars stacked by channel family, the
    spikes (of any channel) marked above their bar. The title says the date.

    Returns
    -------
    dict
        ``path``, ``panels`` (issues drawn), ``signals``, ``spikes``, ``bytes``.
    """
    if df is None or not len(df):
        raise KgraphError(_("no signals to plot"), hint=_("fill in the table signals and import again"))
    col = html.colours()["channel_family"]
    fam_words = html.legends()["channel_family"]
    periods = df.attrs.get("periods") or sorted(set(df["period"]))
    families = list(dict.fromkeys(df["family"]))
    families = [f for f in col if f in families] + [f for f in families if f not in col]
    issues = list(dict.fromkeys(df["issue_id"]))
    cols = min(2, len(issues))
    nrows = math.ceil(len(issues) / cols)
    fig = _figure((6.4 * cols, 2.3 * nrows + 1.0), dpi)
    axes = fig.subplots(nrows, cols, squeeze=False)
    from matplotlib.ticker import MaxNLocator

    x = list(range(len(periods)))
    step = max(1, round(len(periods) / 6))
    totals = df.groupby(["issue_id", "family", "period"], sort=False)["count"].sum().to_dict()
    # the x range the bars of every period would span (only bars with signals are drawn)
    lo, hi = -0.425, len(periods) - 1 + 0.425
    margin = (hi - lo) * 0.05
    for k, ax in enumerate(axes.flat):
        if k >= len(issues):
            ax.axis("off")
            continue
        sub = df[df["issue_id"] == issues[k]]
        bottom = [0] * len(periods)
        bars: tuple[list, list, list, list] = ([], [], [], [])  # x, height, bottom, colour
        for fam in families:
            for j, p in enumerate(periods):
                v = totals.get((issues[k], fam, p), 0)
                if v:
                    for part, value in zip(bars, (j, v, bottom[j], col.get(fam, "#999999"))):
                        part.append(value)
                    bottom[j] += v
        if bars[0]:
            ax.bar(bars[0], bars[1], bottom=bars[2], color=bars[3], width=0.85)
        ax.set_xlim(lo - margin, hi + margin)
        spikes = set(sub.loc[sub["spike"].astype(bool), "period"])
        for j, p in enumerate(periods):
            if p in spikes:
                ax.annotate("▲", (j, bottom[j]), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                            color=col["spike"], fontsize=9, in_layout=False)
        ax.set_title(str(sub["issue"].iloc[0]), fontsize=10, loc="left", parse_math=False, y=1.0)  # no ticks on top
        _unlabelled(ax)
        ax.set_ylim(0, max(bottom) * 1.25 + 1)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(labelsize=7)
        ax.set_xticks(x[::step])
        ax.set_xticklabels(periods[::step], fontsize=7)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(color=col.get(f, "#999999"), label=fam_words.get(f, f)) for f in families]
    handles.append(Line2D([], [], marker="^", ls="", color=col["spike"], label=_("spike")))
    fig.legend(handles=handles, loc="lower center", ncol=min(5, len(handles)), frameon=False, fontsize=8)
    per = _("quarter") if df.attrs.get("period") == "quarter" else _("month")
    fig.suptitle(_("Signals per {period} and issue").format(period=per)
                 + " · " + html.date_line(as_of), fontsize=12, x=0.01, ha="left")
    _tight(fig, rect=(0, 0.6 / fig.get_figheight(), 1, 1 - 0.5 / fig.get_figheight()))
    path = _save(fig, out, dpi)
    return {"path": str(path), "panels": len(issues), "signals": int(df["count"].sum()),
            "spikes": int(df["spike"].astype(bool).sum()), "bytes": path.stat().st_size}
