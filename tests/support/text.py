"""The text a reader gets from a built page or a PDF, with every run of white space as one space."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pypdf


def visible_text(html: str) -> str:
    """A page's text without its scripts, styles and tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)
