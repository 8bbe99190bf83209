"""Records: JSON Lines, a JSON array of objects, CSV and TSV with a text column.

Each record is its own document, and a bad record is its own error: one truncated line
does not cost the rest of the file. A record's own date and role win over the run's.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping

from marsad.errors import InputError
from marsad.ingest.dates import parse_published
from marsad.ingest.decode import charset_of, decode_text
from marsad.ingest.document import IngestOptions, build_document
from marsad.ingest.raw import RawInput
from marsad.model import DOCUMENT_ROLES, Document, Role

Result = Document | InputError


def read_jsonl(raw: RawInput, options: IngestOptions) -> Iterator[Result]:
    text = decode_text(raw.data, raw.origin, charset_of(raw.content_type))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{raw.origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(origin, describe_json_error(error, line=False))
            continue
        yield _guarded(record, origin, raw, options)


def read_json_records(raw: RawInput, records: list, options: IngestOptions) -> Iterator[Result]:
    for number, record in enumerate(records, start=1):
        yield _guarded(record, f"{raw.origin}[{number}]", raw, options)


def read_csv(raw: RawInput, options: IngestOptions, delimiter: str = ",") -> Iterator[Result]:
    text = decode_text(raw.data, raw.origin, charset_of(raw.content_type))
    csv.field_size_limit(options.settings.max_input_bytes)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields = reader.fieldnames or []
    if options.columns.text not in fields:
        raise InputError(raw.origin, _missing_text_column(options.columns.text, fields))
    try:
        for number, record in enumerate(reader, start=2):
            yield _guarded(record, f"{raw.origin}:{number}", raw, options)
    except csv.Error as error:
        yield InputError(f"{raw.origin}:{reader.line_num}", f"malformed CSV ({error})")


def read_tsv(raw: RawInput, options: IngestOptions) -> Iterator[Result]:
    return read_csv(raw, options, delimiter="\t")


def describe_json_error(error: json.JSONDecodeError, line: bool = True) -> str:
    """"invalid JSON (Expecting ',' delimiter at line 3 column 5)"; json's own message
    sometimes ends in "at" already ("Unterminated string starting at")."""
    where = f"line {error.lineno} column {error.colno}" if line else f"column {error.colno}"
    return f"invalid JSON ({error.msg.removesuffix(' at')} at {where})"


def _guarded(record: object, origin: str, raw: RawInput, options: IngestOptions) -> Result:
    try:
        return _record_document(record, origin, raw, options)
    except InputError as error:
        return error


def _record_document(record: object, origin: str, raw: RawInput, options: IngestOptions) -> Document:
    if not isinstance(record, Mapping):
        raise InputError(origin, f"a record must be an object, not {type(record).__name__}")
    columns = options.columns
    text = record.get(columns.text)
    if not isinstance(text, str):
        raise InputError(origin, _missing_text_column(columns.text, list(record)))
    return build_document(
        text,
        origin,
        options,
        title=_string(record, columns.title, origin),
        published=_published(record, columns.published, origin),
        outlet=_string(record, columns.outlet, origin),
        url=_string(record, columns.url, origin) or raw.url,
        role=_role(record, columns.role, origin),
    )


def _string(record: Mapping, column: str, origin: str) -> str | None:
    value = record.get(column)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    raise InputError(origin, f"column '{column}' holds {type(value).__name__}, not text")


def _published(record: Mapping, column: str, origin: str):
    value = _string(record, column, origin)
    if not value or not value.strip():
        return None
    published = parse_published(value)
    if published is None:
        raise InputError(origin, f"unreadable date {value!r} in column '{column}'")
    return published


def _role(record: Mapping, column: str, origin: str) -> Role | None:
    value = (_string(record, column, origin) or "").strip().lower()
    if not value:
        return None
    if value not in DOCUMENT_ROLES:
        known = ", ".join(DOCUMENT_ROLES)
        raise InputError(origin, f"unknown role {value!r} in column '{column}' (one of {known})")
    return Role(value)


def _missing_text_column(column: str, fields: list) -> str:
    found = ", ".join(map(str, fields)) or "none"
    return f"no text column '{column}' (columns found: {found}); name it with --column text=NAME"
