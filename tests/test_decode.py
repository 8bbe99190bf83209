"""Bytes to text: the encodings Arabic sources use, and refusing what is not text."""

import codecs
import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.ingest.decode import charset_of, decode_text

ARABIC = "دير الزور – قُتل ثلاثة عناصر من قوات سوريا الديمقراطية «قسد» وأصيب اثنان، بحسب مصادر محلية."
ENGLISH = "MAIDUGURI, Nigeria (wire) — Gunmen killed at least 11 farmers near Zabarmari on Sunday."
PERSIAN = "در انفجار کرمان دست‌کم ۸۹ نفر کشته شدند؛ داعش مسئولیت آن را بر عهده گرفت."


@pytest.mark.parametrize("text", [ARABIC, ENGLISH, PERSIAN], ids=["ar", "en", "fa"])
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_unicode_encodings(text, encode):
    assert decode_text(encode(text), "x") == text.removeprefix("\ufeff")


@pytest.mark.parametrize("declared", [None, "windows-1256", "utf-8"], ids=["undeclared", "declared", "mislabelled"])
def test_windows_1256(declared):
    assert decode_text(ARABIC.replace("–", "-").replace("«", '"').replace("»", '"').encode("cp1256"), "x", declared) \
        == ARABIC.replace("–", "-").replace("«", '"').replace("»", '"')  # fmt: skip


def test_windows_1256_declared_in_html_meta():
    page = '<html><head><meta charset="windows-1256"></head><body><p>هجوم على حاجز في الشدادي</p></body></html>'
    assert "هجوم على حاجز في الشدادي" in decode_text(page.encode("cp1256"), "page.html")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty input"),
        (b"  \n\t \r\n", "empty input"),
        ("   \n".encode("utf-16"), "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary content, not text"),
        (gzip.compress(ARABIC.encode() * 20), "binary content, not text"),
        (b"\x00" * 512, "binary content, not text"),
        (bytes(range(1, 32)) * 40, "binary content, not text"),
        (bytes(range(128, 256)) * 8, "undecodable: not UTF-8, UTF-16 or Windows-1256 text"),
    ],
    ids=["empty", "whitespace", "utf16-whitespace", "png", "gzip", "zeros", "controls", "high-bytes"],
)
def test_refuses_what_is_not_text(data, reason):
    with pytest.raises(InputError) as caught:
        decode_text(data, "inbox/file.bin")
    assert str(caught.value) == f"inbox/file.bin: {reason}"


@pytest.mark.parametrize(
    "header, charset",
    [("text/html; charset=windows-1256", "windows-1256"), ("text/plain;charset=UTF-8", "UTF-8"), ("text/html", None), (None, None)],
)
def test_charset_of_content_type(header, charset):
    assert charset_of(header) == charset


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_decode_or_raise_input_error(data):
    try:
        text = decode_text(data, "fuzz")
    except InputError as error:
        assert error.origin == "fuzz" and error.reason
    else:
        assert text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1).filter(lambda t: t.strip() and "\x00" not in t))
def test_utf8_text_comes_back_unchanged(text):
    try:
        assert decode_text(text.encode("utf-8"), "fuzz") == text
    except InputError as error:
        assert error.reason == "binary content, not text"  # text made mostly of control characters
