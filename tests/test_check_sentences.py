"""One sentence too long to take in at once is refused even when the page around it reads easily: a page's
reading measure is an average, so a single 69-word sentence once passed. The limit (40 words, 48 in
Spanish, which takes about a fifth more words) is legcramps.checks.readability's, the same for `check`
and for the tests that measure the built pages.
"""

from __future__ import annotations

import pytest

from legcramps.checks.readability import RULES, reading_problem
from tests.test_check_rules import CheckCopy, copy, measured  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.unit

# Short, plain words, so the page's own measure stays easy: only the sentence's length is wrong.
EN = ["you", "can", "walk", "a", "bit", "then", "rest", "your", "leg", "and", "drink", "some", "water"]
ES = ["puede", "caminar", "un", "poco", "y", "luego", "descansar", "la", "pierna", "y", "beber", "agua"]


def sentence(words: list[str], count: int) -> str:
    said = [words[index % len(words)] for index in range(count)]
    return " ".join(said).capitalize() + "."


@pytest.mark.parametrize(("page", "words", "limit"), [
    ("docs/strategies/stretching.md", EN, RULES["en"].sentence_words),
    ("docs-es/strategies/stretching.md", ES, RULES["es"].sentence_words),
])
def test_a_sentence_over_the_limit_is_named_with_its_line(copy: CheckCopy, page: str, words: list[str], limit: int) -> None:  # noqa: F811
    line = copy.append(page, sentence(words, limit + 1))
    assert copy.problems() == [f"{page}:{line}: a sentence of {limit + 1} words is too long to take in at once "
                               f"(at most {limit}): split it: '{sentence(words, limit + 1)[:67].rstrip()}...'"]


def test_a_sentence_at_the_limit_passes() -> None:
    text = "Rest your leg. " + sentence(EN, RULES["en"].sentence_words) + " Then walk."
    assert reading_problem("en", "causes.md", text) is None
    assert reading_problem("en", "causes.md", text.replace(". Then walk.", " and then walk.")) is not None
