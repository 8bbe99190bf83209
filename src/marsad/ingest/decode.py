"""Bytes to text: UTF-8, UTF-16 (with or without a byte-order mark) and Windows-1256.

Arabic sites still serve Windows-1256, often mislabelled, so a declared charset is a hint
and the bytes decide. Binary input (images, archives, executables) is refused by its
NUL bytes and control characters rather than decoded into garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

import charset_normalizer

from marsad.errors import InputError

BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings worth guessing for the languages marsad reads; anything else is refused.
GUESSABLE = ["utf_8", "cp1256", "iso8859_6", "cp1252"]
DECLARED_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HARMLESS_CONTROLS = set("\t\n\r\f\v")
MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes, origin: str, declared: str | None = None) -> str:
    """Decode `data` or raise an InputError that says why it is not text."""
    if not data.strip():
        raise InputError(origin, "empty input")
    text = _decode(data, origin, declared or _declared_in_markup(data))
    if not text.strip():
        raise InputError(origin, "empty input")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in HARMLESS_CONTROLS)
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(origin, "binary content, not text")
    return text


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    match = DECLARED_CHARSET.search((content_type or "").encode("latin-1", "replace"))
    return match.group(1).decode("ascii") if match else None


def _decode(data: bytes, origin: str, declared: str | None) -> str:
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(origin, f"invalid {encoding.upper()} at byte {error.start}") from error
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as error:
            raise InputError(origin, f"invalid {utf16.upper()} at byte {error.start}") from error
    if b"\x00" in data:
        raise InputError(origin, "binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and _known_codec(declared) and _known_codec(declared) != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    guess = charset_normalizer.from_bytes(data, cp_isolation=GUESSABLE).best()
    if guess is None:
        raise InputError(origin, "undecodable: not UTF-8, UTF-16 or Windows-1256 text")
    return str(guess)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: of its two byte orders, the one whose characters
    crowd into a few Unicode blocks (Basic Latin, Arabic, punctuation) is the text."""
    if b"\x00" not in data:
        return None
    sample = data[: min(len(data), 8192) // 2 * 2]
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text:
            continue
        blocks = Counter(ord(ch) >> 8 for ch in text)
        share = sum(n for _, n in blocks.most_common(3)) / len(text)
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, encoding)
    return best[1] if best else None


def _declared_in_markup(data: bytes) -> str | None:
    """The charset an HTML or XML head declares (`<meta charset>`, `encoding="..."`)."""
    head = data[:2048]
    match = DECLARED_CHARSET.search(head) or re.search(rb"""encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", head)
    return match.group(1).decode("ascii") if match else None


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
