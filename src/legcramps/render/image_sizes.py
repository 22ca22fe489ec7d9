"""Every image on a page gets its width and height, so nothing below it jumps when it arrives.

Without both, the browser cannot reserve the image's box before the file has loaded: the text under
it moves (a layout shift), which a reader scrolling on a phone loses their place to. The sizes come
from the image files themselves (PNG, JPEG, SVG), generated ones included (the handout preview); a
width an editor gave is kept and the height follows the image's proportions. The theme's CSS
(`height: auto; max-width: 100%`) still scales the image down on narrow screens.
"""

from __future__ import annotations

import posixpath
import re
import struct
from collections.abc import Callable, Mapping
from urllib.parse import unquote

from legcramps.errors import ContentError
from legcramps.model.urls import is_elsewhere

_IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"\s([\w-]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_ATTRIBUTE = re.compile(rb"\s([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
_NUMBER = re.compile(rb"^\s*([0-9.]+)\s*(px)?\s*$")


def _svg_size(data: bytes) -> tuple[float, float] | None:
    root = _SVG_ROOT.search(data)
    if not root:
        return None
    attributes = {m.group(1).lower(): m.group(2)[1:-1] for m in _SVG_ATTRIBUTE.finditer(root.group(0))}
    width, height = (_NUMBER.match(attributes.get(name, b"")) for name in (b"width", b"height"))
    if width and height:
        return float(width.group(1)), float(height.group(1))
    box = attributes.get(b"viewbox", b"").replace(b",", b" ").split()
    return (float(box[2]), float(box[3])) if len(box) == 4 else None


def _jpeg_size(data: bytes) -> tuple[float, float] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker, length = data[index + 1], struct.unpack(">H", data[index + 2:index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start-of-frame segment
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return float(width), float(height)
        index += 2 + length
    return None


def image_size(data: bytes) -> tuple[float, float] | None:
    """(width, height) in CSS pixels of a PNG, JPEG or SVG file, or None if it cannot be read."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return float(width), float(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return _svg_size(data) if b"<svg" in data[:2048] else None


def size_images(html: str, page_dir: str, read: Callable[[str], bytes | None],
                known: Mapping[str, tuple[float, float]] | None = None) -> str:
    """Add width and height to every <img> of the site that lacks one of them.

    `page_dir` is the page's folder in the built site ("strategies/stretching/"); `read` gives the
    bytes of a file of the built site by its path, or None; `known` gives the size of a file not yet
    made (the handout preview while it is drawn). Raises ContentError for an image of the site whose
    size cannot be read, naming it and the fix.
    """
    known = known or {}

    def sized(match: re.Match[str]) -> str:
        tag = match.group(0)
        attributes = {name.lower(): value[1:-1] for name, value in _ATTRIBUTE.findall(tag)}
        src = attributes.get("src", "")
        if ("width" in attributes and "height" in attributes) or not src or is_elsewhere(src):
            return tag  # already sized, or not a file of the site (data: images carry their own size)
        if any(not attributes[name].isdigit() for name in ("width", "height") if name in attributes):
            return tag  # a size in other units (50%): the editor's choice
        path = posixpath.normpath(posixpath.join(page_dir, unquote(src.split("#")[0].split("?")[0])))
        data = None if path in known else read(path)
        if data is None and path not in known:
            raise ContentError(f"the image {src} is not a file of the site: check its name and folder")
        size = known.get(path) or (image_size(data) if data is not None else None)
        if size is None or not all(size):
            raise ContentError(f"the image {src} has no width and height the build can read: use a PNG, JPEG or SVG "
                               'file, or write its size after it, e.g. { width="320" height="240" }')
        given = {name: float(attributes[name]) for name in ("width", "height") if attributes.get(name, "").isdigit()}
        if "height" in given:
            width, height = given.get("width", given["height"] * size[0] / size[1]), given["height"]
        else:
            width = given.get("width", size[0])
            height = width * size[1] / size[0]
        extra = "".join(f' {name}="{round(value)}"' for name, value in (("width", width), ("height", height))
                        if name not in attributes)
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + extra + (" />" if end == -2 else ">")

    return _IMG.sub(sized, html)
