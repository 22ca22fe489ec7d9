"""A writer's mistakes in the data files and the Spanish edition's copies of them: one line each, on the
file and line to change, with the fix; the page that is right is never blamed.

Each case is a mistake found by trying the editing loop as a writer would (the shared signs, words and
steps, the search words, the handout list and the bibliography). `check` is what is asked; the build
stops on the same lines (session.py runs the same checks).
"""

from __future__ import annotations

import pytest

from tests.test_check_rules import CheckCopy, copy, measured  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.unit

SIGNS_EN, SIGNS_ES = "data/en/warning-signs.yml", "data/es/warning-signs.yml"


def test_a_misspelt_sign_id_in_the_spanish_signs_is_named_there_with_the_english_id(copy: CheckCopy) -> None:  # noqa: F811
    """Not the page that uses the sign, which is right, and never 'did you mean' the misspelling."""
    line = copy.edit(SIGNS_ES, "\n  fever:", "\n  fevre:") + 1
    assert copy.problems() == [f"{SIGNS_ES}:{line}: the 'urgent' sign 'fevre' is not in {SIGNS_EN} (did you mean "
                               "'fever'?): keep each sign's id as the original writes it, and translate only its words"]


def test_a_sign_left_out_of_the_spanish_signs_is_named_with_where_it_goes(copy: CheckCopy) -> None:  # noqa: F811
    text = copy.text(SIGNS_ES)
    poison = next(row for row in text.splitlines() if row.startswith("  poison:"))
    copy.write(SIGNS_ES, text.replace(poison + "\n", ""))
    before = text.splitlines()[text.splitlines().index(poison) - 1].split(":")[0].strip()
    line = copy.line_of(SIGNS_ES, f"  {before}:")
    assert copy.problems() == [f"{SIGNS_ES}:{line}: the 'urgent' signs have no 'poison', which {SIGNS_EN} has: "
                               f"translate it and add it after '{before}'"]


def test_an_empty_word_is_named_on_its_own_line_not_its_sections(copy: CheckCopy) -> None:  # noqa: F811
    """words.yml has a `sources:` in the footer and a `sources:` section: the footer's is the one named."""
    line = copy.edit("data/es/words.yml", "  sources: Fuentes\n", "  sources:\n")
    assert copy.problems() == [f"data/es/words.yml:{line}: footer.sources is missing or empty: write the words "
                               "readers see there"]


def test_a_misspelt_name_in_the_words_is_named_at_its_line(copy: CheckCopy) -> None:  # noqa: F811
    line = copy.edit("data/en/words.yml", "\ncaution_title:", "\ncaution_tittle:") + 1
    assert copy.problems() == [f"data/en/words.yml:{line}: 'caution_tittle' is not a name this file uses: "
                               "write 'caution_title'"]


def test_an_empty_sign_says_so(copy: CheckCopy) -> None:  # noqa: F811
    text = copy.text(SIGNS_ES)
    sleep = next(row for row in text.splitlines() if row.startswith("  sleep:"))
    line = copy.edit(SIGNS_ES, sleep + "\n", "  sleep:\n")
    assert copy.problems() == [f"{SIGNS_ES}:{line}: the sign 'sleep' is missing or empty: write the words readers see there"]


def test_a_quick_step_without_its_picture_says_the_picture_is_missing(copy: CheckCopy) -> None:  # noqa: F811
    step = copy.line_of("data/en/quick-steps.yml", "    picture: step-rub-calf.svg") - 2  # the step's "- do:" line
    copy.edit("data/en/quick-steps.yml", "    picture: step-rub-calf.svg\n", "")
    problems = copy.problems()
    assert problems[0].startswith(f"data/en/quick-steps.yml:{step}: 'picture' is missing: add picture: with the name "
                                  "of the SVG file in ")
    assert "None" not in problems[0]


def test_a_misspelt_sign_id_in_the_search_words_stops_the_check(copy: CheckCopy) -> None:  # noqa: F811
    """The phrases of a misspelt id would answer nothing: "pierna hinchada" would lose its clot sign."""
    line = copy.edit("data/es/search-terms.yml", "  calf-swollen:", "  calf-swolen:")
    assert copy.problems() == [f"data/es/search-terms.yml:{line}: no warning sign has the id 'calf-swolen' (did you "
                               "mean 'calf-swollen'?): use the id the sign has in warning-signs.yml or topic-signs.yml, "
                               "or these phrases answer nothing"]


def test_a_strategy_listed_twice_on_the_handout_is_named_at_its_second_line(copy: CheckCopy) -> None:  # noqa: F811
    line = copy.edit("data/handout.yml", "  - strategies/chiropractic.md\n", "  - strategies/massage.md\n")
    assert copy.problems() == [f"data/handout.yml:{line}: 'strategies/massage.md' is listed twice under 'strategies': "
                               "keep one"]


def test_a_date_in_the_future_and_a_broken_doi_are_named_on_their_own_lines(copy: CheckCopy) -> None:  # noqa: F811
    text = copy.text("data/bibliography.yml")
    line = copy.edit_after("data/bibliography.yml", "\nnhs-leg-cramps:", r"checked: \S+", "checked: 2099-01-01")
    assert copy.problems() == [f"data/bibliography.yml:{line}: source 'nhs-leg-cramps': 'checked' is in the future "
                               "(2099-01-01): write the day you compared our wording with the source"]
    copy.write("data/bibliography.yml", text)
    line = copy.edit("data/bibliography.yml", "doi: 10.1016/S1836-9553(12)70068-1", "doi: 10.1016/S1836-9553 (12) 70068-1")
    assert copy.problems() == [f"data/bibliography.yml:{line}: entry 'hallegraeff2012': a doi has no spaces, got "
                               "'10.1016/S1836-9553 (12) 70068-1': copy it again from the source"]


def test_an_english_page_citing_a_spanish_source_is_refused(copy: CheckCopy) -> None:  # noqa: F811
    line = copy.edit_after("docs/causes.md", "", r'\{\{ cite\(', '{{ cite("mayo-calambre-es", ')
    assert copy.problems() == [f"docs/causes.md:{line}: cites 'mayo-calambre-es', a source in another language "
                               "(language: es): cite a source readers of this edition can read"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  alcohol: you drink a lot of alcohol\n", "  alcohol: you drink a lot of alcohol\n  you feel faint\n",
     "this line has no name and colon: write it as name: words, like the lines around it"),
])
def test_a_line_yaml_cannot_read_is_named_itself(copy: CheckCopy, old: str, new: str, message: str) -> None:  # noqa: F811
    line = copy.edit(SIGNS_EN, old, new) + 1
    assert copy.problems() == [f"{SIGNS_EN}:{line}: {message}"]


def test_a_quote_left_open_is_named_where_it_opens_not_where_yaml_stops(copy: CheckCopy) -> None:  # noqa: F811
    text = copy.text("data/es/words.yml")
    opened = next(row for row in text.splitlines() if row.rstrip().endswith('si:"'))
    line = copy.edit("data/es/words.yml", opened, opened.rstrip()[:-1])
    assert copy.problems() == [f"data/es/words.yml:{line}: a quote is opened but never closed: close it with the same "
                               "quote mark"]


def test_a_word_section_deleted_says_where_to_add_it(copy: CheckCopy) -> None:  # noqa: F811
    text = copy.text("data/es/words.yml")
    row = next(row for row in text.splitlines() if row.startswith("caution_title:"))
    copy.edit("data/es/words.yml", row + "\n", "")
    last = copy.text("data/es/words.yml").count("\n")
    assert copy.problems() == [f"data/es/words.yml:{last}: 'caution_title' is missing: add it at the end of the file, "
                               "with its words, as every edition's words.yml has it"]


def test_a_spanish_step_out_of_order_is_named_at_its_step(copy: CheckCopy) -> None:  # noqa: F811
    text = copy.text("data/es/quick-steps.yml")
    rows = text.split("\n")
    starts = [n for n, row in enumerate(rows) if row.startswith("  - do:")]
    rows[starts[2]:starts[4]] = rows[starts[3]:starts[4]] + rows[starts[2]:starts[3]]
    copy.write("data/es/quick-steps.yml", "\n".join(rows))
    [problem] = copy.problems()
    assert problem.startswith(f"data/es/quick-steps.yml:{starts[2] + 1}: step 3 shows ")
