"""MkDocs glue: start the build (model and every check), register the handout, add page footers,
leave each page's search words once in the search index.

All logic lives in the `legcramps` package; the same checks run with `python -m legcramps check`.
Every content mistake stops the build with one line naming the file and line, before any page is
written. The macros come from `legcramps.engines.macros_module` through mkdocs-macros.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.commands import serve as mkdocs_serve
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from legcramps.checks.rules import date_reminders, overdue_allowed
from legcramps.engines import mkdocs_preview as preview
from legcramps.engines.config import hook_extra
from legcramps.engines.macros_module import page_src
from legcramps.engines.mkdocs_logging import START_UP, to_debug
from legcramps.engines.theme_cache import theme_bytecode_cache
from legcramps.errors import ContentError, ContentProblems
from legcramps.handout.content import HandoutError
from legcramps.handout.worker import PendingHandout, start_handout, warm_up
from legcramps.html import drop_blank_lines, name_section_navs
from legcramps.model.config_file import config_problems
from legcramps.model.page_model import front_matter_text
from legcramps.model.settings import edition_site_url, is_deploy_build, local_site_url_problem, settings_from_config
from legcramps.render.image_sizes import size_images
from legcramps.render.page_policy import POLICY_MARK, with_policy
from legcramps.search.index import page_search_words, rewrite_search_index, search_notes
from legcramps.session import Build, current_build

log = logging.getLogger("mkdocs.plugins.leg_cramps")
MACROS_MODULE = "legcramps.engines.macros_module"
_build: Build | None = None
_handout: PendingHandout | None = None
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    preview.STATE.serving = command == "serve"
    to_debug(START_UP)  # plugins' start-up chatter: shown with -v only
    if preview.STATE.serving:
        preview.survive_first_build(mkdocs_serve)  # `make serve` starts, showing the error, even with a mistake in a page


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """`make serve`: faster polling, and an edit to a page's text rebuilds that page only."""
    return preview.start_serving(server, config, build, load_config)


def _current() -> Build:
    assert _build is not None, "hooks used before on_config"
    return _build


@event_priority(100)  # before mkdocs-macros: its macros module then finds this build, checked once
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _handout
    if _command == "build":
        warm_up()  # a second process starts loading WeasyPrint while the checks run
    macros = config.plugins.get("macros")
    if macros is None or MACROS_MODULE not in (macros.config.get("modules") or []):
        raise PluginError(f"mkdocs.yml: the 'macros' plugin must be enabled with modules: [{MACROS_MODULE}]")
    root = Path(config.config_file_path).parent
    broken = config_problems(Path(config.config_file_path))  # e.g. a second `extra:`, which MkDocs keeps silently
    if broken:
        for problem in broken[1:]:
            log.error("%s", problem)
        raise PluginError(str(broken[0]))
    local = local_site_url_problem(config.site_url or "")
    if local and _command != "serve" and not preview.STATE.serving:
        if is_deploy_build():
            raise PluginError(f"mkdocs.yml: {local}")
        log.info("Note: %s (fine for a local look; CI refuses it)", local)
    config.site_url = edition_site_url(config.site_url or "", config.extra.get("edition", {}))
    # Every built page's Content-Security-Policy, filled in as each page is written (with_policy). Not in
    # the preview: MkDocs' live reload adds an inline script to every page it serves.
    if _command != "serve" and not preview.STATE.serving:
        config.extra["content_security_policy"] = POLICY_MARK
    try:
        _build = current_build(settings_from_config(config, root))
        if _build.edition is not None and _build.edition.out_of_date:
            log.info("Translations out of date (their original page has changed): %s", ", ".join(_build.edition.out_of_date))
    except ContentProblems as problems:
        for problem in problems.problems[1:]:
            log.error("%s", problem)
        raise PluginError(str(problems.problems[0])) from None
    for reminder in date_reminders(_build.project, date.today(), overdue_allowed()):
        log.info("Dates: %s", reminder)  # shown, never fatal: see CONTRIBUTING
    for note in search_notes(_build.project):
        log.info("Search: %s", note)  # shown, never fatal: see CONTRIBUTING
    _handout = None
    if _command == "build":  # the workers draw while the plugins and pages load (`make serve`: on_files)
        with _handout_mistakes():
            _handout = start_handout(_build.project)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The PDF handout's files, listed here so links to them validate under --strict.

    While worker processes draw it, the pages are written with stand-ins for its sizes (see
    legcramps.handout.worker); its files and the real sizes go into the site at the end.
    """
    global _handout
    with _handout_mistakes():
        if _handout is None:  # `make serve` (on_config started it for `make build`)
            _handout = start_handout(_current().project, worker=False)
        if not _handout.in_worker:
            _handout.result()  # from the cache, or drawn here
    for path in _handout.paths:
        files.append(File.generated(config, path, content=b""))
    _handout_ready(files, config)
    return files


def _pending() -> PendingHandout:
    assert _handout is not None, "hooks used before on_files"
    return _handout


@contextmanager
def _handout_mistakes() -> Iterator[None]:
    """A handout mistake (found whenever the handout is finished) stops the build with its one line."""
    try:
        yield
    except HandoutError as error:
        raise PluginError(str(error)) from None


def _handout_ready(files: Files, config: MkDocsConfig) -> None:
    """The handout's files' content when it is ready; the theme's words and the handout links for overrides/
    (Zensical gets the same from engine_config)."""
    if _pending().ready():
        with _handout_mistakes():
            for output in _pending().result().files:
                files.get_file_from_path(output.path).content_bytes = output.content  # type: ignore[union-attr]
    config.extra.update(hook_extra(_current().project, _pending().links()))


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """The text the checks read, not the file read again: a save during a build (an editor who saves every
    second) cannot slip past the checks into the engine; the watcher builds the new text next."""
    checked = _current().project.pages.get(page.file.src_uri)
    return checked.source if checked is not None else None


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    src = page_src(page)
    banner, footer = build.page_frame(src)  # Zensical adds the same through legcramps.engines.footer_extension
    return banner + markdown + footer


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "{{" in html or "{%" in html:  # the checks render every macro first; this would be an engine bug
        raise PluginError(f"docs/{page.file.src_uri}: a macro was not rendered; check the {{{{ }}}} blocks on this page")
    html = _current().project.spelling.html(html)  # the edition's spelling (UK English), in the search index too

    def read(path: str) -> bytes | None:
        file = files.get_file_from_path(path)
        return file.content_bytes if file is not None else None

    folder = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
    try:
        return size_images(html, folder, read, _pending().known_sizes())  # no layout shift when an image arrives
    except ContentError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error.message}") from None


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    with _handout_mistakes():
        output_content = _pending().page_written(output_content, str(Path(config.site_dir) / template_name))  # the 404 page
    return with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    preview.STATE.rebuilt.add(page.url)
    with _handout_mistakes():
        output = _pending().page_written(output, page.file.abs_dest_path)
    # The edition's spelling in titles, navigation and head too; each section's navigation named by its
    # title (Material leaves it unnamed next to an index page); the theme's empty lines dropped, so a
    # page's size does not grow with the pages of the collapsed sections in its navigation.
    # Last, the policy with the hashes of the page's inline scripts as they will be saved.
    return with_policy(drop_blank_lines(name_section_navs(_current().project.spelling.html(output))))


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    pages = _current().project.pages
    preview.fill_unread_pages((file.page for file in files.documentation_pages() if file.page),
                              lambda src: pages[src].data if src in pages else None)
    return nav


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    _handout_ready(files, config)  # ready by now? Then its files are copied with the others
    if preview.STATE.serving:
        env.bytecode_cache = preview.STATE.theme_bytecode  # the theme compiled once per server, not per rebuild
    else:
        env.bytecode_cache = theme_bytecode_cache()  # with HANDOUT_CACHE_DIR: compiled once, kept between builds
    return env


@event_priority(-100)  # after Material's search plugin has written search/search_index.json
def on_post_build(config: MkDocsConfig) -> None:
    """The handout finished, if it was still being drawn; each page's keywords and the shared list's reader
    words, once, on the page's own index entry."""
    with _handout_mistakes():
        _pending().finish_site(Path(config.site_dir))
    docs = Path(config.docs_dir)
    preview.finish_build(config.site_dir, ((str(docs / src), front_matter_text(page.source))
                                           for src, page in _current().project.pages.items()))
    build = _current()
    written = rewrite_search_index(Path(config.site_dir), page_search_words(build.project, build.checks.rendered))
    if written is not None:
        log.debug("Search index: %d entries, %d bytes", *written)
    if not preview.STATE.serving:
        site, root = Path(config.site_dir).resolve(), Path(config.config_file_path).parent.resolve()
        where = site.relative_to(root) if site.is_relative_to(root) else site
        log.info("%d pages written to %s", len(_current().project.pages), where)  # MkDocs' own lines: debug
