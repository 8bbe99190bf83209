"""What each figure of a document counts: the unit, whose people, and whether it is a
part of a larger figure.

A figure's counted noun gives its unit when it can ("65 هجوماً" attacks, "9000 مقاتل أسير"
detainees); a figure of people ("90 شخصاً", "11 soldiers") gets its unit from what the
text says happened to them ("مقتل", "wounding", "arrested": its *fate*). The parts of a
breakdown ("قتل 40 شخصاً: 25 عنصراً ... و6 مدنيين") count what their total counts, and
figures listed with "و"/"and" what the first one counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.assemble.mentions import Mentions
from marsad.model import Actor, Evidence, QuantityMention, Unit

FATE_GAP = 3  # words that may stand between a fate and its figure ("قتل في الهجوم 5 جنود")
ONE_WORDS = 3  # words of "a village headman"
AFTER_GAP = 2  # ... or between a figure and a fate after it ("15 soldiers and VDP killed")
PART_GAP = 6  # words a breakdown's parts may be apart
CLAUSE_GAP = 16  # ... or a total and the colon that opens its parts
TARGET_REACH = 14  # characters after a figure in which its noun's actor may start ("9 من الفصائل")
UNITS = frozenset(Unit)
# Units whose figure's noun names whose people were hit ("25 soldiers"), not who acted.
PEOPLE_HIT = frozenset({Unit.DEATHS, Unit.INJURIES, Unit.CASUALTIES, Unit.ARRESTS, Unit.ABDUCTIONS, Unit.DISPLACED})
FATES = frozenset({Unit.DEATHS, Unit.INJURIES, Unit.CASUALTIES})  # what an event's toll is made of
PEOPLE = frozenset({None, Unit.FIGHTERS, Unit.MEMBERS})  # figures a fate told after them may take


@dataclass
class Count:
    quantity: QuantityMention
    unit: Unit | None  # None: people whose fate is not told (yet)
    sentence: int
    total: Count | None = None  # the figure this one is a part of
    follows: Count | None = None  # the figure it is listed after ("11 soldiers and 3 civilians")
    target: Actor | None = None  # the actor whose people the figure counts
    from_fate: bool = False  # the unit comes from what happened to them, not the noun
    fate_at: int | None = None  # where the fate told before the figure starts ("killing ...")

    @property
    def start(self) -> int:
        return self.quantity.evidence.start

    @property
    def end(self) -> int:
        return self.quantity.evidence.end

    @property
    def toll(self) -> bool:
        """A figure an event's toll can be made of."""
        return self.unit in FATES

    @property
    def few(self) -> bool:
        """One or two of something: the incident at hand, not a count of incidents."""
        q = self.quantity
        return q.qualifier == "exact" and q.best is not None and q.best <= 2


def read_counts(m: Mentions) -> list[Count]:
    counts: list[Count] = []  # with figures of people whose fate is not told yet (unit None)
    for quantity in sorted(m.quantities + _ones(m), key=lambda q: q.evidence.start):
        start, end = quantity.evidence.start, quantity.evidence.end
        if quantity.unit == "percent" or _refers_back(m, quantity):
            continue
        sentence = m.sentence_of(start)
        # a fate reaches over a few words to its figure, not over another figure
        before = m.before(m.words.fates_before, start, FATE_GAP, since=counts[-1].end if counts else 0)
        after = None if before else m.after(m.words.fates_after, end, AFTER_GAP)
        fate = before or after
        noun_unit = Unit(quantity.unit) if quantity.unit in UNITS else None
        previous = counts[-1] if counts and counts[-1].sentence == sentence else None
        count = None
        opener = _joined(m, previous, start) if previous is not None and previous.from_fate and fate is None else None
        if noun_unit in FATES:
            count = Count(quantity, noun_unit, sentence)
        elif fate is not None:
            count = Count(quantity, fate[0], sentence, from_fate=True, fate_at=before[1] if before else None)
            if after and previous is not None and not previous.from_fate and previous.unit in PEOPLE and _joined(m, previous, start) is False:
                previous.unit, previous.from_fate = fate[0], True  # "9 al-Shabaab fighters and 4 militia members killed"
                count.follows = previous
        elif opener is not None:  # a part or a sibling of a figure whose fate is told: "25 عنصراً" of "قتل 40"
            total = previous if opener else previous.total
            count = Count(quantity, previous.unit, sentence, total=total, from_fate=True)
            count.follows = None if opener else previous
        else:
            count = Count(quantity, noun_unit, sentence)
        counts.append(count)
    for count in counts:
        if count.unit in PEOPLE_HIT:
            count.target = _noun_actor(m, count.start, count.end)
    return [count for count in counts if count.unit is not None]


def _ones(m: Mentions) -> list[QuantityMention]:
    """One person whose fate is told without a figure: "killing a soldier", "shot dead a
    village headman", "مقتل جندي", "ما أدى إلى مقتله". The words that say it are its evidence."""
    taken = [(q.evidence.start, q.evidence.end) for q in m.quantities]
    spans = [(hit.start, hit.end) for hit in m.hits["one_words"]]
    for hit in m.hits["fates_before"]:
        last = _one_after(m.tokens, hit.next, m.words)
        if last is not None:
            spans.append(m.view.original_span(m.tokens[hit.next].start, m.tokens[last - 1].end))
    ones = []
    for start, end in spans:
        if not any(s < end and start < e for s, e in taken):
            text = m.text[start:end]
            evidence = Evidence(start=start, end=end, text=text)
            ones.append(QuantityMention(low=1, best=1, high=1, qualifier="exact", text=text, noun=text, evidence=evidence))
    return ones


def _one_after(tokens, index: int, words) -> int | None:
    """Where "a soldier" / "a village headman" / "جندي" after a fate ends, if one is there."""
    if index >= len(tokens):
        return None
    token = tokens[index].text
    if token in words.one_nouns:
        return index + 1
    if token not in words.one_determiners:
        return None
    end = index + 1
    while end < len(tokens) and end - index <= ONE_WORDS and tokens[end].is_word and tokens[end].text not in words.one_stops:
        end += 1
    return end if end > index + 1 else None


def _refers_back(m: Mentions, quantity: QuantityMention) -> bool:
    """A figure that points back to people counted before: a part of them ("Three of the
    wounded", "ثلاثة من الجرحى") or the same figure again ("how many of the 57 had died")."""
    start = quantity.evidence.start
    if m.before(m.words.references, start) is not None:
        return True
    noun = quantity.noun
    if not noun or not quantity.text.endswith(noun):
        return False
    lead = quantity.text[: -len(noun)].rstrip().lower()
    partitive = any(lead.endswith(p.linker) and noun.startswith(p.article) for p in m.words.partitives)
    return partitive and quantity.unit in FATES  # "Five of the attackers" are five attackers


def _joined(m: Mentions, previous: Count, start: int) -> bool | None:
    """How a figure follows the one before it in a list: True after a breakdown's opener
    (":", "بينهم", "including": a part of the total), False after "و"/"and" or a comma (a
    sibling), None when it is not a list at all."""
    words = m.words_between(previous.end, start)
    if not words:
        return False
    if words[-1] in m.words.breakdown and len(words) <= CLAUSE_GAP:
        return True  # "40 people were killed in the Sahel region: 25 soldiers, ..."
    if len(words) > PART_GAP:
        return None
    if words[0] in m.words.breakdown or " ".join(words[:2]) in m.words.breakdown:
        return True
    return False if words[-1] in m.words.lists else None


def _noun_actor(m: Mentions, start: int, end: int) -> Actor | None:
    """The actor the figure's counted noun names ("11 soldiers", "9 من الفصائل")."""
    for actor in m.actors:
        a = actor.evidence
        if a.end > start and a.start < end + TARGET_REACH and a.start >= start:
            between = m.text[end : a.start]
            if a.start < end or len(between.split()) <= 1:
                return actor
    return None
