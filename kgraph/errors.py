"""The exception tree of kgraph.

Every error kgraph raises on purpose derives from :class:`KgraphError`. The
library never exits the process; the command line maps each class to one exit
code (see ``EXIT_CODES`` and the README's "Exit codes" table).

::

    KgraphError                      exit 1
    ├── OptionError                  exit 2  an option has a value kgraph cannot use
    ├── InputError                   exit 3  the input files are unusable
    │   └── ValidationError          exit 3  one or more rows break the format
    ├── StoreError                   exit 4  the store cannot be used
    │   └── StoreUnavailable         exit 5  server unreachable / credentials refused
    ├── QueryError                   exit 6  a named query failed or is unknown
    ├── NotFound                     exit 7  a person, team, item ... does not exist
    └── PrivacyError                 exit 8  refused by the store's privacy settings
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "KgraphError",
    "OptionError",
    "InputError",
    "ValidationError",
    "Problem",
    "StoreError",
    "StoreUnavailable",
    "QueryError",
    "NotFound",
    "PrivacyError",
    "EXIT_CODES",
]


class KgraphError(Exception):
    """Root of every error kgraph raises on purpose.

    ``hint`` tells the user what to do next; the CLI prints it below the message.
    """

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class OptionError(KgraphError):
    """An option or argument has a value kgraph cannot use (a date, a horizon, a count).

    The command line reports it like a usage error (exit 2).
    """


class InputError(KgraphError):
    """The input path cannot be read as a kgraph dataset."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the input: where it is and why.

    ``row`` counts as a spreadsheet does: the header is row 1, the first data row
    is row 2; ``0`` means the problem concerns the whole file. ``fatal`` marks a table
    that could not be read at all (its encoding, its quotes, not a regular file): it is
    listed first, because other problems may follow from it. In a text file without
    columns (an iCalendar export, a mailbox) ``row`` is the line number and ``column``
    is empty: ``file:line: message``.
    """

    file: str
    row: int
    column: str
    message: str
    fatal: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        if not self.column:  # a text file without columns: file:line: message
            return f"{self.file}:{self.row}: {self.message}"
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class ValidationError(InputError):
    """The input breaks the format; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (not p.fatal, p.file, p.row, p.column, p.message))
        from .i18n import _, ngettext

        n = len(self.problems)
        super().__init__(
            ngettext("{n} problem found; nothing was written", "{n} problems found; nothing was written", n).format(n=n),
            hint=_("fix the rows listed and run kgraph validate PATH again"),
        )


class StoreError(KgraphError):
    """The store cannot be opened, read or written."""


class StoreUnavailable(StoreError):
    """A server store is unreachable or refused the credentials."""


class QueryError(KgraphError):
    """A named query is unknown, lacks parameters or failed."""


class NotFound(KgraphError):
    """A person, unit, knowledge item, actor or issue does not exist."""


class PrivacyError(KgraphError):
    """The store's privacy settings refuse this output."""


#: Exit code per error class; the most specific class wins.
EXIT_CODES: dict[type[KgraphError], int] = {
    ValidationError: 3,
    InputError: 3,
    StoreUnavailable: 5,
    StoreError: 4,
    QueryError: 6,
    NotFound: 7,
    PrivacyError: 8,
    OptionError: 2,
    KgraphError: 1,
}
