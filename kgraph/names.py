"""Resolving what a user types (an id or a name) to one node: one definition for every command.

Names are compared by :func:`name_key`: Unicode-normalised (NFKC), case-folded
(``ß`` = ``ss``; the Turkish dotless ``ı`` and dotted ``İ`` fold to ``i``, so that
``YILMAZ`` is ``Yılmaz``), whitespace collapsed (a non-breaking or double space is one
space). An id matches exactly.

>>> name_key("  Hanna  ÇELIK ")
'hanna çelik'
>>> name_key("Zoe\\u0308 Dekker") == name_key("Zoë dekker")
True
>>> name_key("YILMAZ") == name_key("Yılmaz") == name_key("yilmaz")
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from .errors import NotFound, OptionError
from .i18n import _

__all__ = ["name_key", "fold", "matching", "resolve", "KIND_WORDS", "kind_word"]

#: how a node kind is named in messages (singular, plural); translated where shown
KIND_WORDS: dict[str, tuple[str, str]] = {
    "Person": ("person", "persons"),
    "Team": ("team", "teams"),
    "Department": ("department", "departments"),
    "KnowledgeItem": ("knowledge item", "knowledge items"),
    "ExternalActor": ("actor", "actors"),
    "Issue": ("issue", "issues"),
    "Signal": ("signal", "signals"),
    "Interaction": ("interaction", "interactions"),
    "TargetGroup": ("target group", "target groups"),
    "Objective": ("objective", "objectives"),
    "Measurement": ("measurement", "measurements"),
    "Factor": ("factor", "factors"),
}


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


def matching(ref: str, names: dict[str, str | None]) -> dict[str, str]:
    """The entries of ``{id: name}`` whose name equals ``ref`` under :func:`name_key`.

    >>> matching("ann  smit", {"P1": "Ann Smit", "P2": "Bo", "P3": None})
    {'P1': 'Ann Smit'}
    """
    want = name_key(ref)
    return {i: n for i, n in names.items() if n is not None and name_key(n) == want}


def resolve(ref: str, kinds: Iterable[str], *, kind_of: Callable[[str], str | None],
            matches: Callable[[str], dict[str, str]]) -> str:
    """The id of the one node of ``kinds`` that ``ref`` names.

    ``ref`` is an id (of a node of one of ``kinds``) or a name equal to the node's
    name under :func:`name_key`. ``kind_of(id)`` gives a node's kind (None when
    there is none); ``matches(kind)`` gives ``{id: name}`` of the nodes of a kind
    named ``ref`` (e.g. :func:`matching` over every name, or a store's index).

    Raises
    ------
    NotFound
        Nothing of those kinds is called ``ref``.
    OptionError
        ``ref`` names several; the message lists them (exit 2).

    Examples
    --------
    >>> people = {"P1": "Ann Smit", "P2": "Ann  SMIT", "P3": "Bo"}
    >>> look = dict(kind_of=lambda i: "Person" if i in people else None, matches=lambda k: matching(ref, people))
    >>> ref = "bo"
    >>> resolve("P3", ["Person"], **look), resolve(ref, ["Person"], **look)
    ('P3', 'P3')
    >>> ref = "ann smit"
    >>> resolve(ref, ["Person"], **look)
    Traceback (most recent call last):
    kgraph.errors.OptionError: 'ann smit' names 2 persons: P1 (Ann Smit), P2 (Ann  SMIT)
    """
    kinds = tuple(kinds)
    ref = str(ref)
    if kind_of(ref) in kinds:
        return ref
    hits = sorted((i, kind, n) for kind in kinds for i, n in matches(kind).items())
    if len(hits) == 1:
        return hits[0][0]
    what = _(" or ").join(kind_word(k) for k in kinds)
    if hits:
        listed = ", ".join(f"{i} ({n})" for i, _k, n in hits[:10]) + (" …" if len(hits) > 10 else "")
        raise OptionError(
            _("'{ref}' names {n} {what}: {listed}").format(
                ref=ref, n=len(hits), what=" / ".join(kind_word(k, True) for k in kinds), listed=listed),
            hint=_("use the id"))
    raise NotFound(_("no {what} '{ref}'").format(what=what, ref=ref),
                   hint=_("use its id or its exact name (case and accents do not matter)"))
