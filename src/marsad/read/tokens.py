"""Words and numbers of a normalised view, with their positions in it.

A token is a run of letters (with their attached clitics: وبدير), a number with its
separators (9,000 · 1.5 · 10-15 stays three tokens), or one other non-space character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def tokenize(view: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `view[start:end]`, positions relative to the whole view."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(view, start, len(view) if end is None else end)]
