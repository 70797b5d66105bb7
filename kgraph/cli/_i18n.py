"""The command line in the user's language: translated help, ``--lang``, click's own messages.

- Help texts are written in English and marked with ``N_`` where they are defined
  (``help=N_("...")``); :class:`KgraphCommand` translates them when the help is shown,
  so one process can show help in the language chosen for that command.
- ``--lang nl|en`` sits on the ``kgraph`` group and on every command (env
  ``KGRAPH_LANG``); it is eager, so even a usage error speaks that language. Without it
  the store's setting ``lang`` decides once the store is open (``kgraph settings
  --language``), else the locale (see :mod:`kgraph.i18n`).
- click marks its own messages ("Usage:", "Show this message and exit.", "Missing
  argument") for gettext, through the module-level ``_``/``ngettext`` it imports from
  :mod:`gettext`; :func:`install_click_translations` points those names at kgraph's
  catalogue (which holds click's messages, see ``tools/i18n.py``).
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
import inspect
from collections.abc import Iterator

import click

from .. import i18n
from ..i18n import LANGUAGES, N_, _

__all__ = ["KgraphCommand", "KgraphSubgroup", "HelpTranslated", "command", "group", "lang_option",
           "install_click_translations"]

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                  "shell_completion", "_termui_impl")
#: click's help option text (an msgid of click's, translated when shown)
HELP_HELP = "Show this message and exit."


def install_click_translations() -> None:
    """Make click's messages speak the current language (idempotent)."""
    for name in _CLICK_MODULES:
        try:
            mod = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if getattr(mod, "_", None) is gettext.gettext:
            mod._ = i18n._
        if getattr(mod, "ngettext", None) is gettext.ngettext:
            mod.ngettext = i18n.ngettext


@contextlib.contextmanager
def _translated(objs, attr: str) -> Iterator[None]:
    """Show each ``obj.attr`` (an English msgid) translated inside the block."""
    saved = [(o, getattr(o, attr, None)) for o in objs]
    try:
        for o, text in saved:
            if text:
                setattr(o, attr, _(inspect.cleandoc(text)))
        yield
    finally:
        for o, text in saved:
            setattr(o, attr, text)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Speak ``value`` from now on; remember that the user chose it (it beats the store's setting)."""
    if value:
        i18n.set_language(value)
        ctx.meta["kgraph.lang"] = value
    return value


def lang_option(f):
    """``--lang nl|en``: the language of the messages and outputs of this command."""
    return click.option(
        "--lang", "lang", type=click.Choice(LANGUAGES), envvar="KGRAPH_LANG", default=None, is_eager=True,
        expose_value=False, callback=_set_lang, metavar="nl|en",
        help=N_("Language of messages and outputs (env KGRAPH_LANG; default: the store's setting, else the locale)."),
    )(f)


def _prescan(args: list[str]) -> str | None:
    """The value of ``--lang`` among ``args`` (before ``--``), so that even ``--help`` placed before it
    speaks that language (click runs eager options in the order they are given)."""
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


class HelpTranslated:
    """Shows the command's help, short help, epilog and every parameter's help translated."""

    def make_context(self, info_name, args, parent=None, **extra):
        lang = _prescan(list(args))
        if lang and i18n.normalize_language(lang) in LANGUAGES:
            i18n.set_language(lang)
        return super().make_context(info_name, args, parent=parent, **extra)

    def get_help_option(self, ctx: click.Context):
        fresh = self._help_option is None
        opt = super().get_help_option(ctx)
        if opt is not None and fresh:
            opt.help = HELP_HELP  # the English msgid (click translates it once, on creation): translated when shown
        return opt

    def format_help_text(self, ctx, formatter) -> None:
        with _translated([self], "help"):
            super().format_help_text(ctx, formatter)

    def format_epilog(self, ctx, formatter) -> None:
        with _translated([self], "epilog"):
            super().format_epilog(ctx, formatter)

    def format_options(self, ctx, formatter) -> None:
        with _translated(self.get_params(ctx), "help"):
            super().format_options(ctx, formatter)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        words = {"[OPTIONS]": _("[OPTIONS]"), "COMMAND [ARGS]...": _("COMMAND [ARGS]...")}
        return [words.get(p, p) for p in super().collect_usage_pieces(ctx)]

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated([self], "help"), _translated([self], "short_help"):
            return super().get_short_help_str(limit)


class KgraphCommand(HelpTranslated, click.Command):
    """A kgraph command: translated help and a ``--lang`` option of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not any(p.name == "lang" for p in self.params):
            lang_option(self)


class KgraphSubgroup(HelpTranslated, click.Group):
    """A group of kgraph commands (``kgraph survey ...``): translated help and ``--lang``, for
    the group and every command it holds."""

    command_class = KgraphCommand

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not any(p.name == "lang" for p in self.params):
            lang_option(self)


#: groups made with ``@group.group()`` are kgraph groups too
KgraphSubgroup.group_class = KgraphSubgroup


def command(name: str | None = None, **kwargs):
    """``@click.command`` for kgraph: a :class:`KgraphCommand` (help given as ``help=N_(...)``)."""
    kwargs.setdefault("cls", KgraphCommand)
    return click.command(name, **kwargs)


def group(name: str | None = None, **kwargs):
    """``@click.group`` for kgraph: a :class:`KgraphSubgroup`, whose commands are :class:`KgraphCommand`."""
    kwargs.setdefault("cls", KgraphSubgroup)
    return click.group(name, **kwargs)
