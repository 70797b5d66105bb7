"""Matching addresses to persons: case, aliases from the persons table or a person_emails.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from kgraph.collect.persons import EmailIndex, Unmatched, normalize_address, read_person_emails
from kgraph.errors import ValidationError


def test_addresses_match_in_any_case_with_or_without_mailto():
    index = EmailIndex({"P1": {"email": "Ann.Smit@Gemeente.NL"}, "P2": {"email": None}, "P3": {}})
    for a in ("ann.smit@gemeente.nl", "MAILTO:ANN.SMIT@GEMEENTE.NL", " <ann.smit@gemeente.nl> "):
        assert index.person(a) == "P1"
    assert index.person("bob@gemeente.nl") is None and len(index) == 1
    assert normalize_address(None) == ""


def test_aliases_from_the_person_emails_column_as_list_or_text():
    index = EmailIndex({"P1": {"email": "ann@x.nl", "person_emails": ["a.smit@x.nl", "ANN@old.nl"]},
                        "P2": {"email": "bob@x.nl", "person_emails": "b1@x.nl; b2@x.nl"}})
    assert [index.person(a) for a in ("a.smit@x.nl", "ann@old.nl", "b2@x.nl", "B1@X.NL")] == ["P1", "P1", "P2", "P2"]


def test_persons_as_a_dataframe():
    df = pd.DataFrame({"id": ["P1", "P2"], "email": ["ann@x.nl", float("nan")], "person_emails": [None, "bob@x.nl"]})
    index = EmailIndex(df)
    assert index.person("ann@x.nl") == "P1" and index.person("bob@x.nl") == "P2"


def test_an_address_of_two_persons_is_an_error():
    with pytest.raises(ValidationError) as err:
        EmailIndex({"P1": {"email": "team@x.nl"}, "P2": {"person_emails": ["TEAM@x.nl"]}})
    (p,) = err.value.problems
    assert (p.file, p.column) == ("persons", "person_emails") and "'P1'" in p.message and "'P2'" in p.message


def test_person_emails_file_in_english_or_dutch(tmp_path):
    path = tmp_path / "person_emails.csv"
    path.write_text("medewerker_id;email\nP1;a.smit@x.nl\n\nP2;BOB@old.nl\n", encoding="utf-8-sig")
    assert read_person_emails(path) == [(2, "P1", "a.smit@x.nl"), (4, "P2", "BOB@old.nl")]
    index = EmailIndex({"P1": {"email": "ann@x.nl"}, "P2": {}}, person_emails=path)
    assert index.person("bob@old.nl") == "P2" and index.person("a.smit@x.nl") == "P1"
    index = EmailIndex({"P1": {}}, person_emails=[("P1", "ann@x.nl")])
    assert index.person("ann@x.nl") == "P1"


def test_person_emails_file_problems(tmp_path):
    path = tmp_path / "person_emails.csv"
    path.write_text("person_id,email\nP1,not-an-address\n,ann@x.nl\nP9,eve@x.nl\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_person_emails(path)
    assert [str(p) for p in err.value.problems] == [
        "person_emails.csv:2:email: not an e-mail address", "person_emails.csv:3:person_id: value required"]
    path.write_text("person_id,email\nP9,eve@x.nl\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        EmailIndex({"P1": {}}, person_emails=path)
    assert [str(p) for p in err.value.problems] == ["person_emails.csv:2:person_id: unknown person 'P9'"]
    path.write_text("id,adres\nP1,a@x.nl\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_person_emails(path)
    assert [p.column for p in err.value.problems] == ["email", "person_id"]
    path.write_bytes(b"person_id,email\nP1,caf\xe9@x.nl\n")
    with pytest.raises(ValidationError) as err:
        read_person_emails(path)
    assert str(err.value.problems[0]).startswith("person_emails.csv:2:-: not UTF-8 text (byte 0xe9)")
    path.write_bytes(b"")
    with pytest.raises(ValidationError):
        read_person_emails(path)


def test_unmatched_addresses_are_counted_and_kept_only_when_asked():
    hidden, shown = Unmatched(keep=False), Unmatched(keep=True)
    for u in (hidden, shown):
        for a in ("x@y.nl", "X@Y.NL", "mailto:z@y.nl", ""):
            u.add(a)
    assert hidden.count == shown.count == 2
    assert hidden.addresses() is None and "x@y.nl" not in repr(hidden.__dict__)
    assert shown.addresses() == ["x@y.nl", "z@y.nl"]
