"""Turning extracted text and metadata into a Document with a content-hash id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from marsad.errors import InputError
from marsad.ingest.language import detect_language
from marsad.model import Document, Published, Role
from marsad.settings import Settings

ID_HEX_DIGITS = 16


@dataclass(frozen=True)
class Columns:
    """Which record field (JSON Lines, CSV) holds what."""

    text: str = "text"
    title: str = "title"
    published: str = "published"
    outlet: str = "outlet"
    url: str = "url"
    role: str = "role"


@dataclass(frozen=True)
class IngestOptions:
    """What the caller says about every input: defaults the sources themselves may override."""

    settings: Settings = field(default_factory=Settings)
    published: Published | None = None
    role: Role = Role.OUTLET
    columns: Columns = field(default_factory=Columns)


def document_id(text: str) -> str:
    """Ids are content hashes, so the same text from anywhere is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def build_document(
    text: str,
    origin: str,
    options: IngestOptions,
    *,
    title: str | None = None,
    published: Published | None = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    role: Role | None = None,
) -> Document:
    """Line endings unified and outer whitespace trimmed; nothing inside the text changes,
    so the offsets later stages report point into the text as stored."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise InputError(origin, "no text")
    return Document(
        id=document_id(text),
        text=text,
        language=detect_language(text, options.settings.languages),
        published=published or options.published,
        outlet=_clean(outlet),
        url=_clean(url),
        title=_clean(title),
        author=_clean(author),
        role=role or options.role,
        origin=origin,
    )


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None
