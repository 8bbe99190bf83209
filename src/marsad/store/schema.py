"""The store's tables (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Reports are stored relationally so they can be queried by date, country, actor and type;
value objects of the contract (Quantity, TimeSpan, a span of evidence) become groups of
prefixed columns. Evidence text is not stored twice: a span is (start, end) into the
document's text. Alembic migrations under `migrations/` create exactly these tables
(a test compares them).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

DOCUMENT_ID = String(32)
REPORT_ID = String(64)


def span_columns(prefix: str) -> list[Column]:
    """Where a value sits in the document text."""
    return [Column(f"{prefix}_start", Integer), Column(f"{prefix}_end", Integer)]


def quantity_columns(prefix: str) -> list[Column]:
    return [
        Column(f"{prefix}_low", Float),
        Column(f"{prefix}_best", Float),
        Column(f"{prefix}_high", Float),
        Column(f"{prefix}_qualifier", String(16)),
        Column(f"{prefix}_text", Text),
        *span_columns(f"{prefix}_span"),
    ]


def timespan_columns(prefix: str) -> list[Column]:
    return [
        Column(f"{prefix}_start", Date),
        Column(f"{prefix}_end", Date),
        Column(f"{prefix}_precision", String(8)),
        *span_columns(f"{prefix}_span"),
    ]


def mention_reference(name: str, table: str) -> Column:
    return Column(name, Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"))


def document_reference() -> Column:
    return Column("document_id", DOCUMENT_ID, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)


documents = Table(
    "documents",
    metadata,
    Column("id", DOCUMENT_ID, primary_key=True),
    Column("text", Text, nullable=False),
    Column("language", String(8), index=True),
    Column("published", String(40), doc="as the source gives it: an ISO date, or datetime with offset"),
    Column("published_day", Date, index=True, doc="the day of `published`, for date queries"),
    Column("outlet", Text, index=True),
    Column("url", Text),
    Column("title", Text),
    Column("author", Text),
    Column("role", String(16), nullable=False, index=True),
    Column("origin", Text, nullable=False, doc="the input it came from: path, URL or <stdin>"),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("kind", String(32)),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    document_reference(),
    Column("name", String(200), ForeignKey("actors.name"), index=True),
    Column("mention", Text, nullable=False),
    Column("kind", String(32)),
    *span_columns("span"),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True),
    document_reference(),
    Column("position", Integer, doc="order in the document's `places` list; null for a place not listed there"),
    Column("mention", Text, nullable=False),
    Column("name", Text),
    Column("name_ar", Text),
    Column("country", String(2), index=True),
    Column("admin1", Text, index=True),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("gazetteer_id", String(64)),
    *span_columns("span"),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    document_reference(),
    Column("name", Text, index=True),
    Column("mention", Text),
    Column("role", String(16), nullable=False, index=True),
    *span_columns("span"),
)

events = Table(
    "events",
    metadata,
    Column("id", REPORT_ID, primary_key=True),
    document_reference(),
    Column("position", Integer, nullable=False),
    Column("event_type", String(40), nullable=False, index=True),
    Column("sub_event_type", String(80)),
    *timespan_columns("date"),
    mention_reference("actor1_id", "actor_mentions"),
    mention_reference("actor2_id", "actor_mentions"),
    mention_reference("location_id", "places"),
    *quantity_columns("fatalities"),
    *quantity_columns("injured"),
    Column("claimed_by_name", Text, index=True),
    Column("claimed_by_mention", Text),
    Column("claimed_by_channel", Text),
    Column("claimed", Boolean, nullable=False, doc="whether claimed_by is set"),
    *span_columns("claimed_by_span"),
    mention_reference("reported_by_id", "sources"),
    Column("confidence", Float, nullable=False),
    Index("ix_events_date", "date_start", "date_end"),
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", REPORT_ID, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    *quantity_columns("fatalities"),
    *quantity_columns("injured"),
    *quantity_columns("casualties"),
    mention_reference("attributed_to_id", "sources"),
    *span_columns("span"),
)

tallies = Table(
    "tallies",
    metadata,
    Column("id", REPORT_ID, primary_key=True),
    document_reference(),
    Column("position", Integer, nullable=False),
    *quantity_columns("quantity"),
    Column("unit", String(16), nullable=False, index=True),
    mention_reference("actor_id", "actor_mentions"),
    mention_reference("target_id", "actor_mentions"),
    Column("claimed", Boolean),
    mention_reference("region_id", "places"),
    *timespan_columns("period"),
    mention_reference("attributed_to_id", "sources"),
    Column("confidence", Float, nullable=False),
    Index("ix_tallies_period", "period_start", "period_end"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    document_reference(),
    Column("event_id", REPORT_ID, ForeignKey("events.id", ondelete="CASCADE"), index=True),
    Column("tally_id", REPORT_ID, ForeignKey("tallies.id", ondelete="CASCADE"), index=True),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)


incident_reports = Table(
    "incident_reports",
    metadata,
    Column("event_id", REPORT_ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", String(16), nullable=False, index=True),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)
