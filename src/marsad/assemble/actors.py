"""Who did it to whom: the parts the actors of an incident's sentences play.

An actor in an incident's sentences is one of:
- the claimer: it speaks a claim cue ("أعلن داعش مسؤوليته", "ISWAP claimed the attack");
- a voice: it speaks a report or a denial ("قال الجيش", "the group denied") — not a party;
- a region: its name says whose area ("مناطق سيطرة قسد", "areas held by the SDF");
- a target (actor2): a target word stands before it ("على حاجز للجيش", "against",
  "targeting"), it is what a toll counts ("killing 11 soldiers"), or it is civilians;
- the perpetrator (actor1): an agent word stands before it ("شنه", "by"), it is blamed
  ("the army blamed ISIS"), or by its place in the clause — before the trigger (its
  subject), or, in Arabic, right after a trigger that opens the clause (a verb-first
  sentence: "هاجم مسلحون من داعش ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.assemble.counts import Count
from marsad.assemble.mentions import Mentions
from marsad.model import Actor, ActorKind, CueKind, Place, Source
from marsad.read.triggers import most_specific
from marsad.resolve.actors import UNARMED, ancestors, canonical_actor, registry, related, state_actor

CLAIM_REACH = 60  # characters between a claim cue and the actor that speaks it
SPEAKER_REACH = 12  # characters between a report cue and the actor that speaks it
TARGET_GAP = 2  # words between a target or agent word and the actor
VERB_FIRST = 1  # words before a trigger that opens its clause (a proclitic و counts none)


@dataclass
class Cast:
    actor1: Actor | None = None
    actor2: Actor | None = None
    claimer: Actor | None = None


def read_cast(m: Mentions, tellings, sentences: list[int], counts: list[Count]) -> Cast:
    cast = Cast()
    cues = [c for s in sentences for c in m.in_sentence(m.cues, s)]
    cast.claimer = _claimer(m, [c for c in cues if c.kind == CueKind.CLAIM], sentences)
    if cast.claimer is None and m.document.role == "claimant":
        cast.claimer = next((a for a in m.actors if a.kind not in UNARMED and a.kind != ActorKind.STATE_FORCES and a.name), None)
    targets_of_tolls = {id(c.target) for c in counts if c.target is not None and c.sentence in sentences}
    speakers = _speakers(m, [c.evidence for c in cues if c.kind in (CueKind.REPORT, CueKind.DENIAL)])
    blames = [c.evidence for c in cues if c.kind == CueKind.BLAME]
    blamers = _blamers(m, blames)
    triggers = {t.sentence: most_specific(t.triggers) for t in tellings}
    named: list[Actor] = []  # named as the perpetrator: blamed, or after "by", "شنه"
    perpetrators: list[Actor] = []  # by their place in the clause
    targets: list[Actor] = []
    for sentence in sentences:
        for actor in m.in_sentence(m.actors, sentence):
            if not actor.name or actor is cast.claimer:
                continue
            span = actor.evidence
            if (actor in speakers and not _after_any(span, blames, m)) or actor in blamers:
                continue
            if m.before(m.words.control, span.start, TARGET_GAP):
                continue
            if _after_any(span, blames, m) or _agent_of(m, actor, triggers.get(sentence)):
                named.append(actor)
            elif actor.kind in UNARMED or id(actor) in targets_of_tolls or _after_target_word(m, span.start):
                targets.append(actor)
            elif m.before(m.words.agents, span.start, TARGET_GAP):
                named.append(actor)
            else:
                trigger = triggers.get(sentence)
                (perpetrators if _subject(m, actor, trigger) else targets).append(actor)
    candidates = [a for a in [cast.claimer, *named, *perpetrators] if a is not None]
    cast.actor1 = most_specific_actor(candidates[0], candidates) if candidates else None
    others = [a for a in targets + perpetrators if cast.actor1 is None or not related(a.name, cast.actor1.name)]
    # the other side: what was hit, else who fought back ("troops repelled an attack by ISWAP")
    cast.actor2 = most_specific_actor(others[0], others) if others else None
    return cast


def national_voice(voice: Source, place: Place | None) -> Source:
    """A voice that is an unspecified state force ("the army said") as that country's."""
    if voice.name is None or canonical_actor(voice.name) is None:
        return voice
    actor = specialised(Actor(name=voice.name, mention=voice.mention or voice.name, kind=canonical_actor(voice.name).kind), place, branches=False)
    return voice if actor.name == voice.name else voice.model_copy(update={"name": actor.name})


def most_specific_actor(actor: Actor, candidates: list[Actor]) -> Actor:
    """The actor, or a branch of it the incident names too ("jihadists linked to al-Qaeda
    ... JNIM fighters": JNIM)."""
    for other in candidates:
        if other.name != actor.name and actor.name in {x.name for x in ancestors(other.name)}:
            return other
    return actor


def _claimer(m: Mentions, claims, sentences: list[int]) -> Actor | None:
    for cue in claims:
        sentence = m.sentence_of(cue.evidence.start)
        nearby = [a for a in m.in_sentence(m.actors, sentence) if a.name and a.kind not in UNARMED]
        inside = [a for a in nearby if cue.evidence.start <= a.evidence.start and a.evidence.end <= cue.evidence.end]
        nearby = [a for a in nearby if a.kind != ActorKind.STATE_FORCES]  # armed groups claim; a state next to a claim reports it
        before = [a for a in nearby if a.evidence.end <= cue.evidence.start and cue.evidence.start - a.evidence.end <= CLAIM_REACH]
        after = [a for a in nearby if a.evidence.start >= cue.evidence.end and a.evidence.start - cue.evidence.end <= CLAIM_REACH]
        found = inside[:1] or before[-1:] or after[:1]
        if found:  # "Al-Shabaab, which is linked to al-Qaida, claimed ...": the branch, not its parent
            return most_specific_actor(found[0], inside + before + after)
    return None


def _after_target_word(m: Mentions, start: int) -> bool:
    """A target word just before ("على حاجز للجيش", "against the army"), and no time between
    ("said on Monday that ISWAP fighters ...": that "on" is the time's)."""
    found = m.before(m.words.targets, start, TARGET_GAP)
    return found is not None and not any(found[1] <= t.evidence.start < start for t in m.times)


def _blamers(m: Mentions, blames) -> list[Actor]:
    """Who blames, not who is blamed: the actor just before a blame cue ("the army blamed
    ISIS"), or, when two follow it, the first ("اتهم الجيش حركة الشباب")."""
    found = []
    for cue in blames:
        sentence = [a for a in m.in_sentence(m.actors, m.sentence_of(cue.start)) if a.name]
        before = [a for a in sentence if a.evidence.end <= cue.start and cue.start - a.evidence.end <= SPEAKER_REACH]
        after = [a for a in sentence if a.evidence.start >= cue.end]
        found += before[-1:] or (after[:1] if len(after) > 1 else [])
    return found


def _speakers(m: Mentions, cues) -> list[Actor]:
    """Who speaks each report or denial: the actor just before the cue ("the army said"),
    else the one just after it ("قال الجيش", "said the army") — one per cue, so that
    "killing four soldiers, the army said" keeps the soldiers as the target."""
    found = []
    for cue in cues:
        sentence = [a for a in m.in_sentence(m.actors, m.sentence_of(cue.start)) if a.name]
        before = [a for a in sentence if a.evidence.end <= cue.start and cue.start - a.evidence.end <= SPEAKER_REACH]
        after = [a for a in sentence if a.evidence.start >= cue.end and a.evidence.start - cue.end <= SPEAKER_REACH]
        found += before[-1:] or after[:1]
    return found


def _after_any(span, cues, m: Mentions) -> bool:
    """Whether the actor is what a cue in its sentence is about ("blamed ISIS cells")."""
    sentence = m.sentence_of(span.start)
    return any(c.end <= span.start and m.sentence_of(c.start) == sentence for c in cues)


def _subject(m: Mentions, actor: Actor, trigger) -> bool:
    """Whether the actor stands where a clause puts who acted: before its trigger, or, in a
    language whose clauses may open with the verb, first after a trigger that opens one."""
    if trigger is None:
        return True
    span, at = actor.evidence, trigger.mention.evidence
    if span.end <= at.start:
        return True
    clause_start, clause_end = m.clause(at.start)
    if not clause_start <= span.start < clause_end:
        return False
    if not m.grammar.verb_first:
        return False
    opening = len([w for w in m.words_between(clause_start, at.start) if w[0].isalnum()]) <= VERB_FIRST
    first = next((a for a in m.actors if a.evidence.start >= at.end and a.name), None)
    return opening and first is actor  # a verb that opens its clause: the first actor after it is its subject


def _agent_of(m: Mentions, actor: Actor, trigger) -> bool:
    """Whether the actor is the agent of the verbal noun it follows, where the language puts
    it there: "هجوم داعش", "قصف حوثي", "بهجوم لتنظيم داعش على نقطة للجيش" (before any
    target word counts)."""
    grammar = m.grammar
    if trigger is None or actor.kind in UNARMED or not grammar.agent_follows:
        return False
    span, at = actor.evidence, trigger.mention.evidence
    if span.start < at.end:
        return False
    between = [w for w in m.words_between(at.end, span.start) if w[0].isalnum()]
    clitic = m.view.text[m.view.view_offset(span.start) - 1 : m.view.view_offset(span.start)]
    return not between or (clitic in grammar.agent_clitics and len(between) <= 1)


def specialised(actor: Actor | None, place: Place | None, branches: bool = True) -> Actor | None:
    """The actor as the place of the incident makes it precise: an unspecified state force
    ("the army", "قوات الأمن") is the forces of that country, and a group with branches is
    its branch there when exactly one branch is active in that country (the Islamic State
    in Nigeria is its West Africa Province; in Niger, where two are, it stays the group).
    A count over a region keeps the group the text names (`branches=False`)."""
    if actor is None or place is None or place.country is None or actor.name is None:
        return actor
    entry = canonical_actor(actor.name)
    if entry is None:
        return actor
    if entry.kind == ActorKind.STATE_FORCES and not entry.countries:
        national = state_actor(entry.id, place.country)
        return actor if national is None else actor.model_copy(update={"name": national.name})
    if not branches or entry.kind == ActorKind.STATE_FORCES:
        return actor
    local = [child for child in registry().by_id.values() if child.parent == entry.name and place.country in child.countries]
    return actor.model_copy(update={"name": local[0].name, "kind": local[0].kind}) if len(local) == 1 else actor
