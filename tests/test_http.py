"""Fetching URLs end to end: a real HTTP server on 127.0.0.1, the real CLI, a real SQLite store.

Good URLs (an Arabic news page, an RSS feed, JSON Lines, Windows-1256 plain text, a redirect
chain) are stored with their metadata and decoded text; bad ones (404, too many redirects, a
redirect loop, too large with and without Content-Length, too slow, nobody listening) each
give one error line naming the URL and the reason, cost nothing else, and make the run exit 1.
No traffic leaves 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

LIMIT = 200_000  # MARSAD_MAX_INPUT_BYTES for these tests
TIMEOUT = 1.0  # MARSAD_HTTP_TIMEOUT
MAX_REDIRECTS = 5
SLOW_SECONDS = 3.0  # how long /slow keeps the client waiting (> TIMEOUT, bounded)
BIG = 1024 * 1024

# --- what the server serves ------------------------------------------------------------------

ARTICLE_PARAGRAPHS = (
    "قُتل أحد عشر عنصراً من قوات النظام السوري وأصيب سبعة آخرون، فجر يوم الأحد، في هجوم شنّه مسلحون "
    "على حاجز عسكري قرب بلدة الشولا على طريق دير الزور – تدمر، بحسب ما أفادت مصادر محلية.",
    "وقالت المصادر إن المهاجمين استخدموا أسلحة رشاشة وقذائف صاروخية، واستمر الاشتباك نحو ساعة قبل أن "
    "ينسحبوا باتجاه عمق البادية، فيما نقلت سيارات الإسعاف الجرحى إلى المستشفى العسكري في مدينة دير الزور.",
    "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى ساعة إعداد هذا التقرير، غير أن خلايا تنظيم الدولة الإسلامية "
    "تنشط في المنطقة منذ مطلع العام، وقد وثّق المرصد السوري لحقوق الإنسان ما لا يقل عن 65 هجوماً مشابهاً خلال يناير.",
    "وتعدّ هذه الحصيلة الأعلى في صفوف القوات الحكومية في محافظة دير الزور منذ شهرين، وفق إحصاءات المرصد.",
)
ARTICLE_TITLE = "مقتل 11 عنصراً من قوات النظام بهجوم على حاجز قرب الشولا"
OUTLET = "شبكة أخبار البادية"
AUTHOR = "سامر الحسن"
NAV_TEXT = "الرئيسية سياسة اقتصاد رياضة اتصل بنا"
AD_TEXT = "اشترك الآن في باقة الإنترنت الأسرع بخصم 50٪"
COMMENT_TEXT = "تعليق: الله يرحم الشهداء ويشفي الجرحى، متى ينتهي هذا؟"

ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{ARTICLE_TITLE} | {OUTLET}</title>
<meta property="og:title" content="{ARTICLE_TITLE}">
<meta property="og:site_name" content="{OUTLET}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-02-05T09:30:00+03:00">
<meta name="author" content="{AUTHOR}">
<script>window.dataLayer = [];</script>
</head>
<body>
<header><nav class="menu"><ul>{"".join(f"<li><a href='/{w}'>{w}</a></li>" for w in NAV_TEXT.split())}</ul></nav></header>
<div class="ad banner" id="ad-top"><p>{AD_TEXT}</p></div>
<main>
<article>
<h1>{ARTICLE_TITLE}</h1>
<p class="byline">بقلم {AUTHOR} — 5 شباط 2024</p>
{"".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)}
</article>
<aside class="related"><h3>اقرأ أيضاً</h3><ul><li><a href="/x">أسعار الذهب اليوم في دمشق</a></li></ul></aside>
<section id="comments" class="comments"><h3>التعليقات</h3>
<div class="comment"><p>{COMMENT_TEXT}</p></div></section>
</main>
<footer><p>جميع الحقوق محفوظة © {OUTLET} 2024</p></footer>
</body>
</html>
"""

FEED_TITLE = "Levant Monitor — Security"
FEED_ITEMS = (
    (
        "Roadside bomb kills four soldiers near Palmyra",
        "https://levant-monitor.example/2024/02/04/palmyra-ied",
        "Sun, 04 Feb 2024 18:20:00 GMT",
        "A roadside bomb struck a military bus on the Palmyra–Deir ez-Zor highway on Sunday, killing four "
        "soldiers and wounding nine, a military source told state media. No group claimed the blast.",
    ),
    (
        "انفجار عبوة ناسفة في ريف درعا الغربي",
        "https://levant-monitor.example/2024/02/03/daraa-ied",
        "Sat, 03 Feb 2024 07:05:00 GMT",
        "أصيب ثلاثة مدنيين بجروح، صباح السبت، جراء انفجار عبوة ناسفة زُرعت على جانب الطريق بين بلدتي "
        "المزيريب واليادودة في ريف درعا الغربي، بحسب تجمع أحرار حوران.",
    ),
)
FEED_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
    f"<title>{FEED_TITLE}</title><link>https://levant-monitor.example/</link>"
    "<description>Daily security brief</description>"
    + "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description><![CDATA[<p>{body}</p>]]></description></item>"
        for title, link, date, body in FEED_ITEMS
    )
    + "</channel></rss>\n"
)

RECORDS = (
    {
        "text": "Weekly update: the monitor recorded 14 attacks attributed to ISIS cells in Deir ez-Zor "
        "governorate between 29 January and 4 February, killing at least 23 people, most of them fighters "
        "of the Syrian Democratic Forces.",
        "title": "Weekly security update, week 5",
        "published": "2024-02-05",
        "outlet": "Rojava Information Center",
        "url": "https://ric.example/weekly/2024-05",
        "role": "monitor",
    },
    {
        "text": "وثّق المرصد خلال الأسبوع الماضي 6 عمليات اغتيال في ريف دير الزور الشرقي، طالت اثنتان منها "
        "وجهاء عشائريين في بلدة ذيبان.",
        "title": "الحصيلة الأسبوعية",
        "published": "2024-02-05",
        "outlet": "Rojava Information Center",
        "role": "monitor",
    },
)
JSONL = "\n".join(json.dumps(record, ensure_ascii=False) for record in RECORDS) + "\n"

BULLETIN = (
    "بيان صادر عن قيادة الشرطة في محافظة السويداء\n\n"
    "أقدم مجهولون مساء أمس الاثنين على اختطاف مواطنَين اثنين على طريق السويداء – دمشق قرب بلدة "
    "الصورة الكبيرة، وتعمل الجهات المختصة على متابعة القضية. وتدعو القيادة المواطنين إلى الإبلاغ عن أي "
    "معلومات تتعلق بالحادثة."
)
BULLETIN_1256 = BULLETIN.encode("windows-1256")

ARTICLE_PATH = "/news/shula-checkpoint-attack.html"
DATED_PATH = "/news/2024/02/05/shula-checkpoint-attack.html"  # the same page under a dated URL


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stop = threading.Event()  # set on shutdown, so a sleeping handler lets go at once

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (too large, timed out): exactly what is tested

    def _route(self) -> None:
        path = self.path.split("?")[0]
        if path in (ARTICLE_PATH, DATED_PATH):
            self._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode())
        elif path == "/feeds/security.rss":
            self._send(200, "application/rss+xml; charset=utf-8", FEED_XML.encode())
        elif path == "/exports/weekly.jsonl":
            self._send(200, "application/x-ndjson", JSONL.encode())
        elif path == "/police/bulletin":
            self._send(200, "text/plain; charset=windows-1256", BULLETIN_1256)
        elif path.startswith("/hop/"):
            hops = int(path.rsplit("/", 1)[1])
            self._redirect(f"/hop/{hops - 1}" if hops > 0 else ARTICLE_PATH)
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/big/declared":
            self._send(200, "text/plain; charset=utf-8", b"a" * BIG)
        elif path == "/big/chunked":
            self._chunked(200, "text/plain; charset=utf-8", b"b" * BIG)
        elif path == "/slow":
            self.stop.wait(SLOW_SECONDS)
            self._send(200, "text/plain; charset=utf-8", "وصل الرد متأخراً جداً".encode())
        elif path == "/trickle":
            # Headers at once, then one byte at a time: no single read waits TIMEOUT, the whole does.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", "10")
            self.end_headers()
            for _ in range(10):
                if self.stop.wait(SLOW_SECONDS / 10):
                    return
                self.wfile.write(b"x")
                self.wfile.flush()
        else:
            self._send(404, "text/html; charset=utf-8", b"<h1>404</h1><p>Not here.</p>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _chunked(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(body), 16384):
            chunk = body[start : start + 16384]
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    Handler.stop.clear()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        Handler.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def unreachable() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/news/article.html"


def marsad_env(db: Path) -> dict[str, str]:
    return {
        "MARSAD_DB": str(db),
        "MARSAD_MAX_INPUT_BYTES": str(LIMIT),
        "MARSAD_HTTP_TIMEOUT": str(TIMEOUT),
        "MARSAD_MAX_REDIRECTS": str(MAX_REDIRECTS),
        "NO_COLOR": "1",
        # A proxy from the shell must not see (or break) requests to the local server.
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }


def run_cli(args: list[str], db: Path):
    """`marsad ARGS` in process; `--db` for the commands that have a store."""
    store = ["--db", str(db)] if args[0] != "extract" else []
    result = CliRunner().invoke(app, [*args, *store], env=marsad_env(db))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def stored(db: Path) -> dict[str, dict]:
    """Every stored document by origin, straight from the SQLite file."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("SELECT * FROM documents").fetchall()
    finally:
        connection.close()
    return {row["origin"]: dict(row) for row in rows}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def summary_line(stdout: str) -> str:
    return stdout.strip().splitlines()[-1]


# --- good URLs ---------------------------------------------------------------------------------


def assert_article(row: dict, url: str, origin: str) -> None:
    assert row["origin"] == origin
    assert row["url"] == url
    assert row["title"] == ARTICLE_TITLE
    assert row["outlet"] == OUTLET
    assert row["author"] == AUTHOR
    assert row["published"] == "2024-02-05T09:30:00+03:00"
    assert row["language"] == "ar"
    assert row["role"] == "outlet"
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in row["text"]
    for boilerplate in (NAV_TEXT.split()[1], AD_TEXT, COMMENT_TEXT, "أسعار الذهب", "جميع الحقوق", "dataLayer"):
        assert boilerplate not in row["text"]


def test_good_urls_are_stored_with_their_metadata(server, tmp_path):
    db = tmp_path / "store.db"
    article, feed = server + ARTICLE_PATH, server + "/feeds/security.rss"
    records, bulletin = server + "/exports/weekly.jsonl", server + "/police/bulletin"
    chain = server + f"/hop/{MAX_REDIRECTS - 1}"  # MAX_REDIRECTS redirects in all: still allowed

    result = run_cli(["ingest", article, feed, records, bulletin], db)
    assert result.exit_code == 0, result.output
    assert error_lines(result.stderr) == []
    assert summary_line(result.stdout) == "stored 6 · duplicate 0 · failed 0"

    rows = stored(db)
    assert set(rows) == {article, f"{feed}:item 1", f"{feed}:item 2", f"{records}:1", f"{records}:2", bulletin}
    assert_article(rows[article], url=article, origin=article)

    for number, (title, link, _, body) in enumerate(FEED_ITEMS, start=1):
        row = rows[f"{feed}:item {number}"]
        assert (row["title"], row["url"], row["outlet"], row["text"]) == (title, link, FEED_TITLE, body)
    assert rows[f"{feed}:item 1"]["published"] == "2024-02-04T18:20:00+00:00"
    assert rows[f"{feed}:item 2"]["published"] == "2024-02-03T07:05:00+00:00"
    assert (rows[f"{feed}:item 1"]["language"], rows[f"{feed}:item 2"]["language"]) == ("en", "ar")

    first, second = rows[f"{records}:1"], rows[f"{records}:2"]
    assert (first["text"], first["title"], first["outlet"], first["url"]) == (
        RECORDS[0]["text"], RECORDS[0]["title"], RECORDS[0]["outlet"], RECORDS[0]["url"]
    )  # fmt: skip
    assert (first["role"], first["published"]) == ("monitor", "2024-02-05")
    assert second["url"] == records  # a record without its own url keeps the one it was fetched from
    assert second["text"] == RECORDS[1]["text"]

    row = rows[bulletin]
    assert row["text"] == BULLETIN  # Windows-1256 on the wire, the same Arabic in the store
    assert (row["url"], row["language"]) == (bulletin, "ar")

    # The same article again through a redirect chain: the same text is already stored.
    again = run_cli(["ingest", chain], db)
    assert again.exit_code == 0, again.output
    assert summary_line(again.stdout) == "stored 0 · duplicate 1 · failed 0"


def test_redirect_chain_stores_the_final_url(server, tmp_path):
    db = tmp_path / "store.db"
    chain = server + f"/hop/{MAX_REDIRECTS - 1}"
    result = run_cli(["ingest", chain], db)
    assert result.exit_code == 0, result.output
    assert summary_line(result.stdout) == "stored 1 · duplicate 0 · failed 0"
    (row,) = stored(db).values()
    assert_article(row, url=server + ARTICLE_PATH, origin=chain)


def test_dated_url_keeps_the_published_time(server, tmp_path):
    """<meta article:published_time> wins over the day in the URL, keeping time and offset."""
    db = tmp_path / "store.db"
    result = run_cli(["ingest", server + DATED_PATH], db)
    assert result.exit_code == 0, result.output
    (row,) = stored(db).values()
    assert row["published"] == "2024-02-05T09:30:00+03:00"


def test_extract_json_reads_a_url(server, tmp_path):
    result = run_cli(["extract", "--json", server + "/feeds/security.rss"], tmp_path / "unused.db")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["document"]["title"] for line in lines] == [item[0] for item in FEED_ITEMS]
    assert all(line["document"]["outlet"] == FEED_TITLE for line in lines)
    assert not (tmp_path / "unused.db").exists()


# --- bad URLs ----------------------------------------------------------------------------------

BAD = {
    "/missing/page.html": "HTTP 404 Not Found",
    f"/hop/{MAX_REDIRECTS + 3}": f"more than {MAX_REDIRECTS} redirects",
    "/loop": f"more than {MAX_REDIRECTS} redirects",
    "/big/declared": "too large (1.0 MB; the limit is 200,000 bytes)",
    "/big/chunked": "too large (over the limit of 200,000 bytes)",
    "/slow": f"timed out after {TIMEOUT:g} s",
    "/trickle": f"timed out after {TIMEOUT:g} s",
}


@pytest.mark.parametrize(("path", "reason"), BAD.items(), ids=list(BAD))
def test_bad_url_is_one_error_among_good_inputs(server, tmp_path, path, reason):
    db = tmp_path / "store.db"
    bad = server + path
    good = [server + ARTICLE_PATH, server + "/police/bulletin"]
    started = time.monotonic()
    result = run_cli(["ingest", good[0], bad, good[1]], db)
    elapsed = time.monotonic() - started

    assert result.exit_code == 1, result.output
    assert error_lines(result.stderr) == [f"error: {bad}: {reason}"]
    assert summary_line(result.stdout) == "stored 2 · duplicate 0 · failed 1"
    assert set(stored(db)) == set(good)
    assert elapsed < SLOW_SECONDS + 5  # bounded: no wait goes far past the timeouts


def test_unreachable_url(server, tmp_path, unreachable):
    db = tmp_path / "store.db"
    result = run_cli(["ingest", unreachable, server + "/police/bulletin"], db)
    assert result.exit_code == 1, result.output
    (line,) = error_lines(result.stderr)
    assert line.startswith(f"error: {unreachable}: cannot fetch (ConnectError: ")
    assert summary_line(result.stdout) == "stored 1 · duplicate 0 · failed 1"
    assert set(stored(db)) == {server + "/police/bulletin"}


def test_all_at_once(server, tmp_path, unreachable):
    """Every bad URL and every good one in one run: each failure once, everything good stored."""
    db = tmp_path / "store.db"
    good = [server + ARTICLE_PATH, server + "/feeds/security.rss", server + "/exports/weekly.jsonl", server + "/police/bulletin"]
    bad = [server + path for path in BAD] + [unreachable]
    sources = [good[0], bad[0], good[1], *bad[1:4], good[2], *bad[4:], good[3]]
    result = run_cli(["ingest", *sources], db)

    assert result.exit_code == 1, result.output
    lines = error_lines(result.stderr)
    assert len(lines) == len(bad)
    for url, line in zip(bad, lines, strict=True):
        reason = BAD.get(url.removeprefix(server), "cannot fetch (ConnectError: ")
        assert line.startswith(f"error: {url}: {reason}")
    assert summary_line(result.stdout) == f"stored 6 · duplicate 0 · failed {len(bad)}"
    assert len(stored(db)) == 6


# --- the real executable -------------------------------------------------------------------------


def marsad_command() -> list[str]:
    executable = Path(sys.executable).with_name("marsad")
    if executable.exists():
        return [str(executable)]
    return [sys.executable, "-c", "from marsad.cli import app; app()"]


def test_real_executable(server, tmp_path, unreachable):
    db = tmp_path / "store.db"
    env = {**os.environ, **marsad_env(db)}
    sources = [server + ARTICLE_PATH, server + "/missing/page.html", server + "/big/chunked", unreachable, server + "/feeds/security.rss"]
    completed = subprocess.run(
        [*marsad_command(), "ingest", *sources, "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 1, completed.stderr
    lines = error_lines(completed.stderr)
    assert lines[:2] == [f"error: {sources[1]}: HTTP 404 Not Found", f"error: {sources[2]}: {BAD['/big/chunked']}"]
    assert len(lines) == 3 and lines[2].startswith(f"error: {unreachable}: cannot fetch (")
    assert summary_line(completed.stdout) == "stored 3 · duplicate 0 · failed 3"
    assert "Traceback" not in completed.stderr

    listed = subprocess.run(
        [*marsad_command(), "documents", "--json", "--db", str(db)], capture_output=True, text=True, env=env, timeout=60
    )
    assert listed.returncode == 0, listed.stderr
    documents = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {document["url"] for document in documents} == {server + ARTICLE_PATH, FEED_ITEMS[0][1], FEED_ITEMS[1][1]}
    (article,) = [document for document in documents if document["url"] == server + ARTICLE_PATH]
    assert (article["title"], article["outlet"], article["published"]) == (ARTICLE_TITLE, OUTLET, "2024-02-05T09:30:00+03:00")
