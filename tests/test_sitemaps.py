"""Both editions' sitemaps are valid against the sitemaps.org schema and the XHTML link alternates'.

A real XML schema validator (libxml2, through lxml) loads tests/schemas/sitemaps.xsd: the sitemaps.org
schema unchanged, plus the `<xhtml:link>` declaration (tests/schemas/README.md says where each comes from).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.support.site import ROOT
from tools.build_site import editions

pytestmark = pytest.mark.build

SCHEMA = ROOT / "tests" / "schemas" / "sitemaps.xsd"


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def sitemaps(site_dir: Path) -> list[Path]:
    return [site_dir / edition.path / "sitemap.xml" for edition in editions(ROOT)]


def test_every_editions_sitemap_is_valid_against_the_sitemaps_org_schema(site_dir: Path) -> None:
    files = sitemaps(site_dir)
    assert len(files) == 2
    validator = schema()
    errors = []
    for path in files:
        if not validator.validate(etree.parse(str(path))):
            errors += [f"{path.relative_to(site_dir)}:{error.line}: {error.message}" for error in validator.error_log]
    assert not errors, "\n".join(errors)


def test_the_schema_rejects_lastmod_after_the_alternates_and_a_link_without_hreflang(site_dir: Path) -> None:
    """The check can fail: the order the site once had (lastmod after the xhtml:link) and a broken alternate."""
    validator = schema()
    text = sitemaps(site_dir)[0].read_text(encoding="utf-8")
    start, end = text.index("<lastmod>"), text.index("</lastmod>") + len("</lastmod>")
    lastmod, url_end = text[start:end], text.index("</url>")
    moved = text[:start] + text[end:url_end] + lastmod + text[url_end:]
    assert not validator.validate(etree.fromstring(moved.encode()))
    assert "lastmod" in str(validator.error_log)
    no_hreflang = text.replace(' hreflang="en"', "", 1)
    assert not validator.validate(etree.fromstring(no_hreflang.encode()))
