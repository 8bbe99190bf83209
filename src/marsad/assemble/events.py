"""Events: one incident as this document tells it.

Each sentence with an event trigger tells of an incident: what happened (the trigger),
where (its places), when (its times), who did it to whom (its actors), the toll (its
figures of deaths, injuries, casualties) and whether someone claimed it. A document often
tells one incident several times — headline, lead, a quoted statement, a recap — so a
telling joins an incident told before when nothing in it says otherwise: a telling with
no place and no date of its own ("the attack", "الهجوم") is about the last incident; one
with a place and a date joins an incident only where both agree.

Precision comes first: a trigger in a sentence that says neither where nor when, nor a
toll nor a claim ("the group's attacks"), reports no incident marsad could code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.assemble.actors import Cast, national_voice, read_cast, specialised
from marsad.assemble.counts import Count
from marsad.assemble.mentions import UNNAMED, Mentions
from marsad.assemble.tolls import Toll, tolls
from marsad.assemble.voices import Voices, document_voice
from marsad.model import (
    Actor,
    ActorKind,
    Claim,
    CueKind,
    Event,
    EventType,
    Evidence,
    Place,
    Qualifier,
    Quantity,
    Role,
    TimeMention,
    TimeSpan,
    TriggerMention,
)
from marsad.read.triggers import Condition, TriggerReading, grammar, most_specific
from marsad.resolve.actors import GROUPS, UNARMED, canonical_actor, related

PRECISE_TIMES = ("day", "week")
STRONG, WEAK, ANAPHORIC = "strong", "weak", "anaphoric"
TIME_ORDER = {"day": 0, "week": 1, "month": 2, "range": 3, "year": 4}
DEFINITE_REACH = 8  # characters before a trigger in which its article stands
IMPLICIT = "attack"  # the trigger group a toll with no trigger stands for
FOLLOW_ON = 3  # sentences after an incident whose tolls, with no trigger, are still its own
ARMED = frozenset(ActorKind) - UNARMED
# Militias and gunmen abduct where state forces, and rebels that hold and govern ground,
# arrest (the SDF's arrests are arrests in ACLED).
MILITIAS = frozenset({ActorKind.POLITICAL_MILITIA, ActorKind.IDENTITY_MILITIA})


@dataclass
class Telling:
    """One sentence's telling of an incident."""

    sentence: int
    triggers: list[TriggerReading]
    place: Place | None
    time: TimeMention | None
    kind: str  # STRONG, WEAK or ANAPHORIC
    places: list[Place] = field(default_factory=list)  # every place of the sentence
    concrete: bool = False  # a weak telling with a toll or a claim of its own
    definite: bool = False  # its trigger has the article: "الاشتباكات", "the attack"


@dataclass
class Incident:
    tellings: list[Telling]
    extra_sentences: list[int] = field(default_factory=list)  # follow-on sentences with its toll

    @property
    def sentences(self) -> list[int]:
        return sorted({t.sentence for t in self.tellings} | set(self.extra_sentences))

    @property
    def place(self) -> Place | None:
        """The most precise place of the tellings that pin the incident down (of the others
        if they have none), from a dated telling where two are as precise."""
        placed = [t for t in self.tellings if t.place is not None]
        placed = [t for t in placed if t.kind == STRONG] or placed
        told = [(t.place.geo_precision or 5, t.time is None, n, t.place) for n, t in enumerate(placed)]
        return min(told, key=lambda entry: entry[:3])[3] if told else None

    @property
    def places(self) -> list[Place]:
        return [p for t in self.tellings for p in t.places]

    @property
    def time(self) -> TimeMention | None:
        times = [t.time for t in self.tellings if t.time is not None]
        return min(times, key=lambda t: TIME_ORDER.get(t.precision, 5), default=None)


def assemble_events(m: Mentions, counts: list[Count], voices: Voices) -> list[Event]:
    tellings = [t for t in (_telling(m, index, counts) for index in range(len(m.sentences))) if t is not None]
    incidents = _incidents(m, tellings)
    _follow_on(m, incidents, counts)
    events = []
    for number, incident in enumerate(incidents):
        event = _event(m, incident, counts, voices, number)
        if event is not None:
            events.append(event)
    return events


# --- tellings ---------------------------------------------------------------------------------


def _telling(m: Mentions, index: int, counts: list[Count]) -> Telling | None:
    triggers = [t for t in m.in_sentence(m.triggers, index) if not t.counted]
    implicit = not triggers
    triggers = triggers or _killing(m, index, counts)
    if not triggers:
        return None
    start, end = m.sentences[index]
    places = [p for p in m.in_sentence(m.places, index) if not m.inside_actor(p.evidence) and not m.in_dateline(p.evidence.start)]
    first = triggers[0].mention.evidence.start
    # the most precise place; a town named like its province ("Kirkuk, Wadi Zghaytun") often
    # stands for the province, so a town that is not is preferred; then one after the trigger
    place = min(places, key=lambda p: (p.geo_precision or 5, p.geo_precision == 1 and p.name == p.admin1, p.evidence.start < first), default=None)
    times = [t for t in m.in_sentence(m.times, index) if _past(m, t) and not m.in_dateline(t.evidence.start)]
    precise = [t for t in times if t.precision in PRECISE_TIMES]
    time = precise[0] if precise else None
    counting = any(c.sentence == index and c.unit == "attacks" and not c.few for c in counts)
    fine_place = place is not None and (place.geo_precision or 4) <= 2
    strong = bool(precise) or (fine_place and not implicit)  # a killing told without a trigger starts an incident only with its date
    if (counting and not strong) or (times and not precise):  # a count statement's trend words; a period's many incidents
        return None
    if strong:
        return Telling(index, triggers, place, time, STRONG, places)
    if index and _refers_back(m, triggers) and _counts_over_a_period(m, index - 1, counts):
        return None  # "أصيب نحو 140 آخرين في تلك الهجمات": the attacks the count before counted
    if all(_plural(m, t) for t in triggers):
        return None  # "At least 96 people were killed in the attacks": many incidents, none pinned down
    tolled = any(c.sentence == index and c.toll for c in counts)
    claimed = any(start <= c.evidence.start < end and c.kind == CueKind.CLAIM for c in m.cues)
    if tolled or claimed or (place is not None and any(not t.generic for t in triggers)):
        return Telling(index, triggers, place, None, WEAK, places, concrete=tolled or claimed, definite=_refers_back(m, triggers))
    if _refers_back(m, triggers):
        return Telling(index, triggers, None, None, ANAPHORIC)
    return None


def _killing(m: Mentions, index: int, counts: list[Count]) -> list[TriggerReading]:
    """A sentence with no trigger that tells who killed or wounded how many, where and when
    ("Gunmen killed five villagers in Gusau on Saturday", "قتل مسلحون ثلاثة رعاة في ...")
    tells of an attack: its fate words stand for the trigger, as the generic "attack"."""
    tolls = [c for c in counts if c.sentence == index and c.toll and c.fate_at is not None]
    armed = [a for a in m.in_sentence(m.actors, index) if a.kind in ARMED and a.name]
    if not tolls or not armed:
        return []
    group = grammar().groups[IMPLICIT]
    start, end = tolls[0].fate_at, tolls[0].end
    evidence = Evidence(start=start, end=end, text=m.text[start:end])
    mention = TriggerMention(event_type=group.event_type, sub_event_type=group.sub_event_type, evidence=evidence)
    return [TriggerReading(mention, group.name, group.rank, True, group.alternatives)]


def _plural(m: Mentions, trigger: TriggerReading) -> bool:
    """A trigger in the plural ("attacks", "الهجمات", "بعبوات") tells of many incidents."""
    word = trigger.mention.evidence.text.split()[0].lower()
    return word.endswith(tuple(m.grammar.plural_endings)) and trigger.kind not in m.grammar.plural_incidents


def _counts_over_a_period(m: Mentions, index: int, counts: list[Count]) -> bool:
    """Whether sentence `index` is a count statement: figures over a period."""
    return any(c.sentence == index for c in counts) and any(t.precision != "day" for t in m.in_sentence(m.times, index))


def _refers_back(m: Mentions, triggers: list[TriggerReading]) -> bool:
    """A trigger with the article ("الهجوم", "the attack") refers to an incident told before."""
    grammar = m.grammar
    for trigger in triggers:
        start = trigger.mention.evidence.start
        before = m.words_between(start - DEFINITE_REACH, start)
        if trigger.mention.evidence.text.startswith(tuple(grammar.definite_prefixes)) or (before and before[-1].lower() in grammar.definite_words):
            return True
    return False


def _past(m: Mentions, time: TimeMention) -> bool:
    """A time that can be an incident's: not after the document was written."""
    return m.published is None or time.start is None or time.start <= m.published


def _incidents(m: Mentions, tellings: list[Telling]) -> list[Incident]:
    """Tellings → incidents. A strong telling (a precise date or a town) joins an incident
    it agrees with or starts one; a weak or anaphoric one joins the last incident, or,
    before any (a headline), the next one. Weak tellings that no strong one hosts make
    one incident of their own if they tell a toll or a claim (a terse post: "killed three
    soldiers in Borno state"). A weak telling of another kind of event than the last
    incident waits for the next one."""
    incidents: list[Incident] = []
    pending: list[Telling] = []
    for telling in tellings:
        if telling.kind == STRONG:
            host = next((i for i in reversed(incidents) if _agree(m, telling, i)), None)
            if host is None:
                host = Incident([])
                incidents.append(host)
            host.tellings.extend(pending + [telling])
            pending = []
        elif incidents and _agree(m, telling, incidents[-1]) and _same_kind(telling, incidents[-1]):
            incidents[-1].tellings.append(telling)
        else:
            pending.append(telling)
    if any(t.concrete for t in pending):
        incidents.append(Incident(pending))
    return incidents


def _same_kind(telling: Telling, incident: Incident) -> bool:
    """Whether what the telling says happened can be the incident: a generic word
    ("attack") or one with the article ("the clashes", "الاشتباكات") can be anything;
    specific ones must share a type (a drone strike told after an ambush is another
    incident)."""
    if telling.definite:
        return True
    told = {t.mention.event_type for t in telling.triggers if not t.generic}
    known = {t.mention.event_type for other in incident.tellings for t in other.triggers if not t.generic}
    return not told or not known or bool(told & known)


def _agree(m: Mentions, telling: Telling, incident: Incident) -> bool:
    """Whether a telling can be of the incident: its place, date and armed actors agree.
    Told without a date on one side, a town and a place near it agree; told with dates on
    both, the places must be the same or one inside the other. Armed actors agree when one
    of the telling's is one of the incident's or a branch of it ("Last week, ISWAP fighters
    killed 9 farmers" is not the army's raid on Boko Haram told that week)."""
    dated = telling.time is not None and incident.time is not None
    if not _same_time(telling.time, incident.time):
        return False
    refers = telling.definite or telling.kind == ANAPHORIC  # "TTP claimed the bombing": the one told
    if not refers and not _same_actors(m, [telling.sentence], incident.sentences):
        return False
    if telling.place is None or incident.place is None:
        return True
    return any(_same_place(a, b, loose=not dated) for a in telling.places or [telling.place] for b in incident.places or [incident.place])


def _same_actors(m: Mentions, told: list[int], known: list[int]) -> bool:
    def armed(sentences: list[int]) -> set[str]:  # named armed actors: "the gunmen" can be anyone
        return {a.name for s in sentences for a in m.in_sentence(m.actors, s) if a.kind in ARMED and a.name and a.name != UNNAMED}

    mine, theirs = armed(told), armed(known)
    return not mine or not theirs or any(related(a, b) for a in mine for b in theirs)


def _same_place(a: Place, b: Place, loose: bool = False) -> bool:
    if a.gazetteer_id is not None and a.gazetteer_id == b.gazetteer_id:
        return True
    if a.country != b.country:
        return False
    coarse, fine = (a, b) if (a.geo_precision or 4) >= (b.geo_precision or 4) else (b, a)
    if (coarse.geo_precision or 4) == 4:
        return True
    if (coarse.geo_precision or 4) >= (2 if loose else 3) and (fine.geo_precision or 4) <= (coarse.geo_precision or 4):
        return coarse.admin1 is None or coarse.admin1 == fine.admin1
    return a.mention == b.mention


def _same_time(a: TimeMention | None, b: TimeMention | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


def _follow_on(m: Mentions, incidents: list[Incident], counts: list[Count]) -> None:
    """Tolls told in the sentences right after an incident ("Four soldiers were killed,
    the army said") belong to it when those sentences tell of no other incident."""
    told = {t.sentence for incident in incidents for t in incident.tellings}
    last_by_sentence = {}
    for incident in incidents:
        for telling in incident.tellings:
            last_by_sentence[telling.sentence] = incident
    for count in counts:
        if not count.toll or count.sentence in told:
            continue
        if any(t.precision not in PRECISE_TIMES for t in m.in_sentence(m.times, count.sentence)):
            continue  # a toll over a period is a tally
        for back in range(1, FOLLOW_ON + 1):
            incident = last_by_sentence.get(count.sentence - back)
            if incident is not None:
                if count.sentence not in incident.extra_sentences:
                    incident.extra_sentences.append(count.sentence)
                break


# --- the event ----------------------------------------------------------------------------------


def _event(m: Mentions, incident: Incident, counts: list[Count], voices: Voices, number: int) -> Event | None:
    sentences = incident.sentences
    cast = read_cast(m, incident.tellings, sentences, counts)
    place, time = incident.place, incident.time
    claim = _claim(m, cast, sentences, voices, place)
    actor1 = specialised(cast.actor1, place)
    actor2 = specialised(cast.actor2, place)
    triggers = [t for telling in incident.tellings for t in telling.triggers]
    violent = [t for t in triggers if t.mention.event_type != EventType.STRATEGIC_DEVELOPMENTS]
    trigger = most_specific(violent or triggers)  # "repelled the attack" does not undo the attack
    if trigger is None:
        return None
    event_type, sub_event_type = _type(m, trigger, incident, actor1, actor2, counts, sentences)
    in_incident = [c for c in counts if c.sentence in sentences and c.toll]
    toll = tolls(m, in_incident, voices) if in_incident else _no_toll(m, sentences)
    told = (voices.at(m, t.mention.evidence.start) for telling in incident.tellings for t in telling.triggers[:1])
    reported_by = national_voice(next((v for v in told if v is not None), None) or document_voice(m), place)
    evidence = [m.sentence_evidence(s) for s in sentences]
    date = None
    if time is not None and time.start is not None:
        date = TimeSpan(start=time.start, end=time.end, precision=time.precision, evidence=time.evidence)
    score = 0.45 + 0.1 * (place is not None) + 0.1 * (date is not None and date.precision in PRECISE_TIMES)
    score += 0.1 * (actor1 is not None) + 0.1 * (not trigger.generic) + 0.05 * (toll.fatalities is not None)
    return Event(
        id=m.report_id("event", number),
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=date,
        actor1=actor1,
        actor2=actor2 if actor2 is None or actor1 is None or actor2.name != actor1.name else None,
        location=place,
        fatalities=toll.fatalities,
        injured=toll.injured,
        figures=toll.figures,
        claimed_by=claim,
        reported_by=reported_by,
        evidence=evidence,
        confidence=round(min(score, 0.95), 2),
    )


def _no_toll(m: Mentions, sentences: list[int]) -> Toll:
    """No figure, but the text says nobody was hurt ("No casualties reported", "دون وقوع
    إصابات"): the toll is 0 dead and 0 injured, not unknown."""
    for sentence in sentences:
        found = m.find("no_toll", *m.sentences[sentence])
        if found is not None:
            evidence = Evidence(start=found.start, end=found.end, text=m.text[found.start : found.end])
            zero = Quantity(low=0, best=0, high=0, qualifier=Qualifier.EXACT, text=evidence.text, evidence=evidence)
            return Toll(fatalities=zero, injured=zero)
    return Toll()


def _type(m: Mentions, trigger: TriggerReading, incident: Incident, actor1, actor2, counts, sentences) -> tuple[EventType, str | None]:
    """The trigger's reading, or the alternative its condition selects."""
    met = set()
    if actor2 is not None and actor2.kind is not None:
        met.add(Condition.CIVILIAN_TARGET if actor2.kind not in ARMED else Condition.ARMED_TARGET)
    elif any(m.find("civilian_targets", *m.clause(t.mention.evidence.start)) for telling in incident.tellings for t in telling.triggers):
        met.add(Condition.CIVILIAN_TARGET)  # "attacked a village", "هجوم على سوق"
    if actor1 is not None and actor1.kind is not None:
        met.add(Condition.STATE_ACTOR if actor1.kind == ActorKind.STATE_FORCES else Condition.NON_STATE_ACTOR)
        if actor1.kind in MILITIAS:
            met.add(Condition.MILITIA_ACTOR)
    others = [t for telling in incident.tellings for t in telling.triggers if t is not trigger]
    if any(t.mention.event_type == EventType.EXPLOSIONS for t in others):
        met.add(Condition.WEAPON)
    if any(c.sentence in sentences and c.toll for c in counts):
        met.add(Condition.VIOLENCE)
    for alternative in trigger.alternatives:
        if alternative.when in met:
            event_type, sub = alternative.type
            if alternative.when == Condition.WEAPON and sub is None:
                weapon = next(t for t in others if t.mention.event_type == EventType.EXPLOSIONS)
                sub = weapon.mention.sub_event_type
            return EventType(event_type), sub
    return EventType(trigger.mention.event_type), trigger.mention.sub_event_type


def _claim(m: Mentions, cast: Cast, sentences: list[int], voices: Voices, place: Place | None) -> Claim | None:
    """Who claimed the incident: a claim cue in its sentences, the group itself telling of
    it ("ISWAP said its fighters had killed 30 soldiers"), or the document when it is the
    claimant's own channel. "No group claimed it" leaves it unclaimed."""
    cues = [c for s in sentences for c in m.in_sentence(m.cues, s)]
    if any(c.kind == CueKind.NO_CLAIM for c in cues):
        return None
    claims = [c for c in cues if c.kind == CueKind.CLAIM]
    if claims and cast.claimer is not None:
        return _claimed_by(m, cast.claimer, place, claims[0].evidence)
    for sentence in sentences:
        for voice in voices.by_sentence[sentence]:
            group = next((a for a in m.actors if a.evidence == voice.evidence and a.kind in GROUPS), None)
            if voice.role != Role.CLAIMANT or group is None:
                continue
            if cast.actor1 is None:  # "Militants attacked ... ISWAP said its fighters had killed 30"
                cast.actor1 = group
            if related(group.name, cast.actor1.name):
                return _claimed_by(m, cast.actor1, place, voice.evidence)
    if m.document.role == Role.CLAIMANT and cast.claimer is not None:
        return _claimed_by(m, cast.claimer, place, cast.claimer.evidence, m.document.outlet)
    return None


def _claimed_by(m: Mentions, claimer: Actor, place: Place | None, evidence: Evidence, channel: str | None = None) -> Claim:
    """The claim, with its channel: a claimant's outlet named in the sentence ("through
    az-Zallaqa", "وكالة أعماق"), else a kind of channel ("بيان", "a video"), else `channel`."""
    start, end = m.sentences[m.sentence_of(evidence.start)]
    voices = m.in_sentence(m.sources, m.sentence_of(evidence.start))
    outlets = [s.name for s in voices if s.role == Role.CLAIMANT and canonical_actor(s.name or "") is None]
    kind = m.find("channels", start, end)
    channel = outlets[0] if outlets else (kind.value if kind else channel)
    return Claim(name=specialised(claimer, place).name, mention=claimer.mention, channel=channel, evidence=evidence)
