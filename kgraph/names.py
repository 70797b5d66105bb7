"""Resolving what a user types (an id or a name) to one node: one definition for every command.

Names are compared by :func:`name_key`: Unicode-normalised (NFKC), case-folded
(``ß`` = ``ss``; the Turkish dotless ``ı`` and dotted ``İ`` fold to ``i``, so that
``YILMAZ`` is ``Yılmaz``), whitespace collapsed (a non-breaking or double space is one
space). An id matches exactly. Where a command allows it, a part of a name (or of an id)
names the one node that contains it, with accents ignored (:func:`search_key`); when
several do, the message lists them.

>>> name_key("  Hanna  ÇELIK ")
'hanna çelik'
>>> name_key("Zoe\\u0308 Dekker") == name_key("Zoë dekker")
True
>>> name_key("YILMAZ") == name_key("Yılmaz") == name_key("yilmaz")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from .errors import NotFound, OptionError
from .i18n import N_, _

__all__ = ["name_key", "fold", "search_key", "matching", "containing", "resolve", "KIND_WORDS", "kind_word",
           "LIST_KINDS"]

#: how a node kind is named in messages (singular, plural); translated where shown
KIND_WORDS: dict[str, tuple[str, str]] = {
    "Person": (N_("person"), N_("persons")),
    "Team": (N_("team"), N_("teams")),
    "Department": (N_("department"), N_("departments")),
    "KnowledgeItem": (N_("knowledge item"), N_("knowledge items")),
    "ExternalActor": (N_("actor"), N_("actors")),
    "Issue": (N_("issue"), N_("issues")),
    "Signal": (N_("signal"), N_("signals")),
    "Interaction": (N_("interaction"), N_("interactions")),
    "TargetGroup": (N_("target group"), N_("target groups")),
    "Objective": (N_("objective"), N_("objectives")),
    "Measurement": (N_("measurement"), N_("measurements")),
    "Factor": (N_("factor"), N_("factors")),
}

#: the word ``kgraph list`` takes for each kind (``kgraph list persons``)
LIST_KINDS: dict[str, str] = {
    "Person": "persons", "Team": "teams", "Department": "departments", "Issue": "issues",
    "ExternalActor": "actors", "KnowledgeItem": "knowledge",
}

#: candidates listed at most in an ambiguity message
_SHOWN = 10


def kind_word(kind: str, plural: bool = False) -> str:
    """The word for a node kind in the current language (``"team"``, ``"teams"``)."""
    words = KIND_WORDS.get(kind)
    if words is None:
        return kind
    return _(words[1] if plural else words[0])


def fold(text: str) -> str:
    """``text`` normalised (NFKC) and case-folded, the Turkish ``ı`` and ``İ`` as ``i``
    (whitespace kept as it is): :func:`name_key` without collapsing spaces.

    >>> fold("İSTANBUL"), fold("Straße")
    ('istanbul', 'strasse')
    """
    s = unicodedata.normalize("NFKC", text).casefold()
    if "\u0131" in s or "\u0307" in s:
        s = s.replace("\u0131", "i").replace("i\u0307", "i")
    return s


def name_key(text: object) -> str:
    """The form in which names are compared: NFKC, case-folded (see :func:`fold`), single spaces."""
    return " ".join(fold(str(text)).split())


def search_key(text: object) -> str:
    """:func:`name_key` without diacritics: the form in which a part of a name is looked for.

    >>> search_key("Zoë  van der LINDEN")
    'zoe van der linden'
    """
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def matching(ref: str, names: dict[str, str | None]) -> dict[str, str]:
    """The entries of ``{id: name}`` whose name equals ``ref`` under :func:`name_key`.

    >>> matching("ann  smit", {"P1": "Ann Smit", "P2": "Bo", "P3": None})
    {'P1': 'Ann Smit'}
    """
    want = name_key(ref)
    return {i: n for i, n in names.items() if n is not None and name_key(n) == want}


def containing(ref: str, names: dict[str, str | None]) -> dict[str, str]:
    """The entries of ``{id: name}`` whose name or id contains ``ref`` from the start of a word
    (case, accents and spacing do not matter: ``anna`` finds Anna de Vries, not Hanna).

    >>> containing("vries", {"P1": "Anna de Vries", "P2": "Bo Vriesema", "P3": "Cas"})
    {'P1': 'Anna de Vries', 'P2': 'Bo Vriesema'}
    >>> containing("wind", {"I-WIND": "Windpark De Kolk", "I-ZON": None})
    {'I-WIND': 'Windpark De Kolk'}
    >>> containing("anna", {"P1": "Anna de Vries", "P8": "Hanna Çelik"})
    {'P1': 'Anna de Vries'}
    """
    want = search_key(ref)
    if not want:
        return {}
    at_word = re.compile(r"(?:^|[\s\-_/.(])" + re.escape(want))
    return {i: (n if n is not None else i) for i, n in names.items()
            if at_word.search(search_key(i)) or (n is not None and at_word.search(search_key(n)))}


def _listed(hits: list[tuple[str, str, str]]) -> str:
    shown = ", ".join(f"{i} ({n})" for i, _k, n in hits[:_SHOWN])
    if len(hits) > _SHOWN:
        shown += _(" and {n} more").format(n=len(hits) - _SHOWN)
    return shown


def resolve(ref: str, kinds: Iterable[str], *, kind_of: Callable[[str], str | None],
            matches: Callable[[str], dict[str, str]],
            candidates: Callable[[str], dict[str, str | None]] | None = None) -> str:
    """The id of the one node of ``kinds`` that ``ref`` names.

    ``ref`` is, in this order: an id (of a node of one of ``kinds``); a name equal to
    the node's name under :func:`name_key`; or, when ``candidates`` is given, a part of
    one node's name or id (:func:`containing`: case, accents and spacing do not
    matter). ``kind_of(id)`` gives a node's kind (None when there is none);
    ``matches(kind)`` gives ``{id: name}`` of the nodes of a kind named ``ref`` (e.g.
    :func:`matching` over every name, or a store's index); ``candidates(kind)`` gives
    ``{id: name}`` of every node of a kind.

    Raises
    ------
    NotFound
        Nothing of those kinds is called ``ref`` (or contains it).
    OptionError
        ``ref`` names several, or is part of several names; the message lists them
        (exit 2).

    Examples
    --------
    >>> people = {"P1": "Ann Smit", "P2": "Ann  SMIT", "P3": "Bo de Vries", "P4": "Cas Vries"}
    >>> look = dict(kind_of=lambda i: "Person" if i in people else None,
    ...             matches=lambda k: matching(ref, people), candidates=lambda k: people)
    >>> ref = "bo de vries"
    >>> resolve("P3", ["Person"], **look), resolve(ref, ["Person"], **look)
    ('P3', 'P3')
    >>> ref = "cas"
    >>> resolve(ref, ["Person"], **look)
    'P4'
    >>> ref = "ann smit"
    >>> resolve(ref, ["Person"], **look)
    Traceback (most recent call last):
    kgraph.errors.OptionError: 'ann smit' names 2 persons: P1 (Ann Smit), P2 (Ann  SMIT)
    >>> ref = "vries"
    >>> resolve(ref, ["Person"], **look)
    Traceback (most recent call last):
    kgraph.errors.OptionError: 'vries' is part of the names of 2 persons: P3 (Bo de Vries), P4 (Cas Vries)
    """
    kinds = tuple(kinds)
    ref = str(ref)
    if kind_of(ref) in kinds:
        return ref
    what_many = " / ".join(kind_word(k, True) for k in kinds)
    hits = sorted((i, kind, n) for kind in kinds for i, n in matches(kind).items())
    if len(hits) == 1:
        return hits[0][0]
    if hits:
        raise OptionError(
            _("'{ref}' names {n} {what}: {listed}").format(ref=ref, n=len(hits), what=what_many, listed=_listed(hits)),
            hint=_("use the id"))
    if candidates is not None:
        hits = sorted((i, kind, n) for kind in kinds for i, n in containing(ref, candidates(kind)).items())
        if len(hits) == 1:
            return hits[0][0]
        if hits:
            raise OptionError(
                _("'{ref}' is part of the names of {n} {what}: {listed}").format(
                    ref=ref, n=len(hits), what=what_many, listed=_listed(hits)),
                hint=_("use the id, or more of the name"))
    what = _(" or ").join(kind_word(k) for k in kinds)
    lists = " / ".join(f"kgraph list {LIST_KINDS[k]}" for k in kinds if k in LIST_KINDS)
    raise NotFound(_("no {what} '{ref}'").format(what=what, ref=ref),
                   hint=(_("use its id or its name, or a part of it; {command} shows them").format(command=lists)
                         if candidates is not None and lists else
                         _("use its id or its exact name (case and accents do not matter)")))
