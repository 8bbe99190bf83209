"""The JSON contract v1: model ⇄ JSON round trip, and the schema file is current and binding."""

import json

import jsonschema
import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from marsad.model import Evidence, Extraction, Quantity, TimeSpan
from marsad.schema import schema_text, stored_schema
from strategies import documents_with_reports

VALIDATOR = jsonschema.Draft202012Validator(stored_schema())


def test_schema_file_is_current():
    """Regenerate with `make schema` when the model changes."""
    from marsad.schema import SCHEMA_PATH

    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(stored_schema())


@settings(max_examples=150, deadline=None)
@given(documents_with_reports())
def test_contract_round_trip_and_schema(pair):
    _, extraction = pair
    line = extraction.to_json()
    assert "\n" not in line
    data = json.loads(line)
    VALIDATOR.validate(data)
    assert Extraction.model_validate_json(line) == extraction
    # Every key of the contract is present, null or not.
    assert set(data) == {"document", "events", "tallies", "places"}
    assert set(data["document"]) >= {"id", "language", "published", "outlet", "url", "title", "role"}
    for event in data["events"]:
        assert set(event) >= {"id", "event_type", "sub_event_type", "date", "actor1", "actor2", "location", "fatalities",
                              "injured", "figures", "claimed_by", "reported_by", "evidence", "confidence"}  # fmt: skip
    for tally in data["tallies"]:
        assert set(tally) >= {"id", "quantity", "unit", "actor", "target", "claimed", "region", "period",
                              "attributed_to", "evidence", "confidence"}  # fmt: skip


def test_seed_shaped_tally_serialises_exactly():
    text = "وتم تسجيل ما لا يقل عن 65 هجوماً لتنظيم داعش في سوريا في يناير"
    start = text.index("ما لا يقل")
    end = text.index("هجوماً") + len("هجوماً")
    quantity = Quantity(low=65, best=65, qualifier="at_least", text=text[start:end],
                        evidence=Evidence(start=start, end=end, text=text[start:end]))  # fmt: skip
    assert json.loads(quantity.model_dump_json()) == {
        "low": 65.0, "best": 65.0, "high": None, "qualifier": "at_least", "text": "ما لا يقل عن 65 هجوماً",
        "evidence": {"start": start, "end": end, "text": "ما لا يقل عن 65 هجوماً"},
    }  # fmt: skip


@pytest.mark.parametrize(
    "bad",
    [
        lambda: Quantity(low=10, best=5, qualifier="range", text="x"),
        lambda: Quantity(best=5, qualifier="roughly", text="x"),
        lambda: TimeSpan(start="2024-02-01", end="2024-01-01", precision="range"),
        lambda: Evidence(start=5, end=2, text=""),
        lambda: Extraction.model_validate({"document": {"id": "x"}, "surprise": 1}),
    ],
    ids=["bounds-out-of-order", "unknown-qualifier", "span-backwards", "evidence-backwards", "unknown-key"],
)
def test_model_refuses_inconsistent_values(bad):
    with pytest.raises(ValidationError):
        bad()
