"""From the stakeholder map to an engagement plan: per actor and issue the communication
mode to use, the modes the log shows were used, whether contact is overdue, and the
follow-ups still open.

The four modes are the seed's "informeren, overreden, dialogiseren en formeren" (Van
Ruler's communication grid: inform, persuade, dialogue, co-create); the rule that picks
one per Mendelow quadrant and stance, and the contact cadence per quadrant, live in
``schema/engage.toml`` (:class:`EngageRule`), which a store may override
(``kgraph engage-settings``).

Pure and deterministic: functions of the organisation on one date (an
:class:`~kgraph.org.Org`), the stakeholder map of that date and the options.
Interactions dated after the date are not seen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import resources
from ..dates import add_months, parse_horizon
from ..errors import OptionError
from ..i18n import _
from ..model import model
from ..org import Org
from . import stakeholders as _stakeholders
from .stakeholders import QUADRANTS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["engage", "interaction_log", "recommended_mode", "EngageRule", "MODES", "COLUMNS", "LOG_COLUMNS",
           "FOLLOW_UP_STATES", "parse_quadrant", "parse_stance"]

#: the communication modes, in the order of the schema (one-way to two-way)
MODES: tuple[str, ...] = model().tables["interactions"].column("mode").values

#: the states of a follow-up in :func:`interaction_log` ("" when an interaction has none)
FOLLOW_UP_STATES = ("overdue", "open", "done")

#: The columns of :func:`engage`, in order.
COLUMNS = [
    "actor_id", "actor", "issue_id", "issue", "quadrant", "stance", "stance_label", "stance_change",
    "recommended_mode", "modes_used", "mode_differs", "interactions", "last_interaction", "last_contact",
    "cadence_months", "next_contact", "contact_overdue", "blind_spot", "open_follow_ups", "overdue_follow_ups",
    "owner_id", "owner",
]

#: The columns of :func:`interaction_log`, in order.
LOG_COLUMNS = [
    "interaction_id", "date", "person_id", "person", "actor_id", "actor", "issue_id", "issue", "kind", "mode",
    "summary", "follow_up", "follow_up_due", "done", "follow_up_status", "days_overdue",
]

_STANCES = (-2, -1, 0, 1, 2)


@dataclass(frozen=True)
class EngageRule:
    """The recommended mode per quadrant and stance, and the contact cadence per quadrant.

    ``modes`` holds ``(quadrant, ((stance, mode), ...))`` for every Mendelow quadrant and
    stance −2 … +2; ``cadence`` holds ``(quadrant, months)``. Frozen and hashable, so
    that a bundle of findings can keep one result per rule.

    Examples
    --------
    >>> rule = EngageRule.default()
    >>> rule.mode("key player", -1), rule.mode("key player", 2), rule.months("key player")
    ('dialogue', 'co_create', 1)
    >>> stricter = rule.with_overrides(cadence={"keep satisfied": 2}, modes={"monitor": {-2: "dialogue"}})
    >>> stricter.months("keep satisfied"), stricter.mode("monitor", -2), stricter.mode("monitor", -1)
    (2, 'dialogue', 'inform')
    """

    modes: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]
    cadence: tuple[tuple[str, int], ...]

    @classmethod
    def default(cls) -> EngageRule:
        """The rule of ``schema/engage.toml``."""
        spec = resources.toml("schema", "engage.toml")
        return cls.from_dict(spec["modes"], spec["cadence"])

    @classmethod
    def from_dict(cls, modes: dict[str, dict[Any, str]], cadence: dict[str, Any]) -> EngageRule:
        """A complete rule from ``{quadrant: {stance: mode}}`` and ``{quadrant: months}``;
        :class:`~kgraph.errors.OptionError` when a quadrant, stance, mode or cadence is
        missing or unknown."""
        table = _modes(modes)
        missing = [f"{q} {s:+d}" for q in QUADRANTS for s in _STANCES if (q, s) not in table]
        months = _cadence(cadence)
        missing += [q for q in QUADRANTS if q not in months]
        if missing:
            raise OptionError(_("the engagement rule misses: {missing}").format(missing=", ".join(missing)))
        return cls(tuple((q, tuple((s, table[(q, s)]) for s in _STANCES)) for q in QUADRANTS),
                   tuple((q, months[q]) for q in QUADRANTS))

    def with_overrides(self, *, modes: dict[str, dict[Any, str]] | None = None,
                       cadence: dict[str, Any] | None = None) -> EngageRule:
        """This rule with some modes and cadences replaced (the rest kept)."""
        table = {(q, s): m for q, row in self.modes for s, m in row}
        table.update(_modes(modes or {}))
        months = dict(self.cadence)
        months.update(_cadence(cadence or {}))
        return EngageRule.from_dict({q: {s: table[(q, s)] for s in _STANCES} for q in QUADRANTS}, months)

    def mode(self, quadrant: str | None, stance: float | None) -> str | None:
        """The recommended mode; None when the quadrant or the stance is unknown."""
        if quadrant is None or stance is None or stance != stance:
            return None
        return dict(dict(self.modes).get(quadrant, ())).get(max(-2, min(2, int(round(stance)))))

    def months(self, quadrant: str | None) -> int:
        """The contact cadence in months (an unknown quadrant counts as ``monitor``)."""
        months = dict(self.cadence)
        return months.get(quadrant or "monitor", months["monitor"])

    def as_dict(self) -> dict[str, Any]:
        """``{"modes": {quadrant: {stance: mode}}, "cadence": {quadrant: months}}`` (JSON-ready)."""
        return {"modes": {q: {str(s): m for s, m in row} for q, row in self.modes}, "cadence": dict(self.cadence)}


def parse_quadrant(text: Any) -> str:
    """A quadrant as a user may write it (``Key_Player``, ``keep-satisfied``).

    >>> parse_quadrant("Keep_Satisfied")
    'keep satisfied'
    """
    key = " ".join(str(text).replace("_", " ").replace("-", " ").lower().split())
    if key not in QUADRANTS:
        raise OptionError(_("'{value}' is not a quadrant; use one of: {quadrants}").format(
            value=text, quadrants=", ".join(QUADRANTS)))
    return key


def parse_stance(text: Any) -> int:
    """A stance −2 … +2 as a user may write it (``-1``, ``+1``, ``−2``).

    >>> parse_stance("+1"), parse_stance("\u22122")
    (1, -2)
    """
    try:
        stance = int(str(text).strip().replace("\u2212", "-"))
    except ValueError:
        stance = None
    if stance not in _STANCES:
        raise OptionError(_("'{value}' is not a stance; use -2, -1, 0, 1 or 2").format(value=text))
    return stance


def _modes(modes: dict[str, dict[Any, str]]) -> dict[tuple[str, int], str]:
    out = {}
    for q, row in modes.items():
        for s, m in row.items():
            stance = parse_stance(s)
            if m not in MODES:
                raise OptionError(_("'{value}' is not a mode; use one of: {modes}").format(value=m, modes=", ".join(MODES)))
            out[(parse_quadrant(q), stance)] = m
    return out


def _cadence(cadence: dict[str, Any]) -> dict[str, int]:
    out = {}
    for q, v in cadence.items():
        months = parse_horizon(v)
        if months < 1:
            raise OptionError(_("a contact cadence is at least one month, not '{value}'").format(value=v))
        out[parse_quadrant(q)] = months
    return out


def recommended_mode(quadrant: str | None, stance: float | None, *, rule: EngageRule | None = None) -> str | None:
    """The communication mode recommended for an actor in ``quadrant`` with ``stance``.

    Parameters
    ----------
    quadrant : str or None
        Mendelow's quadrant (:func:`kgraph.analysis.stakeholders.quadrant`).
    stance : number or None
        The current stance, −2 (strongly against) … +2 (strongly for).
    rule : EngageRule, optional
        Default: ``schema/engage.toml``.

    Returns
    -------
    str or None
        ``inform``, ``persuade``, ``dialogue`` or ``co_create``; None when the quadrant
        or the stance is unknown.

    Notes
    -----
    The default rule: a key player is engaged in dialogue while against or neutral
    and co-creates once for; keep satisfied: persuade when against, else inform; keep
    informed: dialogue when against, else inform; monitor: inform. The modes are Van
    Ruler's four communication strategies (informeren, overreden, dialogiseren,
    formeren), the quadrants Mendelow's.

    References
    ----------
    Van Ruler, B. (2004). The communication grid: an introduction of a model of four
    communication strategies. *Public Relations Review*, 30(2), 123–143.

    Mendelow, A. (1991). Stakeholder mapping. *Proceedings of the 2nd International
    Conference on Information Systems*, Cambridge, MA.

    Examples
    --------
    >>> recommended_mode("key player", 0), recommended_mode("key player", 1)
    ('dialogue', 'co_create')
    >>> recommended_mode("keep satisfied", -1), recommended_mode("keep informed", -1), recommended_mode("monitor", -2)
    ('persuade', 'dialogue', 'inform')
    >>> recommended_mode(None, 2) is None
    True
    """
    return (rule or EngageRule.default()).mode(quadrant, stance)


def _none(v: Any) -> Any:
    """None for NaN (pandas' missing value), else ``v``."""
    return None if v is None or (isinstance(v, float) and v != v) else v


def interaction_log(org: Org) -> pd.DataFrame:
    """The interaction log up to the Org's date, newest first, with the state of each follow-up.

    Parameters
    ----------
    org : Org
        The organisation on one date; interactions dated after it are left out.

    Returns
    -------
    pandas.DataFrame
        One row per interaction (newest first, then by id): ``interaction_id, date,
        person_id, person, actor_id, actor, issue_id, issue, kind, mode, summary,
        follow_up, follow_up_due, done``, and ``follow_up_status``: ``""`` (no
        follow-up), ``"done"``, ``"overdue"`` (its due date has passed and it is not
        done) or ``"open"``; ``days_overdue`` (days past the due date, overdue only).

    Examples
    --------
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(
    ...     nodes={"P1": ("Person", {"name": "Ann"}), "A1": ("ExternalActor", {"name": "Dorpsraad"}),
    ...            "L-1": ("Interaction", {"date": "2026-05-04", "kind": "meeting", "mode": "dialogue",
    ...                                    "follow_up": "Notitie sturen", "follow_up_due": "2026-05-20", "done": False})},
    ...     edges={("HELD_BY", "L-1", "P1", ""): {}, ("HELD_WITH", "L-1", "A1", ""): {}})
    >>> r = interaction_log(Org.from_dataset(ds, as_of="2026-06-01")).iloc[0]
    >>> r.person, r.actor, r.follow_up_status, int(r.days_overdue)
    ('Ann', 'Dorpsraad', 'overdue', 12)
    """
    import pandas as pd

    day = org.as_of
    rows = []
    for r in reversed(org.interactions):
        status, late = "", None
        if r.get("follow_up"):
            due = r.get("follow_up_due")
            if r.get("done"):
                status = "done"
            elif due and str(due) < day.isoformat():
                status = "overdue"
                late = (day - _as_date(due)).days
            else:
                status = "open"
        p, a, i = r["person_id"], r["actor_id"], r["issue_id"]
        rows.append({
            "interaction_id": r["interaction_id"], "date": str(r["date"]),
            "person_id": p, "person": org.name(p) if p else None,
            "actor_id": a, "actor": org.name(a) if a else None,
            "issue_id": i, "issue": org.name(i) if i else None,
            "kind": r.get("kind"), "mode": r.get("mode"), "summary": r.get("summary"),
            "follow_up": r.get("follow_up"), "follow_up_due": r.get("follow_up_due"), "done": bool(r.get("done")),
            "follow_up_status": status, "days_overdue": late,
        })
    rows.sort(key=lambda x: (_neg(x["date"]), x["interaction_id"]))
    return pd.DataFrame(rows, columns=LOG_COLUMNS)


def _as_date(text: Any):
    import datetime as _dt

    return _dt.date.fromisoformat(str(text)[:10])


def _neg(d: str) -> str:
    """Sort key putting the latest ISO date first."""
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in d)


def engage(
    org: Org,
    *,
    window: str | int = "6m",
    stakeholders: pd.DataFrame | None = None,
    log: pd.DataFrame | None = None,
    midpoint: float = 3,
    rule: EngageRule | None = None,
) -> pd.DataFrame:
    """The engagement plan: per actor and issue the mode to use, the modes used, contact and follow-ups.

    Parameters
    ----------
    org : Org
        The organisation on one date; interactions dated after it are not seen.
    window : str or int
        The modes used are those of the interactions within this period up to the
        date (``"6m"``, ``"1y"``, months as int; default six months).
    stakeholders : pandas.DataFrame, optional
        The stakeholder map of ``org`` (:func:`kgraph.analysis.stakeholders.stakeholders`);
        computed with ``midpoint`` when not given. The facade passes the one it computed.
    log : pandas.DataFrame, optional
        The interaction log of ``org`` (:func:`interaction_log`); computed when not given.
    midpoint : number
        Where a 1–5 score becomes high, for the stakeholder map when it is computed here.
    rule : EngageRule, optional
        The recommended modes and contact cadences (default ``schema/engage.toml``).

    Returns
    -------
    pandas.DataFrame
        One row per actor and issue of the stakeholder map, columns :data:`COLUMNS`:

        - ``actor_id, actor, issue_id, issue, quadrant, stance, stance_label,
          stance_change``: from the stakeholder map (current stance and its change
          since the first position);
        - ``recommended_mode``: the rule's mode for the quadrant and stance;
        - ``modes_used``: the modes of the interactions with the actor within the
          window, about this issue or about the actor as a whole (no issue), in the
          order inform, persuade, dialogue, co_create; ``interactions``: how many;
          ``mode_differs``: interactions were held, but none in the recommended mode;
        - ``last_interaction``: the actor's latest interaction in the log, on any
          issue; ``last_contact``: the later of it and the contacts' ``last_contact``;
        - ``cadence_months``: the cadence of the actor's highest quadrant on any issue;
          ``next_contact``: last contact plus the cadence;
        - ``contact_overdue``: the last contact is older than the cadence, there is no
          contact at all, or the actor is a blind spot on some issue (influential and no
          internal contact: always overdue); ``blind_spot``: on this issue;
        - ``open_follow_ups``, ``overdue_follow_ups``: follow-ups not done of the
          interactions about this issue or the actor as a whole; overdue when the due
          date has passed;
        - ``owner_id, owner``: the relationship owner.

        Overdue contact first, then most overdue follow-ups, then by quadrant (key
        player first), actor and issue.

    Notes
    -----
    An interaction without an issue concerns the actor as a whole: it counts on every
    issue row of the actor. A contact is overdue when older than the cadence (a contact
    exactly one cadence ago is not); a follow-up when its due date lies before the date.

    References
    ----------
    Van Ruler, B. (2004). The communication grid: an introduction of a model of four
    communication strategies. *Public Relations Review*, 30(2), 123–143.

    Mendelow, A. (1991). Stakeholder mapping. *Proceedings of the 2nd International
    Conference on Information Systems*, Cambridge, MA.

    Examples
    --------
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(
    ...     nodes={"P1": ("Person", {"name": "Ann"}), "A1": ("ExternalActor", {"name": "Dorpsraad"}),
    ...            "I1": ("Issue", {"name": "Windpark"}),
    ...            "L-1": ("Interaction", {"date": "2026-03-02", "kind": "letter", "mode": "inform",
    ...                                    "follow_up": "Bellen", "follow_up_due": "2026-04-01"})},
    ...     edges={("POSITION", "A1", "I1", "2026-01-10"): {"stance": -2, "influence": 4, "interest": 5, "date": "2026-01-10"},
    ...            ("CONTACT", "P1", "A1", ""): {"strength": 3, "owner": True},
    ...            ("HELD_BY", "L-1", "P1", ""): {}, ("HELD_WITH", "L-1", "A1", ""): {}, ("ABOUT", "L-1", "I1", ""): {}})
    >>> r = engage(Org.from_dataset(ds, as_of="2026-06-01")).iloc[0]
    >>> r.quadrant, r.recommended_mode, r.modes_used, bool(r.mode_differs)
    ('key player', 'dialogue', ['inform'], True)
    >>> r.last_contact, r.next_contact, bool(r.contact_overdue), int(r.overdue_follow_ups), r.owner
    ('2026-03-02', '2026-04-02', True, 1, 'Ann')
    """
    import pandas as pd

    rule = rule or EngageRule.default()
    sh = stakeholders if stakeholders is not None else _stakeholders.stakeholders(org, midpoint=midpoint)
    log = log if log is not None else interaction_log(org)
    day = org.as_of
    today = day.isoformat()
    since = add_months(day, -parse_horizon(window)).isoformat()

    by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in log.to_dict("records"):
        if _none(r["actor_id"]):
            by_actor[r["actor_id"]].append(r)
    rows_sh = sh.to_dict("records")
    actor_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows_sh:
        actor_rows[r["actor_id"]].append(r)

    actor: dict[str, dict[str, Any]] = {}
    for a, rs in actor_rows.items():
        quads = [QUADRANTS.index(r["quadrant"]) for r in rs if _none(r["quadrant"]) in QUADRANTS]
        highest = QUADRANTS[min(quads)] if quads else None
        cadence = rule.months(highest)
        logged = max((str(r["date"]) for r in by_actor.get(a, [])), default=None)
        listed = [str(r["last_contact"]) for r in rs if _none(r["last_contact"]) and str(r["last_contact"]) <= today]
        last = max(filter(None, [logged, *listed]), default=None)
        blind = any(bool(r["blind_spot"]) for r in rs)
        cutoff = add_months(day, -cadence).isoformat()
        actor[a] = {
            "last_interaction": logged, "last_contact": last, "cadence_months": cadence,
            "next_contact": add_months(_as_date(last), cadence).isoformat() if last else None,
            "contact_overdue": blind or last is None or last < cutoff,
        }

    out = []
    for r in rows_sh:
        a, i = r["actor_id"], r["issue_id"]
        about = [x for x in by_actor.get(a, []) if _none(x["issue_id"]) in (i, None)]
        recent = [x for x in about if str(x["date"]) >= since]
        used = [m for m in MODES if any(x["mode"] == m for x in recent)]
        stance = _none(r["stance"])
        recommended = rule.mode(_none(r["quadrant"]), stance)
        open_ = [x for x in about if x["follow_up_status"] in ("open", "overdue")]
        out.append({
            "actor_id": a, "actor": r["actor"], "issue_id": i, "issue": r["issue"],
            "quadrant": _none(r["quadrant"]), "stance": None if stance is None else int(stance),
            "stance_label": _none(r["stance_label"]), "stance_change": _none(r["stance_change"]),
            "recommended_mode": recommended, "modes_used": used,
            "mode_differs": bool(used) and recommended is not None and recommended not in used,
            "interactions": len(recent),
            **actor[a],
            "blind_spot": bool(r["blind_spot"]),
            "open_follow_ups": len(open_),
            "overdue_follow_ups": sum(1 for x in open_ if x["follow_up_status"] == "overdue"),
            "owner_id": _none(r["owner_id"]), "owner": _none(r["owner"]),
        })
    rank = {q: k for k, q in enumerate(QUADRANTS)}
    out.sort(key=lambda x: (not x["contact_overdue"], -x["overdue_follow_ups"], rank.get(x["quadrant"], len(rank)),
                            x["actor_id"], x["issue_id"]))
    return pd.DataFrame(out, columns=COLUMNS)
