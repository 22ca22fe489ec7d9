"""The printable PDF handout: a two-page sheet to keep by the bed, rendered with WeasyPrint.

The handout has its own HTML template and print stylesheet (`templates/handout/`), never a scraped
site page, and it never reads Markdown: it renders the project model (`handout_content.py`), the
same data the pages render.

One PDF per paper size (A4 and US Letter); each must fit on `MAX_PAGES` pages. The PDF is PDF/UA-1
(tagged, language and title set), uses only the committed Atkinson Hyperlegible font (OFL), and is
byte-identical between two builds of one commit (`SOURCE_DATE_EPOCH`, no dates in the metadata).

WeasyPrint's own warnings and errors (a missing `lang`, an image without `alt`, a CSS mistake) are
forwarded to the MkDocs logger, so `mkdocs build --strict` fails on them; any exception becomes a
`HandoutError` whose message starts with the file to fix.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from legcramps.handout_cache import HandoutCache
from legcramps.handout_content import HandoutContent, HandoutError, collect_content, template_context
from legcramps.handout_logs import forward_weasyprint_logs
from legcramps.handout_plan import HANDOUT_PLAN_FILE
from legcramps.paper import PAPER_NAMES, PAPERS, PDF_PATH, PREVIEW_GREYS, PREVIEW_PATH, PREVIEW_WIDTH, paper_order
from legcramps.project import Project
from legcramps.weasyprint_messages import IMPORT_DUPLICATE, is_notice

TEMPLATE_DIR = Path("templates") / "handout"  # relative to the project root
TEMPLATE = "handout.html"
STYLESHEET = "handout.css"
MAX_PAGES = 2
LOGGER_NAME = "mkdocs.plugins.leg_cramps.handout"

@dataclass(frozen=True)
class OutputFile:
    path: str  # inside the site, e.g. handout/leg-cramps-handout-a4.pdf
    content: bytes


@dataclass(frozen=True)
class Handout:
    files: tuple[OutputFile, ...]
    links: dict[str, Any] = field(default_factory=dict)  # for the templates: config.extra.handout


def _rel(path: Path) -> str:
    """A path as an editor knows it: relative to the project root (the working directory)."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------- rendering


def render_handout(content: HandoutContent, paper: str, **options: Any) -> bytes:
    """Render the handout on one paper size ('a4' or 'letter') and return the PDF's bytes."""
    return render_handouts(content, (paper,), **options)[paper]


def _html(content: HandoutContent, template_dir: Path) -> str:
    where = _rel(template_dir / TEMPLATE)
    if not content.site_url.startswith(("http://", "https://")):
        raise HandoutError(f"mkdocs.yml: site_url is needed for the handout's address and QR code, got {content.site_url!r}")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    try:
        return content.spelling.html(environment.get_template(TEMPLATE).render(template_context(content)))
    except jinja2.TemplateSyntaxError as error:
        raise HandoutError(f"{where}:{error.lineno}: template syntax error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise HandoutError(f"{where}: template not found ({error.name})") from None
    except jinja2.TemplateError as error:
        raise HandoutError(f"{where}: template error: {error}") from None


def render_handouts(
    content: HandoutContent,
    papers: tuple[str, ...],
    *,
    template_dir: Path = TEMPLATE_DIR,
    logger_name: str = LOGGER_NAME,
    max_pages: int = MAX_PAGES,
    reported: set[str] | None = None,
) -> dict[str, bytes]:
    """The handout on each paper size, as PDF bytes.

    The HTML is the same for every paper, so it is rendered once from the template; WeasyPrint parses
    the stylesheet and loads the fonts once for all papers (only the page size differs). A PDF whose
    inputs are unchanged comes from the cache (`HANDOUT_CACHE_DIR`) without importing WeasyPrint.
    WeasyPrint's warnings and errors go to the `logger_name` logger, each once per `reported` set.
    """
    reported = set() if reported is None else reported
    template_dir = template_dir.resolve()
    template_path = template_dir / TEMPLATE
    stylesheet_path = template_dir / STYLESHEET
    unknown = [paper for paper in papers if paper not in PAPERS]
    if unknown:
        raise HandoutError(f"{_rel(template_path)}: unknown paper size {unknown[0]!r} (use one of: {', '.join(PAPERS)})")
    html = _html(content, template_dir)
    pdfs: dict[str, bytes] = {}
    cache = HandoutCache.from_environment()
    cached = {paper: cache.pdf_path(html, paper, template_dir, max_pages) for paper in papers} if cache else {}
    for paper, path in cached.items():
        found = HandoutCache.read(path)
        if found is not None:
            pdfs[paper] = found
    missing = [paper for paper in papers if paper not in pdfs]
    if not missing:
        return pdfs
    reported_before = set(reported)
    with warnings.catch_warnings():  # the machine notice says it once; see weasyprint_messages.py
        warnings.filterwarnings("ignore", IMPORT_DUPLICATE, DeprecationWarning)
        from weasyprint import CSS, HTML, URLFetcher  # imported only when rendering: it takes 0.6 s
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    # Only the committed template files and data: URIs, never the network; a missing file stops it.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    stage = stylesheet_path  # the file a failure is reported against
    try:
        fonts = FontConfiguration()  # the stylesheet's @font-face rules load the committed font files
        with forward_weasyprint_logs(stylesheet_path, logger_name, reported):
            stylesheet = CSS(filename=str(stylesheet_path), url_fetcher=fetcher, font_config=fonts)
        stage = template_path
        source = HTML(string=html, base_url=template_dir.as_uri() + "/", url_fetcher=fetcher)
        for paper in missing:
            with forward_weasyprint_logs(template_path, logger_name, reported):
                page_size = CSS(string=f"@page {{ size: {PAPERS[paper]}; }}")
                document = source.render(stylesheets=[stylesheet, page_size], font_config=fonts, pdf_variant="pdf/ua-1")
                pages = len(document.pages)
                if pages > max_pages:
                    last = content.strategies[-1].src_path if content.strategies else "a strategy"
                    raise HandoutError(
                        f"{HANDOUT_PLAN_FILE}: the handout is {pages} pages on {PAPER_NAMES[paper]} paper and must fit on "
                        f"{max_pages}: take {last} (or another strategy) out of 'strategies', or shorten a description"
                    )
                pdfs[paper] = document.write_pdf(pdf_variant="pdf/ua-1")
        warned = any(not is_notice(line) for line in reported - reported_before)
        if cached and not warned:  # never keep a PDF that warned
            for paper in missing:
                HandoutCache.write(cached[paper], pdfs[paper])
        return pdfs
    except HandoutError:
        raise
    except (Exception, FatalURLFetchingError) as error:  # WeasyPrint, fonts, images: one line, one file
        detail = " ".join(str(error).split())[:200]
        raise HandoutError(
            f"{_rel(stage)}: WeasyPrint could not make the PDF: {type(error).__name__}: {detail}"
        ) from None


def preview_png(pdf: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    """Page 1 of the PDF as a greyscale PNG, for the handout page (from the cache when it has it)."""
    cache = HandoutCache.from_environment()
    path = cache.preview_path(pdf, width, PREVIEW_GREYS) if cache else None
    found = HandoutCache.read(path) if path else None
    if found is not None:
        return found
    image = _draw_preview(pdf, width)
    if path:
        HandoutCache.write(path, image)
    return image


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


def build_handout(project: Project) -> Handout:
    """Both PDFs and the preview image, with what the site's templates need to link to them."""
    content = collect_content(project)
    template_dir = project.settings.root / TEMPLATE_DIR
    files: list[OutputFile] = []
    pdfs: list[dict[str, Any]] = []
    reported: set[str] = set()
    order = paper_order(content.care)
    rendered = render_handouts(content, order, template_dir=template_dir, reported=reported)
    for paper in order:  # the country's own paper first: the preview shows it
        pdf = rendered[paper]
        path = PDF_PATH.format(paper=paper)
        files.append(OutputFile(path, pdf))
        pdfs.append({"paper": content.words.handout[f"paper_{paper}"], "path": path, "size_kb": max(1, round(len(pdf) / 1024))})
    try:
        preview = preview_png(files[0].content)
    except Exception as error:
        raise HandoutError(f"{_rel(template_dir / TEMPLATE)}: could not draw the preview image: {error}") from None
    files.append(OutputFile(PREVIEW_PATH, preview))
    links = {"pdfs": pdfs, "preview": PREVIEW_PATH, "reviewed": content.words.long_date(content.reviewed)}
    return Handout(files=tuple(files), links=links)
