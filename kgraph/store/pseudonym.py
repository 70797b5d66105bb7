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

import hashlib
import hmac
import os
import re
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ..i18n import _
from ..errors import PrivacyError
from ..model import Dataset
from .base import ImportReport, Store

__all__ = ["PseudonymStore", "Scrubber", "Refused", "load_key", "pseudonym", "KEY_ENV", "MIN_KEY_LENGTH"]

KEY_ENV = "KGRAPH_PSEUDONYM_KEY"
MIN_KEY_LENGTH = 16


def _key_hint() -> str:
    return _("set {env} to a secret of at least {n} characters, e.g. {command}; keep it outside the outputs: with the "
             "same key the same person gets the same pseudonym").format(
        env=KEY_ENV, n=MIN_KEY_LENGTH, command=f"export {KEY_ENV}=$(python -c 'import secrets; print(secrets.token_hex(32))')")


#: person properties a pseudonymised store passes on (name is replaced; the rest dropped)
_KEEP = ("start_date", "leave_date")
_RARE = ("function", "location")
_WORD = re.compile(r"\w+")


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
    return hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


class Scrubber:
    """Replaces names, e-mails (case-insensitive) and ids (exact, whole tokens) in text.

    ``plain`` maps a name or e-mail to its replacement, ``ids`` an id. Names and
    e-mails match anywhere, also inside a longer word (safest for hiding them);
    with ``whole_words`` only where no letter or digit touches them (so that
    ``ann@x.nl`` is not found in ``joann@x.nl``). A candidate is looked for in texts
    that contain its rarest word as a whole word, so the cost per text does not grow
    with the number of persons; a name glued into a longer word at that word
    (``AnnSmitje``) is not found.

    >>> s = Scrubber({"Ann Smit": "Person 1", "ann@x.nl": "Person 1"}, {"P1": "P-1"})
    >>> s.text("Mail ANN SMIT (ann@x.nl, P1) not P10")
    'Mail Person 1 (Person 1, P-1) not P10'
    >>> s.mentions("nobody here"), s.mentions("see P1")
    (False, True)
    >>> s.mentions("joann@x.nl"), Scrubber({"ann@x.nl": ""}, {}, whole_words=True).mentions("joann@x.nl")
    (True, False)
    """

    def __init__(self, plain: dict[str, str], ids: dict[str, str], *, whole_words: bool = False):
        self._bound = (r"(?<!\w)", r"(?!\w)") if whole_words else ("", "")
        self._plain = {k.lower(): v for k, v in plain.items() if k and k.strip()}
        self._ids = {k: v for k, v in ids.items() if k}
        # each candidate is looked for where its rarest word occurs (not "de", not the mail domain)
        words = {c: set(_WORD.findall(c[0].lower())) for c in [(k, False) for k in self._plain] + [(k, True) for k in self._ids]}
        freq = Counter(w for ws in words.values() for w in ws)
        self._by_word: dict[str, set[tuple[str, bool]]] = {}
        self._always: set[tuple[str, bool]] = set()
        for cand, ws in words.items():
            if ws:
                self._by_word.setdefault(min(ws, key=lambda w: (freq[w], -len(w), w)), set()).add(cand)
            else:
                self._always.add(cand)
        self._patterns: dict[frozenset, re.Pattern] = {}
        self._cache: dict[str, str] = {}

    def _pattern(self, cands: frozenset) -> re.Pattern:
        pat = self._patterns.get(cands)
        if pat is None:
            ordered = sorted(cands, key=lambda c: (-len(c[0]), c[0]))
            before, after = self._bound
            parts = [f"{before}(?i:{re.escape(t)}){after}" if not is_id else rf"(?<![\w-]){re.escape(t)}(?![\w-])"
                     for t, is_id in ordered]
            pat = self._patterns[cands] = re.compile("|".join(parts))
        return pat

    def _replace(self, m: re.Match) -> str:
        hit = m.group(0)
        return self._ids.get(hit) or self._plain.get(hit.lower(), hit)

    def text(self, s: str) -> str:
        """``s`` with every name, e-mail and id replaced."""
        out = self._cache.get(s)
        if out is None:
            cands = frozenset(c for w in set(_WORD.findall(s.lower())) for c in self._by_word.get(w, ()))
            cands |= self._always
            out = self._pattern(cands).sub(self._replace, s) if cands else s
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
        self.inner = inner
        self.backend = inner.backend
        self.location = inner.location
        self._key = key
        self.min_share = min_share

    def __repr__(self) -> str:  # never shows the key
        return f"<PseudonymStore of {self.inner.backend} {self.inner.location}>"

    def __getattr__(self, name: str):
        raise refuse_backend_method(self, name, _("with --pseudonymize"))

    # -- the mapping ------------------------------------------------------
    @cached_property
    def _persons(self) -> dict[str, dict[str, Any]]:
        return self.inner.nodes("Person")

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
        for real, props in self._persons.items():
            label = self._labels[self._to_pseudo[real]]
            for field in ("name", "email"):
                value = props.get(field)
                if isinstance(value, str) and value.strip():
                    plain[value.strip()] = label
        return Scrubber(plain, dict(self._to_pseudo))

    @cached_property
    def _common(self) -> dict[str, set[str]]:
        """Values of function / location shared by at least ``min_share`` persons."""
        out = {}
        for field in _RARE:
            n = Counter(str(p[field]) for p in self._persons.values() if p.get(field) not in (None, ""))
            out[field] = {v for v, c in n.items() if c >= self.min_share}
        return out

    def refresh(self) -> None:
        """Forget the cached mapping (after the persons in ``inner`` changed)."""
        for name in ("_persons", "_to_pseudo", "_to_real", "_labels", "scrubber", "_common"):
            self.__dict__.pop(name, None)

    def public_id(self, node_id: str) -> str:
        """The id callers see: the pseudonym of a real person id, else ``node_id``."""
        return self._to_pseudo.get(node_id, node_id)

    def real_id(self, node_id: str) -> str:
        """The id in ``inner``: the real id of a pseudonym, else ``node_id``."""
        return self._to_real.get(node_id, node_id)

    def _person(self, real_id: str, props: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self._labels[self._to_pseudo[real_id]]}
        for field in _RARE:
            value = props.get(field)
            if value not in (None, "") and str(value) in self._common[field]:
                out[field] = self.scrubber.value(value)
        for field in _KEEP:
            if field in props:
                out[field] = props[field]
        return out

    def _node(self, node_id: str, kind: str, props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if kind == "Person" and node_id in self._to_pseudo:
            return self._to_pseudo[node_id], self._person(node_id, props)
        return node_id, self.scrubber.props(props)

    def _edge(self, s: str, t: str, key: str, props: dict[str, Any]):
        return self.public_id(s), self.public_id(t), self.scrubber.text(key), self.scrubber.props(props)

    # -- writing: refused -------------------------------------------------
    def _refuse(self, what: str):
        raise PrivacyError(_("a pseudonymised store is read-only: {what} refused").format(what=what),
                           hint=_("run the command without --pseudonymize"))

    def replace(self, dataset: Dataset, *, progress=None) -> ImportReport:
        self._refuse(_("import"))

    def forget(self, node_id: str) -> dict[str, int]:
        self._refuse(_("forget"))

    def set_setting(self, key: str, value: Any) -> None:
        self._refuse(_("changing settings"))

    # -- reading ----------------------------------------------------------
    def close(self) -> None:
        self.inner.close()

    def read_dataset(self, *, as_of=None) -> Dataset:
        ds = self.inner.read_dataset(as_of=as_of)
        nodes = {}
        for node_id, (kind, props) in ds.nodes.items():
            public, out = self._node(node_id, kind, props)
            nodes[public] = (kind, out)
        edges = {}
        for (rel, s, t, key), props in ds.edges.items():
            s2, t2, k2, p2 = self._edge(s, t, key, props)
            edges[(rel, s2, t2, k2)] = p2
        return Dataset(nodes=dict(sorted(nodes.items())), edges=dict(sorted(edges.items())))

    def counts(self) -> dict[str, int]:
        return self.inner.counts()

    def node(self, node_id: str) -> tuple[str, dict[str, Any]] | None:
        if node_id in self._to_pseudo:  # a real person id: not a public id
            return None
        real = self.real_id(node_id)
        got = self.inner.node(real)
        if got is None:
            return None
        kind, props = got
        return kind, self._node(real, kind, props)[1]

    def nodes(self, kind: str, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        real_ids = None if ids is None else [self.real_id(i) for i in ids]
        got = self.inner.nodes(kind, real_ids)
        return dict(sorted(self._node(i, kind, p) for i, p in got.items()))

    def edges(self, relation, *, sources=None, targets=None):
        sources = None if sources is None else [self.real_id(i) for i in sources]
        targets = None if targets is None else [self.real_id(i) for i in targets]
        got = self.inner.edges(relation, sources=sources, targets=targets)
        return sorted(self._edge(*e) for e in got)

    def names(self, kind: str) -> dict[str, str | None]:
        if kind != "Person":
            return self.inner.names(kind)
        return dict(sorted(self._labels.items()))

    def find_nodes(self, kind: str, name: str) -> list[str]:
        """Also finds a person by their real id or real name (the result is the pseudonym)."""
        if kind != "Person":
            return self.inner.find_nodes(kind, name)
        from ..names import matching

        want = name.strip()
        hits = set(matching(want, self.names(kind))) | {p for p in self._to_real if p.lower() == want.lower()}
        if want in self._to_pseudo:
            hits.add(self._to_pseudo[want])
        hits.update(self.public_id(i) for i in self.inner.find_nodes(kind, want))
        return sorted(hits)

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.inner.get_setting(key, default)

    # keyed records: read as they are (as settings are; no analysis reads them), writes refused
    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        self._refuse(_("writing records"))

    def delete_record(self, kind: str, key: str) -> bool:
        self._refuse(_("deleting records"))

    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        return self.inner.get_record(kind, key, default)

    def records(self, kind: str) -> dict[str, Any]:
        return self.inner.records(kind)
