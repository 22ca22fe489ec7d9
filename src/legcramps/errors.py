"""The one exception type for mistakes an editor can make, and the one-line report of each."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


class ContentError(ValueError):
    """A content mistake. Its message says what is wrong and how to fix it, in plain words.

    `line` is the line of the mistake inside the text being read, when known; whoever knows the
    file turns it into a `Problem`. `where` names the place when it is not that file (an environment variable).
    """

    def __init__(self, message: str, line: int | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.where = where


@dataclass(frozen=True)
class Problem:
    """One mistake, reported as one line: `file:line: what is wrong and the fix`."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentProblems(Exception):
    """Raised when a build must stop: carries every problem found, the first one first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The choice a misspelt `value` most likely meant, or None when none is close."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """' (did you mean 'chan1998'?)' for the closest choice, or a list of choices when none is close."""
    options = list(choices)
    close = closest(value, options)
    if close:
        return f" (did you mean {close!r}?)"
    return f" (use one of: {', '.join(options)})" if len(options) <= 15 else ""


class MachineProblem(RuntimeError):
    """Something missing on this computer (a library, a file the tools need), never an editor's mistake.

    The message says what is missing and the command that fixes it.
    """
