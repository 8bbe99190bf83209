"""Phrases of the language data matched against the tokens of a view: starting at a token
(a counted noun after a figure), or ending just before one (a hedge before it, "ما لا يقل
عن"), with an optional proclitic or article on their first word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from marsad.read.numbers import fold, token_at
from marsad.read.tokens import Token, tokenize

V = TypeVar("V")


class Prefixes:
    """Takes one of a few prefixes (the proclitics و ب ل ..., the article) off a token.

    The same words recur all through a text, so each token's variants are kept."""

    def __init__(self, prefixes: Sequence[str] = ()) -> None:
        self.by_character: dict[str, list[str]] = {}
        for prefix in sorted(set(prefixes), key=len, reverse=True):
            self.by_character.setdefault(prefix[0], []).append(prefix)
        self.known: dict[str, tuple[tuple[int, str], ...]] = {}
        self.rests_known: dict[str, frozenset[str]] = {}

    def variants(self, text: str) -> tuple[tuple[int, str], ...]:
        """(prefix length, rest): the token itself first, then without each prefix it has."""
        found = self.known.get(text)
        if found is None:
            found = ((0, text),) + tuple(
                (len(prefix), text[len(prefix) :])
                for prefix in self.by_character.get(text[:1], ())
                if text.startswith(prefix) and len(text) > len(prefix)
            )
            if len(self.known) > 100_000:
                self.known.clear()
                self.rests_known.clear()
            self.known[text] = found
        return found

    def rests(self, text: str) -> frozenset[str]:
        """The token itself and what is left without each prefix it has."""
        found = self.rests_known.get(text)
        if found is None:
            found = self.rests_known[text] = frozenset(rest for _, rest in self.variants(text))
        return found


NO_PREFIXES = Prefixes()


class Phrases(Generic[V]):
    """Token sequences of a view, matched at or before a token. "*" is any one word (not
    first). A proclitic or article may sit on the first token when the caller passes
    `prefixes`.

    A figure asks a dozen tables about each token around it, and most answers are "no
    phrase here": which phrases may start or end at a token's text is worked out once per
    text and kept (`_starting`, `_ending`), so a lookup is one dictionary probe."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        self.by_last: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        self._starting: dict[Prefixes, dict[str, tuple]] = {}
        self._ending: dict[Prefixes, dict[str, list]] = {}

    def add(self, phrase: str, value: V) -> None:
        words = tuple(token.text for token in tokenize(fold(phrase)))
        if not words or words[0] == "*":
            raise ValueError(f"phrase {phrase!r} must start with a word")
        for index, key in ((self.by_first, words[0]), (self.by_last, words[-1])):
            entries = index.setdefault(key, [])
            entries.append((words, value))
            entries.sort(key=lambda entry: -len(entry[0]))
        self._starting.clear()
        self._ending.clear()

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def at(self, tokens: Sequence[Token], index: int, prefixes: Prefixes = NO_PREFIXES) -> tuple[V, int, int] | None:
        """The longest phrase starting at `tokens[index]`: (value, next index, prefix length)."""
        token = token_at(tokens, index)
        if token is None:
            return None
        known = self._starting.get(prefixes)
        if known is None:
            known = self._starting[prefixes] = {}
        starting = known.get(token.text)
        if starting is None:
            starting = known[token.text] = self._starting_with(token.text, prefixes)
            if len(known) > 100_000:
                known.clear()
        best = None
        for prefix, entries in starting:
            for words, value in entries:
                end = index + len(words)
                if _follows(tokens, index, words):
                    if best is None or end > best[1]:
                        best = (value, end, prefix)
                    break
        return best

    def _starting_with(self, text: str, prefixes: Prefixes) -> tuple:
        """(prefix length, phrases whose first word is the rest) for each variant of `text`."""
        return tuple(
            (prefix, self.by_first[rest]) for prefix, rest in prefixes.variants(text) if rest in self.by_first
        )

    def before(self, tokens: Sequence[Token], index: int, prefixes: Prefixes = NO_PREFIXES) -> tuple[V, int, int] | None:
        """The longest phrase ending just before `tokens[index]`: (value, first index, prefix length)."""
        token = token_at(tokens, index - 1)
        if token is None:
            return None
        known = self._ending.get(prefixes)
        if known is None:
            known = self._ending[prefixes] = {}
        candidates = known.get(token.text)
        if candidates is None:
            candidates = known[token.text] = self._ending_with(token.text, prefixes)
            if len(known) > 100_000:
                known.clear()
        best = None
        for words, value in candidates:
            start = index - len(words)
            if best is not None and start >= best[1]:
                continue
            # the words nearest the figure first: tokens further back are made only if needed
            if not _follows(tokens, start, words, backwards=True):
                continue
            first = token_at(tokens, start)
            clitic = None if first is None else _first_word(first.text, words[0], prefixes)
            if clitic is not None:
                best = (value, start, clitic)
        return best

    def _ending_with(self, text: str, prefixes: Prefixes) -> list:
        """The phrases that may end with a token `text`: whose last word it is, or "*", or,
        for a one-word phrase, it without a prefix."""
        variants = prefixes.variants(text)
        candidates = self.by_last.get(text, []) + self.by_last.get("*", [])
        if len(variants) > 1:
            candidates = candidates + [(w, v) for _, rest in variants[1:] for w, v in self.by_last.get(rest, ()) if len(w) == 1]
        return candidates


def _follows(tokens: Sequence[Token], index: int, words: tuple[str, ...], backwards: bool = False) -> bool:
    """Whether tokens[index + 1 :] begin with words[1:] ("*" matches any token), compared
    from the last word back when `backwards`."""
    for offset in range(len(words) - 1, 0, -1) if backwards else range(1, len(words)):
        token = token_at(tokens, index + offset)
        if token is None or (words[offset] != "*" and words[offset] != token.text):
            return False
    return True


def _first_word(text: str, word: str, prefixes: Prefixes) -> int | None:
    """The prefix length if `text` is `word` with one of `prefixes` (or none) in front."""
    for prefix, rest in prefixes.variants(text):
        if rest == word:
            return prefix
    return None
