"""What stands around a figure: the counted noun after it, a hedge written after it, and
the signs that it is not a count at all.

Not quantities: years ("عام 2023", a bare 2019, "2023م"), ordinals ("التاسع عشر", "3rd",
"twenty-first"), dates (a number next to a month name from `lang/*/months.yaml`, "3/1/2024"),
times of day ("10:30", "الساعة 10", "10 pm"), periods and frequencies ("3 أيام", "عدة مرات"),
identifiers ("القرار 2254", "F-16", "route 5"), phone-like numbers (a leading "+", seven or
more digits in a row, three or more groups of digits joined by spaces or dashes).
"""

from __future__ import annotations

from bisect import bisect_right

from marsad.read.normalize import Normalized
from marsad.read.numbers import NumberMatch, read_number
from marsad.read.quantities.candidates import LazyTokens
from marsad.read.quantities.grammar import Grammar
from marsad.read.quantities.phrases import NO_PREFIXES

# Facts about numbers, not about a language: years are four digits in this range, and
# phone numbers have at least this many digits in a row.
YEARS = (1800, 2100)
PHONE_DIGITS = 7


class FigureContext:
    """The tokens around one candidate figure of a view (`tokens`, set for each figure),
    and what they say about it."""

    tokens: LazyTokens

    def __init__(self, g: Grammar, view: Normalized, blocked, blocked_starts) -> None:
        self.g, self.view = g, view
        self.blocked, self.blocked_starts = blocked, blocked_starts

    def glued(self, left: int, right: int) -> bool:
        a, b = self.tokens[left], self.tokens[right]
        return a is not None and b is not None and a.end == b.start

    def stripped_in(self, index: int, words: set[str]) -> bool:
        """Whether the token's text, or the same without a proclitic, is one of `words`."""
        token = self.tokens[index]
        return token is not None and not words.isdisjoint(self.g.clitics.rests(token.text))

    def is_blocked(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a taken span (the few spans just before `end`
        are enough: taken spans do not nest deeply)."""
        at = bisect_right(self.blocked_starts, end - 1)
        return any(block_end > start for _, block_end in self.blocked[max(0, at - 4) : at])

    def glued_by_space(self, left: int, right: int) -> bool:
        a, b = self.tokens[left], self.tokens[right]
        return a is not None and b is not None and "\n" not in self.view.text[a.end : b.start]

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
        while (token := self.tokens[index]) is not None and token.text in g.transparent:
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
            token = self.tokens[index + gap - 1]
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

    # what a number is not --------------------------------------------------------------

    def not_a_count(self, index: int, number: NumberMatch) -> bool:
        g = self.g
        tokens = self.tokens
        first, after = tokens[index], number.next_index
        previous, following = self.tokens[index - 1], self.tokens[after]
        digits_only = not number.spelled
        if previous is not None and self.glued(index - 1, index):
            if previous.is_word and previous.text not in g.clitic_set:
                return True  # "MH17", "covid19"
            if previous.text in ("+", ":", "/") or (previous.text == "-" and self.tokens[index - 2] is not None and self.glued(index - 2, index - 1) and not self.tokens[index - 2].is_number):
                return True  # "+963", "F-16", the tail of "10:30" or "3/1"
            if previous.text == "." and self.tokens[index - 2] is not None and self.tokens[index - 2].is_number and self.glued(index - 2, index - 1):
                return True
        if following is not None and self.glued(after - 1, after):
            if following.is_word and (following.text in g.lex.ordinal_suffixes or following.text in g.year_after or g.time_after.at(tokens, after)):
                return True  # "3rd", "2023م", "10am"
            if following.text in (":", "/") and self.tokens[after + 1] is not None and self.tokens[after + 1].is_number:
                return True  # "10:30", "3/1/2024"
            if following.text == "-" and (nxt := self.tokens[after + 1]) is not None and self.glued(after, after + 1) and nxt.is_word:
                if nxt.text not in g.lex.words or nxt.text in g.lex.ordinals:
                    return True  # "5-year-old", "twenty-first", "three-day"
        if following is not None and following.text == "-" and (nxt := self.tokens[after + 1]) is not None and nxt.text in g.lex.ordinals:
            return True
        if previous is not None and previous.text in g.lex.ordinals:
            return True  # "التاسع عشر"
        if digits_only and after == index + 1:
            if len(first.text) >= PHONE_DIGITS and first.text.isdecimal():
                return True
            if self.chain_end(index, after) - index >= 3:
                return True  # "0933 123 456", "2024-01-03"
        if self.stripped_in(index - 1, g.time_before) or g.time_after.at(tokens, after):
            return True  # "الساعة 10", "10 pm"
        if following is not None and following.text in g.year_after and digits_only:
            return True  # "1445 هـ"
        if self.month_at(after):
            return True  # "3 يناير"
        if digits_only and (self.stripped_in(index - 1, g.identifiers) or (previous is not None and previous.text in (".", "#") and self.stripped_in(index - 2, g.identifiers))):
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
            token = self.tokens[end]
            if token is not None and token.text == "-" and (nxt := self.tokens[end + 1]) is not None and nxt.is_number and self.glued(end, end + 1):
                end, groups = end + 2, groups + 1
            elif token is not None and token.is_number and token.text.isdecimal() and self.tokens[end - 1].is_number and groups >= 1 and len(token.text) >= 2 and len(self.tokens[end - 1].text) >= 2:
                end, groups = end + 1, groups + 1
            else:
                break
        return end if groups >= 3 else after

    def month_at(self, index: int) -> bool:
        hit = self.g.months.at(self.tokens, index)
        return hit is not None and self._proper(index)

    def month_before(self, index: int) -> bool:
        at = index
        if (token := self.tokens[at - 1]) is not None and token.text == ".":
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
        if self.stripped_in(index - 1, self.g.year_before) and len(self.tokens[index].text) in (3, 4):
            return True
        return hedge is None and self.year_like(number)
