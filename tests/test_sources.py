"""Voices and attribution cues: the case tables, the seed article, properties, speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import CueKind, Role
from marsad.read.normalize import normalize
from marsad.read.sources import find_cues, find_sources, phrase_counts, speaker_role
from marsad.resolve.actors import find_actors

CASES = Path(__file__).parent / "cases"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "article_ar.txt"


def load() -> list:
    return yaml.safe_load((CASES / "sources.yaml").read_text(encoding="utf-8"))


def read(text: str):
    view = normalize(text)
    actors = find_actors(view)
    cues = find_cues(view)
    return find_sources(view, actors, cues), cues


def test_there_are_enough_cases():
    cases = load()
    assert len(cases) >= 100
    roles = {line.split(" | ")[2] for case in cases for line in case.get("sources", [])}
    kinds = {line.split(" | ")[1] for case in cases for line in case.get("cues", [])}
    assert roles == {role.value for role in Role}
    assert kinds == {kind.value for kind in CueKind}


@pytest.mark.parametrize("case", load(), ids=lambda case: case["text"][:60])
def test_cases(case):
    text = case["text"]
    sources, cues = read(text)
    assert [f"{s.evidence.text} | {s.name} | {s.role}" for s in sources] == case.get("sources", [])
    assert [f"{c.evidence.text} | {c.kind}" for c in cues] == case.get("cues", [])
    for value in [*sources, *cues]:
        assert text[value.evidence.start : value.evidence.end] == value.evidence.text


def test_the_seed_article_voices():
    """The four voices of seed/expected.json with the contract's roles ("Syrian sources" are
    `unnamed`: expected.json's "reporter" is not a contract role), and the others the
    article quotes: the group's spokesman, the experts, and the group where it claims."""
    sources, _ = read(SEED.read_text(encoding="utf-8"))
    voices = [(s.evidence.text, s.name, s.role) for s in sources]
    for voice in [
        ("حسابات وسائل التواصل الاجتماعي التابعة لتنظيم داعش", "Islamic State social media accounts", "claimant"),
        ("مصادرسورية", "Syrian sources", "unnamed"),  # written without its space in the article
        ("مركز معلومات روج آفا", "Rojava Information Center", "monitor"),
        ("المسؤولين الأمريكيين", "US officials", "official"),
    ]:
        assert voice in voices
    assert ("المتحدث باسم داعش", "Islamic State spokesman", "claimant") in voices
    assert ("بعض الخبراء", "experts", "unnamed") in voices
    assert {role for _, _, role in voices} == {"claimant", "unnamed", "monitor", "official"}
    assert len(voices) == 8


def test_the_seed_article_cues():
    _, cues = read(SEED.read_text(encoding="utf-8"))
    claims = [c.evidence.text for c in cues if c.kind == "claim"]
    assert claims == ["إعلان تنظيم داعش مسؤوليته", "إعلان المسؤولية", "أعلن داعش مسؤوليته"]
    reports = [c.evidence.text for c in cues if c.kind == "report"]
    assert {"ذكرت", "وثّق", "يشير", "يقولون"} <= set(reports)


def test_without_actors_only_the_named_voices_are_found():
    view = normalize("وقال الجيش السوري إن مصادر محلية أكدت الهجوم، وذكرت حسابات التابعة لتنظيم داعش ذلك")
    assert [s.name for s in find_sources(view)] == ["local sources"]


def test_speaker_roles_follow_the_actor_kind():
    assert speaker_role("state_forces") == Role.OFFICIAL
    assert speaker_role("rebel_group") == Role.CLAIMANT
    assert speaker_role("civilians") == Role.WITNESS
    assert speaker_role(None) == Role.UNNAMED


def test_phrase_lists_are_loaded():
    counts = phrase_counts()
    assert counts["sources"] > 1000 and counts["cues"] > 250


# --- properties ------------------------------------------------------------------------------

WORDS = ["قال", "وقالت", "مصادر محلية", "مصادرسورية", "بحسب", "أعلن", "داعش", "مسؤوليته", "لم تعلن أي جهة", "المتحدث باسم",
         "الجيش", "said", "according to", "the army", "ISWAP", "claimed", "responsibility", "no group", "officials", "،", ".", "\""]  # fmt: skip
PIECES = st.sampled_from(WORDS) | st.text(st.characters(categories=("L", "M", "N", "P", "Zs")), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=25).map(" ".join))
def test_evidence_always_maps_onto_the_original(text):
    sources, cues = read(text)
    for value in [*sources, *cues]:
        assert text[value.evidence.start : value.evidence.end] == value.evidence.text
        assert value.evidence.text and value.evidence.text.strip() == value.evidence.text
    assert [s.evidence.start for s in sources] == sorted(s.evidence.start for s in sources)


# --- speed -------------------------------------------------------------------------------------


def test_the_finders_keep_up_with_the_reading_layer():
    """Actors, cues and voices together read the seed article at well over 2 MB/s (the
    reading layer's budget); bench/read.py reports the full figure on the sample corpus."""
    text = SEED.read_text(encoding="utf-8")
    views = [normalize(text + f" {i}") for i in range(40)]
    read(text)
    start = time.process_time()
    for view in views:
        actors = find_actors(view)
        find_sources(view, actors, find_cues(view))
    seconds = time.process_time() - start
    assert len(text.encode()) * len(views) / seconds > 2e6
