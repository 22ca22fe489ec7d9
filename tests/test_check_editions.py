"""A mistake in one edition's page is named once, in that page: the page in the other edition, which is
fine, is not blamed for it (before, a front-matter mistake in an English page also told the writer to
rename the Spanish one, and one in a Spanish page said it was missing).
"""

from __future__ import annotations

import pytest

from tests.test_check_rules import CheckCopy, copy, measured  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("page", ["docs/strategies/heat.md", "docs-es/strategies/heat.md"])
def test_a_front_matter_mistake_is_named_in_its_own_page_only(copy: CheckCopy, page: str) -> None:  # noqa: F811
    line = copy.line_of(page, "reviewed:")
    copy.edit(page, copy.text(page).splitlines()[line - 1], "reviewed: 2026-13-01")
    assert copy.problems() == [f"{page}:{line}: the date 2026-13-01 does not exist: write a real date as YYYY-MM-DD"]


def test_a_misspelt_related_page_is_named_in_the_original_not_in_its_translation(copy: CheckCopy) -> None:  # noqa: F811
    page = "docs/strategies/heat.md"
    related = copy.text(page).split("related: [", 1)[1].split("]", 1)[0]
    first = related.split(",")[0].strip()
    line = copy.edit(page, f"related: [{first}", f"related: [{first.replace('.md', 'x.md')}")
    assert copy.problems() == [f"{page}:{line}: field 'related' names '{first.replace('.md', 'x.md')}', which is not a "
                               f"page in docs/ (did you mean '{first}'?)"]


def test_a_translation_with_another_grade_names_its_grade_line(copy: CheckCopy) -> None:  # noqa: F811
    page = "docs-es/strategies/heat.md"
    line = copy.line_of(page, "grade:")
    grade = copy.text(page).splitlines()[line - 1]
    copy.edit(page, grade, "grade: high")
    problems = copy.problems()
    assert len(problems) == 1 and problems[0].startswith(f"{page}:{line}: field 'grade' is 'high' but the original page says")
