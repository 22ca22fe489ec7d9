"""Convert the handout's fonts from the npm package's WOFF2 files to the TTF files the repo keeps.

WeasyPrint reads TTF directly; WOFF2 it first decompresses with fontTools in pure Python on every
render (about 0.3 s for the set). The glyphs are the same: this only changes the container, which
the SIL Open Font License allows. Output is byte-stable (no new timestamps).

    npm pack @fontsource/atkinson-hyperlegible && tar xzf fontsource-atkinson-hyperlegible-*.tgz
    .venv/bin/python -m tools.handout_fonts package/files
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "templates" / "handout" / "fonts"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FONTS
    for source in sorted(folder.glob("atkinson-hyperlegible-latin*-[47]00-*.woff2")):
        font = TTFont(source, recalcTimestamp=False)
        font.flavor = None
        target = FONTS / source.with_suffix(".ttf").name
        font.save(target, reorderTables=True)
        print(f"{source.name} -> {target.name} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
