"""The schemas of `lang/<language>/months.yaml` and `lang/<language>/relative_times.yaml`.

They are the times reader's whole vocabulary; the loader (`marsad.lang`) validates each file
against them once, so a misspelt key or a unit the resolver does not know fails at load
time with the file's name, not as a silently missed date.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Unit = Literal["day", "week", "month", "year", "hour"]
Part = Literal["early", "mid", "late"]
Relation = Literal["past", "next", "current"]
Calendar = Literal["gregorian", "hijri"]

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class MonthsData(BaseModel):
    gregorian: dict[str, int]
    hijri: dict[str, int] = {}
    ambiguous: list[str] = []
    proper_case: list[str] = []
    abbreviated: list[str] = []
    weekdays: dict[str, int] = {}
    day_ordinals: dict[str, int] = {}
    day_suffixes: list[str] = []
    numeric_order: list[Literal["day", "month", "year"]] = ["day", "month", "year"]


class PeriodData(BaseModel):
    unit: Literal["week", "month", "year"]
    offset: int
    until_published: bool = False


class DurationForms(BaseModel):
    one: list[str] = []
    two: list[str] = []
    many: list[str] = []


class RelativeTimesData(BaseModel):
    clitics: dict[str, str] = {}
    days: dict[str, int] = {}
    not_followed_by: dict[str, list[str]] = {}
    periods: dict[str, PeriodData] = {}
    week_starts: Literal[WEEKDAY_NAMES] = "monday"  # type: ignore[valid-type]
    current_units: dict[str, Literal["month", "year"]] = {}
    parts: dict[Part, list[str]] = {}
    relations_after: dict[Relation, list[str]] = {}
    relations_before: dict[Relation, list[str]] = {}
    back_references: dict[Literal["period", "day", "month", "year"], list[str]] = {}
    year_stretches: dict[str, tuple[int, int]] = {}
    first_words: list[str] = []
    durations: dict[Unit, DurationForms] = {}
    duration_openers: list[str] = []
    count_only_openers: list[str] = []
    duration_hedges: list[str] = []
    past_after: list[str] = []
    past_before: list[str] = []
    vague_counts: list[str] = []
    ago_before: list[str] = []
    ago_after: list[str] = []
    ago_not_followed_by: list[str] = []
    number_articles: list[str] = []
    glued_articles: list[str] = []
    one_words: list[str] = []
    since: list[str] = []
    range_openers: list[str] = []
    range_joiners: list[str] = []
    year_words: list[str] = []
    month_words: list[str] = []
    day_words: list[str] = []
    of_words: list[str] = []
    cues: list[str] = []
    calendar_marks: dict[Calendar, list[str]] = {}
