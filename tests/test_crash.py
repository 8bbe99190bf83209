"""Crash safety: kill `marsad ingest` with SIGKILL halfway through a corpus, then look at the store.

Each document is written in its own transaction, so a kill at any moment leaves every
document whole or absent: the SQLite file passes its integrity check, every stored text is
exactly its file's text, the store opens, and running the same ingest again stores the rest
(the ones already there counted as duplicates) with nothing twice.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

FILES = 1500
KILL_AFTER = 40  # stored documents seen before the kill
START_TIMEOUT = 60.0  # seconds to wait for the first KILL_AFTER documents (a slow 2-core machine)
RUN_TIMEOUT = 300.0

PLACES_AR = ("دير الزور", "الرقة", "الحسكة", "إدلب", "درعا", "حمص", "الميادين", "البوكمال", "منبج", "السويداء", "تدمر", "القامشلي")
PLACES_EN = ("Deir ez-Zor", "Raqqa", "Hasakah", "Idlib", "Daraa", "Homs", "Mayadin", "Albu Kamal", "Manbij", "Suwayda", "Palmyra", "Qamishli")
DAYS_AR = ("السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
DAYS_EN = ("Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS_AR = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران")
MONTHS_EN = ("January", "February", "March", "April", "May", "June")
SOURCES_AR = ("المرصد السوري لحقوق الإنسان", "مصادر محلية", "الدفاع المدني", "شبكة فرات بوست", "ناشطون")
SOURCES_EN = ("a war monitor", "local sources", "the civil defence", "a military source", "activists")

TEMPLATES_AR = (
    "قُتل {n} عناصر من قوات النظام وأصيب {m} آخرون بهجوم على نقطة عسكرية في ريف {place} يوم {day}، بحسب {source}.",
    "وثّق {source} {n} هجوماً في محافظة {place} خلال شهر {month}، أسفرت عن مقتل {m} شخصاً على الأقل.",
    "انفجرت عبوة ناسفة بسيارة عسكرية قرب مدينة {place} صباح {day}، ما أدى إلى مقتل {n} وإصابة {m}، وفق {source}.",
    "أعلنت قيادة الشرطة في {place} اعتقال {n} أشخاص يشتبه بانتمائهم إلى خلية مسلحة، وضبط {m} قطعة سلاح.",
    "نزحت {n} عائلة من قرى ريف {place} خلال الأيام الماضية إثر تصاعد القصف، وسجّل {source} {m} إصابة بين المدنيين.",
)
TEMPLATES_EN = (
    "Gunmen killed {n} soldiers and wounded {m} others in an attack on a checkpoint near {place} on {day}, {source} said.",
    "Figures compiled by {source} show {n} attacks in {place} province in {month}, killing at least {m} people.",
    "A roadside bomb hit a military vehicle outside {place} on {day} morning, killing {n} and wounding {m}, according to {source}.",
    "Police in {place} said they had arrested {n} suspected members of an armed cell and seized {m} weapons.",
    "About {n} families fled villages around {place} over the past days as shelling intensified; {source} counted {m} civilians hurt.",
)


def report(number: int, rng: random.Random) -> str:
    """A short, realistic report; the number in the first sentence makes every text differ."""
    arabic = number % 3 != 2
    templates, places, days, months, sources = (
        (TEMPLATES_AR, PLACES_AR, DAYS_AR, MONTHS_AR, SOURCES_AR)
        if arabic
        else (TEMPLATES_EN, PLACES_EN, DAYS_EN, MONTHS_EN, SOURCES_EN)
    )
    sentences = []
    for position in range(rng.randint(1, 3)):
        template = rng.choice(templates)
        sentences.append(
            template.format(
                n=number + 3 if position == 0 else rng.randint(2, 60),
                m=rng.randint(1, 90),
                place=rng.choice(places),
                day=rng.choice(days),
                month=rng.choice(months),
                source=rng.choice(sources),
            )
        )
    reference = f"رقم التقرير {number}" if arabic else f"Report no. {number}"
    return " ".join(sentences) + f"\n\n{reference}"


def write_corpus(folder: Path, count: int) -> dict[str, str]:
    rng = random.Random(1500)
    texts = {}
    for number in range(count):
        path = folder / f"{number // 100:02d}" / f"report_{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = report(number, rng)
        path.write_text(text + "\n", encoding="utf-8")
        texts[str(path)] = text
    assert len(set(texts.values())) == count
    return texts


def marsad_command() -> list[str]:
    executable = Path(sys.executable).with_name("marsad")
    if executable.exists():
        return [str(executable)]
    return [sys.executable, "-c", "from marsad.cli import app; app()"]


def count_stored(db: Path) -> int | None:
    """Documents stored so far, read-only; None while the file is not there or is locked."""
    if not db.exists():
        return None
    connection = None
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # locked, or the schema is not there yet
        return None
    finally:
        if connection is not None:
            connection.close()


def inspect(db: Path, query: str) -> tuple[list, list]:
    """The integrity check's verdict and the rows of `query`, with the process gone."""
    connection = sqlite3.connect(db)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall(), connection.execute(query).fetchall()
    finally:
        connection.close()


def clean_env() -> dict[str, str]:
    """The environment without MARSAD_* settings (the store is named with --db), colours off."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MARSAD_")}
    return {**env, "NO_COLOR": "1"}


def kill_midway(folder: Path, db: Path, total: int) -> int:
    """Start the ingest, SIGKILL it once some documents are in; how many were in at the kill
    (or -1 if the run finished first)."""
    process = subprocess.Popen(
        [*marsad_command(), "ingest", str(folder), "--db", str(db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env(), cwd=db.parent,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT
        seen = None
        while time.monotonic() < deadline and process.poll() is None:
            seen = count_stored(db)
            if seen is not None and seen >= KILL_AFTER:
                break
            time.sleep(0.02)
        if process.poll() is not None:
            return -1
        if seen is None or seen < KILL_AFTER:
            pytest.fail(f"the ingest stored {seen} documents in {START_TIMEOUT:.0f} s; too slow to test a kill")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        return seen
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_sigkill_midway_leaves_a_whole_store(tmp_path):
    folder, db = tmp_path / "corpus", tmp_path / "crash.db"
    total = FILES
    texts = write_corpus(folder, total)
    seen = kill_midway(folder, db, total)
    if seen == -1:  # the machine is fast: the run ended before the kill; once more with a bigger corpus
        folder, db, total = tmp_path / "corpus2", tmp_path / "crash2.db", FILES * 4
        texts = write_corpus(folder, total)
        seen = kill_midway(folder, db, total)
        assert seen != -1, f"the ingest of {total} files finished before it could be killed"

    # The file is sound and every document in it is whole.
    integrity, rows = inspect(db, "SELECT id, origin, text FROM documents")
    assert integrity == [("ok",)]
    stored_now = len(rows)
    assert KILL_AFTER <= seen <= stored_now < total, (seen, stored_now, total)
    origins = [origin for _, origin, _ in rows]
    assert len(set(origins)) == stored_now
    for _, origin, text in rows:
        assert text == texts[origin].strip(), origin

    # The store opens as usual.
    runner = CliRunner()
    listed = runner.invoke(app, ["documents", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    assert len(listed.stdout.splitlines()) == stored_now

    # The same ingest again finishes the job: the earlier ones are duplicates, nothing twice.
    rerun = subprocess.run(
        [*marsad_command(), "ingest", str(folder), "--db", str(db)],
        capture_output=True, text=True, timeout=RUN_TIMEOUT, env=clean_env(), cwd=tmp_path,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip().splitlines()[-1] == f"stored {total - stored_now} · duplicate {stored_now} · failed 0"
    integrity, rows = inspect(db, "SELECT origin, text FROM documents")
    assert integrity == [("ok",)]
    assert len(rows) == total
    assert sorted(origin for origin, _ in rows) == sorted(texts)
    assert all(text == texts[origin].strip() for origin, text in rows)
