"""An edition's spelling (e.g. UK English): words that differ from the original, written once as data.

`data/<language>/spelling-<locale>.yml` maps original words to the edition's. They are changed in
text only, never inside tags, scripts or styles, so links and class names stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from legcramps.errors import ContentError
from legcramps.model.datafile import line_of, read_data, require_mapping

_TAG_OR_TEXT = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Spelling:
    pattern: re.Pattern[str] | None
    words: dict[str, str]  # lower-case original -> the edition's word

    def text(self, text: str) -> str:
        """Change every listed word in plain text, keeping a capital first letter."""
        if self.pattern is None:
            return text
        return self.pattern.sub(self._replace, text)

    def html(self, html: str) -> str:
        """Change words in an HTML document's text only."""
        if self.pattern is None:
            return html
        parts = _TAG_OR_TEXT.split(html)
        return "".join(part if index % 2 else self.text(part) for index, part in enumerate(parts))

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group(0)
        new = self.words[found.lower()]
        return new[:1].upper() + new[1:] if found[:1].isupper() and new else new


NO_SPELLING = Spelling(None, {})


def load_spelling(path: Path) -> Spelling:
    """The edition's spelling list, or no changes when the file does not exist."""
    if not path.is_file():
        return NO_SPELLING
    data, text = read_data(path)
    words = require_mapping(data, "the file")
    for original, new in words.items():
        if not isinstance(original, str) or not original.strip() or not isinstance(new, str):
            raise ContentError(f"{original!r}: write each line as us word: uk word (in quotes if it has a colon)",
                               line_of(text, str(original)))
    pairs = {original.lower(): new for original, new in words.items()}
    ordered = sorted(pairs, key=len, reverse=True)  # longer phrases win: "water pills" before "water pill"
    alternatives = "|".join(
        (r"\b" if word[:1].isalnum() else "") + re.escape(word) + (r"\b" if word[-1:].isalnum() else "")
        for word in ordered
    )
    return Spelling(re.compile(alternatives, re.IGNORECASE), pairs)


