"""How easy a page is to read: one measure per language, one limit, the same for the tests and `check`.

English pages are measured with the Flesch–Kincaid grade (school grade 8 or lower; 6 or lower on
"Cramp right now?"), Spanish pages with the Fernández-Huerta reading ease (70 or more; 80 or more on
the quick page). The text is what a reader sees in the article: headings, paragraphs, list items,
table cells and the safety callouts; citations, the source list, related-page links and the review
line are left out. Each block (a heading, a list item, a table cell) counts as its own sentence.

The tests measure the built page (`article_text` of its HTML); `check` measures the same text made
from the page's Markdown without a site engine (legcramps.content_check.page_text). Both call `reading_problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from types import ModuleType

from legcramps.errors import MachineProblem

QUICK_PAGE = "cramp-right-now.md"  # read in a hurry: a stricter limit
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "summary"}
SKIPPED_CLASSES = {"references", "citation", "page-review", "handout-link", "headerlink", "print-only", "md-source-file",
                   "edition-switch"}  # the links to the other editions: the theme's, not the page's words
SKIPPED_IDS = {"related-pages", "sources"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr"}


@dataclass(frozen=True)
class ReadingRule:
    measure: str  # its name, as the message gives it
    limit: float  # for every page but the quick page
    quick_limit: float
    higher_is_easier: bool  # reading ease: higher is easier; a grade: lower is easier
    textstat_lang: str
    # One sentence too long to take in at once, however easy the page around it (a page's measure is an
    # average: a 69-word sentence moved one page from grade 2.0 to 3.6). Spanish takes about a fifth more words.
    sentence_words: int = 40

    def limit_for(self, src: str) -> float:
        return self.quick_limit if src == QUICK_PAGE else self.limit

    def passes(self, score: float, src: str) -> bool:
        limit = self.limit_for(src)
        return score >= limit if self.higher_is_easier else score <= limit


# By the edition's language (theme.language's first part). An edition in another language has no measure yet.
RULES = {
    "en": ReadingRule("Flesch-Kincaid grade", 8.0, 6.0, higher_is_easier=False, textstat_lang="en_US"),
    "es": ReadingRule("Fernández-Huerta reading ease", 70.0, 80.0, higher_is_easier=True, textstat_lang="es",
                      sentence_words=48),
}


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
    """The text a reader reads in a page's <article>, one block a line."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.blocks)


def _textstat() -> ModuleType:
    try:
        import textstat  # type: ignore[import-untyped]
    except ImportError:
        raise MachineProblem("the Python package 'textstat' (the reading measures) is not installed on this computer: "
                             "run `make check`, which installs the site's packages, then check again") from None
    return textstat  # type: ignore[no-any-return]


def reading_score(rule: ReadingRule, text: str) -> float:
    """The rule's measure of a text (textstat 0.7.8). textstat keeps its language in a module setting:
    it is set for this measure and put back."""
    textstat = _textstat()
    textstat.set_lang(rule.textstat_lang)
    try:
        if rule.higher_is_easier:
            return float(textstat.fernandez_huerta(text))
        return float(textstat.flesch_kincaid_grade(text))
    finally:
        textstat.set_lang("en_US")


_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def hardest_sentence(rule: ReadingRule, text: str) -> str:
    """The sentence of at least 8 words that scores worst (else the longest): where an editor starts."""
    sentences = _sentences(text)
    long = [s for s in sentences if len(s.split()) >= 8]
    if not long:
        return max(sentences, key=lambda s: len(s.split()), default="")
    scores = {s: reading_score(rule, s) for s in long}
    return (min if rule.higher_is_easier else max)(long, key=scores.__getitem__)


@dataclass(frozen=True)
class ReadingProblem:
    score: float
    sentence: str  # the hardest sentence, to point the editor at
    message: str


def reading_problem(language: str, src: str, text: str) -> ReadingProblem | None:
    """None if a page of this edition's language reads easily enough, else what to say and where to start."""
    rule = RULES.get(language.split("-")[0].lower())
    if rule is None or not text.strip():
        return None
    score = reading_score(rule, text)
    if rule.passes(score, src):
        longest = max(_sentences(text), key=lambda s: len(s.split()), default="")
        words = len(longest.split())
        if words <= rule.sentence_words:
            return None
        return ReadingProblem(score, longest, f"a sentence of {words} words is too long to take in at once "
                                              f"(at most {rule.sentence_words}): split it: '{_shown(longest)}'")
    limit = rule.limit_for(src)
    sentence = hardest_sentence(rule, text)
    shown = _shown(sentence)
    side = "below the lowest allowed" if rule.higher_is_easier else "above the highest allowed"
    message = (f"the page is too hard to read: {rule.measure} {score:.1f}, {side} ({limit:g}): use shorter sentences "
               f"and shorter words, starting with the hardest sentence: '{shown}'")
    return ReadingProblem(score, sentence, message)


def _shown(sentence: str) -> str:
    return sentence if len(sentence) <= 70 else sentence[:67].rstrip() + "..."
