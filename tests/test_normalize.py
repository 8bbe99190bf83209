"""The matching view folds what writers vary and always maps back onto the published text."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.normalize import normalize
from marsad.read.tokens import tokenize

FOLDS = [
    ("قُتِلَ ثلاثةُ عناصرٍ", "قتل ثلاثه عناصر"),                  # harakat and tanween, ta marbuta
    ("هجـــوم", "هجوم"),                                         # tatweel
    ("أعلن إعلان آخر ٱلعام", "اعلن اعلان اخر العام"),               # hamza and madda forms, wasla
    ("مستشفى على", "مستشفي علي"),                                # alef maqsura
    ("کرمان یک", "كرمان يك"),                                    # Persian keheh and yeh
    ("مدرسهٔ", "مدرسه"),                                         # Persian hamza above as a mark
    ("٩٬٠٠٠ و١٫٥ و٣٠٪", "9,000 و1.5 و30%"),                       # Arabic-Indic digits, separators
    ("۸۹ نفر", "89 نفر"),                                         # Persian digits
    ("داعش\u200f \u202bقسد\u202c", "داعش قسد"),                   # bidi marks
    ("می\u200cشود", "میشود".replace("ی", "ي")),                   # zero-width non-joiner
    ("90\u00a0شخصاً", "90 شخصا"),                                 # no-break space
    ("Al\u2011Shabaab’s ISWAP", "al-shabaab's iswap"),            # case, non-breaking hyphen, apostrophe
]  # fmt: skip


@pytest.mark.parametrize("original, view", FOLDS)
def test_folds(original, view):
    assert normalize(original).text == view


@pytest.mark.parametrize(
    "original, word, expected",
    [
        ("في هجومٍ على حاجزٍ", "هجوم", "هجومٍ"),                  # the final tanween belongs to the word
        ("قُتِلَ جنديان", "قتل", "قُتِلَ"),
        ("وأصيب ٣ آخرون", "3", "٣"),
        ("عنصراً\u200f من", "عنصرا", "عنصراً"),                   # but not the invisible mark after it
    ],
)
def test_spans_map_back_to_the_published_text(original, word, expected):
    view = normalize(original)
    start = view.text.index(word)
    begin, end = view.original_span(start, start + len(word))
    assert original[begin:end] == expected


ARABIC_TEXT = st.text(
    st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩،.کی\u200c\u200f\u00a0AbC9")), max_size=120
)


@settings(max_examples=500, deadline=None)
@given(ARABIC_TEXT | st.text(max_size=80), st.data())
def test_every_view_span_maps_onto_characters_that_fold_to_it(text, data):
    view = normalize(text)
    start = data.draw(st.integers(0, len(view.text)))
    end = data.draw(st.integers(start, len(view.text)))
    begin, stop = view.original_span(start, end)
    assert 0 <= begin <= stop <= len(text)
    assert normalize(text[begin:stop]).text == view.text[start:end]


@settings(max_examples=300, deadline=None)
@given(ARABIC_TEXT | st.text(max_size=80))
def test_view_offsets_round_trip(text):
    view = normalize(text)
    for position in range(len(view.text)):
        assert view.view_offset(view.original_offset(position)) == position
    for token in tokenize(view.text):
        begin, end = view.original_span(token.start, token.end)
        assert normalize(text[begin:end]).text == token.text


def test_dropped_characters_are_only_marks_and_invisibles():
    text = "قُتِلَ\u200f هجـوم"
    view = normalize(text)
    dropped = [text[i] for i in view.dropped_in_original]
    assert all(unicodedata.category(ch) in ("Mn", "Cf", "Lm") for ch in dropped)
