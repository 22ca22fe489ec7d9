"""The handout's files in the site, and what the site's templates link to.

The two-page handout's PDFs (the configured country's paper first) and its preview image, then each
other document's PDFs (documents.py: large print, cramp diary), in the same paper order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from legcramps.handout.content import HandoutContent
from legcramps.model.paper import PDF_PATH, PREVIEW_PATH


@dataclass(frozen=True)
class OutputFile:
    path: str  # inside the site, e.g. handout/leg-cramps-handout-a4.pdf
    content: bytes


@dataclass(frozen=True)
class Handout:
    files: tuple[OutputFile, ...]
    links: dict[str, Any] = field(default_factory=dict)  # for the templates: config.extra.handout


def size_kb(pdf: bytes) -> int:
    """The size a reader is told before downloading: whole kilobytes, at least 1."""
    return max(1, round(len(pdf) / 1024))


def handout_links(content: HandoutContent, order: tuple[str, ...], sizes: dict[str, Any]) -> dict[str, Any]:
    """What the site's templates link to (config.extra.handout): each PDF with its size, and the preview."""
    pdfs = [{"paper": content.words.handout[f"paper_{paper}"], "path": PDF_PATH.format(paper=paper), "size_kb": sizes[paper]}
            for paper in order]
    return {"pdfs": pdfs, "preview": PREVIEW_PATH, "reviewed": content.words.long_date(content.reviewed)}


def site_paths(order: tuple[str, ...], others: Sequence[str] = ()) -> tuple[str, ...]:
    """The handout's files in the site: its PDFs, the country's paper first, then the preview, then the
    PDFs of each other document (`others`: their path patterns), in the same paper order."""
    return (*(PDF_PATH.format(paper=paper) for paper in order), PREVIEW_PATH,
            *(path.format(paper=paper) for path in others for paper in order))


def assemble_handout(content: HandoutContent, order: tuple[str, ...], pdfs: dict[str, bytes], preview: bytes,
                     others: Sequence[tuple[str, dict[str, bytes]]] = ()) -> Handout:
    """The site's files and the links to them. `others`: each other document's path pattern and PDFs."""
    contents = [*(pdfs[paper] for paper in order), preview, *(drawn[paper] for _, drawn in others for paper in order)]
    paths = site_paths(order, [path for path, _ in others])
    files = tuple(OutputFile(path, data) for path, data in zip(paths, contents, strict=True))
    return Handout(files, handout_links(content, order, {paper: size_kb(pdfs[paper]) for paper in order}))
