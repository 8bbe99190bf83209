"""Fetching an http(s) URL with a timeout, a redirect cap and a size cap."""

from __future__ import annotations

import time

import httpx

from marsad.errors import InputError
from marsad.ingest.raw import RawInput
from marsad.settings import Settings


def fetch(url: str, settings: Settings) -> RawInput:
    limit = settings.max_input_bytes
    # httpx's timeout bounds each read; a server trickling a byte at a time needs a deadline too.
    deadline = time.monotonic() + settings.http_timeout
    try:
        with httpx.Client(
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            timeout=settings.http_timeout,
            headers={"User-Agent": settings.user_agent},
        ) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > limit:
                raise InputError(url, f"too large ({size_text(declared)}; the limit is {size_text(limit)})")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    raise InputError(url, f"too large (over the limit of {size_text(limit)})")
                if time.monotonic() > deadline:
                    raise InputError(url, f"timed out after {settings.http_timeout:g} s")
            return RawInput(
                origin=url,
                data=bytes(body),
                name=response.url.path.rsplit("/", 1)[-1],
                content_type=response.headers.get("content-type"),
                url=str(response.url),
            )
    except httpx.TooManyRedirects as error:
        raise InputError(url, f"more than {settings.max_redirects} redirects") from error
    except httpx.TimeoutException as error:
        raise InputError(url, f"timed out after {settings.http_timeout:g} s") from error
    except httpx.HTTPError as error:
        raise InputError(url, f"cannot fetch ({type(error).__name__}: {error})") from error


def size_text(size: int) -> str:
    """A size for a message: '200.0 MB', or exact bytes below a megabyte (never '0.0 MB')."""
    megabyte = 1024 * 1024
    return f"{size / megabyte:.1f} MB" if size >= megabyte else f"{size:,} bytes"
