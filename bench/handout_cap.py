"""MkDocs hook used only by the generated benchmark sites (bench/generate.py copies it in).

The real handout (hooks/handout.py) lists every strategy page and must fit on two pages, so a site
of 100 or 1,000 strategies cannot build it. This hook, loaded before hooks/site_hooks.py, makes the
handout list only the first `LIMIT` strategies: the generated sites then pay the same handout cost
as the real site (10 strategies), and the scaling figures measure the page engine. How the handout
itself grows with the strategy count is measured separately (bench/handout.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import legcramps.handout as handout  # noqa: E402

LIMIT = 10

_every_strategy = handout.strategies_in_nav_order


def _first_strategies(*args, **kwargs):  # type: ignore[no-untyped-def]
    return _every_strategy(*args, **kwargs)[:LIMIT]


handout.strategies_in_nav_order = _first_strategies
