"""WeasyPrint's messages during a handout render, re-logged on the site build's logger.

Content messages (a missing `lang` or `alt`, a CSS mistake) name the file and fail a strict build;
machine messages (weasyprint_messages.py) become one notice. Each line is reported once per build.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from legcramps.handout.templates import rel
from legcramps.handout.weasyprint_messages import Kind, classify, machine_notice

_DATA_URI = re.compile(r"data:[^\s\"')]{40,}")


class _Forward(logging.Handler):
    """Re-log WeasyPrint's warnings and errors on the MkDocs logger, naming the file to fix.

    A message about the machine (a missing optional library) becomes one INFO notice instead.
    """

    def __init__(self, where: str, target: logging.Logger, seen: set[str]) -> None:
        super().__init__(logging.WARNING)
        self.where = where
        self.target = target
        self.seen = seen  # the same mistake on both paper sizes is reported once

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(_DATA_URI.sub(lambda m: m.group(0)[:30] + "...", record.getMessage()).split())
        if classify(message, record.levelno) is Kind.MACHINE:  # the rule: weasyprint_messages.py
            line, level = machine_notice(message), logging.INFO
        else:
            line, level = f"{self.where}: WeasyPrint: {message}", record.levelno
        if line not in self.seen:
            self.seen.add(line)
            self.target.log(level, "%s", line)


@contextmanager
def forward_weasyprint_logs(where: Path, logger_name: str, seen: set[str]) -> Iterator[None]:
    source = logging.getLogger("weasyprint")
    handler = _Forward(rel(where), logging.getLogger(logger_name), seen)
    level = source.level
    if level == logging.NOTSET or level > logging.WARNING:
        source.setLevel(logging.WARNING)
    source.addHandler(handler)
    try:
        yield
    finally:
        source.removeHandler(handler)
        source.setLevel(level)


