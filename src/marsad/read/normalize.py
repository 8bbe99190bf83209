"""A matching view of a text that never loses the original.

`normalize(text)` folds what writers vary — Arabic diacritics and tatweel, alef and hamza
forms, alef maqsura, ta marbuta, Persian letter forms, Arabic-Indic and Persian digits,
invisible marks, odd spaces, letter case — and keeps a map from every position of the view
back to the text as published, so whatever is found in the view is reported as a span of
the original.

Folding is one character to one character, or a character dropped; never one to many. The
map therefore only has to remember where characters were dropped.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, cached_property

from pydantic import BaseModel

from marsad.lang import topics
from marsad.model import Evidence

# Unicode facts, not language: invisible format characters are dropped, and every kind of
# space becomes a plain space.
INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"


class NormalizationData(BaseModel):
    drop: list[str] = []
    fold: dict[str, str] = {}


@dataclass(frozen=True)
class Normalized:
    """`text` is the matching view of `original`; `dropped_at[k]` is the view position
    where the k-th dropped character of the original would have been."""

    original: str
    text: str
    dropped_at: tuple[int, ...]

    def original_offset(self, position: int) -> int:
        """Where the character at `position` of the view is in the original."""
        return position + bisect_right(self.dropped_at, position)

    def view_offset(self, original_position: int) -> int:
        """Where a position of the original falls in the view (a dropped character: the next kept one)."""
        dropped_before = bisect_left(self.dropped_in_original, original_position)
        return original_position - dropped_before

    @cached_property
    def dropped_in_original(self) -> tuple[int, ...]:
        return tuple(position + index for index, position in enumerate(self.dropped_at))

    def evidence(self, start: int, end: int) -> Evidence:
        """`text[start:end]` as evidence: its span of the original (`original_span`) and
        what is written there."""
        begin, stop = self.original_span(start, end)
        return Evidence(start=begin, end=stop, text=self.original[begin:stop])

    def _is_dropped(self, original_position: int) -> bool:
        index = bisect_left(self.dropped_in_original, original_position)
        return index < len(self.dropped_in_original) and self.dropped_in_original[index] == original_position

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original behind `text[start:end]`, with the marks that sit on
        its last letter (a final tanween: هجوماً) but not the invisible ones after it."""
        if not self.dropped_at:
            return start, max(start, end)
        if end <= start:
            offset = self.original_offset(start)
            return offset, offset
        original_end = self.original_offset(end - 1) + 1
        while self._is_dropped(original_end) and _is_mark(self.original[original_end]):
            original_end += 1
        return self.original_offset(start), original_end


def normalize(text: str) -> Normalized:
    table, dropped = _tables()
    positions = [match.start() for match in dropped.finditer(text)]
    folded = text.translate(table)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a few letters lowercase to two characters (İ)
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in folded)
    return Normalized(text, lowered, tuple(position - index for index, position in enumerate(positions)))


@cache
def _tables() -> tuple[dict[int, str | None], re.Pattern]:
    drop = [INVISIBLE]
    table: dict[int, str | None] = {ord(space): " " for space in _expand(SPACES)}
    for data in topics("normalization", NormalizationData).values():
        drop.extend(data.drop)
        for source, target in data.fold.items():
            if len(source) != 1 or len(target) != 1:
                raise ValueError(f"normalization folds one character to one: {source!r} → {target!r}")
            table[ord(source)] = target
    pattern = re.compile("[" + "".join(drop) + "]")
    for character in _expand("".join(drop)):
        table[ord(character)] = None
    return table, pattern


def _expand(character_class: str) -> list[str]:
    """The characters of a regex class body such as "a-cx" → a, b, c, x."""
    characters, index = [], 0
    while index < len(character_class):
        if index + 2 < len(character_class) and character_class[index + 1] == "-":
            characters += [chr(code) for code in range(ord(character_class[index]), ord(character_class[index + 2]) + 1)]
            index += 3
        else:
            characters.append(character_class[index])
            index += 1
    return characters


def _is_mark(character: str) -> bool:
    return unicodedata.category(character) == "Mn" or character == "\u0640"
