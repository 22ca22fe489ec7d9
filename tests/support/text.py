"""The text a reader gets from a built page or a PDF, with every run of white space as one space."""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from html import unescape
from pathlib import Path

import pikepdf
import pypdf


def visible_text(html: str) -> str:
    """A page's text without its scripts, styles and tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def font_sizes(pdf: bytes, page: int | None = None) -> Counter[float]:
    """The size in points (to 0.1) of every piece of text the PDF draws, counted in characters; `page`: one page only.

    Read from the PDF itself: each text piece's font size times the scale of its text and graphics matrices."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes[round(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]), 1)] += len(text.strip())

    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    for each in pages if page is None else [pages[page]]:
        each.extract_text(visitor_text=visit)
    return sizes


def structure_tags(pdf: bytes) -> list[str]:
    """Every tag in a tagged PDF's structure tree ("/H1", "/TH", ...), one per element."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        found, stack = [], [document.Root.StructTreeRoot.K]
        while stack:
            item = stack.pop()
            if isinstance(item, pikepdf.Array):
                stack.extend(item)
            elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
                found.append(str(item.S))
                if "/K" in item:
                    stack.append(item.K)
    return found
