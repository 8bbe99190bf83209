"""Ingestion throughput: documents per second through reading alone and through the store.

Usage: python bench/ingest.py [--copies N]. The bundled samples are written out N times
(each copy with a distinct line so that none is a duplicate) and read back.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from marsad.ingest import IngestOptions, read_documents
from marsad.ingest.decode import decode_text
from marsad.pipeline import ingest
from marsad.settings import Settings
from marsad.store import Store

SAMPLES = Path(__file__).parent.parent / "samples" / "articles"


def make_corpus(folder: Path, copies: int) -> tuple[int, int]:
    texts = [decode_text(path.read_bytes(), str(path)) for path in sorted(SAMPLES.glob("*.txt"))]
    size = 0
    for copy in range(copies):
        for number, text in enumerate(texts):
            body = f"{text}\nرقم النسخة {copy}-{number}\n"
            (folder / f"{copy:05d}-{number:02d}.txt").write_text(body, encoding="utf-8")
            size += len(body.encode())
    return copies * len(texts), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    copies = parser.parse_args().copies
    work = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        count, size = make_corpus(corpus, copies)
        options = IngestOptions(settings=Settings(db=str(work / "bench.db")))

        started = time.perf_counter()
        read = sum(1 for _ in read_documents([str(corpus)], options))
        reading = time.perf_counter() - started

        with Store(options.settings.db) as store:
            started = time.perf_counter()
            summary = ingest([str(corpus)], options, store)
            storing = time.perf_counter() - started
        assert read == count and summary.stored == count, (read, summary)

        megabytes = size / 1e6
        print(f"corpus: {count} documents, {megabytes:.1f} MB of text")
        print(f"read (decode, detect language, hash):   {count / reading:8.0f} docs/s  {megabytes / reading:6.2f} MB/s")
        print(f"ingest into SQLite (read + extract + store): {count / storing:8.0f} docs/s  {megabytes / storing:6.2f} MB/s")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
