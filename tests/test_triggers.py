"""Event triggers: tables of cases in both languages, the seed article, the data's own
consistency, and properties of the spans."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.lang import LANGUAGES, topics
from marsad.model import EventType, TriggerMention
from marsad.read.normalize import Normalized, normalize
from marsad.read.phrases import GAP
from marsad.read.quantities import find_quantities
from marsad.read.times import find_times
from marsad.read.triggers import (
    SUB_EVENT_TYPES,
    TriggerData,
    counted_spans,
    expand,
    find_triggers,
    grammar,
    most_specific,
    read_triggers,
)

CASES = Path(__file__).parent / "cases" / "triggers.yaml"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "article_ar.txt"
SAMPLES = Path(__file__).parents[1] / "samples" / "articles"


def show(trigger: TriggerMention) -> str:
    """A trigger in the cases' notation: "<text> = <event type> | <sub-event type or ->"."""
    return f"{trigger.evidence.text} = {trigger.event_type} | {trigger.sub_event_type or '-'}"


def taken(view: Normalized) -> list[tuple[int, int]]:
    """What the pipeline passes: the spans of figures that count events, read after times."""
    times = find_times(view, None)
    spans = [(view.view_offset(t.evidence.start), view.view_offset(t.evidence.end)) for t in times]
    return counted_spans(view, find_quantities(view, spans))


def triggers_of(text: str) -> list[TriggerMention]:
    view = normalize(text)
    return find_triggers(view, taken(view))


def load() -> list[list[str]]:
    return yaml.safe_load(CASES.read_text(encoding="utf-8"))


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_there_are_enough_cases():
    cases = load()
    arabic = [case for case in cases if is_arabic(case[0])]
    english = [case for case in cases if not is_arabic(case[0])]
    assert len(cases) >= 250
    assert len(arabic) >= 100 and len(english) >= 100
    negatives = [case for case in cases if len(case) == 1]
    assert len(negatives) >= 60


@pytest.mark.parametrize("case", load(), ids=lambda case: case[0][:60])
def test_cases(case):
    text, *expected = case
    found = triggers_of(text)
    assert [show(t) for t in found] == expected
    for trigger in found:
        assert text[trigger.evidence.start : trigger.evidence.end] == trigger.evidence.text


def test_the_seed_article_reports_one_event():
    """The Kerman attack is the seed article's one event; its tallies' counted nouns ("100
    هجوم آخر", "65 هجوماً", "192 هجومًا"), the trend ("ارتفاع كبير جدًا في الهجمات"), the
    purpose ("لتنفيذ الهجمات"), the quoted call ("اقتحموا منازلهم واقتلوهم") and the plan
    ("التخطيط لعمليات هروب") are not events."""
    view = normalize(SEED.read_text(encoding="utf-8"))
    found = find_triggers(view, taken(view))
    assert [show(t) for t in found] == ["الهجوم الإرهابي = Violence against civilians | Attack"]
    counted = [r for r in read_triggers(view, taken(view)) if r.counted]
    assert [r.mention.evidence.text for r in counted] == ["هجوم", "هجوماً", "هجومًا", "هجومًا"]
    assert {r.kind for r in counted} == {"attack"}


def test_counted_nouns_are_kept_aside_only_when_a_figure_counts_events():
    """"شن الطيران غارتين" tells of the incident at hand; "18 غارة" counts strikes."""
    assert [show(t) for t in triggers_of("شن الطيران غارتين على القرية")] == ["غارتين = Explosions/Remote violence | Air/drone strike"]
    assert triggers_of("وشن الطيران 18 غارة على مواقع التنظيم خلال الشهر") == []
    assert [show(t) for t in triggers_of("One attack killed four soldiers.")] == ["attack = Battles | Armed clash"]


def test_the_alternatives_say_what_the_assembler_decides():
    [attack] = read_triggers(normalize("هاجم مسلحون قرية في ريف مايدوغوري"))
    assert attack.kind == "attack" and attack.generic
    assert {(a.type, a.when) for a in attack.alternatives} >= {
        ((EventType.VIOLENCE_AGAINST_CIVILIANS, "Attack"), "civilian_target"),
    }
    [seizure] = read_triggers(normalize("Fighters seized control of the town on Monday."))
    assert seizure.kind == "seizure"
    assert [(a.type, a.when) for a in seizure.alternatives] == [((EventType.BATTLES, "Government regains territory"), "state_actor")]


def test_the_most_specific_trigger_of_a_clause_wins():
    readings = read_triggers(normalize("قتل أربعة جنود في هجوم انتحاري بسيارة مفخخة استهدف موقعاً للجيش"))
    assert [r.kind for r in readings] == ["suicide_bomb", "ied", "attack"]
    assert most_specific(readings).kind == "suicide_bomb"
    assert most_specific([]) is None


def test_every_group_reads_alike_in_every_language_and_types_are_acleds():
    data = topics("triggers", TriggerData)
    assert set(data) == {"ar", "en"}
    assert set(data["ar"].groups) == set(data["en"].groups)
    for language in data.values():
        for group in language.groups.values():
            event_type, sub = group.type
            assert sub is None or sub in SUB_EVENT_TYPES[EventType(event_type)]
    assert set(grammar().groups) == set(data["ar"].groups)
    assert "fa" in LANGUAGES  # a language with no trigger file reads none, and is no error


def test_every_form_is_found_in_a_sentence_of_its_own():
    """Each data form, set in a neutral frame, is found as a trigger of its group (or is
    shadowed by a longer, more specific form of the data): no form is dead, none is
    silently blocked by a not-event phrase or a cue."""
    g = grammar()
    frames = {
        ("ar", "forms"): "وقالت المصادر: {} صباح اليوم.",
        ("ar", "verbs"): "وقالت المصادر: {} صباح اليوم.",
        ("ar", "present"): "وقالت المصادر: {} صباح اليوم.",
        ("en", "forms"): "Sources said the {} was reported in the morning.",
        ("en", "verbs"): "Sources said gunmen {} two men in the morning.",
        ("en", "present"): "Sources said the {} was reported in the morning.",
    }
    subjects = {"ar": "مسلحون مجهولون", "en": "unknown gunmen"}  # what a gap ("…") stands for
    dead = []
    for language, data in topics("triggers", TriggerData).items():
        for name, group in data.groups.items():
            for kind in ("forms", "verbs", "present"):
                for phrase in (phrase for line in getattr(group, kind) for phrase in expand(line)):
                    sentence = frames[language, kind].format(phrase.replace(GAP, subjects[language]))
                    readings = read_triggers(normalize(sentence))
                    if not readings or readings[0].kind != name and readings[0].rank > g.groups[name].rank:
                        dead.append(f"{language} {name}: {phrase}")
    assert dead == [], "\n".join(dead)


def test_proclitics_stay_outside_and_the_article_inside():
    assert [t.evidence.text for t in triggers_of("وأسفر الانفجار عن مقتل اثنين، وبعد الهجوم انتشرت القوات")] == ["الانفجار", "الهجوم"]
    assert [t.evidence.text for t in triggers_of("وبالقصف المدفعي دمرت المنازل")] == ["القصف المدفعي"]
    assert [t.evidence.text for t in triggers_of("ونجا من الهجوم، وكشف عن اغتياله لاحقاً")] == ["الهجوم", "اغتياله"]


def test_a_future_or_purpose_verb_is_no_event():
    """س and ل are not proclitics of verbs: "سيهاجم" and "ليهاجم" are not events."""
    assert triggers_of("وقال إن الجيش سيهاجم المدينة") == []
    assert triggers_of("وقال إنه جاء ليهاجم المدينة") == []
    assert [t.evidence.text for t in triggers_of("والمسلحون يهاجمون القرى منذ أيام")] == ["يهاجمون"]


def test_diacritics_and_tatweel_do_not_hide_a_trigger():
    text = "وتَبَنّى التنظيمُ الهُجُومَ الإرهابـــيَّ على المدينة"
    [trigger] = triggers_of(text)
    assert trigger.evidence.text == "الهُجُومَ الإرهابـــيَّ"
    assert text[trigger.evidence.start : trigger.evidence.end] == trigger.evidence.text


def test_the_sample_articles_give_their_events():
    found = {path.name: [show(t) for t in triggers_of(path.read_text(encoding="utf-8"))] for path in SAMPLES.glob("*.txt") if path.name.startswith(("ar_deir", "en_menaka"))}
    assert found["ar_deir_ezzor_thiban_ied.txt"][0] == "انفجار عبوة ناسفة = Explosions/Remote violence | Remote explosive/landmine/IED"
    assert "حملة دهم وتفتيش = Strategic developments | Arrests" in found["ar_deir_ezzor_thiban_ied.txt"]
    assert "ambushed = Battles | Armed clash" in found["en_menaka_tillaberi_clashes.txt"]


WORDS = ["هجوم", "الهجوم", "انفجار", "عبوة", "ناسفة", "attack", "bomb", "roadside", "clashes", "لن", "no", "100", "،", ",", " ", "  ", "\n", "ـ", "َ", "ً", "\u200f", "“", "”", "أي", "to", "heart"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=30))
def test_evidence_always_maps_onto_the_original(pieces):
    text = "".join(pieces)
    view = normalize(text)
    for reading in read_triggers(view, [(0, len(view.text) // 2)]):
        evidence = reading.mention.evidence
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
        assert evidence.text.strip() == evidence.text and evidence.text


def test_an_empty_or_triggerless_text_reads_nothing():
    assert find_triggers(normalize("")) == []
    assert find_triggers(normalize("The weather was fine in Kabul on Monday.")) == []
