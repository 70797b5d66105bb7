"""Ties from how people already work: calendars and mail headers (issue 17).

A second, passive source of ``collaboration`` ties next to what people report:

- :func:`ties_from_calendar` reads iCalendar exports and weighs shared meetings;
- :func:`ties_from_mail` reads mbox / ``.eml`` headers (From, To, Cc, Date only)
  and counts messages exchanged;
- :func:`write_ties` writes the result as a reviewable ``ties.csv`` in the input
  format; :func:`import_ties` puts it straight into a store.

Only the counted ties above the thresholds leave these functions; see
``docs/ties.md`` for the rules and the README's privacy section for what an
organisation needs before it runs them.
"""

from __future__ import annotations

from .calendars import SKIP_REASONS, ties_from_calendar
from .mail import ties_from_mail
from .persons import EmailIndex, normalize_address, read_person_emails
from .ties import COLUMNS, SOURCES, Period, TiesImport, import_ties, write_ties

__all__ = [
    "ties_from_calendar",
    "ties_from_mail",
    "write_ties",
    "import_ties",
    "TiesImport",
    "EmailIndex",
    "normalize_address",
    "read_person_emails",
    "Period",
    "COLUMNS",
    "SOURCES",
    "SKIP_REASONS",
]
