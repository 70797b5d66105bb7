"""The options of every command agree with each other (issue 14 item 9): limits are --top, the
same option has the same metavar everywhere, a bad date or number is a usage error (exit 2), and
no reST markup leaks into --help."""

from __future__ import annotations

import re

import click
import pytest

from kgraph.cli import COMMANDS, cli
from kgraph.errors import OptionError
from kgraph.i18n import use_language

#: option name -> its metavar wherever it appears
METAVARS = {
    "as_of": "YYYY-MM-DD", "horizon": "12m|2y", "stale_after": "12m|2y", "leaving_within": "12m|2y",
    "issue": "ID|NAME", "actor": "ID|NAME", "midpoint": "1-5", "top": "N", "min_group_size": "N",
    "store": "PATH|URL", "database": "NAME", "from_person": "PERSON", "without": "PERSON", "lang": "nl|en",
    "by": "PERSON", "target_group": "ID|NAME", "window": "12m|2y", "wave": "YYYY-MM-DD", "from_date": "YYYY-MM-DD",
    "to_date": "YYYY-MM-DD", "person": "PERSON",
}


def commands():
    """Every command, those of the groups (kgraph survey create, ...) too."""
    todo = [cli, *COMMANDS]
    while todo:
        cmd = todo.pop(0)
        yield cmd
        if isinstance(cmd, click.Group) and cmd is not cli:
            todo += list(cmd.commands.values())


def options():
    for cmd in commands():
        for p in cmd.params:
            if isinstance(p, click.Option):
                yield cmd, p


def test_same_option_same_metavar():
    for cmd, p in options():
        if p.name in METAVARS and not isinstance(p.type, click.Choice):  # a choice shows its values
            assert p.metavar == METAVARS[p.name], (cmd.name, p.name, p.metavar)


def test_every_value_option_shows_what_it_takes():
    for cmd, p in options():
        if not p.is_flag and not isinstance(p.type, click.Choice) and p.name not in ("help",):
            assert p.metavar, (cmd.name, p.name)


def test_limits_are_top():
    for cmd, p in options():
        if "--limit" in p.opts or p.name in ("limit", "top"):
            assert p.opts[0] == "--top", (cmd.name, p.opts)


def test_every_date_option_refuses_a_day_month_year_date():
    for cmd, p in options():
        if p.name == "as_of":
            ctx = click.Context(cmd)
            with pytest.raises(OptionError, match="is not a date"):
                p.process_value(ctx, "01-12-2026")


@pytest.mark.parametrize("name,value", [("samples", "-5"), ("samples", "abc"), ("leaving_within", "12x"),
                                        ("horizon", "1q"), ("midpoint", "nan"), ("midpoint", "inf")])
def test_bad_numbers_are_refused_as_they_are_read(name, value):
    seen = 0
    for cmd, p in options():
        if p.name == name:
            with pytest.raises((OptionError, click.BadParameter)):
                p.process_value(click.Context(cmd), value)
            seen += 1
    assert seen


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_rest_markup_in_help(lang):
    for cmd in commands():
        with use_language(lang):
            ctx = cmd.make_context(cmd.name or "kgraph", ["--help"], resilient_parsing=True)
            text = cmd.get_help(ctx)
        for mark in ("``", ":func:", ":class:", ":mod:", ":meth:"):
            assert mark not in text, (cmd.name, mark)
        assert not re.search(r"`[^`\n]+`", text), cmd.name
