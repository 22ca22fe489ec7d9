"""What an editor is told for each mistake: exactly one line with the file, the line of the mistake and the fix.

Each test copies the project's inputs (mkdocs.yml, docs/, data/), makes one mistake an editor makes, and
runs the same checks as the build and `python -m legcramps check`. New pages start from
templates/strategy.md, as `make new-page` does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legcramps.checks.rules import date_reminders, run_checks
from tests.support.editor import TODAY, ProjectCopy, load, real_project
from tests.support.site import ROOT

pytestmark = pytest.mark.unit

PAGE = "docs/strategies/new.md"
INDENTED = "this line is indented: start every field at the beginning of the line"
COLON = "the value has a colon in it: put the whole value in quotes, "  # then the line as it should be


@pytest.fixture
def copy(tmp_path: Path) -> ProjectCopy:
    """The project with one new strategy page from the template, listed in nav: no problems yet."""
    project = ProjectCopy(tmp_path)
    project.write(PAGE, (ROOT / "templates" / "strategy.md").read_text(encoding="utf-8"))
    project.edit("mkdocs.yml", "          - strategies/chiropractic.md\n",
                 "          - strategies/chiropractic.md\n          - strategies/new.md\n")
    return project


def test_the_project_as_committed_has_no_problems() -> None:
    project, problems = load(ROOT)
    assert project is not None and problems == []


def test_a_new_page_from_the_template_listed_in_nav_has_no_problems(copy: ProjectCopy) -> None:
    assert copy.problems() == []


# --- front matter ------------------------------------------------------------------------------


def test_a_colon_in_the_title_says_to_use_quotes_on_the_title_line(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "title: ", "title: Warmth: ")
    title = copy.text(PAGE).splitlines()[line - 1].removeprefix("title: ")
    assert copy.problems() == [f'{PAGE}:{line}: {COLON}title: "{title}"']


@pytest.mark.parametrize("field", ["description", "keywords", "grade"])
def test_an_indented_field_names_its_own_line(copy: ProjectCopy, field: str) -> None:
    copy.edit(PAGE, f"\n{field}:", f"\n  {field}:")
    assert copy.problems() == [f"{PAGE}:{copy.line_of(PAGE, f'  {field}:')}: {INDENTED}"]


def test_a_deleted_date_is_missing(copy: ProjectCopy) -> None:
    copy.write(PAGE, re.sub(r"^reviewed: .*\n", "", copy.text(PAGE), flags=re.MULTILINE))
    closing = copy.text(PAGE).splitlines().index("---", 1) + 1  # where the field goes
    assert copy.problems() == [f"{PAGE}:{closing}: field 'reviewed' is missing: write the date as YYYY-MM-DD"]


def test_a_date_left_empty_is_missing_on_its_line(copy: ProjectCopy) -> None:
    copy.write(PAGE, re.sub(r"^next_review: .*$", "next_review:", copy.text(PAGE), flags=re.MULTILINE))
    line = copy.line_of(PAGE, "next_review:")
    assert copy.problems() == [f"{PAGE}:{line}: field 'next_review' is missing: write the date as YYYY-MM-DD"]


def test_an_impossible_date_is_named(copy: ProjectCopy) -> None:
    copy.write(PAGE, re.sub(r"^reviewed: .*$", "reviewed: 2026-02-30", copy.text(PAGE), flags=re.MULTILINE))
    line = copy.line_of(PAGE, "reviewed:")
    assert copy.problems() == [f"{PAGE}:{line}: the date 2026-02-30 does not exist: write a real date as YYYY-MM-DD"]


@pytest.mark.parametrize("written", ["Low", "LOW", "Very low", "no-evidence"])
def test_grades_are_accepted_in_any_letter_case(copy: ProjectCopy, written: str) -> None:
    copy.write(PAGE, re.sub(r"^grade: .*$", f"grade: {written}", copy.text(PAGE), flags=re.MULTILINE))
    project, problems = load(copy.root)
    assert problems == []
    assert project is not None and project.pages["strategies/new.md"].meta.grade == written.lower().replace(" ", "-")


def test_a_related_page_that_does_not_exist_is_named_with_the_closest_page(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "related: [when-to-get-help.md", "related: [when-to-get-hlp.md")
    assert copy.problems() == [f"{PAGE}:{line}: field 'related' names 'when-to-get-hlp.md', which is not a page "
                               "in docs/ (did you mean 'when-to-get-help.md'?)"]


def test_a_strategy_page_missing_a_section_is_named(copy: ProjectCopy) -> None:
    copy.edit(PAGE, "## Safety\n", "## Risks\n")
    assert copy.problems() == [f"{PAGE}: strategy page is missing the section '## Safety' (see templates/strategy.md)"]


OVERDUE_LINE = (f"{PAGE}: review overdue since 2026-06-30: review the page and update 'reviewed' and 'next_review' "
                "(until then the page shows readers an overdue notice)")


def test_an_overdue_review_is_listed_and_stops_only_a_run_that_asks_for_it(copy: ProjectCopy) -> None:
    copy.write(PAGE, re.sub(r"^next_review: .*$", "next_review: 2026-06-30", copy.text(PAGE), flags=re.MULTILINE))
    assert copy.problems() == []  # every build but the weekly one publishes it, with a notice
    project = load(copy.root)[0]
    assert project is not None
    assert [str(line) for line in run_checks(project, TODAY).problems] == [OVERDUE_LINE]  # the weekly OVERDUE_FAILS=1 run
    assert not run_checks(project, TODAY, allow_overdue=True).problems
    assert [str(line) for line in date_reminders(project, TODAY, allow_overdue=True)][:1] == [OVERDUE_LINE]


# --- macros --------------------------------------------------------------------------------------


def test_a_jinja_syntax_error_names_the_line_of_the_mistake(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, '{{ cite("hawke2021") }}', '{{ cite("hawke2021") }')
    assert copy.problems() == [f"{PAGE}:{line}: macro written wrongly: unexpected '}}' (check the {{{{ }}}} and quotes)"]


def test_an_unclosed_quote_names_its_own_line_not_where_jinja_noticed(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, '{{ cite("hawke2021") }}', '{{ cite("hawke2021) }}')
    assert copy.problems() == [f"{PAGE}:{line}: macro written wrongly: it is not closed (check its quotes and brackets, "
                               "and end it with }})"]


def test_an_unclosed_if_names_the_line_that_opens_it(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "## Why it might help", "{% if care.urgent_number %}\n\n## Why it might help")
    assert copy.problems() == [f"{PAGE}:{line}: macro written wrongly: {{% if %}} is never closed "
                               "(add {% endif %} where it should end)"]


def test_a_mistyped_citation_key_suggests_the_existing_one(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, 'cite("hawke2021")', 'cite("hawke2012")')
    assert copy.problems() == [f"{PAGE}:{line}: unknown citation key 'hawke2012' (did you mean 'hawke2021'?): "
                               "use the key of the entry in data/bibliography.yml"]


def test_a_mistyped_macro_name_suggests_the_macro(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "{{ caution(", "{{ cautoin(")
    assert copy.problems() == [f"{PAGE}:{line}: unknown macro or variable 'cautoin' (did you mean 'caution'?)"]


def test_a_macro_without_brackets_is_refused(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "## Safety\n", "## Safety\n\n{{ quick_steps }}\n")
    assert copy.problems() == [f"{PAGE}:{line + 2}: the macro 'quick_steps' needs brackets: write {{{{ quick_steps() }}}}"]


def test_a_mistyped_care_setting_suggests_the_setting(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "## Safety\n", "## Safety\n\nCall {{ care.emergency_numbr }}.\n")
    assert copy.problems() == [f"{PAGE}:{line + 2}: unknown setting 'care.emergency_numbr' (did you mean "
                               "'emergency_number'?) (settings live in extra.care in mkdocs.yml)"]


def test_an_unknown_warning_sign_suggests_the_closest_id(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "## When to get help\n", '## When to get help\n\n{{ urgency("urgent", "calf-swolen") }}\n')
    assert copy.problems() == [f"{PAGE}:{line + 2}: unknown warning sign 'calf-swolen' (did you mean 'calf-swollen'?): "
                               "signs are written once in data/en/warning-signs.yml or topic-signs.yml"]


def test_a_sign_used_in_the_wrong_tier_names_its_tier(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, "## When to get help\n", '## When to get help\n\n{{ urgency("urgent", "chest-pain") }}\n')
    assert copy.problems() == [f"{PAGE}:{line + 2}: the warning sign 'chest-pain' belongs to the 'emergency' tier, "
                               """not 'urgent': write urgency("emergency", "chest-pain")"""]


def test_an_unknown_check_first_group_suggests_the_group(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, 'check_first("pregnancy", "kidney")', 'check_first("pregnancy", "kidneys")')
    assert copy.problems() == [f"{PAGE}:{line}: unknown check_first group 'kidneys' (did you mean 'kidney'?)"]


def test_a_macro_with_too_many_arguments_is_named(copy: ProjectCopy) -> None:
    line = copy.edit(PAGE, '{{ check_first("pregnancy", "kidney") }}', '{{ evidence("low", "x", "y") }}')
    assert copy.problems() == [f"{PAGE}:{line}: a macro has the wrong arguments: evidence() was given too many values; "
                               "write evidence(grade=None, context=None)"]


# --- images, navigation, sources -----------------------------------------------------------------


@pytest.mark.parametrize(("image", "fix"), [
    ("![](../assets/illustrations/calf-stretch-standing.svg)", "write what it shows, e.g. ![A calf stretch](file.svg)"),
    ('<img src="../assets/x.svg">', 'add alt="what it shows" to the <img> tag'),
    ('<img src="../assets/x.svg" alt="">', 'add alt="what it shows" to the <img> tag'),
])
def test_an_image_without_alt_text_is_named(copy: ProjectCopy, image: str, fix: str) -> None:
    line = copy.edit(PAGE, "1. First step", f"{image}\n\n1. First step")
    assert copy.problems() == [f"{PAGE}:{line}: image without alt text: {fix}"]


def test_featuring_too_many_strategies_on_the_home_page_names_the_last_one(copy: ProjectCopy) -> None:
    for name in ("rest", "hydration", "footwear"):
        copy.edit(f"docs/strategies/{name}.md", "\ngrade: ", "\nfeatured: true\ngrade: ")
    line = copy.line_of("docs/strategies/footwear.md", "featured:")
    assert copy.problems() == [f"docs/strategies/footwear.md:{line}: 7 strategy pages are featured on the home page; "
                               "feature at most 5: take 'featured: true' off this page or another"]


def test_a_page_missing_from_nav_says_to_add_it(copy: ProjectCopy) -> None:
    copy.edit("mkdocs.yml", "      - strategies/new.md\n", "")
    assert copy.problems() == [f"{PAGE}: this page is not in the navigation: add it to nav in mkdocs.yml"]


def test_an_unused_bibliography_source_names_its_line(copy: ProjectCopy) -> None:
    entry = ("\nunused2024:\n  publisher: NHS\n  title: An unused page\n  year: 2024\n  url: https://www.nhs.uk/\n"
             "  checked: 2026-12-01\n")
    copy.write("data/bibliography.yml", copy.text("data/bibliography.yml") + entry)
    line = copy.line_of("data/bibliography.yml", "unused2024:")
    assert copy.problems() == [f"data/bibliography.yml:{line}: source 'unused2024' is cited by no page: cite it or delete it"]


def test_one_broken_page_gives_one_line_not_echoes_from_the_pages_that_link_to_it(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)  # the real pages: massage, the help page, nav and the handout name this page
    line = copy.edit("docs/strategies/heat.md", "title: ", "title: Heat: ")
    title = copy.text("docs/strategies/heat.md").splitlines()[line - 1].removeprefix("title: ")
    assert copy.problems() == [f'docs/strategies/heat.md:{line}: {COLON}title: "{title}"']


def test_the_real_model_reads_every_page() -> None:
    assert set(real_project().pages) == {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}


def test_a_web_source_with_no_checked_date_names_its_line(copy: ProjectCopy) -> None:
    text = copy.text("data/bibliography.yml")
    start = text.index("\nquebec-tetanus:")
    checked = re.compile(r"^  checked: .*\n", re.MULTILINE).search(text, start)
    assert checked is not None
    copy.write("data/bibliography.yml", text[:checked.start()] + text[checked.end():])
    line = copy.line_of("data/bibliography.yml", "quebec-tetanus:")
    assert copy.problems() == [f"data/bibliography.yml:{line}: source 'quebec-tetanus': web page with no 'checked' "
                               "date: compare our wording with it, then add checked: YYYY-MM-DD"]
