"""``kgraph serve``: the intranet (a web application) on a store. The web stack is imported
only when the command runs, so ``kgraph --help`` stays fast."""

from __future__ import annotations

import click

from ..i18n import N_, _
from ._common import command, store_option, summary


@command()
@store_option(privacy=False)
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS", help=N_("Address to listen on."))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, metavar="N",
              help=N_("Port to listen on."))
@click.option("--trust-header", metavar="HEADER", default=None,
              help=N_("Take the logged-in user from this request header, set by a reverse proxy doing single "
                      "sign-on. Only behind a proxy that removes the header from clients' requests (docs/web.md)."))
@click.option("--pseudonymize", is_flag=True,
              help=N_("Analysts see every person under a keyed pseudonym (key from env KGRAPH_PSEUDONYM_KEY)."))
@click.option("--url", default=None, metavar="URL",
              help=N_("The address staff open (env KGRAPH_BASE_URL): survey links made on the admin page point here."))
@click.option("--proxy", "proxies", multiple=True, metavar="IP",
              help=N_("A reverse proxy whose X-Forwarded-For/-Proto headers are believed (repeatable)."))
@click.pass_context
def serve(ctx, store, database, host, port, trust_header, pseudonymize, url, proxies):
    """Serve kgraph on the intranet: who knows what, the analyses and views, the
    survey form, and the JSON API (docs/web.md). Calls kgraph.serve.

    Accounts come from kgraph user add; sessions end when the server stops
    unless KGRAPH_SESSION_KEY holds a secret of at least 32 characters. The
    pages speak the language each user picks; --lang on the command line sets
    the default (else the one set on the admin page, the store's language,
    KGRAPH_LANG, the locale).

    \b
    Examples:
      kgraph serve --store municipality.db
      kgraph serve --host 0.0.0.0 --port 8080 --proxy 10.0.0.2 --trust-header X-Remote-User
    """
    from .. import _fork
    from .._gc import one_shot
    from ..web.server import serve as run

    one_shot(False)  # a long-running server collects its garbage cycles (kgraph._gc)
    _fork.allow(False)  # and never forks inside a request: its threads may hold locks (kgraph._fork)

    def started(address: str) -> None:
        summary(_("kgraph serves {address} (Ctrl-C stops it)").format(address=address))

    chosen = ctx.get_parameter_source("lang") == click.core.ParameterSource.COMMANDLINE
    run(store, database=database, host=host, port=port, trust_header=trust_header, pseudonymize=pseudonymize,
        url=url, proxies=list(proxies), on_start=started, language=ctx.meta.get("kgraph.lang") if chosen else None)
