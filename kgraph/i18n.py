"""Dutch and English: every user-facing text goes through :func:`_` (or :func:`ngettext`).

The messages are written in English in the code and marked for extraction; the Dutch
translations live in gettext catalogues, ``kgraph/locale/<lang>/LC_MESSAGES/kgraph.po``,
managed with Babel (``pybabel extract / update / compile``, see ``docs/translating.md``)
and read at run time by the standard library's :mod:`gettext` from the compiled ``.mo``.

The language is chosen per context (a command, a web request): :func:`use_language`
sets it; without a choice it comes from ``KGRAPH_LANG``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English. Texts that must be marked where they are
defined but translated where they are shown (module constants) use :func:`N_`.

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

__all__ = ["_", "N_", "ngettext", "LANGUAGES", "DEFAULT_LANGUAGE", "current_language", "use_language",
           "language_from_environment", "normalize_language"]

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


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """``KGRAPH_LANG``, else the locale's language when kgraph speaks it, else English.

    >>> language_from_environment({"LANG": "nl_NL.UTF-8"}), language_from_environment({})
    ('nl', 'en')
    """
    env = os.environ if environ is None else environ
    for var in ("KGRAPH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
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
        from .errors import OptionError

        raise OptionError(f"unknown language {lang!r}", hint=f"use one of {', '.join(LANGUAGES)}")
    token = _current.set(code or current_language())
    try:
        yield current_language()
    finally:
        _current.reset(token)


def set_language(lang: str | None) -> None:
    """Speak ``lang`` from now on in this context (the CLI sets it once per command)."""
    code = normalize_language(lang)
    if lang and code is None:
        from .errors import OptionError

        raise OptionError(f"unknown language {lang!r}", hint=f"use one of {', '.join(LANGUAGES)}")
    _current.set(code)


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
