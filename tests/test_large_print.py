"""The large-print handout: the handout's words at 16 pt and up, in every edition and on both papers.

Read from the PDFs themselves: every piece of text at least 16 pt (the headings larger), black on white,
"page X of Y" on every page, as many pages as the README says, tagged PDF/UA in the edition's language,
the QR code and the clinic's details on page 1, and word for word what the two-page handout says. The
English and Spanish PDFs are the session's real build's; every edition's (the UK site too) is also drawn
from its own model, without MkDocs.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pikepdf
import pypdf
import pytest

from legcramps.handout.content import HandoutContent, collect_content, template_context
from legcramps.handout.documents import plan_large_print, render_document
from legcramps.handout.pdf import render_handouts
from legcramps.model.clinic import ClinicDetails
from legcramps.model.paper import LARGE_PRINT_PATH, PAPER_MM, TEMPLATE_DIR, paper_order
from legcramps.model.project import Project
from legcramps.model.settings import load_settings, site_editions
from legcramps.session import start_build
from tests.support.site import ROOT
from tests.support.text import font_sizes, structure_tags, visible_text
from tests.test_build import html_for

pytestmark = pytest.mark.build

PAPERS = ("a4", "letter")
BODY_PT = 16
SITES = ("mkdocs.yml", "mkdocs.en-gb.yml")  # the US site (English, Spanish) and the UK site
EDITIONS = sorted({edition.config for site in SITES for edition in site_editions(ROOT / site)})
LANGUAGES = {"en": "English", "es": "Spanish"}
NO_CLINIC = ClinicDetails()  # the write-in lines
RIVERSIDE = ClinicDetails(name="Riverside Family Practice", phone="020 7946 0000", address="140 Riverside Road")


@cache
def project(config: str) -> Project:
    return start_build(load_settings(ROOT / config)).project


@cache
def drawn(config: str, clinic: ClinicDetails = NO_CLINIC) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(large print, two-page handout) of one edition, each paper, with this clinic (none: the write-in line)."""
    content = replace(collect_content(project(config)), clinic=clinic)
    large = render_document(plan_large_print(content, PAPERS, ROOT / TEMPLATE_DIR))
    return large, render_handouts(content, PAPERS, template_dir=ROOT / TEMPLATE_DIR)


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def readme_pages(config: str) -> int:
    """The page count the README gives for this edition's language."""
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    found = re.search(r"large-print handout comes to (\d+) pages in English and (\d+) in Spanish", text)
    assert found, "README.md: no 'large-print handout comes to N pages in English and N in Spanish'"
    language = project(config).settings.words_dir.name
    return int(found.group(1 + list(LANGUAGES).index(language)))


# --- in the built site ---------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["", "es/"])
def test_every_edition_of_the_site_has_it_on_both_papers_as_long_as_the_readme_says(site_dir: Path, edition: str) -> None:
    config = "mkdocs.es.yml" if edition else "mkdocs.yml"
    for paper in PAPERS:
        reader = pypdf.PdfReader(site_dir / edition / LARGE_PRINT_PATH.format(paper=paper))
        assert len(reader.pages) == readme_pages(config), f"{edition}{paper}: update the page count in README.md"
        width, height = (mm * 72 / 25.4 for mm in PAPER_MM[paper])
        for page in reader.pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((width, height), abs=0.2)


@pytest.mark.parametrize("edition", ["", "es/"])
def test_the_handout_page_and_the_home_page_link_to_it(site_dir: Path, edition: str) -> None:
    config = "mkdocs.es.yml" if edition else "mkdocs.yml"
    words = project(config).words
    order = paper_order(project(config).care)
    handout_page = (site_dir / edition / "handout" / "index.html").read_text(encoding="utf-8")
    for paper in order:
        label = words.site["large_print_for"].format(paper=words.handout[f"paper_{paper}"])
        link = f'<a href="{LARGE_PRINT_PATH.format(paper=paper).removeprefix("handout/")}" type="application/pdf">{label}</a>'
        assert link in handout_page, f"{edition}handout/: no link {link}"
    home = html_for(site_dir / edition if edition else site_dir, "index.md")
    first = LARGE_PRINT_PATH.format(paper=order[0])
    assert f'<a href="{first}" type="application/pdf">{words.site["large_print_link"]}</a>' in home
    # Next to the standard handout: in the same paragraph as the link to the handout page.
    paragraph = next(p for p in re.findall(r"<p>(.*?)</p>", home, re.S) if 'href="handout/"' in p)
    assert first in paragraph, visible_text(paragraph)


# --- from the PDF itself, every edition ----------------------------------------------------------


@pytest.mark.parametrize("config", EDITIONS)
def test_every_piece_of_text_is_at_least_16_pt_and_the_headings_are_larger(config: str) -> None:
    for paper, pdf in drawn(config)[0].items():
        sizes = font_sizes(pdf)
        assert min(sizes) >= BODY_PT, f"{config} {paper}: text under {BODY_PT} pt: {sorted(sizes.items())}"
        assert sizes.most_common(1)[0][0] == BODY_PT, f"{config} {paper}: the body is not {BODY_PT} pt"
        assert max(sizes) >= BODY_PT * 1.5, f"{config} {paper}: no heading larger than the body"


@pytest.mark.parametrize("config", EDITIONS)
def test_it_says_word_for_word_what_the_two_page_handout_says(config: str) -> None:
    """Same steps, strategies, signs, sources and notes, in the same order: nothing missing, nothing added.

    Only the layout's own labels differ: the table's column headings on the handout, "Grade:" before
    each grade in large print; the page footers and list numbers are left out of both. An inserted
    hyphen (hyphenation) would show here as a difference."""
    large, handout = drawn(config)
    for paper in PAPERS:
        assert comparable(large[paper], config, large=True) == comparable(handout[paper], config, large=False), paper


def comparable(pdf: bytes, config: str, large: bool) -> str:
    words = project(config).words.handout
    heading = project(config).spelling.html(words["heading"])
    text = " ".join(pages_text(pdf))
    text = re.sub(rf"{re.escape(heading)} {words['page']} \d+ {words['of']} \d+", " ", text)  # page footers
    text = re.sub(r"(?<!\S)(\d{1,2}\.|•)(?!\S)", " ", text)  # list numbers and bullets (drawn after each page's text)
    text = re.sub(r"(\S*/\S*/) (?=\S)", r"\1", text)  # a web address the narrower column wraps after another slash
    # The clinic's box: at the end of page 2 on the handout, on page 1 in large print (tested below).
    write_in = " ".join(re.escape(words[key]) for key in ("write_in_clinic", "write_in_phone", "write_in_note"))
    text = re.sub(write_in, " ", text)  # the write-in lines' labels (their lines are form fields)
    if large:
        assert text.count(words["grade"]) == len(project(config).handout.strategies)
        text = text.replace(f"{words['grade']} ", "")
    else:
        text = text.replace(f"{words['what_to_try']} {words['evidence']} {words['what_we_know']}", " ", 1)
    return " ".join(text.split())


@pytest.mark.parametrize("config", EDITIONS)
def test_the_qr_code_and_the_clinic_or_the_lines_to_write_it_in_are_on_page_1(config: str) -> None:
    words = project(config).words.handout
    for clinic in (NO_CLINIC, RIVERSIDE):
        for paper, pdf in drawn(config, clinic)[0].items():
            first = pages_text(pdf)[0]
            if clinic.is_set:
                assert f"{words['your_clinic']} {RIVERSIDE.name}, {words['phone']} {RIVERSIDE.phone}" in first
                assert RIVERSIDE.address in first
            else:
                labels = " ".join(words[key] for key in ("write_in_clinic", "write_in_phone", "write_in_note"))
                assert labels in first, f"{config} {paper}: no lines to write the clinic in on page 1"
                # each line is a form field on page 1 (tests/test_handout_form.py checks the fields)
            with pikepdf.open(io.BytesIO(pdf)) as document:
                page_one = document.pages[0]
                marked = [str(step.operands[0]) for step in pikepdf.parse_content_stream(page_one)
                          if str(step.operator) == "BDC"]
                assert "/Figure" in marked, f"{config} {paper}: no picture (the QR code) on page 1"
                uris = [str(a.A.URI) for a in page_one.get("/Annots", []) if "/A" in a and "/URI" in a.A]
                assert project(config).settings.site_url in uris


@pytest.mark.parametrize("config", EDITIONS)
def test_every_page_says_page_x_of_y_in_the_edition_s_words(config: str) -> None:
    words = project(config).words.handout
    for paper, pdf in drawn(config)[0].items():
        pages = pages_text(pdf)
        assert len(pages) == readme_pages(config), f"{config} {paper}: update the page count in README.md"
        for number, text in enumerate(pages, 1):
            assert f"{words['page']} {number} {words['of']} {len(pages)}" in text, f"{config} {paper} page {number}"


def drawn_colours(pdf: bytes) -> set[tuple[str, ...]]:
    """The fill colour in force each time text is drawn."""
    found = set()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            fill: tuple[str, ...] = ("0",)
            stack = []
            for step in pikepdf.parse_content_stream(page):
                name = str(step.operator)
                if name == "q":
                    stack.append(fill)
                elif name == "Q":
                    fill = stack.pop()
                elif name in ("rg", "g", "k", "sc", "scn"):
                    fill = tuple(str(value) for value in step.operands)
                elif name in ("Tj", "TJ", "'", '"'):
                    found.add(fill)
    return found


@pytest.mark.parametrize("config", EDITIONS)
def test_all_text_is_black(config: str) -> None:
    """No grey, no colour and no reversed (white on black) text, unlike the two-page handout's emergency heading."""
    large, handout = drawn(config)
    for paper, pdf in large.items():
        assert drawn_colours(pdf) == {("0", "0", "0")}, f"{config} {paper}"
    assert ("1", "1", "1") in drawn_colours(handout["a4"]), "the check no longer sees white text"


@pytest.mark.parametrize("config", EDITIONS)
def test_it_is_a_tagged_pdf_ua_document_in_the_edition_s_language(config: str) -> None:
    locale = project(config).words.locale
    description = template_context(collect_content(project(config)))["t"]["large_print_description"]
    for paper, pdf in drawn(config)[0].items():
        with pikepdf.open(io.BytesIO(pdf)) as document:
            root = document.Root
            assert str(root.Lang) == locale, (config, paper)
            assert bool(root.MarkInfo.Marked) is True and bool(root.ViewerPreferences.DisplayDocTitle) is True
            assert project(config).words.handout["large_print"] in str(document.docinfo.Title)
            # What a PDF reader or a clinic's document system shows as the description: this document's own.
            assert str(document.docinfo.Subject) == description
            with document.open_metadata() as xmp:
                assert xmp.get("pdfuaid:part") == "1"
        tags = set(structure_tags(pdf))
        for tag in ("/H1", "/H2", "/H3", "/L", "/LI", "/Figure", "/Link"):
            assert tag in tags, f"{config} {paper}: no {tag} in the structure tree"


@pytest.mark.parametrize("config", EDITIONS)
def test_a_web_address_breaks_only_after_a_slash(config: str) -> None:
    """Never after one of its hyphens: a line ending in "-" reads as a word broken in two, and a reader
    typing the address from paper would leave the hyphen out (both documents, every paper)."""
    large, handout = drawn(config)
    for name, pdf in [*(("large print " + p, d) for p, d in large.items()), *(("handout " + p, d) for p, d in handout.items())]:
        lines = [line.strip() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()]
        assert sum("/" in line for line in lines) >= 3, f"{config} {name}: no web addresses found: is the check looking?"
        broken = [line for line in lines if line.endswith("-")]
        assert not broken, f"{config} {name}: a line ends in a hyphen: {broken}"


def test_both_papers_break_on_the_same_lines_and_pages() -> None:
    for config in EDITIONS:
        large, _ = drawn(config)
        assert pages_text(large["a4"]) == pages_text(large["letter"]), config


def test_the_content_is_the_handout_s_own() -> None:
    """A changed strategy description reaches the large print too: it renders the model, not a copy."""
    content: HandoutContent = collect_content(project("mkdocs.yml"))
    first = content.strategies[0]
    changed = replace(content, strategies=(replace(first, description="A sentence only this test writes."),
                                           *content.strategies[1:]))
    pdf = render_document(plan_large_print(changed, ("letter",), ROOT / TEMPLATE_DIR))["letter"]
    assert "A sentence only this test writes." in " ".join(pages_text(pdf))
