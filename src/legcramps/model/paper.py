"""The handout's template, paper sizes and file names, and which paper a country uses first."""

from __future__ import annotations

import math
from pathlib import Path

from legcramps.model.care import CareSettings

# The handout's own template and print stylesheet.
TEMPLATE_DIR = Path("templates") / "handout"  # relative to the project root
TEMPLATE = "handout.html"
STYLESHEET = "handout.css"

# CSS page sizes, and where each PDF goes in the site.
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}
PAPER_NAMES: dict[str, str] = {"a4": "A4", "letter": "US Letter"}
PAPER_MM: dict[str, tuple[float, float]] = {"a4": (210, 297), "letter": (215.9, 279.4)}  # width, height
PDF_PATH = "handout/leg-cramps-handout-{paper}.pdf"
LARGE_PRINT_PATH = "handout/leg-cramps-handout-large-print-{paper}.pdf"  # the same handout, 16 pt and up
DIARY_PATH = "handout/leg-cramps-diary-{paper}.pdf"  # a week of cramps to fill in, for the doctor
PREVIEW_PATH = "handout/leg-cramps-handout-preview.png"
PREVIEW_WIDTH = 480  # pixels: 1.5x the 320 px it is shown at
PREVIEW_GREYS = 4  # grey levels; keeps the handout page within its 100 KB first-visit budget
# Countries whose printers hold US Letter paper; every other country gets A4 first.
LETTER_COUNTRIES = frozenset(
    {"United States", "USA", "Canada", "Mexico", "Philippines", "Chile", "Colombia", "Venezuela",
     "Guatemala", "Costa Rica", "Dominican Republic", "Puerto Rico", "Panama"}
)


def paper_order(care: CareSettings) -> tuple[str, ...]:
    """The paper sizes, the one the configured country uses first."""
    return ("letter", "a4") if care.country in LETTER_COUNTRIES else ("a4", "letter")


def preview_size(paper: str) -> tuple[int, int]:
    """The preview image's size in pixels: known before it is drawn, so the handout page can be written first.

    Page 1 drawn PREVIEW_WIDTH pixels wide; the height rounded up as the PDF renderer (pypdfium2) does.
    """
    width, height = PAPER_MM[paper]
    return PREVIEW_WIDTH, math.ceil(PREVIEW_WIDTH * height / width)
