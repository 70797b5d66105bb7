"""Pseudonymisation at the store level: a read-only view of a store without real persons.

:class:`PseudonymStore` wraps any :class:`~kgraph.store.Store` and rewrites what it
returns: every person id becomes ``P-`` plus the first 10 hex characters of
HMAC-SHA256(key, id), the name becomes ``Person <same 10 characters>``, the e-mail
is dropped, and ``function`` / ``location`` are kept only when at least
``min_share`` persons share the value (a unique function, such as the town
clerk's, names a person as surely as a name does). Edge endpoints follow, and any
real name, e-mail or id inside a text property of any node or edge is replaced by
the pseudonym. Analyses, views and exports read through the store, so whatever
they produce is pseudonymised without knowing it.

The key comes from ``KGRAPH_PSEUDONYM_KEY`` (:func:`load_key`) and is never
stored or printed: the same key gives the same pseudonyms in every output, a
different key gives unlinkable ones.

>>> from kgraph.model import Dataset
>>> from kgraph.store.sqlite import EmbeddedStore
>>> import tempfile, os
>>> inner = EmbeddedStore(os.path.join(tempfile.mkdtemp(), "kg.db"))
>>> ds = Dataset(nodes={"P1": ("Person", {"name": "Ann Smit", "email": "ann@x.nl"})})
>>> _report = inner.replace(ds)
>>> ps = PseudonymStore(inner, b"0123456789abcdef-example")
>>> ps.nodes("Person")
{'P-bdac663323': {'name': 'Person bdac663323'}}
>>> ps.find_nodes("Person", "Ann Smit")
['P-bdac663323']
>>> ps.close()
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ..i18n import _
from ..errors import PrivacyError
from ..model import Dataset
from ..names import fold, name_key
from .base import ImportReport, Store

__all__ = ["PseudonymStore", "Scrubber", "canonical", "Refused", "load_key", "pseudonym", "KEY_ENV", "MIN_KEY_LENGTH"]

KEY_ENV = "KGRAPH_PSEUDONYM_KEY"
MIN_KEY_LENGTH = 16


def _key_hint() -> str:
    return _("set {env} to a secret of at least {n} characters, e.g. {command}; keep it outside the outputs: with the "
             "same key the same person gets the same pseudonym").format(
        env=KEY_ENV, n=MIN_KEY_LENGTH, command=f"export {KEY_ENV}=$(python -c 'import secrets; print(secrets.token_hex(32))')")


#: person properties a pseudonymised store passes on (name is replaced; the rest dropped)
_KEEP = ("start_date", "leave_date")
_RARE = ("function", "location")
_WORD = re.compile(r"[^\W_]+")  # letters and digits: "-" and "_" separate words (and ids)
_WS_RUN = re.compile(r"\s\s|[^\S ]")


class Refused(PrivacyError, AttributeError):
    """A backend-specific method asked of a privacy wrapper (raw Cypher, say): refused.

    Also an :class:`AttributeError`, so ``hasattr`` and ``getattr(store, name, default)``
    see the method as absent.
    """


def refuse_backend_method(wrapper: Store, name: str, why: str) -> Refused:
    """The error for ``wrapper.<name>``: only the :class:`Store` interface passes a privacy wrapper."""
    if name.startswith("_"):
        return AttributeError(name)
    backend = wrapper.__dict__.get("backend", "")
    return Refused(_("{name} of the {backend} store is not available {why}").format(name=name, backend=backend, why=why),
                   hint=_("only the common store interface passes kgraph's privacy settings"))


def load_key(environ: dict[str, str] | None = None) -> bytes:
    """The pseudonym key from ``KGRAPH_PSEUDONYM_KEY``; :class:`PrivacyError` when missing or short.

    The message never contains the key.

    >>> load_key({"KGRAPH_PSEUDONYM_KEY": "x" * 16})
    b'xxxxxxxxxxxxxxxx'
    >>> load_key({})
    Traceback (most recent call last):
    kgraph.errors.PrivacyError: --pseudonymize needs a key in KGRAPH_PSEUDONYM_KEY, and it is not set
    """
    env = os.environ if environ is None else environ
    raw = env.get(KEY_ENV, "")
    if not raw:
        raise PrivacyError(_("--pseudonymize needs a key in {env}, and it is not set").format(env=KEY_ENV), hint=_key_hint())
    key = raw.encode("utf-8")
    if len(key) < MIN_KEY_LENGTH:
        raise PrivacyError(_("{env} is too short: use at least {n} characters").format(env=KEY_ENV, n=MIN_KEY_LENGTH),
                           hint=_key_hint())
    return key


def pseudonym(key: bytes, person_id: str, length: int = 10) -> str:
    """The hex code of a person id under ``key`` (first ``length`` characters of HMAC-SHA256).

    >>> pseudonym(b"0123456789abcdef-example", "P1")
    'bdac663323'
    """
    import hashlib  # here: most commands never pseudonymise (an import of 5 ms at start-up)
    import hmac

    return hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def canonical(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """``text`` as names are compared (:func:`kgraph.names.fold`, every run of whitespace one
    space), with the start and end in ``text`` of each of its characters (None: the same
    positions).

    >>> canonical("Zoe\u0308\u00a0 DEKKER")
    ('zoë dekker', [0, 1, 2, 4, 6, 7, 8, 9, 10, 11], [1, 2, 4, 6, 7, 8, 9, 10, 11, 12])
    """
    if text.isascii() and not _WS_RUN.search(text):
        return text.lower(), None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        if chunk.isspace():
            if out and out[-1] == " " and ends[-1] == i:
                ends[-1] = j
            else:
                out.append(" ")
                starts.append(i)
                ends.append(j)
        else:
            f = fold(chunk)
            out.extend(f)
            starts.extend([i] * len(f))
            ends.extend([j] * len(f))
        i = j
    return "".join(out), starts, ends


class Scrubber:
    """Replaces names, e-mails and ids in text, whatever their spelling.

    ``plain`` maps a name or e-mail to its replacement, ``ids`` an id. Names and e-mails
    are found as kgraph compares names (:func:`kgraph.names.name_key`: Unicode-normalised,
    case-folded, Turkish ``ı``/``İ`` as ``i``, any run of whitespace such as a
    no-break or double space as one space); they match anywhere, also inside a longer
    word (safest for hiding them); with ``whole_words`` only where no letter or digit
    touches them (so that ``ann@x.nl`` is not found in ``joann@x.nl``). Ids match exactly,
    as whole tokens whose boundaries include ``-`` and ``_`` (``P1`` in ``P1-P5`` and
    ``P1_notes``, not in ``P10``). A candidate is looked for in texts that contain its
    rarest word as a whole word, so the cost per text does not grow with the number of
    persons; a name glued into a longer word at that word (``AnnSmitje``) is not found.

    >>> s = Scrubber({"Ann Smit": "Person 1", "ann@x.nl": "Person 1"}, {"P1": "P-1"})
    >>> s.text("Mail ANN\u00a0 SMIT (ann@x.nl, P1) not P10, but P1-P5")
    'Mail Person 1 (Person 1, P-1) not P10, but P-1-P5'
    >>> s.mentions("nobody here"), s.mentions("see P1_notes"), s.mentions("Ann\tSmit")
    (False, True, True)
    >>> s.mentions("joann@x.nl"), Scrubber({"ann@x.nl": ""}, {}, whole_words=True).mentions("joann@x.nl")
    (True, False)
    >>> Scrubber({"Zoë Yılmaz": "X"}, {}).text("ZOE\u0308 YILMAZ")
    'X'
    """

    def __init__(self, plain: dict[str, str], ids: dict[str, str], *, whole_words: bool = False):
        self._bound = (r"(?<!\w)", r"(?!\w)") if whole_words else ("", "")
        self._plain = {name_key(k): v for k, v in plain.items() if k and k.strip()}
        self._ids = {k: v for k, v in ids.items() if k}
        self._names = self._index(self._plain)
        self._idx_real = {k.lower(): k for k in self._ids}
        self._idx = self._index(self._idx_real)
        self._patterns: dict[tuple[bool, frozenset], re.Pattern] = {}
        self._cache: dict[str, str] = {}

    @staticmethod
    def _index(keys) -> tuple[dict[str, set[str]], set[str]]:
        """Each candidate under its rarest word (not "de", not the mail domain)."""
        words = {c: set(_WORD.findall(c)) for c in keys}
        freq = Counter(w for ws in words.values() for w in ws)
        by_word: dict[str, set[str]] = {}
        always: set[str] = set()
        for cand, ws in words.items():
            if ws:
                by_word.setdefault(min(ws, key=lambda w: (freq[w], -len(w), w)), set()).add(cand)
            else:
                always.add(cand)
        return by_word, always

    def _pattern(self, is_id: bool, cands: frozenset) -> re.Pattern:
        pat = self._patterns.get((is_id, cands))
        if pat is None:
            ordered = sorted(cands, key=lambda c: (-len(c), c))
            if is_id:
                parts = [rf"(?<![^\W_]){re.escape(self._idx_real[c])}(?![^\W_])" for c in ordered]
            else:
                before, after = self._bound
                parts = [f"{before}{re.escape(c)}{after}" for c in ordered]
            pat = self._patterns[(is_id, cands)] = re.compile("|".join(parts))
        return pat

    @staticmethod
    def _candidates(index, words: set[str]) -> frozenset:
        by_word, always = index
        return frozenset(c for w in words for c in by_word.get(w, ())) | always

    def _names_in(self, s: str) -> str:
        canon, starts, ends = canonical(s)
        cands = self._candidates(self._names, set(_WORD.findall(canon)))
        if not cands:
            return s
        spans = [(m.start(), m.end(), self._plain[m.group(0)]) for m in self._pattern(False, cands).finditer(canon)]
        if not spans:
            return s
        out, last = [], 0
        for a, b, label in spans:
            a, b = (a, b) if starts is None else (starts[a], ends[b - 1])
            out += [s[last:a], label]
            last = b
        out.append(s[last:])
        return "".join(out)

    def _ids_in(self, s: str) -> str:
        cands = self._candidates(self._idx, set(_WORD.findall(s.lower())))
        if not cands:
            return s
        return self._pattern(True, cands).sub(lambda m: self._ids.get(m.group(0), m.group(0)), s)

    def text(self, s: str) -> str:
        """``s`` with every name, e-mail and id replaced."""
        out = self._cache.get(s)
        if out is None:
            out = self._ids_in(self._names_in(s))
            if len(self._cache) < 100_000:
                self._cache[s] = out
        return out

    def mentions(self, s: str) -> bool:
        """Whether ``s`` names anyone the scrubber knows."""
        return self.text(s) != s

    def value(self, v: Any) -> Any:
        """A property value scrubbed: text, and text inside lists and maps."""
        if isinstance(v, str):
            return self.text(v)
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if isinstance(v, dict):
            return {k: self.value(x) for k, x in v.items()}
        return v

    def props(self, props: dict[str, Any]) -> dict[str, Any]:
        return {k: self.value(v) for k, v in props.items()}


class PseudonymStore(Store):
    """A read-only store showing ``inner`` with every person pseudonymised.

    Lookups (``node``, ``nodes(ids=)``, ``edges(sources=, targets=)``) accept
    pseudonyms and real ids; ``find_nodes("Person", ...)`` also accepts a real
    name. Real ids given to :meth:`node` are not found, so that callers fall back
    to ``find_nodes`` and carry on with the pseudonym. Writes raise
    :class:`~kgraph.errors.PrivacyError`.

    Parameters
    ----------
    inner : Store
        The store holding real data.
    key : bytes
        The HMAC key (see :func:`load_key`).
    min_share : int
        ``function`` and ``location`` are kept only when at least this many
        persons share the value.
    """

    def __init__(self, inner: Store, key: bytes, *, min_share: int = 5):
        if len(key) < MIN_KEY_LENGTH:
            raise PrivacyError(_("the pseudonym key is too short: use at least {n} bytes").format(n=MIN_KEY_LENGTH),
                               hint=_key_hint())
        self.inner, self.backend, self.location = inner, inner.backend, inner.location
        self._key, self.min_share = key, min_share

    def __repr__(self) -> str:  # never shows the key
        return f"<PseudonymStore of {self.inner.backend} {self.inner.location}>"

    def __getattr__(self, name: str):
        raise refuse_backend_method(self, name, _("with --pseudonymize"))

    # -- the mapping ------------------------------------------------------
    @cached_property
    def _persons(self) -> dict[str, list[dict[str, Any]]]:
        """Every version of every person ever stored: their names and e-mails then are
        personal data too, and any date may be read."""
        return {i: [v["props"] for v in vs] for i, vs in self.inner.node_history("Person").items()}

    @cached_property
    def _to_pseudo(self) -> dict[str, str]:
        ids = sorted(self._persons)
        for length in (10, 16, 64):
            codes = {i: pseudonym(self._key, i, length) for i in ids}
            if len(set(codes.values())) == len(codes):
                return {i: f"P-{c}" for i, c in codes.items()}
        raise PrivacyError(_("pseudonyms collide; use another key"))  # pragma: no cover - 2**-256

    @cached_property
    def _to_real(self) -> dict[str, str]:
        return {p: i for i, p in self._to_pseudo.items()}

    @cached_property
    def _labels(self) -> dict[str, str]:
        """pseudonym id -> readable name."""
        return {p: f"Person {p[2:]}" for p in self._to_real}

    @cached_property
    def scrubber(self) -> Scrubber:
        plain: dict[str, str] = {}
        for real, versions in self._persons.items():
            label = self._labels[self._to_pseudo[real]]
            for props in versions:
                for field in ("name", "email"):
                    value = props.get(field)
                    if isinstance(value, str) and value.strip():
                        plain[value.strip()] = label
        return Scrubber(plain, dict(self._to_pseudo))

    def _common(self, as_of) -> dict[str, set[str]]:
        """Values of function / location shared by at least ``min_share`` persons on ``as_of``."""
        from ..dates import parse_as_of

        day = parse_as_of(as_of)
        cache = self.__dict__.setdefault("_common_by_day", {})
        out = cache.get(day)
        if out is None:
            persons = self.inner.nodes("Person", as_of=day)
            out = {}
            for field in _RARE:
                n = Counter(str(p[field]) for p in persons.values() if p.get(field) not in (None, ""))
                out[field] = {v for v, c in n.items() if c >= self.min_share}
            cache[day] = out
        return out

    def refresh(self) -> None:
        """Forget the cached mapping (after the persons in ``inner`` changed)."""
        for name in ("_persons", "_to_pseudo", "_to_real", "_labels", "scrubber", "_common_by_day"):
            self.__dict__.pop(name, None)

    def public_id(self, node_id: str) -> str:
        """The id callers see: the pseudonym of a real person id, else ``node_id``."""
        return self._to_pseudo.get(node_id, node_id)

    def real_id(self, node_id: str) -> str:
        """The id in ``inner``: the real id of a pseudonym, else ``node_id``."""
        return self._to_real.get(node_id, node_id)

    def _person(self, real_id: str, props: dict[str, Any], as_of) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self._labels[self._to_pseudo[real_id]]}
        common = self._common(as_of)
        for field in _RARE:
            value = props.get(field)
            if value not in (None, "") and str(value) in common[field]:
                out[field] = self.scrubber.value(value)
        for field in _KEEP:
            if field in props:
                out[field] = props[field]
        return out

    def _node(self, node_id: str, kind: str, props: dict[str, Any], as_of) -> tuple[str, dict[str, Any]]:
        if kind == "Person" and node_id in self._to_pseudo:
            return self._to_pseudo[node_id], self._person(node_id, props, as_of)
        return node_id, self.scrubber.props(props)

    def _edge(self, s: str, t: str, key: str, props: dict[str, Any]):
        return self.public_id(s), self.public_id(t), self.scrubber.text(key), self.scrubber.props(props)

    # -- writing: refused -------------------------------------------------
    def _refuse(self, what: str):
        raise PrivacyError(_("a pseudonymised store is read-only: {what} refused").format(what=what),
                           hint=_("run the command without --pseudonymize"))

    def replace(self, dataset: Dataset, *, as_of=None, source: str = "import", progress=None,
                input_key=None) -> ImportReport:
        self._refuse(_("import"))

    def amend(self, rows: Dataset, *, as_of=None, source: str = "import") -> ImportReport:
        self._refuse(_("writing"))

    def forget(self, node_id: str, *, mentions=None, whole=("Signal",)) -> dict[str, int]:
        self._refuse(_("forget"))

    def set_setting(self, key: str, value: Any) -> None:
        self._refuse(_("changing settings"))

    # -- reading ----------------------------------------------------------
    def close(self) -> None:
        self.inner.close()

    def read_dataset(self, *, as_of=None, source=None) -> Dataset:
        ds = self.inner.read_dataset(as_of=as_of, source=source)
        nodes = {}
        for node_id, (kind, props) in ds.nodes.items():
            public, out = self._node(node_id, kind, props, as_of)
            nodes[public] = (kind, out)
        edges = {}
        for (rel, s, t, key), props in ds.edges.items():
            s2, t2, k2, p2 = self._edge(s, t, key, props)
            edges[(rel, s2, t2, k2)] = p2
        return Dataset(nodes=dict(sorted(nodes.items())), edges=dict(sorted(edges.items())))

    def counts(self, *, as_of=None) -> dict[str, int]:
        return self.inner.counts(as_of=as_of)

    def node_kinds(self, *, as_of=None) -> dict[str, str]:
        got = self.inner.node_kinds(as_of=as_of)
        return dict(sorted((self._to_pseudo[i] if k == "Person" and i in self._to_pseudo else i, k) for i, k in got.items()))

    def relations(self, *, as_of=None) -> list[str]:
        return self.inner.relations(as_of=as_of)

    def history(self) -> list[dict[str, Any]]:
        return self.inner.history()

    def node_history(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        real_ids = None if ids is None else [self.real_id(i) for i in ids]
        out = {}
        for i, versions in self.inner.node_history(kind, real_ids).items():
            shown = [{**v, "props": self._node(i, kind, v["props"], v["valid_from"])[1]} for v in versions]
            out[self.public_id(i) if kind == "Person" else i] = shown
        return dict(sorted(out.items()))

    def node(self, node_id: str, *, as_of=None) -> tuple[str, dict[str, Any]] | None:
        if node_id in self._to_pseudo:  # a real person id: not a public id
            return None
        real = self.real_id(node_id)
        got = self.inner.node(real, as_of=as_of)
        if got is None:
            return None
        kind, props = got
        return kind, self._node(real, kind, props, as_of)[1]

    def nodes(self, kind: str, ids: Iterable[str] | None = None, *, as_of=None) -> dict[str, dict[str, Any]]:
        real_ids = None if ids is None else [self.real_id(i) for i in ids]
        got = self.inner.nodes(kind, real_ids, as_of=as_of)
        return dict(sorted(self._node(i, kind, p, as_of) for i, p in got.items()))

    def edges(self, relation, *, sources=None, targets=None, as_of=None):
        sources = None if sources is None else [self.real_id(i) for i in sources]
        targets = None if targets is None else [self.real_id(i) for i in targets]
        got = self.inner.edges(relation, sources=sources, targets=targets, as_of=as_of)
        return sorted(self._edge(*e) for e in got)

    def names(self, kind: str, *, as_of=None) -> dict[str, str | None]:
        if kind != "Person":
            return self.inner.names(kind, as_of=as_of)
        present = self.inner.names(kind, as_of=as_of)
        return dict(sorted((self._to_pseudo[i], self._labels[self._to_pseudo[i]]) for i in present
                           if i in self._to_pseudo))

    def find_nodes(self, kind: str, name: str, *, as_of=None) -> list[str]:
        """Also finds a person by their real id or real name (the result is the pseudonym)."""
        if kind != "Person":
            return self.inner.find_nodes(kind, name, as_of=as_of)
        from ..names import matching

        want = name.strip()
        shown = self.names(kind, as_of=as_of)
        hits = set(matching(want, shown)) | {p for p in shown if p.lower() == want.lower()}
        if want in self._to_pseudo and self._to_pseudo[want] in shown:
            hits.add(self._to_pseudo[want])
        hits.update(self.public_id(i) for i in self.inner.find_nodes(kind, want, as_of=as_of))
        return sorted(hits)

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.inner.get_setting(key, default)

    # keyed records: read as they are (as settings are; no analysis reads them), writes refused
    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        self._refuse(_("writing records"))

    def put_record_if(self, kind: str, key: str, value: Any, *, when: tuple[str, str, str, Any]) -> bool:
        self._refuse(_("writing records"))

    def delete_record(self, kind: str, key: str) -> bool:
        self._refuse(_("deleting records"))

    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        return self.inner.get_record(kind, key, default)

    def records(self, kind: str) -> dict[str, Any]:
        return self.inner.records(kind)
