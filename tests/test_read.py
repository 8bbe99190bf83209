"""The reading layer end to end: `read_text` and `marsad read` on the seed article."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.model import Reading

SEED = Path(__file__).parent.parent.parent / "shared" / "seed" / "article_ar.txt"


@pytest.fixture(scope="module")
def seed_reading() -> Reading:
    if not SEED.exists():
        pytest.fail(f"the seed article is missing at {SEED}")
    result = CliRunner().invoke(app, ["read", str(SEED), "--json", "--published", "2024-02-05"])
    assert result.exit_code == 0, result.output
    return Reading.model_validate_json(result.stdout)


def test_seed_counts(seed_reading):
    text = SEED.read_text(encoding="utf-8").strip()
    found = [(q.evidence.text, q.qualifier, q.low, q.best, q.high, q.unit) for q in seed_reading.quantities]
    assert found == [
        ("ما يقرب من 90 شخصاً", "approximately", None, 90, None, None),
        ("حوالي 100 هجوم", "approximately", None, 100, None, "attacks"),
        ("16 عملية", "exact", 16, 16, 16, "attacks"),
        ("أكثر من 30 عملية", "more_than", 30, 30, None, "attacks"),
        ("ما لا يقل عن 65 هجوماً", "at_least", 65, 65, None, "attacks"),
        ("نحو 215 هجومًا", "approximately", None, 215, None, "attacks"),
        ("192 هجومًا", "exact", 192, 192, 192, "attacks"),
        ("ألا يزيد عدد أعضائها عن 1000 عضو", "at_most", None, None, 1000, "members"),
        ("آلاف", "vague", 2000, None, 9999, None),
        ("حوالي 9000 مقاتل أسير", "approximately", None, 9000, None, "detainees"),
    ]
    for mention in [*seed_reading.quantities, *seed_reading.times]:
        assert text[mention.evidence.start : mention.evidence.end] == mention.evidence.text


def test_seed_times(seed_reading):
    found = [(t.evidence.text, str(t.start), str(t.end), t.precision) for t in seed_reading.times]
    assert found == [
        ("3 يناير", "2024-01-03", "2024-01-03", "day"),
        ("خلال أقل من شهرين", "2023-12-05", "2024-02-05", "range"),
        ("منذ بداية هذا العام", "2024-01-01", "2024-02-05", "range"),
        ("يناير", "2024-01-01", "2024-01-31", "month"),
        ("عام 2023", "2023-01-01", "2023-12-31", "year"),
        ("الفترة نفسها", "2023-01-01", "2023-12-31", "year"),
        ("عام 2023", "2023-01-01", "2023-12-31", "year"),
        ("أغسطس الماضي", "2023-08-01", "2023-08-31", "month"),
    ]


def test_seed_sentences_cover_the_mentions(seed_reading):
    assert len(seed_reading.sentences) == 21
    for mention in [*seed_reading.quantities, *seed_reading.times]:
        assert any(s.start <= mention.evidence.start and mention.evidence.end <= s.end for s in seed_reading.sentences)


def test_without_a_publication_date_relative_times_stay_open():
    text = "قُتل ثلاثة جنود أمس في هجوم، بعد يومين من اشتباكات 3 يناير 2024."
    result = CliRunner().invoke(app, ["read", "-", "--json"], input=text.encode())
    reading = json.loads(result.stdout)
    assert [(t["evidence"]["text"], t["start"], t["end"]) for t in reading["times"]] == [
        ("أمس", None, None),
        ("3 يناير 2024", "2024-01-03", "2024-01-03"),
    ]
    assert [(q["text"], q["best"], q["noun"]) for q in reading["quantities"]] == [("ثلاثة جنود", 3, "جنود")]


def test_marked_view_shows_each_sentence_and_what_was_read():
    text = "WASHINGTON - U.S. forces killed at least 12 fighters last week. No civilians were hurt."
    result = CliRunner().invoke(app, ["read", "-", "--published", "2024-01-15"], input=text.encode(), terminal_width=200)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("[1] WASHINGTON") for line in lines)
    assert any(line.startswith("[2] No civilians") for line in lines)
    assert any("at least 12 fighters  →  at_least low=12 best=12 (fighters)" in line for line in lines)
    assert any("last week  →  2024-01-08 … 2024-01-14 (week)" in line for line in lines)
