"""Running the project's Makefile from a test."""

from __future__ import annotations

import os


def make_env() -> dict[str, str]:
    """The environment of a make run on its own, even when `make test` runs the tests (no parent make's flags)."""
    return {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
