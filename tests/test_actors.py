"""Actor mentions: the case tables, the seed article, the registry and its invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import ActorKind
from marsad.read.normalize import normalize
from marsad.resolve.actors import actor_languages, alias_count, ancestors, canonical_actor, find_actors, registry, state_actor

CASES = Path(__file__).parent / "cases"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "article_ar.txt"
SAMPLES = Path(__file__).parents[1] / "samples" / "articles"


def show(actor) -> str:
    """An actor in the cases' notation: "<evidence text> | <name> | <kind>"."""
    return f"{actor.evidence.text} | {actor.name or '-'} | {actor.kind or '-'}"


def load() -> list:
    return yaml.safe_load((CASES / "actors.yaml").read_text(encoding="utf-8"))


def test_there_are_enough_cases():
    cases = load()
    arabic = [case for case in cases if any("\u0600" <= ch <= "\u06ff" for ch in case[0])]
    assert len(cases) >= 200
    assert len(arabic) >= 90 and len(cases) - len(arabic) >= 90
    assert sum(1 for case in cases if len(case) == 1) >= 12  # sentences that name no actor


@pytest.mark.parametrize("case", load(), ids=lambda case: case[0][:60])
def test_cases(case):
    text, *expected = case
    found = find_actors(normalize(text))
    assert [show(actor) for actor in found] == expected
    for actor in found:
        assert text[actor.evidence.start : actor.evidence.end] == actor.evidence.text == actor.mention


def test_the_seed_article():
    """Every actor of the seed article: the Islamic State however it is written, the SDF,
    the Syrian government; "الجماعة الإرهابية" refers back to the Islamic State and is not
    a mention of its own (the assembler resolves references)."""
    text = SEED.read_text(encoding="utf-8")
    found = find_actors(normalize(text))
    names = {actor.evidence.text: actor.name for actor in found}
    assert names["تنظيم داعش"] == names["داعش"] == names["الدولة الإسلامية"] == "Islamic State"
    assert names["تنظيم داعش الإرهابي"] == "Islamic State"
    assert names["قوات قسد"] == names["قسد"] == names["سوريا الديمقراطية"] == "Syrian Democratic Forces"
    assert names["الحكومة السورية"] == "Syrian government"
    assert {actor.name for actor in found} == {"Islamic State", "Syrian Democratic Forces", "Syrian government"}
    assert sum(actor.name == "Islamic State" for actor in found) == 20  # every داعش and الدولة الإسلامية
    assert not any("الجماعة" in actor.mention for actor in found)


def test_every_sample_article_reads(tmp_path):
    for path in sorted(SAMPLES.glob("*.txt")):
        raw = path.read_bytes()
        for encoding in ("utf-8", "utf-16", "cp1256"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        for actor in find_actors(normalize(text)):
            assert text[actor.evidence.start : actor.evidence.end] == actor.evidence.text


# --- the registry -----------------------------------------------------------------------


def test_the_provinces_belong_to_the_islamic_state():
    provinces = [
        "Islamic State Syria Province", "Islamic State Iraq Province", "Islamic State West Africa Province",
        "Islamic State Khorasan Province", "Islamic State Sahel Province", "Islamic State Central Africa Province",
        "Islamic State Mozambique Province", "Islamic State Somalia Province",
    ]  # fmt: skip
    for name in provinces:
        actor = canonical_actor(name)
        assert actor is not None and actor.parent == "Islamic State" and actor.kind == ActorKind.REBEL_GROUP, name
    for name in ["JNIM", "al-Shabaab", "al-Qaeda in the Arabian Peninsula", "al-Qaeda in the Islamic Maghreb"]:
        assert canonical_actor(name).parent == "al-Qaeda"


def test_state_actors_are_made_for_every_country():
    assert canonical_actor("Syrian government forces").parent == "Syrian government"
    assert canonical_actor("Iraqi police").parent == "Iraqi forces"
    assert canonical_actor("Iraqi Counter-Terrorism Service").parent == "Iraqi forces"
    assert state_actor("forces", "NG").name == "Nigerian forces"
    assert state_actor("forces", "SY").countries == ("SY",)
    assert [a.name for a in ancestors("Kataib Hezbollah")] == ["Kataib Hezbollah", "Popular Mobilization Forces", "Iraqi forces", "Iraqi government"]
    for code in ["SY", "IQ", "IR", "TR", "NG", "NE", "ML", "BF", "TD", "CM", "SO", "MZ", "CD", "AF", "PK", "YE", "EG", "LB", "IL", "PH", "US", "RU"]:
        assert state_actor("forces", code) is not None, code


def test_unidentified_armed_groups_are_political_militias_as_acled_codes_them():
    assert canonical_actor("Unidentified armed group").kind == ActorKind.POLITICAL_MILITIA
    assert canonical_actor("Civilians").kind == ActorKind.CIVILIANS


def test_the_registry_and_the_alias_files_agree():
    actors = registry().by_id
    used = set()
    for language, data in actor_languages().items():
        for key in [*data.aliases, *data.guarded.aliases, *data.gives_way]:
            assert key in actors, f"{language}/actors.yaml: {key}"
            used.add(key)
    unnamed = {key for key in actors if ":" not in key} - used
    assert not unnamed, f"canonical actors no language names: {sorted(unnamed)}"
    assert alias_count() > 5000


def test_every_alias_finds_its_actor_alone():
    """Each explicit alias, standing alone in a sentence, is read as its own actor (unless a
    longer alias of the same actor contains it, or a guard or case rule holds it back)."""
    actors = registry().by_id
    for language, data in actor_languages().items():
        for key, phrases in data.aliases.items():
            for phrase in phrases:
                found = find_actors(normalize(f"قال {phrase} أمس" if language == "ar" else f"Yesterday {phrase} said."))
                assert [actor.name for actor in found] == [actors[key].name], f"{language}: {phrase!r} → {[show(a) for a in found]}"


# --- properties ------------------------------------------------------------------------------

WORDS = ["داعش", "قسد", "الجيش السوري", "وللجيش", "مسلحون", "مجهولون", "IS", "is", "ISWAP", "Islamic State", "gunmen",
         "ميليشيا", "المرتد", "الإرهابي", "من", "the", "of", "ولاية", "غرب", "أفريقيا", "الشباب", "تنظيم", "القاعدة"]  # fmt: skip
PIECES = st.sampled_from(WORDS) | st.text(st.characters(categories=("L", "M", "N", "P", "Zs")), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=25).map(" ".join))
def test_evidence_always_maps_onto_the_original(text):
    found = find_actors(normalize(text))
    ends = [actor.evidence.start for actor in found]
    assert ends == sorted(ends)
    for actor in found:
        assert text[actor.evidence.start : actor.evidence.end] == actor.evidence.text == actor.mention
        assert actor.evidence.text.strip() == actor.evidence.text


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=12).map(" ".join), st.sampled_from(["\u064b", "\u0651", "\u0640", "\u200c", "\u00ad"]))
def test_marks_and_invisible_characters_do_not_change_what_is_found(text, mark):
    plain = [(a.name, a.evidence.text) for a in find_actors(normalize(text))]
    marked_text = "".join(ch + mark if ch.isalpha() and "\u0600" <= ch <= "\u06ff" else ch for ch in text)
    marked = find_actors(normalize(marked_text))
    assert [a.name for a in marked] == [name for name, _ in plain]
    for actor in marked:
        assert marked_text[actor.evidence.start : actor.evidence.end] == actor.evidence.text


def test_a_word_at_the_very_start_keeps_its_proclitic_check():
    """The walk back over a proclitic must stop at the start of the text, not wrap around to its end."""
    text = "قسد"
    assert [a.name for a in find_actors(normalize(text))] == [a.name for a in find_actors(normalize("، " + text))]
