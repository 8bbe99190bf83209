"""What a time expression said, before any date is worked out.

The scanner reads text into these values and `dates.resolve` turns them into dates with
the publication date. Keeping the two apart is what lets a text with no publication date
still report its relative times (span kept, dates null) while absolute ones resolve, and
lets a range take the month of its right side ("بين 7 و13 كانون الثاني").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from marsad.read.times.data import Calendar, Part, Relation, Unit
from marsad.read.times.grammar import Period


@dataclass(frozen=True, slots=True)
class Day:
    """A day of a month: "3 يناير 2024", "الثالث من يناير", "22 جمادى الآخرة 1445"."""

    calendar: Calendar
    month: int
    day: int
    year: int | None = None
    year_offset: int | None = None
    relation: Relation | None = None


@dataclass(frozen=True, slots=True)
class BareDay:
    """A day number waiting for the month of the other side of a range ("بين 7 و13 …")."""

    day: int


@dataclass(frozen=True, slots=True)
class MonthSaid:
    calendar: Calendar
    month: int
    year: int | None = None
    year_offset: int | None = None
    relation: Relation | None = None
    part: Part | None = None


@dataclass(frozen=True, slots=True)
class Year:
    """A year, or a part of it: early/mid/late, or months first–last ("النصف الأول")."""

    calendar: Calendar
    year: int | None = None
    offset: int | None = None  # relative to the publication's year: "العام الماضي" → -1
    part: Part | tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class FirstOf:
    """The first `count` units of a year: "الشهرين الأولين من العام"."""

    unit: Unit
    count: int
    year: Year


@dataclass(frozen=True, slots=True)
class Relative:
    """A period counted from publication: a day ("أمس"), a week, a month ("الشهر الماضي")."""

    unit: Literal["day", "week", "month"]
    offset: int
    week_start: int = 0
    part: Part | None = None
    until_published: bool = False


@dataclass(frozen=True, slots=True)
class Weekday:
    weekday: int
    relation: Relation | None = None


@dataclass(frozen=True, slots=True)
class Duration:
    unit: Unit
    count: int | None  # None: "الأيام الماضية", "several weeks"
    ago: bool = False


@dataclass(frozen=True, slots=True)
class Since:
    what: Any


@dataclass(frozen=True, slots=True)
class Between:
    first: Any
    last: Any


@dataclass(frozen=True, slots=True)
class BackReference:
    kind: Literal["period", "day", "month", "year"]
    year: Year | None = None  # "في الفترة نفسها من العام الماضي": the same period, that year


def period_said(period: Period) -> Year | Relative | Since:
    """A calendar period of the data ("الأسبوع الماضي", "منذ بداية العام") as said."""
    said: Year | Relative
    if period.unit == "year":
        said = Year("gregorian", offset=period.offset)
    else:
        said = Relative(period.unit, period.offset, period.week_start)
    return Since(said) if period.until_published else said


def join_sides(first: Any, last: Any) -> Between | None:
    """The two sides of a range, the incomplete one completed from the other."""
    if isinstance(first, BareDay) and isinstance(last, Day):
        first = replace(last, day=first.day)
    elif isinstance(last, BareDay) and isinstance(first, Day):
        last = replace(first, day=last.day)
    elif isinstance(first, BareDay) or isinstance(last, BareDay):
        return None
    if isinstance(first, (Day, MonthSaid)) and isinstance(last, (Day, MonthSaid)):
        if first.year is None and first.year_offset is None and (last.year is not None or last.year_offset is not None):
            later = first.month > last.month
            if last.year is not None:
                first = replace(first, year=last.year - later)
            else:
                first = replace(first, year_offset=last.year_offset - later)
    if isinstance(first, Year) and isinstance(last, Year) and first.year and last.year and not 0 < last.year - first.year <= 50:
        return None
    if isinstance(first, (Duration, Since, BackReference)) or isinstance(last, (Duration, Since, BackReference)):
        return None
    return Between(first, last)
