"""Printing a web page: Chromium's print-to-PDF of the built site shows the page, never the site chrome.

Uses the session's served site and its one Chromium (tests/conftest.py).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pypdf
import pytest
from playwright.sync_api import Browser

from tests.support.site import SiteServer

pytestmark = pytest.mark.browser

STRATEGY_PAGE = "strategies/stretching/"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture()
def page(browser: Browser, served_site: SiteServer) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(served_site.base_url + STRATEGY_PAGE)
    yield page
    context.close()


def words(text: str) -> str:
    return " ".join(text.split())


def test_a_printed_strategy_page_has_its_text_and_none_of_the_navigation(page: object, served_site: SiteServer) -> None:
    title = page.locator("article h1").inner_text()  # type: ignore[attr-defined]
    article = words(page.locator("article").inner_text())  # type: ignore[attr-defined]
    # Navigation, search and footer text that the page's own content does not also contain.
    chrome = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('.md-header, .md-tabs, .md-sidebar, .md-footer, .md-search')]
              .flatMap(el => [...el.querySelectorAll('a, label, input, button, .md-ellipsis, .md-footer__title')])
              .map(el => (el.innerText || el.getAttribute('placeholder') || '').trim())
              .filter(text => text.length > 3)"""
    )
    chrome = sorted({words(text) for text in chrome if words(text) and words(text) not in article})
    assert len(chrome) >= 5, chrome  # the test would prove nothing without navigation labels to look for

    page.emulate_media(media="print")  # type: ignore[attr-defined]
    printed = pdf_text(page.pdf(format="A4", tagged=True))  # type: ignore[attr-defined]

    assert words(title) in printed
    first_paragraph = words(page.locator("article h1 ~ p").nth(1).inner_text())  # type: ignore[attr-defined]
    assert first_paragraph[:60] in printed
    leaked = [text for text in chrome if text in printed]
    assert not leaked, f"site chrome in the printout: {leaked}"
    assert "Download the handout" not in printed


def test_a_printed_page_shows_its_address_review_date_and_full_source_addresses(page: object, served_site: SiteServer) -> None:
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    printed = pdf_text(page.pdf(format="Letter"))  # type: ignore[attr-defined]
    assert f"This page online: {served_site.base_url}{STRATEGY_PAGE}" in printed.replace(" /", "/")
    assert re.search(r"Page last reviewed: \w+ \d+, 20\d\d", printed)  # the US edition's dates
    hrefs = page.eval_on_selector_all(".references a", "links => links.map(a => a.href)")  # type: ignore[attr-defined]
    assert hrefs
    for href in hrefs:
        assert href in printed.replace(" ", ""), f"the source address {href} is not printed in full"


def test_the_page_address_shows_in_print_only(page: object) -> None:
    address = page.locator(".print-only.page-address")  # type: ignore[attr-defined]
    assert address.count() == 1
    assert not address.is_visible()
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert address.is_visible()


def test_collapsed_sections_print_open_and_callouts_stay_whole(page: object) -> None:
    page.evaluate(  # type: ignore[attr-defined]
        """() => {
            const details = document.createElement('details');
            details.className = 'note';
            details.innerHTML = '<summary>More about it</summary><p>Folded text that must print.</p>';
            document.querySelector('article').appendChild(details);
        }"""
    )
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    printed = pdf_text(page.pdf(format="A4"))  # type: ignore[attr-defined]
    assert "Folded text that must print." in printed
    breaks = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-typeset .admonition", "boxes => boxes.map(box => getComputedStyle(box).breakInside)"
    )
    assert breaks and set(breaks) == {"avoid"}, breaks


def test_print_colours_are_black_on_white_even_in_dark_mode(browser: Browser, served_site: SiteServer) -> None:
    context = browser.new_context(color_scheme="dark")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(served_site.base_url + STRATEGY_PAGE)
        page.emulate_media(media="print", color_scheme="dark")
        colours = page.evaluate(
            """() => {
                const style = el => getComputedStyle(document.querySelector(el));
                return [style('article p').color, style('article h1').color, style('body').backgroundColor];
            }"""
        )
        assert colours[:2] == ["rgb(0, 0, 0)", "rgb(0, 0, 0)"], colours
        assert colours[2] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colours
    finally:
        context.close()
