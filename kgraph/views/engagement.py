"""The engagement plan in the views: the overdue mark and the details of an actor in the giraffe
view, and the report's engagement section.

A view renders results: the rows of :func:`kgraph.engage` and of :func:`kgraph.interactions`
computed for one date. Colours and sizes come from ``visuals/`` (``colours.toml`` [engage],
``sizes.toml`` [giraffe], ``legends.toml`` [giraffe] and [engage]).
"""

from __future__ import annotations

from typing import Any

from ..i18n import _, format_count, ngettext
from ..vocabulary import value_label
from . import html

__all__ = ["actor_marks", "add_actor_details", "interactions_by_actor", "legend_item", "ring", "report_section", "RECENT"]

#: interactions an actor's details list, newest first
RECENT = 5
_RANK = {"key player": 0, "keep satisfied": 1, "keep informed": 2, "monitor": 3}


def _v(value: Any) -> Any:
    """None for a missing value (pandas writes a missing text as NaN)."""
    return None if value is None or (isinstance(value, float) and value != value) else value


def _records(df) -> list[dict[str, Any]]:
    return [] if df is None else [{k: _v(v) for k, v in r.items()} for r in df.to_dict("records")]


def actor_marks(engage) -> dict[str, dict[str, Any]]:
    """Per actor of the engagement plan: ``overdue`` (contact), ``last_contact``,
    ``cadence_months``, ``blind_spot`` (on some issue), ``rows`` (its rows, by issue)."""
    out: dict[str, dict[str, Any]] = {}
    for r in _records(engage):
        m = out.setdefault(r["actor_id"], {"overdue": bool(r["contact_overdue"]), "last_contact": r["last_contact"],
                                           "cadence_months": r["cadence_months"], "blind_spot": False, "rows": []})
        m["blind_spot"] = m["blind_spot"] or bool(r["blind_spot"])
        m["rows"].append(r)
    return out


def interactions_by_actor(log) -> dict[str, list[dict[str, Any]]]:
    """The rows of the interaction log per actor, in the log's order: what
    :func:`add_actor_details` lists, made once for all actors of a map."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in _records(log):
        out.setdefault(r["actor_id"], []).append(r)
    return out


def ring() -> dict[str, Any]:
    """How the giraffe map draws the overdue mark: a ring outside the actor's dot."""
    size = html.sizes()["giraffe"]
    return {"colour": html.colours()["engage"]["overdue"], "width": size["overdue_ring_width"],
            "gap": size["overdue_ring_gap"]}


def legend_item() -> dict[str, Any]:
    """The legend entry of the overdue ring."""
    return {"swatch": "ring", "colour": "#ffffff", "border": html.colours()["engage"]["overdue"],
            "label": html.legends()["giraffe"]["overdue"]}


def _overdue_flag(m: dict[str, Any]) -> str:
    if m["blind_spot"]:
        return _("contact overdue: blind spot")
    if not m["last_contact"]:
        return _("contact overdue: no contact recorded")
    return ngettext("contact overdue: last contact {date}, due every month",
                    "contact overdue: last contact {date}, due every {n} months", int(m["cadence_months"])).format(
        date=m["last_contact"], n=m["cadence_months"])


def add_actor_details(details: dict[str, Any], actor: str, marks: dict[str, dict[str, Any]], log) -> None:
    """Add the engagement plan to an actor's details: a flag when contact is overdue, the mode
    per issue (recommended, used), the recent interactions and the open follow-ups.

    ``log`` is the interaction log (a DataFrame) or its rows per actor
    (:func:`interactions_by_actor`, for many actors of one log)."""
    m = marks.get(actor)
    if m is None:
        return
    if m["overdue"]:
        details.setdefault("flags", []).append(_overdue_flag(m))
    lines = []
    for r in m["rows"]:
        used = ", ".join(value_label("mode", x) for x in r["modes_used"]) or _("none")
        line = _("{issue}: {quadrant} → {mode} recommended; used: {used}").format(
            issue=r["issue"], quadrant=value_label("quadrant", r["quadrant"]) or _("unknown quadrant"),
            mode=value_label("mode", r["recommended_mode"]) or "?", used=used)
        if r["mode_differs"]:
            line += " " + _("(differs)")
        lines.append(line)
    if m["last_contact"]:
        lines.append(_("last contact {date}; next due {next}").format(date=m["last_contact"], next=m["rows"][0]["next_contact"]))
    details.setdefault("sections", []).append([_("Engagement"), lines])
    own = log.get(actor, []) if isinstance(log, dict) else [r for r in _records(log) if r["actor_id"] == actor]
    recent = [f"{r['date']} · {value_label('kind', r['kind']) or '?'} · {value_label('mode', r['mode']) or '?'} · "
              f"{r['person'] or _('(someone)')}"
              + (f" · {r['issue']}" if r["issue"] else "") + (f": {r['summary']}" if r["summary"] else "")
              for r in own[:RECENT]]
    if len(own) > RECENT:
        recent.append(_("… {n} earlier").format(n=format_count(len(own) - RECENT)))
    details["sections"].append([_("Recent interactions"), recent or [_("none logged")]])
    todo = sorted((r for r in own if r["follow_up_status"] in ("open", "overdue")),
                  key=lambda r: (r["follow_up_status"] != "overdue", r["follow_up_due"] or "9999-12-31"))
    follow = [f"{r['follow_up']} · {r['person'] or _('(someone)')} · "
              + (_("due {date}").format(date=r["follow_up_due"]) if r["follow_up_due"] else _("no due date"))
              + (" · " + _("OVERDUE") if r["follow_up_status"] == "overdue" else "")
              for r in todo]
    details["sections"].append([_("Open follow-ups"), follow or [_("none")]])


def more_note(shown: int, total: int, command: str) -> str:
    """``15 of 40, see kgraph engage …`` under a list cut short (nothing when it is whole)."""
    if total <= shown:
        return ""
    return (f'<p class="kg-more">{html.escape(_("{shown} of {total}, see").format(shown=format_count(shown), total=format_count(total)))} '
            f"<code>{html.escape(command)}</code></p>")


def report_section(engage, log, *, top: int = 15, as_of=None) -> str:
    """The report's engagement section: overdue follow-ups first, then the actors overdue for
    contact (one row per actor, its highest quadrant), then the positions engaged in another mode
    than recommended."""
    late = [r for r in _records(log) if r["follow_up_status"] == "overdue"]
    late.sort(key=lambda r: (-(r["days_overdue"] or 0), r["interaction_id"]))
    marks = actor_marks(engage)
    overdue = []
    for a, m in marks.items():
        if m["overdue"]:
            first = min(m["rows"], key=lambda r: _RANK.get(r["quadrant"], len(_RANK)))  # its highest quadrant
            why = _("blind spot") if m["blind_spot"] else (_("no contact recorded") if not m["last_contact"] else "")
            overdue.append({**first, "why": why})
    overdue.sort(key=lambda r: (_RANK.get(r["quadrant"], len(_RANK)), r["last_contact"] or "", r["actor_id"]))
    differ = [r for r in _records(engage) if r["mode_differs"]]
    note = html.legends()["engage"]
    when = f" --as-of {as_of.isoformat()}" if hasattr(as_of, "isoformat") else ""
    parts = [
        f"<h3>{html.escape(note['follow_ups'])}</h3>",
        html.table(late[:top], [("follow_up", _("Follow-up")), ("actor", _("Actor")), ("issue", _("Issue")),
                            ("person", _("By")), ("follow_up_due", _("Due")), ("days_overdue", _("Days overdue"))]),
        more_note(min(top, len(late)), len(late), f"kgraph interactions --follow-ups overdue{when}"),
        f"<h3>{html.escape(note['contact'])}</h3>",
        html.table(overdue[:top], [("actor", _("Actor")), ("quadrant", _("Quadrant")), ("last_contact", _("Last contact")),
                               ("cadence_months", _("Every (months)")), ("why", _("Why")), ("owner", _("Owner"))]),
        more_note(min(top, len(overdue)), len(overdue), f"kgraph engage --overdue-only{when}"),
        f"<h3>{html.escape(note['modes'])}</h3>",
        html.table(differ[:top], [("actor", _("Actor")), ("issue", _("Issue")), ("quadrant", _("Quadrant")),
                              ("stance_label", _("Stance")), ("recommended_mode", _("Recommended")),
                              ("modes_used", _("Used"))]),
        more_note(min(top, len(differ)), len(differ), f"kgraph engage{when}"),
    ]
    return "".join(parts)
