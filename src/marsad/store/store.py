"""The store: documents and their reports in SQLite (default) or PostgreSQL, by URL.

Each document is written with all its reports in one transaction, so a crash leaves it
whole or absent; a document already stored (same content hash) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from marsad.model import Document, DocumentMeta, Event, Evidence, Extraction, Figure, Place, Tally, iter_evidence
from marsad.store import rows
from marsad.store.filters import (
    EVENT_COLUMNS,
    TALLY_COLUMNS,
    DocumentFilter,
    ReportColumns,
    ReportFilter,
    actor_family,
    check_report_filter,
    document_conditions,
    report_conditions,
    report_order,
    report_source,
)
from marsad.store.migrate import upgrade
from marsad.store.schema import (
    actor_mentions,
    actors,
    documents,
    events,
    evidence,
    figures,
    incident_reports,
    places,
    sources,
    tallies,
)


REPORTS_PER_BATCH = 500


class AmbiguousId(LookupError):
    pass


class Store:
    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def save(self, document: Document, extraction: Extraction) -> bool:
        """Store a document and its reports; False when it was already stored."""
        _check_evidence(document, extraction)
        try:
            with self.engine.begin() as connection:
                if connection.execute(select(documents.c.id).where(documents.c.id == document.id)).first():
                    return False
                _Writer(connection, document).write(extraction)
        except IntegrityError:
            if self.has(document.id):  # another writer stored it first
                return False
            raise
        return True

    def has(self, document_id: str) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(select(documents.c.id).where(documents.c.id == document_id)).first() is not None

    def resolve_id(self, prefix: str) -> str | None:
        """The full id of the one document whose id starts with `prefix`."""
        with self.engine.connect() as connection:
            found = connection.execute(
                select(documents.c.id).where(documents.c.id.startswith(prefix, autoescape=True)).limit(2)
            ).all()
        if len(found) > 1:
            raise AmbiguousId(f"more than one document id starts with {prefix!r}")
        return found[0].id if found else None

    def documents(self, where: DocumentFilter = DocumentFilter()) -> list[Document]:
        query = select(documents).where(*document_conditions(where)).order_by(
            documents.c.published_day.desc().nulls_last(), documents.c.id
        )
        if where.limit:
            query = query.limit(where.limit)
        with self.engine.connect() as connection:
            return [_document_from(row) for row in connection.execute(query).mappings()]

    def document(self, document_id: str) -> Document | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
        return _document_from(row) if row else None

    def extraction(self, document_id: str) -> Extraction | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
            return _Reader(connection, _document_from(row)).read() if row else None

    def extractions(self, where: DocumentFilter = DocumentFilter()) -> Iterator[tuple[Document, Extraction]]:
        """Each stored document with its reports, in the order of `documents()`."""
        for document in self.documents(where):
            with self.engine.connect() as connection:
                yield document, _Reader(connection, document).read()

    def events(self, where: ReportFilter = ReportFilter()) -> Iterator[tuple[DocumentMeta, Event]]:
        """Stored events that pass `where`, each with its document: newest first by the
        event's date, undated last (see `ReportFilter` for what each filter matches)."""
        return self._reports(EVENT_COLUMNS, where, _Reader.event)

    def tallies(self, where: ReportFilter = ReportFilter()) -> Iterator[tuple[DocumentMeta, Tally]]:
        """Stored tallies that pass `where`, each with its document: newest first by the
        tally's period, those without one last."""
        return self._reports(TALLY_COLUMNS, where, _Reader.tally)

    def _reports(self, report: ReportColumns, where: ReportFilter, build: Callable) -> Iterator:
        check_report_filter(report, where)  # now, not when the first report is wanted
        return self._read_reports(report, where, build)

    def _read_reports(self, report: ReportColumns, where: ReportFilter, build: Callable) -> Iterator:
        """The reports are selected, filtered and ordered in SQL, then rebuilt by the reader
        of their document, a batch at a time: one read of a document's actors, places and
        sources serves all of its reports in the batch."""
        with self.engine.connect() as connection:
            query = (
                select(report.table)
                .select_from(report_source(report))
                .where(*report_conditions(connection, report, where))
                .order_by(*report_order(report))
            )
            if where.limit:
                query = query.limit(where.limit)
            for batch in connection.execute(query).mappings().partitions(REPORTS_PER_BATCH):
                wanted = sorted({row["document_id"] for row in batch})
                found = connection.execute(select(documents).where(documents.c.id.in_(wanted))).mappings()
                readers = {row["id"]: _Reader(connection, _document_from(row)) for row in found}
                metas = {document_id: reader.document.meta for document_id, reader in readers.items()}
                for row in batch:
                    yield metas[row["document_id"]], build(readers[row["document_id"]], row)

    def actor_family(self, name: str) -> set[str]:
        """The canonical names an actor filter on `name` selects: see `ReportFilter`."""
        with self.engine.connect() as connection:
            return actor_family(connection, name)

    def report_counts(self) -> dict[str, dict[str, int]]:
        """How many events of each type and tallies of each unit the store holds, most first."""
        with self.engine.connect() as connection:
            counted = {}
            for name, column in (("events", events.c.event_type), ("tallies", tallies.c.unit)):
                number = func.count().label("number")
                query = select(column, number).group_by(column).order_by(number.desc(), column)
                counted[name] = {value: count for value, count in connection.execute(query)}
            return counted

    def event_reports(self) -> Iterator[tuple[DocumentMeta, Event]]:
        """Every stored event with its document, in the order the documents came in (then
        the order of the events in each): the order linking meets them in."""
        query = select(documents).order_by(documents.c.ingested_at, documents.c.id)
        with self.engine.connect() as connection:
            for row in connection.execute(query).mappings().all():
                document = _document_from(row)
                reader = _Reader(connection, document)
                for event_row in reader._rows(events):
                    yield document.meta, reader.event(event_row)

    def links(self) -> dict[str, str]:
        """Event id → the incident it was linked into."""
        with self.engine.connect() as connection:
            return dict(connection.execute(select(incident_reports.c.event_id, incident_reports.c.incident_id)).all())

    def save_links(self, links: dict[str, str]) -> None:
        """Record new links, all or none."""
        now = dt.datetime.now(dt.timezone.utc)
        with self.engine.begin() as connection:
            if links:
                connection.execute(insert(incident_reports), [{"event_id": e, "incident_id": i, "linked_at": now} for e, i in links.items()])

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (documents, events, tallies, places)
            }


def _engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA busy_timeout = 30000")
            cursor.close()

    return engine


def _check_evidence(document: Document, extraction: Extraction) -> None:
    for span in iter_evidence(extraction):
        if document.text[span.start : span.end] != span.text:
            raise ValueError(f"{document.origin}: evidence {span.start}-{span.end} does not match the text")


def _document_from(row) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        language=row["language"],
        published=row["published"],
        outlet=row["outlet"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        role=row["role"],
        origin=row["origin"],
    )


class _Writer:
    """Writes one document's rows; identical places, actors and sources share a row."""

    def __init__(self, connection: Connection, document: Document):
        self.connection = connection
        self.document = document
        self.ids: dict[tuple[str, str], int] = {}

    def write(self, extraction: Extraction) -> None:
        document = self.document
        published = document.published
        self._insert(
            documents,
            id=document.id,
            text=document.text,
            language=document.language,
            published=published.isoformat() if published else None,
            published_day=published.date() if isinstance(published, dt.datetime) else published,
            outlet=document.outlet,
            url=document.url,
            title=document.title,
            author=document.author,
            role=document.role,
            origin=document.origin,
            ingested_at=dt.datetime.now(dt.timezone.utc),
        )
        self._listed_places(extraction.places)
        for position, report in enumerate(extraction.events):
            self._event(report, position)
        for position, report in enumerate(extraction.tallies):
            self._tally(report, position)

    def _insert(self, table, **values) -> object:
        if "document_id" in table.c:
            values["document_id"] = self.document.id
        return self.connection.execute(table.insert().values(**values)).inserted_primary_key[0]

    def _shared(self, kind: str, value, insert) -> int | None:
        if value is None:
            return None
        key = (kind, value.model_dump_json())
        if key not in self.ids:
            self.ids[key] = insert(value)
        return self.ids[key]

    def _listed_places(self, listed: list[Place]) -> None:
        """Every entry of `places` gets its own row, all in one statement (a document names
        a dozen places or more); a report's location may reuse one of them."""
        if not listed:
            return
        values = [
            {"document_id": self.document.id, "position": position, **rows.place_row(place)}
            for position, place in enumerate(listed)
        ]
        inserted = self.connection.execute(places.insert().returning(places.c.id, sort_by_parameter_order=True), values)
        for place, place_id in zip(listed, inserted.scalars().all(), strict=True):
            self.ids[("place", place.model_dump_json())] = place_id

    def _place(self, place: Place | None) -> int | None:
        return self._shared("place", place, lambda p: self._insert(places, position=None, **rows.place_row(p)))

    def _actor(self, actor) -> int | None:
        def insert(value) -> int:
            if value.name:
                self._known_actor(value.name, value.kind)
            return self._insert(actor_mentions, **rows.actor_row(value))

        return self._shared("actor", actor, insert)

    def _known_actor(self, name: str, kind) -> None:
        """Adds a canonical actor unless it is there already. Not a SELECT first: on
        PostgreSQL another writer may be adding the same actor right now, and the loser of
        that race would fail its whole document; ON CONFLICT waits for it and skips."""
        dialect = self.connection.dialect.name
        insert = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}[dialect]
        self.connection.execute(insert(actors).values(name=name, kind=kind).on_conflict_do_nothing())

    def _source(self, source) -> int | None:
        return self._shared("source", source, lambda s: self._insert(sources, **rows.source_row(s)))

    def _event(self, report: Event, position: int) -> None:
        self._insert(
            events,
            id=report.id,
            position=position,
            event_type=report.event_type,
            sub_event_type=report.sub_event_type,
            **rows.timespan_row("date", report.date),
            actor1_id=self._actor(report.actor1),
            actor2_id=self._actor(report.actor2),
            location_id=self._place(report.location),
            **rows.quantity_row("fatalities", report.fatalities),
            **rows.quantity_row("injured", report.injured),
            **rows.claim_row(report.claimed_by),
            reported_by_id=self._source(report.reported_by),
            confidence=report.confidence,
        )
        for number, figure in enumerate(report.figures):
            self._figure(report.id, number, figure)
        self._evidence(report.evidence, event_id=report.id)

    def _figure(self, event_id: str, position: int, figure: Figure) -> None:
        self._insert(
            figures,
            event_id=event_id,
            position=position,
            **rows.quantity_row("fatalities", figure.fatalities),
            **rows.quantity_row("injured", figure.injured),
            **rows.quantity_row("casualties", figure.casualties),
            attributed_to_id=self._source(figure.attributed_to),
            **rows.span_row("span", figure.evidence),
        )

    def _tally(self, report: Tally, position: int) -> None:
        self._insert(
            tallies,
            id=report.id,
            position=position,
            **rows.quantity_row("quantity", report.quantity),
            unit=report.unit,
            actor_id=self._actor(report.actor),
            target_id=self._actor(report.target),
            claimed=report.claimed,
            region_id=self._place(report.region),
            **rows.timespan_row("period", report.period),
            attributed_to_id=self._source(report.attributed_to),
            confidence=report.confidence,
        )
        self._evidence(report.evidence, tally_id=report.id)

    def _evidence(self, spans, **owner) -> None:
        for position, span in enumerate(spans):
            self._insert(evidence, position=position, start=span.start, end=span.end, **owner)


class _Reader:
    """Reads one document's reports back into contract objects: all of them, in their
    original order (`read`), or one row at a time (`event`, `tally`) for the queries."""

    def __init__(self, connection: Connection, document: Document):
        self.connection = connection
        self.document = document
        text = document.text
        place_rows = self._rows(places)
        self.places = {r["id"]: rows.place_from(r, text) for r in place_rows}
        self.listed = [r["id"] for r in place_rows if r["position"] is not None]
        self.actors = {r["id"]: rows.actor_from(r, text) for r in self._rows(actor_mentions)}
        self.sources = {r["id"]: rows.source_from(r, text) for r in self._rows(sources)}
        self.evidence: dict[str, list[Evidence]] = {}
        for r in self._rows(evidence):
            owner = r["event_id"] or r["tally_id"]
            self.evidence.setdefault(owner, []).append(Evidence(start=r["start"], end=r["end"], text=text[r["start"] : r["end"]]))

    def _rows(self, table, owner=None) -> list:
        column = table.c.event_id if owner is not None else table.c.document_id
        key = owner if owner is not None else self.document.id
        order = [table.c.position, table.c.id] if "position" in table.c else [table.c.id]
        return list(self.connection.execute(select(table).where(column == key).order_by(*order)).mappings())

    def read(self) -> Extraction:
        return Extraction(
            document=self.document.meta,
            events=[self.event(r) for r in self._rows(events)],
            tallies=[self.tally(r) for r in self._rows(tallies)],
            places=[self.places[i] for i in self.listed],
        )

    def event(self, r) -> Event:
        text = self.document.text
        return Event(
            id=r["id"],
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"],
            date=rows.timespan_from("date", r, text),
            actor1=self.actors.get(r["actor1_id"]),
            actor2=self.actors.get(r["actor2_id"]),
            location=self.places.get(r["location_id"]),
            fatalities=rows.quantity_from("fatalities", r, text),
            injured=rows.quantity_from("injured", r, text),
            figures=[self._figure(f) for f in self._rows(figures, owner=r["id"])],
            claimed_by=rows.claim_from(r, text),
            reported_by=self.sources.get(r["reported_by_id"]),
            evidence=self.evidence.get(r["id"], []),
            confidence=r["confidence"],
        )

    def _figure(self, r) -> Figure:
        text = self.document.text
        return Figure(
            fatalities=rows.quantity_from("fatalities", r, text),
            injured=rows.quantity_from("injured", r, text),
            casualties=rows.quantity_from("casualties", r, text),
            attributed_to=self.sources.get(r["attributed_to_id"]),
            evidence=rows.span_from("span", r, text),
        )

    def tally(self, r) -> Tally:
        text = self.document.text
        return Tally(
            id=r["id"],
            quantity=rows.quantity_from("quantity", r, text),
            unit=r["unit"],
            actor=self.actors.get(r["actor_id"]),
            target=self.actors.get(r["target_id"]),
            claimed=r["claimed"],
            region=self.places.get(r["region_id"]),
            period=rows.timespan_from("period", r, text),
            attributed_to=self.sources.get(r["attributed_to_id"]),
            evidence=self.evidence.get(r["id"], []),
            confidence=r["confidence"],
        )
