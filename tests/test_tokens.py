"""`tokenize` makes its tokens without a regex match object per token: it must give exactly
what matching TOKEN one token at a time gives, for any text and any stretch of it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.tokens import TOKEN, Token, tokenize

# Letters, digits of three scripts, separators, spaces of several kinds, marks, signs that
# are digits but not decimal (²), and characters that are neither letters nor spaces.
MIXED = st.text(
    st.sampled_from(list("ابتةىءأ abcXY019٠٣٩۴.,،-/:%+_²½\n\t\u00a0\u2003\u200b\u0651\u064b\"«»()")),
    max_size=80,
)


def _matched(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(match.group(), match.start(), match.end()) for match in TOKEN.finditer(text, start, end)]


@settings(max_examples=500, deadline=None)
@given(MIXED | st.text(max_size=80), st.integers(0, 90), st.integers(0, 90))
def test_tokenize_is_token_by_token_matching(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    tokens = tokenize(text, start, end)
    assert [tuple(token) for token in tokens] == _matched(text, start, end)
    assert all(isinstance(token, Token) and text[token.start : token.end] == token.text for token in tokens)


def test_whole_text_by_default():
    text = "  قُتل 9,000 شخص في 3/1/2024.\n"
    assert tokenize(text) == [Token(*found) for found in _matched(text, 0, len(text))]
    assert tokenize("") == [] and tokenize("   \n ") == []
