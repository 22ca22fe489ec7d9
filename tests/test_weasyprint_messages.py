"""Machine warnings are not content errors: the rule for WeasyPrint's messages, and the real builds.

A missing optional system library (HarfBuzz-Subset) is shown once as a notice and the strict build
goes on; a mistake in the handout's files still stops it, naming the file. The real-WeasyPrint
tests hide HarfBuzz-Subset from WeasyPrint (as on a machine without `libharfbuzz-subset0`), so they
give the same answer whether or not this machine has the library.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from legcramps.handout import pdf as handout
from legcramps.handout.content import collect_content
from legcramps.handout.weasyprint_messages import MACHINE_MESSAGES, Kind, classify, is_notice, machine_notice
from legcramps.model.settings import load_settings
from legcramps.session import start_build
from tests.support.site import DRAWN_AFRESH, ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.build

TEMPLATE = "templates/handout/handout.html"

# What WeasyPrint 70 says, word for word.
FONTTOOLS_FALLBACK = (
    'Using fontTools instead of HarfBuzz-Subset for font "Atkinson Hyperlegible". This will be unsupported '
    "in future versions of WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 with your package manager."
)
OLD_HARFBUZZ = "Please install HarfBuzz version 13+ with harfbuzz-vector to display Noto Color Emoji COLR emoji fonts."
CONTENT_MESSAGES = {
    "no lang": (logging.ERROR, 'Missing required "lang" attribute at the root of the document'),
    "no alt": (logging.ERROR, 'Image "data:image/svg+xml;base64,PHN2..." has no required alt description'),
    "css typo": (logging.WARNING, "Ignored `brake-inside: avoid` at 41:3, unknown property."),
    "font file": (logging.WARNING, "Font-face 'Atkinson Hyperlegible' cannot be loaded"),
    "missing glyph": (logging.WARNING, '.notdef glyph rendered for Unicode string unsupported by fonts: "★" (U+2605)'),
    "never seen before": (logging.WARNING, "Something WeasyPrint 99 says that nobody has classified yet"),
}


# --- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize("message", [FONTTOOLS_FALLBACK, OLD_HARFBUZZ])
def test_a_missing_or_old_system_library_is_about_the_machine(message: str) -> None:
    assert classify(message, logging.WARNING) is Kind.MACHINE
    assert classify("  " + message.replace(" ", "\n  ", 3), logging.WARNING) is Kind.MACHINE  # wrapped lines


@pytest.mark.parametrize("name", list(CONTENT_MESSAGES))
def test_everything_an_editor_can_cause_and_anything_unknown_is_content(name: str) -> None:
    level, message = CONTENT_MESSAGES[name]
    assert classify(message, level) is Kind.CONTENT


def test_an_error_is_never_a_machine_notice() -> None:
    assert classify(FONTTOOLS_FALLBACK, logging.ERROR) is Kind.CONTENT


def test_every_machine_rule_says_why_an_editor_cannot_cause_it() -> None:
    assert len(MACHINE_MESSAGES) >= 2
    for rule in MACHINE_MESSAGES:
        assert rule.pattern.pattern.startswith("^") and len(rule.reason) > 30


def test_the_notice_repeats_weasyprint_and_points_to_make_doctor() -> None:
    line = machine_notice(FONTTOOLS_FALLBACK)
    assert FONTTOOLS_FALLBACK in line and "make doctor" in line and "\n" not in line
    assert is_notice(line)
    assert not is_notice(f"{TEMPLATE}: WeasyPrint: {FONTTOOLS_FALLBACK}")


# --- real WeasyPrint ------------------------------------------------------------------------------


def project_content() -> handout.HandoutContent:
    return collect_content(start_build(load_settings(ROOT / "mkdocs.yml")).project)


def test_without_harfbuzz_subset_the_pdf_is_made_with_one_notice(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    content = project_content()
    logger = "tests.weasyprint_messages"
    reported: set[str] = set()
    with caplog.at_level(logging.INFO, logger=logger):
        for paper in handout.PAPERS:
            pdf = handout.render_handout(
                content, paper, logger_name=logger, reported=reported
            )
            assert pdf.startswith(b"%PDF-")
    records = [record for record in caplog.records if record.name == logger]
    assert [record.levelno for record in records] == [logging.INFO], "one notice for both papers, nothing else"
    assert is_notice(records[0].getMessage()) and "HarfBuzz-Subset" in records[0].getMessage()


HIDE_HARFBUZZ_SUBSET = '''"""Test hook: WeasyPrint behaves as on a machine without HarfBuzz-Subset (libharfbuzz-subset0)."""
import weasyprint.pdf.fonts

weasyprint.pdf.fonts.harfbuzz_subset = None
'''


def project_without_harfbuzz_subset(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "hooks" / "no_harfbuzz_subset.py").write_text(HIDE_HARFBUZZ_SUBSET)
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "hooks:\n  - hooks/site_hooks.py\n" in text
    config.write_text(text.replace("hooks:\n", "hooks:\n  - hooks/no_harfbuzz_subset.py\n", 1))
    return project


def notices(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WeasyPrint notice about this machine" in line]


def builds(output: str) -> int:
    """How many MkDocs builds the output shows: one per edition, each with its own handout."""
    return len(re.findall(r"^INFO\s+-\s+\d+ pages written to ", output, re.M))


def test_the_strict_build_passes_on_a_machine_without_harfbuzz_subset(tmp_path: Path) -> None:
    result = mkdocs_build(project_without_harfbuzz_subset(tmp_path), tmp_path / "site", **DRAWN_AFRESH)
    assert result.ok, result.output
    assert "WARNING" not in result.output and "ERROR" not in result.output
    assert len(notices(result.output)) == builds(result.output) >= 1, "one notice per build:\n" + result.output
    assert all(line.startswith("INFO") for line in notices(result.output))
    for paper in handout.PAPERS:
        assert (result.site_dir / handout.PDF_PATH.format(paper=paper)).read_bytes().startswith(b"%PDF-")


def test_a_content_mistake_still_stops_the_build_on_such_a_machine(tmp_path: Path) -> None:
    project = project_without_harfbuzz_subset(tmp_path)
    template = project / TEMPLATE
    text = template.read_text()
    assert '<html lang="{{ lang }}">' in text
    template.write_text(text.replace('<html lang="{{ lang }}">', "<html>", 1))
    result = mkdocs_build(project, tmp_path / "site", **DRAWN_AFRESH)
    assert not result.ok, "a handout without a language passed the strict build"
    errors = [line for line in result.output.splitlines() if line.startswith("ERROR")]
    assert any(f"{TEMPLATE}: WeasyPrint:" in line and "lang" in line for line in errors), result.output
    assert len(notices(result.output)) == builds(result.output) >= 1, result.output
    assert not any(is_notice(line) for line in errors)
