"""The store's general settings: the language of its outputs and the organisation's name.

``kgraph settings --language nl`` makes every command on that store speak Dutch unless
``--lang`` or ``KGRAPH_LANG`` says otherwise; the organisation's name titles the report
(default: the name of the top department). Privacy settings have their own command
(``kgraph privacy``, :func:`kgraph.app.rights.privacy_settings`).
"""

from __future__ import annotations

from typing import Any

from ..errors import OptionError
from ..i18n import LANGUAGES, _, normalize_language
from ..org import Org

__all__ = ["settings", "organisation_name", "LANG", "NAME"]

LANG = "lang"
NAME = "name"
_UNSET: Any = object()


def settings(kg, *, lang: str | None = _UNSET, name: str | None = _UNSET) -> dict[str, Any]:
    """Show, and optionally change, the store's language and organisation name.

    ``lang`` is ``"nl"`` or ``"en"`` (None or ``""``: follow the locale again); ``name``
    the organisation's name (None or ``""``: the top department's name). Returns the
    settings after the change: ``lang`` and ``name`` (None when not set).

    Examples
    --------
    >>> from kgraph.examples import example_graph
    >>> kg = example_graph()
    >>> settings(kg, lang="nl", name="Gemeente Voorbeeld")
    {'lang': 'nl', 'name': 'Gemeente Voorbeeld'}
    >>> settings(kg, lang=None)["lang"] is None
    True
    """
    store = kg.store
    if lang is not _UNSET:
        code = normalize_language(lang) if lang else None
        if lang and (code is None or str(lang).strip().lower() not in LANGUAGES):
            raise OptionError(_("unknown language '{lang}'").format(lang=lang),
                              hint=_("use one of {languages}").format(languages=", ".join(LANGUAGES)))
        store.set_setting(LANG, code)
    if name is not _UNSET:
        store.set_setting(NAME, (name or "").strip() or None)
    return {LANG: store.get_setting(LANG), NAME: store.get_setting(NAME)}


def organisation_name(org: Org, stored: str | None = None) -> str:
    """The organisation's name: ``stored`` (the store's setting), else the name of the one
    top department (a department without a parent), else ``""``.

    >>> from kgraph.examples import example_org
    >>> organisation_name(example_org()), organisation_name(example_org(), "Gemeente X")
    ('Gemeente', 'Gemeente X')
    """
    if stored:
        return str(stored)
    tops = [d for d in sorted(org.departments) if d not in org.department_parent]
    return org.name(tops[0]) if len(tops) == 1 else ""
