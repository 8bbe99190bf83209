"""Reports end to end: the seed article as the issue's acceptance states it, and the gold set
scored through `marsad evaluate` with the floor CI holds marsad to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

ROOT = Path(__file__).parent.parent
SEED = ROOT.parent / "shared" / "seed" / "article_ar.txt"
GOLD = ROOT / "gold"
# Floors a little under the F1 `marsad evaluate` reached when they were set (dev: events
# 0.92, tallies 0.88; held-out: events 0.86, tallies 0.84): a change that loses ground fails
# here and lists what it lost.
FLOORS = {"dev": {"events": 0.89, "tallies": 0.85}, "heldout": {"events": 0.82, "tallies": 0.80}}
runner = CliRunner()


@pytest.fixture(scope="module")
def seed() -> dict:
    if not SEED.is_file():
        pytest.fail(f"the seed article is missing: shared/seed must be beside the repository ({SEED})")
    result = runner.invoke(app, ["extract", "--json", "--published", "2024-02-05", str(SEED)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# value, qualifier, unit, claimed, period (start, end), region mention, attributed_to
SEED_TALLIES = [
    (100, "approximately", "attacks", True, ("2024-01-03", "2024-02-05"), None, "Islamic State social media accounts"),
    (16, "exact", "attacks", True, ("2023-12-05", "2024-02-05"), None, "Syrian sources"),
    (30, "more_than", "attacks", True, ("2023-12-05", "2024-02-05"), "البادية السورية", "Syrian sources"),
    (65, "at_least", "attacks", False, ("2024-01-01", "2024-01-31"), "سوريا", None),
    (215, "approximately", "attacks", False, ("2023-01-01", "2023-12-31"), "المناطق الواقعة تحت سيطرة الحكومة السورية", None),
    (192, "exact", "attacks", False, ("2023-01-01", "2023-12-31"), "شمال شرق سوريا", "Rojava Information Center"),
    (1000, "at_most", "members", None, None, "سوريا", "US officials"),
    (9000, "approximately", "detainees", None, None, "سوريا", None),
]


def _value(quantity: dict) -> float:
    return quantity["best"] if quantity["best"] is not None else quantity["high"]


def test_the_seed_article_gives_its_eight_tallies(seed):
    tallies = seed["tallies"]
    assert len(tallies) == len(SEED_TALLIES)
    for tally, (value, qualifier, unit, claimed, period, region, voice) in zip(tallies, SEED_TALLIES, strict=True):
        assert (_value(tally["quantity"]), tally["quantity"]["qualifier"], tally["unit"]) == (value, qualifier, unit)
        assert tally["actor"]["name"] == "Islamic State"
        assert tally["claimed"] is claimed
        assert (tally["period"]["start"], tally["period"]["end"]) == period if period else tally["period"] is None
        assert (tally["region"] or {}).get("mention") == region
        assert (tally["attributed_to"] or {}).get("name") == voice


def test_the_seed_article_reports_one_event_the_kerman_attack(seed):
    [event] = seed["events"]
    assert event["date"] == {"start": "2024-01-03", "end": "2024-01-03", "precision": "day", "evidence": event["date"]["evidence"]}
    assert event["actor1"]["name"] == event["claimed_by"]["name"] == "Islamic State"
    assert (event["fatalities"]["best"], event["fatalities"]["qualifier"]) == (90, "approximately")
    assert (event["location"]["mention"], event["location"]["country"], event["location"]["admin1"]) == ("كرمان", "IR", "Kerman")
    text = SEED.read_text(encoding="utf-8")
    assert all(text[e["start"] : e["end"]] == e["text"] for e in event["evidence"])
    assert "مسؤوليته" in event["claimed_by"]["evidence"]["text"]


@pytest.mark.parametrize("name", FLOORS)
def test_the_gold_sets_score_above_their_floors(name):
    result = runner.invoke(app, ["evaluate", str(GOLD / name), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    failures = json.dumps(scores["failures"], ensure_ascii=False, indent=1)
    for kind, floor in FLOORS[name].items():
        assert scores[kind]["f1"] >= floor, f"{name} {kind} F1 {scores[kind]['f1']:.3f} < {floor}; failures:\n{failures}"


def test_evaluate_exits_1_under_a_floor_it_does_not_reach():
    result = runner.invoke(app, ["evaluate", str(GOLD / "dev"), "--no-failures", "--min-f1", "0.999"])
    assert result.exit_code == 1
    assert "events" in result.stdout and "tallies" in result.stdout
