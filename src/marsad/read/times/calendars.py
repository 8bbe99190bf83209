"""Calendar arithmetic for the resolver, Gregorian and Hijri alike.

Hijri dates go through hijridate, which converts the Umm al-Qura years it knows
(1343–1500) and raises for others; callers treat that as "not a date". Every date that
leaves here is a plain `datetime.date`.
"""

from __future__ import annotations

import calendar
import datetime as dt

from hijridate import Gregorian, Hijri

from marsad.model import Precision
from marsad.read.times.data import Calendar, Part

Resolved = tuple[dt.date | None, dt.date | None, Precision]


def is_valid_date(calendar_name: Calendar, year: int, month: int, day: int) -> bool:
    try:
        to_gregorian(calendar_name, year, month, day)
    except (ValueError, OverflowError):
        return False
    return True


def to_gregorian(calendar_name: Calendar, year: int, month: int, day: int) -> dt.date:
    if calendar_name == "hijri":
        gregorian = Hijri(year, month, day).to_gregorian()  # a date subclass; keep plain dates
        return dt.date(gregorian.year, gregorian.month, gregorian.day)
    return dt.date(year, month, day)


def month_length(calendar_name: Calendar, year: int, month: int) -> int:
    if calendar_name == "hijri":
        return Hijri(year, month, 1).month_length()
    return calendar.monthrange(year, month)[1]


def today(calendar_name: Calendar, published: dt.date) -> tuple[int, int, int]:
    if calendar_name == "hijri":
        hijri = Gregorian(published.year, published.month, published.day).to_hijri()
        return hijri.year, hijri.month, hijri.day
    return published.year, published.month, published.day


def month_span(calendar_name: Calendar, year: int, month: int, part: Part | None) -> Resolved:
    length = month_length(calendar_name, year, month)
    first, last, precision = 1, length, Precision.MONTH
    if part is not None:
        first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, length)}[part]
        precision = Precision.RANGE
    return to_gregorian(calendar_name, year, month, first), to_gregorian(calendar_name, year, month, last), precision


def year_span(calendar_name: Calendar, year: int, part: Part | tuple[int, int] | None) -> Resolved:
    first, last = 1, 12
    if isinstance(part, tuple):
        first, last = part
    elif part is not None:
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    start = to_gregorian(calendar_name, year, first, 1)
    end = to_gregorian(calendar_name, year, last, month_length(calendar_name, year, last))
    return start, end, Precision.YEAR if part is None else Precision.RANGE


def shift_years(date: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def shift_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1
