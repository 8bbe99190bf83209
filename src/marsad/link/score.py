"""How alike two reports are: can they tell one incident, and how sure is that?

Some differences rule a pair out whatever else agrees (`None`): windows of time that do not
meet, two countries, two provinces, two towns more than a short way apart, two armed groups
each named as the one who acted. The rest are scored feature by feature, each in [0, 1],
and weighed (`Weights`, set on data by bench/link.py): the same day, the same town, the same
kind of event, the same actor, tolls of one size (a claimant's toll is not held against
the others: claims inflate), and, when an encoder is given, the same words across languages.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from marsad.link.reports import LinkReport
from marsad.model import EventType, Role
from marsad.resolve.actors import named_group, related

NEAR_KM = 25.0  # two towns this close can be one incident's (a village and the town it is near)
# Sub-event types that name the weapon: two of them cannot be one incident.
WEAPONS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike", "Shelling/artillery/missile attack", "Grenade", "Chemical weapon"})
Similarity = Callable[[str, str], float]


@dataclass(frozen=True)
class Weights:
    day: float = 0.25
    place: float = 0.3
    kind: float = 0.1
    actor: float = 0.2
    toll: float = 0.05
    text: float = 0.1


def score(a: LinkReport, b: LinkReport, weights: Weights = Weights(), similarity: Similarity | None = None) -> float | None:
    """How alike `a` and `b` are in [0, 1], or None when they cannot be one incident."""
    features = (_day(a, b), _place(a, b), _kind(a, b), _actor(a, b))  # None: cannot be one incident
    if any(value is None for value in features):
        return None
    day, place, kind, actor = features
    parts = [(weights.day, day), (weights.place, place), (weights.kind, kind), (weights.actor, actor), (weights.toll, _toll(a, b))]
    if similarity is not None and a.text and b.text:
        parts.append((weights.text, max(0.0, similarity(a.text, b.text))))
    return sum(w * v for w, v in parts) / sum(w for w, _ in parts)


def _day(a: LinkReport, b: LinkReport) -> float | None:
    if a.first is None or b.first is None:
        return 0.3
    if a.last < b.first or b.last < a.first:
        return None
    if a.day is not None and b.day is not None:
        apart = abs((a.day - b.day).days)
        return None if apart > 1 else (1.0 if apart == 0 else 0.5)
    return 0.6


def _place(a: LinkReport, b: LinkReport) -> float | None:
    if a.country is None or b.country is None:
        return 0.3
    if a.country != b.country:
        return None
    if a.place is not None and a.place == b.place:
        return 1.0
    if a.admin1 is not None and b.admin1 is not None and a.admin1 != b.admin1:
        return None
    if _fine(a) and _fine(b):
        distance = _km(a, b)
        if distance is None:
            return 0.4
        return None if distance > NEAR_KM else 0.8
    if a.admin1 is not None and a.admin1 == b.admin1:
        return 0.6
    return 0.4


def _fine(report: LinkReport) -> bool:
    return report.precision is not None and report.precision <= 2


def _km(a: LinkReport, b: LinkReport) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _kind(a: LinkReport, b: LinkReport) -> float | None:
    """Reports may call one incident by different types (a claim's "attack" is a monitor's
    IED), but two weapons named are two incidents (an IED and mortar fire in one town)."""
    if a.sub_event_type in WEAPONS and b.sub_event_type in WEAPONS and a.sub_event_type != b.sub_event_type:
        return None
    if a.event_type == b.event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.8
    if EventType.STRATEGIC_DEVELOPMENTS in (a.event_type, b.event_type):
        return 0.2
    return 0.5  # a claim's "attack" is a monitor's IED; a raid one side calls a clash


def _actor(a: LinkReport, b: LinkReport) -> float | None:
    """The same actor, one's branch, or the sides told the other way round agree; two armed
    groups each named as the one who acted do not."""
    first, second = a.claimed_by or a.actor1, b.claimed_by or b.actor1
    if first is None or second is None:
        return 0.5
    if related(first, second):
        return 1.0
    if related(first, b.actor2) or related(second, a.actor2):
        return 0.7  # "ISWAP attacked troops" / "troops repelled ISWAP"
    if named_group(first) and named_group(second):
        return None
    return 0.2


def _toll(a: LinkReport, b: LinkReport) -> float:
    if a.fatalities is None or b.fatalities is None or Role.CLAIMANT in (a.role, b.role):
        return 0.5
    low, high = sorted((a.fatalities, b.fatalities))
    return 1.0 if high == 0 else low / high
