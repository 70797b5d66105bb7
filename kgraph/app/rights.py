"""The data subject's rights and the privacy officer's settings, beside the facade.

``forget`` (right to erasure), ``person_report`` (right of access) and
``privacy_settings``. They read the real data below the store's privacy wrappers on
purpose (:func:`kgraph.store.policy.unwrap`); see ``docs/privacy.md``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..model import Dataset
from ..store import policy
from ..store.pseudonym import PseudonymStore, Scrubber
from .handle import KnowledgeGraph

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["forget", "person_report", "privacy_settings"]


def privacy_settings(kg: KnowledgeGraph, *, aggregate_only: bool | None = None, min_group_size: int | None = None,
                     confirm: bool = False) -> dict[str, Any]:
    """Show, and optionally change, the store's privacy settings.

    Turning aggregate-only mode off shows person-level data again, so it needs
    ``confirm=True`` (``--yes``). Returns the settings after the change:
    ``aggregate_only``, ``min_group_size`` and ``pseudonym_key`` (whether
    ``KGRAPH_PSEUDONYM_KEY`` is set here; never the key).
    """
    if aggregate_only is None and min_group_size is None:
        return policy.settings(kg.store)
    out = policy.update_settings(kg.store, aggregate_only=aggregate_only, min_group_size=min_group_size, confirm=confirm)
    kg.changed()
    return out


#: node kinds that go as a whole when a text of theirs names the person forgotten: a signal,
#: an interaction (its summary or follow-up); an interaction the person held stays, without them
_DROPPED_WHEN_NAMING = ("Signal", "Interaction")


def _mention_scrubber(person_id: str, versions: list[dict[str, Any]]) -> Scrubber:
    """Finds the person's id (as a token: ``P02-notes`` too), and every name and e-mail
    they had in any version, in any spelling (see :class:`~kgraph.store.pseudonym.Scrubber`)."""
    plain = {str(v[f]).strip(): "" for v in versions for f in ("name", "email") if str(v.get(f) or "").strip()}
    return Scrubber(plain, {person_id: ""}, whole_words=True)


def _texts(props: dict[str, Any]):
    """(property, text) for every text value, also inside lists."""
    for k, v in props.items():
        for x in v if isinstance(v, list) else [v]:
            if isinstance(x, str):
                yield k, x


def _find_person(view, ref: str) -> str:
    """The id (as ``view`` shows it) of the person ``ref`` names today, or, failing that,
    in any stored version (a person who has left can still be forgotten or reported on)."""
    from ..errors import NotFound, OptionError
    from ..names import name_key

    try:
        return view.resolve(ref, "Person", partial=False)  # rights: never a guess
    except NotFound:
        ever = view.node_history("Person")
        real = view.public_id(ref) if isinstance(view, PseudonymStore) else ref
        if real in ever:
            return real
        want = name_key(ref)
        hits = sorted(i for i, vs in ever.items() if any(name_key(v["props"].get("name") or "") == want for v in vs))
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise OptionError(_("'{ref}' names {n} persons (in earlier versions): {ids}").format(
                ref=ref, n=len(hits), ids=", ".join(hits[:10])), hint=_("use the id")) from None
        raise


def forget(kg, person: str) -> pd.DataFrame:
    """Remove a person and every trace of them from the store (right to erasure).

    Removes, from every version of every source (see :func:`kgraph.history`), the
    person's node and every relation to or from it, every signal and every interaction
    whose text names them (their id, or any name or e-mail they had, in any spelling:
    case, accents, spaces), and blanks every other property that names them (an
    interaction they held stays in the log, without them: the organisation's record of
    its contact with the actor), in one all-or-nothing write; then the keyed records
    about them (accounts, survey links and answers, requests); an embedded store is then
    compacted, so the file keeps no copy in free pages. Works in
    aggregate-only mode, and with ``--pseudonymize`` (the person may then be named by
    pseudonym, real id or real name; nothing real is shown). Remove the person from the
    source files too, or the next import brings them back.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (node kind, relation type, or ``property``), ``removed``
        (nodes / relations removed, properties blanked), one row per kind.
    """
    import pandas as pd

    kg.require_data()
    view = policy.unwrap(kg.store)
    public = _find_person(view, person)
    real = view.real_id(public) if isinstance(view, PseudonymStore) else public
    base = policy.unwrap(kg.store, keep_pseudonyms=False)
    versions = [v["props"] for v in base.node_history("Person", [real]).get(real, [])]
    scrub = _mention_scrubber(real, versions)
    removed = base.forget(real, mentions=scrub.mentions, whole=_DROPPED_WHEN_NAMING)
    from .intranet import forget_records

    removed.update(forget_records(base, real))  # accounts, survey links and answers, requests
    base.compact()  # no copy survives in free pages
    kg.changed()
    rows = [{"kind": k, "removed": n} for k, n in sorted(removed.items(), key=lambda kv: (kv[0] == "property", kv[0]))]
    return pd.DataFrame(rows, columns=["kind", "removed"])


def _about(ds: Dataset, public: str, scrub: Scrubber) -> dict[str, Any]:
    """What one dataset holds about one person: properties, relations, mentions elsewhere."""
    def name(node_id: str) -> str | None:
        node = ds.nodes.get(node_id)
        return node[1].get("name") if node else None

    relations = []
    for (rel, s, t, key), p in ds.edges.items():
        if public not in (s, t):
            continue
        other = t if s == public else s
        relations.append({
            "relation": rel, "direction": "out" if s == public else "in", "other_id": other,
            "other_kind": ds.nodes[other][0] if other in ds.nodes else None, "other_name": name(other),
            "key": key, "properties": p,
        })
    mentions = []
    for node_id, (k, p) in ds.nodes.items():
        if node_id != public:
            mentions += [{"node_id": node_id, "kind": k, "property": f, "text": t}
                         for f, t in _texts(p) if scrub.mentions(t)]
    for (rel, s, t, key), p in ds.edges.items():
        mentions += [{"relation": rel, "source_id": s, "target_id": t, "key": key, "property": f, "text": x}
                     for f, x in _texts(p) if scrub.mentions(x)]
    node = ds.nodes.get(public)
    return {"properties": None if node is None else node[1], "relations": relations, "mentions": mentions}


def person_report(kg, person: str) -> dict[str, Any]:
    """Everything the store holds about one person, as JSON-ready data (right of access).

    The person's properties, every relation in and out (with the other end's id,
    kind and name), their responsibilities and contacts, the interactions with external
    actors they held (the log), every text elsewhere in the store that names them (in any
    spelling), the keyed records about them (accounts, survey answers, requests) and the
    privacy settings that apply,
    as of today (or, for a person who has left, the last version that holds them);
    ``history`` lists the same for every stored version in which any of it differs from
    the version before. Works in aggregate-only mode; with ``--pseudonymize`` the report
    is pseudonymised too.

    Note that the report shows colleagues' names where they are the other end of
    a relation: consider their rights (GDPR art. 15(4)) before handing it over.
    """
    kg.require_data()
    view = policy.unwrap(kg.store)
    public = _find_person(view, person)
    versions = view.node_history("Person", [public]).get(public, [])
    scrub = _mention_scrubber(public, [v["props"] for v in versions])
    dates = sorted({v["as_of"] for v in view.history()})
    history, last, current = [], None, None
    for day in dates:
        about = _about(view.read_dataset(as_of=day), public, scrub)
        if about != last:
            history.append({"as_of": day.isoformat(), **about})
            last = about
        if about["properties"] is not None:
            current = about
    today = view.read_dataset()
    now = _about(today, public, scrub)
    if now["properties"] is not None or current is None:
        current = now
    kind = "Person"
    props = current["properties"] or (versions[-1]["props"] if versions else {})
    relations = current["relations"]
    settings = privacy_settings(kg)
    settings.pop("pseudonym_key")
    from .intranet import records_about

    pseudonymised = isinstance(view, PseudonymStore)
    records = records_about(policy.unwrap(kg.store, keep_pseudonyms=False), view.real_id(public)) if pseudonymised \
        else records_about(view, public)
    if pseudonymised:  # the records hold real ids: show how many, not what
        records = {k: len(v) for k, v in records.items()}

    def name(node_id: str) -> str | None:
        node = today.nodes.get(node_id)
        return node[1].get("name") if node else None

    return {
        "person_id": public,
        "kind": kind,
        "generated_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "store": {"backend": view.backend, "location": view.location},
        "pseudonymised": isinstance(view, PseudonymStore),
        "properties": props,
        "relations": relations,
        "responsibilities": [{"subject_id": r["other_id"], "subject_kind": r["other_kind"], "subject": r["other_name"]}
                             for r in relations if r["relation"] == "RESPONSIBLE_FOR"],
        "contacts": [{"actor_id": r["other_id"], "actor": r["other_name"], **r["properties"]}
                     for r in relations if r["relation"] == "CONTACT"],
        "interactions": _held(today, public, name),
        "mentions": current["mentions"],
        "records": records,
        "history": history,
        "settings": settings,
        "notes": [
            _("kgraph stores only what was imported; analyses (rankings, risks, scores) are computed on request and "
              "not stored."),
            _("earlier imports are kept (see `kgraph history`); `history` shows what each of them held about this "
              "person."),
            _("to correct or remove this data, change the source files and import again, or run `kgraph forget`."),
        ],
    }


def _held(ds: Dataset, person: str, name) -> list[dict[str, Any]]:
    """The interactions ``person`` held, oldest first, with the actor and issue named."""
    ends: dict[str, dict[str, str]] = {}
    for (rel, s, t, _k) in ds.edges:
        if rel in ("HELD_BY", "HELD_WITH", "ABOUT"):
            ends.setdefault(s, {})[rel] = t
    out = []
    for node_id, (kind, p) in ds.nodes.items():
        e = ends.get(node_id, {})
        if kind == "Interaction" and e.get("HELD_BY") == person:
            actor, issue = e.get("HELD_WITH"), e.get("ABOUT")
            out.append({"interaction_id": node_id, "actor_id": actor, "actor": name(actor) if actor else None,
                        "issue_id": issue, "issue": name(issue) if issue else None, **p})
    return sorted(out, key=lambda x: (str(x.get("date") or ""), x["interaction_id"]))
