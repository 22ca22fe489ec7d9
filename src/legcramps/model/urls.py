"""Page addresses, worked out from file paths the way MkDocs and Zensical write them (directory URLs)."""

from __future__ import annotations

import posixpath
import re

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


def page_url(src_path: str) -> str:
    """'strategies/stretching.md' -> 'strategies/stretching/'; 'index.md' -> ''."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def relative_url(from_src: str, to_src: str, anchor: str = "") -> str:
    """The link from one page to another (or to a file in the site), relative, as themes expect."""
    here = page_url(from_src)
    target = to_src if not to_src.endswith(".md") else page_url(to_src)
    link = posixpath.relpath(target or ".", here or ".")
    if to_src.endswith(".md"):
        link = "./" if link == "." else link + "/"
    return link + (f"#{anchor}" if anchor else "")


def is_elsewhere(address: str) -> bool:
    """An address with a scheme (another site, mailto:, tel:, data:) or one starting with //: not a file of the site."""
    return _SCHEME.match(address) is not None
