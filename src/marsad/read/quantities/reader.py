"""Reading one figure: a number (with its hedge, range and counted noun), a vague amount
("عشرات المسلحين", "dozens"), or a dual noun that counts two on its own ("قُتل جنديان").

Low / best / high follow the table in the package docstring (`marsad.read.quantities`).
"""

from __future__ import annotations

from marsad.model import Qualifier, QuantityMention
from marsad.read.numbers import NumberMatch, read_number
from marsad.read.quantities.candidates import LazyTokens
from marsad.read.quantities.context import FigureContext


class FigureReader(FigureContext):
    """Reads the figures of one view, each from the tokens around its candidate."""

    def read(self, tokens: LazyTokens):
        """The figure whose first token is the anchor of `tokens`: (mention or None, view
        position up to which the text is used up), or None when nothing starts there."""
        self.tokens = tokens
        index = tokens.anchor
        g = self.g
        starts = [index]
        previous = self.tokens[index - 1]
        if previous is not None:
            entry = g.lex.words.get(previous.text)
            if entry is not None and entry.kind == "article" and self.glued_by_space(index - 1, index):
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

    def vague(self, index: int):
        g = self.g
        hit = g.vague.at(self.tokens, index, g.clitics)
        if hit is None:
            return None
        vague, after, clitic = hit
        low, high = vague.low, vague.high
        multiplied = False
        token = self.tokens[after]
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
        second = self.range_end(after, index, first)
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

    def range_end(self, index: int, first_index: int, first: NumberMatch):
        """The second number of a range whose first number starts at `tokens[first_index]`
        and ends before `tokens[index]`: (NumberMatch, opener hit or None), or None.

        A join of the opener's ("بين ... و", "from ... to") or a bare join ("-", "إلى",
        "or") must come next; و may be glued to the second number ("وخمسة عشر"). The
        second number must be the larger: "5 أو 3" is not a range."""
        g = self.g
        token = self.tokens[index]
        if token is None:
            return None
        text = token.text
        if text not in g.bare_joins and text not in g.opener_joins and not any(
            clitic in g.opener_joins and text.startswith(clitic) for clitic in g.lex.connector_clitics
        ):
            return None  # no join of any kind: no need to look for an opener
        opener = g.openers.before(self.tokens, first_index, g.clitics)
        opener_joins = opener[0] if opener else frozenset()
        second = None
        if text in opener_joins or text in g.bare_joins:
            second = read_number(self.tokens, index + 1)
            if text not in opener_joins:
                opener = None
        else:
            for clitic in g.lex.connector_clitics:
                if clitic in opener_joins and text.startswith(clitic) and len(text) > len(clitic):
                    second = read_number(self.tokens, index)
                    break
        if second is None:
            return None
        low = first.value
        if second.scale > 1 and first.scale == 1 and low < second.scale:
            low *= second.scale
        if second.value <= low and second.value <= first.value:
            return None
        return second, opener

    def mention(self, qualifier, low, best, high, start, end, noun, unit, noun_clitic: int = 0):
        view = self.view
        evidence = view.evidence(start, end)
        noun_text = None
        if noun is not None:
            (first, after), noun_unit = noun
            noun_begin, noun_stop = view.original_span(self.tokens[first].start + noun_clitic, self.tokens[after - 1].end)
            noun_text = view.original[noun_begin:noun_stop]
            unit = unit or noun_unit
        mention = QuantityMention(
            low=low, best=best, high=high, qualifier=qualifier, text=evidence.text, evidence=evidence, unit=unit,
            noun=noun_text,
        )  # fmt: skip
        return mention, end


def _bounds(qualifier: Qualifier, n: float) -> tuple[float | None, float | None, float | None]:
    """UCDP low / best / high for a single figure (the table in the package docstring)."""
    if qualifier == Qualifier.EXACT:
        return n, n, n
    if qualifier == Qualifier.APPROXIMATELY:
        return None, n, None
    if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return n, n, None
    return None, None, n
