"""The page model: what front matter every page needs, and what the check says when it is wrong."""

from __future__ import annotations

from datetime import date

import pytest

from legcramps.errors import ContentError
from legcramps.page_model import (
    STRATEGY_SECTIONS,
    check_strategy_sections,
    parse_page_meta,
    split_front_matter,
)
from tests.support.site import ROOT

GOOD = {
    "title": "Stretch before bed",
    "description": "Gentle calf stretches at bedtime may make night cramps less painful.",
    "keywords": ["charley horse", "night cramps"],
    "reviewed": date(2026, 11, 20),
    "next_review": date(2027, 11, 20),
    "related": ["when-to-get-help.md"],
    "grade": "low",
}


def test_a_complete_strategy_page_is_accepted() -> None:
    meta = parse_page_meta("strategies/stretching.md", GOOD)
    assert meta.is_strategy and meta.grade == "low"
    assert meta.keywords == ("charley horse", "night cramps")
    assert not meta.is_overdue(date(2027, 11, 20)) and meta.is_overdue(date(2027, 11, 21))


def test_other_pages_need_no_grade_and_may_not_have_one() -> None:
    page = {k: v for k, v in GOOD.items() if k != "grade"}
    assert not parse_page_meta("causes.md", page).is_strategy
    with pytest.raises(ContentError, match="'grade' belongs on strategy pages only"):
        parse_page_meta("causes.md", GOOD)


@pytest.mark.parametrize("missing", ["title", "description", "keywords", "reviewed", "next_review", "related", "grade"])
def test_each_required_field_is_named_when_missing(missing: str) -> None:
    page = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises(ContentError, match=f"'{missing}'"):
        parse_page_meta("strategies/x.md", page)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reviewed", "20/11/2026", "must be a date written YYYY-MM-DD"),
        ("next_review", date(2026, 1, 1), "must be later than 'reviewed'"),
        ("grade", "strong", "unknown evidence grade 'strong'"),
        ("keywords", "charley horse", "must be a non-empty list"),
        ("keywords", [], "must be a non-empty list"),
        ("related", ["strategies/x.md"], "lists the page itself"),
        ("description", "x" * 161, "keep it to 160"),
        ("title", "  ", "'title' is required"),
    ],
)
def test_malformed_fields_are_named(field: str, value: object, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_page_meta("strategies/x.md", {**GOOD, field: value})


def test_a_misspelt_field_is_refused() -> None:
    with pytest.raises(ContentError, match="unknown front matter field 'titel'"):
        parse_page_meta("x.md", {**GOOD, "titel": "x"})
    with pytest.raises(ContentError, match="is called 'grade'"):
        parse_page_meta("strategies/x.md", {**GOOD, "evidence": "low"})


def test_front_matter_must_be_there_and_be_valid_yaml() -> None:
    data, body = split_front_matter("---\ntitle: x\n---\n# Body\n")
    assert data == {"title": "x"} and body == "# Body\n"
    with pytest.raises(ContentError, match="front matter is missing"):
        split_front_matter("# No front matter\n")
    with pytest.raises(ContentError, match=r"malformed YAML front matter at line \d"):
        split_front_matter("---\ntitle: x\nkeywords: [a\n---\n")
    with pytest.raises(ContentError, match="malformed front matter"):
        split_front_matter("---\nreviewed: 2026-13-01\n---\n")


def test_strategy_pages_follow_the_template_sections_in_order() -> None:
    body = "".join(f"## {section}\n\ntext\n\n" for section in STRATEGY_SECTIONS)
    check_strategy_sections(body)
    with pytest.raises(ContentError, match="missing the section '## Safety'"):
        check_strategy_sections(body.replace("## Safety", "## Risks"))
    swapped = body.replace("## Safety", "## TMP").replace("## What to do", "## Safety").replace("## TMP", "## What to do")
    with pytest.raises(ContentError, match="must come in this order"):
        check_strategy_sections(swapped)


def test_the_template_itself_is_a_valid_strategy_page() -> None:
    data, body = split_front_matter((ROOT / "templates" / "strategy.md").read_text())
    parse_page_meta("strategies/new.md", data)
    check_strategy_sections(body)


def test_every_page_in_docs_passes_the_model() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for path in pages:
        src = path.relative_to(ROOT / "docs").as_posix()
        data, body = split_front_matter(path.read_text())
        meta = parse_page_meta(src, data)
        if meta.is_strategy:
            check_strategy_sections(body)
