"""Where inputs come from: files, folders (recursively), http(s) URLs and standard input.

Locating is cheap and happens first, so a run knows how many inputs it has (for the progress
bar) before any byte is read; loading reads one input, refusing anything over the size limit
before reading it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.errors import InputError
from marsad.ingest.raw import RawInput
from marsad.ingest.web import fetch, size_text
from marsad.settings import Settings

STDIN = "-"


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def locate(sources: list[str]) -> list[str | InputError]:
    """Expand folders into the files under them (sorted, hidden ones skipped)."""
    located: list[str | InputError] = []
    for source in sources:
        if source == STDIN or is_url(source):
            located.append(source)
            continue
        path = Path(source)
        if path.is_dir():
            located.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            located.append(source)
        else:
            located.append(InputError(source, "no such file or folder"))
    return located


def load(source: str, settings: Settings) -> RawInput:
    if source == STDIN:
        return RawInput("<stdin>", _read_capped(sys.stdin.buffer, "<stdin>", settings.max_input_bytes))
    if is_url(source):
        return fetch(source, settings)
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            raise InputError(source, f"too large ({size_text(size)}; the limit is {size_text(settings.max_input_bytes)})")
        with path.open("rb") as stream:
            return RawInput(source, _read_capped(stream, source, settings.max_input_bytes), name=path.name)
    except OSError as error:
        raise InputError(source, f"cannot read ({error.strerror or error})") from error


def _read_capped(stream, origin: str, limit: int) -> bytes:
    """Read at most `limit` bytes; one more means the input is too large (for pipes and growing files)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(origin, f"too large (over the limit of {size_text(limit)})")
    return data

