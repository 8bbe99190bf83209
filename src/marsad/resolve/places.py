"""Place mentions in a text → gazetteer entries with ACLED's geo-precision, and why.

Reading happens on the normalised view (`marsad.read.normalize`); every mention is
reported as a span of the original text. The steps:

1. Names. At each word, the longest run of words that is a gazetteer name wins ("دير
   الزور" not "دير"; "البادية السورية" not "البادية"). Arabic words may carry proclitics
   ("وبدير الزور", "للرقة"); the bare word is tried first, then the shortest strip. Names
   written as one word or two ("البوكمال" / "البو كمال") are in the gazetteer both ways.
   English names must be capitalised. Phrases that contain a name but name something else
   ("قوات سوريا الديمقراطية", "Islamic State West Africa Province") are consumed whole and
   yield nothing; words that are never places are skipped; words that are sometimes places
   ("الخير", "مالي", "Jordan") count only after a cue or a preposition ("في مالي"), in a
   list with another place of their kind, or in a document already about their country.
   Spellings no source lists are found afterwards, among the places of the countries the
   document is about: English by transliteration skeleton ("Deir al-Zour" = "Dayr az
   Zawr"), and after a cue ("مدينة X", "the town of X") by fuzzy match (rapidfuzz).
2. Context. Countries and provinces the document names without ambiguity (its title and
   dateline count double), and country adjectives anywhere ("مصادر سورية"), make their
   namesakes likelier: الرقة in a story about Syria is Raqqa, not the Kuwaiti district.
3. Choice. Each candidate is scored: its kind, population, curated priority, the context,
   the kinds of the places listed beside it ("Niger, Chad and Cameroon"), and the words
   around it — a kind word ("محافظة", "بلدة", "Borno state", "the town of"), a country
   adjective ("كرمان الإيرانية", "the Iranian city of"). A town and the province named after
   it: the town, unless a kind word says province. A country right after a verb of saying
   ("ترى الولايات المتحدة") is the state speaking, and a country's name used as an adjective
   ("السلطات السعودية") is no place either.
4. Precision, as ACLED codes it: 1 the town itself; 2 near a town, its countryside, a
   district; 3 a province or a region, or part of a country ("شمال سوريا"); 4 the country.

The mention is the name plus the words that changed what it denotes — "ريف دير الزور
الشرقي", "near Thiban", "شمال شرق سوريا" — without proclitics and without words that only
say its kind ("مدينة كرمان" → "كرمان", "Borno state" → "Borno", "محافظتي كركوك" → "كركوك").

"مناطق سوريا الديمقراطية" in the seed article names the SDF's areas, not Syria: it is one
of the `not_places` phrases and yields no place.

Speed: geocoding must add little to reading, and most words begin no name. The view is cut
into words once (one C regex, `_words`); set operations against indexes kept on the
gazetteer (`_NameStarts`, built on first use) sort out the few words where a name may
begin; lookups at several lengths, cues and scoring run only there. The late passes
(fuzzy match, skeletons) run only in a document about some country, on the words no name
took. The results are those of a lookup at every word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate, compress, product
from operator import and_, not_, or_

from rapidfuzz import fuzz, process

from marsad.model import Place
from marsad.read.normalize import Normalized
from marsad.resolve.gazetteer import (
    ARABIC_LETTERS,
    Entry,
    Gazetteer,
    PlaceLanguage,
    cue_kind,
    default_gazetteer,
    name_key,
    place_language,
    script_language,
    skeletons,
)

# Scores. A candidate's score is its kind's base, plus population (4 per power of ten),
# curated priority, context and cue agreement; a name is a place when its best candidate
# reaches ACCEPT without the cue's help, or a cue or adjective vouches for it (`accepted`).
KIND_BASE = {"country": 60, "region": 40, "admin1": 30, "admin2": 15, "city": 25}
PRECISION = {"country": 4, "region": 3, "admin1": 3, "admin2": 2, "city": 1}
POPULATION_WEIGHT = 4
CAPITAL_BONUS = 15  # a town beats the province named after it
CONTEXT_COUNTRY = 30
CONTEXT_PER_MENTION = 10
CONTEXT_ADMIN1 = 15
KIND_AGREES = 100
TOWN_FOR_DISTRICT = 50
NISBA = 200
LISTED_KIND = 40  # "Niger, Chad and Cameroon": listed with countries, Niger is one too
LISTED_KINDS = ("country", "admin1", "region")  # (towns in a list say nothing of their neighbours' kind)
FOREIGN_FOR_LOCAL_CUE = 40  # "ناحية X" in a story about Iraq: X is in Iraq
LOOSE_PENALTY = 10
ACCEPT = 44
STRONG_POPULATION = 100_000  # places this large set the document's context on their own
# Hamlets (GeoNames knows their population and it is small) need a cue ("قرية X"): the
# document's country alone does not make a word that is also a hamlet's name a place.
SMALL_TOWN = 5_000
# Priorities set by the build: 5 for the places of the countries marsad follows most
# closely (curated.yaml's `coverage.every_place`), 10 and more for curated names.
CURATED = 10
HEAD_CHARACTERS = 200  # title and dateline: their places count double as context
CONTEXT_MARGIN = 10  # an ambiguous name sets the context only when one country clearly leads
MAX_GAP = 3  # characters between the words of one name: spaces, a hyphen, an apostrophe
NAME_JOINERS = frozenset(" -'")
LIST_JOINERS = frozenset(" ,،")
FUZZY_CUTOFF = 85  # one letter wrong in a name of seven or more
FUZZY_MIN_LENGTH = 5
KIND_CUES = ("city", "admin1", "admin2", "division")
LOCAL_KINDS = ("city", "admin2", "division")  # words that name a place too small to be famous abroad
DIVISIONS = ("admin1", "admin2", "region")
AREA_CUES = ("near", "direction", "within")


@dataclass(frozen=True)
class Rules:
    """One language's place data, compiled into lookup keys."""

    proclitics: tuple[tuple[str, str], ...]
    conjunctions: frozenset[str]
    prepositions: frozenset[str]
    before: dict[str, tuple[str, bool]]
    after: dict[str, tuple[str, bool]]
    after_near: frozenset[str]
    this_country: frozenset[str]
    nisba: dict[str, str]
    weak: frozenset[str]
    stop: frozenset[str]
    not_places: frozenset[str]
    actor_verbs: frozenset[str]
    articles: frozenset[str]
    phrase_ends: frozenset[str]  # stop words and country adjectives, articles aside: no loose phrase goes on past them
    definite: str
    before_last: frozenset[str]  # last words of the cues before a name: other words end none
    after_first: frozenset[str]  # first words of the cues after a name: other words begin none


@cache
def rules(language: str) -> Rules:
    data: PlaceLanguage = place_language(language)
    before, after = {}, {}
    for label, cue in data.cues.items():
        for word in cue.words:
            before[name_key(word)] = (cue_kind(label), cue.plural)
        for word in cue.after:
            after[name_key(word)] = (cue_kind(label), cue.plural)
    nisba = {}
    for stem, country in data.nisba.items():
        for ending in data.nisba_endings or [""]:
            nisba[name_key(data.definite + stem + ending)] = country
    keys = lambda words: frozenset(name_key(word) for word in words)  # noqa: E731
    return Rules(
        proclitics=tuple(sorted(((name_key(p), r) for p, r in data.proclitics.items()), key=lambda item: len(item[0]))),
        conjunctions=keys(data.conjunctions), prepositions=keys(data.prepositions), before=before, after=after,
        after_near=keys(data.after_near), this_country=keys(data.this_country), nisba=nisba,
        weak=keys(data.weak_names), stop=keys(data.stop_names), not_places=keys(data.not_places),
        actor_verbs=keys(data.actor_verbs), articles=keys(data.articles), definite=name_key(data.definite),
        phrase_ends=frozenset((keys(data.stop_names) | nisba.keys()) - keys(data.articles)),
        before_last=frozenset(key.rsplit(" ", 1)[-1] for key in before),
        after_first=frozenset(key.split(" ", 1)[0] for key in [*after, *keys(data.after_near)]),
    )  # fmt: skip


@dataclass(eq=False, slots=True)
class Match:
    """A run of words that names something in the gazetteer, and the words around it."""

    first: int  # word indexes of the name, end exclusive
    end: int
    cut: int  # proclitic letters before the name in its first word
    key: str
    language: str
    entries: list[Entry]
    how: str = "exact"  # exact, loose, fuzzy, this_country
    weak: bool = False
    kind: str | None = None  # city / admin1 / admin2, from a kind word
    kind_words: str | None = None
    kind_after: bool = False  # the kind word follows the name ("Borno state")
    kind_inherited: bool = False
    plural: bool = False
    area: str | None = None  # near / direction / within
    area_words: str | None = None
    area_start: int | None = None
    area_cut: int = 0
    area_end: int | None = None
    nisba: str | None = None
    nisba_word: str | None = None
    actor: bool = False
    adjective: bool = False
    preposition: bool = False
    fuzzy_name: str | None = None
    fuzzy_score: float = 0.0
    tail: int = 0  # word index after the name and the words that go with it

    def __post_init__(self) -> None:
        self.tail = self.end


@dataclass(slots=True)
class Candidate:
    entry: Entry
    score: float
    cue_part: float = 0.0


@dataclass(slots=True)
class Resolution:
    """One name found: the place reported (None when judged no place), the candidates
    weighed, best first, and the rules that decided."""

    place: Place | None
    mention: str
    candidates: list[Candidate] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class _Context:
    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    by_match: dict[int, tuple[str, int]] = field(default_factory=dict)
    _without: dict[tuple[str, int], Counter] = field(default_factory=dict)

    def countries_beside(self, match: Match) -> Counter:
        """The countries of the document without what this name itself adds to them (read
        only). Names that add the same share get the same counter."""
        own = self.by_match.get(id(match))
        if not own:
            return self.countries
        if own not in self._without:
            countries = self._without[own] = Counter(self.countries)
            countries[own[0]] -= own[1]
        return self._without[own]


def find_places(view: Normalized, original_text: str, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Every place mention of the text, resolved, in text order."""
    return [resolution.place for resolution in resolve_places(view, original_text, gazetteer) if resolution.place]


def resolve_places(view: Normalized, original_text: str, gazetteer: Gazetteer | None = None) -> list[Resolution]:
    """Every name found in the text with what was decided about it, rejected ones included."""
    return _Reader(view, original_text, gazetteer or default_gazetteer()).run()


class _Reader:
    """One document: its words, and the names found in them."""

    def __init__(self, view: Normalized, original: str, gazetteer: Gazetteer) -> None:
        self.view, self.original, self.gazetteer = view, original, gazetteer
        self.texts, self.starts, self.ends, gaps = _words(view.text)
        # links[i]: words i and i + 1 may be words of one name (only spaces, a hyphen or an apostrophe between)
        self.links = list(map(_NAME_GAPS.__contains__, gaps))
        # breaks: the words not linked to the next one (the last word among them), for `run_length`
        self.breaks = [*compress(range(len(self.links)), map(not_, self.links)), len(self.links)]
        self.readings: dict[str, list[tuple[str, int]]] = {}
        self.priors: dict[str, float] = gazetteer.derived("places.priors", lambda _: {})
        self.name_starts: _NameStarts = gazetteer.derived("places.name_starts", _NameStarts.of)
        self.longest = min(gazetteer.longest, 6)
        self.consumed: list[tuple[int, int]] = []  # word spans the scan passed over as one name or no-place phrase

    def run(self) -> list[Resolution]:
        matches = self.scan()
        context = self.context(matches)
        countries = frozenset(country for country, count in context.countries.items() if count > 0)
        if countries:
            matches = sorted(matches + self.late(matches, countries), key=lambda match: match.first)
        beside = self.connect(matches)
        return [resolution for match, listed in zip(matches, beside) if (resolution := self.resolve(match, listed, context))]

    # 1. Names.

    def scan(self) -> list[Match]:
        """Names from left to right, longest first. Only the words where a name may begin
        are looked at (`_NameStarts.candidates`): the others are most of the text, and set
        operations spare them the lookups of `name_at`. English names are capitalised."""
        matches: list[Match] = []
        index = 0
        for candidate in self.name_starts.candidates(self.texts, self.links):
            if candidate < index:
                continue  # inside the last name
            language = self.language(candidate)
            if language == "en" and not self.capitalised(candidate, rules("en")):
                continue
            found = self.name_at(candidate, language)
            if found is None:
                index = candidate + 1
            elif isinstance(found, int):  # a phrase that is not a place
                self.consumed.append((candidate, found))
                index = found
            else:
                self.surroundings(found, matches[-1].tail if matches else 0)
                matches.append(found)
                self.consumed.append((candidate, found.tail))
                index = found.tail
        return matches

    def late(self, matches: list[Match], countries: frozenset[str]) -> list[Match]:
        """Spellings no source lists, among the places of the document's countries: after a
        kind word by fuzzy match, English capitalised words by transliteration skeleton.
        They look at the words that the scan passed without finding a name and that no name
        took with its cue words (`free`), and a name found spans no word a name took (`taken`)."""
        taken = _cover(bytearray(len(self.texts)), ((match.area_start or match.first, match.tail) for match in matches))
        free = bytes(map(not_, _cover(bytearray(taken), self.consumed)))
        late = [found for index in self.after_kind_cue(free) if (found := self.fuzzy_at(index, countries, taken))]
        late += self.loose(self.unknown_capitals(free), countries, _cover(taken, ((match.first, match.end) for match in late)))
        for found in late:
            self.surroundings(found, max((match.tail for match in matches if match.first < found.first), default=0))
        return late

    def language(self, index: int) -> str:
        return "ar" if self.all_arabic else script_language(self.texts[index])

    def linked(self, index: int) -> bool:
        """Whether word `index` and the next may be words of one name."""
        return 0 <= index < len(self.links) and self.links[index]

    def chained(self, start: int, end: int) -> bool:
        """Whether words `start` to `end` (exclusive) are linked as one name's."""
        return 0 <= start and end <= len(self.texts) and all(self.links[start : end - 1])

    def joined(self, left: int, right: int, joiners: frozenset[str]) -> bool:
        """Whether word `right` follows word `left` with only these characters between."""
        if left < 0 or right >= len(self.texts) or right <= left:
            return False
        gap = self.view.text[self.ends[left] : self.starts[right]]
        return len(gap) <= MAX_GAP and set(gap) <= joiners

    def run_length(self, index: int, most: int) -> int:
        """How many words from `index` on are linked as the words of one name, up to `most`."""
        return min(most, self.breaks[bisect_left(self.breaks, index)] - index + 1)

    def untaken(self, index: int, length: int, taken: bytearray) -> int:
        """How many of the `length` words from `index` on come before the first that `taken` marks."""
        stop = taken.find(1, index, index + length)
        return length if stop < 0 else stop - index

    def variants(self, index: int) -> list[tuple[str, int]]:
        """The word as written, then without each proclitic (shortest first), with the
        number of letters dropped from its front. Asked for the same words again by the
        cues around names, so kept. (A word that begins with a proclitic's letter is in
        Arabic script, so read as Arabic.)"""
        text = self.texts[index]
        found = self.readings.get(text)
        if found is None:
            found = self.readings[text] = [(text, 0)]
            proclitics = _proclitics_by_letter().get(text[0])
            if proclitics and text not in self.gazetteer.words:
                for prefix, restore in proclitics:
                    if text.startswith(prefix) and len(text) - len(prefix) >= 2:
                        found.append((restore + text[len(prefix) :], len(prefix) - len(restore)))
        return found

    def name_at(self, index: int, language: str) -> Match | int | None:
        """The longest name or no-place phrase starting at word `index` (the end of the
        phrase for the latter), trying the word as written before its proclitic readings."""
        data = rules(language)
        variants = self.variants(index)
        reaches = [self.reach(index, first) for first, _ in variants]
        for count in range(max(reaches), 0, -1):
            rest = self.texts[index + 1 : index + count]
            for (first, cut), reach in zip(variants, reaches):
                if count > reach:
                    continue
                key = " ".join([first, *rest])
                if key in data.not_places:
                    return index + count
                if key in data.stop or key in data.nisba and language == "en":
                    continue
                entries = self.gazetteer.lookup(key)
                if entries:
                    return Match(index, index + count, cut, key, language, entries, weak=key in data.weak)
        if language == "ar" and any(variant in data.this_country for variant, _ in variants):
            return Match(index, index + 1, 0, self.texts[index], language, [], "this_country")
        return None

    def reach(self, index: int, first: str) -> int:
        """How many words from `index` on, the first read as `first`, may be one name: none
        when no name begins with `first`, one unless a name begins with it and the next
        word, else as many as are linked."""
        if first not in self.name_starts.words:
            return 0
        if self.linked(index) and f"{first} {self.texts[index + 1]}" in self.name_starts.pairs:
            return self.run_length(index, self.longest)
        return 1

    def capitalised(self, index: int, data: Rules) -> bool:
        """English names are capitalised; a lowercase article may lead one ("al-Bab")."""
        capitals = self.capitals
        return capitals[index] or (self.texts[index] in data.articles and self.linked(index) and capitals[index + 1])

    @cached_property
    def all_arabic(self) -> bool:
        """Whether every word is in Arabic script: then none is capitalised or English."""
        return not _NOT_ARABIC.search("".join(self.texts))

    @cached_property
    def capitals(self) -> list[bool]:
        """capitals[i]: word i begins with a capital in the original. Made for all words at
        once, on first use: in English text the question comes for most of them."""
        starts = self.starts
        if self.view.dropped_at:
            starts = list(map(self.view.original_offset, starts))
        return list(map(str.isupper, map(self.original.__getitem__, starts)))

    def after_kind_cue(self, free: bytes) -> list[int]:
        """The free words (`free[i]`) that come right after a kind word ("مدينة X", "the
        town of X"): fuzzy candidates. Found from the kind words, which are few."""
        last_words = _kind_cue_last_words()
        cue_ends = compress(range(len(self.texts) - 1), map(last_words.__contains__, self.texts))
        return [end + 1 for end in cue_ends if free[end + 1] and self.follows_kind_cue(end + 1)]

    def unknown_capitals(self, free: bytes) -> list[int]:
        """The free words (`free[i]`) that are capitalised English words: skeleton candidates."""
        if self.all_arabic:
            return []
        data = rules("en")
        capital_or_article = map(or_, self.capitals, map(data.articles.__contains__, self.texts))
        maybe = compress(range(len(free)), map(and_, free, capital_or_article))
        return [index for index in maybe if self.capitalised(index, data) and self.language(index) == "en"]

    def follows_kind_cue(self, index: int) -> bool:
        data = rules(self.language(index))
        for count in (2, 1):
            start = index - count
            if start >= 0 and self.chained(start, index + 1):
                key = " ".join(self.texts[start:index])
                if data.before.get(key, ("",))[0] in KIND_CUES:
                    return True
        return False

    def fuzzy_at(self, index: int, countries: frozenset[str], taken: bytearray) -> Match | None:
        """An unknown name after "مدينة"/"the town of": the closest name among the places of
        the countries the document is about, if close enough."""
        language = self.language(index)
        data = rules(language)
        if language == "en" and not self.capitalised(index, data):
            return None
        length = self.untaken(index, self.run_length(index, min(self.longest, 3)), taken)
        for count in range(length, 0, -1):
            rest = self.texts[index + 1 : index + count]
            for first, cut in self.variants(index):
                query = " ".join([first, *rest])
                if len(query) < FUZZY_MIN_LENGTH or query in data.weak or any(word in data.stop for word in [first, *rest]):
                    continue
                choices = self.gazetteer.names_in(countries, query[0], _fuzzy_lengths(len(query)))
                found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                if found:
                    key, similarity, _ = found
                    entries = [entry for entry in self.gazetteer.lookup(key) if entry.country in countries]
                    match = Match(index, index + count, cut, query, language, entries, "fuzzy")
                    match.fuzzy_name, match.fuzzy_score = key, similarity
                    return match
        return None

    def loose(self, capitals: list[int], countries: frozenset[str], taken: bytearray) -> list[Match]:
        """English spellings no source lists, by transliteration skeleton, among the places
        of the countries the document is about ("Deir al-Zour" → Deir ez-Zor). Each
        capitalised word is tried with the words after it, longest first; the skeletons of
        all these phrases are made in one batch."""
        data = rules("en")
        phrases = {index: self.loose_phrases(index, taken, data) for index in capitals if not taken[index]}
        keys = [key for phrase in phrases.values() for _, key in phrase]
        codes = dict(zip(keys, skeletons(keys)))
        found: list[Match] = []
        for index, phrase in phrases.items():
            if found and index < found[-1].end:
                continue
            for count, key in phrase:
                entries = [e for e in self.gazetteer.lookup_loose(codes[key]) if e.country in countries] if codes[key] else []
                if entries:
                    found.append(Match(index, index + count, 0, key, "en", entries, "loose", weak=key in data.weak))
                    break
        return found

    def loose_phrases(self, index: int, taken: bytearray, data: Rules) -> list[tuple[int, str]]:
        """The phrases from word `index` on that may be one name, longest first, as (words,
        key): linked words that no other name took, up to a stop word or a country
        adjective (articles aside)."""
        length = self.untaken(index, self.run_length(index, self.longest), taken)
        words = self.texts[index : index + length]
        clean = next(compress(range(length), map(data.phrase_ends.__contains__, words)), length)
        return [(count, " ".join(words[:count])) for count in range(clean, 0, -1)]

    def cue_before(self, end: int, claimed: int, data: Rules, kinds: tuple[str, ...]) -> tuple[str, bool, str, int, int] | None:
        """The longest cue of these kinds ending right before word `end`: (kind, plural,
        words, first word index, proclitic letters on it)."""
        last = end - 1
        if last < claimed or not self.linked(last):
            return None
        if self.texts[last] not in data.before_last:
            variants = self.variants(last)
            if len(variants) == 1 or not any(variant in data.before for variant, _ in variants[1:]):
                return None
        for count in (4, 3, 2, 1):
            start = end - count
            if start < claimed or not self.chained(start, end + 1):
                continue
            for variant, cut in self.variants(start):
                key = " ".join([variant, *self.texts[start + 1 : end]])
                if key in data.before and data.before[key][0] in kinds:
                    return (*data.before[key], key, start, cut)
        return None

    def surroundings(self, match: Match, claimed: int) -> None:
        """The words around a name: kind and area words before and after it, "الشرقي", a
        country adjective, a verb of saying, a preposition. Words before `claimed` belong to
        the previous name ("the Chiure district of Mozambique": "district of" is Chiure's)."""
        data = rules(match.language)
        self.trim_kind_words(match, data)
        found = self.cue_before(match.first, claimed, data, KIND_CUES + AREA_CUES)
        if found and found[0] in KIND_CUES:
            match.kind, match.plural, match.kind_words = found[0], found[1], found[2]
            found = self.cue_before(found[3], claimed, data, AREA_CUES)
        if found and found[0] in AREA_CUES:
            match.area, _, match.area_words, match.area_start, match.area_cut = found
        self.words_after(match, data)
        opening = match.area_start if match.area_start is not None else match.first
        if match.language == "en":
            self.demonym_before(match, data, opening)
        before = opening - 1
        if before >= claimed and self.linked(before):
            variants = [variant for variant, _ in self.variants(before)]
            match.preposition = not data.prepositions.isdisjoint(variants)
            if match.language == "ar" and not data.actor_verbs.isdisjoint(variants):
                match.actor = True
            if match.key in data.nisba and opening == match.first and self.texts[before].startswith(data.definite):
                match.adjective = True  # "السلطات السعودية": the adjective of a country, agreeing with its noun

    def trim_kind_words(self, match: Match, data: Rules) -> None:
        """A name found with its kind word ("محافظة درعا", "Borno State") is reported without
        it, and the word counts as a kind cue."""
        if " " not in match.key:
            return
        words = match.key.split(" ")
        for count in (2, 1):
            if len(words) <= count:
                continue
            head, rest = " ".join(words[:count]), " ".join(words[count:])
            kind = data.before.get(head, ("",))[0]
            if kind in KIND_CUES and any(rest in entry.keys for entry in match.entries):
                match.kind, match.kind_words = kind, head
                match.first, match.cut, match.key = match.first + count, 0, rest
                return
            tail, rest = " ".join(words[-count:]), " ".join(words[:-count])
            kind = data.after.get(tail, ("",))[0]
            if kind in ("admin1", "admin2", "division") and any(rest in entry.keys for entry in match.entries):
                match.kind, match.kind_words, match.kind_after = kind, tail, True
                match.end, match.key = match.end - count, rest
                return

    def words_after(self, match: Match, data: Rules) -> None:
        """A kind or area word after the name ("Borno state", "الشرقي"), then a country
        adjective or a verb of saying right after it all."""
        after = match.tail
        if after < len(self.texts) and self.texts[after] in data.after_first:
            after = self.cue_after(match, data, after)
        if after < len(self.texts) and self.linked(after - 1):
            word = self.texts[after]
            if word in data.nisba:
                match.nisba, match.nisba_word = data.nisba[word], word
            if match.language == "en" and word in data.actor_verbs:
                match.actor = True

    def cue_after(self, match: Match, data: Rules, after: int) -> int:
        """The longest cue after the name that tells something new; where the name's words end."""
        for count in (3, 2, 1):
            if after + count > len(self.texts) or not self.chained(after - 1, after + count):
                continue
            key = " ".join(self.texts[after : after + count])
            cue = data.after.get(key)
            if cue and cue[0] in KIND_CUES and not match.kind:
                match.kind, match.plural, match.kind_words, match.kind_after = cue[0], cue[1], key, True
                match.tail = after + count
                return match.tail
            if cue and cue[0] in AREA_CUES and not match.area:
                match.area, match.area_words = cue[0], key
                match.area_end = match.tail = after + count
                return match.tail
            if key in data.after_near and match.area in ("near", "direction"):
                match.area_end = match.tail = after + count
                return match.tail
        return after

    def demonym_before(self, match: Match, data: Rules, opening: int) -> None:
        """"the Iranian city of Kerman": a demonym just before the cue or the name."""
        start = opening
        while start > 0 and self.texts[start - 1] in data.before and data.before[self.texts[start - 1]][0] in KIND_CUES:
            start -= 1
        for index in range(start - 1, max(start - 4, -1), -1):
            word = self.texts[index]
            if word in data.nisba:
                match.nisba, match.nisba_word = data.nisba[word], word
                return

    def connect(self, matches: list[Match]) -> list[list[Match]]:
        """A plural kind word covers the names listed after it ("محافظتي كركوك وصلاح الدين")
        or before it ("Diyala and Salahuddin provinces"). Returns, for each name, the names
        listed right before and after it."""
        pairs = list(zip(matches, matches[1:]))
        together = [self.listed(left, right) for left, right in pairs]
        for (previous, match), listed in zip(pairs, together):
            if previous.plural and not previous.kind_after and not match.kind and listed:
                match.kind, match.plural, match.kind_inherited, match.kind_words = previous.kind, True, True, previous.kind_words
        for (match, following), listed in reversed(list(zip(pairs, together))):
            if following.plural and following.kind_after and not match.kind and listed:
                match.kind, match.plural, match.kind_inherited, match.kind_words = following.kind, True, True, following.kind_words
                match.kind_after = True
        beside: list[list[Match]] = [[] for _ in matches]
        for position, ((left, right), listed) in enumerate(zip(pairs, together)):
            if listed:
                beside[position].append(right)
                beside[position + 1].append(left)
        return beside

    def listed(self, left: Match, right: Match) -> bool:
        """Whether `right` follows `left` in a list: "X وY", "X و Y", "X، Y", "X and Y"."""
        data = rules(right.language)
        left_end = left.end
        right_first = right.area_start if right.area_start is not None else right.first
        if right_first == left_end:
            gap = self.gap(left_end - 1, right_first)
            return self.joined(left_end - 1, right_first, LIST_JOINERS) and (right.cut > 0 or "," in gap or "،" in gap)
        if right_first == left_end + 1 and self.texts[left_end] in data.conjunctions:
            return self.joined(left_end - 1, left_end, LIST_JOINERS) and self.joined(left_end, right_first, LIST_JOINERS)
        return False

    def gap(self, left: int, right: int) -> str:
        return self.view.text[self.ends[left] : self.starts[right]]

    # 2. Context.

    def prior(self, entry: Entry) -> float:
        """`_prior`, kept by place id on the gazetteer: the same places are weighed again in
        document after document."""
        prior = self.priors.get(entry.id)
        if prior is None:
            prior = self.priors[entry.id] = _prior(entry)
        return prior

    def context(self, matches: list[Match]) -> _Context:
        context = _Context()
        for match in matches:
            if match.weak or match.adjective or not match.entries:
                continue
            ranked = sorted(match.entries, key=self.prior, reverse=True)
            best = ranked[0]
            rival = next((entry for entry in ranked[1:] if entry.country != best.country), None)
            if not best.country or (rival and self.prior(best) - self.prior(rival) < CONTEXT_MARGIN):
                continue
            if not (best.kind in ("country", "region", "admin1") or best.population >= STRONG_POPULATION or _curated(best)):
                continue
            weight = 2 if self.starts[match.first] < HEAD_CHARACTERS else 1
            context.countries[best.country] += weight
            context.by_match[id(match)] = (best.country, weight)
            admin1s = {entry.admin1_code for entry in match.entries if entry.admin1_code and entry.country == best.country}
            if len(admin1s) == 1:
                context.admin1s[admin1s.pop()] += weight
        adjectives = _country_adjectives()  # "مصادر سورية": every word is looked up, so the loop runs in C
        context.countries.update(map(adjectives.__getitem__, filter(adjectives.__contains__, self.texts)))
        return context

    # 3. Choice and 4. precision.

    def resolve(self, match: Match, beside: list[Match], context: _Context) -> Resolution | None:
        countries = context.countries_beside(match)
        why: list[str] = [_how(match)]
        if match.how == "this_country":
            if match.area not in ("direction", "within") or not _about_a_country(countries):
                return None
            main = countries.most_common(1)[0][0]
            if main not in self.gazetteer.countries:
                return None
            match.entries = [self.gazetteer.countries[main]]
            why.append(f"'{match.key}' after a direction is the document's country ({main})")
        elif not match.entries:
            return None
        listed_kinds = _listed_kinds(beside)
        provinces = {entry.admin1_code for entry in match.entries if entry.kind == "admin1"}
        scored = [Candidate(entry, *self.score(entry, match, countries, context, listed_kinds, provinces)) for entry in match.entries]
        scored.sort(key=lambda candidate: (-candidate.score, candidate.entry.id))
        if match.kind:
            why.append(f"kind word '{match.kind_words}' → {match.kind}" + (" (shared with the list)" if match.kind_inherited else ""))
        if match.area:
            why.append(f"'{match.area_words}' → {match.area}")
        if match.nisba:
            why.append(f"adjective '{match.nisba_word}' → {match.nisba}")
        best = scored[0]
        if match.adjective:
            return self.rejected(match, scored, why + ["a country's adjective agreeing with a noun, not a place"])
        if match.weak and not _weak_accepted(match, beside, countries, best.entry):
            return self.rejected(match, scored, why + ["a common word: no cue, preposition, list or context for it"])
        if match.actor and best.entry.kind == "country":
            return self.rejected(match, scored, why + ["a country as the subject of a verb: the state, not a place"])
        if not self.accepted(best, match, countries):
            reason = f"score {best.score - best.cue_part:.0f} below {ACCEPT} without the cue, and nothing else places it"
            return self.rejected(match, scored, why + [reason])
        if len(scored) > 1:
            why.append(_decided_by(best, scored[1], match, countries))
        return self.place(match, best.entry, scored, why)

    def accepted(self, best: Candidate, match: Match, countries: Counter) -> bool:
        """A name is a place when it scores on its own, or a cue or adjective says it is one
        and the document is about its country (or about no country yet), or it is curated."""
        entry = best.entry
        if match.nisba and entry.country == match.nisba:
            return True
        if not (match.kind or match.area):
            return best.score >= ACCEPT and _liftable(entry)
        if best.score - best.cue_part >= ACCEPT:
            return True
        return _curated(entry) or not _about_a_country(countries) or (entry.country is not None and countries[entry.country] > 0)

    def score(
        self, entry: Entry, match: Match, countries: Counter, context: _Context, listed_kinds: set[str], provinces: set[str | None]
    ) -> tuple[float, float]:
        """The candidate's score, and the part of it that the kind word contributed.
        `provinces`: the admin1 codes of the provinces among the name's candidates."""
        score = self.prior(entry)
        cue_part = 0.0
        if entry.kind in listed_kinds:
            score += LISTED_KIND
        if entry.kind == "city" and entry.admin1_code in provinces:
            score += CAPITAL_BONUS
        if _liftable(entry) or match.kind or match.area or match.nisba:
            mentions = countries.get(entry.country, 0)  # (`get`: a Counter's missing keys cost a Python call)
            if entry.country and mentions > 0:
                score += CONTEXT_COUNTRY + CONTEXT_PER_MENTION * min(mentions, 3)
            if entry.admin1_code and context.admin1s.get(entry.admin1_code, 0) > 0 and entry.kind != "admin1":
                score += CONTEXT_ADMIN1
        if match.kind:
            if entry.kind == match.kind or (match.kind == "division" and entry.kind in DIVISIONS):
                cue_part = KIND_AGREES
            elif match.kind == "city" and entry.kind == "region":
                cue_part = KIND_AGREES
            elif match.kind in ("admin2", "division") and entry.kind == "city":
                cue_part = TOWN_FOR_DISTRICT
        if match.kind in LOCAL_KINDS and _about_a_country(countries) and countries[entry.country or ""] <= 0:
            score -= FOREIGN_FOR_LOCAL_CUE
        if match.nisba:
            score += NISBA if entry.country == match.nisba else -NISBA
        if match.how == "loose":
            score -= LOOSE_PENALTY
        return score + cue_part, cue_part

    def rejected(self, match: Match, scored: list[Candidate], why: list[str]) -> Resolution:
        start, end = self.span(match)
        return Resolution(None, self.original[start:end], scored, why, start, end)

    def span(self, match: Match) -> tuple[int, int]:
        if match.area_start is not None:
            view_start = self.starts[match.area_start] + match.area_cut
        else:
            view_start = self.starts[match.first] + match.cut
        view_end = self.ends[(match.area_end or match.end) - 1]
        return self.view.original_span(view_start, view_end)

    def place(self, match: Match, entry: Entry, scored: list[Candidate], why: list[str]) -> Resolution:
        precision = PRECISION[entry.kind]
        if match.kind == "admin1" and entry.kind == "city" and entry.admin1_code in self.gazetteer.admin1s:
            entry = self.gazetteer.admin1s[entry.admin1_code]
            precision = 3
            why.append("a province word before a town: its province")
        elif match.kind in ("admin2", "division") and entry.kind == "city":
            precision = 2
            why.append("the district or area of a town: precision 2")
        if match.area in ("near", "direction") and entry.kind == "city":
            precision = 2
            why.append("around a town: precision 2")
        elif match.area in ("direction", "within") and entry.kind == "country":
            precision = 3
            why.append("part of a country: precision 3")
        start, end = self.span(match)
        mention = self.original[start:end]
        place = Place.model_validate({  # (a dict validates faster than keyword arguments)
            "mention": mention, "name": entry.name, "name_ar": entry.name_ar, "country": entry.country,
            "admin1": entry.admin1 if entry.kind != "country" else None, "admin2": entry.admin2,
            "lat": round(entry.lat, 5), "lon": round(entry.lon, 5), "geo_precision": precision, "gazetteer_id": entry.id,
            "evidence": {"start": start, "end": end, "text": mention},
        })  # fmt: skip
        return Resolution(place, mention, scored, why, start, end)


_LETTERS = re.compile(r"([^\W\d_]+)")  # a word of `marsad.read.tokens`: a run of letters
# every text that may stand between two words of one name: up to MAX_GAP spaces, hyphens, apostrophes
_NAME_GAPS = frozenset("".join(gap) for size in range(MAX_GAP + 1) for gap in product(NAME_JOINERS, repeat=size))
_NOT_ARABIC = re.compile(f"[^{ARABIC_LETTERS}]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_ONE_WORD = re.compile(r"^[^ \n]+$", re.MULTILINE)
_FIRST_OF_SEVERAL = re.compile(r"^([^ \n]+) ", re.MULTILINE)
_FIRST_TWO = re.compile(r"^([^ \n]+ [^ \n]+)", re.MULTILINE)


def _cover(mask: bytearray, spans: Iterable[tuple[int, int]]) -> bytearray:
    """The mask with the words inside these spans (word indexes, end exclusive) marked."""
    for start, stop in spans:
        mask[start:stop] = b"\x01" * (stop - start)
    return mask


@cache
def _bmp_letters() -> re.Pattern:
    """`_LETTERS` for text without characters beyond the Basic Multilingual Plane, as the
    ranges of its letters (alphanumeric, not a decimal digit): a table of ranges is
    quicker to test than character categories, and `_words` runs on every text."""
    ranges, start = [], None
    for code in range(0x10001):
        letter = code < 0x10000 and chr(code).isalnum() and not chr(code).isdecimal()
        if letter and start is None:
            start = code
        elif not letter and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"([{''.join(ranges)}]+)")


def _words(view: str) -> tuple[list[str], list[int], list[int], list[str]]:
    """The word tokens of `tokenize(view)` as three lists — texts, starts, ends — and the
    text between each word and the next.

    Made without the other tokens: one `split` puts the words at the odd places and the
    gaps at the even ones, and the positions follow from the lengths, so no Python step
    runs per word (this is the one pass over the whole text)."""
    parts = (_LETTERS if _BEYOND_BMP.search(view) else _bmp_letters()).split(view)
    bounds = list(accumulate(map(len, parts)))
    texts, starts, ends = parts[1::2], bounds[0::2][: len(parts) // 2], bounds[1::2]
    if "".join(texts).isalpha():
        return texts, starts, ends, parts[2:-1:2]
    kept = [index for index, text in enumerate(texts) if text[0].isalpha()]  # a run led by a numeral letter ("½") is no word
    starts, ends = [starts[i] for i in kept], [ends[i] for i in kept]
    return [texts[i] for i in kept], starts, ends, [view[end:start] for end, start in zip(ends, starts[1:])]


@dataclass(frozen=True)
class _NameStarts:
    """How the names and no-place phrases begin, so that the words of a text that begin
    none are passed over without a lookup: their first words, the first two words of those
    of several words, and what a word may read after a proclitic cut. Built once per
    gazetteer (`Gazetteer.derived`)."""

    words: frozenset[str]  # first words
    alone: frozenset[str]  # the names and phrases of one word
    pairs: frozenset[str]  # "دير الزور" of "دير الزور الشرقي": the first two words of longer names
    cuts: tuple[tuple[int, frozenset[str]], ...]  # (letters a proclitic cuts, what the rest of the word must be)
    cut_letters: frozenset[str]
    whole: set[str]  # everyday words that only look like a proclitic and a name (`Gazetteer.words`)

    @classmethod
    def of(cls, gazetteer: Gazetteer) -> _NameStarts:
        phrases = [*gazetteer.index]
        for language in ("ar", "en"):
            phrases += rules(language).not_places | rules(language).this_country
        lines = "\n".join(phrases)  # one phrase a line, so that regexes sort them in C
        alone = frozenset(_ONE_WORD.findall(lines))
        words = alone.union(_FIRST_OF_SEVERAL.findall(lines))
        # "بالرقة" → "الرقة" (cut 1, nothing restored): the rest is a first word; "للرقة" →
        # "ال" + "رقة" (cut 2, "ال" restored): the rest is a first word without its "ال".
        proclitics = rules("ar").proclitics
        rests = {"": words}
        for restore in {restore for _, restore in proclitics} - {""}:
            rests[restore] = frozenset(word[len(restore) :] for word in words if word.startswith(restore))
        cuts = tuple((cut, rests[restore]) for cut, restore in sorted({(len(prefix), restore) for prefix, restore in proclitics}))
        pairs = frozenset(_FIRST_TWO.findall(lines))
        letters = frozenset(_proclitics_by_letter())
        return cls(words, alone, pairs, cuts, letters, gazetteer.words)

    def candidates(self, texts: list[str], links: list[bool]) -> list[int]:
        """Indexes of the words where a name or a no-place phrase may begin: a word that is
        one on its own, or begins one with the next word, or reads as a first word after a
        proclitic. A superset of where `_Reader.name_at` finds one, which makes the exact
        test; set operations and C iterators do the sorting."""
        distinct = set(texts)
        openers = distinct & self.words  # these count only when the next word goes on with a name
        viable = openers & self.alone  # (names of one word are first words too)
        viable.update(text for text in distinct - viable if text[0] in self.cut_letters and text not in self.whole and self.after_cut(text))
        indexes = compress(range(len(texts)), map((viable | openers).__contains__, texts))
        last, pairs = len(links), self.pairs
        return [i for i in indexes if texts[i] in viable or (i < last and links[i] and f"{texts[i]} {texts[i + 1]}" in pairs)]

    def after_cut(self, text: str) -> bool:
        """Whether some proclitic cut may leave a first word (`_Reader.variants` decides)."""
        for cut, rests in self.cuts:
            if len(text) - cut >= 2 and text[cut:] in rests:
                return True
        return False


@cache
def _fuzzy_lengths(length: int) -> range:
    """The lengths of the names that may be close enough to a query of this length:
    `fuzz.ratio` is 200 · (longest common subsequence) / (sum of the lengths), and the
    subsequence is at most the shorter of the two."""
    close = [size for size in range(1, 2 * length + 1) if 200 * min(length, size) >= FUZZY_CUTOFF * (length + size)]
    return range(close[0], close[-1] + 1)


@cache
def _country_adjectives() -> dict[str, str]:
    """Every language's country adjectives ("سورية", "Syrian") → country, each kept only in
    the script its language reads, so one lookup serves a word of either language."""
    adjectives: dict[str, str] = {}
    for language in ("ar", "en"):
        adjectives |= {word: country for word, country in rules(language).nisba.items() if script_language(word) == language}
    return adjectives


@cache
def _proclitics_by_letter() -> dict[str, tuple[tuple[str, str], ...]]:
    """The Arabic proclitics by their first letter, shortest first (as `Rules.proclitics`)."""
    by_letter: dict[str, tuple[tuple[str, str], ...]] = {}
    for prefix, restore in rules("ar").proclitics:
        by_letter[prefix[0]] = (*by_letter.get(prefix[0], ()), (prefix, restore))
    return by_letter


@cache
def _kind_cue_last_words() -> frozenset[str]:
    """The last words of the kind words of one or two words (`_Reader.follows_kind_cue`)."""
    return frozenset(
        key.rsplit(" ", 1)[-1] for language in ("ar", "en") for key, (kind, _) in rules(language).before.items() if kind in KIND_CUES and key.count(" ") < 2
    )


def _listed_kinds(beside: list[Match]) -> set[str]:
    """Kinds of the unambiguous names listed beside a name ("Niger, Chad and Cameroon")."""
    kinds = set()
    for other in beside:
        if other.entries and not other.weak and len({entry.kind for entry in other.entries}) == 1 and other.entries[0].kind in LISTED_KINDS:
            kinds.add(other.entries[0].kind)
    return kinds


def _weak_accepted(match: Match, beside: list[Match], countries: Counter, entry: Entry) -> bool:
    if match.kind or match.area or match.nisba or match.preposition:
        return True
    if entry.country and countries[entry.country] > 0 and _liftable(entry):
        return True
    return any(
        any(e.kind == entry.kind and (entry.kind == "country" or e.country == entry.country) for e in other.entries) and not other.weak
        for other in beside
    )


def _about_a_country(countries: Counter) -> bool:
    """Whether some country has a positive count (`+countries`, without making a Counter)."""
    return max(countries.values(), default=0) > 0


def _prior(entry: Entry) -> float:
    """What a candidate is worth before any context: kind, population and priority."""
    return KIND_BASE[entry.kind] + POPULATION_WEIGHT * entry.weight + entry.priority


def _curated(entry: Entry) -> bool:
    return entry.priority >= CURATED


def _liftable(entry: Entry) -> bool:
    """Whether context alone, with no cue, may make this entry the place meant (see SMALL_TOWN)."""
    return entry.kind != "city" or _curated(entry) or not 0 < entry.population < SMALL_TOWN


_HOW = {"exact": "name", "loose": "transliteration skeleton", "fuzzy": "fuzzy match", "this_country": "the document's country"}


def _how(match: Match) -> str:
    text = f"{_HOW[match.how]} '{match.key}'"
    if match.how == "fuzzy":
        text += f" ≈ '{match.fuzzy_name}' ({match.fuzzy_score:.0f}%)"
    if match.cut:
        text += " after a proclitic"
    return text


def _decided_by(best: Candidate, runner_up: Candidate, match: Match, countries: Counter) -> str:
    entry, other = best.entry, runner_up.entry
    if match.nisba and entry.country == match.nisba != other.country:
        return f"the adjective names {entry.country}"
    if match.kind and entry.kind != other.kind:
        return f"the kind word '{match.kind_words}' asks for a {match.kind}"
    if entry.country != other.country and countries[entry.country or ""] > countries[other.country or ""]:
        return f"document context: {entry.country} is mentioned ({countries[entry.country or '']}×)"
    if entry.priority > other.priority and _curated(entry):
        return "curated preference"
    if entry.kind == "city" and other.kind == "admin1" and other.admin1_code == entry.admin1_code:
        return "a town rather than the province named after it"
    if entry.kind != other.kind:
        return f"{entry.kind} over {other.kind}"
    return f"population: {entry.population:,} against {other.population:,}"
