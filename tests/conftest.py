"""Shared fixtures: one real strict build of the site, served over HTTP under a sub-path, and one
Chromium for every test that needs a browser (browser tests, print, page weight)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Error

from tests.support.browser import LAUNCH_ARGS, find_browser, start_playwright
from tests.support.shared_build import SharedBuild, SharedPortServer, shared_site_build
from tests.support.site import ROOT, TEST_CACHE_VARIABLE, BuildResult, SiteServer

ARTIFACTS = ROOT / "test-artifacts"
_OWN_CACHE = pytest.StashKey[str]()  # the run's handout cache, when this process made it


def pytest_configure(config: pytest.Config) -> None:
    """The run's handout cache (tests/support/site.py), made by the first process of the run: pytest-xdist's
    workers, and a run started inside a test, inherit it from the environment."""
    if not os.environ.get(TEST_CACHE_VARIABLE):
        os.environ[TEST_CACHE_VARIABLE] = tempfile.mkdtemp(prefix="legcramps-test-handouts-")
        config.stash[_OWN_CACHE] = os.environ[TEST_CACHE_VARIABLE]


# pytest-xdist hands the modules to the workers in the order they are collected: the longest go first,
# so that no worker starts one of them near the end while the other has nothing left (the order measured
# with --durations; handbook/tests.md). A module missing from the list keeps its place after them.
LONGEST_FIRST = (
    "browser/test_accessibility.py", "browser/test_keyboard.py", "test_handout_cache.py", "browser/test_table_regions.py",
    "test_install.py", "test_editor_changes.py", "test_budgets.py", "test_handout_builds.py", "test_build_refuses.py",
    "test_handout_worker.py", "browser/test_security.py", "browser/test_search.py", "test_preview.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        module = item.path.relative_to(Path(__file__).parent).as_posix()
        return LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the tests of each module keep their order


def pytest_unconfigure(config: pytest.Config) -> None:
    if own := config.stash.get(_OWN_CACHE, None):
        shutil.rmtree(own, ignore_errors=True)
        del os.environ[TEST_CACHE_VARIABLE]


@pytest.fixture(scope="session")
def shared_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> SharedBuild:
    """The project's own site, built once per run with `mkdocs build --strict` for a GitHub Pages sub-path.

    Under pytest-xdist (make test runs a worker per core) the first worker to get here builds it and the
    others wait for it and use the same files: the build is the slowest fixture, and one is enough."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the run's folder, above each worker's own
    return shared_site_build(shared / "site-build")


@pytest.fixture(scope="session")
def site_port(shared_build: SharedBuild) -> int:
    return shared_build.port


@pytest.fixture(scope="session")
def site_url(shared_build: SharedBuild) -> str:
    return shared_build.site_url


@pytest.fixture(scope="session")
def site_build(shared_build: SharedBuild) -> BuildResult:
    result = shared_build.result
    assert result.ok, f"the strict build failed:\n{result.output}"
    return result


@pytest.fixture(scope="session")
def site_dir(site_build: BuildResult) -> Path:
    return site_build.site_dir


@pytest.fixture(scope="session")
def served_site(site_dir: Path, site_port: int) -> Iterator[SiteServer]:
    """The built site over HTTP. Each worker serves the same folder on the same port (SO_REUSEPORT: the
    kernel hands each connection to one of them), so the address built into the site works for all."""
    with SiteServer(site_dir, site_port, server_class=SharedPortServer) as server:
        yield server


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium, kept off the network by LAUNCH_ARGS. No browser is a failure, not a skip."""
    try:
        executable = find_browser()
        playwright = start_playwright()  # a driver that cannot start is named in one line, with the fix
    except SystemExit as error:
        pytest.fail(f"No browser for the browser tests: {error}", pytrace=False)
    try:
        problem = None
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        except Error as error:
            problem = str(error).splitlines()[0]
        if problem:
            where = executable or "Playwright's own Chromium"
            pytest.fail(
                f"Could not start a browser for the browser tests ({where}).\n"
                "On Debian: sudo apt-get install chromium. On Ubuntu: make browser, then "
                "sudo .venv/bin/python -m playwright install-deps chromium. Or set CHROMIUM=/path/to/chrome.\n"
                f"Playwright said: {problem}",
                pytrace=False,
            )
        yield browser
        browser.close()
    finally:
        playwright.stop()
