"""Shared fixtures: one real strict build of the site, served over HTTP under a sub-path."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.support.site import ROOT, SUB_PATH, BuildResult, SiteServer, free_port, mkdocs_build

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site_url(site_port: int) -> str:
    return f"http://127.0.0.1:{site_port}{SUB_PATH}"


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> BuildResult:
    """The project's own site, built once with `mkdocs build --strict` for a GitHub Pages sub-path."""
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site", SITE_URL=site_url)
    assert result.ok, f"the strict build failed:\n{result.output}"
    return result


@pytest.fixture(scope="session")
def site_dir(site_build: BuildResult) -> Path:
    return site_build.site_dir


@pytest.fixture(scope="session")
def served_site(site_dir: Path, site_port: int) -> Iterator[SiteServer]:
    with SiteServer(site_dir, site_port) as server:
        yield server


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
