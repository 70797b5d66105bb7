"""The whole suite (the doctests in kgraph/ too) speaks English unless a test chooses a language.

kgraph takes its language from ``KGRAPH_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``); a developer's Dutch locale must not change what the tests read.
"""

import os

os.environ.pop("KGRAPH_LANG", None)
os.environ["LC_ALL"] = "C.UTF-8"
