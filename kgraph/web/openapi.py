"""The API's OpenAPI 3.1 description, generated from the registered routes (never written by hand).

Every route registered with :func:`kgraph.web.app.api` carries its summary, parameters,
request body and responses; :func:`openapi` turns them into the document served at
``/api/openapi.json``, so a route cannot exist without being described.
"""

from __future__ import annotations

import re
from typing import Any

from .. import __version__
from .app import ROUTES, Ctx, api

__all__ = ["openapi"]

_TYPES = {"string": {"type": "string"}, "integer": {"type": "integer"}, "number": {"type": "number"}}
_ROLE_NOTE = {None: "No account: the link's token is the credential.", "staff": "Role: staff (or higher).",
              "analyst": "Role: analyst (or admin).", "admin": "Role: admin."}


def openapi() -> dict[str, Any]:
    """The OpenAPI document of every API route."""
    paths: dict[str, dict[str, Any]] = {}
    for spec in ROUTES:
        if spec.kind not in ("api", "survey-api"):
            continue
        in_path = set(re.findall(r"\{(\w+)\}", spec.path))
        params = [{"name": name, "in": "path" if name in in_path else "query", "required": required or name in in_path,
                   "description": desc, "schema": _TYPES.get(typ, {"type": "string"})}
                  for name, typ, required, desc in spec.params]
        for name in sorted(in_path - {p["name"] for p in params}):
            params.append({"name": name, "in": "path", "required": True, "schema": {"type": "string"}})
        responses: dict[str, Any] = {str(code): {"description": text} for code, text in sorted(spec.responses.items())}
        responses.setdefault("200" if 201 not in spec.responses else "201", {"description": "OK"})
        if spec.role is not None:
            responses.setdefault("401", {"description": "not logged in"})
            responses.setdefault("403", {"description": "the account's role may not, or a missing X-CSRF-Token"})
        op: dict[str, Any] = {"summary": spec.summary, "description": _ROLE_NOTE[spec.role],
                              "operationId": f"{spec.methods[0].lower()}_{re.sub(r'[^a-z0-9]+', '_', spec.path.lower()).strip('_')}",
                              "parameters": params, "responses": responses,
                              "security": [] if spec.role is None else [{"basic": []}, {"session": []}]}
        if spec.body is not None:
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": spec.body}}}
        for method in spec.methods:
            paths.setdefault(spec.path, {})[method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "kgraph intranet API", "version": __version__,  # i18n: exempt (for developers, as the keys)
                 "description": "The same results as the kgraph command line's --format json. See docs/web.md."},
        "paths": dict(sorted(paths.items())),
        "components": {"securitySchemes": {
            "basic": {"type": "http", "scheme": "basic"},
            "session": {"type": "apiKey", "in": "cookie", "name": "kgraph_session",
                        "description": "a session from /login; a POST also needs the X-CSRF-Token header"}}},
    }


@api("/api/openapi.json", role=None, summary="This description of the API.", responses={200: "OpenAPI 3.1"})
def document(ctx: Ctx):
    return ctx.json(openapi())
