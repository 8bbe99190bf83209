"""One input's bytes and what its container (file name, HTTP headers) says about them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RawInput:
    origin: str
    data: bytes
    name: str = ""
    content_type: str | None = None
    url: str | None = None
