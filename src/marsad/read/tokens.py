"""Words and numbers of a normalised view, with their positions in it.

A token is a run of letters (with their attached clitics: وبدير), a number with its
separators (9,000 · 1.5 · 10-15 stays three tokens), or one other non-space character.

Readers make hundreds of thousands of tokens per megabyte, so `tokenize` makes them without
a Python step per token: one `findall` gives each token with the spaces before it, and the
positions follow from the lengths (a token never holds a space, and nothing but spaces
lies between two tokens).
"""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate
from operator import sub
from typing import NamedTuple

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
# A token with the spaces before it: the view's pieces, end to end.
_PIECE = re.compile(r"\s*(?:" + TOKEN.pattern + ")")


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


# make_token((text, start, end)) is Token(text, start, end) without a Python call: readers
# make tokens by the hundred thousand.
make_token = partial(tuple.__new__, Token)


def tokenize(view: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `view[start:end]`, positions relative to the whole view."""
    pieces = _PIECE.findall(view, start, len(view) if end is None else end)
    texts = list(map(str.lstrip, pieces))
    ends = list(accumulate(map(len, pieces), initial=start))[1:]  # pieces are contiguous from `start`
    starts = map(sub, ends, map(len, texts))
    return list(map(make_token, zip(texts, starts, ends)))
