"""Everything the quantities reader knows, from every language's data, folded to the view.

The data of all languages is read at once (their scripts do not overlap). `triggers` is an
Aho-Corasick automaton over the words a figure may start with — number words, vague words
("عشرات", "dozens"), dual nouns ("جنديان") — so that candidates are found in one pass over
the text (see `candidates`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from marsad.lang import topics
from marsad.model import Qualifier, Unit
from marsad.read.numbers import Lexicon, fold, lexicon
from marsad.read.quantities.data import PEOPLE, HedgeData, MonthNames, UnitData, VagueData
from marsad.read.quantities.phrases import NO_PREFIXES, Phrases, Prefixes
from marsad.read.tokens import tokenize


@dataclass(frozen=True)
class Noun:
    unit: str | None
    dual: bool = False
    gap: int = 0  # how many words its language lets stand between a number and it


@dataclass
class Grammar:
    """Everything the reader knows, from every language's data, folded to the view."""

    lex: Lexicon
    hedges_before: Phrases[Qualifier] = field(default_factory=Phrases)
    hedges_after: Phrases[Qualifier] = field(default_factory=Phrases)
    openers: Phrases[frozenset[str]] = field(default_factory=Phrases)
    bare_joins: set[str] = field(default_factory=set)
    opener_joins: set[str] = field(default_factory=set)  # the joins of every opener, together
    vague: Phrases[VagueData] = field(default_factory=Phrases)
    multipliers: dict[str, float] = field(default_factory=dict)
    nouns: Phrases[Noun] = field(default_factory=Phrases)
    linkers: Phrases[bool] = field(default_factory=Phrases)
    articles: Prefixes = NO_PREFIXES
    clitics: Prefixes = NO_PREFIXES
    max_gap: int = 0
    gap_stops: set[str] = field(default_factory=set)
    transparent: set[str] = field(default_factory=set)
    percent: Phrases[bool] = field(default_factory=Phrases)
    not_counted: Phrases[bool] = field(default_factory=Phrases)
    months: Phrases[bool] = field(default_factory=Phrases)
    proper_case: set[str] = field(default_factory=set)
    time_after: Phrases[bool] = field(default_factory=Phrases)
    year_before: set[str] = field(default_factory=set)
    year_after: set[str] = field(default_factory=set)
    time_before: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    triggers: ahocorasick.Automaton = None
    clitic_set: frozenset[str] = frozenset()


@cache
def grammar() -> Grammar:
    lex = lexicon()
    g = Grammar(lex=lex)
    triggers: set[str] = {word for word, entry in lex.words.items() if entry.kind != "article"}
    for data in topics("hedges", HedgeData).values():
        for qualifier, phrases in data.before.items():
            for phrase in phrases:
                g.hedges_before.add(phrase, Qualifier(qualifier))
        for qualifier, phrases in data.after.items():
            for phrase in phrases:
                g.hedges_after.add(phrase, Qualifier(qualifier))
        for entry in data.ranges:
            joins = frozenset(fold(join) for join in entry.join)
            if entry.opener is None:
                g.bare_joins |= joins
            else:
                g.openers.add(entry.opener, joins)
                g.opener_joins |= joins
        for phrase, vague in data.vague.items():
            if vague.low > vague.high:
                raise ValueError(f"hedges.yaml: vague {phrase!r} has low above high")
            g.vague.add(phrase, vague)
            words = [t.text for t in tokenize(fold(phrase))]
            triggers.add(next((w for w in words if lex.words.get(w, None) is None or lex.words[w].kind != "article"), words[0]))
        g.multipliers.update({fold(word): value for word, value in data.multipliers.items()})
    articles: list[str] = []
    for data in topics("units", UnitData).values():
        for unit, entries in data.units.items():
            if unit != PEOPLE and unit not in Unit.__members__.values():
                raise ValueError(f"units.yaml: {unit!r} is not a contract unit (marsad.model.Unit) nor {PEOPLE!r}")
            for entry in entries:
                for form in entry.forms:
                    g.nouns.add(form, Noun(None if unit == PEOPLE else unit, gap=data.max_gap))
                for form in entry.duals:
                    g.nouns.add(form, Noun(None if unit == PEOPLE else unit, dual=True, gap=data.max_gap))
                    triggers.add(fold(form))
        for linker in data.linkers:
            g.linkers.add(linker, True)
        articles.extend(fold(article) for article in data.articles)
        g.max_gap = max(g.max_gap, data.max_gap)
        g.gap_stops |= {fold(word) for word in data.gap_stops}
        g.transparent |= set(data.transparent)
        for phrase in data.percent:
            g.percent.add(phrase, True)
        for phrase in data.not_counted:
            g.not_counted.add(phrase, True)
    for data in topics("months", MonthNames).values():
        for name in [*data.gregorian, *data.hijri]:
            g.months.add(name, True)
        g.proper_case |= {fold(name) for name in data.proper_case}
    counts = lex.not_counts
    for phrase in counts.time_after:
        g.time_after.add(phrase, True)
    g.year_before, g.year_after = set(counts.year_before), set(counts.year_after)
    g.time_before, g.identifiers = set(counts.time_before), set(counts.identifiers_before)
    g.clitic_set = frozenset(lex.clitics)
    g.clitics, g.articles = Prefixes(lex.clitics), Prefixes(articles)
    automaton = ahocorasick.Automaton()
    for word in triggers:
        if word:
            automaton.add_word(word, len(word))
    automaton.make_automaton()
    g.triggers = automaton
    return g
