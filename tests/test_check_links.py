"""Links and pictures an editor writes in a page: each one that would not work is one line with the file,
the line and the fix, from `python -m legcramps check` (every edition) as from the build, which stops on
it before the site engine's own, line-less warning (tests/test_build_refuses.py); every link that works
passes. The rules: legcramps.checks.links.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legcramps.content_check.command import check_site
from tests.support.editor import TODAY, ProjectCopy, load

pytestmark = pytest.mark.unit

PAGE = "docs/strategies/heat.md"


class LinkCopy(ProjectCopy):
    def append(self, path: str, text: str) -> int:
        """Add a paragraph at the end of a page; return its line."""
        before = self.text(path).rstrip("\n") + "\n\n"
        self.write(path, before + text + "\n")
        return before.count("\n") + 1

    def check(self) -> list[str]:
        """Every line `python -m legcramps check` prints for the copy."""
        return [str(problem) for problem in check_site(self.root / "mkdocs.yml", TODAY).problems]


@pytest.fixture
def copy(tmp_path: Path) -> LinkCopy:
    return LinkCopy(tmp_path)


BROKEN = {
    "a page that is not there": (
        "See [when to get help](../when-to-get-hepl.md).",
        "a link to '../when-to-get-hepl.md', which is not a file in docs/ (did you mean '../when-to-get-help.md'?)"),
    "the page's address instead of its file": (
        "See [when to get help](../when-to-get-help/).",
        "a link to '../when-to-get-help/': link to the page's file, '../when-to-get-help.md'"),
    "a heading the other page does not have": (
        "See [the emergency signs](../when-to-get-help.md#emergncy).",
        "a link to '../when-to-get-help.md#emergncy', but 'when-to-get-help.md' has no heading or anchor '#emergncy' "
        "(did you mean '#emergency'?)"),
    "a heading this page does not have": (
        "See [what to do](#what-to-d).",
        "a link to '#what-to-d', but this page has no heading or anchor '#what-to-d' (did you mean '#what-to-do'?)"),
    "an anchor guessed from a heading's words": (  # not taken for a typed phone number: it is an address
        "See [call now](../when-to-get-help.md#call-911).",
        "a link to '../when-to-get-help.md#call-911', but 'when-to-get-help.md' has no heading or anchor '#call-911'"),
    "from the site's root": (
        "See [when to get help](/when-to-get-help.md).",
        "a link to '/when-to-get-help.md' starts at the site's root: write it from this page's folder, "
        "e.g. '../when-to-get-help.md' (the site is published under a sub-path)"),
    "from the wrong folder": (
        "See [when to get help](when-to-get-help.md).",
        "a link to 'when-to-get-help.md', which is not a file in docs/ (did you mean '../when-to-get-help.md'?)"),
    "a picture that is not there": (
        "![A warm towel on a calf.](../assets/illustrations/calf-strech-towel.svg)",
        "the image '../assets/illustrations/calf-strech-towel.svg' is not a file in docs/ "
        "(did you mean '../assets/illustrations/calf-stretch-towel.svg'?)"),
}


@pytest.mark.parametrize("mistake", list(BROKEN))
def test_a_link_that_would_not_work_is_one_line_with_the_fix(copy: LinkCopy, mistake: str) -> None:
    written, message = BROKEN[mistake]
    line = copy.append(PAGE, written)
    assert copy.check() == [f"{PAGE}:{line}: {message}"]


def test_a_broken_link_in_a_translated_page_names_that_edition_s_file(copy: LinkCopy) -> None:
    line = copy.append("docs-es/strategies/heat.md", "Vea [cuándo pedir ayuda](../cuando-pedir-ayuda.md).")
    problems = copy.check()
    assert len(problems) == 1 and problems[0].startswith(f"docs-es/strategies/heat.md:{line}: a link to "
                                                         "'../cuando-pedir-ayuda.md', which is not a file in docs-es/")


WORKING = [
    "See [when to get help](../when-to-get-help.md).",
    "See [the emergency signs](../when-to-get-help.md#emergency) and [what to do](#what-to-do).",
    "See [the sources](#sources), added below every strategy page by the build.",
    "Print [the handout](../handout/leg-cramps-handout-letter.pdf), which the build draws.",
    "![A calf stretch against a wall.](../assets/illustrations/calf-stretch-standing.svg)",
    "Read [the NHS page](https://www.nhs.uk/conditions/leg-cramps/) or write to <mailto:help@example.org>.",
    "In code, `[not a link](nowhere.md)` is left alone, and so is a macro's argument.",
]


def test_every_link_that_works_passes(copy: LinkCopy) -> None:
    for written in WORKING:
        copy.append(PAGE, written)
    assert load(copy.root)[1] == []


def test_a_page_that_did_not_render_is_not_blamed_for_the_links_to_its_headings(copy: LinkCopy) -> None:
    """Its own mistake is the one line: its headings are not known until it renders."""
    copy.append(PAGE, "See [the emergency signs](../when-to-get-help.md#emergency).")
    line = copy.append("docs/when-to-get-help.md", '{{ urgency("panic") }}')
    problems = load(copy.root)[1]
    assert len(problems) == 1 and problems[0].startswith(f"docs/when-to-get-help.md:{line}: unknown urgency tier 'panic'")


def test_a_page_whose_related_page_has_a_mistake_is_not_blamed_for_links_to_its_footer(copy: LinkCopy) -> None:
    copy.append(PAGE, "See [the sources](#sources).")  # heat.md's related pages include stretching.md
    related = "docs/strategies/stretching.md"
    line = copy.line_of(related, "\nreviewed: ") + 1
    copy.edit(related, copy.text(related).splitlines()[line - 1], "reviewed: 2026-13-01")
    problems = load(copy.root)[1]
    assert len(problems) == 1 and problems[0].startswith(f"docs/strategies/stretching.md:{line}:"), problems
