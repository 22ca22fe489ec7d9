"""What a build prints: what a person needs (reminders, pages written and where), not the plugins' start-up.

The session's real strict build (`tools/build_site.py`, as `make build`) is read, not built again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from legcramps.engines.mkdocs_logging import MACROS_LOGGER, START_UP, to_debug
from tests.support.site import ROOT, BuildResult
from tools.build_site import editions

START_UP_CHATTER = ("[macros]", "Cleaning site directory", "Building documentation to directory")


@pytest.mark.build
def test_a_clean_build_prints_a_few_lines_per_edition(site_build: BuildResult) -> None:
    lines = site_build.output.splitlines()
    count = len(editions(ROOT))
    # Date reminders are the content's own (one per old source or overdue page, per edition): counted apart.
    others = [line for line in lines if "Dates: " not in line]
    print(f"{len(lines)} lines for {count} editions, {len(lines) - len(others)} of them date reminders")
    assert len(others) <= 4 * count, site_build.output  # the local-address note, pages written, time, offline copy
    assert not [line for line in lines if line.lstrip().startswith(("DEBUG",)) or any(s in line for s in START_UP_CHATTER)]
    written = [line for line in lines if " pages written to " in line]
    assert len(written) == count and written[0].split("INFO    -  ")[-1].split()[0].isdigit(), written


@pytest.fixture
def mkdocs_log() -> Iterator[logging.Logger]:
    """MkDocs' logger as `mkdocs build` sets it up (INFO), restored afterwards."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    yield logger
    logger.setLevel(level)


@pytest.mark.unit
def test_start_up_chatter_shows_only_with_verbose(mkdocs_log: logging.Logger, caplog: pytest.LogCaptureFixture) -> None:
    to_debug(START_UP)
    macros = logging.getLogger(MACROS_LOGGER)
    with caplog.at_level(logging.DEBUG, logger=MACROS_LOGGER):
        macros.info("[macros] - Functions found: define_env")
        macros.warning("[macros] - ERROR # _Macro Rendering Error_")
        assert [(record.levelname, record.getMessage()[:10]) for record in caplog.records] == \
            [("WARNING", "[macros] -")]  # a plugin's warning is never quietened
        mkdocs_log.setLevel(logging.DEBUG)  # mkdocs build -v
        macros.info("[macros] - Functions found: define_env")
        assert caplog.records[-1].levelname == "DEBUG"
