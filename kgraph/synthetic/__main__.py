"""``python -m kgraph.synthetic OUT --persons N --seed S``: a timing convenience."""

from . import _main

_main()
