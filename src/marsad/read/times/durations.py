"""Reading durations: "خلال أقل من شهرين", "over the past two weeks", "قبل ثلاثة أيام",
"three days ago", "الأيام الماضية", "الشهرين الأولين من العام".

A count before a unit is read with the number reader (`marsad.read.numbers`), so every
number word and its clitics count ("خلال الأشهر الستة الماضية").
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.read.numbers import lexicon, read_number
from marsad.read.times.cursor import Found
from marsad.read.times.data import Unit
from marsad.read.times.grammar import DurationUnit
from marsad.read.times.points import PointReader
from marsad.read.times.said import Duration, FirstOf
from marsad.read.tokens import Token

# A duration's unit comes within this many tokens of its start ("في غضون أقل من ثلاثة أسابيع").
UNIT_AHEAD = 8
# The longest duration read in each unit: beyond it a number is not a count of that unit.
LONGEST = {"hour": 1000, "day": 3650, "week": 520, "month": 240, "year": 100}


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


class DurationReader(PointReader):
    """Reads durations, and the first units of a year (which need a year, as points do)."""

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
        lex, text = lexicon(), token.text
        articles = [len(article) for article in self.g.glued_articles if text.startswith(article) and len(text) > len(article) + 1]
        for dropped in (0, *articles):
            if lex.word(text[dropped:], clitics=True) is None:
                continue  # no number word starts it: read_number would find none
            candidate = Token(text[dropped:], token.start + dropped, token.end) if dropped else token
            # A window is enough: no number runs over a dozen tokens ("ألف وخمسمائة وخمسة وستين").
            number = read_number([candidate, *self.tokens[index + 1 : index + 12]], 0)
            if number is not None and float(number.value).is_integer() and number.value > 0:
                return int(number.value), index + number.next_index, number.start
        return None
