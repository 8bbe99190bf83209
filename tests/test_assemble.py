"""The assembler's rules (marsad.assemble), through `marsad.pipeline.extract`.

Each case of tests/cases/assemble.yaml states one rule — what a figure counts, who says
what, who claimed, who did it to whom, when tellings are one incident, what is no event,
what a count statement counts — with a short text and the reports a careful coder reads
out of it. Reports are compared in the cases' notation (`show_event`, `show_tally`), so a
failure shows the whole difference at once.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from marsad.model import Claim, Document, Event, Extraction, Figure, Place, Quantity, Source, Tally, TimeSpan, iter_evidence
from marsad.pipeline import extract

CASE_FILE = Path(__file__).parent / "cases" / "assemble.yaml"
PUBLISHED = "2024-02-05"  # a Monday
ARABIC = re.compile("[\u0600-\u06ff]")


CASES: list[dict] = yaml.safe_load(CASE_FILE.read_text(encoding="utf-8"))


def document(case: dict, index: int = 0) -> Document:
    text = case["text"]
    return Document(
        id=f"assemble-case-{index}",
        text=text,
        language="ar" if ARABIC.search(text) else "en",
        published=dt.date.fromisoformat(case.get("published", PUBLISHED)),
        role=case.get("role", "outlet"),
        outlet=case.get("outlet", "Test Wire"),
    )


# --- the cases' notation ---------------------------------------------------------------------


def figure(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


def show_quantity(q: Quantity | None) -> str | None:
    return None if q is None else f"{q.qualifier} {figure(q.best) or '-'} [{figure(q.low)}..{figure(q.high)}]"


def show_time(t: TimeSpan | None) -> str | None:
    if t is None:
        return None
    if t.precision == "day" and t.start == t.end:
        return str(t.start)
    return f"{t.start}..{t.end} {t.precision}"


def show_place(p: Place | None) -> str | None:
    return None if p is None else f"{p.name or p.mention} | {p.country}"


def show_voice(s: Source | None) -> str | None:
    return None if s is None else f"{s.name} / {s.role}"


def show_claim(c: Claim | None) -> str | None:
    return None if c is None else f"{c.name} | {c.channel or '-'}"


def show_figure(f: Figure) -> dict:
    shown = {name: show_quantity(getattr(f, name)) for name in ("fatalities", "injured", "casualties") if getattr(f, name)}
    return shown | {"by": show_voice(f.attributed_to)}


def show_event(e: Event) -> dict:
    return {
        "type": f"{e.event_type} | {e.sub_event_type or '-'}",
        "date": show_time(e.date),
        "location": show_place(e.location),
        "actor1": e.actor1 and e.actor1.name,
        "actor2": e.actor2 and e.actor2.name,
        "fatalities": show_quantity(e.fatalities),
        "injured": show_quantity(e.injured),
        "figures": [show_figure(f) for f in e.figures],
        "claimed_by": show_claim(e.claimed_by),
        "reported_by": show_voice(e.reported_by),
        "sentences": len(e.evidence),
    }


def show_tally(t: Tally) -> dict:
    return {
        "quantity": show_quantity(t.quantity),
        "unit": t.unit,
        "actor": t.actor and t.actor.name,
        "target": t.target and t.target.name,
        "claimed": t.claimed,
        "region": show_place(t.region),
        "period": show_time(t.period),
        "by": show_voice(t.attributed_to),
    }


def listed(shown: dict, wanted: dict) -> dict:
    """The fields a case lists; a type given without its sub-event type compares the type alone."""
    got = {key: shown[key] for key in wanted}
    if "type" in wanted and " | " not in wanted["type"]:
        got["type"] = got["type"].split(" | ")[0]
    return got


# --- the tests ----------------------------------------------------------------------------------


CASE_PARAMS = [pytest.param(index, id=case["rule"][:80]) for index, case in enumerate(CASES)]


def test_there_are_enough_cases():
    arabic = [case for case in CASES if ARABIC.search(case["text"])]
    assert len(CASES) >= 40
    assert len(arabic) >= 0.4 * len(CASES) and len(CASES) - len(arabic) >= 0.4 * len(CASES)
    assert len({case["rule"] for case in CASES}) == len(CASES), "each case states its own rule"
    assert sum(1 for case in CASES if not case["events"] and not case["tallies"]) >= 4  # texts that report nothing


@cache
def extraction(index: int) -> Extraction:
    """The case's extraction, made once for the tests that look at it."""
    return extract(document(CASES[index], index))


@pytest.mark.parametrize("index", CASE_PARAMS)
def test_rule(index):
    case, result = CASES[index], extraction(index)
    assert len(result.events) == len(case["events"]), [show_event(e) for e in result.events]
    assert len(result.tallies) == len(case["tallies"]), [show_tally(t) for t in result.tallies]
    for event, wanted in zip(result.events, case["events"]):
        assert listed(show_event(event), wanted) == wanted
    for tally, wanted in zip(result.tallies, case["tallies"]):
        assert listed(show_tally(tally), wanted) == wanted


@pytest.mark.parametrize("index", CASE_PARAMS)
def test_evidence_is_a_slice_of_the_text(index):
    """Every value's evidence is the text as published at its offsets; an event's evidence
    is its sentences, a tally's its figure and its sentence."""
    text, result = CASES[index]["text"], extraction(index)
    for report in [*result.events, *result.tallies]:
        for evidence in iter_evidence(report):
            assert text[evidence.start : evidence.end] == evidence.text
    for event in result.events:
        assert all(e.text and e.text.strip() == e.text for e in event.evidence)
    for tally in result.tallies:
        assert tally.evidence[0] == tally.quantity.evidence
        assert tally.evidence[1].start <= tally.quantity.evidence.start < tally.evidence[1].end
