"""Properties of the assembler on texts spliced from the gold articles' sentences: whatever
the order, mix of languages and publication date, the reports keep the contract's promises."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.model import Document, Evidence, iter_evidence
from marsad.pipeline import extract

GOLD = Path(__file__).parent.parent / "gold"
SENTENCES = sorted(
    {
        sentence.strip()
        for path in sorted(GOLD.glob("*/reports*.yaml"))
        for record in yaml.safe_load(path.read_text(encoding="utf-8"))
        for sentence in re.split(r"(?<=[.؟!])\s+|\n+", record["document"]["text"])
        if len(sentence.strip()) > 20
    }
)

texts = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).flatmap(
    lambda parts: st.lists(st.sampled_from(["\n", " ", "\n\n", " — "]), min_size=len(parts), max_size=len(parts)).map(
        lambda joints: "".join(part + joint for part, joint in zip(parts, joints, strict=True))
    )
)
published = st.one_of(st.none(), st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 1, 1)))
roles = st.sampled_from(["outlet", "claimant", "monitor", "official"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, date=published, role=roles, language=st.sampled_from(["ar", "en", None]))
def test_reports_keep_the_contracts_promises(text, date, role, language):
    document = Document(id="property", text=text, published=date, role=role, language=language)
    extraction = extract(document)
    for evidence in iter_evidence(extraction):
        assert isinstance(evidence, Evidence) and text[evidence.start : evidence.end] == evidence.text
    for event in extraction.events:
        if date is not None and event.date is not None:
            assert event.date.start <= date, "an incident cannot happen after it is reported"
        tolls = [f.fatalities.best for f in event.figures if f.fatalities is not None and f.fatalities.best is not None]
        if tolls and event.fatalities is not None and event.fatalities.best is not None:
            assert event.fatalities.best == min(tolls), "fatalities are the lowest voice's toll"
        assert event.actor2 is None or event.actor1 is None or event.actor2.name != event.actor1.name
    for tally in extraction.tallies:
        q = tally.quantity
        assert not (q.qualifier == "exact" and q.best is not None and q.best <= 2 and tally.unit == "attacks")
    assert extract(document).to_json() == extraction.to_json(), "the same document gives the same reports"
