"""The PDF handout: render time and size, by calling the package's handout functions directly.

The inputs are the real project model (`legcramps.session.start_build`), as the build reads them.
One warm-up run loads WeasyPrint and the fonts; the figures are medians of the warm runs. A cold
`mkdocs build` pays the warm-up too: that is in the build-overhead figures.

Growth: the handout must fit on two pages and lists at most 10 strategies, so it cannot list 100 or
1,000. To show how its cost grows anyway, the same content with generated strategies
(bench/generate.py) is rendered once per size with the page limit lifted (`max_pages`).
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import ROOT, median
from bench.generate import CONFIG, generate_site
from legcramps.handout.content import HandoutContent, collect_content
from legcramps.handout.pdf import render_handout, render_handouts
from legcramps.handout.worker import build_handout
from legcramps.model.paper import paper_order
from legcramps.model.settings import load_settings
from legcramps.session import start_build

Log = Callable[[str], None]


def _pdf_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def measure_handout(runs: int, growth_sizes: tuple[int, ...], log: Log) -> dict[str, Any]:
    project = start_build(load_settings(ROOT / "mkdocs.yml")).project
    content = collect_content(project)
    order = paper_order(content.care)
    log("  warm-up: one handout build (loads WeasyPrint and the fonts)")
    build_handout(project)
    papers: dict[str, Any] = {}
    for paper in order:
        seconds, pdfs = [], []
        for _ in range(runs):
            elapsed, pdf = _timed(lambda paper=paper: render_handout(content, paper))  # type: ignore[misc]
            seconds.append(elapsed)
            pdfs.append(pdf)
        papers[paper] = {
            "render_s": median(seconds),
            "bytes": len(pdfs[-1]),
            "kib": len(pdfs[-1]) / 1024,
            "pages": _pdf_pages(pdfs[-1]),
            "identical_runs": len(set(pdfs)) == 1,
        }
        log(f"  {paper} alone: {median(seconds):.2f} s, {len(pdfs[-1]) / 1024:.0f} KiB")
    both = [_timed(lambda: render_handouts(content, order))[0] for _ in range(runs)]
    log(f"  both papers, sharing stylesheet and fonts: {median(both):.2f} s")
    whole_runs = [_timed(lambda: build_handout(project)) for _ in range(max(1, runs - 2))]
    files = {output.path: len(output.content) for output in whole_runs[-1][1].files}
    return {
        "status": "measured",
        "runs": runs,
        "strategies": len(content.strategies),
        "papers": papers,
        "both_papers_s": median(both),
        "build_handout_s": median(seconds for seconds, _ in whole_runs),
        "build_handout_runs": len(whole_runs),
        "files": files,
        "budget_kib": 300,
        "growth": _growth(content, order[0], growth_sizes, log),
    }


def _growth(content: HandoutContent, paper: str, sizes: tuple[int, ...], log: Log) -> dict[str, Any]:
    if not sizes:
        return {}
    growth: dict[str, Any] = {
        "setting": f"render_handout(..., max_pages=unlimited) on {paper}, generated strategies, 1 run each",
    }
    with tempfile.TemporaryDirectory(prefix="bench-handout-") as tmp:
        for count in sizes:
            site = generate_site(Path(tmp) / f"site-{count}", count, date.today())
            generated = start_build(load_settings(site / CONFIG)).project
            grown = dataclasses.replace(content, strategies=tuple(generated.strategies()))
            seconds, pdf = _timed(lambda grown=grown: render_handout(grown, paper, max_pages=10**6))  # type: ignore[misc]
            growth[str(count)] = {"render_s": seconds, "kib": len(pdf) / 1024, "pages": _pdf_pages(pdf)}
            log(f"  {count} strategies (page limit lifted): {seconds:.1f} s, {len(pdf) / 1024:.0f} KiB, "
                f"{growth[str(count)]['pages']} pages")
    return growth
