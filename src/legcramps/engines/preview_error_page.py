"""`make serve` while a build error stands: every page of the preview shows the error.

MkDocs' preview server, when a rebuild fails, keeps the browser waiting for a site that never comes.
The preview (legcramps.engines.mkdocs_preview) reports a failed build as built instead, so the server reloads
the open tabs, and this WSGI layer in front of MkDocs' own answers every page with the error: each
line as the build printed it (file, line, what is wrong, the fix). The page asks every half second
whether the error still stands and reloads itself when it changes or is fixed. Everything else (the
stylesheets, the live-reload requests) goes to MkDocs as before. Developer-facing words: English only.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

STATUS_PATH = "/.preview-error"  # what the error page polls: the error's number, or "ok" once fixed
STATUS = "200 OK"  # not an HTTP error: MkDocs would print every request for the page as a warning
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build error: the preview is not up to date</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
pre{{background:#fff4f4;border-left:4px solid #c00;padding:1rem;white-space:pre-wrap}}</style></head>
<body><h1>The site cannot be built</h1>
<p>Fix this in the file it names and save: this page reloads by itself once the site builds.</p>
<pre>{lines}</pre>
<script>
setInterval(function () {{
  fetch("{status}", {{cache: "no-store"}}).then(function (answer) {{ return answer.text(); }})
    .then(function (now) {{ if (now !== "{number}") location.reload(); }}, function () {{}});
}}, 500);
</script></body></html>
"""

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def error_page(lines: list[str], number: int) -> bytes:
    return PAGE.format(lines=html.escape("\n".join(lines), quote=False), status=STATUS_PATH, number=number).encode("utf-8")


def showing_errors(app: Wsgi, error: Callable[[], tuple[int, list[str]] | None]) -> Wsgi:
    """MkDocs' preview app, with every page answered by the error page while `error()` gives one."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        standing = error()
        if path == STATUS_PATH:
            start_response("200 OK", [("Content-Type", "text/plain"), ("Cache-Control", "no-store")])
            return [b"ok" if standing is None else str(standing[0]).encode()]
        if standing is None or not (path.endswith("/") or path.endswith(".html")):
            return app(environ, start_response)
        body = error_page(standing[1], standing[0])
        start_response(STATUS, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [body]

    return serve
