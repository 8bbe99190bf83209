"""Scoring extraction against gold: each gold format loaded, reports paired, figures exact.

Predictions are hand-built Extractions passed in as the `extract` function, so every
figure below is worked out by hand from the gold and the prediction side by side.
"""

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from marsad.errors import InputError
from marsad.evaluate import (
    Mismatch,
    acled_actor,
    country_code,
    evaluate,
    gold_document,
    load_gold,
    pair,
    read_gold,
    render,
    same_writing,
)
from marsad.model import Document, Event, Extraction, Tally
from strategies import documents_with_reports

# --- gold and predictions --------------------------------------------------------------------

MONITOR_AR = """\
- document:
    id: ar-monitor-deir-ez-zor
    language: ar
    published: 2024-03-13
    role: monitor
    outlet: Deir ez-Zor 24
    text: |
      وثّقت شبكة دير الزور 24 مقتل عنصرين من قوات سوريا الديمقراطية (قسد) بانفجار عبوة ناسفة استهدفت
      سيارتهم في بلدة الشحيل بريف دير الزور الشرقي، يوم الإثنين 11 آذار، وتبنّى تنظيم داعش التفجير عبر
      وكالة أعماق. وفي اليوم التالي هاجم مسلحون مجهولون حاجزاً لقسد في بلدة ذيبان، ما أدى إلى إصابة ثلاثة عناصر.
  events:
    - event_type: Explosions/Remote violence
      sub_event_type: Remote explosive/landmine/IED
      date: {start: 2024-03-11, end: 2024-03-11, precision: day}
      actor1: {name: Islamic State Syria Province}
      actor2: {name: Syrian Democratic Forces}
      location: {mention: الشحيل, country: SY, admin1: Deir ez-Zor}
      fatalities: {best: 2, qualifier: exact}
      claimed_by: {name: Islamic State Syria Province, channel: Amaq}
      reported_by: {name: Deir ez-Zor 24, role: monitor}
    - event_type: Battles
      sub_event_type: Armed clash
      date: {start: 2024-03-12, end: 2024-03-12, precision: day}
      actor1: {name: Unidentified armed group}
      actor2: {name: Syrian Democratic Forces}
      location: {mention: ذيبان, country: SY}
      fatalities: null
      injured: {best: 3, qualifier: exact}
      claimed_by: null
"""

TALLIES_AR = """\
- document:
    id: ar-is-attack-counts
    language: ar
    published: 2024-02-05
    text: |
      وذكرت مصادر سورية أن تنظيم داعش تبنّى 16 هجوماً في مناطق سيطرة قسد، وأكثر من 30 هجوماً في البادية السورية،
      خلال أقل من شهرين، فيما قدّر مركز معلومات روج آفا أن التنظيم ينفذ ما بين 10 و15 هجوماً شهرياً في شمال شرق سوريا.
      وقال مسؤولون أمريكيون إن عدد مقاتلي التنظيم في سوريا والعراق لا يزيد عن 1000 مقاتل، وإنه شنّ عشرات الهجمات على مواقع الجيش السوري.
  tallies:
    - quantity: {best: 16, qualifier: exact}
      unit: attacks
      actor: {name: Islamic State}
      claimed: true
      region: {mention: مناطق سيطرة قسد, country: SY}
      period: {start: 2023-12-05, end: 2024-02-05, precision: range}
      attributed_to: {name: Syrian sources, role: unnamed}
    - quantity: {best: 30, qualifier: more_than}
      unit: attacks
      region: {mention: البادية السورية, country: SY}
    - quantity: {low: 10, high: 15, qualifier: range}
      unit: attacks
      attributed_to: {name: Rojava Information Center, role: monitor}
    - quantity: {high: 1000, qualifier: at_most}
      unit: fighters
      attributed_to: {name: US officials, role: official}
    - quantity: {qualifier: vague}
      unit: attacks
      target: {name: Syrian government forces}
"""


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def gold_of(tmp_path: Path, content: str, name: str = "gold.yaml") -> list:
    return load_gold([write(tmp_path, name, content)])


def day(date: str, end: str | None = None, precision: str = "day") -> dict:
    return {"start": date, "end": end or date, "precision": precision}


def actor(name: str, mention: str | None = None) -> dict:
    return {"name": name, "mention": mention or name}


def event(**fields) -> Event:
    return Event.model_validate({"id": "predicted", "confidence": 0.8} | fields)


def tally(**fields) -> Tally:
    return Tally.model_validate({"id": "predicted", "confidence": 0.8} | fields)


def extracting(events=(), tallies=()):
    """An `extract` that finds the given reports in any document."""
    return lambda document: Extraction(document=document.meta, events=list(events), tallies=list(tallies))


SHUHAYL = dict(
    event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED", date=day("2024-03-11"),
    actor1=actor("Islamic State Syria Province", "تنظيم داعش"), actor2=actor("Syrian Democratic Forces", "قسد"),
    location={"mention": "بلدة الشحيل", "country": "SY", "admin1": "Deir ez-Zor"},
    fatalities={"best": 2, "low": 2, "high": 2, "qualifier": "exact", "text": "عنصرين"},
    claimed_by={"name": "Islamic State Syria Province", "mention": "تنظيم داعش", "channel": "Amaq"},
    reported_by={"name": "Deir ez-Zor 24", "mention": "شبكة دير الزور 24", "role": "monitor"},
)  # fmt: skip


# --- events ------------------------------------------------------------------------------------


def test_two_gold_events_three_predicted_one_paired(tmp_path):
    gold = gold_of(tmp_path, MONITOR_AR)
    predicted = [
        event(**SHUHAYL),
        event(event_type="Battles", date=day("2024-03-12"), location={"mention": "ذيبان", "country": "IQ"}),  # wrong country
        event(event_type="Battles", date=day("2024-03-15"), location={"mention": "ذيبان", "country": "SY"}),  # three days off
    ]
    result = evaluate(gold, extracting(predicted))
    scores = result.events
    assert (scores.gold, scores.predicted, scores.matched) == (2, 3, 1)
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 2)
    assert scores.f1 == pytest.approx(0.4)
    assert {name: (s.correct, s.total) for name, s in scores.fields.items()} == {
        name: (1, 1)
        for name in ("event_type", "sub_event_type", "date", "actor1", "actor2", "location", "fatalities", "claimed_by", "reported_by")
    }
    [document] = result.documents
    assert [str(item) for item in document.missed] == ["Battles, 2024-03-12, ذيبان (SY), Unidentified armed group vs Syrian Democratic Forces"]
    assert [item.report["location"]["country"] for item in document.spurious] == ["IQ", "SY"]
    assert document.mismatches == []
    assert result.tallies.gold == result.tallies.predicted == 0  # the gold codes no tallies: marsad's are not scored


def test_field_mismatches_are_listed_with_what_was_expected_and_got(tmp_path):
    gold = gold_of(tmp_path, MONITOR_AR)
    wrong = SHUHAYL | {
        "actor1": actor("Islamic State", "تنظيم داعش"),  # the group, not its province: strict
        "location": {"mention": "بالشحيل", "country": "SY"},  # mention agrees loosely, admin1 missing
        "fatalities": {"best": 2, "qualifier": "approximately", "text": "نحو عنصرين"},
        "claimed_by": None,
    }
    thiban = dict(
        event_type="Battles", sub_event_type="Armed clash", date=day("2024-03-12"),
        actor1=actor("Unidentified armed group", "مسلحون مجهولون"), actor2=actor("Syrian Democratic Forces", "قسد"),
        location={"mention": "ذيبان", "country": "SY"}, fatalities={"best": 1, "qualifier": "exact", "text": "قتيل"},
        injured={"best": 3, "qualifier": "exact", "text": "ثلاثة"},
    )  # fmt: skip
    result = evaluate(gold, extracting([event(**thiban), event(**wrong)]))
    assert result.events.matched == 2
    [document] = result.documents
    assert document.mismatches == [
        Mismatch("event", 1, "actor1", {"name": "Islamic State Syria Province"}, {"name": "Islamic State"}),
        Mismatch("event", 1, "location", {"mention": "الشحيل", "country": "SY", "admin1": "Deir ez-Zor"}, {"mention": "بالشحيل", "country": "SY", "admin1": None}),
        Mismatch("event", 1, "fatalities", {"best": 2, "qualifier": "exact"}, {"best": 2, "qualifier": "approximately"}),
        Mismatch("event", 1, "claimed_by", {"name": "Islamic State Syria Province", "channel": "Amaq"}, None),
        Mismatch("event", 2, "fatalities", None, {"best": 1, "qualifier": "exact", "text": "قتيل"}),
    ]  # fmt: skip
    assert str(document.mismatches[2]) == "event 1 fatalities: expected {best: 2, qualifier: exact}, got {best: 2, qualifier: approximately}"
    fields = result.events.fields
    assert (fields["actor1"].correct, fields["actor1"].total) == (1, 2)
    assert (fields["fatalities"].correct, fields["fatalities"].total) == (0, 2)
    assert (fields["injured"].correct, fields["injured"].total) == (1, 1)  # only the second gold event gives it
    assert (fields["claimed_by"].correct, fields["claimed_by"].total) == (1, 2)  # null for null is right
    assert fields["location"].accuracy == 0.5


def single(gold_event: dict, language: str = "en", text: str = "Gunmen attacked a checkpoint near the town.") -> list:
    record = {"document": {"id": "case", "language": language, "published": "2024-03-13", "text": text}, "events": [gold_event]}
    return [gold_document(record, "case")]


@pytest.mark.parametrize(
    ("gold_date", "predicted_date", "paired"),
    [
        (day("2024-03-11"), day("2024-03-11"), True),
        (day("2024-03-11"), day("2024-03-10"), True),
        (day("2024-03-11"), day("2024-03-12"), True),
        (day("2024-03-11"), day("2024-03-13"), False),
        (day("2024-03-11"), day("2024-03-09"), False),
        (day("2024-03-04", "2024-03-10", "week"), day("2024-03-11"), True),  # a span widens by a day at each end
        (day("2024-03-04", "2024-03-10", "week"), day("2024-03-03"), True),
        (day("2024-03-04", "2024-03-10", "week"), day("2024-03-12"), False),
        (day("2024-03-11"), day("2024-03-12", "2024-03-20", "range"), True),
        (day("2024-03-11"), None, True),  # a missing date does not block
        ({"start": None, "end": None, "precision": "month"}, day("2024-01-01"), True),
        (None, day("2024-03-11"), True),
    ],
)
def test_dates_pair_within_a_day(gold_date, predicted_date, paired):
    gold = single({"event_type": "Battles", "date": gold_date})
    result = evaluate(gold, extracting([event(event_type="Battles", date=predicted_date)]))
    assert result.events.matched == int(paired)
    if paired:  # the date itself is scored strictly
        assert result.events.fields["date"].correct == int(gold_date == predicted_date)


def test_the_closest_date_wins_and_a_missing_date_counts_against(tmp_path):
    gold = single({"event_type": "Battles", "date": day("2024-03-11")})
    undated = event(event_type="Battles", location={"mention": "Thiban", "country": "SY"})
    next_day, same_day = event(event_type="Battles", date=day("2024-03-12")), event(event_type="Battles", date=day("2024-03-11"))
    result = evaluate(gold, extracting([undated, next_day, same_day]))
    [document] = result.documents
    assert result.events.matched == 1 and document.mismatches == []
    assert [item.report.get("date") for item in document.spurious] == [None, {"start": dt.date(2024, 3, 12), "end": dt.date(2024, 3, 12), "precision": "day"}]


def test_pairing_finds_the_most_pairs_across_consecutive_days():
    """Gold: 3 and 4 January; marsad: 4 and 5 January. Pairing the two 4 Januarys first
    would leave 3 and 5 January apart; both pairs are within a day."""
    gold = single({"event_type": "Explosions/Remote violence", "date": day("2024-01-03")})
    gold[0].events.append({"event_type": "Explosions/Remote violence", "date": {"start": dt.date(2024, 1, 4), "end": dt.date(2024, 1, 4), "precision": "day"}})
    predicted = [event(event_type="Explosions/Remote violence", date=day(d)) for d in ("2024-01-04", "2024-01-05")]
    result = evaluate(gold, extracting(predicted))
    assert result.events.matched == 2
    assert [(m.number, m.field) for m in result.documents[0].mismatches] == [(1, "date"), (2, "date")]


@pytest.mark.parametrize(
    ("gold_location", "predicted_location", "paired"),
    [
        ({"mention": "Kerman", "country": "IR"}, {"mention": "Kerman", "country": "IR"}, True),
        ({"mention": "Kerman", "country": "IR"}, {"mention": "Kerman", "country": "IQ"}, False),
        ({"mention": "Kerman", "country": "IR"}, {"mention": "Kerman"}, True),  # unresolved: no country to clash
        ({"mention": "Kerman"}, {"mention": "Kerman", "country": "IQ"}, True),
        (None, {"mention": "Kerman", "country": "IQ"}, True),
        ({"mention": "Kerman", "country": "IR"}, None, True),
    ],
)
def test_countries_block_pairs(gold_location, predicted_location, paired):
    gold = single({"event_type": "Explosions/Remote violence", "date": day("2024-01-03"), "location": gold_location})
    result = evaluate(gold, extracting([event(event_type="Explosions/Remote violence", date=day("2024-01-03"), location=predicted_location)]))
    assert result.events.matched == int(paired)


def test_ties_are_broken_by_event_type_and_actor():
    gold = single({"event_type": "Battles", "actor1": {"name": "al-Shabaab"}, "date": day("2024-03-11")})
    result = evaluate(gold, extracting([
        event(event_type="Explosions/Remote violence", actor1=actor("al-Shabaab"), date=day("2024-03-11")),
        event(event_type="Battles", actor1=actor("Somali forces"), date=day("2024-03-11")),
        event(event_type="Battles", actor1=actor("al-Shabaab", "Al-Shabaab militants"), date=day("2024-03-11")),
    ]))  # fmt: skip
    assert result.events.matched == 1 and result.documents[0].mismatches == []


def test_a_field_left_out_is_not_scored_and_null_is():
    gold = single({"event_type": "Battles", "injured": None})
    predicted = event(event_type="Battles", actor1=actor("JNIM"), fatalities={"best": 4, "qualifier": "exact", "text": "four"}, injured={"best": 2, "qualifier": "exact", "text": "two"})
    result = evaluate(gold, extracting([predicted]))
    assert {name: (s.correct, s.total) for name, s in result.events.fields.items()} == {"event_type": (1, 1), "injured": (0, 1)}


def test_unscored_and_empty_report_lists():
    text = "Two soldiers were killed in an ambush near Menaka on Tuesday, the army said."
    uncoded = gold_document({"document": {"text": text}}, "uncoded")
    coded_none = gold_document({"document": {"text": text + " "}, "events": [], "tallies": []}, "none")
    assert uncoded.events is None and coded_none.events == []
    result = evaluate([uncoded], extracting([event(event_type="Battles")]))
    assert result.events.predicted == 0 and result.events.precision is None
    result = evaluate([coded_none], extracting([event(event_type="Battles")], [tally(quantity={"best": 2, "qualifier": "exact", "text": "Two"}, unit="deaths")]))
    assert (result.events.predicted, result.events.precision, result.events.recall, result.events.f1) == (1, 0.0, None, None)
    assert result.tallies.predicted == 1


def test_a_failing_extraction_is_reported_and_its_gold_missed(tmp_path):
    gold = gold_of(tmp_path, MONITOR_AR + TALLIES_AR)

    def extract(document: Document) -> Extraction:
        if document.id == "ar-monitor-deir-ez-zor":
            raise ValueError("assembler bug")
        return Extraction(document=document.meta)

    result = evaluate(gold, extract)
    assert [d.error for d in result.documents] == ["extraction failed (ValueError: assembler bug)", None]
    assert (result.events.gold, result.events.matched, result.tallies.gold, result.tallies.matched) == (2, 0, 5, 0)
    assert result.documents[0].failures()[0] == "error: extraction failed (ValueError: assembler bug)"


# --- tallies -----------------------------------------------------------------------------------


def test_tallies_pair_on_unit_and_figures(tmp_path):
    gold = gold_of(tmp_path, TALLIES_AR)
    is_ = actor("Islamic State", "تنظيم داعش")
    syrian_sources = {"name": "Syrian sources", "mention": "مصادر سورية", "role": "unnamed"}
    predicted = [
        tally(quantity={"low": 16, "best": 16, "high": 16, "qualifier": "exact", "text": "16 هجوماً"}, unit="attacks", actor=is_, claimed=True,
              region={"mention": "مناطق سيطرة قسد", "country": "SY"}, period=day("2023-12-05", "2024-02-05", "range"), attributed_to=syrian_sources),
        tally(quantity={"low": 30, "best": 30, "qualifier": "at_least", "text": "أكثر من 30 هجوماً"}, unit="attacks",
              region={"mention": "بالبادية السورية", "country": "SY"}),  # the hedge read wrong; the region agrees loosely
        tally(quantity={"low": 10, "high": 15, "qualifier": "range", "text": "ما بين 10 و15 هجوماً"}, unit="attacks",
              attributed_to={"name": "Rojava Information Center", "mention": "مركز معلومات روج آفا", "role": "monitor"}),
        tally(quantity={"best": 12, "qualifier": "approximately", "text": "نحو 12"}, unit="attacks"),  # no range midpoint
        tally(quantity={"high": 1000, "qualifier": "at_most", "text": "لا يزيد عن 1000 مقاتل"}, unit="members"),  # wrong unit
        tally(quantity={"low": 20, "high": 99, "qualifier": "vague", "text": "عشرات الهجمات"}, unit="attacks",
              target=actor("Syrian government forces", "الجيش السوري")),
    ]  # fmt: skip
    result = evaluate(gold, extracting(tallies=predicted))
    scores = result.tallies
    assert (scores.gold, scores.predicted, scores.matched) == (5, 6, 4)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(4 / 5)
    assert scores.f1 == pytest.approx(8 / 11)
    assert (scores.fields["quantity"].correct, scores.fields["quantity"].total) == (3, 4)
    [document] = result.documents
    assert document.mismatches == [Mismatch("tally", 2, "quantity", {"best": 30, "qualifier": "more_than"}, {"best": 30, "qualifier": "at_least"})]
    assert [str(item) for item in document.missed] == ["1000 (at_most) fighters, according to US officials"]
    assert [str(item) for item in document.spurious] == ["12 (approximately) attacks", "1000 (at_most) members"]
    assert all(score.correct == score.total for name, score in scores.fields.items() if name != "quantity")


@pytest.mark.parametrize(
    ("gold_quantity", "predicted_quantity", "paired"),
    [
        ({"best": 65, "qualifier": "at_least"}, {"low": 65, "best": 65, "qualifier": "at_least"}, True),
        ({"best": 65, "qualifier": "at_least"}, {"best": 66, "qualifier": "at_least"}, False),
        ({"low": 10, "high": 15, "qualifier": "range"}, {"low": 10, "high": 15, "qualifier": "range"}, True),
        ({"low": 10, "high": 15, "qualifier": "range"}, {"low": 10, "high": 20, "qualifier": "range"}, False),
        ({"qualifier": "vague"}, {"low": 20, "high": 99, "qualifier": "vague"}, True),
        ({"low": 20, "high": 99, "qualifier": "vague"}, {"low": 3, "high": 9, "qualifier": "vague"}, True),  # a vague word for a vague word
        ({"qualifier": "vague"}, {"best": 20, "qualifier": "approximately"}, False),
        ({"high": 1000, "qualifier": "at_most"}, {"high": 1000, "qualifier": "fewer_than"}, True),
    ],
)
def test_tally_figures(gold_quantity, predicted_quantity, paired):
    record = {"document": {"text": "Dozens of attacks were recorded in Deir ez-Zor in January."}, "tallies": [{"quantity": gold_quantity, "unit": "attacks"}]}
    gold = [gold_document(record, "case")]
    result = evaluate(gold, extracting(tallies=[tally(quantity=predicted_quantity | {"text": "dozens"}, unit="attacks")]))
    assert result.tallies.matched == int(paired)


def test_place_mentions_compare_as_the_gazetteer_compares_names():
    assert same_writing("الشحيل", "بالشحيل")
    assert same_writing("دير الزّور", "دير الزور")
    assert same_writing("Deir ez-Zor", "deir-ez-zor")
    assert same_writing("Kerman", "Kirman")
    assert not same_writing("Thiban", "Shuhayl")
    assert not same_writing("الشحيل", None)


# --- loading -----------------------------------------------------------------------------------


def test_yaml_gold_loads_as_checked_plain_values(tmp_path):
    [monitor, counts] = gold_of(tmp_path, MONITOR_AR + TALLIES_AR)
    path = tmp_path / "gold.yaml"
    assert (monitor.document.id, monitor.document.origin, counts.document.origin) == ("ar-monitor-deir-ez-zor", f"{path}:1", f"{path}:30")
    assert (monitor.document.role, monitor.document.outlet, monitor.document.published) == ("monitor", "Deir ez-Zor 24", dt.date(2024, 3, 13))
    assert monitor.document.text.startswith("وثّقت") and monitor.document.text.endswith("عناصر.")
    assert monitor.events[1] == {
        "event_type": "Battles", "sub_event_type": "Armed clash",
        "date": {"start": dt.date(2024, 3, 12), "end": dt.date(2024, 3, 12), "precision": "day"},
        "actor1": {"name": "Unidentified armed group"}, "actor2": {"name": "Syrian Democratic Forces"},
        "location": {"mention": "ذيبان", "country": "SY"}, "fatalities": None,
        "injured": {"best": 3.0, "qualifier": "exact"}, "claimed_by": None,
    }  # fmt: skip
    assert monitor.tallies is None and counts.events is None
    assert counts.tallies[2]["quantity"] == {"low": 10.0, "high": 15.0, "qualifier": "range"}


def test_gold_without_an_id_or_language_gets_them_as_ingest_would(tmp_path):
    text = "At least 12 farmers were killed by ISWAP fighters near Mafa, Borno State, on Saturday, local officials said."
    [gold] = gold_of(tmp_path, json.dumps({"document": {"text": text, "published": "2024-05-19"}, "events": []}) + "\n", "gold.jsonl")
    assert (gold.document.language, len(gold.document.id), gold.document.published) == ("en", 16, dt.date(2024, 5, 19))


def test_jsonl_gold_and_a_bad_line(tmp_path):
    good = {"document": {"id": "en-menaka", "language": "en", "text": "Two soldiers were killed near Menaka on Tuesday."}, "events": [{"event_type": "Battles"}]}
    later = {"document": {"id": "en-gao", "text": "A convoy was ambushed near Gao on Monday."}, "events": []}
    path = write(tmp_path, "gold.jsonl", f"{json.dumps(good)}\n\n{{\"document\": {{\"text\": \"cut off\n{json.dumps(later)}\n")
    items = list(read_gold([path]))
    assert [item.document.id if not isinstance(item, InputError) else str(item) for item in items] == [
        "en-menaka",
        f"{path}:3: invalid JSON (Unterminated string starting at column 23)",
        "en-gao",
    ]


def test_a_folder_holds_every_gold_file_in_order(tmp_path):
    write(tmp_path, "gold/b.jsonl", json.dumps({"document": {"id": "b", "text": "Clashes erupted in Tripoli overnight."}, "events": []}) + "\n")
    write(tmp_path, "gold/a.yaml", "- document: {id: a, text: A drone strike hit a car in Abyan on Sunday.}\n  events: []\n")
    write(tmp_path, "gold/sub/c.yml", "- document: {id: c, text: Protesters gathered in Sweida on Friday.}\n")
    write(tmp_path, "gold/README.md", "# not gold\n")
    write(tmp_path, "gold/.draft.yaml", "- document: {id: draft, text: unfinished}\n")
    assert [item.document.id for item in load_gold([tmp_path / "gold"])] == ["a", "b", "c"]


ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
    "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
)
ACLED_THIBAN = (
    'SYR123456,2024-03-11,2024,1,Political violence,Explosions/Remote violence,Remote explosive/landmine/IED,'
    'Islamic State (Syria),,2,Military Forces of Syria (2000-2024),,1,12,,760,Middle East,Syria,Deir-ez-Zor,Al Mayadin,'
    'Thiban,Thiban,35.0103,40.5041,1,Deir Ezzor 24,Subnational,"On 11 March 2024, an IED planted by IS members exploded '
    'on a Syrian regime army vehicle near Thiban (Al Mayadin, Deir-ez-Zor), killing 2 soldiers. IS claimed responsibility.",'
    "2,,1710806400"
)
ACLED_MAFA = (
    'NIG654321,16 March 2024,2024,2,Political violence,Violence against civilians,Attack,'
    'Unidentified Armed Group (Nigeria),,3,Civilians (Nigeria),Farmers (Nigeria),7,37,Civilian targeting,566,Western Africa,'
    'Nigeria,Borno,Mafa,,Mafa,11.9239,13.6000,2,Daily Trust,National,"Around 16 March 2024 (week of), gunmen attacked '
    'farmers on their farms near Mafa (Borno).\nNo fatalities were reported.",0,,1710806400'
)


def test_acled_rows_are_documents_with_one_event(tmp_path):
    path = write(tmp_path, "acled.csv", "\n".join([ACLED_HEADER, ACLED_THIBAN, ACLED_MAFA]) + "\n")
    thiban, mafa = load_gold([path])
    assert thiban.document.text.startswith("On 11 March 2024, an IED") and thiban.document.origin == f"{path}:2"
    assert (thiban.document.id, thiban.document.published, thiban.document.outlet, thiban.document.language) == ("SYR123456", dt.date(2024, 3, 11), "Deir Ezzor 24", "en")
    assert thiban.tallies is None
    assert thiban.events == [{
        "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
        "date": {"start": dt.date(2024, 3, 11), "end": dt.date(2024, 3, 11), "precision": "day"},
        "actor1": {"name": "Islamic State Syria Province"}, "actor2": {"name": "Syrian government forces"},
        "location": {"mention": "Thiban", "country": "SY", "admin1": "Deir ez-Zor"}, "fatalities": {"best": 2.0},
    }]  # fmt: skip
    # a week-precise date is not scored; 0 fatalities is "none reported", marsad's null
    assert (mafa.document.origin, mafa.document.published) == (f"{path}:3", dt.date(2024, 3, 16))
    assert mafa.events == [{
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "actor1": {"name": "Unidentified armed group"}, "actor2": {"name": "Civilians"},
        "location": {"mention": "Mafa", "country": "NG", "admin1": "Borno"}, "fatalities": None,
    }]  # fmt: skip


def test_acled_gold_scores_an_english_extraction(tmp_path):
    gold = load_gold([write(tmp_path, "acled.csv", f"{ACLED_HEADER}\n{ACLED_THIBAN}\n")])
    predicted = event(
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED", date=day("2024-03-11"),
        actor1=actor("Islamic State Syria Province", "IS members"), actor2=actor("Syrian government forces", "Syrian regime army"),
        location={"mention": "Thiban", "name": "Thiban", "country": "SY", "admin1": "Deir ez-Zor"},
        fatalities={"low": 2, "best": 2, "high": 2, "qualifier": "exact", "text": "2 soldiers"},
    )  # fmt: skip
    count = tally(quantity={"best": 1, "qualifier": "exact", "text": "one"}, unit="attacks")
    result = evaluate(gold, extracting([predicted], [count]))
    assert (result.events.precision, result.events.recall, result.events.f1) == (1.0, 1.0, 1.0)
    assert all(score.accuracy == 1.0 for score in result.events.fields.values())
    assert result.tallies.predicted == 0  # ACLED codes no tallies


def test_a_minimal_acled_export(tmp_path):
    notes = "On 3 January 2024, two explosions hit a crowd at a memorial in Kerman, killing about 90 people."
    path = write(tmp_path, "export.csv", f'event_date,country,notes\n03 January 2024,Iran,"{notes}"\n')
    [gold] = load_gold([path])
    assert gold.events == [{"date": {"start": dt.date(2024, 1, 3), "end": dt.date(2024, 1, 3), "precision": "day"}, "location": {"country": "IR"}}]


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Islamic State (Syria)", "Islamic State Syria Province"),  # the one branch marsad knows there
        ("Islamic State", "Islamic State"),
        ("Military Forces of Syria (2000-2024)", "Syrian government forces"),
        ("Police Forces of Nigeria (2015-2023)", "Nigerian police"),
        ("Military Forces of Israel (2022-)", "Israeli forces"),
        ("Civilians (Syria)", "Civilians"),
        ("Unidentified Armed Group (Nigeria)", "Unidentified armed group"),
        ("JNIM: Group for Support of Islam and Muslims", "JNIM"),
        ("Al Shabaab", "al-Shabaab"),
        ("Fulani Ethnic Militia (Nigeria)", "Fulani Ethnic Militia"),  # marsad has no such actor: ACLED's name
    ],
)
def test_acled_actor_names(name, canonical):
    assert acled_actor(name) == canonical


@pytest.mark.parametrize(
    ("name", "code"),
    [("Syria", "SY"), ("Democratic Republic of Congo", "CD"), ("Republic of Congo", "CG"), ("Cote d'Ivoire", "CI"), ("eSwatini", "SZ"), ("SY", "SY"), ("Atlantis", None)],
)
def test_acled_country_names(name, code):
    assert country_code(name) == code


# --- bad gold ------------------------------------------------------------------------------------

EVENT_OK = "- document: {id: ok, text: Two soldiers were killed near Menaka on Tuesday.}\n  events: [{event_type: Battles}]\n"


@pytest.mark.parametrize(
    ("name", "content", "line", "reason"),
    [
        ("enum.yaml", EVENT_OK + "- document: {id: bad, text: A car bomb exploded in Mogadishu.}\n  events:\n    - {event_type: Bombing}\n", 3,
         "events[1].event_type: Input should be 'Battles', 'Explosions/Remote violence', 'Violence against civilians', "
         "'Strategic developments', 'Protests' or 'Riots' (got 'Bombing')"),
        ("notext.yaml", EVENT_OK + "- document: {id: notext, language: en}\n  events: []\n", 3, "the document has no text (gold keeps it in document.text)"),
        ("typo.yaml", EVENT_OK + "- document: {text: A car bomb exploded in Mogadishu.}\n  events:\n    - {event_type: Battles, fatalites: {best: 2}}\n", 3,
         "events[1]: unknown field 'fatalites'"),
        ("bounds.yaml", EVENT_OK + "- document: {text: A car bomb exploded in Mogadishu.}\n  events:\n    - fatalities: {low: 5, high: 2, qualifier: range}\n", 3,
         "events[1].fatalities: Value error, quantity bounds out of order: 5.0, None, 2.0"),
        ("country.yaml", EVENT_OK + "- document: {text: A car bomb exploded in Mogadishu.}\n  tallies:\n    - region: {mention: Mogadishu, country: Somalia}\n", 3,
         "tallies[1].region.country: String should match pattern '^[A-Z]{2}$' (got 'Somalia')"),
        ("date.yaml", EVENT_OK + "- document: {text: A car bomb exploded in Mogadishu.}\n  events:\n    - date: {start: 2024-02-30, precision: day}\n", 3,
         "events[1].date.start: Input should be a valid date or datetime, day value is outside expected range (got '2024-02-30')"),
        ("role.yaml", EVENT_OK + "- document: {text: A car bomb exploded in Mogadishu., role: journalist}\n", 3,
         "document.role: Input should be 'outlet', 'claimant', 'monitor', 'official', 'witness' or 'unnamed' (got 'journalist')"),
        ("actor.yaml", EVENT_OK + "- document: {text: A car bomb exploded in Mogadishu.}\n  events: [{actor1: al-Shabaab}]\n", 3,
         "events[1].actor1 is an object, not str"),
        ("record.jsonl", '{"document": {"text": "Clashes in Tripoli."}}\n["not", "a", "record"]\n', 2, "a gold record is an object, not list"),
        ("keys.jsonl", '{"document": {"text": "Clashes in Tripoli."}}\n{"document": {"text": "Clashes in Sirte."}, "event": []}\n', 2, "unknown key 'event' (a gold record has document, events, tallies, places)"),
        ("dates.csv", "event_date,notes\n2024-03-11,Clashes in Tripoli.\nsoon,Clashes in Sirte.\n", 3, "unreadable event_date 'soon'"),
        ("country.csv", "event_date,country,notes\n2024-03-11,Libya,Clashes in Tripoli.\n2024-03-11,Narnia,Clashes in Sirte.\n", 3, "unknown country 'Narnia' (not in marsad's gazetteer)"),
        ("type.csv", "event_date,event_type,notes\n2024-03-11,Battles,Clashes in Tripoli.\n2024-03-11,Shelling,Clashes in Sirte.\n", 3, "event.event_type: Input should be"),
        ("dead.csv", "event_date,fatalities,notes\n2024-03-11,4,Clashes in Tripoli.\n2024-03-11,some,Clashes in Sirte.\n", 3, "fatalities 'some' is not a whole number"),
        ("empty.csv", 'event_date,notes\n2024-03-11,"Clashes in Tripoli.\nMore in Sirte."\n2024-03-11,"  "\n', 4, "no notes (an ACLED event's text)"),
    ],
)
def test_bad_gold_names_the_file_the_line_and_the_reason(tmp_path, name, content, line, reason):
    path = write(tmp_path, name, content)
    errors = []
    loaded = load_gold([path], on_error=errors.append)
    [error] = errors
    assert error.origin == f"{path}:{line}"
    assert error.reason.startswith(reason)
    assert len(loaded) == 1  # the rest of the file still loads


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("export.csv", "event_date,description\n2024-03-11,Clashes.\n", "not an ACLED-style export: no column notes (columns found: event_date, description)"),
        ("gold.yaml", "document: {text: x}\n---\n- b\n", "invalid YAML (expected a single document in the stream, but found another document)"),
        ("gold.yaml", EVENT_OK + "- document: {id: broken, text: [unclosed\n", "invalid YAML (while parsing a flow sequence, expected ',' or ']', but got '<stream end>')"),
        ("gold.yaml", "just words\n", "a gold file is a list of documents with their events and tallies"),
        ("gold.yaml", "", "empty input"),
        ("gold.txt", "Clashes.", "not a gold file (one of .yaml, .yml, .jsonl, .csv)"),
    ],
)
def test_a_bad_gold_file(tmp_path, name, content, reason):
    path = write(tmp_path, name, content)
    [error] = list(read_gold([path]))
    assert error.origin.startswith(str(path)) and error.reason.startswith(reason)


def test_missing_paths_empty_folders_and_repeated_ids(tmp_path):
    (tmp_path / "empty").mkdir()
    first = write(tmp_path, "a.yaml", EVENT_OK)
    second = write(tmp_path, "b.jsonl", json.dumps({"document": {"id": "ok", "text": "Another text."}}) + "\n")
    errors = [str(item) for item in read_gold([tmp_path / "nowhere", tmp_path / "empty", first, second]) if isinstance(item, InputError)]
    assert errors == [
        f"{tmp_path / 'nowhere'}: no such file or folder",
        f"{tmp_path / 'empty'}: no gold files (.yaml, .yml, .jsonl, .csv) in this folder",
        f"{second}:1: document id 'ok' is already used at {first}:1",
    ]
    with pytest.raises(InputError, match="no such file or folder"):
        load_gold([tmp_path / "nowhere"])


# --- output ------------------------------------------------------------------------------------


def test_json_and_rendering(tmp_path):
    gold = gold_of(tmp_path, MONITOR_AR)
    result = evaluate(gold, extracting([event(**SHUHAYL | {"actor1": actor("Islamic State")}), event(event_type="Protests", date=day("2024-03-11"))]))
    data = json.loads(result.to_json())
    assert data["documents"] == 1
    assert {key: data["events"][key] for key in ("gold", "predicted", "matched", "precision", "recall", "f1")} == {
        "gold": 2, "predicted": 2, "matched": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0,
    }  # fmt: skip
    assert data["events"]["fields"]["actor1"] == {"correct": 0, "total": 2, "accuracy": 0.0}
    assert list(data["events"]["fields"])[:3] == ["event_type", "sub_event_type", "date"]
    assert data["tallies"] == {"gold": 0, "predicted": 0, "matched": 0, "precision": None, "recall": None, "f1": None, "fields": {}}
    [failure] = data["failures"]
    assert failure["mismatches"][0] == {"kind": "event", "number": 1, "field": "actor1", "expected": {"name": "Islamic State Syria Province"}, "got": {"name": "Islamic State"}}
    [date] = [m for m in failure["mismatches"] if m["field"] == "date"]
    assert date["expected"] == {"start": "2024-03-12", "end": "2024-03-12", "precision": "day"}

    console = Console(record=True, width=200)
    for renderable in render(result):
        console.print(renderable)
    shown = console.export_text()
    assert "event actor1" in shown and "0.000" in shown
    assert "ar-monitor-deir-ez-zor" in shown
    assert "event 1 actor1: expected {name: Islamic State Syria Province}, got {name: Islamic State}" in shown
    assert len(render(result, failures=False)) == 2


def test_gold_text_is_never_console_markup(tmp_path):
    gold = [gold_document({"document": {"id": "[bold]x[/bold]", "text": "Clashes [red]in[/red] Sirte."}, "events": [{"event_type": "Riots", "location": {"mention": "[b]Sirte"}}]}, "case")]
    console = Console(record=True, width=200)
    for renderable in render(evaluate(gold, extracting())):
        console.print(renderable)
    shown = console.export_text()
    assert "[bold]x[/bold]" in shown and "missed event: Riots, [b]Sirte" in shown


# --- properties --------------------------------------------------------------------------------


def as_gold(document: Document, extraction: Extraction) -> dict:
    """An extraction written as gold (what a researcher correcting marsad's output has)."""
    return {
        "document": {"id": document.id, "text": document.text},
        "events": [report.model_dump(mode="json") for report in extraction.events],
        "tallies": [report.model_dump(mode="json") for report in extraction.tallies],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_reports())
def test_an_extraction_scored_against_itself_is_perfect(case):
    document, extraction = case
    result = evaluate([gold_document(as_gold(document, extraction), "generated")], lambda _: extraction)
    for scores in (result.events, result.tallies):
        assert scores.matched == scores.gold == scores.predicted
        assert all(field.correct == field.total for field in scores.fields.values())
    assert result.failed == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_reports(), documents_with_reports(), st.data())
def test_pairing_does_not_depend_on_the_order_of_predictions(gold_case, other_case, data):
    document, extraction = gold_case
    gold = [gold_document(as_gold(document, extraction), "generated")]
    events = other_case[1].events + extraction.events[:1]
    tallies = other_case[1].tallies + extraction.tallies[:1]
    first = evaluate(gold, extracting(events, tallies))
    shuffled = evaluate(gold, extracting(data.draw(st.permutations(events)), data.draw(st.permutations(tallies))))
    assert (first.events.matched, first.tallies.matched) == (shuffled.events.matched, shuffled.tallies.matched)


def best_by_enumeration(scores: list[list[tuple | None]]) -> tuple:
    """The most pairs, then the greatest summed affinity, over every possible pairing."""
    rows, columns = len(scores), len(scores[0]) if scores else 0
    best = (0,)
    for chosen in itertools.permutations(list(range(columns)) + [None] * rows, rows):
        pairs = [scores[i][j] for i, j in enumerate(chosen) if j is not None and scores[i][j] is not None]
        if len(pairs) == len([j for j in chosen if j is not None]):
            best = max(best, (len(pairs), *map(sum, zip(*pairs))) if pairs else (0,))
    return best


affinities = st.none() | st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 10))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 4).flatmap(lambda rows: st.integers(0, 4).flatmap(lambda columns: st.lists(st.lists(affinities, min_size=columns, max_size=columns), min_size=rows, max_size=rows))))
def test_pairing_is_optimal(scores):
    gold = [{"row": i} for i in range(len(scores))]
    predicted = [{"column": j} for j in range(len(scores[0]) if scores else 0)]
    pairs = pair(gold, predicted, lambda g, p: scores[g["row"]][p["column"]])
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    chosen = [scores[i][j] for i, j in pairs]
    assert None not in chosen
    assert ((len(chosen), *map(sum, zip(*chosen))) if chosen else (0,)) == best_by_enumeration(scores)
