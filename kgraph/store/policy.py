"""A store's privacy policy: its settings and the wrappers they imply.

Settings live in the store (``privacy.aggregate_only``, ``privacy.min_group_size``)
so that a privacy officer sets them once for everyone who opens it; see
``docs/privacy.md`` for what each mode guarantees. :func:`protect` wraps a store as
its settings and the caller's options require (pseudonyms, aggregate-only guard);
:func:`unwrap` is the one way past a wrapper, for the code that must (suppressed
aggregates read below the guard; erasure and access read the real data).
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import PrivacyError
from ..i18n import _
from ..options import check_group_size
from .base import Store
from .guard import AggregateOnlyStore
from .pseudonym import KEY_ENV, PseudonymStore, load_key

__all__ = ["AGGREGATE_ONLY", "MIN_GROUP_SIZE", "DEFAULT_MIN_GROUP_SIZE", "protect", "unwrap",
           "is_aggregate_only", "min_group_size", "check_group_size", "settings", "update_settings"]

#: store setting keys
AGGREGATE_ONLY = "privacy.aggregate_only"
MIN_GROUP_SIZE = "privacy.min_group_size"
DEFAULT_MIN_GROUP_SIZE = 5


def unwrap(store: Store, *, keep_pseudonyms: bool = True) -> Store:
    """``store`` without its aggregate-only guard; with ``keep_pseudonyms=False`` also
    without pseudonymisation: the store that holds the real data."""
    if isinstance(store, AggregateOnlyStore):
        store = store.inner
    if not keep_pseudonyms:
        while isinstance(store, (AggregateOnlyStore, PseudonymStore)):
            store = store.inner
    return store


def is_aggregate_only(store: Store) -> bool:
    """Whether the store's aggregate-only mode is on."""
    return bool(store.get_setting(AGGREGATE_ONLY, False))


def min_group_size(store: Store, override: int | None = None) -> int:
    """The smallest group an aggregate may describe: ``override``, else the store's
    ``privacy.min_group_size``, else 5. In aggregate-only mode an override below the
    store's value raises :class:`~kgraph.errors.PrivacyError`."""
    stored = check_group_size(store.get_setting(MIN_GROUP_SIZE, DEFAULT_MIN_GROUP_SIZE))
    if override is None:
        return stored
    override = check_group_size(override)
    if override < stored and is_aggregate_only(store):
        raise PrivacyError(
            _("this store is in aggregate-only mode with a minimum group size of {stored}: {override} is refused").format(
                stored=stored, override=override),
            hint=_("use --min-group-size {stored} or more").format(stored=stored),
        )
    return override


_group_size = min_group_size  # for the functions whose option has the same name


def protect(store: Store, *, pseudonymize: bool = False, min_group_size: int | None = None) -> Store:
    """``store`` wrapped as its privacy settings and the caller's options require.

    Pseudonymisation (key from ``KGRAPH_PSEUDONYM_KEY``) wraps first; the
    aggregate-only guard wraps outermost. :func:`kgraph.open` calls this.
    """
    n = _group_size(store, min_group_size)
    if pseudonymize and not isinstance(unwrap(store), PseudonymStore):
        store = PseudonymStore(unwrap(store), load_key(), min_share=n)
    if is_aggregate_only(store) and not isinstance(store, AggregateOnlyStore):
        store = AggregateOnlyStore(store)
    return store


def settings(store: Store) -> dict[str, Any]:
    """``aggregate_only``, ``min_group_size`` and ``pseudonym_key`` (whether
    ``KGRAPH_PSEUDONYM_KEY`` is set here; never the key)."""
    base = unwrap(store, keep_pseudonyms=False)
    return {
        "aggregate_only": is_aggregate_only(base),
        "min_group_size": min_group_size(base),
        "pseudonym_key": "set" if os.environ.get(KEY_ENV) else "not set",
    }


def update_settings(store: Store, *, aggregate_only: bool | None = None, min_group_size: int | None = None,
                    confirm: bool = False) -> dict[str, Any]:
    """Change the store's privacy settings; return them (see :func:`settings`).

    Turning aggregate-only mode off shows person-level data again, so it needs
    ``confirm=True`` (``--yes``).
    """
    base = unwrap(store, keep_pseudonyms=False)
    if min_group_size is not None:
        base.set_setting(MIN_GROUP_SIZE, check_group_size(min_group_size))
    if aggregate_only is not None:
        if not aggregate_only and is_aggregate_only(base) and not confirm:
            raise PrivacyError(_("turning aggregate-only mode off makes person-level output possible again"),
                               hint=_("confirm with --yes (and record why in your processing register)"))
        base.set_setting(AGGREGATE_ONLY, bool(aggregate_only))
    return settings(base)
