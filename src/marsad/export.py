"""Exports of the store: JSON Lines of contract objects, CSV of documents, events or tallies.

CSV flattens nested values into `parent_child` columns (`fatalities_best`,
`location_country`); lists (evidence, figures) stay JSON inside their cell. Columns come
from the model, so every file of a table has the same header whatever its rows hold.

A report on its own (`marsad events --json`, `marsad export --table events`) is one JSON
line `{"document": {...}, "event": {...}}` (or `"tally"`): the document's metadata as the
contract gives it, and the report; its CSV row is the report's columns and `document_id`.
"""

from __future__ import annotations

import csv
import json
import types
import typing
from collections.abc import Iterable
from typing import TextIO

from pydantic import BaseModel

from marsad.model import DocumentMeta, Event, Tally
from marsad.store import DocumentFilter, Store

EXPORT_FORMATS = ("jsonl", "csv")
EXPORT_TABLES = ("documents", "events", "tallies")
TABLE_MODELS: dict[str, type[BaseModel]] = {"documents": DocumentMeta, "events": Event, "tallies": Tally}
# The key of a report in its JSON line, by table.
REPORT_KEYS = {"events": "event", "tallies": "tally"}
# What a document's CSV row adds to its contract fields: report counts and the text itself.
DOCUMENT_EXTRAS = ("events", "tallies", "places", "text")
# What a report's CSV row adds to its contract fields.
REPORT_EXTRAS = ("document_id",)


def export(store: Store, where: DocumentFilter, format: str, table: str, stream: TextIO) -> int:
    """Write the chosen table in the chosen format; returns the number of rows."""
    if table != "documents":
        reports = ((extraction.document, report) for _, extraction in store.extractions(where) for report in getattr(extraction, table))
        return write_reports(reports, table, format, stream)
    if format == "jsonl":
        return write_jsonl((extraction.model_dump(mode="json") for _, extraction in store.extractions(where)), stream)
    records = (
        extraction.document.model_dump(mode="json")
        | {"events": len(extraction.events), "tallies": len(extraction.tallies), "places": len(extraction.places), "text": document.text}
        for document, extraction in store.extractions(where)
    )
    return write_csv(records, flat_columns(DocumentMeta) + list(DOCUMENT_EXTRAS), stream)


def write_reports(reports: Iterable[tuple[DocumentMeta, Event | Tally]], table: str, format: str, stream: TextIO) -> int:
    """Events or tallies (`table`), each with its document, as JSON lines or CSV rows."""
    if format == "jsonl":
        key = REPORT_KEYS[table]
        lines = ({"document": document.model_dump(mode="json"), key: report.model_dump(mode="json")} for document, report in reports)
        return write_jsonl(lines, stream)
    rows = (report.model_dump(mode="json") | {"document_id": document.id} for document, report in reports)
    return write_csv(rows, report_columns(table), stream)


def report_columns(table: str) -> list[str]:
    """The CSV header of events or tallies."""
    return flat_columns(TABLE_MODELS[table]) + list(REPORT_EXTRAS)


def write_jsonl(records: Iterable[dict], stream: TextIO) -> int:
    count = 0
    for count, record in enumerate(records, start=1):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def write_csv(records: Iterable[dict], columns: list[str], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    count = 0
    for count, record in enumerate(records, start=1):
        writer.writerow(csv_row(record, columns))
    return count


def csv_row(record: dict, columns: list[str]) -> dict:
    """A record flattened into `columns`. A nested object that is null (an event with no
    location) leaves its columns empty; any other value without a column is an error, so
    the header can never silently lose a field."""
    flat = flatten(record)
    unknown = [name for name, value in flat.items() if name not in columns and value is not None]
    if unknown:
        raise ValueError(f"no CSV column for {', '.join(unknown)}")
    return {column: flat.get(column) for column in columns}


def flatten(record: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat |= flatten(value, f"{name}_")
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False) if value else ""
        else:
            flat[name] = value
    return flat


def flat_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    columns = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        nested = _model_in(field.annotation)
        columns += flat_columns(nested, f"{prefix}{name}_") if nested else [f"{prefix}{name}"]
    return columns


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model inside `Model | None`, or None for anything that is not a nested model."""
    candidates = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None
