"""Survey waves, their personal tokens and the answers given, kept as keyed records.

Record kinds (see :meth:`kgraph.store.Store.put_record`):

- ``survey.wave``, key the wave's date: ``{wave, questions, status, created, closed, ...}``;
- ``survey.token``, key the SHA-256 hex of a token: ``{wave, person_id, issued}``; the
  token itself is shown once (the mail-merge CSV) and never stored;
- ``survey.response.<wave>``, key the respondent's person id: their answers. One
  record per respondent, replaced as a whole: a second submission replaces the first.

>>> len(new_token()) >= 22, token_hash("abc")[:12]
(True, 'ba7816bf8f01')
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import secrets
from typing import Any

from ..dates import parse_as_of
from ..errors import KgraphError, NotFound, OptionError
from ..i18n import _

__all__ = ["QUESTIONS", "TIE_KINDS", "WAVE", "TOKEN", "response_kind", "WaveClosed", "new_token", "token_hash",
           "parse_questions", "wave_key", "get_wave", "waves", "issue_tokens", "tokens_of", "lookup_token",
           "responses", "save_response", "set_status", "now", "CLOSING"]

#: what a wave may ask, in the form's order
QUESTIONS = ("ties", "skills", "needs")
#: the tie kinds of the roster questions (the ``ties`` table's ``kind``), in the form's order
TIE_KINDS = ("advice", "collaboration", "information")
WAVE = "survey.wave"
TOKEN = "survey.token"
#: bits of randomness in a token
TOKEN_BITS = 128


class WaveClosed(KgraphError):
    """The wave of a survey link is closed (the web answers 410 Gone)."""


def response_kind(wave: str) -> str:
    """The record kind holding the answers of ``wave``."""
    return f"survey.response.{wave}"


def now() -> str:
    """The current time, UTC, to the second (ISO 8601)."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def new_token() -> str:
    """A new personal token: 128 random bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(TOKEN_BITS // 8)


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256, hex. (A 128-bit random token cannot be
    guessed, so a fast hash suffices; the store never holds the token itself.)"""
    return hashlib.sha256(str(token).encode("utf-8", "surrogatepass")).hexdigest()


def wave_key(wave: str | _dt.date) -> str:
    """The wave's name: its date, ISO."""
    return parse_as_of(wave).isoformat()


def parse_questions(questions: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """``"ties,skills"`` → ``["ties", "skills"]`` in the form's order; all three by default.

    >>> parse_questions("needs, ties"), parse_questions(None)
    (['ties', 'needs'], ['ties', 'skills', 'needs'])
    """
    if questions is None or questions == "":
        return list(QUESTIONS)
    items = questions.split(",") if isinstance(questions, str) else list(questions)
    asked = {q.strip().lower() for q in items if q.strip()}
    unknown = sorted(asked - set(QUESTIONS))
    if unknown or not asked:
        raise OptionError(_("unknown survey question {q!r}").format(q=", ".join(unknown) or ""),
                          hint=_("choose from ties, skills, needs (comma-separated)"))
    return [q for q in QUESTIONS if q in asked]


def get_wave(store, wave: str | _dt.date) -> dict[str, Any]:
    """The wave record, or :class:`~kgraph.errors.NotFound`."""
    key = wave_key(wave)
    rec = store.get_record(WAVE, key)
    if rec is None:
        raise NotFound(_("no survey wave {wave}").format(wave=key), hint=_("see kgraph survey status"))
    return rec


def waves(store) -> list[dict[str, Any]]:
    """Every wave, oldest first."""
    return list(store.records(WAVE).values())


def tokens_of(store, wave: str) -> dict[str, dict[str, Any]]:
    """``{token hash: {wave, person_id, issued}}`` of one wave."""
    return {h: t for h, t in store.records(TOKEN).items() if t.get("wave") == wave}


def issue_tokens(store, wave_rec: dict[str, Any], persons: list[str], *, reissue: bool = False) -> dict[str, str]:
    """New tokens for ``persons`` in the wave, written with the wave record, all-or-nothing.

    A person who already has a token keeps it unless ``reissue`` (then the old one
    stops working). Returns ``{person_id: token}`` of the tokens issued now.
    """
    wave = wave_rec["wave"]
    existing = tokens_of(store, wave)
    have: dict[str, list[str]] = {}
    for h, t in existing.items():
        have.setdefault(t["person_id"], []).append(h)
    issued: dict[str, str] = {}
    rows: dict[str, Any] = {}
    stamp = now()
    for pid in persons:
        if pid in have and not reissue:
            continue
        tok = new_token()
        issued[pid] = tok
        rows[token_hash(tok)] = {"wave": wave, "person_id": pid, "issued": stamp}
    store.put_records(WAVE, {wave: wave_rec})
    if rows:
        store.put_records(TOKEN, rows)
    for pid in issued:  # the old links of re-issued persons stop working
        for h in have.get(pid, []):
            store.delete_record(TOKEN, h)
    return issued


def lookup_token(store, token: str) -> tuple[dict[str, Any], str]:
    """``(wave record, person id)`` of a token; NotFound for an unknown token, WaveClosed
    for a closed wave. The messages name neither the token nor the person."""
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        raise NotFound(_("unknown survey link"))
    rec = store.get_record(TOKEN, token_hash(token))
    if rec is None:
        raise NotFound(_("unknown survey link"), hint=_("check the link in your invitation, or ask HR for a new one"))
    wave = store.get_record(WAVE, rec["wave"])
    if wave is None:
        raise NotFound(_("unknown survey link"))
    if wave.get("status") != "open":
        raise _closed(wave["wave"])
    return wave, rec["person_id"]


def _closed(wave: str) -> WaveClosed:
    return WaveClosed(_("this survey ({wave}) is closed").format(wave=wave),
                      hint=_("thank you: answers can no longer be given or changed"))


def responses(store, wave: str) -> dict[str, dict[str, Any]]:
    """``{person id: answers}`` of one wave."""
    return store.records(response_kind(wave))


def save_response(store, wave: str, person_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Keep ``answers`` as the person's one response to the wave (replacing an earlier one),
    only while the wave is open: the wave's status is checked in the same write
    (:meth:`~kgraph.store.Store.put_record_if`). A close sets the status before it reads the
    answers, so every answer kept is one the close reads; one that comes later is refused
    (WaveClosed) and not kept, whenever the link was opened."""
    kind = response_kind(wave)
    old = store.get_record(kind, person_id)
    rec = {**answers, "submitted": now(), "revision": int((old or {}).get("revision", 0)) + 1}
    if not store.put_record_if(kind, person_id, rec, when=(WAVE, wave, "status", "open")):
        raise _closed(wave)
    return rec


#: the status of a wave whose answers are being turned into ties: it takes no answers (see
#: :func:`kgraph.app.survey.survey_close`)
CLOSING = "closing"


def set_status(store, wave: str, status: str, **extra: Any) -> dict[str, Any]:
    """Mark a wave ``open``, ``closing`` or ``closed`` (with extra fields, e.g. what closing wrote)."""
    rec = get_wave(store, wave)
    rec = {**rec, "status": status, **extra}
    store.put_record(WAVE, rec["wave"], rec)
    return rec
