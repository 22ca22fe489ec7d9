"""`check` measures reading ease on the very text of the built pages, so it passes and fails with the tests.

`check` makes each page's text from its Markdown without MkDocs (legcramps.content_check.page_text); the tests in
test_content.py measure the built HTML. Both go through legcramps.checks.readability: here the two texts
must be the same, page by page, in every edition.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legcramps.checks.readability import article_text
from legcramps.content_check.page_text import page_texts
from legcramps.model.settings import load_settings
from legcramps.session import start_build
from tests.support.site import ROOT
from tests.test_build import PAGES, html_for

pytestmark = pytest.mark.build


@pytest.mark.parametrize(("config", "folder"), [("mkdocs.yml", ""), ("mkdocs.es.yml", "es")])
def test_check_measures_the_text_of_the_built_page(site_dir: Path, config: str, folder: str) -> None:
    texts = dict(page_texts(start_build(load_settings(ROOT / config))))
    assert sorted(texts) == PAGES
    for src, text in texts.items():
        assert text == article_text(html_for(site_dir / folder, src)), f"{folder}/{src}"
