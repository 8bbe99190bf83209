"""Reading one point or period of time: a day, a month, a year, a weekday, a relative
day or period ("أمس", "الأسبوع الماضي"), a part of a month or year ("أوائل يناير",
"النصف الأول من 2023"), a date in digits.

These are the pieces ranges, "since" and durations are built from (see `scanner`).
"""

from __future__ import annotations

from dataclasses import replace

from marsad.read.times.calendars import is_valid_date
from marsad.read.times.cursor import Found, TokenCursor
from marsad.read.times.data import Calendar
from marsad.read.times.grammar import DATE, DAYS, DIGIT_READERS, NUMERIC, PART, PERIOD, POINT, RELATION, STRETCH, WEEKDAY, YEAR, Month
from marsad.read.times.said import BareDay, Day, MonthSaid, Relative, Since, Weekday, Year, period_said

# Years read without a month beside them ("عام 2023", "in 2023"); a month or a calendar
# mark anchors a wider range.
BARE_YEARS = range(1900, 2101)
ANCHORED_YEARS = range(1800, 2201)
HIJRI_YEARS = range(1343, 1501)  # what hijridate converts
# Punctuation that pairs two names of one month ("أيلول/سبتمبر", "كانون الثاني (يناير)")
# or separates a weekday or a year from a date ("الأحد، 7 يناير", "January 3, 2024").
PAIRING = ("/", "(")
COMMAS = (",", "،")


class PointReader(TokenCursor):
    """Reads the point of time starting at a token (`point`) and its parts."""

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
            return Found(period_said(hit.value), hit.start, hit.end, hit.next)
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
            said = period_said(period.value)
            if isinstance(said, Since):
                return None
            return Found(replace(said, part=part), hit.start, period.end, period.next)
        if (unit := self.match(g.current_units, j)) is not None and not self.blocked(j, unit):
            said = period_said(unit.value)
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
            if is_valid_date(calendar_name, named["year"], named["month"], named["day"]):
                said = Day(calendar_name, named["month"], named["day"], named["year"])
                return Found(said, token.start, end, next_index)
        return None

    def bare_day(self, index: int) -> Found | None:
        token = self.token(index)
        day = self.day_number(index)
        if token is None or day is None:
            return None
        return Found(BareDay(day[0]), token.start, self.tokens[day[1] - 1].end, day[1])

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
