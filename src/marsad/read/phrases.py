"""Phrase lists — actor names, voices, attribution cues — found in a normalised view in one pass.

`PhraseMatcher` compiles (phrase, value) pairs from language data into one Aho-Corasick
automaton over the matching view (`marsad.read.normalize`) and returns the phrases that stand
in a text as whole words: longest first, never overlapping. Around a phrase it accepts what
writers do:

- a proclitic glued to the first word (وداعش، للجيش), from `lang/<language>/spelling.yaml`,
  left outside the span — except where it has fused with the article ("للجيش": the span is
  the whole word, since no span of the text reads "الجيش"); a language without that file
  (English) takes none;
- a space left out after a letter that does not join (مصادرسورية): invisible on screen, so
  common in web text;
- "…" inside a phrase: up to `max_gap` words between its parts ("أعلن … مسؤوليته" meets
  "أعلن تنظيم داعش مسؤوليته"); a gap never crosses punctuation other than quotes;
- `guard`: a phrase ambiguous on its own counts only after one of these words ("القاعدة"
  after "تنظيم" or "المرتبطة", never in "القاعدة العسكرية");
- `case_sensitive`: the letters the data writes in capitals must be capitals in the text
  ("IS" the group, never the verb "is"); an acronym the data writes in capitals must at
  least start with one ("ISWAP", "Iswap", but not the "iswap" of a link).

A phrase whose value is None is one that must not be read as anything ("claimed the lives"):
it wins the overlap like any phrase and yields no hit.

Why one automaton rather than a regex per phrase: the lists hold thousands of phrases (every
alias of every actor; state forces of every nationality), and one pass of a C automaton costs
the same whatever their number. Python only looks at the raw hits, and rejects most of them
(a phrase inside a longer word) with one character test. `READERS`, a `PhraseBook`, goes one
step further for the lists every text is read for (actor names and their epithets, voices,
attribution cues): one automaton for all of them, one pass per text, each finder taking its
own list's hits from that pass.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Generic, NamedTuple, TypeVar

import ahocorasick
from pydantic import BaseModel

from marsad.lang import LANGUAGES, topics
from marsad.read.normalize import Normalized
from marsad.read.numbers import fold
from marsad.read.tokens import TOKEN

V = TypeVar("V")

GAP = "…"
# Punctuation that a gap, a guard or a linker may cross: quotes and brackets around a name
# ('تنظيم "داعش"', "(قسد)") belong to the name's sentence, not between clauses.
QUOTES = frozenset("\"'«»“”‘’„()[]")
MAX_JOINED_SPACES = 3  # variants with dropped spaces: 2^3 at most per phrase
MAX_WORD = 24  # characters a word and its space take at most, for a quick bound on a gap
SHORTEST_CONTRACTED = 3  # letters left after the article for a contracted form ("للجيش"), not "ألقى"


class SpellingData(BaseModel):
    """Schema of `lang/<language>/spelling.yaml`."""

    proclitics: dict[str, str] = {}
    unjoined: str = ""


@dataclass(frozen=True)
class Spelling:
    """One language's spelling data, folded to the view.

    `plain` are the prefixes that stand for nothing (with "" for none); `standing` maps what
    a prefix stands for at the start of a word ("ال") to the prefixes that do ("لل")."""

    plain: frozenset[str]
    standing: dict[str, frozenset[str]]
    unjoined: frozenset[str]

    def fused_start(self, prefix: str) -> int:
        """Where the fused part of a standing prefix begins: "ولل" is و, then "لل" fused
        with the word ("للجيش"); a span keeps the fused part and leaves the و out."""
        for plain in sorted(self.plain, key=len, reverse=True):
            if plain and prefix.startswith(plain) and any(prefix[len(plain) :] in fused for fused in self.standing.values()):
                return len(plain)
        return 0

    @property
    def longest(self) -> int:
        return max([len(p) for p in self.plain] + [len(p) for ps in self.standing.values() for p in ps])

    def strip(self, word: str) -> set[str]:
        """The word and the word without each prefix it may carry."""
        return {word} | {word[len(p) :] for p in self.plain if p and word.startswith(p) and len(word) > len(p)}


NO_SPELLING = Spelling(frozenset({""}), {}, frozenset())


@cache
def spelling(language: str) -> Spelling:
    data = topics("spelling", SpellingData).get(language)
    if data is None:
        return NO_SPELLING
    plain, standing = {""}, {}
    for prefix, stands_for in data.proclitics.items():
        if stands_for:
            standing.setdefault(fold(stands_for), set()).add(fold(prefix))
        else:
            plain.add(fold(prefix))
    return Spelling(frozenset(plain), {k: frozenset(v) for k, v in standing.items()}, frozenset(data.unjoined))


class Hit(NamedTuple, Generic[V]):
    """A phrase found in the view: `start`/`end` are view positions of the phrase itself;
    `clitic` letters of a proclitic sit just before `start`. (A named tuple: texts give
    hundreds of hits, and a tuple is the cheapest object to make.)"""

    start: int
    end: int
    value: V
    clitic: int = 0

    def original(self, view: Normalized) -> tuple[int, int]:
        """The span of the original text behind the phrase."""
        return original_span(view, self.start, self.end)


def original_span(view: Normalized, start: int, end: int) -> tuple[int, int]:
    """`view.original_span`, at no cost for a text the view dropped nothing from (most
    English text): readers map every mention they report, so the shortcut pays."""
    return view.original_span(start, end) if view.dropped_at else (start, end)


def original_offset(view: Normalized, position: int) -> int:
    """`view.original_offset`, with the same shortcut."""
    return view.original_offset(position) if view.dropped_at else position


def view_offset(view: Normalized, position: int) -> int:
    """`view.view_offset`, with the same shortcut."""
    return view.view_offset(position) if view.dropped_at else position


@dataclass(frozen=True, slots=True)
class _Entry:
    value: object
    prefixes: frozenset[str]
    tail: tuple[tuple[str, ...], ...]
    guard: frozenset[str] | None
    spelling: Spelling  # the phrase's language: proclitics of a guard word, fused articles
    upper: tuple[int, ...]
    priority: int
    max_gap: int
    stands_for: str = ""  # the phrase's first letters that the prefix stands for (contracted)

    @property
    def plain(self) -> bool:
        """Whether only the proclitic decides: no case, guard, gap or contraction to check."""
        return not (self.upper or self.guard is not None or self.tail or self.stands_for)


class PhraseMatcher(Generic[V]):
    """Phrases of any language → values; `find` lists the hits in a view."""

    def __init__(self, max_gap: int = 4) -> None:
        self.max_gap = max_gap
        self._keys: dict[str, list[_Entry]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self._longest_prefix = 0

    def add(
        self,
        phrase: str,
        value: V | None,
        language: str,
        *,
        priority: int = 0,
        guard: Iterable[str] | None = None,
        case_sensitive: bool = False,
        max_gap: int | None = None,
    ) -> None:
        """Add a phrase as the data writes it. On the same words, the higher `priority`
        wins; at equal priority the entry added first. `max_gap` overrides the matcher's
        for this phrase's gaps."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r} for phrase {phrase!r}")
        first, *rest = (part.strip() for part in phrase.split(GAP))
        if not first or not all(rest):
            raise ValueError(f"phrase {phrase!r}: a gap must stand between words")
        tail = tuple(tuple(m.group() for m in TOKEN.finditer(fold(part))) for part in rest)
        rules = spelling(language)
        self._longest_prefix = max(self._longest_prefix, rules.longest)
        guard_set = frozenset(fold(word) for word in guard) if guard is not None else None
        for variant in _joined_variants(first, rules.unjoined):
            key = fold(variant)
            if case_sensitive:
                upper = tuple(i for i, ch in enumerate(variant) if ch.isupper())
            elif _is_acronym(variant):
                upper = (0,)  # "Iswap" and "ISWAP", not the "iswap" of a link or a file name
            else:
                upper = ()
            if upper and len(key) != len(variant):
                raise ValueError(f"phrase {phrase!r}: a case-sensitive phrase must not fold to another length")
            gap = self.max_gap if max_gap is None else max_gap
            entry = _Entry(value, rules.plain, tail, guard_set, rules, upper, priority, gap)
            self._add_key(key, entry)
            for stands_for, prefixes in rules.standing.items():
                if key.startswith(stands_for) and len(key) - len(stands_for) >= SHORTEST_CONTRACTED:
                    short = tuple(i - len(stands_for) for i in upper)
                    contracted = _Entry(value, prefixes, tail, guard_set, rules, short, priority, gap, stands_for)
                    self._add_key(key[len(stands_for) :], contracted)
        self._automaton = None

    def _add_key(self, key: str, entry: _Entry) -> None:
        entries = self._keys.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: -e.priority)  # stable: first added wins ties

    def __len__(self) -> int:
        return len(self._keys)

    def _compiled(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for key, entries in self._keys.items():
                automaton.add_word(key, (len(key), tuple(entries)))
            if self._keys:
                automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def find(self, view: Normalized) -> list[Hit[V]]:
        """Every phrase standing as whole words in the view, longest first, without
        overlaps, in text order."""
        automaton = self._compiled()
        if not self._keys:
            return []
        candidates = []
        for start, stop, prefix, entries in _word_hits(automaton, view.text, self._longest_prefix):
            candidate = _candidate(view, start, stop, prefix, entries)
            if candidate is not None:
                candidates.append(candidate)
        return _longest_first(candidates)


class PhraseBook:
    """Phrase lists read together: one automaton over all of them, one pass over a text.

    Actors, voices and attribution cues are looked for in every text, and the automaton's
    pass over the characters is most of what finding them costs: scanning once for all the
    lists instead of once per list is what keeps the readers fast. The raw hits of the last
    text are kept, so that each finder asks for its own list without a rescan; the cache
    holds one text, recognised by identity, and a finder called on another text rescans."""

    def __init__(self) -> None:
        self._lists: dict[str, PhraseMatcher] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self._longest_prefix = 0
        self._last: tuple[Normalized, dict[str, list]] | None = None

    def register(self, name: str, matcher: PhraseMatcher) -> None:
        """Add (or replace) a list; the automaton is rebuilt on the next scan."""
        self._lists[name] = matcher
        self._automaton, self._last = None, None

    def find(self, name: str, view: Normalized) -> list[Hit]:
        """The hits of one list in the view, as `PhraseMatcher.find` gives them."""
        last = self._last
        if last is None or last[0] is not view:
            last = (view, self._scan(view))
            self._last = last
        return _longest_first(list(last[1][name]))

    def _compiled(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            groups: dict[str, list] = {}
            for name, matcher in self._lists.items():
                for key, entries in matcher._keys.items():
                    plain = len(entries) == 1 and entries[0].plain
                    groups.setdefault(key, []).append((name, tuple(entries), plain))
            automaton = ahocorasick.Automaton()
            for key, group in groups.items():
                automaton.add_word(key, (len(key), tuple(group)))
            if groups:
                automaton.make_automaton()
            self._automaton = automaton
            self._longest_prefix = max((m._longest_prefix for m in self._lists.values()), default=0)
        return self._automaton

    def _scan(self, view: Normalized) -> dict[str, list]:
        """Raw candidates of every list, with a shortcut for the common key (one entry,
        nothing to check but the proclitic): it runs for every hit of every text."""
        automaton = self._compiled()
        candidates: dict[str, list] = {name: [] for name in self._lists}
        if not len(automaton):
            return candidates
        for start, stop, prefix, groups in _word_hits(automaton, view.text, self._longest_prefix):
            size = stop - start
            for name, entries, plain in groups:
                if plain:
                    entry = entries[0]
                    if prefix in entry.prefixes:
                        candidates[name].append((size, entry.priority, start, stop, len(prefix), entry.value))
                    continue
                candidate = _candidate(view, start, stop, prefix, entries)
                if candidate is not None:
                    candidates[name].append(candidate)
        return candidates


def _word_hits(automaton: ahocorasick.Automaton, text: str, longest_prefix: int):
    """(start, stop, proclitic, value) for every key of the automaton that ends a word of
    the text and starts one, maybe after a proclitic of at most `longest_prefix` letters
    (whether that proclitic is allowed is each entry's business)."""
    length = len(text)
    for end, (size, value) in automaton.iter(text):
        stop = end + 1
        if stop < length and text[stop].isalpha():
            continue
        start = stop - size
        prefix = ""
        if start > 0 and text[start - 1].isalpha():
            word_start = start - 1
            floor = max(0, start - longest_prefix)  # never past the start of the text
            while word_start > floor and text[word_start - 1].isalpha():
                word_start -= 1
            if word_start > 0 and text[word_start - 1].isalpha():
                continue
            prefix = text[word_start:start]
        yield start, stop, prefix, value


def _candidate(view: Normalized, start: int, stop: int, prefix: str, entries) -> tuple | None:
    """The reading of a word hit: (length, priority, start, end, clitic, value) of the
    longest entry whose conditions hold (entries of one key differ in their gaps: "نقلت"
    and "نقلت … عن"), the first in priority order among equals; or None."""
    text = view.text
    best = None
    for entry in entries:
        if prefix not in entry.prefixes:
            continue
        if entry.upper and not all(view.original[original_offset(view, start + i)].isupper() for i in entry.upper):
            continue
        if entry.guard is not None and not _guarded(text, start - len(prefix), entry):
            continue
        finish = stop
        if entry.tail:
            finish = _tail_end(text, stop, entry.tail, entry.max_gap)
            if finish is None:
                continue
        begin, clitic = start, len(prefix)
        if entry.stands_for:  # "للجيش": the article fused with the proclitic, take the whole word
            clitic = entry.spelling.fused_start(prefix)
            begin = start - len(prefix) + clitic
        if best is None or (finish - begin, entry.priority) > best[:2]:
            best = (finish - begin, entry.priority, begin, finish, clitic, entry.value)
    return best


def _guarded(text: str, start: int, entry: _Entry) -> bool:
    word = word_before(text, start)
    return word is not None and not entry.guard.isdisjoint(entry.spelling.strip(text[word[0] : word[1]]))


def _longest_first(candidates: list) -> list[Hit]:
    """The candidates (length, priority, start, end, clitic, value) that survive when the
    longest (then the highest priority, then the first) is kept and whatever overlaps it
    is dropped; as hits in text order, without the ignored ones."""
    candidates.sort(key=_RANK)
    starts: list[int] = []
    kept: list[tuple] = []
    for _, _, start, stop, clitic, value in candidates:
        index = bisect_left(starts, start)
        if (index and kept[index - 1][1] > start) or (index < len(starts) and starts[index] < stop):
            continue
        starts.insert(index, start)
        kept.insert(index, (start, stop, clitic, value))
    return [Hit(start, stop, value, clitic) for start, stop, clitic, value in kept if value is not None]


def _rank(candidate: tuple) -> tuple:
    return -candidate[0], -candidate[1], candidate[2]


_RANK = _rank


def _is_acronym(phrase: str) -> bool:
    letters = [ch for ch in phrase if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _joined_variants(phrase: str, unjoined: Collection[str]) -> list[str]:
    """The phrase, and the phrase with spaces left out after letters that do not join —
    between words of two letters or more: a dropped space after a one-letter abbreviation
    ("أ ب") would make another word ("آب")."""
    spaces = [
        i
        for i, ch in enumerate(phrase)
        if ch == " " and i > 1 and phrase[i - 1] in unjoined and phrase[i - 2].isalpha() and phrase[i + 1 : i + 3].isalpha()
    ]
    spaces = spaces[:MAX_JOINED_SPACES]
    variants = [phrase]
    for count in range(1, len(spaces) + 1):
        for dropped in combinations(spaces, count):
            variants.append("".join(ch for i, ch in enumerate(phrase) if i not in dropped))
    return variants


def _tail_end(text: str, stop: int, tail: tuple[tuple[str, ...], ...], max_gap: int) -> int | None:
    """Where the later parts of a gapped phrase end, each within `max_gap` words of the
    part before it, or None. Tokens are made as they are needed: most gaps fail at the
    first punctuation."""
    reach = (max_gap + sum(len(part) for part in tail)) * MAX_WORD
    limit = min(len(text), stop + reach)
    for part in tail:  # most gapped phrases fail here, at C speed: the later words are not near
        if text.find(part[0], stop, limit) < 0:
            return None
    matches = TOKEN.finditer(text, stop, limit)
    tokens: list = []
    index = 0
    for part in tail:
        size, skipped = len(part), 0
        while True:
            while len(tokens) < index + size:
                match = next(matches, None)
                if match is None:
                    return None
                tokens.append(match)
            if all(tokens[index + offset].group() == word for offset, word in enumerate(part)):
                index += size
                break
            token = tokens[index].group()
            if token[0].isalnum():
                skipped += 1
                if skipped > max_gap:
                    return None
            elif token not in QUOTES:
                return None  # a gap never crosses punctuation
            index += 1
    return tokens[index - 1].end()


def word_before(text: str, position: int) -> tuple[int, int] | None:
    """The view span of the word before `position`, across spaces and quotes only."""
    index = position
    while index > 0 and (text[index - 1].isspace() or text[index - 1] in QUOTES):
        index -= 1
    end = index
    while index > 0 and text[index - 1].isalpha():
        index -= 1
    return (index, end) if index < end else None


def words_between(text: str, start: int, end: int, limit: int = 8) -> list[str] | None:
    """The words of `text[start:end]` when nothing but words, spaces and quotes stand there
    (the linkers between two mentions), at most `limit` of them; else None."""
    if end - start > limit * MAX_WORD:
        return None
    if end <= start or text[start:end].isspace():
        return []
    words = []
    for token in TOKEN.finditer(text, start, end):
        value = token.group()
        if value[0].isalpha():
            words.append(value)
            if len(words) > limit:
                return None
        elif value not in QUOTES:
            return None
    return words


# The phrase lists every text is read for — actor names (marsad.resolve.actors), voices and
# attribution cues (marsad.read.sources) — register here and share one pass.
READERS = PhraseBook()
