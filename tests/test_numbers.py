"""Numbers written in digits and words read back to their values.

The Arabic property tests compare against two sources of words: num2words (an independent
implementation) and a generator of the other legitimate forms writers use — accusative and
genitive endings, مئة and مائة, the split ثلاث مئة, feminine and masculine units, و attached
or apart.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from marsad.read.normalize import normalize
from marsad.read.numbers import digits_value, dual_bases, read_number
from marsad.read.tokens import tokenize


def read(text: str):
    """(value, text of the span, whether the whole text was read) — or None."""
    view = normalize(text).text
    tokens = tokenize(view)
    match = read_number(tokens, 0)
    if match is None:
        return None
    return match.value, view[match.start : match.end], match.next_index == len(tokens)


CASES = [
    ("9,000", 9000, "9,000"),
    ("٩٬٠٠٠", 9000, "9,000"),
    ("1.5", 1.5, "1.5"),
    ("1.5 million", 1_500_000, "1.5 million"),
    ("1.5 مليون", 1_500_000, "1.5 مليون"),
    ("3 آلاف", 3000, "3 الاف"),
    ("20 ألف", 20_000, "20 الف"),
    ("مليون", 1_000_000, "مليون"),
    ("خمسة وستين", 65, "خمسه وستين"),
    ("خمسة و ستين", 65, "خمسه و ستين"),
    ("وخمسة وستون", 65, "خمسه وستون"),                 # the proclitic stays outside the span
    ("بثلاثة آلاف", 3000, "ثلاثه الاف"),
    ("وبأربعة", 4, "اربعه"),
    ("ألف وخمسمائة", 1500, "الف وخمسمائه"),
    ("مئتان وخمسون ألفاً", 250_000, "مئتان وخمسون الفا"),
    ("ثلاث مئة", 300, "ثلاث مئه"),
    ("ثلاثمائة", 300, "ثلاثمائه"),
    ("مئتين", 200, "مئتين"),
    ("مائتا ألف", 200_000, "مائتا الف"),
    ("أحد عشر", 11, "احد عشر"),
    ("إحدى عشرة", 11, "احدي عشره"),
    ("اثنا عشر", 12, "اثنا عشر"),
    ("اثنتي عشرة", 12, "اثنتي عشره"),
    ("عشرة آلاف", 10_000, "عشره الاف"),
    ("مئة ألف", 100_000, "مئه الف"),
    ("ألفان", 2000, "الفان"),
    ("ألفين", 2000, "الفين"),
    ("ألفا شخص", 2000, "الفا"),                      # the construct dual before its noun
    ("ألفاً من السكان", 1000, "الفا"),                # a thousand, partitively
    ("خمسة وعشرون ألفاً", 25_000, "خمسه وعشرون الفا"),
    ("مليونان", 2_000_000, "مليونان"),
    ("ثلاثة ملايين", 3_000_000, "ثلاثه ملايين"),
    ("مليون و200 ألف", 1_200_000, "مليون و200 الف"),
    ("مليون ونصف", 1_500_000, "مليون ونصف"),
    ("نصف مليون", 500_000, "نصف مليون"),
    ("ستاً وثمانين", 86, "ستا وثمانين"),
    ("seven", 7, "seven"),
    ("twenty-five", 25, "twenty-five"),
    ("one hundred and twelve", 112, "one hundred and twelve"),
    ("a dozen", 12, "a dozen"),
    ("two dozen", 24, "two dozen"),
    ("two thousand", 2000, "two thousand"),
    ("a million", 1_000_000, "a million"),
    ("half a million", 500_000, "half a million"),
    ("fifteen hundred", 1500, "fifteen hundred"),
    ("one million two hundred thousand", 1_200_000, "one million two hundred thousand"),
]  # fmt: skip


@pytest.mark.parametrize("text, value, span", CASES)
def test_reads(text, value, span):
    found = read(text)
    assert found is not None and found[:2] == (value, span)


@pytest.mark.parametrize(
    "text, value",
    [
        ("خمسة وثلاثة", 5),           # two numbers in a list, not 8
        ("عشرون وخمسة", 20),          # units come before tens in Arabic
        ("ألف وألف", 1000),           # a scale never adds itself
        ("twenty and five", 20),
        ("five six", 5),
    ],
)
def test_stops_where_the_number_ends(text, value):
    assert read(text)[0] == value


@pytest.mark.parametrize("text", ["اثنا", "a", "an", "آلاف", "thousands", "و", "and", "الثالث", "third", "5,6,7", "عشرات"])
def test_not_a_number(text):
    assert read(text) is None


@pytest.mark.parametrize(
    "text, value",
    [("9,000", 9000), ("1,234,567", 1_234_567), ("1.5", 1.5), ("2,5", 2.5), ("1.234.567", 1_234_567),
     ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("5,6,7", None), ("12,34,5", None)],
)  # fmt: skip
def test_digits(text, value):
    assert digits_value(text) == value


def test_dual_bases_for_callers():
    assert "شهر" in dual_bases("شهرين")
    assert "يوم" in dual_bases("يومان")
    assert "ساعه" in dual_bases("ساعتين")  # the view spells ta marbuta as ه
    assert dual_bases("ستة") == []


# --- Arabic words for every n, from num2words ------------------------------------------


def num2words_ar(n: int) -> str:
    """num2words' Arabic, with its two slips put right (both checked against its output):
    - it writes the construct dual alone for 2,000 and 2,000,000 ("ألفا", "مليونا"); alone,
      the free dual is meant (ألفان), and the unvowelled ألفا is read as ألفاً (1,000);
    - for 101,000–901,000 it doubles ألف ("مائة و ألف ألف"); the legitimate form is
      "مائة ألف و ألف"."""
    words = num2words(n, lang="ar")
    words = {"ألفا": "ألفان", "مليونا": "مليونان"}.get(words, words)
    return re.sub(r"^(.*) و ألف ألف", r"\1 ألف و ألف", words)


def reads_back(words: str, n: int) -> None:
    found = read(words)
    assert found is not None, words
    value, _, whole = found
    assert (value, whole) == (n, True), words


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 999_999))
def test_num2words_arabic_reads_back(n):
    reads_back(num2words_ar(n), n)


def test_num2words_arabic_sweep():
    """A deterministic sample across the whole range, with every n below 2,000."""
    for n in [*range(2000), *range(2000, 1_000_000, 97)]:
        reads_back(num2words_ar(n), n)


# --- Arabic words for every n, in the other forms writers use ---------------------------

UNITS = {  # n: (masculine nominative, masculine oblique, feminine nominative, feminine oblique)
    1: ("واحد", "واحد", "واحدة", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين"),
    3: ("ثلاثة", "ثلاثة", "ثلاث", "ثلاث"),
    4: ("أربعة", "أربعة", "أربع", "أربع"),
    5: ("خمسة", "خمسة", "خمس", "خمس"),
    6: ("ستة", "ستة", "ست", "ست"),
    7: ("سبعة", "سبعة", "سبع", "سبع"),
    8: ("ثمانية", "ثمانية", "ثماني", "ثماني"),
    9: ("تسعة", "تسعة", "تسع", "تسع"),
}
TENS = {2: "عشر", 3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}
HUNDREDS = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}


@st.composite
def arabic_forms(draw, n: int) -> str:
    oblique = draw(st.booleans())  # genitive/accusative: -ين, -ين duals, ألفاً
    feminine = draw(st.booleans())
    hundred = draw(st.sampled_from(["مئة", "مائة"]))
    split = draw(st.booleans())  # ثلاث مئة
    attached = draw(st.booleans())  # وخمسون or و خمسون
    and_ = "و" if attached else "و "

    def unit(k: int) -> str:
        return UNITS[k][2 * feminine + oblique]

    def below_hundred(k: int) -> str:
        if k < 10:
            return unit(k)
        if k == 10:
            return "عشر" if feminine else "عشرة"
        if k < 20:
            ten = "عشرة" if feminine else "عشر"
            first = {1: "إحدى" if feminine else "أحد", 2: ("اثنتي" if oblique else "اثنتا") if feminine else ("اثني" if oblique else "اثنا")}
            return f"{first.get(k - 10) or unit(k - 10)} {ten}"
        tens = TENS[k // 10] + ("ين" if oblique else "ون")
        return tens if k % 10 == 0 else f"{unit(k % 10)} {and_}{tens}"

    def below_thousand(k: int) -> str:
        h, rest = divmod(k, 100)
        parts = []
        if h == 1:
            parts.append(hundred)
        elif h == 2:
            parts.append(hundred[:-1] + ("تين" if oblique else "تان"))
        elif h:
            parts.append(f"{HUNDREDS[h]} {hundred}" if split else HUNDREDS[h] + hundred)
        if rest:
            parts.append(below_hundred(rest))
        return f" {and_}".join(parts)

    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands == 1:
        parts.append("ألف")
    elif thousands == 2:
        parts.append("ألفين" if oblique else "ألفان")
    elif 3 <= thousands <= 10:
        parts.append(f"{below_hundred(thousands)} آلاف")
    elif thousands:
        parts.append(f"{below_thousand(thousands)} {'ألفاً' if oblique else 'ألف'}")
    if rest or not parts:
        parts.append(below_thousand(rest) if rest else "صفر")
    return f" {and_}".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999_999).flatmap(lambda n: st.tuples(st.just(n), arabic_forms(n))))
def test_other_arabic_forms_read_back(case):
    n, words = case
    reads_back(words, n)


@pytest.mark.parametrize(
    "words, n",
    [("ثلاث مائة وخمس وعشرون", 325), ("مائتين وخمسين ألفاً", 250_000), ("اثنتي عشرة", 12),
     ("إحدى وعشرين", 21), ("تسعمئة وتسعة وتسعون ألفاً وتسعمئة وتسعة وتسعون", 999_999),
     ("مئة ألف و ألف", 101_000), ("ثلاثة آلاف وخمسمائة", 3500), ("عشرة آلاف ومئة", 10_100)],
)  # fmt: skip
def test_arabic_forms(words, n):
    reads_back(words, n)


# --- English -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 999_999))
def test_num2words_english_reads_back(n):
    reads_back(num2words(n, lang="en"), n)


def test_num2words_english_sweep():
    for n in [*range(2000), *range(2000, 1_000_000, 97)]:
        reads_back(num2words(n, lang="en"), n)
