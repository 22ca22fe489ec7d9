"""Citations: one bibliography, numbered references per page, DOI and PubMed links."""

from __future__ import annotations

from pathlib import Path

import pytest

from legcramps.citations import PageCitations, load_bibliography, parse_source
from legcramps.errors import ContentError
from tests.support.site import ROOT

ENTRY = {
    "authors": "Hallegraeff JM, et al.",
    "title": "Stretching before sleep",
    "journal": "Journal of Physiotherapy",
    "year": 2012,
    "volume": "58(1):17-22",
    "doi": "10.1016/S1836-9553(12)70068-1",
    "pmid": "22341378",
}


def bibliography() -> dict:
    return {
        "a": parse_source("a", ENTRY),
        "b": parse_source("b", {"publisher": "NHS", "title": "Leg cramps", "year": 2024, "url": "https://www.nhs.uk/"}),
    }


def test_the_project_bibliography_loads_and_every_entry_is_complete() -> None:
    sources = load_bibliography(ROOT / "data" / "bibliography.yml")
    assert len(sources) >= 10
    for source in sources.values():
        assert source.links(), f"{source.key} has no DOI, PubMed or web link"


def test_citations_are_numbered_in_order_of_first_use() -> None:
    page = PageCitations(bibliography())
    assert ">1</a>]" in page.cite(("b",))
    assert '<a href="#ref-a" title="Source 2">2</a>' in page.cite(("a", "b"))
    assert page.order == ["b", "a"]


def test_reference_list_has_doi_and_pubmed_links() -> None:
    page = PageCitations(bibliography())
    page.cite(("a",))
    html = page.references()
    assert '<li id="ref-a">' in html
    assert 'href="https://doi.org/10.1016/S1836-9553(12)70068-1"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/22341378/"' in html
    assert "<em>Journal of Physiotherapy</em>. 2012;58(1):17-22." in html


def test_a_page_that_cites_nothing_gets_no_list() -> None:
    assert PageCitations(bibliography()).references() == ""


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(ContentError, match="unknown citation key 'nope'"):
        PageCitations(bibliography()).cite(("nope",))


def test_cite_needs_a_key() -> None:
    with pytest.raises(ContentError, match="at least one citation key"):
        PageCitations(bibliography()).cite(())


def test_entries_are_escaped() -> None:
    source = parse_source("x", {**ENTRY, "title": "<b>bold</b>"})
    assert "&lt;b&gt;" in source.html()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({k: v for k, v in ENTRY.items() if k != "title"}, "missing 'title'"),
        ({k: v for k, v in ENTRY.items() if k not in ("doi", "pmid")}, "at least one of"),
        ({k: v for k, v in ENTRY.items() if k != "authors"}, "'authors' or 'publisher'"),
        ({**ENTRY, "pmid": "PMID123"}, "pmid must be digits"),
        ({**ENTRY, "doi": "doi.org/10.1"}, "doi must start"),
        ({**ENTRY, "year": "2012a"}, "year must be four digits"),
        ({**ENTRY, "jornal": "x"}, "unknown field"),
    ],
)
def test_incomplete_entries_are_refused(entry: dict, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_source("x", entry)


def test_malformed_bibliography_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bibliography.yml"
    path.write_text("a:\n  title: [broken\n")
    with pytest.raises(ContentError, match="malformed YAML at line"):
        load_bibliography(path)
