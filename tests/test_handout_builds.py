"""The handout in builds of a changed copy of the project: the numbers and the clinic a deployer sets, a
writer's eleventh strategy page, and the mistakes that stop the build naming their file.

Each test builds a throwaway copy with its own explicit settings (tests/support/site.py: copy_project),
so a correct content change (a clinic set in mkdocs.yml, another strategy on the handout, a new page)
never fails them; the PDFs of the session's own build are read in tests/test_handout.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from legcramps.handout import pdf as handout
from legcramps.model.handout_plan import MAX_STRATEGIES
from legcramps.model.paper import DIARY_PATH, LARGE_PRINT_PATH
from tests.support.site import ROOT, BuildResult, copy_project, mkdocs_build, set_clinic
from tests.test_handout import FONTS, PAPERS, PARTS, PROJECT, STRATEGIES, STYLESHEET, TEMPLATE, pdf_path, pdf_text

pytestmark = pytest.mark.build


# Two builds of one commit write the same PDFs and preview, byte for byte: tests/test_build.py's
# test_two_builds_of_one_commit_are_byte_identical compares every file of the site, these included.


def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def set_care(project: Path, **settings: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    for name, value in settings.items():
        text, count = re.subn(rf"^(    {name}:).*$", rf'\1 "{value}"', text, count=1, flags=re.MULTILINE)
        assert count == 1, name
    config.write_text(text)


def test_the_handout_follows_the_configured_numbers(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    set_care(project, country="United Kingdom", emergency_number="999", emergency_place="A&E",
             urgent_number="111", urgent_advice="ask for an urgent GP appointment", doctor="GP")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.ok, result.output
    for paper in PAPERS:
        text = pdf_text(pdf_path(result.site_dir, paper).read_bytes())
        assert "Call 999 now" in text and "Call 999 or go to A&E now if:" in text
        assert "Call 111 or ask for an urgent GP appointment today if:" in text
        assert "See a GP in the next 1 to 2 days" in text and "Make an appointment with your GP" in text
        assert "911" not in text
        assert len(pypdf.PdfReader(pdf_path(result.site_dir, paper)).pages) <= 2
    # A4 is the first choice outside North America.
    home = (result.site_dir / "index.html").read_text()
    assert re.search(r'href="handout/leg-cramps-handout-a4.pdf" type="application/pdf">Download the handout', home)


def break_file(project: Path, path: str, old: str, new: str) -> None:
    target = project / path
    text = target.read_text()
    assert old in text, f"{old!r} not in {path}"
    target.write_text(text.replace(old, new, 1))


BAD_TEMPLATES = {
    "no lang": (TEMPLATE, '<html lang="{{ lang }}">', "<html>", TEMPLATE, "lang"),
    "image without alt": (PARTS, 'alt="{{ t.qr_alt }}"', 'data-alt="{{ t.qr_alt }}"', PARTS + ":{line}:", "alt text"),
    "css typo": (STYLESHEET, "break-inside: avoid;", "brake-inside: avoid;", STYLESHEET, "brake-inside"),
    "jinja syntax": (TEMPLATE, "{%- endfor %}", "{%- endfor", TEMPLATE, "template syntax error"),
    "unknown variable": (TEMPLATE, "{{ t.what_to_try }}", "{{ t.what_to_tri }}", TEMPLATE, "what_to_tri"),
    "unknown variable in a shared part": (PARTS, "(site_address)", "(site_adress)", PARTS + ":{line}:", "site_adress"),
    # Misspelt where a shared part's macro is called: named at the call, not inside the macro that uses it.
    "unknown word passed to a shared part": (TEMPLATE, "t.description)", "t.descripton)", TEMPLATE + ":{line}:", "descripton"),
    "missing font file": (FONTS, "latin-700-normal.ttf", "latin-700-bold.ttf", STYLESHEET, "latin-700-bold"),
    "too long": (STYLESHEET, "font-size: 10.5pt;", "font-size: 16pt;", "data/handout.yml", "must fit on 2"),
    "unknown source": ("data/handout.yml", "  - hawke2021", "  - hawke2099", "data/handout.yml", "hawke2099"),
}


@pytest.mark.parametrize("mistake", list(BAD_TEMPLATES))
def test_a_handout_mistake_stops_the_build_naming_the_file(tmp_path: Path, mistake: str) -> None:
    path, old, new, named, words = BAD_TEMPLATES[mistake]
    project = project_copy(tmp_path)
    text = (project / path).read_text(encoding="utf-8")
    named = named.format(line=text[: text.index(old)].count("\n") + 1)  # "{line}": the line of the mistake
    break_file(project, path, old, new)
    result: BuildResult = mkdocs_build(project, tmp_path / "site")
    assert not result.ok, f"the build passed despite: {mistake}"
    lines = [line for line in result.output.splitlines() if named in line and words in line]
    assert len(lines) >= 1, f"no one line names {named} and says {words!r}:\n{result.output}"
    assert "Traceback" not in result.output


def test_check_draws_the_handout_to_refuse_warning_signs_that_push_it_onto_a_third_page(tmp_path: Path) -> None:
    """Only drawing tells the page count: `check` draws (or takes from the cache) what the build would."""
    project = project_copy(tmp_path)
    signs = "".join(f"  extra-{n}: a long new sign that goes on about something readers should know, and then says "
                    f"more about it, so that it takes two full lines of the handout ({n})\n" for n in range(8))
    for language in ("en", "es"):
        path = project / "data" / language / "warning-signs.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("\nroutine:\n", "\nroutine:\n" + signs), encoding="utf-8")
    env = {**os.environ, "HANDOUT_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "legcramps", "check", "-f", "mkdocs.yml"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("data/handout.yml: the handout is 3 pages") and "the warning signs" in first, result.stderr
    quick = subprocess.run([sys.executable, "-m", "legcramps", "check", "-f", "mkdocs.yml", "--no-pdf"], cwd=project,
                           env=env, capture_output=True, text=True)
    assert quick.returncode == 0, quick.stderr  # without drawing, the page count is the build's to find


def test_previews_reuse_an_unchanged_handout_but_never_one_that_warned(tmp_path: Path) -> None:
    """`make serve` sets HANDOUT_CACHE_DIR: an edit that leaves the handout alone skips WeasyPrint."""
    cache = tmp_path / "cache"
    project = project_copy(tmp_path)
    first = mkdocs_build(project, tmp_path / "one", HANDOUT_CACHE_DIR=str(cache))
    assert first.ok, first.output
    kept = sorted(cache.glob("*.pdf"))
    assert len(kept) == len(PAPERS) * 3 * 2  # two papers of the handout, its large print and the diary, two editions
    second = mkdocs_build(project, tmp_path / "two", HANDOUT_CACHE_DIR=str(cache))
    assert second.ok and sorted(cache.glob("*.pdf")) == kept
    for path in (pattern.format(paper=paper) for pattern in (handout.PDF_PATH, LARGE_PRINT_PATH, DIARY_PATH) for paper in PAPERS):
        assert (first.site_dir / path).read_bytes() == (second.site_dir / path).read_bytes(), path
    # A template that makes WeasyPrint warn fails every build, cache or not.
    break_file(project, TEMPLATE, '<html lang="{{ lang }}">', "<html>")
    for attempt in ("three", "four"):
        result = mkdocs_build(project, tmp_path / attempt, HANDOUT_CACHE_DIR=str(cache))
        assert not result.ok and "lang" in result.output, attempt


def add_line_after(project: Path, path: str, listed: str, new: str) -> None:
    """Write `new` on its own line after the line that lists `listed` (same indentation and `- `)."""
    target = project / path
    text = target.read_text()
    found = re.search(rf"^(.*?)(?:[^\n]*: )?{re.escape(listed)}\n", text, flags=re.MULTILINE)
    assert found, f"{listed} is not listed in {path}"
    target.write_text(text[: found.end()] + found.group(1) + new + "\n" + text[found.end():])


def test_an_eleventh_strategy_page_is_on_the_site_and_waits_for_the_editor_to_list_it(tmp_path: Path) -> None:
    """The editor task in CONTRIBUTING: make new-page, add it to nav; the handout changes only when listed.
    Whatever strategies data/handout.yml lists, and however many."""
    import shutil
    import subprocess

    project = project_copy(tmp_path)
    # The English site alone: the Spanish edition would (rightly) stop until the page is translated.
    break_file(project, "mkdocs.yml", "    - {config: mkdocs.es.yml, path: es/, lang: es, name: Español}\n", "")
    for name in ("Makefile", "zensical.mk"):  # the Makefile includes zensical.mk
        shutil.copy2(ROOT / name, project / name)
    made = subprocess.run(["make", "new-page", "NAME=cold-packs"], cwd=project, capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    add_line_after(project, "mkdocs.yml", PROJECT.strategies()[-1].src_path, "strategies/cold-packs.md")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.ok, result.output
    assert (result.site_dir / "strategies" / "cold-packs" / "index.html").exists()
    assert "Name of the strategy" not in pdf_text(pdf_path(result.site_dir, "letter").read_bytes())
    # Listing it as one strategy too many (the list filled up first) names the pages to take out.
    unlisted = [meta.src_path for meta in PROJECT.strategies() if meta.src_path not in STRATEGIES]
    added = [*unlisted[: MAX_STRATEGIES - len(STRATEGIES)], "strategies/cold-packs.md"]
    for before, page in zip([STRATEGIES[-1], *added], added, strict=False):
        add_line_after(project, "data/handout.yml", before, page)
    refused = mkdocs_build(project, tmp_path / "site2")
    assert not refused.ok
    assert "data/handout.yml:" in refused.output and "remove strategies/cold-packs.md" in refused.output


RIVERSIDE = "  clinic:\n    name: Riverside Family Practice\n    phone: \"020 7946 0000\"\n"


def test_a_clinic_puts_its_own_details_on_both_papers(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    # Every setting at its longest allowed length: the handout still fits.
    address = "Unit 12, Riverside Health Centre, 140 Long Riverside Road, Kingston KT1 2AB"[:70]
    note = "Open weekdays 8 am to 6 pm. Out of hours, call 111 or the number above."[:70]
    set_clinic(project, f'{RIVERSIDE}    address: "{address}"\n    note: "{note}"\n')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.ok, result.output
    for paper in PAPERS:
        text = pdf_text(pdf_path(result.site_dir, paper).read_bytes())
        assert "Your clinic: Riverside Family Practice, phone 020 7946 0000" in text
        assert address in text and note in text and "Your doctor or clinic:" not in text
        assert len(pypdf.PdfReader(pdf_path(result.site_dir, paper)).pages) <= 2


def test_a_mistyped_clinic_setting_names_it(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    set_clinic(project, "  clinic:\n    name: Riverside\n    phon: '0207'\n")
    line = (project / "mkdocs.yml").read_text().splitlines().index("    phon: '0207'") + 1
    result = mkdocs_build(project, tmp_path / "site")
    assert not result.ok
    assert f"mkdocs.yml:{line}: extra.clinic has an unknown setting 'phon' (did you mean 'phone'?)" in result.output


def test_a_ci_build_refuses_the_local_site_url_and_a_local_build_only_notes_it(tmp_path: Path, site_build: BuildResult) -> None:
    project = project_copy(tmp_path)
    refused = mkdocs_build(project, tmp_path / "ci", CI="true")
    assert not refused.ok
    assert "mkdocs.yml: site_url is the local preview address http://127.0.0.1:8000/" in refused.output
    assert "set SITE_URL" in refused.output
    local = mkdocs_build(project, tmp_path / "local")
    assert local.ok, local.output
    assert local.output.count("site_url is the local preview address") == 2  # once per edition
    # With SITE_URL set, CI builds: the run's own site is built so (tests/support/shared_build.py).
    assert site_build.ok and "site_url is the local preview address" not in site_build.output, site_build.output
