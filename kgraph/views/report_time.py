"""The report's sections about time: what changed since the previous import, monitoring
(spikes first, a small chart per issue) and objectives (a progress bar each).

The charts are inline SVG, so the report stays one self-contained file that makes no
request; every text is escaped (:func:`kgraph.views.html.escape`). Colours and words come
from ``visuals/``. These functions render results (:func:`kgraph.compare`,
:func:`kgraph.monitor`, :func:`kgraph.objectives`) computed for the report's date.
"""

from __future__ import annotations

import math
from typing import Any

from ..i18n import _, format_count, format_day, format_number, ngettext
from ..vocabulary import change_value, value_label, value_words
from . import html
from .timeplots import progress_scale

__all__ = ["changes_html", "monitoring_html", "objectives_html", "objective_bar_svg", "signals_svg"]

#: the order in which kinds of change are listed in the report (ties, the most numerous, last)
_CHANGE_ORDER = ("objective_status_changed", "stance_changed", "gap_opened", "gap_closed", "pin_gained", "pin_lost",
                 "cut_point_gained", "cut_point_lost", "tie_added", "tie_removed")
_LO, _HI = -0.25, 1.25  # the part of the progress scale a bar shows (0 baseline, 1 target)


def _e(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return html.escape(v)


def _num(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return format_number(round(float(v), 1), digits=6)


def changes_html(changes, *, since: str | None, top: int = 15) -> str:
    """Counts per kind of change and the changes themselves (the most telling kinds first)."""
    if since is None:
        return f'<p class="kg-note">{_e(_("No earlier import to compare with: this section fills once the store holds two dates."))}</p>'
    rows = [] if changes is None else changes.to_dict("records")
    if not rows:
        return f'<p class="kg-note">{_e(_("Nothing changed since {date}.").format(date=format_day(since)))}</p>'
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    kpis = "".join(f'<div class="kg-kpi"><b>{format_count(counts[k])}</b><span>{_e(value_label("kind", k))}</span></div>'
                   for k in _CHANGE_ORDER if k in counts)
    rows.sort(key=lambda r: (_CHANGE_ORDER.index(r["kind"]) if r["kind"] in _CHANGE_ORDER else 99,
                             str(r["subject_id"]), str(r["context_id"] or "")))
    shown = rows[: top * 3]
    body = "".join(f"<tr><td>{_e(value_label('kind', r['kind']))}</td><td>{_e(r['subject'])}</td><td>{_e(r['context'])}</td>"
                   f"<td>{_e(change_value(r['kind'], r['before']))}</td><td>{_e(change_value(r['kind'], r['after']))}</td></tr>"
                   for r in shown)
    more = (f'<p class="kg-note">{_e(_("… and {n} more: kgraph compare lists them all.").format(n=format_count(len(rows) - len(shown))))}</p>'
            if len(rows) > len(shown) else "")
    head = "".join(f"<th>{_e(h)}</th>" for h in (_("Change"), _("Subject"), _("Context"), _("Before"), _("After")))
    return (f'<div class="kg-kpis">{kpis}</div><table class="kg-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{more}")


def signals_svg(rows: list[dict[str, Any]], periods: list[str], *, width: int = 380, height: int = 90) -> str:
    """A small bar chart of one issue's signals per period, stacked by channel family, spikes marked."""
    col = html.colours()["channel_family"]
    fams = list(col)
    totals: dict[str, dict[str, int]] = {}
    spikes = set()
    for r in rows:
        totals.setdefault(r["period"], {})
        totals[r["period"]][r["family"]] = totals[r["period"]].get(r["family"], 0) + int(r["count"])
        if r["spike"]:
            spikes.add(r["period"])
    peak = max([sum(v.values()) for v in totals.values()] or [1])
    n = max(1, len(periods))
    bw, top = width / n, 12
    parts = [f'<svg class="kg-spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for j, p in enumerate(periods):
        y = height - 1
        for fam in fams:
            v = totals.get(p, {}).get(fam, 0)
            if not v:
                continue
            h = (height - top - 1) * v / peak
            y -= h
            parts.append(f'<rect x="{j * bw + 0.5:.1f}" y="{y:.1f}" width="{max(1.0, bw - 1):.1f}" height="{h:.1f}" '
                         f'fill="{col[fam]}"><title>{_e(p)}: {format_count(v)} {_e(value_label("family", fam))}</title></rect>')
        if p in spikes:
            parts.append(f'<text x="{j * bw + bw / 2:.1f}" y="{max(9.0, y - 2):.1f}" font-size="9" text-anchor="middle" '
                         f'fill="{col["spike"]}">▲<title>{_e(_("spike"))} {_e(p)}</title></text>')
    parts.append(f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" stroke="#999" stroke-width="1"/></svg>')
    return "".join(parts)


def monitoring_html(monitor, *, top: int = 15) -> str:
    """The spikes (most recent first), then a small chart per issue."""
    if monitor is None or not len(monitor):
        return f'<p class="kg-note">{_e(_("No signals up to this date."))}</p>'
    rows = monitor.to_dict("records")
    spikes = sorted((r for r in rows if r["spike"]), key=lambda r: (r["period"], r["count"]), reverse=True)
    head = "".join(f"<th>{_e(h)}</th>" for h in (_("Period"), _("Issue"), _("Channel"), _("Family"), _("Signals"),
                                                 _("Mean of the 3 periods before"), _("Mean sentiment")))
    body = "".join(f"<tr><td>{_e(r['period'])}</td><td>{_e(r['issue'])}</td><td>{_e(value_label('channel', r['channel']))}</td>"
                   f"<td>{_e(value_label('family', r['family']))}</td>"
                   f'<td class="num">{format_count(r["count"])}</td><td class="num">{_num(r["previous_mean"])}</td>'
                   f'<td class="num">{_num(r["mean_sentiment"])}</td></tr>' for r in spikes[:top])
    spike_html = (f'<h3>{_e(_("Spikes"))}</h3><table class="kg-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
                  if spikes else f'<p class="kg-note">{_e(_("No spikes."))}</p>')
    periods = monitor.attrs.get("periods") or sorted({r["period"] for r in rows})
    words = html.legends()["channel_family"]
    key = "".join(f'<span class="kg-key"><i style="background:{c}"></i>{_e(words.get(f, f))}</span>'
                  for f, c in html.colours()["channel_family"].items() if f != "spike")
    charts = []
    for issue_id in dict.fromkeys(r["issue_id"] for r in rows):
        sub = [r for r in rows if r["issue_id"] == issue_id]
        n = sum(int(r["count"]) for r in sub)
        charts.append(f'<div class="kg-chart"><h4>{_e(sub[0]["issue"])} <span class="kg-muted">· {format_count(n)}</span></h4>'
                      f"{signals_svg(sub, periods)}</div>")
    span = _("{first} to {last}, per {period}").format(first=periods[0], last=periods[-1],
                                                       period=_("quarter") if monitor.attrs.get("period") == "quarter" else _("month"))
    return (f"{spike_html}<h3>{_e(_('Signals per issue'))}</h3><p class=\"kg-note\">{_e(span)}</p>"
            f'<div class="kg-keys">{key}</div><div class="kg-charts">{"".join(charts)}</div>')


def objective_bar_svg(row: dict[str, Any], *, width: int = 320, height: int = 24) -> str:
    """One objective as a bar: the track from baseline (left) to target (right), the
    expected value as a black tick, the latest value as a dot (its status colour) with
    its margin as a whisker."""
    pal = html.colours()["objective_status"]
    sc = progress_scale(row)

    def x(v: float) -> float:
        return width * (min(_HI, max(_LO, v)) - _LO) / (_HI - _LO)

    mid = height / 2
    parts = [f'<svg class="kg-bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
             f'<rect x="{x(0):.1f}" y="{mid - 5}" width="{x(1) - x(0):.1f}" height="10" fill="{pal["track"]}" stroke="#bbb"/>']
    if sc["expected"] is not None:
        parts.append(f'<line x1="{x(sc["expected"]):.1f}" y1="{mid - 9}" x2="{x(sc["expected"]):.1f}" y2="{mid + 9}" '
                     f'stroke="{pal["expected"]}" stroke-width="2"><title>{_e(_("expected"))} {_num(row.get("expected"))}</title></line>')
    if sc["latest"] is not None:
        colour = pal.get(row["status"], pal["no_data"])
        parts.append(f'<line x1="{x(sc["low"]):.1f}" y1="{mid}" x2="{x(sc["high"]):.1f}" y2="{mid}" stroke="#333" stroke-width="1.5"/>')
        parts.append(f'<circle cx="{x(sc["latest"]):.1f}" cy="{mid}" r="6" fill="{colour}" stroke="#333">'
                     f'<title>{_e(_("latest"))} {_num(row.get("latest"))} ± {_num(row.get("margin"))}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def objectives_html(objectives) -> str:
    """A progress bar per objective, grouped by target group and dimension."""
    if objectives is None or not len(objectives):
        return f'<p class="kg-note">{_e(_("No objectives: fill in the tables target_groups, objectives and measurements."))}</p>'
    pal = html.colours()["objective_status"]
    words = {s: w for s, w in value_words("status").items() if s in pal}  # the statuses of an objective
    dims = value_words("dimension")
    out, group, dim = [], None, None
    for r in objectives.to_dict("records"):
        if r["target_group_id"] != group:
            group, dim = r["target_group_id"], None
            internal = f' <span class="kg-muted">· {_e(_("internal support (draagvlak)"))}</span>' if r["internal"] else ""
            size = "" if r["group_size"] is None or r["group_size"] != r["group_size"] else \
                f' <span class="kg-muted">· {_e(ngettext("{n} person", "{n} people", int(r["group_size"])).format(n=format_count(int(r["group_size"]))))}</span>'
            out.append(f"<h3>{_e(r['target_group'] or group)}{internal}{size}</h3>")
        if r["dimension"] != dim:
            dim = r["dimension"]
            out.append(f"<h4>{_e(dims.get(dim, dim))}</h4>")
        unit = " %" if r["unit"] == "percent" else ""
        if r["latest"] is not None and r["latest"] == r["latest"]:
            extra = [r["latest_date"] or "?"]
            if r["respondents"] is not None and r["respondents"] == r["respondents"]:
                extra.append(_("n = {n}").format(n=_num(r["respondents"])))
            margin = f" ± {_num(r['margin'])}" if r["margin"] else ""
            latest = _("latest {value}{unit}{margin} ({details})").format(value=_num(r["latest"]), unit=unit, margin=margin,
                                                                          details=", ".join(extra))
        elif r["status"] == "too_few_respondents":
            latest = _("latest: not shown ({n} respondents)").format(n=_num(r["respondents"]))
        else:
            latest = _("no measurement since the baseline")
        text = _("baseline {b}{unit} ({bd}) · expected now {e}{unit} · {latest} · target {t}{unit} by {td}").format(
            b=_num(r["baseline"]), bd=r["baseline_date"], e=_num(r["expected"]), latest=latest, t=_num(r["target"]),
            td=r["deadline"], unit=unit)
        badge = f'<span class="kg-badge" style="background:{pal.get(r["status"], pal["no_data"])}">{_e(words.get(r["status"], r["status"]))}</span>'
        out.append(f'<div class="kg-objective"><div class="kg-objective-name">{_e(r["indicator"] or r["objective_id"])} {badge}</div>'
                   f'{objective_bar_svg(r)}<div class="kg-note">{_e(text)}</div></div>')
    key = "".join(f'<span class="kg-key"><i style="background:{pal[s]}"></i>{_e(w)}</span>' for s, w in words.items())
    return f'<div class="kg-keys">{key}</div>' + "".join(out)
