"""The data model every stage shares; its JSON serialisation is the contract (DESIGN.md, v1).

Values never travel bare: each carries the span of the published text it came from
(`evidence`), so a reader can always go back to the sentence behind a number. Fields the
text does not support stay None and serialise as null.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from collections.abc import Iterator
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

CONTRACT_VERSION = "1"


class Contract(BaseModel):
    """Base of every contract object: unknown keys are errors, so drift is caught early."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Role(StrEnum):
    """Who a document or a voice in it is (DESIGN.md: reported_by / attributed_to)."""

    OUTLET = "outlet"
    CLAIMANT = "claimant"
    MONITOR = "monitor"
    OFFICIAL = "official"
    WITNESS = "witness"
    UNNAMED = "unnamed"


DOCUMENT_ROLES = (Role.OUTLET, Role.CLAIMANT, Role.MONITOR, Role.OFFICIAL)


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    RANGE = "range"
    VAGUE = "vague"


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class ActorKind(StrEnum):
    """ACLED's actor types."""

    STATE_FORCES = "state_forces"
    REBEL_GROUP = "rebel_group"
    POLITICAL_MILITIA = "political_militia"
    IDENTITY_MILITIA = "identity_militia"
    RIOTERS = "rioters"
    PROTESTERS = "protesters"
    CIVILIANS = "civilians"
    EXTERNAL_OTHER = "external_other"


class Unit(StrEnum):
    """What a tally counts."""

    ATTACKS = "attacks"
    DEATHS = "deaths"
    INJURIES = "injuries"
    CASUALTIES = "casualties"
    FIGHTERS = "fighters"
    MEMBERS = "members"
    DETAINEES = "detainees"
    ARRESTS = "arrests"
    ABDUCTIONS = "abductions"
    DISPLACED = "displaced"
    OTHER = "other"


class EventType(StrEnum):
    """ACLED's event types."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"
    PROTESTS = "Protests"
    RIOTS = "Riots"


Offset = Annotated[int, Field(ge=0)]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


class Evidence(Contract):
    """A span of the document text as published: `text == document.text[start:end]`."""

    start: Offset
    end: Offset
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence ends ({self.end}) before it starts ({self.start})")
        return self


class Quantity(Contract):
    """A number as the text gives it, with UCDP's low / best / high and the hedge."""

    low: float | None = None
    best: float | None = None
    high: float | None = None
    qualifier: Qualifier
    text: str
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _bounds_ordered(self) -> Quantity:
        known = [v for v in (self.low, self.best, self.high) if v is not None]
        if known != sorted(known):
            raise ValueError(f"quantity bounds out of order: {self.low}, {self.best}, {self.high}")
        return self


class TimeSpan(Contract):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _ordered(self) -> TimeSpan:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"time span ends ({self.end}) before it starts ({self.start})")
        return self


class Place(Contract):
    """A place mention, resolved as far as the gazetteer allows (geo_precision as ACLED)."""

    mention: str
    name: str | None = None
    name_ar: str | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    geo_precision: Annotated[int, Field(ge=1, le=4)] | None = None
    gazetteer_id: str | None = None
    evidence: Evidence | None = None


class Actor(Contract):
    name: str | None = None
    mention: str
    kind: ActorKind | None = None
    evidence: Evidence | None = None


class Source(Contract):
    """A voice a value is attributed to: the outlet itself, a claimant, a monitor, ..."""

    name: str | None = None
    mention: str | None = None
    role: Role
    evidence: Evidence | None = None


class Claim(Contract):
    """Who claimed an event and through what channel (Amaq, Telegram, a statement, a video)."""

    name: str | None = None
    mention: str | None = None
    channel: str | None = None
    evidence: Evidence | None = None


class Figure(Contract):
    """One voice's toll for an event; a combined killed-or-wounded figure stays in `casualties`."""

    fatalities: Quantity | None = None
    injured: Quantity | None = None
    casualties: Quantity | None = None
    attributed_to: Source | None = None
    evidence: Evidence | None = None


class Event(Contract):
    """One incident as this document tells it."""

    id: str
    event_type: EventType
    sub_event_type: str | None = None
    date: TimeSpan | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    fatalities: Quantity | None = None
    injured: Quantity | None = None
    figures: list[Figure] = []
    claimed_by: Claim | None = None
    reported_by: Source | None = None
    evidence: list[Evidence] = []
    confidence: Confidence


class Tally(Contract):
    """A count statement: "at least 65 attacks in Syria in January, according to X"."""

    id: str
    quantity: Quantity
    unit: Unit
    actor: Actor | None = None
    target: Actor | None = None
    claimed: bool | None = None
    region: Place | None = None
    period: TimeSpan | None = None
    attributed_to: Source | None = None
    evidence: list[Evidence] = []
    confidence: Confidence


def _published_from_text(value: object) -> object:
    """ISO text with a time of day is a datetime even at midnight; left to pydantic,
    "2024-03-12T00:00:00+03:00" would become a bare date and lose its offset."""
    if isinstance(value, str) and len(value.strip()) > 10:
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value  # pydantic reports it
    return value


# A date when the source gives only a day, a datetime when it gives the time.
Published = Annotated[dt.date | dt.datetime, BeforeValidator(_published_from_text)]


class DocumentMeta(Contract):
    """The document as the contract shows it (the text itself stays in the store)."""

    id: str
    language: str | None = None
    published: Published | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    role: Role = Role.OUTLET
    author: str | None = None


class Document(DocumentMeta):
    """What ingestion produces: the text as published plus what the source says about it."""

    text: str
    origin: str = Field(default="", exclude=True, description="the input it came from, for messages")

    @property
    def meta(self) -> DocumentMeta:
        return DocumentMeta.model_validate(self.model_dump(exclude={"text", "origin"}))


class Extraction(Contract):
    """One line of `marsad extract --json`: a document and everything read out of it."""

    document: DocumentMeta
    events: list[Event] = []
    tallies: list[Tally] = []
    places: list[Place] = []

    def to_json(self) -> str:
        return self.model_dump_json()


def iter_evidence(value: object) -> Iterator[Evidence]:
    """Every evidence span inside a contract object, however deep."""
    if isinstance(value, Evidence):
        yield value
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from iter_evidence(getattr(value, field))
    elif isinstance(value, list):
        for item in value:
            yield from iter_evidence(item)


# Mentions: what the reading stage finds, before anything is assembled into reports. Their
# `evidence` (always set) is the span of the document text as published.


class Sentence(Contract):
    start: Offset
    end: Offset


class QuantityMention(Quantity):
    """A number as the text gives it, with what it counts.

    `unit` is one of the contract's units when the counted noun is known ("هجوماً" →
    attacks), "percent" for a percentage, and None when the text counts something marsad
    has no unit for. `noun` is the counted noun as written.
    """

    unit: str | None = None
    noun: str | None = None
    evidence: Evidence


class TimeMention(TimeSpan):
    """A time expression; `start`/`end` are null when it cannot be resolved (a relative
    expression in a text with no publication date)."""

    evidence: Evidence


class Reading(Contract):
    """What `marsad read --json` prints: the sentences, quantities and times of one text."""

    sentences: list[Sentence] = []
    quantities: list[QuantityMention] = []
    times: list[TimeMention] = []


class TriggerMention(Contract):
    """A word or phrase that tells what happened ("تفجير عبوة ناسفة", "ambushed"), as ACLED types."""

    event_type: EventType
    sub_event_type: str | None = None
    evidence: Evidence


class CueKind(StrEnum):
    """What a cue phrase says about the sentence around it."""

    CLAIM = "claim"  # أعلن مسؤوليته، تبنى، claimed responsibility
    REPORT = "report"  # ذكرت، أفادت، وثّق، قال، according to, said
    BLAME = "blame"  # اتهم، حمّل المسؤولية، blamed: an attribution, not a claim
    DENIAL = "denial"  # نفى، denied
    NO_CLAIM = "no_claim"  # لم تعلن أي جهة مسؤوليتها، no group claimed


class CueMention(Contract):
    kind: CueKind
    evidence: Evidence
