"""The benchmark's generated pages have text of their own, like real pages (bench/prose.py).

If every generated page repeated one paragraph, the benchmark's search index and page sizes would
compress unlike the real site's, and the comparison with plain Material would measure the filler.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bench.common import ROOT
from bench.generate import strategy_page
from bench.prose import MAX_WORDS, paragraph

pytestmark = pytest.mark.unit


def test_every_page_section_gets_different_text_and_the_same_text_every_build() -> None:
    texts = [paragraph(f"{page}-{section}") for page in range(50) for section in range(4)]
    assert len(set(texts)) == len(texts)
    assert paragraph("7-3") == paragraph("7-3")


def test_the_text_is_plain_sentences_that_cannot_break_markdown_or_the_macros() -> None:
    text = " ".join(paragraph(str(seed)) for seed in range(200))
    assert not re.search(r"[{}\[\]<>|#*_`0-9]", text)
    for sentence in re.split(r"(?<=\.) ", text):
        assert sentence[0].isupper() and sentence.endswith(".")
        assert len(sentence.split()) <= MAX_WORDS


def test_two_generated_strategy_pages_share_no_paragraph() -> None:
    template = (ROOT / "templates" / "strategy.md").read_text(encoding="utf-8")
    keys = ["a", "b", "c", "d", "e", "f"]
    first, second = (strategy_page(template, index, 10, keys, date(2026, 1, 1)) for index in (1, 2))
    template_lines = set(template.splitlines())
    own = {line for line in first.splitlines() if line.strip() and line not in template_lines and len(line) > 80}
    assert own and not own & set(second.splitlines())
