"""The text a who-knows query is compared with: an item's id, name and synonyms
(:func:`raw_terms`), normalised (:func:`normalize`, :func:`normalize_all`).

Here, not in :mod:`kgraph.analysis.itemmatch` (which re-exports them), because the
embedded store keeps the normalised terms too (:mod:`kgraph.store.sqlite_terms`) and the
store never imports an analysis.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["normalize", "normalize_all", "raw_terms"]

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_NOT_ALNUM_KEEP_NUL = re.compile(r"[^0-9a-z\x00]+")


def normalize(text: str) -> str:
    """Case-folded text without diacritics, punctuation as spaces, spaces collapsed.

    >>> normalize("  Hanna Çelik-Öztürk ")
    'hanna celik ozturk'
    >>> normalize("Wmo")
    'wmo'
    """
    text = str(text)
    if text.isascii():  # the common case, without the Unicode round trip
        if text.isalnum():  # one word (an id, most synonyms)
            return text.lower()
        return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def normalize_all(texts: Iterable[Any]) -> list[str]:
    """:func:`normalize` of each text, the ASCII ones in one pass over all of them
    (who-knows normalises every item name and synonym for each query).

    >>> normalize_all(["Wmo", " Omgevings-Wet ", "Çelik", "", None])
    ['wmo', 'omgevings wet', 'celik', '', 'none']
    """
    texts = [t if isinstance(t, str) else str(t) for t in texts]
    out: list[str] = [""] * len(texts)
    plain = [n for n, t in enumerate(texts) if t.isascii() and "\x00" not in t]
    if plain:
        joined = _NOT_ALNUM_KEEP_NUL.sub(" ", "\x00".join(texts[n] for n in plain).lower())
        for n, part in zip(plain, joined.split("\x00")):
            out[n] = " ".join(part.split())
    if len(plain) < len(texts):
        done = set(plain)
        for n, t in enumerate(texts):
            if n not in done:
                out[n] = normalize(t)
    return out



def raw_terms(item: str, props: dict[str, Any]) -> list[tuple[bool, Any]]:
    """What a query is matched against for one item, before :func:`normalize`: its id and
    name (``False``), then its synonyms (``True``; a text is split at ``;``).

    >>> raw_terms("K1", {"name": "Omgevingswet", "synonyms": "Ow;DSO"})
    [(False, 'K1'), (False, 'Omgevingswet'), (True, 'Ow'), (True, 'DSO')]
    """
    syns = props.get("synonyms") or []
    if isinstance(syns, str):
        syns = syns.split(";")
    return [(False, item), (False, props.get("name", "")), *((True, s) for s in syns)]
