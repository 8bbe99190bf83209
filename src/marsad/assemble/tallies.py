"""Tallies: the count statements of a document ("at least 65 attacks in Syria in January").

A figure is a tally when it counts events, people in a group, or a toll over a period —
not when it is an incident's own toll, nor one or two of something (the incident at
hand). Each tally gets, from its sentence:
- the actor: the group right after the counted noun ("65 هجوماً لتنظيم داعش", "attacks by
  ISWAP"), the group that claims ("أعلن داعش مسؤوليته عن 16 عملية"), the nearest group
  before it in its clause, or the last tally's actor in the sentences just before;
- the target: whose people it counts ("25 soldiers");
- claimed: true when the figure counts claims, false when it counts what someone recorded;
- the region: the place after the figure in its sentence ("في منطقة البادية السورية"), or
  an area named by who holds it ("مناطق الإدارة الذاتية");
- the period: the time of its sentence ("في يناير", "خلال أقل من شهرين", "in the same
  period"), running to the time of writing after "since" / "بدءاً من";
- attributed_to: the voice of the figure (marsad.assemble.voices); a document that is a
  monitor's, an official's or a claimant's own speaks for its figures itself.
"""

from __future__ import annotations

from collections import Counter

from marsad.assemble.actors import most_specific_actor, national_voice, specialised
from marsad.assemble.counts import PEOPLE_HIT, Count
from marsad.assemble.mentions import Mentions
from marsad.assemble.voices import Voices, continues, document_voice
from marsad.model import Actor, CueKind, Evidence, Place, Precision, Quantity, Role, Source, Tally, TimeSpan, Unit
from marsad.resolve.actors import UNARMED, canonical_actor

ACTOR_AFTER = 3  # words between a counted noun and the group whose it is
CARRY = 2  # sentences an actor carries over to a tally that names none
RECORD_REACH = 40  # characters after a figure in which "were recorded" may follow it
HOLDER_GAP = 5  # words between a control phrase and the holder it names
HAPPENINGS = frozenset({Unit.DEATHS, Unit.INJURIES, Unit.CASUALTIES, Unit.ABDUCTIONS, Unit.ARRESTS})  # what incidents do to people


def assemble_tallies(m: Mentions, counts: list[Count], voices: Voices, event_sentences: set[int]) -> list[Tally]:
    tallies: list[Tally] = []
    made: dict[int, Tally] = {}  # id(count) → its tally, for the parts of a breakdown
    last_actor: tuple[int, Actor] | None = None
    targets = {id(c.target) for c in counts if c.target is not None}
    country = _main_country(m)
    for count in counts:
        head = made.get(id(count.total or count.follows)) if (count.total or count.follows) else None
        if head is None and not _is_tally(m, count, event_sentences):
            continue
        if head is not None:  # a part of a breakdown counts what its total counts, where and when
            actor, region, period, voice = head.actor, head.region, head.period, head.attributed_to
        else:
            actor = _actor(m, count, targets)
            if actor is None and last_actor is not None and count.sentence - last_actor[0] <= CARRY:
                actor = last_actor[1]
            region = _region(m, count, counts)
            if region is None and tallies and m.sentence_of(tallies[-1].quantity.evidence.start) == count.sentence:
                region = tallies[-1].region  # "22 هجوماً ... في البادية السورية، أسفرت عن مقتل 40 شخصاً"
            actor = specialised(actor, region or country, branches=False)
            period = _period(m, count)
            if period is None and tallies and _goes_on(m, tallies[-1], count):
                period = tallies[-1].period  # "... خلال النصف الثاني من 2023. وأصيب 140 آخرون في تلك الهجمات"
            voice = voices.at(m, count.start)
            if voice is None and m.document.role != "outlet":
                voice = document_voice(m)
            if voice is not None:
                voice = national_voice(voice, region or country)
        if actor is not None:
            last_actor = (count.sentence, actor)
        q = count.quantity
        confidence = 0.5 + 0.15 * (actor is not None) + 0.1 * (voice is not None) + 0.1 * (count.unit != Unit.OTHER)
        tally = Tally(
            id=m.report_id("tally", len(tallies)),
            quantity=Quantity(low=q.low, best=q.best, high=q.high, qualifier=q.qualifier, text=q.text, evidence=q.evidence),
            unit=count.unit,
            actor=actor,
            target=count.target if count.target is None or actor is None or count.target.name != actor.name else None,
            claimed=head.claimed if head is not None else _claimed(m, count, voice),
            region=region,
            period=period,
            attributed_to=voice,
            evidence=[q.evidence, m.sentence_evidence(count.sentence)],
            confidence=round(min(confidence, 0.9), 2),
        )
        made[id(count)] = tally
        tallies.append(tally)
    return tallies


def _goes_on(m: Mentions, previous: Tally, count: Count) -> bool:
    """Whether the figure counts what happened in the incidents the tally before it counted,
    in a sentence that goes on from it ("... 96 قتلوا في هجمات خلال النصف الثاني من 2023.
    وأصيب 140 آخرون في تلك الهجمات")."""
    sentence = m.sentence_of(previous.quantity.evidence.start)
    follows = sentence == count.sentence or (sentence == count.sentence - 1 and continues(m, m.sentences[count.sentence][0]))
    return follows and count.unit in HAPPENINGS and previous.unit in HAPPENINGS | {Unit.ATTACKS}


def _is_tally(m: Mentions, count: Count, event_sentences: set[int]) -> bool:
    """A figure of many: events counted, or people over a period or apart from any incident
    — not one or two of something (the incident at hand), nor people told in an incident's
    sentence or with the day it happened (its toll, its attackers, its detainees)."""
    if count.few:
        return False
    if count.unit == Unit.ATTACKS:
        return True
    times = m.in_sentence(m.times, count.sentence)
    day = any(t.precision == "day" for t in times)
    period = any(t.precision not in ("day", "week") for t in times)  # "last week" can date one incident
    return (period or count.sentence not in event_sentences) and not day


def _actor(m: Mentions, count: Count, targets: set[int]) -> Actor | None:
    """Who the figure counts the doings or the members of (not whose people a figure
    counts, nor who an operation was against); the branch where the text names a group
    and its branch ("JNIM, al-Qaeda's Sahel affiliate, carried out ...")."""
    armed = [a for a in m.in_sentence(m.actors, count.sentence) if a.name and a.kind not in UNARMED and id(a) not in targets]
    armed = [a for a in armed if not m.before(m.words.targets, a.evidence.start, 1)]
    armed = [a for a in armed if not m.before(m.words.control, a.evidence.start, HOLDER_GAP)]
    actor = _doer(m, count, armed)
    return actor and most_specific_actor(actor, [a for a in armed if m.clause(a.evidence.start) == m.clause(actor.evidence.start)])


def _doer(m: Mentions, count: Count, armed: list[Actor]) -> Actor | None:
    start, end = m.clause(count.start)
    sentence_start, sentence_end = m.sentences[count.sentence]
    named = [a for a in armed if a.evidence.start >= count.end and m.before(m.words.agents, a.evidence.start, 2)]
    if named:  # "96 مدنياً قتلوا في هجمات نُسبت إلى تنظيم داعش", "attacks carried out by ISWAP"
        return named[0]
    after = [a for a in armed if count.end <= a.evidence.start and len(m.words_between(count.end, a.evidence.start)) <= ACTOR_AFTER]
    if after and count.unit in PEOPLE_HIT:  # "killed 44 ISIS operatives": whose dead, not who killed
        count.target = count.target or after[0]
        armed = [a for a in armed if a is not after[0]]
    elif after:
        return after[0]
    claims = [c for c in m.in_sentence(m.cues, count.sentence) if c.kind == CueKind.CLAIM and c.evidence.start < count.start]
    for cue in reversed(claims):
        inside = [a for a in armed if cue.evidence.start <= a.evidence.start and a.evidence.end <= cue.evidence.end]
        if inside:
            return inside[0]
    before = [a for a in armed if start <= a.evidence.start and a.evidence.end <= count.start]
    if before:
        return before[-1]
    if count.unit in PEOPLE_HIT:
        return None  # who killed is said in the clause, or not at all ("فيما قُتل 38 من عناصر التنظيم")
    before = [a for a in armed if sentence_start <= a.evidence.start and a.evidence.end <= count.start]
    return before[-1] if before else None


def _claimed(m: Mentions, count: Count, voice: Source | None) -> bool | None:
    """True for a count of a group's claims (a claimant's own count is one), False for a
    count of what someone recorded (a monitor's count is one), else None."""
    start = m.sentences[count.sentence][0]
    if m.find("claims", start, count.start) is not None or (voice is not None and voice.role == Role.CLAIMANT):
        return True
    if m.find("records", start, count.end + RECORD_REACH) is not None or (voice is not None and voice.role == Role.MONITOR):
        return False
    return None


def _region(m: Mentions, count: Count, counts: list[Count]) -> Place | None:
    """The place or held area after the figure and before the next figure of its sentence,
    else the nearest one before it in its clause (and after the figure before it)."""
    sentence_start, sentence_end = m.sentences[count.sentence]
    siblings = [c for c in counts if c.sentence == count.sentence]
    index = siblings.index(count)
    stop = siblings[index + 1].start if index + 1 < len(siblings) else sentence_end
    begin = max(m.clause(count.start)[0], siblings[index - 1].end if index else sentence_start)
    places = [p for p in m.in_sentence(m.places, count.sentence) if not m.inside_actor(p.evidence)]
    after = [p for p in places if count.end <= p.evidence.start < stop] + _held_areas(m, count.end, stop)
    if after:
        return min(after, key=lambda p: p.evidence.start)
    before = [p for p in places if begin <= p.evidence.start and p.evidence.end <= count.start] + _held_areas(m, begin, count.start)
    return max(before, key=lambda p: p.evidence.start) if before else None


def _held_areas(m: Mentions, start: int, end: int) -> list[Place]:
    """Areas named by who holds them ("المناطق الواقعة تحت سيطرة الحكومة السورية", "areas
    held by the SDF"), as places with the holder's country when it has one."""
    areas = []
    while (found := m.find("control", start, end)) is not None:
        at = found.start
        near = (a for a in m.actors if at < a.evidence.start < end and a.name)
        holder = next((a for a in near if len(m.words_between(at, a.evidence.start)) <= HOLDER_GAP), None)
        if holder is None:
            start = at + 1
            continue
        countries = _countries(holder)
        text = m.text[at : holder.evidence.end]
        evidence = Evidence(start=at, end=holder.evidence.end, text=text)
        areas.append(Place(mention=text, country=countries[0] if len(countries) == 1 else None, evidence=evidence))
        start = holder.evidence.end
    return areas


def _main_country(m: Mentions) -> Place | None:
    """A place in the country the document's places are most often in."""
    counts = Counter(p.country for p in m.places if p.country)
    if not counts:
        return None
    country = counts.most_common(1)[0][0]
    return next(p for p in m.places if p.country == country)


def _countries(actor: Actor) -> tuple[str, ...]:
    entry = canonical_actor(actor.name) if actor.name else None
    return entry.countries if entry else ()


def _period(m: Mentions, count: Count) -> TimeSpan | None:
    times = m.in_sentence(m.times, count.sentence)
    if not times:
        return None
    after = [t for t in times if t.evidence.start >= count.end]
    time = after[0] if after else times[-1]
    start, end, precision = time.start, time.end, time.precision
    clause_start, _ = m.clause(time.evidence.start)
    opener = m.find("since", clause_start, time.evidence.start)
    if opener is not None and time.precision == "day" and m.published is not None and start is not None:
        end, precision = m.published, Precision.RANGE
    if start is None and end is None:
        return None
    if m.published is not None and end is not None and end > m.published and start is not None and start <= m.published:
        end, precision = m.published, Precision.RANGE  # a count runs to the time of writing at most ("so far this year")
    return TimeSpan(start=start, end=end, precision=precision, evidence=time.evidence)
