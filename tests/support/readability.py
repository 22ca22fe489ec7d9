"""The reading grade of a built page, measured the same way for every page.

The text is what a reader sees in the article: headings, paragraphs, list items, table cells and the
safety callouts. Citations, the source list, related-page links and the review line are left out.
Each block (a heading, a list item, a table cell) counts as its own sentence, as it reads.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import textstat

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "summary"}
SKIPPED_CLASSES = {"references", "citation", "page-review", "handout-link", "headerlink", "print-only", "md-source-file"}
SKIPPED_IDS = {"related-pages", "sources"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr"}


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_article = 0
        self.skip_depth = 0
        self.skip_until_next_h2 = False
        self.stack: list[bool] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if not self.in_article or tag in VOID:
            return
        classes = set((attributes.get("class") or "").split())
        if tag == "h2":
            self.skip_until_next_h2 = attributes.get("id") in SKIPPED_IDS
        skip = bool(classes & SKIPPED_CLASSES) or tag in {"script", "style", "sup"}
        self.stack.append(skip)
        if skip:
            self.skip_depth += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._flush()
            self.in_article -= 1
            return
        if not self.in_article or tag in VOID or not self.stack:
            return
        if tag in BLOCKS:
            self._flush()
        if self.stack.pop():
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skip_depth and not self.skip_until_next_h2:
            self.current.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = []
        if text:
            self.blocks.append(text if text[-1] in ".!?:" else text + ".")


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return "\n".join(parser.blocks)


def reading_grade(html: str) -> float:
    """Flesch–Kincaid grade level of a built page's article text (textstat 0.7.8)."""
    return float(textstat.flesch_kincaid_grade(article_text(html)))


def spanish_reading_ease(html: str) -> float:
    """Fernández-Huerta reading ease of a built Spanish page (70 or more reads easily; textstat 0.7.8).

    textstat keeps its language in a module setting: it is set for this measure and put back.
    """
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(article_text(html)))
    finally:
        textstat.set_lang("en_US")
