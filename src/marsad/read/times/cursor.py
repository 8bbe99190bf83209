"""A scanner's hold on the tokens of a window: lookups at a token index.

Every reader asks the same few questions of the tokens — which phrase of a table starts
here, is this a number, are two tokens glued — so they are answered here once. The first
token of an expression may carry a clitic ("وخلال", "بالأمس"): `stripped` stands a copy
without it in for the token while a reader reads, so no reader has to know about clitics.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from marsad.read.normalize import Normalized
from marsad.read.times.grammar import Grammar, Phrases
from marsad.read.tokens import Token


class Hit(NamedTuple):
    """A phrase of a table found at a token: its value, view offsets, the token after it."""

    value: Any
    start: int
    end: int
    next: int


class Found(NamedTuple):
    """An expression read: what it said, its view offsets, the token after it."""

    said: Any
    start: int
    end: int
    next: int


class TokenCursor:
    """The tokens of one window of a view, and the grammar to read them with."""

    def __init__(self, view: Normalized, tokens: list[Token], grammar: Grammar) -> None:
        self.view, self.g = view, grammar
        self.tokens = list(tokens)  # a copy: `stripped` stands tokens in for a while
        self.count = len(tokens)
        self.stripped_at: set[int] = set()
        self.floor = 0  # the first token after the last mention: nothing before it is read again

    def token(self, index: int) -> Token | None:
        return self.tokens[index] if index < self.count else None

    def stripped(self, index: int, form: str, dropped: int, reader, *arguments) -> Found | None:
        """`reader(*arguments)` with the token at `index` read as `form` (a clitic of
        `dropped` characters taken off its start)."""
        token = self.tokens[index]
        self.tokens[index] = Token(form, token.start + dropped, token.end)
        self.stripped_at.add(index)
        try:
            return reader(*arguments)
        finally:
            self.tokens[index] = token
            self.stripped_at.discard(index)

    def word(self, index: int) -> str | None:
        token = self.token(index)
        return None if token is None else token.text

    def match(self, table: Phrases, index: int) -> Hit | None:
        """The longest phrase of `table` that starts at `tokens[index]`."""
        if index >= self.count:
            return None
        first = self.tokens[index]
        if first.text not in table.by_first:
            return None
        tokens = self.tokens
        if index + 1 < self.count:
            for words, value in table.by_first_two.get((first.text, tokens[index + 1].text), ()):
                end = index + len(words)
                if end <= self.count and all(tokens[index + k].text == words[k] for k in range(2, len(words))):
                    return Hit(value, first.start, tokens[end - 1].end, end)
        if first.text in table.single:
            return Hit(table.single[first.text], first.start, first.end, index + 1)
        return None

    def number(self, index: int) -> Token | None:
        token = self.token(index)
        if token is not None and token.text[0].isdigit() and token.text.isdigit():
            return token
        return None

    def is_punctuation(self, index: int, marks: tuple[str, ...]) -> bool:
        return self.word(index) in marks

    def adjacent(self, left: int, right: int) -> bool:
        a, b = self.token(left), self.token(right)
        return a is not None and b is not None and a.end == b.start

    def previous_is_cue(self, index: int) -> bool:
        if index == 0 or index in self.stripped_at:
            return False
        return self.g.is_cue(self.tokens[index - 1].text)

    def capitalised(self, index: int) -> bool:
        token = self.token(index)
        return self.view.original[self.view.original_offset(token.start)].isupper()

    def blocked(self, index: int, hit: Hit) -> bool:
        """Whether the word after a phrase says it is not a time ("اليوم التالي")."""
        words = (self.token(index).text, *(self.tokens[k].text for k in range(index + 1, hit.next)))
        blockers = self.g.not_followed_by.get(words)
        return bool(blockers) and self.word(hit.next) in blockers
