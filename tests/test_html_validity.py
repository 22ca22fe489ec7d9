"""Every built page of every edition (404 pages included) passes the Nu Html Checker with no error.

vnu.jar comes from the npm package `vnu-jar` (tools/package.json, installed by `make test`), run with
the system's Java (`default-jre-headless` in system-packages.txt, installed by `make test` as root).
Material's markup the checker rejects is corrected in overrides/ (partials/valid-markup.html, the
site_nav block of page.html); a new error from a theme update fails here with its file and line.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.support.site import ROOT

pytestmark = pytest.mark.build

VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu(*paths: Path) -> list[dict[str, object]]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("No Java for the Nu Html Checker: make test installs it (system-packages.txt: default-jre-headless)",
                    pytrace=False)
    if not VNU.is_file():
        pytest.fail(f"No {VNU.relative_to(ROOT)}: run npm ci --prefix tools (make test does)", pytrace=False)
    # -Xss: the default thread stack overflows on these pages; --exit-zero-always: the JSON says it all.
    # One quick compiler and one garbage-collector thread: a run of a few seconds gains nothing from the
    # optimising compiler, which took more than half of the checker's CPU time (9.6 s of CPU -> 4.3 s).
    result = subprocess.run([java, "-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU),
                             "--errors-only", "--format", "json", "--exit-zero-always", *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    messages: list[dict[str, object]] = json.loads(result.stderr or result.stdout)["messages"]
    return messages


@dataclass
class Checked:
    site: list[str]  # every error in the built pages, "file:line: message"
    as_it_was: list[str]  # the errors in the home page with Material's markup as it was (the last test)


@pytest.fixture(scope="module")
def checked(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """The checker's errors for every built page and for the mutated home page, in one run: the
    checker's start-up is most of its time. An error not about the mutated page counts as the site's."""
    pages = sorted(site_dir.rglob("*.html"))
    assert {"404.html", "es/404.html", "es/index.html"} <= {page.relative_to(site_dir).as_posix() for page in pages}
    as_it_was = tmp_path_factory.mktemp("materials-markup") / "index.html"
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    as_it_was.write_text(html.replace('type="checkbox" id="__drawer">', 'type="checkbox" id="__drawer" autocomplete="off">'))
    found = Checked([], [])
    for message in vnu(*pages, as_it_was):
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = Path(unquote(str(message.get("url", "")).removeprefix("file:")))
            line = f"{where}:{message.get('lastLine')}: {message['message']}"
            (found.as_it_was if where == as_it_was else found.site).append(line)
    return found


def test_every_page_of_every_edition_has_no_html_error(checked: Checked) -> None:
    assert not checked.site, f"{len(checked.site)} errors:\n" + "\n".join(checked.site[:40])


def test_the_checker_reports_materials_markup_as_it_was(checked: Checked) -> None:
    """The check can fail: Material's own checkbox markup, as overrides/partials/valid-markup.html corrects it."""
    assert len(checked.as_it_was) == 1 and "autocomplete" in checked.as_it_was[0], checked.as_it_was
