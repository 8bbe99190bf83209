"""Everything the reading stages find in one document, indexed by sentence.

The assembler asks the same questions of every mention — which sentence is it in, what
stands just before or after it, which clause holds it — so the answers are made here once.
Positions are offsets into the text as published (evidence offsets).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import NamedTuple, TypeVar

from marsad.assemble.data import GrammarData, Lexicon, lexicon
from marsad.model import Actor, CueKind, CueMention, Document, Evidence, Place, QuantityMention, Source, TimeMention
from marsad.read.normalize import Normalized, normalize
from marsad.read.quantities import find_quantities
from marsad.read.quantities.phrases import Phrases
from marsad.read.sentences import split_sentences
from marsad.read.sources import find_cues, find_sources
from marsad.read.times import find_times
from marsad.read.tokens import Token, tokenize
from marsad.read.triggers import TriggerReading, counted_spans, read_triggers
from marsad.resolve.actors import GROUPS, UNIDENTIFIED, find_actors, registry

T = TypeVar("T")
WINDOW = 120  # characters looked at around a mention for the phrases next to it
CLAUSE_MARKS = frozenset("،,;؛:()\n")
# A dateline opens a line: a place, maybe a country and a date, maybe an agency in brackets,
# then a dash, and maybe a date and an agency and a dash again ("KIRKUK, Iraq, Feb 18 (wire) - ",
# "دمشق - (وكالات) -", "كركوك – ", "مايدوغوري (نيجيريا) – 14 آذار/مارس 2024 (وكالات) –").
DATELINE = re.compile(
    r"(?m)^[ \t]*([^\n\-–—:(]{1,50}?(?:\([^)\n]{1,30}\))?[ \t]*[-–—]"  # the place, a country, a date, an agency
    r"(?:[ \t]*[^\n\-–—:(]{1,30}?\([^)\n]{1,30}\)[ \t]*[-–—])?)"  # then a date and an agency again
)
DATELINE_REACH = 400  # datelines are found near the top
ANAPHOR_REACH = 2  # characters between a generic reference and the verb it speaks
REPORT_TIME_REACH = 70  # characters between a report verb and the time it was made
ARABIC_LETTERS = re.compile("[\u0621-\u064a]")  # which grammar a text of no known language follows
SCRIPT_SAMPLE = 400
BRACKETS = frozenset("()[]")  # official statements bracket their figures: "مقتل (6) إرهابيين"


@dataclass
class Mentions:
    document: Document
    view: Normalized
    published: dt.date | None
    sentences: list[tuple[int, int]]
    quantities: list[QuantityMention]
    times: list[TimeMention]
    triggers: list[TriggerReading]
    actors: list[Actor]
    cues: list[CueMention]
    sources: list[Source]
    places: list[Place]
    tokens: list[Token]  # of the whole view
    hits: dict[str, list[Hit]]  # the lexicon's phrases in the view (`scan`)
    words: Lexicon = field(default_factory=lexicon)

    @property
    def text(self) -> str:
        return self.view.original

    @cached_property
    def grammar(self) -> GrammarData:
        """The grammar of the document's language (of the one its letters are, if it has
        none marsad knows)."""
        grammars = self.words.grammars
        language = self.document.language
        if language not in grammars:
            language = "ar" if ARABIC_LETTERS.search(self.text, 0, SCRIPT_SAMPLE) else "en"
        return grammars.get(language, GrammarData())

    def inside_actor(self, span: Evidence) -> bool:
        """Whether `span` is part of an actor's name: a place in "Deir ez-Zor Military
        Council" is not where anything happened."""
        return any(
            a.evidence.start <= span.start and span.end <= a.evidence.end and a.evidence.end - a.evidence.start > span.end - span.start
            for a in self.actors
        )

    def sentence_evidence(self, index: int) -> Evidence:
        start, end = self.sentences[index]
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(start=start, end=end, text=self.text[start:end])

    def report_id(self, kind: str, number: int) -> str:
        """A report's id: stable for the same document, kind and place in it."""
        return hashlib.sha256(f"{self.document.id}|{kind}|{number}".encode()).hexdigest()[:16]

    def in_dateline(self, position: int) -> bool:
        """Whether `position` is in the dateline ("KIRKUK, Iraq, Feb 18 (wire) -", "كركوك –"):
        where and when the report was filed, which is not where and when it happened."""
        return any(start <= position < end for start, end in self._datelines)

    def sentence_of(self, position: int) -> int:
        return max(0, bisect_right(self._starts, position) - 1)

    def in_sentence(self, items: Sequence[T], index: int) -> list[T]:
        """The items (mentions with evidence, in text order) whose start is in sentence
        `index`. The assembler asks this of the same lists again and again: their starts
        are kept."""
        start, end = self.sentences[index]
        known = self._item_starts.get(id(items))
        if known is None or known[0] is not items:  # the list is kept with its starts, so its id stays its own
            known = self._item_starts[id(items)] = (items, [_start(item) for item in items])
        starts = known[1]
        return list(items[bisect_left(starts, start) : bisect_left(starts, end)])

    def clause(self, position: int) -> tuple[int, int]:
        """The clause around `position`: its sentence cut at commas, colons, brackets."""
        start, end = self.sentences[self.sentence_of(position)]
        start = max([start] + [stop for begin, stop in self._datelines if begin <= position and stop <= position])
        text = self.text
        left = max((text.rfind(mark, start, position) for mark in CLAUSE_MARKS), default=-1)
        rights = [i for i in (text.find(mark, position, end) for mark in CLAUSE_MARKS) if i >= 0]
        return max(start, left + 1), min(rights, default=end)

    def before(self, table: Phrases[T], position: int, gap: int = 0, since: int = 0) -> tuple[T, int] | None:
        """The phrase of `table` that ends just before `position` (at most `gap` words
        between, none of them before `since`), with where it starts."""
        tokens = self._tokens(max(position - WINDOW, since), position)
        # brackets and times stand aside: "مقتل (6) إرهابيين", "قتل منذ مطلع العام 112 عنصراً"
        tokens = [t for t in tokens if t.text not in BRACKETS and t.start not in self._timed]
        for skipped in range(min(gap, len(tokens)) + 1):
            if skipped and not tokens[-skipped].is_word:
                break
            found = table.before(tokens, len(tokens) - skipped, self.words.prefixes)
            if found is not None:
                return found[0], self.view.original_offset(tokens[found[1]].start)
        return None

    def after(self, table: Phrases[T], position: int, gap: int = 0) -> tuple[T, int] | None:
        """The phrase of `table` that starts just after `position` (at most `gap` words
        between), with where it ends."""
        tokens = self._tokens(position, position + WINDOW)
        for skipped in range(min(gap, len(tokens)) + 1):
            if skipped and not tokens[skipped - 1].is_word:
                break
            found = table.at(tokens, skipped, self.words.prefixes)
            if found is not None:
                return found[0], self.view.original_offset(tokens[found[1] - 1].end - 1) + 1
        return None

    def find(self, name: str, start: int, end: int) -> Hit | None:
        """The first phrase of the lexicon's table `name` inside `text[start:end]`."""
        found = self.hits[name]
        at = bisect_left(found, start, key=lambda hit: hit.start)
        if at < len(found) and found[at].end <= end:
            return found[at]
        return None

    def words_between(self, start: int, end: int) -> list[str]:
        return [token.text for token in self._tokens(start, end)]

    def _tokens(self, start: int, end: int) -> list[Token]:
        """The view's tokens that start in `text[start:end]`, cut from the tokens of the
        whole view (made once: the assembler asks about a few words thousands of times)."""
        view = self.view
        first = bisect_left(self._token_starts, view.view_offset(max(0, start)))
        last = bisect_left(self._token_starts, view.view_offset(min(len(self.text), end)))
        return self.tokens[first:last]

    def __post_init__(self) -> None:
        self._starts = [start for start, _ in self.sentences]
        self._token_starts = [token.start for token in self.tokens]
        self._item_starts: dict[int, tuple[Sequence, list[int]]] = {}
        self._timed = set()  # starts of the tokens inside a time mention
        for time in self.times:
            start, end = self.view.view_offset(time.evidence.start), self.view.view_offset(time.evidence.end)
            first = bisect_left(self._token_starts, start)
            self._timed.update(self._token_starts[first : bisect_left(self._token_starts, end)])
        self._datelines = [
            (match.start(1), match.end(1))
            for match in DATELINE.finditer(self.text, 0, DATELINE_REACH)
            if any(p.evidence.start == match.start(1) for p in self.places)
        ]


class Hit(NamedTuple):
    """A phrase of the lexicon in the text: its span (after any proclitic), its value, and
    the index of the token after it."""

    start: int
    end: int
    value: object
    next: int


# The lexicon's tables looked up anywhere in a text rather than next to a mention: found in
# one pass over the tokens, each token checked first against every table's first words.
SCANNED = (
    "voice_anaphors", "civilian_targets", "records", "impersonal", "claims", "since", "channels", "control", "anaphors",
    "joints", "no_toll", "one_words", "fates_before",
)  # fmt: skip


def scan(view: Normalized, tokens: list[Token]) -> dict[str, list[Hit]]:
    words = lexicon()
    starts = _starts()
    hits: dict[str, list[Hit]] = {name: [] for name in SCANNED}
    for index, token in enumerate(tokens):
        candidates = set()
        for variant in words.prefixes.rests(token.text):
            for name, seconds in starts.get(variant, ()):
                if seconds is None or (index + 1 < len(tokens) and tokens[index + 1].text in seconds):
                    candidates.add(name)
        for name in candidates:
            found = getattr(words, name).at(tokens, index, words.prefixes)
            if found is not None:
                start, end = view.original_span(token.start + found[2], tokens[found[1] - 1].end)
                hits[name].append(Hit(start, end, found[0], found[1]))
    return hits


@cache
def _starts() -> dict[str, list[tuple[str, frozenset[str] | None]]]:
    """What a token must be for a scanned phrase to start at it: first word → (table, the
    second words that may follow it, or None when a one-word phrase needs none). "the"
    alone does not start "the group"."""
    starts: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    for name in SCANNED:
        for first, entries in getattr(lexicon(), name).by_first.items():
            lengths = [words for words, _ in entries]
            seconds = None if any(len(words) == 1 for words in lengths) else frozenset(words[1] for words in lengths)
            starts.setdefault(first, []).append((name, seconds))
    return starts


def _start(item) -> int:
    return (item.mention if isinstance(item, TriggerReading) else item).evidence.start


UNNAMED = registry().by_id[UNIDENTIFIED].name  # gunmen are no group "the group" can stand for


def _with_anaphors(view: Normalized, hits: list[Hit], actors: list[Actor]) -> list[Actor]:
    """The actor mentions and the generic references to a group named before ("التنظيم",
    "الجماعة", "the group"), each as the nearest armed group named before it."""
    found = []
    for hit in hits:
        named = (a for a in reversed(actors) if a.evidence.end <= hit.start and a.name and a.name != UNNAMED)
        antecedent = next((a for a in named if a.kind in GROUPS), None)
        taken = any(a.evidence.start < hit.end and hit.start < a.evidence.end for a in actors)
        if antecedent is not None and not taken:
            evidence = Evidence(start=hit.start, end=hit.end, text=view.original[hit.start : hit.end])
            found.append(Actor(name=antecedent.name, mention=evidence.text, kind=antecedent.kind, evidence=evidence))
    return sorted(actors + found, key=lambda a: a.evidence.start) if found else actors


def _one_incident_each(joints: list[Hit], sentences, triggers, times) -> list[tuple[int, int]]:
    """Sentences, cut where one tells of a second incident: at a joint ("، فيما", ", and a",
    "; meanwhile") with event triggers on each side, and after it a time of its own or an
    event of another type ("... killed seven soldiers in an attack on Monday, and a drone
    strike in the north killed nine civilians"). The assembler reads the parts as sentences."""
    told = [(t.mention.evidence.start, t.mention.event_type) for t in triggers if not t.counted]
    timed = [t.evidence.start for t in times]
    cut: list[tuple[int, int]] = []
    for start, end in sentences:
        for joint in joints:
            at = joint.start
            if not start < at < end:
                continue
            before = {kind for p, kind in told if start <= p < at}
            after = {kind for p, kind in told if at <= p < end}
            if before and after and (not after <= before or any(at <= p < end for p in timed)):
                cut.append((start, at))
                start = at
        cut.append((start, end))
    return cut


def _voices(sources: list[Source], anaphors: list[Actor], cues: list[CueMention]) -> list[Source]:
    """The voices, where a generic reference speaks only right next to its verb ("وقالت
    الحركة إن", "the group said"), not as the subject of a verb a few words on."""
    spans = {(a.evidence.start, a.evidence.end) for a in anaphors}
    said = [c.evidence for c in cues if c.kind in (CueKind.REPORT, CueKind.CLAIM)]

    def kept(source: Source) -> bool:
        start, end = source.evidence.start, source.evidence.end
        return (start, end) not in spans or any(c.end >= start - ANAPHOR_REACH and c.start <= end + ANAPHOR_REACH for c in said)

    return [source for source in sources if kept(source)]


def _told_times(view: Normalized, times: list[TimeMention], cues: list[CueMention], triggers, quantities, places) -> list[TimeMention]:
    """The times of what is told, without the times of the telling: a day soon after a
    report or claim verb, with nothing told between them — no trigger, no figure, no place,
    no "أن"/"that" opening what is said ("أفادت مصادر أمنية، اليوم الأربعاء، بمقتل ...", "police said on
    Tuesday") — is when the report was made."""
    reports = [c.evidence for c in cues if c.kind in (CueKind.REPORT, CueKind.CLAIM)]
    told = sorted(
        [t.mention.evidence.start for t in triggers] + [q.evidence.start for q in quantities] + [p.evidence.start for p in places if p.evidence]
    )
    kept = []
    for time in times:
        start = time.evidence.start
        cue = next((c for c in reversed(reports) if c.end <= start), None)
        reporting = (
            cue is not None
            and time.precision == "day"
            and start - cue.end <= REPORT_TIME_REACH
            and not any(cue.end <= position < start for position in told)
            and _plain_words(view, cue.end, start)
        )
        if not reporting:
            kept.append(time)
    return kept


def _plain_words(view: Normalized, start: int, end: int) -> bool:
    """Whether `text[start:end]` stays in one sentence and opens nothing said."""
    between = view.text[view.view_offset(start) : view.view_offset(end)]
    return "\n" not in between and "." not in between and lexicon().complementizers.isdisjoint(between.split())


def read_mentions(document: Document, places: list[Place], view: Normalized | None = None) -> Mentions:
    """Run every reader over the document; `places` come from the resolve stage."""
    view = view or normalize(document.text)
    published = document.published
    if isinstance(published, dt.datetime):
        published = published.date()
    times = find_times(view, published)
    taken = [(view.view_offset(t.evidence.start), view.view_offset(t.evidence.end)) for t in times]
    quantities = find_quantities(view, taken)
    tokens = tokenize(view.text)
    hits = scan(view, tokens)
    named = find_actors(view)
    actors = _with_anaphors(view, hits["anaphors"], named)
    cues = find_cues(view)
    triggers = read_triggers(view, counted_spans(view, quantities))
    sentences = [(s.start, s.end) for s in split_sentences(document.text)] or [(0, len(document.text))]
    sentences = _one_incident_each(hits["joints"], sentences, triggers, times)
    return Mentions(
        document=document,
        view=view,
        published=published,
        sentences=sentences,
        quantities=quantities,
        times=_told_times(view, times, cues, triggers, quantities, places),
        triggers=triggers,
        actors=actors,
        cues=cues,
        sources=_voices(find_sources(view, actors, cues), [a for a in actors if a not in named], cues),
        places=[place for place in places if place.evidence is not None],
        tokens=tokens,
        hits=hits,
    )
