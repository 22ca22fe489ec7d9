"""The handout page's picture of the handout: page 1 of the PDF as a small greyscale PNG."""

from __future__ import annotations

import io

from legcramps.handout.cache import HandoutCache
from legcramps.handout.content import HandoutError
from legcramps.model.paper import PREVIEW_GREYS, PREVIEW_WIDTH, TEMPLATE, TEMPLATE_DIR


def preview_png(pdf: bytes, width: int = PREVIEW_WIDTH, drawn: bytes | None = None) -> bytes:
    """Page 1 of the PDF as a greyscale PNG, for the handout page (from the cache when it has it).

    `drawn` is the same image already drawn by the handout's worker process; it is kept in the cache.
    """
    cache = HandoutCache.from_environment()
    path = cache.preview_path(pdf, width, PREVIEW_GREYS) if cache else None
    found = HandoutCache.read(path) if path and drawn is None else None
    if found is not None:
        return found
    image = drawn if drawn is not None else draw_preview(pdf, width)
    if path:
        HandoutCache.write(path, image)
    return image


def draw_preview(pdf: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    try:
        return _draw_preview(pdf, width)
    except Exception as error:
        raise HandoutError(f"{(TEMPLATE_DIR / TEMPLATE).as_posix()}: could not draw the preview image: {error}") from None


def _draw_preview(pdf: bytes, width: int) -> bytes:
    import pypdfium2  # imported only when drawing: with PIL, about 0.1 s

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = width / page.get_width()
        image = page.render(scale=scale, grayscale=True).to_pil()
        buffer = io.BytesIO()
        image.convert("L").quantize(PREVIEW_GREYS).save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()


