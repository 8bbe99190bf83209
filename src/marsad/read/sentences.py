"""Sentence boundaries for Arabic and English, as spans of the original text.

Arabic news runs a paragraph as one sentence joined by "،" and "؛", so only full stops,
question and exclamation marks and line breaks end a sentence. A terminator inside an open
quotation does not end the sentence around the quote; a line break closes any quotation
left open (writers often forget the closing mark). Abbreviations, initials (U.S.) and
decimals are not boundaries. Terminators, quotes and abbreviations come from the language
data (`lang/*/sentences.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from marsad.lang import topics
from marsad.model import Sentence


class SentenceData(BaseModel):
    terminators: list[str]
    quotes: list[tuple[str, str]] = []
    abbreviations: list[str] = []


@dataclass(frozen=True)
class _Rules:
    events: re.Pattern
    openers: frozenset[str]
    closers: frozenset[str]
    abbreviations: frozenset[str]


def split_sentences(text: str) -> list[Sentence]:
    rules = _rules()
    openers, closers = rules.openers, rules.closers
    spans: list[tuple[int, int]] = []
    start, depth = 0, 0
    for match in rules.events.finditer(text):
        token = match.group()
        if token[0] == "\n":
            _add_span(spans, text, start, match.start())
            start, depth = match.end(), 0
        elif token in openers:
            if token in closers:  # a straight quote: opens or closes
                depth = depth - 1 if depth and _after_word(text, match.start()) else depth + 1
            else:
                depth += 1
        elif token in closers:
            depth = max(0, depth - 1)
        elif _closes_all(text, match.end(), depth, rules) and _ends_sentence(text, match, rules):
            end = _past_closers(text, match.end(), closers)
            _add_span(spans, text, start, end)
            start, depth = end, 0
    _add_span(spans, text, start, len(text))
    return [Sentence(start=start, end=end) for start, end in _merge_bare_punctuation(text, spans)]


def _closes_all(text: str, position: int, depth: int, rules: _Rules) -> bool:
    """Outside quotes, or at the end of a quoted sentence that closes them all: ‘We are back.’"""
    closing = 0
    while position < len(text) and text[position] in rules.closers:
        closing, position = closing + 1, position + 1
    return closing >= depth


# The word before a full stop (to tell an abbreviation or an initial), dotted initials
# (U.S., e.g.) and the first character after the sentence's end.
_LAST_WORD = re.compile(r"[^\W\d_][\w.]*$")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")


def _ends_sentence(text: str, match: re.Match, rules: _Rules) -> bool:
    after = _past_closers(text, match.end(), rules.closers)
    if after < len(text) and not text[after].isspace():
        return False  # 1.5, U.S, example.org
    if match.group() != ".":
        return True
    word = _LAST_WORD.search(text[max(0, match.start() - 20) : match.start()])
    if word and (
        word.group().lower() in rules.abbreviations
        or (len(word.group()) == 1 and word.group().isupper())  # an initial: J. Smith
        or _DOTTED.fullmatch(word.group())  # dotted initials: U.S., e.g.
    ):
        return False
    following = _NEXT_CHARACTER.match(text, after)
    return not (following and following.group(1).islower())  # "approx. five", "p. 12"


def _past_closers(text: str, position: int, closers: frozenset[str]) -> int:
    while position < len(text) and (text[position] in closers or text[position] in ")]"):
        position += 1
    return position


def _after_word(text: str, position: int) -> bool:
    return position > 0 and not text[position - 1].isspace()


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """`text[start:end]` without the spaces around it, if anything is left."""
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(kept)))


_ALPHANUMERIC = re.compile(r"[^\W_]")  # what str.isalnum takes: \w without the underscore


def _merge_bare_punctuation(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A stray "." after a finished sentence ("آسيا. .") belongs to it, not to a sentence of its own."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        bare = _ALPHANUMERIC.search(text, start, end) is None
        if merged and bare and "\n" not in text[merged[-1][1] : start]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@cache
def _rules() -> _Rules:
    terminators: set[str] = set()
    openers: set[str] = {'"'}
    closers: set[str] = {'"'}
    abbreviations: set[str] = set()
    for data in topics("sentences", SentenceData).values():
        terminators.update(data.terminators)
        openers.update(opener for opener, _ in data.quotes)
        closers.update(closer for _, closer in data.quotes)
        abbreviations.update(abbreviation.lower() for abbreviation in data.abbreviations)
    quote_marks = "".join(sorted(openers | closers))
    # a line break with the blank lines after it is one event: nothing between them is a sentence
    events = re.compile("\n(?:[^\\S\n]*\n)*|[" + re.escape(quote_marks) + "]|[" + re.escape("".join(sorted(terminators))) + "]+")
    return _Rules(events, frozenset(openers), frozenset(closers), frozenset(abbreviations))
