"""One strict build of the site for a whole test run, shared by every pytest-xdist worker.

The first worker to ask builds it under a file lock and records the result next to it; the others wait
on the lock and read the record. The port the site is built for is chosen once too, and every worker
serves the folder on it with SO_REUSEPORT, so the addresses baked into the site hold for all of them.
"""

from __future__ import annotations

import fcntl
import http.server
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.site import ROOT, SUB_PATH, BuildResult, free_port, mkdocs_build


@dataclass(frozen=True)
class SharedBuild:
    port: int
    result: BuildResult

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{SUB_PATH}"


class SharedPortServer(http.server.ThreadingHTTPServer):
    """An HTTP server that shares its port with the same server in the other workers."""

    allow_reuse_port = True
    daemon_threads = True


@contextmanager
def locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield


def shared_site_build(folder: Path) -> SharedBuild:
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "build.json"
    with locked(folder / "lock"):
        if not record.is_file():
            port = free_port()
            # As CI builds the site it deploys (CI set, SITE_URL the address it is published at).
            result = mkdocs_build(ROOT, folder / "site", CI="true", SITE_URL=f"http://127.0.0.1:{port}{SUB_PATH}")
            record.write_text(json.dumps({"port": port, "returncode": result.returncode, "output": result.output}))
        saved = json.loads(record.read_text())
    return SharedBuild(saved["port"], BuildResult(saved["returncode"], saved["output"], folder / "site"))
