"""An incident as its reports tell it together: every source's version side by side.

The incident's date is the narrowest its reports allow, its place the most precise one
told, its actors and type the ones most reports give. Each source's toll is kept; the
incident's own fatalities are the most conservative independent figure (ACLED's rule: a
claimant's toll counts only when nobody else gives one), and low / best / high are UCDP's
(the lowest, the middle and the highest figure any source gives).

Claim status:
- `contested`: two groups claim it, or the claimed toll and the independent tolls differ
  by `CONTESTED_RATIO` or more either way;
- `corroborated`: a claim, and at least one report that is not the claimant's voice nor
  only relays the claim;
- `claimed`: a claim, relayed by others but told by nobody independently;
- `claim_only`: only the claimant's own channels tell it;
- `attributed`: no claim, but the reports name an armed group as the perpetrator;
- `unclaimed`: no claim, and no group named.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from statistics import median

from pydantic import BaseModel

from marsad.link.reports import LinkReport
from marsad.model import Role
from marsad.resolve.actors import named_group, related

CONTESTED_RATIO = 2.0


class SourceVersion(BaseModel):
    """One report of the incident: who tells it, when, and the toll it gives."""

    event_id: str
    document_id: str
    role: str
    source: str | None
    published: dt.date | None
    date: dt.date | None
    fatalities: float | None
    injured: float | None
    claimed_by: str | None
    text: str


class IncidentRecord(BaseModel):
    id: str
    first: dt.date | None  # the range of days the reports allow
    last: dt.date | None
    country: str | None
    admin1: str | None
    event_type: str
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    fatalities: float | None
    fatalities_low: float | None
    fatalities_best: float | None
    fatalities_high: float | None
    status: str
    claimed_by: str | None
    channel: str | None
    claimed_fatalities: float | None
    n_sources: int
    source_kinds: list[str]
    first_reported: dt.date | None
    reports: list[SourceVersion]


def incident_record(incident: str, reports: list[LinkReport]) -> IncidentRecord:
    days = [r for r in reports if r.day is not None]
    first = max((r.first for r in reports if r.first is not None), default=None)
    last = min((r.last for r in reports if r.last is not None), default=None)
    if days:
        first, last = min(r.day for r in days), max(r.day for r in days)
    elif first is not None and last is not None and last < first:
        first, last = last, first
    placed = sorted((r for r in reports if r.country), key=lambda r: r.precision or 5)
    claims = [r for r in reports if r.claimed_by]
    independent = [r.fatalities for r in reports if r.fatalities is not None and r.role != Role.CLAIMANT]
    claimed = [r.fatalities for r in reports if r.fatalities is not None and r.role == Role.CLAIMANT]
    every = independent + claimed
    sources = {(r.source, r.role) for r in reports}
    return IncidentRecord(
        id=incident,
        first=first,
        last=last,
        country=placed[0].country if placed else None,
        admin1=next((r.admin1 for r in placed if r.admin1), None),
        event_type=_most(r.event_type for r in reports),
        sub_event_type=_most(r.sub_event_type for r in reports if r.sub_event_type),
        actor1=_most(r.claimed_by or r.actor1 for r in reports if r.claimed_by or r.actor1),
        actor2=_most(r.actor2 for r in reports if r.actor2),
        fatalities=min(independent) if independent else (min(claimed) if claimed else None),
        fatalities_low=min(every) if every else None,
        fatalities_best=median(independent or claimed) if every else None,
        fatalities_high=max(every) if every else None,
        status=_status(reports, claims, independent, claimed),
        claimed_by=_most(r.claimed_by for r in claims),
        channel=next((r.channel for r in claims if r.channel), None),
        claimed_fatalities=max(claimed) if claimed else None,
        n_sources=len(sources),
        source_kinds=sorted({role for _, role in sources}),
        first_reported=min((r.published for r in reports if r.published), default=None),
        reports=[
            SourceVersion(
                event_id=r.id, document_id=r.document_id, role=r.role, source=r.source, published=r.published,
                date=r.day, fatalities=r.fatalities, injured=r.injured, claimed_by=r.claimed_by, text=r.text,
            )
            for r in reports
        ],
    )


def _status(reports: list[LinkReport], claims: list[LinkReport], independent: list[float], claimed: list[float]) -> str:
    claims = [r for r in claims if named_group(r.claimed_by)]
    if not claims:
        named = [r.actor1 for r in reports if r.actor1 and named_group(r.actor1)]
        return "attributed" if named else "unclaimed"
    claimants = []
    for report in claims:
        if not any(related(report.claimed_by, other) for other in claimants):
            claimants.append(report.claimed_by)
    if len(claimants) > 1:
        return "contested"
    if claimed and independent:
        low, high = sorted((max(claimed), max(independent)))
        if low == 0 and high > 0 or low > 0 and high / low >= CONTESTED_RATIO:
            return "contested"
    if any(r.role != Role.CLAIMANT and not _relay(r) for r in reports):
        return "corroborated"
    return "claimed" if any(r.document_role != Role.CLAIMANT for r in reports) else "claim_only"


def _relay(report: LinkReport) -> bool:
    """A report that only passes the claim on: it carries the claim and names no voice of
    its own ("IS said on Amaq that ...; this could not be verified")."""
    return report.claimed_by is not None and not report.voiced


def _most(values) -> str | None:
    counted = Counter(values)
    return counted.most_common(1)[0][0] if counted else None
