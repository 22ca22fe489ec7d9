"""The quick steps' pictures as an editor meets them: every step has one in both editions, with alt text in
the edition's language, and each mistake in a picture or its alt text stops the build with one line (file,
line, fix). The real data is read as is; every mistake is made in a throwaway copy of the project.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
import yaml

from legcramps.model.edition_data import shared_data_problems
from legcramps.model.editions import check_edition
from legcramps.model.pictures import CLASSES, MAX_BYTES, PICTURES_DIR, alt_problem
from legcramps.model.project import Project, load_project
from legcramps.model.settings import load_settings
from tests.support.editor import ProjectCopy, real_project
from tests.support.site import ROOT

pytestmark = pytest.mark.unit

EDITIONS = {"en": ("mkdocs.yml", "docs"), "es": ("mkdocs.es.yml", "docs-es")}
STEPS = "data/en/quick-steps.yml"
STEPS_ES = "data/es/quick-steps.yml"
PICTURE = "docs/assets/illustrations/step-pull-toes.svg"


def edition(root: Path, language: str) -> tuple[Project | None, list[str]]:
    project, problems = load_project(load_settings(root / EDITIONS[language][0]))
    return project, [str(problem) for problem in problems]


def both(root: Path = ROOT) -> dict[str, Project]:
    projects = {}
    for language in EDITIONS:
        project, problems = edition(root, language)
        assert project is not None and not problems, problems
        projects[language] = project
    return projects


def edition_problems(root: Path) -> list[str]:
    """What the Spanish edition's check says about the copy (the pictures are compared there)."""
    projects = both(root)
    return [str(problem) for problem in shared_data_problems(projects["es"], projects["en"])
            + check_edition(projects["es"], projects["en"]).problems]


# --- the real data -----------------------------------------------------------------------------


def test_every_quick_step_has_a_picture_with_alt_text_in_both_editions() -> None:
    projects = both()
    for language, project in projects.items():
        steps = project.steps
        assert steps.steps and all(step.picture for step in steps.steps), f"{language}: a quick step has no picture"
        for picture in steps.pictures:
            assert alt_problem(picture.alt, picture.file) is None
            folder = ROOT / EDITIONS[language][1] / PICTURES_DIR
            assert (folder / picture.file).is_file()
            assert (folder / picture.file).read_text(encoding="utf-8") == (ROOT / "docs" / PICTURES_DIR / picture.file).read_text(
                encoding="utf-8"), f"{language}: {picture.file} differs from the English edition's (pictures have no words)"
    english, spanish = (projects[language].steps.pictures for language in EDITIONS)
    assert [picture.file for picture in english] == [picture.file for picture in spanish]
    for en, es in zip(english, spanish, strict=True):
        assert en.alt != es.alt, f"{es.file}: the Spanish alt text is the English one"
        assert re.search(r"\b(una?|el|la|los|las|del?)\b", es.alt), f"{es.file}: {es.alt!r} does not read as Spanish"
        assert not re.search(r"\b(una|los|las|del)\b", en.alt), f"{en.file}: {en.alt!r} reads as Spanish"


def test_the_thigh_and_foot_note_has_its_three_pictures() -> None:
    for project in both().values():
        shown = [[picture.file for picture in pictures] for pictures in project.steps.after_pictures]
        assert ["move-thigh-front.svg", "move-thigh-back.svg", "move-foot.svg"] in shown


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "docs" / PICTURES_DIR).glob("*.svg")
                                         if p.name.startswith(("step-", "move-"))))
def test_each_picture_is_small_wordless_and_themed(name: str) -> None:
    svg = (ROOT / "docs" / PICTURES_DIR / name).read_text(encoding="utf-8")
    assert not re.search(r"<text\b|<style\b|\sstyle=|<script\b|<image\b|\sid=", svg)
    assert 'class="pic-bg"' in svg, "the picture's own panel keeps it legible on both palettes"
    assert set(re.findall(r'class="([^"]+)"', svg)) <= set(CLASSES)
    picture = next(p for p in real_project().steps.pictures if p.file == name)
    assert len(picture.body.encode()) <= MAX_BYTES and "<!--" not in picture.body
    printed = base64.b64decode(picture.print_uri().split(",", 1)[1]).decode()
    assert "#b3261e" not in printed and "currentColor" not in printed, "the handout prints black on white"


# --- mistakes an editor can make -----------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> ProjectCopy:
    return ProjectCopy(tmp_path)


ALT_FIX = "write one sentence saying what the picture shows, e.g. alt: A person sits and pulls the toes up with a towel"


@pytest.mark.parametrize(("alt", "message"), [
    ("", "the picture step-pull-toes.svg has no alt text: " + ALT_FIX),
    ('""', "the alt text of step-pull-toes.svg is empty: " + ALT_FIX),
    ("step-pull-toes.svg", "the alt text of step-pull-toes.svg looks like a file name ('step-pull-toes.svg'): " + ALT_FIX),
    ("pull-toes", "the alt text of step-pull-toes.svg looks like a file name ('pull-toes'): " + ALT_FIX),
    ("Picture of step-pull-toes", "the alt text of step-pull-toes.svg looks like a file name ('Picture of step-pull-toes'): "
     + ALT_FIX),
    ("A person " + "pulls " * 40, "the alt text of step-pull-toes.svg is 248 characters: keep it to one or two short "
     "sentences (at most 200)"),
])
def test_a_poor_alt_text_stops_the_build_on_its_line(copy: ProjectCopy, alt: str, message: str) -> None:
    written = yaml.safe_load(copy.text(STEPS))["steps"][1]["alt"]
    line = copy.edit(STEPS, f"alt: {written}", f"alt: {alt}")
    assert copy.problems() == [f"{STEPS}:{line}: {message}"]


def test_a_missing_alt_text_is_named_on_the_pictures_line(copy: ProjectCopy) -> None:
    written = yaml.safe_load(copy.text(STEPS))["steps"][1]["alt"]
    copy.edit(STEPS, f"    alt: {written}\n", "")
    line = copy.line_of(STEPS, "picture: step-pull-toes.svg")
    assert copy.problems() == [f"{STEPS}:{line}: the picture step-pull-toes.svg has no alt text: {ALT_FIX}"]


def test_a_missing_alt_text_under_a_note_is_named_too(copy: ProjectCopy) -> None:
    written = yaml.safe_load(copy.text(STEPS))["after"][0]["pictures"][2]["alt"]
    line = copy.edit(STEPS, f"alt: {written}", "alt: move-foot.svg")
    assert copy.problems() == [f"{STEPS}:{line}: the alt text of move-foot.svg looks like a file name ('move-foot.svg'): "
                               + ALT_FIX]


def test_a_misspelt_picture_gets_the_closest_file(copy: ProjectCopy) -> None:
    line = copy.edit(STEPS, "picture: step-pull-toes.svg", "picture: step-pull-toe.svg")
    assert copy.problems() == [f"{STEPS}:{line}: no picture docs/assets/illustrations/step-pull-toe.svg (did you mean "
                               "'step-pull-toes.svg'?): add the file, or correct the name"]


def test_a_picture_that_is_not_a_file_name_is_refused(copy: ProjectCopy) -> None:
    line = copy.edit(STEPS, "picture: step-pull-toes.svg", "picture: ../step-pull-toes.png")
    assert copy.problems() == [f"{STEPS}:{line}: 'picture' must be the name of an SVG file in docs/assets/illustrations/, "
                               "e.g. picture: step-pull-toes.svg (got '../step-pull-toes.png')"]


# Each mistake is drawn into the picture as a new line before its last </g>, so redrawing the picture never
# breaks the test.
@pytest.mark.parametrize(("new", "why"), [
    ('<text x="9" y="20">calf</text>',
     "has words in it: a picture has no words (every edition shows it); put what it says in the alt text"),
    ('<path style="fill:red" d="M12 108H148"/>',
     "has a style: the pages' Content-Security-Policy refuses inline styles; use attributes (fill, stroke) and the "
     "pic-* classes"),
    ('<path d="M12 108H148" stroke="#1a1a1a"/>',
     ": a colour on an element without a pic-* class would not change in the dark palette: draw lines with "
     'stroke="currentColor", or add one of the classes ' + ", ".join(CLASSES)),
])
def test_a_picture_breaking_a_rule_is_named_with_its_own_line(copy: ProjectCopy, new: str, why: str) -> None:
    text = copy.text(PICTURE)
    last = text.rindex("</g>")
    copy.write(PICTURE, text[:last] + new + "\n" + text[last:])
    in_file = text.count("\n", 0, last) + 1
    line = copy.line_of(STEPS, "picture: step-pull-toes.svg")
    where = f"docs/assets/illustrations/step-pull-toes.svg (line {in_file})"
    assert copy.problems() == [f"{STEPS}:{line}: {where}{'' if why.startswith(':') else ' '}{why}"]


def test_a_picture_too_big_for_every_page_is_refused(copy: ProjectCopy) -> None:
    copy.edit(PICTURE, "</g>", '<path d="' + "M1 1L2 2" * 600 + '"/></g>')
    line = copy.line_of(STEPS, "picture: step-pull-toes.svg")
    [problem] = copy.problems()
    assert problem.startswith(f"{STEPS}:{line}: docs/assets/illustrations/step-pull-toes.svg is ")
    assert problem.endswith(f"KB: a picture beside the quick steps must be under {MAX_BYTES // 1024} KB (each page that "
                            "shows the steps carries all of them): simplify it, or save it as plain SVG")


def test_a_picture_with_ids_keeps_them_its_own(copy: ProjectCopy) -> None:
    copy.edit(PICTURE, "</g>", '<path id="arrow" d="M1 1"/><use href="#arrow"/></g>')
    project, problems = edition(copy.root, "en")
    assert project is not None and not problems
    body = next(p for p in project.steps.pictures if p.file == "step-pull-toes.svg").body
    assert 'id="step-pull-toes-arrow"' in body and 'href="#step-pull-toes-arrow"' in body


def test_the_spanish_edition_shows_the_same_pictures_with_its_own_alt_text(copy: ProjectCopy) -> None:
    assert edition_problems(copy.root) == []
    before = copy.text(STEPS_ES)
    copy.edit(STEPS_ES, "picture: step-rub-calf.svg", "picture: step-warm-wait.svg")
    step = copy.line_of(STEPS_ES, "picture: step-warm-wait.svg\n    alt: Una persona sentada") - 2  # step 3's "- do:"
    assert edition_problems(copy.root) == [
        f"{STEPS_ES}:{step}: step 3 shows step-warm-wait.svg but the original shows step-rub-calf.svg: keep the "
        "original's steps in its order, with the same pictures (translate only 'alt')"]
    copy.write(STEPS_ES, before)
    english = yaml.safe_load(copy.text(STEPS))["after"][0]["pictures"][2]["alt"]
    spanish = yaml.safe_load(copy.text(STEPS_ES))["after"][0]["pictures"][2]["alt"]
    copy.edit(STEPS_ES, f"alt: {spanish}", f"alt: {english}")
    after = copy.line_of(STEPS_ES, "after:")
    assert edition_problems(copy.root) == [f"{STEPS_ES}:{after}: note 1: the alt text of move-foot.svg is the original's: "
                                           "translate it"]
