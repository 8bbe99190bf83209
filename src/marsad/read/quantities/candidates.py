"""Where a figure may start, and the tokens around it, made only when read.

The reader does not tokenize the whole text: an Aho-Corasick automaton over the number,
vague and dual-noun words (`Grammar.triggers`) and a digit scan find the places where a
figure may start, and only the few tokens around each are made (`LazyTokens`), which keeps
the reader well above the 2 MB/s budget of the whole reading layer even on casualty
reports dense with figures.
"""

from __future__ import annotations

import re

from marsad.read.quantities.grammar import Grammar
from marsad.read.tokens import TOKEN, Token, make_token

BACK_TOKENS = 64  # how far back a figure's hedge, opener or year word may be looked for
AHEAD_BATCH = 3  # tokens made ahead beyond the one asked for

DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def candidates(g: Grammar, text: str) -> list[int]:
    """View positions of the tokens where a figure may start: digits, and number, vague and
    dual-noun words at a word start (after a proclitic at most)."""
    positions = {match.start() for match in DIGITS.finditer(text)}
    length = len(text)
    for end, size in g.triggers.iter(text):
        start = end - size + 1
        if end + 1 < length and text[end + 1].isalpha():
            continue
        word_start = start
        while word_start > 0 and text[word_start - 1].isalpha() and start - word_start < 4:
            word_start -= 1
        if word_start > 0 and text[word_start - 1].isalpha():
            continue
        if word_start != start and text[word_start:start] not in g.clitic_set:
            continue
        positions.add(word_start)
    return sorted(positions)


class LazyTokens(dict):
    """The tokens of a view around one position, made only when read.

    Index `anchor` is the token at the position; lower indices go back, higher ones
    forward, and an index past either end of the text (or BACK_TOKENS back) is None. Most
    figures need a handful of tokens on either side, so tokenizing the whole text (or a
    window) would cost more than reading the figures. Going back, the same
    tokenizer runs over the reversed view: its three token patterns read the same both ways
    (a run of digits and separators, a run of letters, one other character). A dict, so
    that a token already made is found at C speed and only a new one calls `__missing__`."""

    anchor = BACK_TOKENS

    def __init__(self, text: str, reversed_text: str, position: int) -> None:
        super().__init__()
        self.length = len(text)
        self.forward = TOKEN.finditer(text, position)
        self.backward = TOKEN.finditer(reversed_text, len(text) - position)
        self.ahead = self.behind = 0  # how many made each way

    def __missing__(self, index: int) -> Token | None:
        if index >= BACK_TOKENS:
            ahead, wanted = self.ahead, index + AHEAD_BATCH
            for match in self.forward:  # a few at a time: most figures read several
                self[BACK_TOKENS + ahead] = make_token((match.group(), *match.span()))
                ahead += 1
                if BACK_TOKENS + ahead > wanted:
                    break
            self.ahead = ahead
        elif index >= 0:
            behind, length = self.behind, self.length
            for match in self.backward:
                behind += 1
                self[BACK_TOKENS - behind] = make_token((match.group()[::-1], length - match.end(), length - match.start()))
                if BACK_TOKENS - behind <= index or behind >= BACK_TOKENS:
                    break
            self.behind = behind
        if index not in self:
            self[index] = None  # past either end: no token, now and later
        return self[index]
