"""Which WeasyPrint messages are about this machine, and which are about the handout's files.

WeasyPrint reports both kinds on one logger. A mistake an editor can make (a missing `lang` or
`alt`, a CSS typo, a font file that is not there, a character the font lacks) must stop
`mkdocs build --strict` naming the file. A missing or old optional system library is not an
editor's mistake: the PDF is still made, so it is shown once as a plain notice and `make doctor`
says what to install.

The rule, decided per message:

- MACHINE: a WARNING that matches one of `MACHINE_MESSAGES` below: WeasyPrint asks for a system
  library (or a newer one) and still writes the PDF.
- CONTENT: everything else, and every ERROR. A message nobody has looked at yet stops the build
  until it is added here with the reason it cannot be an editor's mistake.
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass


class Kind(enum.Enum):
    MACHINE = "machine"  # shown once as a notice; never fails --strict
    CONTENT = "content"  # re-logged at its own level, naming the file; fails --strict


@dataclass(frozen=True)
class MachineMessage:
    pattern: re.Pattern[str]  # searched in the message, white space collapsed
    reason: str  # why an editor cannot cause it


MACHINE_MESSAGES: tuple[MachineMessage, ...] = (
    MachineMessage(
        re.compile(r"^Using fontTools instead of HarfBuzz-Subset for font "),
        "HarfBuzz-Subset (libharfbuzz-subset0) is missing or older than 4.1: fontTools subsets the "
        "font instead, slower, into an equivalent PDF",
    ),
    MachineMessage(
        re.compile(r"^Please install HarfBuzz version \S+ with harfbuzz-vector to display "),
        "the system HarfBuzz is too old to draw colour emoji fonts; the handout's font has none",
    ),
)

# WeasyPrint also says it once at import, as a DeprecationWarning, when HarfBuzz-Subset is missing.
# The notice for the first message above already says so; the renderer filters this duplicate out.
IMPORT_DUPLICATE = r"HarfBuzz-Subset will be required by future versions of WeasyPrint"

NOTICE_PREFIX = "WeasyPrint notice about this machine"


def classify(message: str, level: int = logging.WARNING) -> Kind:
    """Whether one WeasyPrint message is about the machine or about the handout's files."""
    if level >= logging.ERROR:
        return Kind.CONTENT
    text = " ".join(message.split())
    if any(rule.pattern.search(text) for rule in MACHINE_MESSAGES):
        return Kind.MACHINE
    return Kind.CONTENT


def machine_notice(message: str) -> str:
    """The one line shown for a machine message: what WeasyPrint said, and where the fix is."""
    text = " ".join(message.split())
    return (
        f"{NOTICE_PREFIX} (not a mistake in the pages or the handout; the PDF is still made): {text} "
        "Run `make doctor` to see what to install."
    )


def is_notice(line: str) -> bool:
    """Whether a forwarded line is a machine notice (a rendered PDF that only noticed is still clean)."""
    return line.startswith(NOTICE_PREFIX)
