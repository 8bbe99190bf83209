"""Which reader an input needs: by file extension, then HTTP content type, then content."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePosixPath

from marsad.ingest.raw import RawInput


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"


EXTENSIONS = {
    ".txt": Format.TEXT, ".text": Format.TEXT, ".md": Format.TEXT,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML,
    ".xml": Format.FEED, ".rss": Format.FEED, ".atom": Format.FEED,
    ".jsonl": Format.JSONL, ".ndjson": Format.JSONL,
    ".json": Format.JSON,
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
}  # fmt: skip
CONTENT_TYPES = {
    "text/html": Format.HTML, "application/xhtml+xml": Format.HTML,
    "application/rss+xml": Format.FEED, "application/atom+xml": Format.FEED,
    "application/xml": Format.FEED, "text/xml": Format.FEED,
    "application/x-ndjson": Format.JSONL, "application/jsonl": Format.JSONL,
    "application/json": Format.JSON,
    "text/csv": Format.CSV, "text/tab-separated-values": Format.TSV,
    "text/plain": Format.TEXT,
}  # fmt: skip
FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


def detect_format(raw: RawInput) -> Format:
    suffix = PurePosixPath(raw.name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    media_type = (raw.content_type or "").split(";")[0].strip().lower()
    if media_type in CONTENT_TYPES:
        return CONTENT_TYPES[media_type]
    return sniff_format(raw.data)


def sniff_format(data: bytes) -> Format:
    """Guess from the first bytes (for standard input and extension-less files)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        return Format.FEED if any(root in head for root in FEED_ROOTS) else Format.HTML
    if head.startswith(b"["):
        return Format.JSON
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0].rstrip()
        return Format.JSONL if first_line.endswith(b"}") and b"\n{" in head else Format.JSON
    return Format.TEXT
