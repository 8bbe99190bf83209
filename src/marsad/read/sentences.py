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
    sentences: list[Sentence] = []
    start, depth = 0, 0
    for match in rules.events.finditer(text):
        token = match.group()
        if token == "\n":
            sentences += _span(text, start, match.start())
            start, depth = match.end(), 0
        elif token in rules.openers and token in rules.closers:  # a straight quote: opens or closes
            depth = depth - 1 if depth and _after_word(text, match.start()) else depth + 1
        elif token in rules.openers:
            depth += 1
        elif token in rules.closers:
            depth = max(0, depth - 1)
        elif _closes_all(text, match.end(), depth, rules) and _ends_sentence(text, match, rules):
            end = _past_closers(text, match.end(), rules.closers)
            sentences += _span(text, start, end)
            start, depth = end, 0
    return _merge_bare_punctuation(text, sentences + _span(text, start, len(text)))


def _closes_all(text: str, position: int, depth: int, rules: _Rules) -> bool:
    """Outside quotes, or at the end of a quoted sentence that closes them all: ‘We are back.’"""
    closing = 0
    while position < len(text) and text[position] in rules.closers:
        closing, position = closing + 1, position + 1
    return closing >= depth


def _ends_sentence(text: str, match: re.Match, rules: _Rules) -> bool:
    after = _past_closers(text, match.end(), rules.closers)
    if after < len(text) and not text[after].isspace():
        return False  # 1.5, U.S, example.org
    if match.group() != ".":
        return True
    word = re.search(r"[^\W\d_][\w.]*$", text[max(0, match.start() - 20) : match.start()])
    if word and (
        word.group().lower() in rules.abbreviations
        or (len(word.group()) == 1 and word.group().isupper())  # an initial: J. Smith
        or re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word.group())  # dotted initials: U.S., e.g.
    ):
        return False
    following = re.match(r"\s*(\S)", text[after:])
    return not (following and following.group(1).islower())  # "approx. five", "p. 12"


def _past_closers(text: str, position: int, closers: frozenset[str]) -> int:
    while position < len(text) and (text[position] in closers or text[position] in ")]"):
        position += 1
    return position


def _after_word(text: str, position: int) -> bool:
    return position > 0 and not text[position - 1].isspace()


def _span(text: str, start: int, end: int) -> list[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Sentence(start=start, end=end)] if end > start else []


def _merge_bare_punctuation(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """A stray "." after a finished sentence ("آسيا. .") belongs to it, not to a sentence of its own."""
    merged: list[Sentence] = []
    for sentence in sentences:
        bare = not any(ch.isalnum() for ch in text[sentence.start : sentence.end])
        if merged and bare and "\n" not in text[merged[-1].end : sentence.start]:
            merged[-1] = Sentence(start=merged[-1].start, end=sentence.end)
        else:
            merged.append(sentence)
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
    events = re.compile("\n|[" + re.escape(quote_marks) + "]|[" + re.escape("".join(sorted(terminators))) + "]+")
    return _Rules(events, frozenset(openers), frozenset(closers), frozenset(abbreviations))
