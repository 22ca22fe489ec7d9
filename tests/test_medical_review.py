"""The five urgency fixes of the December 2026 medical review (issue 24), pinned on the built text.

Each test reads what a reader sees after the macros and the country settings, in the English (US) and
Spanish editions, and the PDF handout where the sign is printed there. If a sign goes back to its old
tier or wording, the test names the page and the sign.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from legcramps.model.settings import load_settings
from legcramps.session import start_build
from tests.support.site import ROOT
from tests.support.text import pdf_text, visible_text
from tests.test_build import html_for

pytestmark = pytest.mark.build

EDITIONS = ("en", "es")
PAPERS = ("letter", "a4")


CONFIGS = {"en": "mkdocs.yml", "es": "mkdocs.es.yml"}


def care_number(edition: str) -> str:
    """The edition's emergency number, as its config sets it (extra.care)."""
    return start_build(load_settings(ROOT / CONFIGS[edition])).project.care.emergency_number


def edition_site(site_dir: Path, edition: str) -> Path:
    return site_dir if edition == "en" else site_dir / "es"


def callouts(html: str, tier: str) -> list[list[str]]:
    """The signs of every callout of a tier on a page, as plain text, in page order."""
    boxes = re.findall(rf'urgency urgency-{tier}".*?</ul>', html, re.DOTALL)
    return [[" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in re.findall(r"<li>(.*?)</li>", box,
                                                                                                re.DOTALL)]
            for box in boxes]


def signs(html: str, tier: str) -> list[str]:
    return [sign for box in callouts(html, tier) for sign in box]


# --- 1. quinine: stop and get help straight away; the worst signs are emergencies ---------------------

QUININE = {
    "en": {"emergency": ("you faint", "throat swell", "very little pee", "bleeding that will not stop"),
           "urgent": ("bruise easily", "nosebleed", "ringing in your ears", "heartbeat feels uneven"),
           "lead": "Stop taking it and get medical help straight away"},
    "es": {"emergency": ("se desmaya", "la garganta", "orina muy poco", "un sangrado que no para"),
           "urgent": ("moretones", "le sangra mucho la nariz", "zumbido en los oídos", "late de forma irregular"),
           "lead": "Deje de tomarla y busque atención médica enseguida"},
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_quinine_stop_signs_are_emergencies_or_urgent_and_the_lead_says_straight_away(site_dir: Path, edition: str) -> None:
    html = html_for(edition_site(site_dir, edition), "careful-treatments.md")
    expected = QUININE[edition]
    emergency, urgent = signs(html, "emergency"), signs(html, "urgent")
    for words in expected["emergency"]:
        assert any(words in sign for sign in emergency), f"{edition}: quinine sign {words!r} is not in the emergency box"
    for words in expected["urgent"]:
        assert any(words in sign for sign in urgent), f"{edition}: quinine sign {words!r} is not in the urgent box"
        assert not any(words in sign for sign in signs(html, "soon") + signs(html, "routine"))
    text = visible_text(html)
    assert expected["lead"] in text
    assert "the same day if you notice" not in text and "ese mismo día si nota" not in text


# --- 2. children: an emergency box for a feverish, very unwell child ---------------------------------

CHILD = {
    "en": ("very sleepy, hard to wake", "cold hands and feet", "does not fade when you press a glass", "breathing very fast"),
    "es": ("mucho sueño", "las manos y los pies fríos", "no se borra al apretar un vaso", "respira muy rápido"),
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_children_page_has_an_emergency_box_above_the_urgent_one(site_dir: Path, edition: str) -> None:
    html = html_for(edition_site(site_dir, edition), "children.md")
    emergency = signs(html, "emergency")
    for words in CHILD[edition]:
        assert any(words in sign for sign in emergency), f"{edition}: child sign {words!r} is not in the emergency box"
    assert html.index("urgency urgency-emergency") < html.index("urgency urgency-urgent"), "emergency comes first"
    number = re.search(rf'urgency-emergency".*?tel:{re.escape(care_number(edition))}', html, re.DOTALL)
    assert number, f"{edition}: the children's emergency box gives the emergency number"


# --- 3. diabetes: a foot sore that is not healing is seen in 1 to 2 days; infection the same day -----

FOOT = {
    "en": ("a cut, blister or sore on your foot is not healing", "your foot is red, hot or swollen"),
    "es": ("una llaga en el pie no sana", "el pie está rojo, caliente o hinchado"),
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_diabetic_foot_sore_is_soon_and_a_hot_red_foot_is_urgent(site_dir: Path, edition: str) -> None:
    html = html_for(edition_site(site_dir, edition), "look-alikes.md")
    sore, infection = FOOT[edition]
    assert any(sore in sign and ("diabetes" in sign) for sign in signs(html, "soon")), f"{edition}: foot sore not in 'soon'"
    assert any(infection in sign and "diabetes" in sign for sign in signs(html, "urgent")), f"{edition}: foot infection"
    assert not any(sore in sign for sign in signs(html, "routine")), f"{edition}: the foot sore is back in 'routine'"


# --- 4. the swollen calf: checked the same day even when it stops hurting ----------------------------

CALF = {
    "en": ("swollen, warm, red or darker than the other, or it hurts and the pain does not go away",
           "darker than the other, and the pain does not go away"),
    "es": ("hinchado, caliente, rojo o más oscuro que el otro, o le duele sin parar",
           "más oscuro que el otro, y el dolor no se quita"),
}
CALF_PAGES = ("when-to-get-help.md", "cramp-right-now.md", "cramp-strain-or-clot.md")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_swollen_calf_sign_does_not_wait_for_pain_on_the_pages_and_the_handout(site_dir: Path, edition: str) -> None:
    site = edition_site(site_dir, edition)
    wording, old = CALF[edition]
    for src in CALF_PAGES:
        urgent = signs(html_for(site, src), "urgent")
        assert any(wording in sign for sign in urgent), f"{edition}/{src}: the swollen-calf sign lost 'or it hurts'"
        assert not any(old in sign for sign in urgent), f"{edition}/{src}: the old wording is back"
    for paper in PAPERS:
        text = pdf_text(site / "handout" / f"leg-cramps-handout-{paper}.pdf")
        assert " ".join(wording.split()) in text, f"{edition} {paper} handout: swollen-calf sign"


# --- 5. the clot check comes before "rub it" and "warm it" -------------------------------------------

CHECK = {
    "en": ("Do not rub it or heat it", "Rub the hard spot", "Warm it"),
    "es": ("No la frote ni le dé calor", "Frote la parte dura", "Dele calor"),
}


def first_list_items(html: str) -> list[str]:
    found = re.search(r'<ol class="quick-steps"[^>]*>(.*?)</ol>', html, re.DOTALL)
    assert found, "no quick steps on the page"
    return [visible_text(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.DOTALL)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_clot_check_is_the_first_quick_step_on_the_pages_and_the_handout(site_dir: Path, edition: str) -> None:
    site = edition_site(site_dir, edition)
    check, rub, warm = CHECK[edition]
    for src in ("cramp-right-now.md", "index.md"):
        steps = first_list_items(html_for(site, src))
        assert check in steps[0], f"{edition}/{src}: the first step is {steps[0]!r}, not the clot check"
        assert not any(check in step for step in steps[1:])
    quick = visible_text(html_for(site, "cramp-right-now.md"))
    assert quick.index(check) < quick.index(rub) < quick.index(warm)
    for paper in PAPERS:
        text = pdf_text(site / "handout" / f"leg-cramps-handout-{paper}.pdf")
        assert check in text, f"{edition} {paper} handout: no clot check"
        assert text.index(check) < text.index(rub) < text.index(warm), f"{edition} {paper} handout: check comes late"
