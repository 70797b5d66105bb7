"""``python -m kgraph.synthetic OUT --persons N --seed S``: a timing convenience."""

from . import _main

if __name__ == "__main__":  # pragma: no cover - importing this module runs nothing
    _main()
