"""What link previews, search engines, home screens and re-users get from the built site.

- Every page carries Open Graph and Twitter card tags pointing at one static image made in the repo.
- Every page carries schema.org MedicalWebPage data with `lastReviewed` from its `reviewed` date,
  and names no reviewer (none is recorded).
- The sitemap's `lastmod` is each page's review date, not the build date.
- The web app manifest and its icons; the offline worker written after the build.
- The licence: LICENSE files, a line in every page's footer and on the PDF handout.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from legcramps.model.page_model import split_front_matter
from legcramps.offline.service_worker import precache_entries
from tests.support.site import ROOT
from tools.build_site import editions, worker_exclude

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def address(src: str) -> str:
    """The site-relative address of a page: "causes.md" -> "causes/", "index.md" -> ""."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def front_matter(src: str) -> dict[str, object]:
    data, _ = split_front_matter((DOCS / src).read_text(encoding="utf-8"))
    return data


def built(site_dir: Path, src: str) -> str:
    return (site_dir / address(src) / "index.html").read_text(encoding="utf-8")


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def structured_data(html: str) -> dict[str, object]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    data: dict[str, object] = json.loads(blocks[0])
    return data


# ------------------------------------------------------------------------------ sharing


@pytest.mark.parametrize("src", PAGES)
def test_every_page_has_link_preview_tags(site_dir: Path, site_url: str, src: str) -> None:
    html = built(site_dir, src)
    canonical = site_url + address(src)
    assert meta(html, "og:url") == canonical
    assert meta(html, "og:title") and meta(html, "twitter:title") == meta(html, "og:title")
    assert meta(html, "og:description") == front_matter(src)["description"] == meta(html, "twitter:description")
    assert meta(html, "og:image") == meta(html, "twitter:image") == site_url + "assets/social/card.png"
    assert meta(html, "og:image:alt") and meta(html, "twitter:image:alt")
    assert meta(html, "twitter:card") == "summary_large_image"


def test_the_link_preview_image_is_made_in_the_repo_at_the_size_previews_use(site_dir: Path) -> None:
    with Image.open(site_dir / "assets" / "social" / "card.png") as image:
        assert image.format == "PNG" and image.size == (1200, 630)


def test_the_committed_images_are_what_the_script_makes() -> None:
    from tools import make_images
    stale = [
        path.relative_to(ROOT).as_posix()
        for path, image in make_images.images().items()
        if not path.is_file() or path.read_bytes() != make_images.png_bytes(image)
    ]
    assert not stale, f"run `python -m tools.make_images` and commit: {stale}"


# ------------------------------------------------------------------------------ search engines


@pytest.mark.parametrize("src", PAGES)
def test_every_page_is_a_medical_web_page_with_its_review_date(site_dir: Path, site_url: str, src: str) -> None:
    data = structured_data(built(site_dir, src))
    reviewed = front_matter(src)["reviewed"]
    assert isinstance(reviewed, date)
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["url"] == site_url + address(src)
    assert data["lastReviewed"] == reviewed.isoformat()
    assert data["license"] == CC_BY
    assert not {"reviewedBy", "author", "editor"} & set(data), "names a person: no reviewer is recorded"


def test_the_sitemap_dates_each_page_by_its_review(site_dir: Path, site_url: str) -> None:
    raw = (site_dir / "sitemap.xml").read_bytes()
    assert gzip.decompress((site_dir / "sitemap.xml.gz").read_bytes()) == raw
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in ET.fromstring(raw).iter(f"{SITEMAP}url")
    }
    expected = {site_url + address(src): front_matter(src)["reviewed"].isoformat() for src in PAGES}  # type: ignore[attr-defined]
    assert urls == expected


# ------------------------------------------------------------------------------ home screen and offline


def test_the_manifest_and_its_icons(site_dir: Path) -> None:
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "cramp-right-now/" and (site_dir / "cramp-right-now" / "index.html").is_file()
    assert manifest["scope"] == "./" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        with Image.open(site_dir / icon["src"]) as image:
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert image.format == "PNG" and image.size == (width, height), icon["src"]
            if icon["purpose"] == "maskable":  # fills the square: launchers cut their own shape
                assert image.convert("RGBA").getpixel((0, 0))[3] == 255, icon["src"]
    sizes = sorted(icon["sizes"] for icon in manifest["icons"])
    assert sizes == ["192x192", "512x512", "512x512"]


def test_the_built_site_carries_the_offline_worker_listing_its_files(site_dir: Path) -> None:
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    every = editions(ROOT)
    for entry in precache_entries(site_dir, worker_exclude(every, every[0])):
        assert json.dumps([entry.path, entry.sha256]) in worker, entry.file
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'navigator.serviceWorker.register("sw.js"' in home


# ------------------------------------------------------------------------------ licence


def test_the_licences_are_in_the_repository() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert CC_BY in content and "Attribution 4.0 International" in content and "Section 8" in content


@pytest.mark.parametrize("src", PAGES)
def test_every_page_footer_states_the_licence(site_dir: Path, src: str) -> None:
    footer = built(site_dir, src).split('<footer class="md-footer">', 1)[1]
    assert f'<a rel="license" href="{CC_BY}">CC BY 4.0</a>' in footer
    assert "MIT" in footer


def test_the_handout_states_the_licence(site_dir: Path) -> None:
    for pdf in sorted((site_dir / "handout").glob("*.pdf")):
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        text = " ".join((page.extract_text() or "") for page in reader.pages)
        assert "CC BY 4.0" in " ".join(text.split()), pdf.name
        links = [
            annotation.get_object().get("/A", {}).get("/URI")
            for page in reader.pages
            for annotation in page.get("/Annots", []) or []
        ]
        assert CC_BY in links, f"{pdf.name}: the licence is not a link"
