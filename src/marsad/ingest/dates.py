"""Publication dates as sources write them: ISO 8601, RFC 822, or in words ("الإثنين، 15 كانون الثاني 2024").

Only whole date strings from metadata (a feed's pubDate, a CSV date column, `--published`)
come here; dates inside article text are the reading stage's work.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from functools import lru_cache

from marsad.model import Published

# Levantine/Iraqi month names (كانون الثاني) are only in dateparser's Syrian Arabic locale,
# which also knows the Egyptian ones (يناير); the languages cover English and Persian.
LOCALE_ATTEMPTS = ({"locales": ["ar-SY"]}, {"languages": ["en", "ar", "fa"]})


def parse_published(value: str) -> Published | None:
    """A date when the string names only a day, a datetime when it gives the time too."""
    value = " ".join(value.split())
    if not value:
        return None
    for exact_format in (_from_iso, email.utils.parsedate_to_datetime):
        try:
            return exact_format(value)
        except (ValueError, TypeError):
            pass
    parsed = _parse_words(value)
    if parsed is None:
        return None
    if ":" not in value and parsed.time() == dt.time(0, 0):
        return parsed.date()
    return parsed


def _from_iso(value: str) -> Published:
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


@lru_cache(maxsize=4096)
def _parse_words(value: str) -> dt.datetime | None:
    import dateparser  # slow to import; only metadata that is not ISO 8601 needs it

    for attempt in LOCALE_ATTEMPTS:
        parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"}, **attempt)
        if parsed is not None:
            return parsed
    return None
