"""Quantities with their hedges, units and spans, as tables of cases and as properties."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.normalize import normalize
from marsad.read.quantities import find_quantities, grammar

CASES = Path(__file__).parent / "cases"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "article_ar.txt"
SAMPLES = Path(__file__).parents[1] / "samples" / "articles"


def show(quantity) -> str:
    """A quantity in the cases' notation: "<text> = <qualifier> <low>/<best>/<high> <unit>"."""

    def number(value):
        if value is None:
            return "-"
        return str(int(value)) if float(value).is_integer() else str(value)

    bounds = "/".join(number(v) for v in (quantity.low, quantity.best, quantity.high))
    return f"{quantity.text} = {quantity.qualifier} {bounds} {quantity.unit or '-'}"


def load(language: str) -> list:
    return yaml.safe_load((CASES / f"quantities_{language}.yaml").read_text(encoding="utf-8"))


def test_there_are_enough_cases():
    assert len(load("ar")) >= 250
    assert len(load("en")) >= 100
    negatives = [case for case in load("ar") + load("en") if len(case) == 1]
    assert len(negatives) >= 60


@pytest.mark.parametrize("case", load("ar") + load("en"), ids=lambda case: case[0][:50])
def test_cases(case):
    text, *expected = case
    found = find_quantities(normalize(text))
    assert [show(q) for q in found] == expected
    for quantity in found:
        assert text[quantity.evidence.start : quantity.evidence.end] == quantity.evidence.text == quantity.text


def test_the_seed_article_gives_its_count_statements():
    """Every figure a careful coder reads out of the seed article (seed/expected.json), and
    nothing else but the vague "thousands of IS supporters"."""
    text = SEED.read_text(encoding="utf-8")
    found = [(q.qualifier, q.best if q.best is not None else q.high, q.unit, q.noun) for q in find_quantities(normalize(text))]
    assert found == [
        ("approximately", 90, None, "شخصاً"),          # the Kerman attack's toll ("مقتل ما يقرب من 90 شخصاً")
        ("approximately", 100, "attacks", "هجوم"),
        ("exact", 16, "attacks", "عملية"),
        ("more_than", 30, "attacks", "عملية"),
        ("at_least", 65, "attacks", "هجوماً"),
        ("approximately", 215, "attacks", "هجومًا"),
        ("exact", 192, "attacks", "هجومًا"),
        ("at_most", 1000, "members", "عضو"),
        ("vague", 9999, None, None),                    # "لآلاف من مؤيدي داعش"
        ("approximately", 9000, "detainees", "مقاتل أسير"),
    ]  # fmt: skip


def test_taken_spans_are_not_quantities():
    text = "وخلال أقل من شهرين قتل 15 عنصراً في 3 هجمات"
    view = normalize(text)
    start = view.text.index("15")
    assert [q.text for q in find_quantities(view)] == ["15 عنصراً", "3 هجمات"]
    assert [q.text for q in find_quantities(view, taken=[(start, start + 2)])] == ["3 هجمات"]


def test_the_noun_is_kept_as_written():
    [quantity] = find_quantities(normalize("قُتل ثلاثةُ عناصرٍ من الأمن"))
    assert (quantity.noun, quantity.unit, quantity.best) == ("عناصرٍ", "fighters", 3)


def test_samples_map_back_onto_their_text():
    for path in sorted(SAMPLES.glob("*.txt")):
        raw = path.read_bytes()
        for encoding in ("utf-8", "utf-16", "cp1256"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        for quantity in find_quantities(normalize(text)):
            assert text[quantity.evidence.start : quantity.evidence.end] == quantity.text


def test_language_data_is_consistent():
    g = grammar()
    assert g.nouns and g.hedges_before and g.vague and g.percent
    for _, entries in g.vague.by_first.items():
        for _, vague in entries:
            assert 0 < vague.low <= vague.high


# --- properties ----------------------------------------------------------------------------

PHRASES = [
    "ما لا يقل عن ٦٥ هجوماً", "حوالي 9000 مقاتل أسير", "بين 10 و15 عنصراً", "عشرات المسلحين",
    "قُتل جنديان على الأقل", "خمسةٌ وستون قتيلاً", "more than 4,000 people", "about a dozen",
    "30%", "ألف وخمسمائة نازح", "10-15 people",
]  # fmt: skip
NOISE = st.text(
    st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩،.:/-%+کی\u200c\u200f\u00a0\nabcAB019")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(NOISE, st.sampled_from(PHRASES), NOISE)
def test_evidence_always_maps_back(before, phrase, after):
    text = before + phrase + after
    for quantity in find_quantities(normalize(text)):
        assert 0 <= quantity.evidence.start <= quantity.evidence.end <= len(text)
        assert text[quantity.evidence.start : quantity.evidence.end] == quantity.evidence.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_without_error(text):
    for quantity in find_quantities(normalize(text)):
        assert text[quantity.evidence.start : quantity.evidence.end] == quantity.evidence.text


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PHRASES), st.sampled_from(["\n", " ", ". ", "، ", "\n\n"]))
def test_a_phrase_reads_the_same_among_sentences(phrase, separator):
    alone = [show(q) for q in find_quantities(normalize(phrase))]
    text = "وقال المصدر إن الهجوم وقع ليلاً" + separator + phrase + separator + "ولم تتبنه أي جهة"
    assert [show(q) for q in find_quantities(normalize(text))] == alone
