"""The macros for the site engines: a mkdocs-macros `define_env` module, loaded by MkDocs and Zensical.

mkdocs.yml names it under the macros plugin (`modules: [legcramps.macros_module]`); Zensical's
macros extension reads the same setting. Each macro finds its page through `env.page`, so the
engine, not hook state, says which page is rendering.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Any

from legcramps.errors import ContentProblems
from legcramps.macros import MACRO_NAMES
from legcramps.session import Build, current_build
from legcramps.settings import settings_from_config


def page_src(page: Any) -> str:
    """The page's path inside docs/: MkDocs pages have `file.src_uri`, Zensical pages `path`."""
    file = getattr(page, "file", None)
    if file is not None:
        return str(file.src_uri)
    return str(page.path).replace("\\", "/")


def _project_root(env: Any) -> Path:
    config_file = env.conf.get("config_file_path") if hasattr(env.conf, "get") else None
    return Path(config_file).parent if config_file else Path(env.project_dir)


def define_env(env: Any) -> None:
    root = _project_root(env)

    def build() -> Build:
        return current_build(settings_from_config(env.conf, root))

    def bind(name: str) -> Any:
        def macro(*args: Any, **kwargs: Any) -> Any:
            return getattr(build().page_macros(page_src(env.page)), name)(*args, **kwargs)

        macro.__name__ = name
        return macro

    for name in MACRO_NAMES:
        env.macro(bind(name), name)
    # On broken content the engine's check step reports every mistake (hooks, or `legcramps check`).
    with suppress(ContentProblems):
        env.variables["care"] = build().project.care
