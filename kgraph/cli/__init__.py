"""The ``kgraph`` command line: a thin layer over the library.

Every command calls one public function of the same name (``who-knows`` →
``kgraph.who_knows``) and renders its result. Errors become exit codes here, in
one place (:class:`KgraphGroup`): see ``kgraph.errors.EXIT_CODES``.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import click

from ..errors import EXIT_CODES, KgraphError, ValidationError
from ..i18n import N_, _, fresh_language, use_language
from ..textsafe import terminal_safe
from ._i18n import HelpTranslated, install_click_translations, lang_option

install_click_translations()

__all__ = ["main", "cli", "COMMANDS"]


class _UserError(click.ClickException):
    """A KgraphError rendered for the terminal: message, problems, hint."""

    def __init__(self, err: KgraphError):
        super().__init__(err.message)
        self.err = err
        self.exit_code = next(code for cls, code in EXIT_CODES.items() if isinstance(err, cls))

    def show(self, file=None) -> None:
        file = file or sys.stderr
        if isinstance(self.err, ValidationError):
            for p in self.err.problems:
                click.echo(terminal_safe(str(p)), file=file)
        click.echo(terminal_safe(_("Error: {message}").format(message=self.err.message)), file=file)
        if self.err.hint:
            click.echo(terminal_safe(_("Hint: {hint}").format(hint=self.err.hint)), file=file)


class KgraphGroup(HelpTranslated, click.Group):
    """Maps library errors to exit codes; ``--debug`` shows the traceback instead.

    Each run starts from the environment's language and leaves the caller's as it was
    (``--lang`` and the store's setting choose it for this run only). The environment's
    language is read once, when the command starts, not at each of the thousands of
    messages an analysis may write (about 10 µs each: four environment variables).
    """

    def main(self, *args, **kwargs):
        with fresh_language():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            with use_language(None):  # the language decided once for the command (the store may still set it)
                return super().invoke(ctx)
        except KgraphError as err:
            if ctx.meta.get("kgraph.debug"):
                raise
            raise _UserError(err) from None
        except BrokenPipeError:  # output piped into `head` and the like
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            ctx.exit(0)
        except OSError as err:  # a file we were asked to read or write
            if ctx.meta.get("kgraph.debug"):
                raise
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            raise click.ClickException(f"{where}{err.strerror or err}") from None  # i18n: exempt (the system's words)

    def list_commands(self, ctx):
        return sorted(self.commands)


@click.group(cls=KgraphGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, envvar="KGRAPH_DEBUG", help=N_("Show tracebacks instead of short error messages."))
@lang_option
@click.version_option(package_name="kgraph", help=N_("Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """kgraph: your organisation as a knowledge graph.

    Finds linking pins and knowledge brokers, knowledge gaps and single points of
    failure, and draws the giraffe view of external actors and their positions.

    \b
    Start with:
      kgraph demo                      load the demo municipality and show findings
      kgraph template my-org/          an empty input template to fill in
      kgraph import my-org/            validate and load your own data
      kgraph who-knows omgevingswet    who knows what
      kgraph list persons              what the other commands can be asked about

    \b
    Language: --lang nl|en (env KGRAPH_LANG), else the store's setting
    (kgraph settings --language nl), else the locale.

    \b
    Exit codes: 0 ok, 1 error, 2 usage, 3 invalid input, 4 store error,
    5 server unavailable, 6 query error, 7 not found, 8 refused by privacy settings.
    """
    ctx.meta["kgraph.debug"] = debug


#: every command, in one list: its name and where it is defined (``module.attribute`` in
#: ``kgraph.cli``). A command's module is imported when the command is first asked for,
#: so ``kgraph who-knows`` loads neither the analyses nor pandas (``kgraph --help``
#: loads them all). ``COMMANDS`` (below) is the same list as command objects.
COMMAND_TABLE: list[tuple[str, str]] = [
    ("demo", "data.demo"), ("template", "data.template"), ("validate", "data.validate"),
    ("import", "data.import_"), ("info", "data.info"), ("generate", "data.generate"), ("history", "data.history"),
    ("list", "listing.list_cmd"), ("settings", "settings.settings"),
    ("linking-pins", "analysis.linking_pins"),
    ("gaps", "knowledge.gaps"), ("who-knows", "knowledge.who_knows"), ("what-if", "knowledge.what_if"),
    ("recommend", "knowledge.recommend"),
    ("stakeholders", "stakeholders.stakeholders"),
    ("monitor", "monitoring.monitor"), ("objectives", "monitoring.objectives"), ("compare", "monitoring.compare"),
    ("engage", "engage.engage"), ("interactions", "engage.interactions"), ("log", "engage.log"),
    ("engage-settings", "engage.engage_settings"),
    ("giraffe", "views.giraffe"), ("network", "views.network"), ("report", "views.report"), ("plot", "views.plot"),
    ("schema-apply", "graphdb.schema_apply"), ("query", "graphdb.query_cmd"), ("export", "graphdb.export_cmd"),
    ("privacy", "privacy.privacy"), ("aggregates", "privacy.aggregates"), ("forget", "privacy.forget"),
    ("person-report", "privacy.person_report"),
    ("ties", "ties.ties"),
    ("user", "accounts.user"), ("survey", "survey.survey"), ("serve", "serve.serve"),
]


def _load(where: str) -> click.Command:
    module, attr = where.rsplit(".", 1)
    return getattr(importlib.import_module(f"{__name__}.{module}"), attr)


class _Commands(MutableMapping):
    """``cli.commands``: the commands by name, each imported on first use (see :data:`COMMAND_TABLE`)."""

    def __init__(self, table: list[tuple[str, str]]):
        self._where: dict[str, str | None] = dict(table)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            where = self._where[name]  # KeyError for an unknown name, as a dict
            self._loaded[name] = _load(where)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._where[name] = None
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._where[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, name: object) -> bool:
        return name in self._where


cli.commands = _Commands(COMMAND_TABLE)


def __getattr__(name: str) -> Any:
    if name == "COMMANDS":  # every command object, in the order of COMMAND_TABLE (imports every module)
        return [cli.commands[n] for n, _where in COMMAND_TABLE]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # i18n: exempt (Python's own wording)


def main() -> None:
    """Entry point of the ``kgraph`` command."""
    from .. import _fork
    from .._gc import end, one_shot

    one_shot()  # a command that ends soon: what an analysis built is not walked again (kgraph._gc)
    _fork.allow()  # and may hand part of an analysis to a forked second process (kgraph._fork)
    try:
        cli(prog_name="kgraph", auto_envvar_prefix=None)
    except SystemExit as stop:
        if stop.code in (0, None):
            end(0)  # flushed, exit handlers run, nothing freed one by one (returns where not safe)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
