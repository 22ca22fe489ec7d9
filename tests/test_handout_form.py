"""The handout a clinic fills in on screen: with no clinic set, the write-in lines are PDF form fields.

Anyone can type the clinic's name, phone and a note in a PDF reader and print; a pen still works on the
printed lines. Read from the PDFs themselves with pypdf (names, types, what a screen reader calls each
field, the print flag, where each sits) and drawn with PDFium, the engine Chrome uses, to see a typed
value print. With the clinic's details set, they are printed as text and there is nothing to fill in.
"""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache

import pypdf
import pypdfium2 as pdfium
import pytest

from legcramps.handout.content import collect_content
from legcramps.handout.documents import plan_large_print, render_document
from legcramps.handout.pdf import render_handouts
from legcramps.model.clinic import ClinicDetails
from legcramps.model.paper import TEMPLATE_DIR
from legcramps.model.project import Project
from legcramps.model.settings import load_settings
from legcramps.session import start_build
from tests.support.site import ROOT

pytestmark = pytest.mark.build

PAPERS = ("a4", "letter")
EDITIONS = ("mkdocs.yml", "mkdocs.es.yml", "mkdocs.en-gb.yml")
FIELDS = {"clinic_name": "write_in_clinic", "clinic_phone": "write_in_phone", "clinic_note": "write_in_note"}
PRINT_FLAG = 1 << 2  # PDF annotation flag 3: the field is printed
HANDOUT_BUDGET = 300 * 1024
NO_CLINIC = ClinicDetails()  # the write-in lines


@cache
def project(config: str) -> Project:
    return start_build(load_settings(ROOT / config)).project


@cache
def handouts(config: str, clinic: ClinicDetails = NO_CLINIC) -> dict[str, bytes]:
    """The two-page handout (each paper) and the large print (each paper, keys 'large-a4', ...)."""
    content = replace(collect_content(project(config)), clinic=clinic)
    large = render_document(plan_large_print(content, PAPERS, ROOT / TEMPLATE_DIR))
    return {**render_handouts(content, PAPERS, template_dir=ROOT / TEMPLATE_DIR),
            **{f"large-{paper}": pdf for paper, pdf in large.items()}}


def widgets(pdf: bytes) -> list[tuple[int, dict]]:
    """(page number from 1, field dictionary) for every form field on every page."""
    found = []
    for number, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages, start=1):
        for annotation in page.get("/Annots") or []:
            field = annotation.get_object()
            if field.get("/FT"):
                found.append((number, field))
    return found


@pytest.mark.parametrize("config", EDITIONS)
@pytest.mark.parametrize("document", ["a4", "letter", "large-a4", "large-letter"])
def test_with_no_clinic_set_each_handout_has_three_fields_to_type_in(config: str, document: str) -> None:
    pdf = handouts(config)[document]
    words = project(config).words.handout
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = widgets(pdf)
    assert sorted(str(field["/T"]) for _, field in found) == sorted(FIELDS), "one field each, by these names"
    for number, field in found:
        name = str(field["/T"])
        assert field["/FT"] == "/Tx", f"{name}: a text field"
        # What a screen reader and a PDF reader's tooltip call it: the edition's own words, not the field's name.
        assert str(field["/TU"]) == words[FIELDS[name]].rstrip(":"), name
        assert int(field["/F"]) & PRINT_FLAG, f"{name}: a typed value must print"
        page = reader.pages[number - 1]
        left, bottom, right, top = _box(field)
        assert 0 <= left < right <= float(page.mediabox.width) and 0 <= bottom < top <= float(page.mediabox.height), (
            f"{name} sits outside page {number}")
        assert right - left >= 20 * 72 / 25.4, f"{name}: at least 20 mm to write or type in"
    first_page = min(number for number, _ in found)
    assert all(number == first_page for number, _ in found), "the three fields are together"
    if document.startswith("large"):
        assert first_page == 1, "large print: the clinic's details on page 1"
    boxes = sorted(_box(field) for _, field in found)
    assert all(a[2] <= b[0] or a[1] >= b[3] or a[3] <= b[1] for a, b in zip(boxes, boxes[1:], strict=False)), "fields overlap"


def _box(field: dict) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a field's rectangle, whichever corners the PDF gives."""
    x1, y1, x2, y2 = map(float, field["/Rect"])
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


@pytest.mark.parametrize("config", EDITIONS)
def test_the_fillable_handout_stays_tagged_on_two_pages_and_small(config: str) -> None:
    language = project(config).settings.locale
    for paper in PAPERS:
        pdf = handouts(config)[paper]
        assert len(pdf) <= HANDOUT_BUDGET, f"{paper}: {len(pdf) / 1024:.0f} KB"
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) <= 2
        catalog = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog and str(catalog["/Lang"]) == language
        assert "/AcroForm" in catalog


def _dark_pixels(pdf: bytes, page_number: int, box: tuple[float, float, float, float]) -> int:
    """How many dark pixels PDFium draws inside `box` (PDF points) of a page, form fields included, as
    when printing."""
    document = pdfium.PdfDocument(pdf)
    document.init_forms()
    page = document[page_number - 1]
    scale = 3
    image = page.render(scale=scale, may_draw_forms=True).to_pil().convert("L")
    height = page.get_height()
    left, bottom, right, top = box
    region = image.crop((int(left * scale), int((height - top) * scale), int(right * scale),
                         int((height - bottom) * scale) - 3 * scale))  # above the line to write on
    return sum(region.histogram()[:128])


def test_a_typed_value_prints() -> None:
    pdf = handouts("mkdocs.yml")["letter"]
    number, field = next((number, field) for number, field in widgets(pdf) if str(field["/T"]) == "clinic_phone")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    writer.update_page_form_field_values(writer.pages[number - 1], {"clinic_phone": "(555) 010-2000"},
                                         auto_regenerate=False)
    typed = io.BytesIO()
    writer.write(typed)
    blank, filled = _dark_pixels(pdf, number, _box(field)), _dark_pixels(typed.getvalue(), number, _box(field))
    assert blank == 0, "nothing is printed in an empty field but its line"
    assert filled > 50, "the typed phone number is drawn (and printed) in its field"


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.es.yml"])
def test_with_the_clinic_set_its_details_are_printed_and_nothing_is_to_fill_in(config: str) -> None:
    riverside = ClinicDetails(name="Riverside Family Practice", phone="020 7946 0000")
    for document, pdf in handouts(config, riverside).items():
        assert not widgets(pdf), f"{document}: no form fields when the clinic is set"
        assert "/AcroForm" not in pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"], document
