"""What a real strict build refuses, and builds of a changed copy of the project: each editor mistake
stops the build with one line naming the file, overdue pages, a failed `make build` keeping the last
good site, the UK numbers from one setting, `make new-page`, and the `make serve` preview.

What the session's own build produces is checked in tests/test_build.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from legcramps.model.page_model import split_front_matter
from tests.support.site import ROOT, build_env, copy_project, mkdocs_build
from tests.test_build import html_for

pytestmark = pytest.mark.build

BROKEN_PAGE = "strategies/stretching.md"


def append(text: str) -> Callable[[str], str]:
    return lambda source: source + "\n\n" + text + "\n"


def replace(pattern: str, new: str) -> Callable[[str], str]:
    def change(source: str) -> str:
        changed = re.sub(pattern, new, source, count=1, flags=re.MULTILINE)
        assert changed != source, f"pattern {pattern!r} not found"
        return changed

    return change


def overdue(source: str) -> str:
    source = replace(r"^reviewed: .*$", "reviewed: 2019-01-02")(source)
    return replace(r"^next_review: .*$", "next_review: 2020-01-02")(source)


# Each mistake on the last lines of a page, with the words the one-line message must carry. The
# package's unit tests (tests/test_checks.py) check every message exactly; here the real MkDocs
# build must stop with it.
MISTAKES = {
    "macro name typo": (append('{{ evidnce("low") }}'), "unknown macro or variable 'evidnce' (did you mean 'evidence'?)"),
    "unknown urgency tier": (append('{{ urgency("panic") }}'), "unknown urgency tier 'panic'"),
    "unknown warning sign": (append('{{ urgency("urgent", "calf-swolen") }}'), "did you mean 'calf-swollen'?"),
    "sign in the wrong tier": (append('{{ urgency("routine", "dark-pee") }}'), "belongs to the 'emergency' tier"),
    "missing macro argument": (append("{{ urgency() }}"), "a macro has the wrong arguments"),
    "unknown evidence grade": (append('{{ evidence("strong") }}'), "unknown evidence grade 'strong'"),
    "unknown check-first group": (append('{{ check_first("pregnant") }}'), "unknown check_first group 'pregnant'"),
    "unknown care setting": (append("Call {{ care.emergency_numbr }}."), "unknown setting 'care.emergency_numbr'"),
    "unknown citation key": (append('Text.{{ cite("hawke2012") }}'), "did you mean 'hawke2021'?"),
    "jinja syntax error": (append('{{ cite("hawke2021" }}'), "macro written wrongly"),
    "unclosed jinja block": (append("{% if x %}"), "macro written wrongly"),
    "colon in a title": (replace(r"^title: .*$", "title: Stretching: before bed"), "put the whole value in quotes"),
    "missing field": (replace(r"^description: .*\n", ""), "field 'description' is missing"),
    "deleted date": (replace(r"^reviewed: .*$", "reviewed:"), "field 'reviewed' is missing"),
    "bad date": (replace(r"^reviewed: .*$", "reviewed: 20/11/2026"), "field 'reviewed' must be a date"),
    "unknown grade in front matter": (replace(r"^grade: .*$", "grade: strong"), "field 'grade'"),
    "missing template section": (replace(r"^## Safety$", "## Risks"), "missing the section '## Safety'"),
    "unknown related page": (replace(r"^related: \[", "related: [nowhere.md, "), "'nowhere.md', which is not a page"),
    # Where a link goes: the project's own line (legcramps.checks.links), before MkDocs' line-less warning.
    "broken link": (append("[a page that does not exist](nowhere.md)"), "a link to 'nowhere.md', which is not a file in docs/"),
    # An anchor: MkDocs' own check of the page's HTML (`make check` names the line: tests/test_check_links.py).
    "broken anchor": (append("[no such heading](../causes.md#no-such-heading)"), "no-such-heading"),
    "missing picture": (append("![A towel.](../assets/towel.svg)"), "the image '../assets/towel.svg' is not a file"),
    "image without alt text": (append("![](../assets/illustrations/hamstring-stretch.svg)"), "image without alt text"),
}


def break_page(tmp_path: Path, change: Callable[[str], str], page: str = BROKEN_PAGE) -> Path:
    project = copy_project(tmp_path / "project")
    path = project / "docs" / page
    path.write_text(change(path.read_text()))
    return project


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_an_editor_mistake_stops_the_build_naming_the_file(tmp_path: Path, mistake: str) -> None:
    change, message = MISTAKES[mistake]
    project = break_page(tmp_path, change)
    result = mkdocs_build(project, tmp_path / "site")
    assert not result.ok, f"the build passed despite: {mistake}"
    lines = [line for line in result.output.splitlines() if message in line]
    assert lines, f"no line says {message!r}:\n{result.output}"
    assert any(BROKEN_PAGE in line for line in lines), f"the message does not name the file:\n{result.output}"
    assert "Macro Rendering Error" not in result.output
    assert "Traceback" not in result.output


def test_an_unused_source_in_the_bibliography_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bibliography = project / "data" / "bibliography.yml"
    bibliography.write_text(
        bibliography.read_text()
        + "\nunused2001:\n  publisher: Nobody\n  title: Never cited\n  year: 2001\n  url: https://example.org/\n"
        + "  checked: 2026-12-01\n"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert not result.ok
    assert re.search(r"data/bibliography.yml:\d+: source 'unused2001' is cited by no page", result.output)


def test_an_overdue_page_is_published_with_a_notice_and_listed(tmp_path: Path) -> None:
    """An overdue review never blocks a fix (a clinic's phone number) from deploying: readers see the notice."""
    project = break_page(tmp_path, overdue)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.ok, result.output
    assert "Review overdue since January 2, 2020" in html_for(result.site_dir, BROKEN_PAGE)
    assert f"docs/{BROKEN_PAGE}: review overdue since 2020-01-02" in result.output


def test_the_weekly_run_stops_on_an_overdue_page(tmp_path: Path) -> None:
    result = mkdocs_build(break_page(tmp_path, overdue), tmp_path / "site", OVERDUE_FAILS="1")
    assert not result.ok
    assert f"docs/{BROKEN_PAGE}: review overdue since 2020-01-02" in result.output


def test_a_failed_make_build_keeps_the_last_good_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    copied = ("Makefile", "zensical.mk", "pyproject.toml", "system-packages.txt", "tools/prerequisites.py", "tools/build_site.py")
    for name in copied:
        (project / name).parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, project / name)
    good = project / "site"
    good.mkdir()
    (good / "index.html").write_text("last good build")
    page = project / "docs" / BROKEN_PAGE
    page.write_text(page.read_text() + "\n{{ urgency() }}\n")
    venv = ROOT / ".venv"
    # -o: use the project's installed environment as it is; never reinstall it from this copy.
    result = subprocess.run(
        ["make", "build", f"VENV={venv}", "-o", f"{venv}/bin/.site-deps"],
        cwd=project,
        env=build_env(),  # a local build: CI would stop first, at the local site_url
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert BROKEN_PAGE in output, "the build did not get as far as the page"
    # The line naming the mistake comes first, MkDocs' "Aborted" after it, as MkDocs wrote them.
    assert output.index(BROKEN_PAGE) < output.index("Aborted with a BuildError!"), output
    assert (good / "index.html").read_text() == "last good build"


def test_a_uk_build_changes_every_callout_from_one_setting(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    text = text.replace('emergency_number: "911"', 'emergency_number: "999"')
    text = text.replace("emergency_place: the emergency room", "emergency_place: A&E")
    text = text.replace('urgent_number: ""', 'urgent_number: "111"')
    config.write_text(text)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.ok, result.output
    html = html_for(result.site_dir, "when-to-get-help.md")
    assert 'Call <a class="tel" href="tel:999">999</a> now' in html
    assert 'Call <a class="tel" href="tel:111">111</a> or' in html
    assert "911" not in html


def test_make_new_page_starts_a_valid_strategy_page(tmp_path: Path) -> None:
    from legcramps.model.page_model import check_strategy_sections, parse_page_meta
    from legcramps.model.words import load_words

    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "zensical.mk"):
        shutil.copy2(ROOT / name, project / name)
    result = subprocess.run(["make", "new-page", "NAME=cold-packs"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    data, body = split_front_matter((project / "docs" / "strategies" / "cold-packs.md").read_text())
    meta = parse_page_meta("strategies/cold-packs.md", data)
    assert meta.grade is not None
    assert not meta.is_overdue(meta.reviewed)
    check_strategy_sections(body, load_words(project / "data" / "en" / "words.yml").strategy_sections)


def test_the_preview_server_serves_the_site_with_live_reload(tmp_path: Path) -> None:
    import sys
    import time
    import urllib.request

    from tests.support.site import build_env, free_port, stop_server

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=build_env(SITE_URL=f"http://127.0.0.1:{port}/"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    html = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, "mkdocs serve exited"
                assert time.monotonic() < deadline, "mkdocs serve did not answer within 120 s"
                time.sleep(0.5)
        assert "strategy-card" in html
        assert "livereload" in html
        # The preview never registers the offline worker: a stale offline copy must never answer it.
        assert "serviceWorker" not in html
    finally:
        stop_server(server)
