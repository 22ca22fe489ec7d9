"""The PDF handout of the session's real strict build: what it says, that it fits, that it is accessible.

The tests read the PDFs in `site_dir` and take what to expect from the same content (data/handout.yml,
the pages, extra.care), so a correct content change never fails them. Builds of a changed copy of the
project (a clinic, other numbers, a new page, the mistakes that stop the build) are in
tests/test_handout_builds.py.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from html import unescape
from pathlib import Path

import pikepdf
import pypdf
import pytest
import yaml

from legcramps.handout import pdf as handout
from legcramps.handout.content import collect_content
from legcramps.model.clinic import ClinicDetails
from legcramps.model.page_model import split_front_matter
from legcramps.model.paper import PREVIEW_PATH, paper_order
from legcramps.model.settings import load_settings
from legcramps.model.words import TIER_KEYS
from legcramps.render.callouts import tiers
from legcramps.session import start_build
from tests.support.site import ROOT
from tests.support.text import font_sizes
from tests.test_build import html_for

pytestmark = pytest.mark.build

PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}  # points
MAX_BYTES = 300 * 1024
TEMPLATE = "templates/handout/handout.html"
PARTS = "templates/handout/parts.html"  # the pieces every handout template imports
STYLESHEET = "templates/handout/handout.css"
FONTS = "templates/handout/fonts.css"  # the font files, imported by each stylesheet

PROJECT = start_build(load_settings(ROOT / "mkdocs.yml")).project
CARE = PROJECT.care
STRATEGIES = list(PROJECT.handout.strategies)


def front_matter(src: str) -> dict:
    data, _ = split_front_matter((ROOT / "docs" / src).read_text())
    return data


def visible_text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def pdf_path(site_dir: Path, paper: str) -> Path:
    return site_dir / handout.PDF_PATH.format(paper=paper)


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, with every run of white space as one space."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module", params=list(PAPERS))
def paper(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def pdf(site_dir: Path, paper: str) -> bytes:
    return pdf_path(site_dir, paper).read_bytes()


@pytest.fixture(scope="module")
def unbranded_pdf(paper: str) -> bytes:
    """The handout with no clinic set, whatever mkdocs.yml says: drawn from the model, without MkDocs."""
    return handout.render_handout(replace(collect_content(PROJECT), clinic=ClinicDetails()), paper)


# --- it fits, and it is small --------------------------------------------------------------------


def test_the_handout_fits_on_two_pages_of_its_paper(pdf: bytes, paper: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == pytest.approx(PAPERS[paper], abs=0.2)


def test_the_handout_is_small(pdf: bytes) -> None:
    assert len(pdf) <= MAX_BYTES, f"{len(pdf) / 1024:.0f} KB"


def test_no_text_is_smaller_than_10_pt(pdf: bytes) -> None:
    sizes = font_sizes(pdf)
    assert sizes, "no text found"
    assert min(sizes) >= 10, sorted(sizes.items())


# --- what it says ------------------------------------------------------------------------------


def test_the_handout_lists_the_strategies_an_editor_chose_in_their_order(pdf: bytes) -> None:
    text = pdf_text(pdf)
    positions = []
    for src in STRATEGIES:
        data = front_matter(src)
        title = " ".join(data["title"].split())
        assert title in text, f"{src}: title {title!r} is missing"
        assert PROJECT.words.grades[data["grade"]]["label"] in text
        assert " ".join(data["description"].split()) in text, f"{src}: description is missing"
        positions.append(text.index(title))
    assert positions == sorted(positions), "the strategies are not in data/handout.yml order"


def test_the_handout_has_every_tier_with_the_configured_numbers(pdf: bytes) -> None:
    """The tiers in the words of extra.care (the US and UK wording are pinned by tests with their own settings)."""
    text = pdf_text(pdf)
    for tier in tiers(CARE, PROJECT.words).values():
        assert tier.title in text and tier.lead in text, tier
    assert f"Call {CARE.emergency_number} now" in text


def section(text: str, start: str, end: str) -> str:
    assert start in text and end in text, (start, end)
    return text.split(start, 1)[1].split(end, 1)[0]


def test_the_handout_prints_exactly_the_warning_signs_the_site_shows(pdf: bytes, site_dir: Path) -> None:
    """Both ways: every sign on the help page is in the PDF, and the PDF's help section has nothing else."""
    page = html_for(site_dir, "when-to-get-help.md")
    printed = section(pdf_text(pdf), "When to get help", "From the ")
    rest = printed
    for tier in TIER_KEYS:
        callout = re.search(rf'urgency-{tier}".*?</div>', page, re.DOTALL)
        assert callout, tier
        parts = [visible_text(p) for p in re.findall(r"<p[^>]*>(.*?)</p>|<li>(.*?)</li>", callout.group(0))
                 for p in p if p]
        assert len(parts) >= 3, tier
        for part in parts:
            assert part in printed, f"{tier}: {part!r} is on the site but not in the PDF"
            rest = rest.replace(part, " ", 1)
    rest = rest.replace("Start at the top. If you are not sure how serious it is, pick the faster option.", " ")
    # Under the tiers: the write-in line, or the clinic's details when mkdocs.yml sets them.
    rest = re.sub(r"Your doctor or clinic: Phone: Note:|Your clinic: .*$", " ", rest)
    assert not rest.split(), f"the PDF prints signs the site does not show: {' '.join(rest.split())!r}"


def test_the_handout_prints_exactly_the_quick_steps_the_site_shows(pdf: bytes, site_dir: Path) -> None:
    page = html_for(site_dir, "cramp-right-now.md")
    steps = re.search(r'<ol class="quick-steps">(.*?)</ol>(.*?)<div', page, re.DOTALL)
    assert steps
    items = re.findall(r"<li>(.*?)</li>", steps.group(1), re.DOTALL)
    shown = [visible_text(re.sub(r"<sup.*?</sup>", "", item)) for item in items]
    shown += [visible_text(note) for note in re.findall(r"<p>(.*?)</p>", steps.group(2), re.DOTALL)]
    rest = section(pdf_text(pdf), "Cramp right now?", "Ways to ease and prevent cramps")
    for item in shown:
        assert item in rest, f"{item!r} is on the site but not in the PDF"
        rest = rest.replace(item, " ", 1)
    assert not rest.split(), f"the PDF prints steps the site does not show: {' '.join(rest.split())!r}"


def test_the_handout_has_the_address_qr_code_sources_and_review_date(pdf: bytes, site_url: str) -> None:
    text = pdf_text(pdf)
    address = re.sub(r"^https?://", "", site_url).rstrip("/")
    assert address in text
    reviewed = max(front_matter(src)["reviewed"] for src in [*STRATEGIES, "cramp-right-now.md", "when-to-get-help.md"])
    assert f"Reviewed {PROJECT.words.long_date(reviewed)}" in text  # the edition's way (November 20, 2026)
    keys = yaml.safe_load((ROOT / "data" / "handout.yml").read_text())["sources"]
    bibliography = yaml.safe_load((ROOT / "data" / "bibliography.yml").read_text())
    for key in keys:
        assert " ".join(str(bibliography[key]["title"]).split())[:40] in text, key
    with pikepdf.open(io.BytesIO(pdf)) as document:
        uris = {
            str(annot.A.URI)
            for page in document.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A
        }
        figures = [str(e.get("/Alt", "")) for e in _struct_elements(document.Root.StructTreeRoot.K) if e.S == "/Figure"]
    assert any("QR code" in alt and address in alt for alt in figures), f"no QR code for the address: {figures}"
    assert site_url in uris, "the site address is not a clickable link"
    assert any(uri.startswith("https://") and "127.0.0.1" not in uri for uri in uris), "no source link"


# --- accessible PDF ------------------------------------------------------------------------------


def _struct_elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(item)
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            found.append(item)
            if "/K" in item:
                stack.append(item.K)
    return found


def test_the_handout_is_a_tagged_pdf_ua_document(pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "en-US"  # the edition's locale
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert str(document.docinfo.Title).startswith("Leg cramps")
        with document.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title", "").startswith("Leg cramps")
            assert not any("Date" in key for key in xmp), "dates make two builds differ"
        assert "/CreationDate" not in document.docinfo and "/ModDate" not in document.docinfo
        elements = _struct_elements(root.StructTreeRoot.K)
        tags = Counter(str(element.S) for element in elements)
        for tag in ("/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure", "/Link"):
            assert tags[tag], f"no {tag} element in the structure tree: {dict(tags)}"
        figures = [element for element in elements if element.S == "/Figure"]
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures), "an image has no alt text"
        assert any("QR code" in str(figure.Alt) for figure in figures)


def test_the_handout_embeds_only_the_committed_font(pdf: bytes) -> None:
    families = set()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for font in page.Resources.Font.values():
                for descendant in font.get("/DescendantFonts", [font]):
                    descriptor = descendant.FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
                    families.add(str(descendant.BaseFont).split("+", 1)[-1])
    assert families and all(name.startswith("Atkinson-Hyperlegible") for name in families), families
    assert {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"} <= families
    fonts = ROOT / "templates" / "handout" / "fonts"
    assert "SIL OPEN FONT LICENSE" in (fonts / "OFL.txt").read_text()


def test_the_handout_text_is_real_selectable_text(pdf: bytes) -> None:
    text = pdf_text(pdf)
    assert "Leg cramps: what to do" in text
    assert len(text) > 3000


# --- on the site ---------------------------------------------------------------------------------


def test_every_page_links_to_the_handout_with_its_real_size(site_dir: Path) -> None:
    paper_first = paper_order(CARE)[0]
    size_kb = max(1, round(pdf_path(site_dir, paper_first).stat().st_size / 1024))
    # The English edition's pages (the Spanish edition links its own PDFs: tests/test_editions.py).
    pages = [path for path in site_dir.rglob("index.html")
             if path.parent != site_dir / "search" and (site_dir / "es") not in path.parents]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text()
        match = re.search(r'<a href="([^"]+)" type="application/pdf">Download the handout \(PDF, (\d+) KB\)</a>', html)
        assert match, f"{path}: no handout link"
        assert int(match.group(2)) == size_kb
        target = (path.parent / match.group(1)).resolve()
        assert target == pdf_path(site_dir, paper_first).resolve()


def test_the_handout_page_shows_a_preview_and_both_paper_sizes(site_dir: Path) -> None:
    html = (site_dir / "handout" / "index.html").read_text()
    image = re.search(r'<img alt="([^"]+)" src="leg-cramps-handout-preview.png"', html)
    assert image and len(image.group(1)) > 30
    png = (site_dir / PREVIEW_PATH).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) < 200 * 1024
    for paper in PAPERS:
        assert f'href="leg-cramps-handout-{paper}.pdf"' in html
    assert "Fit to page" in html and "black and white" in html.lower()


def test_the_template_folder_is_not_copied_into_the_site(site_dir: Path) -> None:
    assert not list(site_dir.rglob("*.ttf"))
    assert not (site_dir / "handout" / "handout.css").exists()


def test_without_clinic_details_the_handout_has_a_line_to_write_them_in(unbranded_pdf: bytes) -> None:
    text = pdf_text(unbranded_pdf)
    assert "Your doctor or clinic: Phone: Note:" in text  # each followed by a form field (tests/test_handout_form.py)


# --- the core, without MkDocs ----------------------------------------------------------------------


def test_rendering_twice_gives_the_same_bytes() -> None:
    content = collect_content(PROJECT)
    assert handout.render_handout(content, "a4") == handout.render_handout(content, "a4")
