"""Views: self-contained HTML maps (giraffe, network), the report and static plots.

Views call the analyses and never the other way round; every page is written
with kgraph's own template from ``visuals/`` and works offline. The public
functions are exported from :mod:`kgraph`: ``giraffe``, ``network``, ``report``,
``power_interest_grid`` and ``coverage_heatmap`` (module ``plots``).
"""
