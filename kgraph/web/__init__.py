"""The intranet: ``kgraph serve``, a web application on the facade (see ``docs/web.md``).

Thin, like the command line: every route calls one public function of :mod:`kgraph.app`
and renders its result, as a page (Jinja2 templates in ``templates/``, the maps with
the views' own scripts from ``visuals/``) or as JSON with the same keys as the CLI's
``--format json`` (:mod:`kgraph.jsonrows`).

- :mod:`.server`: ``kgraph.serve`` (uvicorn), and :class:`~.server.Server` for tests;
- :mod:`.state`: the store per thread, the shared handles, the secrets;
- :mod:`.app`: routes by role, one request's handling, the security headers;
- :mod:`.security`: sessions, CSRF, HTTP Basic, single sign-on, throttling;
- :mod:`.pages`, :mod:`.analyst`, :mod:`.admin`, :mod:`.survey_pages`, :mod:`.api`: the routes;
- :mod:`.openapi`: the API's description, generated from the routes;
- :mod:`.render`, :mod:`.static`: templates and the files pages load (nothing from outside).

Nothing here is imported by ``kgraph --help``: the command ``kgraph serve`` imports it.
"""
