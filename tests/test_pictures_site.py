"""The quick steps' pictures in the real built site: beside every step on the quick page and the home page of
both editions, each an inline drawing named by its alt text in the page's own language (from the data file,
never the file name), and the thigh and foot pictures under their note.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from legcramps.model.project import Project
from tests.test_build import html_for
from tests.test_pictures import both

pytestmark = pytest.mark.build

EDITIONS = {"en": "", "es": "es"}
PAGES = ("cramp-right-now.md", "index.md")
PICTURE = re.compile(r'<svg class="(step-picture|move-picture)"[^>]*\brole="img"[^>]*\baria-label="([^"]*)"[^>]*>(.*?)</svg>',
                     re.DOTALL)


@pytest.fixture(scope="module")
def projects() -> dict[str, Project]:
    return both()


def pictures_on(html: str, kind: str) -> list[str]:
    return [unescape(label) for found, label, _ in PICTURE.findall(html) if found == kind]


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("src", PAGES)
def test_every_step_shows_its_picture_named_in_the_pages_language(
    site_dir: Path, projects: dict[str, Project], edition: str, src: str
) -> None:
    html = html_for(site_dir / EDITIONS[edition], src)
    assert re.search(rf'<html lang="{edition}\b', html), f"{edition}/{src}: the page is not in {edition}"
    steps = re.search(r'<ol class="quick-steps"[^>]*>(.*?)</ol>', html, re.DOTALL)
    assert steps, f"{edition}/{src}: no quick steps"
    items = re.findall(r"<li>(.*?)</li>", steps.group(1), re.DOTALL)
    data = projects[edition].steps
    assert len(items) == len(data.steps)
    for item, step in zip(items, data.steps, strict=True):
        assert step.picture is not None
        assert pictures_on(item, "step-picture") == [step.picture.alt], f"{edition}/{src}: step {step.do!r}"
        assert item.index("</strong>") < item.index("<svg"), "the step's words come first, then its picture"
        assert not re.search(r"\.svg\b", step.picture.alt)
    moves = [picture.alt for pictures in data.after_pictures for picture in pictures]
    assert len(moves) == 3 and pictures_on(html, "move-picture") == moves
    other = "es" if edition == "en" else "en"
    assert not set(pictures_on(html, "step-picture")) & {p.alt for p in projects[other].steps.pictures}, (
        f"{edition}/{src}: a picture is named in the other edition's language")


def test_pictures_carry_no_style_or_id_a_page_could_trip_on(site_dir: Path) -> None:
    for edition in EDITIONS.values():
        for src in PAGES:
            html = html_for(site_dir / edition, src)
            drawings = "".join(body for _, _, body in PICTURE.findall(html))
            assert drawings and not re.search(r"\sstyle=|<style|<script|<text\b|\sid=", drawings)
            ids = re.findall(r'\sid="([^"]+)"', html)
            assert len(ids) == len(set(ids)), f"{edition}/{src}: an id is used twice"
