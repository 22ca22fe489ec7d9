"""The cramp diary: a one-page sheet per edition and paper, to fill in for a week and take to the doctor.

Drawn by the handout's machinery from data/<language>/diary.yml (never Markdown). Read from the PDFs:
one landscape page of the paper's size, a table of a week of rows under every column heading of the
edition's data file, the line about the appointment, tagged PDF/UA in the edition's language. The
English and Spanish PDFs are the session's real build's; the UK site's is drawn from its own model.
A mistake in the data file stops the build with one line naming the file and line.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pikepdf
import pypdf
import pytest
import yaml

from legcramps.cli import main
from legcramps.handout.content import HandoutError, collect_content
from legcramps.handout.diary import COLUMNS, ROWS, load_diary
from legcramps.handout.documents import plan_diary, render_document
from legcramps.model.paper import DIARY_PATH, PAPER_MM, TEMPLATE_DIR, paper_order
from legcramps.model.project import Project
from legcramps.model.settings import load_settings
from legcramps.session import start_build
from tests.support.site import ROOT, copy_project, mkdocs_build
from tests.support.text import structure_tags
from tests.test_build import html_for

pytestmark = pytest.mark.build

PAPERS = ("a4", "letter")
SITE_EDITIONS = {"": "mkdocs.yml", "es/": "mkdocs.es.yml"}


@cache
def project(config: str, root: Path = ROOT) -> Project:
    return start_build(load_settings(root / config)).project


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def expected_words(config: str) -> list[str]:
    """Every heading, hint and line the edition's diary.yml gives, {doctor} filled in from its care settings."""
    data = yaml.safe_load((project(config).settings.words_dir / "diary.yml").read_text(encoding="utf-8"))
    doctor = project(config).care.doctor
    said = [data["heading"], data["intro"], data["bring"], *data["columns"].values(), *(data.get("hints") or {}).values()]
    return [" ".join(str(text).format(doctor=doctor).split()) for text in said]


def check_diary(pdf: bytes, config: str, paper: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{config} {paper}: the diary is {len(reader.pages)} pages"
    height, width = (mm * 72 / 25.4 for mm in PAPER_MM[paper])  # landscape
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((width, height), abs=0.2), f"{config} {paper}"
    text = text_of(pdf)
    for words in expected_words(config):
        assert words in text, f"{config} {paper}: {words!r} is not on the diary"
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == project(config).words.locale
        assert bool(document.Root.MarkInfo.Marked) is True
        with document.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        assert str(document.docinfo.Title) == yaml.safe_load(
            (project(config).settings.words_dir / "diary.yml").read_text(encoding="utf-8"))["title"]
    tags = structure_tags(pdf)
    assert tags.count("/TH") == len(COLUMNS), f"{config} {paper}: {tags.count('/TH')} column headings"
    assert tags.count("/TR") == 1 + ROWS, f"{config} {paper}: a heading row and {ROWS} rows to fill in"


# --- in the built site ---------------------------------------------------------------------------


@pytest.mark.parametrize("edition", list(SITE_EDITIONS))
def test_every_edition_of_the_site_has_a_one_page_diary_on_both_papers(site_dir: Path, edition: str) -> None:
    for paper in PAPERS:
        check_diary((site_dir / edition / DIARY_PATH.format(paper=paper)).read_bytes(), SITE_EDITIONS[edition], paper)


@pytest.mark.parametrize("edition", list(SITE_EDITIONS))
def test_the_seeing_a_doctor_page_and_the_handout_page_link_both_papers(site_dir: Path, edition: str) -> None:
    config = SITE_EDITIONS[edition]
    words = project(config).words
    for src in ("seeing-a-doctor.md", "handout.md"):
        page = html_for(site_dir / edition if edition else site_dir, src)
        folder = (site_dir / edition / src.removesuffix(".md").removesuffix("index")).resolve()
        links = re.findall(r'<a href="([^"]+)" type="application/pdf">([^<]+)</a>', page)
        shown = [((folder / href).resolve(), label) for href, label in links if "diary" in href]
        wanted = [((site_dir / edition / DIARY_PATH.format(paper=paper)).resolve(),
                   words.site["diary_for"].format(paper=words.handout[f"paper_{paper}"]))
                  for paper in paper_order(project(config).care)]
        assert shown == wanted, f"{edition}{src}: {shown}"


# --- every edition, from its own model ---------------------------------------------------------------


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.es.yml", "mkdocs.en-gb.yml"])
def test_every_edition_draws_it_from_its_own_words(config: str) -> None:
    content = collect_content(project(config))
    pdfs = render_document(plan_diary(project(config), content, PAPERS, ROOT / TEMPLATE_DIR))
    for paper, pdf in pdfs.items():
        check_diary(pdf, config, paper)
    if config == "mkdocs.en-gb.yml":
        assert "your GP" in text_of(pdfs["a4"])  # {doctor} from the UK care settings


# --- mistakes in the data file -------------------------------------------------------------------------


MISTAKES = {
    "a column left out": ("  exercise: Exercise that day\n", "", "columns.exercise is missing"),
    "a misspelt column": ("  how_long:", "  how_lnog:", "unknown column 'how_lnog' (did you mean 'how_long'?)"),
    "an unknown placeholder": ("your {doctor}", "your {doctr}", "unknown placeholder {doctr}"),
    "an unknown entry": ("title: Cramp diary\n", "title: Cramp diary\ntitel: Cramp diary\n", "unknown entry 'titel'"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_mistake_in_the_data_file_is_one_line_naming_the_file_and_line(
    tmp_path: Path, mistake: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, said = MISTAKES[mistake]
    copy = copy_project(tmp_path / "project")
    data = copy / "data" / "en" / "diary.yml"
    text = data.read_text(encoding="utf-8")
    assert old in text, old
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(HandoutError) as raised:
        load_diary(start_build(load_settings(copy / "mkdocs.yml")).project)
    message = str(raised.value)
    assert message.startswith("data/en/diary.yml:") and said in message, message
    assert "\n" not in message
    # `make check` (no PDF drawn) stops on the same line as the build.
    assert main(["check", "-f", str(copy / "mkdocs.yml")]) == 1
    assert message in capsys.readouterr().err.splitlines()


def make_the_diary_too_long(project: Path) -> None:
    """The English diary's intro twelve times over: too long for its one page."""
    data = project / "data" / "en" / "diary.yml"
    intro = yaml.safe_load(data.read_text(encoding="utf-8"))["intro"]
    data.write_text(data.read_text(encoding="utf-8").replace(intro, " ".join([intro] * 12)), encoding="utf-8")


def test_a_diary_too_long_for_one_page_stops_the_build_naming_its_file(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "project")
    make_the_diary_too_long(copy)
    result = mkdocs_build(copy, tmp_path / "site")
    assert not result.ok
    assert [line for line in result.output.splitlines()
            if "data/en/diary.yml: the cramp diary is 2 pages" in line and "must fit on 1" in line], result.output
    assert "Traceback" not in result.output
