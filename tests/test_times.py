"""Times: table-driven from tests/cases/times_ar.yaml and times_en.yaml, the seed article,
the language data, and properties of the reader (spans, calendars, rules)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from marsad.lang import topic
from marsad.read.normalize import normalize
from marsad.read.times import MonthsData, RelativeTimesData, find_times, find_times_everywhere

CASES_DIR = Path(__file__).parent / "cases"
CASES_AR = yaml.safe_load((CASES_DIR / "times_ar.yaml").read_text(encoding="utf-8"))
CASES_EN = yaml.safe_load((CASES_DIR / "times_en.yaml").read_text(encoding="utf-8"))
SEED = Path(__file__).parent.parent.parent / "shared" / "seed" / "article_ar.txt"
SAMPLES = Path(__file__).parent.parent / "samples" / "articles"


def times(text: str, published: dt.date | None) -> list[list]:
    return [[m.evidence.text, m.start, m.end, m.precision] for m in find_times(normalize(text), published)]


def sample_texts() -> list[str]:
    texts = []
    for path in sorted(SAMPLES.iterdir()):
        raw = path.read_bytes()
        for encoding in ("utf-8", "utf-16", "cp1256"):
            try:
                texts.append(raw.decode(encoding))
                break
            except UnicodeDecodeError:
                pass
    return texts


# --- the case tables ---------------------------------------------------------------------


def test_case_tables_are_large_and_varied():
    assert len(CASES_AR) >= 200 and len(CASES_EN) >= 80
    for cases in (CASES_AR, CASES_EN):
        assert sum(1 for case in cases if not case["times"]) >= 10  # negative cases
        assert sum(1 for case in cases if case["published"] is None) >= 5
        assert len({(case["text"], case["published"]) for case in cases}) == len(cases)  # no repeats


@pytest.mark.parametrize("case", CASES_AR, ids=[case["text"][:40] for case in CASES_AR])
def test_arabic(case):
    assert times(case["text"], case["published"]) == case["times"]


@pytest.mark.parametrize("case", CASES_EN, ids=[case["text"][:40] for case in CASES_EN])
def test_english(case):
    assert times(case["text"], case["published"]) == case["times"]


def test_windows_read_what_a_full_scan_reads():
    """`find_times` reads only around core words; it must find what reading every token finds."""
    texts = [case["text"] for case in CASES_AR + CASES_EN] + sample_texts()
    texts.append("\n".join(case["text"] for case in CASES_AR + CASES_EN))  # back-references across cases
    for text in texts:
        view = normalize(text)
        for published in (dt.date(2024, 2, 5), None):
            assert find_times(view, published) == find_times_everywhere(view, published), text[:60]


# --- the seed article --------------------------------------------------------------------


def test_seed_article():
    if not SEED.exists():
        pytest.fail(f"the seed article is missing at {SEED}")
    found = times(SEED.read_text(encoding="utf-8"), dt.date(2024, 2, 5))
    assert found == [
        ["3 يناير", dt.date(2024, 1, 3), dt.date(2024, 1, 3), "day"],
        ["خلال أقل من شهرين", dt.date(2023, 12, 5), dt.date(2024, 2, 5), "range"],
        ["منذ بداية هذا العام", dt.date(2024, 1, 1), dt.date(2024, 2, 5), "range"],
        ["يناير", dt.date(2024, 1, 1), dt.date(2024, 1, 31), "month"],
        ["عام 2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year"],
        # "في الفترة نفسها": the period last mentioned, 2023
        ["الفترة نفسها", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year"],
        ["عام 2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year"],
        ["أغسطس الماضي", dt.date(2023, 8, 1), dt.date(2023, 8, 31), "month"],
    ]


def test_seed_article_without_publication_date_keeps_relative_spans():
    found = times(SEED.read_text(encoding="utf-8"), None)
    assert [row[0] for row in found] == [
        "3 يناير", "خلال أقل من شهرين", "منذ بداية هذا العام", "يناير", "عام 2023", "الفترة نفسها", "عام 2023", "أغسطس الماضي",
    ]  # fmt: skip
    assert [row[1:3] for row in found if row[0] == "عام 2023"] == [[dt.date(2023, 1, 1), dt.date(2023, 12, 31)]] * 2
    assert all(row[1] is None and row[2] is None for row in found if row[0] != "عام 2023" and row[0] != "الفترة نفسها")


def test_sample_articles_give_valid_spans():
    for text in sample_texts():
        for mention in find_times(normalize(text), dt.date(2024, 2, 5)):
            assert text[mention.evidence.start : mention.evidence.end] == mention.evidence.text


# --- the language data -------------------------------------------------------------------


class GregorianOnly(BaseModel):
    """What another reader (quantities: "3 يناير" is a date) asks of the months data."""

    gregorian: dict[str, int]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_months_data_names_every_month(language):
    data = topic(language, "months", MonthsData)
    assert set(data.gregorian.values()) == set(range(1, 13))
    assert set(data.hijri.values()) == set(range(1, 13))
    assert sorted(set(data.weekdays.values())) == list(range(7))
    assert set(data.day_ordinals.values()) == set(range(1, 32))
    assert topic(language, "months", GregorianOnly).gregorian == data.gregorian
    for names in (data.gregorian, data.hijri, data.weekdays, data.day_ordinals):
        assert all(normalize(name).text.strip() for name in names)
    assert set(data.ambiguous) <= set(data.gregorian) | set(data.hijri)
    assert set(data.proper_case) <= set(data.ambiguous)


def test_arabic_months_cover_every_regional_naming():
    gregorian = topic("ar", "months", MonthsData).gregorian
    egyptian = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
    levantine = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
    for names in (egyptian, levantine):
        assert [gregorian[name] for name in names] == list(range(1, 13))
    assert gregorian["إبريل"] == 4 and gregorian["جانفي"] == 1 and gregorian["دجنبر"] == 12


@pytest.mark.parametrize("language", ["ar", "en"])
def test_relative_times_data(language):
    data = topic(language, "relative_times", RelativeTimesData)
    assert set(data.durations) == {"day", "week", "month", "year", "hour"}
    assert set(data.parts) == {"early", "mid", "late"}
    assert set(data.back_references) == {"period", "day", "month", "year"}
    assert all(first <= last for first, last in data.year_stretches.values())
    if language == "ar":  # the dual forms are data too
        assert {"شهرين", "يومين", "أسبوعين", "عامين"} <= {form for forms in data.durations.values() for form in forms.two}


# --- properties ---------------------------------------------------------------------------

AR_MONTHS = topic("ar", "months", MonthsData).gregorian
EN_MONTHS = {name: number for name, number in topic("en", "months", MonthsData).gregorian.items() if len(name) > 4 or name in ("may", "june", "july")}
EGYPTIAN = {name: number for name, number in AR_MONTHS.items() if " " not in name and name not in ("شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول")}
LEVANTINE = {name: number for name, number in AR_MONTHS.items() if name in ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")}

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
publication = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


def _names_of(table: dict[str, int], month: int) -> list[str]:
    return sorted(name for name, number in table.items() if number == month)


@settings(max_examples=300, deadline=None)
@given(dates, publication, st.data())
def test_day_month_year_resolves_in_every_spelling(day, published, data):
    egyptian = data.draw(st.sampled_from(_names_of(EGYPTIAN, day.month)))
    levantine = data.draw(st.sampled_from(_names_of(LEVANTINE, day.month)))
    english = data.draw(st.sampled_from(_names_of(EN_MONTHS, day.month))).capitalize()
    for text in (
        f"وقع الهجوم في {day.day} {egyptian} {day.year} قرب الحدود.",
        f"وقع الهجوم في {day.day} {levantine} {day.year} قرب الحدود.",
        f"The attack happened on {day.day} {english} {day.year} near the border.",
        f"The attack happened on {english} {day.day}, {day.year} near the border.",
    ):
        [mention] = find_times(normalize(text), published)
        assert (mention.start, mention.end, mention.precision) == (day, day, "day"), text


MARKS = ["\u064e", "\u064b", "\u0651", "\u0652", "\u0640"]  # fatha, tanween, shadda, sukun, tatweel
PHRASES = [
    "3 يناير", "في يناير", "خلال أقل من شهرين", "منذ بداية هذا العام", "عام 2023", "في الفترة نفسها",
    "أغسطس الماضي", "أمس الأحد", "الأسبوع الماضي", "بين 7 و13 كانون الثاني", "أواخر العام الماضي",
    "22 جمادى الآخرة 1445", "قبل ثلاثة أيام", "last week", "since early February", "Jan. 7", "3/1/2024",
    "in the same period", "over the past two weeks", "9000 مقاتل", "وقُتل 15 شخصاً", "مارس", "اليوم التالي",
]  # fmt: skip
FILLER = ["وقال", "مصدر", "أمني", "إن", "الهجوم", "وقع", "في", "من", "the", "group", "said", "،", ".", "\n"]


@st.composite
def decorated_text(draw) -> str:
    """Time phrases among filler words, with diacritics and tatweel sprinkled inside words."""
    pieces = draw(st.lists(st.sampled_from(PHRASES) | st.sampled_from(FILLER), min_size=1, max_size=25))
    text = " ".join(pieces)
    out = []
    for character in text:
        out.append(character)
        if "\u0621" <= character <= "\u064a" and draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(MARKS)))
    return "".join(out)


def _without_marks(text: str) -> str:
    return "".join(character for character in text if character not in MARKS)


@settings(max_examples=300, deadline=None)
@given(decorated_text(), publication)
def test_spans_map_back_onto_the_original(text, published):
    mentions = find_times(normalize(text), published)
    previous_end = 0
    for mention in mentions:
        evidence = mention.evidence
        assert previous_end <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
        assert not evidence.text[0].isspace() and not evidence.text[-1].isspace()
        assert mention.start is None or mention.end is None or mention.start <= mention.end
        previous_end = evidence.end
    # Diacritics and tatweel change spans, never what is read.
    plain = find_times(normalize(_without_marks(text)), published)
    assert [(m.start, m.end, m.precision, _without_marks(m.evidence.text)) for m in mentions] == [
        (m.start, m.end, m.precision, m.evidence.text) for m in plain
    ]


VOCABULARY = st.sampled_from(
    [
        "يناير", "كانون", "الثاني", "الأول", "آب", "/", "أغسطس", "رمضان", "1445", "هـ", "2023", "2024", "عام", "العام",
        "الماضي", "المقبل", "الجاري", "هذا", "منذ", "بداية", "مطلع", "أواخر", "منتصف", "خلال", "أقل", "من", "شهرين",
        "أشهر", "ثلاثة", "أيام", "الأيام", "الماضية", "قبل", "بين", "و", "و13", "إلى", "7", "13", "31", "29", "-", "،",
        "الأحد", "أمس", "اليوم", "الفترة", "نفسها", "في", "الأسبوع", "الشهر", "النصف", "الأشهر", "الأولى", "الثالث",
        "last", "week", "since", "the", "start", "of", "year", "between", "and", "January", "Jan", ".", ",", "ago",
        "two", "days", "early", "mid", "late", "same", "period", "in", "February", "2", "3/1/2024", "2024-02-30", "0",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(VOCABULARY, max_size=30), publication)
def test_any_mix_of_time_words_reads_safely(words, published):
    """Whatever the words: no error, start <= end, spans in order and inside the text."""
    text = " ".join(words)
    previous_end = 0
    for mention in find_times(normalize(text), published):
        assert mention.start is None or mention.end is None or mention.start <= mention.end
        assert previous_end <= mention.evidence.start and text[mention.evidence.start : mention.evidence.end] == mention.evidence.text
        previous_end = mention.evidence.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), publication)
def test_arbitrary_text_never_raises(text, published):
    for mention in find_times(normalize(text), published):
        assert text[mention.evidence.start : mention.evidence.end] == mention.evidence.text


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(1, 12))
def test_a_month_alone_is_the_latest_not_after_publication(published, month):
    name = _names_of(EGYPTIAN, month)[0]
    [mention] = find_times(normalize(f"وسجّل المرصد 40 هجوماً في {name}."), published)
    year = published.year if month <= published.month else published.year - 1
    assert (mention.start, mention.precision) == (dt.date(year, month, 1), "month")
    assert mention.start <= published or mention.start.month == published.month


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(0, 6))
def test_last_weekday_is_the_one_before_publication(published, weekday):
    arabic = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"][weekday]
    english = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    for text in (f"وقع الهجوم {arabic} الماضي.", f"The attack happened last {english}."):
        [mention] = find_times(normalize(text), published)
        assert mention.start == mention.end and mention.start.weekday() == weekday
        assert 1 <= (published - mention.start).days <= 7


@settings(max_examples=100, deadline=None)
@given(dates, st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_absolute_dates_do_not_need_the_publication_date(day, published):
    text = f"وقع الهجوم في {day.day}/{day.month}/{day.year}، وفي عام {day.year} قُتل كثيرون."
    assert find_times(normalize(text), published) and [
        (m.start, m.end) for m in find_times(normalize(text), published)
    ] == [(m.start, m.end) for m in find_times(normalize(text), None)]


@settings(max_examples=100, deadline=None)
@given(st.integers(1400, 1500), st.integers(1, 12), st.integers(1, 29))
def test_hijri_dates_convert(year, month, day):
    from hijridate import Hijri

    name = _names_of(topic("ar", "months", MonthsData).hijri, month)[0]
    [mention] = find_times(normalize(f"صدر البيان في {day} {name} {year} هـ."), None)
    expected = Hijri(year, month, day).to_gregorian()
    assert mention.start == dt.date(expected.year, expected.month, expected.day) == mention.end
