"""The real strict build: what readers get in site/ (every page rendered, graded and sourced, search
keywords, privacy, the sub-path, two identical builds). What the build refuses: tests/test_build_refuses.py."""

from __future__ import annotations

import hashlib
import json
import re
import struct
from html import unescape
from pathlib import Path

import pytest

from legcramps.model.care import CareSettings
from legcramps.model.page_model import split_front_matter
from legcramps.model.settings import load_settings
from tests.support.site import DRAWN_AFRESH, ROOT, SUB_PATH, BuildResult, mkdocs_build

pytestmark = pytest.mark.build

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
STRATEGIES = [p for p in PAGES if p.startswith("strategies/") and not p.endswith("index.md")]  # not the groups' pages


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
