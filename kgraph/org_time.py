"""The part of :class:`kgraph.org.Org` that follows the organisation over time: signals,
target groups, objectives and their measurements, factors.

:class:`~kgraph.org.Org` inherits these accessors (it is their one definition; this
module only keeps ``org.py`` readable). They use the ``Org``'s nodes, edges, date and
units: :meth:`~kgraph.org.Org.of_kind`, :meth:`~kgraph.org.Org.edges`,
:meth:`~kgraph.org.Org.kind`, :attr:`~kgraph.org.Org.as_of` and
:meth:`~kgraph.org.Org.members`.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

__all__ = ["OverTime"]


class OverTime:
    """Signals known on the date, target groups, objectives, measurements and factors."""

    def _targets(self, relation: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for s, t, _k, _p in self.edges(relation):
            out[s].append(t)
        return out

    @cached_property
    def target_groups(self) -> dict[str, dict[str, Any]]:
        """id -> properties of every target group, with ``unit_ids`` (teams and departments
        of a staff group) and ``actor_ids`` (actors that speak for it) from its edges."""
        units, actors = self._targets("INCLUDES"), self._targets("REPRESENTED_BY")
        return {g: {**props, "unit_ids": units.get(g, []), "actor_ids": actors.get(g, [])}
                for g, props in sorted(self.of_kind("TargetGroup").items())}

    def group_members(self, group: str) -> frozenset[str]:
        """Present members of a target group's units (and their sub-units): a staff group's people."""
        return frozenset().union(*(self.members(u, subunits=True) for u in self.target_groups.get(group, {}).get("unit_ids", [])))

    @cached_property
    def signals(self) -> list[dict[str, Any]]:
        """The signals known on the date (dated on or before it, or undated), oldest first, then by id:
        ``signal_id, date, channel, issue_id, actor_id, target_group_ids, sentiment, text``.

        ``target_group_ids``: the signal's own target group, else the groups whose
        ``actor_ids`` include the actor it came from.
        """
        about, raised, own = (dict((s, t) for s, t, _k, _p in self.edges(r)) for r in ("ABOUT", "RAISED_BY", "FROM_GROUP"))
        spoken: dict[str, list[str]] = defaultdict(list)
        for g, props in self.target_groups.items():
            for a in props["actor_ids"]:
                spoken[a].append(g)
        day, out = self.as_of.isoformat(), []
        for sid, props in self.of_kind("Signal").items():
            d = props.get("date") or None
            if d is not None and str(d) > day:
                continue
            actor = raised.get(sid)
            groups = [own[sid]] if sid in own else spoken.get(actor, []) if actor else []
            out.append({"signal_id": sid, "date": d, "channel": props.get("channel"), "issue_id": about.get(sid),
                        "actor_id": actor, "target_group_ids": groups, "sentiment": props.get("sentiment"),
                        "text": props.get("text")})
        return sorted(out, key=lambda x: (str(x["date"] or ""), x["signal_id"]))

    @cached_property
    def objectives(self) -> dict[str, dict[str, Any]]:
        """id -> properties of every objective, with ``target_group_id``, ``issue_id`` and
        ``owner_id`` from its edges (None where it has none)."""
        group, owner = self._targets("AIMS_AT"), self._targets("OWNED_BY")
        issue = {s: t for s, t, _k, _p in self.edges("ABOUT") if self.kind(s) == "Objective"}
        return {o: {**props, "target_group_id": (group.get(o) or [None])[0], "issue_id": issue.get(o),
                    "owner_id": (owner.get(o) or [None])[0]}
                for o, props in sorted(self.of_kind("Objective").items())}

    @cached_property
    def measurements(self) -> dict[str, list[dict[str, Any]]]:
        """objective id -> its measurements dated on or before the date, oldest first (then by id):
        ``measurement_id, date, value, respondents, source``."""
        day, out = self.as_of.isoformat(), defaultdict(list)
        nodes = self.of_kind("Measurement")
        for m, o, _k, _p in self.edges("MEASURES"):
            props = nodes.get(m, {})
            if props.get("date") and str(props["date"]) <= day:
                out[o].append({"measurement_id": m, "date": str(props["date"]), "value": props.get("value"),
                               "respondents": props.get("respondents"), "source": props.get("source")})
        return {o: sorted(v, key=lambda x: (x["date"], x["measurement_id"])) for o, v in sorted(out.items())}

    @cached_property
    def factors(self) -> dict[str, dict[str, Any]]:
        """id -> properties of every factor, with ``effects``: ``{issue id: effect −2 … +2}``."""
        effects: dict[str, dict[str, Any]] = defaultdict(dict)
        for f, i, _k, props in self.edges("AFFECTS"):
            effects[f][i] = props.get("effect")
        return {f: {**props, "effects": dict(effects.get(f, {}))} for f, props in sorted(self.of_kind("Factor").items())}
