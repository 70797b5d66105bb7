"""Accounts of the intranet: ``kgraph user add / list / remove`` (see docs/web.md)."""

from __future__ import annotations

import sys

import click

from ..app import accounts
from ..i18n import N_, _, ngettext
from ..vocabulary import value_label
from ._common import counted, format_option, group, open_graph, render, store_option, summary


@group("user")
def user() -> None:
    """Accounts of the intranet (kgraph serve): add, list, remove.

    Roles nest: staff (who knows what, their own data, the survey), analyst
    (also the analyses and views), admin (also import, privacy settings,
    accounts and survey waves). Passwords are stored as argon2id hashes; they
    come from a prompt or from standard input, never from a flag.

    \b
    Examples:
      kgraph user add anna --role staff --person P0150
      printf '%s\\n' "$PASSWORD" | kgraph user add hr-advies --role admin --password-stdin
      kgraph user list
    """


def _password(name: str, from_stdin: bool, none: bool) -> str | None:
    if none:
        return None
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise click.UsageError(_("--password-stdin: standard input holds no password"))
        return line.rstrip("\r\n")
    return click.prompt(_("Password for {name}").format(name=name), hide_input=True,
                        confirmation_prompt=_("Repeat for confirmation"), err=True)


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True, help=N_("What the account may do."))
@click.option("--person", metavar="PERSON", default=None,
              help=N_("The person the account belongs to (id or exact name; required for staff): who-knows paths "
                      "start there."))
@click.option("--password-stdin", is_flag=True, help=N_("Read the password from the first line of standard input."))
@click.option("--no-password", is_flag=True,
              help=N_("No password: the account logs in only through single sign-on (kgraph serve --trust-header)."))
@click.option("--update", is_flag=True,
              help=N_("Change an existing account (its sessions end); its password stays unless --password-stdin."))
@store_option(privacy=False)
@format_option
def user_add(name, role, person, password_stdin, no_password, update, store, database, fmt):
    """Add an account NAME with a role (staff, analyst or admin). Calls kgraph.user_add.

    \b
    Examples:
      kgraph user add anna --role staff --person "Eline van 't Hof"
      kgraph user add anna --role analyst --update --password-stdin < pw.txt
    """
    if password_stdin and no_password:
        raise click.UsageError(_("give --password-stdin or --no-password, not both"))
    keep = update and not password_stdin and not no_password  # an update keeps the password unless given
    with open_graph(store, database, create=True) as kg:
        password = None if keep else _password(name, password_stdin, no_password)
        info = accounts.user_add(kg, name, role=role, password=password, person=person, update=update)
        render([info], fmt)
        role_word = value_label("role", info["role"])
        if info["person"]:
            text = (_("updated account {name} ({role} for {person}) in {store}") if update else
                    _("added account {name} ({role} for {person}) in {store}"))
        else:
            text = _("updated account {name} ({role}) in {store}") if update else _("added account {name} ({role}) in {store}")
        summary(text.format(name=info["name"], role=role_word, person=info["person"], store=kg.location))


@user.command("list")
@store_option(privacy=False)
@format_option
def user_list(store, database, fmt):
    """List the accounts (never their passwords). Calls kgraph.user_list.

    \b
    Examples:
      kgraph user list --format json
    """
    with open_graph(store, database) as kg:
        df = accounts.user_list(kg)
        render(df, fmt)
        summary(_("{accounts} in {store}").format(
            accounts=counted(ngettext("{n} account", "{n} accounts", len(df)), len(df)), store=kg.location))


@user.command("remove")
@click.argument("name")
@store_option(privacy=False)
@format_option
def user_remove(name, store, database, fmt):
    """Remove the account NAME; its sessions end at once. Calls kgraph.user_remove.

    \b
    Examples:
      kgraph user remove anna
    """
    with open_graph(store, database) as kg:
        info = accounts.user_remove(kg, name)
        render([info], fmt)
        summary(_("removed account {name} from {store}").format(name=info["name"], store=kg.location))
