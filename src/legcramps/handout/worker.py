"""Draw the handout in a second process while the site engine writes the pages.

WeasyPrint (import, layout, writing) is most of a cold build's time, and it needs nothing from the
pages: only the handout's HTML, which comes from the project model. On a machine with two or more
cores the MkDocs hooks start a worker process as the build starts (it loads WeasyPrint while the
checks run) and hand it the documents to draw once the HTML is known (the two-page handout, the large
print, the diary). The worker draws the handout and forks a helper, which starts with WeasyPrint
already loaded, for the other documents (one helper per spare core, at most one per document).
Pages written before they are done carry a stand-in for each PDF's size, filled in at the end of the
build with the handout's files.
The site is byte-identical to one whose handout is drawn in the build's own process.

WeasyPrint's messages are collected in the worker and logged by the build, so `--strict` still fails
on them; a handout mistake still stops the build with its one line. The worker is forked, so it is
used only while the build runs in one thread (not under `mkdocs serve`, whose handout comes from the
cache), only on Linux, and `HANDOUT_IN_PROCESS=1` turns it off (to profile a build in one process).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from legcramps.handout.cache import HandoutCache
from legcramps.handout.content import HandoutContent, HandoutError, collect_content
from legcramps.handout.documents import plan_documents
from legcramps.handout.pdf import HandoutPlan, PdfJob, draw_missing, draw_pdfs, import_weasyprint, keep_in_cache, plan_handouts
from legcramps.handout.preview import draw_preview, preview_png
from legcramps.handout.site_files import Handout, assemble_handout, handout_links, site_paths
from legcramps.model.paper import PREVIEW_PATH, TEMPLATE_DIR, paper_order, preview_size
from legcramps.model.project import Project
from legcramps.render.image_sizes import image_size

IN_PROCESS_VARIABLE = "HANDOUT_IN_PROCESS"
Messages = list[tuple[int, str]]
_SIZE_STAND_IN = "HANDOUT-SIZE-{paper}-KB"  # no word an edition's spelling changes

# One worker, started by the build's process; its helpers are forked from it after WeasyPrint is loaded.
# (A second worker started by the build's process loads WeasyPrint again, 0.4 to 0.9 s of CPU.)
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
_pool: ProcessPoolExecutor | None = None


def worker_allowed() -> bool:
    """A second process helps only with a second core, and forking is safe only with one thread."""
    if os.environ.get(IN_PROCESS_VARIABLE) or not sys.platform.startswith("linux"):
        return False  # forking is safe on Linux; elsewhere (macOS's system libraries) it can crash
    if _pool is not None:
        return True  # started before any other thread (its own manager thread is the one running now)
    if threading.active_count() > 1:
        return False
    return len(os.sched_getaffinity(0)) > 1


def _worker() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"))
    return _pool


def warm_up() -> None:
    """Start the worker loading WeasyPrint now, when the handout will surely be drawn (no cache)."""
    if worker_allowed() and HandoutCache.from_environment() is None:
        _worker().submit(import_weasyprint)


class _Collect(logging.Handler):
    def __init__(self, into: Messages) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append((record.levelno, record.getMessage()))


Drawn = tuple[dict[str, bytes], Messages, bytes | None]  # one job's PDFs, WeasyPrint's messages, the preview


def _draw(job: PdfJob, preview_paper: str | None) -> Drawn:
    """In a worker: the job's PDFs with WeasyPrint's messages about them, and for the two-page handout
    the preview of its `preview_paper` PDF."""
    target = logging.getLogger(job.logger_name)
    target.propagate = False  # the build counts warnings for --strict on its own logger, not on this copy
    messages: Messages = []
    target.handlers[:] = [_Collect(messages)]
    pdfs = draw_pdfs(job, set()) if job.papers else {}
    return pdfs, messages, draw_preview(pdfs[preview_paper]) if preview_paper in pdfs else None


def _draw_all(jobs: tuple[PdfJob, ...], preview_paper: str) -> list[Drawn]:
    """In the worker: the first document (the handout, with its preview) here, the others at the same time in
    helpers forked from this process now that it has loaded WeasyPrint (none when the cache had them)."""
    import_weasyprint()
    rest = [index for index, job in enumerate(jobs) if index and job.papers]
    helpers = min(len(rest), CORES - 1)
    if helpers < 1:
        return [_draw(job, preview_paper if index == 0 else None) for index, job in enumerate(jobs)]
    results: list[Drawn] = [({}, [], None) for _ in jobs]
    pool = ProcessPoolExecutor(max_workers=helpers, mp_context=get_context("fork"))
    try:
        later = {index: pool.submit(_draw, jobs[index], None) for index in rest}
        results[0] = _draw(jobs[0], preview_paper)
        for index, future in later.items():
            results[index] = future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results


@dataclass
class PendingHandout:
    """A handout being drawn; `result()` waits for it (at once when everything came from the cache)."""

    content: HandoutContent
    order: tuple[str, ...]
    plan: HandoutPlan  # the two-page handout
    others: tuple[HandoutPlan, ...] = ()  # the other documents (documents.py)
    future: Future[list[Drawn]] | None = None  # every plan's drawing, in the worker
    handout: Handout | None = None
    late_pages: list[str] = field(default_factory=list)  # written with stand-ins for the PDFs' sizes

    @property
    def plans(self) -> tuple[HandoutPlan, ...]:
        return (self.plan, *self.others)

    @property
    def paths(self) -> tuple[str, ...]:
        return site_paths(self.order, [plan.path for plan in self.others])

    @property
    def in_worker(self) -> bool:
        return self.handout is None and self.future is not None

    def ready(self) -> bool:
        """Whether `result()` would return without waiting for the workers."""
        return self.handout is not None or self.future is None or self.future.done()

    # While the worker draws, the pages are written with a stand-in for each PDF's size (the only thing
    # of the handout a page shows); `fill` puts the real sizes in, at once or after the build.
    def links(self) -> dict[str, Any]:
        if self.ready():
            return self.result().links
        return handout_links(self.content, self.order, {paper: _SIZE_STAND_IN.format(paper=paper) for paper in self.order})

    def page_written(self, output: str, dest: str) -> str:
        """A page as written: with the sizes when the handout is ready, else noted for `finish_site`."""
        if self.ready():
            return self.fill(output)
        if any(_SIZE_STAND_IN.format(paper=paper) in output for paper in self.order):
            self.late_pages.append(dest)
        return output

    def finish_site(self, site_dir: Path) -> Handout:
        """After the build: the handout's files in the site, and the real sizes in the pages noted."""
        handout = self.result()
        for output in handout.files:
            (site_dir / output.path).write_bytes(output.content)
        for dest in self.late_pages:
            page = Path(dest)
            page.write_text(self.fill(page.read_text(encoding="utf-8")), encoding="utf-8")
        self.late_pages.clear()
        return handout

    def fill(self, text: str) -> str:
        """The text with the real size of each PDF in place of its stand-in (waits for the handout)."""
        for paper, pdf in zip(self.order, self.result().links["pdfs"], strict=True):
            text = text.replace(_SIZE_STAND_IN.format(paper=paper), str(pdf["size_kb"]))
        return text

    def known_sizes(self) -> dict[str, tuple[float, float]]:
        """The preview's size for the handout page's <img>, from the paper: the file may not be in the site
        yet, even when the worker is done (or failed: its mistake is then reported, not a missing size)."""
        return {PREVIEW_PATH: preview_size(self.order[0])}

    def result(self) -> Handout:
        if self.handout is None:
            self.handout = self._finish()
        return self.handout

    def _finish(self) -> Handout:
        drawn: list[dict[str, bytes]] = [{} for _ in self.plans]
        preview = None
        if self.future is not None:
            try:
                results = self.future.result()
            except BrokenProcessPool:  # a worker died (a crash in a system library): draw here, to see why
                self.future = None
            else:
                logger = logging.getLogger(self.plan.job.logger_name)
                logged: set[str] = set()
                for plan, (new, messages, _) in zip(self.plans, results, strict=True):
                    for level, line in messages:
                        if line not in logged:  # a machine notice comes with each document: say it once
                            logged.add(line)
                            logger.log(level, "%s", line)
                    keep_in_cache(plan, new, {line for _, line in messages})
                drawn = [new for new, _, _ in results]
                preview = results[0][2]
            finally:
                _shutdown()
        if self.future is None:
            reported: set[str] = set()
            drawn = [draw_missing(plan, reported) for plan in self.plans]  # their messages are logged as they come
        pdfs = [{**plan.pdfs, **found} for plan, found in zip(self.plans, drawn, strict=True)]
        image = preview_png(pdfs[0][self.order[0]], drawn=preview)
        if image_size(image) != preview_size(self.order[0]):  # the handout page was written with this size
            raise HandoutError(f"the preview image is {image_size(image)}, not {preview_size(self.order[0])}: "
                               "update preview_size in src/legcramps/model/paper.py")
        others = [(plan.path, found) for plan, found in zip(self.others, pdfs[1:], strict=True)]
        return assemble_handout(self.content, self.order, pdfs[0], image, others)


def build_handout(project: Project) -> Handout:
    """Every PDF and the preview image, with what the site's templates need to link to them."""
    return start_handout(project, worker=False).result()


def start_handout(project: Project, worker: bool = True) -> PendingHandout:
    """Check every document's HTML and the cache now; draw what is missing in the worker when allowed."""
    content = collect_content(project)
    order = paper_order(content.care)  # the country's own paper first: the preview shows it
    template_dir = project.settings.root / TEMPLATE_DIR
    plan = plan_handouts(content, order, template_dir=template_dir)
    pending = PendingHandout(content, order, plan, plan_documents(project, content, order, template_dir))
    if any(each.job.papers for each in pending.plans) and worker and worker_allowed():
        # In order: with two workers the handout and the large print start at once and the diary goes to
        # whichever is done first; with one, one after the other.
        pending.future = _worker().submit(_draw_all, tuple(each.job for each in pending.plans), order[0])
    return pending


def _shutdown() -> None:
    # Waits for the workers to exit (they are done, or finishing one document after a mistake in
    # another): a pool left closing down races Python's exit, which then prints a traceback (Python
    # 3.11's concurrent.futures writes to the wake-up pipe its manager thread is closing).
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
