"""Numbers as written — digits, number words, or both — read into values.

`read_number(tokens, index)` reads the number that starts at `tokens[index]` of a normalised
view: "9,000", "1.5 million", "3 آلاف", "خمسة وستين", "ألف وخمسمائة", "مئتان وخمسون ألفاً",
"one hundred and twelve", "twenty-five", "a dozen". It returns the value and where the number
ends, or None when no number starts there.

The code is language-neutral. Every word comes from `lang/<language>/numbers.yaml`, which
says what kind of word it is (a digit 1–9, a teen, a ten, a hundred, a scale such as ألف or
million, ...) and, in `sequences`, which kind may follow which and through what joiner
(Arabic joins every part with و and puts units before tens; English juxtaposes them). What is
the same in every language lives here as structure: a digit before عشر makes a teen, a count
before مئة/hundred is multiplied by it, a count before a scale is multiplied by the scale, and
scales must fall (مليون ومئتا ألف) so that two numbers side by side are not read as one.

The number words of all languages are read together: their scripts do not overlap, and a
text that quotes the other language still reads.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence as SequenceOf
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from pydantic import BaseModel

from marsad.lang import topics
from marsad.read.normalize import normalize
from marsad.read.tokens import Token

# Kinds of number word (see ar/numbers.yaml). "number" is a run of digits.
KINDS = (
    "zero", "digit", "teen_only", "ten_suffix", "teen", "tens", "hundred", "hundreds",
    "scale", "scale_dual", "scale_plural", "fraction", "article", "number",
)  # fmt: skip

_UNKNOWN = object()  # a cache's "not asked yet", where None is an answer

# Kinds after which a group of less than a thousand is complete enough to be multiplied.
_COUNTS = {"digit", "teen", "tens", "hundreds", "number", "fraction", "article"}


class Sequence(BaseModel):
    after: str
    then: list[str]
    join: list[str]


class DualData(BaseModel):
    suffixes: list[str] = []
    feminine_suffixes: list[str] = []
    feminine_ending: str = ""


class NotCounts(BaseModel):
    year_before: list[str] = []
    year_after: list[str] = []
    time_before: list[str] = []
    time_after: list[str] = []
    identifiers_before: list[str] = []


class NumberData(BaseModel):
    """Schema of `lang/<language>/numbers.yaml`."""

    clitics: list[str] = []
    connectors: list[str] = []
    connector_clitics: list[str] = []
    zero: list[str] = []
    digits: dict[str, int] = {}
    teen_only: dict[str, int] = {}
    ten_suffix: list[str] = []
    teens: dict[str, int] = {}
    tens: dict[str, int] = {}
    hundred: list[str] = []
    hundreds: dict[str, int] = {}
    scales: dict[str, float] = {}
    scale_duals: dict[str, float] = {}
    scale_plurals: dict[str, float] = {}
    fractions: dict[str, float] = {}
    articles: list[str] = []
    weak: list[str] = []
    construct_duals: list[str] = []
    partitives: list[str] = []
    sequences: list[Sequence] = []
    dual: DualData = DualData()
    ordinals: list[str] = []
    ordinal_suffixes: list[str] = []
    not_counts: NotCounts = NotCounts()


@dataclass(frozen=True, slots=True)
class Word:
    kind: str
    value: float
    language: str | None
    weak: bool = False


class NumberMatch(NamedTuple):
    """A number read from a view: `start`/`end` are view positions (a proclitic such as و
    or ب on the first word is left outside), `next_index` the first token after it.

    `scale` is the last multiplier applied (1 when none: "1.5 million" → 1e6), so that a
    range can carry it back ("بين 3 و5 آلاف"). `spelled` says whether words were used, and
    `weak` whether the whole number is one word that counts only next to a counted noun."""

    value: float
    start: int
    end: int
    next_index: int
    scale: float = 1.0
    spelled: bool = False
    weak: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Every language's number words, folded to the view, with how they combine."""

    words: dict[str, Word]
    clitics: tuple[str, ...]  # longest first
    connectors: dict[str, str]  # joiner token → its language
    connector_clitics: tuple[str, ...]
    allowed: frozenset[tuple[str, str, str]]  # (kind before, kind after, joiner)
    dual: dict[str, DualData]
    ordinals: frozenset[str]
    ordinal_suffixes: frozenset[str]
    construct_duals: frozenset[str]
    partitives: frozenset[str]
    not_counts: NotCounts  # all languages' lists merged, folded to the view
    # answers kept per token text (`word` with clitics, `may_continue`)
    with_clitics: dict[str, tuple[Word, int] | None] = dataclasses.field(default_factory=dict, repr=False, compare=False)
    continuing: dict[str, bool] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    def word(self, text: str, clitics: bool = False) -> tuple[Word, int] | None:
        """The number word `text` is, and the length of the proclitic in front of it.

        Readers ask this of most words around a figure or a date, nearly always of a word
        that is not a number, so the answer with clitics is kept for each text."""
        found = self.words.get(text)
        if found is not None:
            return found, 0
        if not clitics:
            return None
        known = self.with_clitics.get(text, _UNKNOWN)
        if known is _UNKNOWN:
            known = None
            for clitic in self.clitics:
                if text.startswith(clitic):
                    found = self.words.get(text[len(clitic) :])
                    if found is not None:
                        known = found, len(clitic)
                        break
            if len(self.with_clitics) > 100_000:
                self.with_clitics.clear()
            self.with_clitics[text] = known
        return known

    def may_continue(self, text: str) -> bool:
        """Whether a token `text` may go on a number: digits, a number word, a joiner, or a
        number word behind a joining clitic (وستين). Most words after a number are none of
        these (its counted noun), so the answer is kept for each text."""
        known = self.continuing.get(text)
        if known is None:
            known = (
                text[:1].isdecimal()
                or text in self.words
                or text in self.connectors
                or any(
                    text.startswith(clitic) and len(text) > len(clitic) and text[len(clitic) :] in self.words
                    for clitic in self.connector_clitics
                )
            )
            if len(self.continuing) > 100_000:
                self.continuing.clear()
            self.continuing[text] = known
        return known


def fold(word: str) -> str:
    """A data word as it appears in the view."""
    return normalize(word).text.strip()


@cache
def lexicon() -> Lexicon:
    words: dict[str, Word] = {}
    clitics: set[str] = set()
    connectors: dict[str, str] = {}
    connector_clitics: set[str] = set()
    allowed: set[tuple[str, str, str]] = set()
    dual: dict[str, DualData] = {}
    ordinals: set[str] = set()
    suffixes: set[str] = set()
    construct_duals: set[str] = set()
    partitives: set[str] = set()
    not_counts: dict[str, set[str]] = {name: set() for name in NotCounts.model_fields}

    for language, data in topics("numbers", NumberData).items():
        weak = {fold(word) for word in data.weak}

        def add(form: str, kind: str, value: float) -> None:
            key = fold(form)
            word = Word(kind, float(value), language, key in weak)
            if key in words and words[key] != word:
                raise ValueError(f"{language}/numbers.yaml: {form!r} is both {words[key].kind} and {kind}")
            words[key] = word

        for form in data.zero:
            add(form, "zero", 0)
        for kind, table in (
            ("digit", data.digits), ("teen_only", data.teen_only), ("teen", data.teens),
            ("tens", data.tens), ("hundreds", data.hundreds), ("scale", data.scales),
            ("scale_dual", data.scale_duals), ("scale_plural", data.scale_plurals),
            ("fraction", data.fractions),
        ):  # fmt: skip
            for form, value in table.items():
                add(form, kind, value)
        for form in data.ten_suffix:
            add(form, "ten_suffix", 10)
        for form in data.hundred:
            add(form, "hundred", 100)
        for form in data.articles:
            add(form, "article", 1)
        clitics.update(fold(c) for c in data.clitics)
        connectors.update({fold(c) or c: language for c in data.connectors})
        connector_clitics.update(fold(c) for c in data.connector_clitics)
        for sequence in data.sequences:
            for kind in [sequence.after, *sequence.then]:
                if kind not in KINDS:
                    raise ValueError(f"{language}/numbers.yaml: unknown kind {kind!r} in sequences")
            for then in sequence.then:
                for join in sequence.join:
                    allowed.add((sequence.after, then, fold(join) if join.strip() else ""))
        dual[language] = DualData(
            suffixes=[fold(s) for s in data.dual.suffixes],
            feminine_suffixes=[fold(s) for s in data.dual.feminine_suffixes],
            feminine_ending=fold(data.dual.feminine_ending) if data.dual.feminine_ending else "",
        )
        ordinals.update(fold(o) for o in data.ordinals)
        suffixes.update(fold(s) for s in data.ordinal_suffixes)
        construct_duals.update(fold(w) for w in data.construct_duals)
        partitives.update(fold(w) for w in data.partitives)
        for name in NotCounts.model_fields:
            not_counts[name].update(fold(w) for w in getattr(data.not_counts, name))

    return Lexicon(
        words=words,
        clitics=tuple(sorted(clitics, key=len, reverse=True)),
        connectors=connectors,
        connector_clitics=tuple(sorted(connector_clitics, key=len, reverse=True)),
        allowed=frozenset(allowed),
        dual=dual,
        ordinals=frozenset(ordinals),
        ordinal_suffixes=frozenset(suffixes),
        construct_duals=frozenset(construct_duals),
        partitives=frozenset(partitives),
        not_counts=NotCounts(**{name: sorted(values) for name, values in not_counts.items()}),
    )


def digits_value(text: str) -> float | None:
    """The value of a digit token: "9,000" · "1.5" · "1,234,567.5" · "1.234.567" · "2,5".

    A comma before groups of exactly three digits separates thousands; otherwise a single
    comma is a decimal comma (Arabic and French writers use it). A single dot is always a
    decimal point ("1.5 مليون"); several dots separate thousands. Anything else (a list such
    as "5,6,7") is not one number.
    """
    if not text[:1].isdecimal() or not text[-1:].isdecimal():
        return None  # "²" and other digit-like signs are not numbers
    if text.isdecimal():
        return float(text)
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        thousands, decimal = (",", ".") if text.rfind(".") > text.rfind(",") else (".", ",")
        whole, _, fraction = text.rpartition(decimal)
        if thousands in fraction or not _grouped(whole, thousands):
            return None
        return float(whole.replace(thousands, "") + "." + fraction)
    separator = "," if commas else "."
    if _grouped(text, separator) and (separator == "," or dots > 1):
        return float(text.replace(separator, ""))
    if commas + dots == 1:
        return float(text.replace(",", "."))
    return None


def _grouped(text: str, separator: str) -> bool:
    head, *groups = text.split(separator)
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups)


@dataclass(slots=True)
class _Part:
    kind: str
    value: float
    language: str | None
    weak: bool
    start: int  # view position where the part's word begins (after any clitic)
    end: int
    next_index: int  # token after the part
    word: str = ""


def token_at(tokens: SequenceOf[Token], index: int) -> Token | None:
    """`tokens[index]`, or None past either end. Readers may pass any sequence that raises
    IndexError past its end (quantities makes its tokens lazily and never counts them)."""
    if index < 0:
        return None
    try:
        return tokens[index]
    except IndexError:
        return None


def _part(lex: Lexicon, tokens: SequenceOf[Token], index: int, clitics: bool) -> _Part | None:
    token = token_at(tokens, index)
    if token is None:
        return None
    if token.text[:1].isdecimal():
        value = digits_value(token.text)
        if value is None:
            return None
        return _Part("number", value, None, False, token.start, token.end, index + 1)
    found = lex.word(token.text, clitics)
    if found is None:
        return None
    word, clitic = found
    return _Part(word.kind, word.value, word.language, word.weak, token.start + clitic, token.end, index + 1, token.text[clitic:])


class _Reading:
    """The running state of one number: the finished part (`total`), the group of less than
    a thousand being built (`group`), and the kind of the last part read (`state`)."""

    __slots__ = ("total", "group", "state", "last_scale", "scale", "language")

    def __init__(self) -> None:
        self.total = 0.0
        self.group = 0.0
        self.state: str | None = None
        self.last_scale = math.inf
        self.scale = 1.0
        self.language: str | None = None

    @property
    def complete(self) -> bool:
        return self.state not in (None, "teen_only", "article", "fraction")

    @property
    def value(self) -> float:
        return self.total + self.group

    def take(self, part: _Part, joiner: str | None, lex: Lexicon) -> bool:
        """Add `part` if it may follow what was read through `joiner` ("" = directly).

        Words of two languages never join, and a joiner only joins words of its own
        language (or digits: "مليون و200 ألف")."""
        kind, value, state = part.kind, part.value, self.state
        if state is None:
            return self._begin(part)
        if part.language:
            if joiner == "" and self.language and part.language != self.language:
                return False
            if joiner and lex.connectors.get(joiner, part.language) != part.language:
                return False
        if joiner == "":
            if kind == "ten_suffix" and state in ("digit", "teen_only"):
                self.group += value
                return self._now("teen", part)
            if kind == "hundred" and state in ("digit", "teen", "tens", "number", "article") and 0 < self.group < 100:
                self.group *= value
                return self._now("hundreds", part)
            if kind in ("scale", "scale_plural") and state in _COUNTS and self.group > 0 and value < self.last_scale:
                self.total += self.group * value
                self.group = 0.0
                self.last_scale = self.scale = value
                return self._now("scale", part)
            if kind == "article" and state == "fraction":
                return True
        if (state, kind, joiner) not in lex.allowed:
            return False
        if state == "scale":  # a new, smaller group after a scale (ألف وخمسمائة)
            if kind in ("scale", "scale_dual"):
                # a smaller scale alone (مليون وألف), or the same one added to a larger
                # multiple of it (مئة ألف وألف = 101,000), but never ألف وألف
                addend = value * (2 if kind == "scale_dual" else 1)
                if value > self.last_scale or (value == self.last_scale and self.total <= addend):
                    return False
                self.total += addend
                self.last_scale = value
                return self._now("scale", part)
            if kind == "fraction":
                self.total += value * self.last_scale
                return self._now("done", part)
            if kind == "number" and value >= self.last_scale:
                return False
            self.group = value
            return self._now({"hundred": "hundreds", "ten_suffix": "teen"}.get(kind, kind), part)
        self.group += value
        return self._now("teen" if kind == "ten_suffix" else kind, part)

    def _begin(self, part: _Part) -> bool:
        kind, value = part.kind, part.value
        if kind in ("scale_plural",):
            return False
        if kind in ("scale", "scale_dual"):
            self.total = value * (2 if kind == "scale_dual" else 1)
            self.last_scale = self.scale = value
            return self._now("scale", part)
        self.group = value
        return self._now({"hundred": "hundreds", "ten_suffix": "teen"}.get(kind, kind), part)

    def _now(self, state: str, part: _Part) -> bool:
        self.state = state
        if part.language:
            self.language = part.language
        return True


def read_number(tokens: SequenceOf[Token], index: int) -> NumberMatch | None:
    """The number that starts at `tokens[index]`, or None.

    A proclitic on the first word is allowed (وخمسة، بثلاثة آلاف) and left outside the span;
    later parts may only carry the connector clitic (وستين). The reading stops before any
    part that cannot follow grammatically, so "خمسة وثلاثة" is 5 (then another number) and
    "عشرون وخمسة" stops at 20; a reading that ends on a part that needs a partner (اثنا
    without عشر, "a" without a scale) falls back to the last complete value.
    """
    lex = lexicon()
    first = _part(lex, tokens, index, clitics=True)
    if first is None:
        return None
    reading = _Reading()
    if not reading.take(first, None, lex):
        return None
    parts = [first]
    best: tuple[float, float, int] | None = None  # value, scale, parts read: the last complete reading
    if reading.complete:
        best = reading.value, reading.scale, 1
    position = first.next_index
    while reading.state != "done":
        step = _next_part(lex, tokens, position, reading)
        if step is None:
            break
        parts.append(step)
        position = step.next_index
        if reading.complete:
            best = reading.value, reading.scale, len(parts)
    if best is None:
        return None
    value, scale, count = best
    if len(parts) == 1 and first.word in lex.construct_duals:
        following = token_at(tokens, first.next_index)
        if following is not None and following.is_word and following.text not in lex.words and following.text not in lex.partitives:
            value *= 2  # "ألفا شخص"
    used = parts[:count]
    return NumberMatch(
        value=value,
        start=first.start,
        end=used[-1].end,
        next_index=used[-1].next_index,
        scale=scale,
        spelled=any(part.kind != "number" for part in used),
        weak=count == 1 and first.weak,
    )


def _next_part(lex: Lexicon, tokens: SequenceOf[Token], position: int, reading: _Reading) -> _Part | None:
    """The next part of the number, directly or after a joiner, if it may follow."""
    token = token_at(tokens, position)
    if token is None or not lex.may_continue(token.text):
        return None
    direct = _part(lex, tokens, position, clitics=False)
    if direct is not None and reading.take(direct, "", lex):
        return direct
    if token.text in lex.connectors:
        joined = _part(lex, tokens, position + 1, clitics=False)
        if joined is not None and reading.take(joined, token.text, lex):
            return joined
    for clitic in lex.connector_clitics:
        if token.text.startswith(clitic) and len(token.text) > len(clitic):
            found = lex.words.get(token.text[len(clitic) :])
            if found is not None:
                part = _Part(found.kind, found.value, found.language, found.weak, token.start + len(clitic), token.end, position + 1)
                if reading.take(part, clitic, lex):
                    return part
    return None


def dual_bases(word: str) -> list[str]:
    """The singulars (in the view) that `word` may be the dual of: "شهرين" → ["شهر"],
    "ساعتين" → ["ساعت", "ساعه"]. Callers keep only the ones in their own noun lists."""
    bases: list[str] = []
    for data in lexicon().dual.values():
        for suffix in data.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                bases.append(word[: -len(suffix)])
        if data.feminine_ending:
            for suffix in data.feminine_suffixes:
                if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                    bases.append(word[: -len(suffix)] + data.feminine_ending)
    return bases
