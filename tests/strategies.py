"""Hypothesis strategies for contract objects whose evidence really points into a text."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from marsad.ingest.document import document_id
from marsad.model import (
    DOCUMENT_ROLES,
    Actor,
    ActorKind,
    Claim,
    Document,
    Event,
    EventType,
    Evidence,
    Extraction,
    Figure,
    Place,
    Precision,
    Qualifier,
    Quantity,
    Role,
    Source,
    Tally,
    TimeSpan,
    Unit,
)

# Arabic letters and diacritics, Latin, digits (ASCII and Arabic-Indic), punctuation and spaces.
TEXT_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "Zs"),
    include_characters="\n،؛؟",
    exclude_characters="\x85\u2028\u2029",
)
words = st.text(TEXT_ALPHABET, min_size=1, max_size=30)
maybe_words = st.none() | words


@st.composite
def spans(draw, text: str) -> Evidence:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Evidence(start=start, end=end, text=text[start:end])


def maybe(strategy):
    return st.none() | strategy


@st.composite
def quantities(draw, text: str) -> Quantity:
    bounds = sorted(draw(st.lists(st.integers(0, 10_000_000).map(float), min_size=3, max_size=3)))
    low, best, high = (draw(st.none() | st.just(value)) for value in bounds)
    return Quantity(
        low=low, best=best, high=high, qualifier=draw(st.sampled_from(Qualifier)), text=draw(words),
        evidence=draw(maybe(spans(text))),
    )  # fmt: skip


@st.composite
def timespans(draw, text: str) -> TimeSpan:
    days = sorted(draw(st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)), min_size=2, max_size=2)))
    return TimeSpan(
        start=draw(st.none() | st.just(days[0])), end=draw(st.none() | st.just(days[1])),
        precision=draw(st.sampled_from(Precision)), evidence=draw(maybe(spans(text))),
    )  # fmt: skip


@st.composite
def places(draw, text: str) -> Place:
    return Place(
        mention=draw(words), name=draw(maybe_words), name_ar=draw(maybe_words),
        country=draw(st.none() | st.from_regex(r"\A[A-Z]{2}\Z")), admin1=draw(maybe_words), admin2=draw(maybe_words),
        lat=draw(st.none() | st.floats(-90, 90)), lon=draw(st.none() | st.floats(-180, 180)),
        geo_precision=draw(st.none() | st.integers(1, 4)), gazetteer_id=draw(maybe_words),
        evidence=draw(maybe(spans(text))),
    )  # fmt: skip


@st.composite
def actors(draw, text: str) -> Actor:
    return Actor(
        name=draw(st.none() | st.sampled_from(["Islamic State", "SDF", "Syrian government forces", "Al-Shabaab"])),
        mention=draw(words), kind=draw(st.none() | st.sampled_from(ActorKind)), evidence=draw(maybe(spans(text))),
    )  # fmt: skip


@st.composite
def voices(draw, text: str) -> Source:
    return Source(
        name=draw(maybe_words), mention=draw(maybe_words), role=draw(st.sampled_from(Role)),
        evidence=draw(maybe(spans(text))),
    )  # fmt: skip


@st.composite
def claims(draw, text: str) -> Claim:
    return Claim(
        name=draw(maybe_words), mention=draw(maybe_words), channel=draw(maybe_words),
        evidence=draw(maybe(spans(text))),
    )  # fmt: skip


@st.composite
def figures(draw, text: str) -> Figure:
    return Figure(
        fatalities=draw(maybe(quantities(text))), injured=draw(maybe(quantities(text))),
        casualties=draw(maybe(quantities(text))), attributed_to=draw(maybe(voices(text))),
        evidence=draw(maybe(spans(text))),
    )  # fmt: skip


@st.composite
def events(draw, text: str, report_id: str) -> Event:
    return Event(
        id=report_id, event_type=draw(st.sampled_from(EventType)), sub_event_type=draw(maybe_words),
        date=draw(maybe(timespans(text))), actor1=draw(maybe(actors(text))), actor2=draw(maybe(actors(text))),
        location=draw(maybe(places(text))), fatalities=draw(maybe(quantities(text))),
        injured=draw(maybe(quantities(text))), figures=draw(st.lists(figures(text), max_size=3)),
        claimed_by=draw(maybe(claims(text))), reported_by=draw(maybe(voices(text))),
        evidence=draw(st.lists(spans(text), max_size=3)), confidence=draw(st.floats(0, 1)),
    )  # fmt: skip


@st.composite
def tallies(draw, text: str, report_id: str) -> Tally:
    return Tally(
        id=report_id, quantity=draw(quantities(text)), unit=draw(st.sampled_from(Unit)),
        actor=draw(maybe(actors(text))), target=draw(maybe(actors(text))), claimed=draw(st.none() | st.booleans()),
        region=draw(maybe(places(text))), period=draw(maybe(timespans(text))),
        attributed_to=draw(maybe(voices(text))), evidence=draw(st.lists(spans(text), max_size=3)),
        confidence=draw(st.floats(0, 1)),
    )  # fmt: skip


published_values = (
    st.none()
    | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))
    | st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2035, 12, 31), timezones=st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=3))]))
)


@st.composite
def documents_with_reports(draw) -> tuple[Document, Extraction]:
    """A document and an extraction of it: every span inside its text, ids unique."""
    text = draw(st.text(TEXT_ALPHABET, min_size=1, max_size=300).filter(lambda t: t.strip() == t and t))
    identifier = document_id(text)
    document = Document(
        id=identifier, text=text, language=draw(st.sampled_from(["ar", "en", "fa", "other"])),
        published=draw(published_values), outlet=draw(maybe_words), url=draw(maybe_words),
        title=draw(maybe_words), author=draw(maybe_words), role=draw(st.sampled_from(DOCUMENT_ROLES)),
        origin="generated",
    )  # fmt: skip
    n_events, n_tallies = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    extraction = Extraction(
        document=document.meta,
        events=[draw(events(text, f"{identifier}-e{i}")) for i in range(n_events)],
        tallies=[draw(tallies(text, f"{identifier}-t{i}")) for i in range(n_tallies)],
        places=draw(st.lists(places(text), max_size=4)),
    )
    return document, extraction
