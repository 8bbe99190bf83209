"""What the store's queries select: filters on documents and on reports, as SQL conditions.

Every condition runs in the database (both backends alike), on indexed columns where the
schema has them: a report's date or period, the country of its place, the canonical name
of its actors, its event type or unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Column, Connection, ColumnElement, Table, and_, false, func, or_, select

from marsad.resolve.actors import ancestors, registry
from marsad.store.schema import actor_mentions, actors, documents, events, places, sources, tallies


@dataclass(frozen=True)
class DocumentFilter:
    outlet: str | None = None
    language: str | None = None
    role: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None


@dataclass(frozen=True)
class ReportFilter:
    """Which events or tallies to list. Every field left None selects everything.

    - actor: a canonical actor name, any case, and every actor that belongs to it in the
      registry (`marsad.resolve.actors`: "Islamic State" also finds its provinces); an
      event's actor1 or actor2, a tally's actor or target. A stored name the registry does
      not know matches itself only. Names as written in the text (mentions) are not searched.
    - country: ISO 3166-1 alpha-2 code of an event's location or a tally's region.
    - event_type (events only): an ACLED event type or sub-event type, as ACLED spells it.
    - unit (tallies only): what the tally counts ("attacks", "deaths", ...).
    - since / until: the report's date (events) or period (tallies) overlaps these days,
      both included. A span open at one end reaches as far as it is open; reports with no
      date at all are left out once either bound is given.
    - role: the role of the voice an event is reported by or a tally attributed to, or of
      the document itself when the text names no such voice.
    - language: the document's language; document: a prefix of the document's id.
    """

    actor: str | None = None
    country: str | None = None
    event_type: str | None = None
    unit: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    role: str | None = None
    language: str | None = None
    document: str | None = None
    limit: int | None = None


def document_conditions(where: DocumentFilter) -> list:
    conditions = []
    if where.outlet:
        conditions.append(documents.c.outlet == where.outlet)
    if where.language:
        conditions.append(documents.c.language == where.language)
    if where.role:
        conditions.append(documents.c.role == where.role)
    if where.since:
        conditions.append(documents.c.published_day >= where.since)
    if where.until:
        conditions.append(documents.c.published_day <= where.until)
    return [and_(*conditions)] if conditions else []


@dataclass(frozen=True)
class ReportColumns:
    """Where a kind of report keeps what the filters look at."""

    table: Table
    actors: tuple[str, ...]  # actor mention references
    place: str  # place reference
    date: str  # prefix of the time span's columns
    voice: str  # source reference


EVENT_COLUMNS = ReportColumns(events, ("actor1_id", "actor2_id"), "location_id", "date", "reported_by_id")
TALLY_COLUMNS = ReportColumns(tallies, ("actor_id", "target_id"), "region_id", "period", "attributed_to_id")


def check_report_filter(report: ReportColumns, where: ReportFilter) -> None:
    if where.event_type is not None and report.table is not events:
        raise ValueError("an event type selects events; tallies have a unit")
    if where.unit is not None and report.table is not tallies:
        raise ValueError("a unit selects tallies; events have an event type")


def report_conditions(connection: Connection, report: ReportColumns, where: ReportFilter) -> list[ColumnElement[bool]]:
    """The SQL conditions of `where` on one kind of report, with the report's table joined to
    `documents` (see `report_source`)."""
    check_report_filter(report, where)
    table = report.table
    conditions: list[ColumnElement[bool]] = []
    if where.event_type is not None:
        conditions.append(or_(events.c.event_type == where.event_type, events.c.sub_event_type == where.event_type))
    if where.unit is not None:
        conditions.append(tallies.c.unit == where.unit)
    if where.actor is not None:
        names = actor_family(connection, where.actor)
        if not names:
            conditions.append(false())
        else:
            mentions = select(actor_mentions.c.id).where(actor_mentions.c.name.in_(sorted(names)))
            conditions.append(or_(*(table.c[reference].in_(mentions) for reference in report.actors)))
    if where.country is not None:
        located = select(places.c.id).where(places.c.country == where.country.upper())
        conditions.append(table.c[report.place].in_(located))
    if where.since is not None or where.until is not None:
        conditions.append(_overlaps(table.c[f"{report.date}_start"], table.c[f"{report.date}_end"], where.since, where.until))
    if where.role is not None:
        conditions.append(func.coalesce(sources.c.role, documents.c.role) == where.role)
    if where.language is not None:
        conditions.append(documents.c.language == where.language)
    if where.document is not None:
        conditions.append(table.c.document_id.startswith(where.document, autoescape=True))
    return conditions


def report_source(report: ReportColumns):
    """The report's table with its document and (outer) the voice it is attributed to: what
    the conditions and the ordering refer to."""
    table = report.table
    return table.join(documents, table.c.document_id == documents.c.id).outerjoin(
        sources, table.c[report.voice] == sources.c.id
    )


def report_order(report: ReportColumns) -> list:
    """Newest first by the report's own date, undated last; then by the document's day, and
    in the document's order."""
    table = report.table
    return [
        table.c[f"{report.date}_start"].desc().nulls_last(),
        table.c[f"{report.date}_end"].desc().nulls_last(),
        documents.c.published_day.desc().nulls_last(),
        table.c.document_id,
        table.c.position,
    ]


def _overlaps(start: Column, end: Column, since: dt.date | None, until: dt.date | None) -> ColumnElement[bool]:
    """The span [start, end] shares a day with [since, until]; a null bound is open."""
    conditions = [or_(start.is_not(None), end.is_not(None))]
    if since is not None:
        conditions.append(or_(end.is_(None), end >= since))
    if until is not None:
        conditions.append(or_(start.is_(None), start <= until))
    return and_(*conditions)


def actor_family(connection: Connection, name: str) -> set[str]:
    """The canonical names an actor filter stands for: `name` matched without regard to case
    among the registry's actors and the actors stored, with every registry actor that
    belongs to a match (a province to its group, police to its state's forces)."""
    wanted = name.casefold()
    known = set(registry().by_name) | set(connection.execute(select(actors.c.name)).scalars())
    matches = {known_name for known_name in known if known_name.casefold() == wanted}
    family = set(matches)
    for candidate in registry().by_name:
        if any(parent.name in matches for parent in ancestors(candidate)[1:]):
            family.add(candidate)
    return family
