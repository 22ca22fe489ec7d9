"""`make serve` (MkDocs' preview server): a saved edit reaches the browser in a fraction of a second.

The MkDocs adapter for the preview only; hooks/site_hooks.py calls it. State lives here, in the
package, because MkDocs loads the hook module afresh for every rebuild.

- Changes are looked for every 0.1 s (MkDocs polls every 0.5 s).
- When the only change is the text of pages (their front matter as before, nothing else edited),
  only those pages are built again (MkDocs' dirty build): no other page can show anything of a
  page's text. Every other change (front matter, data, templates, settings, a page added or
  removed) rebuilds the whole site. The checks run on every page either way.
- In such a build MkDocs reads no other page, so their titles and dates (navigation, sitemap) come
  from the project model, and their search entries are kept from the last build.
- The theme's templates are compiled once per server, not once per rebuild.
- No mistake stops the server, not even one there when it starts. A build that fails (a content
  mistake, a macro error, a warning under --strict) prints its errors, every time, and counts as
  done: the open tabs reload and every page shows the errors (legcramps.engines.preview_error_page) until a
  save builds again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legcramps.engines.mkdocs_logging import DIRTY_BUILD, print_repeats_again, to_debug, warnings_logged
from legcramps.engines.preview_error_page import showing_errors
from legcramps.engines.theme_cache import MemoryBytecodeCache
from legcramps.errors import ContentProblems
from legcramps.model.config_file import config_problems
from legcramps.model.page_model import front_matter_text

POLL_SECONDS = 0.1
log = logging.getLogger("mkdocs.plugins.leg_cramps.preview")


@dataclass
class _State:
    serving: bool = False
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # at the last good build: (mtime, size)
    front: dict[str, str] = field(default_factory=dict)  # page file -> its front matter, at the last good build
    search: list[dict[str, Any]] | None = None  # the whole search index after the last good build
    incremental: bool = False  # the build under way renders only the pages whose text changed
    rebuilt: set[str] = field(default_factory=set)  # addresses of the pages the build under way rendered
    theme_bytecode: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    failures: int = 0  # rebuilds that failed so far
    error: list[str] | None = None  # what the last rebuild printed, if it failed: the pages show it


STATE = _State()


def standing_error() -> tuple[int, list[str]] | None:
    return None if STATE.error is None else (STATE.failures, STATE.error)


def build_or_report(build: Callable[[], None]) -> bool:
    """Run one build; if it fails, keep what it printed for the pages and say so. True if it built."""
    print_repeats_again()
    with warnings_logged() as printed:
        try:
            build()
        except (Exception, SystemExit) as error:  # mkdocs-macros calls exit() on a macro error
            if not printed:  # not a mistake MkDocs, a plugin or the hooks reported: say what happened
                log.error("The build stopped: %s", str(error) or type(error).__name__, exc_info=True)
            failed = list(printed)
        else:
            failed = []
    STATE.error = failed or None
    if failed:
        STATE.failures += 1
        log.info("Not built: every page of the preview shows the error until a save fixes it")
    return not failed


def survive_first_build(serve: Any) -> None:
    """MkDocs' on_startup under `serve`: the first build, which MkDocs runs before any serve event, reports a
    mistake like a rebuild does instead of ending the server (`serve`: the module of MkDocs' serve command,
    whose `build` it calls)."""
    build = serve.build
    if getattr(build, "reports_errors", False):
        return

    def first_build(config: Any, **options: Any) -> None:
        build_or_report(lambda: build(config, **options))

    first_build.reports_errors = True  # type: ignore[attr-defined]
    serve.build = first_build


def _snapshot(roots: Iterable[Path]) -> dict[str, tuple[int, int]]:
    found = {}
    for root in roots:
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in paths:
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _only_page_text_changed(before: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]], docs_dir: Path) -> bool:
    changed = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
    if not changed or not before:
        return False
    for path in changed:
        if path not in before or path not in now or not path.endswith(".md") or not Path(path).is_relative_to(docs_dir):
            return False  # a page added or removed, or another file: every page may change
        if front_matter_text(Path(path).read_text(encoding="utf-8")) != STATE.front.get(path):
            return False  # a title, grade or date: it shows on other pages too
    return True


def start_serving(server: Any, config: Any, build: Callable[..., None], load_config: Callable[..., Any]) -> Any:
    """MkDocs' on_serve: faster polling, and a builder that rebuilds only what an edit can change."""
    from watchdog.observers.polling import PollingObserver

    STATE.serving = True
    to_debug(DIRTY_BUILD)  # MkDocs warns on every dirty build (and --strict would stop): here it is the point
    server.set_app(showing_errors(server.get_app(), standing_error))
    # What MkDocs watches so far (docs/, the config file, theme folders with --watch-theme), moved to a
    # faster observer; the folders in mkdocs.yml's `watch` are added after this event.
    paths = list(getattr(server, "_watched_paths", {}) or [config.docs_dir, config.config_file_path])
    for path in paths:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path in paths:
        server.watch(path)
    docs_dir = Path(config.docs_dir)
    roots = [docs_dir, Path(config.config_file_path), *(Path(path) for path in config.watch)]
    STATE.files = {} if STATE.error else _snapshot(roots)  # after a failed first build, rebuild everything
    serve_url = config.site_url

    def builder() -> None:
        snapshot = _snapshot(roots)
        STATE.incremental = _only_page_text_changed(STATE.files, snapshot, docs_dir)
        STATE.rebuilt = set()
        log.info("Building %s...", "the edited pages" if STATE.incremental else "documentation")

        def rebuild() -> None:
            # A mistake in the config file as `make build` names it (file, line, fix), not as YAML's traceback.
            problems = config_problems(Path(config.config_file_path))
            for problem in problems:
                log.error("%s", problem)
            if problems:
                raise ContentProblems(problems)
            fresh = load_config(config_file=config.config_file_path, site_dir=config.site_dir, strict=config.strict,
                                dev_addr=str(config.dev_addr))
            fresh.site_url = serve_url
            build(fresh, serve_url=serve_url, dirty=STATE.incremental)

        STATE.files = {}  # until this build succeeds, the next one rebuilds everything
        if build_or_report(rebuild):
            STATE.files = snapshot

    server.builder = builder
    return server


def fill_unread_pages(pages: Iterable[Any], model_meta: Callable[[str], dict[str, Any] | None]) -> None:
    """MkDocs' on_nav in an edited-pages build: the pages it will not read keep their titles and dates."""
    if not STATE.incremental:
        return
    for page in pages:
        meta = model_meta(page.file.src_uri)
        if meta is not None and not page.file.is_modified():
            page.markdown = ""  # read: MkDocs then takes the title from meta, as for a page it rendered
            page.meta = dict(meta)


def finish_build(site_dir: str, pages: Iterable[tuple[str, str]]) -> None:
    """MkDocs' on_post_build: keep the search entries of pages not rendered; note each page's front matter."""
    if not STATE.serving:
        return
    STATE.front = {path: front for path, front in pages}
    index = Path(site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    if STATE.incremental and STATE.search is not None:
        kept = [entry for entry in STATE.search if str(entry.get("location", "")).split("#")[0] not in STATE.rebuilt]
        data["docs"] = kept + data["docs"]
        index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    STATE.search = data["docs"]
