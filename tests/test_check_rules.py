"""`python -m legcramps check` refuses every content mistake CI refuses, in every edition, one line each.

Each mistake is made in a throwaway copy of the project (both editions, the data, the page template)
and must come back as exactly one line: the file, the line and the fix. The copies start from a copy
checked once, so only the pages a test changes are measured for reading ease again.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from legcramps.checks.rules import run_checks
from legcramps.cli import main
from legcramps.content_check.command import check_site
from legcramps.content_check.reading import CACHE_DIR
from tests.support.editor import TODAY, ProjectCopy, real_project
from tests.support.site import ROOT
from tests.test_check_command import NEW, add_strategy_page

pytestmark = pytest.mark.unit


class CheckCopy(ProjectCopy):
    def problems(self) -> list[str]:
        """Every line `check` prints for the copy (all editions)."""
        return [str(problem) for problem in check_site(self.root / "mkdocs.yml", TODAY).problems]

    def append(self, path: str, text: str) -> int:
        """Add a paragraph at the end of a page; return the line it starts on."""
        before = self.text(path).rstrip("\n") + "\n\n"
        self.write(path, before + text + "\n")
        return before.count("\n") + 1


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("measured")
    ProjectCopy(root)
    assert check_site(root / "mkdocs.yml", TODAY).problems == []
    return root / CACHE_DIR


@pytest.fixture
def copy(tmp_path: Path, measured: Path) -> CheckCopy:
    project = CheckCopy(tmp_path)
    shutil.copytree(measured, tmp_path / CACHE_DIR)
    return project


def page_citing_only_what_others_cite() -> str:
    """A strategy page whose sources other pages cite too: it can lose them without leaving one uncited."""
    project = real_project()
    rendered = run_checks(project, TODAY).rendered
    for src, page in sorted(project.pages.items()):
        others = {key for other, found in rendered.items() if other != src for key in found.macros.citations.order}
        if page.meta.is_strategy and set(rendered[src].macros.citations.order) <= others:
            return src
    raise AssertionError("every strategy page cites a source no other page cites")


def cite_only(copy: CheckCopy, src: str, keys: str) -> int:
    """Replace every citation on the page by one citation of `keys`; return its line."""
    text = copy.text(f"docs/{src}")
    first = re.search(r"\{\{ cite\([^)]*\) \}\}", text)
    assert first
    copy.write(f"docs/{src}", re.sub(r"\{\{ cite\([^)]*\) \}\}", "", text[first.end():]).join(
        (text[: first.start()] + f"{{{{ cite({keys}) }}}}", "")))
    return text.count("\n", 0, first.start()) + 1


# --- the real project ------------------------------------------------------------------------------


def test_the_real_content_passes_every_rule_in_every_edition() -> None:
    result = check_site(ROOT / "mkdocs.yml", TODAY)
    assert result.problems == []
    assert result.editions == ["mkdocs.yml", "mkdocs.es.yml"] and result.pages == 2 * len(real_project().pages)


# --- every edition, as the build ---------------------------------------------------------------------


def test_a_missing_spanish_page_is_named(copy: CheckCopy) -> None:
    """What `make build` refuses in the Spanish edition, `check` refuses: before, it checked English only."""
    (copy.root / "docs-es" / "strategies" / "heat.md").unlink()
    problems = copy.problems()
    assert "docs-es/strategies/heat.md: this page is missing from the edition: translate docs/strategies/heat.md " \
           "(nothing falls back to it)" in problems
    assert all("strategies/heat.md" in problem for problem in problems)  # and the pages, nav and handout naming it


def test_a_page_missing_from_the_spanish_nav_is_named_with_where_it_goes(copy: CheckCopy) -> None:
    copy.edit("mkdocs.es.yml", "          - strategies/heat.md\n", "")
    line = copy.line_of("mkdocs.es.yml", "strategies/massage.md")
    assert copy.problems() == [
        "docs-es/strategies/heat.md: this page is not in the navigation: add it to nav in mkdocs.es.yml",
        f"mkdocs.es.yml:{line}: nav does not list 'strategies/heat.md', which mkdocs.yml lists: add it after "
        "'strategies/massage.md', as there",
    ]


# --- reading ease ----------------------------------------------------------------------------------


def test_a_page_too_hard_to_read_names_its_hardest_sentence(copy: CheckCopy) -> None:
    hard = ("Nocturnal gastrocnemius contractions occasionally necessitate comprehensive pharmacological "
            "evaluation, particularly considering electrolyte abnormalities and neuromuscular pathology.")
    line = copy.append("docs/handout.md", " ".join([hard] * 20))  # enough to outweigh whatever the page says
    [problem] = copy.problems()
    assert re.fullmatch(rf"docs/handout\.md:{line}: the page is too hard to read: Flesch-Kincaid grade \d+\.\d, above "
                        r"the highest allowed \(8\): use shorter sentences and shorter words, starting with the hardest "
                        r"sentence: 'Nocturnal gastrocnemius contractions occasionally [^']+\.\.\.'", problem)


def test_the_quick_page_has_a_stricter_limit(copy: CheckCopy) -> None:
    line = copy.append("docs/cramp-right-now.md", "Magnesium supplementation demonstrates inconsistent effectiveness "
                                                  "throughout randomized investigations. " * 12)
    [problem] = copy.problems()
    assert problem.startswith(f"docs/cramp-right-now.md:{line}: the page is too hard to read: Flesch-Kincaid grade ")
    assert "above the highest allowed (6)" in problem


def test_a_spanish_page_too_hard_to_read_is_named(copy: CheckCopy) -> None:
    hard = ("La administración farmacológica indiscriminada de suplementos electrolíticos contraindicados "
            "representa consecuencias potencialmente perjudiciales.")
    line = copy.append("docs-es/about/privacy.md", " ".join([hard] * 4))
    [problem] = copy.problems()
    assert re.fullmatch(rf"docs-es/about/privacy\.md:{line}: the page is too hard to read: Fernández-Huerta reading "
                        r"ease -?\d+\.\d, below the lowest allowed \(70\): use shorter sentences and shorter words, "
                        r"starting with the hardest sentence: 'La administración .*'", problem)


# --- sources, safety, numbers, claims ---------------------------------------------------------------


def test_a_strategy_citing_one_source_is_refused(copy: CheckCopy) -> None:
    src = page_citing_only_what_others_cite()
    line = cite_only(copy, src, '"hawke2021"')
    assert copy.problems() == [f"docs/{src}:{line}: a strategy page cites at least 2 sources and this one cites 1: "
                               "add {{ cite(\"key\") }} after the sentences they support"]


def test_a_strategy_citing_no_study_is_refused(copy: CheckCopy) -> None:
    src = page_citing_only_what_others_cite()
    line = cite_only(copy, src, '"nhs-leg-cramps", "mayo-night-cramps"')
    assert copy.problems() == [f"docs/{src}:{line}: none of the page's sources is a study with a DOI or PubMed number: "
                               "cite at least one (an entry with doi: or pmid: in data/bibliography.yml)"]


def test_a_strategy_without_a_safety_box_is_refused(copy: CheckCopy) -> None:
    page = "docs/strategies/heat.md"
    copy.write(page, re.sub(r"^\{\{ (caution|check_first)\(.*\n", "", copy.text(page), flags=re.MULTILINE))
    line = copy.line_of(page, "## Safety")
    assert copy.problems() == [f"{page}:{line}: a strategy page needs a safety box: add {{{{ caution(\"...\") }}}} or "
                               "{{ check_first(...) }} under '## Safety'"]


@pytest.mark.parametrize("page", ["docs/causes.md", "docs-es/causes.md"])
def test_a_typed_emergency_number_is_refused(copy: CheckCopy, page: str) -> None:
    line = copy.append(page, "Call 911.")
    assert copy.problems() == [f"{page}:{line}: a phone number (911) is typed in the page: write "
                               "{{ care.emergency_number }} instead, so each country's site shows its own"]


def test_a_claimed_reviewer_is_refused_and_saying_there_is_none_is_fine(copy: CheckCopy) -> None:
    line = copy.append("docs/about/disclaimer.md", "This page was medically reviewed by a nurse.")
    assert copy.problems() == [f"docs/about/disclaimer.md:{line}: the page mentions 'medically reviewed by': the site "
                               "holds no quality mark and names no reviewer: take it out, or say plainly that the site "
                               "does not hold it"]
    copy.edit("docs/about/disclaimer.md", "This page was medically reviewed by a nurse.", "We do not hold the HONcode.")
    assert copy.problems() == []


def test_a_sixth_quick_step_is_refused(copy: CheckCopy) -> None:
    steps = "data/en/quick-steps.yml"
    line = copy.edit(steps, "sources:", "  - do: Breathe.\n    how: Slow and deep.\nsources:")
    assert copy.problems() == [
        f"{steps}:{line}: 6 quick steps; 'cramp-right-now.md' shows at most 5: merge two steps or take one out",
        f"data/es/quick-steps.yml:{copy.line_of('data/es/quick-steps.yml', 'steps:')}: 5 quick steps, but the original "
        "has 6: translate each step, add none",
    ]


def test_the_home_page_must_show_the_quick_steps(copy: CheckCopy) -> None:
    copy.edit("docs/index.md", "{{ quick_steps() }}\n", "")
    assert copy.problems() == ["docs/index.md: the home page must show the quick steps: write {{ quick_steps() }}"]


# --- the page template, the bibliography -----------------------------------------------------------


def test_a_page_fresh_from_the_template_is_not_finished(copy: CheckCopy) -> None:
    add_strategy_page(copy)  # what `make new-page` writes, listed in nav
    problems = [problem for problem in copy.problems() if problem.startswith(NEW)]
    assert problems[0] == (f"{NEW}:{copy.line_of(NEW, 'cite(')}: a strategy page cites at least 2 sources and this one "
                           "cites 1: add {{ cite(\"key\") }} after the sentences they support")
    # the count follows templates/strategy.md, which editors may reword
    assert re.fullmatch(rf"{NEW}:2: text from the page template is still here: 'Name of the strategy, in plain words' "
                        r"\(and \d+ more\): write this page's own words in its place", problems[1])
    assert len(problems) == 2


def test_one_template_sentence_left_in_a_page_is_named(copy: CheckCopy) -> None:
    line = copy.append("docs/strategies/heat.md", "Say what is still uncertain.")
    assert copy.problems() == [f"docs/strategies/heat.md:{line}: text from the page template is still here: "
                               "'Say what is still uncertain.': write this page's own words in its place"]


def test_a_misspelt_bibliography_field_suggests_the_field_on_its_line(copy: CheckCopy) -> None:
    line = copy.edit("data/bibliography.yml", "  journal: Neurology\n", "  jornal: Neurology\n")
    assert copy.problems() == [f"data/bibliography.yml:{line}: entry 'katzberg2010' has an unknown field 'jornal' "
                               "(did you mean 'journal'?)"]


# --- the computer, not the page ----------------------------------------------------------------------


def test_a_missing_library_is_the_computers_problem_not_the_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ProjectCopy(tmp_path)  # nothing measured yet: the reading measures are needed
    monkeypatch.setitem(sys.modules, "textstat", None)  # as if it were not installed
    assert main(["check", "-f", str(tmp_path / "mkdocs.yml")]) == 2
    assert capsys.readouterr().err == (
        "Cannot check on this computer: the Python package 'textstat' (the reading measures) is not installed on "
        "this computer: run `make check`, which installs the site's packages, then check again\n")
