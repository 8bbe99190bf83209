"""The assembler's language data (`lang/<language>/reports.yaml`), compiled once.

Every language's phrases go into the same tables: a phrase of one language never matches
the words of another, so a document needs no language to be read (nor a right one).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from marsad.lang import LANGUAGES, topics
from marsad.model import Role, Unit
from marsad.read.numbers import fold
from marsad.read.phrases import spelling
from marsad.read.quantities.phrases import Phrases, Prefixes


class FateData(BaseModel):
    before: list[str] = []
    after: list[str] = []


class PartitiveData(BaseModel):
    linker: str
    article: str = ""


class OneData(BaseModel):
    determiners: list[str] = []
    stops: list[str] = []
    nouns: list[str] = []
    words: list[str] = []


class GrammarData(BaseModel):
    """How a language orders who acted and what happened (marsad.assemble.actors) and marks
    a known referent (marsad.assemble.events)."""

    verb_first: bool = False  # a clause may open with its verb, its subject after it
    agent_follows: bool = False  # a verbal noun's agent follows it ("هجوم داعش")
    agent_clitics: list[str] = []  # ... maybe with a clitic ("هجوم لتنظيم داعش")
    definite_prefixes: list[str] = []  # the article written on the word ("الهجوم")
    definite_words: list[str] = []  # the article before it ("the attack", "those attacks")
    plural_endings: list[str] = []  # a trigger word ending so is plural: many incidents
    plural_incidents: list[str] = []  # trigger kinds whose plural still tells one incident ("clashes")


class ReportData(BaseModel):
    """Schema of `lang/<language>/reports.yaml` (its comments say what each list is for)."""

    grammar: GrammarData = GrammarData()
    fates: dict[Unit, FateData] = {}
    breakdown: list[str] = []
    lists: list[str] = []
    targets: list[str] = []
    civilian_targets: list[str] = []
    agents: list[str] = []
    control: list[str] = []
    claims: list[str] = []
    records: list[str] = []
    impersonal: list[str] = []
    since: list[str] = []
    channels: dict[str, str] = {}
    voice_anaphors: dict[str, Role | None] = {}
    continuations: list[str] = []
    conjunctions: list[str] = []
    references: list[str] = []
    anaphors: list[str] = []
    complementizers: list[str] = []
    one: OneData = OneData()
    no_toll: list[str] = []
    joints: list[str] = []
    partitives: list[PartitiveData] = []


@dataclass(frozen=True)
class Lexicon:
    fates_before: Phrases[Unit]
    fates_after: Phrases[Unit]
    breakdown: frozenset[str]
    lists: frozenset[str]
    targets: Phrases[bool]
    civilian_targets: Phrases[bool]
    agents: Phrases[bool]
    control: Phrases[bool]
    claims: Phrases[bool]
    records: Phrases[bool]
    impersonal: Phrases[bool]
    since: Phrases[bool]
    channels: Phrases[str]
    voice_anaphors: Phrases[Role | None]
    continuations: Phrases[bool]
    conjunctions: frozenset[str]
    references: Phrases[bool]
    anaphors: Phrases[bool]
    complementizers: frozenset[str]
    one_determiners: frozenset[str]
    one_stops: frozenset[str]
    one_nouns: frozenset[str]
    one_words: Phrases[bool]
    no_toll: Phrases[bool]
    joints: Phrases[bool]
    partitives: tuple[PartitiveData, ...]
    prefixes: Prefixes
    grammars: dict[str, GrammarData]  # by language


@cache
def lexicon() -> Lexicon:
    by_language = topics("reports", ReportData)
    data = list(by_language.values())

    def phrases(pairs) -> Phrases:
        table: Phrases = Phrases()
        for phrase, value in pairs:
            table.add(phrase, value)
        return table

    def listed(field: str, part=lambda language: language) -> Phrases[bool]:
        return phrases((phrase, True) for language in data for phrase in getattr(part(language), field))

    def mapped(field: str) -> Phrases:
        return phrases(pair for language in data for pair in getattr(language, field).items())

    def words(field: str, part=lambda language: language) -> frozenset[str]:
        return frozenset(fold(word) for language in data for word in getattr(part(language), field))

    def fates(side: str) -> Phrases[Unit]:
        return phrases((phrase, unit) for language in data for unit, fate in language.fates.items() for phrase in getattr(fate, side))

    def one(language: ReportData) -> OneData:
        return language.one

    proclitics = {p for language in LANGUAGES for p in spelling(language).plain if p}
    return Lexicon(
        fates_before=fates("before"),
        fates_after=fates("after"),
        breakdown=words("breakdown"),
        lists=words("lists"),
        targets=listed("targets"),
        civilian_targets=listed("civilian_targets"),
        agents=listed("agents"),
        control=listed("control"),
        claims=listed("claims"),
        records=listed("records"),
        impersonal=listed("impersonal"),
        since=listed("since"),
        channels=mapped("channels"),
        voice_anaphors=mapped("voice_anaphors"),
        continuations=listed("continuations"),
        conjunctions=words("conjunctions"),
        references=listed("references"),
        anaphors=listed("anaphors"),
        complementizers=words("complementizers"),
        one_determiners=words("determiners", one),
        one_stops=words("stops", one),
        one_nouns=words("nouns", one),
        one_words=listed("words", one),
        no_toll=listed("no_toll"),
        joints=listed("joints"),
        partitives=tuple(p for language in data for p in language.partitives),
        prefixes=Prefixes(sorted(proclitics)),
        grammars={language: data.grammar for language, data in by_language.items()},
    )
