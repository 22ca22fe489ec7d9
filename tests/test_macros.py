"""What editors get from each page macro: the HTML readers see, in the words of data/en/, escaped, with the
numbers of the configured country, and a plain refusal for every misuse."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml
from markupsafe import escape

from legcramps.errors import ContentError
from legcramps.model.care import CareSettings
from legcramps.model.project import Project
from legcramps.model.safety import WarningSigns
from legcramps.model.words import GRADE_KEYS
from legcramps.render.callouts import tiers
from legcramps.render.macros import PageMacros
from legcramps.render.page_render import render_page
from tests.support.editor import UK, US, real_project, uk_project, us_project
from tests.support.site import ROOT

pytestmark = pytest.mark.unit

ATTACK = "<script>alert('x')</script> \"quoted\""
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;quoted&#34;"
US_TEL = '<a class="tel" href="tel:911">911</a>'
SIGNS = yaml.safe_load((ROOT / "data/en/warning-signs.yml").read_text(encoding="utf-8"))  # read here, not by the package
STEPS = yaml.safe_load((ROOT / "data/en/quick-steps.yml").read_text(encoding="utf-8"))


def on(page: str, project: Project | None = None) -> PageMacros:
    return PageMacros(project or us_project(), page)


def refusal(action: object) -> str:
    assert callable(action)
    with pytest.raises(ContentError) as caught:
        action()
    return caught.value.message


def items(html: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", html)


# --- urgency callouts ----------------------------------------------------------------------------


def test_the_emergency_callout_tells_the_reader_to_call_the_configured_number() -> None:
    html = on("causes.md").urgency("emergency", "dark-pee")
    assert html.startswith('<div id="urgency-emergency" class="admonition danger urgency urgency-emergency" role="note"')
    assert f'<p class="admonition-title">Call {US_TEL} now</p>' in html
    assert f"<p>Call {US_TEL} or go to the emergency room now if:</p>" in html
    assert items(html) == [escape(SIGNS["emergency"]["dark-pee"])]


def test_each_urgency_callout_is_recorded_in_order_with_an_id_of_its_own() -> None:
    macros = on("causes.md")
    shown = [macros.urgency("emergency", "dark-pee"), macros.urgency("urgent"), macros.urgency("emergency")]
    assert [(c.tier, c.signs, c.anchor) for c in macros.callouts] == [
        ("emergency", ("dark-pee",), "urgency-emergency"), ("urgent", (), "urgency-urgent"),
        ("emergency", (), "urgency-emergency-2")]
    assert [re.findall(r'<div id="([\w-]+)"', html) for html in shown] == [[c.anchor] for c in macros.callouts]
    assert on("causes.md").urgency("emergency") == shown[2].replace("urgency-emergency-2", "urgency-emergency", 1)


def test_a_uk_build_changes_the_numbers_and_words_in_one_place() -> None:
    emergency, urgent = on("causes.md", uk_project()).urgency("emergency"), on("causes.md", uk_project()).urgency("urgent")
    assert '<p class="admonition-title">Call <a class="tel" href="tel:999">999</a> now</p>' in emergency
    assert "or go to A&amp;E now if:" in emergency and "911" not in emergency
    assert '<p>Call <a class="tel" href="tel:111">111</a> or ask for an urgent GP appointment today if:</p>' in urgent


def test_each_tier_has_its_own_wording_and_look() -> None:
    us, uk = tiers(US, real_project().words), tiers(UK, real_project().words)
    assert list(us) == ["emergency", "urgent", "soon", "routine"]
    assert us["urgent"].lead == "Call your doctor's office or go to an urgent care center today if:"
    assert us["soon"].title == "See a doctor in the next 1 to 2 days" and uk["soon"].title == "See a GP in the next 1 to 2 days"
    assert len({tier.admonition for tier in us.values()}) == 4


def test_a_tier_without_ids_shows_every_sign_of_that_tier_in_file_order() -> None:
    for tier, signs in SIGNS.items():
        assert items(on("when-to-get-help.md").urgency(tier)) == [escape(sign) for sign in signs.values()]


def test_named_signs_are_shown_in_the_order_the_page_gives() -> None:
    html = on("index.md").urgency("urgent", "fever", "calf-swollen")
    assert items(html) == [escape(SIGNS["urgent"]["fever"]), escape(SIGNS["urgent"]["calf-swollen"])]


def test_a_sign_is_escaped_as_written_in_the_data_file() -> None:
    project = real_project()
    signs = WarningSigns({**project.signs.tiers, "soon": {"attack": ATTACK}})
    html = on("causes.md", replace(project, signs=signs)).urgency("soon", "attack")
    assert items(html) == [ESCAPED] and "<script>" not in html


@pytest.mark.parametrize(("tier", "message"), [
    ("panic", "unknown urgency tier 'panic' (use one of: emergency, urgent, soon, routine)"),
    ("Emergency", "unknown urgency tier 'Emergency' (did you mean 'emergency'?)"),
    ("", "unknown urgency tier '' (use one of: emergency, urgent, soon, routine)"),
])
def test_an_unknown_tier_is_refused(tier: str, message: str) -> None:
    assert refusal(lambda: on("causes.md").urgency(tier)) == message


def test_callouts_are_one_raw_html_line_so_markdown_keeps_them_whole() -> None:
    page = on("strategies/heat.md")
    for html in (page.urgency("routine"), page.caution("x"), page.check_first("kidney", why="y"), page.evidence(),
                 page.quick_steps(), page.strategy_cards()):
        assert "\n" not in html


# --- caution and check-first -----------------------------------------------------------------------


def test_caution_shows_the_risk_escaped_under_the_editions_title() -> None:
    assert on("strategies/heat.md").caution("Hot water can burn.") == (
        '<div class="admonition warning caution" role="note"><p class="admonition-title">Be careful</p>'
        "<p>Hot water can burn.</p></div>")
    html = on("strategies/heat.md").caution(ATTACK, title="Burn <risk>")
    assert "Burn &lt;risk&gt;" in html and ESCAPED in html and "<script>" not in html


def test_the_default_caution_title_is_a_word_of_the_edition() -> None:
    project = replace(real_project(), words=replace(real_project().words, caution_title="Take care"))
    assert '<p class="admonition-title">Take care</p>' in on("strategies/heat.md", project).caution("x")


def test_caution_needs_text() -> None:
    assert refusal(lambda: on("strategies/heat.md").caution("")) == "the caution text must be non-empty text in quotes, got ''"


def test_check_first_lists_each_group_in_plain_words() -> None:
    html = on("careful-treatments.md").check_first("pregnancy", "kidney", "blood-thinners", "numb-skin")
    assert ('<p class="admonition-title" data-search-exclude="true">Check with a doctor or pharmacist first</p>'
            '<p data-search-exclude="true">Ask before you try this if:</p>') in html
    assert items(html) == ["you are pregnant or breastfeeding", "you have kidney disease",
                           "you take a blood thinner, such as warfarin",
                           "you have numb skin or poor feeling in your legs or feet"]


def test_check_first_covers_the_groups_the_site_needs() -> None:
    assert {"pregnancy", "kidney", "heart", "blood-thinners", "diabetes", "numb-skin"} <= set(
        real_project().words.check_first["groups"])


def test_check_first_adds_an_escaped_reason() -> None:
    assert f"<p>{ESCAPED}</p></div>" in on("careful-treatments.md").check_first("diabetes", why=ATTACK)


def test_check_first_refuses_an_unknown_group_and_an_empty_call() -> None:
    assert refusal(lambda: on("x.md").check_first("pregnant")) == \
        "unknown check_first group 'pregnant' (did you mean 'pregnancy'?)"
    assert refusal(lambda: on("x.md").check_first()) == \
        'check_first() needs at least one group, e.g. check_first("pregnancy")'


# --- evidence badges ---------------------------------------------------------------------------------


def test_the_grade_scale_is_fixed_and_its_words_are_the_editions() -> None:
    grades = real_project().words.grades
    assert GRADE_KEYS == ("high", "moderate", "low", "very-low", "no-evidence", "no-benefit")
    assert grades["no-benefit"]["label"] == "evidence of no benefit"
    assert grades["no-evidence"]["label"] == "no good evidence"
    assert all(grades[key]["meaning"].endswith(".") for key in GRADE_KEYS)


def test_the_badge_shows_the_grade_in_words_and_links_to_how_we_grade() -> None:
    assert on("strategies/heat.md").evidence("very-low") == (
        '<p class="evidence evidence-very-low" data-search-exclude="true">'
        '<a class="evidence-badge" href="../../about/grading/#very-low">'
        'Evidence: <strong>very low</strong></a> <span class="evidence-meaning">'
        "We do not know if it works. The studies are small or weak.</span></p>")
    assert 'href="about/grading/#low"' in on("index.md").evidence("low")


def test_a_strategy_pages_badge_shows_its_own_grade() -> None:
    page = replace(real_project().pages["strategies/heat.md"].meta, grade="moderate")
    project = real_project()
    pages = {**project.pages, "strategies/heat.md": replace(project.pages["strategies/heat.md"], meta=page)}
    assert "Evidence: <strong>moderate</strong>" in on("strategies/heat.md", replace(project, pages=pages)).evidence()


def test_a_badge_without_a_grade_needs_a_strategy_page() -> None:
    assert refusal(lambda: on("causes.md").evidence()) == \
        'evidence() without a grade works on strategy pages only: write evidence("low")'


def test_the_badge_context_is_escaped() -> None:
    html = on("index.md").evidence("low", context=ATTACK)
    assert f"Evidence {ESCAPED}: <strong>low</strong>" in html and "<script>" not in html


@pytest.mark.parametrize("grade", ["Low", "LOW", " low "])
def test_a_grade_in_any_letter_case_is_the_same_grade(grade: str) -> None:
    html = on("index.md").evidence(grade)
    assert html.startswith('<p class="evidence evidence-low" data-search-exclude="true">'
                           '<a class="evidence-badge" href="about/grading/#low">')
    assert "Evidence: <strong>low</strong>" in html and "It may work. We are not sure." in html


@pytest.mark.parametrize(("grade", "message"), [
    ("strong", "unknown evidence grade 'strong' (use one of: high, moderate, low, very-low, no-evidence, no-benefit)"),
    ("very-lo", "unknown evidence grade 'very-lo' (did you mean 'very-low'?)"),
])
def test_an_unknown_grade_is_refused(grade: str, message: str) -> None:
    assert refusal(lambda: on("index.md").evidence(grade)) == message


# --- quick steps and strategy cards ----------------------------------------------------------------


def test_quick_steps_show_every_step_action_first_then_the_source_and_the_notes() -> None:
    html = on("cramp-right-now.md").quick_steps()
    shown = re.findall(r"<li><strong>(.*?)</strong> (.*?)(?:<sup.*?</sup>)?(?:<svg .*?</svg>)?</li>", html)
    assert shown == [(str(escape(step["do"])), str(escape(step["how"]))) for step in STEPS["steps"]]
    assert html.count('<sup class="citation"') == 1 and '<sup class="citation"' in items(html)[-1]
    notes = [note["text"] if isinstance(note, dict) else note for note in STEPS["after"]]
    without_pictures = re.sub(r'<p class="quick-moves">.*?</p>', "", html)
    assert without_pictures.endswith("".join(f"<p>{escape(note)}</p>" for note in notes))


def test_the_home_page_and_the_quick_page_show_the_same_steps() -> None:
    project = real_project()
    lists = [re.search(r'<ol class="quick-steps"[^>]*>(.*?)</ol>', render_page(project, project.pages[src]).markdown)
             for src in ("index.md", "cramp-right-now.md")]
    assert lists[0] and lists[1] and lists[0].group(1) == lists[1].group(1)


NAV = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
NAV_STRATEGIES = [src for src in re.findall(r"^\s+- (strategies/[\w-]+\.md)$", NAV, re.MULTILINE) if src != "strategies/index.md"]


def card_links(html: str) -> list[str]:
    return re.findall(r'<h3><a href="([^"]+)">', html)


def test_strategy_cards_list_every_strategy_page_in_navigation_order() -> None:
    html = on("index.md").strategy_cards()
    assert card_links(html) == [src.removesuffix(".md") + "/" for src in NAV_STRATEGIES]
    assert html.count('<p class="evidence evidence-') == len(NAV_STRATEGIES)


def test_the_featured_cards_are_the_pages_marked_featured_in_navigation_order() -> None:
    project = real_project()
    featured = [src for src in NAV_STRATEGIES if project.pages[src].meta.featured]
    assert 0 < len(featured) < len(NAV_STRATEGIES)
    assert card_links(on("index.md").strategy_cards("featured")) == [src.removesuffix(".md") + "/" for src in featured]


def test_a_groups_page_shows_the_strategies_of_its_nav_section() -> None:
    group = "strategies/ease-a-cramp/index.md"
    section = NAV.split(group, 1)[1].split(":\n", 1)[0]  # the lines after the group's page, up to the next section
    listed = re.findall(r"- (strategies/[\w-]+\.md)", section)
    assert listed and card_links(on(group).strategy_cards("section")) == [f"../{src.split('/')[1][:-3]}/" for src in listed]


def test_the_strategies_page_shows_each_group_with_a_link_to_its_page() -> None:
    markdown = on("strategies/index.md").strategy_groups()
    groups = re.findall(r"^## \[[^\]]+\]\(([\w-]+/index\.md)\)$", markdown, re.MULTILINE)
    assert len(groups) >= 2 and f"strategies/{groups[0]}" in NAV
    assert sorted(card_links(markdown)) == sorted(src.removeprefix("strategies/")[:-3] + "/" for src in NAV_STRATEGIES)


def test_a_large_group_is_a_link_to_its_page_instead_of_every_card(monkeypatch: pytest.MonkeyPatch) -> None:
    from legcramps.render import strategy_lists

    monkeypatch.setattr(strategy_lists, "GROUP_LIST_LIMIT", 2)
    markdown = on("strategies/index.md").strategy_groups()
    assert "[See all 3](ease-a-cramp/index.md){ .md-button }" in markdown  # three ways to ease a cramp
    assert "massage/" not in card_links(markdown)


@pytest.mark.parametrize(("page", "call", "says"), [
    ("index.md", lambda m: m.strategy_cards("best"), "takes 'all', 'featured', 'section', not 'best'"),
    ("causes.md", lambda m: m.strategy_cards("section"), "use it on the section's own page"),
    ("causes.md", lambda m: m.strategy_groups(), "use it on the section's own page"),
    ("strategies/prevent/index.md", lambda m: m.strategy_groups(), "and it has none"),
])
def test_a_strategy_list_in_the_wrong_place_says_where_it_belongs(page: str, call: object, says: str) -> None:
    assert callable(call)
    assert says in refusal(lambda: call(on(page)))


def test_with_no_featured_page_the_home_list_says_how_to_feature_one() -> None:
    project = real_project()
    pages = {src: replace(page, meta=replace(page.meta, featured=False)) for src, page in project.pages.items()}
    assert "add featured: true" in refusal(lambda: on("index.md", replace(project, pages=pages)).strategy_cards("featured"))


# --- care settings --------------------------------------------------------------------------------


def test_care_settings_come_from_extra_care() -> None:
    assert CareSettings.from_extra({"care": UK.as_dict()}) == UK


@pytest.mark.parametrize(("care", "message"), [
    (None, "extra.care is missing (emergency number and country wording)"),
    ({"emergency_number": "nine-one-one"}, "extra.care.emergency_number must be a phone number, got 'nine-one-one'"),
    ({"emergency_number": ""}, "extra.care.emergency_number is required"),
    ({"emergncy_number": "911"}, "extra.care has an unknown setting 'emergncy_number' (did you mean 'emergency_number'?)"),
])
def test_bad_care_settings_are_refused(care: dict[str, str] | None, message: str) -> None:
    extra = {} if care is None else {"care": {**UK.as_dict(), **care}}
    assert refusal(lambda: CareSettings.from_extra(extra)) == message
