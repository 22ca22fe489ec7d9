"""What readers get from the content: honest grades, real sources, plain words, every page reachable."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from legcramps.checks.readability import QUICK_PAGE, RULES, article_text, reading_problem, reading_score
from legcramps.content_check.content_rules import QUICK_STEPS_MAX, quality_claim, too_few_sources
from legcramps.model.nav_sections import nav_paths
from legcramps.model.page_model import split_front_matter
from tests.support.site import ROOT
from tests.test_build import PAGES, STRATEGIES, html_for

pytestmark = pytest.mark.build

DOCS = ROOT / "docs"
QUICK_RELIEF = QUICK_PAGE


def front_matter(src: str) -> dict:
    return split_front_matter((DOCS / src).read_text())[0]


def nav_pages() -> set[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    return set(nav_paths(config["nav"]))


@pytest.mark.parametrize("src", STRATEGIES)
def test_each_strategy_has_a_grade_two_sources_and_review_dates(site_dir: Path, src: str) -> None:
    data = front_matter(src)
    assert data["grade"] and data["reviewed"] and data["next_review"]
    cited = set(re.findall(r'id="ref-([a-z0-9-]+)"', html_for(site_dir, src)))
    assert not too_few_sources(cited), f"{src} cites {sorted(cited)}"  # the rule `check` applies


def test_weak_strategies_are_graded_honestly() -> None:
    grades = {Path(p).stem: front_matter(p)["grade"] for p in STRATEGIES}
    assert grades["stretching"] == "low"
    assert grades["electrolytes"] == "no-benefit"  # magnesium: moderate-certainty evidence of no benefit
    for name in ("chiropractic", "footwear", "hydration", "heat", "massage"):
        assert grades[name] == "no-evidence", name
    assert not {"high", "moderate"} & set(grades.values()), "no strategy has moderate or better evidence"


def test_every_page_is_reachable_from_the_navigation() -> None:
    assert set(PAGES) == nav_pages()


@pytest.mark.parametrize("src", PAGES)
def test_reading_grade(site_dir: Path, src: str) -> None:
    """The built page, measured by the rule `check` applies (legcramps.checks.readability)."""
    text = article_text(html_for(site_dir, src))
    print(f"{src}: Flesch-Kincaid grade {reading_score(RULES['en'], text):.1f} (limit {RULES['en'].limit_for(src)})")
    problem = reading_problem("en", src, text)
    assert problem is None, problem.message


def test_quick_relief_is_five_steps_at_most(site_dir: Path) -> None:
    html = html_for(site_dir, QUICK_RELIEF)
    article = html.split("<article", 1)[1]
    first_list = re.search(r"<ol[^>]*>(.*?)</ol>", article, re.DOTALL)
    assert first_list and len(re.findall(r"<li>", first_list.group(1))) <= QUICK_STEPS_MAX


def test_when_to_get_help_has_every_urgency_tier(site_dir: Path) -> None:
    html = html_for(site_dir, "when-to-get-help.md")
    for tier in ("emergency", "urgent", "soon", "routine"):
        assert f"urgency urgency-{tier}" in html, tier
    text = html.lower()
    for sign in ("fever", "numb", "swollen", "dark", "breath"):
        assert sign in text, f"the warning signs should cover {sign!r}"


def test_every_citation_resolves_to_the_bibliography(site_dir: Path) -> None:
    bibliography = yaml.safe_load((ROOT / "data" / "bibliography.yml").read_text())
    for src in PAGES:
        html = html_for(site_dir, src)
        for key in re.findall(r'href="#ref-([a-z0-9-]+)"', html):
            assert key in bibliography
            assert f'id="ref-{key}"' in html, f"{src}: citation {key} has no entry in the page's sources"


@pytest.mark.parametrize("name", ["calf-stretch-standing", "calf-stretch-towel", "hamstring-stretch"])
def test_illustrations_have_alt_text_a_caption_and_work_in_dark_mode(site_dir: Path, name: str) -> None:
    svg = (DOCS / "assets" / "illustrations" / f"{name}.svg").read_text()
    assert 'role="img"' in svg and re.search(r"<title[ >]", svg) and re.search(r"<desc[ >]", svg)
    assert "<rect" in svg, "a light background keeps the drawing legible on the dark palette"
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)
    html = html_for(site_dir, "strategies/stretching.md")
    tag = re.search(rf'<img [^>]*src="[^"]*{name}\.svg"[^>]*>', html)
    assert tag and re.search(r'alt="[^"]{20,}"', tag.group(0))
    assert re.search(rf'{name}\.svg"[^>]*/>\s*</p>\s*<figcaption>[^<]{{10,}}</figcaption>', html), "each picture has a caption"


def test_no_reviewer_or_quality_mark_is_claimed() -> None:
    for src in PAGES:
        claim = quality_claim((DOCS / src).read_text())
        assert claim is None, f"{src} mentions {claim!r}"  # only as a plain statement that the site does NOT hold it


def quick_steps_of(html: str) -> list[str]:
    found = re.search(r'<ol class="quick-steps">(.*?)</ol>', html, re.DOTALL)
    assert found, "no quick steps on the page"
    return [re.sub(r"<sup.*?</sup>", "", item) for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.DOTALL)]


def test_the_home_page_and_the_quick_page_show_the_same_steps(site_dir: Path) -> None:
    home = quick_steps_of(html_for(site_dir, "index.md"))
    quick = quick_steps_of(html_for(site_dir, QUICK_RELIEF))
    assert home == quick and len(quick) >= 3
    assert any("so you do not fall" in step for step in home), "standing on the leg needs the fall warning"


def test_the_help_page_shows_every_warning_sign_once(site_dir: Path) -> None:
    signs = yaml.safe_load((ROOT / "data" / "en" / "warning-signs.yml").read_text())
    html = html_for(site_dir, "when-to-get-help.md")
    for tier, tier_signs in signs.items():
        callout = re.search(rf'urgency-{tier}".*?</ul>', html, re.DOTALL)
        assert callout, tier
        shown = re.findall(r"<li>(.*?)</li>", callout.group(0))
        assert [unescape(item) for item in shown] == list(tier_signs.values())


def test_the_quick_page_carries_the_same_day_signs_not_only_the_emergency_ones(site_dir: Path) -> None:
    html = html_for(site_dir, QUICK_RELIEF)
    assert "urgency urgency-emergency" in html and "urgency urgency-urgent" in html
    assert "Do not rub it or heat it" in html, "the rule for a swollen, red or warm calf"


def test_chest_pain_is_an_emergency_and_the_heat_signs_read_the_same_on_both_pages(site_dir: Path) -> None:
    help_page = html_for(site_dir, "when-to-get-help.md")
    emergency = help_page.split("urgency urgency-emergency", 1)[1].split("</div>", 1)[0]
    assert "chest pain or tightness" in emergency and "stiff jaw" in emergency
    hydration = html_for(site_dir, "strategies/hydration.md").split("urgency urgency-emergency", 1)[1].split("</div>", 1)[0]
    for sign in re.findall(r"<li>(.*?)</li>", hydration):
        assert sign in emergency, f"hydration shows a heat sign the help page does not: {sign}"



@pytest.mark.parametrize("src", PAGES)
def test_spanish_reading_ease(site_dir: Path, src: str) -> None:
    """Fernández-Huerta: 70 or more is easy to read ("bastante fácil" from 65 on INFLESZ); 80 on the quick page."""
    text = article_text(html_for(site_dir / "es", src))
    print(f"es/{src}: Fernández-Huerta {reading_score(RULES['es'], text):.1f} (at least {RULES['es'].limit_for(src)})")
    problem = reading_problem("es", src, text)
    assert problem is None, problem.message
