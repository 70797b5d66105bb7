"""Accounts of the intranet: roles, argon2id hashes, generations that end sessions."""

from __future__ import annotations

import pytest

import kgraph
from kgraph.app import accounts
from kgraph.errors import NotFound, OptionError

#: the hasher as kgraph ships it, taken at collection (tests/web's session fixture swaps in cheap parameters)
REAL_HASHER = accounts._hasher


def test_add_authenticate_update_remove(tiny_kg, store_path):
    info = accounts.user_add(tiny_kg, "Anna", role="staff", person="Anna de Vries", password="a long enough password")
    assert info == {**info, "name": "Anna", "person_id": "P01", "person": "Anna de Vries", "password": "set"}
    stored = tiny_kg.store.get_record(accounts.KIND, "anna")
    assert stored["password"].startswith("$argon2id$") and "a long enough" not in stored["password"]
    assert b"a long enough password" not in store_path.read_bytes()
    user = accounts.authenticate(tiny_kg, "ANNA", "a long enough password")
    assert (user.name, user.role, user.person_id, user.generation) == ("Anna", "staff", "P01", 0)
    assert accounts.authenticate(tiny_kg, "anna", "wrong") is None and accounts.authenticate(tiny_kg, "nobody", "x") is None
    accounts.user_add(tiny_kg, "anna", role="analyst", update=True)  # keeps the password, ends the sessions
    assert accounts.get_user(tiny_kg, "anna").generation == 1
    assert accounts.authenticate(tiny_kg, "anna", "a long enough password").role == "analyst"
    assert list(accounts.user_list(tiny_kg)["name"]) == ["anna"]  # as last written
    accounts.user_remove(tiny_kg, "anna")
    assert accounts.get_user(tiny_kg, "anna") is None


@pytest.mark.parametrize("kwargs, error", [
    ({"name": "bad name", "role": "staff", "person": "P01", "password": "x" * 12}, OptionError),
    ({"name": "b", "role": "boss", "password": "x" * 12}, OptionError),
    ({"name": "b", "role": "staff", "password": "x" * 12}, OptionError),  # staff without a person
    ({"name": "b", "role": "admin", "password": "short"}, OptionError),
    ({"name": "bbbbbbbbbbbb", "role": "admin", "password": "BBBBBBBBBBBB"}, OptionError),  # the name as password
    ({"name": "b", "role": "staff", "person": "P99", "password": "x" * 12}, NotFound),
])
def test_refused(tiny_kg, kwargs, error):
    with pytest.raises(error):
        accounts.user_add(tiny_kg, **kwargs)


def test_no_password_means_single_sign_on_only_and_duplicates_are_refused(tiny_kg):
    accounts.user_add(tiny_kg, "sso", role="admin")
    assert accounts.authenticate(tiny_kg, "sso", "") is None
    with pytest.raises(OptionError, match="exists"):
        accounts.user_add(tiny_kg, "SSO", role="admin")
    with pytest.raises(NotFound):
        accounts.user_remove(tiny_kg, "nobody")


def test_roles_nest():
    assert accounts.role_allows("admin", "analyst") and not accounts.role_allows("analyst", "admin")


def test_demo_accounts_are_hashed_with_the_library_parameters_and_renewed(tiny_kg, monkeypatch):
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_hasher", REAL_HASHER)

    first = accounts.demo_accounts(tiny_kg, staff_person="P01")
    assert [(a["name"], a["role"], a["person_id"]) for a in first] == [
        ("demo-staff", "staff", "P01"), ("demo-analyst", "analyst", None), ("demo-admin", "admin", None)]
    for a in first:
        stored = tiny_kg.store.get_record(accounts.KIND, a["name"])["password"]
        assert stored.startswith("$argon2id$") and a["password"] not in stored
        assert not PasswordHasher().check_needs_rehash(stored)  # the library's parameters, as for every account
        assert accounts.authenticate(tiny_kg, a["name"], a["password"]).role == a["role"]
    again = accounts.demo_accounts(tiny_kg, staff_person="P01")  # new passwords; the old ones stop working
    assert all(accounts.authenticate(tiny_kg, a["name"], a["password"]) is None for a in first)
    assert [accounts.get_user(tiny_kg, a["name"]).generation for a in again] == [1, 1, 1]


def test_demo_accounts_from_passwords_hashed_ahead(tiny_kg, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_hasher", REAL_HASHER)
    with ThreadPoolExecutor(2) as pool:
        ahead = accounts.demo_passwords(pool)
        made = accounts.demo_accounts(tiny_kg, staff_person="P01", passwords=ahead)
    assert [a["password"] for a in made] == [pw for pw, _h in ahead]
    assert len({a["password"] for a in made}) == len(accounts.ROLES)
    for a in made:
        stored = tiny_kg.store.get_record(accounts.KIND, a["name"])["password"]
        assert not PasswordHasher().check_needs_rehash(stored)
        assert accounts.authenticate(tiny_kg, a["name"], a["password"]).role == a["role"]


@pytest.mark.parametrize("fork", [False, True])
def test_demo_passwords_hashed_in_a_forked_child(tiny_kg, monkeypatch, fork):
    # kgraph demo: the three hashes in one child process forked before pandas is imported (kgraph._fork)
    from argon2 import PasswordHasher

    from kgraph import _fork

    monkeypatch.setattr(accounts, "_hasher", REAL_HASHER)
    monkeypatch.setattr(_fork, "_allowed", fork)
    ahead = accounts.demo_passwords_forked()
    if not _fork.possible():
        assert ahead is None  # not allowed (a library caller, kgraph serve), one core, or threads running
        return
    assert len({pw for pw, _h in ahead}) == len(accounts.ROLES)
    made = accounts.demo_accounts(tiny_kg, staff_person="P01", passwords=ahead)
    assert [a["password"] for a in made] == [pw for pw, _h in ahead]
    for a in made:
        stored = tiny_kg.store.get_record(accounts.KIND, a["name"])["password"]
        assert not PasswordHasher().check_needs_rehash(stored)
        assert accounts.authenticate(tiny_kg, a["name"], a["password"]).role == a["role"]


def test_demo_passwords_hashed_here_when_the_child_fails(monkeypatch):
    from kgraph import _fork

    monkeypatch.setattr(_fork, "_allowed", True)
    if not _fork.possible():
        pytest.skip("no fork here")
    monkeypatch.setattr(accounts, "_hasher", lambda: type("H", (), {"hash": staticmethod(lambda pw: "h:" + pw)})())
    real_start = _fork.start
    monkeypatch.setattr(_fork, "start", lambda fn, *args: real_start(fn, *args, prepare=lambda: 1 / 0))  # fails in the child
    ahead = accounts.demo_passwords_forked()
    assert [h.result() for _pw, h in ahead] == ["h:" + pw for pw, _h in ahead]  # made here, the child having failed
