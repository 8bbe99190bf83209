"""Back-references ("في الفترة نفسها", "the same day", "in the same period"): the period
last mentioned before them.

They have no date of their own, so they are resolved against the mentions already found
in the text, not against the publication date; a kind narrower than "period" skips back
to the last mention it can take ("اليوم نفسه" the last single day).
"""

from __future__ import annotations

from marsad.model import Precision, TimeMention
from marsad.read.times.calendars import Resolved, month_span, year_span
from marsad.read.times.said import BackReference


def last_mentioned(said: BackReference, earlier: list[TimeMention]) -> Resolved:
    """The span of the last mention of `earlier` that `said` can refer to."""
    precision = {"period": Precision.RANGE, "day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}[said.kind]
    for mention in reversed(earlier):
        if said.kind == "period":
            return mention.start, mention.end, Precision(mention.precision)
        if said.kind == "day" and mention.precision == Precision.DAY:
            return mention.start, mention.end, precision
        if said.kind in ("month", "year") and mention.start is not None:
            if said.kind == "month":
                return month_span("gregorian", mention.start.year, mention.start.month, None)
            return year_span("gregorian", mention.start.year, None)
    return None, None, precision
