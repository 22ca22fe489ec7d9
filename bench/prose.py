"""Varied filler text for generated pages, made from the words of the real English pages.

A generated site whose pages all repeat one paragraph compresses unlike a real one: plain
Material's search index of such a site gzips 30-50 times, so the few words each page really owns
(its title and keywords) weigh far more than on a real site. This module learns which word follows
which two words in the real pages' prose (a word-level Markov chain) and writes new sentences from
that, seeded by the page's number: every page differs, every build of the same size is identical,
and the text has the words, lengths and spread of the real site.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from functools import lru_cache

from bench.common import ROOT
from legcramps.model.page_model import split_front_matter

_START = ("", "")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[.,]?")
_SKIP_LINE = re.compile(r"^\s*(#|\||!|<|\{|```|\[\^)")  # headings, tables, pictures, HTML, macros, code, notes
MAX_WORDS = 18  # a sentence ends here if the chain has not ended it (the site's sentences are short)


def _prose_lines() -> list[str]:
    """Plain text lines of the English pages: no headings, tables, macros, front matter or links."""
    lines = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        _, body = split_front_matter(page.read_text(encoding="utf-8"))  # the page model's reading of it
        for line in body.splitlines():
            if not _SKIP_LINE.match(line):
                line = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\]\([^)]*\)|\{[^}]*\}", " ", line)
                lines.append(line)
    return lines


@lru_cache(maxsize=1)
def _chain() -> dict[tuple[str, str], list[str]]:
    """For every two words in a row, the words that follow them in the real pages."""
    chain: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in _prose_lines():
        previous = _START
        for word in _WORD.findall(line):
            chain[previous].append(word)
            previous = _START if word.endswith(".") else (previous[1], word)
    return dict(chain)


def sentence(rng: random.Random) -> str:
    """One sentence of up to MAX_WORDS words, ending with a full stop."""
    chain = _chain()
    words: list[str] = []
    previous = _START
    while len(words) < MAX_WORDS:
        followers = chain.get(previous) or chain[_START]
        word = rng.choice(followers)
        words.append(word)
        if word.endswith("."):
            break
        previous = (previous[1], word)
    text = " ".join(words).rstrip(",")
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def paragraph(seed: str, sentences: int = 4) -> str:
    """`sentences` sentences, the same for the same seed."""
    rng = random.Random(seed)
    return " ".join(sentence(rng) for _ in range(sentences))
