"""Where a build's time goes: one strict build of the English edition with CPU timers on its phases.

    python -m bench.split [--cached]      (in a project folder; prints JSON)

The build runs in this process, as `mkdocs build` runs it, with `time.process_time()` around each
phase (the whole of a phase, what it calls included) and around the first import of WeasyPrint and
of the preview's libraries. "start-up" is everything before MkDocs' build starts: Python, MkDocs,
its plugins, the hooks and the package imported, mkdocs.yml read. The figures are CPU seconds of one
build that draws the handout in its own process (HANDOUT_IN_PROCESS=1; a normal cold build draws it
in a second process meanwhile), so they add up; the build-overhead table gives the wall-clock ratios.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import ROOT, bench_env

_STARTED = time.process_time()
PHASES = (
    ("start-up (Python, MkDocs, plugins, hooks, package, config)", "startup"),
    ("checks: model read and every page's macros rendered once", "checks"),
    ("handout: import WeasyPrint", "import weasyprint"),
    ("handout: WeasyPrint layout (both papers)", "layout"),
    ("handout: WeasyPrint writes the PDFs", "write_pdf"),
    ("handout: preview image (imports pypdfium2 and PIL when it draws)", "preview"),
    ("handout: HTML, cache look-up, the rest", "handout other"),
    ("pages: Markdown (with the page events)", "markdown"),
    ("pages: theme templates (with the page events)", "templates"),
    ("404 page, sitemap, manifest", "static templates"),
    ("search index and the rest of the build", "rest"),
)


def _timed(times: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            times[name] += time.process_time() - start

    return wrapper


def _run() -> dict[str, float]:
    times: dict[str, float] = defaultdict(float)
    import mkdocs.commands.build as build
    from mkdocs.__main__ import cli

    import legcramps.handout.worker as worker
    import legcramps.session as session

    if not os.environ.get("HANDOUT_CACHE_DIR"):  # a cold build imports WeasyPrint: here, to time it apart
        start = time.process_time()
        import weasyprint

        times["import weasyprint"] = time.process_time() - start
        weasyprint.HTML.render = _timed(times, "layout", weasyprint.HTML.render)
        weasyprint.document.Document.write_pdf = _timed(times, "write_pdf", weasyprint.document.Document.write_pdf)
    session.start_build = _timed(times, "checks", session.start_build)
    worker.start_handout = _timed(times, "handout", worker.start_handout)  # type: ignore[assignment]
    worker.PendingHandout.result = _timed(times, "handout", worker.PendingHandout.result)  # type: ignore[method-assign]
    worker.preview_png = _timed(times, "preview", worker.preview_png)
    build._populate_page = _timed(times, "markdown", build._populate_page)
    build._build_page = _timed(times, "templates", build._build_page)
    build._build_theme_template = _timed(times, "static templates", build._build_theme_template)
    build.build = _timed(times, "build", build.build)
    cli(["build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", sys.argv[-1]], standalone_mode=False)
    total = time.process_time() - _STARTED
    phases = {
        "startup": total - times["build"] - times["import weasyprint"],
        "checks": times["checks"],
        "import weasyprint": times["import weasyprint"],
        "layout": times["layout"],
        "write_pdf": times["write_pdf"],
        "preview": times["preview"],
        "handout other": times["handout"] - times["layout"] - times["write_pdf"] - times["preview"],
        "markdown": times["markdown"],
        "templates": times["templates"],
        "static templates": times["static templates"],
    }
    phases["rest"] = total - sum(phases.values())
    return {**phases, "total": total}


def measure_split(project: Path, cached: bool, cache: str) -> dict[str, float]:
    """The phases of one build of `project` (a copy of the project), cold or with the handout cached."""
    # The handout drawn in the build's own process, so the phases add up (a plain build draws it in a second one).
    env = bench_env(PYTHONPATH=str(ROOT), HANDOUT_IN_PROCESS="1", **({"HANDOUT_CACHE_DIR": cache} if cached else {}))
    out = project.parent / ("split-cached" if cached else "split-cold")
    result = subprocess.run([sys.executable, "-m", "bench.split", str(out)], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the split build failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    print(json.dumps(_run()))
