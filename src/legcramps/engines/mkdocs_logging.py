"""What MkDocs prints: the lines a person needs, and every error every time it happens.

The MkDocs adapter for the build's log (hooks/site_hooks.py and the preview call it).

- Start-up chatter goes to debug (`mkdocs build -v` still shows it): mkdocs-macros' 7 INFO lines
  per edition (modules, functions, variables found), MkDocs' "Cleaning site directory" and
  "Building documentation to directory" (the hooks say how many pages went where), and, in the
  preview, the "dirty build" warning (an edited-pages build is the point there, not a risk).
- Warnings and errors are never touched: an editor's mistake, a WeasyPrint notice, a macro error.
- MkDocs drops a message its build logger has printed before, for the life of the process (its
  `DuplicateFilter`). The preview clears it before each rebuild, so the same mistake saved twice is
  printed twice.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

BUILD_LOGGER = "mkdocs.commands.build"
MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros.util"
# (logger, level, start of the message) of each kind of line that goes to debug; "" is every line.
START_UP = ((MACROS_LOGGER, logging.INFO, ""),
            (BUILD_LOGGER, logging.INFO, "Cleaning site directory"),
            (BUILD_LOGGER, logging.INFO, "Building documentation to directory"))
DIRTY_BUILD = ((BUILD_LOGGER, logging.WARNING, "A 'dirty' build is being performed"),)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _ToDebug(logging.Filter):
    """Turns the chosen lines into DEBUG lines, shown only with -v (and never counted by --strict)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: set[tuple[int, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if not any(record.levelno == level and message.startswith(start) for level, start in self.lines):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)


def to_debug(lines: tuple[tuple[str, int, str], ...]) -> None:
    """Send these lines to debug, for the life of the process (MkDocs reloads the hooks on every rebuild)."""
    for name, level, start in lines:
        logger = logging.getLogger(name)
        found = next((item for item in logger.filters if isinstance(item, _ToDebug)), None)
        if found is None:
            found = _ToDebug()
            logger.addFilter(found)
        found.lines.add((level, start))


def print_repeats_again() -> None:
    """Forget what MkDocs' DuplicateFilter has seen: an error saved again is printed again."""
    for found in logging.getLogger(BUILD_LOGGER).filters:
        seen = getattr(found, "msgs", None)
        if isinstance(seen, set):
            seen.clear()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {_ANSI.sub('', record.getMessage()).strip()}")


@contextmanager
def warnings_logged() -> Iterator[list[str]]:
    """Every warning and error MkDocs, its plugins and the hooks print meanwhile, one string each."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
