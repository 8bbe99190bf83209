"""Where to read: the stretches of a view around the words no time expression can do
without.

Time expressions are sparse, and nearly all of a text's words are glue ("في", "the").
Each expression holds a core word (see `Grammar._core_words`: a month, a weekday, a unit,
"أمس" …) or a number of four digits or more, so only a window around each is tokenised
and read; overlapping windows are one, so nothing is read twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import chain

from marsad.read.times.grammar import Grammar, answers

# Words and numbers, for finding where to read: a number keeps its date separators
# ("3/1/2024", "2024-01-15", "05.01.2024"; a four-digit number may be a year).
WORDS = re.compile(r"[^\W\d_]+|\d+(?:[./-]\d+){0,2}")
# The farthest a core word is from the start of its expression, in tokens ("في غضون أقل من
# ثلاثة أسابيع", "since the start of the year").
START_REACH = 8
# How far around a core word (see `Grammar._core_words`) to read, in characters: an
# expression starts at most START_REACH tokens before it, and ends at most a few words after
# its last core word ("الأشهر الستة الماضية", "22 جمادى الآخرة 1445 هـ").
BEFORE, AFTER = 48, 24


def windows(text: str, g: Grammar) -> Iterator[tuple[int, int, set[int]]]:
    """(start, end, where the core words start) of each window of `text`, in text order."""
    window_start = window_end = -1
    cores: set[int] = set()  # where the core words of the current window start
    for start, end in _finder(g).core_words(text):
        before = _word_start(text, start - BEFORE)
        if before <= window_end:  # overlapping windows are one
            window_end = max(window_end, _word_end(text, end + AFTER))
            cores.add(start)
            continue
        if window_end >= 0:
            yield window_start, window_end, cores
        window_start, window_end = before, _word_end(text, end + AFTER)
        cores = {start}
    if window_end >= 0:
        yield window_start, window_end, cores


class _CoreWordFinder:
    """Finds the core words of a text without a Python step per word.

    A text is cut at its spaces (no word runs over one), and what each piece holds is kept
    (`pieces`: a piece such as "(يناير)" → its core words), so that a text's pieces are
    looked up all at once and only the few core words are then located in the text."""

    def __init__(self, g: Grammar) -> None:
        self.g = g
        self.pieces: dict[str, tuple[str, ...]] = {}

    def core_words(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each core word of `text`, in text order."""
        pieces, known = text.split(), self.pieces
        if len(known) > 200_000:
            known.clear()
        cursor = 0
        for word in chain.from_iterable(filter(None, answers(known, pieces, self._core_words_of))):
            start = _whole_word(text, word, cursor)  # the first such word after the last is this one
            if start >= 0:
                cursor = start + len(word)
                yield start, cursor


    def _core_words_of(self, piece: str) -> tuple[str, ...]:
        found = self.pieces[piece] = tuple(word for word in WORDS.findall(piece) if self.g.is_core(word))
        return found


def _whole_word(text: str, word: str, position: int) -> int:
    """Where `word` is first found in `text` from `position` on as a whole word (or number):
    not inside a longer one. -1 if it is not."""
    inside = _is_digit if word[0].isdigit() else _is_letter
    start = text.find(word, position)
    while start >= 0:
        end = start + len(word)
        if not (start and inside(text[start - 1])) and not (end < len(text) and inside(text[end])):
            return start
        start = text.find(word, start + 1)
    return -1


def _is_letter(character: str) -> bool:
    r"""What WORDS takes for a letter (the regex class [^\W\d_]), as a test of one character."""
    return character.isalnum() and not character.isdecimal()


def _is_digit(character: str) -> bool:
    return character.isdecimal()


@cache
def _finder(g: Grammar) -> _CoreWordFinder:
    return _CoreWordFinder(g)


def _word_start(text: str, position: int) -> int:
    position = max(0, position)
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    position = min(len(text), position)
    while position < len(text) and not text[position].isspace():
        position += 1
    return position
