"""Serve the built site like a static host: under /leg-cramps/, with gzip, as GitHub Pages does.

tests/support/site.py's SiteServer sends files uncompressed; Lighthouse then counts the missing
compression against performance ("uses-text-compression"), which no real host would cause. This
server answers the same paths with the same 404 page, but gzips HTML, CSS, JS, JSON, SVG and XML for
clients that accept it (level 6, like bench/common.py's byte figures).
"""

from __future__ import annotations

import gzip
import mimetypes
import os
import sys
import traceback
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.common import COMPRESSED_SUFFIXES
from tests.support.site import SiteServer, _PagesHandler


class _GzipPagesHandler(_PagesHandler):
    cache: dict[str, bytes]

    def _compressed(self) -> tuple[bytes, str] | None:
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return None  # let the base class send its redirect
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or Path(path).suffix.lower() not in COMPRESSED_SUFFIXES:
            return None
        if path not in self.cache:
            self.cache[path] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8" if kind.startswith("text/") else ""
        return self.cache[path], kind

    def _send(self, body: bool) -> None:
        found = self._compressed()
        if found is None:
            if body:
                super().do_GET()
            else:
                super().do_HEAD()
            return
        data, kind = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._send(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(body=False)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # Lighthouse and Chromium drop connections mid-response; that is not an error of the site.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            traceback.print_exc()


def GzipSiteServer(site_dir: Path, port: int) -> SiteServer:  # noqa: N802 (used like a class)
    """tests.support.site.SiteServer, with gzip."""
    return SiteServer(site_dir, port, _GzipPagesHandler, _QuietServer, cache={})
