"""Every language's time words, folded to the view and indexed for the scanner.

The tables of all languages are merged into one `Grammar`: Arabic and English words never
collide, and an Arabic article quoting "Jan. 7" reads it too. Each phrase is kept as the
tokens the scanner will see, under its first token, so that a lookup at a token costs one
dictionary probe; `readers` says which readers a word may start, so the scanner tries no
other token and no other reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import compress, repeat
from operator import is_
from typing import Any, Literal, TypeVar

from marsad.lang import topics
from marsad.read.normalize import normalize
from marsad.read.times.data import WEEKDAY_NAMES, Calendar, MonthsData, RelativeTimesData, Unit
from marsad.read.tokens import tokenize

# Which readers a word may start (see `Grammar.readers`): the first four are the scanner's,
# the others the parts of `PointReader.point`.
BACK_REFERENCE, RANGE, SINCE, DURATION = 1, 2, 4, 8
DAYS, WEEKDAY, PERIOD, RELATION, PART, STRETCH, DATE, YEAR, NUMERIC = (1 << bit for bit in range(4, 13))
POINT = DAYS | WEEKDAY | PERIOD | RELATION | PART | STRETCH | DATE | YEAR | NUMERIC
DIGIT_READERS = DURATION | DATE | YEAR | NUMERIC

V = TypeVar("V")


def _words(phrase: str) -> tuple[str, ...]:
    """A phrase of the data as the tokens the scanner will see."""
    return tuple(token.text for token in tokenize(normalize(phrase).text))


class Phrases:
    """Phrases of one kind (month names, relative words …) as token sequences → value,
    looked up at a token index; longer phrases win ("كانون الثاني" over "كانون").

    Phrases are kept under their first word (`by_first`), and those of two words or more
    also under their first two (`by_first_two`), since many share a first word ("the same
    day", "the same period", "the first half"...); `single` holds the one-word phrases."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self.by_first_two: dict[tuple[str, str], list[tuple[tuple[str, ...], Any]]] = {}
        self.single: dict[str, Any] = {}

    def add(self, phrase: str, value: Any) -> None:
        words = _words(phrase)
        if not words:
            return
        entries = self.by_first.setdefault(words[0], [])
        if all(existing != words for existing, _ in entries):
            entries.append((words, value))
            entries.sort(key=lambda entry: -len(entry[0]))
            if len(words) == 1:
                self.single[words[0]] = value
            else:
                longer = self.by_first_two.setdefault(words[:2], [])
                longer.append((words, value))
                longer.sort(key=lambda entry: -len(entry[0]))

    def add_all(self, phrases: list[str], value: Any) -> None:
        for phrase in phrases:
            self.add(phrase, value)


@dataclass(frozen=True, slots=True)
class Month:
    calendar: Calendar
    number: int
    ambiguous: bool
    proper_case: bool
    abbreviated: bool


@dataclass(frozen=True, slots=True)
class Period:
    unit: Literal["week", "month", "year"]
    offset: int
    until_published: bool
    week_start: int


@dataclass(frozen=True, slots=True)
class DurationUnit:
    unit: Unit
    form: Literal["one", "two", "many"]


class Grammar:
    """Every language's time words, folded and indexed for the scanner. The languages are
    merged into one grammar: their words do not collide, and a text may quote the other."""

    def __init__(self, months: dict[str, MonthsData], relative: dict[str, RelativeTimesData]) -> None:
        self.months, self.weekdays, self.ordinals = Phrases(), Phrases(), Phrases()
        self.days, self.periods, self.parts, self.current_units = Phrases(), Phrases(), Phrases(), Phrases()
        self.relations_after, self.relations_before, self.back_references = Phrases(), Phrases(), Phrases()
        self.duration_units, self.openers, self.hedges = Phrases(), Phrases(), Phrases()
        self.past_after, self.past_before, self.vague_counts = Phrases(), Phrases(), Phrases()
        self.ago_before, self.ago_after, self.since = Phrases(), Phrases(), Phrases()
        self.range_openers, self.range_joiners = Phrases(), Phrases()
        self.year_words, self.month_words, self.day_words, self.of_words = Phrases(), Phrases(), Phrases(), Phrases()
        self.calendar_marks, self.one_words, self.number_articles = Phrases(), Phrases(), Phrases()
        self.year_stretches, self.first_words = Phrases(), Phrases()
        self.day_suffixes: set[str] = set()
        self.cues: set[str] = set()
        self.not_followed_by: dict[tuple[str, ...], set[str]] = {}
        self.ago_not_followed_by: set[str] = set()
        self.count_only_openers: set[tuple[str, ...]] = set()
        self.clitics: list[tuple[str, str]] = []
        self.numeric_orders: list[tuple[str, ...]] = []

        for data in months.values():
            ambiguous = {_words(name) for name in data.ambiguous}
            proper = {_words(name) for name in data.proper_case}
            short = {_words(name) for name in data.abbreviated}
            for calendar_name, names in (("gregorian", data.gregorian), ("hijri", data.hijri)):
                for name, number in names.items():
                    words = _words(name)
                    self.months.add(name, Month(calendar_name, number, words in ambiguous, words in proper, words in short))
            for name, weekday in data.weekdays.items():
                self.weekdays.add(name, weekday)
            for name, day in data.day_ordinals.items():
                self.ordinals.add(name, day)
            self.day_suffixes.update(data.day_suffixes)
            if tuple(data.numeric_order) not in self.numeric_orders:
                self.numeric_orders.append(tuple(data.numeric_order))

        clitics: dict[str, str] = {}
        for data in relative.values():
            clitics.update({normalize(k).text: normalize(v).text for k, v in data.clitics.items()})
            week_start = WEEKDAY_NAMES.index(data.week_starts)
            for phrase, offset in data.days.items():
                self.days.add(phrase, offset)
            for phrase, followers in data.not_followed_by.items():
                self.not_followed_by.setdefault(_words(phrase), set()).update(w for f in followers for w in _words(f)[:1])
            for phrase, period in data.periods.items():
                self.periods.add(phrase, Period(period.unit, period.offset, period.until_published, week_start))
            for phrase, unit in data.current_units.items():
                self.current_units.add(phrase, Period(unit, 0, False, week_start))
            for part, phrases in data.parts.items():
                self.parts.add_all(phrases, part)
            for relation, phrases in data.relations_after.items():
                self.relations_after.add_all(phrases, relation)
            for relation, phrases in data.relations_before.items():
                self.relations_before.add_all(phrases, relation)
            for kind, phrases in data.back_references.items():
                self.back_references.add_all(phrases, kind)
            for phrase, months_range in data.year_stretches.items():
                self.year_stretches.add(phrase, months_range)
            self.first_words.add_all(data.first_words, True)
            for unit, forms in data.durations.items():
                for form in ("one", "two", "many"):
                    self.duration_units.add_all(getattr(forms, form), DurationUnit(unit, form))
            self.openers.add_all(data.duration_openers, True)
            self.count_only_openers.update(_words(phrase) for phrase in data.count_only_openers)
            self.hedges.add_all(data.duration_hedges, True)
            self.past_after.add_all(data.past_after, True)
            self.past_before.add_all(data.past_before, True)
            self.vague_counts.add_all(data.vague_counts, True)
            self.ago_before.add_all(data.ago_before, True)
            self.ago_after.add_all(data.ago_after, True)
            self.ago_not_followed_by.update(normalize(word).text for word in data.ago_not_followed_by)
            self.number_articles.add_all(data.number_articles, True)
            self.one_words.add_all(data.one_words, 1)
            self.since.add_all(data.since, True)
            self.range_openers.add_all(data.range_openers, True)
            self.range_joiners.add_all(data.range_joiners, True)
            self.year_words.add_all(data.year_words, True)
            self.month_words.add_all(data.month_words, True)
            self.day_words.add_all(data.day_words, True)
            self.of_words.add_all(data.of_words, True)
            self.cues.update(normalize(word).text for word in data.cues)
            for calendar_name, marks in data.calendar_marks.items():
                self.calendar_marks.add_all(marks, calendar_name)
        # Longest clitic first: "وبال" before "و".
        self.clitics = sorted(clitics.items(), key=lambda item: -len(item[0]))
        # The article glued to duration units and number words ("الأيام", "الثلاثة").
        self.glued_articles = sorted({normalize(a).text for data in relative.values() for a in data.glued_articles})
        # Words that may begin a time expression, with the readers that may start on them:
        # the scanner tries no other token, and no other reader.
        self.readers: dict[str, int] = {}
        for flag, tables in (
            (BACK_REFERENCE, (self.back_references,)),
            (RANGE, (self.range_openers,)),
            (SINCE, (self.since,)),
            (DURATION, (self.ago_before, self.openers, self.first_words, self.past_before, self.duration_units, self.number_articles)),
            (DAYS, (self.days,)),
            (WEEKDAY, (self.day_words, self.weekdays)),
            (PERIOD, (self.periods,)),
            (RELATION, (self.relations_before,)),
            (PART, (self.parts,)),
            (STRETCH, (self.year_stretches,)),
            (DATE, (self.months, self.month_words, self.number_articles, self.ordinals)),
            (YEAR, (self.year_words,)),
        ):
            for table in tables:
                for word in table.by_first:
                    self.readers[word] = self.readers.get(word, 0) | flag
        for article in self.glued_articles:
            for unit in self.duration_units.by_first:
                self.readers[article + unit] = self.readers.get(article + unit, 0) | DURATION
        self._starter_forms: dict[str, list[tuple[str, int]]] = {}
        self.starting: dict[str, bool] = {}
        self.unit_words = set(self.duration_units.by_first) | {
            article + unit for article in self.glued_articles for unit in self.duration_units.by_first
        }
        self.core_words = self._core_words()
        self.core_cache: dict[str, bool] = {}
        self._cue_cache: dict[str, bool] = {}

    def _core_words(self) -> set[str]:
        """One word of each phrase that no expression can do without (a month, a weekday, a
        unit, "أمس", "period" …): `find_times` reads only around these, four-digit numbers
        and dates in digits. The glue around them ("في", "the", "من") is not among them."""
        glue: set[str] = set(self.cues)
        for table in (
            self.of_words, self.openers, self.hedges, self.range_openers, self.range_joiners, self.relations_before,
            self.number_articles, self.one_words, self.first_words, self.past_before, self.since, self.vague_counts,
            self.ago_before, self.relations_after, self.past_after,
        ):
            glue.update(word for words in self._all(table) for word in words)
        core: set[str] = {words[0] for words in self._all(self.months)}  # "كانون", not "الثاني"
        for table in (
            self.weekdays, self.days, self.periods, self.current_units, self.back_references, self.duration_units,
            self.year_stretches,
        ):
            for words in self._all(table):
                letters = [word for word in words if word[0].isalpha()]
                distinctive = [word for word in letters if word not in glue] or letters
                core.add(max(reversed(distinctive), key=len))
        return core | {article + word for article in self.glued_articles for word in core}

    def is_core(self, word: str) -> bool:
        """Whether `word`, or `word` without a clitic ("ويناير", "للعام"), is a core word;
        a number is when it has four digits or more (a year, a date in digits)."""
        known = self.core_cache.get(word)
        if known is None:
            if word[0].isdigit():
                known = len(word) >= 4
            else:
                known = word in self.core_words or any(form in self.core_words for form, _ in self.forms(word))
            if len(self.core_cache) > 200_000:
                self.core_cache.clear()
            self.core_cache[word] = known
        return known

    def is_cue(self, word: str) -> bool:
        """Whether `word`, or `word` without a clitic ("وفي"), is a cue (see the data)."""
        known = self._cue_cache.get(word)
        if known is None:
            known = word in self.cues or any(form in self.cues for form, _ in self.forms(word))
            if len(self._cue_cache) > 200_000:
                self._cue_cache.clear()
            self._cue_cache[word] = known
        return known

    @staticmethod
    def _all(table: Phrases) -> list[tuple[str, ...]]:
        return [words for entries in table.by_first.values() for words, _ in entries]

    def may_start(self, word: str) -> bool:
        """Whether a time expression may start at a token `word` (a number, a word that
        begins some reader's phrases, or one with a clitic in front of it); kept per word."""
        known = self.starting.get(word)
        if known is None:
            known = word[0].isdigit() or word in self.readers or bool(self.starter_forms(word))
            if len(self.starting) > 200_000:
                self.starting.clear()
            self.starting[word] = known
        return known

    def starter_forms(self, word: str) -> list[tuple[str, int]]:
        """The forms of `word` without a clitic that may begin a time expression (cached:
        every word of a text asks)."""
        forms = self._starter_forms.get(word)
        if forms is None:
            forms = [(form, dropped) for form, dropped in self.forms(word) if form in self.readers]
            if len(self._starter_forms) > 200_000:
                self._starter_forms.clear()
            self._starter_forms[word] = forms
        return forms

    def forms(self, word: str) -> list[tuple[str, int]]:
        """`word` without each clitic it may carry, with how many characters were dropped
        from its start (0 when the clitic stands for something kept, "لل" → "ال")."""
        found = []
        for prefix, replacement in self.clitics:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                rest = word[len(prefix) :]
                found.append((replacement + rest, 0 if replacement else len(prefix)))
        return found


@cache
def grammar() -> Grammar:
    return Grammar(topics("months", MonthsData), topics("relative_times", RelativeTimesData))


def answers(known: dict[str, V], words: list[str], ask: Callable[[str], V]) -> list[V]:
    """`[ask(word) for word in words]`, the answers already in `known` looked up at C speed:
    a text asks the same questions of its hundreds of words, and most were asked before.
    `ask` keeps each new answer in `known` itself."""
    found = list(map(known.get, words))
    if None in found:
        for k in compress(range(len(found)), map(is_, found, repeat(None))):
            found[k] = ask(words[k])
    return found
