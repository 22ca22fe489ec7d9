"""The real strict build: what readers get in site/, and how every editor mistake stops it."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

from legcramps.model.care import CareSettings
from legcramps.model.page_model import split_front_matter
from legcramps.model.settings import load_settings
from tests.support.site import DRAWN_AFRESH, ROOT, SUB_PATH, BuildResult, build_env, copy_project, mkdocs_build

pytestmark = pytest.mark.build

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
STRATEGIES = [p for p in PAGES if p.startswith("strategies/") and not p.endswith("index.md")]  # not the groups' pages
BROKEN_PAGE = "strategies/stretching.md"


def html_for(site_dir: Path, src: str) -> str:
    """The built HTML of a Markdown page (directory URLs: x.md -> x/index.html)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        path = site_dir / stem.removesuffix("index") / "index.html"
    else:
        path = site_dir / stem / "index.html"
    return path.read_text(encoding="utf-8")


# --- what the build produces ------------------------------------------------------------------


def test_the_strict_build_passes(site_build: BuildResult) -> None:
    assert site_build.ok
    assert "WARNING" not in site_build.output


@pytest.mark.parametrize("src", PAGES)
def test_every_page_is_fully_rendered(site_dir: Path, src: str) -> None:
    html = html_for(site_dir, src)
    assert "Macro Rendering Error" not in html
    assert "{{" not in html and "{%" not in html
    assert "macro-error" not in html


@pytest.mark.parametrize("src", PAGES)
def test_every_page_has_its_own_meta_description_and_review_dates(site_dir: Path, src: str) -> None:
    data, _ = split_front_matter((DOCS / src).read_text())
    html = html_for(site_dir, src)
    meta = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert meta and unescape(meta.group(1)) == data["description"]
    assert 'class="page-review"' in html and "Next review due" in html
    assert 'id="related-pages"' in html
    # once: under MkDocs the hook adds the footer and legcramps.engines.footer_extension (Zensical's route) does nothing
    assert html.count('id="related-pages"') == 1 and html.count('class="page-review"') == 1


@pytest.mark.parametrize("src", STRATEGIES)
def test_strategy_pages_show_the_grade_sources_and_safety(site_dir: Path, src: str) -> None:
    from legcramps.content_check.content_rules import cites_a_study, shows_safety_callout, too_few_sources
    from legcramps.model.citations import load_bibliography

    html = html_for(site_dir, src)
    assert 'class="evidence-badge" href="../../about/grading/#' in html
    assert '<ol class="references">' in html
    cited = re.findall(r'<li id="ref-([^"]+)"', html)
    assert not too_few_sources(cited)  # the rules `check` applies
    assert cites_a_study(cited, load_bibliography(ROOT / "data" / "bibliography.yml"))
    assert "https://doi.org/" in html or "https://pubmed.ncbi.nlm.nih.gov/" in html
    assert shows_safety_callout(html)


def test_the_grading_page_has_an_anchor_for_every_grade(site_dir: Path) -> None:
    from legcramps.model.words import GRADE_KEYS as GRADES

    html = html_for(site_dir, "about/grading.md")
    for key in GRADES:
        assert f'id="{key}"' in html


def test_the_home_page_shows_a_few_strategies_and_a_way_to_see_them_all(site_dir: Path) -> None:
    html = html_for(site_dir, "index.md")
    featured = [src for src in STRATEGIES if "\nfeatured: true" in (DOCS / src).read_text()]
    cards = re.findall(r'<li class="strategy-card"><h3><a href="([^"]+)">', html)
    assert 0 < len(cards) == len(featured) < len(STRATEGIES)
    assert sorted(cards) == sorted(src.removesuffix(".md") + "/" for src in featured)
    assert re.search(r'<a class="md-button" href="strategies/">[^<]+</a>', html)


def test_the_strategies_page_shows_every_strategy_once_in_its_group(site_dir: Path) -> None:
    html = html_for(site_dir, "strategies/index.md")
    cards = re.findall(r'<li class="strategy-card"><h3><a href="([^"]+)">', html)
    assert sorted(cards) == sorted(src.removeprefix("strategies/").removesuffix(".md") + "/" for src in STRATEGIES)
    groups = re.findall(r'<h2 id="[^"]+"><a href="([^"]+)">', html)
    assert len(groups) >= 2 and all((DOCS / "strategies" / group / "index.md").is_file() for group in groups)
    for group in groups:  # each group's page shows its own strategies, with their grades
        own = re.findall(r'<li class="strategy-card">.*?</li>', html_for(site_dir, f"strategies/{group}index.md"))
        assert own and all('class="evidence evidence-' in card for card in own)


@pytest.mark.parametrize("src", PAGES)
def test_every_image_has_its_width_and_height_so_nothing_jumps_when_it_arrives(site_dir: Path, src: str) -> None:
    for tag in re.findall(r"<img\b[^>]*>", html_for(site_dir, src)):
        assert re.search(r'\swidth="\d+"', tag) and re.search(r'\sheight="\d+"', tag), f"{src}: {tag}"


def test_the_handout_preview_is_shown_in_the_proportions_of_the_image(site_dir: Path) -> None:
    tag = re.search(r'<img\b[^>]*src="leg-cramps-handout-preview.png"[^>]*>', html_for(site_dir, "handout.md"))
    assert tag, "the handout page shows the preview"
    width, height = (int(re.search(rf'\s{name}="(\d+)"', tag.group(0)).group(1)) for name in ("width", "height"))
    png = (site_dir / "handout" / "leg-cramps-handout-preview.png").read_bytes()
    png_width, png_height = struct.unpack(">II", png[16:24])
    assert width == 320 and abs(height - width * png_height / png_width) < 1


def test_no_page_types_an_emergency_number() -> None:
    from legcramps.content_check.content_rules import typed_phone_number

    for src in PAGES:
        assert not typed_phone_number((DOCS / src).read_text()), f"docs/{src} types a phone number"


def test_the_emergency_number_comes_from_mkdocs_yml(site_dir: Path) -> None:
    number = CareSettings.from_extra(load_settings(ROOT / "mkdocs.yml").extra).emergency_number  # whatever a fork sets
    html = html_for(site_dir, "when-to-get-help.md")
    assert re.search(rf'Call <a class="tel" href="tel:[^"]+">{re.escape(number)}</a> now', html)


def test_the_search_index_carries_the_lay_keywords(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    tags = {tag.lower() for doc in index["docs"] for tag in doc.get("tags", [])}
    for word in ("charley horse", "night cramps"):
        assert any(word in tag for tag in tags), f"{word!r} is not in the search index"
    assert index["config"]["fields"]["tags"]["boost"] > index["config"]["fields"]["text"]["boost"]


def test_site_url_sets_the_github_pages_sub_path(site_dir: Path, site_url: str) -> None:
    html = html_for(site_dir, "causes.md")
    assert f'<link rel="canonical" href="{site_url}causes/">' in html
    not_found = (site_dir / "404.html").read_text()
    assert f'href="{SUB_PATH}assets/stylesheets/' in not_found
    assert "Page not found" in not_found


def test_no_page_loads_anything_from_another_origin(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        html = path.read_text()
        for tag in re.findall(r"<(?:script|img|link|iframe|source|video|audio)\b[^>]*>", html):
            if 'rel="canonical"' in tag or "rel=canonical" in tag:
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{path}: {tag}"
        assert "fonts.googleapis" not in html and "google-analytics" not in html
    assert "squidfunk" not in (site_dir / "index.html").read_text(), "no 'Made with' link (extra.generator: false)"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path, site_dir: Path, site_url: str) -> None:
    """A second build, at the same address as the session's shared one, writes the same bytes."""
    second = mkdocs_build(ROOT, tmp_path / "two", SITE_URL=site_url, **DRAWN_AFRESH)  # drawn again, not cached
    assert second.ok, second.output
    one, two = tree_digest(site_dir), tree_digest(second.site_dir)
    assert one.keys() == two.keys()
    differ = [name for name in one if one[name] != two[name]]
    assert not differ, f"files differ between two builds: {differ[:5]}"


# --- what the build refuses -------------------------------------------------------------------


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
    "broken link": (append("[a page that does not exist](nowhere.md)"), "nowhere.md"),
    "broken anchor": (append("[no such heading](../causes.md#no-such-heading)"), "no-such-heading"),
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
    assert BROKEN_PAGE in result.stdout + result.stderr, "the build did not get as far as the page"
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
