"""Citations: one bibliography, numbered references per page, DOI and PubMed links, plain refusals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from legcramps.errors import ContentError
from legcramps.model.citations import PageCitations, Source, load_bibliography, parse_source
from legcramps.render.macros import PageMacros
from tests.support.editor import real_project
from tests.support.site import ROOT

pytestmark = pytest.mark.unit

ENTRY = {
    "authors": "Hallegraeff JM, et al.",
    "title": "Stretching before sleep",
    "journal": "Journal of Physiotherapy",
    "year": 2012,
    "volume": "58(1):17-22",
    "doi": "10.1016/S1836-9553(12)70068-1",
    "pmid": "22341378",
}


def bibliography() -> dict[str, Source]:
    return {
        "a": parse_source("a", ENTRY),
        "b": parse_source("b", {"publisher": "NHS", "title": "Leg cramps", "year": 2024, "url": "https://www.nhs.uk/"}),
    }


def refusal(action: object) -> str:
    assert callable(action)
    with pytest.raises(ContentError) as caught:
        action()
    return caught.value.message


def test_the_project_bibliography_loads_and_every_entry_can_be_followed() -> None:
    sources = load_bibliography(ROOT / "data" / "bibliography.yml")
    assert len(sources) >= 10
    for source in sources.values():
        assert source.links(), f"{source.key} has no DOI, PubMed or web link"
        assert all(href.startswith("https://") for _, href in source.links())


def test_citations_are_numbered_in_order_of_first_use() -> None:
    page = PageCitations(bibliography())
    assert page.cite(("b",)) == '<sup class="citation" data-search-exclude="true">[<a href="#ref-b" title="Source 1">1</a>]</sup>'
    assert page.cite(("a", "b")) == (
        '<sup class="citation" data-search-exclude="true">'
        '[<a href="#ref-a" title="Source 2">2</a>, <a href="#ref-b" title="Source 1">1</a>]</sup>'
    )
    assert page.order == ["b", "a"]


def test_each_page_numbers_its_own_sources_from_one() -> None:
    project = real_project()
    first, second = PageMacros(project, "causes.md"), PageMacros(project, "strategies/heat.md")
    first.cite("nhs-leg-cramps")
    assert '">2</a>' in first.cite("hawke2021")
    assert '">1</a>' in second.cite("hawke2021")


def test_the_link_title_is_a_word_of_the_edition() -> None:
    project = real_project()
    assert 'title="Source 1"' in PageMacros(project, "causes.md").cite("hawke2021")
    words = replace(project.words, footer={**project.words.footer, "source_title": "Quelle {number}"})
    assert 'title="Quelle 1"' in PageMacros(replace(project, words=words), "causes.md").cite("hawke2021")


def test_reference_list_has_doi_and_pubmed_links() -> None:
    page = PageCitations(bibliography())
    page.cite(("a",))
    assert page.references() == (
        '<ol class="references"><li id="ref-a">Hallegraeff JM, et al. Stretching before sleep. '
        "<em>Journal of Physiotherapy</em>. 2012;58(1):17-22. "
        '<a href="https://doi.org/10.1016/S1836-9553(12)70068-1">doi:10.1016/S1836-9553(12)70068-1</a> '
        '<a href="https://pubmed.ncbi.nlm.nih.gov/22341378/">PubMed 22341378</a></li></ol>'
    )


def test_a_web_source_links_its_page() -> None:
    page = PageCitations(bibliography())
    page.cite(("b",))
    assert '<li id="ref-b">Leg cramps. <em>NHS</em>. 2024. <a href="https://www.nhs.uk/">Web page</a></li>' in page.references()


def test_a_page_that_cites_nothing_gets_no_list() -> None:
    assert PageCitations(bibliography()).references() == ""


def test_a_mistyped_key_suggests_the_existing_one_and_never_a_new_entry() -> None:
    message = refusal(lambda: PageCitations(real_project().bibliography).cite(("hawke2012",)))
    assert message == ("unknown citation key 'hawke2012' (did you mean 'hawke2021'?): "
                       "use the key of the entry in data/bibliography.yml")


def test_a_key_like_no_other_is_refused_without_a_guess() -> None:
    message = refusal(lambda: PageCitations(real_project().bibliography).cite(("smith1999",)))
    assert message == "unknown citation key 'smith1999': use the key of the entry in data/bibliography.yml"


def test_cite_needs_a_key() -> None:
    assert refusal(lambda: PageCitations(bibliography()).cite(())) == \
        'cite() needs at least one citation key, e.g. cite("hawke2021")'


def test_entries_are_escaped() -> None:
    source = parse_source("x", {**ENTRY, "title": "<b>bold</b>", "authors": "O'Neil & <i>Co</i>"})
    assert "&lt;b&gt;bold&lt;/b&gt;" in source.html() and "O&#39;Neil &amp; &lt;i&gt;Co&lt;/i&gt;" in source.html()
    assert "<b>" not in source.html() and "<i>" not in source.html()


@pytest.mark.parametrize(("entry", "message"), [
    ({k: v for k, v in ENTRY.items() if k != "title"}, "entry 'x' is missing 'title'"),
    ({k: v for k, v in ENTRY.items() if k not in ("doi", "pmid")}, "entry 'x' needs at least one of 'doi', 'pmid' or 'url'"),
    ({k: v for k, v in ENTRY.items() if k != "authors"}, "entry 'x' needs 'authors' or 'publisher'"),
    ({**ENTRY, "pmid": "PMID123"}, "entry 'x': pmid must be the PubMed number alone, digits only, got 'PMID123'"),
    ({**ENTRY, "doi": "doi.org/10.1"}, "entry 'x': doi must start with '10.' (write only the part from 10., without "
                                       "https://doi.org/), got 'doi.org/10.1'"),
    ({**ENTRY, "doi": "10.1016/S1836-9553 (12) 70068-1"}, "entry 'x': a doi has no spaces, got "
                                                          "'10.1016/S1836-9553 (12) 70068-1': copy it again from the source"),
    ({**ENTRY, "year": "2012a"}, "entry 'x': year must be four digits, got '2012a'"),
    ({**ENTRY, "url": "http://example.org/"}, "entry 'x': url must start with https://"),
    ({**ENTRY, "jornal": "x"}, "entry 'x' has an unknown field 'jornal' (did you mean 'journal'?)"),
])
def test_incomplete_entries_are_refused(entry: dict[str, object], message: str) -> None:
    assert refusal(lambda: parse_source("x", entry)) == message


def test_a_key_must_be_lower_case() -> None:
    assert refusal(lambda: parse_source("Hawke2021", ENTRY)) == \
        "citation key 'Hawke2021' must be lower-case letters, digits and hyphens"


def test_a_mistake_in_the_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bibliography.yml"
    path.write_text("a:\n  title: [broken\n  year: 2020\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_bibliography(path)
    assert (caught.value.message, caught.value.line) == (
        "a list opened with [ is not closed: end it with ], e.g. keywords: [one, two]", 2)


def test_an_incomplete_entry_names_the_line_of_its_key(tmp_path: Path) -> None:
    path = tmp_path / "bibliography.yml"
    path.write_text("# Sources\n\nb:\n  title: Leg cramps\n  year: 2020\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_bibliography(path)
    assert (caught.value.message, caught.value.line) == ("entry 'b' needs 'authors' or 'publisher'", 3)
