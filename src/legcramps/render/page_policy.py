"""Every page's Content-Security-Policy, with the hashes of the page's own inline scripts.

GitHub Pages sends no security headers, so the policy is a `<meta http-equiv>` in the page's head
(overrides/page.html writes it with POLICY_MARK in place of the policy). `with_policy` fills it in
from the page exactly as written, the last step before the page is saved; `policy_problems` reads
every built page again and names, in one line each, a page whose inline scripts and policy disagree,
so the build fails instead of the reader's browser. Scripts are allowed from the site's own origin
and by hash only: no 'unsafe-inline', no 'unsafe-eval', no other hosts (handbook/security.md).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

POLICY_MARK = "legcramps:content-security-policy"
# Every fetch a page makes is to its own site: styles, images (Material's icons are data: SVGs in its
# CSS), the search index, the search worker, the offline worker and the manifest.
DIRECTIVES = (
    "default-src 'none'",
    "script-src 'self'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
)
# Script types a browser runs; anything else (application/json, ld+json, text/plain) is data.
RUNNABLE = {"", "text/javascript", "application/javascript", "module"}


class _Scripts(HTMLParser):
    """The page's inline scripts, its policies, and what a strict policy blocks without a hash."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.policies: list[str] = []
        self.scripts_before_policy = 0
        self.blocked: list[str] = []  # inline handlers, style attributes and elements
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))
        if tag == "script":
            if not self.policies:
                self.scripts_before_policy += 1
            runnable = "src" not in values and values.get("type", "").strip().lower() in RUNNABLE
            self._text = [] if runnable else None
        if tag == "style":
            self.blocked.append("a <style> element")
        self.blocked += [f'a {name}="…" attribute on <{tag}>' for name in values
                         if name.startswith("on") or name == "style"]

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._text is not None:
            self.inline.append("".join(self._text))
            self._text = None


def _read(html: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser


def script_hash(text: str) -> str:
    """The CSP source for one inline script: its exact text, UTF-8, SHA-256, base64."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(scripts: list[str]) -> str:
    hashes = "".join(" " + source for source in dict.fromkeys(script_hash(text) for text in scripts))
    return "; ".join(DIRECTIVES).format(hashes=hashes)


def with_policy(html: str) -> str:
    """The page with POLICY_MARK replaced by the policy for its own inline scripts (pages without the mark,
    such as a redirect page, are left as they are)."""
    if POLICY_MARK not in html:
        return html
    return html.replace(POLICY_MARK, policy(_read(html).inline))


def page_problems(html: str) -> list[str]:
    """What is wrong with one page's policy, each a short phrase (a page without a policy is wrong too)."""
    page = _read(html)
    if len(page.policies) != 1:
        return [f"{len(page.policies)} Content-Security-Policy meta tags (one is needed, in the <head>)"]
    problems = [f"{page.scripts_before_policy} script(s) before the Content-Security-Policy meta tag"
                if page.scripts_before_policy else ""]
    written = page.policies[0]
    if written != policy(page.inline):
        allowed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", written))
        needed = {script_hash(text) for text in page.inline}
        problems += [f"an inline script is not in its policy ({source})" for source in sorted(needed - allowed)]
        problems += [f"its policy allows a script it does not have ({source})" for source in sorted(allowed - needed)]
        problems += ["its policy is not the site's (src/legcramps/render/page_policy.py)" if allowed == needed else ""]
    problems += [f"{what}, which the policy blocks" for what in dict.fromkeys(page.blocked)]
    return [problem for problem in problems if problem]


def policy_problems(site_dir: Path) -> list[str]:
    """One plain line per page whose inline scripts and Content-Security-Policy disagree, for every HTML
    page of a built site (every edition, the 404 pages too)."""
    lines = []
    for path in sorted(site_dir.rglob("*.html")):
        problems = page_problems(path.read_text(encoding="utf-8"))
        if problems:
            lines.append(f"{path}: {'; '.join(problems)}: the page changed after its policy was written; build again, "
                         "and add inline scripts in overrides/ only (the hook hashes them), or move them to a file")
    return lines
