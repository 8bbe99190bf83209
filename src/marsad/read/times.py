"""Times in a text, resolved against the publication date.

`find_times(view, published)` scans the tokens of a normalised view once, left to right, and
reads each time expression it meets into what the text *said* (a day of a month with or
without a year, a month, a year, a weekday, "last week", a duration, "since …", a range, a
back-reference); a second, separate step resolves what was said into a `TimeMention`
{start, end, precision} with the publication date. Keeping the two apart is what lets a
text with no publication date still report its relative times (span kept, dates null)
while absolute ones resolve, and lets a range take the month of its right side ("بين 7 و13
كانون الثاني").

All words — month names in every regional naming, weekdays, relative phrases, parts of a
month, durations with their dual forms — come from `lang/<language>/months.yaml` and
`lang/<language>/relative_times.yaml`. The tables of every language are merged: Arabic and
English words never collide, and an Arabic article quoting "Jan. 7" reads it too.

Rules chosen where the text leaves it open (each also stated in the data or tests):
- A month named without a year is the most recent such month not after the publication
  month ("في يناير" published 5 Feb 2024 → January 2024; "في مارس" → March 2023).
  "الماضي"/"last" makes it strictly before the publication month, "المقبل"/"next" strictly
  after, "الجاري"/"this" the publication's own year.
- A day and month without a year: the most recent such day not after publication, except a
  day later in the publication's own month, which stays in that month (an article of 5
  February that says "20 فبراير" speaks of this February).
- A weekday alone is the most recent such day on or before publication ("said on Thursday"
  in a Thursday wire is that day); with "الماضي"/"last" strictly before it.
- "الأسبوع الماضي"/"last week" is the seven days before publication (news usage: a Friday
  report of "last week" includes Thursday), precision week; "هذا الأسبوع" is the calendar
  week holding publication, starting on the language's first weekday.
- Parts of a month: early = days 1–10, mid = 11–20, late = 21–end; of a year: January–April,
  May–August, September–December; precision range.
- Digits: day/month/year (Arab and wire usage); a four-digit first field is year-month-day.
- A duration before publication ("خلال أقل من شهرين", "over the past two weeks") runs from
  that long before publication to publication; a hedge does not move it. Without a count
  ("خلال الأيام الماضية", "in recent weeks") the start is unknown and stays null.
  "قبل ثلاثة أيام"/"three days ago" is a point, not a span.
- Back-references ("في الفترة نفسها", "in the same period") copy the last mention before
  them; "اليوم نفسه"/"the same day" the last single day.
- Times of day ("الساعة الثالثة فجراً", "at 3 pm") are not time mentions: marsad's
  precision stops at the day. A time-of-day word before a day ("مساء أمس") is left out of
  the span.
- Prepositions are left out of spans ("في يناير" → "يناير") unless they change the meaning:
  a duration keeps its opener ("خلال أقل من شهرين"), "منذ"/"since" and "بين"/"between" are
  kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from hijridate import Gregorian, Hijri
from pydantic import BaseModel

from marsad.lang import topics
from marsad.model import Evidence, Precision, TimeMention
from marsad.read.normalize import Normalized, normalize
from marsad.read.numbers import read_number
from marsad.read.tokens import Token, tokenize

Unit = Literal["day", "week", "month", "year", "hour"]
Part = Literal["early", "mid", "late"]
Relation = Literal["past", "next", "current"]
Calendar = Literal["gregorian", "hijri"]

# Years read without a month beside them ("عام 2023", "in 2023"); a month or a calendar
# mark anchors a wider range.
BARE_YEARS = range(1900, 2101)
ANCHORED_YEARS = range(1800, 2201)
HIJRI_YEARS = range(1343, 1501)  # what hijridate converts
# Punctuation that pairs two names of one month ("أيلول/سبتمبر", "كانون الثاني (يناير)")
# or separates a weekday or a year from a date ("الأحد، 7 يناير", "January 3, 2024").
PAIRING = ("/", "(")
COMMAS = (",", "،")
# Which readers a word may start (see `Grammar.readers`): the first four are the scanner's,
# the others the parts of `Scanner.point`.
BACK_REFERENCE, RANGE, SINCE, DURATION = 1, 2, 4, 8
DAYS, WEEKDAY, PERIOD, RELATION, PART, STRETCH, DATE, YEAR, NUMERIC = (1 << bit for bit in range(4, 13))
POINT = DAYS | WEEKDAY | PERIOD | RELATION | PART | STRETCH | DATE | YEAR | NUMERIC
DIGIT_READERS = DURATION | DATE | YEAR | NUMERIC
DASHES = ("-", "–")
# A duration's unit comes within this many tokens of its start ("في غضون أقل من ثلاثة أسابيع").
UNIT_AHEAD = 8
# The longest duration read in each unit: beyond it a number is not a count of that unit.
LONGEST = {"hour": 1000, "day": 3650, "week": 520, "month": 240, "year": 100}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# --- language data -----------------------------------------------------------------------


class MonthsData(BaseModel):
    gregorian: dict[str, int]
    hijri: dict[str, int] = {}
    ambiguous: list[str] = []
    proper_case: list[str] = []
    abbreviated: list[str] = []
    weekdays: dict[str, int] = {}
    day_ordinals: dict[str, int] = {}
    day_suffixes: list[str] = []
    numeric_order: list[Literal["day", "month", "year"]] = ["day", "month", "year"]


class PeriodData(BaseModel):
    unit: Literal["week", "month", "year"]
    offset: int
    until_published: bool = False


class DurationForms(BaseModel):
    one: list[str] = []
    two: list[str] = []
    many: list[str] = []


class RelativeTimesData(BaseModel):
    clitics: dict[str, str] = {}
    days: dict[str, int] = {}
    not_followed_by: dict[str, list[str]] = {}
    periods: dict[str, PeriodData] = {}
    week_starts: Literal[WEEKDAY_NAMES] = "monday"  # type: ignore[valid-type]
    current_units: dict[str, Literal["month", "year"]] = {}
    parts: dict[Part, list[str]] = {}
    relations_after: dict[Relation, list[str]] = {}
    relations_before: dict[Relation, list[str]] = {}
    back_references: dict[Literal["period", "day", "month", "year"], list[str]] = {}
    year_stretches: dict[str, tuple[int, int]] = {}
    first_words: list[str] = []
    durations: dict[Unit, DurationForms] = {}
    duration_openers: list[str] = []
    count_only_openers: list[str] = []
    duration_hedges: list[str] = []
    past_after: list[str] = []
    past_before: list[str] = []
    vague_counts: list[str] = []
    ago_before: list[str] = []
    ago_after: list[str] = []
    ago_not_followed_by: list[str] = []
    number_articles: list[str] = []
    glued_articles: list[str] = []
    one_words: list[str] = []
    since: list[str] = []
    range_openers: list[str] = []
    range_joiners: list[str] = []
    year_words: list[str] = []
    month_words: list[str] = []
    day_words: list[str] = []
    of_words: list[str] = []
    cues: list[str] = []
    calendar_marks: dict[Calendar, list[str]] = {}


def _words(phrase: str) -> tuple[str, ...]:
    """A phrase of the data as the tokens the scanner will see."""
    return tuple(token.text for token in tokenize(normalize(phrase).text))


class Phrases:
    """Phrases of one kind (month names, relative words …) as token sequences → value,
    looked up at a token index; longer phrases win ("كانون الثاني" over "كانون")."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, phrase: str, value: Any) -> None:
        words = _words(phrase)
        if not words:
            return
        entries = self.by_first.setdefault(words[0], [])
        if all(existing != words for existing, _ in entries):
            entries.append((words, value))
            entries.sort(key=lambda entry: -len(entry[0]))

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
        self.unit_words = set(self.duration_units.by_first) | {
            article + unit for article in self.glued_articles for unit in self.duration_units.by_first
        }
        self.core_words = self._core_words()
        self.core_cache: dict[str, bool] = {}
        self._cue_cache: dict[str, bool] = {}
        self._locators: dict[str, re.Pattern] = {}

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

    def locator(self, word: str) -> re.Pattern:
        """Finds `word` as a whole word (or number) of a text."""
        pattern = self._locators.get(word)
        if pattern is None:
            edge = r"\d" if word[0].isdigit() else r"[^\W\d_]"
            pattern = re.compile(f"(?<!{edge}){re.escape(word)}(?!{edge})")
            if len(self._locators) > 20_000:
                self._locators.clear()
            self._locators[word] = pattern
        return pattern

    @staticmethod
    def _all(table: Phrases) -> list[tuple[str, ...]]:
        return [words for entries in table.by_first.values() for words, _ in entries]

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


# --- what the text said ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Day:
    """A day of a month: "3 يناير 2024", "الثالث من يناير", "22 جمادى الآخرة 1445"."""

    calendar: Calendar
    month: int
    day: int
    year: int | None = None
    year_offset: int | None = None
    relation: Relation | None = None


@dataclass(frozen=True, slots=True)
class BareDay:
    """A day number waiting for the month of the other side of a range ("بين 7 و13 …")."""

    day: int


@dataclass(frozen=True, slots=True)
class MonthSaid:
    calendar: Calendar
    month: int
    year: int | None = None
    year_offset: int | None = None
    relation: Relation | None = None
    part: Part | None = None


@dataclass(frozen=True, slots=True)
class Year:
    """A year, or a part of it: early/mid/late, or months first–last ("النصف الأول")."""

    calendar: Calendar
    year: int | None = None
    offset: int | None = None  # relative to the publication's year: "العام الماضي" → -1
    part: Part | tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class FirstOf:
    """The first `count` units of a year: "الشهرين الأولين من العام"."""

    unit: Unit
    count: int
    year: Year


@dataclass(frozen=True, slots=True)
class Relative:
    """A period counted from publication: a day ("أمس"), a week, a month ("الشهر الماضي")."""

    unit: Literal["day", "week", "month"]
    offset: int
    week_start: int = 0
    part: Part | None = None
    until_published: bool = False


@dataclass(frozen=True, slots=True)
class Weekday:
    weekday: int
    relation: Relation | None = None


@dataclass(frozen=True, slots=True)
class Duration:
    unit: Unit
    count: int | None  # None: "الأيام الماضية", "several weeks"
    ago: bool = False


@dataclass(frozen=True, slots=True)
class Since:
    what: Any


@dataclass(frozen=True, slots=True)
class Between:
    first: Any
    last: Any


@dataclass(frozen=True, slots=True)
class BackReference:
    kind: Literal["period", "day", "month", "year"]
    year: Year | None = None  # "في الفترة نفسها من العام الماضي": the same period, that year


@dataclass(frozen=True, slots=True)
class Found:
    said: Any
    start: int  # view offsets
    end: int
    next: int  # the token after it


@dataclass(frozen=True, slots=True)
class Core:
    """A duration as read: `count` None when vague; `marked` when a word says it ends at
    publication ("الماضية", "the past")."""

    unit: Unit
    count: int | None
    start: int
    end: int
    next: int
    marked: bool
    vague: bool


@dataclass(frozen=True, slots=True)
class Hit:
    value: Any
    start: int
    end: int
    next: int


# --- reading -----------------------------------------------------------------------------


class Scanner:
    """Reads the time expression starting at a token, if there is one.

    The first token of an expression may carry a clitic ("وخلال", "بالأمس"): `read`
    tries the token as written and then without each clitic, by standing a stripped copy
    in for it while it reads (`stripped`), so no reader has to know about clitics. A range
    does the same for its joiner glued to the second side ("بين يناير ومارس").
    """

    def __init__(self, view: Normalized, tokens: list[Token], grammar: Grammar) -> None:
        self.view, self.g = view, grammar
        self.tokens = list(tokens)  # a copy: `stripped` stands tokens in for a while
        self.count = len(tokens)
        self.stripped_at: set[int] = set()
        self.floor = 0  # the first token after the last mention: nothing before it is read again

    # token access ---------------------------------------------------------------------

    def token(self, index: int) -> Token | None:
        return self.tokens[index] if index < self.count else None

    def stripped(self, index: int, form: str, dropped: int, reader, *arguments) -> Found | None:
        """`reader(*arguments)` with the token at `index` read as `form` (a clitic of
        `dropped` characters taken off its start)."""
        token = self.tokens[index]
        self.tokens[index] = Token(form, token.start + dropped, token.end)
        self.stripped_at.add(index)
        try:
            return reader(*arguments)
        finally:
            self.tokens[index] = token
            self.stripped_at.discard(index)

    def word(self, index: int) -> str | None:
        token = self.token(index)
        return None if token is None else token.text

    def match(self, table: Phrases, index: int) -> Hit | None:
        if index >= self.count:
            return None
        first = self.tokens[index]
        entries = table.by_first.get(first.text)
        if not entries:
            return None
        for words, value in entries:
            end = index + len(words)
            if end > self.count:
                continue
            if all(self.tokens[index + k].text == words[k] for k in range(1, len(words))):
                return Hit(value, first.start, self.tokens[end - 1].end if len(words) > 1 else first.end, end)
        return None

    def number(self, index: int) -> Token | None:
        token = self.token(index)
        if token is not None and token.text[0].isdigit() and token.text.isdigit():
            return token
        return None

    def is_punctuation(self, index: int, marks: tuple[str, ...]) -> bool:
        return self.word(index) in marks

    def adjacent(self, left: int, right: int) -> bool:
        a, b = self.token(left), self.token(right)
        return a is not None and b is not None and a.end == b.start

    def previous_is_cue(self, index: int) -> bool:
        if index == 0 or index in self.stripped_at:
            return False
        return self.g.is_cue(self.tokens[index - 1].text)

    def capitalised(self, index: int) -> bool:
        token = self.token(index)
        return self.view.original[self.view.original_offset(token.start)].isupper()

    def blocked(self, index: int, hit: Hit) -> bool:
        """Whether the word after a phrase says it is not a time ("اليوم التالي")."""
        words = (self.token(index).text, *(self.tokens[k].text for k in range(index + 1, hit.next)))
        blockers = self.g.not_followed_by.get(words)
        return bool(blockers) and self.word(hit.next) in blockers

    # entry ------------------------------------------------------------------------------

    def read(self, index: int) -> Found | None:
        token = self.tokens[index]
        text = token.text
        if text[0].isdigit():
            return self._read(index, DIGIT_READERS)
        readers = self.g.readers.get(text)
        if readers:
            found = self._read(index, readers)
            if found is not None:
                return found
        for form, dropped in self.g.starter_forms(text):
            found = self.stripped(index, form, dropped, self._read, index, self.g.readers[form])
            if found is not None:
                return found
        return None

    def _read(self, index: int, readers: int) -> Found | None:
        """The first reader that finds an expression at `index`, among those its word can
        begin (`readers`, flags from `Grammar.readers`)."""
        if readers & BACK_REFERENCE and (found := self.back_reference(index)):
            return found
        if readers & RANGE and (found := self.between(index)):
            return found
        if readers & SINCE and (found := self.since(index)):
            return found
        if readers & DURATION and (found := self.duration(index)):
            return found
        if readers & POINT:
            found = self.point(index)
            if found is not None and self.word(found.next) in DASHES:  # "January 7-13"
                return self.between(index, found) or found
            if found is not None:
                return found
        if self.tokens[index].text[0].isdigit() and self.word(index + 1) in DASHES:  # "7-13 يناير"
            return self.between(index)
        return None

    # back-references, ranges, since ----------------------------------------------------

    def back_reference(self, index: int) -> Found | None:
        hit = self.match(self.g.back_references, index)
        if hit is None:
            return None
        year = self.year_reference(hit.next, after_of=True)
        if year is not None:
            said, end, next_index = year
            return Found(BackReference(hit.value, said), hit.start, end, next_index)
        return Found(BackReference(hit.value), hit.start, hit.end, hit.next)

    def year_reference(self, index: int, after_of: bool = False) -> tuple[Year, int, int] | None:
        """A year that a stretch, a part or a back-reference belongs to: "[من] العام الماضي",
        "[of] 2023", "من العام" (this year)."""
        j = index
        if after_of and (of := self.match(self.g.of_words, j)) is not None:
            j = of.next
        if (period := self.match(self.g.periods, j)) is not None and period.value.unit == "year" and not period.value.until_published:
            return Year("gregorian", offset=period.value.offset), period.end, period.next
        if (unit := self.match(self.g.current_units, j)) is not None and unit.value.unit == "year" and not self.blocked(j, unit):
            if j == index and not after_of:
                return None
            return Year("gregorian", offset=0), unit.end, unit.next
        found = self.year(j, anchored=True)
        if found is not None:
            return found.said, found.end, found.next
        return None

    def between(self, index: int, first: Found | None = None) -> Found | None:
        """"بين 7 و13 كانون الثاني", "from 2014 to 2017", "7-13 يناير"; `first` is the
        first side when the caller has read it already."""
        opener = self.match(self.g.range_openers, index) if first is None else None
        start = index if opener is None else opener.next
        if first is None:
            first = self.point(start, anchored=opener is not None) or self.bare_day(start) or (
                self.bare_year(start) if opener is not None else None
            )
        if first is None:
            return None
        if opener is None and self.word(first.next) not in DASHES:
            return None  # "يناير وفبراير" is two months, not a range
        joiner = self.match(self.g.range_joiners, first.next)
        if joiner is not None:
            last = self.second_side(joiner.next)
        else:
            last = self.glued_second_side(first.next)
        if last is None:
            return None
        said = _join(first.said, last.said)
        if said is None:
            return None
        end, next_index = last.end, last.next
        sides = (said.first, said.last)
        if all(isinstance(side, (Day, MonthSaid)) and side.year is None and side.year_offset is None for side in sides):
            year = self.year_tail(last.next, said.last.calendar)  # "January 7-13, 2024"
            if year is not None:
                (number, offset), end, next_index = year
                said = Between(*(replace(side, year=number, year_offset=offset) for side in sides))
        if opener is None and isinstance(last.said, BareDay):
            follower = self.token(last.next)
            if follower is not None and follower.text[0].isalpha() and self.match(self.g.months, last.next) is None:
                return None  # "3 يناير - 5 قتلى": a count after a dash, not the end of a range
        begin = opener.start if opener is not None else first.start
        return Found(said, begin, end, next_index)

    def second_side(self, index: int) -> Found | None:
        return self.point(index, anchored=True) or self.bare_day(index) or self.bare_year(index)

    def glued_second_side(self, index: int) -> Found | None:
        """The second side of a range whose joiner is a clitic on it: "ومارس 2023"."""
        token = self.token(index)
        if token is None or index in self.stripped_at or not token.text[0].isalpha():
            return None
        for form, dropped in self.g.starter_forms(token.text):
            if dropped and token.text[:dropped] in self.g.range_joiners.by_first:
                found = self.stripped(index, form, dropped, self.second_side, index)
                if found is not None:
                    return found
        return None

    def since(self, index: int) -> Found | None:
        hit = self.match(self.g.since, index)
        if hit is None:
            return None
        core = self.duration_core(hit.next, need_count=False)
        if core is not None:  # "منذ ثلاثة أيام": for (or since) three days, up to publication
            return Found(Duration(core.unit, core.count), hit.start, core.end, core.next)
        what = self.point(hit.next, anchored=True) or self.bare_year(hit.next)
        if what is None or isinstance(what.said, BackReference):
            return None
        return Found(Since(what.said), hit.start, what.end, what.next)

    # durations ------------------------------------------------------------------------

    def duration(self, index: int) -> Found | None:
        """"خلال أقل من شهرين", "over the past two weeks", "قبل ثلاثة أيام", "الأيام الماضية",
        "الشهرين الأولين من العام"."""
        g = self.g
        if not any(token.text in g.unit_words for token in self.tokens[index : index + UNIT_AHEAD]):
            return None  # no unit close enough: "في" is nearly always just "in"
        ago = self.match(g.ago_before, index)
        if ago is not None:
            core = self.duration_core(ago.next, need_count=False)
            if core is not None and core.count is not None and self.word(core.next) not in g.ago_not_followed_by:
                if self.match(g.first_words, core.next) is None:
                    return Found(Duration(core.unit, core.count, ago=True), ago.start, core.end, core.next)
            return None
        opener = self.match(g.openers, index)
        start = index if opener is None else opener.next
        if (first := self.first_of(start)) is not None:
            return first
        if opener is not None:
            words = tuple(self.token(k).text for k in range(index, opener.next))
            core = self.duration_core(opener.next, need_count=words in g.count_only_openers)
            if core is not None and self.match(g.first_words, core.next) is None and (core.marked or not core.vague):
                # "for several hours" says how long, not when; "over the past few days" does
                return Found(Duration(core.unit, core.count), opener.start, core.end, core.next)
            return None
        if (found := self.ago_after(index)) is not None:
            return found
        core = self.duration_core(index, need_count=True)
        if core is None or self.match(g.first_words, core.next) is not None:
            return None
        after = self.match(g.ago_after, core.next)
        if after is not None and core.count is not None:
            return Found(Duration(core.unit, core.count, ago=True), core.start, after.end, after.next)
        if core.marked:
            return Found(Duration(core.unit, core.count), core.start, core.end, core.next)
        return None

    def ago_after(self, index: int) -> Found | None:
        """"three days ago", read from its unit: the count before it is a number word the
        scanner does not start on, so it is looked for behind the unit."""
        unit = self.duration_unit(index)
        if unit is None or self.stripped_at:
            return None
        value, _, next_index, _ = unit
        after = self.match(self.g.ago_after, next_index)
        if after is None:
            return None
        for back in range(max(self.floor, index - 4), index):
            counted = self.count_at(back)
            if counted is not None and counted[1] == index:
                return Found(Duration(value.unit, counted[0], ago=True), counted[2], after.end, after.next)
        if value.form == "two":
            return Found(Duration(value.unit, 2, ago=True), self.tokens[index].start, after.end, after.next)
        return None

    def first_of(self, index: int) -> Found | None:
        """The first units of a year: "الشهرين الأولين من العام", "الأشهر الثلاثة الأولى من
        2024", "the first two months of 2024"."""
        g = self.g
        if index >= self.count:
            return None
        j = index
        first = self.match(g.first_words, j)
        if first is not None:
            j = first.next
        count = self.count_at(j)
        if count is not None:
            j = count[1]
        unit = self.duration_unit(j)
        if unit is None:
            return None
        value, _, j, _ = unit
        if count is None:
            count = self.count_at(j)
            if count is not None:
                j = count[1]
        if first is None:
            first = self.match(g.first_words, j)
            if first is None:
                return None
            j = first.next
        number = count[0] if count is not None else {"one": 1, "two": 2}.get(value.form)
        if number is None or value.unit == "hour":
            return None
        year = self.year_reference(j, after_of=True)
        if year is None or (self.match(g.of_words, j) is None and self.match(g.periods, j) is None):
            return None
        said, end, next_index = year
        return Found(FirstOf(value.unit, number, said), self.token(index).start, end, next_index)

    def duration_core(self, index: int, need_count: bool) -> Core | None:
        """[the past] [hedge] count unit [past]. `need_count`: a bare singular unit ("خلال
        أسبوع") is refused — after "في" it is usually a noun ("في يوم الأحد")."""
        g = self.g
        if self.match(g.periods, index) is not None:
            return None  # "last week", "الأسبوع الماضي": the calendar phrase
        token = self.token(index)
        if token is None:
            return None
        j = index
        marked = False
        if (hit := self.match(g.past_before, j)) is not None:
            j, marked = hit.next, True
        hedged = False
        if (hit := self.match(g.hedges, j)) is not None:
            j, hedged = hit.next, True
        if not marked and (hit := self.match(g.past_before, j)) is not None:
            j, marked = hit.next, True
        count: int | None = None
        vague = False
        if (hit := self.match(g.number_articles, j)) is not None and self.number(hit.next) is not None:
            j = hit.next
        counted = self.count_at(j)
        if counted is not None and need_count and not (hedged or marked) and self.match(g.one_words, j) is not None:
            return None  # "in a day" says how fast, not when
        if counted is not None:
            count, j, _ = counted
        elif (hit := self.match(g.vague_counts, j)) is not None:
            j, vague = hit.next, True
        unit = self.duration_unit(j)
        if unit is None:
            return None
        value, end, j, glued = unit
        follower = self.token(j)
        if count is None and glued and follower is not None and follower.text[0].isalpha():
            if (counted := self.count_at(j)) is not None:  # "الأشهر الستة الماضية"
                count, j, _ = counted
                end = self.tokens[j - 1].end
        if count is None and not vague:
            if value.form == "two":
                count = 2
            elif value.form == "many":
                if not marked and self.match(g.past_after, j) is None:
                    return None  # "خلال أيام" alone is not a period
            elif value.form == "one":
                if glued:
                    return None  # "خلال الأسبوع …" names a week, it does not count one
                if need_count and not (hedged or marked):
                    return None
                follower = self.token(j)
                if follower is not None and (
                    follower.text[0].isdigit()
                    or self.match(g.months, j) is not None
                    or self.match(g.weekdays, j) is not None
                    or self.match(g.ordinals, j) is not None
                ):
                    return None  # "خلال عام 2023", "شهر يناير", "يوم الأحد"
                count = 1
        if (hit := self.match(g.past_after, j)) is not None:
            end, j, marked = hit.end, hit.next, True
        if count is not None and not 0 < count <= LONGEST[value.unit]:
            return None  # "العام 2014" is a year, not 2014 years
        return Core(value.unit, count, token.start, end, j, marked, vague)

    def duration_unit(self, index: int) -> tuple[DurationUnit, int, int, bool] | None:
        """A unit ("أيام", "شهرين", "weeks"): its forms, end offset, next token, and whether
        the article is glued to it ("الأيام")."""
        hit = self.match(self.g.duration_units, index)
        if hit is not None:
            return hit.value, hit.end, hit.next, False
        token = self.token(index)
        if token is None:
            return None
        for article in self.g.glued_articles:
            if token.text.startswith(article) and len(token.text) > len(article) + 1:
                entries = self.g.duration_units.by_first.get(token.text[len(article) :])
                for words, value in entries or ():
                    if len(words) == 1:
                        return value, token.end, index + 1, True
        return None

    def count_at(self, index: int) -> tuple[int, int, int] | None:
        """A count — digits, a number word (marsad.read.numbers), "a" — with the next token
        and where it starts (after a clitic); the article may be glued to a number word
        ("الأشهر الثلاثة الأولى")."""
        token = self.token(index)
        if token is None:
            return None
        if token.text[0].isdigit():
            digits = token.text.replace(",", "")
            if digits.isdigit():
                return int(digits), index + 1, token.start
            return None
        if (hit := self.match(self.g.one_words, index)) is not None:
            return hit.value, hit.next, hit.start
        if not token.text[0].isalpha():
            return None
        candidates = [token] + [
            Token(token.text[len(article) :], token.start + len(article), token.end)
            for article in self.g.glued_articles
            if token.text.startswith(article) and len(token.text) > len(article) + 1
        ]
        for candidate in candidates:
            # A window is enough: no number runs over a dozen tokens ("ألف وخمسمائة وخمسة وستين").
            number = read_number([candidate, *self.tokens[index + 1 : index + 12]], 0)
            if number is not None and float(number.value).is_integer() and number.value > 0:
                return int(number.value), index + number.next_index, number.start
        return None

    # points ------------------------------------------------------------------------------

    def point(self, index: int, anchored: bool = False) -> Found | None:
        """One time: a day, a month, a year, a weekday, a relative day or period."""
        if index >= self.count:
            return None
        g = self.g
        word = self.tokens[index].text
        flags = DIGIT_READERS if word[0].isdigit() else g.readers.get(word, 0)
        if not flags & POINT:
            return None
        if flags & DAYS and (hit := self.match(g.days, index)) is not None:
            if not self.blocked(index, hit):
                end, next_index = hit.end, hit.next
                weekday = self.match(g.weekdays, next_index)
                if weekday is not None:  # "أمس الأحد"
                    end, next_index = weekday.end, weekday.next
                return Found(Relative("day", hit.value), hit.start, end, next_index)
        if flags & WEEKDAY and (found := self.weekday_or_date(index)) is not None:
            return found
        if flags & PERIOD and (hit := self.match(g.periods, index)) is not None:
            return Found(_period(hit.value), hit.start, hit.end, hit.next)
        if flags & RELATION and (found := self.relation_before(index)) is not None:
            return found
        if flags & PART and (found := self.part(index)) is not None:
            return found
        if flags & STRETCH and (found := self.stretch(index)) is not None:
            return found
        if flags & DATE and (found := self.date(index, anchored)) is not None:
            return found
        if flags & YEAR and (found := self.year(index, anchored)) is not None:
            return found
        return self.numeric_date(index) if flags & NUMERIC else None

    def weekday_or_date(self, index: int) -> Found | None:
        """[يوم] weekday [،] date → the date; [يوم] weekday [الماضي] → the weekday; "يوم" date."""
        g = self.g
        start = self.token(index).start
        j = index
        day_word = self.match(g.day_words, j)
        if day_word is not None:
            j = day_word.next
        weekday = self.match(g.weekdays, j)
        if weekday is not None and self.blocked(j, weekday):
            return None  # "الأحد عشر" is eleven
        if weekday is None:
            if day_word is None:
                return None
            date = self.date(j, anchored=True)
            return Found(date.said, start, date.end, date.next) if date else None
        j = weekday.next
        after = j + 1 if self.is_punctuation(j, COMMAS) else j
        date = self.date(after, anchored=True) or self.numeric_date(after)
        if date is not None and isinstance(date.said, Day):
            return Found(date.said, start, date.end, date.next)
        relation = self.match(g.relations_after, j)
        if relation is not None:
            return Found(Weekday(weekday.value, relation.value), start, relation.end, relation.next)
        return Found(Weekday(weekday.value), start, weekday.end, weekday.next)

    def relation_before(self, index: int) -> Found | None:
        """"last Sunday", "next March", "this January"."""
        hit = self.match(self.g.relations_before, index)
        if hit is None:
            return None
        weekday = self.match(self.g.weekdays, hit.next)
        if weekday is not None:
            return Found(Weekday(weekday.value, hit.value), hit.start, weekday.end, weekday.next)
        month = self.month_name(hit.next, anchored=True)
        if month is not None:
            value, end, next_index, _ = month
            return Found(MonthSaid(value.calendar, value.number, relation=hit.value), hit.start, end, next_index)
        return None

    def part(self, index: int) -> Found | None:
        """"أوائل يناير", "منتصف العام الماضي", "late 2023", "mid-January", "مطلع العام"."""
        g = self.g
        hit = self.match(g.parts, index)
        if hit is None:
            return None
        j = hit.next
        if self.word(j) == "-":
            j += 1
        if (of := self.match(g.of_words, j)) is not None:
            j = of.next
        part = hit.value
        if (period := self.match(g.periods, j)) is not None and period.value.unit != "week":
            said = _period(period.value)
            if isinstance(said, Since):
                return None
            return Found(replace(said, part=part), hit.start, period.end, period.next)
        if (unit := self.match(g.current_units, j)) is not None and not self.blocked(j, unit):
            said = _period(unit.value)
            if isinstance(said, Since):
                return None
            return Found(replace(said, part=part), hit.start, unit.end, unit.next)
        inner = self.date(j, anchored=True) or self.year(j, anchored=True)
        if inner is not None and isinstance(inner.said, (MonthSaid, Year)):
            return Found(replace(inner.said, part=part), hit.start, inner.end, inner.next)
        return None

    def stretch(self, index: int) -> Found | None:
        """"النصف الأول من عام 2023", "the first quarter of last year"."""
        hit = self.match(self.g.year_stretches, index)
        if hit is None:
            return None
        year = self.year_reference(hit.next, after_of=True)
        if year is None:
            return None
        said, end, next_index = year
        return Found(replace(said, part=tuple(hit.value)), hit.start, end, next_index)

    def month_name(self, index: int, anchored: bool) -> tuple[Month, int, int, bool] | None:
        """A month name [with its other spelling: "أيلول/سبتمبر", "كانون الثاني (يناير)"]:
        the month, the end offset, the next token, and whether it is sure to be a month —
        an ambiguous name is not until a day, a year or a relation anchors it."""
        hit = self.match(self.g.months, index)
        if hit is None:
            return None
        month: Month = hit.value
        if month.proper_case and not self.capitalised(index):
            return None
        end, j = hit.end, hit.next
        if month.abbreviated and self.word(j) == "." and self.adjacent(j - 1, j):
            end, j = self.tokens[j].end, j + 1
        paired = False
        if self.word(j) in PAIRING:
            other = self.match(self.g.months, j + 1)
            if other is not None and (other.value.number, other.value.calendar) == (month.number, month.calendar):
                opened = self.word(j) == "("
                end, j, paired = other.end, other.next, True
                if opened and self.word(j) == ")":
                    end, j = self.tokens[j].end, j + 1
        sure = not month.ambiguous or anchored or paired or self.previous_is_cue(index)
        return month, end, j, sure

    def date(self, index: int, anchored: bool) -> Found | None:
        """Day and month, or month alone, with an optional year or relation after them."""
        if index >= self.count:
            return None
        g = self.g
        start = self.tokens[index].start
        j = index
        day: int | None = None
        article = self.match(g.number_articles, j)
        day_hit = self.day_number(article.next) if article is not None else None
        if day_hit is None:  # "الـ3 من يناير", "the third of January"
            day_hit = self.day_number(j)
        if day_hit is not None:
            day, j = day_hit
            if (of := self.match(g.of_words, j)) is not None and (
                self.match(g.months, of.next) is not None or self.match(g.month_words, of.next) is not None
            ):
                j = of.next
        month_word = self.match(g.month_words, j)
        if month_word is not None:
            j = month_word.next
            if (of := self.match(g.of_words, j)) is not None:
                j = of.next
        month = self.month_name(j, anchored=anchored or day is not None or month_word is not None)
        if month is None:
            return None
        value, end, j, sure = month
        unsure = not sure
        if day is None and value.calendar == "gregorian":
            # "January 3", "Jan. 7, 2024"
            after = self.day_number(j, digits_only=True)
            if after is not None:
                day, j_day = after
                end, j, unsure = self.tokens[j_day - 1].end, j_day, False
        year = self.year_tail(j, value.calendar)
        year_value = year_offset = None
        relation = None
        if year is not None:
            (year_value, year_offset), end, j = year
            unsure = False
        elif (hit := self.match(g.relations_after, j)) is not None:
            relation, end, j = hit.value, hit.end, hit.next
            unsure = False
        if unsure and day is None:
            return None
        if day is not None:
            return Found(Day(value.calendar, value.number, day, year_value, year_offset, relation), start, end, j)
        return Found(MonthSaid(value.calendar, value.number, year_value, year_offset, relation), start, end, j)

    def day_number(self, index: int, digits_only: bool = False) -> tuple[int, int] | None:
        token = self.token(index)
        if token is None:
            return None
        if token.text.isdigit() and len(token.text) <= 2 and 1 <= int(token.text) <= 31:
            j = index + 1
            if self.word(j) in self.g.day_suffixes and self.adjacent(index, j):
                j += 1
            return int(token.text), j
        if digits_only:
            return None
        hit = self.match(self.g.ordinals, index)
        return (hit.value, hit.next) if hit else None

    def year_tail(self, index: int, calendar_name: Calendar) -> tuple[tuple[int | None, int | None], int, int] | None:
        """After a month: [،] [من] (year number [mark] | "عام 2024" | "العام الماضي")."""
        g = self.g
        j = index + 1 if self.is_punctuation(index, COMMAS) else index
        if (of := self.match(g.of_words, j)) is not None:
            j = of.next
        if (period := self.match(g.periods, j)) is not None and period.value.unit == "year":
            return (None, period.value.offset), period.end, period.next
        if (word := self.match(g.year_words, j)) is not None:
            j = word.next
        number = self.number(j)
        if number is None or len(number.text) != 4:
            return None
        year = int(number.text)
        end, j = number.end, j + 1
        mark = self.match(g.calendar_marks, j)
        if mark is not None:
            end, j = mark.end, mark.next
        if calendar_name == "hijri" and year not in HIJRI_YEARS:
            return None
        if calendar_name == "gregorian" and year not in ANCHORED_YEARS:
            return None
        return (year, None), end, j

    def year(self, index: int, anchored: bool) -> Found | None:
        """"عام 2023", "سنة 1445 هـ", "العام 2023", or a bare year after a cue ("في 2023")."""
        g = self.g
        word = self.match(g.year_words, index)
        if word is None:
            return self.bare_year(index, anchored=anchored or self.previous_is_cue(index))
        found = self.bare_year(word.next, anchored=True)
        return Found(found.said, word.start, found.end, found.next) if found else None

    def bare_year(self, index: int, anchored: bool = True) -> Found | None:
        number = self.number(index)
        if number is None or len(number.text) != 4:
            return None
        year = int(number.text)
        mark = self.match(self.g.calendar_marks, index + 1)
        calendar_name: Calendar = mark.value if mark is not None else "gregorian"
        if calendar_name == "hijri" and year not in HIJRI_YEARS:
            return None
        if calendar_name == "gregorian" and year not in BARE_YEARS:
            return None
        if not anchored and mark is None:
            return None
        if self.phone_like(index):
            return None
        end, next_index = (mark.end, mark.next) if mark else (number.end, index + 1)
        return Found(Year(calendar_name, year), number.start, end, next_index)

    def phone_like(self, index: int) -> bool:
        """A year-like number inside a run of digit groups ("0933 2019 45", "+963-11-2019")."""
        before = self.tokens[index - 1] if index > 0 else None
        if before is not None and (before.text[0].isdigit() or before.text == "+") and not self.match(self.g.range_joiners, index - 1):
            return True
        if before is not None and before.text == "-" and index > 1 and self.tokens[index - 2].text[0].isdigit() and self.adjacent(index - 1, index):
            return True
        after = self.token(index + 1)
        if after is not None and after.text[0].isdigit():
            return True
        if after is not None and after.text == "-" and self.adjacent(index, index + 1):
            follower = self.token(index + 2)
            if follower is not None and follower.text[0].isdigit() and len(follower.text) != 4:
                return True
        return False

    def numeric_date(self, index: int) -> Found | None:
        """"3/1/2024" (day/month/year), "2024-01-03", "03.01.2024"."""
        token = self.token(index)
        if token is None or not token.text[0].isdigit():
            return None
        if token.text.count(".") == 2:  # one token: 03.01.2024
            fields = token.text.split(".")
            next_index, end = index + 1, token.end
        else:
            fields = [token.text]
            j = index + 1
            separator = self.word(j)
            if separator not in ("/", "-"):
                return None
            while len(fields) < 3 and self.word(j) == separator and self.adjacent(j - 1, j) and self.number(j + 1) and self.adjacent(j, j + 1):
                fields.append(self.tokens[j + 1].text)
                j += 2
            if len(fields) != 3:
                return None
            next_index, end = j, self.tokens[j - 1].end
            follower = self.token(next_index)
            if follower is not None and follower.text in ("/", "-") and self.adjacent(next_index - 1, next_index):
                return None  # a longer run of numbers
        if not all(field.isdigit() for field in fields):
            return None
        calendar_name: Calendar = "gregorian"
        mark = self.match(self.g.calendar_marks, next_index)
        if mark is not None:
            calendar_name, end, next_index = mark.value, mark.end, mark.next
        if len(fields[0]) == 4:
            orders: list[tuple[str, ...]] = [("year", "month", "day")]
        elif len(fields[2]) == 4:
            orders = [*self.g.numeric_orders, ("month", "day", "year")]
        else:
            return None
        for order in orders:
            named = dict(zip(order, (int(field) for field in fields)))
            if _valid(calendar_name, named["year"], named["month"], named["day"]):
                said = Day(calendar_name, named["month"], named["day"], named["year"])
                return Found(said, token.start, end, next_index)
        return None

    def bare_day(self, index: int) -> Found | None:
        token = self.token(index)
        day = self.day_number(index)
        if token is None or day is None:
            return None
        return Found(BareDay(day[0]), token.start, self.tokens[day[1] - 1].end, day[1])


def _period(period: Period) -> Year | Relative | Since:
    said: Year | Relative
    if period.unit == "year":
        said = Year("gregorian", offset=period.offset)
    else:
        said = Relative(period.unit, period.offset, period.week_start)
    return Since(said) if period.until_published else said


def _join(first: Any, last: Any) -> Between | None:
    """The two sides of a range, the incomplete one completed from the other."""
    if isinstance(first, BareDay) and isinstance(last, Day):
        first = replace(last, day=first.day)
    elif isinstance(last, BareDay) and isinstance(first, Day):
        last = replace(first, day=last.day)
    elif isinstance(first, BareDay) or isinstance(last, BareDay):
        return None
    if isinstance(first, (Day, MonthSaid)) and isinstance(last, (Day, MonthSaid)):
        if first.year is None and first.year_offset is None and (last.year is not None or last.year_offset is not None):
            later = first.month > last.month
            if last.year is not None:
                first = replace(first, year=last.year - later)
            else:
                first = replace(first, year_offset=last.year_offset - later)
    if isinstance(first, Year) and isinstance(last, Year) and first.year and last.year and not 0 < last.year - first.year <= 50:
        return None
    if isinstance(first, (Duration, Since, BackReference)) or isinstance(last, (Duration, Since, BackReference)):
        return None
    return Between(first, last)


# --- resolving ---------------------------------------------------------------------------

Resolved = tuple[dt.date | None, dt.date | None, Precision]


def _valid(calendar_name: Calendar, year: int, month: int, day: int) -> bool:
    try:
        _to_gregorian(calendar_name, year, month, day)
    except (ValueError, OverflowError):
        return False
    return True


def _to_gregorian(calendar_name: Calendar, year: int, month: int, day: int) -> dt.date:
    if calendar_name == "hijri":
        gregorian = Hijri(year, month, day).to_gregorian()  # a date subclass; keep plain dates
        return dt.date(gregorian.year, gregorian.month, gregorian.day)
    return dt.date(year, month, day)


def _month_length(calendar_name: Calendar, year: int, month: int) -> int:
    if calendar_name == "hijri":
        return Hijri(year, month, 1).month_length()
    return calendar.monthrange(year, month)[1]


def _today(calendar_name: Calendar, published: dt.date) -> tuple[int, int, int]:
    if calendar_name == "hijri":
        hijri = Gregorian(published.year, published.month, published.day).to_hijri()
        return hijri.year, hijri.month, hijri.day
    return published.year, published.month, published.day


def _month_span(calendar_name: Calendar, year: int, month: int, part: Part | None) -> Resolved:
    length = _month_length(calendar_name, year, month)
    first, last, precision = 1, length, Precision.MONTH
    if part is not None:
        first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, length)}[part]
        precision = Precision.RANGE
    return _to_gregorian(calendar_name, year, month, first), _to_gregorian(calendar_name, year, month, last), precision


def _year_span(calendar_name: Calendar, year: int, part: Part | tuple[int, int] | None) -> Resolved:
    first, last = 1, 12
    if isinstance(part, tuple):
        first, last = part
    elif part is not None:
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    start = _to_gregorian(calendar_name, year, first, 1)
    end = _to_gregorian(calendar_name, year, last, _month_length(calendar_name, year, last))
    return start, end, Precision.YEAR if part is None else Precision.RANGE


def _shift_years(date: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def _shift_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _month_year(calendar_name: Calendar, month: int, relation: Relation | None, published: dt.date) -> int:
    """The year of a month named without one (see the module docstring)."""
    year, current, _ = _today(calendar_name, published)
    if relation == "past":
        return year if month < current else year - 1
    if relation == "next":
        return year if month > current else year + 1
    if relation == "current":
        return year
    return year if month <= current else year - 1


def _day_year(said: Day, published: dt.date) -> int:
    year, month, day = _today(said.calendar, published)
    later = (said.month, said.day) > (month, day)
    if said.relation == "past":
        return year - 1 if (said.month, said.day) >= (month, day) else year
    if said.relation == "next":
        return year if later else year + 1
    if later and said.month != month:
        return year - 1
    return year


def resolve(said: Any, published: dt.date | None, earlier: list[TimeMention]) -> Resolved:
    """What the text said → (start, end, precision); null dates where it needs a
    publication date that is not known."""
    if isinstance(said, Day):
        year = said.year
        if year is None and said.year_offset is not None and published is not None:
            year = _today(said.calendar, published)[0] + said.year_offset
        if year is None and published is not None and said.year_offset is None:
            year = _day_year(said, published)
        if year is None:
            return None, None, Precision.DAY
        date = _to_gregorian(said.calendar, year, said.month, said.day)
        return date, date, Precision.DAY
    if isinstance(said, MonthSaid):
        year = said.year
        if year is None and published is not None:
            if said.year_offset is not None:
                year = _today(said.calendar, published)[0] + said.year_offset
            else:
                year = _month_year(said.calendar, said.month, said.relation, published)
        if year is None:
            return None, None, Precision.MONTH if said.part is None else Precision.RANGE
        return _month_span(said.calendar, year, said.month, said.part)
    if isinstance(said, Year):
        year = said.year
        if year is None and published is not None:
            year = _today(said.calendar, published)[0] + said.offset
        if year is None:
            return None, None, Precision.YEAR if said.part is None else Precision.RANGE
        return _year_span(said.calendar, year, said.part)
    if isinstance(said, Relative):
        return _relative(said, published)
    if isinstance(said, Weekday):
        if published is None:
            return None, None, Precision.DAY
        back = (published.weekday() - said.weekday) % 7
        if said.relation == "past" and back == 0:
            back = 7
        if said.relation == "next":
            back = back - 7 if back else -7
        date = published - dt.timedelta(days=back)
        return date, date, Precision.DAY
    if isinstance(said, Duration):
        return _duration(said, published)
    if isinstance(said, Since):
        start, _, _ = resolve(said.what, published, earlier)
        if start is None:
            return None, None, Precision.RANGE
        return start, published, Precision.RANGE
    if isinstance(said, Between):
        start, _, _ = resolve(said.first, published, earlier)
        _, end, _ = resolve(said.last, published, earlier)
        return start, end, Precision.RANGE
    if isinstance(said, BackReference):
        start, end, precision = _back_reference(said, earlier)
        if said.year is None or start is None or end is None:
            return start, end, precision
        year_start, _, _ = resolve(said.year, published, earlier)
        if year_start is None:
            return None, None, precision
        shift = year_start.year - start.year
        return _shift_years(start, shift), _shift_years(end, shift), precision
    if isinstance(said, FirstOf):
        year_start, _, _ = resolve(said.year, published, earlier)
        if year_start is None:
            return None, None, Precision.RANGE
        if said.unit == "year":
            return None, None, Precision.RANGE
        if said.unit == "month":
            year, month = _shift_months(year_start.year, year_start.month, said.count - 1)
            return year_start, dt.date(year, month, calendar.monthrange(year, month)[1]), Precision.RANGE
        days = said.count * (7 if said.unit == "week" else 1)
        return year_start, year_start + dt.timedelta(days=days - 1), Precision.RANGE
    if isinstance(said, BareDay):
        return None, None, Precision.DAY
    raise TypeError(f"cannot resolve {said!r}")


def _relative(said: Relative, published: dt.date | None) -> Resolved:
    precision = {"day": Precision.DAY, "week": Precision.WEEK, "month": Precision.MONTH}[said.unit]
    if said.part is not None and said.unit == "month":
        precision = Precision.RANGE
    if published is None:
        return None, None, precision
    if said.unit == "day":
        date = published + dt.timedelta(days=said.offset)
        return date, date, precision
    if said.unit == "week":
        if said.offset == 0:
            start = published - dt.timedelta(days=(published.weekday() - said.week_start) % 7)
            return start, start + dt.timedelta(days=6), precision
        if said.offset < 0:  # the seven days before publication, and so on back
            end = published - dt.timedelta(days=1 + 7 * (-said.offset - 1))
            return end - dt.timedelta(days=6), end, precision
        start = published + dt.timedelta(days=1 + 7 * (said.offset - 1))
        return start, start + dt.timedelta(days=6), precision
    year, month = _shift_months(published.year, published.month, said.offset)
    return _month_span("gregorian", year, month, said.part)


def _duration(said: Duration, published: dt.date | None) -> Resolved:
    if said.ago:
        precision = {"day": Precision.DAY, "hour": Precision.DAY, "week": Precision.WEEK,
                     "month": Precision.MONTH, "year": Precision.YEAR}[said.unit]
        if published is None:
            return None, None, precision
        count = said.count or 0
        if said.unit in ("day", "hour"):
            date = published - dt.timedelta(days=count if said.unit == "day" else count // 24)
            return date, date, precision
        if said.unit == "week":
            start = published - dt.timedelta(days=7 * count)
            return start, start + dt.timedelta(days=6), precision
        if said.unit == "month":
            year, month = _shift_months(published.year, published.month, -count)
            return _month_span("gregorian", year, month, None)
        return _year_span("gregorian", published.year - count, None)
    if published is None:
        return None, None, Precision.RANGE
    if said.count is None:
        return None, published, Precision.RANGE
    return _before(published, said.unit, said.count), published, Precision.RANGE


def _before(published: dt.date, unit: Unit, count: int) -> dt.date:
    """That long before publication; months and years by the calendar ("شهرين" before
    5 February is 5 December), clamped to the month's last day."""
    if unit == "day":
        return published - dt.timedelta(days=count)
    if unit == "hour":
        return published - dt.timedelta(days=-(-count // 24))
    if unit == "week":
        return published - dt.timedelta(days=7 * count)
    months = count if unit == "month" else 12 * count
    year, month = _shift_months(published.year, published.month, -months)
    return dt.date(year, month, min(published.day, calendar.monthrange(year, month)[1]))


def _back_reference(said: BackReference, earlier: list[TimeMention]) -> Resolved:
    precision = {"period": Precision.RANGE, "day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}[said.kind]
    for mention in reversed(earlier):
        if said.kind == "period":
            return mention.start, mention.end, Precision(mention.precision)
        if said.kind == "day" and mention.precision == Precision.DAY:
            return mention.start, mention.end, precision
        if said.kind in ("month", "year") and mention.start is not None:
            if said.kind == "month":
                return _month_span("gregorian", mention.start.year, mention.start.month, None)
            return _year_span("gregorian", mention.start.year, None)
    return None, None, precision


# --- the whole text ----------------------------------------------------------------------


# Words and numbers, for finding where to read: a number keeps its date separators
# ("3/1/2024", "2024-01-15", "05.01.2024"; a four-digit number may be a year).
WORDS = re.compile(r"[^\W\d_]+|\d+(?:[./-]\d+){0,2}")
# The farthest a core word is from the start of its expression, in tokens ("في غضون أقل من
# ثلاثة أسابيع", "since the start of the year").
START_REACH = 8
# How far around a core word (see `Grammar._core_words`) to read, in characters: an
# expression starts at most START_REACH tokens before it, and ends at most a few words after
# its last core word ("الأشهر الستة الماضية", "22 جمادى الآخرة 1445 هـ").
BEFORE, AFTER = 48, 24


def find_times(view: Normalized, published: dt.date | None) -> list[TimeMention]:
    """Every time expression of the text, in text order, resolved against `published`
    (a date or a datetime; None when the document does not say when it was published).

    Only the windows around candidate words are tokenised and read: time expressions are
    sparse, and this keeps the reader far above the layer's 2 MB/s on one core."""
    if isinstance(published, dt.datetime):
        published = published.date()
    g = grammar()
    text = view.text
    mentions: list[TimeMention] = []
    window_start = window_end = -1
    cores: set[int] = set()  # where the core words of the current window start
    cursor = 0
    known, is_core = g.core_cache, g.is_core
    for word in WORDS.findall(text):
        core = known.get(word)
        if not (core or (core is None and is_core(word))):
            continue
        match = g.locator(word).search(text, cursor)  # the first such word after the last is this one
        if match is None:
            continue
        cursor = match.end()
        start = _word_start(text, match.start() - BEFORE)
        if start <= window_end:  # overlapping windows are one: nothing is read twice
            window_end = max(window_end, _word_end(text, match.end() + AFTER))
            cores.add(match.start())
            continue
        if window_end >= 0:
            _scan(view, tokenize(text, window_start, window_end), g, published, mentions, cores)
        window_start, window_end = start, _word_end(text, match.end() + AFTER)
        cores = {match.start()}
    if window_end >= 0:
        _scan(view, tokenize(text, window_start, window_end), g, published, mentions, cores)
    return mentions


def find_times_everywhere(view: Normalized, published: dt.date | None) -> list[TimeMention]:
    """`find_times` reading every token of the text: what the windows must agree with."""
    if isinstance(published, dt.datetime):
        published = published.date()
    mentions: list[TimeMention] = []
    _scan(view, tokenize(view.text), grammar(), published, mentions)
    return mentions


def _word_start(text: str, position: int) -> int:
    position = max(0, position)
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    position = min(len(text), position)
    while position < len(text) and not text[position].isspace():
        position += 1
    return position


def _scan(
    view: Normalized,
    tokens: list[Token],
    g: Grammar,
    published: dt.date | None,
    mentions: list[TimeMention],
    cores: set[int] | None = None,
) -> None:
    """Read the time expressions of `tokens` into `mentions` (which holds those before them,
    for back-references). `cores`: where the core words start, when the caller knows."""
    scanner = Scanner(view, tokens, g)
    # Every expression has a core word within START_REACH tokens of its start ("في وقت سابق
    # من هذا العام"): no other token is tried.
    next_core = [0] * len(tokens)
    upcoming = len(tokens) + START_REACH + 1
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        if token.start in cores if cores is not None else g.is_core(token.text):
            upcoming = position
        next_core[position] = upcoming
    index = 0
    while index < scanner.count:
        if next_core[index] - index > START_REACH:
            index = next_core[index] - START_REACH
            continue
        found = scanner.read(index)
        if found is None:
            index += 1
            continue
        try:
            start, end, precision = resolve(found.said, published, mentions)
        except (ValueError, OverflowError):  # 31 February, a Hijri year hijridate cannot convert
            index += 1
            continue
        if start is not None and end is not None and end < start:
            index += 1
            continue
        original_start, original_end = view.original_span(found.start, found.end)
        evidence = Evidence(start=original_start, end=original_end, text=view.original[original_start:original_end])
        mentions.append(TimeMention(start=start, end=end, precision=precision, evidence=evidence))
        index = max(found.next, index + 1)
        scanner.floor = index
