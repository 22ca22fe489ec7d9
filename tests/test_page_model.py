"""The page model: what front matter every page needs, what an editor is told when it is wrong, and what
every page gets at its end (related pages, sources, review dates)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from markupsafe import escape

from legcramps.errors import ContentError
from legcramps.model.page_model import check_strategy_sections, parse_page_meta, split_front_matter
from legcramps.model.project import Project
from legcramps.model.words import load_words
from legcramps.render.page_parts import page_footer, review_banner
from legcramps.render.page_render import render_page
from tests.support.editor import ProjectCopy, load, real_project
from tests.support.site import ROOT

pytestmark = pytest.mark.unit

GOOD = {
    "title": "Stretch before bed",
    "description": "Gentle calf stretches at bedtime may make night cramps less painful.",
    "keywords": ["charley horse", "night cramps"],
    "reviewed": date(2026, 11, 20),
    "next_review": date(2027, 11, 20),
    "related": ["when-to-get-help.md"],
    "grade": "low",
}
GRADES = "(use one of: high, moderate, low, very-low, no-evidence, no-benefit)"


def refusal(src: str, data: dict[str, object], front_matter: str = "") -> tuple[str, int | None]:
    with pytest.raises(ContentError) as caught:
        parse_page_meta(src, data, front_matter)
    return caught.value.message, caught.value.line


def test_a_complete_strategy_page_is_accepted() -> None:
    meta = parse_page_meta("strategies/stretching.md", GOOD)
    assert meta.is_strategy and meta.grade == "low"
    assert meta.keywords == ("charley horse", "night cramps")
    assert not meta.is_overdue(date(2027, 11, 20)) and meta.is_overdue(date(2027, 11, 21))


def test_other_pages_need_no_grade_and_may_not_have_one() -> None:
    page = {k: v for k, v in GOOD.items() if k != "grade"}
    assert not parse_page_meta("causes.md", page).is_strategy
    assert refusal("causes.md", GOOD)[0] == "field 'grade' belongs on strategy pages only (docs/strategies/)"


def test_the_page_of_strategies_or_of_a_group_of_them_is_not_a_strategy() -> None:
    page = {key: value for key, value in GOOD.items() if key != "grade"}
    for src in ("strategies/index.md", "strategies/prevent/index.md"):
        assert not parse_page_meta(src, page).is_strategy
    assert "belongs on strategy pages only" in refusal("strategies/index.md", GOOD)[0]


def test_a_strategy_may_be_featured_on_the_home_page_and_only_a_strategy() -> None:
    assert parse_page_meta("strategies/stretching.md", {**GOOD, "featured": True}).featured
    assert not parse_page_meta("strategies/stretching.md", GOOD).featured
    assert refusal("strategies/stretching.md", {**GOOD, "featured": "yes"})[0] == "field 'featured' must be true or false"
    other = {key: value for key, value in GOOD.items() if key != "grade"}
    assert "'featured' belongs on strategy pages only" in refusal("causes.md", {**other, "featured": True})[0]


@pytest.mark.parametrize(("missing", "message"), [
    ("title", "field 'title' is missing (see templates/strategy.md)"),
    ("description", "field 'description' is missing (see templates/strategy.md)"),
    ("keywords", "field 'keywords' is missing, e.g. keywords: [one, two]"),
    ("reviewed", "field 'reviewed' is missing: write the date as YYYY-MM-DD"),
    ("next_review", "field 'next_review' is missing: write the date as YYYY-MM-DD"),
    ("related", "field 'related' is missing, e.g. related: [one, two]"),
    ("grade", "field 'grade' is missing: strategy pages need one, e.g. grade: low"),
])
def test_each_required_field_is_named_when_missing(missing: str, message: str) -> None:
    assert refusal("strategies/x.md", {k: v for k, v in GOOD.items() if k != missing})[0] == message


@pytest.mark.parametrize(("field", "value", "message"), [
    ("reviewed", "20/11/2026", "field 'reviewed' must be a date written YYYY-MM-DD, not '20/11/2026'"),
    ("next_review", date(2026, 1, 1), "field 'next_review' must be later than 'reviewed'"),
    ("grade", "strong", f"field 'grade': unknown evidence grade 'strong' {GRADES}"),
    ("grade", "moderat", "field 'grade': unknown evidence grade 'moderat' (did you mean 'moderate'?)"),
    ("keywords", "charley horse", "field 'keywords' must be a list, e.g. keywords: [one, two]"),
    ("keywords", [], "field 'keywords' must be a list, e.g. keywords: [one, two]"),
    ("related", ["strategies/x.md"], "field 'related' lists the page itself"),
    ("description", "x" * 161, "field 'description' is 161 characters; keep it to 160"),
    ("title", "  ", "field 'title' must be text"),
])
def test_malformed_fields_are_named(field: str, value: object, message: str) -> None:
    assert refusal("strategies/x.md", {**GOOD, field: value})[0] == message


@pytest.mark.parametrize(("written", "key"), [("Low", "low"), ("LOW", "low"), ("Very Low", "very-low"),
                                              (" No-Benefit ", "no-benefit"), ("no evidence", "no-evidence")])
def test_grades_are_read_in_any_letter_case(written: str, key: str) -> None:
    assert parse_page_meta("strategies/x.md", {**GOOD, "grade": written}).grade == key


def test_a_misspelt_field_is_refused_with_the_field_it_resembles() -> None:
    assert refusal("x.md", {**GOOD, "titel": "x"})[0] == "unknown front matter field 'titel' (did you mean 'title'?)"
    assert refusal("strategies/x.md", {**GOOD, "evidence": "low"})[0] == \
        "front matter field 'evidence' is called 'grade', e.g. grade: low"


def test_a_field_mistake_names_its_line_in_the_page() -> None:
    front_matter = "title: Stretch\ndescription: Stretch.\nkeywords: [a]\nreviewed: 20/11/2026\n"
    data = {**GOOD, "reviewed": "20/11/2026"}
    assert refusal("strategies/x.md", data, front_matter)[1] == 5  # the opening --- is line 1


# --- the YAML block at the top of a page ---------------------------------------------------------


def yaml_refusal(source: str) -> tuple[str, int | None]:
    with pytest.raises(ContentError) as caught:
        split_front_matter(source)
    return caught.value.message, caught.value.line


def test_front_matter_is_split_from_the_body() -> None:
    data, body = split_front_matter("---\ntitle: x\n---\n# Body\n")
    assert data == {"title": "x"} and body == "# Body\n"


@pytest.mark.parametrize(("source", "message", "line"), [
    ("# No front matter\n", "front matter is missing: start the page with a --- block (see templates/strategy.md)", 1),
    ("---\ntitle: Cramps: what to do\n---\n",
     'the value has a colon in it: put the whole value in quotes, title: "Cramps: what to do"', 2),
    ("---\ntitle: x\n  description: y\nkeywords: [a]\n---\n",
     "this line is indented: start every field at the beginning of the line", 3),
    ("---\ntitle: x\nrelated: [a.md]\n  grade: low\n---\n",
     "this line is indented: start every field at the beginning of the line", 4),
    ("---\n  title: x\ndescription: y\n---\n", "this line is indented: start every field at the beginning of the line", 2),
    ("---\ntitle: x\nkeywords: [a, b\nreviewed: 2026-11-20\n---\n",
     "a list opened with [ is not closed: end it with ], e.g. keywords: [one, two]", 3),
    ('---\ntitle: "Stretch\ndescription: y\n---\n',
     "a quote is opened but never closed: close it with the same quote mark", 2),
    ('---\ntitle: "Stretch" before bed\n---\n', "text after the closing quote: put the whole value inside the quotes", 2),
    ("---\ntitle: x\n\tdescription: y\n---\n", "a tab character: use spaces, not tabs", 3),
    ("---\ntitle: @home\n---\n",
     "the value starts with a sign YAML keeps for itself (such as @ ` % * & !): put it in quotes", 2),
    ("---\ntitle: x\nreviewed: 2026-13-01\n---\n", "the date 2026-13-01 does not exist: write a real date as YYYY-MM-DD", 3),
    ("---\n- title\n---\n", "front matter must be a list of 'field: value' lines", 2),
    ("---\ntitle: x\ngrade: low\ntitle: y\n---\n",
     "'title' is written twice: keep one (YAML would silently use only the last)", 4),
])
def test_yaml_mistakes_are_explained_on_the_line_of_the_mistake(source: str, message: str, line: int) -> None:
    assert yaml_refusal(source) == (message, line)


# --- strategy pages ------------------------------------------------------------------------------


SECTIONS = load_words(ROOT / "data" / "en" / "words.yml").strategy_sections
SECTIONS_ES = load_words(ROOT / "data" / "es" / "words.yml").strategy_sections


def test_strategy_pages_follow_the_template_sections_in_order() -> None:
    body = "".join(f"## {section}\n\ntext\n\n" for section in SECTIONS)
    check_strategy_sections(body, SECTIONS)
    with pytest.raises(ContentError, match=r"^strategy page is missing the section '## Safety'"):
        check_strategy_sections(body.replace("## Safety", "## Risks"), SECTIONS)
    swapped = body.replace("## Safety", "## TMP").replace("## What to do", "## Safety").replace("## TMP", "## What to do")
    with pytest.raises(ContentError, match="^strategy page sections must come in this order: What to do, Why it might"):
        check_strategy_sections(swapped, SECTIONS)


def test_a_section_heading_may_carry_an_explicit_anchor() -> None:
    body = "".join(f"## {section} {{ #part-{number} }}\n\ntext\n\n" for number, section in enumerate(SECTIONS))
    check_strategy_sections(body, SECTIONS)


def test_each_edition_checks_the_section_headings_in_its_own_language() -> None:
    assert SECTIONS_ES == ("Qué hacer", "Por qué podría ayudar", "Qué dicen los estudios", "Seguridad", "Cuándo pedir ayuda")
    spanish = "".join(f"## {section}\n\ntexto\n\n" for section in SECTIONS_ES)
    check_strategy_sections(spanish, SECTIONS_ES)
    with pytest.raises(ContentError, match=r"^strategy page is missing the section '## What to do'"):
        check_strategy_sections(spanish, SECTIONS)
    with pytest.raises(ContentError, match=r"^strategy page is missing the section '## Seguridad'"):
        check_strategy_sections(spanish.replace("## Seguridad", "## Riesgos"), SECTIONS_ES)


def test_the_template_itself_is_a_valid_strategy_page() -> None:
    data, body = split_front_matter((ROOT / "templates" / "strategy.md").read_text(encoding="utf-8"))
    parse_page_meta("strategies/new.md", data)
    check_strategy_sections(body, SECTIONS)


# --- what every page gets at its end ---------------------------------------------------------------


@pytest.fixture
def new_page(tmp_path: Path) -> tuple[Project, str]:
    """A strategy page from the template that relates to two pages and cites two sources."""
    copy = ProjectCopy(tmp_path)
    page = (ROOT / "templates" / "strategy.md").read_text(encoding="utf-8")
    page = re.sub(r"^related: .*$", "related: [strategies/heat.md, when-to-get-help.md]", page, flags=re.MULTILINE)
    page = page.replace("## Why it might help", '{{ cite("nhs-leg-cramps") }}\n\n## Why it might help')
    copy.write("docs/strategies/new.md", page)
    project, _ = load(tmp_path)
    assert project is not None
    return project, "strategies/new.md"


def footer(project: Project, src: str) -> str:
    return page_footer(project, src, render_page(project, project.pages[src]).macros.citations)


def test_the_footer_links_related_pages_relative_to_the_page(new_page: tuple[Project, str]) -> None:
    project, src = new_page
    text = footer(project, src)
    assert '## Related pages { #related-pages data-search-exclude="true" }' in text
    assert f"- [{project.pages['strategies/heat.md'].meta.title}](heat.md)" in text
    assert f"- [{project.pages['when-to-get-help.md'].meta.title}](../when-to-get-help.md)" in text


def test_the_footer_numbers_sources_in_the_order_the_page_cites_them(new_page: tuple[Project, str]) -> None:
    text = footer(*new_page)
    assert '## Sources { #sources data-search-exclude="true" }' in text
    assert text.index('<li id="ref-nhs-leg-cramps">') < text.index('<li id="ref-hawke2021">')
    assert text.count("<li id=") == 2


def test_the_footer_gives_the_review_dates_in_words_and_machine_form(new_page: tuple[Project, str]) -> None:
    assert ('<p class="page-review">Page last reviewed: <time datetime="2026-01-31">January 31, 2026</time>. '
            'Next review due: <time datetime="2027-01-31">January 31, 2027</time>.</p>') in footer(*new_page)


def test_a_uk_edition_writes_dates_the_uk_way(new_page: tuple[Project, str]) -> None:
    project, src = new_page
    words = replace(project.words, locale="en-GB")
    assert '<time datetime="2026-01-31">31 January 2026</time>' in footer(replace(project, words=words), src)


def test_a_page_without_citations_gets_no_source_list() -> None:
    text = footer(real_project(), "about/privacy.md")
    assert "#sources" not in text and "references" not in text


def test_an_overdue_page_carries_a_notice_for_readers_with_the_due_date(new_page: tuple[Project, str]) -> None:
    project, _ = new_page
    banner = review_banner(*new_page)
    assert "Review overdue since January 31, 2027" in banner
    assert str(escape(project.words.overdue["text"])) in banner  # the edition's own words (words.yml)
