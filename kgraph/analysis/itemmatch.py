"""Matching a who-knows query to knowledge items: by id, name and synonym, forgiving
case, accents, punctuation and small typos (:func:`match_items`).

Every query is compared with every item's id, name and synonyms, so this is the part of
``kgraph who-knows`` whose cost grows with the number of items: the names are normalised
in one pass (:func:`normalize_all`), and each distinct term or word is compared with the
query once, and only when its length and letters allow a match within the typos
tolerated (a cheap bound before :func:`damerau_levenshtein`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ..terms import normalize, normalize_all, raw_terms

__all__ = ["MATCH_ORDER", "normalize", "normalize_all", "damerau_levenshtein", "raw_terms", "match_items",
           "TermIndex", "match_indexed"]

#: match quality, best first
MATCH_ORDER = {"exact": 0, "synonym": 1, "partial": 2, "fuzzy": 3, "narrower": 4}


def damerau_levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment).

    Insertions, deletions, substitutions and swaps of two neighbouring characters
    cost 1 each. With ``limit``, returns ``limit + 1`` as soon as the distance is
    known to exceed it.

    >>> damerau_levenshtein("omgevnigswet", "omgevingswet")
    1
    >>> damerau_levenshtein("kitten", "sitting")
    3
    >>> damerau_levenshtein("abc", "xyz123", limit=2)
    3
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _max_typos(term: str) -> int:
    """Typos tolerated in a query term: 1 up to 5 characters, else 2."""
    return 1 if len(term) <= 5 else 2


def close_terms(q: str, candidates: Iterable[str]) -> dict[str, int]:
    """The candidates within the typos tolerated of the normalised query ``q``, with their
    Damerau–Levenshtein distance (the fuzzy step of :func:`match_items`).

    >>> close_terms("omgevnigswet", ["omgevingswet", "wet", "omgeving"])
    {'omgevingswet': 1}
    """
    lq, limit = len(q), _max_typos(q)
    close: dict[str, int] = {}
    letters = set(q)
    for c in candidates:
        if -limit <= len(c) - lq <= limit:
            allowed = min(limit, _max_typos(c))
            # each edit brings in or takes out at most one distinct character: a cheap bound first
            seen = set(c)
            if len(seen - letters) > allowed or len(letters - seen) > allowed:
                continue
            d = damerau_levenshtein(q, c, allowed)
            if d <= allowed:
                close[c] = d
    return close


def match_items(items: dict[str, dict[str, Any]], query: str) -> dict[str, tuple[str, int]]:
    """The items a query names, each with how it matched: ``{id: (match, distance)}``.

    In order, the first step that finds anything wins: (1) the normalised query
    equals an item's id or name (``exact``) or a synonym (``synonym``); (2) it is
    part of a name or synonym, at least 3 characters (``partial``), or within
    Damerau–Levenshtein distance 2 (1 for terms up to 5 characters) of a whole name,
    synonym or one of their words (``fuzzy``).

    >>> items = {"K1": {"name": "Omgevingswet", "synonyms": ["Ow"]},
    ...          "K2": {"name": "Wet maatschappelijke ondersteuning", "synonyms": ["Wmo"]}}
    >>> match_items(items, "OMGEVINGSWET"), match_items(items, "wmo")
    ({'K1': ('exact', 0)}, {'K2': ('synonym', 0)})
    >>> match_items(items, "omgevnigswet"), match_items(items, "maatschapelijke")
    ({'K1': ('fuzzy', 1)}, {'K2': ('fuzzy', 1)})
    >>> match_items(items, "wet")
    {'K1': ('partial', 0), 'K2': ('partial', 0)}
    """
    q = normalize(query)
    if not q:
        return {}
    owners: list[str] = []  # per term: its item, whether it is a synonym, its text
    synonym: list[bool] = []
    raw: list[Any] = []
    for item, props in items.items():
        for syn, text in raw_terms(item, props):
            owners.append(item)
            synonym.append(syn)
            raw.append(text)
    flat = [(i, syn, t) for i, syn, t in zip(owners, synonym, normalize_all(raw)) if t]
    exact = _exact((item, syn) for item, syn, t in flat if t == q)
    if exact:
        return exact
    out: dict[str, tuple[str, int]] = {}
    if len(q) >= 3:
        out = {i: ("partial", 0) for i, _s, t in flat if q in t}
    # fuzzy: each distinct term and word is compared once, and only when its length allows
    texts = {t for _i, _s, t in flat}
    close = close_terms(q, texts | set(" ".join(texts).split()))
    fuzzy: dict[str, int] = {}
    for c, d in sorted(close.items(), key=lambda cd: cd[1]):  # the smallest distance first
        for i, _s, t in flat:
            if c in t and i not in out and i not in fuzzy and (t == c or c in t.split()):
                fuzzy[i] = d
    out.update((i, ("fuzzy", d)) for i, d in fuzzy.items())
    return dict(sorted(out.items()))


def _exact(equal: Iterable[tuple[str, bool]]) -> dict[str, tuple[str, int]]:
    """The items whose name (``exact``) or else a synonym (``synonym``) equals the query,
    from ``(item, is a synonym)`` of the equal terms; sorted by item."""
    exact: dict[str, tuple[str, int]] = {}
    for item, syn in equal:
        if not syn or item not in exact:
            exact[item] = ("synonym", 0) if syn else ("exact", 0)
    return dict(sorted(exact.items()))


class TermIndex(Protocol):
    """The normalised terms (:func:`raw_terms`, :func:`normalize`; empty ones left out) of
    the items on one date, as an index answers them (e.g. the embedded store's
    ``item_terms`` table): what :func:`match_indexed` asks."""

    def equal(self, q: str) -> Iterable[tuple[str, bool]]:
        """``(item, is a synonym)`` of the terms equal to ``q``."""

    def containing(self, q: str) -> Iterable[str]:
        """The items with a term that contains ``q``."""

    def candidates(self, shortest: int, longest: int, q: str, typos: int) -> Iterable[str]:
        """At least every distinct term and every word of a term (split at spaces) of that
        many characters that may be within ``typos`` edits of ``q`` (more are harmless:
        :func:`close_terms` and :meth:`having` decide)."""

    def having(self, words: Iterable[str]) -> Iterable[tuple[str, str]]:
        """``(item, term)`` of the terms that equal one of ``words`` or contain it as a word."""


def match_indexed(index: TermIndex, query: str) -> dict[str, tuple[str, int]]:
    """:func:`match_items` over a :class:`TermIndex` instead of every item: the same rule
    and result, with the comparisons of every term left to the index.

    >>> class Index:
    ...     terms = [("K1", False, "omgevingswet"), ("K1", True, "ow"), ("K2", False, "wet op de wmo")]
    ...     def equal(self, q): return [(i, s) for i, s, t in self.terms if t == q]
    ...     def containing(self, q): return [i for i, s, t in self.terms if q in t]
    ...     def candidates(self, lo, hi, q, typos): return {w for *_x, t in self.terms for w in [t, *t.split()]}
    ...     def having(self, ws): return [(i, t) for i, s, t in self.terms for w in ws if w == t or w in t.split()]
    >>> match_indexed(Index(), "Omgevingswet"), match_indexed(Index(), "wmo"), match_indexed(Index(), "omgevnigswet")
    ({'K1': ('exact', 0)}, {'K2': ('partial', 0)}, {'K1': ('fuzzy', 1)})
    """
    q = normalize(query)
    if not q:
        return {}
    exact = _exact(index.equal(q))
    if exact:
        return exact
    out: dict[str, tuple[str, int]] = {}
    if len(q) >= 3:
        out = {i: ("partial", 0) for i in index.containing(q)}
    limit = _max_typos(q)
    close = close_terms(q, index.candidates(len(q) - limit, len(q) + limit, q, limit))
    fuzzy: dict[str, int] = {}
    if close:
        for i, t in index.having(sorted(close)):
            if i not in out:
                d = min(close[c] for c in {t, *t.split()} if c in close)
                fuzzy[i] = min(d, fuzzy.get(i, d))
    out.update((i, ("fuzzy", d)) for i, d in fuzzy.items())
    return dict(sorted(out.items()))
