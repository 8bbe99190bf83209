"""RSS and Atom feeds (file or URL): one document per item, the feed's title as outlet."""

from __future__ import annotations

import calendar
import datetime as dt
import xml.sax
from collections.abc import Iterator

import feedparser

from marsad.errors import InputError
from marsad.ingest.dates import parse_published
from marsad.ingest.document import IngestOptions, build_document
from marsad.ingest.html import fragment_text
from marsad.ingest.raw import RawInput
from marsad.model import Document, Published

Result = Document | InputError


def read_feed(raw: RawInput, options: IngestOptions) -> Iterator[Result]:
    try:
        parsed = feedparser.parse(raw.data, response_headers=_headers(raw))
    except (ValueError, LookupError, TypeError) as error:  # a hostile encoding declaration, say
        raise InputError(raw.origin, f"unreadable feed ({type(error).__name__}: {error})") from error
    if parsed.entries and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):
        # Items before the break are still read, but the run must know the feed is broken.
        yield InputError(raw.origin, f"malformed feed ({_describe(parsed.bozo_exception)}); items are read as recovered")
    if not parsed.entries:
        if parsed.bozo:
            raise InputError(raw.origin, f"malformed feed ({_describe(parsed.bozo_exception)})")
        if not parsed.version:
            raise InputError(raw.origin, "not an RSS or Atom feed")
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{raw.origin}:item {number}"
        try:
            yield build_document(
                _entry_text(entry),
                origin,
                options,
                title=entry.get("title"),
                published=_entry_published(entry),
                outlet=outlet,
                url=entry.get("link"),
                author=entry.get("author"),
            )
        except InputError as error:
            yield error


def _entry_text(entry) -> str:
    """The fullest body the entry has: content, else the summary."""
    bodies = [content.get("value") or "" for content in entry.get("content") or []]
    bodies.append(entry.get("summary") or "")
    return fragment_text(max(bodies, key=len))


def _entry_published(entry) -> Published | None:
    """The date as the feed writes it, keeping its offset; feedparser's UTC reading as fallback.

    `dict.get` sidesteps feedparser's deprecated fallback from `published` to `updated`.
    """
    for field in ("published", "updated"):
        written, parsed_time = dict.get(entry, field), dict.get(entry, f"{field}_parsed")
        published = parse_published(written) if written else None
        if published is not None:
            return published
        if parsed_time:
            return dt.datetime.fromtimestamp(calendar.timegm(parsed_time), dt.timezone.utc)
    return None


def _headers(raw: RawInput) -> dict[str, str]:
    return {"content-type": raw.content_type} if raw.content_type else {}


def _describe(error: Exception | None) -> str:
    message = getattr(error, "getMessage", lambda: str(error))()
    line = getattr(error, "getLineNumber", lambda: None)()
    return f"{message} at line {line}" if line else message
