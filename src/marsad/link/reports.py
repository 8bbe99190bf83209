"""What linking knows of a stored event report: when, where, what, who, how many, who says so.

A report's time is a window: its date widened by how precise the date is (a day by a day, a
week by half a week); a report with no date of its own is about a few days before its
document was published. Two reports can be of one incident only where their windows meet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.model import DocumentMeta, Event, Quantity

SLACK = {"day": 1, "week": 3, "month": 3, "range": 2, "year": 7}  # days a window is widened by
UNDATED = 4  # days before publication an undated report may be about


@dataclass(frozen=True)
class LinkReport:
    id: str
    document_id: str
    published: dt.date | None
    first: dt.date | None  # the window the incident can be in
    last: dt.date | None
    day: dt.date | None  # the day itself, when the report gives one
    country: str | None
    admin1: str | None
    place: str | None  # gazetteer id
    precision: int | None  # ACLED geo-precision
    lat: float | None
    lon: float | None
    event_type: str
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    claimed_by: str | None
    channel: str | None  # the claim's
    fatalities: float | None
    injured: float | None
    role: str  # of the voice it is attributed to (the document's if none)
    document_role: str
    voiced: bool  # a voice in the text tells it, not only the document
    source: str | None
    text: str  # the sentences it was read from


def link_report(meta: DocumentMeta, event: Event) -> LinkReport:
    published = meta.published.date() if isinstance(meta.published, dt.datetime) else meta.published
    first = last = day = None
    if event.date is not None and event.date.start is not None:
        slack = dt.timedelta(days=SLACK.get(event.date.precision, 2))
        first, last = event.date.start - slack, (event.date.end or event.date.start) + slack
        day = event.date.start if event.date.precision == "day" else None
    elif published is not None:
        first, last = published - dt.timedelta(days=UNDATED), published
    place = event.location
    voice = event.reported_by
    return LinkReport(
        id=event.id,
        document_id=meta.id,
        published=published,
        first=first,
        last=last,
        day=day,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        place=place.gazetteer_id if place else None,
        precision=place.geo_precision if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        actor1=event.actor1.name if event.actor1 else None,
        actor2=event.actor2.name if event.actor2 else None,
        claimed_by=event.claimed_by.name if event.claimed_by else None,
        channel=event.claimed_by.channel if event.claimed_by else None,
        fatalities=_value(event.fatalities),
        injured=_value(event.injured),
        role=voice.role if voice is not None else meta.role,
        document_role=meta.role,
        voiced=voice is not None and voice.mention is not None,
        source=(voice.name if voice is not None else None) or meta.outlet,
        text=" ".join(e.text for e in event.evidence),
    )


def _value(quantity: Quantity | None) -> float | None:
    """A toll as one number: the best figure, else the floor, else the ceiling."""
    if quantity is None:
        return None
    return next((v for v in (quantity.best, quantity.low, quantity.high) if v is not None), None)
