"""Search in readers' words, without MkDocs: the shared list an editor writes and the lean index built from it.

data/<language>/search-terms.yml maps a word the pages use to the words readers type for it. Each
mistake in it stops the build with one line naming the file, the line and the fix. The index function
is pure: Material's index in, the same index with each page's words once, on its own entry, out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from legcramps.errors import ContentError
from legcramps.model.project import Project
from legcramps.model.search_terms import SearchTerms, load_search_terms, spellings
from legcramps.model.urls import page_url
from legcramps.render.page_render import RenderedPage, render_all
from legcramps.search.index import LIST_FIELD, OWN_FIELD, PageWords, lean_index, page_search_words, search_notes
from legcramps.search.signs import every_sign, search_words, sign_answers
from tests.support.editor import ProjectCopy, load, real_project, uk_project, us_project

pytestmark = pytest.mark.unit

TERMS = "data/en/search-terms.yml"


def terms_from(tmp_path: Path, text: str) -> SearchTerms:
    path = tmp_path / "search-terms.yml"
    path.write_text(text, encoding="utf-8")
    return load_search_terms(path)


# ---------------------------------------------------------------------------------- the shared list


def test_the_committed_lists_load_and_every_entry_finds_a_page() -> None:
    project = real_project()
    assert "charley horse" in project.search_terms.entries
    assert search_notes(project) == []


def test_an_edition_without_a_list_searches_its_own_words(tmp_path: Path) -> None:
    assert load_search_terms(tmp_path / "search-terms.yml").entries == {}
    assert terms_from(tmp_path, "# nothing yet\n").entries == {}


def test_words_are_compared_in_lower_case_with_straight_apostrophes(tmp_path: Path) -> None:
    terms = terms_from(tmp_path, "Cramp Won’t  Stop: [Cramp Won't Go Away]\n")
    assert terms.entries == {"cramp won't stop": ("cramp won't go away",)}


def test_a_list_word_finds_only_pages_that_have_the_word_or_its_plural(tmp_path: Path) -> None:
    terms = terms_from(tmp_path, "leg cramp: [charley horse]\nheat: [warmth]\n")
    assert terms.reader_words(["what causes leg cramps"]) == ["charley", "horse"]
    assert terms.reader_words(["heatstroke", "leg cramping"]) == []


def test_only_new_words_are_added_as_often_as_the_page_uses_its_word(tmp_path: Path) -> None:
    terms = terms_from(tmp_path, "calf cramp: [cramp in my calf, calf spasm]\n")
    assert terms.reader_words(["calf cramp"]) == ["in", "my", "spasm"]  # 'cramp' and 'calf': the page has them
    assert terms.reader_words(["calf cramp", "stop a calf cramp", "calf cramps", "calf cramp now"]) == \
        ["in", "my", "spasm"] * 2  # up to twice: repeats beyond that hardly change a word's weight


def test_readers_apostrophes_and_missing_accents_are_found() -> None:
    assert spellings("won't") == ("won't", "won’t", "wont")
    assert spellings("tirón") == ("tirón", "tiron")
    assert spellings("cramp") == ("cramp",)


def test_a_uk_edition_matches_the_list_as_it_spells_the_pages(tmp_path: Path) -> None:
    terms = terms_from(tmp_path, "water pills: [diuretics]\nwater pill: [lasix]\n")
    uk = terms.spelled(lambda words: words.replace("pill", "tablet"))
    assert uk.reader_words(["water tablets cramps"]) == ["diuretics", "lasix"]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("- cramp\n", 1, "the file must be a list of 'page word: [reader words]' lines"),
    ("cramp: crmp\nfoot cramp:\n", 2, "'foot cramp' needs a list of the words readers type for it"),
    ("cramp: []\n", 1, "'cramp' needs a list of the words readers type for it"),
    ("cramp: [crmp]\nCramp: [kramp]\n", 2, "'cramp' is written twice (in other letters or spacing): keep one line for it"),
    ("cramp: [crmp]\ncramp: [kramp]\n", 2, "'cramp' is written twice: keep one"),
    ("charley horse:\n  - charlie horse\n  - charley horse\n", 3, "'charley horse' is listed for itself"),
    ("charley horse:\n  - charlie horse\n  - Charlie Horse\n", 3, "'charlie horse' is listed twice for 'charley horse'"),
    ("no: [nope]\n", 1, "a word here is read as true or false (as yes, no, on and off are): put it in quotes"),
    ("cramp: [crmp, [kramp]]\n", 1, "a word listed for 'cramp' must be a word or phrase"),
])
def test_each_mistake_is_one_line_with_its_line_and_fix(copy_project: ProjectCopy, text: str, line: int, message: str) -> None:
    copy_project.write(TERMS, text)
    problems = copy_project.problems()
    assert len(problems) == 1 and problems[0].startswith(f"{TERMS}:{line}: {message}"), problems


def test_an_entry_no_page_uses_is_a_note_not_a_mistake(copy_project: ProjectCopy) -> None:
    line = copy_project.edit(TERMS, "charley horse: [", "charly hors: [charlie horse]\ncharley horse: [")
    project, problems = load(copy_project.root)
    assert project is not None and problems == []
    assert search_notes(project) == [
        f"{TERMS}:{line}: no page has 'charly hors' in its title or keywords and no warning sign says it, so the "
        "words listed for it find nothing (check its spelling)"
    ]


@pytest.fixture
def copy_project(tmp_path: Path) -> ProjectCopy:
    return ProjectCopy(tmp_path)


# ---------------------------------------------------------------------------------- the lean index


def material_index() -> dict[str, object]:
    """Material's index as it writes it: every entry of a page carries the page's front-matter tags."""
    return {
        "config": {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}},
        "docs": [
            {"location": "", "title": "Home", "text": "<p>Hi</p>", "tags": ["old"]},
            {"location": "#more", "title": "More", "text": "<p>More</p>", "tags": ["old"]},
            {"location": "strategies/heat/", "title": "Use warmth", "text": "<p>Warm</p>", "tags": ["old"], "boost": 2},
            {"location": "strategies/heat/#safety", "title": "Safety", "text": "<p>Careful</p>", "tags": ["old"]},
        ],
    }


def test_each_pages_words_go_once_on_its_own_entry_and_its_sections_keep_their_text() -> None:
    words = {"": PageWords("leg cramp", ""), "strategies/heat/": PageWords("heating pad", "warmth heating")}
    index = lean_index(material_index(), words)
    assert index["docs"] == [
        {"location": "", "title": "Home", "text": "<p>Hi</p>", OWN_FIELD: ["leg cramp"]},
        {"location": "#more", "title": "More", "text": "<p>More</p>"},
        {"location": "strategies/heat/", "title": "Use warmth", "text": "<p>Warm</p>", "boost": 2,
         OWN_FIELD: ["heating pad"], LIST_FIELD: ["warmth heating"]},
        {"location": "strategies/heat/#safety", "title": "Safety", "text": "<p>Careful</p>"},
    ]


def test_the_lists_words_weigh_a_quarter_of_a_pages_own_keywords() -> None:
    fields = lean_index(material_index(), {})["config"]["fields"]
    assert fields[LIST_FIELD]["boost"] == fields[OWN_FIELD]["boost"] / 4 == 250_000
    assert fields["title"] == {"boost": 1000.0} and material_index()["config"]["fields"]["tags"] == {"boost": 1e6}


def test_the_real_pages_words() -> None:
    project = real_project()
    words = page_search_words(project, rendered(project))
    quick = words["cramp-right-now/"]
    assert quick.own.split().count("foot") == 2 and "charlie" in quick.listed.split()
    assert "toe" in quick.own.split() or "toe" in quick.listed.split()
    assert {"won’t", "wont"} <= set(words["when-to-get-help/"].listed.split())
    assert "footwear" in words["strategies/footwear/"].listed.split()


# ------------------------------------------------------------------------- warning signs as answers


def rendered(project: Project) -> dict[str, RenderedPage]:
    """The pages as the checks render them: their macros record the urgency callouts they showed."""
    pages, problems = render_all(project)
    assert not problems
    return pages


def test_every_sign_is_a_search_answer_with_its_tiers_words_and_its_page() -> None:
    project = us_project()
    pages = rendered(project)
    answers = {answer.sign_id: answer for answer in sign_answers(project, pages)}
    assert set(answers) == {sign_id for _, sign_id, _ in every_sign(project)}
    clot = answers["clot-breathless"]
    assert clot.answer == "Call 911 now: one leg is swollen or painful and you are suddenly short of breath"
    assert clot.url == "when-to-get-help/#urgency-emergency" and clot.tier == "emergency"
    assert {"breathless", "swollen", "swelling"} <= set(clot.words)  # its own, and the shared list's words
    assert ("swollen", "leg") in answers["calf-swollen"].phrases  # listed for that one sign under `signs:`
    assert answers["child-rash"].url.startswith("children/#urgency-")
    uk = uk_project()
    assert uk.care.emergency_number == "999"
    assert next(a for a in sign_answers(uk, rendered(uk)) if a.sign_id == "clot-breathless").answer.startswith("Call 999 now: ")


def test_each_answer_links_to_the_callout_that_shows_its_sign() -> None:
    project = real_project()
    pages = rendered(project)
    by_url = {page_url(src): page.markdown for src, page in pages.items()}
    texts = {sign_id: project.spelling.text(text) for _, sign_id, text in every_sign(project)}
    for answer in sign_answers(project, pages):
        path, anchor = answer.url.split("#")
        shown = by_url[path]
        assert shown.count(f'id="{anchor}"') == 1, answer.url
        box = shown[shown.index(f'id="{anchor}"'):]
        box = box[:box.index("</div>")]
        assert str(escape(texts[answer.sign_id])) in box, f"{answer.url} does not show {answer.sign_id}"


def test_words_are_compared_without_case_accents_or_apostrophes() -> None:
    assert search_words("Can’t BREATHE, niño (fit)") == ["cant", "breathe", "nino", "fit"]


def test_phrases_for_one_sign_are_read_and_a_wrong_id_is_refused(tmp_path: Path, copy_project: ProjectCopy) -> None:
    """A misspelt sign id would quietly leave that danger sign out of search's answers: it stops the build."""
    terms = terms_from(tmp_path, "signs:\n  calf-swollen: [Swollen Leg, swollen leg, red leg]\n")
    assert terms.signs == {"calf-swollen": ("swollen leg", "red leg")} and terms.entries == {}
    with pytest.raises(ContentError, match="needs a list of phrases"):
        terms_from(tmp_path, "signs:\n  calf-swollen:\n")
    line = copy_project.edit(TERMS, "  calf-swollen: [", "  calf-swolen: [swollen leg]\n  calf-swollen: [")
    project, problems = load(copy_project.root)
    assert project is not None and [str(problem) for problem in problems] == [
        f"{TERMS}:{line}: no warning sign has the id 'calf-swolen' (did you mean 'calf-swollen'?): use the id the sign "
        "has in warning-signs.yml or topic-signs.yml, or these phrases answer nothing"]
    assert search_notes(project) == []  # a mistake, not a note
