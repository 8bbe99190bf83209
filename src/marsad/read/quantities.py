"""Quantities: the figures a text gives, with their hedges and what they count.

`find_quantities(view, taken)` finds every figure in a normalised view — "ما لا يقل عن 65
هجوماً", "حوالي 9000 مقاتل أسير", "more than 60,000 people", "عشرات المسلحين", "قُتل جنديان"
— and returns them as `QuantityMention`s whose evidence points into the original text.
`taken` are view spans the times reader has already claimed ("خلال أقل من شهرين"): numbers
in them are not quantities.

Low / best / high follow UCDP: best is the figure the text supports as most likely, low
and high the bounds it states; what the text does not state stays null, never guessed.

    qualifier      text                       low    best   high
    exact          "192 هجوماً"               n      n      n
    approximately  "نحو 215", "about 40"      null   n      null
    at_least       "ما لا يقل عن 65"          n      n      null
    more_than      "أكثر من 30", "over 30"    n      n      null
    at_most        "لا يزيد عن 1000"          null   null   n
    fewer_than     "أقل من 10"                null   null   n
    range          "بين 10 و15", "10-15"      a      null   b
    vague          "عشرات", "dozens"          data   null   data

- more_than keeps low = n rather than n + 1: figures may be fractional or rounded ("أكثر من
  1.5 مليون"), and the qualifier already says the bound is strict. at_least and more_than
  take best = n because the stated floor is the conservative figure ACLED and UCDP code;
  at_most and fewer_than give no best, since a ceiling says nothing of the likely value.
- range: best stays null — a midpoint is an invention. A hedge before a range narrows it:
  "لا تتجاوز أربعة أو خمسة" is at_most 5, "at least 10 to 15" at_least 10.
- vague bounds come from hedges.yaml (the smallest value the word literally means, up to
  the largest before the next word up would be used); a few-word before a multiplier
  multiplies them ("بضعة آلاف" 3,000–9,000).
- percentages are quantities with unit "percent".

Not quantities: years ("عام 2023", a bare 2019, "2023م"), ordinals ("التاسع عشر", "3rd",
"twenty-first"), dates (a number next to a month name from `lang/*/months.yaml`, "3/1/2024"),
times of day ("10:30", "الساعة 10", "10 pm"), periods and frequencies ("3 أيام", "عدة مرات"),
identifiers ("القرار 2254", "F-16", "route 5"), phone-like numbers (a leading "+", seven or
more digits in a row, three or more groups of digits joined by spaces or dashes).

Every word lives in `lang/<language>/{numbers,hedges,units,months}.yaml`; this module is
language-neutral, and reads the data of all languages at once (their scripts do not
overlap). It does not tokenize the whole text: an Aho-Corasick automaton over the number,
vague and dual-noun words and a digit scan find the places where a figure may start, and
only the few tokens around each are made (see `_Tokens`), which keeps the reader well above
the 2 MB/s budget of the whole reading layer even on casualty reports dense with figures.

A dual noun counts two on its own ("قُتل جنديان"), and a lone "one" (واحد، أحد، one)
counts only next to a counted noun ("عنصر واحد", "أحد المسلحين"), since it is as often a
pronoun ("لم يعلن أحد", "one of the largest").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

import ahocorasick
from pydantic import BaseModel

from marsad.lang import topics
from marsad.model import Evidence, Qualifier, QuantityMention, Unit
from marsad.read.normalize import Normalized
from marsad.read.numbers import Lexicon, NumberMatch, fold, lexicon, read_number, token_at
from marsad.read.tokens import TOKEN, Token, tokenize

V = TypeVar("V")

# Facts about numbers, not about a language: years are four digits in this range, phone
# numbers have at least this many digits in a row, and a figure's context fits in a window.
YEARS = (1800, 2100)
PHONE_DIGITS = 7
BACK_TOKENS = 64  # how far back a figure's hedge, opener or year word may be looked for
AHEAD_BATCH = 3  # tokens made ahead beyond the one asked for

# The key under `units:` whose nouns count people: unit None, noun kept (see ar/units.yaml).
PEOPLE = "people"


# --- language data ---------------------------------------------------------------------


class RangeData(BaseModel):
    opener: str | None = None
    join: list[str]


class VagueData(BaseModel):
    low: float
    high: float
    needs_noun: bool = False


class HedgeData(BaseModel):
    """Schema of `lang/<language>/hedges.yaml`."""

    before: dict[Qualifier, list[str]] = {}
    after: dict[Qualifier, list[str]] = {}
    ranges: list[RangeData] = []
    vague: dict[str, VagueData] = {}
    multipliers: dict[str, float] = {}


class NounEntry(BaseModel):
    forms: list[str]
    duals: list[str] = []


class UnitData(BaseModel):
    """Schema of `lang/<language>/units.yaml`."""

    units: dict[str, list[NounEntry]]
    linkers: list[str] = []
    articles: list[str] = []
    max_gap: int = 0
    gap_stops: list[str] = []
    transparent: list[str] = []
    percent: list[str] = []
    not_counted: list[str] = []


class MonthNames(BaseModel):
    """The part of `lang/<language>/months.yaml` (the times reader's) used here."""

    gregorian: dict[str, int] = {}
    hijri: dict[str, int] = {}
    proper_case: list[str] = []


class Prefixes:
    """Takes one of a few prefixes (the proclitics و ب ل ..., the article) off a token.

    The same words recur all through a text, so each token's variants are kept."""

    def __init__(self, prefixes: Sequence[str] = ()) -> None:
        self.by_character: dict[str, list[str]] = {}
        for prefix in sorted(set(prefixes), key=len, reverse=True):
            self.by_character.setdefault(prefix[0], []).append(prefix)
        self.known: dict[str, tuple[tuple[int, str], ...]] = {}

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
            self.known[text] = found
        return found


NO_PREFIXES = Prefixes()


class Phrases(Generic[V]):
    """Token sequences of a view, matched at or before a token. "*" is any one word (not
    first). A proclitic or article may sit on the first token when the caller passes
    `prefixes`."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        self.by_last: dict[str, list[tuple[tuple[str, ...], V]]] = {}

    def add(self, phrase: str, value: V) -> None:
        words = tuple(token.text for token in tokenize(fold(phrase)))
        if not words or words[0] == "*":
            raise ValueError(f"phrase {phrase!r} must start with a word")
        for index, key in ((self.by_first, words[0]), (self.by_last, words[-1])):
            entries = index.setdefault(key, [])
            entries.append((words, value))
            entries.sort(key=lambda entry: -len(entry[0]))

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def at(self, tokens: Sequence[Token], index: int, prefixes: Prefixes = NO_PREFIXES) -> tuple[V, int, int] | None:
        """The longest phrase starting at `tokens[index]`: (value, next index, prefix length)."""
        token = token_at(tokens, index)
        if token is None:
            return None
        best = None
        for prefix, rest in prefixes.variants(token.text):
            for words, value in self.by_first.get(rest, ()):
                end = index + len(words)
                if _follows(tokens, index, words):
                    if best is None or end > best[1]:
                        best = (value, end, prefix)
                    break
        return best

    def before(self, tokens: Sequence[Token], index: int, prefixes: Prefixes = NO_PREFIXES) -> tuple[V, int, int] | None:
        """The longest phrase ending just before `tokens[index]`: (value, first index, prefix length)."""
        token = token_at(tokens, index - 1)
        if token is None:
            return None
        variants = prefixes.variants(token.text)
        candidates = self.by_last.get(token.text, []) + self.by_last.get("*", [])
        if len(variants) > 1:  # a prefixed last word is also the first: a one-word phrase
            candidates = candidates + [(w, v) for _, rest in variants[1:] for w, v in self.by_last.get(rest, ()) if len(w) == 1]
        if not candidates:
            return None
        best = None
        for words, value in candidates:
            start = index - len(words)
            first = token_at(tokens, start)
            if first is None or (best is not None and start >= best[1]):
                continue
            clitic = _first_word(first.text, words[0], prefixes)
            if clitic is None:
                continue
            if _follows(tokens, start, words):
                best = (value, start, clitic)
        return best


def _follows(tokens: Sequence[Token], index: int, words: tuple[str, ...]) -> bool:
    """Whether tokens[index + 1 :] begin with words[1:] ("*" matches any token)."""
    for offset in range(1, len(words)):
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


@dataclass(frozen=True)
class Noun:
    unit: str | None
    dual: bool = False
    gap: int = 0  # how many words its language lets stand between a number and it


@dataclass
class Grammar:
    """Everything the reader knows, from every language's data, folded to the view."""

    lex: Lexicon
    hedges_before: Phrases[Qualifier] = field(default_factory=Phrases)
    hedges_after: Phrases[Qualifier] = field(default_factory=Phrases)
    openers: Phrases[frozenset[str]] = field(default_factory=Phrases)
    bare_joins: set[str] = field(default_factory=set)
    vague: Phrases[VagueData] = field(default_factory=Phrases)
    multipliers: dict[str, float] = field(default_factory=dict)
    nouns: Phrases[Noun] = field(default_factory=Phrases)
    linkers: Phrases[bool] = field(default_factory=Phrases)
    articles: Prefixes = NO_PREFIXES
    clitics: Prefixes = NO_PREFIXES
    max_gap: int = 0
    gap_stops: set[str] = field(default_factory=set)
    transparent: set[str] = field(default_factory=set)
    percent: Phrases[bool] = field(default_factory=Phrases)
    not_counted: Phrases[bool] = field(default_factory=Phrases)
    months: Phrases[bool] = field(default_factory=Phrases)
    proper_case: set[str] = field(default_factory=set)
    time_after: Phrases[bool] = field(default_factory=Phrases)
    year_before: set[str] = field(default_factory=set)
    year_after: set[str] = field(default_factory=set)
    time_before: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    triggers: ahocorasick.Automaton = None
    clitic_set: frozenset[str] = frozenset()


@cache
def grammar() -> Grammar:
    lex = lexicon()
    g = Grammar(lex=lex)
    triggers: set[str] = {word for word, entry in lex.words.items() if entry.kind != "article"}
    for data in topics("hedges", HedgeData).values():
        for qualifier, phrases in data.before.items():
            for phrase in phrases:
                g.hedges_before.add(phrase, Qualifier(qualifier))
        for qualifier, phrases in data.after.items():
            for phrase in phrases:
                g.hedges_after.add(phrase, Qualifier(qualifier))
        for entry in data.ranges:
            joins = frozenset(fold(join) for join in entry.join)
            if entry.opener is None:
                g.bare_joins |= joins
            else:
                g.openers.add(entry.opener, joins)
        for phrase, vague in data.vague.items():
            if vague.low > vague.high:
                raise ValueError(f"hedges.yaml: vague {phrase!r} has low above high")
            g.vague.add(phrase, vague)
            words = [t.text for t in tokenize(fold(phrase))]
            triggers.add(next((w for w in words if lex.words.get(w, None) is None or lex.words[w].kind != "article"), words[0]))
        g.multipliers.update({fold(word): value for word, value in data.multipliers.items()})
    articles: list[str] = []
    for data in topics("units", UnitData).values():
        for unit, entries in data.units.items():
            if unit != PEOPLE and unit not in Unit.__members__.values():
                raise ValueError(f"units.yaml: {unit!r} is not a contract unit (marsad.model.Unit) nor {PEOPLE!r}")
            for entry in entries:
                for form in entry.forms:
                    g.nouns.add(form, Noun(None if unit == PEOPLE else unit, gap=data.max_gap))
                for form in entry.duals:
                    g.nouns.add(form, Noun(None if unit == PEOPLE else unit, dual=True, gap=data.max_gap))
                    triggers.add(fold(form))
        for linker in data.linkers:
            g.linkers.add(linker, True)
        articles.extend(fold(article) for article in data.articles)
        g.max_gap = max(g.max_gap, data.max_gap)
        g.gap_stops |= {fold(word) for word in data.gap_stops}
        g.transparent |= set(data.transparent)
        for phrase in data.percent:
            g.percent.add(phrase, True)
        for phrase in data.not_counted:
            g.not_counted.add(phrase, True)
    for data in topics("months", MonthNames).values():
        for name in [*data.gregorian, *data.hijri]:
            g.months.add(name, True)
        g.proper_case |= {fold(name) for name in data.proper_case}
    counts = lex.not_counts
    for phrase in counts.time_after:
        g.time_after.add(phrase, True)
    g.year_before, g.year_after = set(counts.year_before), set(counts.year_after)
    g.time_before, g.identifiers = set(counts.time_before), set(counts.identifiers_before)
    g.clitic_set = frozenset(lex.clitics)
    g.clitics, g.articles = Prefixes(lex.clitics), Prefixes(articles)
    automaton = ahocorasick.Automaton()
    for word in triggers:
        if word:
            automaton.add_word(word, len(word))
    automaton.make_automaton()
    g.triggers = automaton
    return g


# --- finding ---------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def find_quantities(view: Normalized, taken: Sequence[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Every quantity in `view`, in text order; `taken` are view spans that are not figures."""
    g = grammar()
    found: list[QuantityMention] = []
    blocked = sorted(taken)
    blocked_starts = [start for start, _ in blocked]
    consumed = 0
    reversed_text = view.text[::-1]
    for position in _candidates(g, view.text):
        if position < consumed:
            continue
        tokens = _Tokens(view.text, reversed_text, position)
        reading = _Reader(g, view, tokens, blocked, blocked_starts).read(tokens.anchor)
        if reading is None:
            continue
        mention, until = reading
        consumed = max(consumed, until)
        if mention is not None:
            found.append(mention)
    return found


def _candidates(g: Grammar, text: str) -> list[int]:
    """View positions of the tokens where a figure may start: digits, and number, vague and
    dual-noun words at a word start (after a proclitic at most)."""
    positions = {match.start() for match in _DIGITS.finditer(text)}
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


class _Tokens(dict):
    """The tokens of a view around one position, made only when read.

    Index `anchor` is the token at the position; lower indices go back, higher ones
    forward. Most figures need a handful of tokens on either side, so tokenizing the whole
    text (or a window) would cost more than reading the figures. Going back, the same
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

    def __missing__(self, index: int) -> Token:
        if index >= BACK_TOKENS:
            ahead, wanted = self.ahead, index + AHEAD_BATCH
            for match in self.forward:  # a few at a time: most figures read several
                self[BACK_TOKENS + ahead] = Token(match.group(), match.start(), match.end())
                ahead += 1
                if BACK_TOKENS + ahead > wanted:
                    break
            self.ahead = ahead
        elif index >= 0:
            behind, length = self.behind, self.length
            for match in self.backward:
                behind += 1
                self[BACK_TOKENS - behind] = Token(match.group()[::-1], length - match.end(), length - match.start())
                if BACK_TOKENS - behind <= index or behind >= BACK_TOKENS:
                    break
            self.behind = behind
        if index in self:
            return self[index]
        raise IndexError(index)


class _Reader:
    """Reads the figure whose first token is `tokens[index]`: returns (mention or None,
    view position up to which the text is used up), or None when nothing starts there."""

    def __init__(self, g: Grammar, view: Normalized, tokens: _Tokens, blocked, blocked_starts) -> None:
        self.g, self.view, self.tokens = g, view, tokens
        self.blocked, self.blocked_starts = blocked, blocked_starts

    # helpers ---------------------------------------------------------------------------

    def token(self, index: int) -> Token | None:
        if index < 0:
            return None
        try:
            return self.tokens[index]
        except IndexError:
            return None

    def glued(self, left: int, right: int) -> bool:
        a, b = self.token(left), self.token(right)
        return a is not None and b is not None and a.end == b.start

    def stripped(self, index: int) -> set[str]:
        """The token's text and the same without a proclitic."""
        token = self.token(index)
        if token is None:
            return set()
        return {rest for _, rest in self.g.clitics.variants(token.text)}

    def is_blocked(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a taken span (the few spans just before `end`
        are enough: taken spans do not nest deeply)."""
        at = bisect_right(self.blocked_starts, end - 1)
        return any(block_end > start for _, block_end in self.blocked[max(0, at - 4) : at])

    # reading ---------------------------------------------------------------------------

    def read(self, index: int):
        g = self.g
        starts = [index]
        previous = self.token(index - 1)
        if previous is not None and self.glued_by_space(index - 1, index):
            entry = g.lex.words.get(previous.text)
            if entry is not None and entry.kind == "article":
                starts.insert(0, index - 1)
        for start in starts:
            result = self.vague(start)
            if result is None:
                result = self.number(start)
            if result is None:
                result = self.dual(start)
            if result is not None:
                return result
        return None

    def glued_by_space(self, left: int, right: int) -> bool:
        a, b = self.token(left), self.token(right)
        return a is not None and b is not None and "\n" not in self.view.text[a.end : b.start]

    def vague(self, index: int):
        g = self.g
        hit = g.vague.at(self.tokens, index, g.clitics)
        if hit is None:
            return None
        vague, after, clitic = hit
        low, high = vague.low, vague.high
        multiplied = False
        token = self.token(after)
        if token is not None and token.text in g.multipliers:
            factor = g.multipliers[token.text]
            low, high, after, multiplied = low * factor, high * factor, after + 1, True
        start = self.tokens[index].start + clitic
        end = self.tokens[after - 1].end
        if self.is_blocked(start, end):
            return None, end
        noun = self.noun(after, articles=True)
        if noun is not None and noun[0] is None:  # a period: "بضعة أيام"
            return None, end
        if noun is None and vague.needs_noun and not multiplied:
            return None, end
        if noun is not None:
            end = self.tokens[noun[2] - 1].end
        return self.mention(Qualifier.VAGUE, low, None, high, start, end, noun and (noun[1], noun[0].unit), None)

    def number(self, index: int):
        g = self.g
        first = read_number(self.tokens, index)
        if first is None:
            return None
        start, end, after = first.start, first.end, first.next_index
        if self.is_blocked(start, end):
            return None, end
        if self.not_a_count(index, first):
            return None, self.tokens[self.chain_end(index, after) - 1].end

        # a range: "10-15", "بين 10 و15", "from 10 to 15", "ثلاثة أو أربعة"
        high_match, opener = None, None
        second = self.range_end(after, index)
        if second is not None:
            high_match, opener = second
            if self.month_at(high_match.next_index):
                return None, high_match.end  # "10 إلى 15 يناير"
            after, end = high_match.next_index, high_match.end
        last = high_match or first

        hedge = g.hedges_before.before(self.tokens, opener[1] if opener else index, g.clitics)
        hedge_start = None
        if hedge is not None:
            hedge_start = self.tokens[hedge[1]].start + hedge[2]
        elif opener is not None:
            hedge_start = self.tokens[opener[1]].start + opener[2]

        unit: str | None = None
        noun = early_hedge = None
        percent = g.percent.at(self.tokens, after)
        if percent is not None:
            unit, after = "percent", percent[1]
            end = self.tokens[after - 1].end
        else:
            early_hedge = None if hedge else self.hedge_after(after)  # "ثلاثون ونيف من عناصر"
            if early_hedge is not None:
                after = early_hedge[1]
            noun = self.noun(after, articles=True)
            if noun is not None and noun[0] is None:
                return None, self.tokens[noun[2] - 1].end  # a period or frequency
        if noun is not None:
            end, after = self.tokens[noun[2] - 1].end, noun[2]

        before_noun = None
        if noun is None and unit is None and last.spelled and last.value <= 2 and high_match is None:
            before_noun = g.nouns.before(self.tokens, index)  # "عنصر واحد"
            if before_noun is not None and not before_noun[0].dual and before_noun[0] is not None:
                start = self.tokens[before_noun[1]].start
            else:
                before_noun = None

        if first.weak and noun is None and before_noun is None:
            return None, end
        if self.is_year(index, first, hedge, noun):
            return None, end
        if high_match is not None and self.year_like(first) and self.year_like(high_match) and noun is None:
            return None, end

        after_hedge = None
        if hedge is None:
            after_hedge = early_hedge or self.hedge_after(after)
            if after_hedge is not None:
                end = max(end, self.tokens[after_hedge[1] - 1].end)
        qualifier = hedge[0] if hedge else after_hedge[0] if after_hedge else Qualifier.EXACT

        a = first.value
        if high_match is not None:
            b = high_match.value
            if high_match.scale > 1 and first.scale == 1 and a < high_match.scale and a * high_match.scale < b:
                a *= high_match.scale  # "بين 3 و5 آلاف"
            if qualifier in (Qualifier.AT_MOST, Qualifier.FEWER_THAN):
                low, best, high = None, None, b
            elif qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
                low, best, high = a, a, None
            else:
                qualifier, low, best, high = Qualifier.RANGE, a, None, b
        else:
            low, best, high = _bounds(qualifier, a)
        if hedge_start is not None:
            start = min(start, hedge_start)
        noun_span = noun[1] if noun else (before_noun[1], index) if before_noun else None
        noun_unit = noun[0].unit if noun else before_noun[0].unit if before_noun else None
        return self.mention(qualifier, low, best, high, start, end, noun_span and (noun_span, noun_unit), unit)

    def dual(self, index: int):
        """A dual counted noun counts two: "قُتل جنديان", "مقتل جنديين على الأقل"."""
        g = self.g
        hit = g.nouns.at(self.tokens, index, g.clitics)
        if hit is None or not hit[0].dual or hit[1] != index + 1:
            return None
        noun, after, clitic = hit
        start, end = self.tokens[index].start + clitic, self.tokens[index].end
        if self.is_blocked(start, end):
            return None, end
        number = read_number(self.tokens, after)
        if number is not None and number.value == 2 and number.spelled:  # "جنديين اثنين"
            end, after = number.end, number.next_index
        hedge = self.hedge_after(after)
        qualifier = hedge[0] if hedge else Qualifier.EXACT
        if hedge:
            end = self.tokens[hedge[1] - 1].end
        low, best, high = _bounds(qualifier, 2.0)
        noun_span = ((index, index + 1), noun.unit)
        mention = self.mention(qualifier, low, best, high, start, end, noun_span, None, noun_clitic=clitic)
        return mention

    # what follows a number -------------------------------------------------------------

    def hedge_after(self, index: int):
        """A hedge written after the figure ("65 على الأقل", "50 فأكثر") — unless it opens
        the next figure: in "45 قتيلاً وأكثر من 100 جريح" the "وأكثر" is the next hedge's."""
        g = self.g
        hit = g.hedges_after.at(self.tokens, index)
        if hit is None:
            return None
        opens = g.hedges_before.at(self.tokens, index, g.clitics)
        if opens is not None and read_number(self.tokens, opens[1]) is not None:
            return None
        return hit

    def noun(self, index: int, articles: bool):
        """The counted noun at `tokens[index]`, maybe after closing quotes, a linker ("من",
        "of the") or, in English, a few adjectives: (Noun, (first, next) token indices of
        the noun), or (None, None, next) for a period, or None."""
        g = self.g
        while (token := self.token(index)) is not None and token.text in g.transparent:
            index += 1
        hit = g.not_counted.at(self.tokens, index)
        if hit is not None:
            return None, None, hit[1]
        found = self._noun_at(index, articles)
        if found is not None:
            return found
        linked = g.linkers.at(self.tokens, index)
        if linked is not None:
            found = self._noun_at(linked[1], articles=True)
            if found is not None:
                return found
        for gap in range(1, g.max_gap + 1):
            token = self.token(index + gap - 1)
            if token is None or not token.is_word or token.text in g.gap_stops or token.text in g.lex.words:
                break
            found = self._noun_at(index + gap, articles=False)
            if found is not None:
                return found if found[0].gap >= gap else None  # no gap in Arabic: "5 في هجوم"
        return None

    def _noun_at(self, index: int, articles: bool):
        hit = self.g.nouns.at(self.tokens, index, self.g.articles if articles else NO_PREFIXES)
        if hit is None:
            return None
        noun, after, _ = hit
        return noun, (index, after), after

    def range_end(self, index: int, first_index: int):
        """The second number of a range whose first number starts at `tokens[first_index]`
        and ends before `tokens[index]`: (NumberMatch, opener hit or None), or None.

        A join of the opener's ("بين ... و", "from ... to") or a bare join ("-", "إلى",
        "or") must come next; و may be glued to the second number ("وخمسة عشر"). The
        second number must be the larger: "5 أو 3" is not a range."""
        g = self.g
        token = self.token(index)
        if token is None:
            return None
        opener = g.openers.before(self.tokens, first_index, g.clitics)
        opener_joins = opener[0] if opener else frozenset()
        second = None
        if token.text in opener_joins or token.text in g.bare_joins:
            second = read_number(self.tokens, index + 1)
            if token.text not in opener_joins:
                opener = None
        else:
            for clitic in g.lex.connector_clitics:
                if clitic in opener_joins and token.text.startswith(clitic) and len(token.text) > len(clitic):
                    second = read_number(self.tokens, index)
                    break
        if second is None:
            return None
        first = read_number(self.tokens, first_index)
        low = first.value
        if second.scale > 1 and first.scale == 1 and low < second.scale:
            low *= second.scale
        if second.value <= low and second.value <= first.value:
            return None
        return second, opener

    # what a number is not --------------------------------------------------------------

    def not_a_count(self, index: int, number: NumberMatch) -> bool:
        g = self.g
        tokens = self.tokens
        first, after = tokens[index], number.next_index
        previous, following = self.token(index - 1), self.token(after)
        digits_only = not number.spelled
        if previous is not None and self.glued(index - 1, index):
            if previous.is_word and previous.text not in g.clitic_set:
                return True  # "MH17", "covid19"
            if previous.text in ("+", ":", "/") or (previous.text == "-" and self.token(index - 2) is not None and self.glued(index - 2, index - 1) and not self.token(index - 2).is_number):
                return True  # "+963", "F-16", the tail of "10:30" or "3/1"
            if previous.text == "." and self.token(index - 2) is not None and self.token(index - 2).is_number and self.glued(index - 2, index - 1):
                return True
        if following is not None and self.glued(after - 1, after):
            if following.is_word and (following.text in g.lex.ordinal_suffixes or following.text in g.year_after or g.time_after.at(tokens, after)):
                return True  # "3rd", "2023م", "10am"
            if following.text in (":", "/") and self.token(after + 1) is not None and self.token(after + 1).is_number:
                return True  # "10:30", "3/1/2024"
            if following.text == "-" and (nxt := self.token(after + 1)) is not None and self.glued(after, after + 1) and nxt.is_word:
                if nxt.text not in g.lex.words or nxt.text in g.lex.ordinals:
                    return True  # "5-year-old", "twenty-first", "three-day"
        if following is not None and following.text == "-" and (nxt := self.token(after + 1)) is not None and nxt.text in g.lex.ordinals:
            return True
        if previous is not None and previous.text in g.lex.ordinals:
            return True  # "التاسع عشر"
        if digits_only and after == index + 1:
            if len(first.text) >= PHONE_DIGITS and first.text.isdecimal():
                return True
            if self.chain_end(index, after) - index >= 3:
                return True  # "0933 123 456", "2024-01-03"
        if self.stripped(index - 1) & g.time_before or g.time_after.at(tokens, after):
            return True  # "الساعة 10", "10 pm"
        if following is not None and following.text in g.year_after and digits_only:
            return True  # "1445 هـ"
        if self.month_at(after):
            return True  # "3 يناير"
        if digits_only and (self.stripped(index - 1) & g.identifiers or (previous is not None and previous.text in (".", "#") and self.stripped(index - 2) & g.identifiers)):
            return True  # "القرار 2254", "no. 5"
        if self.month_before(index):
            if digits_only and after == index + 1 and len(first.text) in (3, 4):
                return True  # "يناير 2024", "آب/أغسطس 2022 عملية عسكرية", "جمادى الآخرة 1445"
            if number.value <= 31:
                return self.noun(after, articles=False) is None  # "January 3"
        return False

    def chain_end(self, index: int, after: int) -> int:
        """The end of a run of digit groups joined by spaces or dashes (phone numbers,
        ISO dates) that starts at `tokens[index]`: at least `after`."""
        end, groups = after, 1
        while True:
            token = self.token(end)
            if token is not None and token.text == "-" and (nxt := self.token(end + 1)) is not None and nxt.is_number and self.glued(end, end + 1):
                end, groups = end + 2, groups + 1
            elif token is not None and token.is_number and token.text.isdecimal() and self.token(end - 1).is_number and groups >= 1 and len(token.text) >= 2 and len(self.token(end - 1).text) >= 2:
                end, groups = end + 1, groups + 1
            else:
                break
        return end if groups >= 3 else after

    def month_at(self, index: int) -> bool:
        hit = self.g.months.at(self.tokens, index)
        return hit is not None and self._proper(index)

    def month_before(self, index: int) -> bool:
        at = index
        if (token := self.token(at - 1)) is not None and token.text == ".":
            at -= 1
        hit = self.g.months.before(self.tokens, at)
        return hit is not None and self._proper(hit[1])

    def _proper(self, index: int) -> bool:
        """A month name that is also a common word ("may", "march") counts only capitalised."""
        token = self.tokens[index]
        if token.text not in self.g.proper_case:
            return True
        return self.view.original[self.view.original_offset(token.start)].isupper()

    @staticmethod
    def year_like(number: NumberMatch) -> bool:
        return not number.spelled and number.end - number.start == 4 and YEARS[0] <= number.value <= YEARS[1]

    def is_year(self, index: int, number: NumberMatch, hedge, noun) -> bool:
        """A bare 3–4 digit number after a year word ("عام 2023", "in 2019"), or a bare
        year-like number with no hedge and no counted noun ("2019")."""
        if number.spelled or noun is not None or not self.tokens[index].text.isdecimal():
            return False
        if self.stripped(index - 1) & self.g.year_before and len(self.tokens[index].text) in (3, 4):
            return True
        return hedge is None and self.year_like(number)

    # building --------------------------------------------------------------------------

    def mention(self, qualifier, low, best, high, start, end, noun, unit, noun_clitic: int = 0):
        view = self.view
        begin, stop = view.original_span(start, end)
        text = view.original[begin:stop]
        noun_text = None
        if noun is not None:
            (first, after), noun_unit = noun
            noun_start = self.tokens[first].start + noun_clitic
            noun_begin, noun_stop = view.original_span(noun_start, self.tokens[after - 1].end)
            noun_text = view.original[noun_begin:noun_stop]
            unit = unit or noun_unit
        mention = QuantityMention(
            low=low, best=best, high=high, qualifier=qualifier, text=text,
            # built, not validated: begin <= stop and text is original[begin:stop] by construction
            evidence=Evidence.model_construct(start=begin, end=stop, text=text), unit=unit, noun=noun_text,
        )  # fmt: skip
        return mention, end


def _bounds(qualifier: Qualifier, n: float) -> tuple[float | None, float | None, float | None]:
    """UCDP low / best / high for a single figure (the table in the module docstring)."""
    if qualifier == Qualifier.EXACT:
        return n, n, n
    if qualifier == Qualifier.APPROXIMATELY:
        return None, n, None
    if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return n, n, None
    return None, None, n
