"""MkDocs hook for the build-overhead breakdown only (bench/build.py copies it into a scratch copy).

Loaded before hooks/site_hooks.py, it makes the handout core return a PDF rendered earlier by a real
build instead of running WeasyPrint. Everything else (macros, page model, citations, the handout's
content collection and preview image, every check) runs as usual, so the difference between this
build and the full one is the cost of rendering the PDFs.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import legcramps.handout as handout  # noqa: E402

PDF = ROOT / "bench-prerendered-handout.pdf"


def _prerendered(*args, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    return PDF.read_bytes()


handout.render_handout = _prerendered
