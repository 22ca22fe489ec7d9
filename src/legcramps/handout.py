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

import hashlib
import io
from importlib import metadata
import logging
import os
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import jinja2
import segno

from legcramps.callouts import Tier, tiers
from legcramps.care import CareSettings
from legcramps.handout_content import HandoutContent, HandoutError, collect_content
from legcramps.handout_plan import HANDOUT_PLAN_FILE
from legcramps.project import Project
from legcramps.words import TIER_KEYS
from legcramps.weasyprint_messages import IMPORT_DUPLICATE, Kind, classify, is_notice, machine_notice

TEMPLATE_DIR = Path("templates") / "handout"  # relative to the project root
TEMPLATE = "handout.html"
STYLESHEET = "handout.css"
MAX_PAGES = 2
LOGGER_NAME = "mkdocs.plugins.leg_cramps.handout"
# `make serve` sets this so an edit that leaves the handout unchanged skips WeasyPrint. Production
# builds (`make build`, CI) leave it unset and always render afresh.
CACHE_VARIABLE = "HANDOUT_CACHE_DIR"

# CSS page sizes, and where each PDF goes in the site.
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}
PAPER_NAMES: dict[str, str] = {"a4": "A4", "letter": "US Letter"}
PDF_PATH = "handout/leg-cramps-handout-{paper}.pdf"
PREVIEW_PATH = "handout/leg-cramps-handout-preview.png"
PREVIEW_WIDTH = 480  # pixels: 1.5x the 320 px it is shown at
PREVIEW_GREYS = 4  # grey levels; keeps the handout page within its 100 KB first-visit budget
# Countries whose printers hold US Letter paper; every other country gets A4 first.
LETTER_COUNTRIES = frozenset(
    {"United States", "USA", "Canada", "Mexico", "Philippines", "Chile", "Colombia", "Venezuela",
     "Guatemala", "Costa Rica", "Dominican Republic", "Puerto Rico", "Panama"}
)


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


# ---------------------------------------------------------------------------- content


# ---------------------------------------------------------------------------- rendering


def qr_code(url: str) -> str:
    """A QR code for the address, as an SVG data URI (black on white, vector, selectable alt)."""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=4, dark="#000", light="#fff")


_DATA_URI = re.compile(r"data:[^\s\"')]{40,}")


class _Forward(logging.Handler):
    """Re-log WeasyPrint's warnings and errors on the MkDocs logger, naming the file to fix.

    A message about the machine (a missing optional library) becomes one INFO notice instead.
    """

    def __init__(self, where: str, target: logging.Logger, seen: set[str]) -> None:
        super().__init__(logging.WARNING)
        self.where = where
        self.target = target
        self.seen = seen  # the same mistake on both paper sizes is reported once

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(_DATA_URI.sub(lambda m: m.group(0)[:30] + "...", record.getMessage()).split())
        if classify(message, record.levelno) is Kind.MACHINE:  # the rule: weasyprint_messages.py
            line, level = machine_notice(message), logging.INFO
        else:
            line, level = f"{self.where}: WeasyPrint: {message}", record.levelno
        if line not in self.seen:
            self.seen.add(line)
            self.target.log(level, "%s", line)


@contextmanager
def _forward_weasyprint_logs(where: Path, logger_name: str, seen: set[str]) -> Iterator[None]:
    source = logging.getLogger("weasyprint")
    handler = _Forward(_rel(where), logging.getLogger(logger_name), seen)
    level = source.level
    if level == logging.NOTSET or level > logging.WARNING:
        source.setLevel(logging.WARNING)
    source.addHandler(handler)
    try:
        yield
    finally:
        source.removeHandler(handler)
        source.setLevel(level)


def _template_context(content: HandoutContent) -> dict[str, Any]:
    words, site_url = content.words, content.site_url
    table: dict[str, Tier] = tiers(content.care, words)
    return {
        "site_name": content.site_name,
        "site_url": site_url,
        "site_address": re.sub(r"^https?://", "", site_url).rstrip("/"),
        "qr_code": qr_code(site_url),
        "steps": content.steps,
        "notes": content.notes,
        "strategies": [
            {"title": meta.title, "description": meta.description, "grade": words.grades[str(meta.grade)]}
            for meta in content.strategies
        ],
        "tiers": [{"tier": table[key], "signs": content.signs[key]} for key in TIER_KEYS],
        "care": content.care,
        "sources": [
            {
                "source": source,
                "where": source.journal or source.publisher,
                "href": source.links()[0][1],
                "address": re.sub(r"^https://(www\.)?", "", source.links()[0][1]).rstrip("/"),
            }
            for source in content.sources
        ],
        "reviewed": words.long_date(content.reviewed),
        "reviewed_iso": content.reviewed.isoformat(),
    }


def _cache_path(html: str, paper: str, template_dir: Path, max_pages: int) -> Path | None:
    """Where a PDF rendered from exactly these inputs is kept, or None when caching is off."""
    folder = os.environ.get(CACHE_VARIABLE)
    if not folder:
        return None
    digest = hashlib.sha256()
    for part in (metadata.version("weasyprint"), paper, str(max_pages), os.environ.get("SOURCE_DATE_EPOCH", ""), html):
        digest.update(part.encode() + b"\0")
    for path in sorted(p for p in template_dir.rglob("*") if p.is_file()):  # stylesheet and fonts
        digest.update(path.relative_to(template_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return Path(folder) / f"{digest.hexdigest()}.pdf"


def render_handout(
    content: HandoutContent,
    paper: str,
    *,
    template_dir: Path = TEMPLATE_DIR,
    logger_name: str = LOGGER_NAME,
    max_pages: int = MAX_PAGES,
    reported: set[str] | None = None,
) -> bytes:
    """Render the handout on one paper size ('a4' or 'letter') and return the PDF's bytes.

    WeasyPrint's warnings and errors go to the `logger_name` logger, each once per `reported` set.
    """
    reported = set() if reported is None else reported
    template_dir = template_dir.resolve()
    template_path = template_dir / TEMPLATE
    stylesheet_path = template_dir / STYLESHEET
    where = _rel(template_path)
    if paper not in PAPERS:
        raise HandoutError(f"{where}: unknown paper size {paper!r} (use one of: {', '.join(PAPERS)})")
    if not content.site_url.startswith(("http://", "https://")):
        raise HandoutError(f"mkdocs.yml: site_url is needed for the handout's address and QR code, got {content.site_url!r}")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    try:
        html = environment.get_template(TEMPLATE).render(
            _template_context(content), paper=PAPER_NAMES[paper]
        )
    except jinja2.TemplateSyntaxError as error:
        raise HandoutError(f"{where}:{error.lineno}: template syntax error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise HandoutError(f"{where}: template not found ({error.name})") from None
    except jinja2.TemplateError as error:
        raise HandoutError(f"{where}: template error: {error}") from None
    cached = _cache_path(html, paper, template_dir, max_pages)
    if cached is not None and cached.is_file():
        return cached.read_bytes()
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
        with _forward_weasyprint_logs(stylesheet_path, logger_name, reported):
            stylesheets = [
                CSS(filename=str(stylesheet_path), url_fetcher=fetcher, font_config=fonts),
                CSS(string=f"@page {{ size: {PAPERS[paper]}; }}"),
            ]
        stage = template_path
        with _forward_weasyprint_logs(template_path, logger_name, reported):
            document = HTML(
                string=html, base_url=template_dir.as_uri() + "/", url_fetcher=fetcher
            ).render(stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/ua-1")
            pages = len(document.pages)
            if pages > max_pages:
                last = content.strategies[-1].src_path if content.strategies else "a strategy"
                raise HandoutError(
                    f"{HANDOUT_PLAN_FILE}: the handout is {pages} pages on {PAPER_NAMES[paper]} paper and must fit on "
                    f"{max_pages}: take {last} (or another strategy) out of 'strategies', or shorten a description"
                )
            pdf = document.write_pdf(pdf_variant="pdf/ua-1")
        warned = any(not is_notice(line) for line in reported - reported_before)
        if cached is not None and not warned:  # never keep a PDF that warned
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(".tmp")
            partial.write_bytes(pdf)
            partial.replace(cached)
        return pdf
    except HandoutError:
        raise
    except (Exception, FatalURLFetchingError) as error:  # WeasyPrint, fonts, images: one line, one file
        detail = " ".join(str(error).split())[:200]
        raise HandoutError(
            f"{_rel(stage)}: WeasyPrint could not make the PDF: {type(error).__name__}: {detail}"
        ) from None


def preview_png(pdf: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    """Page 1 of the PDF as a greyscale PNG, for the handout page."""
    import pypdfium2

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


def paper_order(care: CareSettings) -> tuple[str, ...]:
    """The paper sizes, the one the configured country uses first."""
    return ("letter", "a4") if care.country in LETTER_COUNTRIES else ("a4", "letter")


def build_handout(project: Project) -> Handout:
    """Both PDFs and the preview image, with what the site's templates need to link to them."""
    content = collect_content(project)
    template_dir = project.settings.root / TEMPLATE_DIR
    files: list[OutputFile] = []
    pdfs: list[dict[str, Any]] = []
    reported: set[str] = set()
    for paper in paper_order(content.care):
        pdf = render_handout(content, paper, template_dir=template_dir, reported=reported)
        path = PDF_PATH.format(paper=paper)
        files.append(OutputFile(path, pdf))
        pdfs.append({"paper": PAPER_NAMES[paper], "path": path, "size_kb": max(1, round(len(pdf) / 1024))})
    try:
        preview = preview_png(files[0].content)
    except Exception as error:
        raise HandoutError(f"{_rel(template_dir / TEMPLATE)}: could not draw the preview image: {error}") from None
    files.append(OutputFile(PREVIEW_PATH, preview))
    links = {"pdfs": pdfs, "preview": PREVIEW_PATH, "reviewed": content.words.long_date(content.reviewed)}
    return Handout(files=tuple(files), links=links)
