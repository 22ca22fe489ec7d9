"""Editions: the Spanish edition next to the English one, the UK site, and Spain one setting away.

Every edition is a real strict build (tools/build_site.py, as `make build`). The Spanish edition is in
the session's site under es/; the UK site and the Spain setting are built from copies here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest
import yaml

from legcramps.model.care import CareSettings
from legcramps.model.settings import load_settings
from tests.support.site import ROOT, copy_project, mkdocs_build, set_clinic
from tests.support.text import pdf_text, visible_text
from tests.test_build import html_for

pytestmark = pytest.mark.build

SPANISH = ROOT / "docs-es"
PAGES = sorted(path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md"))
US_ONLY = re.compile(r"\b(diarrhea|colors?|fibers?|estrogens?|water pills?|charley horses?|centers?|pediatric)\b", re.I)


def require_spanish() -> None:
    if not SPANISH.is_dir():
        pytest.fail("docs-es/ is missing: the Spanish edition is part of the site")


def spanish_site(site_dir: Path) -> Path:
    require_spanish()
    return site_dir / "es"


# --- the Spanish edition -------------------------------------------------------------------------


@pytest.mark.parametrize("src", PAGES)
def test_every_english_page_has_its_spanish_page_and_they_link_to_each_other(site_dir: Path, src: str) -> None:
    english, spanish = html_for(site_dir, src), html_for(spanish_site(site_dir), src)
    assert '<html lang="en-US"' in english and '<html lang="es-US"' in spanish
    depth = src.removesuffix(".md").removesuffix("index").count("/") + (0 if src.endswith("index.md") else 1)
    page = src.removesuffix(".md").removesuffix("index") + ("" if src.endswith("index.md") else "/")
    assert re.search(rf'<a href="{"../" * depth}es/{re.escape(page)}" hreflang="es" lang="es">Español</a>', english)
    assert re.search(rf'<a href="{"../" * (depth + 1)}{re.escape(page)}" hreflang="en" lang="en">English</a>', spanish)


@pytest.mark.parametrize("src", PAGES)
def test_every_spanish_page_says_it_is_a_translation_not_yet_checked(site_dir: Path, src: str) -> None:
    html = html_for(spanish_site(site_dir), src)
    assert "Esta página es una traducción de la página en inglés." in html
    assert "Todavía no la ha revisado un profesional de la salud que lea español." in html


def test_the_spanish_edition_has_its_own_search_404_and_handout(site_dir: Path) -> None:
    es = spanish_site(site_dir)
    index = json.loads((es / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == ["es"]
    assert all("/es/" not in doc["location"] for doc in index["docs"]), "locations are relative to es/"
    assert (es / "404.html").is_file() and '<html lang="es-US"' in (es / "404.html").read_text()
    english_index = json.loads((site_dir / "search" / "search_index.json").read_text())
    assert not any("calambre" in doc["text"] for doc in english_index["docs"]), "one index per language"
    for paper in ("letter", "a4"):
        pdf = es / "handout" / f"leg-cramps-handout-{paper}.pdf"
        text = pdf_text(pdf)
        number = CareSettings.from_extra(load_settings(ROOT / "mkdocs.es.yml").extra).emergency_number
        assert f"Llame al {number} ahora" in text and "¿Tiene un calambre ahora?" in text
        assert str(pypdf.PdfReader(pdf).trailer["/Root"]["/Lang"]) == "es-US"
        assert len(pypdf.PdfReader(pdf).pages) <= 2
    assert 'href="handout/leg-cramps-handout-letter.pdf"' in (es / "index.html").read_text()


def test_the_sitemaps_give_every_page_its_translation_and_an_x_default(site_dir: Path, site_url: str) -> None:
    for sitemap in (site_dir / "sitemap.xml", site_dir / "es" / "sitemap.xml"):
        text = sitemap.read_text()
        assert f'hreflang="en" href="{site_url}when-to-get-help/"' in text
        assert f'hreflang="es" href="{site_url}es/when-to-get-help/"' in text
        assert f'hreflang="x-default" href="{site_url}when-to-get-help/"' in text


def test_spanish_dates_are_written_the_spanish_way(site_dir: Path) -> None:
    html = html_for(spanish_site(site_dir), "when-to-get-help.md")
    assert re.search(r"Última revisión de la página: <time datetime=\"\d{4}-\d\d-\d\d\">\d+ de [a-z]+ de 20\d\d</time>", html)


# --- what the Spanish edition refuses or says ------------------------------------------------------


def test_a_missing_translation_stops_the_build_naming_the_page(tmp_path: Path) -> None:
    require_spanish()
    project = copy_project(tmp_path / "project")
    (project / "docs-es" / "strategies" / "heat.md").unlink()
    result = mkdocs_build(project, tmp_path / "site")
    assert not result.ok
    assert "docs-es/strategies/heat.md: this page is missing from the edition: translate docs/strategies/heat.md" in result.output


def test_a_changed_english_page_marks_its_translation_out_of_date(tmp_path: Path) -> None:
    require_spanish()
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "strategies" / "heat.md"
    page.write_text(page.read_text() + "\nOne more sentence in English.\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.ok, result.output
    assert "Translations out of date (their original page has changed): strategies/heat.md" in result.output
    html = html_for(result.site_dir / "es", "strategies/heat.md")
    assert "La página en inglés ha cambiado desde esta traducción." in html
    assert "La página en inglés ha cambiado" not in html_for(result.site_dir / "es", "strategies/massage.md")


def test_a_build_for_spain_is_one_setting_away(tmp_path: Path) -> None:
    require_spanish()
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.es.yml"
    text = config.read_text()
    text = text.replace("language: es-us", "language: es-es")
    text = re.sub(r"  care:\n(    .*\n)+", "  care:\n    country: Spain\n    emergency_number: \"112\"\n"
                  "    emergency_place: urgencias\n    urgent_advice: pida cita urgente en su centro de salud\n"
                  "    doctor: médico de familia\n", text)
    config.write_text(text)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.ok, result.output
    html = visible_text(html_for(result.site_dir / "es", "when-to-get-help.md"))
    assert "Llame al 112 ahora" in html and "911" not in html
    assert "Vea a su médico de familia en 1 o 2 días" in html
    assert '<html lang="es-ES"' in html_for(result.site_dir / "es", "index.md")
    first_pdf = re.search(r'href="(handout/leg-cramps-handout-\w+\.pdf)"', html_for(result.site_dir / "es", "index.md"))
    assert first_pdf and first_pdf.group(1).endswith("a4.pdf"), "Spain prints on A4"


# --- the UK site ----------------------------------------------------------------------------------


def test_the_uk_site_reads_as_uk_english_in_every_page_and_the_handout(tmp_path: Path) -> None:
    """Built as the deploy workflow builds it from the repository's Actions variables (no file edited):
    SITE_EDITION=uk picks mkdocs.en-gb.yml, and the CLINIC_* variables put the clinic on the handout."""
    project = copy_project(tmp_path / "project")
    set_clinic(project, "")  # whatever the project sets, the variables decide
    result = mkdocs_build(project, tmp_path / "site", SITE_EDITION="uk", CLINIC_NAME="Riverside Family Practice",
                          CLINIC_PHONE="020 7946 0000", CLINIC_NOTE="Open weekdays 8 am to 6 pm")
    assert result.ok, result.output
    site = result.site_dir
    assert not (site / "es").exists(), "the UK site is published on its own"
    for paper in ("a4", "letter"):
        text = pdf_text(site / "handout" / f"leg-cramps-handout-{paper}.pdf")
        assert "Your clinic: Riverside Family Practice, phone 020 7946 0000. Open weekdays 8 am to 6 pm" in text
    for page in site.rglob("*.html"):
        found = US_ONLY.findall(visible_text(page.read_text()))
        assert not found, f"{page.relative_to(site)}: US words {sorted(set(found))}"
    for paper in ("a4", "letter"):
        text = pdf_text(site / "handout" / f"leg-cramps-handout-{paper}.pdf")
        assert not US_ONLY.findall(text), paper
        assert "Call 999 now" in text and "diarrhoea" in text
    home = html_for(site, "index.md")
    assert '<html lang="en-GB"' in home
    assert re.search(r'href="handout/leg-cramps-handout-a4.pdf" type="application/pdf">Download the handout', home)
    handout = visible_text(html_for(site, "handout.md"))
    assert handout.index("Download for A4 paper") < handout.index("Download for US Letter paper")
    assert re.search(r"Page last reviewed: \d+ [A-Z][a-z]+ 20\d\d", visible_text(html_for(site, "causes.md")))
    answers = (site / "search" / "signs.json").read_text(encoding="utf-8")  # what search answers a danger sign with
    assert "Call 999 now: one leg is swollen or painful" in answers and "911" not in answers


def test_the_us_words_list_is_the_one_the_uk_spelling_file_replaces() -> None:
    spelling = yaml.safe_load((ROOT / "data" / "en" / "spelling-en-GB.yml").read_text())
    for word in ("diarrhea", "color", "fiber", "estrogen", "water pills", "charley horse, "):
        assert word in spelling
