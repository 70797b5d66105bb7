"""The files every page loads, served by the application itself: no CDN, nothing from outside.

The maps' scripts and styles are the same as in the self-contained HTML views:
vis-network from the installed pyvis package (:func:`kgraph.views.html.vis_assets`),
``kgraph.js``, ``giraffe.js``, ``network.js`` and ``style.css`` from ``visuals/``; the
web's own ``web.css`` and ``boot.js`` from ``kgraph/web/static/``. A fixed list of
names: nothing else can be asked for.
"""

from __future__ import annotations

import functools
import hashlib

from .. import resources
from .render import STATIC

__all__ = ["routes", "FILES", "asset"]

_JS = "text/javascript; charset=utf-8"
_CSS = "text/css; charset=utf-8"
#: name -> (media type, where from)
FILES = {
    "vis-network.min.js": (_JS, "vis"),
    "vis-network.css": (_CSS, "vis"),
    "kgraph.js": (_JS, "visuals"),
    "giraffe.js": (_JS, "visuals"),
    "network.js": (_JS, "visuals"),
    "style.css": (_CSS, "visuals"),
    "web.css": (_CSS, "web"),
    "boot.js": (_JS, "web"),
}


@functools.cache
def asset(name: str) -> tuple[bytes, str, str]:
    """``(bytes, media type, etag)`` of a static file."""
    media, origin = FILES[name]
    if origin == "vis":
        from ..views.html import vis_assets

        js, css = vis_assets()
        text = js if name.endswith(".js") else css
    elif origin == "visuals":
        text = resources.read_text("visuals", name)
    else:
        text = (STATIC / name).read_text(encoding="utf-8")
    data = text.encode("utf-8")
    return data, media, '"' + hashlib.sha256(data).hexdigest()[:20] + '"'


def routes():
    """The Starlette routes of ``/static/<name>``."""
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    def serve(request):
        name = request.path_params["name"]
        if name not in FILES:
            return PlainTextResponse("not found", status_code=404)
        data, media, etag = asset(name)
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(data, media_type=media, headers={"ETag": etag})

    return [Route("/static/{name}", serve, methods=["GET"])]
