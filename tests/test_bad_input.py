"""Hostile and broken input through the CLI into a real SQLite file.

Every bad input of the hostile-input list (binary files, empty and blank files, truncated
JSON, malformed XML, a 200 MB file, Telegram exports of the wrong shape, records without
text or with an unknown role, a path that does not exist) runs together with good inputs,
on a store that already holds documents. Each failure is one line on standard error naming
the input and the reason; everything good is stored; nothing stored before is lost; the
summary counts are exact; the exit status is 1 when anything failed and 0 when nothing did.
A property test then throws arbitrary bytes at `marsad extract --json` under every extension.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import sqlite3
import string
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from marsad.cli import app

MB = 1024 * 1024
# Only the settings these tests rely on: the default size limit, whatever the shell says.
ENV = {"MARSAD_MAX_INPUT_BYTES": None, "MARSAD_DB": None, "MARSAD_LANGUAGES": None, "NO_COLOR": "1"}

# --- good inputs, written once per test ---------------------------------------------------------

EARLIER = {
    "earlier/idlib_shelling.txt": (
        "قُتل ثلاثة مدنيين، بينهم طفل، وأصيب خمسة آخرون جراء قصف مدفعي استهدف أطراف مدينة سرمين "
        "في ريف إدلب الشرقي مساء الثلاثاء، بحسب ما أفاد الدفاع المدني السوري."
    ),
    "earlier/raqqa_arrests.txt": (
        "Security forces detained 17 people in a dawn raid on the al-Mishlab neighbourhood of Raqqa on "
        "Wednesday, accusing them of links to ISIS sleeper cells, a spokesperson for the internal security "
        "forces said."
    ),
}
GOOD = {
    "good/hasakah_drone.txt": (
        "استهدفت طائرة مسيّرة تركية سيارة على الطريق الواصل بين القامشلي وعامودا ظهر الخميس، ما أدى "
        "إلى مقتل شخصين كانا بداخلها، وفق ما نقلته وكالة أنباء هاوار."
    ),
    "good/homs_clashes.txt": (
        "Clashes between government forces and gunmen in the eastern Homs desert killed at least six "
        "soldiers and an unknown number of attackers on Friday, a war monitor said."
    ),
}

# A Telegram Desktop export as the app writes it (indented), with plain and entity-array texts.
TELEGRAM = {
    "name": "قناة الأخبار العاجلة",
    "type": "public_channel",
    "id": 1718340211,
    "messages": [
        {
            "id": 4101,
            "type": "message",
            "date": "2024-01-15T08:12:44",
            "date_unixtime": "1705299164",
            "from": "قناة الأخبار العاجلة",
            "text": "عاجل | مقتل 4 عناصر من قوات النظام بانفجار لغم أرضي في بادية السخنة شرقي حمص.",
        },
        {
            "id": 4102,
            "type": "message",
            "date": "2024-01-15T10:40:03",
            "date_unixtime": "1705308003",
            "from": "قناة الأخبار العاجلة",
            "text": [
                {"type": "bold", "text": "متابعة | "},
                "ارتفاع حصيلة انفجار السخنة إلى 6 قتلى بعد وفاة جريحين متأثرين بإصابتهما، ",
                {"type": "hashtag", "text": "#حمص"},
            ],
        },
    ],
}
TELEGRAM_TEXT = json.dumps(TELEGRAM, ensure_ascii=False, indent=1)
CUT_AT = TELEGRAM_TEXT.index("ارتفاع حصيلة") + 20  # inside the second message's text
CUT_STRING = TELEGRAM_TEXT.rindex('"', 0, CUT_AT)  # where the cut string starts
CUT_LINE = TELEGRAM_TEXT.count("\n", 0, CUT_STRING) + 1
CUT_COLUMN = CUT_STRING - TELEGRAM_TEXT.rindex("\n", 0, CUT_STRING)
BETWEEN = TELEGRAM_TEXT[: TELEGRAM_TEXT.index('"id": 4102')]  # cut after "{" of the second message
BETWEEN_LINE = BETWEEN.count("\n") + 1  # the parser runs out of input at the very end
BETWEEN_COLUMN = len(BETWEEN) - BETWEEN.rindex("\n")

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
 <channel>
  <title>Euphrates Security Brief</title>
  <link>https://brief.example/</link>
  <item>
   <title>IED kills two SDF fighters near al-Busayrah</title>
   <link>https://brief.example/2024/01/20/busayrah</link>
   <pubDate>Sat, 20 Jan 2024 14:00:00 GMT</pubDate>
   <description>An improvised explosive device killed two SDF fighters and wounded a third near al-Busayrah on Saturday, local sources said.</description>
  </item>
  <item>
   <title>اغتيال مختار بلدة الطيانة</title>
   <link>https://brief.example/2024/01/21/tayana</link>
   <pubDate>Sun, 21 Jan 2024 09:30:00 GMT</pubDate>
   <description>اغتال مسلحون مجهولون مختار بلدة الطيانة بريف دير الزور الشرقي برصاص مباشر أمام منزله فجر الأحد.</description>
  </item>
  <item>
   <title>Checkpoint attacked in Deir ez-Zor city</titel>
   <description>Gunmen opened fire on a checkpoint in the Joura district.</description>
  </item>
 </channel>
</rss>
"""
RSS_BROKEN_LINE = RSS[: RSS.index("</titel>")].count("\n") + 1

JSONL_LINES = (
    {"text": "Monitor: 9 civilians killed by landmines and unexploded ordnance in Syria during January.", "role": "monitor"},
    {"text": "وثّق المرصد مقتل 9 مدنيين بانفجار ألغام ومخلفات حرب خلال شهر كانون الثاني.", "role": "monitor"},
    {"text": "Monitor: 3 aid workers abducted in northern Aleppo.", "role": "monitor"},
)


def jsonl(records) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def png_bytes() -> bytes:
    """A real 2×2 PNG followed by random bytes (NULs among them), as a mis-saved image looks."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff\x00" * 2)
    image = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
    image += chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    noise = random.Random(20240205).randbytes(3000)
    assert b"\x00" in noise
    return image + noise


def gzip_bytes() -> bytes:
    text = "\n".join(GOOD.values()) * 20
    return gzip.compress(text.encode("utf-8"), mtime=0)


def sparse_200mb(path: Path) -> None:
    with path.open("wb") as stream:
        stream.truncate(200 * MB)


# --- the table ------------------------------------------------------------------------------------


@dataclass
class Case:
    """One bad input: the file (name and bytes, or a writer), and what the run must say."""

    name: str
    content: bytes | None  # None: the path is not created
    errors: list[tuple[str, str]]  # (origin after the path, reason), in order
    stored: int = 0  # documents the bad input still yields
    write: object = None  # a function writing the file instead of `content`


CASES = [
    Case("image.png", png_bytes(), [("", "binary content, not text")]),
    Case("photo.jpg.txt", png_bytes(), [("", "binary content, not text")]),
    Case("bulletin.txt.gz", gzip_bytes(), [("", "binary content, not text")]),
    Case("archive.txt", gzip_bytes(), [("", "binary content, not text")]),
    Case("empty.txt", b"", [("", "empty input")]),
    Case("empty.jsonl", b"", [("", "empty input")]),
    Case("empty.xml", b"", [("", "empty input")]),
    Case("blank.txt", b"  \n\t  \r\n   \n", [("", "empty input")]),
    Case("blank.html", b"\n\n    \n", [("", "empty input")]),
    Case(
        "result.json",
        TELEGRAM_TEXT[:CUT_AT].encode("utf-8"),
        [("", f"invalid JSON (Unterminated string starting at line {CUT_LINE} column {CUT_COLUMN})")],
    ),
    Case(
        "cut_between_messages.json",
        BETWEEN.encode("utf-8"),
        [("", f"invalid JSON (Expecting property name enclosed in double quotes at line {BETWEEN_LINE} column {BETWEEN_COLUMN})")],
    ),
    Case(
        "weekly.jsonl",
        (jsonl(JSONL_LINES[:2]) + jsonl(JSONL_LINES[2:])[:40]).encode("utf-8"),
        [(":3", "invalid JSON (Unterminated string starting at column 10)")],
        stored=2,
    ),
    Case(
        "security.rss",
        RSS.encode("utf-8"),
        [
            ("", f"malformed feed (mismatched tag at line {RSS_BROKEN_LINE}); items are read as recovered"),
            (":item 3", "no text"),
        ],
        stored=2,
    ),
    Case(
        "cut_feed.xml",
        b"<?xml version='1.0'?>\n<rss version='2.0'><channel><title>Brief</title>\n<item><title>Half an item",
        [("", "malformed feed (no element found at line 3); items are read as recovered"), (":item 1", "no text")],
    ),
    Case("not_a_feed.rss", b"<html><body><p>Sorry, the feed moved.</p></body></html>", [("", "not an RSS or Atom feed")]),
    Case("huge.txt", None, [("", "too large (200.0 MB; the limit is 50.0 MB)")], write=sparse_200mb),
    Case("shape.json", b'{"messages": {}}', [("", "not a Telegram Desktop export: 'messages' is not a list")]),
    Case(
        "flat.json",
        json.dumps({"name": "channel", "messages": ["نص بلا رسالة", TELEGRAM["messages"][1]]}, ensure_ascii=False).encode(),
        [(":message #1", "a message must be an object")],
        stored=1,
    ),
    Case(
        "numeric_text.json",
        json.dumps(
            {"name": "channel", "messages": [TELEGRAM["messages"][0], {"id": 4103, "type": "message", "text": 4103}]},
            ensure_ascii=False,
        ).encode("utf-8"),
        [(":message 4103", "message text is int, not a string or an array")],
        stored=1,
    ),
    Case(
        "statements.csv",
        "headline,body,date\nبيان وزارة الدفاع,تصدت وحداتنا لهجوم إرهابي على محور خناصر,2024-01-09\n".encode("utf-8"),
        [("", "no text column 'text' (columns found: headline, body, date); name it with --column text=NAME")],
    ),
    Case(
        "roles.jsonl",
        jsonl([
            {"text": "The governorate announced a curfew in Jableh after an attack on a patrol.", "role": "official"},
            {"text": "Statement read by the governor of Deir ez-Zor on the Busayrah attack.", "role": "journalist"},
        ]).encode("utf-8"),
        [(":2", "unknown role 'journalist' in column 'role' (one of outlet, claimant, monitor, official)")],
        stored=1,
    ),
    Case("missing/report.txt", None, [("", "no such file or folder")]),
]


def run(args: list[str], db: Path):
    result = CliRunner().invoke(app, [*args, "--db", str(db)], env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def stored(db: Path) -> dict[str, tuple[str, str]]:
    """id → (origin, text) of every stored document, straight from the file."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {row[0]: (row[1], row[2]) for row in connection.execute("SELECT id, origin, text FROM documents")}
    finally:
        connection.close()


def errors(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert "Traceback" not in stderr
    return [line for line in lines if line.startswith("error: ")]


def summary(stdout: str) -> str:
    return stdout.strip().splitlines()[-1]


def write(root: Path, files: dict[str, str]) -> list[str]:
    paths = []
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def store_with_earlier(tmp_path) -> tuple[Path, dict]:
    """A store that already holds documents from an earlier run."""
    db = tmp_path / "marsad.db"
    result = run(["ingest", *write(tmp_path, EARLIER)], db)
    assert (result.exit_code, summary(result.stdout)) == (0, "stored 2 · duplicate 0 · failed 0")
    return db, stored(db)


def place(case: Case, root: Path) -> str:
    path = root / "bad" / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    if case.write:
        case.write(path)
    elif case.content is not None:
        path.write_bytes(case.content)
    return str(path)


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name) for c in CASES],
)
def test_bad_input_among_good_ones(case, tmp_path, store_with_earlier):
    db, before = store_with_earlier
    good = write(tmp_path, GOOD)
    bad = place(case, tmp_path)

    result = run(["ingest", good[0], bad, good[1]], db)

    assert errors(result.stderr) == [f"error: {bad}{suffix}: {reason}" for suffix, reason in case.errors]
    assert summary(result.stdout) == f"stored {2 + case.stored} · duplicate 0 · failed {len(case.errors)}"
    assert result.exit_code == 1
    after = stored(db)
    assert {key: after[key] for key in before} == before  # nothing stored earlier is lost or changed
    origins = sorted(origin for origin, _ in after.values())
    assert origins == sorted([*(origin for origin, _ in before.values()), *good] + [o for o in origins if o.startswith(bad)])
    assert sum(origin.startswith(bad) for origin in origins) == case.stored
    for origin, text in after.values():
        if origin in good:
            assert text == Path(origin).read_text(encoding="utf-8")


def test_every_bad_input_in_one_run(tmp_path, store_with_earlier):
    db, before = store_with_earlier
    good = write(tmp_path, GOOD)
    cases = CASES
    bad = [place(case, tmp_path) for case in cases]
    sources = [good[0], *bad, good[1]]

    result = run(["ingest", *sources], db)

    expected = [f"error: {path}{suffix}: {reason}" for case, path in zip(cases, bad) for suffix, reason in case.errors]
    assert errors(result.stderr) == expected
    stored_from_bad = sum(case.stored for case in cases)
    assert summary(result.stdout) == f"stored {2 + stored_from_bad} · duplicate 0 · failed {len(expected)}"
    assert result.exit_code == 1
    after = stored(db)
    assert len(after) == len(before) + 2 + stored_from_bad
    assert all(after[key] == value for key, value in before.items())

    # The same again: everything readable is now a duplicate, every failure fails again.
    again = run(["ingest", *sources], db)
    assert errors(again.stderr) == expected
    assert summary(again.stdout) == f"stored 0 · duplicate {2 + stored_from_bad} · failed {len(expected)}"
    assert again.exit_code == 1
    assert stored(db) == after


def test_a_folder_with_bad_files(tmp_path, store_with_earlier):
    """A folder is read file by file (sorted): its bad files fail one by one, the rest are stored."""
    db, before = store_with_earlier
    folder = tmp_path / "inbox"
    write(folder, {"a_report.txt": GOOD["good/hasakah_drone.txt"], "z_report.txt": GOOD["good/homs_clashes.txt"]})
    (folder / "m_empty.txt").write_bytes(b"")
    (folder / "m_image.png").write_bytes(png_bytes())
    (folder / ".hidden.txt").write_bytes(png_bytes())  # hidden files are skipped

    result = run(["ingest", str(folder)], db)

    assert errors(result.stderr) == [
        f"error: {folder / 'm_empty.txt'}: empty input",
        f"error: {folder / 'm_image.png'}: binary content, not text",
    ]
    assert (summary(result.stdout), result.exit_code) == ("stored 2 · duplicate 0 · failed 2", 1)
    assert len(stored(db)) == len(before) + 2


def test_exit_status_is_zero_when_nothing_failed(tmp_path, store_with_earlier):
    db, _ = store_with_earlier
    good = write(tmp_path, GOOD)
    records = tmp_path / "monitor.jsonl"
    records.write_text(jsonl(JSONL_LINES), encoding="utf-8")

    result = run(["ingest", *good, str(records)], db)
    assert errors(result.stderr) == []
    assert (summary(result.stdout), result.exit_code) == ("stored 5 · duplicate 0 · failed 0", 0)

    again = run(["ingest", *good, str(records), *(str(tmp_path / name) for name in EARLIER)], db)
    assert errors(again.stderr) == []
    assert (summary(again.stdout), again.exit_code) == ("stored 0 · duplicate 7 · failed 0", 0)
    assert len(stored(db)) == 7


def test_a_smaller_limit_from_the_environment(tmp_path):
    db = tmp_path / "marsad.db"
    text = "تقرير " * 400
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)], env={**ENV, "MARSAD_MAX_INPUT_BYTES": str(size - 1)})
    assert errors(result.stderr) == [f"error: {path}: too large ({size:,} bytes; the limit is {size - 1:,} bytes)"]
    assert (summary(result.stdout), result.exit_code) == ("stored 0 · duplicate 0 · failed 1", 1)


# --- anything at all, under every extension -------------------------------------------------------

EXTENSIONS = (".txt", ".html", ".xml", ".rss", ".atom", ".json", ".jsonl", ".csv", ".tsv", "")


def _csv() -> str:
    out = io.StringIO()
    out.write("text,title,published,outlet,role\n")
    out.write('"قصف على بلدة كفرنبل، ومقتل مدنيين اثنين، وفق الدفاع المدني",قصف كفرنبل,2024-01-10,عنب بلدي,outlet\n')
    out.write('"Two soldiers killed in an ambush near Daraa, ""official"" sources said",Ambush,10 Jan 2024,SANA,official\n')
    return out.getvalue()


HTML = (
    "<!DOCTYPE html><html lang='ar'><head><meta charset='windows-1256'><title>هجوم على دورية</title>"
    "<meta property='og:site_name' content='المدن'></head><body><nav>الرئيسية</nav><article><h1>هجوم على دورية</h1>"
    "<p>تعرضت دورية مشتركة لهجوم بعبوة ناسفة قرب بلدة المسيفرة في ريف درعا الشرقي صباح اليوم.</p>"
    "<p>وأفادت مصادر بإصابة ثلاثة عناصر.</p><script>alert(1)</script></article></body></html>"
)
VALID = [
    TELEGRAM_TEXT.encode("utf-8"),
    RSS.replace("</titel>", "</title>").encode("utf-8"),
    _csv().encode("utf-8"),
    _csv().replace(",", "\t").encode("utf-8"),
    HTML.encode("windows-1256"),
    jsonl(JSONL_LINES).encode("utf-8"),
    "\n".join(GOOD.values()).encode("utf-16"),
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>e</title><content>نص</content></entry></feed>'.encode(),
]


@st.composite
def near_misses(draw) -> bytes:
    """A valid input cut short, with a few bytes flipped, or with junk spliced in."""
    data = bytearray(draw(st.sampled_from(VALID)))
    data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(max_size=64) | st.sampled_from([b"\x00", b"<", b"]]>", b"{", b'"', b"\xef\xbb\xbf", b"&#0;"]))
    return bytes(data)


INPUTS = st.binary(max_size=4096) | near_misses() | st.text(string.printable + "ابتثجحخدذرزسشصضطظعغفقكلمنهويءة،؛؟٠١٢٣", max_size=300).map(str.encode)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=INPUTS, extension=st.sampled_from(EXTENSIONS))
def test_extract_never_crashes(scratch, data, extension):
    path = scratch / f"input{extension}"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["extract", "--json", str(path)], env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    for line in result.stdout.splitlines():
        document = json.loads(line)["document"]
        assert re.fullmatch(r"[0-9a-f]{16}", document["id"])
    if result.exit_code == 1:
        lines = errors(result.stderr)
        assert lines and all(line.startswith(f"error: {path}") for line in lines)


def test_standard_input_over_the_limit(tmp_path):
    db = tmp_path / "marsad.db"
    text = GOOD["good/hasakah_drone.txt"]
    limit = len(text.encode("utf-8")) - 1
    env = {**ENV, "MARSAD_MAX_INPUT_BYTES": str(limit)}
    result = CliRunner().invoke(app, ["ingest", "-", "--db", str(db)], input=text.encode("utf-8"), env=env)
    assert errors(result.stderr) == [f"error: <stdin>: too large (over the limit of {limit:,} bytes)"]
    assert (summary(result.stdout), result.exit_code) == ("stored 0 · duplicate 0 · failed 1", 1)

    result = CliRunner().invoke(app, ["ingest", "-", "--db", str(db)], input=text.encode("utf-8"), env={**env, "MARSAD_MAX_INPUT_BYTES": str(limit + 1)})
    assert (errors(result.stderr), summary(result.stdout), result.exit_code) == ([], "stored 1 · duplicate 0 · failed 0", 0)
    assert [text for _, text in stored(db).values()] == [text]
