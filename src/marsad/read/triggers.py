"""Event triggers: the words and phrases that say what happened, as ACLED types.

`find_triggers(view, taken)` finds every trigger in a normalised view — "تفجير عبوة ناسفة",
"اشتباكات", "الهجوم الإرهابي", "ambushed", "drone strike" — and returns them in text order
as `TriggerMention`s whose evidence points into the original text. `read_triggers` returns
the same readings with what the assembler needs besides the type (see `TriggerReading`).

What a trigger alone can say, and what it leaves to the assembler
------------------------------------------------------------------
A trigger gives an ACLED event type and, where the word says it, a sub-event type. Many
words do not decide on their own: "attack" is an armed clash when the target is armed and
violence against civilians when it is not; "seized the town" is a government regaining
territory or a non-state actor overtaking it, by who did it. The data gives such a group its
most likely reading as the type and the others as `alternatives`, each with the condition
that selects it (`Condition`); a *generic* group ("attack", "explosion", "bombardment") says
that something happened but not how, and yields to a specific trigger of the same clause
("هجوم بطائرة مسيرة": the drone strike). `rank` orders groups from most specific (1) so that
`most_specific` can choose among the triggers of one clause.

Not every trigger word reports an event
---------------------------------------
- Phrases that contain a trigger but report no event ("heart attack", "هجوم إعلامي",
  "general strike"... each language's `not_events`) silence every trigger they overlap.
- Cues around a trigger (`cues`): negation, threats, plans, calls, conditions and trends
  ("لن", "يهدد بشن", "plans to", "no", "increase in") drop it — marsad has no flag for an
  event that did not happen, and precision matters more than recall; other cues retype it
  ("تفكيك" + an IED, "foiled" + an attack: a disrupted weapons use; the evidence then
  covers the cue too). A cue governs the trigger when at most `reach` words stand between
  them inside one clause; some cues apply only to some kinds of form (the imperfect: "أن
  يهاجم", "to attack"; a participle: "a detained commander") or to some groups.
- Imperatives: a call to violence ("اقتحموا منازلهم واقتلوهم") is not an event. Arabic
  imperatives of derived verbs are spelled like their past plural, so the data lists no
  plural past forms of derived verbs (see ar/triggers.yaml); "kill" is not a trigger at all
  (a toll belongs to the event a trigger reports, not to a type of its own).
- A trigger that is the counted noun of a figure ("100 هجوم آخر", "16 عملية", "65
  هجوماً") is a tally's unit, not an event: pass the quantity spans as `taken`
  (`counted_spans` chooses them) and such a trigger is left out of `find_triggers`;
  `read_triggers` keeps it with `counted=True`, so that the assembler knows what the
  tally counts.

Matching
--------
The shared `PhraseMatcher` (marsad.read.phrases) scans the view once for every language's
forms and not-event phrases, with the proclitics of `lang/<language>/spelling.yaml`
(والهجوم، بعبوة، للاشتباكات) and longest match first, so "سيارة مفخخة يقودها انتحاري" is
one suicide bomb, not a car bomb and a bomber; its gaps ("…") let a verb-first sentence
put its subject between verb and object ("أطلقت قوات الأمن النار"). Phrases that share a
first word are tried longest first. This module adds what triggers need beyond
names: the article on nouns and on the later words of a phrase ("الهجوم الإرهابي"، "تفجير
العبوة الناسفة"), enclitic pronouns on one-word forms (اغتياله، استهدفهم), and verbs that
take fewer proclitics than nouns (a ل on an imperfect verb is a purpose: "ليهاجم"). The
code is language-neutral; every word comes from `lang/<language>/triggers.yaml`. The text is
never tokenized whole: only the few words around each trigger are, to read its cues.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from marsad.lang import topics
from marsad.model import EventType, Evidence, QuantityMention, TriggerMention
from marsad.read.normalize import Normalized
from marsad.read.numbers import fold
from marsad.read.phrases import GAP, QUOTES, PhraseMatcher, spelling
from marsad.read.quantities.phrases import Phrases, Prefixes
from marsad.read.tokens import Token, tokenize

# ACLED's sub-event types under each event type (ACLED codebook), spelled as ACLED does.
SUB_EVENT_TYPES: dict[EventType, tuple[str, ...]] = {
    EventType.BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EventType.EXPLOSIONS: (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    EventType.VIOLENCE_AGAINST_CIVILIANS: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    EventType.STRATEGIC_DEVELOPMENTS: (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
    EventType.PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    EventType.RIOTS: ("Violent demonstration", "Mob violence"),
}  # fmt: skip

# How far back and ahead of a trigger its cues are looked for, in characters of the view:
# more than the longest cue and its reach take in any language.
CUE_WINDOW = 160


class Condition(StrEnum):
    """What selects an alternative reading of a trigger; the assembler knows, the trigger does not."""

    CIVILIAN_TARGET = "civilian_target"  # the target is unarmed: violence against civilians
    ARMED_TARGET = "armed_target"  # the target is an armed, organised force: a battle
    STATE_ACTOR = "state_actor"  # the actor is a state force (territory regained)
    NON_STATE_ACTOR = "non_state_actor"  # the actor is not (territory overtaken)
    MILITIA_ACTOR = "militia_actor"  # the actor is a militia or unidentified gunmen, not a force that holds ground (an "arrest" is an abduction)
    PROTESTERS = "protesters"  # one side is demonstrators or rioters
    WEAPON = "weapon"  # a weapon named in the clause says how (explosives, a drone ...)
    VIOLENCE = "violence"  # the clause reports fighting or casualties (a raid that became a clash)


# --- language data ---------------------------------------------------------------------


class Alternative(BaseModel):
    model_config = {"frozen": True}

    type: tuple[EventType, str | None]
    when: Condition


class GroupData(BaseModel):
    """One kind of trigger: its ACLED reading and the forms that say it."""

    type: tuple[EventType, str | None]
    rank: int = Field(ge=1)
    generic: bool = False
    alternatives: list[Alternative] = []
    forms: list[str] = []  # nouns: every proclitic, the article
    verbs: list[str] = []  # past and passive verbs: only the verbal proclitics
    present: list[str] = []  # imperfect (English: base) forms: verbal proclitics; cues of `kinds: [present]` apply

    @model_validator(mode="after")
    def _types_exist(self) -> GroupData:
        for event_type, sub in [self.type, *(a.type for a in self.alternatives)]:
            if sub is not None and sub not in SUB_EVENT_TYPES[EventType(event_type)]:
                raise ValueError(f"{sub!r} is not an ACLED sub-event type of {event_type}")
        return self


KINDS = ("forms", "verbs", "present")


class CueData(BaseModel):
    """Words near a trigger that change what it says: `effect` is "drop", "keep" or a group
    name; `only` limits the cue to triggers of these groups, `kinds` to these kinds of form
    ("present": "لن يهاجم", "to attack"; "verbs": "a detained commander")."""

    effect: str
    reach: int = Field(default=0, ge=0)
    kinds: list[Literal["forms", "verbs", "present"]] = list(KINDS)
    only: list[str] = []
    before: list[str] = []
    after: list[str] = []


class TriggerData(BaseModel):
    """Schema of `lang/<language>/triggers.yaml`."""

    verb_prefixes: list[str] = []
    article: str | None = None
    suffixes: list[str] = []
    suffix_stems: dict[str, str] = {}
    groups: dict[str, GroupData]
    not_events: list[str] = []
    cues: list[CueData] = []


# --- what the reader knows -------------------------------------------------------------

DROP = "drop"
KEEP = "keep"


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    event_type: EventType
    sub_event_type: str | None
    rank: int
    generic: bool
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True, slots=True)
class Form:
    """What a phrase of the matcher is: a group's noun, verb or present form."""

    group: Group
    kind: str  # "forms", "verbs" or "present"
    verb_prefixes: frozenset[str]  # the proclitics a verb may carry ("" for none)


@dataclass(frozen=True, slots=True)
class Cue:
    effect: str
    reach: int
    kinds: frozenset[str]
    only: frozenset[str]

    def governs(self, form: Form, distance: int) -> bool:
        return distance <= self.reach and form.kind in self.kinds and (not self.only or form.group.name in self.only)


@dataclass(frozen=True)
class Grammar:
    matcher: PhraseMatcher[Form]
    groups: dict[str, Group]
    cues_before: Phrases[Cue]
    cues_after: Phrases[Cue]
    cue_prefixes: Prefixes
    reach: int  # the largest reach of any cue
    before: Nearby  # what says a cue may stand before a trigger
    after: Nearby


@dataclass(frozen=True)
class Nearby:
    """A cheap first look for the cues on one side of a trigger: `words` (kind of form → the
    rarest word of each cue that may govern it) within `span` words, found in
    `span * CHARACTERS_PER_WORD` characters. Most triggers have none, and need no tokens."""

    words: dict[str, frozenset[str]]
    span: int

    @property
    def characters(self) -> int:
        return self.span * CHARACTERS_PER_WORD


def expand(line: str) -> list[str]:
    """The phrases a data line stands for: words with alternatives joined by "|" give every
    combination ("استعاد|استعادت السيطرة|مدينة" is four phrases)."""
    return [" ".join(choice) for choice in itertools.product(*(word.split("|") for word in line.split()))]


def variants(phrase: str, kind: str, data: TriggerData) -> list[str]:
    """The spellings of a data phrase the text may show.

    A noun also comes with the article: on its first word ("الفرار من سجن"), on every word
    ("الهجوم الإرهابي") or on the later words only (a construct: "تفجير العبوة الناسفة"). A
    one-word form also comes with each enclitic pronoun (اغتياله، استهدفهم), after the
    letter change the data gives (a ta marbuta becomes ta: مداهمة → مداهمتها). The folded
    ta marbuta is ha, so a form plus "ه" may spell a noun ("سيطر" + "ه" = "سيطرة"): the
    data lists such nouns as not-events."""
    words = phrase.split()
    spellings = [phrase]
    if kind == "forms" and data.article and GAP not in words:
        spellings += [" ".join(words[:i] + [data.article + word for word in words[i:]]) for i in range(len(words))]
        spellings.append(" ".join([data.article + words[0], *words[1:]]))
    if len(words) == 1:
        stem = words[0]
        for final, replacement in data.suffix_stems.items():
            if stem.endswith(final):
                stem = stem[: -len(final)] + replacement
        spellings += [stem + suffix for suffix in data.suffixes]
    return spellings


@cache
def grammar() -> Grammar:
    matcher: PhraseMatcher[Form] = PhraseMatcher()
    keys: dict[str, Form | None] = {}
    groups: dict[str, Group] = {}
    cues_before: Phrases[Cue] = Phrases()
    cues_after: Phrases[Cue] = Phrases()
    seen_cues: dict[tuple[str, str], Cue] = {}
    reach = 0

    def add(spelling: str, form: Form | None, language: str) -> None:
        key = fold(spelling)
        if not key[:1].isalnum() or not key[-1:].isalnum():
            raise ValueError(f"{language}/triggers.yaml: {spelling!r} must begin and end with a letter")
        if key in keys:
            known = keys[key]
            if known == form or known is None:
                return
            if form is not None and known.group != form.group:
                raise ValueError(f"{language}/triggers.yaml: {spelling!r} is both {known.group.name} and {form.group.name}")
            if form is not None and known.kind == "forms":
                return  # a noun and a verb spelled alike ("قصف"): the noun, with every proclitic
        keys[key] = form
        # Phrases that share their first part ("أطلق … النار", "أطلق … النار على المتظاهرين")
        # are tried longest first; a not-event phrase before a trigger of its length.
        matcher.add(spelling, form, language, priority=2 * len(key) + (form is None))

    for language, data in topics("triggers", TriggerData).items():
        verb_prefixes = frozenset({""} | {fold(p) for p in data.verb_prefixes})
        for name, entry in data.groups.items():
            group = Group(name, EventType(entry.type[0]), entry.type[1], entry.rank, entry.generic, tuple(entry.alternatives))
            if groups.setdefault(name, group) != group:
                raise ValueError(f"{language}/triggers.yaml: group {name!r} reads differently in another language")
            for kind in ("forms", "verbs", "present"):
                form = Form(group, kind, verb_prefixes)
                for line in getattr(entry, kind):
                    for phrase in expand(line):
                        for spelling in variants(phrase, kind, data):
                            add(spelling, form, language)
        for line in data.not_events:
            for phrase in expand(line):
                for spelling in variants(phrase, "forms", data):
                    add(spelling, None, language)
        for cue in data.cues:
            if cue.effect not in (DROP, KEEP) and cue.effect not in data.groups:
                raise ValueError(f"{language}/triggers.yaml: cue effect {cue.effect!r} is neither {DROP!r}, {KEEP!r} nor a group")
            for name in cue.only:
                if name not in data.groups:
                    raise ValueError(f"{language}/triggers.yaml: a cue is limited to {name!r}, which is not a group")
            reach = max(reach, cue.reach)
            value = Cue(cue.effect, cue.reach, frozenset(cue.kinds), frozenset(cue.only))
            for side, lines, index in (("before", cue.before, cues_before), ("after", cue.after, cues_after)):
                for line in lines:
                    for phrase in expand(line):
                        # tokens as the text gives them: quotes are skipped ("didn't": didn, t)
                        words = "".join(" " if ch in QUOTES else ch for ch in phrase)
                        known = seen_cues.get((side, fold(words)))
                        if known is None:
                            seen_cues[side, fold(words)] = value
                            index.add(words, value)
                        elif known != value:
                            raise ValueError(f"{language}/triggers.yaml: cue {phrase!r} ({side}) is listed with two effects")
    # every language's proclitics, for a cue's first word; they never clash across scripts
    proclitics = {p for language in topics("triggers", TriggerData) for p in _plain_proclitics(language)}
    before = _nearby(cues_before, proclitics | {""}, -1, OPENING, ())
    after = _nearby(cues_after, proclitics | {""}, 0, (), CLOSING)
    return Grammar(matcher, groups, cues_before, cues_after, Prefixes(sorted(proclitics)), reach, before, after)


def _nearby(cues: Phrases[Cue], proclitics: set[str], nearest: int, opening: Sequence[str], closing: Sequence[str]) -> Nearby:
    """What to look for near a trigger: the rarest word of each cue, which is the longest
    ("case" of "in case of", "ارتفاع" of "ارتفاع * في") unless all are short function
    words; then the one next to the trigger ("شن" of "على شن", `nearest` = -1 before)."""
    words: dict[str, set[str]] = {kind: set() for kind in KINDS}
    span = 0
    for entries in cues.by_first.values():
        for phrase, cue in entries:
            span = max(span, cue.reach + len(phrase))
            long = [w for w in phrase if w != "*" and len(w) > 3]
            key = max(long, key=len) if long else phrase[nearest]
            spellings = {prefix + key for prefix in proclitics} if key == phrase[0] else {key}
            spellings |= {mark + word for word in spellings for mark in opening if key == phrase[0]}
            spellings |= {word + mark for word in spellings for mark in closing}
            for kind in cue.kinds:
                words[kind] |= spellings
    return Nearby({kind: frozenset(found) for kind, found in words.items()}, span)


def _plain_proclitics(language: str) -> set[str]:
    rules = spelling(language)
    return {p for p in rules.plain if p} | {p for ps in rules.standing.values() for p in ps}


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TriggerReading:
    """A trigger with what the assembler needs to choose the event's type.

    `kind` is the data's group name ("attack", "ied", "assassination", "seizure" ...), the
    same in every language. `alternatives` are the other readings the trigger allows, each
    with the condition that selects it. `generic` triggers yield to specific ones in the
    same clause; `rank` orders groups from the most specific (1). `counted` says the
    trigger is the counted noun of a figure (a tally's unit, not an event)."""

    mention: TriggerMention
    kind: str
    rank: int
    generic: bool
    alternatives: tuple[Alternative, ...]
    counted: bool = False


def find_triggers(view: Normalized, taken: Sequence[tuple[int, int]] = ()) -> list[TriggerMention]:
    """Every event trigger in `view`, in text order, but those inside a `taken` view span."""
    return [reading.mention for reading in read_triggers(view, taken) if not reading.counted]


def read_triggers(view: Normalized, taken: Sequence[tuple[int, int]] = ()) -> list[TriggerReading]:
    """Every event trigger in `view`, in text order, with its alternatives; a trigger inside
    a `taken` span (a tally's counted noun) is kept with `counted=True`."""
    g = grammar()
    text = view.text
    counted = sorted(taken)
    readings: list[TriggerReading] = []
    for hit in g.matcher.find(view):
        form = hit.value
        word_start = hit.start - hit.clitic
        if form.kind != "forms" and text[word_start : hit.start] not in form.verb_prefixes:
            continue
        group, start, end = form.group, hit.start, hit.end
        effect, cue_start, cue_end = _cue(g, text, form, word_start, end)
        if effect == DROP:
            continue
        if effect not in (None, KEEP):
            group, start, end = g.groups[effect], min(start, cue_start), max(end, cue_end)
        begin, stop = view.original_span(start, end)
        evidence = Evidence(start=begin, end=stop, text=view.original[begin:stop])  # validating is faster than model_construct
        mention = TriggerMention(event_type=group.event_type, sub_event_type=group.sub_event_type, evidence=evidence)
        is_counted = bool(counted) and _overlaps(counted, hit.start, hit.end)
        readings.append(TriggerReading(mention, group.name, group.rank, group.generic, group.alternatives, is_counted))
    return readings


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted `spans` (the few just before `end`)."""
    at = bisect_right(spans, (end, end))
    return any(span_end > start and span_start < end for span_start, span_end in spans[max(0, at - 4) : at])


def _clause_tokens(text: str, start: int, end: int, backwards: bool) -> list[Token]:
    """The tokens of `text[start:end]` on the trigger's side of the nearest clause boundary:
    punctuation other than quotes and brackets, or a line break."""
    if backwards:
        start = max(start, text.rfind("\n", start, end) + 1)
    else:
        cut = text.find("\n", start, end)
        end = end if cut < 0 else cut
    tokens: list[Token] = []
    for token in tokenize(text, start, end):
        if token.text in QUOTES:
            continue
        if not token.text[0].isalnum():
            if backwards:
                tokens.clear()
                continue
            break
        tokens.append(token)
    return tokens


CHARACTERS_PER_WORD = 12  # generous for Arabic and English news: a word and its space
# Punctuation that may stick to a cue's key word without a clause boundary between the cue
# and the trigger: quotes and brackets before a cue that comes first, and anything after
# a cue that follows the trigger ("attack plot.").
OPENING = tuple(sorted(QUOTES))
CLOSING = tuple(sorted(QUOTES | set(".,;:!?،؛؟…")))


def _cue(g: Grammar, text: str, form: Form, start: int, end: int) -> tuple[str | None, int, int]:
    """The effect of the nearest cue that governs the trigger at `text[start:end]` (its
    proclitic included), and the span the cue and the trigger cover together. Cues before
    the trigger are looked at first, the nearest first.

    Most triggers have no cue near them, so a cheap look comes first: the words around
    the trigger (split at spaces, which C does fast) against the key words of the cues
    (`Nearby`); only when one is there are the tokens made and the phrases matched."""
    before, after = g.before, g.after
    if before.words[form.kind].isdisjoint(text[max(0, start - before.characters) : start].split()[-before.span :]):
        tokens = []
    else:
        tokens = _clause_tokens(text, max(0, start - CUE_WINDOW), start, backwards=True)
    count = len(tokens)
    for distance in range(min(g.reach, count - 1) + 1):
        found = g.cues_before.before(tokens, count - distance, g.cue_prefixes)
        if found is not None:
            cue, first, clitic = found
            if cue.governs(form, distance):
                return cue.effect, tokens[first].start + clitic, end
    if after.words[form.kind].isdisjoint(text[end : end + after.characters].split()[: after.span]):
        return None, start, end
    tokens = _clause_tokens(text, end, min(len(text), end + CUE_WINDOW), backwards=False)
    for distance in range(min(g.reach, len(tokens) - 1) + 1):
        found = g.cues_after.at(tokens, distance)
        if found is not None:
            cue, next_index, _ = found
            if cue.governs(form, distance):
                return cue.effect, start, tokens[next_index - 1].end
    return None, start, end


# --- for the assembler -----------------------------------------------------------------


def counted_spans(view: Normalized, quantities: Iterable[QuantityMention]) -> list[tuple[int, int]]:
    """View spans of the figures that count events as a tally does, for `taken`.

    A figure of one or two ("one attack killed 4", "شن الطيران غارتين على القرية") still
    tells of the incident at hand; a larger, vague or bounded one ("100 هجوم آخر", "at
    least 65 attacks", "dozens of raids") counts events, and its noun is the tally's unit.
    """
    spans = []
    for quantity in quantities:
        if quantity.qualifier == "exact" and quantity.best is not None and quantity.best <= 2:
            continue
        spans.append((view.view_offset(quantity.evidence.start), view.view_offset(quantity.evidence.end)))
    return sorted(spans)


def most_specific(readings: Iterable[TriggerReading]) -> TriggerReading | None:
    """The trigger that best says what happened in one clause: the lowest rank, then the first."""
    best = None
    for reading in readings:
        if not reading.counted and (best is None or reading.rank < best.rank):
            best = reading
    return best
