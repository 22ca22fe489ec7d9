"""Links, pictures and heading ids an editor writes in a page: each one that would not work is one line with the file,
the line and the fix from `python -m legcramps check` (every edition); every link that works passes,
anchors judged on the page's real HTML. The build stops on the same lines for where a link goes, and on
MkDocs' own check for anchors (tests/test_build_refuses.py). The rules: legcramps.checks.links.
"""

from __future__ import annotations

import pytest

from tests.test_check_rules import CheckCopy, copy, measured  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.unit

PAGE = "docs/strategies/heat.md"


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
def test_a_link_that_would_not_work_is_one_line_with_the_fix(copy: CheckCopy, mistake: str) -> None:  # noqa: F811
    written, message = BROKEN[mistake]
    line = copy.append(PAGE, written)
    assert copy.problems() == [f"{PAGE}:{line}: {message}"]


def test_a_broken_link_in_a_translated_page_names_that_edition_s_file(copy: CheckCopy) -> None:  # noqa: F811
    line = copy.append("docs-es/strategies/heat.md", "Vea [cuándo pedir ayuda](../cuando-pedir-ayuda.md).")
    problems = copy.problems()
    assert len(problems) == 1 and problems[0].startswith(f"docs-es/strategies/heat.md:{line}: a link to "
                                                         "'../cuando-pedir-ayuda.md', which is not a file in docs-es/")


WORKING = [
    "See [when to get help](../when-to-get-help.md).",
    # Headings whose anchors only the real HTML gets right: under a line of dashes, inside a note, with code,
    # a class, an entity, and one named after the footer's "Sources" (the footer's { #sources } comes first).
    "Warm up first\n-------------\n\nSee [it](#warm-up-first).",
    '!!! tip "Quick guide"\n    ## Before bed\n\n    Some text.\n\nSee [it](#before-bed).',
    "## Why `quinine` is risky\n\nSee [it](#why-quinine-is-risky).",
    "## Stretch first { .lead }\n\nSee [it](#stretch-first).",
    "## Heat &amp; cold\n\nSee [it](#heat-cold).",
    "## Sources\n\nSee [my heading](#sources_1).",
    "See [the emergency signs](../when-to-get-help.md#emergency) and [what to do](#what-to-do).",
    "See [the sources](#sources), added below every strategy page by the build.",
    "Print [the handout](../handout/leg-cramps-handout-letter.pdf), which the build draws.",
    "![A calf stretch against a wall.](../assets/illustrations/calf-stretch-standing.svg)",
    "Read [the NHS page](https://www.nhs.uk/conditions/leg-cramps/) or write to <mailto:help@example.org>.",
    "In code, `[not a link](nowhere.md)` is left alone, and so is a macro's argument.",
    "A definition nothing uses is no link on the page.\n\n[unused-definition]: ../nowhere.md",
]


def test_every_link_that_works_passes(copy: CheckCopy) -> None:  # noqa: F811
    for written in WORKING:
        copy.append(PAGE, written)
    assert copy.problems() == []


def test_a_page_that_did_not_render_is_not_blamed_for_the_links_to_its_headings(copy: CheckCopy) -> None:  # noqa: F811
    """Its own mistake is the one line: its headings are not known until it renders."""
    copy.append(PAGE, "See [the emergency signs](../when-to-get-help.md#emergency).")
    line = copy.append("docs/when-to-get-help.md", '{{ urgency("panic") }}')
    problems = copy.problems()
    assert len(problems) == 1 and problems[0].startswith(f"docs/when-to-get-help.md:{line}: unknown urgency tier 'panic'")


def test_a_page_whose_related_page_has_a_mistake_is_not_blamed_for_links_to_its_footer(copy: CheckCopy) -> None:  # noqa: F811
    copy.append(PAGE, "See [the sources](#sources).")  # heat.md's related pages include stretching.md
    related = "docs/strategies/stretching.md"
    line = copy.line_of(related, "\nreviewed: ") + 1
    copy.edit(related, copy.text(related).splitlines()[line - 1], "reviewed: 2026-13-01")
    problems = copy.problems()
    assert len(problems) == 1 and problems[0].startswith(f"docs/strategies/stretching.md:{line}:"), problems


def test_a_translated_page_may_link_the_folders_it_shares_with_the_original(copy: CheckCopy) -> None:  # noqa: F811
    """docs-es/assets/icons and assets/social are links to the English folders: the build reads through them."""
    copy.append("docs-es/index.md", "![La tarjeta del sitio.](assets/social/card.png) Vea [el icono](assets/icons/icon-192.png).")
    assert copy.problems() == []


def test_a_link_written_over_two_lines_or_around_a_picture_is_checked_too(copy: CheckCopy) -> None:  # noqa: F811
    line = copy.append(PAGE, "For the warning signs, see [when to get\nhelp](../when-to-get-hepl.md), or\n"
                             "[![A calf stretch.](../assets/illustrations/calf-strech-standing.svg)](stretching.md).")
    assert copy.problems() == [
        f"{PAGE}:{line + 1}: a link to '../when-to-get-hepl.md', which is not a file in docs/ (did you mean "
        "'../when-to-get-help.md'?)",
        f"{PAGE}:{line + 2}: the image '../assets/illustrations/calf-strech-standing.svg' is not a file in docs/ "
        "(did you mean '../assets/illustrations/calf-stretch-standing.svg'?)",
    ]


def test_a_reference_link_is_named_at_its_definition(copy: CheckCopy) -> None:  # noqa: F811
    line = copy.append(PAGE, "See [when to get help][help].\n\n[help]: ../when-to-get-hepl.md")
    assert copy.problems() == [f"{PAGE}:{line + 2}: a link to '../when-to-get-hepl.md', which is not a file in docs/ "
                               "(did you mean '../when-to-get-help.md'?)"]


@pytest.mark.parametrize("taken", ["nerves", "related-pages", "urgency-emergency"])
def test_a_heading_id_the_page_already_has_is_named_at_the_second(copy: CheckCopy, taken: str) -> None:  # noqa: F811
    """Another heading's id, the footer's or a safety box's: the page would be invalid HTML, links would reach the first."""
    page = "docs/look-alikes.md" if taken == "nerves" else "docs/causes.md"
    text = copy.text(page)
    headings = [row for row in text.splitlines() if row.startswith("## ")]
    second = headings[1] if taken == "nerves" else headings[0]
    if taken == "nerves":
        copy.edit(page, headings[0] + "\n", f"{headings[0]} {{ #nerves }}\n")
    line = copy.edit(page, second + "\n", f"{second} {{ #{taken} }}\n")
    assert copy.problems() == [f"{page}:{line}: the id '{taken}' is used twice on this page (by a heading, a safety box "
                               "or the page's footer): give this heading another { #id }"]


def test_a_picture_whose_alt_text_only_names_it_is_refused(copy: CheckCopy) -> None:  # noqa: F811
    text = copy.text("docs/strategies/stretching.md")
    start = text.index("![") + 2
    alt = text[start:text.index("]", start)]
    line = copy.edit("docs/strategies/stretching.md", f"![{alt}]", "![Calf stretch]")
    assert copy.problems() == [f"docs/strategies/stretching.md:{line}: the alt text 'Calf stretch' only names the "
                               "picture: write a sentence saying what it shows, e.g. ![A person leans on a wall with one "
                               "leg straight behind](file.svg)"]
