"""Contract objects to table rows and back.

Value objects flatten into prefixed columns (`fatalities_best`, `date_start`, ...); an
evidence span keeps only its offsets, and its text is cut from the document again on the
way back, so a stored span can never disagree with the text it points into.
"""

from __future__ import annotations

from collections.abc import Mapping

from marsad.model import Actor, Claim, Evidence, Place, Quantity, Source, TimeSpan

Row = Mapping[str, object]

PLACE_FIELDS = ("mention", "name", "name_ar", "country", "admin1", "admin2", "lat", "lon", "geo_precision", "gazetteer_id")
QUANTITY_FIELDS = ("low", "best", "high", "qualifier", "text")
CLAIM_FIELDS = ("name", "mention", "channel")


def span_row(prefix: str, evidence: Evidence | None) -> dict:
    return {
        f"{prefix}_start": evidence.start if evidence else None,
        f"{prefix}_end": evidence.end if evidence else None,
    }


def span_from(prefix: str, row: Row, text: str) -> Evidence | None:
    start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
    if start is None or end is None:
        return None
    return Evidence(start=start, end=end, text=text[start:end])


def quantity_row(prefix: str, quantity: Quantity | None) -> dict:
    values = {f"{prefix}_{field}": getattr(quantity, field) if quantity else None for field in QUANTITY_FIELDS}
    return values | span_row(f"{prefix}_span", quantity.evidence if quantity else None)


def quantity_from(prefix: str, row: Row, text: str) -> Quantity | None:
    if row[f"{prefix}_qualifier"] is None:
        return None
    values = {field: row[f"{prefix}_{field}"] for field in QUANTITY_FIELDS}
    return Quantity(**values, evidence=span_from(f"{prefix}_span", row, text))


def timespan_row(prefix: str, span: TimeSpan | None) -> dict:
    return {
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
        f"{prefix}_precision": span.precision if span else None,
    } | span_row(f"{prefix}_span", span.evidence if span else None)


def timespan_from(prefix: str, row: Row, text: str) -> TimeSpan | None:
    if row[f"{prefix}_precision"] is None:
        return None
    return TimeSpan(
        start=row[f"{prefix}_start"],
        end=row[f"{prefix}_end"],
        precision=row[f"{prefix}_precision"],
        evidence=span_from(f"{prefix}_span", row, text),
    )


def claim_row(claim: Claim | None) -> dict:
    values = {f"claimed_by_{field}": getattr(claim, field) if claim else None for field in CLAIM_FIELDS}
    return values | {"claimed": claim is not None} | span_row("claimed_by_span", claim.evidence if claim else None)


def claim_from(row: Row, text: str) -> Claim | None:
    if not row["claimed"]:
        return None
    values = {field: row[f"claimed_by_{field}"] for field in CLAIM_FIELDS}
    return Claim(**values, evidence=span_from("claimed_by_span", row, text))


def place_row(place: Place) -> dict:
    return {field: getattr(place, field) for field in PLACE_FIELDS} | span_row("span", place.evidence)


def place_from(row: Row, text: str) -> Place:
    return Place(**{field: row[field] for field in PLACE_FIELDS}, evidence=span_from("span", row, text))


def actor_row(actor: Actor) -> dict:
    return {"name": actor.name, "mention": actor.mention, "kind": actor.kind} | span_row("span", actor.evidence)


def actor_from(row: Row, text: str) -> Actor:
    return Actor(name=row["name"], mention=row["mention"], kind=row["kind"], evidence=span_from("span", row, text))


def source_row(source: Source) -> dict:
    return {"name": source.name, "mention": source.mention, "role": source.role} | span_row("span", source.evidence)


def source_from(row: Row, text: str) -> Source:
    return Source(name=row["name"], mention=row["mention"], role=row["role"], evidence=span_from("span", row, text))
