"""The assembler's language data (`lang/<language>/reports.yaml`), compiled once.

Every language's phrases go into the same tables: a phrase of one language never matches
the words of another, so a document needs no language to be read (nor a right one).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from marsad.lang import topics
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


class ReportData(BaseModel):
    """Schema of `lang/<language>/reports.yaml` (its comments say what each list is for)."""

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


def _phrases(items, value=True) -> Phrases:
    table: Phrases = Phrases()
    for item in items:
        table.add(item, value)
    return table


@cache
def lexicon() -> Lexicon:
    data = topics("reports", ReportData).values()
    before: Phrases[Unit] = Phrases()
    after: Phrases[Unit] = Phrases()
    channels: Phrases[str] = Phrases()
    voice_anaphors: Phrases[Role | None] = Phrases()
    for language in data:
        for unit, fate in language.fates.items():
            for phrase in fate.before:
                before.add(phrase, unit)
            for phrase in fate.after:
                after.add(phrase, unit)
        for phrase, channel in language.channels.items():
            channels.add(phrase, channel)
        for phrase, role in language.voice_anaphors.items():
            voice_anaphors.add(phrase, role)
    proclitics = {p for language in ("ar", "en", "fa") for p in spelling(language).plain if p}

    def merged(field: str) -> Phrases[bool]:
        return _phrases(phrase for language in data for phrase in getattr(language, field))

    def words(field: str) -> frozenset[str]:
        return frozenset(fold(w) for language in data for w in getattr(language, field))

    return Lexicon(
        fates_before=before,
        fates_after=after,
        breakdown=words("breakdown"),
        lists=words("lists"),
        targets=merged("targets"),
        civilian_targets=merged("civilian_targets"),
        agents=merged("agents"),
        control=merged("control"),
        claims=merged("claims"),
        records=merged("records"),
        impersonal=merged("impersonal"),
        since=merged("since"),
        channels=channels,
        voice_anaphors=voice_anaphors,
        continuations=merged("continuations"),
        conjunctions=words("conjunctions"),
        references=merged("references"),
        anaphors=merged("anaphors"),
        complementizers=words("complementizers"),
        one_determiners=frozenset(fold(w) for language in data for w in language.one.determiners),
        one_stops=frozenset(fold(w) for language in data for w in language.one.stops),
        one_nouns=frozenset(fold(w) for language in data for w in language.one.nouns),
        one_words=_phrases(w for language in data for w in language.one.words),
        no_toll=merged("no_toll"),
        joints=merged("joints"),
        partitives=tuple(p for language in data for p in language.partitives),
        prefixes=Prefixes(sorted(proclitics)),
    )
