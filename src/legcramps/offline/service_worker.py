"""The offline copy: a service worker written into a built site, after the build, from its files.

Any engine's output goes through `write_service_worker(site_dir)`: it lists the files a reader may
need with no signal (every page, the styles and scripts, the search index and its worker, the PDFs,
the illustrations and icons), each with a hash of its content, and writes `sw.js` at the site's root
from the template beside this module. The worker's scope is the folder it is served from, so the
same output works at a domain's root or under a sub-path such as /leg-cramps/.

Left out: source maps, the sitemap, the link-preview image and app icons (no page needs them
offline), the worker itself, and the search languages the site does not use (Material ships lunr
for about 30 languages; the search index's `config.lang` says which the search worker loads).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

WORKER = "sw.js"
HASH_CHARS = 16  # hex digits of SHA-256 kept per file: plenty to tell two versions of a file apart
EXCLUDE = (
    WORKER,
    "*.map",  # for developers' tools
    "sitemap.xml",  # for search engines
    "sitemap.xml.gz",
    ".nojekyll",
    "assets/social/*",  # the link-preview image: fetched by other apps, never by a page
    "assets/icons/icon-*.png",  # app icons: the browser fetches them when the app is installed
    "assets/icons/apple-touch-icon.png",
    "assets/images/favicon.png",  # Material's own icon, replaced by theme.favicon
)
SEARCH_INDEX = "search/search_index.json"
LUNR_DIR = "assets/javascripts/lunr/"


@dataclass(frozen=True)
class PrecacheEntry:
    path: str  # site-relative, as a reader's address has it: "" for the home page, "strategies/heat/"
    file: str  # site-relative file: "index.html", "strategies/heat/index.html"
    sha256: str  # the first HASH_CHARS hex digits
    size: int  # bytes on disk


@dataclass(frozen=True)
class ServiceWorker:
    """What `write_service_worker` wrote: the worker, its version and what it precaches."""

    worker: Path
    version: str
    entries: tuple[PrecacheEntry, ...]

    @property
    def total_bytes(self) -> int:
        return sum(entry.size for entry in self.entries)

    def summary(self) -> str:
        return f"{self.worker.name}: {len(self.entries)} files, {self.total_bytes / 1024:.0f} KB to keep offline"


def search_languages(site_dir: Path) -> list[str]:
    """The languages the site's search index was built for (Material's `config.lang`), if it has one."""
    index = site_dir / SEARCH_INDEX
    if not index.is_file():
        return []
    config = json.loads(index.read_text(encoding="utf-8")).get("config", {})
    return [str(lang) for lang in config.get("lang", [])]


def lunr_files_needed(languages: list[str]) -> set[str]:
    """The lunr files Material's search worker imports for these languages (none for English alone).

    Mirrors Material's `setupSearchLanguages`: a segmenter for ja / hi / th, one stemmer per
    language other than English, the shared stemmer support, and lunr.multi for more than one.
    """
    needed: set[str] = set()
    for lang in languages:
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in ("hi", "th"):
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def precache_entries(site_dir: Path, exclude: tuple[str, ...] = EXCLUDE) -> list[PrecacheEntry]:
    """Every file of the built site a reader may need offline, in a stable order."""
    lunr_needed = lunr_files_needed(search_languages(site_dir))
    entries = []
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = file.relative_to(site_dir).as_posix()
        if any(fnmatch.fnmatch(relative, pattern) for pattern in exclude):
            continue
        if relative.startswith(LUNR_DIR) and relative.removeprefix(LUNR_DIR) not in lunr_needed:
            continue
        data = file.read_bytes()
        path = relative.removesuffix("index.html") if relative.split("/")[-1] == "index.html" else relative
        entries.append(PrecacheEntry(path, relative, hashlib.sha256(data).hexdigest()[:HASH_CHARS], len(data)))
    return entries


def render_worker(entries: list[PrecacheEntry]) -> tuple[str, str]:
    """The worker's source and its version (a hash of the whole list: any changed file changes it)."""
    listing = [[entry.path, entry.sha256] for entry in entries]
    version = hashlib.sha256(json.dumps(listing).encode("utf-8")).hexdigest()[:HASH_CHARS]
    precache = "[\n" + ",\n".join("  " + json.dumps(item) for item in listing) + "\n]"
    template = resources.files("legcramps.offline").joinpath("service-worker.js").read_text(encoding="utf-8")
    return template.replace("__PRECACHE__", precache).replace("__VERSION__", version), version


def write_service_worker(site_dir: Path, exclude: tuple[str, ...] = EXCLUDE) -> ServiceWorker:
    """Write `sw.js` into a built site (replacing the build's placeholder) and say what it keeps."""
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir} is not a built site (no index.html): build the site first")
    entries = precache_entries(site_dir, exclude)
    source, version = render_worker(entries)
    worker = site_dir / WORKER
    worker.write_text(source, encoding="utf-8")
    return ServiceWorker(worker, version, tuple(entries))


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m legcramps.offline.service_worker SITE_DIR")
    print(write_service_worker(Path(sys.argv[1])).summary())
