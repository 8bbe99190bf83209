"""The schemas of `lang/<language>/{hedges,units}.yaml`, and the part of `months.yaml` the
quantities reader needs (a number beside a month name is a date, not a count).

Validated once by the loader (`marsad.lang`), so a qualifier the contract does not know
fails when the file is loaded, with the file's name (a unit fails when the grammar is
built, see `grammar`).
"""

from __future__ import annotations

from pydantic import BaseModel

from marsad.model import Qualifier

# The key under `units:` whose nouns count people: unit None, noun kept (see ar/units.yaml).
PEOPLE = "people"


class RangeData(BaseModel):
    opener: str | None = None
    join: list[str]


class VagueData(BaseModel):
    low: float
    high: float
    needs_noun: bool = False


class HedgeData(BaseModel):
    """Schema of `lang/<language>/hedges.yaml`."""

    before: dict[Qualifier, list[str]] = {}
    after: dict[Qualifier, list[str]] = {}
    ranges: list[RangeData] = []
    vague: dict[str, VagueData] = {}
    multipliers: dict[str, float] = {}


class NounEntry(BaseModel):
    forms: list[str]
    duals: list[str] = []


class UnitData(BaseModel):
    """Schema of `lang/<language>/units.yaml`."""

    units: dict[str, list[NounEntry]]
    linkers: list[str] = []
    articles: list[str] = []
    max_gap: int = 0
    gap_stops: list[str] = []
    transparent: list[str] = []
    percent: list[str] = []
    not_counted: list[str] = []


class MonthNames(BaseModel):
    """The part of `lang/<language>/months.yaml` (the times reader's) used here."""

    gregorian: dict[str, int] = {}
    hijri: dict[str, int] = {}
    proper_case: list[str] = []
