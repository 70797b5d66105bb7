"""ties_from_mail on small mbox and .eml files: headers only, answers checked by hand."""

from __future__ import annotations

import io

import pytest

from kgraph.collect import ties_from_mail
from kgraph.collect.mail import header_blocks
from kgraph.errors import InputError, ValidationError
from tests.collect.icsgen import PERSONS

SUBJECT = "Vertrouwelijk: ontslag afdelingshoofd"
BODY = "Beste Bob, dit blijft tussen ons. Wachtwoord: hunter2"


def message(mid: str | None, sender: str, to: str, cc: str = "", date: str = "Mon, 5 Jan 2026 09:00:00 +0100") -> str:
    lines = [f"From: {sender}", f"To: {to}"]
    if cc:
        lines.append(f"Cc: {cc}")
    lines += [f"Subject: {SUBJECT}", "X-Mailer: Outlook", "Content-Type: text/plain; charset=utf-8"]
    if date:
        lines.append(f"Date: {date}")
    if mid:
        lines.append(f"Message-ID: <{mid}@gemeente.example>")
    return "\n".join(lines) + f"\n\n{BODY}\nFrom the desk of Ann (a body line, not a new message)\n"


def mbox(*messages: str) -> str:
    return "".join(f"From sender@x Mon Jan  5 09:00:00 2026\n{m}\n" for m in messages)


A, B, C = "Ann <ann@gemeente.example>", "bob@gemeente.example", "Cas Jansen <CAS@gemeente.example>"


def ties(files, **kw):
    df = ties_from_mail(files, PERSONS, **{"min_interactions": 1, **kw})
    return {(r.source_id, r.target_id): r.weight for r in df.itertuples()}, df


def test_messages_exchanged_in_either_direction(tmp_path):
    path = tmp_path / "ann.mbox"
    path.write_text(mbox(message("m1", A, B, cc=f"{C}, jan@partner.example"), message("m2", B, A),
                         message("m3", A, B), message("m4", C, f"{A}, {B}")), encoding="utf-8")
    got, df = ties([path])
    # ann-bob: m1, m2, m3; ann-cas: m1, m4; bob-cas: m4 (in m1 both only received)
    assert got == {("P1", "P2"): 3, ("P1", "P3"): 2, ("P2", "P3"): 1}
    assert df.attrs["messages_read"] == 4 and df.attrs["counted"] == 4 and df.attrs["unmatched_addresses"] == 1
    assert list(df["interactions"]) == list(df["weight"])
    assert ties([path], min_interactions=3)[0] == {("P1", "P2"): 3}


def test_the_same_message_in_several_mailboxes_counts_once(tmp_path):
    (tmp_path / "ann-sent.mbox").write_text(mbox(message("m1", A, B), message("m2", A, B)), encoding="utf-8")
    (tmp_path / "bob-inbox.mbox").write_text(mbox(message("m1", A, B)), encoding="utf-8")
    (tmp_path / "m2.eml").write_text(message("m2", A, B), encoding="utf-8")
    (tmp_path / "no-id-1.eml").write_text(message(None, A, B, date="Tue, 6 Jan 2026 10:00:00 +0100"), encoding="utf-8")
    (tmp_path / "no-id-2.eml").write_text(message(None, A, B, date="Tue, 6 Jan 2026 10:00:00 +0100"), encoding="utf-8")
    got, df = ties([tmp_path])
    assert got == {("P1", "P2"): 3}
    assert df.attrs["messages_read"] == 6 and df.attrs["duplicates"] == 3


def test_aliases_and_person_emails_file(tmp_path):
    (tmp_path / "a.eml").write_text(message("m1", "A. Smit <a.smit@oud.example>", B), encoding="utf-8")
    aliases = tmp_path / "person_emails.csv"
    aliases.write_text("person_id,email\nP1,A.Smit@oud.example\n", encoding="utf-8")
    assert ties([tmp_path / "a.eml"])[0] == {}
    got, _df = ties([tmp_path / "a.eml"], person_emails=aliases)
    assert got == {("P1", "P2"): 1}


def test_too_many_recipients_and_no_sender(tmp_path):
    path = tmp_path / "x.mbox"
    path.write_text(mbox(message("m1", A, B, cc=f"{C}, dee@gemeente.example"),
                         message("m2", A, f"{B}, {A}"),  # writing to oneself adds no recipient
                         "To: bob@gemeente.example\nDate: Mon, 5 Jan 2026 09:00:00 +0100\n\nno sender\n"), encoding="utf-8")
    got, df = ties([path], max_recipients=2)
    assert got == {("P1", "P2"): 1}
    assert df.attrs["skipped"]["too_many_recipients"] == 1 and df.attrs["skipped"]["no_sender"] == 1


def test_the_period_reads_the_date_header(tmp_path):
    path = tmp_path / "x.mbox"
    path.write_text(mbox(message("old", A, B, date="Wed, 31 Dec 2025 23:30:00 +0000"),  # 1 Jan 00:30 in Amsterdam
                         message("new", A, B, date="Thu, 1 Jan 2026 00:30:00 +0000"),
                         message("undated", A, B, date="")), encoding="utf-8")
    got, df = ties([path], start="2026-01-01", end="2026-01-02")
    assert got == {("P1", "P2"): 2} and df.attrs["skipped"]["no_date"] == 1
    assert ties([path])[0] == {("P1", "P2"): 3}  # no period: the undated one counts too


def test_subjects_and_bodies_are_never_read(tmp_path):
    path = tmp_path / "x.mbox"
    path.write_text(mbox(message("m1", A, B), message("m2", B, A)), encoding="utf-8")
    with path.open("rb") as fh:
        blocks = [b for _line, b in header_blocks(fh, "x.mbox", [])]
    assert len(blocks) == 2
    for b in blocks:
        assert {line.split(b":")[0].lower() for line in b.splitlines()} == {b"from", b"to", b"date", b"message-id"}
    _got, df = ties([path], show_unmatched=True)
    everything = df.to_csv() + repr(df.attrs)
    for secret in (SUBJECT, "hunter2", "Outlook", "2026"):
        assert secret not in everything


def test_an_unescaped_from_line_in_a_body_is_no_new_message(tmp_path):
    path = tmp_path / "x.mbox"
    body = message("m1", A, B).replace("Wachtwoord", "\nFrom my phone\nsent at noon\n")
    path.write_text(mbox(body, message("m2", B, A)), encoding="utf-8")
    got, df = ties([path])
    assert got == {("P1", "P2"): 2} and df.attrs["messages_read"] == 2


def test_an_eml_is_read_no_further_than_its_headers():
    class Guard(io.BytesIO):
        def __iter__(self):
            while line := self.readline():
                assert b"hunter2" not in line, "the body was read"
                yield line

    fh = Guard(message("m1", A, B).encode("utf-8"))
    assert len(list(header_blocks(fh, "a.eml", []))) == 1


def test_malformed_files_are_listed_with_file_and_line(tmp_path):
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "letter.eml").write_text("Dear Bob,\nhello\n", encoding="utf-8")
    (tmp_path / "broken.mbox").write_text(mbox(message("m1", A, B)) + "From x Mon Jan  5 2026\nFrom: ann@gemeente.example\n"
                                          "this is no header\n\nbody\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        ties_from_mail([tmp_path], PERSONS)
    got = [str(p).replace(f"{tmp_path}/", "") for p in err.value.problems]
    assert got == ["broken.mbox:15: not a header field (Name: value expected)",
                   "empty.eml:1: empty file or no header at the start; expected an mbox mailbox (first line "
                   "'From ...') or an .eml message",
                   "letter.eml:1: not an e-mail message: the first line is not a header field"]
    with pytest.raises(InputError):
        ties_from_mail([tmp_path / "missing.mbox"], PERSONS)


def test_other_encodings_in_headers_do_not_stop_the_reading(tmp_path):
    (tmp_path / "a.eml").write_bytes(b"From: Jos\xe9 <ann@gemeente.example>\nTo: =?utf-8?q?B=C3=B6b?= <bob@gemeente.example>\n"
                                     b"Date: Mon, 5 Jan 2026 09:00:00 +0100\n\n\xff\xfe body\n")
    assert ties([tmp_path / "a.eml"])[0] == {("P1", "P2"): 1}
