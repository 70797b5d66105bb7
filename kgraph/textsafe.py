"""Make text from the input safe to show: on a terminal, and in a CSV file.

The input holds names and texts typed by people, and anything typed can end up in a
table on a terminal or in a CSV file opened in a spreadsheet program. Both read some
characters as commands:

- a **terminal** acts on control characters: ``ESC [ 31 m`` colours the text, a carriage
  return overwrites the line, ``ESC ] 52 ; c ; ... BEL`` (OSC 52) writes some
  terminals' clipboard; and the Unicode bidi controls (U+202A–U+202E, U+2066–U+2069)
  reorder what is shown, so text can read differently from what it is ("Trojan Source",
  CVE-2021-42574). :func:`terminal_safe` shows each of them visibly as ``<U+XXXX>``.
  Escaping the introducer (ESC, or the 8-bit CSI/OSC) is enough to make any escape
  sequence inert, and showing it rather than dropping it lets the reader see that the
  data holds something odd.
- a **spreadsheet** runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
  formula (and a leading tab or carriage return can hide such a start): OWASP's "CSV
  injection". :func:`csv_safe` puts a ``'`` before such a cell, as OWASP recommends; a
  spreadsheet then shows the text as typed. A number stays a number: ``-5`` is a
  negative number, not a formula, and is left alone.

Both are pure functions of their argument, for the views and the command line to call.

>>> terminal_safe("Anna\\x1b]52;c;ZXZpbA==\\x07")
'Anna<U+001B>]52;c;ZXZpbA==<U+0007>'
>>> [csv_safe(v) for v in ["=1+1", "-5", -5, "+31 6 1234"]]
["'=1+1", '-5', -5, "'+31 6 1234"]
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["terminal_safe", "csv_safe", "is_number", "CSV_TRIGGERS"]

# C0 controls, DEL, C1 controls (with the 8-bit CSI U+009B and OSC U+009D), the line and
# paragraph separators, the bidi embeddings, overrides and isolates, and lone surrogates
# (left by undecodable bytes; they cannot be encoded, so printing them would fail)
_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")

#: the first characters that make a spreadsheet read a cell as a formula (OWASP)
CSV_TRIGGERS = frozenset("=+-@\t\r")
# a plain decimal number as people and programs write it: an optional sign, digits with
# one '.' or ',' as the decimal separator, an optional exponent; ASCII digits only
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")


def _visible(m: re.Match) -> str:
    return f"<U+{ord(m.group()):04X}>"


def terminal_safe(text: str, *, multiline: bool = False) -> str:
    """``text`` with every character a terminal would act on shown as ``<U+XXXX>``.

    Control characters (C0, DEL, C1: escape sequences lose their introducer), the line
    and paragraph separators U+2028/U+2029, the bidi controls U+202A–U+202E and
    U+2066–U+2069, and lone surrogates. Everything else, including letters of every
    script and the zero-width joiners some names need, is kept.

    Parameters
    ----------
    text : str
        Any text, e.g. a cell of a table.
    multiline : bool
        Keep line feeds and tabs (for a block of text); by default they are shown too,
        so one value stays on one line.

    Returns
    -------
    str
        Text that is printed as it reads. Safe text is returned unchanged, and the
        function is idempotent.

    Examples
    --------
    >>> terminal_safe("\\x1b[2J\\x1b[31mrood")
    '<U+001B>[2J<U+001B>[31mrood'
    >>> terminal_safe("invoice_\\u202egnp.exe")
    'invoice_<U+202E>gnp.exe'
    >>> terminal_safe("a\\nb", multiline=True), terminal_safe("a\\nb")
    ('a\\nb', 'a<U+000A>b')
    """
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    return pattern.sub(_visible, text) if pattern.search(text) else text


def is_number(text: str) -> bool:
    """Whether ``text`` is a plain decimal number (spaces around it allowed).

    An optional sign, ASCII digits with at most one ``.`` or ``,`` as the decimal
    separator (Dutch spreadsheets write ``-3,25``), an optional exponent. Not numbers
    here: ``inf``, ``nan``, hexadecimal, digits of other scripts, thousands separators,
    or anything with an operator after the sign.

    >>> [is_number(t) for t in ["-5", "-3,25", "1e-3", " +7 ", "-1+1", "-", "٣"]]
    [True, True, True, True, False, False, False]
    """
    return _NUMBER.fullmatch(text.strip(" ")) is not None


def csv_safe(value: Any) -> Any:
    """``value`` made safe to write into a CSV cell (OWASP CSV injection).

    A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (after any spaces) and is not a number (:func:`is_number`) gets a ``'`` in front.
    Everything else is returned unchanged: numbers (``int``, ``float``, and texts such
    as ``"-5"``), ``None``, booleans, and texts that start harmlessly.

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    object
        ``value``, or ``"'" + value`` for a text a spreadsheet would run as a formula.
        Nothing is lost (drop the ``'`` to get the value back), and the function is
        idempotent.

    References
    ----------
    OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> csv_safe('=HYPERLINK("http://evil.example","klik")')
    '\\'=HYPERLINK("http://evil.example","klik")'
    >>> csv_safe("-3,25"), csv_safe("-2+3"), csv_safe(-2)
    ('-3,25', "'-2+3", -2)
    """
    if not isinstance(value, str):
        return value
    head = value.lstrip(" ")
    if not head or head[0] not in CSV_TRIGGERS or is_number(value):
        return value
    return "'" + value
