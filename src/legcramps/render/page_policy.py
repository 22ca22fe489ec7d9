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
from dataclasses import dataclass, field
from html import unescape
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


# A page read the way a browser's HTML tokenizer splits it, as far as a policy is concerned: comments
# are skipped, a raw-text element (script, style, textarea, title) runs to its own end tag whatever it
# holds, and every other start tag is read for its attributes. One regular expression, not
# html.parser: that parser is about 0.2 s per edition's build, with_policy runs on every page as it is
# written and policy_problems on every page again (tests/test_security.py holds the cases).
_ATTRIBUTES = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""  # possessive: no backtracking
_TOKEN = re.compile(
    rf"<!--.*?(?:-->|$)|<(script|style|textarea|title)(?=[\s/>])({_ATTRIBUTES})>(.*?)(?:</\1(?=[\s/>])[^>]*>|$)"
    rf"|<([a-zA-Z][^\s/>]*)({_ATTRIBUTES})>",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_MAY_BLOCK = re.compile(r"""(?:^|[\s"'/])(?:on|style)""", re.IGNORECASE)  # an attribute a policy may block


@dataclass
class _Scripts:
    """The page's inline scripts, its policies, and what a strict policy blocks without a hash."""

    inline: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    scripts_before_policy: int = 0
    blocked: list[str] = field(default_factory=list)  # inline handlers, style attributes and elements


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        found.setdefault(name, unescape(next((v for v in match.group(2, 3, 4) if v is not None), "")))
    return found


def _read(html: str) -> _Scripts:
    page = _Scripts()
    for match in _TOKEN.finditer(html):
        raw_tag, raw_attributes, text, tag, attributes = match.groups()
        if raw_tag is None and tag is None:
            continue  # a comment
        if raw_tag is None and tag.lower() != "meta" and not _MAY_BLOCK.search(attributes):
            continue  # most tags: nothing here for a policy
        tag = (raw_tag or tag).lower()
        values = _attributes(raw_attributes if raw_tag is not None else attributes)
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            page.policies.append(values.get("content", ""))
        if tag == "script":
            if not page.policies:
                page.scripts_before_policy += 1
            if "src" not in values and values.get("type", "").strip().lower() in RUNNABLE:
                page.inline.append(text)
        if tag == "style":
            page.blocked.append("a <style> element")
        page.blocked += [f'a {name}="…" attribute on <{tag}>' for name in values
                         if name.startswith("on") or name == "style"]
    return page


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
