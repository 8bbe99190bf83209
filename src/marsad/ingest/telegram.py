"""Telegram Desktop JSON exports (`result.json`): one document per message with text.

A message's `text` is either a string or an array mixing strings and entity objects
(bold, links, hashtags) whose `text` joins in order; service messages (pins, joins) and
media without a caption carry no text and are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from marsad.errors import InputError
from marsad.ingest.dates import parse_published
from marsad.ingest.document import IngestOptions, build_document
from marsad.ingest.raw import RawInput
from marsad.model import Document, Published

Result = Document | InputError


def is_telegram_export(data: object) -> bool:
    return isinstance(data, Mapping) and "messages" in data


def read_telegram(raw: RawInput, export: Mapping, options: IngestOptions) -> Iterator[Result]:
    messages = export.get("messages")
    if not isinstance(messages, list):
        raise InputError(raw.origin, "not a Telegram Desktop export: 'messages' is not a list")
    channel = export.get("name") if isinstance(export.get("name"), str) else None
    for position, message in enumerate(messages, start=1):
        if not isinstance(message, Mapping):
            yield InputError(f"{raw.origin}:message #{position}", "a message must be an object")
            continue
        origin = f"{raw.origin}:message {message.get('id', '#' + str(position))}"
        if message.get("type", "message") != "message":
            continue
        try:
            text = flatten_text(message.get("text", ""), origin)
            if text.strip():
                yield build_document(text, origin, options, outlet=channel, published=_message_date(message, origin))
        except InputError as error:
            yield error


def flatten_text(text: object, origin: str) -> str:
    if isinstance(text, str):
        return text
    if not isinstance(text, list):
        raise InputError(origin, f"message text is {type(text).__name__}, not a string or an array")
    parts = []
    for part in text:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, Mapping) and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            raise InputError(origin, "message text array holds something that is neither text nor an entity")
    return "".join(parts)


def _message_date(message: Mapping, origin: str) -> Published | None:
    """`date_unixtime` (UTC) when the export has it; older exports give only local `date`."""
    unixtime = message.get("date_unixtime")
    if unixtime is not None:
        try:
            return dt.datetime.fromtimestamp(int(unixtime), dt.timezone.utc)
        except (TypeError, ValueError, OverflowError, OSError):
            raise InputError(origin, f"unreadable date_unixtime {unixtime!r}") from None
    local = message.get("date")
    return parse_published(local) if isinstance(local, str) else None
