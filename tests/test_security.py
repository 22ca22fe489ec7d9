"""Every built page carries a strict Content-Security-Policy that matches its own inline scripts, and a
referrer policy; the two editions install as two apps (src/legcramps/render/page_policy.py,
handbook/security.md). The browser side, no violation in Chromium, is tests/browser/test_security.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from legcramps.render.page_policy import POLICY_MARK, page_problems, policy, policy_problems, script_hash, with_policy
from tests.support.site import SUB_PATH

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{mark}">
<script>var a = 1;</script><script src="x.js"></script><script type="application/json">{{"b": 2}}</script>
</head><body><script type="text/plain" data-src="y.js"></script><script>var c = "&lt;";</script></body></html>"""


@pytest.mark.unit
def test_the_policy_hashes_exactly_the_scripts_a_browser_runs() -> None:
    html = with_policy(PAGE.format(mark=POLICY_MARK))
    assert POLICY_MARK not in html
    second = script_hash('var c = "&lt;";')  # a script's text as written: no character reference decoded
    assert f"script-src 'self' {script_hash('var a = 1;')} {second};" in html
    assert page_problems(html) == []


TRICKY = """<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="{mark}">
<!-- <script>not a script: a comment</script> -->
<title>Cramps <script>in a title are words</script></title>
<SCRIPT>if (a < b && c > d) {{ s = "</div><script>"; }}</SCRIPT >
<script type="module">import "./x.js";</script>
</head><body><a title="a > b" href="x">link</a><img alt='it said "on"' src="y.png">
<textarea><script>typed, not run</script></textarea>
<p data-note="onload=no">text</p><div onclick="go()" style="color: red">x</div></body></html>"""


@pytest.mark.unit
def test_the_page_is_read_as_a_browser_reads_it() -> None:
    """Comments, titles and text areas hold no script; a script runs to its own end tag, whatever its
    text holds; attribute values may hold > and quotes; handlers and style attributes are named."""
    html = with_policy(TRICKY.format(mark=POLICY_MARK))
    expected = [script_hash('if (a < b && c > d) { s = "</div><script>"; }'), script_hash('import "./x.js";')]
    assert f"script-src 'self' {' '.join(expected)};" in html
    assert page_problems(html) == ['a onclick="…" attribute on <div>, which the policy blocks',
                                   'a style="…" attribute on <div>, which the policy blocks']


@pytest.mark.unit
def test_a_page_whose_scripts_and_policy_disagree_is_named() -> None:
    html = with_policy(PAGE.format(mark=POLICY_MARK)).replace("var a = 1;", "var a = 2;")
    problems = page_problems(html)
    assert any("an inline script is not in its policy" in problem for problem in problems), problems
    no_policy = PAGE.format(mark=POLICY_MARK).replace(f'<meta http-equiv="Content-Security-Policy" content="{POLICY_MARK}">', "")
    assert page_problems(no_policy) == ["0 Content-Security-Policy meta tags (one is needed, in the <head>)"]
    handler = with_policy(PAGE.format(mark=POLICY_MARK).replace("<body>", '<body onload="go()">'))
    assert page_problems(handler) == ['a onload="…" attribute on <body>, which the policy blocks']


@pytest.mark.unit
def test_the_policy_allows_nothing_inline_nothing_evaluated_and_no_other_host() -> None:
    written = policy(["x"])
    assert "unsafe" not in written and "http" not in written and "*" not in written
    assert written.startswith("default-src 'none'; script-src 'self' 'sha256-")


@pytest.mark.build
def test_every_page_of_every_edition_has_a_policy_that_matches_its_scripts(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert {"404.html", "es/404.html", "index.html", "es/index.html"} <= {p.relative_to(site_dir).as_posix() for p in pages}
    assert policy_problems(site_dir) == []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, path
        assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), path
        assert '<meta name="referrer" content="same-origin">' in html, path


@pytest.mark.build
def test_a_page_changed_after_the_build_fails_the_check_with_one_line(site_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text((site_dir / "index.html").read_text(encoding="utf-8").replace('"no-js", "js"', '"no-js","js"'))
    lines = policy_problems(tmp_path)
    assert len(lines) == 1 and lines[0].startswith(f"{page}: an inline script is not in its policy ('sha256-"), lines


@pytest.mark.build
def test_each_edition_is_its_own_app(site_dir: Path) -> None:
    english = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    spanish = json.loads((site_dir / "es" / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (english["id"], spanish["id"]) == (SUB_PATH, SUB_PATH + "es/")
    assert english["scope"] == spanish["scope"] == "./"  # each relative to its own manifest: /leg-cramps/, /leg-cramps/es/
    assert re.fullmatch(r"/[\w/-]*/", english["id"])
