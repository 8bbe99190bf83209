"""ingest: sources (files, folders, URLs, standard input) → Documents.

`read_input` turns one located input into documents, yielding an InputError in place of any
document (or whole input) that cannot be read, so one bad input never stops a run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from marsad.errors import InputError
from marsad.ingest.decode import charset_of, decode_text
from marsad.ingest.document import Columns, IngestOptions
from marsad.ingest.feed import read_feed
from marsad.ingest.formats import Format, detect_format
from marsad.ingest.html import read_html
from marsad.ingest.inputs import load, locate
from marsad.ingest.raw import RawInput
from marsad.ingest.records import describe_json_error, read_csv, read_json_records, read_jsonl, read_tsv
from marsad.ingest.telegram import is_telegram_export, read_telegram
from marsad.ingest.text import read_text
from marsad.model import Document

__all__ = ["Columns", "IngestOptions", "locate", "read_input", "read_documents"]

Result = Document | InputError


def read_documents(
    sources: list[str], options: IngestOptions, progress: Callable[[int, int], None] | None = None
) -> Iterator[Result]:
    """Every document of every source, in order; `progress(done, total)` after each input."""
    located = locate(sources)
    for done, item in enumerate(located, start=1):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_input(item, options)
        if progress:
            progress(done, len(located))


def read_input(source: str, options: IngestOptions) -> Iterator[Result]:
    """Every document in one file, URL or standard input; errors in their place."""
    try:
        raw = load(source, options.settings)
        if not raw.data.strip():
            raise InputError(raw.origin, "empty input")
        yield from READERS[detect_format(raw)](raw, options)
    except InputError as error:
        yield error
    except RecursionError:
        yield InputError(source, "nested too deeply to read")


def _read_json(raw: RawInput, options: IngestOptions) -> Iterator[Result]:
    """A Telegram export, a list of records, or a single record."""
    text = decode_text(raw.data, raw.origin, charset_of(raw.content_type))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(raw.origin, describe_json_error(error)) from None
    if is_telegram_export(data):
        yield from read_telegram(raw, data, options)
    elif isinstance(data, list):
        yield from read_json_records(raw, data, options)
    elif isinstance(data, dict) and options.columns.text in data:
        yield from read_json_records(raw, [data], options)
    else:
        raise InputError(raw.origin, "JSON is neither a Telegram Desktop export ('messages') nor records with text")


READERS = {
    Format.TEXT: read_text,
    Format.HTML: read_html,
    Format.FEED: read_feed,
    Format.JSONL: read_jsonl,
    Format.JSON: _read_json,
    Format.CSV: read_csv,
    Format.TSV: read_tsv,
}
