"""Make the site's app icons and sharing image: `python -m tools.make_images` from the project root (then commit the PNGs).

The images are drawn here with Pillow (installed with WeasyPrint), never downloaded, so anyone can
remake them. The mark is a lower leg with the toes pulled up toward the shin: the calf stretch that
stops most cramps. The sharing card takes its words from `site_name` and `site_description` in
mkdocs.yml and sets them in the handout's committed font (Atkinson Hyperlegible, SIL OFL 1.1).
`tests/test_images.py` checks that the committed files are what this script makes.
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "docs" / "assets" / "icons"
CARD = ROOT / "docs" / "assets" / "social" / "card.png"
FONTS = ROOT / "templates" / "handout" / "fonts"

INDIGO = (64, 81, 181)  # Material's indigo primary (#4051b5): the site's header
WHITE = (255, 255, 255)
SCALE = 4  # draw large, then shrink: smooth edges without an anti-aliasing library

# The mark in a 1 x 1 box: the outline of shin, heel and foot with the toes raised, smoothed through
# these points; then an arrow curving from above the toes toward the shin (the pull of the stretch).
LEG = [
    (0.58, 0.02), (0.58, 0.62), (0.64, 0.68), (0.80, 0.60), (0.92, 0.58), (0.94, 0.68),
    (0.80, 0.82), (0.58, 0.93), (0.40, 0.95), (0.30, 0.88), (0.32, 0.74), (0.27, 0.58),
    (0.20, 0.40), (0.22, 0.20), (0.30, 0.02),
]
ARROW_CENTRE, ARROW_RADIUS = (0.86, 0.44), 0.20
ARROW_FROM, ARROW_TO = 345, 205  # degrees, clockwise from three o'clock; drawn from right to left
ARROW_WIDTH = 0.055


def smooth(points: list[tuple[float, float]], steps: int = 12) -> list[tuple[float, float]]:
    """A closed Catmull-Rom curve through the points."""
    curve: list[tuple[float, float]] = []
    count = len(points)
    for i in range(count):
        p0, p1, p2, p3 = (points[(i + k) % count] for k in (-1, 0, 1, 2))
        for step in range(steps):
            t = step / steps
            x, y = (
                0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t**2 + (3 * b - a - 3 * c + d) * t**3)
                for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
            )
            curve.append((x, y))
    return curve


def draw_mark(draw: ImageDraw.ImageDraw, left: float, top: float, size: float, colour: tuple[int, int, int]) -> None:
    """The mark in the square (left, top, size) of the image being drawn."""

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x * size, top + y * size

    draw.polygon([at(x, y) for x, y in smooth(LEG)], fill=colour)
    (cx, cy), r = ARROW_CENTRE, ARROW_RADIUS
    box = [at(cx - r, cy - r), at(cx + r, cy + r)]
    draw.arc(box, ARROW_TO, ARROW_FROM, fill=colour, width=round(size * ARROW_WIDTH))
    # The head at the arc's left end, pointing along the curve (down, toward the shin).
    angle = math.radians(ARROW_TO)
    tip_x, tip_y = cx + r * math.cos(angle), cy + r * math.sin(angle)
    dx, dy = math.sin(angle), -math.cos(angle)  # direction of travel, right to left over the top
    head, half = 0.12, 0.08
    draw.polygon(
        [
            at(tip_x + dx * head * 0.6, tip_y + dy * head * 0.6),
            at(tip_x - dx * head * 0.4 - dy * half, tip_y - dy * head * 0.4 + dx * half),
            at(tip_x - dx * head * 0.4 + dy * half, tip_y - dy * head * 0.4 - dx * half),
        ],
        fill=colour,
    )


def icon(size: int, *, maskable: bool) -> Image.Image:
    """A square app icon. A maskable icon fills the square and keeps the mark in the central safe
    circle (40% radius) that every launcher shape keeps; the plain one is a rounded square."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, big, big], fill=INDIGO)
        mark = big * 0.50
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.18, fill=INDIGO)
        mark = big * 0.68
    draw_mark(draw, (big - mark) / 2, (big - mark) / 2, mark, WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """One of the handout's committed fonts: never a font installed on the machine."""
    return ImageFont.truetype(str(FONTS / name), size * SCALE)


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=face) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def site_words() -> tuple[str, str]:
    """site_name and site_description from mkdocs.yml (its !ENV tags are not needed here)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    return str(config["site_name"]), str(config["site_description"])


def card() -> Image.Image:
    """The 1200 x 630 image that link previews show (Open Graph, Twitter cards)."""
    width, height = 1200 * SCALE, 630 * SCALE
    image = Image.new("RGB", (width, height), INDIGO)
    draw = ImageDraw.Draw(image)
    margin = 72 * SCALE
    mark = 300 * SCALE
    draw_mark(draw, width - margin - mark, (height - mark) / 2, mark, WHITE)
    name, description = site_words()
    title_face = font("atkinson-hyperlegible-latin-700-normal.ttf", 84)
    text_face = font("atkinson-hyperlegible-latin-400-normal.ttf", 44)
    text_width = width - 3 * margin - mark
    y = 150 * SCALE
    for line in wrap(draw, name, title_face, text_width):
        draw.text((margin, y), line, font=title_face, fill=WHITE)
        y += 100 * SCALE
    y += 30 * SCALE
    for line in wrap(draw, description, text_face, text_width):
        draw.text((margin, y), line, font=text_face, fill=WHITE)
        y += 60 * SCALE
    return image.resize((1200, 630), Image.Resampling.LANCZOS)


def images() -> dict[Path, Image.Image]:
    """Every image this script makes, by the path it is committed at."""
    return {
        ICONS / "icon-192.png": icon(192, maskable=False),
        ICONS / "icon-512.png": icon(512, maskable=False),
        ICONS / "icon-maskable-512.png": icon(512, maskable=True),
        ICONS / "apple-touch-icon.png": icon(180, maskable=True),  # iOS rounds the corners itself
        ICONS / "favicon-48.png": icon(48, maskable=False),
        CARD: card(),
    }


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    for path, image in images().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes(image))
        print(f"{path.relative_to(ROOT)}: {image.width} x {image.height}, {path.stat().st_size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
