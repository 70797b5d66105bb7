"""``kgraph settings``: the store's language and the organisation's name."""

from __future__ import annotations

import click

from ..app.settings import settings as run_settings
from ..i18n import LANGUAGES, N_, _
from ._common import command, format_option, open_graph, render, store_option, summary


@command()
@click.option("--language", type=click.Choice([*LANGUAGES, "none"]), default=None, metavar="nl|en|none",
              help=N_("Store the language of every output from this store (none: follow the locale again)."))
@click.option("--name", default=None, metavar="TEXT",
              help=N_("Store the organisation's name, the title of the report (empty: the top department's name)."))
@store_option(privacy=False)
@format_option
def settings(language, name, store, database, fmt):
    """Show or set the store's language and the organisation's name.

    The language applies to every command on this store unless --lang or
    KGRAPH_LANG says otherwise. Privacy settings: kgraph privacy.

    \b
    Examples:
      kgraph settings --language nl --name "Gemeente Lindenhoven"
      kgraph settings
    """
    kwargs = {}
    if language is not None:
        kwargs["lang"] = None if language == "none" else language
    if name is not None:
        kwargs["name"] = name
    with open_graph(store, database) as kg:
        values = run_settings(kg, **kwargs)
        render([{"setting": k, "value": v} for k, v in values.items()], fmt)
        summary((_("updated {store}") if kwargs else _("settings of {store}")).format(store=kg.location))
