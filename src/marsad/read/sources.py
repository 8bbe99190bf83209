"""Voices and attribution cues: who a text says its facts come from, and how it says so.

`find_cues(view)` lists the attribution cues of a normalised view — claim ("أعلن داعش
مسؤوليته", "claimed responsibility"), report ("ذكرت", "according to", "وثّق"), blame
("اتهم", "blamed"), denial ("نفى") and no_claim ("لم تعلن أي جهة مسؤوليتها") — as
`CueMention`s.

`find_sources(view, actors)` lists the voices, as `Source`s {name, mention, role}, with the
contract's roles:
- voices the language data names: monitors (مركز معلومات روج آفا → "Rojava Information
  Center"), outlets, officials, unnamed sources ("مصادر محلية"), witnesses, the claimant's
  own channels (Amaq, al-Naba);
- voices named by nationality ("مصادر سورية" → "Syrian sources", "US officials");
- voices that belong to an actor the text names next to them ("حسابات وسائل التواصل
  الاجتماعي التابعة لتنظيم داعش" → "Islamic State social media accounts", claimant; "a
  spokesman for the Nigerian army" → official);
- actors that speak: an actor right next to an attribution cue ("قال الجيش", "ISWAP
  claimed the attack", "according to the army").

The last two need the text's actor mentions (`marsad.resolve.actors.find_actors`), which the
caller passes: a reading stage does not import a later one. Without them only the voices
the data names are found.

An actor's kind decides the role it speaks in (`speaker_role`): state and external forces
as officials, armed groups as claimants (a party speaking through its own channel),
civilians as witnesses. Whether a non-state voice is the perpetrator is the assembler's
call.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from pydantic import BaseModel

from marsad.lang import LANGUAGES, topics
from marsad.model import Actor, ActorKind, CueKind, CueMention, Role, Source
from marsad.read.nationalities import demonym, national_phrases
from marsad.read.normalize import Normalized
from marsad.read.numbers import fold
from marsad.read.phrases import READERS, Hit, PhraseMatcher, original_span, spelling, view_offset, words_between
from marsad.read.tokens import TOKEN

OWNER = "owner"  # role of an owned voice that its owner's kind decides
# Voices that may own another: organisations ("مسؤول في وزارة الصحة"), not the unnamed or a
# channel ("منشور على قنواته" is the channel's post, not a voice of its own).
OWNING_ROLES = frozenset({Role.OFFICIAL, Role.MONITOR, Role.OUTLET})
LINK_WORDS = 3  # at most this many linking words between a voice and its owner
FILLER_WORDS = 3  # ... or between a speaker and its cue
FILLER_CHARS = 40  # fillers are short words: a longer gap is not worth reading
EXPLICIT, PATTERN, IGNORED = 2, 1, 3

# The role an actor speaks in, by its kind (DESIGN.md: attributed_to roles).
SPEAKER_ROLES = {
    ActorKind.STATE_FORCES: Role.OFFICIAL,
    ActorKind.EXTERNAL_OTHER: Role.OFFICIAL,
    ActorKind.REBEL_GROUP: Role.CLAIMANT,
    ActorKind.POLITICAL_MILITIA: Role.CLAIMANT,
    ActorKind.IDENTITY_MILITIA: Role.CLAIMANT,
    ActorKind.CIVILIANS: Role.WITNESS,
    ActorKind.PROTESTERS: Role.WITNESS,
    ActorKind.RIOTERS: Role.WITNESS,
}


def speaker_role(kind: ActorKind | str | None) -> Role:
    """The role an actor of this kind speaks in; unnamed when the kind is unknown."""
    return SPEAKER_ROLES.get(kind, Role.UNNAMED)  # a kind's string finds its enum key


# --- language data ---------------------------------------------------------------------


class VoiceData(BaseModel):
    name: str
    role: Role
    only_speaking: bool = False  # counts only next to an attribution cue


class NationalData(BaseModel):
    name: str
    role: Role
    only_speaking: bool = False
    heads: dict[str, list[str]]


class OwnedData(BaseModel):
    name: str
    role: str  # a Role, or "owner"
    before: list[str] = []  # heads written before the owner ("المتحدث باسم" + actor)
    after: list[str] = []  # heads written after the owner (actor + "spokesman")
    alone: VoiceData | None = None
    only_speaking: bool = False  # "members of X" are as often victims as voices


class SpeakerData(BaseModel):
    after_cue: list[CueKind] = []
    before_cue: list[CueKind] = []
    fillers: list[str] = []
    conjunctions: list[str] = []


class SourceLanguage(BaseModel):
    """Schema of `lang/<language>/sources.yaml`."""

    voices: dict[Role, dict[str, list[str]]] = {}
    only_speaking: list[str] = []
    national: list[NationalData] = []
    owned: list[OwnedData] = []
    owner_linkers: list[str] = []
    speakers: SpeakerData = SpeakerData()
    ignore: list[str] = []
    case_sensitive: list[str] = []


class CueLanguage(BaseModel):
    """Schema of `lang/<language>/cues.yaml`."""

    max_gap: int = 4
    claim: list[str] = []
    report: list[str] = []
    blame: list[str] = []
    denial: list[str] = []
    no_claim: list[str] = []
    ignore: list[str] = []


@dataclass(frozen=True)
class _Owned:
    spec: OwnedData
    owner_first: bool  # the owner is written before the head ("army spokesman")
    language: str


@dataclass(frozen=True)
class _Speakers:
    after: frozenset[CueKind]
    before: frozenset[CueKind]


@dataclass
class _SourceReader:
    matcher: PhraseMatcher[VoiceData | _Owned]
    linkers: frozenset[str]
    fillers: frozenset[str]
    conjunctions: frozenset[str]
    proclitics: frozenset[str]  # a lone proclitic between a cue and its speaker ("وفقاً لمصادر")
    speakers: dict[str, _Speakers]  # by language
    phrase_count: int
    cue_languages: dict[str, str | None]  # a cue's first word (as met, with any proclitic) → its language


def _sensitive(phrase: str, words: frozenset[str]) -> bool:
    return not words.isdisjoint(m.group() for m in TOKEN.finditer(phrase))


@cache
def _source_reader() -> _SourceReader:
    matcher: PhraseMatcher[VoiceData | _Owned] = PhraseMatcher()
    linkers: set[str] = set()
    fillers: set[str] = set()
    conjunctions: set[str] = set()
    speakers: dict[str, _Speakers] = {}
    count = 0
    for language, data in topics("sources", SourceLanguage).items():
        sensitive = frozenset(data.case_sensitive)

        def add(phrase: str, value, priority: int, force_case: bool = False) -> None:
            nonlocal count
            matcher.add(phrase, value, language, priority=priority, case_sensitive=force_case or _sensitive(phrase, sensitive))
            count += 1

        speaking = set(data.only_speaking)
        for role, names in data.voices.items():
            for name, phrases in names.items():
                for phrase in phrases:
                    add(phrase, VoiceData(name=name, role=role, only_speaking=name in speaking), EXPLICIT)
                speaking.discard(name)
        if speaking:
            raise ValueError(f"{language}/sources.yaml: only_speaking names no voice: {sorted(speaking)}")
        for national in data.national:
            for agreement, heads in national.heads.items():
                for head in heads:
                    for phrase, country, case in national_phrases(language, head, agreement):
                        name = national.name.format(demonym=demonym(country))
                        voice = VoiceData(name=name, role=national.role, only_speaking=national.only_speaking)
                        add(phrase, voice, PATTERN, force_case=case)
        for owned in data.owned:
            if owned.role != OWNER:
                Role(owned.role)  # a wrong role is an error in the data, reported at load
            for head in owned.before:
                add(head, _Owned(owned, False, language), EXPLICIT)
            for head in owned.after:
                add(head, _Owned(owned, True, language), EXPLICIT)
        for phrase in data.ignore:
            add(phrase, None, IGNORED)
        linkers |= {fold(word) for phrase in data.owner_linkers for word in phrase.split()}
        fillers |= {fold(word) for phrase in data.speakers.fillers for word in phrase.split()}
        conjunctions |= {fold(word) for word in data.speakers.conjunctions}
        speakers[language] = _Speakers(frozenset(data.speakers.after_cue), frozenset(data.speakers.before_cue))
    for language in LANGUAGES:  # a lone proclitic between a voice and its owner ("التابعة ل")
        linkers |= {prefix for prefix in spelling(language).plain if prefix}
    cue_languages = {}
    for language, data in topics("cues", CueLanguage).items():
        for kind in CueKind:
            for phrase in getattr(data, kind.value):
                cue_languages[_first_word(fold(phrase))] = language
    READERS.register("sources", matcher)
    _cue_matcher()  # registered together, so that the first text is scanned once for both
    proclitics = frozenset(prefix for language in LANGUAGES for prefix in spelling(language).plain if prefix)
    return _SourceReader(matcher, frozenset(linkers), frozenset(fillers), frozenset(conjunctions), proclitics, speakers, count, cue_languages)


def _first_word(text: str) -> str:
    match = TOKEN.search(text)
    return match.group() if match else ""


@cache
def _cue_matcher() -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()  # values: CueKind values, as plain strings
    for language, data in topics("cues", CueLanguage).items():
        for kind in CueKind:
            for phrase in getattr(data, kind.value):
                matcher.add(phrase, kind.value, language, priority=EXPLICIT, max_gap=data.max_gap)
        for phrase in data.ignore:
            matcher.add(phrase, None, language, priority=IGNORED, max_gap=data.max_gap)
    READERS.register("cues", matcher)
    return matcher


def phrase_counts() -> dict[str, int]:
    """How many phrases the voices and the cues readers know (patterns included)."""
    return {"sources": _source_reader().phrase_count, "cues": len(_cue_matcher())}


# --- cues ------------------------------------------------------------------------------------


def find_cues(view: Normalized) -> list[CueMention]:
    """Every attribution cue of the view, in text order."""
    _source_reader()
    cues = []
    for hit in READERS.find("cues", view):
        start, end = hit.original(view)
        text = view.original[start:end]
        cues.append(CueMention.model_validate({"kind": hit.value, "evidence": {"start": start, "end": end, "text": text}}))
    return cues


# --- sources ---------------------------------------------------------------------------------


class _Span(NamedTuple):
    """An actor mention in view positions; `start` after any proclitic."""

    start: int
    end: int
    actor: Actor


def find_sources(view: Normalized, actors: Sequence[Actor] = (), cues: Sequence[CueMention] | None = None) -> list[Source]:
    """Every voice of the view, in text order. `actors` are the view's actor mentions (from
    `find_actors`): with them, voices that belong to an actor and actors that speak are
    found too. `cues` are the view's cues when the caller already has them."""
    reader = _source_reader()
    text = view.text
    spans = [_Span(view_offset(view, a.evidence.start), view_offset(view, a.evidence.end), a) for a in actors if a.evidence and a.name]
    spans.sort(key=itemgetter(0))
    found: dict[tuple[int, int], _Voice] = {}
    hits = READERS.find("sources", view)
    for hit in hits:
        if isinstance(hit.value, VoiceData):
            _keep(found, hit.start, hit.end, hit.clitic, hit.value.name, hit.value.role, hit.value.only_speaking)
    owned = [hit for hit in hits if isinstance(hit.value, _Owned)]
    if owned:
        owners = sorted(
            [_Owner(span.start, span.end, span.actor.name, speaker_role(span.actor.kind)) for span in spans]
            + [_Owner(key[0], key[1], voice.name, voice.role) for key, voice in found.items() if voice.role in OWNING_ROLES],
            key=itemgetter(0, 1),
        )
        owner_starts = [owner.start for owner in owners]
        for hit in owned:
            spec = hit.value.spec
            owner = _owner(text, hit, hit.value, owners, owner_starts, reader.linkers)
            if owner is not None:
                start, end = (owner.start, hit.end) if hit.value.owner_first else (hit.start, owner.end)
                for key in [key for key in found if start <= key[0] and key[1] <= end]:
                    del found[key]  # "مسؤول في وزارة الصحة", "a spokesman for CENTCOM": one voice
                role = owner.role if spec.role == OWNER else Role(spec.role)
                _keep(found, start, end, 0, spec.name.format(owner=owner.name), role, spec.only_speaking)
            elif spec.alone is not None:
                _keep(found, hit.start, hit.end, hit.clitic, spec.alone.name, spec.alone.role, spec.only_speaking or spec.alone.only_speaking)
    if spans or any(voice.only_speaking for voice in found.values()):
        _attribute(text, _placed(view, cues if cues is not None else find_cues(view), reader), spans, found, reader)
    sources = []
    for (start, end), voice in sorted(found.items()):
        if voice.only_speaking:
            continue
        begin, stop = original_span(view, start, end)
        mention = view.original[begin:stop]
        evidence = {"start": begin, "end": stop, "text": mention}
        sources.append(Source.model_validate({"name": voice.name, "mention": mention, "role": voice.role.value, "evidence": evidence}))
    return sources


@dataclass
class _Voice:
    name: str
    role: Role
    clitic: int
    only_speaking: bool  # still waiting for a cue next to it


def _keep(found: dict, start: int, end: int, clitic: int, name: str, role: Role, only_speaking: bool = False) -> None:
    found.setdefault((start, end), _Voice(name, role, clitic, only_speaking))


class _Owner(NamedTuple):
    """Who a voice may belong to: an actor, or a voice the data names ("وزارة الصحة")."""

    start: int
    end: int
    name: str
    role: Role


def _owner(text: str, hit: Hit, value: _Owned, owners: list[_Owner], starts: list[int], linkers: frozenset[str]) -> _Owner | None:
    """The actor or voice a voice belongs to: the one right after its head (or right before
    it, for a head written after its owner), with only linking words between."""
    if value.owner_first:
        index = bisect_left(starts, hit.start) - 1
        while index >= 0 and owners[index].end > hit.start - hit.clitic:
            index -= 1
        if index < 0:
            return None
        candidate, between = owners[index], words_between(text, owners[index].end, hit.start - hit.clitic, LINK_WORDS)
    else:
        index = bisect_left(starts, hit.end)
        if index >= len(owners):
            return None
        candidate, between = owners[index], words_between(text, hit.end, owners[index].start, LINK_WORDS)
    if between is None or not linkers.issuperset(between):
        return None
    return candidate


class _Cue(NamedTuple):
    """A cue in view positions, with its language's rules for where a speaker stands."""

    start: int
    end: int
    kind: str  # a CueKind value
    rules: _Speakers


def _placed(view: Normalized, cues: Sequence[CueMention], reader: _SourceReader) -> list[_Cue]:
    placed = []
    for cue in cues:
        rules = reader.speakers.get(_cue_language(cue.evidence.text, reader))
        if rules is not None:
            placed.append(_Cue(view_offset(view, cue.evidence.start), view_offset(view, cue.evidence.end), cue.kind, rules))
    return placed


class _Candidate(NamedTuple):
    """Who may speak through a cue: a voice (`key` in `found`) or an actor (`span`)."""

    start: int
    end: int
    clitic: int
    key: tuple[int, int] | None
    span: _Span | None


def _attribute(text: str, cues: list[_Cue], spans: list[_Span], found: dict, reader: _SourceReader) -> None:
    """Who speaks through each cue: the voices and actors right next to it, on the side its
    language puts a speaker (before it first; after it where the language allows), joined
    by conjunctions ("local officials and aid agencies said"); an actor inside a gapped
    claim ("أعلن داعش مسؤوليته"). A voice found there stands confirmed (only-speaking voices
    count only so); an actor found there becomes a voice — unless it is part of one ("a
    spokesman for the Nigerian army")."""
    voices = sorted(found)
    candidates = [_Candidate(start, end, found[(start, end)].clitic, (start, end), None) for start, end in voices]
    for span in spans:
        index = bisect_left(voices, (span.start + 1,))
        if not (index and voices[index - 1][1] >= span.end):
            candidates.append(_Candidate(span.start, span.end, 0, None, span))
    candidates.sort(key=itemgetter(0, 1))
    starts = [candidate.start for candidate in candidates]
    for cue in cues:
        index = bisect_left(starts, cue.start)
        if index < len(candidates) and candidates[index].end <= cue.end:
            _speaks(candidates[index], found)  # inside the cue
            continue
        near_before = index > 0 and cue.start - candidates[index - 1].end <= FILLER_CHARS
        if near_before and cue.kind in cue.rules.before and _walk(text, candidates, range(index - 1, -1, -1), cue.start, False, found, reader):
            continue
        near_after = index < len(candidates) and candidates[index].start - cue.end <= FILLER_CHARS
        if near_after and cue.kind in cue.rules.after:
            _walk(text, candidates, range(index, len(candidates)), cue.end, True, found, reader)


def _walk(text: str, candidates: list[_Candidate], order: range, edge: int, forward: bool, found: dict, reader: _SourceReader) -> bool:
    """Walk from a cue over the speakers next to it: the first with only fillers between,
    the next ones joined to it by a conjunction. Whether there was one."""
    spoke = False
    for index in order:
        candidate = candidates[index]
        start, end = (edge, candidate.start) if forward else (candidate.end, edge)
        if start > end:
            break
        if not spoke:
            if not _only(text, start, end, reader.fillers, reader):
                break
        else:
            between = words_between(text, start, end, FILLER_WORDS)
            if not between or not reader.conjunctions.issuperset(between):
                break  # "X (Y) said": one speaker named twice; "X Y said": Y alone
        _speaks(candidate, found)
        spoke = True
        edge = candidate.end if forward else candidate.start  # a glued conjunction ("وناشطون") is read as a word
    return spoke


def _speaks(candidate: _Candidate, found: dict) -> None:
    if candidate.key is not None:
        found[candidate.key].only_speaking = False
    else:
        span = candidate.span
        _keep(found, span.start, span.end, 0, span.actor.name, speaker_role(span.actor.kind))


def _only(text: str, start: int, end: int, words: frozenset[str], reader: _SourceReader) -> bool:
    """Whether at most a few of `words` (and lone proclitics) stand in text[start:end]."""
    if end - start > FILLER_CHARS:
        return False
    between = words_between(text, start, end, FILLER_WORDS)
    if between is None:
        return False
    return all(word in words or word in reader.proclitics for word in between)


def _cue_language(cue_text: str, reader: _SourceReader) -> str | None:
    """The language whose cue list a cue comes from (by its first word, maybe after a
    proclitic): English and Arabic place a speaker differently."""
    if cue_text not in reader.cue_languages:
        word = _first_word(fold(cue_text))
        found = reader.cue_languages.get(word)
        for language in LANGUAGES:
            for form in spelling(language).strip(word):
                found = found or reader.cue_languages.get(form)
        reader.cue_languages[cue_text] = found
    return reader.cue_languages[cue_text]

