"""Each input format read into Documents: text, metadata and errors, exactly."""

import datetime as dt
import json
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.ingest import Columns, IngestOptions, locate, read_documents, read_input
from marsad.ingest.formats import Format, sniff_format
from marsad.model import Role

UTC = dt.timezone.utc
PLUS3 = dt.timezone(dt.timedelta(hours=3))
OPTIONS = IngestOptions(published=dt.date(2024, 2, 5))

LEAD_AR = (
    "الحسكة – أفادت مصادر محلية بمقتل عنصرين من قوات سوريا الديمقراطية وإصابة ثالث، "
    "إثر انفجار عبوة ناسفة بدورية لهم على الطريق الواصل بين الشدادي والحسكة صباح اليوم."
)
LEAD_EN = (
    "MOGADISHU (wire) - At least seven people were killed when a car bomb exploded near a "
    "checkpoint on the road to the airport on Thursday, police said. Al-Shabaab claimed the attack."
)


def read_all(path: Path, options: IngestOptions = OPTIONS) -> list:
    return list(read_input(str(path), options))


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_plain_text_is_one_document(tmp_path):
    [document] = read_all(write(tmp_path, "lead.txt", f"\n\n{LEAD_AR}\r\nسطر ثانٍ.\n"))
    assert document.text == f"{LEAD_AR}\nسطر ثانٍ."
    assert (document.language, document.role, document.title, document.published) == ("ar", "outlet", None, dt.date(2024, 2, 5))
    assert document.origin == str(tmp_path / "lead.txt")
    assert len(document.id) == 16


def test_same_text_same_id(tmp_path):
    first = read_all(write(tmp_path, "a.txt", LEAD_EN))[0]
    second = read_all(write(tmp_path, "b.txt", f"  {LEAD_EN}\n"))[0]
    assert first.id == second.id


HTML_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>انفجار عبوة بدورية لقسد قرب الشدادي | شبكة الخابور</title>
<meta property="og:title" content="انفجار عبوة بدورية لقسد قرب الشدادي">
<meta property="og:site_name" content="شبكة الخابور">
<meta property="article:published_time" content="2024-01-14T09:30:00+03:00">
<meta name="author" content="فريق التحرير">
<link rel="canonical" href="https://khabour.example/news/2024/01/14/shaddadi">
<script>document.write("tracking");</script>
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/hasaka">الحسكة</a> <a href="/deir">دير الزور</a></nav>
<div class="ad-slot">إعلان ممول: احجز رحلتك الآن بأفضل الأسعار</div>
<article><h1>انفجار عبوة بدورية لقسد قرب الشدادي</h1>
<p>{lead}</p>
<p>وأضافت المصادر أن الدورية كانت في طريقها إلى حقل الجبسة النفطي، ولم تعلن أي جهة مسؤوليتها عن التفجير حتى الآن.</p>
<img src="x.jpg" onerror="alert(1)">
</article>
<aside class="most-read"><h3>الأكثر قراءة</h3><ul><li>أسعار الذهب اليوم</li></ul></aside>
<section class="comments"><div class="comment"><p>تعليق قارئ: نسأل الله السلامة للجميع</p></div></section>
<footer>جميع الحقوق محفوظة لشبكة الخابور ٢٠٢٤</footer>
</body></html>""".replace("{lead}", LEAD_AR)


def test_html_keeps_the_article_and_its_metadata(tmp_path):
    [document] = read_all(write(tmp_path, "page.html", HTML_PAGE))
    assert LEAD_AR in document.text
    assert "حقل الجبسة" in document.text
    for boilerplate in ("إعلان ممول", "الأكثر قراءة", "تعليق قارئ", "جميع الحقوق", "tracking", "alert"):
        assert boilerplate not in document.text
    assert document.title == "انفجار عبوة بدورية لقسد قرب الشدادي"
    assert document.outlet == "شبكة الخابور"
    assert document.author == "فريق التحرير"
    assert document.url == "https://khabour.example/news/2024/01/14/shaddadi"
    assert document.published == dt.datetime(2024, 1, 14, 9, 30, tzinfo=PLUS3)
    assert document.language == "ar"


def test_html_in_windows_1256(tmp_path):
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1256"').replace("–", "-").replace("٢٠٢٤", "2024")
    [document] = read_all(write(tmp_path, "page.htm", page.encode("cp1256")))
    assert LEAD_AR.replace("–", "-") in document.text


def test_html_without_article_text(tmp_path):
    [error] = read_all(write(tmp_path, "empty.html", "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"))
    assert isinstance(error, InputError) and error.reason == "no article text found in the HTML"


def test_jsonl_records_with_their_own_dates_and_roles(tmp_path):
    lines = [
        {"text": LEAD_AR, "title": "عبوة في الشدادي", "published": "2024-01-14", "outlet": "شبكة الخابور", "url": "https://k.example/1", "role": "outlet"},
        {"text": LEAD_EN, "published": "Thu, 18 Jan 2024 10:30:00 +0300", "role": "monitor"},
        {"text": "وثّق المرصد 23 هجوماً خلال الأسبوع الماضي في البادية السورية."},
    ]  # fmt: skip
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n")
    first, second, third = read_all(path, IngestOptions(published=dt.date(2024, 2, 5), role=Role.OFFICIAL))
    assert (first.title, first.outlet, first.url, first.published, first.role) == (
        "عبوة في الشدادي", "شبكة الخابور", "https://k.example/1", dt.date(2024, 1, 14), "outlet")  # fmt: skip
    assert second.published == dt.datetime(2024, 1, 18, 10, 30, tzinfo=PLUS3)
    assert (second.role, second.language) == ("monitor", "en")
    assert (third.published, third.role) == (dt.date(2024, 2, 5), "official")
    assert [d.origin for d in (first, second, third)] == [f"{path}:1", f"{path}:2", f"{path}:3"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"text": "هجوم على حاجز", "published": "2024-01-1', "invalid JSON (Unterminated string starting at column 40)"),
        ('["text"]', "a record must be an object, not list"),
        ('{"body": "هجوم"}', "no text column 'text' (columns found: body); name it with --column text=NAME"),
        ('{"text": "هجوم", "published": "yesterday-ish"}', "unreadable date 'yesterday-ish' in column 'published'"),
        ('{"text": "هجوم", "role": "witness"}', "unknown role 'witness' in column 'role' (one of outlet, claimant, monitor, official)"),
        ('{"text": "هجوم", "title": {"a": 1}}', "column 'title' holds dict, not text"),
        ('{"text": "   "}', "no text"),
    ],
    ids=["truncated", "not-object", "no-text", "bad-date", "bad-role", "bad-title", "blank-text"],
)
def test_bad_record_is_its_own_error(tmp_path, line, reason):
    good = json.dumps({"text": LEAD_AR}, ensure_ascii=False)
    path = write(tmp_path, "records.jsonl", f"{good}\n{line}\n")
    document, error = read_all(path)
    assert document.text == LEAD_AR
    assert (error.origin, error.reason) == (f"{path}:2", reason)


STATEMENTS_CSV = (
    "date,source,headline,body,link\n"
    '2024-01-20,Defence HQ,Troops repel attack,"Troops repelled an attack on a base in Monguno.\n'
    'Eleven insurgents were neutralised, the spokesman said.",https://army.example/1\n'
    '21/01/2024,وزارة الدفاع,بيان,"أحبطت قواتنا محاولة تسلل في ريف حماة الشمالي.",\n'
)


def test_csv_with_mapped_columns_and_multiline_fields(tmp_path):
    columns = Columns(text="body", title="headline", published="date", outlet="source", url="link")
    first, second = read_all(write(tmp_path, "statements.csv", STATEMENTS_CSV), IngestOptions(columns=columns, role=Role.OFFICIAL))
    assert first.text == "Troops repelled an attack on a base in Monguno.\nEleven insurgents were neutralised, the spokesman said."
    assert (first.title, first.outlet, first.url, first.published, first.role) == (
        "Troops repel attack", "Defence HQ", "https://army.example/1", dt.date(2024, 1, 20), "official")  # fmt: skip
    assert (second.outlet, second.url, second.published, second.language) == ("وزارة الدفاع", None, dt.date(2024, 1, 21), "ar")


def test_csv_without_text_column_fails_as_a_whole(tmp_path):
    path = write(tmp_path, "statements.csv", STATEMENTS_CSV)
    [error] = read_all(path)
    assert error.reason == "no text column 'text' (columns found: date, source, headline, body, link); name it with --column text=NAME"


def test_tsv_and_json_array(tmp_path):
    [tsv] = read_all(write(tmp_path, "x.tsv", f"text\ttitle\n{LEAD_EN}\tCar bomb in Mogadishu\n"))
    assert (tsv.text, tsv.title) == (LEAD_EN, "Car bomb in Mogadishu")
    records = [{"text": LEAD_AR, "published": "2024-01-14"}, {"text": LEAD_EN}]
    ar, en = read_all(write(tmp_path, "x.json", json.dumps(records, ensure_ascii=False)))
    assert (ar.published, en.published, en.origin) == (dt.date(2024, 1, 14), dt.date(2024, 2, 5), f"{tmp_path / 'x.json'}[2]")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>نشرة الفرات</title><link>https://furat.example</link>
<item><title>هجوم على نقطة للجيش في بادية الميادين</title><link>https://furat.example/1</link>
<pubDate>الإثنين، 15 كانون الثاني 2024 10:30</pubDate>
<description><![CDATA[<p>قُتل أربعة جنود في هجوم ليلي على نقطة عسكرية في بادية الميادين.</p><p>وقالت مصادر إن المهاجمين انسحبوا.</p><script>x()</script>]]></description></item>
<item><title>اشتباكات في ريف دير الزور</title><link>https://furat.example/2</link>
<pubDate>Tue, 16 Jan 2024 08:00:00 +0300</pubDate><description>اندلعت اشتباكات بين مسلحين من العشائر وقوات قسد في بلدة ذيبان.</description></item>
</channel></rss>"""


def test_rss_with_arabic_and_rfc822_dates(tmp_path):
    first, second = read_all(write(tmp_path, "furat.xml", RSS))
    assert first.text == "قُتل أربعة جنود في هجوم ليلي على نقطة عسكرية في بادية الميادين.\nوقالت مصادر إن المهاجمين انسحبوا."
    assert (first.title, first.outlet, first.url) == ("هجوم على نقطة للجيش في بادية الميادين", "نشرة الفرات", "https://furat.example/1")
    assert first.published == dt.datetime(2024, 1, 15, 10, 30)
    assert second.published == dt.datetime(2024, 1, 16, 5, 0, tzinfo=UTC)
    assert first.origin.endswith("furat.xml:item 1")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sahel Security Brief</title><id>urn:x</id><updated>2024-01-20T00:00:00Z</updated>
<entry><title>Convoy ambushed near Menaka</title><link href="https://brief.example/menaka"/><id>urn:1</id>
<published>2024-01-19T18:00:00Z</published><updated>2024-01-19T18:00:00Z</updated>
<content type="html">&lt;p&gt;Suspected IS Sahel fighters ambushed a convoy near Menaka, killing about a dozen soldiers.&lt;/p&gt;</content></entry>
</feed>"""


def test_atom(tmp_path):
    [entry] = read_all(write(tmp_path, "brief.atom", ATOM))
    assert entry.text == "Suspected IS Sahel fighters ambushed a convoy near Menaka, killing about a dozen soldiers."
    assert (entry.title, entry.outlet, entry.url, entry.language) == ("Convoy ambushed near Menaka", "Sahel Security Brief", "https://brief.example/menaka", "en")
    assert entry.published == dt.datetime(2024, 1, 19, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "content, reasons",
    [
        ("<rss><channel><title>x</title><item><title>a</channel>",
         ["malformed feed (mismatched tag at line 2); items are read as recovered", "no text"]),
        (RSS.replace("</title><link>https://furat.example/2", "<link>https://furat.example/2"),
         ["malformed feed (mismatched tag at line 7); items are read as recovered", None, "no text"]),
        ('<?xml version="1.0"?><catalog><book>x</book></catalog>', ["not an RSS or Atom feed"]),
        ("<entry<title</content<", ["malformed feed (not well-formed (invalid token) at line 2); items are read as recovered", "no text"]),
    ],
    ids=["broken", "broken-late", "not-a-feed", "content-without-value"],
)
def test_bad_feeds(tmp_path, content, reasons):
    results = read_all(write(tmp_path, "bad.xml", content))
    assert [getattr(result, "reason", None) for result in results] == reasons


TELEGRAM = {
    "name": "قناة تجريبية",
    "type": "public_channel",
    "id": 1234567890,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-01-12T20:00:00", "date_unixtime": "1705078800", "action": "pin_message", "text": ""},
        {"id": 2, "type": "message", "date": "2024-01-12T21:42:05", "date_unixtime": "1705084925", "from": "قناة تجريبية",
         "text": [{"type": "bold", "text": "ولاية الشام"}, " – الخير: تفجير عبوة ناسفة على آلية قرب بلدة ذيبان ", {"type": "hashtag", "text": "#الخير"}]},
        {"id": 3, "type": "message", "date": "2024-01-13T08:00:00", "date_unixtime": "1705122000", "photo": "photos/p.jpg", "text": ""},
        {"id": 4, "type": "message", "date": "2024-01-13T09:15:00", "text": "Caption: a claim posted with a photo."},
    ],
}  # fmt: skip


def test_telegram_export(tmp_path):
    path = write(tmp_path, "result.json", json.dumps(TELEGRAM, ensure_ascii=False, indent=1))
    claim, caption = read_all(path, IngestOptions(role=Role.CLAIMANT))
    assert claim.text == "ولاية الشام – الخير: تفجير عبوة ناسفة على آلية قرب بلدة ذيبان #الخير"
    assert (claim.outlet, claim.role, claim.origin) == ("قناة تجريبية", "claimant", f"{path}:message 2")
    assert claim.published == dt.datetime(2024, 1, 12, 18, 42, 5, tzinfo=UTC)
    assert caption.published == dt.datetime(2024, 1, 13, 9, 15)


@pytest.mark.parametrize(
    "export, reason",
    [
        ({"messages": {}}, "not a Telegram Desktop export: 'messages' is not a list"),
        ({"name": "x", "chats": []}, "JSON is neither a Telegram Desktop export ('messages') nor records with text"),
    ],
)
def test_telegram_wrong_shape(tmp_path, export, reason):
    [error] = read_all(write(tmp_path, "result.json", json.dumps(export)))
    assert error.reason == reason


def test_telegram_bad_message_among_good(tmp_path):
    export = {"name": "x", "messages": [{"id": 7, "type": "message", "text": 42}, {"id": 8, "type": "message", "text": LEAD_AR}]}
    error, document = read_all(write(tmp_path, "result.json", json.dumps(export)))
    assert (error.origin.endswith(":message 7"), error.reason) == (True, "message text is int, not a string or an array")
    assert document.text == LEAD_AR


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"<?xml version='1.0'?><rss version='2.0'>", Format.FEED),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', Format.FEED),
        (b"<!DOCTYPE html><html>", Format.HTML),
        (b'{\n  "name": "channel",\n  "messages": []\n}', Format.JSON),
        (b'{"text": "a"}\n{"text": "b"}\n', Format.JSONL),
        (b'[{"text": "a"}]', Format.JSON),
        ("قتل جنديان".encode(), Format.TEXT),
    ],
)
def test_sniffing_without_extension(head, expected):
    assert sniff_format(head) == expected


@pytest.mark.parametrize(
    "text, language",
    [
        (LEAD_AR, "ar"),
        (LEAD_EN, "en"),
        ("در انفجار دو بمب در نزدیکی مزار قاسم سلیمانی در کرمان دست‌کم ۸۹ نفر کشته شدند.", "fa"),
        ("Au moins douze soldats ont été tués dans une embuscade près de Ménaka, selon l'armée malienne.", "other"),
    ],
)
def test_language_detection(tmp_path, text, language):
    [document] = read_all(write(tmp_path, "t.txt", text))
    assert document.language == language


def test_folders_are_read_recursively_in_order_without_hidden_files(tmp_path):
    write(tmp_path, "b.txt", LEAD_EN)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.txt", LEAD_AR)
    (tmp_path / ".cache").mkdir()
    write(tmp_path / ".cache", "c.txt", "hidden")
    write(tmp_path, ".hidden.txt", "hidden")
    assert locate([str(tmp_path)]) == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]
    assert [d.text for d in read_documents([str(tmp_path)], OPTIONS)] == [LEAD_EN, LEAD_AR]


def test_feed_with_a_hostile_encoding_declaration(tmp_path):
    [error] = read_all(write(tmp_path, "feed.xml", b'<?encoding="\x00"?>'))
    assert error.reason == "unreadable feed (ValueError: embedded null character)"
