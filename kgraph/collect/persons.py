"""Matching e-mail addresses to persons: case-insensitive, with aliases.

A person's addresses are the ``email`` of the ``persons`` table, the further
addresses of its ``person_emails`` column (Dutch ``emailadressen``, a
``;``-separated list), and the rows of an optional ``person_emails.csv``
(``person_id,email``; Dutch ``medewerker_id,email``). An address that belongs to
no person is counted, never listed unless the caller asks for the list.

>>> index = EmailIndex({"P1": {"email": "Ann@Example.org", "person_emails": ["a.smit@example.org"]},
...                     "P2": {"email": "bob@example.org"}})
>>> index.person("mailto:ANN@example.org"), index.person("A.Smit@example.org"), index.person("eve@x.org")
('P1', 'P1', None)
>>> len(index)
3
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, ValidationError
from ..i18n import _
from ..model import normalize_header

__all__ = ["EmailIndex", "normalize_address", "read_person_emails", "Unmatched"]

_PERSON_HEADERS = {"personid", "medewerkerid"}
_EMAIL_HEADERS = {"email", "emailadres", "mail"}


def normalize_address(text: Any) -> str:
    """An address as compared: without ``mailto:``, angle brackets and spaces, lower case.

    >>> normalize_address(" MAILTO:<Jan.Jansen@Gemeente.NL> ")
    'jan.jansen@gemeente.nl'
    """
    s = str(text or "").strip()
    if s[:7].lower() == "mailto:":
        s = s[7:]
    return s.strip().strip("<>").strip().lower()


def _split(value: Any) -> list[str]:
    """The addresses in a ``person_emails`` cell: a list, or text separated by ``;``."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items: Iterable[Any] = value
    else:
        items = str(value).split(";")
    return [a for a in (normalize_address(x) for x in items) if a]


class EmailIndex:
    """Address → person id, built from the persons (and an optional alias file).

    Parameters
    ----------
    persons : mapping or pandas.DataFrame
        Person id → properties (what ``kg.store.nodes("Person")`` returns), or a
        DataFrame with the columns ``id``, ``email`` and optionally ``person_emails``.
    person_emails : str, path or iterable of (person_id, email), optional
        Further addresses: a ``person_emails.csv`` file or pairs.

    Raises
    ------
    ValidationError
        When one address is given for two persons, or the alias file names an
        unknown person or is malformed (``file:row:column: message``).
    """

    def __init__(self, persons: Any, *, person_emails: str | os.PathLike | Iterable[tuple[str, str]] | None = None):
        self._by_address: dict[str, str] = {}
        self._where: dict[str, str] = {}
        problems: list[Problem] = []
        records = _person_records(persons)
        for pid in sorted(records):
            props = records[pid]
            for column in ("email", "person_emails"):
                for address in _split(props.get(column)):
                    self._add(address, pid, "persons", 0, column, problems)
        self.persons = frozenset(records)
        if person_emails is not None:
            if isinstance(person_emails, (str, os.PathLike)):
                label = Path(person_emails).name
                rows = read_person_emails(person_emails)
            else:
                label = "person_emails"
                rows = [(i, str(p), str(e)) for i, (p, e) in enumerate(person_emails, start=2)]
            for row, pid, address in rows:
                if pid not in self.persons:
                    problems.append(Problem(label, row, "person_id", _("unknown person '{id}'").format(id=pid)))
                    continue
                self._add(normalize_address(address), pid, label, row, "email", problems)
        if problems:
            raise ValidationError(problems)

    def _add(self, address: str, pid: str, label: str, row: int, column: str, problems: list[Problem]) -> None:
        if not address:
            return
        other = self._by_address.get(address)
        if other is None:
            self._by_address[address] = pid
            self._where[address] = f"{label}:{row}" if row else label
        elif other != pid:
            problems.append(Problem(label, row, column, _(
                "an address of person '{a}' is also given for person '{b}' (first at {where}); "
                "an address must belong to one person").format(a=pid, b=other, where=self._where[address])))

    def person(self, address: Any) -> str | None:
        """The id of the person with this address (any case, with or without ``mailto:``), or None."""
        return self._by_address.get(normalize_address(address))

    def __len__(self) -> int:
        return len(self._by_address)


def _person_records(persons: Any) -> dict[str, Mapping[str, Any]]:
    if isinstance(persons, EmailIndex):  # pragma: no cover - handled by the callers
        raise TypeError("pass the EmailIndex itself, not as persons")  # i18n: exempt (a programming error)
    if hasattr(persons, "to_dict") and hasattr(persons, "columns"):  # a DataFrame
        if "id" not in persons.columns:
            raise InputError(_("the persons table has no 'id' column"))
        out: dict[str, Mapping[str, Any]] = {}
        for row in persons.to_dict("records"):
            props = {k: v for k, v in row.items() if isinstance(v, (str, list, tuple))}
            out[str(row["id"])] = props
        return out
    return {str(k): (v or {}) for k, v in dict(persons).items()}


def read_person_emails(path: str | os.PathLike) -> list[tuple[int, str, str]]:
    """The rows ``(row number, person id, address)`` of a ``person_emails.csv``.

    Headers ``person_id,email`` (Dutch ``medewerker_id,email``), comma- or
    semicolon-separated, UTF-8 (a BOM is accepted). The header is row 1.

    Raises
    ------
    InputError
        When the file cannot be read.
    ValidationError
        Listing every problem: missing columns, empty cells, another encoding.
    """
    path = Path(path)
    label = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("{file}: cannot read the file ({why})").format(file=path, why=exc.strerror or exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError([Problem(label, line, "-", _(
            "not UTF-8 text (byte 0x{byte:02x}); save it as 'CSV UTF-8'").format(byte=data[exc.start]))]) from None
    if not text.strip():
        raise ValidationError([Problem(label, 1, "-", _("empty file; expected the columns person_id,email"))])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [normalize_header(h) for h in next(reader)]
    problems: list[Problem] = []
    pcol = next((i for i, h in enumerate(header) if h in _PERSON_HEADERS), None)
    ecol = next((i for i, h in enumerate(header) if h in _EMAIL_HEADERS), None)
    if pcol is None:
        problems.append(Problem(label, 1, "person_id", _("required column missing (Dutch: medewerker_id)")))
    if ecol is None:
        problems.append(Problem(label, 1, "email", _("required column missing")))
    if problems:
        raise ValidationError(problems)
    rows = []
    for rownum, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        pid = cells[pcol].strip() if pcol < len(cells) else ""
        address = cells[ecol].strip() if ecol < len(cells) else ""
        if not pid:
            problems.append(Problem(label, rownum, "person_id", _("value required")))
        if not address:
            problems.append(Problem(label, rownum, "email", _("value required")))
        elif "@" not in address:
            problems.append(Problem(label, rownum, "email", _("not an e-mail address")))
        if pid and address and "@" in address:
            rows.append((rownum, pid, address))
    if problems:
        raise ValidationError(problems)
    return rows


class Unmatched:
    """Addresses that matched no person: counted; kept as text only when ``keep``.

    Without ``keep`` only a short digest of each address is held (to count
    distinct addresses), so the addresses themselves never leave the function.

    >>> u = Unmatched(keep=False)
    >>> u.add("x@example.org"); u.add("X@example.org"); u.add("y@example.org")
    >>> u.count, u.addresses()
    (2, None)
    """

    def __init__(self, *, keep: bool):
        self.keep = keep
        self._seen: set[Any] = set()

    def add(self, address: str) -> None:
        a = normalize_address(address)
        if not a:
            return
        self._seen.add(a if self.keep else hashlib.blake2b(a.encode("utf-8"), digest_size=8).digest())

    @property
    def count(self) -> int:
        return len(self._seen)

    def addresses(self) -> list[str] | None:
        """The sorted addresses when kept, else None."""
        return sorted(self._seen) if self.keep else None
