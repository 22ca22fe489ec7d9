"""The quick steps' pictures on page 1 of the PDF handout: every step's picture and the note's thigh and foot
pictures, in order, each a tagged figure with its alt text in the edition's language, drawn black on white,
in every edition and on both papers, and the handout still fits on two pages. Drawn with WeasyPrint from
the model, without MkDocs.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pikepdf
import pypdfium2
import pytest

from legcramps.handout.content import collect_content
from legcramps.handout.pdf import render_handouts
from legcramps.model.paper import PAPERS
from legcramps.model.settings import load_settings
from legcramps.session import start_build
from tests.support.site import ROOT

pytestmark = pytest.mark.build

EDITIONS = {"en": ("mkdocs.yml", "en-US"), "es": ("mkdocs.es.yml", "es-US"), "en-GB": ("mkdocs.en-gb.yml", "en-GB")}


def figures_in_order(node: pikepdf.Object) -> list[tuple[str, int]]:
    """Every /Figure of the structure tree in reading order: its alt text and the number of its page."""
    found: list[tuple[str, int]] = []

    def walk(item: pikepdf.Object, page: int) -> None:
        if isinstance(item, pikepdf.Array):
            for child in item:
                walk(child, page)
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            if "/Pg" in item:
                page = item.Pg.objgen[0]
            if item.S == "/Figure":
                found.append((str(item.get("/Alt", "")), page))
            if "/K" in item:
                walk(item.K, page)

    walk(node, 0)
    return found


@pytest.fixture(scope="module", params=list(EDITIONS))
def edition(request: pytest.FixtureRequest) -> tuple[str, dict[str, bytes], list[str]]:
    config, _ = EDITIONS[request.param]
    project = start_build(load_settings(ROOT / config)).project
    alts = [picture.alt for picture in project.steps.pictures]
    assert len(alts) == len(project.steps.steps) + 3, "every step and the note's three moves have a picture"
    return request.param, render_handouts(collect_content(project), tuple(PAPERS)), alts  # more than 2 pages raises


def test_page_one_shows_every_picture_in_order_with_its_alt_text(edition: tuple[str, dict[str, bytes], list[str]]) -> None:
    name, pdfs, alts = edition
    for paper, pdf in pdfs.items():
        with pikepdf.open(io.BytesIO(pdf)) as document:
            assert len(document.pages) <= 2, f"{name} on {paper}: {len(document.pages)} pages"
            assert str(document.Root.Lang) == EDITIONS[name][1]
            first_page = document.pages[0].obj.objgen[0]
            figures = figures_in_order(document.Root.StructTreeRoot.K)
            drawn = [(alt, page) for alt, page in figures if alt in alts]
            assert [alt for alt, _ in drawn] == alts, f"{name} on {paper}: {figures}"
            assert all(page == first_page for _, page in drawn), f"{name} on {paper}: a picture is not on page 1"


def test_the_pictures_print_black_on_white(edition: tuple[str, dict[str, bytes], list[str]]) -> None:
    _, pdfs, _ = edition
    image = pypdfium2.PdfDocument(pdfs["a4"])[0].render(scale=1).to_pil().convert("RGB")
    coloured = [(count, pixel) for count, pixel in image.getcolors(1 << 24) or [] if max(pixel) - min(pixel) > 40]
    assert not coloured, f"page 1 has coloured pixels ({coloured[:3]}): the handout is black on white"


def test_the_alt_text_differs_between_editions(edition: tuple[str, dict[str, bytes], list[str]]) -> None:
    name, _, alts = edition
    if name != "es":
        return
    english = start_build(load_settings(ROOT / "mkdocs.yml")).project.steps.pictures
    assert not set(alts) & {picture.alt for picture in english}


@pytest.mark.parametrize("paper", list(PAPERS))
def test_without_pictures_the_handout_still_renders(paper: str) -> None:
    """A step or note without a picture is allowed: the handout renders without it (and with no empty figure)."""
    project = start_build(load_settings(ROOT / "mkdocs.yml")).project
    bare = replace(collect_content(project), step_pictures=(), note_pictures=())
    with pikepdf.open(io.BytesIO(render_handouts(bare, (paper,))[paper])) as document:
        alts = [alt for alt, _ in figures_in_order(document.Root.StructTreeRoot.K)]
    assert len(alts) == 1 and "QR code" in alts[0], alts
