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

import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from legcramps.handout.cache import HandoutCache
from legcramps.handout.content import HandoutContent, HandoutError, template_context
from legcramps.handout.logs import forward_weasyprint_logs
from legcramps.handout.weasyprint_messages import IMPORT_DUPLICATE, is_notice
from legcramps.model.handout_plan import HANDOUT_PLAN_FILE
from legcramps.model.paper import PAPER_NAMES, PAPERS, PDF_PATH, PREVIEW_PATH, STYLESHEET, TEMPLATE, TEMPLATE_DIR

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


@dataclass(frozen=True)
class PdfJob:
    """What WeasyPrint needs to draw the PDFs: plain data, so a worker process can take it (handout_worker.py)."""

    html: str
    papers: tuple[str, ...]  # the papers to draw (not found in the cache)
    template_dir: Path
    max_pages: int
    last_strategy: str  # named when the handout is too long
    logger_name: str = LOGGER_NAME


@dataclass(frozen=True)
class HandoutPlan:
    """The handout's HTML, the PDFs the cache already has, and the job that draws the others."""

    pdfs: dict[str, bytes]
    cache_paths: dict[str, Path]
    job: PdfJob


def plan_handouts(
    content: HandoutContent, papers: tuple[str, ...], *, template_dir: Path = TEMPLATE_DIR, max_pages: int = MAX_PAGES,
) -> HandoutPlan:
    """Render the HTML (template mistakes stop here) and look each paper's PDF up in the cache."""
    template_dir = template_dir.resolve()
    unknown = [paper for paper in papers if paper not in PAPERS]
    if unknown:
        where = _rel(template_dir / TEMPLATE)
        raise HandoutError(f"{where}: unknown paper size {unknown[0]!r} (use one of: {', '.join(PAPERS)})")
    html = _html(content, template_dir)
    cache = HandoutCache.from_environment()
    cache_paths = cache.pdf_paths(html, papers, template_dir, max_pages) if cache else {}
    pdfs = {paper: found for paper, path in cache_paths.items() if (found := HandoutCache.read(path)) is not None}
    last = content.strategies[-1].src_path if content.strategies else "a strategy"
    job = PdfJob(html, tuple(paper for paper in papers if paper not in pdfs), template_dir, max_pages, last)
    return HandoutPlan(pdfs, cache_paths, job)


def keep_in_cache(plan: HandoutPlan, drawn: dict[str, bytes], new_messages: set[str]) -> None:
    """Keep the newly drawn PDFs for the next build, unless WeasyPrint warned about them."""
    if plan.cache_paths and not any(not is_notice(line) for line in new_messages):
        for paper, pdf in drawn.items():
            HandoutCache.write(plan.cache_paths[paper], pdf)


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


def import_weasyprint() -> None:
    """Load WeasyPrint (about 0.35 s), quietly: the machine notice says what matters once."""
    with warnings.catch_warnings():  # see weasyprint_messages.py
        warnings.filterwarnings("ignore", IMPORT_DUPLICATE, DeprecationWarning)
        import weasyprint  # noqa: F401


def draw_pdfs(job: PdfJob, reported: set[str]) -> dict[str, bytes]:
    """WeasyPrint draws the job's papers. Its messages go to `job.logger_name`, each once per `reported`."""
    import_weasyprint()
    from weasyprint import CSS, HTML, URLFetcher
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    template_path = job.template_dir / TEMPLATE
    stylesheet_path = job.template_dir / STYLESHEET
    # Only the committed template files and data: URIs, never the network; a missing file stops it.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    stage = stylesheet_path  # the file a failure is reported against
    pdfs: dict[str, bytes] = {}
    try:
        fonts = FontConfiguration()  # the stylesheet's @font-face rules load the committed font files
        with forward_weasyprint_logs(stylesheet_path, job.logger_name, reported):
            stylesheet = CSS(filename=str(stylesheet_path), url_fetcher=fetcher, font_config=fonts)
        stage = template_path
        source = HTML(string=job.html, base_url=job.template_dir.as_uri() + "/", url_fetcher=fetcher)
        for paper in job.papers:
            with forward_weasyprint_logs(template_path, job.logger_name, reported):
                page_size = CSS(string=f"@page {{ size: {PAPERS[paper]}; }}")
                document = source.render(stylesheets=[stylesheet, page_size], font_config=fonts, pdf_variant="pdf/ua-1")
                pages = len(document.pages)
                if pages > job.max_pages:
                    raise HandoutError(
                        f"{HANDOUT_PLAN_FILE}: the handout is {pages} pages on {PAPER_NAMES[paper]} paper and must fit on "
                        f"{job.max_pages}: take {job.last_strategy} (or another strategy) out of 'strategies', "
                        "or shorten a description"
                    )
                pdfs[paper] = document.write_pdf(pdf_variant="pdf/ua-1")
        return pdfs
    except HandoutError:
        raise
    except (Exception, FatalURLFetchingError) as error:  # WeasyPrint, fonts, images: one line, one file
        detail = " ".join(str(error).split())[:200]
        raise HandoutError(
            f"{_rel(stage)}: WeasyPrint could not make the PDF: {type(error).__name__}: {detail}"
        ) from None


def size_kb(pdf: bytes) -> int:
    """The size a reader is told before downloading: whole kilobytes, at least 1."""
    return max(1, round(len(pdf) / 1024))


def handout_links(content: HandoutContent, order: tuple[str, ...], sizes: dict[str, Any]) -> dict[str, Any]:
    """What the site's templates link to (config.extra.handout): each PDF with its size, and the preview."""
    pdfs = [{"paper": content.words.handout[f"paper_{paper}"], "path": PDF_PATH.format(paper=paper), "size_kb": sizes[paper]}
            for paper in order]
    return {"pdfs": pdfs, "preview": PREVIEW_PATH, "reviewed": content.words.long_date(content.reviewed)}


def site_paths(order: tuple[str, ...]) -> tuple[str, ...]:
    """The handout's files in the site: the PDFs, the country's paper first, then the preview."""
    return (*(PDF_PATH.format(paper=paper) for paper in order), PREVIEW_PATH)


def assemble_handout(content: HandoutContent, order: tuple[str, ...], pdfs: dict[str, bytes], preview: bytes) -> Handout:
    """The site's files and the links to them."""
    contents = [*(pdfs[paper] for paper in order), preview]
    files = tuple(OutputFile(path, data) for path, data in zip(site_paths(order), contents, strict=True))
    return Handout(files, handout_links(content, order, {paper: size_kb(pdfs[paper]) for paper in order}))
