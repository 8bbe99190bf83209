"""The scanner: reads the time expression starting at a token, if there is one.

`read` tries the readers a word may start (`Grammar.readers`): back-references, ranges,
"since", durations, then points. A range ("بين 7 و13 كانون الثاني", "from 2014 to 2017",
"7-13 يناير") is read here because it is made of two points; its joiner may be a clitic
on the second side ("بين يناير ومارس"), which is stripped the way a first word's clitic is.
"""

from __future__ import annotations

from dataclasses import replace

from marsad.read.times.cursor import Found
from marsad.read.times.durations import DurationReader
from marsad.read.times.grammar import BACK_REFERENCE, DIGIT_READERS, DURATION, POINT, RANGE, SINCE
from marsad.read.times.said import BackReference, BareDay, Between, Day, Duration, MonthSaid, Since, join_sides

DASHES = ("-", "–")


class Scanner(DurationReader):
    """Reads whole time expressions at token indices of a window."""

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
        said = join_sides(first.said, last.said)
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
