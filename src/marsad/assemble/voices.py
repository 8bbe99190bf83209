"""Who says what: the voice behind each figure and each sentence.

A sentence's voices are the sources the reading stage found in it ("وذكرت مصادر سورية",
"security sources said", "according to the Rojava Information Center"), but not an actor
that speaks only to claim or deny ("أعلن داعش مسؤوليته", "the group denied"): that is what
the sentence reports, not who reports it. A sentence with no voice of its own that goes on
from the last one ("وخلال أقل من شهرين ...", "It also recorded ...") speaks in that one's
voice, unless it reports impersonally ("تم تسجيل", "were recorded").
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.assemble.mentions import Mentions
from marsad.model import CueKind, Evidence, Source

CARRY = 2  # sentences a voice carries over
SPEAKS_REACH = 12  # characters between a voice and the cue it speaks
CLAIM_REACH = 40  # characters between an armed group and the claim cue it speaks


@dataclass
class Voices:
    by_sentence: list[list[Source]]
    carried: list[Source | None]
    impersonal: list[bool]

    def at(self, m: Mentions, position: int) -> Source | None:
        """The voice of the figure or mention at `position`: of its sentence's voices that
        speak (next to a report cue), the nearest before it, else the first after it; else
        the nearest voice before it; else the one carried into the sentence."""
        sentence = m.sentence_of(position)
        voices = self.by_sentence[sentence]
        before = [v for v in voices if v.evidence.start <= position]
        speaking = [v for v in voices if _speaks(m, v)]
        # the one who speaks, rather than whom it spoke to ("قال مسؤول لـ"شفق نيوز" إن") or a
        # channel the sentence only names ("لم يتبن عبر صحيفة النبأ سوى 39 هجوماً ... بحسب باحثين")
        chosen = [v for v in speaking if v in before][-1:] or speaking[:1] or before[-1:]
        if chosen:
            return chosen[0]
        return None if self.impersonal[sentence] else self.carried[sentence]


def read_voices(m: Mentions) -> Voices:
    claims = [c.evidence for c in m.cues if c.kind in (CueKind.CLAIM, CueKind.DENIAL)]
    actor_spans = {(a.evidence.start, a.evidence.end) for a in m.actors}
    by_sentence: list[list[Source]] = [[] for _ in m.sentences]
    for source in sorted(m.sources + _named_again(m), key=lambda s: s.evidence.start):
        span = (source.evidence.start, source.evidence.end)
        if span in actor_spans and _claims(span, claims):
            continue  # a group claiming or denying is what the sentence reports, not who reports it
        by_sentence[m.sentence_of(span[0])].append(source)
    impersonal = [_impersonal(m, index) for index in range(len(m.sentences))]
    carried: list[Source | None] = []
    depth = 0
    for index, (start, _) in enumerate(m.sentences):
        previous = index - 1
        voice = None
        if previous >= 0 and not by_sentence[index] and continues(m, start):
            voice = by_sentence[previous][-1] if by_sentence[previous] else (carried[previous] if depth < CARRY else None)
        depth = depth + 1 if voice is not None and not by_sentence[previous] else (1 if voice is not None else 0)
        carried.append(voice)
    return Voices(by_sentence, carried, impersonal)


def _named_again(m: Mentions) -> list[Source]:
    """Voices named again by a common noun ("وأضاف المرصد", "the ministry said", "بحسب
    التقرير"): each is the nearest voice named before it (of the role it names, if any)."""
    found = []
    for hit in m.hits["voice_anaphors"]:
        role = hit.value
        before = [s for s in m.sources if s.evidence.end <= hit.start and s.mention and (role is None or s.role == role)]
        taken = any(s.evidence.start < hit.end and hit.start < s.evidence.end for s in m.sources)
        if before and not taken:
            evidence = Evidence(start=hit.start, end=hit.end, text=m.text[hit.start : hit.end])
            found.append(before[-1].model_copy(update={"mention": evidence.text, "evidence": evidence}))
    return found


def continues(m: Mentions, start: int) -> bool:
    """Whether the sentence at `start` goes on from the last: it opens with a continuation
    ("كما", "It also") or with the conjunction و on its first word ("وخلال")."""
    if m.after(m.words.continuations, start) is not None:
        return True
    words = m.words_between(start, start + 12)
    return bool(words) and len(words[0]) > 2 and words[0][0] in m.words.conjunctions


def document_voice(m: Mentions) -> Source:
    """The document speaking for itself: its outlet, in the document's role."""
    return Source(name=m.document.outlet, role=m.document.role)


def _speaks(m: Mentions, voice: Source) -> bool:
    """Whether a voice is next to an attribution cue: one that comes after what it says
    ("..., security sources said") must be, or it is only mentioned."""
    start, end = voice.evidence.start, voice.evidence.end
    return any(c.evidence.end >= start - SPEAKS_REACH and c.evidence.start <= end + SPEAKS_REACH for c in m.cues if c.kind == CueKind.REPORT)


def _claims(span: tuple[int, int], claims) -> bool:
    """Whether the actor at `span` speaks a claim or a denial: inside it or right next to it."""
    start, end = span
    return any(c.start - CLAIM_REACH <= start and end <= c.end + CLAIM_REACH for c in claims)


def _impersonal(m: Mentions, index: int) -> bool:
    start, end = m.sentences[index]
    return m.find("impersonal", start, end) is not None
