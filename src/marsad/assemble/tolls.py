"""An incident's toll: what each voice says it cost, and the conservative figure.

Each voice's figures are read apart (the claimant's "30 killed", the army's "12"): within
one sentence, figures listed together add up ("11 soldiers and 3 civilians" are 14 dead);
across sentences a voice's largest figure is its latest word ("the toll rose to 7"). The
event keeps every voice's figures when two or more voices give one, and its own
fatalities and injured are the lowest of them (ACLED's rule). An outlet's unattributed
figures next to attributed ones only relay them ("kills 11" in a headline, "at least 11,
security sources said" in the lead). A killed-or-wounded figure stays whole in
`casualties` (kept in `figures` even when one voice gives it) and never becomes fatalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.assemble.counts import Count
from marsad.assemble.mentions import Mentions
from marsad.assemble.voices import Voices, document_voice
from marsad.model import Evidence, Figure, Quantity, Role, Source, Unit

FIELDS = {Unit.DEATHS: "fatalities", Unit.INJURIES: "injured", Unit.CASUALTIES: "casualties"}
HEDGED = ("at_least", "more_than")


@dataclass
class Toll:
    fatalities: Quantity | None = None
    injured: Quantity | None = None
    figures: list[Figure] = field(default_factory=list)


def tolls(m: Mentions, counts: list[Count], voices: Voices) -> Toll:
    by_voice: dict[tuple, tuple[Source, dict[str, Quantity]]] = {}
    for head in counts:
        if head.total is not None or head.follows is not None:
            continue  # parts of a total, and figures listed after another, are counted with it
        voice = voices.at(m, head.start) or document_voice(m)
        key = (voice.name, voice.role)
        _, figures = by_voice.setdefault(key, (voice, {}))
        name = FIELDS[head.unit]
        quantity = _listed(m, head, counts)
        known = figures.get(name)
        if known is None or _value(quantity) > _value(known):
            figures[name] = quantity
    if len(by_voice) > 1:  # the outlet's own unattributed figures only relay those it attributes
        by_voice = {key: value for key, value in by_voice.items() if value[0].role != Role.OUTLET or value[0].mention} or by_voice
    toll = Toll()
    for name in ("fatalities", "injured"):
        given = [figures[name] for _, figures in by_voice.values() if name in figures]
        if given:
            setattr(toll, name, min(given, key=_value))
    if len(by_voice) > 1 or any("casualties" in figures for _, figures in by_voice.values()):
        toll.figures = [
            Figure(**figures, attributed_to=voice, evidence=next(iter(figures.values())).evidence)
            for voice, figures in by_voice.values()
        ]
    return toll


def _listed(m: Mentions, head: Count, counts: list[Count]) -> Quantity:
    """The head figure with every figure listed after it, added up."""
    chain = [head]
    for count in counts:
        if count.follows is chain[-1]:
            chain.append(count)
    if len(chain) == 1 or any(c.quantity.best is None for c in chain):
        return _quantity(head)
    start, end = chain[0].start, chain[-1].end
    qualifiers = {c.quantity.qualifier for c in chain}
    qualifier = "exact" if qualifiers == {"exact"} else ("at_least" if qualifiers & set(HEDGED) else "approximately")
    best = sum(c.quantity.best for c in chain)
    low = best if qualifier != "approximately" else None
    text = m.text[start:end]
    evidence = Evidence(start=start, end=end, text=text)
    return Quantity(low=low, best=best, high=best if qualifier == "exact" else None, qualifier=qualifier, text=text, evidence=evidence)


def _quantity(count: Count) -> Quantity:
    q = count.quantity
    return Quantity(low=q.low, best=q.best, high=q.high, qualifier=q.qualifier, text=q.text, evidence=q.evidence)


def _value(quantity: Quantity) -> float:
    for value in (quantity.best, quantity.low, quantity.high):
        if value is not None:
            return value
    return 0.0
