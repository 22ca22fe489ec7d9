"""The pictures beside the quick steps: an SVG file each, and its alt text in the edition's language.

A picture is named in data/<language>/quick-steps.yml (`picture: step-pull-toes.svg`, a file in the
edition's docs/assets/illustrations/) with its `alt` text. Pages carry the drawing inline (no request of
its own; the site's stylesheet colours it for the light and dark palettes through its `pic-*` classes),
and the handout prints it black on white. Every rule here stops the build with one line and the fix.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from legcramps.errors import ContentError, did_you_mean

PICTURES_DIR = Path("assets") / "illustrations"  # inside the edition's docs folder
MAX_BYTES = 4096  # each page that shows the steps carries every picture: keep them small
MAX_ALT = 200  # characters: one or two short sentences
# The house colours a drawing is made with (as presentation attributes); the site restyles each class for
# the dark palette (docs/stylesheets/site.css), the handout prints them black on white.
CLASSES = ("pic-bg", "pic-bf", "pic-s", "pic-sf", "pic-a", "pic-af")
PRINT_COLOURS = {"currentColor": "#000", "#b3261e": "#000", "#f7f9fc": "#fff"}

_FILE = re.compile(r"^[a-z0-9][a-z0-9-]*\.svg$")
_ROOT = re.compile(r"<svg\b([^>]*)>(.*)</svg>\s*$", re.DOTALL)
_VIEW_BOX = re.compile(r'\sviewBox="([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9.]+)"')
_TAG = re.compile(r"<([a-zA-Z]+)\b([^>]*)>")
_COLOUR = re.compile(r'\s(?:fill|stroke)="(?!none"|currentColor")[^"]+"')
_REFUSED = (
    (re.compile(r"<text\b|<tspan\b"), "has words in it: a picture has no words (every edition shows it); "
                                      "put what it says in the alt text"),
    (re.compile(r"<style\b|\sstyle="), "has a style: the pages' Content-Security-Policy refuses inline styles; "
                                      "use attributes (fill, stroke) and the pic-* classes"),
    (re.compile(r"<script\b|\son[a-z]+="), "has a script: a picture is a drawing only"),
    (re.compile(r"<(?:image|foreignObject)\b"), "embeds another file or HTML: draw it with SVG shapes only"),
    (re.compile(r'href="(?!#)'), "links to another file: a picture may only point inside itself (#id)"),
)


@dataclass(frozen=True)
class Picture:
    """One drawing and the words that describe it."""

    file: str  # as written in the data file, e.g. step-pull-toes.svg
    alt: str
    width: float
    height: float
    view_box: str
    body: str  # the drawing's elements, comments and line breaks taken out, ids made unique to it

    def print_uri(self) -> str:
        """The drawing as a standalone SVG data: URI in black on white, for the handout."""
        body = self.body
        for colour, printed in PRINT_COLOURS.items():
            body = body.replace(f'"{colour}"', f'"{printed}"')
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{self.view_box}" '
               f'width="{self.width:g}" height="{self.height:g}">{body}</svg>')
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def alt_problem(alt: object, file: str) -> str | None:
    """What is wrong with a picture's alt text, with the fix, or None."""
    fix = "write one sentence saying what the picture shows, e.g. alt: A person sits and pulls the toes up with a towel"
    if alt is None:
        return f"the picture {file} has no alt text: {fix}"
    if not isinstance(alt, str) or not alt.strip():
        return f"the alt text of {file} is empty: {fix}"
    words = alt.strip()
    stem = file.removesuffix(".svg")
    if " " not in words or re.search(r"\.(svg|png|jpe?g|gif|webp)\b|/", words, re.IGNORECASE) or stem in words:
        return f"the alt text of {file} looks like a file name ({words!r}): {fix}"
    if len(words) > MAX_ALT:
        return f"the alt text of {file} is {len(words)} characters: keep it to one or two short sentences (at most {MAX_ALT})"
    return None


def _unique_ids(body: str, stem: str) -> str:
    """Prefix the drawing's ids (and the references to them), so two pictures on one page never share one."""
    ids = re.findall(r'\sid="([^"]+)"', body)
    for name in ids:
        body = re.sub(rf'(\sid="|url\(#|href="#){re.escape(name)}([")])', rf"\g<1>{stem}-{name}\g<2>", body)
    return body


def read_drawing(path: Path) -> tuple[float, float, str, str]:
    """(width, height, viewBox, body) of a picture file; ContentError (line in the file) if it breaks a rule."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise ContentError(f"cannot read {path.name}") from None
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    text = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", text).strip()
    root = _ROOT.match(re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL))
    view_box = _VIEW_BOX.search(root.group(1)) if root else None
    if root is None or view_box is None:
        raise ContentError(f"{path.name} is not a plain SVG file with a viewBox: save it as plain SVG "
                           '(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120"> ... </svg>)')
    body = root.group(2)
    for pattern, why in _REFUSED:
        found = pattern.search(body)
        if found:
            line = text.count("\n", 0, text.find(found.group(0))) + 1
            raise ContentError(f"{path.name} (line {line}) {why}")
    for tag in _TAG.finditer(body):
        classes = re.search(r'\sclass="([^"]*)"', tag.group(2))
        if _COLOUR.search(tag.group(2)) and not (classes and set(classes.group(1).split()) & set(CLASSES)):
            line = text.count("\n", 0, text.find(tag.group(0))) + 1
            raise ContentError(
                f"{path.name} (line {line}): a colour on an element without a pic-* class would not change in the "
                f"dark palette: draw lines with stroke=\"currentColor\", or add one of the classes {', '.join(CLASSES)}")
    body = re.sub(r">\s+<", "><", " ".join(body.split())).strip()
    if len(body.encode("utf-8")) > MAX_BYTES:
        raise ContentError(f"{path.name} is {len(body.encode('utf-8')) / 1024:.1f} KB: a picture beside the quick steps "
                           f"must be under {MAX_BYTES // 1024} KB (each page that shows the steps carries all of them): "
                           "simplify it, or save it as plain SVG")
    _, _, width, height = (float(value) for value in view_box.groups())
    return width, height, " ".join(view_box.groups()), _unique_ids(body, path.stem)


def load_picture(folder: Path, file: object, alt: object, line: int | None, alt_line: int | None = None) -> Picture:
    """The picture `file` (a name in `folder`) with its alt text; ContentError on the data file's line
    (`alt_line` for a mistake in the alt text)."""
    shown = f"{folder.parent.parent.name}/{PICTURES_DIR.as_posix()}"
    if file is None:
        raise ContentError(f"'picture' is missing: add picture: with the name of the SVG file in {shown}/ that this "
                           "step shows", line)
    if not isinstance(file, str) or not _FILE.match(file.strip()):
        raise ContentError(f"'picture' must be the name of an SVG file in {shown}/, e.g. picture: step-pull-toes.svg "
                           f"(got {file!r})", line)
    file = file.strip()
    path = folder / file
    if not path.is_file():
        there = sorted(p.name for p in folder.glob("*.svg")) if folder.is_dir() else []
        raise ContentError(f"no picture {shown}/{file}{did_you_mean(file, there)}: add the file, or correct the name", line)
    problem = alt_problem(alt, file)
    if problem:
        raise ContentError(problem, alt_line or line)
    try:
        width, height, view_box, body = read_drawing(path)
    except ContentError as error:
        raise ContentError(f"{shown}/{error.message}", line) from None
    return Picture(file, str(alt).strip(), width, height, view_box, body)
