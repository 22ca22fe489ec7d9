"""Edit loop: seconds from saving a page to the rebuilt page being served by `mkdocs serve`.

`mkdocs serve --strict --livereload` (as `make serve` runs it) on a throwaway copy of the project.
Each run appends a paragraph with a unique marker to one page, notes the time the file is closed,
and polls the served page every 20 ms until the marker is in it. Before the next run the benchmark
waits for the rebuild to finish (the server logs "Reloading browsers"), so runs do not overlap.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

from bench.common import bench_env, median
from tests.support.site import copy_project, free_port, stop_server

PAGE = "strategies/stretching.md"
POLL = 0.02
Log = Callable[[str], None]


class _ServerLog:
    """Collects the server's output lines in a thread, so the pipe never fills up."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            with self.lock:
                self.lines.append(line.rstrip())

    def count(self, text: str) -> int:
        with self.lock:
            return sum(text in line for line in self.lines)

    def tail(self, lines: int = 15) -> str:
        with self.lock:
            return "\n".join(self.lines[-lines:])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(POLL)
    return False


def page_url(src: str) -> str:
    """The site-relative address of a Markdown page (MkDocs' directory URLs)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def edit_loop(runs: int, log: Log, page: str = PAGE, project: Path | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        if project is None:
            project = copy_project(Path(tmp) / "project")
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        url = base + page_url(page)
        source = project / "docs" / page
        original = source.read_text(encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            # as `make serve` runs it: an unchanged handout PDF is reused from the preview cache
            env=bench_env(SITE_URL=base, HANDOUT_CACHE_DIR=str(Path(tmp) / "handout-cache")),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        server_log = _ServerLog(process)
        try:
            if not _wait(lambda: process.poll() is None and _get(url) is not None, 180):
                raise RuntimeError(f"mkdocs serve did not come up:\n{server_log.tail()}")
            _wait(lambda: server_log.count("Serving on") > 0, 30)
            seconds = []
            for run in range(runs):
                marker = f"bench-edit-marker-{run}-{uuid.uuid4().hex[:12]}"
                reloads = server_log.count("Reloading browsers")
                with open(source, "w", encoding="utf-8") as stream:
                    stream.write(original + f"\n\nEdit-loop marker {marker}.\n")
                saved = time.perf_counter()
                if not _wait(lambda marker=marker: marker in (_get(url) or ""), 120):  # type: ignore[misc]
                    raise RuntimeError(f"the edit never reached {url}:\n{server_log.tail()}")
                seconds.append(time.perf_counter() - saved)
                log(f"  run {run + 1}/{runs}: {seconds[-1]:.2f} s")
                if not _wait(lambda reloads=reloads: server_log.count("Reloading browsers") > reloads, 120):  # type: ignore[misc]
                    raise RuntimeError(f"the rebuild did not finish:\n{server_log.tail()}")
                time.sleep(0.5)
        finally:
            stop_server(process)
    return {
        "runs": runs,
        "page": f"docs/{page}",
        "command": "mkdocs serve --strict --livereload",
        "seconds": median(seconds),
        "goal_s": 0.5,
        "all_seconds": seconds,
        "min_s": min(seconds),
        "max_s": max(seconds),
    }
