"""The PDF handout: render time and size, by calling the handout core (hooks/handout.py) directly.

The real inputs are read the way the build reads them (front matter through the page model, nav
and extra.care from mkdocs.yml, the bibliography). One warm-up run loads WeasyPrint and the fonts;
the figures are medians of the warm runs. A cold `mkdocs build` pays the warm-up too: that is in
the build-overhead figures.

Growth: the handout must fit on two pages (MAX_PAGES), so it cannot list 100 or 1,000 strategies.
To show how its cost grows anyway, the same content with the generated strategies (bench/generate.py)
is rendered once per size with the page limit lifted (a documented setting, not the real handout).
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable

from bench.common import ROOT, median
from bench.generate import generate_site
from legcramps.care import CareSettings
from legcramps.citations import load_bibliography
from legcramps.page_model import PageMeta, parse_page_meta, split_front_matter

Log = Callable[[str], None]


def _pdf_pages(pdf: bytes) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(pdf)).pages)


def read_pages(docs: Path) -> dict[str, PageMeta]:
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        data, _ = split_front_matter(path.read_text(encoding="utf-8"))
        pages[src] = parse_page_meta(src, data)
    return pages


def load_inputs(project: Path = ROOT) -> dict[str, Any]:
    """What `on_files` hands to the handout: page models, page bodies, nav, bibliography, care, URL."""
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as stream:
        config = yaml_load(stream)
    docs = project / config.get("docs_dir", "docs")

    def page_body(src: str) -> str | None:
        path = docs / src
        return split_front_matter(path.read_text(encoding="utf-8"))[1] if path.is_file() else None

    return {
        "pages": read_pages(docs),
        "page_body": page_body,
        "nav": config.get("nav"),
        "bibliography": load_bibliography(project / "data" / "bibliography.yml"),
        "care": CareSettings.from_extra(config.get("extra", {})),
        "site_url": config.get("site_url") or "http://127.0.0.1:8000/",
        "site_name": config.get("site_name", "Leg Cramps Guide"),
    }


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def measure_handout(runs: int, growth_sizes: tuple[int, ...], log: Log) -> dict[str, Any]:
    try:
        import legcramps.handout as handout

        core = (handout.collect_content, handout.render_handout, handout.build_handout, handout.paper_order)
    except (ImportError, AttributeError) as error:
        return {"status": "todo", "note": f"hooks/handout.py has no usable core yet ({error}); see page weight for the PDF sizes"}
    collect_content, render_handout, build_handout, paper_order = core
    inputs = load_inputs()
    care, site_url, site_name = inputs["care"], inputs["site_url"], inputs["site_name"]
    content = collect_content(inputs["pages"], inputs["page_body"], inputs["nav"], inputs["bibliography"])

    def whole() -> Any:
        return build_handout(
            inputs["pages"], inputs["page_body"], inputs["nav"], inputs["bibliography"], care, site_url, site_name
        )

    log("  warm-up: one handout build (loads WeasyPrint and the fonts)")
    whole()
    papers: dict[str, Any] = {}
    for paper in paper_order(care):
        seconds, pdfs = [], []
        for _ in range(runs):
            elapsed, pdf = _timed(lambda: render_handout(content, care, site_url, paper, site_name=site_name))
            seconds.append(elapsed)
            pdfs.append(pdf)
        papers[paper] = {
            "render_s": median(seconds),
            "bytes": len(pdfs[-1]),
            "kib": len(pdfs[-1]) / 1024,
            "pages": _pdf_pages(pdfs[-1]),
            "identical_runs": len(set(pdfs)) == 1,
        }
        log(f"  {paper}: {median(seconds):.2f} s, {len(pdfs[-1]) / 1024:.0f} KiB")
    whole_runs = [_timed(whole) for _ in range(max(1, runs - 2))]
    files = {output.path: len(output.content) for output in whole_runs[-1][1].files}
    result: dict[str, Any] = {
        "status": "measured",
        "runs": runs,
        "strategies": len(content.strategies),
        "papers": papers,
        "build_handout_s": median(seconds for seconds, _ in whole_runs),
        "build_handout_runs": len(whole_runs),
        "files": files,
        "budget_kib": 300,
    }
    result["growth"] = _growth(content, care, site_url, site_name, render_handout, paper_order(care)[0], growth_sizes, log)
    return result


def _growth(
    content: Any, care: CareSettings, site_url: str, site_name: str, render: Callable[..., bytes],
    paper: str, sizes: tuple[int, ...], log: Log,
) -> dict[str, Any]:
    if not sizes:
        return {}
    if "max_pages" not in inspect.signature(render).parameters:
        return {"note": "render_handout() has no max_pages setting: growth not measured"}
    growth: dict[str, Any] = {
        "setting": f"render_handout(..., max_pages=unlimited) on {paper}, generated strategies, 1 run each",
    }
    with tempfile.TemporaryDirectory(prefix="bench-handout-") as tmp:
        for count in sizes:
            site = generate_site(Path(tmp) / f"site-{count}", count, date.today())
            strategies = tuple(
                meta for src, meta in sorted(read_pages(site / "docs").items()) if meta.is_strategy
            )
            grown = dataclasses.replace(content, strategies=strategies)
            seconds, pdf = _timed(
                lambda: render(grown, care, site_url, paper, site_name=site_name, max_pages=10**6)
            )
            growth[str(count)] = {"render_s": seconds, "kib": len(pdf) / 1024, "pages": _pdf_pages(pdf)}
            log(f"  {count} strategies (page limit lifted): {seconds:.1f} s, {len(pdf) / 1024:.0f} KiB, "
                f"{growth[str(count)]['pages']} pages")
    return growth
