"""A content-hash cache of the handout's PDFs and preview image, so an unchanged handout skips WeasyPrint.

The same holds for the other PDFs drawn the same way (the large-print handout, the cramp diary).
A build uses it when `HANDOUT_CACHE_DIR` names a folder: `make serve` always does (.cache/handout), a
`make build` when the variable is set (the deploy workflow restores the folder with actions/cache).
Each file is named after a hash of everything that goes into it, so a stale entry is never found,
only left behind: the document's HTML (all of its content), the paper, the page limit, the template
and stylesheet it is drawn with, every file of the template folder (stylesheets, fonts), the versions
of the Python packages and the system libraries that draw it. SOURCE_DATE_EPOCH is left out: the PDFs
carry no date of the build, and two commits with the same handout share its files. A hit is touched,
so `prune` can drop what no build of the current run used.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import jinja2

CACHE_VARIABLE = "HANDOUT_CACHE_DIR"
PDF_PACKAGES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "pillow")
PREVIEW_PACKAGES = ("pypdfium2", "pillow")
# (library, function that returns its version string): Pango lays the text out, HarfBuzz shapes and
# subsets the fonts (with hb-subset when present, else fontTools: different bytes).
SYSTEM_LIBRARIES = (
    ("libpango-1.0.so.0", "pango_version_string"),
    ("libharfbuzz.so.0", "hb_version_string"),
    ("libharfbuzz-subset.so.0", ""),
)


@cache
def _version(package: str) -> str:
    try:
        return f"{package} {metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"{package} missing"


@cache
def _system_libraries() -> str:
    """The drawing libraries' versions, read without importing WeasyPrint (ctypes, about a millisecond)."""
    found = []
    for name, function in SYSTEM_LIBRARIES:
        try:
            library = ctypes.CDLL(name)
        except OSError:
            found.append(f"{name} missing")
            continue
        version = "present"
        if function:
            call = getattr(library, function)
            call.restype = ctypes.c_char_p
            version = call().decode()
        found.append(f"{name} {version}")
    return "; ".join(found)


def _digest(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part.encode() if isinstance(part, str) else part) + b"\0")
    return digest.hexdigest()


def _folder_digest(folder: Path) -> str:
    """Every file of the template folder (stylesheet, fonts), read once for both papers."""
    return _digest(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes()
                   for path in sorted(p for p in folder.rglob("*") if p.is_file()))


@dataclass(frozen=True)
class HandoutCache:
    folder: Path

    @classmethod
    def from_environment(cls) -> HandoutCache | None:
        folder = os.environ.get(CACHE_VARIABLE)
        return cls(Path(folder)) if folder else None

    def pdf_paths(self, html: str, papers: Iterable[str], template_dir: Path, max_pages: int,
                  recipe: str = "") -> dict[str, Path]:
        """Where the PDF of each paper rendered from exactly these inputs is kept. `recipe`: which template
        and stylesheet, and how the pages are laid out (the handout, the large print and the diary differ)."""
        shared = [*map(_version, PDF_PACKAGES), _system_libraries(), str(max_pages), recipe, html,
                  _folder_digest(template_dir)]
        return {paper: self.folder / f"{_digest([paper, *shared])}.pdf" for paper in papers}

    def preview_path(self, pdf: bytes, width: int, greys: int) -> Path:
        """Where the preview image of exactly this PDF, at this size, is kept."""
        return self.folder / f"{_digest([*map(_version, PREVIEW_PACKAGES), str(width), str(greys), pdf])}.png"

    @staticmethod
    def read(path: Path) -> bytes | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        # Used by this build: prune keeps it (unless another build sharing the folder just pruned it).
        with contextlib.suppress(FileNotFoundError):
            os.utime(path)
        return data

    @staticmethod
    def write(path: Path, data: bytes) -> None:
        """Written aside under a name of its own, then renamed: builds sharing the folder (the tests' workers)
        never read a half-written file or rename each other's."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".tmp", delete=False) as partial:
            partial.write(data)
        Path(partial.name).replace(path)


def file_clock(folder: Path) -> int:
    """Now, in nanoseconds, as the folder's file system stamps a file: the clock `prune` compares with.
    Python's own clock can run ahead of the file system's coarser one, and a margin for that lets files
    that a build a moment ago used survive the next build's prune."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".clock-") as stamp:
        return os.fstat(stamp.fileno()).st_mtime_ns


def prune(folder: Path, used_since: int) -> list[Path]:
    """Delete the entries no build has used since `used_since` (a `file_clock`); return them. A file
    another build deletes first (builds sharing the folder) is simply gone."""
    removed = []
    for path in sorted(folder.glob("*")):
        if path.name.startswith("."):
            continue  # another build's file being written, or its clock
        try:
            if path.is_file() and path.stat().st_mtime_ns < used_since:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:
            continue
    return removed


def bytecode_cache(folder: str) -> jinja2.BytecodeCache | None:
    """Jinja's compiled templates kept in `folder`/ of the cache folder (the theme's, the handout's), or
    None when no cache folder is set. A stored template is used only when its source's checksum and
    Jinja's and Python's versions match; the folder is made again if it was deleted since the last build."""
    root = os.environ.get(CACHE_VARIABLE)
    if not root:
        return None
    path = Path(root) / folder
    path.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(path))
