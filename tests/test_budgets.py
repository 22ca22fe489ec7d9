"""Page-weight budgets: every page of the real site, on a first visit, within 100 KB and 15 requests;
and, from the same visits, no request to another origin and no cookie (the privacy rule, every page).

Each page is opened in Chromium with an empty cache from the site served under /leg-cramps/; every
request counts (the search index loads only once a reader opens search), and the bytes are the served files
gzipped as a static host sends them. Given the requests, the bytes are deterministic. The code is
the benchmark's own (bench/weight.py), so `make bench` reports the same figures. No timing is
asserted here; the PDF handout's 300 KB budget is in tests/test_handout.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bench.weight import BUDGET_BYTES, BUDGET_REQUESTS, PageWeight, measure_site, site_page_paths
from tests.support.site import SiteServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def weights(browser: Browser, site_dir: Path, served_site: SiteServer, site_url: str) -> list[PageWeight]:
    return measure_site(browser, site_dir, site_url)


def _sizes(resources: list[tuple[str, int]]) -> str:
    return ", ".join(f"{path or 'the page'} {size / 1024:.1f} KB" for path, size in sorted(resources, key=lambda r: -r[1]))


def test_every_page_is_weighed(weights: list[PageWeight], site_dir: Path) -> None:
    assert [w.path for w in weights] == site_page_paths(site_dir)
    for weight in weights:
        assert weight.requests >= 1 and weight.resources[0][0] == weight.path, f"{weight.name}: the page itself was not loaded"
        assert not weight.missing, f"{weight.name}: requests with no file in the site: {weight.missing}"


def test_every_page_within_the_byte_budget(weights: list[PageWeight]) -> None:
    shared = set.intersection(*(set(w.resources) for w in weights))
    over = [
        f"{w.name}: {w.transfer_bytes / 1024:.1f} KB; its own: {_sizes([r for r in w.resources if r not in shared])}"
        for w in weights
        if w.transfer_bytes > BUDGET_BYTES
    ]
    assert not over, (
        f"over {BUDGET_BYTES / 1024:.0f} KB compressed on a first visit:\n" + "\n".join(over)
        + f"\nevery page also loads: {_sizes(list(shared))}"
    )


def test_every_page_within_the_request_budget(weights: list[PageWeight]) -> None:
    over = [
        f"{w.name}: {w.requests} requests ({', '.join(path or 'the page' for path, _ in w.resources)})"
        for w in weights
        if w.requests > BUDGET_REQUESTS
    ]
    assert not over, f"over {BUDGET_REQUESTS} requests on a first visit:\n" + "\n".join(over)


def test_no_page_asks_another_origin_or_sets_a_cookie(weights: list[PageWeight]) -> None:
    """Privacy: every request of a first visit, the offline copy's included, stays on the site, and the
    visit leaves no cookie. (Search, the 404 page and one reader's walk: tests/browser/test_privacy.py.)"""
    found = {w.name: [*w.outside, *(f"cookie {cookie}" for cookie in w.cookies)] for w in weights}
    assert not any(found.values()), "requests to other origins, or cookies:\n" + "\n".join(
        f"{name}: {', '.join(items)}" for name, items in found.items() if items)
