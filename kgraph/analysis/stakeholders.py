"""The stakeholder map: per actor and issue the current position, its trend, the
Mendelow quadrant, the salience class and who in the organisation holds the
relationship; with the flags a communication adviser acts on (blind spots,
single contacts, stale relationships, coalitions).

Pure and deterministic: a function of the organisation on one date and the options.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..dates import add_months, parse_horizon
from ..errors import KgraphError
from ..i18n import _
from ..model import model
from ..org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["stakeholders", "quadrant", "salience", "stance_label", "COLUMNS", "QUADRANTS", "SALIENCE_CLASSES"]

#: Mendelow quadrants, most demanding first.
QUADRANTS = ("key player", "keep satisfied", "keep informed", "monitor")

#: Salience class per (power, legitimacy, urgency) present (Mitchell, Agle & Wood 1997).
SALIENCE_CLASSES: dict[tuple[bool, bool, bool], str] = {
    (False, False, False): "non-stakeholder",
    (True, False, False): "dormant",
    (False, True, False): "discretionary",
    (False, False, True): "demanding",
    (True, True, False): "dominant",
    (True, False, True): "dangerous",
    (False, True, True): "dependent",
    (True, True, True): "definitive",
}


#: The columns of :func:`stakeholders`, in order.
COLUMNS = [
    "actor_id", "actor", "actor_kind", "issue_id", "issue", "stance", "stance_label",
    "influence", "interest", "date", "source", "trend", "stance_change", "signals", "sentiment",
    "last_signal", "quadrant", "power", "legitimacy", "urgency", "salience", "owner_id", "owner",
    "contacts", "n_contacts", "last_contact", "blind_spot", "single_contact", "stale_contact",
    "coalition", "allies", "conflicts", "responsible",
    "handover", "handover_person_id", "handover_person", "handover_date",
]


def stance_label(stance: int | None) -> str | None:
    """The words for a stance −2 … +2.

    >>> stance_label(-2), stance_label(1), stance_label(None)
    ('strongly against', 'for', None)
    """
    words = model().label("stance", stance)
    return None if words is None else _(words)


def quadrant(influence: float | None, interest: float | None, *, midpoint: float = 3) -> str | None:
    """Mendelow's power–interest quadrant (Mendelow 1991).

    A value equal to ``midpoint`` counts as high. ``None`` when either score is
    unknown.

    >>> quadrant(5, 4), quadrant(5, 2), quadrant(2, 5), quadrant(1, 1)
    ('key player', 'keep satisfied', 'keep informed', 'monitor')
    >>> quadrant(3, 3), quadrant(3, 3, midpoint=4)
    ('key player', 'monitor')
    """
    if influence is None or interest is None:
        return None
    hi_p, hi_i = influence >= midpoint, interest >= midpoint
    if hi_p:
        return "key player" if hi_i else "keep satisfied"
    return "keep informed" if hi_i else "monitor"


def salience(power: float | None, legitimacy: float | None, urgency: float | None, *, midpoint: float = 3) -> str | None:
    """Salience class of Mitchell, Agle & Wood (1997) from three 1–5 scores.

    An attribute is present when its score is at least ``midpoint``; a missing
    score counts as absent. ``None`` when all three are missing.

    >>> salience(5, 5, 3), salience(2, 4, 5), salience(5, 1, 1), salience(1, 1, 1)
    ('definitive', 'dependent', 'dormant', 'non-stakeholder')
    >>> salience(None, None, None) is None
    True
    """
    if power is None and legitimacy is None and urgency is None:
        return None
    present = tuple(v is not None and v >= midpoint for v in (power, legitimacy, urgency))
    return SALIENCE_CLASSES[present]  # type: ignore[index]


def _num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return int(f) if f.is_integer() else f


def _date(v: Any) -> str | None:
    return str(v) if v not in (None, "") else None


def _side(stance: float | None) -> int:
    return 0 if stance is None or stance == 0 else (1 if stance > 0 else -1)


def stakeholders(
    org: Org,
    *,
    issue: str | None = None,
    actor: str | None = None,
    midpoint: float = 3,
    stale_after: str | int = "12m",
    horizon: str | int = "12m",
) -> pd.DataFrame:
    """The stakeholder map: one row per actor and issue with a position.

    Parameters
    ----------
    org : Org
        The organisation on one date: positions and signals dated later are left
        out, contacts are present persons, staleness is measured from that date.
    issue, actor : str, optional
        Only this issue / actor (an id or the exact name).
    midpoint : number
        Where a 1–5 score becomes high (default 3; a score equal to it counts as
        high). Used for the quadrant, the salience attributes and blind spots.
    stale_after : str or int
        A relationship not touched for longer than this is stale (``"12m"``,
        ``"2y"``, months as int).
    horizon : str or int
        Departures within this horizon after the Org's date put a relationship at risk
        (``handover``; default ``"12m"``).

    Returns
    -------
    pandas.DataFrame
        Sorted by issue, then influence and interest (high first), then actor.
        Columns:

        - ``actor_id, actor, actor_kind, issue_id, issue``
        - ``stance`` (−2 … +2), ``stance_label``, ``influence``, ``interest``,
          ``date``, ``source``: the current (latest dated) position
        - ``trend``: every position up to the date, oldest first, as
          ``[date, stance]`` pairs; ``stance_change``: current minus first
        - ``signals``, ``sentiment``, ``last_signal``: number, mean sentiment
          and latest date of the actor's signals on the issue
        - ``quadrant``: Mendelow (key player, keep satisfied, keep informed,
          monitor) from influence and interest
        - ``power, legitimacy, urgency, salience``: the actor's scores and its
          Mitchell–Agle–Wood class
        - ``owner_id, owner``: the internal relationship owner (a contact
          marked owner; the strongest, then most recent, if several)
        - ``contacts``: list of ``{person_id, name, department_id, department,
          strength, last_contact, owner, stale, leaves}``, strongest first, where
          ``leaves`` is a leave date within ``horizon`` (ISO, else None) and
          ``last_contact`` is the later of the contacts table's date and the
          person's latest interaction with the actor in the log (up to the date;
          :attr:`kgraph.org.Org.contacts`); ``n_contacts``; ``last_contact``: the
          most recent of them
        - ``blind_spot``: influence (else the actor's power) ≥ midpoint and no
          internal contact
        - ``single_contact``: exactly one internal contact
        - ``stale_contact``: the actor has contacts but none was touched
          within ``stale_after`` (an unknown date counts as not touched)
        - ``coalition``: other actors on the same side of this issue (both
          for, or both against; neutral actors form no coalition)
        - ``allies``, ``conflicts``: actors tied to this one by an alliance,
          membership or funding tie, resp. a conflict tie
        - ``responsible``: persons responsible for the issue
        - ``handover``: the relationship is at risk: its owner, or every contact (the
          only one, say), leaves within ``horizon``; a communication adviser must
          arrange a handover. ``handover_person_id``, ``handover_person`` and
          ``handover_date``: who leaves first, and when (ISO); None without a handover

    Raises
    ------
    KgraphError
        When the store holds no positions (tables ``actors``, ``issues``,
        ``positions``).
    NotFound
        When ``issue`` or ``actor`` does not exist.

    Notes
    -----
    Mendelow's grid sorts stakeholders by power (here: influence on the issue)
    and interest; salience (Mitchell, Agle & Wood 1997) counts which of power,
    legitimacy and urgency an actor has: one gives a latent stakeholder
    (dormant, discretionary, demanding), two an expectant one (dominant,
    dangerous, dependent), three a definitive one.

    References
    ----------
    Mendelow, A. (1991). Stakeholder mapping. *Proceedings of the 2nd
    International Conference on Information Systems*, Cambridge, MA.

    Mitchell, R. K., Agle, B. R., & Wood, D. J. (1997). Toward a theory of
    stakeholder identification and salience. *Academy of Management Review*,
    22(4), 853–886.

    Examples
    --------
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(
    ...     nodes={"A1": ("ExternalActor", {"name": "Buurtvereniging", "power": 4, "legitimacy": 4}),
    ...            "I1": ("Issue", {"name": "Parkeerplan"})},
    ...     edges={("POSITION", "A1", "I1", "2025-01-01"): {"stance": -1, "influence": 4, "interest": 5, "date": "2025-01-01"},
    ...            ("POSITION", "A1", "I1", "2025-06-01"): {"stance": -2, "influence": 4, "interest": 5, "date": "2025-06-01"}})
    >>> df = stakeholders(Org.from_dataset(ds, as_of="2025-12-31"))
    >>> r = df.iloc[0]
    >>> r.actor_id, int(r.stance), r.quadrant, r.salience, bool(r.blind_spot)
    ('A1', -2, 'key player', 'dominant', True)
    >>> df.loc[0, "trend"]
    [['2025-01-01', -1], ['2025-06-01', -2]]

    The relationship owner leaves within a year: a handover to arrange.

    >>> ds.nodes["P1"] = ("Person", {"name": "Ann", "leave_date": "2026-03-31"})
    >>> ds.edges[("CONTACT", "P1", "A1", "")] = {"strength": 4, "owner": True}
    >>> r = stakeholders(Org.from_dataset(ds, as_of="2025-12-31")).iloc[0]
    >>> bool(r.handover), r.handover_person, r.handover_date
    (True, 'Ann', '2026-03-31')
    """
    import pandas as pd

    day = org.as_of
    today = day.isoformat()
    cutoff = add_months(day, -parse_horizon(stale_after)).isoformat()
    leaving = {p: d.isoformat() for p, d in org.leaving_within(horizon).items()}
    all_positions = org.edges("POSITION")
    if not all_positions:
        raise KgraphError(
            _("no stakeholder positions"),
            hint=_("fill in the tables actors, issues and positions (see docs/FORMAT.md) and import again"),
        )
    issue_id = org.resolve(issue, ("Issue",)) if issue else None
    actor_id = org.resolve(actor, ("ExternalActor",)) if actor else None

    # positions up to as_of, per (actor, issue), oldest first (undated first)
    history: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for a, i, key, props in all_positions:
        d = _date(props.get("date"))
        if d is not None and d > today:
            continue
        history[(a, i)].append({**props, "date": d, "_key": key})
    for rows in history.values():
        rows.sort(key=lambda p: (p["date"] or "", p["_key"]))

    current = {pair: rows[-1] for pair, rows in history.items()}
    # same side per issue -> coalitions
    sides: dict[tuple[str, int], list[str]] = defaultdict(list)
    for (a, i), pos in current.items():
        side = _side(_num(pos.get("stance")))
        if side:
            sides[(i, side)].append(a)

    # signals raised by an actor about an issue (those known on the date: Org.signals)
    signals: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for sig in org.signals:
        if sig["actor_id"] and sig["issue_id"]:
            signals[(sig["actor_id"], sig["issue_id"])].append(sig)

    # contacts per actor
    contacts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p, a, props in org.contacts:  # present persons; last_contact kept up by the log
        last = _date(props.get("last_contact"))
        dept = org.unit_of_person(p, "department")
        contacts[a].append({
            "person_id": p,
            "name": org.name(p),
            "department_id": dept,
            "department": org.name(dept) if dept else None,
            "strength": _num(props.get("strength")),
            "last_contact": last,
            "owner": bool(props.get("owner", False)),
            "stale": last is None or last < cutoff,
            "leaves": leaving.get(p),
        })
    for cs in contacts.values():
        cs.sort(key=lambda c: (-(c["strength"] or 0), _neg_date(c["last_contact"]), c["person_id"]))

    allies: dict[str, set[str]] = defaultdict(set)
    conflicts: dict[str, set[str]] = defaultdict(set)
    for s, t, _x, props in org.edges("ACTOR_TIE"):
        kind = props.get("kind", "other")
        target = conflicts if kind == "conflict" else allies if kind in ("alliance", "member", "funds") else None
        if target is not None:
            target[s].add(t)
            target[t].add(s)

    responsible: dict[str, list[str]] = defaultdict(list)
    for p, subj, _x, _x in org.edges("RESPONSIBLE_FOR"):
        if org.kind(subj) == "Issue":
            responsible[subj].append(p)

    rows = []
    for (a, i), pos in current.items():
        if (issue_id and i != issue_id) or (actor_id and a != actor_id):
            continue
        props = org.of_kind("ExternalActor").get(a, {})
        stance, influence, interest = (_num(pos.get(k)) for k in ("stance", "influence", "interest"))
        power, legit, urgency = (_num(props.get(k)) for k in ("power", "legitimacy", "urgency"))
        trend = [[p["date"], _num(p.get("stance"))] for p in history[(a, i)]]
        sigs = signals.get((a, i), [])
        sents = [_num(s.get("sentiment")) for s in sigs if _num(s.get("sentiment")) is not None]
        cs = contacts.get(a, [])
        owners = [c for c in cs if c["owner"]]
        weight = influence if influence is not None else power
        side = _side(stance)
        dates = [c["last_contact"] for c in cs if c["last_contact"]]
        # a handover: the owner leaves, or every contact does (the only one, say); who leaves first
        going = [c for c in owners if c["leaves"]] or ([c for c in cs] if cs and all(c["leaves"] for c in cs) else [])
        first = min(going, key=lambda c: (c["leaves"], c["person_id"])) if going else None
        rows.append({
            "actor_id": a,
            "actor": org.name(a),
            "actor_kind": props.get("kind", "other"),
            "issue_id": i,
            "issue": org.name(i),
            "stance": stance,
            "stance_label": stance_label(stance),
            "influence": influence,
            "interest": interest,
            "date": pos["date"],
            "source": pos.get("source"),
            "trend": trend,
            "stance_change": (stance - trend[0][1]) if stance is not None and trend[0][1] is not None else None,
            "signals": len(sigs),
            "sentiment": round(sum(sents) / len(sents), 2) if sents else None,
            "last_signal": max((s["date"] for s in sigs if s.get("date")), default=None),
            "quadrant": quadrant(influence, interest, midpoint=midpoint),
            "power": power,
            "legitimacy": legit,
            "urgency": urgency,
            "salience": salience(power, legit, urgency, midpoint=midpoint),
            "owner_id": owners[0]["person_id"] if owners else None,
            "owner": owners[0]["name"] if owners else None,
            "contacts": [dict(c) for c in cs],
            "n_contacts": len(cs),
            "last_contact": max(dates) if dates else None,
            "blind_spot": not cs and weight is not None and weight >= midpoint,
            "single_contact": len(cs) == 1,
            "stale_contact": bool(cs) and all(c["stale"] for c in cs),
            "coalition": sorted(x for x in sides.get((i, side), []) if x != a) if side else [],
            "allies": sorted(allies.get(a, ())),
            "conflicts": sorted(conflicts.get(a, ())),
            "responsible": sorted(responsible.get(i, [])),
            "handover": first is not None,
            "handover_person_id": first["person_id"] if first else None,
            "handover_person": first["name"] if first else None,
            "handover_date": first["leaves"] if first else None,
        })
    rows.sort(key=lambda r: (r["issue_id"], -(r["influence"] or 0), -(r["interest"] or 0), r["actor_id"]))
    return pd.DataFrame(rows, columns=COLUMNS)


def _neg_date(d: str | None) -> str:
    """Sort key putting the most recent ISO date first (unknown last)."""
    if not d:
        return "~"
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in d)
