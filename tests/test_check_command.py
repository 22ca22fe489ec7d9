"""`python -m legcramps check` and the data files: the handout list, the bibliography, the shared safety words.

Each mistake is made in a throwaway copy of the project's inputs and must come back as one line with
the file, the line of the mistake and the fix; the command exits 1 on any mistake and 0 on the project.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from legcramps.checks.placeholders import template_placeholders
from legcramps.cli import main
from tests.support.editor import ProjectCopy
from tests.support.site import ROOT

pytestmark = pytest.mark.unit

HANDOUT = "data/handout.yml"
COLON = "the value has a colon in it: put the whole value in quotes, "  # then the line as it should be
NEW = "docs/strategies/new.md"


def add_strategy_page(copy: ProjectCopy, name: str = "new") -> None:
    """What `make new-page NAME=new` does (today's review dates), then listing it in nav."""
    today = date.today()
    template = (ROOT / "templates" / "strategy.md").read_text(encoding="utf-8")
    template = re.sub(r"^reviewed: .*$", f"reviewed: {today}", template, flags=re.MULTILINE)
    template = re.sub(r"^next_review: .*$", f"next_review: {today + timedelta(days=365)}", template, flags=re.MULTILINE)
    copy.write(f"docs/strategies/{name}.md", template)
    copy.edit("mkdocs.yml", "          - strategies/chiropractic.md\n",
              f"          - strategies/chiropractic.md\n          - strategies/{name}.md\n")


def quoted(copy: ProjectCopy, path: str, line: int) -> str:
    """The line as the message says to write it: the whole value in quotes (`key: "value: more"`)."""
    key, value = copy.text(path).splitlines()[line - 1].strip().removeprefix("- ").split(": ", 1)
    return f'{key}: "{value}"'


def sub_first(copy: ProjectCopy, path: str, pattern: str, replacement: str) -> None:
    text = copy.text(path)
    assert re.search(pattern, text, flags=re.MULTILINE), f"{path} has no line matching {pattern!r}"
    copy.write(path, re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE))


# --- the handout list (data/handout.yml) ---------------------------------------------------------


def test_an_eleventh_strategy_page_goes_on_the_site_without_touching_the_handout(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    add_strategy_page(copy)
    assert copy.problems() == []


def test_more_than_ten_strategies_on_the_handout_names_the_page_to_drop(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    add_strategy_page(copy)
    sub_first(copy, HANDOUT, r"^sources:", "  - strategies/new.md\nsources:")
    line = copy.line_of(HANDOUT, "strategies/new.md")
    assert copy.problems() == [f"{HANDOUT}:{line}: the handout holds at most 10 strategies and this lists 11: "
                               "remove strategies/new.md (or another)"]


def test_a_handout_entry_that_is_not_a_strategy_page_is_refused(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    sub_first(copy, HANDOUT, r"^  - strategies/.*$", "  - causes.md")
    [problem] = copy.problems()
    assert problem.startswith(f"{HANDOUT}:{copy.line_of(HANDOUT, 'causes.md')}: 'causes.md' is not a strategy page (")


def test_a_mistyped_handout_entry_suggests_the_page(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    line = copy.edit(HANDOUT, "  - strategies/massage.md\n", "  - strategies/masage.md\n")
    assert copy.problems() == [f"{HANDOUT}:{line}: 'strategies/masage.md' is not a strategy page "
                               "(did you mean 'strategies/massage.md'?)"]


def test_a_mistyped_handout_source_suggests_the_key(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    line = copy.edit(HANDOUT, "  - hawke2021\n", "  - hawke2012\n")
    assert copy.problems() == [f"{HANDOUT}:{line}: unknown citation key 'hawke2012' (did you mean 'hawke2021'?)"]


# --- the shared data files -------------------------------------------------------------------------


def test_a_colon_in_a_warning_sign_says_to_use_quotes_not_to_unindent(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    line = copy.edit("data/en/warning-signs.yml", "  sleep: ", "  sleep: note: ")
    assert copy.problems() == [f"data/en/warning-signs.yml:{line}: {COLON}{quoted(copy, 'data/en/warning-signs.yml', line)}"]


def test_a_colon_in_a_quick_step_names_its_line(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    sub_first(copy, "data/en/quick-steps.yml", r"^(\s+how: )", r"\1Note: ")
    line = copy.line_of("data/en/quick-steps.yml", "how: Note: ")
    assert copy.problems() == [f"data/en/quick-steps.yml:{line}: {COLON}{quoted(copy, 'data/en/quick-steps.yml', line)}"]


def test_a_mistyped_quick_step_source_is_named_once_in_the_data_file(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    line = copy.edit("data/en/quick-steps.yml", "sources: [nhs-leg-cramps,", "sources: [nhs-leg-cramp,")
    assert copy.problems() == [f"data/en/quick-steps.yml:{line}: unknown citation key 'nhs-leg-cramp' "
                               "(did you mean 'nhs-leg-cramps'?)"]


def test_a_colon_in_a_source_title_names_its_line(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    entry = "\nnew2024:\n  publisher: NHS\n  title: Cramps: a guide\n  year: 2024\n  url: https://www.nhs.uk/\n"
    copy.write("data/bibliography.yml", copy.text("data/bibliography.yml") + entry)
    line = copy.line_of("data/bibliography.yml", "Cramps: a guide")
    assert copy.problems() == [f'data/bibliography.yml:{line}: {COLON}title: "Cramps: a guide"']


def test_an_incomplete_source_names_the_line_of_its_key(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    copy.write("data/bibliography.yml", copy.text("data/bibliography.yml") + "\nnew2024:\n  title: A page\n  year: 2024\n")
    line = copy.line_of("data/bibliography.yml", "new2024:")
    assert copy.problems() == [f"data/bibliography.yml:{line}: entry 'new2024' needs 'authors' or 'publisher'"]


def test_a_source_copied_without_a_new_key_is_refused_instead_of_replacing_the_first(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    entry = "\nhawke2021:\n  publisher: NHS\n  title: A copied entry\n  year: 2024\n  url: https://www.nhs.uk/\n"
    copy.write("data/bibliography.yml", copy.text("data/bibliography.yml") + entry)
    line = len(copy.text("data/bibliography.yml").splitlines()) - 4  # the copied key: 5th line from the end
    assert copy.problems() == [f"data/bibliography.yml:{line}: 'hawke2021' is written twice: keep one "
                               "(YAML would silently use only the last)"]


def test_a_tab_in_a_data_file_says_to_use_spaces(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    line = copy.edit("data/en/words.yml", "caution_title:", "\tcaution_title:")
    assert copy.problems() == [f"data/en/words.yml:{line}: a tab character: use spaces, not tabs"]


def test_an_unclosed_list_in_front_matter_names_the_line_that_opens_it(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    add_strategy_page(copy)
    line = copy.edit(NEW, "other ways they say it]", "other ways they say it")
    assert copy.problems() == [f"{NEW}:{line}: a list opened with [ is not closed: end it with ], "
                               "e.g. keywords: [one, two]"]


def test_a_deleted_word_is_named_instead_of_crashing_every_page(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    sub_first(copy, "data/en/words.yml", r"^  label_for: .*\n", "")
    section = copy.line_of("data/en/words.yml", "evidence:")
    assert copy.problems() == [f"data/en/words.yml:{section}: evidence.label_for is missing or empty: write the words "
                               "readers see there"]


def test_a_deleted_section_heading_word_is_named(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    sub_first(copy, "data/en/words.yml", r"^  safety: .*\n", "")
    section = copy.line_of("data/en/words.yml", "strategy_sections:")
    assert copy.problems() == [f"data/en/words.yml:{section}: strategy_sections.safety is missing or empty: write the "
                               "words readers see there"]


def test_a_renamed_section_heading_checks_every_strategy_page_against_the_new_name(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    copy.edit("data/en/words.yml", "  safety: Safety", "  safety: Risks and safety")
    problems = copy.problems()
    assert len(problems) == 10
    assert all(p.endswith("strategy page is missing the section '## Risks and safety' (see templates/strategy.md)")
               for p in problems)


def test_a_mistyped_placeholder_in_a_word_suggests_the_setting(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    line = copy.edit("data/en/words.yml", "{emergency_number} now", "{emergency_numbr} now")
    assert copy.problems() == [f"data/en/words.yml:{line}: tiers.emergency.title has an unknown placeholder "
                               "{emergency_numbr} (did you mean 'emergency_number'?)"]


def test_a_mistyped_care_setting_in_mkdocs_yml_is_named_once(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    copy.edit("mkdocs.yml", "    doctor: doctor\n", "    docter: doctor\n")
    assert copy.problems() == ["mkdocs.yml: extra.care has an unknown setting 'docter' (did you mean 'doctor'?)"]


def test_the_help_page_must_show_every_sign_of_a_tier(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    copy.edit("docs/when-to-get-help.md", '{{ urgency("soon") }}', '{{ urgency("soon", "alcohol") }}')
    assert copy.problems() == ['docs/when-to-get-help.md: the page must show every soon sign: write {{ urgency("soon") }}']


# --- the command line ------------------------------------------------------------------------------


def run_check(cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m legcramps check` as a writer runs it, without drawing the PDFs to count their pages (a unit
    test loads no WeasyPrint): that part is test_handout_builds' (test_check_draws_the_handout_...)."""
    env = {name: value for name, value in os.environ.items() if name != "OVERDUE_FAILS"}
    return subprocess.run([sys.executable, "-m", "legcramps", "check", "--no-pdf"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_passes_on_the_project() -> None:
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    # Date reminders (a source due for a check, an overdue page or source) come first and never fail it.
    assert re.fullmatch(r"(reminder: [^\n]*\n)*"
                        r"2 editions \(mkdocs\.yml, mkdocs\.es\.yml\), \d+ pages, \d+ sources: no problems found\n",
                        result.stdout)
    assert result.stderr == ""


def test_check_fails_with_one_line_per_mistake(tmp_path: Path) -> None:
    copy = ProjectCopy(tmp_path)
    add_strategy_page(copy)
    cite = copy.edit(NEW, 'cite("hawke2021")', 'cite("hawke2012")')
    image = copy.edit(NEW, "1. First step", "![](../assets/illustrations/calf-stretch-standing.svg)\n\n1. First step")
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    nav = copy.line_of("mkdocs.es.yml", "strategies/chiropractic.md")
    assert result.stderr.splitlines() == [
        f"{NEW}:{image}: image without alt text: write what it shows, e.g. ![A calf stretch](file.svg)",
        f"{NEW}:{cite + 2}: unknown citation key 'hawke2012' (did you mean 'hawke2021'?): "
        "use the key of the entry in data/bibliography.yml",
        f"{NEW}:2: text from the page template is still here: 'Name of the strategy, in plain words' (and "
        f"{template_more()} more): write this page's own words in its place",
        # every edition is checked, as `make build` builds every edition
        "docs-es/strategies/new.md: this page is missing from the edition: translate docs/strategies/new.md "
        "(nothing falls back to it)",
        f"mkdocs.es.yml:{nav}: nav does not list 'strategies/new.md', which mkdocs.yml lists: add it after "
        "'strategies/chiropractic.md', as there",
    ]


def test_check_in_process_reads_the_config_it_is_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = ProjectCopy(tmp_path)
    line = copy.edit("data/en/warning-signs.yml", "  sleep: ", "  sleep: note: ")
    assert main(["check", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    signs = "data/en/warning-signs.yml"
    assert capsys.readouterr().err == f"{signs}:{line}: {COLON}{quoted(copy, signs, line)}\n"


def test_check_without_a_config_says_where_to_run_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-f", str(tmp_path / "mkdocs.yml")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'mkdocs.yml'}: file not found (run this in the project folder)\n"


def template_more() -> int:
    """How many more placeholder sentences than the first a page fresh from templates/strategy.md holds."""
    return len(template_placeholders((ROOT / "templates" / "strategy.md").read_text(encoding="utf-8"))) - 1


def test_an_overdue_page_is_a_reminder_unless_the_run_asks_to_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Overdue never blocks a fix from deploying; the weekly scheduled run sets OVERDUE_FAILS=1 and stops."""
    copy = ProjectCopy(tmp_path)
    page = "docs/strategies/heat.md"
    text = re.sub(r"^reviewed: .*$", "reviewed: 2019-01-02", copy.text(page), flags=re.MULTILINE)
    copy.write(page, re.sub(r"^next_review: .*$", "next_review: 2020-01-02", text, flags=re.MULTILINE))
    line = f"{page}: review overdue since 2020-01-02: review the page and update 'reviewed' and 'next_review'"
    monkeypatch.delenv("OVERDUE_FAILS", raising=False)
    assert main(["check", "-f", str(tmp_path / "mkdocs.yml"), "--no-pdf"]) == 0  # (the PDFs' page limits: test_handout_builds)
    assert f"reminder: {line}" in capsys.readouterr().out
    monkeypatch.setenv("OVERDUE_FAILS", "1")
    assert main(["check", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    assert line in capsys.readouterr().err
