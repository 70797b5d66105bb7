"""Accounts of the intranet (``kgraph serve``): names, roles, passwords, a person each.

An account is a keyed record of the store (kind ``user``, see
:meth:`kgraph.store.Store.put_record`): its name, its role, the person it belongs to
(a staff member sees who-knows paths from themselves and what kgraph holds about
them), the argon2id hash of its password, and a generation number that ends every
session of the account when it changes (a new password, a new role, removal).

Roles nest: ``staff`` searches who knows what and sees their own data; ``analyst``
also sees the analyses and views (with the store's privacy settings applied);
``admin`` also imports, sets the privacy settings, manages accounts and runs survey
waves. Passwords are hashed with argon2id (argon2-cffi, the winner of the Password
Hashing Competition; RFC 9106) and never stored, logged or taken from a flag.

>>> import kgraph, tempfile, os
>>> kg = kgraph.open(os.path.join(tempfile.mkdtemp(), "kg.db"))
>>> user_add(kg, "anna", role="analyst", password="correct horse battery")["role"]
'analyst'
>>> authenticate(kg, "Anna", "correct horse battery").role, authenticate(kg, "anna", "wrong") is None
('analyst', True)
>>> user_list(kg)["name"].tolist()
['anna']
"""

from __future__ import annotations

import datetime as _dt
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, OptionError
from ..i18n import _
from ..store import policy

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .handle import KnowledgeGraph

__all__ = ["ROLES", "User", "user_add", "user_list", "user_remove", "get_user", "authenticate", "check_password",
           "role_allows", "demo_accounts", "demo_passwords", "KIND", "MIN_PASSWORD_LENGTH"]

#: the roles, each allowed what the ones before it are
ROLES = ("staff", "analyst", "admin")
#: the record kind of accounts
KIND = "user"
MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class User:
    """An account as the web layer sees it (never its password hash)."""

    name: str
    role: str
    person_id: str | None = None
    generation: int = 0

    def allows(self, role: str) -> bool:
        """Whether this account may do what ``role`` may."""
        return role_allows(self.role, role)


def role_allows(have: str, need: str) -> bool:
    """Whether role ``have`` includes role ``need`` (roles nest: staff < analyst < admin).

    >>> role_allows("admin", "staff"), role_allows("staff", "analyst")
    (True, False)
    """
    return ROLES.index(have) >= ROLES.index(need)


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current (RFC 9106 low-memory) parameters


def _base(kg: KnowledgeGraph):
    """The store below the privacy wrappers: accounts are not person data of the organisation."""
    return policy.unwrap(kg.store, keep_pseudonyms=False)


def _key(name: str) -> str:
    name = str(name).strip()
    if not _NAME.match(name):
        raise OptionError(_("{name!r} is not a usable account name").format(name=name),
                          hint=_("use 1 to 64 letters, digits and . _ @ -, starting with a letter or digit"))
    return name.lower()


def check_password(password: str, name: str = "") -> None:
    """Refuse a password that is too short or equals the account name (OptionError)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise OptionError(_("the password is too short: use at least {n} characters").format(n=MIN_PASSWORD_LENGTH),
                          hint=_("a sentence of a few words is easy to remember and hard to guess"))
    if name and password.strip().lower() == name.strip().lower():
        raise OptionError(_("the password may not be the account name"))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _user(rec: dict[str, Any]) -> User:
    return User(rec["name"], rec["role"], rec.get("person_id"), int(rec.get("generation", 0)))


def user_add(kg: KnowledgeGraph, name: str, *, role: str, password: str | None = None, person: str | None = None,
             update: bool = False, as_of=None) -> dict[str, Any]:
    """Create an account (or, with ``update=True``, change an existing one).

    Parameters
    ----------
    kg : KnowledgeGraph
        The store the intranet serves.
    name : str
        The login name (compared without regard to case).
    role : {"staff", "analyst", "admin"}
        What the account may do (see the module docstring).
    password : str, optional
        At least :data:`MIN_PASSWORD_LENGTH` characters. Without one the account can
        only log in through a trusted single-sign-on header (``kgraph serve
        --trust-header``); on an update, None keeps the password.
    person : str, optional
        Id or name of the person the account belongs to. Required for ``staff``.
    update : bool
        Change an existing account; every session it has ends.
    as_of : str or datetime.date, optional
        The date on which ``person`` is looked up (default today).

    Returns
    -------
    dict
        ``name, role, person_id, person, password`` (``set`` or ``not set``), ``created``.
    """
    return _add(kg, name, role=role, password=password, person=person, update=update, as_of=as_of)


def _add(kg: KnowledgeGraph, name: str, *, role: str, password: str | None, person: str | None, update: bool, as_of,
         hashed: str | None = None) -> dict[str, Any]:
    """:func:`user_add`; ``hashed`` is the argon2 hash of ``password`` when it was made already."""
    if role not in ROLES:
        raise OptionError(_("unknown role {role!r}").format(role=role), hint=_("use staff, analyst or admin"))
    key = _key(name)
    store = _base(kg)
    old = store.get_record(KIND, key)
    if old is not None and not update:
        raise OptionError(_("an account named {name!r} exists").format(name=old["name"]),
                          hint=_("change it with --update, or remove it first: kgraph user remove NAME"))
    if old is None and update:
        raise NotFound(_("no account named {name!r}").format(name=name))
    person_id = store.resolve(person, "Person", as_of=as_of) if person else (old or {}).get("person_id")
    if role == "staff" and not person_id:
        raise OptionError(_("a staff account belongs to a person"), hint=_("give --person ID (their id or name)"))
    rec = dict(old or {"created": _now(), "generation": 0})
    rec.update(name=name.strip(), role=role, person_id=person_id)
    if password is not None:
        check_password(password, name)
        rec["password"] = hashed if hashed is not None else _hasher().hash(password)
    elif old is None:
        rec["password"] = None
    if old is not None:
        rec["generation"] = int(old.get("generation", 0)) + 1  # every session of the account ends
        rec["updated"] = _now()
    store.put_record(KIND, key, rec)
    return _public(store, rec)


def _public(store, rec: dict[str, Any]) -> dict[str, Any]:
    pid = rec.get("person_id")
    person = None
    if pid:
        node = store.node(pid)
        person = node[1].get("name") if node else None
    return {"name": rec["name"], "role": rec["role"], "person_id": pid, "person": person,
            "password": "set" if rec.get("password") else "not set", "created": rec.get("created")}


def user_list(kg: KnowledgeGraph) -> pd.DataFrame:
    """Every account: ``name, role, person_id, person, password`` (set / not set), ``created``."""
    import pandas as pd

    store = _base(kg)
    rows = [_public(store, rec) for rec in store.records(KIND).values()]
    return pd.DataFrame(rows, columns=["name", "role", "person_id", "person", "password", "created"])


def user_remove(kg: KnowledgeGraph, name: str) -> dict[str, Any]:
    """Remove an account (its sessions end at once); returns what it was."""
    store = _base(kg)
    key = _key(name)
    rec = store.get_record(KIND, key)
    if rec is None:
        raise NotFound(_("no account named {name!r}").format(name=name), hint=_("see kgraph user list"))
    store.delete_record(KIND, key)
    return _public(store, rec)


def get_user(kg: KnowledgeGraph, name: str) -> User | None:
    """The account named ``name`` (any case), or None."""
    try:
        key = _key(name)
    except OptionError:
        return None
    rec = _base(kg).get_record(KIND, key)
    return None if rec is None else _user(rec)


# a hash to verify against when the account does not exist, so that a wrong name
# takes as long as a wrong password (no way to tell which accounts exist)
_DUMMY: list[str] = []


def authenticate(kg: KnowledgeGraph, name: str, password: str) -> User | None:
    """The account when ``password`` is its password, else None (in about the same time)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    ph = _hasher()
    try:
        key = _key(name)
    except OptionError:
        key = None
    store = _base(kg)
    rec = store.get_record(KIND, key) if key else None
    stored = rec.get("password") if rec else None
    if not stored:
        if not _DUMMY:
            _DUMMY.append(ph.hash(secrets.token_hex(16)))
        try:
            ph.verify(_DUMMY[0], password)
        except (VerificationError, InvalidHashError):
            pass
        return None
    try:
        ph.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if ph.check_needs_rehash(stored):  # the library's parameters grew: store a stronger hash
        rec["password"] = ph.hash(password)
        store.put_record(KIND, key, rec)
    return _user(rec)


def demo_passwords(pool) -> list[tuple[str, Any]]:
    """New random passwords for the demo accounts, one per role of :data:`ROLES`, each with
    its argon2id hash being made in ``pool`` (a ``concurrent.futures`` executor: argon2
    releases the GIL, so threads hash side by side, also beside other work):
    ``[(password, future of its hash)]``, for :func:`demo_accounts`."""
    hasher = _hasher()
    return [(password, pool.submit(hasher.hash, password))
            for password in (secrets.token_urlsafe(12) for _role in ROLES)]


def demo_passwords_forked() -> list[tuple[str, Any]] | None:
    """As :func:`demo_passwords`, the three hashes made one after the other in a child process forked
    now (:func:`kgraph._fork.start`: a one-shot command, before it starts threads), so that they take
    the core left idle while this process imports pandas; the hashes come back through a pipe (or,
    should the child fail, are made here when asked for). None where no child would be forked."""
    from .. import _fork

    if not _fork.possible():
        return None
    passwords = [secrets.token_urlsafe(12) for _role in ROLES]
    hashes = _Hashes(_fork.start(_hash_all, passwords))
    return [(password, _Hash(hashes, i)) for i, password in enumerate(passwords)]


def _hash_all(passwords: list[str]) -> list[str]:
    hasher = _hasher()
    return [hasher.hash(password) for password in passwords]


class _Hashes:
    """The hashes of a :class:`kgraph._fork.Job`, asked for once."""

    def __init__(self, job):
        self._job, self._hashes = job, None

    def get(self, i: int) -> str:
        if self._hashes is None:
            self._hashes = self._job.result()
        return self._hashes[i]


class _Hash:
    """One hash of :class:`_Hashes`, as a future (``result()``), for :func:`demo_accounts`."""

    def __init__(self, hashes: _Hashes, i: int):
        self._hashes, self._i = hashes, i

    def result(self) -> str:
        return self._hashes.get(self._i)


def demo_accounts(kg: KnowledgeGraph, *, staff_person: str, as_of=None,
                  passwords: list[tuple[str, Any]] | None = None) -> list[dict[str, Any]]:
    """(Re)create ``demo-staff`` (belonging to ``staff_person``), ``demo-analyst`` and
    ``demo-admin`` with new random passwords; return ``name, role, person_id, password``.

    For the demo store only: the passwords are printed once by ``kgraph demo``.
    ``staff_person`` is looked up on ``as_of`` (the demo's latest import). ``passwords``:
    made ahead by :func:`demo_passwords` (``kgraph demo`` hashes them while it loads the
    demo data); by default made here.
    """
    from concurrent.futures import ThreadPoolExecutor

    out = []
    store = _base(kg)
    if passwords is None:
        with ThreadPoolExecutor(len(ROLES)) as pool:  # argon2 releases the GIL: the three hashes side by side
            passwords = demo_passwords(pool)  # leaving the block waits for the hashes
    hashes = [h.result() for _pw, h in passwords]
    passwords = [pw for pw, _h in passwords]
    for role, password, hashed in zip(ROLES, passwords, hashes):
        name = f"demo-{role}"
        exists = store.get_record(KIND, name) is not None
        info = _add(kg, name, role=role, password=password, person=staff_person if role == "staff" else None,
                    update=exists, as_of=as_of, hashed=hashed)
        out.append({"name": name, "role": role, "person_id": info["person_id"], "password": password})
    return out
