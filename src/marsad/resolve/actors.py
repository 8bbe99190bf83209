"""Actor mentions → canonical actors: who the text says acted or was hit.

`find_actors(view)` lists every actor mention of a normalised view, in text order, as an
`Actor` {name (canonical), mention (as written), kind (ACLED's actor type), evidence}.
`canonical_actor(name)` gives the registry entry behind a name — kind, parent, countries —
so that the assembler can roll a province up to its group or a unit up to its state.

Data, not code, says who is who:
- `resolve/actors.yaml` defines the canonical actors once for every language (name, kind,
  parent, countries) and the state actors each country has (government, forces, police),
  named from the country's English demonym.
- `lang/<language>/actors.yaml` lists how a language writes them: aliases, the groups' own
  vocabulary and slurs, heads that name a state's forces with a nationality adjective
  ("الجيش" + "السوري"), ambiguous words that count only after a guard word ("القاعدة" after
  "تنظيم"), words for targets that name nobody in particular ("المرتدين": kept, with no
  name), and epithets that belong to a mention without changing the actor ("المرتد").

All of it compiles into one phrase automaton (`marsad.read.phrases`): one pass over the text
finds every alias of every actor, longest first, with Arabic proclitics handled.

Two rules run on the mentions found, because single phrases cannot express them:
- An epithet next to a mention widens the mention ("الجيش الصومالي المرتد", "ميليشيا الجيش
  النيجيري"): the dataset keeps what the text called them, and records the neutral name.
- A description of unnamed armed men gives way to the named group it describes when only
  linking words stand between them ("مسلحين يعتقد أنهم من تنظيم داعش", "Boko Haram
  gunmen"): the text names one actor there, not two.

Generic references ("التنظيم", "the group", "الجماعة الإرهابية") are not mentions: they
point back to an actor named earlier, which is the assembler's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

import yaml
from pydantic import BaseModel

from marsad.lang import LANGUAGES, topic, topics
from marsad.model import Actor, ActorKind
from marsad.read.nationalities import NAMES_LANGUAGE, NationalityData, demonym, national_phrases
from marsad.read.normalize import Normalized
from marsad.read.numbers import fold
from marsad.read.phrases import QUOTES, READERS, Hit, PhraseMatcher, original_span, spelling, words_between
from marsad.read.tokens import TOKEN

REGISTRY = "actors.yaml"
LINK_WORDS = 4  # at most this many linking words between a description and the group it describes
EPITHET_WORDS = 2  # at most this many epithets widen a mention on each side

# Phrase priorities: what the data says explicitly wins over a pattern on the same words,
# and a phrase marked as naming no actor wins over both.
PATTERN, EXPLICIT, IGNORED = 1, 2, 3
AFTER, BEFORE = "after", "before"  # where an epithet stands
UNARMED = frozenset({ActorKind.CIVILIANS, ActorKind.PROTESTERS, ActorKind.RIOTERS})  # never what "gunmen" describes
GROUPS = frozenset({ActorKind.REBEL_GROUP, ActorKind.POLITICAL_MILITIA, ActorKind.IDENTITY_MILITIA})  # armed groups: who claims
UNIDENTIFIED = "unidentified"  # the registry's id of unidentified armed men


# --- the canonical registry -----------------------------------------------------------------


class ActorEntry(BaseModel):
    name: str
    kind: ActorKind
    parent: str | None = None
    countries: list[str] = []


class StateRole(BaseModel):
    name: str
    parent: str | None = None


class StatesData(BaseModel):
    roles: dict[str, StateRole]
    names: dict[str, str] = {}
    unspecified: dict[str, str] = {}


class RegistryData(BaseModel):
    """Schema of `resolve/actors.yaml`."""

    states: StatesData
    actors: dict[str, ActorEntry]


@dataclass(frozen=True)
class CanonicalActor:
    """An actor as the dataset records it. `parent` is the canonical name of the actor it
    belongs to (a province's group, a unit's state forces), or None."""

    id: str
    name: str
    kind: ActorKind
    parent: str | None = None
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    by_id: dict[str, CanonicalActor]
    by_name: dict[str, CanonicalActor]


@cache
def registry() -> Registry:
    text = resources.files(__package__).joinpath(REGISTRY).read_text(encoding="utf-8")
    data = RegistryData.model_validate(yaml.safe_load(text))
    entries: dict[str, tuple[str, ActorKind, str | None, tuple[str, ...]]] = {}
    demonyms = topic(NAMES_LANGUAGE, "nationalities", NationalityData).demonyms
    for code in demonyms:
        for role, spec in data.states.roles.items():
            key = f"{role}:{code}"
            name = data.states.names.get(key) or spec.name.format(demonym=demonym(code))
            parent = f"{spec.parent}:{code}" if spec.parent else None
            entries[key] = (name, ActorKind.STATE_FORCES, parent, (code,))
    for role, name in data.states.unspecified.items():
        if role not in data.states.roles:
            raise ValueError(f"{REGISTRY}: unspecified state actor {role!r} is not a role")
        parent = data.states.roles[role].parent
        entries[role] = (name, ActorKind.STATE_FORCES, parent if parent in data.states.unspecified else None, ())
    for key, entry in data.actors.items():
        if key in entries:
            raise ValueError(f"{REGISTRY}: actor id {key!r} is defined twice")
        entries[key] = (entry.name, entry.kind, entry.parent, tuple(entry.countries))
    by_id: dict[str, CanonicalActor] = {}
    for key, (name, kind, parent, countries) in entries.items():
        if parent is not None and parent not in entries:
            raise ValueError(f"{REGISTRY}: {key!r} has an unknown parent {parent!r}")
        by_id[key] = CanonicalActor(key, name, kind, entries[parent][0] if parent else None, countries)
    by_name: dict[str, CanonicalActor] = {}
    for actor in by_id.values():
        if actor.name in by_name:
            raise ValueError(f"{REGISTRY}: two actors are named {actor.name!r}")
        by_name[actor.name] = actor
    return Registry(by_id, by_name)


def canonical_actor(name: str) -> CanonicalActor | None:
    """The registry entry of a canonical name ("Islamic State West Africa Province" → its
    kind, parent "Islamic State", countries), or None."""
    return registry().by_name.get(name)


def state_actor(role: str, country: str) -> CanonicalActor | None:
    """A country's state actor ("forces", "IQ" → "Iraqi forces"): what an unspecified
    mention ("the army") is once the assembler knows where the event happened."""
    return registry().by_id.get(f"{role}:{country}")


def named_group(name: str | None) -> bool:
    """Whether a canonical name is an armed group the text names: not "gunmen", who can be anyone."""
    entry = canonical_actor(name) if name else None
    return entry is not None and entry.kind in GROUPS and entry.id != UNIDENTIFIED


def related(a: str | None, b: str | None) -> bool:
    """Whether two canonical names are one actor, one is a branch of the other, or one is
    an unspecified state force ("the army") and the other a state's."""
    if a is None or b is None:
        return False
    if a == b or a in {x.name for x in ancestors(b)} or b in {x.name for x in ancestors(a)}:
        return True
    first, second = canonical_actor(a), canonical_actor(b)
    state = ActorKind.STATE_FORCES
    return first is not None and second is not None and first.kind == second.kind == state and not (first.countries and second.countries)


def ancestors(name: str) -> list[CanonicalActor]:
    """The actor and every actor it belongs to, nearest first."""
    chain, actor = [], canonical_actor(name)
    while actor is not None and actor not in chain:
        chain.append(actor)
        actor = canonical_actor(actor.parent) if actor.parent else None
    return chain


# --- the language data ------------------------------------------------------------------------


class GuardedData(BaseModel):
    after: list[str] = []
    aliases: dict[str, list[str]] = {}


class EpithetData(BaseModel):
    after: list[str] = []
    before: list[str] = []


class DescriptionData(BaseModel):
    """Where a language puts a description of unnamed men relative to the name it describes."""

    before: bool = True  # "مسلحون من داعش", "gunmen from ISWAP" (linking words between)
    after: bool = False  # "Boko Haram gunmen"
    bare_before: bool = False  # nothing between: "جنود الاحتلال" (a construct)
    article: str = ""  # a description with the article is never a construct: "الشرطة محتجين"


class ActorLanguage(BaseModel):
    """Schema of `lang/<language>/actors.yaml`."""

    aliases: dict[str, list[str]] = {}
    states: dict[str, dict[str, list[str]]] = {}
    guarded: GuardedData = GuardedData()
    unknown: list[str] = []
    ignore: list[str] = []
    gives_way: list[str] = []
    linkers: list[str] = []
    descriptions: DescriptionData = DescriptionData()
    epithets: EpithetData = EpithetData()
    case_sensitive: list[str] = []


class _Alias(NamedTuple):
    """What a phrase names: a canonical actor, or (None) an actor the text leaves unknown;
    with the name and kind as the contract writes them (plain strings validate several
    times faster than the enum)."""

    actor: CanonicalActor | None
    name: str | None
    kind: str | None
    language: str

    @classmethod
    def of(cls, actor: CanonicalActor | None, language: str) -> _Alias:
        return cls(actor, actor.name, actor.kind.value, language) if actor else cls(None, None, None, language)


@dataclass
class _Reader:
    matcher: PhraseMatcher[_Alias]
    gives_way: frozenset[str]
    linkers: frozenset[str]  # with every proclitic form ("لتنظيم")
    descriptions: dict[str, DescriptionData]  # by language
    alias_count: int


def actor_languages() -> dict[str, ActorLanguage]:
    return topics("actors", ActorLanguage)


@cache
def _reader() -> _Reader:
    known = registry().by_id
    matcher: PhraseMatcher[_Alias] = PhraseMatcher()
    epithets: PhraseMatcher[str] = PhraseMatcher()
    gives_way, linkers, descriptions = set(), set(), {}
    count = 0

    def actor(language: str, key: str) -> CanonicalActor:
        if key not in known:
            raise ValueError(f"{language}/actors.yaml: unknown actor id {key!r} (see resolve/{REGISTRY})")
        return known[key]

    for language, data in actor_languages().items():
        sensitive = frozenset(data.case_sensitive)

        def add(phrase: str, value: _Alias | None, priority: int, guard=None, force_case: bool = False) -> None:
            nonlocal count
            words = {m.group() for m in TOKEN.finditer(phrase)}
            matcher.add(phrase, value, language, priority=priority, guard=guard, case_sensitive=force_case or not sensitive.isdisjoint(words))
            count += 1

        for key, phrases in data.aliases.items():
            value = _Alias.of(actor(language, key), language)
            for phrase in phrases:
                add(phrase, value, EXPLICIT)
        for role, agreements in data.states.items():
            for agreement, heads in agreements.items():
                for head in heads:
                    for phrase, country, case in national_phrases(language, head, agreement):
                        add(phrase, _Alias.of(actor(language, f"{role}:{country}"), language), PATTERN, force_case=case)
        for key, phrases in data.guarded.aliases.items():
            value = _Alias.of(actor(language, key), language)
            for phrase in phrases:
                add(phrase, value, EXPLICIT, guard=data.guarded.after)
        for phrase in data.unknown:
            add(phrase, _Alias.of(None, language), EXPLICIT)
        for phrase in data.ignore:
            add(phrase, None, IGNORED)
        for key in data.gives_way:
            gives_way.add(actor(language, key).id)
        linkers |= {fold(word) for word in data.linkers}
        descriptions[language] = data.descriptions.model_copy(update={"article": fold(data.descriptions.article) if data.descriptions.article else ""})
        for word in data.epithets.after:
            epithets.add(word, AFTER, language)
        for word in data.epithets.before:
            epithets.add(word, BEFORE, language)
    # epithets are found in the same pass as the names, and joined to them afterwards
    READERS.register("actors", matcher)
    READERS.register("actor epithets", epithets)
    return _Reader(matcher, frozenset(gives_way), frozenset(_with_proclitics(linkers)), descriptions, count)


def _with_proclitics(words: set[str]) -> dict[str, int]:
    """Each word, and each word with each proclitic of every language in front → the
    proclitic's length."""
    forms = {word: 0 for word in words}
    for language in LANGUAGES:
        for prefix in spelling(language).plain:
            if prefix:
                for word in words:
                    forms.setdefault(prefix + word, len(prefix))
    return forms


# --- finding ---------------------------------------------------------------------------------------


def find_actors(view: Normalized) -> list[Actor]:
    """Every actor mention of the view, in text order."""
    reader = _reader()
    hits = READERS.find("actors", view)
    epithets = READERS.find("actor epithets", view)
    if epithets:
        after = {e.start: e.end for e in epithets if e.value == AFTER and not e.clitic}  # "والمرتدين" is someone else
        before = {e.end: e.start for e in epithets if e.value == BEFORE}
        spans = [_widened(view.text, hit, after, before) if hit.value.actor else (hit.start, hit.end) for hit in hits]
    else:
        spans = [(hit.start, hit.end) for hit in hits]
    kept = _without_overlaps(hits, spans)
    gives_way = reader.gives_way
    kept = [
        item
        for index, item in enumerate(kept)
        if item[0].value.actor is None or item[0].value.actor.id not in gives_way or not _describes_neighbour(view.text, index, kept, reader)
    ]
    actors = []
    for hit, (start, end) in kept:
        begin, stop = original_span(view, start, end)
        text = view.original[begin:stop]
        _, name, kind, _ = hit.value
        actors.append(Actor.model_validate({"name": name, "mention": text, "kind": kind, "evidence": {"start": begin, "end": stop, "text": text}}))
    return actors


def _widened(text: str, hit: Hit[_Alias], after: dict[int, int], before: dict[int, int]) -> tuple[int, int]:
    """The mention's view span with the epithets around it (`after`: epithet start → end,
    `before`: epithet end → start), across spaces and quotes only."""
    start, end = hit.start, hit.end
    for _ in range(EPITHET_WORDS):
        position = end
        while position < len(text) and (text[position] == " " or text[position] in QUOTES):
            position += 1
        if position == end or position not in after:
            break
        end = after[position]
    edge = start - hit.clitic
    for _ in range(EPITHET_WORDS):
        position = edge
        while position > 0 and (text[position - 1] == " " or text[position - 1] in QUOTES):
            position -= 1
        if position == edge or position not in before:
            break
        start = edge = before[position]
    return start, end


def _without_overlaps(hits, spans):
    """A widened mention swallows a mention its epithets cover (an epithet that is also a
    word for an unknown target: "الجيش الصومالي المرتدين"); a mention of an unknown target
    is never widened into the next one."""
    kept = []
    for hit, span in zip(hits, spans):
        if kept and kept[-1][1][1] > span[0]:
            previous_hit, previous_span = kept[-1]
            if previous_hit.value.actor is not None and previous_span[1] >= span[1]:
                continue
            kept[-1] = (previous_hit, (previous_span[0], previous_hit.end))
        kept.append((hit, span))
    return kept


def _describes_neighbour(text: str, index: int, kept, reader: _Reader) -> bool:
    """Whether a description of unnamed armed men ("مسلحين", "gunmen") or of unspecified
    soldiers describes the named actor next to it, in the order its language puts them,
    with only linking words between: "مسلحين يعتقد أنهم من تنظيم داعش", "جنود الاحتلال
    الكيني", "Boko Haram gunmen" — but not "فرقت الشرطة محتجين" (a subject and an object)."""
    hit, (start, end) = kept[index]
    rules = reader.descriptions[hit.value.language]
    for other_index in (index - 1, index + 1):
        if not 0 <= other_index < len(kept):
            continue
        other, (other_start, other_end) = kept[other_index]
        named = other.value.actor
        if named is None or named.id in reader.gives_way or named.kind in UNARMED:
            continue
        if other_index > index:
            if not rules.before:
                continue
            between = words_between(text, end, other_start - (other.clitic if other_start == other.start else 0), LINK_WORDS)
            if between == [] and (not rules.bare_before or (rules.article and text.startswith(rules.article, start))):
                continue
        else:
            if not rules.after:
                continue
            between = words_between(text, other_end, start - (hit.clitic if start == hit.start else 0), LINK_WORDS)
        if between is not None and reader.linkers.issuperset(between):
            return True
    return False


def alias_count() -> int:
    """How many phrases (aliases, patterns, guarded and unknown words) the reader knows."""
    return _reader().alias_count
