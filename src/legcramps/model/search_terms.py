"""The shared list of words readers type for the words pages use (data/<language>/search-terms.yml).

One list per language, read once per build: misspellings, other spellings, synonyms and lay ways of
saying a word. Pages keep only their own lay keywords; the search index gives each page the reader
words of every entry whose word is in the page's title or keywords (search_index.py). The file is
optional: an edition without one searches its pages' own words only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from legcramps.errors import ContentError
from legcramps.model.datafile import line_of, read_data

SEARCH_TERMS_FILE = "search-terms.yml"
SIGNS_SECTION = "signs"  # sign id -> phrases readers type for that one warning sign (search/signs.py)
_EXAMPLE = "charley horse: [charlie horse, charly horse]"
_WORD_BREAK = re.compile(r"[\s\-]+")  # where search splits words (Material's separator for English)
MOST_USES = 2  # more repeats of a word hardly change its weight in search (term frequency saturates)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normal(words: str) -> str:
    """How words are compared: lower case, one space between words, straight apostrophes."""
    return " ".join(words.translate(_APOSTROPHES).lower().split())


def words_of(text: str) -> list[str]:
    return [word for word in _WORD_BREAK.split(text) if word]


@functools.lru_cache(maxsize=4096)
def _pattern(words: str) -> re.Pattern[str]:
    """`words` as whole words or their plural: 'leg cramp' is in 'leg cramps at night', 'heat' is not in 'heatstroke'."""
    return re.compile(rf"(?<![\w']){re.escape(words)}(?:e?s)?(?![\w'])")


def _contains(text: str, words: str) -> bool:
    return _pattern(words).search(text) is not None


def _unaccented(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


@functools.lru_cache(maxsize=65536)  # the same words come back on page after page
def spellings(word: str) -> tuple[str, ...]:
    """The ways a reader may type a word: with an apostrophe also won’t (phones) and wont; with accents
    also without them (tiron for tirón, nino for niño), as people type on a keyboard without them."""
    forms = [word]
    if "'" in word:
        forms += [word.replace("'", "\u2019"), word.replace("'", "")]
    forms += [_unaccented(form) for form in forms]
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class SearchTerms:
    """word on the pages -> the words readers type for it, in the order of the file."""

    entries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)  # the line of each entry, for notes to editors
    signs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # sign id -> readers' phrases for it
    sign_lines: Mapping[str, int] = field(default_factory=dict)

    def reader_words(self, page_texts: Iterable[str]) -> list[str]:
        """The words the list adds to a page whose title and keywords are `page_texts`.

        Only words the page does not have yet: search matches words, not phrases, so 'cramp in my calf'
        adds nothing to a page that says 'calf cramp'. Each word comes as often as the page uses the
        word it stands for (up to twice), so a misspelling ranks the pages as the word itself does.
        """
        texts = [normal(text) for text in page_texts]
        own = {word for text in texts for word in words_of(text)}
        joined = " | ".join(texts)  # one search per entry: 1,000 pages stay quick
        found: list[str] = []
        for word, readers in self.entries.items():
            uses = min(len(_pattern(word).findall(joined)), MOST_USES) if word in joined else 0
            if uses:
                new = dict.fromkeys(part for reader in readers for part in words_of(reader) if part not in own)
                found += list(new) * uses
        return found

    def spelled(self, change: Callable[[str], str]) -> SearchTerms:
        """The list for an edition that respells words (UK English): its page words as that edition writes them."""
        entries: dict[str, tuple[str, ...]] = {}
        lines: dict[str, int] = {}
        for word, readers in self.entries.items():
            new = normal(change(word))
            if not new:  # an edition that drops the word altogether
                continue
            entries[new] = tuple(dict.fromkeys((*entries.get(new, ()), *readers)))
            lines.setdefault(new, self.lines.get(word, 1))
        signs = {sign: tuple(normal(change(phrase)) for phrase in phrases) for sign, phrases in self.signs.items()}
        return SearchTerms(entries, lines, signs, self.sign_lines)

    def unused(self, pages_words: Iterable[Iterable[str]]) -> list[str]:
        """Entries whose word no page has in its title or keywords: their reader words find nothing."""
        joined = " | ".join(normal(words) for page in pages_words for words in page)
        return [word for word in self.entries if word not in joined or not _contains(joined, word)]


def _words(value: object, what: str, line: int | None) -> str:
    if isinstance(value, bool):  # YAML reads yes, no, on and off as true or false
        raise ContentError("a word here is read as true or false (as yes, no, on and off are): put it in quotes, "
                           'e.g. "no": [nope]', line)
    if value is None or isinstance(value, (list, dict)):
        raise ContentError(f"{what} must be a word or phrase, e.g. {_EXAMPLE}", line)
    words = normal(str(value))
    if not words:
        raise ContentError(f"{what} is empty: write a word or phrase, e.g. {_EXAMPLE}", line)
    return words


def _line_after(text: str, needle: str, start: int | None, nth: int = 1) -> int | None:
    """The line of the nth reader word `needle` of the entry on line `start` (after its colon there)."""
    lines = text.splitlines()
    begin = (start or 1) - 1
    seen = 0
    for number in range(begin, len(lines)):
        line = lines[number].split(":", 1)[-1] if number == begin else lines[number]
        seen += needle in normal(line)
        if seen >= nth:
            return number + 1
    return start


def _bool_line(text: str) -> int | None:
    """The line of a key YAML read as true or false (yes, no, on, off), to point the editor at it."""
    found = re.search(r"^[ \t]*(yes|no|on|off|true|false|y|n)[ \t]*:", text, re.MULTILINE | re.IGNORECASE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def load_search_terms(path: Path) -> SearchTerms:
    """Read and check the list; a missing file is an empty list. Raises ContentError with the line."""
    if not path.is_file():
        return SearchTerms()
    data, text = read_data(path)
    if data is None:
        return SearchTerms()
    if not isinstance(data, dict):
        raise ContentError(f"the file must be a list of 'page word: [reader words]' lines, e.g. {_EXAMPLE}", 1)
    signs, sign_lines = _sign_phrases(data.pop(SIGNS_SECTION, None), text)
    entries: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for key, value in data.items():
        line = line_of(text, str(key)) or (_bool_line(text) if isinstance(key, bool) else None)
        word = _words(key, f"'{key}'", line)
        if word in entries:
            raise ContentError(f"'{word}' is written twice (in other letters or spacing): keep one line for it", line)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise ContentError(f"'{word}' needs a list of the words readers type for it, e.g. {_EXAMPLE}", line)
        readers: list[str] = []
        for item in value:
            reader = _words(item, f"a word listed for '{word}'", line)
            if reader == word:
                raise ContentError(f"'{reader}' is listed for itself: list only other words readers type for it",
                                   _line_after(text, reader, line))
            if reader in readers:
                raise ContentError(f"'{reader}' is listed twice for '{word}': keep one", _line_after(text, reader, line, 2))
            readers.append(reader)
        entries[word] = tuple(readers)
        lines[word] = line or 1
    return SearchTerms(entries, lines, signs, sign_lines)


def _sign_phrases(value: object, text: str) -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """The `signs:` section: a warning sign's id (warning-signs.yml, topic-signs.yml) -> what readers type for it."""
    if value is None:
        return {}, {}
    where = line_of(text, SIGNS_SECTION)
    if not isinstance(value, dict):
        raise ContentError("'signs' must list sign ids, each with the phrases readers type for it, "
                           "e.g. calf-swollen: [swollen leg]", where)
    signs: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for sign, phrases in value.items():
        line = line_of(text, str(sign)) or where
        if isinstance(phrases, str):
            phrases = [phrases]
        if not isinstance(phrases, list) or not phrases:
            raise ContentError(f"the sign '{sign}' needs a list of phrases readers type for it, e.g. [swollen leg]", line)
        signs[str(sign)] = tuple(dict.fromkeys(_words(item, f"a phrase listed for the sign '{sign}'", line)
                                               for item in phrases))
        lines[str(sign)] = line or 1
    return signs, lines
