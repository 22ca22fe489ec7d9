"""The macros for the site engines: a mkdocs-macros `define_env` module, loaded by MkDocs and Zensical.

mkdocs.yml names it under the macros plugin (`modules: [legcramps.engines.macros_module]`); Zensical's
macros extension reads the same setting. Each macro finds its page through `env.page`, so the
engine, not hook state, says which page is rendering.

The checks have already rendered every page's macros once, with these same functions, before the
engine writes any page (`session.start_build`). `on_pre_page_macros` hands the engine that result
instead of letting it parse and render the page's Jinja a second time; an engine that does not
call it renders the page itself with the macros below, to the same Markdown.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Any

from legcramps.errors import ContentProblems
from legcramps.model.settings import settings_from_config
from legcramps.render.macros import MACRO_NAMES
from legcramps.session import Build, current_build

# mkdocs-macros skips a page whose front matter says `render_macros: false` (its documented switch).
_SKIP = "render_macros"


def page_src(page: Any) -> str:
    """The page's path inside docs/: MkDocs pages have `file.src_uri`, Zensical pages `path`."""
    file = getattr(page, "file", None)
    if file is not None:
        return str(file.src_uri)
    return str(page.path).replace("\\", "/")


def _project_root(env: Any) -> Path:
    config_file = env.conf.get("config_file_path") if hasattr(env.conf, "get") else None
    return Path(config_file).parent if config_file else Path(env.project_dir)


def _build(env: Any) -> Build:
    """The current build, looked up once per engine run (define_env), not once per macro call."""
    found: Build | None = getattr(env, "_legcramps_build", None)
    if found is None:
        found = current_build(settings_from_config(env.conf, _project_root(env)))
        env._legcramps_build = found
    return found


def define_env(env: Any) -> None:
    env._legcramps_build = None

    def bind(name: str) -> Any:
        def macro(*args: Any, **kwargs: Any) -> Any:
            return getattr(_build(env).page_macros(page_src(env.page)), name)(*args, **kwargs)

        macro.__name__ = name
        return macro

    for name in MACRO_NAMES:
        env.macro(bind(name), name)
    # On broken content the engine's check step reports every mistake (hooks, or `legcramps check`).
    with suppress(ContentProblems):
        env.variables["care"] = _build(env).project.care


def on_pre_page_macros(env: Any) -> None:
    """Use the checks' rendering of this page when the engine is about to render the same text."""
    src = page_src(env.page)
    build = _build(env)
    page = build.project.pages.get(src)
    rendered = build.checks.rendered.get(src)
    meta = getattr(env.page, "meta", None)
    if page is None or rendered is None or not isinstance(meta, dict) or meta.get(_SKIP) is not None:
        return
    if env.markdown.strip("\n") != page.body.strip("\n"):
        # The engine's text differs from the file the checks read: it renders its own, numbered afresh
        # (callout anchors, citations), however often the same build renders the page.
        build.macros.pop(src, None)
        return
    env.markdown = rendered.markdown
    meta[_SKIP] = False
    env._legcramps_skipped = meta


def on_post_page_macros(env: Any) -> None:
    """Take the switch out again: the page's front matter, as the theme sees it, stays as written."""
    meta = getattr(env, "_legcramps_skipped", None)
    if meta is not None:
        meta.pop(_SKIP, None)
        env._legcramps_skipped = None
