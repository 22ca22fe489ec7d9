"""The printable PDFs, rendered with WeasyPrint: the two-page handout to keep by the bed, and the other
documents drawn the same way (documents.py: the large-print handout and the cramp diary).

Each has its own HTML template and print stylesheet (`templates/handout/`), never a scraped site page,
and none reads Markdown: they render the project model (`content.py`), the same data the pages render.

One PDF per paper size (A4 and US Letter); each must fit on its `max_pages`. Every PDF is PDF/UA-1
(tagged, language and title set), uses only the committed Atkinson Hyperlegible font (OFL), and is
byte-identical between two builds of one commit (`SOURCE_DATE_EPOCH`, no dates in the metadata).

WeasyPrint's own warnings and errors (a missing `lang`, an image without `alt`, a CSS mistake) are
forwarded to the MkDocs logger, so `mkdocs build --strict` fails on them; any exception becomes a
`HandoutError` whose message starts with the file to fix.
"""

from __future__ import annotations

import shutil
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from legcramps.handout.cache import HandoutCache
from legcramps.handout.content import HandoutContent, HandoutError, template_context
from legcramps.handout.logs import forward_weasyprint_logs
from legcramps.handout.templates import rel, render_html
from legcramps.handout.weasyprint_messages import IMPORT_DUPLICATE, is_notice
from legcramps.model.handout_plan import HANDOUT_PLAN_FILE
from legcramps.model.paper import PAPER_MM, PAPER_NAMES, PAPERS, PDF_PATH, STYLESHEET, TEMPLATE, TEMPLATE_DIR

MAX_PAGES = 2
LOGGER_NAME = "mkdocs.plugins.leg_cramps.handout"
CSS_PX_PER_MM = 96 / 25.4


# ---------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class PdfJob:
    """What WeasyPrint needs to draw one document's PDFs: plain data, so a worker process can take it (worker.py)."""

    html: str
    papers: tuple[str, ...]  # the papers to draw (not found in the cache)
    template_dir: Path
    max_pages: int | None  # None: as many pages as the content needs
    too_long: str  # the one line when a paper needs more than max_pages: {pages}, {paper}, {max_pages}
    template: str = TEMPLATE
    stylesheet: str = STYLESHEET
    landscape: bool = False
    # Laid out once, on the area both papers share (the narrower width, the shorter height), then written
    # on each paper with the margin the larger paper adds at the right or bottom: A4 and US Letter break
    # on the same lines and pages, and the layout is done once.
    one_layout: bool = False
    logger_name: str = LOGGER_NAME

    def recipe(self) -> str:
        """How the HTML becomes a PDF, for the cache key."""
        return f"{self.template} {self.stylesheet} {self.max_pages} landscape={self.landscape} one={self.one_layout}"


@dataclass(frozen=True)
class HandoutPlan:
    """One document's HTML, the PDFs the cache already has, and the job that draws the others."""

    pdfs: dict[str, bytes]
    cache_paths: dict[str, Path]
    job: PdfJob
    path: str = PDF_PATH  # where each paper's PDF goes in the site: {paper}


def plan_pdfs(job: PdfJob, path: str) -> HandoutPlan:
    """Look each of the job's papers up in the cache; the job keeps the papers left to draw."""
    unknown = [paper for paper in job.papers if paper not in PAPERS]
    if unknown:
        where = rel(job.template_dir / job.template)
        raise HandoutError(f"{where}: unknown paper size {unknown[0]!r} (use one of: {', '.join(PAPERS)})")
    cache = HandoutCache.from_environment()
    cache_paths = cache.pdf_paths(job.html, job.papers, job.template_dir, job.max_pages or 0, job.recipe()) if cache else {}
    pdfs = {paper: found for paper, path in cache_paths.items() if (found := HandoutCache.read(path)) is not None}
    return HandoutPlan(pdfs, cache_paths, replace(job, papers=tuple(p for p in job.papers if p not in pdfs)), path)


def plan_handouts(
    content: HandoutContent, papers: tuple[str, ...], *, template_dir: Path = TEMPLATE_DIR, max_pages: int = MAX_PAGES,
) -> HandoutPlan:
    """The two-page handout: render the HTML (template mistakes stop here) and look each paper up in the cache."""
    template_dir = template_dir.resolve()
    html = render_html(template_dir, TEMPLATE, template_context(content), content)
    last = content.strategies[-1].src_path if content.strategies else "a strategy"
    too_long = (f"{HANDOUT_PLAN_FILE}: the handout is {{pages}} pages on {{paper}} paper and must fit on {{max_pages}}: "
                "shorten what it prints: the warning signs (every sign in warning-signs.yml is printed), a "
                f"strategy's description, or take {last} (or another strategy) out of 'strategies'")
    return plan_pdfs(PdfJob(html, papers, template_dir, max_pages, too_long, one_layout=True), PDF_PATH)


def keep_in_cache(plan: HandoutPlan, drawn: dict[str, bytes], new_messages: set[str]) -> None:
    """Keep the newly drawn PDFs for the next build, unless WeasyPrint warned about them."""
    if plan.cache_paths and not any(not is_notice(line) for line in new_messages):
        for paper, pdf in drawn.items():
            HandoutCache.write(plan.cache_paths[paper], pdf)


def render_handout(content: HandoutContent, paper: str, **options: Any) -> bytes:
    """Render the handout on one paper size ('a4' or 'letter') and return the PDF's bytes."""
    return render_handouts(content, (paper,), **options)[paper]


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
    plan = plan_handouts(content, papers, template_dir=template_dir, max_pages=max_pages)
    plan = replace(plan, job=replace(plan.job, logger_name=logger_name))
    return {**plan.pdfs, **draw_missing(plan, set() if reported is None else reported)}


def draw_missing(plan: HandoutPlan, reported: set[str]) -> dict[str, bytes]:
    """Draw in this process the PDFs the cache did not have, and keep them there unless WeasyPrint warned."""
    if not plan.job.papers:
        return {}
    reported_before = set(reported)
    drawn = draw_pdfs(plan.job, reported)
    keep_in_cache(plan, drawn, reported - reported_before)
    return drawn


# ---------------------------------------------------------------------------- drawing


def import_weasyprint() -> None:
    """Load WeasyPrint (about 0.35 s), quietly: the machine notice says what matters once."""
    with warnings.catch_warnings():  # see weasyprint_messages.py
        warnings.filterwarnings("ignore", IMPORT_DUPLICATE, DeprecationWarning)
        import weasyprint  # noqa: F401


def _size_mm(job: PdfJob, paper: str | None) -> tuple[float, float]:
    """The page (width, height) in mm: the paper's, or with no paper the area every paper holds."""
    width, height = PAPER_MM[paper] if paper else (min(w for w, _ in PAPER_MM.values()), min(h for _, h in PAPER_MM.values()))
    return (height, width) if job.landscape else (width, height)


def draw_pdfs(job: PdfJob, reported: set[str]) -> dict[str, bytes]:
    """WeasyPrint draws the job's papers. Its messages go to `job.logger_name`, each once per `reported`."""
    import_weasyprint()
    from weasyprint import CSS, HTML, URLFetcher
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    template_path = job.template_dir / job.template
    stylesheet_path = job.template_dir / job.stylesheet
    # Only the committed template files and data: URIs, never the network; a missing file stops it.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    stage = stylesheet_path  # the file a failure is reported against
    pdfs: dict[str, bytes] = {}
    fonts = FontConfiguration()  # the stylesheet's @font-face rules load the committed font files
    try:
        with forward_weasyprint_logs(stylesheet_path, job.logger_name, reported):
            stylesheet = CSS(filename=str(stylesheet_path), url_fetcher=fetcher, font_config=fonts)
        stage = template_path
        source = HTML(string=job.html, base_url=job.template_dir.as_uri() + "/", url_fetcher=fetcher)

        def laid_out(paper: str | None) -> Any:
            size = PAPERS[paper] + (" landscape" if job.landscape else "") if paper else "{}mm {}mm".format(*_size_mm(job, None))
            with forward_weasyprint_logs(template_path, job.logger_name, reported):
                page_size = CSS(string=f"@page {{ size: {size}; }}")
                document = source.render(stylesheets=[stylesheet, page_size], font_config=fonts, pdf_variant="pdf/ua-1")
            pages = len(document.pages)
            if job.max_pages is not None and pages > job.max_pages:
                shown = PAPER_NAMES[paper] if paper else " and ".join(PAPER_NAMES[p] for p in job.papers)
                raise HandoutError(job.too_long.format(pages=pages, paper=shown, max_pages=job.max_pages))
            return document

        shared = laid_out(None) if job.one_layout else None
        for paper in job.papers:
            document = laid_out(paper) if shared is None else shared
            if shared is not None:  # the same pages, on this paper: the extra width or height is margin
                width, height = _size_mm(job, paper)
                for page in document.pages:
                    page.width, page.height = width * CSS_PX_PER_MM, height * CSS_PX_PER_MM
            with forward_weasyprint_logs(template_path, job.logger_name, reported):
                pdfs[paper] = document.write_pdf(pdf_variant="pdf/ua-1")
        return pdfs
    except HandoutError:
        raise
    except (Exception, FatalURLFetchingError) as error:  # WeasyPrint, fonts, images: one line, one file
        detail = " ".join(str(error).split())[:200]
        raise HandoutError(
            f"{rel(stage)}: WeasyPrint could not make the PDF: {type(error).__name__}: {detail}"
        ) from None
    finally:
        _remove_font_files(fonts)


def _remove_font_files(fonts: Any) -> None:
    """Delete the copies of the font files WeasyPrint made for this document. It deletes them itself
    only when the configuration is garbage-collected, which a worker process exits without doing: each
    build in a worker left three folders of fonts (236 KB each) in the system's temporary folder."""
    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
