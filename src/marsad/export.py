"""Exports of the store: JSON Lines of contract objects, CSV of documents, events or tallies.

CSV flattens nested values into `parent_child` columns (`fatalities_best`,
`location_country`); lists (evidence, figures) stay JSON inside their cell. Columns come
from the model, so every file of a table has the same header whatever its rows hold.
"""

from __future__ import annotations

import csv
import json
import types
import typing
from collections.abc import Iterator
from typing import TextIO

from pydantic import BaseModel

from marsad.model import DocumentMeta, Event, Tally
from marsad.store import DocumentFilter, Store

EXPORT_FORMATS = ("jsonl", "csv")
EXPORT_TABLES = ("documents", "events", "tallies")
TABLE_MODELS: dict[str, type[BaseModel]] = {"documents": DocumentMeta, "events": Event, "tallies": Tally}
# What a document's CSV row adds to its contract fields: report counts and the text itself.
DOCUMENT_EXTRAS = ("events", "tallies", "places", "text")


def export(store: Store, where: DocumentFilter, format: str, table: str, stream: TextIO) -> int:
    """Write the chosen table in the chosen format; returns the number of rows."""
    records = _records(store, where, table, format)
    count = 0
    if format == "jsonl":
        for count, record in enumerate(records, start=1):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        return count
    extras = list(DOCUMENT_EXTRAS) if table == "documents" else ["document_id"]
    writer = csv.DictWriter(stream, fieldnames=flat_columns(TABLE_MODELS[table]) + extras)
    writer.writeheader()
    for count, record in enumerate(records, start=1):
        writer.writerow(flatten(record))
    return count


def _records(store: Store, where: DocumentFilter, table: str, format: str) -> Iterator[dict]:
    for document, extraction in store.extractions(where):
        if table != "documents":
            for report in getattr(extraction, table):
                yield report.model_dump(mode="json") | {"document_id": document.id}
        elif format == "jsonl":
            yield extraction.model_dump(mode="json")
        else:
            yield extraction.document.model_dump(mode="json") | {
                "events": len(extraction.events),
                "tallies": len(extraction.tallies),
                "places": len(extraction.places),
                "text": document.text,
            }


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
