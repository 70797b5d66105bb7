"""Dutch and English: every user-facing text goes through :func:`_` (or :func:`ngettext`).

The messages are written in English in the code and marked for extraction; the Dutch
translations live in gettext catalogues, ``kgraph/locale/<lang>/LC_MESSAGES/kgraph.po``,
managed with Babel (``pybabel extract / update / compile``, see ``docs/translating.md``)
and read at run time by the standard library's :mod:`gettext` from the compiled ``.mo``.

The language is chosen per context (a command, a web request): :func:`use_language`
sets it; without a choice it comes from ``KGRAPH_LANG``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English. Texts that must be marked where they are
defined but translated where they are shown (module constants) use :func:`N_` (and
:func:`NP_` with a context, e.g. the words for an enum value).

Numbers and dates follow the language with Babel: :func:`format_number` (``1.234,5`` in
Dutch), :func:`format_count` (``1.234``) and :func:`format_day` (``1 december 2026``, for
prose; tables and CSV keep ISO dates).

>>> with use_language("en"):
...     _("no persons in the store")
'no persons in the store'
>>> ngettext("{n} person", "{n} persons", 2).format(n=2)
'2 persons'
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["_", "N_", "NP_", "ngettext", "pgettext", "LANGUAGES", "DEFAULT_LANGUAGE", "current_language",
           "use_language", "set_language", "fresh_language", "language_chosen", "language_from_environment", "normalize_language", "format_number",
           "format_count", "format_day", "babel_locale"]

#: the languages kgraph speaks, the first is the fallback
LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"
DOMAIN = "kgraph"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("kgraph_language", default=None)


def normalize_language(value: str | None) -> str | None:
    """``"nl_NL.UTF-8"`` → ``"nl"``; None for a language kgraph does not speak.

    >>> normalize_language("nl_NL.UTF-8"), normalize_language("EN"), normalize_language("de_DE")
    ('nl', 'en', None)
    """
    if not value:
        return None
    code = str(value).strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else None


_ENV_VARS = ("KGRAPH_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """``KGRAPH_LANG``, else the locale's language when kgraph speaks it, else English.

    >>> language_from_environment({"LANG": "nl_NL.UTF-8"}), language_from_environment({})
    ('nl', 'en')
    """
    if environ is None:  # every _() asks: decide once per set of values
        return _language_of(tuple(os.environ.get(v) for v in _ENV_VARS))
    return _language_of(tuple(environ.get(v) for v in _ENV_VARS))


@functools.lru_cache(maxsize=16)
def _language_of(values: tuple[str | None, ...]) -> str:
    """The language the values of :data:`_ENV_VARS` choose (see :func:`language_from_environment`)."""
    env = dict(zip(_ENV_VARS, values))
    for var in _ENV_VARS:
        lang = normalize_language(env.get(var))
        if lang:
            return lang
        if env.get(var) and var != "KGRAPH_LANG":
            break  # the first locale variable that is set decides (as POSIX does)
    return DEFAULT_LANGUAGE


def current_language() -> str:
    """The language of this context (see the module docstring)."""
    return _current.get() or language_from_environment()


@contextlib.contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Speak ``lang`` inside the block (None: keep the current choice)."""
    code = normalize_language(lang) if lang else None
    if lang and code is None:
        raise _unknown(lang)
    token = _current.set(code or current_language())
    try:
        yield current_language()
    finally:
        _current.reset(token)


@contextlib.contextmanager
def fresh_language() -> Iterator[None]:
    """Forget any choice inside the block (a command starts from the environment) and restore it after."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


def language_chosen() -> bool:
    """Whether this context has chosen a language (else it follows the environment)."""
    return _current.get() is not None


def set_language(lang: str | None) -> None:
    """Speak ``lang`` from now on in this context (the CLI sets it once per command)."""
    code = normalize_language(lang)
    if lang and code is None:
        raise _unknown(lang)
    _current.set(code)


def _unknown(lang: str) -> Exception:
    from .errors import OptionError

    return OptionError(_("unknown language '{lang}'").format(lang=lang),
                       hint=_("use one of {languages}").format(languages=", ".join(LANGUAGES)))


@functools.cache
def _catalogue(lang: str) -> _gettext.NullTranslations:
    if lang == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` in the current language."""
    return _catalogue(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return _catalogue(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart by ``context`` (e.g. a legend)."""
    return _catalogue(current_language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown (with :func:`_`)."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction; it is translated where shown (with :func:`pgettext`)."""
    return message


#: the Babel locale of each language (number and date formats)
_BABEL_LOCALES = {"en": "en_GB", "nl": "nl_NL"}


def babel_locale() -> str:
    """The Babel locale of the current language (``"nl_NL"``)."""
    return _BABEL_LOCALES[current_language()]


def format_number(value: float | int | None, digits: int = 3) -> str:
    """A number as the current language writes it, rounded to ``digits`` significant digits
    below 1,000 (a whole number from there on); empty for None or NaN.

    >>> with use_language("nl"):
    ...     format_number(1234.4), format_number(0.123456), format_number(-2)
    ('1.234', '0,123', '-2')
    >>> with use_language("en"):
    ...     format_number(1234.4), format_number(0.5)
    ('1,234', '0.5')
    """
    if value is None or value != value:  # None, NaN
        return ""
    if isinstance(value, int) or abs(value) >= 1000 or float(value).is_integer():
        return format_count(round(value))
    text = f"{value:.{digits}g}"
    if "e" in text:
        text = f"{value:.{digits + 3}f}".rstrip("0")
    return _babel_decimal(text, babel_locale())


@functools.lru_cache(maxsize=4096)
def _babel_decimal(text: str, locale: str) -> str:
    """The decimal number written as ``text`` (Python's way) in Babel's ``locale``, with its
    decimals; kept, as a page writes the same rounded figures many times (0.3 s for the demo's
    network page)."""
    from babel.numbers import format_decimal

    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_decimal(float(text), format="#,##0." + "#" * max(decimals, 1), locale=locale)


#: the thousands separator of each language in Babel's locale data (``tests/test_i18n.py``
#: checks that :func:`format_count` writes what Babel writes): whole numbers need no Babel,
#: whose locale data takes a tenth of a second to load (``kgraph who-knows`` prints counts)
_THOUSANDS = {"en": ",", "nl": "."}


def format_count(n: int) -> str:
    """A whole number with the language's thousands separator (``1.234`` in Dutch).

    >>> with use_language("nl"):
    ...     format_count(1234567), format_count(-1000), format_count(999)
    ('1.234.567', '-1.000', '999')
    """
    return f"{int(n):,}".replace(",", _THOUSANDS[current_language()])


def format_day(day) -> str:
    """A date as prose writes it: ``1 december 2026`` (Dutch), ``1 December 2026`` (English).

    >>> import datetime
    >>> with use_language("nl"):
    ...     format_day(datetime.date(2026, 12, 1))
    '1 december 2026'
    """
    from babel.dates import format_date

    if not hasattr(day, "isoformat"):
        from .dates import parse_as_of

        day = parse_as_of(day)
    return format_date(day, format="d MMMM y", locale=babel_locale())
