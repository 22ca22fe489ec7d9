"""The theme's compiled templates kept between builds, in the handout cache's folder.

Every build compiles Material's templates (and overrides/) from source before writing the first page:
a tenth of a build whose handout did not change. With `HANDOUT_CACHE_DIR` set (`make build` in the
deploy workflow, `make serve`), Jinja keeps the compiled code in its `theme-templates/` subfolder. A
stored template is used only when its source's checksum and Jinja's and Python's versions match, so an
edited template, a theme upgrade or a new Python compiles afresh. A build without the folder compiles
everything, as before. `make serve` keeps them in memory instead (MemoryBytecodeCache, one per server).
"""

from __future__ import annotations

import jinja2

from legcramps.handout.cache import bytecode_cache

FOLDER = "theme-templates"


def theme_bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's file cache in the cache folder's theme-templates/, or None when no folder is given."""
    return bytecode_cache(FOLDER)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
