"""Ties from mail headers: who wrote to whom, counted; never a subject or a body.

See :func:`ties_from_mail` and ``docs/ties.md``.
"""

from __future__ import annotations

import email.parser
import email.policy
import email.utils
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..i18n import _
from .calendars import _invalid
from .persons import EmailIndex, Unmatched, normalize_address
from .ties import Period, input_files, ties_frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ties_from_mail", "MAIL_SKIP_REASONS", "header_blocks"]

#: why a message in the period is not counted, in the order the reasons are tried
MAIL_SKIP_REASONS = ("no_date", "too_many_recipients", "no_sender", "no_pair")
_SUFFIXES = (".eml", ".mbox", ".mbx")
#: the header fields read; every other field (Subject first of all) is dropped before parsing
_FIELDS = {b"from", b"to", b"cc", b"date", b"message-id"}
_FIELD = re.compile(rb"^([\x21-\x39\x3b-\x7e]+)[ \t]*:")
_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


def _keep(lines: list[tuple[int, bytes]], label: str, problems: list[Problem]) -> bytes:
    """The header block reduced to the fields read (continuation lines kept with their field)."""
    out: list[bytes] = []
    keep = False
    for number, line in lines:
        if line[:1] in (b" ", b"\t"):
            if keep:
                out.append(line)
            continue
        m = _FIELD.match(line)
        if m is None:
            problems.append(Problem(label, number, "", _("not a header field (Name: value expected)")))
            keep = False
            continue
        keep = m.group(1).lower() in _FIELDS
        if keep:
            out.append(line)
    return b"".join(out)


def header_blocks(fh, label: str, problems: list[Problem]) -> Iterator[tuple[int, bytes]]:
    """``(line, header bytes)`` of each message in an mbox or ``.eml`` file, reading no further than needed.

    An mbox starts with a ``From `` line; a message starts at a ``From `` line
    that follows an empty line and is followed by a header field (RFC 4155; an
    unescaped ``From `` in a body is no separator). Its header block ends at the
    first empty line; the body is skipped line by line without being kept. Any
    other file is one message. Only the fields From, To, Cc, Date and Message-ID
    are passed on.
    """
    first = fh.readline()
    if not first.strip():
        problems.append(Problem(label, 1, "", _("empty file or no header at the start; expected an mbox mailbox "
                                                "(first line 'From ...') or an .eml message")))
        return
    mbox = first.startswith(b"From ")
    number, start = 1, 2 if mbox else 1
    block: list[tuple[int, bytes]] | None = [] if mbox else [(1, first.rstrip(b"\r\n") + b"\n")]
    previous_blank = False
    if not mbox and _FIELD.match(first) is None:
        problems.append(Problem(label, 1, "", _("not an e-mail message: the first line is not a header field")))
        return
    for raw in fh:
        number += 1
        line = raw.rstrip(b"\r\n")
        blank = not line.strip()
        if mbox and line.startswith(b"From ") and previous_blank:
            if block:
                yield start, _keep(block, label, problems)
            block, start = [], number + 1
        elif block is not None:
            if mbox and not block and _FIELD.match(line) is None and start == number and number > 2:
                block = None  # an unescaped "From " in a body (mboxcl): not a new message after all
            elif blank:
                yield start, _keep(block, label, problems)
                block = None
                if not mbox:
                    return
            else:
                block.append((number, line + b"\n"))
        previous_blank = blank
    if block:
        yield start, _keep(block, label, problems)


def _addresses(msg, names: tuple[str, ...]) -> list[str]:
    values = [str(v) for n in names for v in (msg.get_all(n) or [])]
    return [a for a in (normalize_address(addr) for _name, addr in email.utils.getaddresses(values)) if a]


def ties_from_mail(
    files: Any,
    persons: Any,
    *,
    start: Any = None,
    end: Any = None,
    max_recipients: int = 10,
    min_interactions: int = 3,
    timezone: str | None = None,
    person_emails: Any = None,
    show_unmatched: bool = False,
    kind: str = "collaboration",
    progress: Callable[[int, int, str], None] | None = None,
) -> pd.DataFrame:
    """Weighted, undirected ties from mail headers: messages exchanged between two persons.

    Reads mbox mailboxes and ``.eml`` messages, headers only: each message's
    header block is cut at the first empty line (the body is skipped unread by
    any parser), reduced to From, To, Cc, Date and Message-ID (the Subject is
    dropped before parsing) and parsed with the standard library's
    ``email.parser.BytesHeaderParser``. A message from person *i* counts once for
    the pair (*i*, *j*) for every person *j* in To or Cc:

    .. math:: w_{ij} = \\#\\{\\text{messages from } i \\text{ to } j\\} + \\#\\{\\text{messages from } j \\text{ to } i\\}

    The same message in several mailboxes (the sender's Sent folder, each
    recipient's Inbox) counts once: copies are matched on Message-ID (else on
    sender, date and recipients). Messages with more than ``max_recipients``
    distinct recipients (To and Cc; Bcc is not read) are skipped, and so are
    messages without a sender and, when the period is bounded, without a
    readable Date. Only pairs with at least ``min_interactions`` messages are kept.

    Parameters
    ----------
    files : path or list of paths
        mbox files and ``.eml`` files (any name), or folders searched for
        ``.eml``, ``.mbox`` and ``.mbx`` files.
    persons : mapping, DataFrame or EmailIndex
        As for :func:`~kgraph.collect.ties_from_calendar`.
    start, end : date, datetime or "YYYY-MM-DD", optional
        The period ``[start, end)``; open when None.
    max_recipients : int
        Messages to more recipients are skipped (default 10).
    min_interactions : int
        Pairs with fewer messages are dropped (default 3).
    timezone : str
        IANA zone for the period and dates without an offset (default Europe/Amsterdam).
    person_emails, show_unmatched, kind, progress
        As for :func:`~kgraph.collect.ties_from_calendar`.

    Returns
    -------
    pandas.DataFrame
        ``source_id, target_id, kind, weight, interactions, source`` (``source`` is
        ``mail``; ``weight`` equals ``interactions``); ``df.attrs`` holds
        ``files``, ``messages_read``, ``duplicates``, ``messages`` (distinct, in the
        period), ``counted``, ``skipped`` (see ``MAIL_SKIP_REASONS``),
        ``unmatched_addresses``, ``pairs_below_threshold``, ``ties``.

    Raises
    ------
    ValidationError
        Listing every malformed file as ``file:line: message``.
    InputError
        A file that is missing or cannot be read.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "ann.mbox")
    >>> msg = ("From ann@example.org Mon Jan  5 09:00:00 2026\\nFrom: Ann <ann@example.org>\\n"
    ...        "To: bob@example.org\\nSubject: private\\nDate: Mon, 5 Jan 2026 09:0%d:00 +0100\\n\\nBody\\n\\n")
    >>> with open(path, "w") as f:
    ...     _ = f.write("".join(msg % i for i in range(3)))
    >>> persons = {"P1": {"email": "ann@example.org"}, "P2": {"email": "bob@example.org"}}
    >>> ties_from_mail([path], persons)[["source_id", "target_id", "weight"]].to_dict("records")
    [{'source_id': 'P1', 'target_id': 'P2', 'weight': 3}]
    """
    period = Period.of(start, end, timezone=timezone)
    index = persons if isinstance(persons, EmailIndex) else EmailIndex(persons, person_emails=person_emails)
    unmatched = Unmatched(keep=show_unmatched)
    paths = input_files(files, _SUFFIXES)
    problems: list[Problem] = []
    seen: set[bytes] = set()
    skipped = dict.fromkeys(MAIL_SKIP_REASONS, 0)
    pairs: Counter[tuple[str, str]] = Counter()
    read = in_period = counted = 0
    bounded = period.start is not None or period.end is not None
    for i, path in enumerate(paths, start=1):
        for _line, block in _blocks(path, problems):
            read += 1
            msg = _PARSER.parsebytes(block)
            senders = _addresses(msg, ("From",))
            recipients = sorted(set(_addresses(msg, ("To", "Cc"))))
            ident = _identity(msg, senders, recipients)
            if ident in seen:
                continue
            seen.add(ident)
            when = _date(msg.get("Date"))
            if when is None and bounded:
                in_period += 1
                skipped["no_date"] += 1
                continue
            if when is not None and not period.contains(when):
                continue
            in_period += 1
            for a in senders + recipients:
                if index.person(a) is None:
                    unmatched.add(a)
            sender = index.person(senders[0]) if senders else None
            keys = {index.person(a) or a for a in recipients}
            if senders:
                keys.discard(sender or senders[0])
            if len(keys) > max_recipients:
                skipped["too_many_recipients"] += 1
            elif not senders:
                skipped["no_sender"] += 1
            else:
                persons_to = {index.person(a) for a in recipients} - {None, sender}
                if sender is None or not persons_to:
                    skipped["no_pair"] += 1
                    continue
                counted += 1
                for p in persons_to:
                    pairs[(sender, p) if sender < p else (p, sender)] += 1
        if progress:
            progress(i, len(paths), "files")
    if problems:
        raise _invalid(problems)
    attrs = {"source": "mail", "files": len(paths), "messages_read": read, "duplicates": read - len(seen),
             "messages": in_period, "counted": counted, "skipped": skipped, "unmatched_addresses": unmatched.count}
    if show_unmatched:
        attrs["unmatched"] = unmatched.addresses()
    rows = ((a, b, n, n) for (a, b), n in pairs.items())
    return ties_frame(rows, kind=kind, source="mail", min_interactions=min_interactions, attrs=attrs)


def _blocks(path: Path, problems: list[Problem]) -> Iterator[tuple[int, bytes]]:
    try:
        with path.open("rb") as fh:
            yield from header_blocks(fh, str(path), problems)
    except OSError as exc:
        raise InputError(_("{file}: cannot read the file ({why})").format(file=path, why=exc.strerror or exc),
                         hint=_("check that the file exists and that you may read it")) from None


def _identity(msg, senders: list[str], recipients: list[str]) -> bytes:
    mid = str(msg.get("Message-ID") or "").strip().strip("<>").strip()
    basis = "id:" + mid if mid else "|".join(["h:", *senders, str(msg.get("Date") or "").strip(), *recipients])
    return hashlib.blake2b(basis.encode("utf-8", "surrogateescape"), digest_size=16).digest()


def _date(value: Any):
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
