"""What the intranet's staff pages ask of the facade: people, knowledge items, ideas and
complaints, corrections of one's own data.

Each function reads a few rows through the store's indexes (no whole organisation
is loaded) on one date, and returns plain data that a page or the JSON API renders.
A staff member's page about a colleague shows what the phone book and who-knows
show (function, team, knowledge): never ties, network measures or survey answers.

Ideas, complaints and information needs (:func:`submit_signal`) and requests to
correct one's data (:func:`request_correction`) are keyed records until an
administrator handles them (:func:`intake`, :func:`settle`). A correction is a
request to an administrator, not a change: the source files (HR's systems) stay the
one place the data is corrected, or the next import would undo it.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from typing import TYPE_CHECKING, Any

from ..dates import parse_as_of
from ..errors import NotFound, OptionError
from ..i18n import _
from ..org import is_active, is_present
from ..store import policy
from ..survey import intake as _intake

if TYPE_CHECKING:  # pragma: no cover
    from .handle import KnowledgeGraph

__all__ = ["site_language", "person_page", "knowledge_page", "signal_form", "submit_signal", "request_correction", "about_me",
           "intake", "settle", "CORRECTION"]

CORRECTION = "correction"
MAX_CORRECTION = 4000


#: the store setting naming the intranet's default language (a browser's own choice goes first)
LANGUAGE = "web.language"


def site_language(kg: KnowledgeGraph, language: str | None = None) -> str | None:
    """The intranet's default language: set it with ``language`` (``en`` or ``nl``); return the setting."""
    from ..i18n import normalize_language

    base = policy.unwrap(kg.store, keep_pseudonyms=False)
    if language is not None:
        code = normalize_language(language)
        if code is None:
            raise OptionError(_("unknown language {lang!r}").format(lang=language))
        base.set_setting(LANGUAGE, code)
    return base.get_setting(LANGUAGE)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _name(store, node_id: str | None) -> str | None:
    if not node_id:
        return None
    node = store.node(node_id)
    return node[1].get("name", node_id) if node else node_id


def person_page(kg: KnowledgeGraph, person: str, *, as_of=None) -> dict[str, Any]:
    """A colleague as the intranet shows them on ``as_of``: name, function, contact, teams,
    knowledge (level and when confirmed) and responsibilities. NotFound when they are not
    present then."""
    store, day = kg.store, parse_as_of(as_of)
    node = store.node(person)
    if node is None or node[0] != "Person" or not is_present(node[1], day):
        raise NotFound(_("no colleague {ref!r} on {date}").format(ref=person, date=day.isoformat()))
    props = node[1]
    teams = []
    for _p, team, _k, m in store.edges("MEMBER_OF", sources=[person]):
        if is_active(m, day):
            dept = next((t for _s, t, _k2, _p2 in store.edges("PART_OF", sources=[team])), None)
            teams.append({"team_id": team, "team": _name(store, team), "role": m.get("role") or "member",
                          "department_id": dept, "department": _name(store, dept)})
    knows = store.edges("KNOWS", sources=[person])
    items = store.nodes("KnowledgeItem", [k for _p, k, _k, _pr in knows]) if knows else {}
    skills = sorted(({"knowledge_id": k, "knowledge": items.get(k, {}).get("name", k), "level": int(p.get("level") or 0),
                      "confirmed": p.get("confirmed")} for _s, k, _k, p in knows),
                    key=lambda r: (-r["level"], str(r["knowledge"]).lower()))
    resp = [{"subject_id": t, "subject": _name(store, t)} for _s, t, _k, _p in store.edges("RESPONSIBLE_FOR", sources=[person])]
    return {"person_id": person, "name": props.get("name", person), "function": props.get("function"),
            "email": props.get("email"), "location": props.get("location"), "teams": teams, "skills": skills,
            "responsibilities": resp, "as_of": day.isoformat()}


def knowledge_page(kg: KnowledgeGraph, item: str, *, as_of=None, limit: int = 50) -> dict[str, Any]:
    """A knowledge item on ``as_of``: what it is, its place in the taxonomy, the units that
    need it, and who holds it (the who-knows ranking of the item and the items below it)."""
    from .api import who_knows

    store, day = kg.store, parse_as_of(as_of)
    node = store.node(item)
    if node is None or node[0] != "KnowledgeItem":
        raise NotFound(_("no knowledge item {ref!r}").format(ref=item))
    props = node[1]
    broader = [{"knowledge_id": t, "knowledge": _name(store, t)} for _s, t, _k, _p in store.edges("BROADER", sources=[item])]
    narrower = [{"knowledge_id": s, "knowledge": _name(store, s)} for s, _t, _k, _p in store.edges("BROADER", targets=[item])]
    needed = [{"unit_id": u, "unit": _name(store, u), "min_level": p.get("min_level"), "min_holders": p.get("min_holders")}
              for u, _t, _k, p in store.edges("NEEDS", targets=[item])]
    holders = who_knows(kg, item, limit=limit, as_of=day)  # the item's id matches it exactly, and those below it
    return {"knowledge_id": item, "name": props.get("name", item), "kind": props.get("kind"),
            "description": props.get("description"), "synonyms": props.get("synonyms") or [], "url": props.get("url"),
            "updated": props.get("updated"), "broader": broader, "narrower": narrower, "needed_by": needed,
            "holders": holders, "as_of": day.isoformat()}


def signal_form(kg: KnowledgeGraph) -> dict[str, Any]:
    """What the form for an idea, complaint or information need offers: channels and issues."""
    issues = kg.store.names("Issue")
    return {"channels": _intake.channels(),
            "issues": sorted(({"issue_id": i, "issue": n or i} for i, n in issues.items()), key=lambda r: str(r["issue"]).lower())}


def submit_signal(kg: KnowledgeGraph, *, channel: str, text: str, issue_id: str | None = None,
                  sentiment: int | str | None = None, person_id: str | None = None) -> dict[str, Any]:
    """Keep an idea, complaint or information need sent on the intranet (a future signal, source ``intranet``).

    Anonymous unless ``person_id`` is given (the sender chose to give their name).
    Returns the stored submission with its ``id`` and ``status`` (``new``).
    """
    if channel not in _intake.channels():
        raise OptionError(_("channel must be one of {channels}").format(channels=", ".join(_intake.channels())))
    text = (text or "").strip()
    if not text:
        raise OptionError(_("write what your idea, complaint or question is"))
    if len(text) > _intake.MAX_TEXT:
        raise OptionError(_("the text is too long: at most {n} characters").format(n=_intake.MAX_TEXT))
    if issue_id:
        node = kg.store.node(issue_id)
        if node is None or node[0] != "Issue":
            raise NotFound(_("no issue {ref!r}").format(ref=issue_id))
    if sentiment not in (None, ""):
        try:
            sentiment = int(sentiment)
        except (TypeError, ValueError):
            sentiment = 99
        if not -2 <= sentiment <= 2:
            raise OptionError(_("sentiment must be a whole number from -2 to 2"))
    else:
        sentiment = None
    key = uuid.uuid4().hex
    rec = {"id": key, "channel": channel, "issue_id": issue_id or None, "text": text, "sentiment": sentiment,
           "date": _dt.date.today().isoformat(), "person_id": person_id or None, "created": _now(), "status": "new"}
    policy.unwrap(kg.store, keep_pseudonyms=False).put_record(_intake.KIND, key, rec)
    kg.changed()  # it counts as a signal from today on
    return rec


def request_correction(kg: KnowledgeGraph, *, person_id: str, account: str, text: str) -> dict[str, Any]:
    """Ask an administrator to correct what kgraph holds about ``person_id`` (see the module docstring)."""
    text = (text or "").strip()
    if not text:
        raise OptionError(_("write what is wrong and what it should be"))
    if len(text) > MAX_CORRECTION:
        raise OptionError(_("the text is too long: at most {n} characters").format(n=MAX_CORRECTION))
    key = uuid.uuid4().hex
    rec = {"id": key, "person_id": person_id, "account": account, "text": text, "created": _now(), "status": "open",
           "note": None}
    policy.unwrap(kg.store, keep_pseudonyms=False).put_record(CORRECTION, key, rec)
    return rec


def about_me(kg: KnowledgeGraph, person_id: str) -> dict[str, Any]:
    """What kgraph holds about a staff member (:func:`kgraph.person_report`), their survey answers
    and their requests for corrections, for their own eyes only."""
    from ..survey import waves as W
    from .rights import person_report

    base = policy.unwrap(kg.store, keep_pseudonyms=False)
    report = person_report(kg, person_id)
    answers = []
    for w in W.waves(base):
        got = base.get_record(W.response_kind(w["wave"]), person_id)
        if got is not None:
            answers.append({"wave": w["wave"], "status": w["status"], "submitted": got.get("submitted"),
                            **{q: len(got.get(q) or []) for q in W.QUESTIONS}})
    requests = sorted((r for r in base.records(CORRECTION).values() if r.get("person_id") == person_id),
                      key=lambda r: r["created"], reverse=True)
    return {"report": report, "survey": answers, "corrections": requests}


def intake(kg: KnowledgeGraph) -> dict[str, Any]:
    """The administrator's queue: submissions (``signals``) and correction requests, newest first."""
    base = policy.unwrap(kg.store, keep_pseudonyms=False)
    issues = {i: n for i, n in kg.store.names("Issue").items()}
    signals = [{**r, "issue": issues.get(r.get("issue_id"))} for r in base.records(_intake.KIND).values()]
    corrections = []
    for r in base.records(CORRECTION).values():
        corrections.append({**r, "person": _name(base, r.get("person_id"))})
    return {"signals": sorted(signals, key=lambda r: r["created"], reverse=True),
            "corrections": sorted(corrections, key=lambda r: r["created"], reverse=True)}


def settle(kg: KnowledgeGraph, kind: str, key: str, *, status: str, note: str | None = None) -> dict[str, Any]:
    """Mark a submission (``kind="intake"``: ``dismissed``) or a correction request (``done`` or
    ``rejected``, with a note the staff member reads) as handled."""
    allowed = {_intake.KIND: ("new", "dismissed"), CORRECTION: ("open", "done", "rejected")}
    if kind not in allowed or status not in allowed[kind]:
        raise OptionError(_("cannot mark this {status!r}").format(status=status))
    base = policy.unwrap(kg.store, keep_pseudonyms=False)
    rec = base.get_record(kind, key)
    if rec is None:
        raise NotFound(_("no such item"))
    rec = {**rec, "status": status, "handled": _now()}
    if note is not None:
        rec["note"] = note.strip()[:MAX_CORRECTION] or None
    base.put_record(kind, key, rec)
    if kind == _intake.KIND:
        kg.changed()  # a dismissed submission no longer counts as a signal
    return rec


def _record_kinds(store) -> list[str]:
    from ..survey import waves as W

    return [W.response_kind(w["wave"]) for w in W.waves(store)]


def records_about(store, person_id: str) -> dict[str, Any]:
    """The keyed records about ``person_id`` (right of access): their accounts, survey links
    (not the tokens), survey answers, correction requests and the submissions they signed."""
    from ..survey import waves as W
    from .accounts import KIND as USER

    accounts = [{k: v for k, v in r.items() if k != "password"} for r in store.records(USER).values()
                if r.get("person_id") == person_id]
    links = [{"wave": t["wave"], "issued": t.get("issued")} for t in store.records(W.TOKEN).values()
             if t.get("person_id") == person_id]
    answers = [{"wave": kind[len("survey.response."):], **rec} for kind in _record_kinds(store)
               for pid, rec in store.records(kind).items() if pid == person_id]
    corrections = [r for r in store.records(CORRECTION).values() if r.get("person_id") == person_id]
    signed = [r for r in store.records(_intake.KIND).values() if r.get("person_id") == person_id]
    return {"accounts": accounts, "survey_links": links, "survey_answers": answers, "corrections": corrections,
            "submissions": signed}


def forget_records(store, person_id: str) -> dict[str, int]:
    """Remove every keyed record about ``person_id`` (right to erasure): their accounts, survey
    links and answers, correction requests and signed submissions, and their name in others'
    answers (a colleague's tie to them). Counts per kind of record (``record: account``, ...)."""
    from ..survey import waves as W
    from .accounts import KIND as USER

    removed: dict[str, int] = {}

    def drop(kind: str, key: str, label: str) -> None:
        if store.delete_record(kind, key):
            removed[f"record: {label}"] = removed.get(f"record: {label}", 0) + 1

    for key, r in store.records(USER).items():
        if r.get("person_id") == person_id:
            drop(USER, key, "account")
    for key, t in store.records(W.TOKEN).items():
        if t.get("person_id") == person_id:
            drop(W.TOKEN, key, "survey link")
    for kind in _record_kinds(store):
        for pid, rec in store.records(kind).items():
            if pid == person_id:
                drop(kind, pid, "survey answer")
                continue
            ties = [t for t in rec.get("ties") or [] if t.get("target_id") != person_id]
            if len(ties) != len(rec.get("ties") or []):
                store.put_record(kind, pid, {**rec, "ties": ties})
                label = "record: survey answer naming them"
                removed[label] = removed.get(label, 0) + 1
    for kind, label in ((CORRECTION, "correction request"), (_intake.KIND, "signed submission")):
        for key, r in store.records(kind).items():
            if r.get("person_id") == person_id:
                drop(kind, key, label)
    return removed
