"""The windows `find_times` reads are found without a Python step per word; they must be
where a plain word-by-word scan puts them, whatever the text."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.normalize import normalize
from marsad.read.times import grammar
from marsad.read.times.windows import AFTER, BEFORE, WORDS, windows

PIECES = [
    "يناير", "ويناير", "للعام", "العام", "الماضي", "أمس", "الأحد", "كانون", "الثاني", "خلال", "شهرين",
    "في", "قتل", "January", "jan", "last", "week", "days", "ago", "2024", "1445", "3/1/2024", "1,2024",
    "12", "²²²²", "x2024", "2024x", "(يناير)", "يناير،", "-", ".", " ", "  ", "\n", "،", "5",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=120)


def word_by_word(text: str, g) -> list[tuple[int, int, set[int]]]:
    """The windows as they were first found: every word of the text checked in turn, and
    each core word located with a regex from the end of the last one."""
    found: list[tuple[int, int, set[int]]] = []
    cursor = 0
    for word in WORDS.findall(text):
        if not g.is_core(word):
            continue
        edge = r"\d" if word[0].isdigit() else r"[^\W\d_]"
        match = re.compile(f"(?<!{edge}){re.escape(word)}(?!{edge})").search(text, cursor)
        if match is None:
            continue
        cursor = match.end()
        start = max(0, match.start() - BEFORE)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = min(len(text), match.end() + AFTER)
        while end < len(text) and not text[end].isspace():
            end += 1
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], end), found[-1][2] | {match.start()})
        else:
            found.append((start, end, {match.start()}))
    return found


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_windows_are_those_of_a_word_by_word_scan(text):
    g = grammar()
    view = normalize(text).text
    assert [(start, end, set(cores)) for start, end, cores in windows(view, g)] == word_by_word(view, g)
