"""What a time expression said → {start, end, precision}, against the publication date.

The rules for what a text leaves open (a month without a year, "last week", the parts of
a month) are stated once, in the package docstring (`marsad.read.times`). Without a
publication date every relative expression stays null and absolute ones still resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from marsad.model import Precision, TimeMention
from marsad.read.times.back_references import last_mentioned
from marsad.read.times.calendars import Resolved, month_span, shift_months, shift_years, to_gregorian, today, year_span
from marsad.read.times.data import Calendar, Relation, Unit
from marsad.read.times.said import BackReference, BareDay, Between, Day, Duration, FirstOf, MonthSaid, Relative, Since, Weekday, Year


def _month_year(calendar_name: Calendar, month: int, relation: Relation | None, published: dt.date) -> int:
    """The year of a month named without one (see the package docstring)."""
    year, current, _ = today(calendar_name, published)
    if relation == "past":
        return year if month < current else year - 1
    if relation == "next":
        return year if month > current else year + 1
    if relation == "current":
        return year
    return year if month <= current else year - 1


def _day_year(said: Day, published: dt.date) -> int:
    year, month, day = today(said.calendar, published)
    later = (said.month, said.day) > (month, day)
    if said.relation == "past":
        return year - 1 if (said.month, said.day) >= (month, day) else year
    if said.relation == "next":
        return year if later else year + 1
    if later and said.month != month:
        return year - 1
    return year


def resolve(said: Any, published: dt.date | None, earlier: list[TimeMention]) -> Resolved:
    """What the text said → (start, end, precision); null dates where it needs a
    publication date that is not known."""
    if isinstance(said, Day):
        year = said.year
        if year is None and said.year_offset is not None and published is not None:
            year = today(said.calendar, published)[0] + said.year_offset
        if year is None and published is not None and said.year_offset is None:
            year = _day_year(said, published)
        if year is None:
            return None, None, Precision.DAY
        date = to_gregorian(said.calendar, year, said.month, said.day)
        return date, date, Precision.DAY
    if isinstance(said, MonthSaid):
        year = said.year
        if year is None and published is not None:
            if said.year_offset is not None:
                year = today(said.calendar, published)[0] + said.year_offset
            else:
                year = _month_year(said.calendar, said.month, said.relation, published)
        if year is None:
            return None, None, Precision.MONTH if said.part is None else Precision.RANGE
        return month_span(said.calendar, year, said.month, said.part)
    if isinstance(said, Year):
        year = said.year
        if year is None and published is not None:
            year = today(said.calendar, published)[0] + said.offset
        if year is None:
            return None, None, Precision.YEAR if said.part is None else Precision.RANGE
        return year_span(said.calendar, year, said.part)
    if isinstance(said, Relative):
        return _relative(said, published)
    if isinstance(said, Weekday):
        if published is None:
            return None, None, Precision.DAY
        back = (published.weekday() - said.weekday) % 7
        if said.relation == "past" and back == 0:
            back = 7
        if said.relation == "next":
            back = back - 7 if back else -7
        date = published - dt.timedelta(days=back)
        return date, date, Precision.DAY
    if isinstance(said, Duration):
        return _duration(said, published)
    if isinstance(said, Since):
        start, _, _ = resolve(said.what, published, earlier)
        if start is None:
            return None, None, Precision.RANGE
        return start, published, Precision.RANGE
    if isinstance(said, Between):
        start, _, _ = resolve(said.first, published, earlier)
        _, end, _ = resolve(said.last, published, earlier)
        return start, end, Precision.RANGE
    if isinstance(said, BackReference):
        start, end, precision = last_mentioned(said, earlier)
        if said.year is None or start is None or end is None:
            return start, end, precision
        year_start, _, _ = resolve(said.year, published, earlier)
        if year_start is None:
            return None, None, precision
        shift = year_start.year - start.year
        return shift_years(start, shift), shift_years(end, shift), precision
    if isinstance(said, FirstOf):
        year_start, _, _ = resolve(said.year, published, earlier)
        if year_start is None:
            return None, None, Precision.RANGE
        if said.unit == "year":
            return None, None, Precision.RANGE
        if said.unit == "month":
            year, month = shift_months(year_start.year, year_start.month, said.count - 1)
            return year_start, dt.date(year, month, calendar.monthrange(year, month)[1]), Precision.RANGE
        days = said.count * (7 if said.unit == "week" else 1)
        return year_start, year_start + dt.timedelta(days=days - 1), Precision.RANGE
    if isinstance(said, BareDay):
        return None, None, Precision.DAY
    raise TypeError(f"cannot resolve {said!r}")


def _relative(said: Relative, published: dt.date | None) -> Resolved:
    precision = {"day": Precision.DAY, "week": Precision.WEEK, "month": Precision.MONTH}[said.unit]
    if said.part is not None and said.unit == "month":
        precision = Precision.RANGE
    if published is None:
        return None, None, precision
    if said.unit == "day":
        date = published + dt.timedelta(days=said.offset)
        return date, date, precision
    if said.unit == "week":
        if said.offset == 0:
            start = published - dt.timedelta(days=(published.weekday() - said.week_start) % 7)
            return start, start + dt.timedelta(days=6), precision
        if said.offset < 0:  # the seven days before publication, and so on back
            end = published - dt.timedelta(days=1 + 7 * (-said.offset - 1))
            return end - dt.timedelta(days=6), end, precision
        start = published + dt.timedelta(days=1 + 7 * (said.offset - 1))
        return start, start + dt.timedelta(days=6), precision
    year, month = shift_months(published.year, published.month, said.offset)
    return month_span("gregorian", year, month, said.part)


def _duration(said: Duration, published: dt.date | None) -> Resolved:
    if said.ago:
        precision = {"day": Precision.DAY, "hour": Precision.DAY, "week": Precision.WEEK,
                     "month": Precision.MONTH, "year": Precision.YEAR}[said.unit]
        if published is None:
            return None, None, precision
        count = said.count or 0
        if said.unit in ("day", "hour"):
            date = published - dt.timedelta(days=count if said.unit == "day" else count // 24)
            return date, date, precision
        if said.unit == "week":
            start = published - dt.timedelta(days=7 * count)
            return start, start + dt.timedelta(days=6), precision
        if said.unit == "month":
            year, month = shift_months(published.year, published.month, -count)
            return month_span("gregorian", year, month, None)
        return year_span("gregorian", published.year - count, None)
    if published is None:
        return None, None, Precision.RANGE
    if said.count is None:
        return None, published, Precision.RANGE
    return _before(published, said.unit, said.count), published, Precision.RANGE


def _before(published: dt.date, unit: Unit, count: int) -> dt.date:
    """That long before publication; months and years by the calendar ("شهرين" before
    5 February is 5 December), clamped to the month's last day."""
    if unit == "day":
        return published - dt.timedelta(days=count)
    if unit == "hour":
        return published - dt.timedelta(days=-(-count // 24))
    if unit == "week":
        return published - dt.timedelta(days=7 * count)
    months = count if unit == "month" else 12 * count
    year, month = shift_months(published.year, published.month, -months)
    return dt.date(year, month, min(published.day, calendar.monthrange(year, month)[1]))
