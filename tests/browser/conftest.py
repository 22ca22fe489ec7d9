"""Fixtures for the real-browser tests: the built site's pages (one Chromium: tests/conftest.py).

The site is the one readers get: built with `--strict` for the GitHub Pages sub-path /leg-cramps/
(SITE_URL set to match) and served over HTTP by `served_site` (see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .helpers import SitePage, site_pages


@pytest.fixture(scope="session")
def pages(site_dir: Path, served_site: object, site_url: str) -> list[SitePage]:
    """Every HTML page of the built site (not 404.html), as readers reach it over HTTP."""
    found = site_pages(site_dir, site_url)
    docs = [p for p in (Path(__file__).resolve().parents[2] / "docs").rglob("*.md")]
    assert len(found) >= len(docs), f"the built site has {len(found)} pages but docs/ has {len(docs)} Markdown files"
    return found


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh, cookie-free browser context (light palette, desktop size) for one test."""
    context = browser.new_context(color_scheme="light")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
